//! Flying motions during validation, so what the engine cannot fly is reported at its table
//! before any run: every route and orbit (cheap: kinematic), and every ballistic threat's
//! targeting (once per `[[threat]]` table; salvo members differ only in launch time).
//!
//! [`BALLISTIC_TARGETING`] switches the ballistic check off (it flies the boost and the coast
//! with the full force model, a few milliseconds per threat table).

use dynamics::{BallisticSpec, DynamicsError, ForceModel, OrbitSpec, RouteSpec};

use crate::diagnostics::{Diag, ProblemKind};
use crate::walk::Obj;

/// Whether validation flies every ballistic threat once to check its aim point is reachable.
pub(crate) const BALLISTIC_TARGETING: bool = true;

/// Largest accepted distance between impact and aim point, metres: the targeting must converge
/// well inside any defended radius (the run adds `aim_cep_m` on top).
pub(crate) const MAX_MISS_M: f64 = 100.0;

/// Reports an unreachable aim point of `spec` at the threat table `obj` (when enabled).
pub(crate) fn check_ballistic(diag: &mut Diag<'_>, obj: &Obj, spec: &BallisticSpec) {
    if !BALLISTIC_TARGETING {
        return;
    }
    if let Err(message) = reachability(spec) {
        let mut p = diag
            .error(ProblemKind::Unflyable, obj.span.clone(), &obj.path, message)
            .label("this threat")
            .help("change the shape (flight_time_s, apogee_km or loft_deg), the burn time or the aim point");
        for key in ["flight_time_s", "apogee_km", "loft_deg"]
            .into_iter()
            .filter(|k| obj.has(k))
        {
            p = p.related(obj.span_of(key), "trajectory shape set here");
        }
    }
}

/// Flies `spec` with the engine's force model: `Err` says why the aim point is not reached.
pub(crate) fn reachability(spec: &BallisticSpec) -> Result<(), String> {
    match dynamics::fly_ballistic(spec, &ForceModel::standard()) {
        Ok(solution) if solution.miss_m <= MAX_MISS_M => Ok(()),
        Ok(solution) => Err(format!(
            "the ballistic targeting misses the aim point by {:.0} m (at most {MAX_MISS_M} m)",
            solution.miss_m
        )),
        Err(DynamicsError::Unreachable { reason }) => Err(format!(
            "no ballistic trajectory reaches the aim point: {reason}"
        )),
        Err(other) => Err(format!("the ballistic flight cannot be computed: {other}")),
    }
}

/// Reports a route of the table `obj` that cannot be flown.
pub(crate) fn check_route(diag: &mut Diag<'_>, obj: &Obj, spec: &RouteSpec) {
    if let Err(e) = dynamics::fly_route(spec) {
        diag.error(
            ProblemKind::Unflyable,
            obj.span_of("route"),
            &obj.path_of("route"),
            format!("the route cannot be flown: {e}"),
        )
        .help(match e {
            DynamicsError::TooLong { .. } => "shorten the route or the scenario's duration",
            _ => "check the speeds, turn limits and points",
        });
    }
}

/// Reports an orbit (the table `orbit`, in `obj`) that cannot be flown.
pub(crate) fn check_orbit(diag: &mut Diag<'_>, obj: &Obj, spec: &OrbitSpec) {
    if let Err(e) = dynamics::fly_orbit(spec) {
        diag.error(
            ProblemKind::Unflyable,
            obj.span_of("orbit"),
            &obj.path_of("orbit"),
            format!("the orbit cannot be flown: {e}"),
        )
        .help(match e {
            DynamicsError::TooLong { .. } => "widen the orbit or shorten the scenario's duration",
            _ => "check the orbit's radius and the speed",
        });
    }
}

#[cfg(test)]
mod tests;
