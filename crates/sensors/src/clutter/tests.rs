//! Tests of false alarms: Poisson counts with mean `Pfa × n_cells`, uniform placement over the
//! surveyed volume, the scan-time rule, the noise-only SNR, the cap, and stream separation.

use crate::fixtures::{fixed, nation, point_at, radar_params, rngs, site, target};
use crate::{
    FALSE_ALARM_MAX_RANGE_RATE_MPS, FieldOfRegard, Labeled, MAX_FALSE_ALARMS_PER_SCAN, Radar,
    RadarParams, ScanKind, Swerling, Transponder, TruthLabel, db_to_ratio,
};
use base::{SensorId, SimTime};
use picture::{IffResponse, Measurement};

/// 1000 range cells × 180 azimuth cells × 10 elevation cells = 1.8e6 cells; Pfa 1e-5 → 18.
fn clutter_params() -> RadarParams {
    let mut p = radar_params();
    p.detection = crate::DetectionModel::RadarEquation {
        ref_range_m: 100_000.0,
        ref_snr_db: 13.0,
        pfa: 1e-5,
    };
    p.min_range_m = 1_000.0;
    p.max_range_m = 151_000.0;
    p.range_resolution_m = 150.0;
    p.beamwidth_deg = 2.0;
    p.field = FieldOfRegard {
        boresight_az_deg: 0.0,
        az_half_width_deg: 180.0,
        min_el_deg: 0.0,
        max_el_deg: 20.0,
    };
    p
}

fn radar(p: RadarParams) -> Radar {
    Radar::new(SensorId::new(3), nation(), p).expect("valid test parameters")
}

fn poisson_pmf(k: usize, mean: f64) -> f64 {
    (1..=k).fold((-mean).exp(), |p, j| p * mean / j as f64)
}

#[test]
fn false_alarm_counts_are_poisson_with_mean_pfa_times_cells() {
    let r = radar(clutter_params());
    assert!(
        (r.n_cells() - 1.8e6).abs() < 1e-6 * 1.8e6,
        "{}",
        r.n_cells()
    );
    let lambda = r.expected_false_alarms();
    assert!((lambda - 18.0).abs() < 1e-9, "{lambda}");
    let platform = fixed(site().to_ecef());
    let mut streams = rngs(41, 3);
    let n_scans = 2000;
    let counts: Vec<usize> = (0..n_scans)
        .map(|s| {
            let out = r.scan(
                SimTime::from_secs(10 * s),
                &platform,
                &[],
                &mut streams,
                &mut 0,
            );
            assert!(out.iter().all(|l| l.truth == TruthLabel::FalseAlarm));
            out.len()
        })
        .collect();
    let n = n_scans as f64;
    let mean = counts.iter().sum::<usize>() as f64 / n;
    // Mean of 2000 Poisson(18) counts: σ = √(18/2000) = 0.095; 4σ.
    assert!(
        (mean - lambda).abs() < 4.0 * (lambda / n).sqrt(),
        "mean {mean}"
    );
    // Dispersion index Σ(x − x̄)²/x̄ ~ χ²(n − 1) for Poisson counts; 99.9% two-sided bounds by
    // the normal approximation (n − 1) ± 3.29·√(2(n − 1)) (a variance 10% off fails it).
    let dispersion = counts
        .iter()
        .map(|&c| (c as f64 - mean).powi(2))
        .sum::<f64>()
        / mean;
    let half = 3.29 * (2.0 * (n - 1.0)).sqrt();
    assert!(
        (dispersion - (n - 1.0)).abs() < half,
        "dispersion {dispersion}"
    );
    // Chi-square goodness of fit: bins ≤ 8, 9, …, 28, ≥ 29 (expected ≥ 8 each), 21 dof;
    // the 99.9% critical value of χ²(21) is 46.80.
    let mut observed = [0.0; 22];
    for &c in &counts {
        observed[c.clamp(8, 29) - 8] += 1.0;
    }
    let mut expected = [0.0; 22];
    for (bin, e) in expected.iter_mut().enumerate().take(21).skip(1) {
        *e = n * poisson_pmf(bin + 8, lambda);
    }
    expected[0] = n * (0..=8).map(|k| poisson_pmf(k, lambda)).sum::<f64>();
    expected[21] = n - expected[..21].iter().sum::<f64>();
    let chi2: f64 = observed
        .iter()
        .zip(&expected)
        .map(|(o, e)| (o - e) * (o - e) / e)
        .sum();
    assert!(chi2 < 46.80, "chi-square {chi2} on 21 dof");
}

fn plot(l: &Labeled) -> (f64, f64, f64, Option<f64>) {
    match l.detection.measurement {
        Measurement::Radar {
            range_m,
            az_rad,
            el_rad,
            range_rate_mps,
            ..
        } => (range_m, az_rad, el_rad, range_rate_mps),
        other => panic!("{other:?}"),
    }
}

#[test]
fn false_alarms_fill_the_surveyed_volume_uniformly_on_the_scan_schedule() {
    // A 90° phased-array sector (45°..135°), range rate measured, IFF fitted.
    let mut p = clutter_params();
    p.scan = ScanKind::PhasedArray;
    p.field.boresight_az_deg = 90.0;
    p.field.az_half_width_deg = 45.0;
    p.sigma_range_rate_mps = Some(1.0);
    p.iff = true;
    p.detection = crate::DetectionModel::Nominal {
        pd: base::Probability::ONE,
        pfa: 1e-4,
    };
    let r = radar(p);
    let platform = fixed(site().to_ecef());
    let mut streams = rngs(42, 3);
    let mut all = Vec::new();
    for s in 0..20 {
        all.extend(r.scan(
            SimTime::from_secs(10 * s),
            &platform,
            &[],
            &mut streams,
            &mut 0,
        ));
    }
    // 1000 × 45 × 10 cells × 1e-4 = 45 per scan → ≈ 900 plots.
    let n = all.len() as f64;
    assert!(n > 700.0, "{n}");
    let t_thr = crate::threshold(1e-4);
    let (mut sum_r, mut sum_az, mut sum_el, mut sum_snr) = (0.0, 0.0, 0.0, 0.0);
    for l in &all {
        let (range_m, az, el, rr) = plot(l);
        assert!((1_000.0..=151_000.0).contains(&range_m));
        let az_deg = az.to_degrees();
        assert!((45.0..=135.0).contains(&az_deg), "{az_deg}");
        assert!((0.0..=20.0).contains(&el.to_degrees()));
        let rr = rr.expect("range rate measured");
        assert!(rr.abs() <= FALSE_ALARM_MAX_RANGE_RATE_MPS);
        assert_eq!(l.detection.iff, IffResponse::NoReply);
        // Timed by the sweep: fraction of the 10 s period = (az − 45°)/90°.
        let t_in_scan = l.detection.time_measured.as_secs_f64().rem_euclid(10.0);
        assert!((t_in_scan - (az_deg - 45.0) / 90.0 * 10.0).abs() < 1e-6);
        sum_r += range_m;
        sum_az += az_deg;
        sum_el += el.to_degrees();
        sum_snr += db_to_ratio(l.detection.snr_db);
    }
    // Uniform means, 4 standard errors (σ of a uniform = span/√12).
    let se = |span: f64| 4.0 * span / 12f64.sqrt() / n.sqrt();
    assert!((sum_r / n - 76_000.0).abs() < se(150_000.0));
    assert!((sum_az / n - 90.0).abs() < se(90.0));
    assert!((sum_el / n - 10.0).abs() < se(20.0));
    // Noise-only SNR: z − 1 with z = T + Exp(1), so mean T, standard deviation 1.
    assert!(
        (sum_snr / n - t_thr).abs() < 4.0 / n.sqrt(),
        "{}",
        sum_snr / n
    );
}

#[test]
fn huge_false_alarm_means_are_capped() {
    let mut p = clutter_params();
    p.detection = crate::DetectionModel::RadarEquation {
        ref_range_m: 100_000.0,
        ref_snr_db: 13.0,
        pfa: 0.1,
    };
    let r = radar(p);
    assert!(r.expected_false_alarms() > 1e5);
    let platform = fixed(site().to_ecef());
    let out = r.scan(SimTime::ZERO, &platform, &[], &mut rngs(43, 3), &mut 0);
    // Poisson(10 000): σ = 100, 4σ.
    let n = out.len() as f64;
    assert!((n - MAX_FALSE_ALARMS_PER_SCAN).abs() < 400.0, "{n}");
}

#[test]
fn targets_do_not_change_the_false_alarms() {
    let r = radar(clutter_params());
    let platform = fixed(site().to_ecef());
    let tr = fixed(point_at(site(), 10.0, 5.0, 50_000.0));
    let targets = [target(0, &tr, 10.0, Swerling::One, Transponder::None)];
    let false_alarms = |targets: &[crate::Target<'_>]| {
        let out = r.scan(SimTime::ZERO, &platform, targets, &mut rngs(44, 3), &mut 0);
        out.into_iter()
            .filter(|l| l.truth == TruthLabel::FalseAlarm)
            .map(|l| {
                format!(
                    "{:?}{:?}",
                    l.detection.measurement, l.detection.time_measured
                )
            })
            .collect::<String>()
    };
    assert_eq!(false_alarms(&[]), false_alarms(&targets));
}
