//! Identification at decision epochs: evidence from a node's picture (IFF, kinematics, filed
//! flight plans and own-force positions, closing on a defended asset) through `c2::identify`,
//! with every change logged under the authority that made it.

use crate::node::HeldTrack;
use base::{SimDuration, SimTime};
use c2::identify::{Evidence, IdRules, Identity, identify};
use dynamics::Trajectory;
use geodesy::Position;

/// Flight plans the command knows: filed routes of friendly and neutral traffic (flown
/// without the departure jitter the truth draws) and own airborne platforms' positions
/// (reported on the link, PPLI-like).
#[derive(Debug, Default)]
pub(crate) struct FlightPlans {
    pub(crate) plans: Vec<Trajectory>,
}

impl FlightPlans {
    /// Distance from `p` to the nearest plan's expected position around `t`, allowing a
    /// schedule slip of up to ±2 min (flights leave late or early), if any plan is live.
    pub(crate) fn miss_m(&self, t: SimTime, p: [f64; 3]) -> Option<f64> {
        const SLIP_STEP_S: i64 = 30;
        self.plans
            .iter()
            .flat_map(|tr| {
                (-4..=4)
                    .filter_map(move |k| tr.state_at(t + SimDuration::from_secs(k * SLIP_STEP_S)))
            })
            .map(|s| {
                let q = s.position.xyz_m();
                ((q.x - p[0]).powi(2) + (q.y - p[1]).powi(2) + (q.z - p[2]).powi(2)).sqrt()
            })
            .min_by(f64::total_cmp)
    }
}

/// Identification of one track.
pub(crate) fn identify_track(
    h: &HeldTrack,
    held_s: f64,
    previous: Identity,
    plans: &FlightPlans,
    assets_ecef: &[[f64; 3]],
    rules: &IdRules,
) -> c2::identify::IdDecision {
    let p = [h.x[0], h.x[1], h.x[2]];
    let v = [h.x[3], h.x[4], h.x[5]];
    let lla = Position::ecef(p[0], p[1], p[2]).to_wgs84();
    let up = {
        let n = (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]).sqrt().max(1.0);
        [p[0] / n, p[1] / n, p[2] / n]
    };
    let climb = v[0] * up[0] + v[1] * up[1] + v[2] * up[2];
    let speed = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
    let closing_asset_m = assets_ecef
        .iter()
        .map(|a| {
            let d = [a[0] - p[0], a[1] - p[1], a[2] - p[2]];
            let r = (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).sqrt();
            let closing = (d[0] * v[0] + d[1] * v[1] + d[2] * v[2]) / r.max(1.0);
            (r, closing)
        })
        .filter(|(_, closing)| *closing > 0.0)
        .map(|(r, _)| r)
        .min_by(f64::total_cmp);
    let e = Evidence {
        held_s,
        interrogated: h.iff.interrogated,
        military_reply: h.iff.military_reply,
        civil_reply: h.iff.civil_reply,
        speed_mps: speed,
        altitude_m: lla.alt_m(),
        climb_mps: climb,
        ballistic: h.ballistic_history,
        // Only weaker evidence needs the (costlier) plan correlation.
        flight_plan_miss_m: if h.iff.military_reply || h.ballistic {
            None
        } else {
            plans.miss_m(h.time, p)
        },
        closing_asset_m,
        hostile_origin: false,
    };
    identify(&e, previous, rules)
}
