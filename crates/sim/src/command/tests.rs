//! Command and engagements inside whole runs: the defence works, weapons hold fires only in
//! self-defence, engage-on-remote is used (and refused when not authorised; more in `tests_remote`), and no run
//! engages a friendly or neutral object.

use crate::tests::small_input;
use crate::*;
use base::{InterceptorTypeId, NationSet, NodeId, PlatformId, SimDuration};

/// The notional area interceptor of the command tests.
pub(super) fn terminal() -> InterceptorType {
    InterceptorType {
        name: "notional-area".to_owned(),
        speed_mps: 1_500.0,
        boost_s: 4.0,
        min_range_m: 2_000.0,
        max_range_m: 120_000.0,
        min_alt_m: 30.0,
        max_alt_m: 40_000.0,
        reaction_s: 5.0,
        sspk_ballistic: 0.7,
        sspk_air: 0.85,
        basket_m: 1_500.0,
        seeker_range_m: 30_000.0,
        seeker_fov_deg: 10.0,
        ka_detect: 0.95,
        ka_false_kill: 0.05,
    }
}

fn battery(name: &str, platform: usize, node: usize) -> FireUnit {
    FireUnit {
        name: name.to_owned(),
        nation: base::NationId::parse("JPN").expect("valid"),
        platform: PlatformId::new(platform),
        interceptor: InterceptorTypeId::new(0),
        inventory: 16,
        channels: 4,
        node: NodeId::new(node),
        fallback: Wcs::Hold,
        remote: EOR_ALLIES,
    }
}

/// Engage on remote data from any ally (the scenario's default).
pub(super) const EOR_ALLIES: c2::roe::RemoteAuthority = c2::roe::RemoteAuthority::new(
    c2::roe::RemoteUse::EngageOnRemote,
    c2::roe::RemoteFrom::Allies,
);

/// The engine test world defended by one battery next to Fukuoka, on the node that owns the
/// radars.
fn defended() -> Input {
    let mut input = small_input();
    input.interceptors = vec![terminal()];
    input.fire_units = vec![battery("FU-1", 0, 0)];
    input.c2.approval = ApprovalLevel::Unit;
    input
}

fn summary(input: &Input, seed: u64) -> (Summary, MemoryRecorder) {
    let mut rec = MemoryRecorder::default();
    let s = run(input, seed, None, &mut rec).expect("builds");
    (s, rec)
}

#[test]
fn a_defended_asset_loses_fewer_threats_and_no_friend_is_engaged() {
    let (undefended, _) = summary(&small_input(), 3);
    let (defended, rec) = summary(&defended(), 3);
    let m = &defended.moe;
    eprintln!("{m:#?}");
    assert!(m.interceptors_fired > 0, "{m:?}");
    assert!(m.intercepts > 0, "{m:?}");
    assert!(
        m.leakers < undefended.moe.leakers,
        "{m:?} vs {:?}",
        undefended.moe
    );
    assert_eq!(m.fratricides, 0);
    // Every launch is on record with an intercept or is still flying at the end.
    let launches = rec
        .events
        .iter()
        .filter(|e| e.kind.tag() == "interceptor_launch")
        .count();
    assert_eq!(launches as u64, m.interceptors_fired);
    assert!(
        rec.events.iter().any(|e| e.kind.tag() == "identity_change"),
        "identities are declared and logged"
    );
}

#[test]
fn weapons_hold_fires_only_in_self_defence() {
    let mut input = defended();
    input.wcs = vec![WcsOrder {
        nation: base::NationId::parse("JPN").expect("valid"),
        class: None,
        zone: None,
        status: Wcs::Hold,
        from: SimDuration::ZERO,
    }];
    // The battery stands next to the defended city the salvo is aimed at: self-defence applies.
    let (s, _) = summary(&input, 3);
    assert_eq!(
        s.moe.interceptors_fired, s.moe.self_defence_launches,
        "{:?}",
        s.moe
    );
    assert!(
        s.moe.engagements_denied.contains_key("weapons_hold"),
        "{:?}",
        s.moe
    );
    // Shrink the self-defence radius to nothing: under hold nothing may fire.
    input.c2.self_defence_radius_m = 1.0;
    let (s, _) = summary(&input, 3);
    assert_eq!(s.moe.interceptors_fired, 0, "{:?}", s.moe);
}

#[test]
fn engage_on_remote_is_used_when_the_unit_has_no_radar_and_refused_when_not_authorised() {
    // A second node with no sensors holds a battery: every shot it takes is on remote data.
    let mut input = defended();
    input.fire_units = vec![battery("FU-REMOTE", 0, 1)];
    let mut n = input.nodes[0].clone();
    n.name = "JPN-BTY".to_owned();
    n.role = NodeRole::Unit;
    n.parent = Some(NodeId::new(0));
    n.release_to = NationSet::first(1);
    input.nodes.push(n);
    input.links.push(Link {
        name: "NAT-BTY".to_owned(),
        a: NodeId::new(0),
        b: NodeId::new(1),
        latency: SimDuration::from_millis(40),
        loss: base::Probability::new(0.0).expect("valid"),
        bandwidth_bps: None,
        jitter: SimDuration::ZERO,
        queue_bytes: 65_536,
        overflow: OverflowPolicy::DropOldest,
        partitions: vec![],
    });
    // Orders as soon as assigned: with late commitment every order here falls due when the
    // 10-s rotator's remote track is older than the 12-s limit (its plots wait for the scan's
    // end), and this test is about the remote authority, not commitment timing.
    input.c2.commit_horizon = SimDuration::from_secs(3600);
    let (s, _) = summary(&input, 3);
    assert!(s.moe.interceptors_fired > 0, "{:?}", s.moe);
    assert_eq!(
        s.moe.engagements_on_remote, s.moe.interceptors_fired,
        "{:?}",
        s.moe
    );
    // The battery's node has no sensor: allowed only its own node's data, it may not use
    // the national node's tracks.
    input.fire_units[0].remote.from = c2::roe::RemoteFrom::OwnNode;
    let (s, _) = summary(&input, 3);
    assert_eq!(s.moe.interceptors_fired, 0, "{:?}", s.moe);
    assert!(
        s.moe
            .engagements_denied
            .contains_key("remote_data_not_authorised_own_nation"),
        "{:?}",
        s.moe
    );
}

/// Kill-chain attribution over a whole run: the causes partition the threats, `killed` is
/// exactly the threats an interceptor destroyed, and in a run that lasts until every threat is
/// down the other causes are the leakers.
fn check_partition(s: &Summary) {
    let causes = &s.moe.leaker_causes;
    assert_eq!(causes.total(), s.moe.threats, "{causes:?}");
    assert_eq!(causes.total(), s.threats.len() as u64);
    for c in ChainCause::ALL {
        let n = s.threats.iter().filter(|t| t.cause == c).count() as u64;
        assert_eq!(causes.get(c), n, "{c:?}");
    }
    let intercepted = s
        .threats
        .iter()
        .filter(|t| t.timeline.intercept_t_s.is_some())
        .count() as u64;
    assert_eq!(causes.killed, intercepted, "{causes:?}");
    let leaked = s.threats.iter().filter(|t| t.timeline.impact_t_s.is_some());
    assert!(leaked.clone().all(|t| t.cause != ChainCause::Killed));
    assert_eq!(leaked.count() as u64, s.moe.leakers);
    assert_eq!(causes.killed + s.moe.leakers, s.moe.threats, "{causes:?}");
    let denied: u64 = s.moe.leaker_denial_reasons.values().sum();
    assert_eq!(denied, causes.denied);
    let late: u64 = s.moe.leaker_late_reasons.values().sum();
    assert_eq!(late, causes.late);
    let out_of_reach: u64 = s.moe.leaker_out_of_reach_reasons.values().sum();
    assert_eq!(out_of_reach, causes.out_of_reach);
    for t in &s.threats {
        let reasoned = matches!(
            t.cause,
            ChainCause::Denied | ChainCause::Late | ChainCause::OutOfReach
        );
        assert_eq!(
            t.cause_reason.is_some(),
            reasoned,
            "{}: {:?}",
            t.name,
            t.cause
        );
    }
}

#[test]
fn chain_causes_partition_the_threats_of_a_defended_run() {
    let (s, rec) = summary(&defended(), 3);
    check_partition(&s);
    assert!(s.moe.leaker_causes.killed > 0, "{:?}", s.moe.leaker_causes);
    assert!(
        rec.events
            .iter()
            .any(|e| e.kind.tag() == "engagement_opportunity")
    );
    // Undefended: no fire unit, so no identification authority serves a shooter and the
    // tracked threats stop at identification.
    let (s, _) = summary(&small_input(), 3);
    check_partition(&s);
    let c = s.moe.leaker_causes;
    assert_eq!(
        c.unidentified,
        c.total() - c.undetected - c.untracked,
        "{c:?}"
    );
    assert!(c.unidentified > 0, "{c:?}");
}

#[test]
fn weapons_hold_leakers_are_denied_with_the_reason() {
    let mut input = defended();
    input.wcs = vec![WcsOrder {
        nation: base::NationId::parse("JPN").expect("valid"),
        class: None,
        zone: None,
        status: Wcs::Hold,
        from: SimDuration::ZERO,
    }];
    input.c2.self_defence_radius_m = 1.0;
    let (s, _) = summary(&input, 3);
    check_partition(&s);
    let c = s.moe.leaker_causes;
    assert_eq!(c.killed + c.missed + c.late, 0, "{c:?}");
    assert!(c.denied > 0, "{c:?}");
    assert_eq!(
        s.moe.leaker_denial_reasons.get("weapons_hold"),
        Some(&c.denied),
        "{:?}",
        s.moe.leaker_denial_reasons
    );
}

#[test]
fn an_empty_battery_leaves_its_leakers_without_capacity() {
    let mut input = defended();
    input.fire_units[0].inventory = 0;
    let (s, _) = summary(&input, 3);
    check_partition(&s);
    let c = s.moe.leaker_causes;
    assert_eq!(c.killed + c.missed + c.late + c.denied, 0, "{c:?}");
    assert!(c.no_capacity > 0, "{c:?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Across seeds, weapons control status, traffic sides and transponder reliabilities, no
    /// engagement ever targets a truly friendly or neutral object.
    #[test]
    fn no_run_engages_a_friend_or_a_neutral(
        seed in 0u64..1_000,
        status in proptest::sample::select(vec![Wcs::Tight, Wcs::Hold, Wcs::Free]),
        friendly in proptest::bool::ANY,
        reliability in 0.5f64..1.0,
    ) {
        let mut input = defended();
        input.wcs = vec![WcsOrder {
            nation: base::NationId::parse("JPN").expect("valid"),
            class: None,
            zone: None,
            status,
            from: SimDuration::ZERO,
        }];
        for t in &mut input.traffic {
            t.side = if friendly { base::Side::Friendly } else { base::Side::Neutral };
            t.iff_reliability = base::Probability::new(reliability).expect("valid");
        }
        let (s, rec) = summary(&input, seed);
        proptest::prop_assert_eq!(s.moe.fratricides, 0);
        for e in &rec.events {
            if let EventKind::Intercept { side: Some(side), .. } = &e.kind {
                proptest::prop_assert_eq!(*side, "hostile");
            }
        }
    }
}
