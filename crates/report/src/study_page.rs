//! Study reports: Monte Carlo (measure statistics with confidence intervals), comparisons
//! (per-variant tables and paired-difference charts) and sweeps (measure curves over the
//! swept parameter); each with the planned-Pk calibration pooled over its runs, and for Monte
//! Carlo and comparisons the kill-chain attribution per threat class (mean threats per cause; a
//! comparison adds each cause's paired difference), for sweeps over all threats per value.

use crate::chart::{
    ErrStyle, Interval, Series, StackedBar, XyChart, interval_chart, stacked_bar_chart,
};
use crate::kill_chain::{calibration_section, cause_label, cause_segments};
use crate::measures::{describe, label_with_unit};
use crate::page::{document, table, unit};
use crate::study::{ClassFunnel, PairedDiff};
use crate::study::{CompareStudy, McStudy, MeasureStats, SweepStudy};
use crate::svg::{esc, num};
use sim::ChainCause;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Measures charted when present (the rest stay in the tables).
const MAIN: &[&str] = &[
    "moe.leakers",
    "moe.leakers_on_assets",
    "moe.intercepts",
    "moe.interceptors_fired",
    "moe.threats_detected",
    "moe.asset_value_hit_fraction",
    "moe.mean_first_detection_s",
    "moe.stage_intervals.first_held_to_hostile_declared.mean_s",
    "moe.stage_intervals.hostile_declared_to_first_order.mean_s",
    "network.mean_picture_gospa",
    "network.commonality",
    "network.mean_picture_latency_s",
];

/// Whether a measure is charted: a main one, or any when none of the main ones is present.
fn charted<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Vec<&'a str> {
    let main: Vec<&str> = names.clone().filter(|n| MAIN.contains(n)).collect();
    if main.is_empty() {
        names.take(8).collect()
    } else {
        main
    }
}

fn stats_table(measures: &[MeasureStats]) -> String {
    let rows: Vec<Vec<String>> = measures
        .iter()
        .map(|m| {
            vec![
                label_with_unit(&m.measure),
                describe(&m.measure).better.arrow().to_owned(),
                m.n.to_string(),
                num(m.mean),
                num(m.sd),
                format!("[{}, {}]", num(m.ci_low), num(m.ci_high)),
            ]
        })
        .collect();
    table(
        "measures",
        &[
            "measure",
            "better",
            "n",
            "mean",
            "sd",
            "95 % CI of the mean",
        ],
        &rows,
    )
}

/// Interval charts, one per unit, of (label, measure, mean, low, high, marked) rows.
fn charts_by_unit(title: &str, rows: &[(String, &str, f64, f64, f64, bool)], note: &str) -> String {
    let mut by: BTreeMap<&str, Vec<Interval>> = BTreeMap::new();
    for (label, measure, mean, low, high, marked) in rows {
        by.entry(unit(measure)).or_default().push(Interval {
            label: label.clone(),
            mean: *mean,
            low: *low,
            high: *high,
            marked: *marked,
        });
    }
    by.iter()
        .map(|(u, items)| {
            interval_chart(
                &format!("{title} ({u})"),
                &format!("value ({u})"),
                items,
                note,
            )
        })
        .collect()
}

/// The measure name of a cause's count.
fn cause_measure(c: ChainCause) -> String {
    format!("moe.leaker_causes.{}", c.as_str())
}

/// Mean threats per cause (chain order) over a cell's runs; `None` when the runs carry no
/// attribution.
fn cause_means(measures: &[MeasureStats]) -> Option<Vec<f64>> {
    ChainCause::ALL
        .iter()
        .map(|c| {
            let name = cause_measure(*c);
            measures.iter().find(|m| m.measure == name).map(|m| m.mean)
        })
        .collect()
}

const ATTRIBUTION_NOTE: &str = r#"<p class="note">Mean threats per run by where their kill chain ended: <em>killed</em>, or the first link that failed (docs/outputs.md, kill-chain attribution).</p>"#;

/// The short label of a threat class in a funnel's narrow label column.
fn short_class(class: &str) -> String {
    match class {
        "srbm" | "mrbm" | "irbm" => class.to_uppercase(),
        other => other.to_owned(),
    }
}

/// Mean threats per cause (chain order) of `class` in `funnels` (zeros when absent).
fn class_means(funnels: &[ClassFunnel], class: &str) -> Vec<f64> {
    funnels.iter().find(|f| f.class == class).map_or_else(
        || vec![0.0; ChainCause::ALL.len()],
        |f| f.causes.iter().map(|c| c.mean).collect(),
    )
}

/// The attribution funnel of a study: one bar per cell of mean threats per cause.
fn attribution_funnel(title: &str, cells: &[(String, Vec<f64>)]) -> String {
    let bars: Vec<StackedBar> = cells
        .iter()
        .map(|(label, values)| StackedBar {
            label: label.clone(),
            values: values.clone(),
        })
        .collect();
    stacked_bar_chart(title, "threats (mean per run)", &cause_segments(), &bars)
}

/// Each cause's paired difference against the baseline, per variant, in chain order.
fn attribution_diffs(baseline: &str, diffs: &[PairedDiff]) -> String {
    let mut items = Vec::new();
    let mut rows = Vec::new();
    for c in ChainCause::ALL {
        let name = cause_measure(c);
        for d in diffs.iter().filter(|d| d.measure == name) {
            items.push(Interval {
                label: format!("{}: {}", d.variant, cause_label(c)),
                mean: d.mean,
                low: d.ci_low,
                high: d.ci_high,
                marked: d.significant,
            });
            rows.push(vec![
                d.variant.clone(),
                cause_label(c).to_owned(),
                d.n.to_string(),
                num(d.mean),
                format!("[{}, {}]", num(d.ci_low), num(d.ci_high)),
                if d.significant { "yes" } else { "no" }.to_owned(),
            ]);
        }
    }
    if items.is_empty() {
        return String::new();
    }
    let mut b = interval_chart(
        &format!("Threats per cause: variant − {baseline} (mean, 95 % CI)"),
        "difference in threats per run",
        &items,
        "significant (CI excludes 0)",
    );
    b.push_str(&table(
        "attribution-diffs",
        &[
            "variant",
            "chain ended",
            "pairs",
            "mean difference",
            "95 % CI",
            "significant",
        ],
        &rows,
    ));
    b
}

/// A Monte Carlo study's `report.html`.
pub fn mc_html(s: &McStudy) -> String {
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<p class="identity">{} runs (seeds {}).</p>"#,
        s.seeds.len(),
        esc(&seeds(&s.seeds))
    );
    b.push_str(r#"<section id="measures"><h2>Measures</h2>"#);
    b.push_str(&stats_table(&s.measures));
    b.push_str("</section><section id=\"charts\"><h2>Means with 95 % confidence intervals</h2>");
    let main = charted(s.measures.iter().map(|m| m.measure.as_str()));
    let rows: Vec<_> = s
        .measures
        .iter()
        .filter(|m| main.contains(&m.measure.as_str()))
        .map(|m| {
            (
                describe(&m.measure).label,
                m.measure.as_str(),
                m.mean,
                m.ci_low,
                m.ci_high,
                false,
            )
        })
        .collect();
    b.push_str(&charts_by_unit(
        "Mean and 95 % CI",
        &rows,
        "mean (± 95 % CI)",
    ));
    b.push_str("</section>");
    if let Some(means) = cause_means(&s.measures) {
        b.push_str(r#"<section id="attribution"><h2>Kill-chain attribution</h2>"#);
        b.push_str(ATTRIBUTION_NOTE);
        let mut rows = vec![("all threats".to_owned(), means)];
        rows.extend(
            s.attribution
                .iter()
                .map(|f| (short_class(&f.class), class_means(&s.attribution, &f.class))),
        );
        b.push_str(&attribution_funnel(
            "Kill-chain attribution per threat class (mean threats per run)",
            &rows,
        ));
        b.push_str("</section>");
    }
    b.push_str(&calibration_section(
        &s.calibration,
        Some(&format!("{} runs", s.seeds.len())),
        "h2",
    ));
    document(&format!("Kizuna Monte Carlo report: {}", s.scenario), &b)
}

/// A comparison's `report.html`.
pub fn compare_html(s: &CompareStudy) -> String {
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<p class="identity">{} variants over {} common seeds ({}); baseline: {}.</p>"#,
        s.variants.len(),
        s.seeds.len(),
        esc(&seeds(&s.seeds)),
        esc(&s.baseline)
    );
    b.push_str(r#"<section id="diffs"><h2>Paired differences against the baseline</h2>"#);
    let main = charted(s.diffs.iter().map(|d| d.measure.as_str()));
    let rows: Vec<_> = s
        .diffs
        .iter()
        .filter(|d| main.contains(&d.measure.as_str()))
        .map(|d| {
            (
                format!("{}: {}", d.variant, describe(&d.measure).label),
                d.measure.as_str(),
                d.mean,
                d.ci_low,
                d.ci_high,
                d.significant,
            )
        })
        .collect();
    b.push_str(&charts_by_unit(
        &format!("Variant − {} (mean, 95 % CI)", s.baseline),
        &rows,
        "significant (CI excludes 0)",
    ));
    let rows: Vec<Vec<String>> = s
        .diffs
        .iter()
        .map(|d| {
            let verdict = match (d.significant, describe(&d.measure).better.improves(d.mean)) {
                (false, _) => "no",
                (true, Some(true)) => "yes: better",
                (true, Some(false)) => "yes: worse",
                (true, None) => "yes",
            };
            vec![
                d.variant.clone(),
                label_with_unit(&d.measure),
                d.n.to_string(),
                num(d.mean),
                format!("[{}, {}]", num(d.ci_low), num(d.ci_high)),
                verdict.to_owned(),
            ]
        })
        .collect();
    b.push_str(&table(
        "diffs",
        &[
            "variant",
            "measure",
            "pairs",
            "mean difference",
            "95 % CI",
            "significant",
        ],
        &rows,
    ));
    b.push_str("</section>");
    if let Some(l) = &s.ladder {
        b.push_str(&crate::ladder_page::ladder_section(l, s.seeds.len()));
    }
    let cells: Option<Vec<(String, Vec<f64>)>> = s
        .variants
        .iter()
        .map(|v| cause_means(&v.measures).map(|m| (v.name.clone(), m)))
        .collect();
    if let Some(cells) = cells.filter(|c| !c.is_empty()) {
        b.push_str(r#"<section id="attribution"><h2>Kill-chain attribution</h2>"#);
        b.push_str(ATTRIBUTION_NOTE);
        b.push_str(&attribution_funnel(
            "Kill-chain attribution, all threats (mean per run)",
            &cells,
        ));
        let mut classes: Vec<&str> = Vec::new();
        for v in &s.variants {
            for f in &v.attribution {
                if !classes.contains(&f.class.as_str()) {
                    classes.push(&f.class);
                }
            }
        }
        classes.sort_by_key(|c| crate::kill_chain::class_rank(c));
        for class in classes {
            let rows: Vec<(String, Vec<f64>)> = s
                .variants
                .iter()
                .map(|v| (v.name.clone(), class_means(&v.attribution, class)))
                .collect();
            b.push_str(&attribution_funnel(
                &format!(
                    "Kill-chain attribution, {} (mean per run)",
                    crate::kill_chain::class_label(class)
                ),
                &rows,
            ));
        }
        b.push_str(&attribution_diffs(&s.baseline, &s.diffs));
        b.push_str("</section>");
    }
    for v in &s.variants {
        let _ = write!(
            b,
            r#"<section class="variant"><h2>Variant {}</h2>"#,
            esc(&v.name)
        );
        if !v.overrides.is_empty() {
            let _ = write!(
                b,
                "<p>Overrides: <code>{}</code></p>",
                esc(&v.overrides.join(", "))
            );
        }
        b.push_str(&stats_table(&v.measures));
        b.push_str(&calibration_section(
            &v.calibration,
            Some(&format!("the {} runs of variant {}", s.seeds.len(), v.name)),
            "h3",
        ));
        b.push_str("</section>");
    }
    document(&format!("Kizuna comparison report: {}", s.scenario), &b)
}

/// A sweep's `report.html`.
pub fn sweep_html(s: &SweepStudy) -> String {
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<p class="identity">Parameter <code>{}</code> at {} values, {} seeds each ({}).</p>"#,
        esc(&s.param),
        s.values.len(),
        s.seeds.len(),
        esc(&seeds(&s.seeds))
    );
    let xs: Option<Vec<f64>> = s
        .values
        .iter()
        .map(|v| v.trim().parse::<f64>().ok())
        .collect();
    let (xs, x_label) = match xs {
        Some(x) => (x, s.param.clone()),
        None => (
            (0..s.values.len()).map(|i| i as f64).collect(),
            format!("{} (value index, see table)", s.param),
        ),
    };
    b.push_str(r#"<section id="curves"><h2>Measures against the parameter</h2>"#);
    let names: Vec<&str> = s
        .points
        .first()
        .map(|p| p.iter().map(|m| m.measure.as_str()).collect())
        .unwrap_or_default();
    for name in charted(names.iter().copied()) {
        let mut points = Vec::new();
        let mut err = Vec::new();
        for (x, p) in xs.iter().zip(&s.points) {
            if let Some(m) = p.iter().find(|m| m.measure == name) {
                points.push((*x, m.mean));
                err.push((m.ci_low, m.ci_high));
            }
        }
        let chart = XyChart {
            title: format!("{} against {}", describe(name).label, s.param),
            x_label: x_label.clone(),
            y_label: format!("{} ({})", describe(name).label, unit(name)),
            series: vec![Series {
                name: "mean ± 95 % CI".into(),
                points,
                err: Some(err),
            }],
            err_style: ErrStyle::Band,
            y_from_zero: false,
        };
        b.push_str(&chart.svg());
    }
    b.push_str("</section>");
    let cells: Option<Vec<(String, Vec<f64>)>> = s
        .values
        .iter()
        .zip(&s.points)
        .map(|(v, p)| cause_means(p).map(|m| (v.clone(), m)))
        .collect();
    if let Some(cells) = cells.filter(|c| !c.is_empty()) {
        b.push_str(r#"<section id="attribution"><h2>Kill-chain attribution</h2>"#);
        b.push_str(ATTRIBUTION_NOTE);
        b.push_str(&attribution_funnel(
            &format!(
                "Kill-chain attribution by {}, all threats (mean per run)",
                s.param
            ),
            &cells,
        ));
        b.push_str("</section>");
    }
    for (i, (v, p)) in s.values.iter().zip(&s.points).enumerate() {
        let _ = write!(
            b,
            r#"<section class="point"><h2>{} = {}</h2>"#,
            esc(&s.param),
            esc(v)
        );
        b.push_str(&stats_table(p));
        if let Some(c) = s.calibration.get(i) {
            b.push_str(&calibration_section(
                c,
                Some(&format!("the {} runs at this value", s.seeds.len())),
                "h3",
            ));
        }
        b.push_str("</section>");
    }
    document(&format!("Kizuna sweep report: {}", s.scenario), &b)
}

fn seeds(seeds: &[u64]) -> String {
    match seeds {
        [] => "none".to_owned(),
        [a] => a.to_string(),
        [a, .., z] if seeds.len() > 6 => format!("{a} … {z}"),
        _ => seeds
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}
