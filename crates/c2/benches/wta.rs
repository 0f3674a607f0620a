//! WTA solver timings and quality on the public Andersen–Pavlikov–Toffolo instances.
//!
//! The instances are GPL data read from `../shared/data/wta` beside the repository (or
//! `$KIZUNA_SHARED/data/wta`); without them the bench says so and times nothing. First prints a
//! gap table (greedy, local with the default budget, local with `KIZUNA_WTA_ROUNDS` rounds or
//! for `KIZUNA_WTA_SECONDS` seconds, exact's root bound), then criterion timings of greedy and local on 50×100×{1,2,3} and
//! 100×200×2.

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

fn gap_table(dir: &std::path::Path) {
    let csv = std::fs::read_to_string(dir.join("best_known.csv")).expect("best_known.csv");
    let rounds: u64 = std::env::var("KIZUNA_WTA_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    // With a time limit the rounds are unlimited and the clock decides.
    let seconds: Option<f64> = std::env::var("KIZUNA_WTA_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok());
    let rounds = if seconds.is_some() { u64::MAX } else { rounds };
    let only = std::env::var("KIZUNA_WTA_ONLY").unwrap_or_default();
    println!(
        "instance        best_known   greedy%   local%   (s)    ils{rounds}%  (s)   exact_bound  (s)"
    );
    for row in csv.lines().skip(1) {
        let f: Vec<&str> = row.split(',').collect();
        if f[9] != "True" || !f[0].contains(&only) {
            continue;
        }
        let best: f64 = f[4].parse().expect("best_upper_bound");
        let p = load(dir, f[0]);
        let gap = |x: f64| 100.0 * (x - best) / best;
        let g = solve(&p, SolverKind::Greedy, &SolveOptions::default());
        let t = Instant::now();
        let l = solve(&p, SolverKind::Local, &SolveOptions::default());
        let tl = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let stop = || seconds.is_some_and(|s| t.elapsed().as_secs_f64() >= s);
        let ils = SolveOptions {
            rounds,
            should_stop: Some(&stop),
            ..SolveOptions::default()
        };
        let r = solve(&p, SolverKind::Local, &ils);
        let tr = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let opts = SolveOptions {
            rounds: 0,
            nodes: 1,
            ..SolveOptions::default()
        };
        let e = solve(&p, SolverKind::Exact, &opts);
        let te = t.elapsed().as_secs_f64();
        println!(
            "{:<15} {best:>11.4} {:>8.3} {:>8.4} {tl:>5.2} {:>8.4} {tr:>6.2} {:>11.4} {te:>5.2}",
            f[0].trim_end_matches(".txt"),
            gap(g.objective),
            gap(l.objective),
            gap(r.objective),
            e.bound.unwrap_or(f64::NAN),
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
