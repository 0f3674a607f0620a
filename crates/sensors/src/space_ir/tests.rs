//! Tests of space IR: boost only (never a coasting body), the altitude floor, Earth blocking,
//! Pd, line-of-sight and launch-event noise, report fields and validation.

use super::*;
use crate::fixtures::{binomial_sigma, fixed, nation, rngs};
use crate::{Signature, Swerling, Transponder};
use base::{ObjectId, Probability, SensorId, SimDuration};
use dynamics::TrajectoryBuilder;
use geodesy::{Velocity, Wgs84};

fn params(pd: f64, report: IrReport) -> SpaceIrParams {
    SpaceIrParams {
        pd: Probability::new(pd).expect("valid"),
        revisit_s: 5.0,
        latency_s: 20.0,
        sigma_los_urad: 30.0,
        report,
        min_alt_m: 5_000.0,
    }
}

fn sensor(p: SpaceIrParams) -> SpaceIr {
    SpaceIr::new(SensorId::new(9), nation(), p).expect("valid test parameters")
}

fn geo() -> Trajectory {
    fixed(
        Wgs84::from_degrees(0.0, 0.0, 35_786_000.0)
            .expect("valid")
            .to_ecef(),
    )
}

/// A missile rising vertically at 1 km/s from (lat, lon) for 300 s.
fn riser(lat_deg: f64, lon_deg: f64) -> Trajectory {
    let ground = Wgs84::from_degrees(lat_deg, lon_deg, 0.0).expect("valid");
    let v = ground.up() * 1_000.0;
    let mut b = TrajectoryBuilder::new();
    b.push(SimTime::ZERO, ground.to_ecef(), Velocity::ecef_from_vec(v));
    b.push(
        SimTime::from_secs(300),
        ground.to_ecef() + v * 300.0,
        Velocity::ecef_from_vec(v),
    );
    b.build()
}

fn missile(index: usize, trajectory: &Trajectory, burnout_s: i64) -> Target<'_> {
    Target {
        object: ObjectId::new(index),
        trajectory,
        signature: Signature {
            rcs_m2: 0.1,
            swerling: Swerling::One,
        },
        transponder: Transponder::None,
        boost_end: Some(SimTime::from_secs(burnout_s)),
    }
}

#[test]
fn detects_boost_only_above_the_floor_and_never_behind_the_earth() {
    let s = sensor(params(1.0, IrReport::LineOfSight));
    let near = riser(10.0, 20.0);
    let far = riser(0.0, 180.0);
    let aircraft = fixed(
        Wgs84::from_degrees(5.0, 5.0, 10_000.0)
            .expect("valid")
            .to_ecef(),
    );
    let targets = [
        missile(0, &near, 60),
        missile(1, &far, 60),
        Target {
            boost_end: None,
            ..missile(2, &aircraft, 0)
        },
    ];
    let mut streams = rngs(61, 9);
    let mut seq = 0;
    for k in 0..=60 {
        // Revisits at 2.5 s + 5k s keep clear of the 5 km floor (5 s) and burnout (60 s).
        let t_ms = 2_500 + 5_000 * k;
        let t = SimTime::from_millis(t_ms);
        let out = s.revisit(t, &geo(), &targets, &mut streams, &mut seq);
        // Burning and above 5 km: t in (5 s, 60 s] (1 km/s climb).
        let expect_near = (5_000..=60_000).contains(&t_ms);
        assert_eq!(out.len(), usize::from(expect_near), "t = {t}");
        for l in &out {
            assert_eq!(l.truth, TruthLabel::Target(ObjectId::new(0)));
            assert_eq!(l.detection.time_measured, t);
            assert_eq!(l.detection.iff, IffResponse::NotInterrogated);
            assert_eq!(l.detection.snr_db, SPACE_IR_NOMINAL_SNR_DB);
        }
    }
    assert_eq!(seq, 11);
    assert_eq!(s.latency(), SimDuration::from_secs(20));
}

#[test]
fn detection_probability_matches_pd() {
    // 20 000 boosting targets, Pd 0.7: binomial σ = 0.0032, 4σ.
    let s = sensor(params(0.7, IrReport::LineOfSight));
    let tr = riser(10.0, 20.0);
    let n = 20_000;
    let targets: Vec<_> = (0..n).map(|i| missile(i, &tr, 100)).collect();
    let out = s.revisit(
        SimTime::from_secs(30),
        &geo(),
        &targets,
        &mut rngs(62, 9),
        &mut 0,
    );
    let rate = out.len() as f64 / n as f64;
    assert!((rate - 0.7).abs() < 4.0 * binomial_sigma(0.7, n), "{rate}");
}

#[test]
fn line_of_sight_noise_matches_its_sigma() {
    // Squared angular error / σ² ~ χ²(2): the mean over 10 000 reports is 2 ± 2.576·√(4/N)
    // at 99% (normal approximation). The error is measured as the angle between measured and
    // true directions, which is first-order exact at 30 µrad.
    let s = sensor(params(1.0, IrReport::LineOfSight));
    let tr = riser(10.0, 20.0);
    let n = 10_000;
    let targets: Vec<_> = (0..n).map(|i| missile(i, &tr, 100)).collect();
    let t = SimTime::from_secs(30);
    let out = s.revisit(t, &geo(), &targets, &mut rngs(63, 9), &mut 0);
    let truth = tr.state_at(t).expect("exists").position.xyz_m();
    let sat = geo().state_at(t).expect("exists").position.xyz_m();
    let u = (truth - sat).normalize();
    let sigma = 30e-6;
    let mut sum = 0.0;
    for l in &out {
        let Measurement::LineOfSight {
            direction_ecef,
            sigma_rad,
        } = l.detection.measurement
        else {
            panic!("expected a line of sight");
        };
        assert_eq!(sigma_rad, sigma);
        let m = Vec3::from(direction_ecef);
        assert!((m.norm() - 1.0).abs() < 1e-12);
        let angle = m.cross(&u).norm().atan2(m.dot(&u));
        sum += (angle / sigma).powi(2);
    }
    let mean = sum / out.len() as f64;
    let half = 2.576 * (4.0 / out.len() as f64).sqrt();
    assert!(
        (mean - 2.0).abs() < half,
        "mean squared normalised error {mean}"
    );
}

#[test]
fn launch_event_is_the_sub_point_with_horizontal_noise() {
    // Per-axis normalised errors: mean 0 (4/√N) and mean square 1 (99%: 2.576·√(2/N)).
    let s = sensor(params(1.0, IrReport::LaunchEvent { sigma_m: 2_000.0 }));
    let tr = riser(10.0, 20.0);
    let n = 5_000;
    let targets: Vec<_> = (0..n).map(|i| missile(i, &tr, 100)).collect();
    let t = SimTime::from_secs(40);
    let out = s.revisit(t, &geo(), &targets, &mut rngs(64, 9), &mut 0);
    assert_eq!(out.len(), n);
    let sub = tr.state_at(t).expect("exists").position.to_wgs84();
    let frame = crate::geometry::LocalFrame::at(sub.with_alt(0.0).to_ecef());
    let (mut sum, mut sum_sq) = ([0.0; 2], [0.0; 2]);
    for l in &out {
        let Measurement::LaunchEvent { position, sigma_m } = l.detection.measurement else {
            panic!("expected a launch event");
        };
        assert_eq!(sigma_m, 2_000.0);
        let enu = frame.rot * (position.xyz_m() - frame.origin_m);
        // On the tangent plane: height within σ²·χ²/2R, under 10 m for 5σ.
        assert!(enu.z.abs() < 10.0, "{}", enu.z);
        for axis in 0..2 {
            let e = enu[axis] / sigma_m;
            sum[axis] += e;
            sum_sq[axis] += e * e;
        }
    }
    let nf = n as f64;
    for axis in 0..2 {
        assert!((sum[axis] / nf).abs() < 4.0 / nf.sqrt());
        assert!((sum_sq[axis] / nf - 1.0).abs() < 2.576 * (2.0 / nf).sqrt());
    }
}

#[test]
fn bad_parameters_are_rejected() {
    let mut p = params(0.9, IrReport::LineOfSight);
    p.revisit_s = 0.0;
    assert!(SpaceIr::new(SensorId::new(0), nation(), p).is_err());
    let mut p = params(0.9, IrReport::LineOfSight);
    p.latency_s = -1.0;
    assert!(SpaceIr::new(SensorId::new(0), nation(), p).is_err());
    let mut p = params(0.9, IrReport::LineOfSight);
    p.sigma_los_urad = f64::NAN;
    assert!(SpaceIr::new(SensorId::new(0), nation(), p).is_err());
    let p = params(0.9, IrReport::LaunchEvent { sigma_m: 0.0 });
    assert!(SpaceIr::new(SensorId::new(0), nation(), p).is_err());
    assert!(
        SpaceIr::new(
            SensorId::new(0),
            nation(),
            params(0.9, IrReport::LineOfSight)
        )
        .is_ok()
    );
}

#[test]
fn perpendicular_pair_is_orthonormal() {
    for u in [Vec3::x(), Vec3::new(1.0, 2.0, -3.0).normalize(), -Vec3::z()] {
        let (a, b) = perpendicular_pair(u);
        for (x, y) in [(a, u), (b, u), (a, b)] {
            assert!(x.dot(&y).abs() < 1e-15);
        }
        assert!((a.norm() - 1.0).abs() < 1e-15 && (b.norm() - 1.0).abs() < 1e-15);
    }
}
