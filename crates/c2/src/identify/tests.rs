//! Identification tables: rule precedence, hysteresis, names and change records.

use super::*;
use base::{NodeId, SimTime};

/// A track held past the pending window, interrogated without reply, flying nothing special.
fn held() -> Evidence {
    Evidence {
        held_s: 30.0,
        interrogated: true,
        speed_mps: 220.0,
        altitude_m: 9_000.0,
        ..Evidence::none()
    }
}

/// A cruise-missile-like approach on a defended asset (rules' defaults: ≥150 m/s, ≤1 500 m,
/// ≤5 m/s climb, ≤80 km).
fn attacking() -> Evidence {
    Evidence {
        speed_mps: 240.0,
        altitude_m: 50.0,
        climb_mps: -1.0,
        closing_asset_m: Some(40_000.0),
        ..held()
    }
}

fn id(e: &Evidence, previous: Identity) -> (Identity, &'static str) {
    let d = identify(e, previous, &IdRules::defaults());
    (d.identity, d.reason.as_str())
}

#[test]
fn precedence_table() {
    use Identity::*;
    let cases: Vec<(&str, Evidence, Identity, &str)> = vec![
        (
            "a failed transponder on a filed flight plan is assumed friend (procedural ID)",
            Evidence {
                interrogated: true,
                flight_plan_miss_m: Some(2_000.0),
                ..held()
            },
            AssumedFriend,
            "flight_plan",
        ),
        (
            "military IFF beats a fast low attack profile",
            Evidence {
                military_reply: true,
                ..attacking()
            },
            Friend,
            "military_iff",
        ),
        (
            "military IFF beats a ballistic profile",
            Evidence {
                military_reply: true,
                ballistic: Ballistic::Established,
                ..held()
            },
            Friend,
            "military_iff",
        ),
        (
            "civil IFF on a flight plan is neutral, even from a hostile origin",
            Evidence {
                civil_reply: true,
                flight_plan_miss_m: Some(3_000.0),
                hostile_origin: true,
                ..held()
            },
            Neutral,
            "flight_plan_civil_iff",
        ),
        (
            "ballistic",
            Evidence {
                ballistic: Ballistic::Established,
                ..held()
            },
            Hostile,
            "ballistic_profile",
        ),
        (
            "ballistic even when civil IFF answers off plan",
            Evidence {
                ballistic: Ballistic::Established,
                civil_reply: true,
                ..held()
            },
            Hostile,
            "ballistic_profile",
        ),
        (
            "too fast for an aircraft but free fall not established: wait (ghost guard)",
            Evidence {
                ballistic: Ballistic::Unconfirmed,
                speed_mps: 5_000.0,
                altitude_m: 60_000.0,
                ..held()
            },
            Pending,
            "ballistic_unconfirmed",
        ),
        (
            "an established but unbound 'ballistic' track is no missile",
            Evidence {
                ballistic: Ballistic::Established,
                speed_mps: 11_300.0,
                altitude_m: 140_000.0,
                ..held()
            },
            Unknown,
            "ballistic_implausible",
        ),
        (
            "an established track at 7.7 km/s, 60 km up, level, is faster than any missile",
            Evidence {
                ballistic: Ballistic::Established,
                speed_mps: 7_700.0,
                altitude_m: 60_000.0,
                climb_mps: 0.0,
                ..held()
            },
            Unknown,
            "ballistic_implausible",
        ),
        (
            "a re-entry vehicle at 5 km/s, 80 km up, descending, is plausible",
            Evidence {
                ballistic: Ballistic::Established,
                speed_mps: 5_000.0,
                altitude_m: 80_000.0,
                climb_mps: -2_000.0,
                ..held()
            },
            Hostile,
            "ballistic_profile",
        ),
        (
            "no reply, attack profile",
            attacking(),
            Hostile,
            "no_reply_attack_profile",
        ),
        (
            "no reply, attack profile, decided inside the pending window",
            Evidence {
                held_s: 1.0,
                ..attacking()
            },
            Hostile,
            "no_reply_attack_profile",
        ),
        (
            "hostile origin",
            Evidence {
                hostile_origin: true,
                ..held()
            },
            Hostile,
            "hostile_origin",
        ),
        (
            "hostile origin outranks an uninterrogated flight plan",
            Evidence {
                hostile_origin: true,
                interrogated: false,
                flight_plan_miss_m: Some(1.0),
                ..held()
            },
            Hostile,
            "hostile_origin",
        ),
        (
            "flight plan, not interrogated yet",
            Evidence {
                interrogated: false,
                flight_plan_miss_m: Some(9_999.0),
                ..held()
            },
            AssumedFriend,
            "flight_plan",
        ),
        (
            "flight plan just outside the 10 km gate",
            Evidence {
                interrogated: false,
                flight_plan_miss_m: Some(10_001.0),
                ..held()
            },
            Unknown,
            "held_unknown",
        ),
        (
            "civil reply with the plan outside the gate is civil traffic",
            Evidence {
                civil_reply: true,
                flight_plan_miss_m: Some(10_001.0),
                ..held()
            },
            Neutral,
            "civil_iff_no_plan",
        ),
        (
            "new track",
            Evidence {
                held_s: 5.9,
                ..held()
            },
            Pending,
            "no_evidence",
        ),
        (
            "pending window over, no reply",
            Evidence {
                held_s: 6.0,
                ..held()
            },
            Unknown,
            "no_reply",
        ),
        (
            "attack profile, not interrogated",
            Evidence {
                interrogated: false,
                ..attacking()
            },
            Suspect,
            "attack_profile",
        ),
        (
            "attack profile answered by civil IFF without a plan",
            Evidence {
                civil_reply: true,
                ..attacking()
            },
            Suspect,
            "attack_profile",
        ),
        (
            "attack profile, not interrogated, inside the pending window",
            Evidence {
                interrogated: false,
                held_s: 2.0,
                ..attacking()
            },
            Pending,
            "no_evidence",
        ),
        (
            "too slow for an attack profile",
            Evidence {
                speed_mps: 149.0,
                ..attacking()
            },
            Unknown,
            "no_reply",
        ),
        (
            "too high for an attack profile",
            Evidence {
                altitude_m: 1_501.0,
                ..attacking()
            },
            Unknown,
            "no_reply",
        ),
        (
            "climbing away is not an attack profile",
            Evidence {
                climb_mps: 6.0,
                ..attacking()
            },
            Unknown,
            "no_reply",
        ),
        (
            "too far from the asset for an attack profile",
            Evidence {
                closing_asset_m: Some(80_001.0),
                ..attacking()
            },
            Unknown,
            "no_reply",
        ),
        (
            "not closing on any asset",
            Evidence {
                closing_asset_m: None,
                ..attacking()
            },
            Unknown,
            "no_reply",
        ),
        (
            "never interrogated",
            Evidence {
                interrogated: false,
                ..held()
            },
            Unknown,
            "held_unknown",
        ),
        (
            "NaN hold time stays pending",
            Evidence {
                held_s: f64::NAN,
                ..held()
            },
            Pending,
            "no_evidence",
        ),
    ];
    for (name, e, identity, reason) in cases {
        assert_eq!(id(&e, Identity::Pending), (identity, reason), "{name}");
    }
}

#[test]
fn hysteresis_table() {
    use Identity::*;
    let no_reply = held();
    let cases: Vec<(&str, Evidence, Identity, Identity, &str)> = vec![
        (
            "a friend survives a missing reply",
            no_reply.clone(),
            Friend,
            Friend,
            "retained",
        ),
        (
            "a neutral survives a missing reply",
            no_reply.clone(),
            Neutral,
            Neutral,
            "retained",
        ),
        (
            "a friend survives an attack profile",
            attacking(),
            Friend,
            Friend,
            "retained",
        ),
        (
            "a friend is not made hostile by origin alone",
            Evidence {
                hostile_origin: true,
                ..held()
            },
            Friend,
            Friend,
            "retained",
        ),
        (
            "a friend turning ballistic is hostile",
            Evidence {
                ballistic: Ballistic::Established,
                ..held()
            },
            Friend,
            Hostile,
            "ballistic_profile",
        ),
        (
            "an assumed friend attacking without reply is hostile",
            attacking(),
            AssumedFriend,
            Hostile,
            "no_reply_attack_profile",
        ),
        (
            "an assumed friend is not made unknown by a missing reply",
            no_reply.clone(),
            AssumedFriend,
            AssumedFriend,
            "retained",
        ),
        (
            "a hostile stays hostile when the profile ends",
            no_reply.clone(),
            Hostile,
            Hostile,
            "retained",
        ),
        (
            "a suspect stays suspect",
            no_reply.clone(),
            Suspect,
            Suspect,
            "retained",
        ),
        (
            "a late military reply clears a hostile",
            Evidence {
                military_reply: true,
                ..attacking()
            },
            Hostile,
            Friend,
            "military_iff",
        ),
        (
            "unknown becomes suspect on an attack profile",
            Evidence {
                interrogated: false,
                ..attacking()
            },
            Unknown,
            Suspect,
            "attack_profile",
        ),
        (
            "unknown never goes back to pending",
            Evidence {
                held_s: 1.0,
                ..held()
            },
            Unknown,
            Unknown,
            "retained",
        ),
    ];
    for (name, e, previous, identity, reason) in cases {
        assert_eq!(id(&e, previous), (identity, reason), "{name}");
    }
}

#[test]
fn names_are_snake_case_and_distinct() {
    let names: Vec<_> = Identity::ALL.iter().map(|i| i.as_str()).collect();
    assert_eq!(
        names,
        [
            "pending",
            "unknown",
            "assumed_friend",
            "friend",
            "neutral",
            "suspect",
            "hostile"
        ]
    );
    assert!(Identity::Friend.is_friendly_or_neutral());
    assert!(!Identity::Unknown.is_friendly_or_neutral());
}

#[test]
fn change_records_authority_only_on_change() {
    let node = NodeId::new(3);
    let at = SimTime::from_secs(42);
    let d = identify(&attacking(), Identity::Unknown, &IdRules::defaults());
    let c = d
        .change(Identity::Unknown, node, at)
        .expect("unknown → hostile is a change");
    assert_eq!(
        (c.at, c.authority, c.from, c.to, c.reason),
        (
            at,
            node,
            Identity::Unknown,
            Identity::Hostile,
            IdReason::NoReplyAttackProfile
        )
    );
    assert_eq!(d.change(Identity::Hostile, node, at), None);
}

mod free_fall {
    //! The ghost-track guard's history test on synthetic tracks: free fall (with drag or
    //! thrust along the velocity) establishes, a ghost does not.

    use super::super::ballistic::{
        FREE_FALL_D2, FreeFallHistory, LATERAL_SIGMA_MPS2, Update, free_fall_d2, plausible,
    };
    use super::super::{Ballistic, IdRules};
    use geodesy::wgs84::{GM_M3_S2, OMEGA_RAD_S};

    /// Rotating-frame acceleration of free fall at (r, v).
    fn gravity(r: [f64; 3], v: [f64; 3]) -> [f64; 3] {
        let rn = (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]).sqrt();
        let k = -GM_M3_S2 / rn.powi(3);
        let w = OMEGA_RAD_S;
        [
            k * r[0] + w * w * r[0] + 2.0 * w * v[1],
            k * r[1] + w * w * r[1] - 2.0 * w * v[0],
            k * r[2],
        ]
    }

    /// Integrates free fall plus `along_mps2` along the velocity (thrust > 0, drag < 0) from
    /// a point 100 km up, and samples an update every `dt_s`, velocity σ `sigma_v`.
    fn flight(n: usize, dt_s: f64, along_mps2: f64, sigma_v: f64) -> Vec<Update> {
        let mut r: [f64; 3] = [-3.9e6, 3.4e6, 3.7e6];
        let rn = (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]).sqrt();
        for x in &mut r {
            *x *= (rn + 100_000.0) / rn;
        }
        let mut v: [f64; 3] = [1_500.0, 1_000.0, -1_200.0];
        let h = 0.01;
        let mut out = Vec::new();
        for k in 0..n {
            out.push(Update {
                t_s: k as f64 * dt_s,
                position_m: r,
                velocity_mps: v,
                velocity_cov: [
                    [sigma_v * sigma_v, 0.0, 0.0],
                    [0.0, sigma_v * sigma_v, 0.0],
                    [0.0, 0.0, sigma_v * sigma_v],
                ],
            });
            if k + 1 == n {
                break;
            }
            for _ in 0..(dt_s / h).round() as usize {
                let g = gravity(r, v);
                let s = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
                for i in 0..3 {
                    v[i] += (g[i] + along_mps2 * v[i] / s) * h;
                    r[i] += v[i] * h;
                }
            }
        }
        out
    }

    fn history(updates: &[Update]) -> FreeFallHistory {
        let mut h = FreeFallHistory::new();
        for u in updates {
            h.observe(*u);
        }
        h
    }

    #[test]
    fn free_fall_fits_with_drag_or_thrust_along_the_velocity() {
        for along in [0.0, -150.0, 60.0] {
            let u = flight(6, 2.0, along, 5.0);
            for pair in u.windows(2) {
                let d2 = free_fall_d2(&pair[0], &pair[1]).expect("formed");
                assert!(d2 < 1.0, "along {along} m/s²: d² {d2}");
            }
            let h = history(&u);
            assert!(h.established(&IdRules::defaults()), "along {along}");
            assert_eq!(h.failures(), 0);
        }
    }

    #[test]
    fn too_few_updates_or_too_short_a_span_is_not_established() {
        let rules = IdRules::defaults();
        assert!(
            !history(&flight(3, 4.0, 0.0, 5.0)).established(&rules),
            "3 updates"
        );
        assert!(
            !history(&flight(4, 1.0, 0.0, 5.0)).established(&rules),
            "3 s span"
        );
        assert!(
            history(&flight(4, 2.0, 0.0, 5.0)).established(&rules),
            "4 over 6 s"
        );
    }

    #[test]
    fn a_sideways_jump_restarts_the_history() {
        let mut u = flight(8, 2.0, 0.0, 5.0);
        // A lateral velocity jump of 200 m/s over 2 s: 100 m/s², twenty σ of the lateral
        // tolerance — what a track dragged by a false alarm looks like.
        let n = [-0.6, 0.8, 0.0];
        for x in u.iter_mut().skip(4) {
            for (v, n) in x.velocity_mps.iter_mut().zip(n) {
                *v += 200.0 * n;
            }
        }
        let d2 = free_fall_d2(&u[3], &u[4]).expect("formed");
        assert!(d2 > FREE_FALL_D2 * 10.0, "d² {d2}");
        let h = history(&u);
        assert_eq!((h.failures(), h.run()), (1, 4));
        // Four more updates over 6 s after the jump establish it again.
        assert!(h.established(&IdRules::defaults()));
        assert!(!history(&u[..6]).established(&IdRules::defaults()));
        // With the velocity only known to ±300 m/s the same jump is noise, not evidence.
        let mut loose = u.clone();
        for x in &mut loose {
            x.velocity_cov = [[9e4, 0.0, 0.0], [0.0, 9e4, 0.0], [0.0, 0.0, 9e4]];
        }
        assert!(free_fall_d2(&loose[3], &loose[4]).expect("formed") < FREE_FALL_D2);
        let _ = LATERAL_SIGMA_MPS2;
    }

    #[test]
    fn updates_out_of_order_or_repeated_are_ignored() {
        let u = flight(5, 2.0, 0.0, 5.0);
        let mut h = FreeFallHistory::new();
        for x in [u[0], u[1], u[1], u[0], u[2], u[3]] {
            h.observe(x);
        }
        assert_eq!(h.run(), 4);
    }

    #[test]
    fn plausibility_is_a_ballistic_missile_energy() {
        let rules = IdRules::defaults();
        let r = geodesy::wgs84::MEAN_RADIUS_M;
        assert!(
            plausible(r + 100_000.0, 3_000.0, -1_000.0, &rules),
            "MRBM re-entry"
        );
        assert!(
            plausible(r + 300_000.0, 200.0, 0.0, &rules),
            "lofted apogee"
        );
        assert!(!plausible(r + 140_000.0, 11_300.0, 0.0, &rules), "unbound");
        assert!(
            !plausible(r + 2_000_000.0, 6_900.0, 0.0, &rules),
            "in orbit: never comes down"
        );
        assert!(
            !plausible(r + 100_000.0, 7_600.0, -3_000.0, &rules),
            "over the speed limit"
        );
        assert!(!plausible(f64::NAN, 1.0, 0.0, &rules));
        let _ = Ballistic::Established;
    }
}
