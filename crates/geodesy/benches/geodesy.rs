//! Benchmarks of the geodesy hot paths (STYLE §10): geodetic↔ECEF (`lla.rs`), ECEF→ENU apply
//! and az/el/range (`site.rs`).
//!
//! Each benchmark converts a fixed batch of `BATCH` points made from a fixed seed, so the
//! reported time divided by `BATCH` is the cost per conversion (criterion also prints it as
//! throughput). Points span the globe, poles included, from −400 m to GEO.
//!
//! Run: `cargo bench -p geodesy --bench geodesy -- --warm-up-time 1 --measurement-time 3`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use geodesy::{Ecef, Position, Site, SiteId, Wgs84};
use std::hint::black_box;

/// Points per batch.
const BATCH: usize = 1024;
/// Seed of the point set.
const SEED: u64 = 0x6E0D_E5E5;

/// SplitMix64: a tiny fixed generator, enough for a reproducible spread of points.
struct SplitMix(u64);

impl SplitMix {
    fn next_unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn points() -> Vec<Wgs84> {
    let mut rng = SplitMix(SEED);
    (0..BATCH)
        .map(|i| {
            let lat = (rng.next_unit() * 2.0 - 1.0).asin().to_degrees();
            let lon = rng.next_unit() * 360.0 - 180.0;
            // Mostly air and ballistic heights, some up to GEO, a few poles.
            let alt = if i % 8 == 0 {
                rng.next_unit() * 36e6
            } else {
                rng.next_unit() * 1.5e6 - 400.0
            };
            let lat = if i % 97 == 0 { 90.0 } else { lat };
            Wgs84::from_degrees(lat, lon, alt).expect("generated point in range")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let lla = points();
    let ecef: Vec<Position<Ecef>> = lla.iter().map(Wgs84::to_ecef).collect();
    let site = Site::new(
        SiteId::new(0),
        Wgs84::from_degrees(35.0, 139.0, 40.0).expect("valid"),
    );
    let to_enu = site.ecef_to_enu();

    let mut g = c.benchmark_group("lla");
    g.throughput(Throughput::Elements(BATCH as u64));
    g.bench_function("geodetic_to_ecef", |b| {
        b.iter(|| {
            for p in black_box(&lla) {
                black_box(p.to_ecef());
            }
        });
    });
    g.bench_function("ecef_to_geodetic", |b| {
        b.iter(|| {
            for p in black_box(&ecef) {
                black_box(p.to_wgs84());
            }
        });
    });
    g.finish();

    let mut g = c.benchmark_group("site");
    g.throughput(Throughput::Elements(BATCH as u64));
    g.bench_function("ecef_to_enu_apply", |b| {
        b.iter(|| {
            for p in black_box(&ecef) {
                black_box(black_box(&to_enu).apply(*p));
            }
        });
    });
    g.bench_function("az_el_range", |b| {
        b.iter(|| {
            for p in black_box(&ecef) {
                black_box(black_box(&site).az_el_range(p));
            }
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
