//! WTA solver timings and quality on the public Andersen–Pavlikov–Toffolo instances.
//!
//! The instances are GPL data read from `../shared/data/wta` beside the repository (or
//! `$KIZUNA_SHARED/data/wta`); without them the bench says so and times nothing. First prints
//! the gap table of `local` under wall-clock limits of 1 s and 10 s (objective, best known,
//! gap, certified lower bound, time used; see [`gap_table`]; `KIZUNA_WTA_NO_TABLE=1` skips it),
//! then criterion timings of greedy and of `local`'s descent-only default on 50×100×{1,2,3}
//! and 100×200×2.

// A bench prints its table and times itself with the wall clock; the engine never does.
#![allow(clippy::print_stdout, clippy::disallowed_types)]

use c2::wta::{Problem, SolveOptions, SolverKind, solve};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("KIZUNA_SHARED") {
        Some(s) => PathBuf::from(s).join("data/wta"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/wta"),
    };
    dir.join("best_known.csv").exists().then_some(dir)
}

fn load(dir: &std::path::Path, name: &str) -> Problem {
    let text = std::fs::read_to_string(dir.join(name)).expect("instance file readable");
    Problem::from_benchmark_text(&text).expect("instance parses")
}

/// The part-4 figure of issue 13: per public instance and wall-clock limit (1 s and 10 s, or
/// `KIZUNA_WTA_LIMITS=1,10`), `local`'s objective, the best known value, the gap, the
/// Lagrangian lower bound `local` certifies (and how far below the best known it is), and the
/// time used against the limit. As in `kizuna wta`, the search stops at 97 % of the limit and
/// the rest certifies the bound. `KIZUNA_WTA_ONLY=300x600` keeps matching instances only.
fn gap_table(dir: &std::path::Path) {
    let csv = std::fs::read_to_string(dir.join("best_known.csv")).expect("best_known.csv");
    let limits: Vec<f64> = std::env::var("KIZUNA_WTA_LIMITS")
        .unwrap_or_else(|_| "1,10".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let only = std::env::var("KIZUNA_WTA_ONLY").unwrap_or_default();
    println!(
        "instance          limit_s  best_known      objective     gap_%   greedy_%     lower_bound  bound_below_best_%  time_s"
    );
    let mut worst: Vec<(f64, f64)> = vec![(0.0, 0.0); limits.len()];
    for row in csv.lines().skip(1) {
        let f: Vec<&str> = row.split(',').collect();
        if f[9] != "True" || !f[0].contains(&only) {
            continue;
        }
        let best: f64 = f[4].parse().expect("best_upper_bound");
        let p = load(dir, f[0]);
        let gap = |x: f64| 100.0 * (x - best) / best;
        let g = solve(&p, SolverKind::Greedy, &SolveOptions::default());
        for (k, &limit) in limits.iter().enumerate() {
            let t = Instant::now();
            let stop = || t.elapsed().as_secs_f64() >= 0.97 * limit;
            let opts = SolveOptions {
                rounds: u64::MAX,
                nodes: u64::MAX,
                should_stop: Some(&stop),
                ..SolveOptions::default()
            };
            let l = solve(&p, SolverKind::Local, &opts);
            let used = t.elapsed().as_secs_f64();
            let bound = l.bound.unwrap_or(f64::NAN);
            worst[k].0 = worst[k].0.max(gap(l.objective));
            worst[k].1 = worst[k].1.max(used / limit);
            println!(
                "{:<17} {limit:>7.1} {best:>11.6} {:>14.6} {:>9.4} {:>10.3} {bound:>15.6} {:>19.4} {used:>7.3}",
                f[0].trim_end_matches(".txt"),
                l.objective,
                gap(l.objective),
                gap(g.objective),
                -gap(bound),
            );
        }
    }
    for (limit, (g, t)) in limits.iter().zip(&worst) {
        println!(
            "worst at {limit} s: gap {g:.4} %, time used {:.1} % of the limit",
            100.0 * t
        );
    }
}

fn bench(c: &mut Criterion) {
    let Some(dir) = data_dir() else {
        println!("skipped: WTA benchmark data not found (../shared/data/wta)");
        return;
    };
    if std::env::var_os("KIZUNA_WTA_NO_TABLE").is_none() {
        gap_table(&dir);
    }
    let mut group = c.benchmark_group("wta");
    group.sample_size(10);
    for name in [
        "wta_50x100x1.txt",
        "wta_50x100x2.txt",
        "wta_50x100x3.txt",
        "wta_100x200x2.txt",
    ] {
        let p = load(&dir, name);
        let stem = name.trim_end_matches(".txt");
        group.bench_function(format!("greedy/{stem}"), |b| {
            b.iter(|| solve(black_box(&p), SolverKind::Greedy, &SolveOptions::default()))
        });
        let descent = SolveOptions {
            rounds: 0,
            ..SolveOptions::default()
        };
        group.bench_function(format!("local_descent/{stem}"), |b| {
            b.iter(|| solve(black_box(&p), SolverKind::Local, &descent))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
