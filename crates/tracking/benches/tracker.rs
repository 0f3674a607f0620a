//! Tracker timings per scan on the Stone Soup comparison scenario (shared/bench README):
//! N = 10, 100, 1000 targets at 0.01 targets/km², two radars alternating (one look per 1 s
//! frame), range/bearing σ = 20 m / 0.1°, Pd 0.9, Poisson clutter with mean N per frame over
//! each radar's full circle out to 2.5 L, 20 % of targets in crossing pairs. The tracker is
//! warmed up on the first 20 frames (tracks confirmed), then one frame is timed, GNN and
//! JPDA. Fixed seeds; the numbers are for trend tracking (STYLE §10), never a CI gate.

use base::{SimDuration, SimTime};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_distr::{Distribution, Poisson, StandardNormal};
use std::f64::consts::PI;
use std::hint::black_box;
use tracking::filter::{
    FilterConfig, FilterKind, Frame, MeasVector, Measurement, MeasurementModel, MotionConfig,
    MotionModel,
};
use tracking::tracker::{AssociatorKind, Tracker, TrackerConfig};

const SIGMA_RANGE_M: f64 = 20.0;
const SIGMA_BEARING_RAD: f64 = 0.1 * PI / 180.0;
const PD: f64 = 0.9;
const WARM_UP_FRAMES: usize = 20;
const TARGET_DENSITY_PER_M2: f64 = 0.01 / 1e6;

struct Frames {
    frames: Vec<Vec<Measurement>>,
    clutter_density: f64,
}

/// The benchmark scenario with `n` targets (straight lines; crossing pairs meet at frame 20).
fn scenario(n: usize, n_frames: usize, seed: u64) -> Frames {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let half_width = 0.5 * (n as f64 / TARGET_DENSITY_PER_M2).sqrt();
    let r_max = 2.5 * half_width;
    let sensors = [[-half_width / 2.0, 0.0], [half_width / 2.0, 0.0]];
    let mut targets: Vec<([f64; 2], [f64; 2])> = Vec::with_capacity(n);
    let n_cross = (n / 5) & !1;
    while targets.len() < n {
        let speed = 100.0 + 200.0 * rng.random::<f64>();
        let heading = 2.0 * PI * rng.random::<f64>();
        let v = [speed * heading.cos(), speed * heading.sin()];
        let p = [
            half_width * (rng.random::<f64>() - 0.5),
            half_width * (rng.random::<f64>() - 0.5),
        ];
        if targets.len() < n_cross && targets.len() % 2 == 1 {
            // Second of a crossing pair: through the first one's frame-20 position.
            let (p1, v1) = targets[targets.len() - 1];
            let turn = (30.0 + 120.0 * rng.random::<f64>()).to_radians();
            let h = v1[1].atan2(v1[0]) + turn;
            let v = [speed * h.cos(), speed * h.sin()];
            let t = WARM_UP_FRAMES as f64;
            let meet = [p1[0] + v1[0] * t, p1[1] + v1[1] * t];
            targets.push(([meet[0] - v[0] * t, meet[1] - v[1] * t], v));
        } else {
            targets.push((p, v));
        }
    }
    let clutter = Poisson::new(n as f64).expect("positive clutter mean");
    let mut next_id = 0;
    let mut frames = Vec::with_capacity(n_frames);
    for k in 0..n_frames {
        let t_s = k as f64;
        let s = sensors[k % 2];
        let model = MeasurementModel::Polar2 {
            sensor_xy: s,
            sigma: [SIGMA_BEARING_RAD, SIGMA_RANGE_M],
        };
        let mut zs: Vec<MeasVector> = Vec::new();
        for (p0, v) in &targets {
            if rng.random::<f64>() >= PD {
                continue;
            }
            let (dx, dy) = (p0[0] + v[0] * t_s - s[0], p0[1] + v[1] * t_s - s[1]);
            let nb: f64 = StandardNormal.sample(&mut rng);
            let nr: f64 = StandardNormal.sample(&mut rng);
            zs.push(MeasVector::new(
                dy.atan2(dx) + SIGMA_BEARING_RAD * nb,
                dx.hypot(dy) + SIGMA_RANGE_M * nr,
                0.0,
                0.0,
            ));
        }
        let n_clutter: f64 = clutter.sample(&mut rng);
        for _ in 0..n_clutter as usize {
            let b = -PI + 2.0 * PI * rng.random::<f64>();
            zs.push(MeasVector::new(b, r_max * rng.random::<f64>(), 0.0, 0.0));
        }
        for i in (1..zs.len()).rev() {
            zs.swap(i, rng.random_range(0..=i));
        }
        let time = SimTime::from_secs(k as i64);
        frames.push(
            zs.into_iter()
                .map(|z| {
                    next_id += 1;
                    Measurement {
                        id: next_id,
                        time,
                        z,
                        model,
                    }
                })
                .collect(),
        );
    }
    Frames {
        frames,
        clutter_density: n as f64 / (2.0 * PI * r_max),
    }
}

/// The configuration `kizuna track` and run_stonesoup.py use: CV (q = 1), Mahalanobis gate 3,
/// 3 updates to confirm, 2 tentative misses, 5 s coast.
fn config(associator: AssociatorKind, clutter_density: f64) -> TrackerConfig {
    TrackerConfig {
        filter: FilterConfig {
            frame: Frame::Flat,
            kind: FilterKind::Ekf,
            motion: MotionConfig::Single(MotionModel::ConstantVelocity {
                q_m2_s3: 1.0,
                q_vertical_m2_s3: 0.0,
            }),
        },
        associator,
        gate_d2: 9.0,
        pd: PD,
        clutter_density,
        confirm_m: 3,
        confirm_n: 5,
        init_velocity_sigma_mps: 300.0,
        init_accel_sigma_mps2: 0.0,
        tentative_max_misses: 2,
        max_coast: SimDuration::from_secs(5),
        oosm_window: SimDuration::ZERO,
        surface: None,
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("tracker_scan");
    group.sample_size(10);
    for n in [10, 100, 1000] {
        let s = scenario(n, WARM_UP_FRAMES + 1, 42);
        for kind in [AssociatorKind::Gnn, AssociatorKind::Jpda] {
            let mut warmed = Tracker::new(config(kind, s.clutter_density));
            for frame in &s.frames[..WARM_UP_FRAMES] {
                warmed.process(frame);
            }
            let timed = &s.frames[WARM_UP_FRAMES];
            group.bench_function(format!("{kind:?}_{n}_targets"), |b| {
                b.iter_batched(
                    || warmed.clone(),
                    |mut tracker| {
                        tracker.process(black_box(timed));
                        tracker
                    },
                    BatchSize::LargeInput,
                )
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
