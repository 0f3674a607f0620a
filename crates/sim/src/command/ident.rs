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
        // The (costlier) plan correlation is skipped only where no rule reads it: a military
        // reply decides first, and a ballistic track without a civil reply is decided by the
        // ballistic rules before the procedural one. A ballistic track *with* a civil reply
        // must be correlated: civil reply and plan (neutral) outrank the ballistic profile,
        // so an airliner's track that diverged into a ballistic class is not declared hostile.
        flight_plan_miss_m: if h.iff.military_reply || (h.ballistic && !h.iff.civil_reply) {
            None
        } else {
            plans.miss_m(h.time, p)
        },
        closing_asset_m,
        hostile_origin: false,
    };
    identify(&e, previous, rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base::NationSet;
    use c2::identify::{Ballistic, IdReason};
    use dynamics::TrajectoryBuilder;
    use geodesy::{Velocity, Wgs84};
    use network::wire::IffEvidence;

    /// An airliner's filed route through 26°N 127.5°E at 9 km, flown east at 230 m/s.
    fn plans() -> FlightPlans {
        let p = Wgs84::from_degrees(26.0, 127.5, 9_000.0)
            .expect("valid")
            .to_ecef();
        let mut b = TrajectoryBuilder::new();
        for k in 0..=40 {
            let t = SimTime::from_secs(k * 10);
            // Stationary in ECEF is close enough: the gate is 10 km, the slip search ±2 min.
            b.push(t, p, Velocity::ecef(0.0, 0.0, 0.0));
        }
        FlightPlans {
            plans: vec![b.build()],
        }
    }

    fn held(ballistic: bool, history: Ballistic, civil_reply: bool) -> HeldTrack {
        let p = Wgs84::from_degrees(26.0, 127.49, 8_800.0)
            .expect("valid")
            .to_ecef()
            .xyz_m();
        let mut cov = [[0.0; 6]; 6];
        for (i, row) in cov.iter_mut().enumerate() {
            row[i] = if i < 3 { 1.0e6 } else { 1.0e4 };
        }
        HeldTrack {
            number: 16385,
            time: SimTime::from_secs(142),
            // 600 m/s straight down: a free-fall-looking estimate.
            x: [
                p.x,
                p.y,
                p.z,
                -600.0 * p.x / p.norm(),
                -600.0 * p.y / p.norm(),
                -600.0 * p.z / p.norm(),
            ],
            p: cov,
            quality: 7,
            last_update: SimTime::from_secs(142),
            ballistic,
            ballistic_history: history,
            release: NationSet::default(),
            sources: base::SensorSet::default(),
            remote_nodes: Vec::new(),
            first_hand: true,
            iff: IffEvidence {
                interrogated: true,
                military_reply: false,
                civil_reply,
            },
        }
    }

    #[test]
    fn a_civil_reply_on_a_filed_plan_outranks_a_ballistic_class() {
        // The default scenario's fratricide: an airliner's track (civil reply, on its plan)
        // took a ballistic class and an "established" history from a diverged local track.
        // Plan correlation was skipped for ballistic tracks, so the ballistic rule fired.
        let d = identify_track(
            &held(true, Ballistic::Established, true),
            30.0,
            Identity::Neutral,
            &plans(),
            &[],
            &IdRules::defaults(),
        );
        assert_eq!(
            (d.identity, d.reason),
            (Identity::Neutral, IdReason::FlightPlanCivilIff)
        );
        // Without the civil reply the same track is what its kinematics say.
        let d = identify_track(
            &held(true, Ballistic::Established, false),
            30.0,
            Identity::Pending,
            &plans(),
            &[],
            &IdRules::defaults(),
        );
        assert_eq!(
            (d.identity, d.reason),
            (Identity::Hostile, IdReason::BallisticProfile)
        );
    }
}
