//! Tables of the kill chain: planned kill probability against the realised kill rate (one run
//! or pooled over a study), the mean interval between consecutive stages, and each threat's
//! timeline.

use crate::page::table;
use crate::svg::num;
use sim::{CalibrationRow, StageInterval, StageIntervals, ThreatSummary};
use std::fmt::Write;

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

/// Mean stage-to-stage intervals and the per-threat timelines of one run.
pub(crate) fn kill_chain_section(s: &StageIntervals, threats: &[ThreatSummary]) -> String {
    let mut b = String::from(r#"<section id="kill-chain"><h2>Kill chain</h2>"#);
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
        ],
        &rows,
    ));
    b.push_str("</section>");
    b
}
