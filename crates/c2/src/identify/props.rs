//! Identification properties: positive friend/neutral evidence is never overridden, the rules
//! are idempotent, and friends and neutrals move only on strong evidence.

use super::*;
use proptest::prelude::*;

fn any_identity() -> impl Strategy<Value = Identity> {
    proptest::sample::select(Identity::ALL.to_vec())
}

prop_compose! {
    fn any_evidence()(
        held_s in 0.0..100.0f64,
        flags in any::<[bool; 6]>(),
        ballistic in proptest::sample::select(vec![Ballistic::No, Ballistic::Unconfirmed, Ballistic::Established]),
        speed_mps in 0.0..3_000.0f64,
        altitude_m in -100.0..200_000.0f64,
        climb_mps in -2_000.0..2_000.0f64,
        plan in proptest::option::of(0.0..50_000.0f64),
        closing in proptest::option::of(0.0..200_000.0f64),
    ) -> Evidence {
        let [interrogated, military_reply, civil_reply, _, hostile_origin, _] = flags;
        Evidence {
            held_s,
            interrogated: interrogated || military_reply || civil_reply,
            military_reply,
            civil_reply,
            speed_mps,
            altitude_m,
            climb_mps,
            ballistic,
            flight_plan_miss_m: plan,
            closing_asset_m: closing,
            hostile_origin,
        }
    }
}

proptest! {
    #[test]
    fn positive_friend_or_neutral_evidence_is_never_hostile(
        e in any_evidence(), previous in any_identity(), civil_on_plan in any::<bool>(),
    ) {
        let rules = IdRules::defaults();
        let mut e = e;
        if civil_on_plan {
            e.civil_reply = true;
            e.interrogated = true;
            e.flight_plan_miss_m = Some(e.flight_plan_miss_m.unwrap_or(0.0) % rules.plan_gate_m);
        } else {
            e.military_reply = true;
            e.interrogated = true;
        }
        let d = identify(&e, previous, &rules);
        prop_assert!(d.identity.is_friendly_or_neutral(), "{:?} from {:?}", d, e);
    }

    #[test]
    fn identify_is_idempotent(e in any_evidence(), previous in any_identity()) {
        let rules = IdRules::defaults();
        let first = identify(&e, previous, &rules);
        let again = identify(&e, first.identity, &rules);
        prop_assert_eq!(again.identity, first.identity);
    }

    #[test]
    fn friends_and_neutrals_move_only_on_strong_evidence(
        e in any_evidence(), friend in any::<bool>(),
    ) {
        let previous = if friend { Identity::Friend } else { Identity::Neutral };
        let d = identify(&e, previous, &IdRules::defaults());
        let strong = matches!(
            d.reason,
            IdReason::MilitaryIff | IdReason::FlightPlanCivilIff | IdReason::BallisticProfile
        );
        prop_assert!(d.identity == previous || strong, "{:?}", d);
    }
}
