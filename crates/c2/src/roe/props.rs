//! ROE properties: friends and neutrals are never engaged, weapons hold fires only in
//! self-defence, weapons tight only at hostiles, and randomised identification runs of friendly
//! and neutral objects never end in an engagement.

use super::*;
use crate::identify::{Evidence, IdRules, identify};
use base::{NationIndex, NationSet};
use proptest::prelude::*;

fn nation(i: usize) -> NationIndex {
    NationIndex::new(i).expect("in roster")
}

fn any_identity() -> impl Strategy<Value = Identity> {
    proptest::sample::select(Identity::ALL.to_vec())
}

fn any_from() -> impl Strategy<Value = RemoteFrom> {
    proptest::sample::select(vec![
        RemoteFrom::OwnNode,
        RemoteFrom::OwnNation,
        RemoteFrom::Allies,
    ])
}

fn reach(from: RemoteFrom) -> Provenance {
    match from {
        RemoteFrom::OwnNode => Provenance::OwnNode,
        RemoteFrom::OwnNation => Provenance::OwnNation,
        RemoteFrom::Allies => Provenance::Ally,
    }
}

prop_compose! {
    fn any_shooter()(
        n in 0usize..8,
        wcs in proptest::sample::select(vec![Wcs::Free, Wcs::Tight, Wcs::Hold]),
        min_quality in 0u8..16,
        max_age_s in 0.0..30.0f64,
        approval in proptest::sample::select(
            vec![ApprovalLevel::Unit, ApprovalLevel::National, ApprovalLevel::Combined],
        ),
        use_ in proptest::sample::select(
            vec![RemoteUse::Autonomous, RemoteUse::LaunchOnRemote, RemoteUse::EngageOnRemote],
        ),
        from in any_from(),
        launch_from in proptest::option::of(any_from()),
    ) -> Shooter {
        let remote = RemoteAuthority { use_, from, launch_from };
        Shooter { nation: nation(n), wcs, min_quality, max_age_s, approval, remote }
    }
}

prop_compose! {
    fn any_track()(
        identity in any_identity(),
        quality in 0u8..16,
        age_s in 0.0..30.0f64,
        flags in any::<[bool; 2]>(),
        provenance in proptest::sample::select(Provenance::ALL.to_vec()),
        release in any::<u8>(),
    ) -> TrackFacts {
        let [self_defence, intercept_in_no_fire] = flags;
        TrackFacts {
            identity, quality, age_s, provenance, release: NationSet::from_bits(release),
            self_defence, intercept_in_no_fire,
        }
    }
}

proptest! {
    #[test]
    fn never_engages_friends_or_neutrals(s in any_shooter(), t in any_track()) {
        let v = evaluate(&s, &t);
        if t.identity.is_friendly_or_neutral() {
            prop_assert_eq!(v.decision, Decision::Deny(DenyReason::FriendlyOrNeutral));
        }
    }

    #[test]
    fn hold_fires_only_in_self_defence(s in any_shooter(), t in any_track()) {
        let s = Shooter { wcs: Wcs::Hold, ..s };
        let d = evaluate(&s, &t).decision;
        if !t.self_defence || t.identity != Identity::Hostile {
            prop_assert!(d.is_deny(), "{:?}", d);
        }
    }

    #[test]
    fn tight_engages_only_hostiles(s in any_shooter(), t in any_track()) {
        let s = Shooter { wcs: Wcs::Tight, ..s };
        let d = evaluate(&s, &t).decision;
        if t.identity != Identity::Hostile {
            prop_assert!(d.is_deny(), "{:?}", d);
        }
    }

    /// Remote data: a unit's own sensors always pass; an autonomous unit uses nothing else
    /// but what its launch-on-remote part covers; otherwise a provenance passes exactly when
    /// the authority, or its launch-on-remote part, reaches that far, and the denial names the
    /// provenance. Widening the authority never turns a permit into a denial.
    #[test]
    fn remote_data_follows_provenance_and_authority(s in any_shooter(), t in any_track()) {
        let v = evaluate(&s, &t);
        let remote = v.checks.iter().find(|c| c.0 == Predicate::RemoteData).map(|c| c.1);
        let ok = t.provenance == Provenance::OwnSensors
            || (s.remote.use_ != RemoteUse::Autonomous && t.provenance <= reach(s.remote.from))
            || s.remote.launch_from.is_some_and(|l| t.provenance <= reach(l));
        let expected = if ok {
            Decision::Permit
        } else {
            Decision::Deny(DenyReason::RemoteDataNotAuthorised(t.provenance))
        };
        prop_assert_eq!(remote, Some(expected));
        if !v.decision.is_deny() {
            let wider = Shooter {
                remote: RemoteAuthority::new(RemoteUse::EngageOnRemote, RemoteFrom::Allies),
                ..s
            };
            prop_assert!(!evaluate(&wider, &t).decision.is_deny());
        }
    }

    /// Per provenance, one use: the nearer sources get `use_` (up to `from`), the farther
    /// ones up to `launch_from` launch-on-remote; a launch-only source never guides a round,
    /// a guiding one is never launch-only, and a source is permitted exactly when it does
    /// one of the two. Own sensors always guide.
    #[test]
    fn each_provenance_has_one_use(s in any_shooter()) {
        let a = s.remote;
        prop_assert!(a.guides(Provenance::OwnSensors));
        for p in Provenance::ALL {
            prop_assert!(!(a.guides(p) && a.launch_only(p)), "{:?} {:?}", a, p);
            prop_assert_eq!(a.permits(p), a.guides(p) || a.launch_only(p), "{:?} {:?}", a, p);
            let primary = a.use_ != RemoteUse::Autonomous && p != Provenance::OwnSensors
                && p <= reach(a.from);
            if primary {
                prop_assert_eq!(a.use_on(p), Some(a.use_));
            } else if p != Provenance::OwnSensors
                && a.launch_from.is_some_and(|l| p <= reach(l))
            {
                prop_assert_eq!(a.use_on(p), Some(RemoteUse::LaunchOnRemote));
            } else {
                prop_assert_eq!(a.use_on(p), None);
            }
        }
        prop_assert_eq!(a.any_launch_only(), Provenance::ALL.iter().any(|&p| a.launch_only(p)));
    }

    #[test]
    fn decision_is_first_denial_else_authority(s in any_shooter(), t in any_track()) {
        let v = evaluate(&s, &t);
        let first = v.checks.iter().map(|c| c.1).find(|d| d.is_deny());
        prop_assert_eq!(v.decision, first.unwrap_or(v.checks[Predicate::COUNT - 1].1));
    }

    /// Randomised runs: friendly objects answer military IFF at their first interrogation,
    /// neutrals fly filed plans and answer civil IFF; both are interrogated inside the pending
    /// window and neither flies ballistic or from a hostile origin. Kinematics are arbitrary
    /// (including attack profiles), the WCS and shooter change every epoch. Nothing friendly
    /// or neutral may ever be permitted or put up for approval.
    #[test]
    fn randomised_runs_never_engage_truth_friends_or_neutrals(
        neutral in any::<bool>(),
        first_interrogation_s in 0.0..5.9f64,
        epochs in proptest::collection::vec(
            (0.5..3.0f64, 0.0..400.0f64, -50.0..12_000.0f64, -30.0..30.0f64,
             proptest::option::of(0.0..100_000.0f64), 0.0..9_999.0f64, any_shooter(),
             any_track()),
            1..40,
        ),
    ) {
        let rules = IdRules::defaults();
        let mut held_s = 0.0;
        let mut identity = Identity::Pending;
        for (dt, speed_mps, altitude_m, climb_mps, closing, plan_miss, s, t) in epochs {
            held_s += dt;
            let interrogated = held_s >= first_interrogation_s;
            let e = Evidence {
                held_s,
                interrogated,
                military_reply: interrogated && !neutral,
                civil_reply: interrogated && neutral,
                speed_mps,
                altitude_m,
                climb_mps,
                flight_plan_miss_m: neutral.then_some(plan_miss),
                closing_asset_m: closing,
                ..Evidence::none()
            };
            identity = identify(&e, identity, &rules).identity;
            let d = evaluate(&s, &TrackFacts { identity, ..t }).decision;
            prop_assert!(d.is_deny(), "{:?} engaged as {:?} at {} s", d, identity, held_s);
        }
    }
}
