//! Solver timings on fixed-seed matrices: dense 100×100 and 1000×1000 uniform costs, and a gated
//! 200×450 GNN-like matrix with 95 % forbidden entries (target ballpark in DEPENDENCIES.md).

use assignment::{Assignment, CostMatrix, Workspace, solve_into};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// SplitMix64 uniform in [0, 1): fixed and dependency-free, so inputs never change.
fn uniform(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

fn dense(rows: usize, cols: usize, seed: u64) -> CostMatrix {
    let mut state = seed;
    CostMatrix::from_row_major(
        rows,
        cols,
        (0..rows * cols).map(|_| uniform(&mut state)).collect(),
    )
}

fn gated(rows: usize, cols: usize, forbidden: f64, seed: u64) -> CostMatrix {
    let mut state = seed;
    let data = (0..rows * cols)
        .map(|_| {
            let keep = uniform(&mut state) >= forbidden;
            let cost = 10.0 * uniform(&mut state);
            if keep { cost } else { f64::INFINITY }
        })
        .collect();
    CostMatrix::from_row_major(rows, cols, data)
}

fn bench(c: &mut Criterion) {
    let cases = [
        ("dense_100x100", dense(100, 100, 1)),
        ("dense_1000x1000", dense(1000, 1000, 2)),
        ("gated_200x450_95pct_inf", gated(200, 450, 0.95, 3)),
    ];
    let mut group = c.benchmark_group("assignment");
    group.sample_size(10);
    for (name, m) in &cases {
        let (mut ws, mut out) = (Workspace::default(), Assignment::default());
        group.bench_function(*name, |b| {
            b.iter(|| solve_into(black_box(m), &mut ws, &mut out).expect("finite or +inf costs"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
