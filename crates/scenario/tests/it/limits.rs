//! Scenarios at the documented limits (issue 18): every period, sigma, bandwidth, beamwidth
//! and resolution of the format, a phased array's time budget and the delays (sensor latency,
//! refresh, commit horizon) set to a bound (lower, upper or its file value, at random),
//! loaded, and each that loads run for a short time (bounded by the run-size estimate's work
//! rates). None may panic; a rejection is located; the estimate bounds what the run records.

use proptest::prelude::*;

/// `(override path, lower bound, upper bound)` as the format documents them.
const LIMITS: &[(&str, &str, &str)] = &[
    ("scenario.truth_sample_s", "0.01", "3600"),
    ("network.frame_period_s", "0.01", "3600"),
    ("network.heartbeat_s", "0.01", "3600"),
    ("network.report_drift_m", "1", "1e6"),
    ("network.refresh_s", "0", "3600"),
    ("sensor[JPN-RADAR-NORTH].scan_period_s", "0.1", "600"),
    ("sensor[USS-DDG-1-RADAR].scan_period_s", "0.1", "600"),
    ("sensor[JPN-RADAR-NORTH].sigma_range_m", "0.1", "10000"),
    ("sensor[USS-DDG-1-RADAR].sigma_range_m", "0.1", "10000"),
    ("sensor[JPN-RADAR-NORTH].sigma_az_deg", "0.001", "10"),
    ("sensor[USS-DDG-1-RADAR].sigma_az_deg", "0.001", "10"),
    ("sensor[JPN-RADAR-NORTH].sigma_el_deg", "0.001", "10"),
    ("sensor[USS-DDG-1-RADAR].sigma_el_deg", "0.001", "10"),
    (
        "sensor[JPN-RADAR-NORTH].sigma_range_rate_mps",
        "0.01",
        "1000",
    ),
    (
        "sensor[USS-DDG-1-RADAR].sigma_range_rate_mps",
        "0.01",
        "1000",
    ),
    ("sensor[JPN-RADAR-NORTH].beamwidth_deg", "0.1", "30"),
    ("sensor[USS-DDG-1-RADAR].beamwidth_deg", "0.1", "30"),
    ("sensor[JPN-RADAR-NORTH].range_resolution_m", "0.1", "10000"),
    ("sensor[USS-DDG-1-RADAR].range_resolution_m", "0.1", "10000"),
    // The phased array's time budget (rotators take none).
    ("sensor[USS-DDG-1-RADAR].track_dwell_s", "1e-4", "0.5"),
    ("sensor[USS-DDG-1-RADAR].revisit_ballistic_s", "0.5", "600"),
    ("sensor[USS-DDG-1-RADAR].revisit_air_s", "0.5", "600"),
    ("sensor[USS-DDG-1-RADAR].max_track_fraction", "0", "0.95"),
    ("sensor[USS-DDG-1-RADAR].latency_s", "0", "3600"),
    ("sensor[JPN-RADAR-NORTH].min_range_km", "0.1", "0.1"),
    ("sensor[USS-DDG-1-RADAR].min_range_km", "0.1", "0.1"),
    ("sensor[USA-GEO-IR-1-SENSOR].revisit_s", "0.1", "3600"),
    (
        "sensor[USA-GEO-IR-1-SENSOR].sigma_los_urad",
        "0.1",
        "100000",
    ),
    ("sensor[USA-GEO-IR-1-SENSOR].launch_sigma_m", "1", "1e6"),
    ("adversary[*].period_s", "0.01", "3600"),
    ("link[*].bandwidth_bps", "100", "1e11"),
    ("link[*].latency_ms", "0", "60000"),
    ("link[*].jitter_ms", "0", "60000"),
    ("c2.decision_period_s", "0.1", "3600"),
    ("c2.max_track_age_s", "0.1", "3600"),
    ("c2.commit_horizon_s", "0", "3600"),
    ("interceptor[*].basket_m", "0.1", "1e6"),
];

/// Appended to the built-in `two-nation-salvo` so every limited key is present: a
/// geostationary infrared sensor and a replaying adversary.
const EXTRA: &str = r#"
[[platform]]
name = "USA-GEO-IR-1"
nation = "USA"
kind = "geostationary"
lon_deg = 140.0

[[sensor]]
name = "USA-GEO-IR-1-SENSOR"
nation = "USA"
platform = "USA-GEO-IR-1"
kind = "space_ir"
node = "USA-NAT"
report = "launch_event"

[[adversary]]
name = "INTRUDER-REPLAY"
kind = "replay"
link = "CJTF-JPN"
start_s = 5
period_s = 20
"#;

/// Work the short run may do: enough to exercise trackers near the false-alarm cap, little
/// enough for a debug-build test (track–plot pairs gated, detections).
const PAIR_BUDGET: f64 = 2e7;
const DETECTION_BUDGET: f64 = 3e4;

/// What became of a scenario at the limits.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Rejected, every problem located (kinds listed).
    Rejected(Vec<scenario::ProblemKind>),
    /// Loaded and ran for a short time.
    Ran,
}

fn run_at_limits(choice: &[u8], seed: u64) -> Result<Outcome, TestCaseError> {
    let text = format!(
        "{}{EXTRA}",
        scenario::builtin::get("two-nation-salvo").expect("built in")
    );
    let pick = |path: &str| {
        let i = LIMITS.iter().position(|l| l.0 == path).expect("listed");
        choice[i] % 3
    };
    // Two bounds only conflict with each other: a frame period above the heartbeat, and a
    // truth sample longer than the scenario. Keep clear of both (a longer scenario; the
    // heartbeat raised with the frame period) so more of the cases run rather than stop
    // at those two checks; each is exercised by its own malformed example.
    let (frame, heartbeat) = (pick("network.frame_period_s"), pick("network.heartbeat_s"));
    let heartbeat = match (frame, heartbeat) {
        (1, _) => 1,
        (_, 0) => 2,
        _ => heartbeat,
    };
    let overrides: Vec<scenario::Override> = std::iter::once("scenario.duration_s=3600".to_owned())
        .chain(LIMITS.iter().zip(choice).filter_map(|((path, lo, hi), c)| {
            let c = if *path == "network.heartbeat_s" {
                heartbeat
            } else {
                c % 3
            };
            match c {
                0 => Some(format!("{path}={lo}")),
                1 => Some(format!("{path}={hi}")),
                _ => None,
            }
        }))
        .map(|o| scenario::Override::parse(&o).expect("well-formed override"))
        .collect();
    let edited = scenario::apply_overrides(&text, &overrides).expect("paths exist");
    let input = match scenario::load_with_warnings("limits.toml", &edited) {
        Ok(loaded) => loaded.input,
        // Bounds can conflict (a frame period above the heartbeat) or multiply into a run
        // the estimate refuses: either way a located rejection, not a panic.
        Err(errors) => {
            prop_assert!(!errors.problems().is_empty());
            let mut kinds: Vec<_> = errors
                .problems()
                .iter()
                .filter(|p| p.severity == scenario::Severity::Error)
                .map(|p| p.kind)
                .collect();
            kinds.dedup();
            return Ok(Outcome::Rejected(kinds));
        }
    };
    let estimate = sim::budget::estimate(&input);
    let seconds = estimate.seconds.max(1.0);
    let (pair_rate, detection_rate) = (
        estimate.association_pairs / seconds,
        estimate.detections / seconds,
    );
    // The threats launch at 30 s: run past that when the work rates allow.
    let until_s = (PAIR_BUDGET / pair_rate.max(1.0))
        .min(DETECTION_BUDGET / detection_rate.max(1.0))
        .clamp(0.5, 45.0);
    let until = base::SimTime::from_secs_f64(until_s);
    let mut rec = sim::MemoryRecorder::default();
    let summary = sim::run(&input, seed, Some(until), &mut rec).expect("a loaded scenario builds");
    prop_assert!(summary.sim_seconds <= until_s + 1e-9);
    // The estimate is an upper rate (every target seen on every scan); allow the scan in
    // progress at the horizon and Poisson spread of the false alarms.
    let allowed = 1.2 * detection_rate * (until_s + 10.0) + 50.0;
    prop_assert!(
        (summary.counts.detections as f64) <= allowed,
        "{} detections over {until_s} s, estimated {} over {} s",
        summary.counts.detections,
        estimate.detections,
        estimate.seconds
    );
    prop_assert!((rec.truth.len() as f64) <= estimate.truth_rows + 1.0);
    Ok(Outcome::Ran)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]
    #[test]
    fn scenarios_at_the_documented_limits_run_or_are_refused_without_panic(
        choice in proptest::collection::vec(any::<u8>(), LIMITS.len()),
        seed in any::<u64>(),
    ) {
        run_at_limits(&choice, seed)?;
    }
}

/// The fixed corners: every lower bound at once is refused by the run-size estimate (the
/// narrowest beams and finest resolution put every radar at the false-alarm cap, ten times a
/// second); without those two keys every other lower bound runs; every upper bound runs.
#[test]
fn the_corners_of_the_limits() {
    let lower = vec![0u8; LIMITS.len()];
    assert_eq!(
        run_at_limits(&lower, 7).expect("no panic"),
        Outcome::Rejected(vec![scenario::ProblemKind::TooLarge]),
    );
    let lower_but_clutter: Vec<u8> = LIMITS
        .iter()
        .map(|(p, ..)| {
            if p.contains("beamwidth") || p.contains("range_resolution") {
                2
            } else {
                0
            }
        })
        .collect();
    assert_eq!(
        run_at_limits(&lower_but_clutter, 7).expect("no panic"),
        Outcome::Ran
    );
    let upper: Vec<u8> = LIMITS
        .iter()
        .map(|(p, ..)| {
            if p.contains("frame_period") || p.contains("truth_sample") {
                2
            } else {
                1
            }
        })
        .collect();
    assert_eq!(run_at_limits(&upper, 7).expect("no panic"), Outcome::Ran);
}
