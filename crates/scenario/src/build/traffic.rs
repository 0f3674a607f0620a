//! `[[traffic]]`: friendly and neutral flights that must never be engaged.

use base::{Probability, Side};
use dynamics::{RouteSpec, TurnLimit};
use sim::TrafficKind;

use super::platforms::{Medium, route_points};
use super::{Ctx, secs};
use crate::diagnostics::Diag;
use crate::walk::Obj;

pub(super) fn traffic(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<sim::Traffic> {
    // Outer `Some`: a nation is written; inner: it resolved.
    let nation = obj.given("nation").then(|| cx.nation(diag, obj, "nation"));
    let depart_s = obj.num("depart_s");
    if let Some(t) = depart_s {
        cx.check_in_run(diag, obj, "depart_s", t, "the departure");
    }
    let points = route_points(diag, obj, Medium::Air);
    let kind = match obj.text("kind")? {
        "airliner" => TrafficKind::Airliner,
        "fighter" => TrafficKind::Fighter,
        "transport" => TrafficKind::Transport,
        _ => TrafficKind::Patrol,
    };
    let side = match obj.tag? {
        "friendly" => Side::Friendly,
        _ => Side::Neutral,
    };
    let route = RouteSpec {
        start_time: base::SimTime::ZERO + secs(depart_s?),
        points: points?,
        speed_mps: obj.num("speed_mps")?,
        turn: TurnLimit::BankDeg(obj.num("max_bank_deg")?),
        max_vertical_mps: obj.num("max_climb_mps")?,
        repeat: obj.bool("repeat")?,
        ends_in_impact: false,
        hold_at_end: false,
        until: cx.until(),
    };
    crate::flight::check_route(diag, obj, &route);
    Some(sim::Traffic {
        name: obj.text("name")?.to_owned(),
        kind,
        side,
        nation: match nation {
            Some(resolved) => Some(resolved?),
            None => None,
        },
        route,
        departure_jitter_s: obj.num("departure_jitter_s")?,
        iff_reliability: Probability::new(obj.num("iff_reliability")?).ok()?,
        signature: super::sensing::signature(obj)?,
    })
}
