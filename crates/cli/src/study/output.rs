//! A study's files (`runs.csv`, `study.json`, `report.html`) and its terminal tables.

use super::measures::MeasureTable;
use super::runs::Plan;
use anyhow::{Context, Result};
use report::study::{CompareStudy, McStudy, MeasureStats, SweepStudy};
use std::path::{Path, PathBuf};

/// The measures the terminal tables show, when present (every `siap.*` scalar follows).
const MAIN: &[(&str, &str)] = &[
    ("moe.leakers", "leakers"),
    ("moe.leakers_on_assets", "leakers on assets"),
    ("moe.defended_value_surviving", "defended value surviving"),
    ("moe.interceptors_fired", "interceptors fired"),
    ("moe.intercepts", "intercepts"),
    ("moe.shots_per_kill", "shots per kill"),
    ("moe.engagements_on_remote", "engagements on remote"),
    ("moe.mean_first_detection_s", "first detection (s)"),
    ("network.mean_picture_gospa", "mean picture GOSPA (m)"),
    ("network.commonality", "commonality"),
    ("network.dual_tracks", "dual tracks"),
];

/// Creates the output directory (`--out` or the command's default).
pub(super) fn prepare(out: Option<&PathBuf>, default: &str) -> Result<PathBuf> {
    let dir = out.cloned().unwrap_or_else(|| PathBuf::from(default));
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create output directory {}", dir.display()))?;
    Ok(dir)
}

/// `runs.csv`: `[label,]run,seed,<measures...>`, one row per run, cells in study order.
pub(super) fn write_runs(
    dir: &Path,
    label: Option<&str>,
    plan: &Plan,
    table: &MeasureTable,
) -> Result<()> {
    let path = dir.join("runs.csv");
    let mut w = csv::Writer::from_path(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let mut header: Vec<&str> = label.into_iter().collect();
    header.extend(["run", "seed"]);
    header.extend(table.names.iter().map(String::as_str));
    w.write_record(&header)?;
    for (c, cell) in plan.cells.iter().enumerate() {
        for (r, seed) in plan.seeds.iter().enumerate() {
            let mut row: Vec<String> = label.map(|_| cell.name.clone()).into_iter().collect();
            row.extend([r.to_string(), seed.to_string()]);
            // `Display` of f64 is the shortest text that reads back to the same value.
            row.extend(
                table
                    .row(c, r)
                    .iter()
                    .map(|v| v.map(|x| x.to_string()).unwrap_or_default()),
            );
            w.write_record(&row)?;
        }
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}

/// `study.json`, pretty-printed (non-finite numbers become null).
pub(super) fn write_json<T: serde::Serialize>(dir: &Path, study: &T) -> Result<()> {
    let path = dir.join("study.json");
    let mut json = serde_json::to_string_pretty(study)?;
    json.push('\n');
    std::fs::write(&path, json).with_context(|| format!("cannot write {}", path.display()))
}

/// `report.html`: the study's self-contained report page.
pub(super) fn write_report(dir: &Path, html: &str) -> Result<()> {
    let path = dir.join("report.html");
    std::fs::write(&path, html).with_context(|| format!("cannot write {}", path.display()))
}

/// The closing line (wall time goes to the terminal only, never into a file).
pub(super) fn done(dir: &Path, plan: &Plan) {
    let n = plan.cells.len() * plan.seeds.len();
    println!(
        "{n} runs in {:.1} s on {} threads; outputs written to {}",
        plan.wall_s,
        plan.threads,
        dir.display()
    );
}

/// (name, label) of the main measures present, then the SIAP ones.
fn shown(names: impl Iterator<Item = String> + Clone) -> Vec<(String, String)> {
    let present = |m: &str| names.clone().any(|n| n == m);
    MAIN.iter()
        .filter(|(m, _)| present(m))
        .map(|(m, l)| ((*m).to_owned(), (*l).to_owned()))
        .chain(
            names
                .clone()
                .filter(|n| n.starts_with("siap."))
                .map(|n| (n.clone(), n)),
        )
        .collect()
}

fn num(x: f64) -> String {
    if x.is_nan() {
        "-".to_owned()
    } else if x.is_infinite() {
        if x > 0.0 { "+inf" } else { "-inf" }.to_owned()
    } else if x.abs() >= 1000.0 || x == x.trunc() {
        format!("{x:.0}")
    } else {
        format!("{x:.3}")
    }
}

fn ci(low: f64, high: f64) -> String {
    format!("[{}, {}]", num(low), num(high))
}

fn find<'a>(stats: &'a [MeasureStats], m: &str) -> Option<&'a MeasureStats> {
    stats.iter().find(|s| s.measure == m)
}

pub(super) fn print_mc(study: &McStudy) {
    println!("\n  {} runs of {}\n", study.seeds.len(), study.scenario);
    println!(
        "  {:<28} {:>10} {:>10}  95 % CI of the mean",
        "measure", "mean", "sd"
    );
    for (m, label) in shown(study.measures.iter().map(|s| s.measure.clone())) {
        if let Some(s) = find(&study.measures, &m) {
            println!(
                "  {label:<28} {:>10} {:>10}  {}",
                num(s.mean),
                num(s.sd),
                ci(s.ci_low, s.ci_high)
            );
        }
    }
    println!();
}

pub(super) fn print_compare(study: &CompareStudy) {
    println!(
        "\n  {} paired runs of {} per variant; baseline {}\n",
        study.seeds.len(),
        study.scenario,
        study.baseline
    );
    let base = &study.variants[0].measures;
    for v in &study.variants[1..] {
        println!(
            "  {} − {}  {:>12} {:>12} {:>10}  95 % CI (* significant)",
            v.name, study.baseline, "baseline", "variant", "diff"
        );
        for (m, label) in shown(base.iter().map(|s| s.measure.clone())) {
            let d = study
                .diffs
                .iter()
                .find(|d| d.variant == v.name && d.measure == m);
            let (Some(b), Some(x), Some(d)) = (find(base, &m), find(&v.measures, &m), d) else {
                continue;
            };
            println!(
                "    {label:<28} {:>12} {:>12} {:>10}  {}{}",
                num(b.mean),
                num(x.mean),
                num(d.mean),
                ci(d.ci_low, d.ci_high),
                if d.significant { " *" } else { "" }
            );
        }
        println!();
    }
}

pub(super) fn print_sweep(study: &SweepStudy) {
    println!(
        "\n  {} over {} = {} ({} runs each; mean per value)\n",
        study.scenario,
        study.param,
        study.values.join(", "),
        study.seeds.len()
    );
    let Some(first) = study.points.first() else {
        return;
    };
    print!("  {:<28}", "measure");
    for v in &study.values {
        print!(" {v:>12}");
    }
    println!();
    for (m, label) in shown(first.iter().map(|s| s.measure.clone())) {
        print!("  {label:<28}");
        for p in &study.points {
            print!(
                " {:>12}",
                find(p, &m).map_or_else(|| "-".to_owned(), |s| num(s.mean))
            );
        }
        println!();
    }
    println!();
}
