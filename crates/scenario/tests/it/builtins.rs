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
