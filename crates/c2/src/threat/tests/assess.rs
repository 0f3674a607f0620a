//! The assessment: endangered assets, threat value, time to go.

use super::*;

#[test]
fn ballistic_threat_endangers_its_target_not_a_far_asset() {
    let sol = srbm(None);
    let t = track_at(&sol, 0.5, cov(100.0, 2.0, 0.5));
    let assets = [
        DefendedAsset {
            position: wgs(13.5, 24.0, 0.0),
            radius_m: 5000.0,
            value: 10.0,
        },
        DefendedAsset {
            position: wgs(15.0, 25.0, 0.0),
            radius_m: 5000.0,
            value: 5.0,
        },
    ];
    let a = assess(&t, true, &assets);
    let imp = a.impact.expect("comes down");
    assert_eq!(a.endangered.len(), 1, "{a:?}");
    let (k, p) = a.endangered[0];
    assert!(k == 0 && p > 0.9, "{a:?} ellipse {:?}", imp.ellipse_95);
    assert!((a.value - 10.0 * p).abs() < 1e-12);
    let remaining = (sol.impact_time - t.time).as_secs_f64();
    assert!(
        (a.time_to_go_s - remaining).abs() < 1.0,
        "{} vs {remaining}",
        a.time_to_go_s
    );
}

#[test]
fn value_sums_over_every_endangered_asset() {
    let sol = srbm(None);
    let t = track_at(&sol, 0.5, cov(500.0, 20.0, 0.0));
    let aim = wgs(13.5, 24.0, 0.0);
    let assets: Vec<DefendedAsset> = [
        (0.0, 0.0, 3.0),
        (3000.0, 0.0, 2.0),
        (0.0, -4000.0, 7.0),
        (300_000.0, 0.0, 9.0),
    ]
    .iter()
    .map(|&(e, n, value)| DefendedAsset {
        position: geodesy::Position::ecef_from_vec(offset(&aim, e, n, 0.0)).to_wgs84(),
        radius_m: 2000.0,
        value,
    })
    .collect();
    let a = assess(&t, true, &assets);
    let imp = a.impact.expect("comes down");
    let indices: Vec<usize> = a.endangered.iter().map(|&(k, _)| k).collect();
    assert_eq!(indices, vec![0, 1, 2], "{a:?}");
    let want: f64 = a.endangered.iter().map(|&(k, p)| assets[k].value * p).sum();
    assert!((a.value - want).abs() < 1e-12);
    for &(k, p) in &a.endangered {
        assert_eq!(p, p_within(&imp, &assets[k]));
    }
}

#[test]
fn air_threat_endangers_the_asset_on_its_track() {
    let a_site = wgs(35.0, 135.0, 0.0);
    let b_site = geodesy::Position::ecef_from_vec(offset(&a_site, 0.0, 30_000.0, 0.0)).to_wgs84();
    let (east, _) = east_north(&a_site);
    let r = offset(&a_site, 50_000.0, 0.0, 500.0);
    let v = east * -250.0;
    let t = TrackEstimate {
        time: SimTime::from_secs(0),
        position_ecef_m: [r.x, r.y, r.z],
        velocity_ecef_mps: [v.x, v.y, v.z],
        covariance: cov(100.0, 5.0, 0.0),
        ballistic_coefficient_kg_m2: None,
    };
    let assets = [
        DefendedAsset {
            position: a_site,
            radius_m: 2000.0,
            value: 4.0,
        },
        DefendedAsset {
            position: b_site,
            radius_m: 2000.0,
            value: 8.0,
        },
    ];
    let a = assess(&t, false, &assets);
    assert!(a.impact.is_none());
    assert_eq!(a.endangered.len(), 1, "{a:?}");
    let (k, p) = a.endangered[0];
    // σ_cross = √(100² + (5·200)²) ≈ 1005 m: P(|N(0, σ²)| < 2000) ≈ 0.953.
    assert!(k == 0 && (p - 0.953).abs() < 0.01, "{a:?}");
    assert!((a.value - 4.0 * p).abs() < 1e-12);
    // Closest approach in 50 km / 250 m/s = 200 s; the 2 km radius is entered 2000/250 = 8 s
    // earlier.
    assert!((a.time_to_go_s - 192.0).abs() < 0.5, "{a:?}");
}

#[test]
fn a_threat_that_never_comes_down_endangers_nothing() {
    // Straight up at 20 km/s: escape.
    let site = wgs(0.0, 0.0, 0.0);
    let r = offset(&site, 0.0, 0.0, 100_000.0);
    let v = site.up() * 20_000.0;
    let t = TrackEstimate {
        time: SimTime::from_secs(0),
        position_ecef_m: [r.x, r.y, r.z],
        velocity_ecef_mps: [v.x, v.y, v.z],
        covariance: cov(10.0, 1.0, 0.0),
        ballistic_coefficient_kg_m2: None,
    };
    let assets = [DefendedAsset {
        position: site,
        radius_m: 1e6,
        value: 1.0,
    }];
    let a = assess(&t, true, &assets);
    assert!(a.impact.is_none() && a.endangered.is_empty() && a.value == 0.0);
    assert!(a.time_to_go_s.is_infinite());
    // An air track that endangers nothing has no time to go either; a ballistic one that
    // comes down away from every asset still has its time to impact.
    assert!(assess(&t, false, &assets[..0]).time_to_go_s.is_infinite());
    let sol = srbm(None);
    let falling = track_at(&sol, 0.5, cov(100.0, 2.0, 0.0));
    let far = [DefendedAsset {
        position: wgs(-30.0, 0.0, 0.0),
        radius_m: 1000.0,
        value: 1.0,
    }];
    let a = assess(&falling, true, &far);
    assert!(a.endangered.is_empty() && a.value == 0.0);
    let remaining = (sol.impact_time - falling.time).as_secs_f64();
    assert!((a.time_to_go_s - remaining).abs() < 1e-3, "{a:?}");
}

#[test]
fn an_air_threat_can_strike_from_its_entry_into_the_asset() {
    let site = wgs(35.0, 135.0, 0.0);
    let (east, _) = east_north(&site);
    let asset = DefendedAsset {
        position: site,
        radius_m: 5_000.0,
        value: 1.0,
    };
    let track = |e: f64, n: f64, v: Vec3| {
        let r = offset(&site, e, n, 100.0);
        TrackEstimate {
            time: SimTime::from_secs(0),
            position_ecef_m: [r.x, r.y, r.z],
            velocity_ecef_mps: [v.x, v.y, v.z],
            covariance: cov(10.0, 1.0, 0.0),
            ballistic_coefficient_kg_m2: None,
        }
    };
    // 30 km east, 3 km north, flying west at 200 m/s: closest approach 3 km in 150 s; the
    // 5 km circle is entered √(5² − 3²) = 4 km earlier, at 130 s.
    let a = closest_approach(&track(30_000.0, 3_000.0, east * -200.0), &asset);
    assert!((a.time_to_cpa_s - 150.0).abs() < 0.1, "{a:?}");
    assert!((a.time_to_entry_s - 130.0).abs() < 0.1, "{a:?}");
    // Already inside: it may strike now.
    let a = closest_approach(&track(2_000.0, 0.0, east * -200.0), &asset);
    assert_eq!(a.time_to_entry_s, 0.0);
    // Passing outside the circle: no entry, the closest approach stands in.
    let a = closest_approach(&track(30_000.0, 8_000.0, east * -200.0), &asset);
    assert_eq!(a.time_to_entry_s, a.time_to_cpa_s);
}
