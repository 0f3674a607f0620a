//! Benchmarks of ballistic truth motion: solving and flying an MRBM shot (targeting included),
//! and one truth-state query on the resulting trajectory.

use base::{SimDuration, SimTime};
use criterion::{Criterion, criterion_group, criterion_main};
use dynamics::{BallisticShape, BallisticSpec, ForceModel, fly_ballistic};
use geodesy::Wgs84;
use std::hint::black_box;

/// A 2000 km MRBM due north with J2, rotation and drag (the same shot as the unit tests).
fn mrbm(shape: BallisticShape) -> BallisticSpec {
    BallisticSpec {
        launch_time: SimTime::ZERO,
        launch: Wgs84::from_degrees(-5.0, 60.0, 0.0).expect("valid launch"),
        aim: Wgs84::from_degrees(13.0, 60.0, 0.0).expect("valid aim"),
        shape,
        burn_time_s: 80.0,
        ballistic_coefficient_kg_m2: Some(5000.0),
    }
}

fn bench_fly(c: &mut Criterion) {
    let model = ForceModel::standard();
    let mut group = c.benchmark_group("fly_ballistic");
    for (name, shape) in [
        ("mrbm_2000km_loft_40deg", BallisticShape::Loft { deg: 40.0 }),
        (
            "mrbm_2000km_flight_time_800s",
            BallisticShape::FlightTime { seconds: 800.0 },
        ),
        (
            "mrbm_2000km_apogee_500km",
            BallisticShape::Apogee { alt_m: 500e3 },
        ),
    ] {
        let spec = mrbm(shape);
        group.bench_function(name, |b| {
            b.iter(|| fly_ballistic(black_box(&spec), &model).expect("reachable"))
        });
    }
    group.finish();
}

fn bench_state_at(c: &mut Criterion) {
    let model = ForceModel::standard();
    let solution =
        fly_ballistic(&mrbm(BallisticShape::Loft { deg: 40.0 }), &model).expect("reachable");
    let trajectory = solution.trajectory;
    // 1009 query times spread over the flight (a prime count, so they fall anywhere in an
    // interval), cycled so the binary search is not always on the same path.
    let span_ns = (trajectory.end() - trajectory.start()).as_nanos();
    let times: Vec<SimTime> = (0..1009)
        .map(|k| trajectory.start() + SimDuration::from_nanos(span_ns / 1009 * k))
        .collect();
    let mut k = 0;
    c.bench_function("trajectory_state_at_mrbm", |b| {
        b.iter(|| {
            k = (k + 1) % times.len();
            trajectory.state_at(black_box(times[k]))
        })
    });
}

criterion_group!(benches, bench_fly, bench_state_at);
criterion_main!(benches);
