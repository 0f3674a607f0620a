//! Ballistic targeting during validation: an aim point no trajectory reaches is reported at
//! the threat, before any run.
//!
//! FIXME(ballistic work): `dynamics::fly_ballistic` is still a stub (`unimplemented!`), so the
//! check is off. When it lands, set [`BALLISTIC_TARGETING`] to `true`; the test
//! `targeting::tests::unreachable_aim_is_reported` already exercises [`reachability`] as soon
//! as the solver answers.

use dynamics::{BallisticSpec, DynamicsError, ForceModel};

use crate::diagnostics::{Diag, ProblemKind};
use crate::walk::Obj;

/// Whether validation flies every ballistic threat once to check its aim point is reachable.
pub(crate) const BALLISTIC_TARGETING: bool = false;

/// Largest accepted distance between impact and aim point, metres: the targeting must converge
/// well inside any defended radius (the run adds `aim_cep_m` on top).
pub(crate) const MAX_MISS_M: f64 = 100.0;

/// Reports an unreachable aim point of `spec` at the threat table `obj` (when enabled).
pub(crate) fn check(diag: &mut Diag<'_>, obj: &Obj, spec: &BallisticSpec) {
    if !BALLISTIC_TARGETING {
        return;
    }
    if let Err(message) = reachability(spec) {
        diag.error(ProblemKind::Unflyable, obj.span.clone(), &obj.path, message)
            .label("this threat")
            .help("change the shape (flight_time_s, apogee_km or loft_deg), the burn time or the aim point");
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

#[cfg(test)]
mod tests;
