//! The `[identification]` thresholds (`c2::identify::IdRules`). Every key has a default and
//! a bounded range (checked by the walker); kilometres become metres here.

use sim::IdRules;

use super::Ctx;
use super::sensing::M_PER_KM;

/// The `[identification]` table, or [`IdRules::defaults`] without one.
pub(super) fn rules(cx: &Ctx<'_>) -> Option<IdRules> {
    let Some(obj) = cx.root.table("identification") else {
        // Given but not a table: reported by the walker.
        return (!cx.root.given("identification")).then(IdRules::defaults);
    };
    Some(IdRules {
        pending_s: obj.num("pending_s")?,
        plan_gate_m: obj.num("plan_gate_km")? * M_PER_KM,
        attack_range_m: obj.num("attack_range_km")? * M_PER_KM,
        attack_min_speed_mps: obj.num("attack_min_speed_mps")?,
        attack_max_alt_m: obj.num("attack_max_alt_m")?,
        attack_max_climb_mps: obj.num("attack_max_climb_mps")?,
        ballistic_min_updates: u32::try_from(obj.int("ballistic_min_updates")?).ok()?,
        ballistic_min_span_s: obj.num("ballistic_min_span_s")?,
        ballistic_max_speed_mps: obj.num("ballistic_max_speed_mps")?,
    })
}
