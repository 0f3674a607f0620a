//! Threat evaluation timings: `assess` on one ballistic track (13 sigma-point flights to the
//! ground plus the disc probabilities for a small defended asset list) and its two parts
//! (`predict_impact`, five `p_within`), and `assess` on the same state as an air track.

use base::{SimDuration, SimTime};
use c2::threat::{DefendedAsset, TrackEstimate, assess, p_within, predict_impact};
use criterion::{Criterion, criterion_group, criterion_main};
use dynamics::{BallisticShape, BallisticSpec, ForceModel, fly_ballistic};
use geodesy::Wgs84;
use std::hint::black_box;

fn wgs(lat: f64, lon: f64) -> Wgs84 {
    Wgs84::from_degrees(lat, lon, 0.0).expect("valid point")
}

/// A mid-course state of a ~600 km SRBM (the longest flight a 2 s epoch predicts often) and
/// an IRBM early in its flight (~800 s still to fly).
fn tracks() -> Vec<(&'static str, TrackEstimate)> {
    let shots = [
        (
            "srbm_mid",
            wgs(10.0, 20.0),
            wgs(13.5, 24.0),
            420.0,
            60.0,
            0.5,
        ),
        (
            "irbm_early",
            wgs(20.0, 165.0),
            wgs(12.0, -160.0),
            1150.0,
            100.0,
            0.3,
        ),
    ];
    let mut p = [[0.0; 6]; 6];
    for i in 0..3 {
        p[i][i] = 200.0 * 200.0;
        p[i + 3][i + 3] = 10.0 * 10.0;
        p[i][i + 3] = 0.5 * 200.0 * 10.0;
        p[i + 3][i] = p[i][i + 3];
    }
    shots
        .iter()
        .map(|&(name, launch, aim, seconds, burn_time_s, frac)| {
            let spec = BallisticSpec {
                launch_time: SimTime::ZERO,
                launch,
                aim,
                shape: BallisticShape::FlightTime { seconds },
                burn_time_s,
                ballistic_coefficient_kg_m2: None,
            };
            let sol = fly_ballistic(&spec, &ForceModel::standard()).expect("reachable");
            let time = SimTime::ZERO + SimDuration::from_secs_f64(frac * seconds);
            let s = sol.trajectory.state_at(time).expect("in flight");
            let (r, v) = (s.position.xyz_m(), s.velocity.xyz_mps());
            let track = TrackEstimate {
                time,
                position_ecef_m: [r.x, r.y, r.z],
                velocity_ecef_mps: [v.x, v.y, v.z],
                covariance: p,
                ballistic_coefficient_kg_m2: None,
            };
            (name, track)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("threat");
    for (name, track) in tracks() {
        let aim = predict_impact(&track, 3600.0).expect("comes down").point;
        // Five assets around the impact, 0–40 km away.
        let assets: Vec<DefendedAsset> = (0..5)
            .map(|k| DefendedAsset {
                position: Wgs84::from_radians(
                    aim.lat_rad() + k as f64 * 0.0015,
                    aim.lon_rad() - k as f64 * 0.001,
                    0.0,
                ),
                radius_m: 3000.0,
                value: 1.0 + k as f64,
            })
            .collect();
        group.bench_function(format!("assess_ballistic/{name}"), |b| {
            b.iter(|| assess(black_box(&track), true, black_box(&assets)))
        });
        group.bench_function(format!("predict_impact/{name}"), |b| {
            b.iter(|| predict_impact(black_box(&track), 3600.0))
        });
        let impact = predict_impact(&track, 3600.0).expect("comes down");
        group.bench_function(format!("p_within_x5/{name}"), |b| {
            b.iter(|| {
                assets
                    .iter()
                    .map(|a| p_within(black_box(&impact), a))
                    .sum::<f64>()
            })
        });
        group.bench_function(format!("assess_air/{name}"), |b| {
            b.iter(|| assess(black_box(&track), false, black_box(&assets)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
