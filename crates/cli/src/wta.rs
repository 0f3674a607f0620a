//! `kizuna wta`: solve one static weapon-target assignment instance in the public benchmark
//! format (Andersen, Pavlikov & Toffolo 2022) and report objective, bound and time.
//!
//! The wall clock lives here only: `--time-limit` becomes a `should_stop` callback, and the
//! work budgets are then lifted so the solver uses the time it is given. The search stops at
//! [`SEARCH_SHARE`] of the limit: after it, `local` certifies its Lagrangian bound (one pass
//! over all weapon–target pairs, ~20 ms on 300×600) and the answer is checked, so the whole
//! command ends within the limit.

use anyhow::{Context, Result};
use c2::wta::{Problem, SolveOptions, SolverKind, check_feasible, evaluate, solve};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Largest instance file read, bytes (the largest public instances are a few MB).
const MAX_INSTANCE_BYTES: usize = 256 << 20;
/// Share of `--time-limit` given to the search (the rest certifies the bound and checks).
const SEARCH_SHARE: f64 = 0.97;
/// Longest `--time-limit`, seconds (one day).
const MAX_TIME_LIMIT_S: f64 = 86_400.0;

/// Arguments of `kizuna wta`.
#[derive(Debug, clap::Args)]
pub(crate) struct WtaArgs {
    /// Instance file: `m n mu`, then n target values, then m·n lines `i j p`.
    #[arg(long)]
    instance: PathBuf,
    /// Solver: greedy, local (the real-time default) or exact (branch-and-bound with a bound).
    #[arg(long, default_value = "local")]
    solver: String,
    /// Wall-clock limit, seconds; without it the solver's deterministic work budget applies.
    #[arg(long, value_name = "SECONDS")]
    time_limit: Option<f64>,
    /// Seed of the local search's random choices.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Serialize)]
struct Report {
    instance: String,
    weapons: usize,
    targets: usize,
    solver: String,
    objective: f64,
    bound: Option<f64>,
    gap: Option<f64>,
    proven_optimal: bool,
    iterations: u64,
    seconds: f64,
    time_limit: Option<f64>,
    assignment: Vec<[u64; 3]>,
}

pub(crate) fn wta(args: &WtaArgs) -> Result<ExitCode> {
    let kind: SolverKind = args.solver.parse()?;
    let limit = match args.time_limit {
        Some(s) if s.is_finite() && (0.0..=MAX_TIME_LIMIT_S).contains(&s) => {
            Some(Duration::from_secs_f64(s))
        }
        Some(s) => {
            anyhow::bail!(
                "--time-limit must be a number of seconds in [0, {MAX_TIME_LIMIT_S}], got {s}"
            )
        }
        None => None,
    };
    let shown = args.instance.display();
    let text = crate::input::read_text(&args.instance, MAX_INSTANCE_BYTES, "instance file")?;
    let problem = match Problem::from_benchmark_text(&text) {
        Ok(p) => p,
        Err(err) => {
            eprintln!("error: {shown}: {err}");
            return Ok(ExitCode::from(2));
        }
    };
    let start = Instant::now();
    let deadline = limit.map(|d| start + d.mul_f64(SEARCH_SHARE));
    let stop = move || deadline.is_some_and(|d| Instant::now() >= d);
    let mut opts = SolveOptions {
        seed: args.seed,
        should_stop: Some(&stop),
        ..SolveOptions::default()
    };
    if limit.is_some() {
        (opts.rounds, opts.nodes) = (u64::MAX, u64::MAX);
    }
    let solution = solve(&problem, kind, &opts);
    let seconds = start.elapsed().as_secs_f64();
    check_feasible(&problem, &solution.assignment)
        .context("solver returned an infeasible assignment")?;
    let objective = evaluate(&problem, &solution.assignment);
    let gap = solution.bound.map(|b| {
        if objective > 0.0 {
            (objective - b) / objective
        } else {
            0.0
        }
    });
    let report = Report {
        instance: shown.to_string(),
        weapons: problem.n_weapons(),
        targets: problem.n_targets(),
        solver: kind.name().to_owned(),
        objective,
        bound: solution.bound,
        gap,
        proven_optimal: solution.proven_optimal,
        iterations: solution.iterations,
        seconds,
        time_limit: args.time_limit,
        assignment: solution
            .assignment
            .shots()
            .map(|(i, j, k)| [i as u64, j as u64, u64::from(k)])
            .collect(),
    };
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    let units: u64 = report.assignment.iter().map(|a| a[2]).sum();
    println!(
        "instance   {} ({} weapons x {} targets)",
        report.instance, report.weapons, report.targets
    );
    println!("solver     {}", report.solver);
    println!("objective  {objective:.6}  (expected surviving value, {units} units fired)");
    match (report.bound, report.gap) {
        (Some(b), Some(g)) => {
            let proven = if report.proven_optimal {
                ", proven optimal"
            } else {
                ""
            };
            println!("bound      {b:.6}  (gap {:.4} %{proven})", 100.0 * g);
        }
        _ => println!("bound      none (this solver gives no bound)"),
    }
    match args.time_limit {
        Some(l) => println!("time       {seconds:.3} s  (limit {l:.3} s)"),
        None => println!("time       {seconds:.3} s"),
    }
    Ok(ExitCode::SUCCESS)
}
