//! A study's files (`runs.csv`, `study.json`, `report.html`) and its terminal tables.

use super::measures::{Hidden, MeasureTable};
use super::runs::Study;
use crate::staging::Staged;
use anyhow::{Context, Result};
use report::study::{CompareStudy, McStudy, MeasureStats, PairedDiff, SweepStudy, Variant};
use std::path::{Path, PathBuf};

/// The measures the terminal tables show, in this order, when present and not hidden (every
/// `moe.intercept_probability.*` and `siap.*` scalar follows); the report and `study.json`
/// keep every measure.
pub(super) const MAIN: &[&str] = &[
    "moe.leakers",
    "moe.leakers_on_assets",
    "moe.defended_value_surviving",
    "moe.intercepts",
    "moe.interceptors_fired",
    "moe.shots_per_kill",
    "moe.fratricides",
    "moe.engagements_on_remote",
    "moe.mean_first_detection_s",
    "moe.stage_intervals.first_held_to_hostile_declared.mean_s",
    "moe.stage_intervals.hostile_declared_to_first_order.mean_s",
    "network.mean_picture_gospa",
    "network.commonality",
    "network.dual_tracks",
    "network.mean_picture_latency_s",
];

/// Width of the measure column.
const LABEL_W: usize = 40;

/// Locks and stages the output directory (`--out` or the command's default) before the runs
/// start, so a taken or non-empty directory is refused at once (see [`crate::staging`]).
pub(super) fn prepare(args: &super::StudyArgs, default: &str) -> Result<Staged> {
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from(default));
    Staged::begin(&dir, args.force)
}

/// `runs.csv`: `[label,]run,seed,<measures...>`, one row per run, cells in study order.
pub(super) fn write_runs(
    dir: &Path,
    label: Option<&str>,
    plan: &Study,
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
            let mut row: Vec<String> = label
                .map(|_| sim::spreadsheet_safe(&cell.name).into_owned())
                .into_iter()
                .collect();
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
pub(super) fn done(dir: &Path, plan: &Study) {
    let n = crate::output::count((plan.cells.len() * plan.seeds.len()) as u64, "run");
    match plan.ran {
        Some((threads, wall_s)) => println!(
            "{n} in {wall_s:.1} s on {}; outputs written to {}",
            crate::output::count(threads as u64, "thread"),
            dir.display()
        ),
        None => println!("{n} merged; outputs written to {}", dir.display()),
    }
}

/// (name, label) of the main measures present and not hidden, then the kill-chain causes in
/// chain order, the per-class intercept probabilities and the SIAP ones. Labels carry the
/// better direction (`↓` fewer is better).
fn shown(names: impl Iterator<Item = String> + Clone, hidden: &Hidden) -> Vec<(String, String)> {
    let present = |m: &str| names.clone().any(|n| n == m);
    let label = |m: &str| {
        let info = report::measures::describe(m);
        let arrow = info.better.arrow();
        let text = report::measures::label_with_unit(m);
        if arrow.is_empty() {
            text
        } else {
            format!("{text} {arrow}")
        }
    };
    let causes = sim::ChainCause::ALL
        .iter()
        .map(|c| format!("moe.leaker_causes.{}", c.as_str()))
        .filter(|m| present(m));
    MAIN.iter()
        .copied()
        .filter(|m| present(m))
        .map(str::to_owned)
        .chain(causes)
        .chain(
            names
                .clone()
                .filter(|n| n.starts_with("moe.intercept_probability.") || n.starts_with("siap.")),
        )
        .filter(|m| !hidden.hides(m))
        .map(|m| {
            let l = label(&m);
            (m, l)
        })
        .collect()
}

/// The lines under a table that say what it left out and why.
fn hidden_note(hidden: &Hidden) -> String {
    let mut out = String::new();
    if !hidden.constants.is_empty() {
        let items: Vec<String> = hidden
            .constants
            .iter()
            .map(|(m, v)| format!("{} {}", report::measures::describe(m).label, num(*v)))
            .collect();
        out.push_str(&wrap("  same in every run (not shown): ", &items));
    }
    if !hidden.duplicates.is_empty() {
        let items: Vec<String> = hidden
            .duplicates
            .iter()
            .map(|(m, same)| {
                format!(
                    "{} = {}",
                    report::measures::describe(m).label,
                    report::measures::describe(same).label
                )
            })
            .collect();
        out.push_str(&wrap("  equal in every run (not shown): ", &items));
    }
    if !out.is_empty() {
        out.push_str("  ↑ more is better, ↓ less is better; every measure is in study.json and report.html\n");
    }
    out
}

/// `head` then the items, comma-separated, wrapped at 100 columns with a hanging indent.
fn wrap(head: &str, items: &[String]) -> String {
    let mut out = String::from(head);
    let mut col = head.chars().count();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item}, ")
        } else {
            item.clone()
        };
        if col + piece.chars().count() > 100 && col > head.chars().count() {
            out.push_str("\n    ");
            col = 4;
        }
        col += piece.chars().count();
        out.push_str(&piece);
    }
    out.push('\n');
    out
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

/// A confidence interval; with one run there is no spread and hence no interval (the
/// statistics carry ±∞ then, which is not a number to print).
fn ci(low: f64, high: f64) -> String {
    if low.is_finite() && high.is_finite() {
        format!("[{}, {}]", num(low), num(high))
    } else {
        "n/a (needs 2+ runs)".to_owned()
    }
}

fn find<'a>(stats: &'a [MeasureStats], m: &str) -> Option<&'a MeasureStats> {
    stats.iter().find(|s| s.measure == m)
}

/// The pooled planned-Pk calibration table.
fn print_calibration(rows: &[sim::CalibrationRow]) {
    if rows.is_empty() {
        println!("  planned Pk calibration: no scored shots\n");
        return;
    }
    println!(
        "  {:<26} {:<8} {:>6} {:>6} {:>8} {:>9}  95 % interval (Wilson)",
        "interceptor", "class", "shots", "kills", "planned", "realised"
    );
    for r in rows {
        let inside = r.ci_low <= r.mean_planned_pk && r.mean_planned_pk <= r.ci_high;
        println!(
            "  {:<26} {:<8} {:>6} {:>6} {:>8} {:>9}  {}{}",
            r.interceptor,
            r.class,
            r.shots,
            r.kills,
            num(r.mean_planned_pk),
            num(r.realised_kill_rate),
            ci(r.ci_low, r.ci_high),
            if inside { "" } else { "  planned outside" }
        );
    }
    println!();
}

pub(super) fn print_mc(study: &McStudy, hidden: &Hidden) {
    println!(
        "\n  {} of {}\n",
        crate::output::count(study.seeds.len() as u64, "run"),
        study.scenario
    );
    println!(
        "  {:<LABEL_W$} {:>10} {:>10}  95 % CI of the mean",
        "measure", "mean", "sd"
    );
    for (m, label) in shown(study.measures.iter().map(|s| s.measure.clone()), hidden) {
        if let Some(s) = find(&study.measures, &m) {
            println!(
                "  {label:<LABEL_W$} {:>10} {:>10}  {}",
                num(s.mean),
                num(s.sd),
                ci(s.ci_low, s.ci_high)
            );
        }
    }
    println!();
    print!("{}", hidden_note(hidden));
    println!();
    print_calibration(&study.calibration);
}

pub(super) fn print_compare(study: &CompareStudy, hidden: &Hidden) {
    println!(
        "\n  {} of {} per variant; baseline {}\n",
        crate::output::count(study.seeds.len() as u64, "paired run"),
        study.scenario,
        study.baseline
    );
    let base = &study.variants[0];
    // With a ladder, each step is shown, then the top rung against the baseline (the whole
    // ladder); the other differences against the baseline are in study.json and the report.
    let against_base = match &study.ladder {
        Some(_) => &study.variants[study.variants.len() - 1..],
        None => &study.variants[1..],
    };
    if let Some(ladder) = &study.ladder {
        println!(
            "  The ladder, each rung against the one below: {}\n",
            ladder.rungs.join(" → ")
        );
        for step in &ladder.steps {
            let of = |name: &str| study.variants.iter().find(|v| v.name == name);
            let (Some(from), Some(to)) = (of(&step.from), of(&step.to)) else {
                continue;
            };
            let diffs: Vec<&PairedDiff> = step.diffs.iter().collect();
            print_diffs(from, to, &diffs, ["lower", "upper"], hidden);
        }
        println!("  The whole ladder:\n");
    }
    for v in against_base.iter().filter(|v| v.name != base.name) {
        let diffs: Vec<&PairedDiff> = study.diffs.iter().filter(|d| d.variant == v.name).collect();
        print_diffs(base, v, &diffs, ["baseline", "variant"], hidden);
    }
    println!(
        "  better / worse: the 95 % CI of the paired difference excludes 0 (differs: no better direction)"
    );
    print!("{}", hidden_note(hidden));
    println!();
    for v in &study.variants {
        println!("  planned Pk calibration, {} (pooled):", v.name);
        print_calibration(&v.calibration);
    }
}

/// One table of paired differences `v − base`; `columns` names the two means' columns.
fn print_diffs(
    base: &Variant,
    v: &Variant,
    diffs: &[&PairedDiff],
    columns: [&str; 2],
    hidden: &Hidden,
) {
    println!(
        "  {:<LABEL_W$} {:>10} {:>10} {:>10}  95 % CI of the difference",
        format!("{} − {}", v.name, base.name),
        columns[0],
        columns[1],
        "diff"
    );
    for (m, label) in shown(base.measures.iter().map(|s| s.measure.clone()), hidden) {
        let d = diffs.iter().find(|d| d.measure == m);
        let (Some(b), Some(x), Some(d)) = (find(&base.measures, &m), find(&v.measures, &m), d)
        else {
            continue;
        };
        let verdict = if d.significant {
            match report::measures::describe(&m).better.improves(d.mean) {
                Some(true) => "  better",
                Some(false) => "  worse",
                None => "  differs",
            }
        } else {
            ""
        };
        println!(
            "  {label:<LABEL_W$} {:>10} {:>10} {:>10}  {}{verdict}",
            num(b.mean),
            num(x.mean),
            num(d.mean),
            ci(d.ci_low, d.ci_high),
        );
    }
    println!();
}

pub(super) fn print_sweep(study: &SweepStudy, hidden: &Hidden) {
    println!(
        "\n  {} over {} = {} ({} each; mean per value)\n",
        study.scenario,
        study.param,
        study.values.join(", "),
        crate::output::count(study.seeds.len() as u64, "run")
    );
    let Some(first) = study.points.first() else {
        return;
    };
    print!("  {:<LABEL_W$}", "measure");
    for v in &study.values {
        print!(" {v:>12}");
    }
    println!();
    for (m, label) in shown(first.iter().map(|s| s.measure.clone()), hidden) {
        print!("  {label:<LABEL_W$}");
        for p in &study.points {
            print!(
                " {:>12}",
                find(p, &m).map_or_else(|| "-".to_owned(), |s| num(s.mean))
            );
        }
        println!();
    }
    println!();
    print!("{}", hidden_note(hidden));
    println!();
}
