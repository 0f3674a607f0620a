//! `[[interceptor]]` types and the `[c2]` doctrine.
//!
//! Checked here, with both ends: an interceptor's `min_range_km` < `max_range_km` and
//! `min_alt_km` < `max_alt_km`; it can engage something (`sspk_ballistic` or `sspk_air` > 0);
//! a `[c2]` salvo (when not shooting-looking-shooting) no larger than `max_shots_per_threat`.
//! Kilometres become metres here; everything else is already in engine units.

use sim::{ApprovalLevel, C2Config, InterceptorType, WtaObjective};

use super::sensing::{M_PER_KM, in_order};
use super::{Ctx, all, secs};
use crate::diagnostics::{Diag, ProblemKind};
use crate::spec::Entity;
use crate::walk::Obj;

/// The `[[interceptor]]` tables, in file order (index = `InterceptorTypeId`).
pub(super) fn interceptors(diag: &mut Diag<'_>, cx: &Ctx<'_>) -> Option<Vec<InterceptorType>> {
    all(cx
        .objs(Entity::Interceptor)
        .iter()
        .map(|o| interceptor(diag, o)))
}

fn interceptor(diag: &mut Diag<'_>, obj: &Obj) -> Option<InterceptorType> {
    let ranges_ok = in_order(diag, obj, "min_range_km", "max_range_km");
    let alts_ok = in_order(diag, obj, "min_alt_km", "max_alt_km");
    let (ballistic, air) = (obj.num("sspk_ballistic")?, obj.num("sspk_air")?);
    if ballistic == 0.0 && air == 0.0 {
        diag.error(
            ProblemKind::Mismatch,
            obj.span_of("sspk_ballistic"),
            &obj.path_of("sspk_ballistic"),
            "an interceptor must be able to kill something: sspk_ballistic and sspk_air are both 0",
        )
        .related(obj.span_of("sspk_air"), "`sspk_air` set here")
        .help("give the kill probability against the class it is meant for");
        return None;
    }
    if !(ranges_ok && alts_ok) {
        return None;
    }
    Some(InterceptorType {
        name: obj.text("name")?.to_owned(),
        speed_mps: obj.num("speed_mps")?,
        boost_s: obj.num("boost_s")?,
        min_range_m: obj.num("min_range_km")? * M_PER_KM,
        max_range_m: obj.num("max_range_km")? * M_PER_KM,
        min_alt_m: obj.num("min_alt_km")? * M_PER_KM,
        max_alt_m: obj.num("max_alt_km")? * M_PER_KM,
        reaction_s: obj.num("reaction_s")?,
        sspk_ballistic: ballistic,
        sspk_air: air,
        basket_m: obj.num("basket_m")?,
        seeker_range_m: match obj.num("seeker_range_km") {
            Some(km) => km * M_PER_KM,
            None => DEFAULT_SEEKER_BASKETS * obj.num("basket_m")?,
        },
        seeker_fov_deg: obj.num("seeker_fov_deg")?,
        ka_detect: obj.num("ka_detect")?,
        ka_false_kill: obj.num("ka_false_kill")?,
    })
}

/// The `[c2]` table, or [`C2Config::defaults`] without one.
pub(super) fn c2(diag: &mut Diag<'_>, cx: &Ctx<'_>) -> Option<C2Config> {
    let Some(obj) = cx.root.table("c2") else {
        // Given but not a table: reported by the walker.
        return (!cx.root.given("c2")).then(C2Config::defaults);
    };
    let salvo_ok = salvo_within_shots(diag, obj);
    let launch_ok = super::roe::doctrine_launch_from_ok(diag, cx, obj);
    let objective = match obj.text("objective")? {
        "target_value" => WtaObjective::TargetValue,
        _ => WtaObjective::AssetBased,
    };
    let approval = match obj.text("approval")? {
        "unit" => ApprovalLevel::Unit,
        "combined" => ApprovalLevel::Combined,
        _ => ApprovalLevel::National,
    };
    if !salvo_ok || !launch_ok {
        return None;
    }
    Some(C2Config {
        decision_period: secs(obj.num("decision_period_s")?),
        // The walker accepted only the enum's names.
        solver: obj.text("solver")?.parse().ok()?,
        objective,
        shoot_look_shoot: obj.bool("shoot_look_shoot")?,
        salvo: u32::try_from(obj.int("salvo")?).ok()?,
        max_shots_per_threat: u32::try_from(obj.int("max_shots_per_threat")?).ok()?,
        reserve_fraction: obj.num("reserve_fraction")?,
        min_planned_pk: obj.num("min_planned_pk")?,
        commit_horizon: secs(obj.num("commit_horizon_s")?),
        approval,
        min_track_quality: u8::try_from(obj.int("min_track_quality")?).ok()?,
        max_track_age: secs(obj.num("max_track_age_s")?),
        self_defence_radius_m: obj.num("self_defence_radius_km")? * M_PER_KM,
    })
}

/// Seeker acquisition range, in basket radii, of an interceptor type that does not give one.
const DEFAULT_SEEKER_BASKETS: f64 = 20.0;

/// One salvo may not exceed the per-threat limit (it could never be fired), whether salvos
/// follow each other or each waits for a look.
/// Reported at the key written in the file (`salvo` if both are); true if fine or unknown.
fn salvo_within_shots(diag: &mut Diag<'_>, obj: &Obj) -> bool {
    let (salvo_key, max_key) = ("salvo", "max_shots_per_threat");
    let (Some(salvo), Some(max)) = (obj.int(salvo_key), obj.int(max_key)) else {
        return true;
    };
    if salvo <= max {
        return true;
    }
    let (at, other, other_v) = if obj.given(salvo_key) {
        (salvo_key, max_key, max)
    } else {
        (max_key, salvo_key, salvo)
    };
    let label = if obj.given(other) {
        format!("`{other}` set here")
    } else {
        format!("`{other}` defaults to {other_v}")
    };
    diag.error(
        ProblemKind::Mismatch,
        obj.span_of(at),
        &obj.path_of(at),
        format!("{salvo_key} ({salvo}) must not exceed {max_key} ({max})",),
    )
    .related(obj.span_of(other), label);
    false
}

#[cfg(test)]
mod tests;
