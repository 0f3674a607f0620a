//! Tests of the coverage figures: the Pd ranges solve the closed forms, the scan agrees with
//! them, and the effective range takes the horizon and instrumented limits into account.

use super::*;
use crate::fixtures::{binomial_sigma, fixed, nation, point_at, radar_params, rngs, site, target};
use crate::{Swerling, Transponder, TruthLabel, db_to_ratio, horizon_range_m, pd};
use base::{Probability, SensorId, SimTime};

#[test]
fn pd_ranges_solve_the_closed_forms() {
    let params = radar_params();
    for swerling in [Swerling::Zero, Swerling::One, Swerling::Three] {
        let sig = Signature {
            rcs_m2: 0.5,
            swerling,
        };
        let c = radar_coverage(&params, 30.0, sig, 10_000.0);
        for (range_m, want) in [(c.range_pd50_m, 0.5), (c.range_pd90_m, 0.9)] {
            let snr = db_to_ratio(13.0) * 0.5 * (100_000.0 / range_m).powi(4);
            assert!(
                (pd(swerling, snr, 1e-6) - want).abs() < 1e-9,
                "{swerling:?}"
            );
        }
        assert!(c.range_pd90_m < c.range_pd50_m);
        assert_eq!(c.horizon_m, horizon_range_m(4.0 / 3.0, 30.0, 10_000.0));
        let want = c.range_pd50_m.min(c.horizon_m).min(params.max_range_m);
        assert_eq!(c.effective_m, want);
    }
}

#[test]
fn horizon_and_instrumented_range_limit_the_effective_range() {
    let params = radar_params();
    let skimmer = Signature {
        rcs_m2: 0.1,
        swerling: Swerling::One,
    };
    let c = radar_coverage(&params, 30.0, skimmer, 10.0);
    assert_eq!(c.effective_m, c.horizon_m);
    assert!((c.horizon_m - 35_600.0).abs() < 200.0, "{}", c.horizon_m);
    let big = Signature {
        rcs_m2: 1e4,
        swerling: Swerling::Zero,
    };
    assert_eq!(
        radar_coverage(&params, 30.0, big, 100_000.0).effective_m,
        400_000.0
    );
    let mut nominal = params;
    nominal.detection = crate::DetectionModel::Nominal {
        pd: Probability::new(0.7).expect("valid"),
        pfa: 1e-6,
    };
    let c = radar_coverage(&nominal, 30.0, skimmer, 10_000.0);
    assert_eq!((c.range_pd50_m, c.range_pd90_m), (f64::INFINITY, 0.0));
    assert_eq!(c.effective_m, 400_000.0);
}

#[test]
fn scan_detects_half_the_time_at_the_pd50_range() {
    // 20 000 Swerling 3 targets at the Pd = 0.5 range: binomial σ = 0.0035, 4σ.
    let radar = Radar::new(SensorId::new(0), nation(), radar_params()).expect("valid");
    let sig = Signature {
        rcs_m2: 2.0,
        swerling: Swerling::Three,
    };
    let c = radar.coverage(30.0, sig, 10_000.0);
    let tr = fixed(point_at(site(), 120.0, 4.0, c.range_pd50_m));
    let n = 20_000;
    let targets: Vec<_> = (0..n)
        .map(|i| target(i, &tr, 2.0, Swerling::Three, Transponder::None))
        .collect();
    let platform = fixed(site().to_ecef());
    let out = radar.scan(SimTime::ZERO, &platform, &targets, &mut rngs(71, 0), &mut 0);
    let hits = out
        .iter()
        .filter(|l| matches!(l.truth, TruthLabel::Target(_)))
        .count();
    let rate = hits as f64 / n as f64;
    assert!((rate - 0.5).abs() < 4.0 * binomial_sigma(0.5, n), "{rate}");
}
