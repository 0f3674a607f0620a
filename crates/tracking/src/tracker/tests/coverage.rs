//! Looks from sensors that have never hit a track do not count against it
//! (`Tracker::process_from`): a nation's radars with disjoint coverage.

use super::*;
use base::SensorId;
use proptest::prelude::*;

fn position(id: u64, t_s: f64, xy: [f64; 2]) -> Measurement {
    let mut z = MeasVector::zeros();
    z[0] = xy[0];
    z[1] = xy[1];
    Measurement {
        id,
        time: SimTime::from_secs_f64(t_s),
        z,
        model: MeasurementModel::Position {
            dim: 2,
            sigma_m: 10.0,
        },
    }
}

/// Sensor `seeing` sees the target every 4 s; sensor `other`, elsewhere, reports a far-away
/// clutter plot every second. Counting `other`'s scans as looks kills the tentative track (2
/// misses in a row); counting only sensors that hit it confirms it. Confirmed tracks near the
/// target at 23 s, with separate sensors or pooled.
fn confirmed_near_target(seeing: SensorId, other: SensorId, separate_sensors: bool) -> usize {
    let target = Target {
        p0: [0.0, 0.0],
        v: [100.0, 0.0],
    };
    let mut tracker = Tracker::new(config(AssociatorKind::Gnn, 1e-9));
    let mut id = 0;
    for k in 0..24u32 {
        let t = f64::from(k);
        let (sensor, plot) = if k % 4 == 0 {
            (seeing, target.at(t))
        } else {
            (other, [50_000.0 + 1_000.0 * t, -50_000.0])
        };
        id += 1;
        let scan = [position(id, t, plot)];
        if separate_sensors {
            tracker.process_from(sensor, &scan);
        } else {
            tracker.process(&scan);
        }
    }
    tracker
        .tracks_at(SimTime::from_secs(23))
        .iter()
        .filter(|r| r.status == TrackStatus::Confirmed)
        .filter(|r| (r.estimate.x[0] - target.at(23.0)[0]).abs() < 500.0)
        .count()
}

#[test]
fn scans_from_sensors_that_never_saw_a_track_are_not_misses() {
    let (one, two) = (SensorId::new(1), SensorId::new(2));
    assert_eq!(
        confirmed_near_target(one, two, true),
        1,
        "per-sensor looks confirm the target"
    );
    assert_eq!(
        confirmed_near_target(one, two, false),
        0,
        "pooled looks starve it (the failure fixed)"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Any two distinct sensors, including ids a multiple of 64 apart and beyond any fixed
    /// width (a `u64` mask indexed `sensor % 64` pooled 0 and 64 and starved the track).
    #[test]
    fn any_two_distinct_sensors_keep_separate_looks(
        seeing in 0usize..1_000_000,
        apart in prop_oneof![Just(64usize), Just(128), Just(4096), 1usize..100_000],
    ) {
        let other = SensorId::new(seeing + apart);
        prop_assert_eq!(confirmed_near_target(SensorId::new(seeing), other, true), 1);
    }
}
