//! `kizuna gen-wta`: small static weapon-target assignment instances in the public benchmark
//! text format (Andersen, Pavlikov & Toffolo 2022) that `kizuna wta` reads, so the solvers can
//! be tried from a clone (the public instances are GPL data and stay outside the repository).
//!
//! The instances are the project's own: `m` weapon types with `mu` units each, `n` targets with
//! integer values uniform in [1, 100] and kill probabilities uniform in [0.05, 0.95], written
//! with 6 decimals, drawn from numpy's `default_rng(seed)` stream (the same generator as
//! `gen-bench`, so a Python reimplementation can reproduce a file). Same arguments, same bytes.

use crate::gen_bench::numpy::Generator;
use anyhow::{Result, bail};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Largest instance this command writes (m·n kill probabilities).
const MAX_PAIRS: u64 = 10_000_000;
/// Kill probabilities are drawn uniformly from this range.
const P_RANGE: (f64, f64) = (0.05, 0.95);

/// Arguments of `kizuna gen-wta`.
#[derive(Debug, clap::Args)]
pub(crate) struct GenWtaArgs {
    /// Weapon types (m).
    #[arg(long, short = 'm')]
    weapons: u32,
    /// Targets (n).
    #[arg(long, short = 'n')]
    targets: u32,
    /// Units of each weapon type (mu).
    #[arg(long, short = 'u', default_value_t = 1)]
    units: u32,
    /// Seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output file.
    #[arg(long, short = 'o')]
    out: PathBuf,
}

/// The instance text for `(m, n, mu, seed)`.
pub(crate) fn instance_text(m: u32, n: u32, mu: u32, seed: u64) -> String {
    let mut rng = Generator::new(seed);
    let mut s = format!("{m} {n} {mu}\n");
    for _ in 0..n {
        let _ = writeln!(s, "{}", rng.integers(1, 101));
    }
    for i in 0..m {
        for j in 0..n {
            let p = rng.uniform(P_RANGE.0, P_RANGE.1);
            let _ = writeln!(s, "{i} {j} {p:.6}");
        }
    }
    s
}

pub(crate) fn gen_wta(a: &GenWtaArgs) -> Result<ExitCode> {
    if a.weapons == 0 || a.targets == 0 || a.units == 0 {
        bail!("--weapons, --targets and --units must be at least 1");
    }
    if u64::from(a.weapons) * u64::from(a.targets) > MAX_PAIRS {
        bail!("at most {MAX_PAIRS} weapon-target pairs");
    }
    let text = instance_text(a.weapons, a.targets, a.units, a.seed);
    crate::staging::write_file_atomically(&a.out, text.as_bytes())?;
    println!(
        "{} weapon types x {} targets, {} per type (seed {}) written to {}",
        a.weapons,
        a.targets,
        crate::output::count(u64::from(a.units), "unit"),
        a.seed,
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instances_parse_and_are_deterministic() {
        let a = instance_text(4, 7, 2, 9);
        assert_eq!(a, instance_text(4, 7, 2, 9));
        assert_ne!(a, instance_text(4, 7, 2, 10));
        let p = c2::wta::Problem::from_benchmark_text(&a).expect("parses");
        assert_eq!((p.n_weapons(), p.n_targets()), (4, 7));
        for i in 0..4 {
            for j in 0..7 {
                assert!((0.05..=0.95).contains(&p.p(i, j)));
            }
        }
        assert!(p.targets().iter().all(|t| (1.0..=100.0).contains(&t.value)));
    }
}
