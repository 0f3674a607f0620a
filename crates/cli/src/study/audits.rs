//! `--audit` on a study: every run audited in memory (crate `audit`, the checks of
//! `kizuna audit`), totals and the runs with violations in `audit.json`, and the exit status.

use super::runs::Study;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// What a study keeps of one run's audit (all `audit.json` needs; a shard carries it to the
/// merge): counts by kind and the examples, in the report's order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct RunAudit {
    violations: BTreeMap<String, u64>,
    checked: BTreeMap<String, u64>,
    unresolved: BTreeMap<String, u64>,
    breakdown: BTreeMap<String, u64>,
    /// (kind, the example as `kizuna audit` writes it).
    examples: Vec<(String, Value)>,
}

impl RunAudit {
    pub(crate) fn of(report: &audit::Report) -> Result<Self> {
        let counts = |m: &BTreeMap<audit::Kind, u64>| {
            m.iter().map(|(k, n)| (k.as_str().to_owned(), *n)).collect()
        };
        Ok(RunAudit {
            violations: counts(&report.violations),
            checked: counts(&report.checked),
            unresolved: counts(&report.unresolved),
            breakdown: report.breakdown.clone(),
            examples: report
                .examples
                .iter()
                .map(|e| Ok((e.kind.as_str().to_owned(), serde_json::to_value(e)?)))
                .collect::<Result<_>>()?,
        })
    }

    fn is_clean(&self) -> bool {
        self.violations.values().sum::<u64>() == 0
    }
}

/// Examples kept in `audit.json` per kind, over all runs.
const EXAMPLES_PER_KIND: usize = 5;

/// What `audit.json` says, for the closing line.
pub(super) struct Totals {
    violations: BTreeMap<String, u64>,
    failing_runs: usize,
    runs: usize,
}

/// Writes `audit.json` into `dir` (the staged output directory) when the study was audited.
pub(super) fn write(dir: &Path, plan: &Study) -> Result<Option<Totals>> {
    if plan.audits.is_empty() {
        return Ok(None);
    }
    let mut totals: BTreeMap<&str, BTreeMap<&str, u64>> = BTreeMap::new();
    let mut breakdown: BTreeMap<&str, u64> = BTreeMap::new();
    let mut failing = Vec::new();
    let mut examples: Vec<Value> = Vec::new();
    let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
    for (c, cell) in plan.cells.iter().enumerate() {
        for (r, report) in plan.audits[c].iter().enumerate() {
            let seed = plan.seeds[r];
            for (section, counts) in [
                ("violations", &report.violations),
                ("checked", &report.checked),
                ("unresolved", &report.unresolved),
            ] {
                let total = totals.entry(section).or_default();
                for (kind, n) in counts {
                    *total.entry(kind.as_str()).or_default() += n;
                }
            }
            for (detail, n) in &report.breakdown {
                *breakdown.entry(detail).or_default() += n;
            }
            if report.is_clean() {
                continue;
            }
            let violated: BTreeMap<&str, u64> = report
                .violations
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(k, n)| (k.as_str(), *n))
                .collect();
            failing.push(
                json!({"variant": cell.name, "run": r, "seed": seed, "violations": violated}),
            );
            for (kind, e) in &report.examples {
                let n = shown.entry(kind.as_str()).or_default();
                if *n < EXAMPLES_PER_KIND {
                    *n += 1;
                    let mut v = e.clone();
                    v["variant"] = json!(cell.name);
                    v["run"] = json!(r);
                    v["seed"] = json!(seed);
                    examples.push(v);
                }
            }
        }
    }
    let runs = plan.cells.len() * plan.seeds.len();
    let doc = json!({
        "scenario": plan.scenario,
        "runs": runs,
        "runs_with_violations": failing.len(),
        "violations": totals.get("violations"),
        "checked": totals.get("checked"),
        "unresolved": totals.get("unresolved"),
        "breakdown": breakdown,
        "failing_runs": failing,
        "examples": examples,
    });
    let path = dir.join("audit.json");
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Some(Totals {
        violations: totals
            .get("violations")
            .into_iter()
            .flatten()
            .map(|(k, n)| ((*k).to_owned(), *n))
            .collect(),
        failing_runs: failing.len(),
        runs,
    }))
}

/// Prints the audit totals (always when some run has a violation) and gives the exit status:
/// 1 when some run has a violation, else 0. `dir` is the final output directory.
pub(super) fn finish(totals: Option<Totals>, dir: &Path, quiet: bool) -> ExitCode {
    let Some(Totals {
        violations,
        failing_runs,
        runs,
    }) = totals
    else {
        return ExitCode::SUCCESS;
    };
    let path = dir.join("audit.json");
    let total: u64 = violations.values().sum();
    if !quiet || total > 0 {
        let by_kind: Vec<String> = violations
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        println!(
            "audit: {total} violations in {failing_runs} of {runs} runs{}; details in {}",
            if by_kind.is_empty() {
                String::new()
            } else {
                format!(" ({})", by_kind.join(", "))
            },
            path.display()
        );
    }
    if total == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
