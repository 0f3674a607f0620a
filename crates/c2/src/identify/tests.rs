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
                ballistic: true,
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
                ballistic: true,
                ..held()
            },
            Hostile,
            "ballistic_profile",
        ),
        (
            "ballistic even when civil IFF answers off plan",
            Evidence {
                ballistic: true,
                civil_reply: true,
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
                ballistic: true,
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
