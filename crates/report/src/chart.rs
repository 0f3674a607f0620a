//! A small SVG plotting module: linear axes with nice ticks, axis labels with units, legends,
//! line series with optional error bars or confidence bands, and interval (mean ± CI) charts.
//!
//! Hand-written rather than `plotters`: the output is a few kilobytes of plain SVG with stable
//! class names (`axis-x`, `axis-y`, `series`, `legend`) that the browser test counts.

use crate::svg::{esc, points, px};
use std::fmt::Write;

/// Series colours (colour-blind-safe Okabe–Ito palette).
pub(crate) const PALETTE: [&str; 7] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
];

/// "Nice" tick values covering `[lo, hi]` with about `target` intervals (1, 2, 5 × 10ⁿ steps).
pub(crate) fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let (lo, hi) = if hi - lo < 1e-12 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * 0.999)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    // Rounded to well below the step so 3 × 0.2 prints as 0.6.
    let q = 10f64.powi(3 - step.log10().floor() as i32);
    (first..=last)
        .map(|k| (k as f64 * step * q).round() / q)
        .map(|v| v + 0.0)
        .collect()
}

/// Tick label: as few decimals as the step needs.
fn tick_label(v: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize + 1
    };
    format!("{v:.decimals$}")
}

/// One line series; `err` holds (low, high) per point when the chart shows uncertainty.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    pub(crate) name: String,
    pub(crate) points: Vec<(f64, f64)>,
    pub(crate) err: Option<Vec<(f64, f64)>>,
}

/// How uncertainty is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ErrStyle {
    /// Vertical bars with caps.
    Bars,
    /// A translucent band between the lows and highs.
    Band,
}

/// A line chart on linear axes.
#[derive(Clone, Debug)]
pub(crate) struct XyChart {
    pub(crate) title: String,
    pub(crate) x_label: String,
    pub(crate) y_label: String,
    pub(crate) series: Vec<Series>,
    pub(crate) err_style: ErrStyle,
    /// Include y = 0 in the range (counts, distances).
    pub(crate) y_from_zero: bool,
}

const W: f64 = 640.0;
const H: f64 = 300.0;
const ML: f64 = 70.0;
const MR: f64 = 150.0;
const MT: f64 = 30.0;
const MB: f64 = 50.0;

/// Maps data to pixels inside the plot frame.
struct Frame {
    x: (f64, f64),
    y: (f64, f64),
    xt: Vec<f64>,
    yt: Vec<f64>,
}

impl Frame {
    fn new(xs: impl Iterator<Item = f64> + Clone, ys: impl Iterator<Item = f64> + Clone) -> Self {
        let range = |it: &mut dyn Iterator<Item = f64>| {
            it.filter(|v| v.is_finite())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(v), b.max(v))
                })
        };
        let (mut x0, mut x1) = range(&mut xs.clone());
        let (mut y0, mut y1) = range(&mut ys.clone());
        if !x0.is_finite() {
            (x0, x1) = (0.0, 1.0);
        }
        if !y0.is_finite() {
            (y0, y1) = (0.0, 1.0);
        }
        let xt = nice_ticks(x0, x1, 6);
        let yt = nice_ticks(y0, y1, 5);
        Frame {
            x: (xt[0], xt[xt.len() - 1]),
            y: (yt[0], yt[yt.len() - 1]),
            xt,
            yt,
        }
    }
    fn px(&self, x: f64) -> f64 {
        ML + (x - self.x.0) / (self.x.1 - self.x.0) * (W - ML - MR)
    }
    fn py(&self, y: f64) -> f64 {
        H - MB - (y - self.y.0) / (self.y.1 - self.y.0) * (H - MT - MB)
    }
}

/// Axes, grid, ticks and labels.
fn axes(out: &mut String, f: &Frame, title: &str, x_label: &str, y_label: &str) {
    let (left, right, top, bottom) = (ML, W - MR, MT, H - MB);
    let _ = write!(
        out,
        r#"<text class="title" x="{}" y="18" text-anchor="middle">{}</text>"#,
        px((left + right) / 2.0),
        esc(title)
    );
    let xs = f.xt.get(1).map_or(1.0, |b| b - f.xt[0]);
    let ys = f.yt.get(1).map_or(1.0, |b| b - f.yt[0]);
    out.push_str(r#"<g class="axis-x">"#);
    let _ = write!(
        out,
        r#"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>"#
    );
    for &t in &f.xt {
        let x = px(f.px(t));
        let _ = write!(
            out,
            r#"<line class="tick" x1="{x}" y1="{bottom}" x2="{x}" y2="{}"/><line class="grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/><text x="{x}" y="{}" text-anchor="middle">{}</text>"#,
            bottom + 5.0,
            bottom + 18.0,
            tick_label(t, xs)
        );
    }
    let _ = write!(
        out,
        r#"<text class="label" x="{}" y="{}" text-anchor="middle">{}</text></g>"#,
        px((left + right) / 2.0),
        H - 10.0,
        esc(x_label)
    );
    out.push_str(r#"<g class="axis-y">"#);
    let _ = write!(
        out,
        r#"<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"/>"#
    );
    for &t in &f.yt {
        let y = px(f.py(t));
        let _ = write!(
            out,
            r#"<line class="tick" x1="{}" y1="{y}" x2="{left}" y2="{y}"/><line class="grid" x1="{left}" y1="{y}" x2="{right}" y2="{y}"/><text x="{}" y="{y}" dy="4" text-anchor="end">{}</text>"#,
            left - 5.0,
            left - 8.0,
            tick_label(t, ys)
        );
    }
    let _ = write!(
        out,
        r#"<text class="label" transform="translate(16 {}) rotate(-90)" text-anchor="middle">{}</text></g>"#,
        px((top + bottom) / 2.0),
        esc(y_label)
    );
}

fn legend(out: &mut String, names: &[(String, &str)]) {
    out.push_str(r#"<g class="legend">"#);
    for (i, (name, colour)) in names.iter().enumerate() {
        let y = MT + 8.0 + i as f64 * 18.0;
        let x = W - MR + 12.0;
        let _ = write!(
            out,
            r#"<line x1="{x}" y1="{y}" x2="{}" y2="{y}" stroke="{colour}" stroke-width="3"/><text x="{}" y="{}">{}</text>"#,
            x + 18.0,
            x + 24.0,
            y + 4.0,
            esc(name)
        );
    }
    out.push_str("</g>");
}

impl XyChart {
    /// The chart as an `<svg class="chart">` element.
    pub(crate) fn svg(&self) -> String {
        let all = self.series.iter().flat_map(|s| s.points.iter());
        let errs = self.series.iter().flat_map(|s| s.err.iter().flatten());
        let zero = self.y_from_zero.then_some(0.0);
        let f = Frame::new(
            all.clone().map(|p| p.0),
            all.map(|p| p.1)
                .chain(errs.flat_map(|e| [e.0, e.1]))
                .chain(zero),
        );
        let mut out = format!(
            r#"<svg class="chart" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img">"#
        );
        axes(&mut out, &f, &self.title, &self.x_label, &self.y_label);
        for (i, s) in self.series.iter().enumerate() {
            let c = PALETTE[i % PALETTE.len()];
            let _ = write!(out, r#"<g class="series" stroke="{c}" fill="{c}">"#);
            if let Some(err) = &s.err {
                match self.err_style {
                    ErrStyle::Band => {
                        let mut band: Vec<(f64, f64)> = s
                            .points
                            .iter()
                            .zip(err)
                            .map(|(p, e)| (f.px(p.0), f.py(e.1)))
                            .collect();
                        band.extend(
                            s.points
                                .iter()
                                .zip(err)
                                .rev()
                                .map(|(p, e)| (f.px(p.0), f.py(e.0))),
                        );
                        let _ = write!(
                            out,
                            r#"<polygon class="band" points="{}" fill-opacity="0.2" stroke="none"/>"#,
                            points(&band)
                        );
                    }
                    ErrStyle::Bars => {
                        for (p, e) in s.points.iter().zip(err) {
                            let (x, lo, hi) = (f.px(p.0), f.py(e.0), f.py(e.1));
                            let _ = write!(
                                out,
                                r#"<path class="errbar" d="M{} {}V{}M{} {}h8M{} {}h8" fill="none"/>"#,
                                px(x),
                                px(lo),
                                px(hi),
                                px(x - 4.0),
                                px(lo),
                                px(x - 4.0),
                                px(hi)
                            );
                        }
                    }
                }
            }
            let pts: Vec<(f64, f64)> = s.points.iter().map(|p| (f.px(p.0), f.py(p.1))).collect();
            let _ = write!(
                out,
                r#"<polyline points="{}" fill="none" stroke-width="2"/>"#,
                points(&pts)
            );
            if s.points.len() < 40 {
                for (x, y) in &pts {
                    let _ = write!(out, r#"<circle cx="{}" cy="{}" r="3"/>"#, px(*x), px(*y));
                }
            }
            out.push_str("</g>");
        }
        let names: Vec<(String, &str)> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), PALETTE[i % PALETTE.len()]))
            .collect();
        legend(&mut out, &names);
        out.push_str("</svg>");
        out
    }
}

/// One row of an interval chart: a mean with its confidence interval.
#[derive(Clone, Debug)]
pub(crate) struct Interval {
    pub(crate) label: String,
    pub(crate) mean: f64,
    pub(crate) low: f64,
    pub(crate) high: f64,
    /// Drawn filled and starred (e.g. a significant difference).
    pub(crate) marked: bool,
}

/// The opening of a horizontal chart of height `h` whose values run along x from `left` to
/// `right` on `f`'s ticks: the svg element, the title, the x axis with its label, and the y
/// axis group left open for the caller's row labels.
fn horizontal_frame(
    title: &str,
    x_label: &str,
    f: &Frame,
    (left, right): (f64, f64),
    h: f64,
) -> String {
    let sx = |v: f64| left + (v - f.x.0) / (f.x.1 - f.x.0) * (right - left);
    let bottom = h - MB;
    let mut out =
        format!(r#"<svg class="chart" viewBox="0 0 {W} {h}" width="{W}" height="{h}" role="img">"#);
    let _ = write!(
        out,
        r#"<text class="title" x="{}" y="18" text-anchor="middle">{}</text>"#,
        px((left + right) / 2.0),
        esc(title)
    );
    let step = f.xt.get(1).map_or(1.0, |b| b - f.xt[0]);
    out.push_str(r#"<g class="axis-x">"#);
    let _ = write!(
        out,
        r#"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>"#
    );
    for &t in &f.xt {
        let x = px(sx(t));
        let _ = write!(
            out,
            r#"<line class="tick" x1="{x}" y1="{bottom}" x2="{x}" y2="{}"/><line class="grid" x1="{x}" y1="{MT}" x2="{x}" y2="{bottom}"/><text x="{x}" y="{}" text-anchor="middle">{}</text>"#,
            bottom + 5.0,
            bottom + 18.0,
            tick_label(t, step)
        );
    }
    let _ = write!(
        out,
        r#"<text class="label" x="{}" y="{}" text-anchor="middle">{}</text></g>"#,
        px((left + right) / 2.0),
        h - 10.0,
        esc(x_label)
    );
    let _ = write!(
        out,
        r#"<g class="axis-y"><line x1="{left}" y1="{MT}" x2="{left}" y2="{bottom}"/>"#
    );
    out
}

/// Horizontal interval chart (one row per item, value on the x axis, a zero line).
pub(crate) fn interval_chart(
    title: &str,
    x_label: &str,
    items: &[Interval],
    marked_note: &str,
) -> String {
    let rows = items.len().max(1) as f64;
    let h = MT + MB + rows * 26.0;
    let left = 260.0;
    let right = 610.0;
    let xs: Vec<f64> = items
        .iter()
        .flat_map(|i| [i.low, i.high, i.mean])
        .chain([0.0])
        .collect();
    let f = Frame::new(xs.iter().copied(), [0.0, 1.0].into_iter());
    let sx = |v: f64| left + (v - f.x.0) / (f.x.1 - f.x.0) * (right - left);
    let bottom = h - MB;
    let mut out = horizontal_frame(title, x_label, &f, (left, right), h);
    for (i, it) in items.iter().enumerate() {
        let y = MT + 13.0 + i as f64 * 26.0;
        let star = if it.marked { " *" } else { "" };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end">{}{star}</text>"#,
            left - 8.0,
            y + 4.0,
            esc(&it.label)
        );
    }
    out.push_str("</g>");
    let z = px(sx(0.0));
    let _ = write!(
        out,
        r#"<line class="zero" x1="{z}" y1="{MT}" x2="{z}" y2="{bottom}"/>"#
    );
    let _ = write!(
        out,
        r#"<g class="series" stroke="{0}" fill="{0}">"#,
        PALETTE[0]
    );
    for (i, it) in items.iter().enumerate() {
        let y = MT + 13.0 + i as f64 * 26.0;
        let (lo, hi, m) = (sx(it.low), sx(it.high), sx(it.mean));
        let _ = write!(
            out,
            r#"<path class="errbar" d="M{} {}H{}M{} {}v10M{} {}v10" fill="none" stroke-width="2"/>"#,
            px(lo),
            px(y),
            px(hi),
            px(lo),
            px(y - 5.0),
            px(hi),
            px(y - 5.0)
        );
        let fill = if it.marked { "" } else { r#" fill="white""# };
        let _ = write!(
            out,
            r#"<circle class="{}" cx="{}" cy="{}" r="5"{fill}/>"#,
            if it.marked { "mean marked" } else { "mean" },
            px(m),
            px(y)
        );
    }
    out.push_str("</g>");
    let _ = write!(
        out,
        r#"<g class="legend"><circle cx="{0}" cy="{1}" r="5" fill="{2}"/><text x="{3}" y="{4}">{5}</text><circle cx="{0}" cy="{6}" r="5" fill="white" stroke="{2}"/><text x="{3}" y="{7}">not marked</text></g>"#,
        right + 12.0,
        MT + 8.0,
        PALETTE[0],
        right + 20.0,
        MT + 12.0,
        esc(marked_note),
        MT + 26.0,
        MT + 30.0
    );
    out.push_str("</svg>");
    out
}

/// One bar of a stacked bar chart: its label and one value per segment.
#[derive(Clone, Debug)]
pub(crate) struct StackedBar {
    pub(crate) label: String,
    pub(crate) values: Vec<f64>,
}

/// Horizontal stacked bars, one row per bar; `segments` (name, colour) in stacking order left
/// to right, one `series` group each (a rectangle per bar where its value is positive, with its
/// value written inside when there is room). For funnels: where each bar's items ended.
pub(crate) fn stacked_bar_chart(
    title: &str,
    x_label: &str,
    segments: &[(&str, &str)],
    bars: &[StackedBar],
) -> String {
    const ROW: f64 = 28.0;
    let rows = bars.len().max(1) as f64;
    let h = (MT + MB + rows * ROW).max(MT + MB + segments.len() as f64 * 18.0);
    let left = 190.0;
    let right = W - MR;
    let totals: Vec<f64> = bars.iter().map(|b| b.values.iter().sum()).collect();
    let f = Frame::new(totals.iter().copied().chain([0.0]), [0.0, 1.0].into_iter());
    let sx = |v: f64| left + (v - f.x.0) / (f.x.1 - f.x.0) * (right - left);
    let mut out = horizontal_frame(title, x_label, &f, (left, right), h);
    let row_y = |i: usize| MT + 6.0 + i as f64 * ROW;
    for (i, bar) in bars.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            left - 8.0,
            px(row_y(i) + ROW / 2.0),
            esc(&bar.label)
        );
    }
    out.push_str("</g>");
    for (k, (name, colour)) in segments.iter().enumerate() {
        let _ = write!(out, r#"<g class="series" fill="{colour}">"#);
        for (i, bar) in bars.iter().enumerate() {
            let v = bar.values.get(k).copied().unwrap_or(0.0);
            if v <= 0.0 || !v.is_finite() {
                continue;
            }
            let before: f64 = bar.values.iter().take(k).filter(|x| x.is_finite()).sum();
            let (x0, x1) = (sx(before), sx(before + v));
            let y = row_y(i);
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {} {}</title></rect>"#,
                px(x0),
                px(y),
                px(x1 - x0),
                px(ROW - 8.0),
                esc(&bar.label),
                esc(name),
                crate::svg::num(v)
            );
            if x1 - x0 >= 16.0 {
                let _ = write!(
                    out,
                    r#"<text class="value" x="{}" y="{}" text-anchor="middle" fill="white">{}</text>"#,
                    px((x0 + x1) / 2.0),
                    px(y + ROW / 2.0),
                    crate::svg::num(v)
                );
            }
        }
        out.push_str("</g>");
    }
    let names: Vec<(String, &str)> = segments
        .iter()
        .map(|(n, c)| ((*n).to_owned(), *c))
        .collect();
    legend(&mut out, &names);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stacked_bars_stack_their_segments() {
        let bars = [
            StackedBar {
                label: "srbm".into(),
                values: vec![2.0, 0.0, 3.0],
            },
            StackedBar {
                label: "cruise".into(),
                values: vec![0.0, 1.0, 1.0],
            },
        ];
        let segments = [("a", "#000000"), ("b", "#111111"), ("c", "#222222")];
        let s = stacked_bar_chart("f", "threats", &segments, &bars);
        assert_eq!(s.matches(r#"class="series""#).count(), 3);
        assert_eq!(s.matches("<rect").count(), 4, "no rectangle for a zero");
        assert!(s.contains(r#"class="axis-x""#) && s.contains(r#"class="axis-y""#));
        assert!(s.contains("<title>srbm: c 3</title>") && s.contains(">cruise</text>"));
        // The second segment of a bar starts where the first ends.
        let first_end = {
            let a = s.find("<title>srbm: a 2</title>").expect("a");
            let rect = &s[s[..a].rfind("<rect").expect("rect")..a];
            let x: f64 = attr(rect, "x");
            x + attr(rect, "width")
        };
        let c = s.find("<title>srbm: c 3</title>").expect("c");
        let rect = &s[s[..c].rfind("<rect").expect("rect")..c];
        assert!((attr(rect, "x") - first_end).abs() < 0.2, "{rect}");
    }

    fn attr(tag: &str, name: &str) -> f64 {
        let key = format!(" {name}=\"");
        let at = tag.find(&key).expect("attribute") + key.len();
        tag[at..at + tag[at..].find('"').expect("closing quote")]
            .parse()
            .expect("number")
    }

    #[test]
    fn ticks_are_nice_numbers() {
        assert_eq!(
            nice_ticks(0.0, 600.0, 6),
            vec![0.0, 100.0, 200.0, 300.0, 400.0, 500.0, 600.0]
        );
        assert_eq!(
            nice_ticks(0.13, 0.92, 4),
            vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        );
        assert_eq!(nice_ticks(0.0, 1.0, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(
            nice_ticks(-3.0, 7.0, 5),
            vec![-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]
        );
        assert_eq!(nice_ticks(5.0, 5.0, 5), vec![4.0, 4.5, 5.0, 5.5, 6.0]);
        assert_eq!(tick_label(0.25, 0.25), "0.25");
        assert_eq!(tick_label(200.0, 100.0), "200");
    }

    proptest! {
        #[test]
        fn ticks_cover_the_range(lo in -1e6f64..1e6, span in 1e-3f64..1e6, target in 2usize..10) {
            let hi = lo + span;
            let t = nice_ticks(lo, hi, target);
            prop_assert!(t[0] <= lo + 1e-9 * span && *t.last().expect("ticks") >= hi - 1e-9 * span);
            prop_assert!(t.len() >= 2 && t.len() <= 2 * target + 3);
            let step = t[1] - t[0];
            let mantissa = step / 10f64.powf(step.log10().floor());
            prop_assert!([1.0, 2.0, 2.5, 5.0, 10.0].iter().any(|m| (m - mantissa).abs() < 1e-6));
        }
    }

    #[test]
    fn chart_has_axes_series_and_legend() {
        let c = XyChart {
            title: "t".into(),
            x_label: "time (s)".into(),
            y_label: "GOSPA (m)".into(),
            series: vec![
                Series {
                    name: "a".into(),
                    points: vec![(0.0, 1.0), (10.0, 3.0)],
                    err: None,
                },
                Series {
                    name: "b".into(),
                    points: vec![(0.0, 2.0), (10.0, 2.0)],
                    err: Some(vec![(1.0, 3.0), (1.5, 2.5)]),
                },
            ],
            err_style: ErrStyle::Bars,
            y_from_zero: true,
        };
        let s = c.svg();
        assert_eq!(s.matches(r#"class="series""#).count(), 2);
        assert_eq!(s.matches(r#"class="errbar""#).count(), 2);
        assert!(s.contains(r#"class="axis-x""#) && s.contains(r#"class="axis-y""#));
        assert!(s.contains("time (s)") && s.contains("GOSPA (m)") && s.contains(">b</text>"));
    }

    #[test]
    fn interval_chart_marks_significant_rows() {
        let items = [
            Interval {
                label: "x".into(),
                mean: 1.0,
                low: 0.5,
                high: 1.5,
                marked: true,
            },
            Interval {
                label: "y".into(),
                mean: 0.1,
                low: -0.5,
                high: 0.7,
                marked: false,
            },
        ];
        let s = interval_chart("d", "difference", &items, "significant");
        assert_eq!(s.matches(r#"class="errbar""#).count(), 2);
        assert_eq!(s.matches(r#"class="mean marked""#).count(), 1);
        assert!(s.contains("x *") && s.contains(r#"class="zero""#));
    }
}
