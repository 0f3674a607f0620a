//! Benchmark of the radar model: one scan of each of 50 radars (fixed sites and moving ships)
//! over 1000 targets (airliners, fighters, sea-skimmers, ballistic-like climbers), reported as
//! detections per second and scans per second. Fixed seeds; the scene is notional.

use base::rng::{StreamKind, stream};
use base::{NationId, ObjectId, SensorId, SimTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dynamics::{Trajectory, TrajectoryBuilder};
use geodesy::{Position, Site, SiteId, Vec3, Velocity, Wgs84};
use rand::RngExt;
use sensors::{
    DetectionModel, FieldOfRegard, Radar, RadarParams, ScanKind, SensorRngs, Signature, Swerling,
    Target, Transponder,
};
use std::hint::black_box;

const N_TARGETS: usize = 1000;
const N_SENSORS: usize = 50;
/// Trajectory sample spacing, s: like the engine's solvers, so `state_at` searches realistic
/// sample counts (≈ 100 per trajectory).
const SAMPLE_STEP_S: i64 = 10;
const DURATION_S: i64 = 1000;

/// A notional surveillance radar like the scenario default (1000 km, 1.5°, Pfa 1e-6).
fn radar_params(k: usize) -> RadarParams {
    RadarParams {
        detection: DetectionModel::RadarEquation {
            ref_range_m: 400_000.0,
            ref_snr_db: 13.0,
            pfa: 1e-6,
        },
        min_range_m: 1_000.0,
        max_range_m: 1_000_000.0,
        field: FieldOfRegard {
            boresight_az_deg: 30.0 * k as f64,
            az_half_width_deg: if k.is_multiple_of(3) { 60.0 } else { 180.0 },
            min_el_deg: -1.0,
            max_el_deg: 85.0,
        },
        scan_period_s: 10.0,
        scan: if k.is_multiple_of(3) {
            ScanKind::PhasedArray
        } else {
            ScanKind::Rotator
        },
        range_resolution_m: 150.0,
        beamwidth_deg: 1.5,
        sigma_range_m: 30.0,
        sigma_az_deg: 0.15,
        sigma_el_deg: 0.2,
        sigma_range_rate_mps: k.is_multiple_of(2).then_some(2.0),
        noise_scales_with_snr: !k.is_multiple_of(2),
        noise_ref_snr_db: 13.0,
        bias_range_m: 0.0,
        bias_az_deg: 0.0,
        bias_el_deg: 0.0,
        k_factor: 4.0 / 3.0,
        iff: true,
        antenna_height_m: 0.0,
        budget: sensors::DwellBudget::OFF,
        latency_s: 0.0,
    }
}

/// Straight-line motion sampled every `SAMPLE_STEP_S`, starting at `p` with velocity `v`
/// given in the local ENU frame at `p` (m/s).
fn straight(origin: Wgs84, v_enu: Vec3) -> Trajectory {
    let site = Site::new(SiteId::new(0), origin);
    let v = site.enu_to_ecef().rotation() * v_enu;
    let p0 = origin.to_ecef();
    let mut b = TrajectoryBuilder::new();
    for k in 0..=DURATION_S / SAMPLE_STEP_S {
        let t = (k * SAMPLE_STEP_S) as f64;
        b.push(
            SimTime::from_secs(k * SAMPLE_STEP_S),
            Position::ecef_from_vec(p0.xyz_m() + v * t),
            Velocity::ecef_from_vec(v),
        );
    }
    b.build()
}

struct Scene {
    platforms: Vec<Trajectory>,
    radars: Vec<Radar>,
    targets: Vec<(Trajectory, Signature, Transponder)>,
}

fn scene() -> Scene {
    let mut g = stream(2024, StreamKind::AimError, 0);
    let mut u = move || g.random::<f64>();
    let nation = NationId::parse("AAA").expect("valid nation");
    let mut platforms = Vec::new();
    let mut radars = Vec::new();
    for k in 0..N_SENSORS {
        let lat = 30.0 + 10.0 * u();
        let lon = 125.0 + 15.0 * u();
        // Every fourth sensor is a ship steaming at 10 m/s; the rest are fixed sites.
        let at = Wgs84::from_degrees(lat, lon, 30.0).expect("valid");
        platforms.push(if k.is_multiple_of(4) {
            straight(at, Vec3::new(10.0 * u(), 10.0 * u(), 0.0))
        } else {
            Trajectory::stationary(SimTime::ZERO, at.to_ecef())
        });
        radars.push(Radar::new(SensorId::new(k), nation, radar_params(k)).expect("valid"));
    }
    let targets = (0..N_TARGETS)
        .map(|i| {
            let lat = 28.0 + 14.0 * u();
            let lon = 122.0 + 21.0 * u();
            let heading = std::f64::consts::TAU * u();
            let (alt, speed, vz, rcs, transponder) = match i % 4 {
                0 => (10_000.0, 250.0, 0.0, 40.0, Transponder::Civil(p(0.99))),
                1 => (8_000.0, 300.0, 0.0, 3.0, Transponder::Military(p(0.95))),
                2 => (10.0, 250.0, 0.0, 0.1, Transponder::None),
                _ => (50_000.0, 1500.0, 1000.0, 0.05, Transponder::None),
            };
            let at = Wgs84::from_degrees(lat, lon, alt).expect("valid");
            let v = Vec3::new(speed * heading.sin(), speed * heading.cos(), vz);
            let swerling = [Swerling::One, Swerling::Three, Swerling::Zero][i % 3];
            (
                straight(at, v),
                Signature {
                    rcs_m2: rcs,
                    swerling,
                },
                transponder,
            )
        })
        .collect();
    Scene {
        platforms,
        radars,
        targets,
    }
}

fn p(x: f64) -> base::Probability {
    base::Probability::new(x).expect("valid probability")
}

fn bench_scans(c: &mut Criterion) {
    let scene = scene();
    let targets: Vec<Target<'_>> = scene
        .targets
        .iter()
        .enumerate()
        .map(|(i, (tr, signature, transponder))| Target {
            object: ObjectId::new(i),
            trajectory: tr,
            signature: *signature,
            transponder: *transponder,
            boost_end: None,
        })
        .collect();
    let mut rngs: Vec<SensorRngs> = (0..N_SENSORS as u64)
        .map(|k| SensorRngs {
            noise: stream(7, StreamKind::SensorNoise, k),
            clutter: stream(7, StreamKind::Clutter, k),
        })
        .collect();
    let mut seq = vec![0u64; N_SENSORS];
    let t = SimTime::from_secs(300);
    let mut scan_all = || {
        let (mut n, mut n_false) = (0, 0);
        for k in 0..N_SENSORS {
            let out = scene.radars[k].scan(
                black_box(t),
                &scene.platforms[k],
                &targets,
                &mut rngs[k],
                &mut seq[k],
            );
            n += out.len();
            n_false += out
                .iter()
                .filter(|l| l.truth == sensors::TruthLabel::FalseAlarm)
                .count();
        }
        (n, n_false)
    };
    // Detections per round (real + false), for the throughput in detections/s.
    let (per_round, false_alarms) = scan_all();
    eprintln!(
        "one round: {per_round} detections ({} real, {false_alarms} false alarms)",
        per_round - false_alarms
    );
    let per_round = per_round as u64;
    let mut group = c.benchmark_group("radar_1000_targets_x_50_sensors");
    group.throughput(Throughput::Elements(per_round));
    group.bench_function("detections", |b| b.iter(&mut scan_all));
    group.throughput(Throughput::Elements(N_SENSORS as u64));
    group.bench_function("scans", |b| b.iter(&mut scan_all));
    group.finish();
}

criterion_group!(benches, bench_scans);
criterion_main!(benches);
