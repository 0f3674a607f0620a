//! Tests of the radar scan: Pd against the closed forms, the horizon, measurement consistency
//! (NEES), scan timing, field of regard, determinism and parameter validation.

use super::*;
use crate::fixtures::{binomial_sigma, fixed, nation, point_at, radar_params, rngs, site, target};
use crate::{FieldOfRegard, Radar, SensorError, Signature, Swerling, Transponder, db_to_ratio, pd};
use base::rng::{StreamKind, stream};
use base::{ObjectId, SensorId};
use dynamics::TrajectoryBuilder;
use geodesy::wgs84::A_M;
use geodesy::{Position, Vec3, Velocity, Wgs84};
use picture::Measurement;

fn radar(params: RadarParams) -> Radar {
    Radar::new(SensorId::new(0), nation(), params).expect("valid test parameters")
}

fn real(out: &[Labeled]) -> impl Iterator<Item = &Labeled> {
    out.iter()
        .filter(|l| matches!(l.truth, TruthLabel::Target(_)))
}

/// `(range, az, el, range_rate)` of the radar plot.
fn plot(d: &Detection) -> (f64, f64, f64, Option<f64>, [f64; 3], Option<f64>) {
    match d.measurement {
        Measurement::Radar {
            range_m,
            az_rad,
            el_rad,
            range_rate_mps,
            sigma_range_m,
            sigma_az_rad,
            sigma_el_rad,
            sigma_range_rate_mps,
        } => (
            range_m,
            az_rad,
            el_rad,
            range_rate_mps,
            [sigma_range_m, sigma_az_rad, sigma_el_rad],
            sigma_range_rate_mps,
        ),
        other => panic!("radar produced a non-radar measurement {other:?}"),
    }
}

#[test]
fn pd_versus_range_matches_closed_forms_for_swerling_0_1_3() {
    // 20 000 co-located targets per point (independent draws), binomial σ ≤ 0.0036;
    // assert |p̂ − Pd| < 4σ (a 1-in-16 000 event per point on an unlucky stream; fixed seeds
    // make the test deterministic). Ranges are chosen for mean SNRs 5–20 dB.
    let r = radar(radar_params());
    let platform = fixed(site().to_ecef());
    let n = 20_000;
    for (k, sw) in [Swerling::Zero, Swerling::One, Swerling::Three]
        .into_iter()
        .enumerate()
    {
        for snr_db in [5.0, 10.0, 13.0, 16.0, 20.0] {
            // SNR = SNR₀ (R₀/R)⁴ for 1 m² → R = R₀ (SNR₀/SNR)^{1/4}.
            let range_m = 100_000.0 * (db_to_ratio(13.0) / db_to_ratio(snr_db)).powf(0.25);
            let trajectory = fixed(point_at(site(), 45.0, 2.0, range_m));
            let targets: Vec<_> = (0..n)
                .map(|i| target(i, &trajectory, 1.0, sw, Transponder::None))
                .collect();
            let mut streams = rngs(100 + k as u64, snr_db as u64);
            let out = r.scan(SimTime::ZERO, &platform, &targets, &mut streams, &mut 0);
            let p_hat = real(&out).count() as f64 / n as f64;
            let p = pd(sw, db_to_ratio(snr_db), 1e-6);
            let sigma = binomial_sigma(p, n);
            assert!(
                (p_hat - p).abs() < 4.0 * sigma.max(1.0 / n as f64),
                "{sw:?} at {snr_db} dB: p̂ {p_hat} vs Pd {p} (σ {sigma})"
            );
        }
    }
}

#[test]
fn nominal_model_detects_with_its_pd_inside_coverage_only() {
    // 20 000 targets, Pd 0.7: binomial σ = 0.0032, 4σ bound.
    let mut params = radar_params();
    params.detection = DetectionModel::Nominal {
        pd: base::Probability::new(0.7).expect("valid"),
        pfa: 1e-6,
    };
    let r = radar(params);
    let platform = fixed(site().to_ecef());
    let inside = fixed(point_at(site(), 10.0, 3.0, 300_000.0));
    let beyond = fixed(point_at(site(), 10.0, 3.0, 450_000.0));
    let n = 20_000;
    let targets: Vec<_> = (0..n)
        .map(|i| {
            let tr = if i % 2 == 0 { &inside } else { &beyond };
            target(i, tr, 1e-6, Swerling::One, Transponder::None)
        })
        .collect();
    let out = r.scan(SimTime::ZERO, &platform, &targets, &mut rngs(3, 0), &mut 0);
    let hits: Vec<_> = real(&out).collect();
    assert!(
        hits.iter()
            .all(|l| matches!(l.truth, TruthLabel::Target(o) if o.index() % 2 == 0)),
        "a target beyond max range was detected"
    );
    let p_hat = hits.len() as f64 / (n / 2) as f64;
    assert!(
        (p_hat - 0.7).abs() < 4.0 * binomial_sigma(0.7, n / 2),
        "{p_hat}"
    );
    // The nominal model reports its reference SNR.
    assert!(
        hits.iter()
            .all(|l| (l.detection.snr_db - 13.0).abs() < 1e-12)
    );
}

/// A target flying west along the equator at `alt_m`, from `start_m` of ground distance east
/// of longitude 0 at `speed_mps`, sampled every second for `duration_s`.
fn equator_skimmer(start_m: f64, speed_mps: f64, alt_m: f64, duration_s: i64) -> Trajectory {
    let r = A_M + alt_m;
    let mut b = TrajectoryBuilder::new();
    for s in 0..=duration_s {
        let lon = (start_m - speed_mps * s as f64) / A_M;
        let (sl, cl) = lon.sin_cos();
        b.push(
            SimTime::from_secs(s),
            Position::ecef(r * cl, r * sl, 0.0),
            // d/dt of r(cos λ, sin λ) with dλ/dt = −v/a, scaled to the orbit radius r.
            Velocity::ecef(speed_mps * sl * r / A_M, -speed_mps * cl * r / A_M, 0.0),
        );
    }
    b.build()
}

/// Ground distance (along the equator) of an equatorial point east of longitude 0.
fn equator_ground_m(p: Position<geodesy::Ecef>) -> f64 {
    let v = p.xyz_m();
    v.y.atan2(v.x) * A_M
}

#[test]
fn sea_skimmer_is_never_seen_beyond_the_horizon_and_always_inside() {
    // A 10 m sea-skimmer approaches a 30 m ship radar along the equator (east-west, where the
    // Earth's radius of curvature is exactly a). Horizon d_h = √(2ka·30) + √(2ka·10) ≈ 35.6 km.
    // 10 m², Swerling 0 gives ≥ 40 dB at the horizon (Pd = 1 to 1e-12), so every scan with
    // the target inside must detect it. Margin 2e-4·d_h (7 m) covers the exact-tangent vs
    // classic-formula difference (≈ 1e-5) and the target's motion within the plot's time.
    let mut params = radar_params();
    params.scan_period_s = 1.0;
    let r = radar(params);
    let radar_site = Wgs84::from_degrees(0.0, 0.0, 30.0).expect("valid");
    let platform = fixed(radar_site.to_ecef());
    let skimmer = equator_skimmer(60_000.0, 250.0, 10.0, 200);
    let targets = [target(0, &skimmer, 10.0, Swerling::Zero, Transponder::None)];
    let d_h = crate::horizon_range_on_radius_m(4.0 / 3.0, A_M, 30.0, 10.0);
    assert!((d_h - 35_600.0).abs() < 200.0, "{d_h}");
    let mut streams = rngs(5, 0);
    let (mut inside_scans, mut inside_hits, mut beyond_hits) = (0, 0, 0);
    let mut first_seen_m: f64 = 0.0;
    for s in 0..199 {
        let start = SimTime::from_secs(s);
        let out = r.scan(start, &platform, &targets, &mut streams, &mut 0);
        let ground_at =
            |t: SimTime| equator_ground_m(skimmer.state_at(t).expect("in flight").position);
        let (g_start, g_end) = (
            ground_at(start),
            ground_at(start + SimDuration::from_secs(1)),
        );
        for l in real(&out) {
            let g = ground_at(l.detection.time_measured);
            first_seen_m = first_seen_m.max(g);
            assert!(
                g <= d_h * (1.0 + 2e-4),
                "detected at {g} m ground distance, horizon {d_h} m"
            );
        }
        if g_start < d_h * (1.0 - 2e-4) {
            inside_scans += 1;
            inside_hits += real(&out).count();
        }
        if g_end > d_h * (1.0 + 2e-4) {
            beyond_hits += real(&out).count();
        }
    }
    assert_eq!(beyond_hits, 0);
    assert!(inside_scans > 90, "{inside_scans}");
    assert_eq!(
        inside_hits, inside_scans,
        "missed a sea-skimmer inside the horizon"
    );
    // First seen within one scan (250 m of flight) of crossing the horizon.
    assert!(first_seen_m > d_h - 250.0, "first seen at {first_seen_m} m");
}

/// `(value − truth)/σ` for range, azimuth, elevation and range rate of a detection.
fn normalised_errors(l: &Labeled, targets: &[Trajectory], bias: [f64; 3]) -> Vec<f64> {
    let d = &l.detection;
    let TruthLabel::Target(object) = l.truth else {
        panic!("not a real detection");
    };
    let truth = targets[object.index()]
        .state_at(d.time_measured)
        .expect("target exists when measured");
    let frame = LocalFrame::at(d.sensor_position);
    let offset = truth.position.xyz_m() - d.sensor_position.xyz_m();
    let (az, el, r) = frame.az_el_range(offset);
    let rr = offset.dot(&(truth.velocity.xyz_mps() - d.sensor_velocity.xyz_mps())) / r;
    let (mr, maz, mel, mrr, sigma, sigma_rr) = plot(d);
    let mut e = vec![
        (mr - r - bias[0]) / sigma[0],
        (crate::geometry::wrap_pi(maz - az) - bias[1]) / sigma[1],
        (mel - el - bias[2]) / sigma[2],
    ];
    if let (Some(m), Some(s)) = (mrr, sigma_rr) {
        e.push((m - rr) / s);
    }
    e
}

/// Targets at random positions (range 20–150 km, el 1–30°) flying straight at up to 300 m/s,
/// and a ship platform steaming at 15 m/s.
fn random_scene(seed: u64, n: usize) -> (Trajectory, Vec<Trajectory>) {
    let mut g = stream(seed, StreamKind::AimError, 0);
    let mut u = || g.random::<f64>();
    let ship_start = site().with_alt(20.0).to_ecef();
    let ship_v = Vec3::new(15.0 * 0.6, 15.0 * 0.8, 0.0);
    let straight = |p: Position<geodesy::Ecef>, v: Vec3| {
        let mut b = TrajectoryBuilder::new();
        b.push(SimTime::ZERO, p, Velocity::ecef_from_vec(v));
        b.push(
            SimTime::from_secs(200),
            p + v * 200.0,
            Velocity::ecef_from_vec(v),
        );
        b.build()
    };
    let ship = straight(ship_start, ship_v);
    let targets = (0..n)
        .map(|_| {
            let p = point_at(
                site(),
                360.0 * u(),
                1.0 + 29.0 * u(),
                20_000.0 + 130_000.0 * u(),
            );
            let v = Vec3::new(u() - 0.5, u() - 0.5, 0.2 * (u() - 0.5)) * 600.0;
            straight(p, v)
        })
        .collect();
    (ship, targets)
}

/// Scans a random scene for `n_scans` and returns the normalised errors of every real plot.
fn scene_errors(params: RadarParams, seed: u64, n_scans: i64) -> (Vec<Vec<f64>>, Vec<Labeled>) {
    let r = radar(params);
    let (ship, trajectories) = random_scene(seed, 400);
    let targets: Vec<_> = trajectories
        .iter()
        .enumerate()
        .map(|(i, tr)| target(i, tr, 10.0, Swerling::One, Transponder::None))
        .collect();
    let mut streams = rngs(seed, 1);
    let mut seq = 0;
    let bias = [
        params.bias_range_m,
        params.bias_az_deg.to_radians(),
        params.bias_el_deg.to_radians(),
    ];
    let mut errors = Vec::new();
    let mut all = Vec::new();
    for s in 0..n_scans {
        let out = r.scan(
            SimTime::from_secs(10 * s),
            &ship,
            &targets,
            &mut streams,
            &mut seq,
        );
        for l in real(&out) {
            errors.push(normalised_errors(l, &trajectories, bias));
        }
        all.extend(out);
    }
    (errors, all)
}

/// Asserts, over N plots: per axis, mean ≈ 0 (|mean| < 4/√N) and mean square within the
/// two-sided 99% chi-square bounds for N dof (`1 ± 2.576·√(2/N)`); and the average NEES within
/// the 99% bounds for `dof·N` dof (`dof ± 2.576·√(2·dof/N)`). Normal approximations of the
/// chi-square quantiles, accurate to < 1% of the half-width at thousands of dof. The per-axis
/// check catches a sigma misreported by 5% on one axis, which the pooled NEES can miss.
fn assert_consistent(errors: &[Vec<f64>], dof: usize) {
    let n = errors.len() as f64;
    assert!(errors.iter().all(|e| e.len() == dof));
    for axis in 0..dof {
        let mean = errors.iter().map(|e| e[axis]).sum::<f64>() / n;
        assert!(
            mean.abs() < 4.0 / n.sqrt(),
            "axis {axis}: mean normalised error {mean} over {n}"
        );
        let mean_square = errors.iter().map(|e| e[axis] * e[axis]).sum::<f64>() / n;
        assert!(
            (mean_square - 1.0).abs() < 2.576 * (2.0 / n).sqrt(),
            "axis {axis}: mean squared normalised error {mean_square} over {n}"
        );
    }
    let nees = errors
        .iter()
        .map(|e| e.iter().map(|x| x * x).sum::<f64>())
        .sum::<f64>()
        / n;
    let half_width = 2.576 * (2.0 * dof as f64 / n).sqrt();
    assert!(
        (nees - dof as f64).abs() < half_width,
        "average NEES {nees} outside {dof} ± {half_width} over {n} plots"
    );
}

#[test]
fn measurement_errors_are_consistent_with_reported_sigmas() {
    // ≈ 3500 plots from a moving ship (range, az, el, range rate: 4 dof).
    let mut params = radar_params();
    params.sigma_range_rate_mps = Some(2.0);
    let (errors, _) = scene_errors(params, 21, 10);
    assert!(errors.len() > 3000, "{}", errors.len());
    assert_consistent(&errors, 4);
}

#[test]
fn snr_scaled_noise_is_consistent_and_follows_the_law() {
    let mut params = radar_params();
    params.noise_scales_with_snr = true;
    let (errors, all) = scene_errors(params, 22, 10);
    assert!(errors.len() > 3000, "{}", errors.len());
    assert_consistent(&errors, 3);
    // Reported sigmas follow σ·clamp(√(SNR_ref/SNR)) with the detection's own measured SNR.
    let mut distinct = std::collections::BTreeSet::new();
    for l in &all {
        let (.., sigma, _) = plot(&l.detection);
        let snr = db_to_ratio(l.detection.snr_db);
        let scale = (db_to_ratio(13.0) / snr)
            .sqrt()
            .clamp(MIN_NOISE_SCALE, MAX_NOISE_SCALE);
        assert!((sigma[0] - 30.0 * scale).abs() < 1e-9 * sigma[0]);
        distinct.insert((sigma[0] * 1e6) as i64);
    }
    assert!(distinct.len() > 100, "sigmas do not vary with SNR");
}

#[test]
fn registration_biases_shift_the_mean_error() {
    let mut params = radar_params();
    params.bias_range_m = 50.0;
    params.bias_az_deg = 0.3;
    params.bias_el_deg = -0.1;
    // Errors net of the bias are consistent, so the mean error equals the bias within 4σ/√N.
    let (errors, all) = scene_errors(params, 23, 10);
    assert_consistent(&errors, 3);
    // The same plots without subtracting the bias: the mean normalised error is bias/σ
    // (range 50/30, az 0.3/0.2, el −0.1/0.3), again within 4/√N.
    let (_, trajectories) = random_scene(23, 400);
    let raw: Vec<_> = real(&all)
        .map(|l| normalised_errors(l, &trajectories, [0.0; 3]))
        .collect();
    let n = raw.len() as f64;
    for (axis, want) in [50.0 / 30.0, 0.3 / 0.2, -0.1 / 0.3].into_iter().enumerate() {
        let mean = raw.iter().map(|e| e[axis]).sum::<f64>() / n;
        assert!(
            (mean - want).abs() < 4.0 / n.sqrt(),
            "axis {axis}: {mean} vs {want}"
        );
    }
}

#[test]
fn rotator_measures_each_target_when_the_beam_passes_its_azimuth() {
    let mut params = radar_params();
    params.scan_period_s = 8.0;
    let r = radar(params);
    let platform = fixed(site().to_ecef());
    let azimuths = [270.0, 0.0, 359.0, 90.0, 180.0];
    let trajectories: Vec<_> = azimuths
        .iter()
        .map(|&az| fixed(point_at(site(), az, 3.0, 50_000.0)))
        .collect();
    let targets: Vec<_> = trajectories
        .iter()
        .enumerate()
        .map(|(i, tr)| target(i, tr, 100.0, Swerling::Zero, Transponder::None))
        .collect();
    let start = SimTime::from_secs(100);
    let mut seq = 7;
    let out = r.scan(start, &platform, &targets, &mut rngs(1, 0), &mut seq);
    let plots: Vec<_> = real(&out).collect();
    assert_eq!(plots.len(), azimuths.len());
    for l in &plots {
        let TruthLabel::Target(o) = l.truth else {
            unreachable!()
        };
        let expected_s = azimuths[o.index()] / 360.0 * 8.0;
        let got_s = (l.detection.time_measured - start).as_secs_f64();
        // 1 µs: the fixed point is exact for a stationary target up to float rounding.
        assert!(
            (got_s - expected_s).abs() < 1e-6,
            "az {}: {got_s}",
            azimuths[o.index()]
        );
    }
    // Sorted by time, numbered in that order from the running counter.
    assert!(out.windows(2).all(|w| {
        (w[0].detection.time_measured, w[0].detection.id)
            < (w[1].detection.time_measured, w[1].detection.id)
    }));
    assert_eq!(out[0].detection.id.seq(), 7);
    assert_eq!(seq, 7 + out.len() as u64);
}

#[test]
fn beam_and_target_azimuths_agree_for_a_crossing_target() {
    // 300 m/s crossing at 20 km, 10 s rotator: azimuth rate 0.015 rad/s; after three fixed-point
    // steps the residual is ≈ 2e-5 rad. Bound 1e-4 rad (0.006°, 1/350 of the beam).
    let r = radar(radar_params());
    let platform = fixed(site().to_ecef());
    let p0 = point_at(site(), 90.0, 1.0, 20_000.0);
    let frame = LocalFrame::at(site().to_ecef());
    let north = frame.rot.transpose() * Vec3::new(0.0, 300.0, 0.0);
    let mut b = TrajectoryBuilder::new();
    b.push(SimTime::ZERO, p0, Velocity::ecef_from_vec(north));
    b.push(
        SimTime::from_secs(20),
        p0 + north * 20.0,
        Velocity::ecef_from_vec(north),
    );
    let tr = b.build();
    let targets = [target(0, &tr, 100.0, Swerling::Zero, Transponder::None)];
    let out = r.scan(SimTime::ZERO, &platform, &targets, &mut rngs(2, 0), &mut 0);
    let l = real(&out).next().expect("detected");
    let t = l.detection.time_measured;
    let beam_az = (t - SimTime::ZERO).as_secs_f64() / 10.0 * TAU;
    let truth = tr.state_at(t).expect("exists");
    let (az, ..) = frame.az_el_range(truth.position.xyz_m() - frame.origin_m);
    assert!((beam_az - az).abs() < 1e-4, "beam {beam_az} vs target {az}");
}

#[test]
fn phased_array_sweeps_and_respects_its_field_of_regard() {
    for (boresight, half, azimuths, inside) in [
        (
            90.0,
            60.0,
            [20.0, 31.0, 90.0, 149.0, 160.0],
            [false, true, true, true, false],
        ),
        // Wrap-around: the field spans north (330° → 30°).
        (
            0.0,
            30.0,
            [320.0, 335.0, 0.0, 29.0, 40.0],
            [false, true, true, true, false],
        ),
    ] {
        let mut params = radar_params();
        params.scan = ScanKind::PhasedArray;
        params.field = FieldOfRegard {
            boresight_az_deg: boresight,
            az_half_width_deg: half,
            min_el_deg: 0.5,
            max_el_deg: 60.0,
        };
        let r = radar(params);
        let platform = fixed(site().to_ecef());
        let mut trajectories: Vec<_> = azimuths
            .iter()
            .map(|&az| fixed(point_at(site(), az, 5.0, 50_000.0)))
            .collect();
        // Same bearing as an inside target but above the elevation limit, and below the mask.
        trajectories.push(fixed(point_at(site(), boresight, 65.0, 50_000.0)));
        trajectories.push(fixed(point_at(site(), boresight, 0.2, 50_000.0)));
        let targets: Vec<_> = trajectories
            .iter()
            .enumerate()
            .map(|(i, tr)| target(i, tr, 100.0, Swerling::Zero, Transponder::None))
            .collect();
        let out = r.scan(SimTime::ZERO, &platform, &targets, &mut rngs(4, 0), &mut 0);
        let seen: Vec<usize> = real(&out)
            .map(|l| match l.truth {
                TruthLabel::Target(o) => o.index(),
                TruthLabel::FalseAlarm => unreachable!(),
            })
            .collect();
        for (i, &expected) in inside.iter().enumerate() {
            assert_eq!(
                seen.contains(&i),
                expected,
                "boresight {boresight}, az {}",
                azimuths[i]
            );
        }
        assert!(
            !seen.contains(&5) && !seen.contains(&6),
            "elevation limits ignored"
        );
        for l in real(&out) {
            let TruthLabel::Target(o) = l.truth else {
                unreachable!()
            };
            let offset = (azimuths[o.index()] - (boresight - half)).rem_euclid(360.0);
            let expected_s = offset / (2.0 * half) * 10.0;
            let got_s = l.detection.time_measured.as_secs_f64();
            assert!((got_s - expected_s).abs() < 1e-6, "{got_s} vs {expected_s}");
        }
    }
}

#[test]
fn instrumented_range_limits_apply() {
    let r = radar(radar_params());
    let platform = fixed(site().to_ecef());
    let near = fixed(point_at(site(), 30.0, 10.0, 900.0));
    let far = fixed(point_at(site(), 30.0, 10.0, 401_000.0));
    let ok = fixed(point_at(site(), 30.0, 10.0, 1_100.0));
    let targets = [
        target(0, &near, 1e3, Swerling::Zero, Transponder::None),
        target(1, &far, 1e6, Swerling::Zero, Transponder::None),
        target(2, &ok, 1e3, Swerling::Zero, Transponder::None),
    ];
    for s in 0..20 {
        let out = r.scan(
            SimTime::from_secs(10 * s),
            &platform,
            &targets,
            &mut rngs(6, 0),
            &mut 0,
        );
        let seen: Vec<_> = real(&out).map(|l| l.truth).collect();
        assert_eq!(seen, vec![TruthLabel::Target(ObjectId::new(2))]);
    }
}

#[test]
fn absent_platform_or_targets_produce_nothing() {
    let r = radar(radar_params());
    let late_platform = Trajectory::stationary(SimTime::from_secs(50), site().to_ecef());
    let tr = fixed(point_at(site(), 30.0, 5.0, 50_000.0));
    let targets = [target(0, &tr, 100.0, Swerling::Zero, Transponder::None)];
    let mut seq = 0;
    assert!(
        r.scan(
            SimTime::ZERO,
            &late_platform,
            &targets,
            &mut rngs(7, 0),
            &mut seq
        )
        .is_empty()
    );
    assert_eq!(seq, 0);
    // A target that appears after the beam has passed its azimuth is not seen this scan.
    let platform = fixed(site().to_ecef());
    let late = Trajectory::stationary(SimTime::from_secs(5), point_at(site(), 30.0, 5.0, 50_000.0));
    let targets = [target(0, &late, 100.0, Swerling::Zero, Transponder::None)];
    let out = r.scan(
        SimTime::ZERO,
        &platform,
        &targets,
        &mut rngs(7, 0),
        &mut seq,
    );
    assert_eq!(real(&out).count(), 0);
    let out = r.scan(
        SimTime::from_secs(10),
        &platform,
        &targets,
        &mut rngs(7, 0),
        &mut seq,
    );
    assert_eq!(real(&out).count(), 1);
}

/// Debug text of a scan: byte-identical text means identical output.
fn text(out: &[Labeled]) -> String {
    format!("{out:?}")
}

#[test]
fn output_depends_only_on_the_sensors_own_inputs_and_streams() {
    let (ship, trajectories) = random_scene(31, 200);
    let targets: Vec<_> = trajectories
        .iter()
        .enumerate()
        .map(|(i, tr)| target(i, tr, 1.0, Swerling::One, Transponder::None))
        .collect();
    let a = radar(radar_params());
    let mut b_params = radar_params();
    b_params.scan_period_s = 4.0;
    let b = Radar::new(SensorId::new(1), nation(), b_params).expect("valid");
    let run = |with_b: bool| {
        let (mut ra, mut rb) = (rngs(9, 0), rngs(9, 1));
        let (mut sa, mut sb) = (0, 0);
        let mut text_a = String::new();
        for s in 0..5 {
            let t = SimTime::from_secs(10 * s);
            if with_b {
                b.scan(t, &ship, &targets, &mut rb, &mut sb);
            }
            text_a += &text(&a.scan(t, &ship, &targets, &mut ra, &mut sa));
        }
        text_a
    };
    let alone = run(false);
    assert_eq!(
        alone,
        run(false),
        "same inputs, same streams, different output"
    );
    assert_eq!(
        alone,
        run(true),
        "another sensor changed this sensor's detections"
    );
    // The clutter stream never touches real detections' values (only their numbering).
    let real_values = |clutter_seed: u64| {
        let mut streams = rngs(9, 0);
        streams.clutter = stream(clutter_seed, StreamKind::Clutter, 0);
        let out = a.scan(SimTime::ZERO, &ship, &targets, &mut streams, &mut 0);
        real(&out)
            .map(|l| {
                format!(
                    "{:?}{:?}{:?}",
                    l.detection.measurement, l.detection.snr_db, l.truth
                )
            })
            .collect::<String>()
    };
    assert_eq!(real_values(1), real_values(2));
}

#[test]
fn bad_parameters_are_rejected() {
    type Edit = fn(&mut RadarParams);
    let cases: [(&str, Edit); 14] = [
        ("detection.pfa", |p| {
            p.detection = DetectionModel::RadarEquation {
                ref_range_m: 1e5,
                ref_snr_db: 13.0,
                pfa: 0.2,
            }
        }),
        ("detection.pfa", |p| {
            p.detection = DetectionModel::Nominal {
                pd: base::Probability::ONE,
                pfa: 0.0,
            }
        }),
        ("detection.ref_range_m", |p| {
            p.detection = DetectionModel::RadarEquation {
                ref_range_m: -1.0,
                ref_snr_db: 13.0,
                pfa: 1e-6,
            }
        }),
        ("scan_period_s", |p| p.scan_period_s = 0.0),
        ("max_range_m", |p| p.max_range_m = f64::NAN),
        ("min_range_m", |p| p.min_range_m = 500_000.0),
        ("range_resolution_m", |p| p.range_resolution_m = 0.0),
        ("beamwidth_deg", |p| p.beamwidth_deg = -1.0),
        ("field.az_half_width_deg", |p| {
            p.field.az_half_width_deg = 0.0
        }),
        ("field.az_half_width_deg", |p| {
            p.field.az_half_width_deg = 181.0
        }),
        ("field.min_el_deg", |p| p.field.min_el_deg = 85.0),
        ("sigma_az_deg", |p| p.sigma_az_deg = 0.0),
        ("sigma_range_rate_mps", |p| {
            p.sigma_range_rate_mps = Some(-2.0)
        }),
        ("k_factor", |p| p.k_factor = 0.0),
    ];
    for (what, edit) in cases {
        let mut p = radar_params();
        edit(&mut p);
        match Radar::new(SensorId::new(0), nation(), p) {
            Err(SensorError::Parameter { what: got, .. }) => assert_eq!(got, what),
            Ok(_) => panic!("{what}: accepted"),
        }
    }
    let message = Radar::new(SensorId::new(0), nation(), {
        let mut p = radar_params();
        p.scan_period_s = -1.0;
        p
    })
    .expect_err("negative period")
    .to_string();
    assert_eq!(message, "scan_period_s: -1 is outside (0, ∞)");
    assert!(Radar::new(SensorId::new(0), nation(), radar_params()).is_ok());
    let _ = Signature {
        rcs_m2: 1.0,
        swerling: Swerling::Zero,
    };
}

#[test]
fn early_range_reject_keeps_targets_that_enter_during_the_scan() {
    // At the scan start the target is 410 km out (max 400 km), closing at 3 km/s on bearing
    // 180°, so the beam (at 5 s) finds it at 395 km: it must be measured there, not rejected.
    let r = radar(radar_params());
    let platform = fixed(site().to_ecef());
    let frame = LocalFrame::at(site().to_ecef());
    let p0 = point_at(site(), 180.0, 1.0, 410_000.0);
    let inbound = (frame.origin_m - p0.xyz_m()).normalize() * 3_000.0;
    let mut b = TrajectoryBuilder::new();
    b.push(SimTime::ZERO, p0, Velocity::ecef_from_vec(inbound));
    b.push(
        SimTime::from_secs(20),
        p0 + inbound * 20.0,
        Velocity::ecef_from_vec(inbound),
    );
    let tr = b.build();
    let targets = [target(0, &tr, 1e4, Swerling::Zero, Transponder::None)];
    let out = r.scan(SimTime::ZERO, &platform, &targets, &mut rngs(8, 0), &mut 0);
    let l = real(&out)
        .next()
        .expect("target inside max range at its beam time");
    let (range_m, ..) = plot(&l.detection);
    assert!((range_m - 395_000.0).abs() < 500.0, "{range_m}");
}

#[test]
fn an_antenna_on_a_mast_sees_as_a_site_that_high() {
    // The sea-skimmer geometry twice: the platform at sea level with a 30 m mast, and a 30 m
    // site with none. Same horizon, same measurement origin, so the same plots (the noise
    // streams are drawn in the same order).
    let mut params = radar_params();
    params.scan_period_s = 1.0;
    let skimmer = equator_skimmer(60_000.0, 250.0, 10.0, 200);
    let targets = [target(0, &skimmer, 10.0, Swerling::Zero, Transponder::None)];
    let scan_all = |site_alt_m: f64, mast_m: f64| {
        let mut p = params;
        p.antenna_height_m = mast_m;
        let r = radar(p);
        let platform = fixed(
            Wgs84::from_degrees(0.0, 0.0, site_alt_m)
                .expect("valid")
                .to_ecef(),
        );
        let mut streams = rngs(5, 0);
        (0..199)
            .flat_map(|s| {
                r.scan(
                    SimTime::from_secs(s),
                    &platform,
                    &targets,
                    &mut streams,
                    &mut 0,
                )
            })
            .filter(|l| matches!(l.truth, TruthLabel::Target(_)))
            .collect::<Vec<_>>()
    };
    let (mast, site) = (scan_all(0.0, 30.0), scan_all(30.0, 0.0));
    assert!(mast.len() > 90, "{}", mast.len());
    assert_eq!(mast.len(), site.len());
    for (a, b) in mast.iter().zip(&site) {
        assert_eq!(a.detection.time_measured, b.detection.time_measured);
        let d = (a.detection.sensor_position.xyz_m() - b.detection.sensor_position.xyz_m()).norm();
        assert!(d < 1e-6, "antenna {d} m from the equivalent site");
    }
    // At the waterline the same radar sees the skimmer later: the horizon is 22.6 km, not 35.6.
    let waterline = scan_all(0.0, 0.0);
    assert!(
        waterline.len() < mast.len() - 40,
        "{} vs {}",
        waterline.len(),
        mast.len()
    );
}

#[test]
fn antenna_height_and_latency_are_validated() {
    for (h, lat) in [
        (-1.0, 0.0),
        (f64::NAN, 0.0),
        (1001.0, 0.0),
        (0.0, -0.1),
        (0.0, f64::INFINITY),
    ] {
        let mut p = radar_params();
        p.antenna_height_m = h;
        p.latency_s = lat;
        assert!(
            Radar::new(SensorId::new(0), nation(), p).is_err(),
            "antenna {h} m, latency {lat} s accepted"
        );
    }
    let mut p = radar_params();
    (p.antenna_height_m, p.latency_s) = (25.0, 0.5);
    let r = radar(p);
    assert_eq!(r.latency(), SimDuration::from_millis(500));
}

/// A 90°-wide phased array facing north (boresight 0°), 1 s frame, 10 ms dwells.
fn sector_array() -> Radar {
    let mut p = radar_params();
    p.scan = ScanKind::PhasedArray;
    p.scan_period_s = 1.0;
    p.field.az_half_width_deg = 45.0;
    p.budget = crate::DwellBudget::DEFAULT;
    radar(p)
}

#[test]
fn a_dwell_detects_what_its_beam_holds_with_the_energy_gain() {
    let r = sector_array();
    // 45°×85° at 2°: ≈ 956 beams in 1 s ⇒ a search look ≈ 1.05 ms; a 10 ms dwell ≈ 9.6×.
    let beams = 90.0 / 2.0 * (85.0 / 2.0);
    assert!((r.dwell_gain() - 0.01 / (1.0 / beams)).abs() < 1e-9);
    let origin = fixed(site().to_ecef());
    // At 250 km a steady 1 m² target's search SNR is 13 dB − 16 dB = −3 dB (Pd ≈ 0); with
    // the dwell's +9.8 dB it is ≈ 7 dB (Pd ≈ 0.6 at Pfa 1e-6 for Swerling 0).
    let inside = fixed(point_at(site(), 10.0, 5.0, 250_000.0));
    let beside = fixed(point_at(site(), 14.0, 5.0, 250_000.0));
    let targets = [
        target(0, &inside, 1.0, Swerling::Zero, Transponder::None),
        target(1, &beside, 1.0, Swerling::Zero, Transponder::None),
    ];
    let aim = point_at(site(), 10.0, 5.0, 250_000.0);
    let (mut hits, mut searched, n) = (0, 0, 400);
    let mut rng = rngs(3, 0);
    let mut seq = 0;
    for k in 0..n {
        let t = SimTime::from_secs(k);
        let out = r.dwell(t, aim, &origin, &targets, &mut rng, &mut seq);
        assert!(
            out.iter()
                .all(|l| l.truth == TruthLabel::Target(ObjectId::new(0)))
        );
        assert!(out.iter().all(|l| l.detection.time_measured == t));
        hits += out.len();
        searched += real(&r.scan(t, &origin, &targets[..1], &mut rng, &mut seq)).count();
    }
    let pd_dwell = hits as f64 / n as f64;
    let expected = crate::pd_swerling0(
        db_to_ratio(13.0 - 40.0 * 2.5f64.log10()) * r.dwell_gain(),
        1e-6,
    );
    assert!(
        (pd_dwell - expected).abs() < 4.0 * binomial_sigma(expected, n as usize),
        "dwell Pd {pd_dwell} vs {expected}"
    );
    assert!(searched < hits / 4, "search {searched} vs dwell {hits}");
}

#[test]
fn a_cue_outside_the_field_of_regard_is_ignored() {
    let r = sector_array();
    let origin = fixed(site().to_ecef());
    let behind = point_at(site(), 180.0, 5.0, 100_000.0);
    let too_far = point_at(site(), 0.0, 5.0, 500_000.0);
    let in_view = point_at(site(), 0.0, 5.0, 100_000.0);
    assert!(!r.covers(SimTime::ZERO, &origin, behind));
    assert!(!r.covers(SimTime::ZERO, &origin, too_far));
    assert!(r.covers(SimTime::ZERO, &origin, in_view));
    // Even if asked, the beam cannot point behind the face: nothing, no draws.
    let traj = fixed(behind);
    let targets = [target(0, &traj, 100.0, Swerling::Zero, Transponder::None)];
    let mut rng = rngs(1, 0);
    let mut seq = 0;
    assert!(
        r.dwell(SimTime::ZERO, behind, &origin, &targets, &mut rng, &mut seq)
            .is_empty()
    );
    assert_eq!(seq, 0);
}

#[test]
fn a_stretched_frame_spreads_its_looks_over_the_longer_frame() {
    let r = sector_array();
    let origin = fixed(site().to_ecef());
    // At the right edge of the field: measured at the end of the frame.
    let edge = fixed(point_at(site(), 44.0, 5.0, 20_000.0));
    let targets = [target(0, &edge, 100.0, Swerling::Zero, Transponder::None)];
    let mut seq = 0;
    let time = |frame_s: f64, seq: &mut u64| {
        let out = r.scan_frame(
            SimTime::ZERO,
            SimDuration::from_secs_f64(frame_s),
            &origin,
            &targets,
            &mut rngs(2, 0),
            seq,
        );
        real(&out)
            .next()
            .expect("detected")
            .detection
            .time_measured
            .as_secs_f64()
    };
    let (t1, t4) = (time(1.0, &mut seq), time(4.0, &mut seq));
    assert!((t4 - 4.0 * t1).abs() < 1e-6, "{t1} s vs {t4} s");
    assert!(t1 > 0.95, "{t1}");
}
