//! The engagement timeline: one row per threat over simulation time, with markers for launch,
//! first detection, interceptor launches at it, intercepts and impact.

use crate::chart::nice_ticks;
use crate::data::RunData;
use crate::svg::{esc, px};
use sim::EventKind;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What happens to one threat, in seconds.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Row {
    pub(crate) launch: Option<f64>,
    pub(crate) detected: Option<f64>,
    pub(crate) shots: Vec<f64>,
    /// (time, killed).
    pub(crate) intercepts: Vec<(f64, bool)>,
    pub(crate) impact: Option<f64>,
}

/// Rows by threat name, in scenario order. Interceptor launches reach their threat through the
/// engagement number of the intercept that scored them.
pub(crate) fn rows(d: &RunData) -> Vec<(String, Row)> {
    let mut by: BTreeMap<&str, Row> = BTreeMap::new();
    for t in &d.summary.threats {
        let r = by.entry(&t.name).or_default();
        r.detected = t.first_detection.as_ref().map(|f| f.t_s);
    }
    let mut target: BTreeMap<u64, &str> = BTreeMap::new();
    for e in d.events {
        if let EventKind::Intercept {
            engagement,
            object: Some(o),
            ..
        } = &e.kind
        {
            target.insert(*engagement, o);
        }
    }
    for e in d.events {
        match &e.kind {
            EventKind::Launch { object, .. } => {
                by.entry(&object.object).or_default().launch = Some(e.t_s);
            }
            EventKind::Impact { object, .. } => {
                by.entry(&object.object).or_default().impact = Some(e.t_s);
            }
            EventKind::Intercept {
                object: Some(o),
                killed,
                ..
            } => {
                if let Some(r) = by.get_mut(o.as_str()) {
                    r.intercepts.push((e.t_s, *killed));
                }
            }
            EventKind::InterceptorLaunch { engagement, .. } => {
                if let Some(r) = target.get(engagement).and_then(|o| by.get_mut(o)) {
                    r.shots.push(e.t_s);
                }
            }
            _ => {}
        }
    }
    let order: Vec<&str> = d.summary.threats.iter().map(|t| t.name.as_str()).collect();
    let mut out: Vec<(String, Row)> = Vec::new();
    for name in &order {
        if let Some(r) = by.remove(name) {
            out.push(((*name).to_owned(), r));
        }
    }
    out.extend(by.into_iter().map(|(n, r)| (n.to_owned(), r)));
    out
}

/// The timeline as `<svg class="chart timeline">`.
pub(crate) fn timeline_svg(d: &RunData) -> String {
    let rows = rows(d);
    let (left, right, top) = (170.0, 860.0, 30.0);
    let h = top + 80.0 + rows.len().max(1) as f64 * 20.0;
    let bottom = h - 60.0;
    let ticks = nice_ticks(0.0, d.summary.sim_seconds.max(1.0), 8);
    let t1 = ticks[ticks.len() - 1];
    let sx = |t: f64| left + t / t1 * (right - left);
    let mut s = format!(
        r#"<svg class="chart timeline" viewBox="0 0 900 {h}" width="900" height="{h}" role="img"><text class="title" x="515" y="18" text-anchor="middle">Engagement timeline</text><g class="axis-x"><line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>"#
    );
    for &t in &ticks {
        let x = px(sx(t));
        let _ = write!(
            s,
            r#"<line class="grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/><text x="{x}" y="{}" text-anchor="middle">{t:.0}</text>"#,
            bottom + 16.0
        );
    }
    let _ = write!(
        s,
        r#"<text class="label" x="515" y="{}" text-anchor="middle">simulation time (s)</text></g><g class="axis-y"><line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"/>"#,
        bottom + 32.0
    );
    for (i, (name, _)) in rows.iter().enumerate() {
        let y = top + 12.0 + i as f64 * 20.0;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            left - 6.0,
            y + 4.0,
            esc(name)
        );
    }
    s.push_str(r#"</g><g class="series">"#);
    for (i, (_, r)) in rows.iter().enumerate() {
        let y = top + 12.0 + i as f64 * 20.0;
        let end = r.impact.or(r.intercepts.iter().find(|x| x.1).map(|x| x.0));
        if let (Some(a), Some(b)) = (r.launch, end.or(Some(d.summary.sim_seconds))) {
            let _ = write!(
                s,
                r#"<line class="flight" x1="{}" y1="{y}" x2="{}" y2="{y}"/>"#,
                px(sx(a)),
                px(sx(b))
            );
        }
        if let Some(t) = r.launch {
            let x = sx(t);
            let _ = write!(
                s,
                r#"<path class="m-launch" d="M{} {}l5 9h-10z"/>"#,
                px(x),
                px(y - 5.0)
            );
        }
        if let Some(t) = r.detected {
            let x = sx(t);
            let _ = write!(
                s,
                r#"<path class="m-detect" d="M{} {}l5 5l-5 5l-5 -5z"/>"#,
                px(x),
                px(y - 5.0)
            );
        }
        for &t in &r.shots {
            let _ = write!(
                s,
                r#"<line class="m-shot" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>"#,
                px(sx(t)),
                px(y - 8.0),
                px(y + 8.0)
            );
        }
        for &(t, killed) in &r.intercepts {
            let class = if killed {
                "m-intercept killed"
            } else {
                "m-intercept missed"
            };
            let _ = write!(
                s,
                r#"<path class="{class}" d="M{} {}l10 10m0 -10l-10 10"/>"#,
                px(sx(t) - 5.0),
                px(y - 5.0)
            );
        }
        if let Some(t) = r.impact {
            let _ = write!(
                s,
                r#"<circle class="m-impact" cx="{}" cy="{y}" r="5"/>"#,
                px(sx(t))
            );
        }
    }
    s.push_str("</g>");
    let legend: [(&str, &str); 5] = [
        (r#"<path class="m-launch" d="M0 -5l5 9h-10z"/>"#, "launch"),
        (
            r#"<path class="m-detect" d="M0 -5l5 5l-5 5l-5 -5z"/>"#,
            "first detection",
        ),
        (
            r#"<line class="m-shot" x1="0" y1="-7" x2="0" y2="7"/>"#,
            "interceptor launch",
        ),
        (
            r#"<path class="m-intercept killed" d="M-5 -5l10 10m0 -10l-10 10"/>"#,
            "intercept (kill / miss)",
        ),
        (
            r#"<circle class="m-impact" cx="0" cy="0" r="5"/>"#,
            "impact",
        ),
    ];
    let _ = write!(
        s,
        r#"<g class="legend" transform="translate(10 {})">"#,
        bottom + 50.0
    );
    for (i, (m, l)) in legend.iter().enumerate() {
        let _ = write!(
            s,
            r#"<g transform="translate({} 0)">{m}<text x="10" y="4">{l}</text></g>"#,
            180.0 + i as f64 * 140.0
        );
    }
    s.push_str("</g></svg>");
    s
}
