//! Engagement-window cost over a 600-sample predicted ballistic path (the per-pair cost of
//! every WTA epoch), plus the fly-out re-prediction used for in-flight updates.

use base::{SimTime, SiteId};
use criterion::{Criterion, criterion_group, criterion_main};
use engagement::{Flyout, Kinematics, engagement_window};
use geodesy::{Site, Wgs84};
use std::hint::black_box;

fn kinematics() -> Kinematics {
    Kinematics {
        speed_mps: 1500.0,
        boost_s: 4.0,
        min_range_m: 3_000.0,
        max_range_m: 60_000.0,
        min_alt_m: 50.0,
        max_alt_m: 25_000.0,
        reaction_s: 8.0,
    }
}

/// A 600-sample arc from 280 km north to impact near the launcher, every 0.5 s.
fn setup() -> ([f64; 3], Vec<(SimTime, [f64; 3])>) {
    let site = Site::new(
        SiteId::new(0),
        Wgs84::from_degrees(35.0, 139.0, 0.0).expect("site"),
    );
    let ecef = |e: f64, n: f64, u: f64| {
        let p = site.enu_to_ecef().apply(site.enu(e, n, u)).xyz_m();
        [p.x, p.y, p.z]
    };
    let path = (0..600)
        .map(|i| {
            let t = SimTime::from_millis(i * 500);
            let s = t.as_secs_f64();
            (
                t,
                ecef(
                    2_000.0,
                    280_000.0 - 940.0 * s,
                    1_460.0 * s - 0.5 * 9.81 * s * s,
                ),
            )
        })
        .collect();
    (ecef(0.0, 0.0, 0.0), path)
}

fn bench(c: &mut Criterion) {
    let (launcher, path) = setup();
    let k = kinematics();
    c.bench_function("engagement_window/600_samples", |b| {
        b.iter(|| engagement_window(&k, black_box(launcher), SimTime::ZERO, black_box(&path)))
    });
    let w =
        engagement_window(&k, launcher, SimTime::ZERO, &path).expect("bench path is engageable");
    let f = Flyout::launch(&k, launcher, &w.earliest);
    let now = w.earliest.launch + base::SimDuration::from_secs(5);
    c.bench_function("flyout/predict_intercept_600_samples", |b| {
        b.iter(|| f.predict_intercept(black_box(now), black_box(&path)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
