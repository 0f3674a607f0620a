//! Looks from sensors that have never hit a track do not count against it
//! (`Tracker::process_from`): a nation's radars with disjoint coverage.

use super::*;

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

/// Sensor 1 sees the target every 4 s; sensor 2, elsewhere, reports a far-away clutter plot
/// every second. Counting sensor 2's scans as looks kills the tentative track (2 misses in a
/// row); counting only sensors that hit it confirms it.
#[test]
fn scans_from_sensors_that_never_saw_a_track_are_not_misses() {
    let target = Target {
        p0: [0.0, 0.0],
        v: [100.0, 0.0],
    };
    let run = |separate_sensors: bool| {
        let mut tracker = Tracker::new(config(AssociatorKind::Gnn, 1e-9));
        let mut id = 0;
        for k in 0..24u32 {
            let t = f64::from(k);
            let (sensor, plot) = if k % 4 == 0 {
                (1, target.at(t))
            } else {
                (2, [50_000.0 + 1_000.0 * t, -50_000.0])
            };
            id += 1;
            let scan = [position(id, t, plot)];
            if separate_sensors {
                tracker.process_from(sensor, &scan);
            } else {
                tracker.process(&scan);
            }
        }
        tracker.tracks_at(SimTime::from_secs(23))
    };
    let confirmed_near = |reports: &[super::super::TrackReport]| {
        reports
            .iter()
            .filter(|r| r.status == TrackStatus::Confirmed)
            .filter(|r| (r.estimate.x[0] - target.at(23.0)[0]).abs() < 500.0)
            .count()
    };
    assert_eq!(
        confirmed_near(&run(true)),
        1,
        "per-sensor looks confirm the target"
    );
    assert_eq!(
        confirmed_near(&run(false)),
        0,
        "pooled looks starve it (the failure fixed)"
    );
}
