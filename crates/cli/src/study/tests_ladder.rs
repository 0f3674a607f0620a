//! The rungs of the built-in ladder do what their names say, on the `ladder-rungs` fixture
//! (`tests/fixtures/ladder-rungs.toml`): a JPN battery without a radar, a northern threat
//! only a JPN radar sees, a southern one only the USA ship's radar sees (and, late, the AUS
//! battery's own short-range radar: under `allied-lor` it launches on the USA track and takes
//! the round over). Each rung's overrides are applied to the fixture's text exactly as
//! `kizuna compare` applies them.

use super::variants::builtin;
use sim::{EventKind, MemoryRecorder};

const FIXTURE: &str = include_str!("../../tests/fixtures/ladder-rungs.toml");
const RADARLESS: &str = "JPN-FU-AMAMI";
/// The AUS battery with its own short-range radar.
const WITH_RADAR: &str = "AUS-FU-NAHA";

/// What one battery did in one run of a rung.
#[derive(Debug, Default)]
struct Battery {
    /// Provenance of the guiding track of each of its launches (`own_nation`, `ally`, …).
    launches: Vec<&'static str>,
    /// Reasons of its ROE denials.
    denials: Vec<&'static str>,
    /// Per launched engagement: its launch provenance and how it ended (`intercept`, an
    /// abort reason, or `in_flight`).
    rounds: Vec<(u64, &'static str, &'static str)>,
}

fn run_rung(rung: &str) -> Battery {
    run_rung_for(rung, RADARLESS)
}

fn run_rung_for(rung: &str, unit: &str) -> Battery {
    let overrides = builtin(rung)
        .unwrap_or_else(|| panic!("{rung} is a built-in"))
        .iter()
        .map(|o| scenario::Override::parse(o).expect("built-in overrides parse"))
        .collect::<Vec<_>>();
    let text = scenario::apply_overrides(FIXTURE, &overrides).expect("overrides apply");
    let input = scenario::load("ladder-rungs.toml", &text).unwrap_or_else(|e| panic!("{e:?}"));
    let mut rec = MemoryRecorder::default();
    sim::run(&input, input.seed, None, &mut rec).expect("builds");
    let mut b = Battery::default();
    let end = |b: &mut Battery, id: u64, how: &'static str| {
        if let Some(r) = b.rounds.iter_mut().find(|r| r.0 == id) {
            r.2 = how;
        }
    };
    for e in &rec.events {
        match &e.kind {
            EventKind::InterceptorLaunch {
                fire_unit,
                provenance,
                engagement,
                ..
            } if fire_unit == unit => {
                b.launches.push(provenance);
                b.rounds.push((*engagement, provenance, "in_flight"));
            }
            EventKind::Intercept {
                fire_unit,
                engagement,
                ..
            } if fire_unit == unit => end(&mut b, *engagement, "intercept"),
            EventKind::EngagementAborted {
                fire_unit,
                engagement,
                reason,
                ..
            } if fire_unit == unit => end(&mut b, *engagement, reason),
            EventKind::EngagementDecision {
                fire_unit,
                decision: "deny",
                reason,
                ..
            } if fire_unit == unit => b.denials.push(reason),
            _ => {}
        }
    }
    b
}

#[test]
fn standalone_a_battery_without_a_radar_fires_nothing() {
    let b = run_rung("standalone");
    assert!(b.launches.is_empty(), "{b:?}");
    assert!(
        b.denials.contains(&"remote_data_not_authorised_own_nation"),
        "{b:?}"
    );
}

#[test]
fn national_it_fires_on_its_own_nations_track_never_on_an_allys() {
    let b = run_rung("national");
    assert!(!b.launches.is_empty(), "{b:?}");
    assert!(b.launches.iter().all(|p| *p == "own_nation"), "{b:?}");
}

#[test]
fn allied_picture_it_holds_the_allys_track_but_may_not_engage_on_it() {
    let b = run_rung("allied-picture");
    assert!(b.launches.iter().all(|p| *p == "own_nation"), "{b:?}");
    assert!(
        b.denials.contains(&"remote_data_not_authorised_ally"),
        "{b:?}"
    );
}

#[test]
fn allied_eor_it_engages_on_the_allys_track() {
    let b = run_rung("allied-eor");
    assert!(b.launches.contains(&"ally"), "{b:?}");
    assert!(b.launches.contains(&"own_nation"), "{b:?}");
}

#[test]
fn allied_lor_a_radarless_battery_still_fires_on_its_own_nations_track() {
    let b = run_rung("allied-lor");
    assert!(b.launches.contains(&"own_nation"), "{b:?}");
    // No radar of its own to take a round over: nothing launched on the ally's track.
    assert!(!b.launches.contains(&"ally"), "{b:?}");
}

#[test]
fn allied_lor_a_battery_launches_on_the_allys_track_and_its_own_radar_takes_over() {
    let b = run_rung_for("allied-lor", WITH_RADAR);
    assert!(
        b.rounds.iter().any(|r| r.1 == "ally" && r.2 == "intercept"),
        "a round launched on the USA track reaches its intercept guided by the AUS radar: {b:?}"
    );
    assert!(b.rounds.iter().all(|r| r.2 != "in_flight"), "{b:?}");
}
