//! The ladder section of a comparison's report (`kizuna compare --ladder`): each rung against
//! the one below it — a chart of the leakers' step differences, a table of the headline
//! measures per step, and each kill-chain cause's step difference.

use crate::chart::{Interval, interval_chart};
use crate::kill_chain::cause_label;
use crate::measures::{describe, label_with_unit};
use crate::page::table;
use crate::study::{Ladder, LadderStep, PairedDiff};
use crate::svg::{esc, num};
use sim::ChainCause;
use std::fmt::Write;

/// The measures of the ladder table, in this order, when present.
const MEASURES: &[&str] = &[
    "moe.leakers",
    "moe.leakers_on_assets",
    "moe.defended_value_surviving",
    "moe.intercepts",
    "moe.interceptors_fired",
    "moe.engagements_on_remote",
    "moe.shots_per_kill",
    "network.commonality",
    "network.mean_picture_gospa",
];

fn step_label(s: &LadderStep) -> String {
    format!("{} → {}", s.from, s.to)
}

fn find<'a>(s: &'a LadderStep, measure: &str) -> Option<&'a PairedDiff> {
    s.diffs.iter().find(|d| d.measure == measure)
}

fn interval(d: &PairedDiff) -> String {
    format!("[{}, {}]", num(d.ci_low), num(d.ci_high))
}

/// Whether a significant difference is better, worse or just different.
fn verdict(d: &PairedDiff) -> &'static str {
    match (d.significant, describe(&d.measure).better.improves(d.mean)) {
        (false, _) => "no",
        (true, Some(true)) => "yes: better",
        (true, Some(false)) => "yes: worse",
        (true, None) => "yes",
    }
}

/// The `<section id="ladder">` of a comparison's page.
pub(crate) fn ladder_section(l: &Ladder, n_seeds: usize) -> String {
    let mut b = String::from(r#"<section id="ladder"><h2>The ladder: what each step buys</h2>"#);
    let _ = write!(
        b,
        r#"<p class="note">Rungs, lowest first: {}. Each step is the paired difference (upper rung − lower rung) over the same {n_seeds} seeds, with its 95 % interval (Student t over the pairs); significant when the interval excludes 0.</p>"#,
        esc(&l.rungs.join(" → "))
    );
    let leakers: Vec<Interval> = l
        .steps
        .iter()
        .filter_map(|s| {
            find(s, "moe.leakers").map(|d| Interval {
                label: step_label(s),
                mean: d.mean,
                low: d.ci_low,
                high: d.ci_high,
                marked: d.significant,
            })
        })
        .collect();
    if !leakers.is_empty() {
        b.push_str(&interval_chart(
            "Leakers: each step of the ladder (mean, 95 % CI)",
            "difference in leakers per run",
            &leakers,
            "significant (CI excludes 0)",
        ));
    }
    let mut rows = Vec::new();
    for m in MEASURES {
        for s in &l.steps {
            if let Some(d) = find(s, m) {
                rows.push(vec![
                    step_label(s),
                    label_with_unit(m),
                    d.n.to_string(),
                    num(d.mean),
                    interval(d),
                    verdict(d).to_owned(),
                ]);
            }
        }
    }
    b.push_str(&table(
        "ladder",
        &[
            "step",
            "measure",
            "pairs",
            "mean difference",
            "95 % CI",
            "significant",
        ],
        &rows,
    ));
    b.push_str(&causes(l));
    b.push_str("</section>");
    b
}

/// Each kill-chain cause's step difference: a table with a row per step and a column per
/// cause (`*`: significant), and a chart of the causes that moved on some step.
fn causes(l: &Ladder) -> String {
    let name = |c: ChainCause| format!("moe.leaker_causes.{}", c.as_str());
    let present = l
        .steps
        .iter()
        .any(|s| ChainCause::ALL.iter().any(|c| find(s, &name(*c)).is_some()));
    if !present {
        return String::new();
    }
    let mut b = String::from(
        r#"<h3>Where the kill chains ended: each step's difference per cause</h3><p class="note">Mean difference in threats per run whose kill chain ended at each cause (docs/outputs.md, kill-chain attribution), with its 95 % interval; * marks an interval that excludes 0.</p>"#,
    );
    let mut header = vec!["step".to_owned()];
    header.extend(ChainCause::ALL.iter().map(|c| cause_label(*c).to_owned()));
    let rows: Vec<Vec<String>> = l
        .steps
        .iter()
        .map(|s| {
            let mut row = vec![step_label(s)];
            row.extend(ChainCause::ALL.iter().map(|c| {
                find(s, &name(*c)).map_or_else(
                    || "–".to_owned(),
                    |d| {
                        let star = if d.significant { " *" } else { "" };
                        format!("{} {}{star}", num(d.mean), interval(d))
                    },
                )
            }));
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    b.push_str(&table("ladder-causes", &header, &rows));
    let mut items = Vec::new();
    for c in ChainCause::ALL {
        let moved = l
            .steps
            .iter()
            .filter_map(|s| find(s, &name(c)))
            .any(|d| d.mean != 0.0 || d.ci_low != 0.0 || d.ci_high != 0.0);
        if !moved {
            continue;
        }
        for s in &l.steps {
            if let Some(d) = find(s, &name(c)) {
                // The upper rung names the step (the label column is narrow).
                items.push(Interval {
                    label: format!("→ {}: {}", s.to, cause_label(c)),
                    mean: d.mean,
                    low: d.ci_low,
                    high: d.ci_high,
                    marked: d.significant,
                });
            }
        }
    }
    if !items.is_empty() {
        b.push_str(&interval_chart(
            "Threats per cause: each step of the ladder (mean, 95 % CI)",
            "difference in threats per run",
            &items,
            "significant (CI excludes 0)",
        ));
    }
    b
}
