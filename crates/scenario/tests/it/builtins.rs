//! The built-in scenarios load and contain what the issue asks of them.

use std::collections::BTreeSet;

use base::Side;
use sim::{PlatformMotion, ThreatClass, ThreatMotion};

use crate::load_builtin;

#[test]
fn every_builtin_loads() {
    assert!(scenario::builtin::list().len() >= 2);
    for (name, description) in scenario::builtin::list() {
        assert!(!description.is_empty());
        let input = load_builtin(name);
        assert_eq!(
            &input.name, name,
            "the scenario's name is its built-in name"
        );
    }
}

#[test]
fn default_is_trilateral_western_pacific() {
    assert_eq!(scenario::builtin::DEFAULT, "western-pacific");
    let input = load_builtin(scenario::builtin::DEFAULT);
    let nations: BTreeSet<&str> = input.nations.iter().map(|n| n.id.as_str()).collect();
    assert!(
        ["USA", "JPN", "AUS"].iter().all(|n| nations.contains(n)),
        "{nations:?}"
    );

    let asset_nations: BTreeSet<&str> = input.assets.iter().map(|a| a.nation.as_str()).collect();
    assert_eq!(asset_nations, nations, "defended assets in every nation");

    // Fixed sensor sites and ships for at least three nations, an orbit, a satellite.
    let nation_of = |p: usize| input.platforms[p].nation.as_str();
    let fixed: BTreeSet<&str> = input
        .sensors
        .iter()
        .filter(|s| {
            matches!(
                input.platforms[s.platform.index()].motion,
                PlatformMotion::Fixed(_)
            )
        })
        .map(|s| nation_of(s.platform.index()))
        .collect();
    let ships: BTreeSet<&str> = input
        .platforms
        .iter()
        .filter(|p| matches!(p.motion, PlatformMotion::Ship(_)))
        .map(|p| p.nation.as_str())
        .collect();
    assert!(
        fixed.len() >= 3 && ships.len() >= 3,
        "fixed {fixed:?}, ships {ships:?}"
    );
    assert!(
        input
            .platforms
            .iter()
            .any(|p| matches!(p.motion, PlatformMotion::AirborneOrbit(_)))
    );
    assert!(
        input
            .sensors
            .iter()
            .any(|s| matches!(s.params, sensors::SensorParams::SpaceIr(_)))
    );

    // Several ballistic salvos of every class, from RED-n areas, and a sea-skimming raid.
    let classes: BTreeSet<ThreatClass> = input.threats.iter().map(|t| t.class).collect();
    assert_eq!(classes.len(), 4, "{classes:?}");
    assert!(
        input
            .threats
            .iter()
            .all(|t| t.launch_area.starts_with("RED-"))
    );
    let cruise_alts: Vec<f64> = input
        .threats
        .iter()
        .filter_map(|t| match &t.motion {
            ThreatMotion::Cruise(route) => Some(route.points.iter().map(|p| p.position.alt_m())),
            ThreatMotion::Ballistic(_) => None,
        })
        .flatten()
        .collect();
    assert!(
        cruise_alts.len() >= 2 && cruise_alts.iter().all(|&a| a <= 10.0),
        "{cruise_alts:?}"
    );
    let salvo_names = input
        .threats
        .iter()
        .filter(|t| t.name.ends_with("-2"))
        .count();
    assert!(salvo_names >= 4, "several salvos");

    // Friendly and civil traffic.
    let sides: BTreeSet<Side> = input.traffic.iter().map(|t| t.side).collect();
    assert_eq!(sides, BTreeSet::from([Side::Friendly, Side::Neutral]));

    // One combined node, three national nodes, unit nodes; links.
    let roles: Vec<sim::NodeRole> = input.nodes.iter().map(|n| n.role).collect();
    assert_eq!(
        roles
            .iter()
            .filter(|r| **r == sim::NodeRole::Combined)
            .count(),
        1
    );
    assert_eq!(
        roles
            .iter()
            .filter(|r| **r == sim::NodeRole::National)
            .count(),
        3
    );
    assert!(roles.contains(&sim::NodeRole::Unit));
    assert!(
        input.links.len() >= input.nodes.len() - 1,
        "the nodes can be connected"
    );

    assert_eq!(input.duration.as_secs_f64(), 1800.0);
    assert_eq!(input.start_unix_s, 1_815_609_600, "2027-07-15T00:00:00Z");
}

#[test]
fn salvos_expand_with_staggered_launches() {
    let input = load_builtin("two-nation-salvo");
    let names: Vec<&str> = input.threats.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["SRBM-1", "SRBM-2"]);
    let launches: Vec<i64> = input
        .threats
        .iter()
        .map(|t| match &t.motion {
            ThreatMotion::Ballistic(spec) => spec.launch_time.as_nanos(),
            ThreatMotion::Cruise(route) => route.start_time.as_nanos(),
        })
        .collect();
    assert_eq!(launches, [30_000_000_000, 40_000_000_000]);
    assert_eq!(input.threats[0].target_asset.map(|a| a.index()), Some(0));
}

#[test]
fn loading_is_deterministic() {
    for (name, _) in scenario::builtin::list() {
        let first = format!("{:?}", load_builtin(name));
        let second = format!("{:?}", load_builtin(name));
        assert_eq!(first, second, "{name}");
    }
}

/// The engine accepts what the validator accepts (the whole chain, no recorder).
#[test]
fn builtins_build_and_run_in_the_engine() {
    for (name, _) in scenario::builtin::list() {
        let input = load_builtin(name);
        if let Err(e) = sim::run(&input, input.seed, None, &mut sim::NullRecorder) {
            panic!("{name}: the engine cannot build the world: {e}");
        }
    }
}

/// The default run exercises the network: explicit defaults, satellite jitter, an outage that
/// forces a reporting-responsibility takeover, a release restriction and two intruders.
#[test]
fn default_exercises_the_alliance_network() {
    use base::{NationIndex, NationSet, SimDuration};
    let input = load_builtin(scenario::builtin::DEFAULT);
    assert_eq!(input.network, sim::NetworkConfig::defaults(3));
    let link = |name: &str| {
        input
            .links
            .iter()
            .position(|l| l.name == name)
            .unwrap_or_else(|| panic!("no link {name}"))
    };
    let node = |name: &str| {
        input
            .nodes
            .iter()
            .position(|n| n.name == name)
            .unwrap_or_else(|| panic!("no node {name}"))
    };
    for l in &input.links {
        let satellite = l.latency == SimDuration::from_millis(300);
        let jitter = if satellite { 30 } else { 0 };
        assert_eq!(l.jitter, SimDuration::from_millis(jitter), "{}", l.name);
    }
    let outages: Vec<(&str, &[(SimDuration, SimDuration)])> = input
        .links
        .iter()
        .filter(|l| !l.partitions.is_empty())
        .map(|l| (l.name.as_str(), l.partitions.as_slice()))
        .collect();
    assert_eq!(
        outages,
        [(
            "USA-DDG-2",
            &[(SimDuration::from_secs(900), SimDuration::from_secs(1020))][..]
        )]
    );
    let usa_jpn = {
        let mut s = NationSet::single(NationIndex::new(0).expect("USA"));
        s.insert(NationIndex::new(1).expect("JPN"));
        s
    };
    for s in &input.sensors {
        let expected = if s.name == "JPN-AEW-1-RADAR" {
            usa_jpn
        } else {
            NationSet::first(3)
        };
        assert_eq!(s.release_to, expected, "{}", s.name);
    }
    let [spoof, replay] = input.adversaries.as_slice() else {
        panic!("two adversaries: {:?}", input.adversaries)
    };
    assert_eq!(spoof.kind, sim::AdversaryKind::Spoof);
    assert_eq!(spoof.link.index(), link("CJTF-JPN"));
    assert_eq!(spoof.impersonates.index(), node("USA-NAT"));
    assert_eq!(replay.kind, sim::AdversaryKind::Replay);
    assert_eq!(replay.link.index(), link("CJTF-JPN"));
    assert_eq!(
        replay.impersonates.index(),
        node("CJTF"),
        "the link's a end"
    );
    assert_eq!(
        (replay.start, replay.period),
        (SimDuration::from_secs(300), SimDuration::from_secs(20))
    );

    let small = load_builtin("two-nation-salvo");
    assert_eq!(small.network.sharing, sim::Sharing::Track);
    assert_eq!(
        small.links[1].overflow,
        sim::OverflowPolicy::DropLowestPriority
    );
}

/// The default run carries every engagement key: the four notional interceptor types, the
/// documented `[c2]` defaults, weapons tight for all with two changes, and both zone kinds.
#[test]
fn default_exercises_the_engagement_keys() {
    use base::SimDuration;
    use sim::{TargetClass, Wcs, ZoneKind};
    let input = load_builtin(scenario::builtin::DEFAULT);
    assert_eq!(input.c2, sim::C2Config::defaults());
    let types: Vec<(&str, f64, f64, f64, f64)> = input
        .interceptors
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                i.max_range_m,
                i.max_alt_m,
                i.sspk_ballistic,
                i.sspk_air,
            )
        })
        .collect();
    assert_eq!(
        types,
        [
            ("notional-exo-midcourse", 1_200_000.0, 1_000_000.0, 0.8, 0.0),
            ("notional-high-endo", 200_000.0, 150_000.0, 0.75, 0.0),
            ("notional-terminal", 40_000.0, 25_000.0, 0.6, 0.8),
            ("notional-area-sam", 150_000.0, 25_000.0, 0.3, 0.85),
        ]
    );
    for fu in &input.fire_units {
        let carried = &input.interceptors[fu.interceptor.index()];
        assert!(carried.min_range_m < carried.max_range_m, "{}", fu.name);
        assert_eq!(fu.fallback, Wcs::Hold, "{}", fu.name);
    }
    let used: BTreeSet<usize> = input
        .fire_units
        .iter()
        .map(|f| f.interceptor.index())
        .collect();
    assert_eq!(used.len(), input.interceptors.len(), "every type is used");

    let kinds: Vec<ZoneKind> = input.zones.iter().map(|z| z.kind).collect();
    assert_eq!(kinds, [ZoneKind::NoFire, ZoneKind::Area]);
    let tokyo = input.zones.iter().position(|z| z.name == "TOKYO-AREA");
    type Order<'a> = (&'a str, Option<TargetClass>, Option<usize>, Wcs, i64);
    let orders: Vec<Order<'_>> = input
        .wcs
        .iter()
        .map(|o| {
            (
                o.nation.as_str(),
                o.class,
                o.zone.map(|z| z.index()),
                o.status,
                o.from.as_nanos() / SimDuration::from_secs(1).as_nanos(),
            )
        })
        .collect();
    let air = Some(TargetClass::Air);
    assert_eq!(
        orders,
        [
            ("USA", None, None, Wcs::Tight, 0),
            ("JPN", None, None, Wcs::Tight, 0),
            ("AUS", None, None, Wcs::Tight, 0),
            ("JPN", air, tokyo, Wcs::Hold, 0),
            ("JPN", air, tokyo, Wcs::Tight, 600),
            ("AUS", air, None, Wcs::Free, 900),
        ]
    );
    for n in &input.nodes {
        assert_eq!(
            n.declares_identity,
            n.role != sim::NodeRole::Unit,
            "{}",
            n.name
        );
    }

    let small = load_builtin("two-nation-salvo");
    assert_eq!(small.interceptors.len(), 2);
    assert_eq!(small.c2, sim::C2Config::defaults());
    assert_eq!(small.wcs.len(), 2);
}
