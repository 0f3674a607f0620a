//! Monte Carlo NEES/NIS consistency of every filter and motion model on matching truth
//! (200 runs × 50 steps each; bounds in `support::Experiment::assert_consistent`).

use super::support::{Experiment, config, diag, ecef_site, gaussian, linear_truth, radar, state};
use crate::filter::{
    FilterConfig, FilterKind, Frame, MeasurementModel, MotionModel, StateVector, motion::cwna_noise,
};
use geodesy::wgs84::{GM_M3_S2, OMEGA_RAD_S};
use geodesy::{Mat3, Vec3};
use nalgebra::Matrix3;

const RUNS: usize = 200;
const STEPS: usize = 50;
const POS_VEL: [usize; 6] = [0, 1, 2, 3, 4, 5];
const POS_VEL_2D: [usize; 4] = [0, 1, 3, 4];
const ALL: [usize; 9] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

fn cv() -> MotionModel {
    MotionModel::ConstantVelocity {
        q_m2_s3: 1.0,
        q_vertical_m2_s3: 0.1,
    }
}

/// 20 m, 1 mrad, 1 mrad, 1 m/s: a notional surveillance radar.
const RADAR_SIGMA: [f64; 4] = [20.0, 1e-3, 1e-3, 1.0];

fn radar_flat(rr: bool) -> MeasurementModel {
    radar(Vec3::zeros(), Mat3::identity(), RADAR_SIGMA, rr)
}

/// A prior loose enough to matter for the first steps, tight enough for the EKF's
/// linearisation (200 m at 50 km ≈ 4 mrad).
fn p0() -> nalgebra::SMatrix<f64, 9, 9> {
    diag([200.0, 200.0, 200.0, 20.0, 20.0, 20.0, 1.0, 1.0, 1.0])
}

fn experiment<'a>(
    name: &'a str,
    cfg: FilterConfig,
    model: MeasurementModel,
    truth0: StateVector,
    indices: &'a [usize],
    truth_step: super::support::TruthStep<'a>,
) -> Experiment<'a> {
    Experiment {
        name,
        config: cfg,
        model,
        truth0,
        p0: p0(),
        dt_s: 1.0,
        steps: STEPS,
        runs: RUNS,
        seed: 0x5EED_0000 + name.len() as u64,
        nees_indices: indices,
        truth_step,
    }
}

fn target() -> StateVector {
    state([30e3, 40e3, 5e3], [-150.0, 200.0, 5.0])
}

#[test]
fn kf_cv_position() {
    let truth = linear_truth(Frame::Flat, cv());
    let model = MeasurementModel::Position {
        dim: 3,
        sigma_m: 10.0,
    };
    let t0 = state([0.0, 0.0, 1e3], [200.0, 100.0, 5.0]);
    experiment(
        "kf cv position",
        config(Frame::Flat, FilterKind::Kf, cv()),
        model,
        t0,
        &POS_VEL,
        &truth,
    )
    .assert_consistent();
}

#[test]
fn ekf_cv_radar() {
    let truth = linear_truth(Frame::Flat, cv());
    for rr in [false, true] {
        let name = if rr {
            "ekf cv radar+rr"
        } else {
            "ekf cv radar"
        };
        experiment(
            name,
            config(Frame::Flat, FilterKind::Ekf, cv()),
            radar_flat(rr),
            target(),
            &POS_VEL,
            &truth,
        )
        .assert_consistent();
    }
}

#[test]
fn ukf_cv_radar() {
    let truth = linear_truth(Frame::Flat, cv());
    for rr in [false, true] {
        let name = if rr {
            "ukf cv radar+rr"
        } else {
            "ukf cv radar"
        };
        experiment(
            name,
            config(Frame::Flat, FilterKind::Ukf, cv()),
            radar_flat(rr),
            target(),
            &POS_VEL,
            &truth,
        )
        .assert_consistent();
    }
}

#[test]
fn ekf_ukf_cv_polar2_across_the_bearing_cut() {
    // The target crosses the −x axis (bearing ±π) mid-run.
    let truth = linear_truth(Frame::Flat, cv());
    let model = MeasurementModel::Polar2 {
        sensor_xy: [0.0, 0.0],
        sigma: [1e-3, 20.0],
    };
    let t0 = state([-20e3, 2.5e3, 0.0], [0.0, -100.0, 0.0]);
    for kind in [FilterKind::Ekf, FilterKind::Ukf] {
        let name = if kind == FilterKind::Ekf {
            "ekf polar2"
        } else {
            "ukf polar2"
        };
        experiment(
            name,
            config(Frame::Flat, kind, cv()),
            model,
            t0,
            &POS_VEL_2D,
            &truth,
        )
        .assert_consistent();
    }
}

#[test]
fn ekf_ukf_cv_polar3_across_the_bearing_cut() {
    // Stone Soup's elevation/bearing/range, same ±π crossing, 5 km above the sensor.
    let truth = linear_truth(Frame::Flat, cv());
    let model = MeasurementModel::Polar3 {
        sensor_position: Vec3::new(0.0, 0.0, 0.0),
        sigma: [1e-3, 1e-3, 20.0],
    };
    let t0 = state([-20e3, 2.5e3, 5e3], [0.0, -100.0, 0.0]);
    for kind in [FilterKind::Ekf, FilterKind::Ukf] {
        let name = if kind == FilterKind::Ekf {
            "ekf polar3"
        } else {
            "ukf polar3"
        };
        experiment(
            name,
            config(Frame::Flat, kind, cv()),
            model,
            t0,
            &POS_VEL,
            &truth,
        )
        .assert_consistent();
    }
}

#[test]
fn singer_position_and_radar() {
    let singer = MotionModel::Singer {
        tau_s: 20.0,
        sigma_accel_mps2: 5.0,
    };
    let truth = linear_truth(Frame::Flat, singer);
    let pos = MeasurementModel::Position {
        dim: 3,
        sigma_m: 10.0,
    };
    let t0 = state([0.0, 0.0, 1e3], [200.0, 100.0, 5.0]);
    experiment(
        "kf singer",
        config(Frame::Flat, FilterKind::Kf, singer),
        pos,
        t0,
        &ALL,
        &truth,
    )
    .assert_consistent();
    experiment(
        "ukf singer radar",
        config(Frame::Flat, FilterKind::Ukf, singer),
        radar_flat(true),
        target(),
        &ALL,
        &truth,
    )
    .assert_consistent();
}

#[test]
fn coordinated_turn_on_a_turning_target() {
    let ct = MotionModel::CoordinatedTurn {
        turn_rate_rad_s: 0.05,
        q_m2_s3: 0.5,
    };
    let truth = linear_truth(Frame::Flat, ct);
    for kind in [FilterKind::Ekf, FilterKind::Ukf] {
        let name = if kind == FilterKind::Ekf {
            "ekf ct"
        } else {
            "ukf ct"
        };
        experiment(
            name,
            config(Frame::Flat, kind, ct),
            radar_flat(false),
            target(),
            &POS_VEL,
            &truth,
        )
        .assert_consistent();
    }
}

/// A site in Japan and a target 100–200 km away, in ECEF.
fn ecef_geometry() -> (Vec3, Mat3, StateVector) {
    let (site, to_enu) = ecef_site(35.0, 135.0, 50.0);
    let from_enu = to_enu.transpose();
    let p = site + from_enu * Vec3::new(100e3, 150e3, 60e3);
    let v = from_enu * Vec3::new(-800.0, -1200.0, 900.0);
    (site, to_enu, state([p.x, p.y, p.z], [v.x, v.y, v.z]))
}

#[test]
fn ecef_cv_and_ct_with_local_vertical() {
    let (site, to_enu, t0) = ecef_geometry();
    let model = radar(site, to_enu, RADAR_SIGMA, true);
    let cv = MotionModel::ConstantVelocity {
        q_m2_s3: 5.0,
        q_vertical_m2_s3: 0.05,
    };
    let truth = linear_truth(Frame::Ecef, cv);
    experiment(
        "ekf ecef cv",
        config(Frame::Ecef, FilterKind::Ekf, cv),
        model,
        t0,
        &POS_VEL,
        &truth,
    )
    .assert_consistent();
    let ct = MotionModel::CoordinatedTurn {
        turn_rate_rad_s: -0.03,
        q_m2_s3: 1.0,
    };
    let truth = linear_truth(Frame::Ecef, ct);
    experiment(
        "ukf ecef ct",
        config(Frame::Ecef, FilterKind::Ukf, ct),
        model,
        t0,
        &POS_VEL,
        &truth,
    )
    .assert_consistent();
}

#[test]
fn ballistic_flat() {
    let ballistic = MotionModel::Ballistic { q_m2_s3: 0.1 };
    let truth = linear_truth(Frame::Flat, ballistic);
    let t0 = state([50e3, 20e3, 30e3], [-1000.0, 0.0, 800.0]);
    for kind in [FilterKind::Ekf, FilterKind::Ukf] {
        let name = if kind == FilterKind::Ekf {
            "ekf ballistic flat"
        } else {
            "ukf ballistic flat"
        };
        experiment(
            name,
            config(Frame::Flat, kind, ballistic),
            radar_flat(true),
            t0,
            &POS_VEL,
            &truth,
        )
        .assert_consistent();
    }
}

/// An independent fine RK4 of the rotating-frame ballistic equations (0.05 s steps, ~1e-15 m
/// local error), so the filter's own integrator is not its own truth.
fn fine_ballistic(x: &StateVector, dt: f64) -> StateVector {
    let w = Vec3::new(0.0, 0.0, OMEGA_RAD_S);
    let acc = |r: Vec3, v: Vec3| -> Vec3 {
        -r * (GM_M3_S2 / r.norm().powi(3)) - w.cross(&v) * 2.0 - w.cross(&w.cross(&r))
    };
    let n = (dt / 0.05).round() as usize;
    let h = dt / n as f64;
    let mut r = Vec3::new(x[0], x[1], x[2]);
    let mut v = Vec3::new(x[3], x[4], x[5]);
    for _ in 0..n {
        let (k1r, k1v) = (v, acc(r, v));
        let (k2r, k2v) = (
            v + k1v * (h / 2.0),
            acc(r + k1r * (h / 2.0), v + k1v * (h / 2.0)),
        );
        let (k3r, k3v) = (
            v + k2v * (h / 2.0),
            acc(r + k2r * (h / 2.0), v + k2v * (h / 2.0)),
        );
        let (k4r, k4v) = (v + k3v * h, acc(r + k3r * h, v + k3v * h));
        r += (k1r + k2r * 2.0 + k3r * 2.0 + k4r) * (h / 6.0);
        v += (k1v + k2v * 2.0 + k3v * 2.0 + k4v) * (h / 6.0);
    }
    state([r.x, r.y, r.z], [v.x, v.y, v.z])
}

#[test]
fn ballistic_ecef_coast() {
    let (site, to_enu, t0) = ecef_geometry();
    let model = radar(site, to_enu, [30.0, 1e-3, 1e-3, 1.0], true);
    let q = 0.1;
    let ballistic = MotionModel::Ballistic { q_m2_s3: q };
    let truth = move |rng: &mut rand_chacha::ChaCha8Rng, x: &StateVector, dt: f64| {
        let mut w = gaussian(rng, &cwna_noise(&(Matrix3::identity() * q), dt));
        for i in 6..9 {
            w[i] = 0.0;
        }
        fine_ballistic(x, dt) + w
    };
    for kind in [FilterKind::Ekf, FilterKind::Ukf] {
        let name = if kind == FilterKind::Ekf {
            "ekf ballistic ecef"
        } else {
            "ukf ballistic ecef"
        };
        let mut e = experiment(
            name,
            config(Frame::Ecef, kind, ballistic),
            model,
            t0,
            &POS_VEL,
            &truth,
        );
        // 2 s looks over 100 s of coast: several RK4 substeps per prediction.
        e.dt_s = 2.0;
        e.assert_consistent();
    }
}
