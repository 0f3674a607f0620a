//! Tables of the kill chain: planned kill probability against the realised kill rate (one run
//! or pooled over a study), the mean interval between consecutive stages, each threat's
//! timeline, and the kill-chain attribution funnel (where each threat's chain ended, per
//! threat class).

use crate::chart::{StackedBar, stacked_bar_chart};
use crate::page::table;
use crate::svg::{esc, num};
use sim::{CalibrationRow, ChainCause, StageInterval, StageIntervals, ThreatSummary};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Funnel colour of each cause, in chain order: the picture's links in greys and blues, the
/// command's in purple and oranges, the engagement's in vermilion, `killed` in green.
const CAUSE_COLOURS: [&str; 9] = [
    "#999999", "#56b4e9", "#0072b2", "#cc79a7", "#e69f00", "#f0a860", "#8a6d00", "#d55e00",
    "#009e73",
];

/// A cause as a reader says it.
pub(crate) fn cause_label(c: ChainCause) -> &'static str {
    match c {
        ChainCause::Undetected => "undetected",
        ChainCause::Untracked => "untracked",
        ChainCause::Unidentified => "unidentified",
        ChainCause::OutOfReach => "out of reach",
        ChainCause::Denied => "denied (ROE)",
        ChainCause::NoCapacity => "no capacity",
        ChainCause::Late => "late",
        ChainCause::Missed => "missed",
        ChainCause::Killed => "killed",
    }
}

/// (label, colour) of every cause, in chain order.
pub(crate) fn cause_segments() -> Vec<(&'static str, &'static str)> {
    ChainCause::ALL
        .iter()
        .zip(CAUSE_COLOURS)
        .map(|(c, colour)| (cause_label(*c), colour))
        .collect()
}

/// Threat classes in reading order: ballistic by range, then cruise, then anything else.
pub(crate) fn class_rank(class: &str) -> (usize, &str) {
    let known = ["srbm", "mrbm", "irbm", "cruise"];
    (
        known
            .iter()
            .position(|k| *k == class)
            .unwrap_or(known.len()),
        class,
    )
}

/// Where each threat's kill chain ended, per threat class: a stacked bar (funnel) per class
/// and the table of counts, with the ROE reasons of the denied.
pub(crate) fn funnel_section(
    threats: &[ThreatSummary],
    denied: &BTreeMap<String, u64>,
    late: &BTreeMap<String, u64>,
    out_of_reach: &BTreeMap<String, u64>,
) -> String {
    let mut by_class: BTreeMap<(usize, &str), [u64; 9]> = BTreeMap::new();
    for t in threats {
        let i = ChainCause::ALL
            .iter()
            .position(|c| *c == t.cause)
            .expect("every cause is listed");
        by_class.entry(class_rank(t.class)).or_insert([0; 9])[i] += 1;
    }
    let mut all = [0u64; 9];
    for counts in by_class.values() {
        for (a, c) in all.iter_mut().zip(counts) {
            *a += c;
        }
    }
    // (chart label, table label, counts): the chart's label column is narrow.
    let mut rows: Vec<(String, String, [u64; 9])> =
        vec![("all threats".to_owned(), "all threats".to_owned(), all)];
    rows.extend(by_class.iter().map(|((_, c), n)| {
        let short = match *c {
            "srbm" | "mrbm" | "irbm" => c.to_uppercase(),
            other => other.to_owned(),
        };
        (short, class_label(c), *n)
    }));
    let mut b = String::from(
        r#"<section id="attribution"><h3>Where each threat's kill chain ended</h3><p class="note">Per threat class: <em>killed</em>, or the first link of the chain that failed — detect, track, identify, reach (an engagement window), ROE, capacity (rounds and channels), launch, kill — from the run's records alone (docs/outputs.md, kill-chain attribution). In a run that lasts until every threat is down, every cause but <em>killed</em> is a leaker.</p>"#,
    );
    let bars: Vec<StackedBar> = rows
        .iter()
        .map(|(label, _, n)| StackedBar {
            label: label.clone(),
            values: n.iter().map(|&x| x as f64).collect(),
        })
        .collect();
    b.push_str(&stacked_bar_chart(
        "Kill-chain attribution per threat class",
        "threats",
        &cause_segments(),
        &bars,
    ));
    let mut header = vec!["class", "threats"];
    header.extend(ChainCause::ALL.iter().map(|c| cause_label(*c)));
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|(_, label, n)| {
            let mut r = vec![label.clone(), n.iter().sum::<u64>().to_string()];
            r.extend(n.iter().map(ToString::to_string));
            r
        })
        .collect();
    b.push_str(&table("attribution", &header, &body));
    for (by, what) in [
        (
            denied,
            "Denied, by the ROE reason of the latest denial on each",
        ),
        (
            late,
            "Late, by the reason the latest order on each was called off before launch",
        ),
        (
            out_of_reach,
            "Out of reach, by how far the fire units got (below min pk: a window at a planned Pk below the doctrine's minimum; no window: none inside an envelope before impact; no fire unit track: no fire unit's node held a track of it)",
        ),
    ] {
        if by.is_empty() {
            continue;
        }
        let reasons: Vec<String> = by
            .iter()
            .map(|(r, n)| format!("{} {n}", r.replace('_', " ")))
            .collect();
        let _ = write!(
            b,
            r#"<p class="note">{what}: {}.</p>"#,
            esc(&reasons.join(", "))
        );
    }
    b.push_str("</section>");
    b
}

/// A threat or object class as a reader says it.
pub(crate) fn class_label(class: &str) -> String {
    match class {
        "srbm" => "short-range ballistic (SRBM)".to_owned(),
        "mrbm" => "medium-range ballistic (MRBM)".to_owned(),
        "irbm" => "intermediate-range ballistic (IRBM)".to_owned(),
        "cruise" => "cruise missile".to_owned(),
        sim::calibration::NO_OBJECT => "no object (track followed nothing)".to_owned(),
        other => format!("non-threat: {other}"),
    }
}

/// The calibration table; `pooled` names what was pooled (a study), or `None` for one run.
/// `h` is the heading level (`h3` inside a variant's or value's section).
pub(crate) fn calibration_section(
    rows: &[CalibrationRow],
    pooled: Option<&str>,
    h: &str,
) -> String {
    let mut b = format!(
        r#"<section class="calibration"><{h}>Planned kill probability against realised kill rate</{h}>"#
    );
    let what = pooled.map_or_else(String::new, |p| format!(" Pooled over {p}."));
    let _ = write!(
        b,
        r#"<p class="note">Per interceptor type and class of the object the engaged track followed at launch: scored shots, the mean kill probability the command planned them with, and the fraction that destroyed that same object, with its 95 % Wilson interval. Calibrated planning puts the mean planned Pk inside the interval. Shots whose object another interceptor had already destroyed are set aside.{what}</p>"#
    );
    if rows.is_empty() {
        b.push_str(r#"<p class="note empty">No interceptor reached its intercept point.</p>"#);
    } else {
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let inside = r.ci_low <= r.mean_planned_pk && r.mean_planned_pk <= r.ci_high;
                vec![
                    r.interceptor.clone(),
                    class_label(&r.class),
                    r.shots.to_string(),
                    r.kills.to_string(),
                    num(r.mean_planned_pk),
                    num(r.realised_kill_rate),
                    format!("[{}, {}]", num(r.ci_low), num(r.ci_high)),
                    if r.shots == 0 {
                        "–"
                    } else if inside {
                        "yes"
                    } else {
                        "no"
                    }
                    .to_owned(),
                    r.target_already_destroyed.to_string(),
                ]
            })
            .collect();
        b.push_str(&table(
            "calibration",
            &[
                "interceptor",
                "engaged object",
                "shots",
                "kills",
                "mean planned Pk",
                "realised kill rate",
                "95 % interval",
                "planned inside",
                "set aside (already destroyed)",
            ],
            &body,
        ));
    }
    b.push_str("</section>");
    b
}

/// The stages of the kill chain and the interval between each consecutive pair.
fn stages(s: &StageIntervals) -> [(&'static str, &StageInterval); 6] {
    [
        ("launch → first detection", &s.launch_to_first_detection),
        (
            "first detection → first held in a picture",
            &s.first_detection_to_first_held,
        ),
        (
            "first held → hostile declaration",
            &s.first_held_to_hostile_declared,
        ),
        (
            "hostile declaration → first fire order",
            &s.hostile_declared_to_first_order,
        ),
        (
            "first fire order → first interceptor launch",
            &s.first_order_to_first_launch,
        ),
        (
            "first interceptor launch → intercept",
            &s.first_launch_to_intercept,
        ),
    ]
}

/// The attribution funnel, mean stage-to-stage intervals and the per-threat timelines of one
/// run.
pub(crate) fn kill_chain_section(
    s: &StageIntervals,
    threats: &[ThreatSummary],
    moe: &sim::Moe,
) -> String {
    let mut b = String::from(r#"<section id="kill-chain"><h2>Kill chain</h2>"#);
    b.push_str(&funnel_section(
        threats,
        &moe.leaker_denial_reasons,
        &moe.leaker_late_reasons,
        &moe.leaker_out_of_reach_reasons,
    ));
    let rows: Vec<Vec<String>> = stages(s)
        .iter()
        .map(|(label, i)| {
            vec![
                (*label).to_owned(),
                i.n.to_string(),
                i.mean_s.map_or_else(|| "–".to_owned(), num),
            ]
        })
        .collect();
    b.push_str(&table(
        "stage-intervals",
        &["stage to stage", "threats", "mean interval (s)"],
        &rows,
    ));
    let t = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), num);
    let rows: Vec<Vec<String>> = threats
        .iter()
        .map(|th| {
            let tl = &th.timeline;
            vec![
                th.name.clone(),
                class_label(th.class),
                num(th.launch_t_s),
                t(tl.first_detection_t_s),
                t(tl.first_held_t_s),
                t(tl.hostile_declared_t_s),
                t(tl.first_order_t_s),
                t(tl.first_launch_t_s),
                t(tl.intercept_t_s),
                t(tl.impact_t_s),
                match th.cause_reason {
                    Some(r) => format!("{} ({})", cause_label(th.cause), r.replace('_', " ")),
                    None => cause_label(th.cause).to_owned(),
                },
            ]
        })
        .collect();
    b.push_str(r#"<p class="note">Per threat, seconds since the start (– : did not happen within the run). Orders, launches and declarations name a track; the threat is the object nearest it at that instant (within 5 km). First held is at truth-sample resolution.</p>"#);
    b.push_str(&table(
        "threat-timelines",
        &[
            "threat",
            "class",
            "launch",
            "first detection",
            "first held",
            "hostile",
            "fire order",
            "interceptor launch",
            "intercept",
            "impact",
            "chain ended",
        ],
        &rows,
    ));
    b.push_str("</section>");
    b
}
