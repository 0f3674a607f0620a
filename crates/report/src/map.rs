//! The theatre map: an equirectangular projection fitted to the theatre, bundled Natural Earth
//! land, and the run's layers (assets, radar coverage, truth, picture tracks, intercepts,
//! impacts) as one inline SVG.

use crate::data::RunData;
use crate::svg::{esc, points, px};
use std::fmt::Write;

/// Natural Earth 1:50m land rings (see `assets/README.md`).
const LAND: &str = include_str!("../assets/land-50m.txt");
/// Metres per degree of latitude (mean), for drawing ranges as circles.
const M_PER_DEG: f64 = 111_320.0;
const WIDTH: f64 = 900.0;
const MAX_HEIGHT: f64 = 1000.0;

/// Equirectangular projection centred on the theatre (x scaled by cos of the mid latitude),
/// fitted to a pixel box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Projection {
    lon0: f64,
    lat1: f64,
    k: f64,
    scale: f64,
    pub(crate) width: f64,
    pub(crate) height: f64,
}

impl Projection {
    /// Fits `[lon_min, lon_max] × [lat_min, lat_max]` (plus a 10 % margin) into
    /// `WIDTH` × `MAX_HEIGHT` pixels.
    pub(crate) fn fit(lon: (f64, f64), lat: (f64, f64)) -> Self {
        let mid = (lat.0 + lat.1) / 2.0;
        let k = mid.to_radians().cos().max(0.2);
        let (dx, dy) = (((lon.1 - lon.0) * k).max(0.5), (lat.1 - lat.0).max(0.5));
        let (mx, my) = (dx * 0.1, dy * 0.1);
        let lon0 = lon.0 - mx / k;
        let lat1 = lat.1 + my;
        // Fit within WIDTH × MAX_HEIGHT keeping the scale equal on both axes.
        let scale = (WIDTH / (dx + 2.0 * mx)).min(MAX_HEIGHT / (dy + 2.0 * my));
        let (width, height) = ((dx + 2.0 * mx) * scale, (dy + 2.0 * my) * scale);
        Projection {
            lon0,
            lat1,
            k,
            scale,
            width,
            height,
        }
    }

    /// (lon, lat) degrees → pixels.
    pub(crate) fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon - self.lon0) * self.k * self.scale,
            (self.lat1 - lat) * self.scale,
        )
    }

    /// Pixels → (lon, lat) degrees.
    pub(crate) fn lonlat(&self, x: f64, y: f64) -> (f64, f64) {
        (
            x / (self.k * self.scale) + self.lon0,
            self.lat1 - y / self.scale,
        )
    }

    /// Metres on the ground → pixels (locally).
    fn m(&self, metres: f64) -> f64 {
        metres / M_PER_DEG * self.scale
    }

    /// A point `r` metres from (lon, lat) at azimuth `az` degrees from north, in pixels.
    fn offset(&self, lon: f64, lat: f64, r: f64, az: f64) -> (f64, f64) {
        let (x, y) = self.xy(lon, lat);
        let a = az.to_radians();
        (x + self.m(r) * a.sin(), y - self.m(r) * a.cos())
    }
}

/// The land rings, parsed, that touch the lon/lat box.
fn land_rings(lon: (f64, f64), lat: (f64, f64)) -> impl Iterator<Item = Vec<(f64, f64)>> {
    LAND.lines().filter_map(move |line| {
        let pts: Vec<(f64, f64)> = line
            .split(' ')
            .filter_map(|p| {
                let (a, b) = p.split_once(',')?;
                Some((
                    a.parse::<f64>().ok()? / 100.0,
                    b.parse::<f64>().ok()? / 100.0,
                ))
            })
            .collect();
        let hit = pts
            .iter()
            .any(|p| p.0 >= lon.0 && p.0 <= lon.1 && p.1 >= lat.0 && p.1 <= lat.1);
        let (x0, x1, y0, y1) = pts.iter().fold(
            (
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ),
            |b, p| (b.0.min(p.0), b.1.max(p.0), b.2.min(p.1), b.3.max(p.1)),
        );
        let overlaps = x0 <= lon.1 && x1 >= lon.0 && y0 <= lat.1 && y1 >= lat.0;
        (hit || overlaps).then_some(pts)
    })
}

/// The theatre's lon/lat bounding box: assets, radars, truth, intercepts, impacts.
fn bbox(d: &RunData) -> ((f64, f64), (f64, f64)) {
    let mut pts: Vec<(f64, f64)> = d
        .input
        .assets
        .iter()
        .map(|a| (a.position.lon_deg(), a.position.lat_deg()))
        .collect();
    pts.extend(d.radars().iter().map(|r| (r.lon_deg, r.lat_deg)));
    pts.extend(d.truth.iter().map(|r| (r.lon_deg, r.lat_deg)));
    pts.extend(
        d.intercepts()
            .iter()
            .chain(d.impacts().iter())
            .map(|p| (p.lon_deg, p.lat_deg)),
    );
    if pts.is_empty() {
        return ((-180.0, 180.0), (-60.0, 75.0));
    }
    pts.iter().fold(
        (
            (f64::INFINITY, f64::NEG_INFINITY),
            (f64::INFINITY, f64::NEG_INFINITY),
        ),
        |(x, y), p| ((x.0.min(p.0), x.1.max(p.0)), (y.0.min(p.1), y.1.max(p.1))),
    )
}

fn side_colour(side: &str) -> &'static str {
    match side {
        "hostile" => "#d62728",
        "friendly" => "#1f77b4",
        _ => "#7f7f7f",
    }
}

/// The map as `<svg class="map">`, with one `<g>` per layer.
pub(crate) fn map_svg(d: &RunData) -> String {
    let (lon, lat) = bbox(d);
    let p = Projection::fit(lon, lat);
    let (w, h) = (px(p.width), px(p.height));
    let mut s = format!(
        r#"<svg class="map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img"><rect class="sea" width="{w}" height="{h}"/>"#
    );
    let (lo0, la1) = p.lonlat(0.0, 0.0);
    let (lo1, la0) = p.lonlat(p.width, p.height);
    s.push_str(r#"<g class="land">"#);
    for ring in land_rings((lo0, lo1), (la0, la1)) {
        let xy: Vec<(f64, f64)> = ring.iter().map(|q| p.xy(q.0, q.1)).collect();
        let _ = write!(s, r#"<polygon class="land" points="{}"/>"#, points(&xy));
    }
    s.push_str(r#"</g><g class="coverage">"#);
    for r in d.radars() {
        let (cx, cy) = p.xy(r.lon_deg, r.lat_deg);
        if r.half_width_deg >= 180.0 {
            let _ = write!(
                s,
                r#"<circle class="coverage" cx="{}" cy="{}" r="{}"><title>{} ({:.0} km)</title></circle>"#,
                px(cx),
                px(cy),
                px(p.m(r.range_m)),
                esc(r.name),
                r.range_m / 1e3
            );
        } else {
            let arc: Vec<(f64, f64)> = (0..=24)
                .map(|i| {
                    r.boresight_deg - r.half_width_deg + 2.0 * r.half_width_deg * i as f64 / 24.0
                })
                .map(|az| p.offset(r.lon_deg, r.lat_deg, r.range_m, az))
                .collect();
            let _ = write!(
                s,
                r#"<path class="coverage" d="M{} {}L{}Z"><title>{} ({:.0} km, ±{:.0}°)</title></path>"#,
                px(cx),
                px(cy),
                points(&arc).replace(' ', "L"),
                esc(r.name),
                r.range_m / 1e3,
                r.half_width_deg
            );
        }
        let _ = write!(
            s,
            r#"<rect class="radar" x="{}" y="{}" width="6" height="6"/>"#,
            px(cx - 3.0),
            px(cy - 3.0)
        );
    }
    s.push_str(r#"</g><g class="assets">"#);
    let anchors: Vec<(f64, f64, &str)> = d
        .input
        .assets
        .iter()
        .map(|a| {
            let (cx, cy) = p.xy(a.position.lon_deg(), a.position.lat_deg());
            (cx, cy, a.name.as_str())
        })
        .collect();
    let labels = place_labels(&anchors, (p.width, p.height));
    for (a, l) in d.input.assets.iter().zip(&labels) {
        let (cx, cy) = p.xy(a.position.lon_deg(), a.position.lat_deg());
        let _ = write!(
            s,
            r#"<circle class="asset" cx="{}" cy="{}" r="{}"/><text class="asset-label" x="{}" y="{}" text-anchor="{}">{}</text>"#,
            px(cx),
            px(cy),
            px(p.m(a.radius_m).max(3.0)),
            px(l.x),
            px(l.y),
            l.anchor,
            esc(&a.name)
        );
    }
    s.push_str(r#"</g><g class="truth">"#);
    for t in d.trajectories() {
        let xy: Vec<(f64, f64)> = t.rows.iter().map(|r| p.xy(r.lon_deg, r.lat_deg)).collect();
        let _ = write!(
            s,
            r#"<polyline class="truth {}" points="{}" stroke="{}"><title>{}</title></polyline>"#,
            t.side,
            points(&xy),
            side_colour(t.side),
            esc(t.name)
        );
    }
    s.push_str(r#"</g><g class="tracks">"#);
    for (n, rows) in d.picture_tracks() {
        let xy: Vec<(f64, f64)> = rows.iter().map(|r| p.xy(r.lon_deg, r.lat_deg)).collect();
        let _ = write!(
            s,
            r#"<polyline class="track" points="{}"><title>track {n}</title></polyline>"#,
            points(&xy)
        );
    }
    s.push_str(r#"</g><g class="intercepts">"#);
    for i in d.intercepts() {
        let (x, y) = p.xy(i.lon_deg, i.lat_deg);
        let class = if i.killed {
            "intercept killed"
        } else {
            "intercept missed"
        };
        let _ = write!(
            s,
            r#"<path class="{class}" d="M{} {}l10 10m0 -10l-10 10"><title>{} at {:.0} s{}</title></path>"#,
            px(x - 5.0),
            px(y - 5.0),
            esc(i.label),
            i.t_s,
            if i.killed { ": kill" } else { ": miss" }
        );
    }
    s.push_str(r#"</g><g class="impacts">"#);
    for i in d.impacts() {
        let (x, y) = p.xy(i.lon_deg, i.lat_deg);
        let _ = write!(
            s,
            r#"<circle class="impact" cx="{}" cy="{}" r="5"><title>{} impact at {:.0} s</title></circle>"#,
            px(x),
            px(y),
            esc(i.label),
            i.t_s
        );
    }
    s.push_str("</g>");
    legend(&mut s);
    s.push_str("</svg>");
    s
}

/// Asset label font size (CSS `.asset-label`) and the width of one character at that size, px
/// (a conservative mean for the sans-serif faces browsers pick).
const LABEL_FONT_PX: f64 = 10.0;
const LABEL_CHAR_PX: f64 = 6.0;

/// Where one label goes: the text's anchor point and SVG `text-anchor`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Label {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) anchor: &'static str,
}

impl Label {
    /// The text's box `(x0, y0, x1, y1)` for `chars` characters (baseline at `y`).
    fn bbox(&self, chars: usize) -> (f64, f64, f64, f64) {
        let w = chars as f64 * LABEL_CHAR_PX;
        let x0 = match self.anchor {
            "end" => self.x - w,
            "middle" => self.x - w / 2.0,
            _ => self.x,
        };
        (x0, self.y - LABEL_FONT_PX, x0 + w, self.y + 2.0)
    }
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> f64 {
    let w = (a.2.min(b.2) - a.0.max(b.0)).max(0.0);
    let h = (a.3.min(b.3) - a.1.max(b.1)).max(0.0);
    w * h
}

/// Places one label per point `(x, y, text)`, in order: the first of eight positions around the
/// point (north-east first) whose box stays on the map and overlaps neither an earlier label
/// nor another point's marker; failing that, the position with the least overlap. Greedy and
/// deterministic (points in scenario order).
pub(crate) fn place_labels(points: &[(f64, f64, &str)], size: (f64, f64)) -> Vec<Label> {
    const D: f64 = 6.0;
    let candidates: [(f64, f64, &str); 8] = [
        (D, -D, "start"),
        (D, 4.0, "start"),
        (D, D + 8.0, "start"),
        (-D, -D, "end"),
        (-D, 4.0, "end"),
        (-D, D + 8.0, "end"),
        (0.0, -D - 2.0, "middle"),
        (0.0, D + 10.0, "middle"),
    ];
    let markers: Vec<(f64, f64, f64, f64)> = points
        .iter()
        .map(|(x, y, _)| (x - 3.0, y - 3.0, x + 3.0, y + 3.0))
        .collect();
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut out = Vec::with_capacity(points.len());
    for (i, (x, y, text)) in points.iter().enumerate() {
        let chars = text.chars().count();
        let mut best: Option<(f64, Label)> = None;
        for (dx, dy, anchor) in candidates {
            let l = Label {
                x: x + dx,
                y: y + dy,
                anchor,
            };
            let b = l.bbox(chars);
            let off_map = if b.0 < 0.0 || b.1 < 0.0 || b.2 > size.0 || b.3 > size.1 {
                1e6
            } else {
                0.0
            };
            let cost = off_map
                + placed.iter().map(|p| overlap(b, *p)).sum::<f64>()
                + markers
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, m)| overlap(b, *m))
                    .sum::<f64>();
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((cost, l));
            }
            if cost == 0.0 {
                break;
            }
        }
        let (_, l) = best.expect("eight candidates");
        placed.push(l.bbox(chars));
        out.push(l);
    }
    out
}

fn legend(s: &mut String) {
    let items: [(&str, &str); 8] = [
        (
            r##"<line x1="0" y1="0" x2="18" y2="0" stroke="#d62728" stroke-width="2"/>"##,
            "threat truth",
        ),
        (
            r##"<line x1="0" y1="0" x2="18" y2="0" stroke="#1f77b4" stroke-width="2"/>"##,
            "friendly truth",
        ),
        (
            r##"<line x1="0" y1="0" x2="18" y2="0" stroke="#7f7f7f" stroke-width="2"/>"##,
            "neutral truth",
        ),
        (
            r#"<line class="track" x1="0" y1="0" x2="18" y2="0"/>"#,
            "picture track",
        ),
        (
            r#"<circle class="asset" cx="9" cy="0" r="5"/>"#,
            "defended asset",
        ),
        (
            r#"<circle class="coverage" cx="9" cy="0" r="5"/>"#,
            "radar coverage",
        ),
        (
            r#"<path class="intercept killed" d="M4 -5l10 10m0 -10l-10 10"/>"#,
            "intercept (kill / miss)",
        ),
        (
            r#"<circle class="impact" cx="9" cy="0" r="5"/>"#,
            "leaker impact",
        ),
    ];
    s.push_str(r#"<g class="legend" transform="translate(10 10)"><rect class="legend-box" width="190" height="156"/>"#);
    for (i, (mark, label)) in items.iter().enumerate() {
        let y = 14.0 + i as f64 * 18.0;
        let _ = write!(
            s,
            r#"<g transform="translate(8 {y})">{mark}<text x="26" y="4">{label}</text></g>"#
        );
    }
    s.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn close_assets_get_labels_that_do_not_overlap() {
        // Kadena and Naha, Guam and Andersen: a few pixels apart on a theatre map.
        let pts = [
            (400.0, 300.0, "Kadena AB"),
            (398.0, 306.0, "Naha"),
            (700.0, 500.0, "Guam (Apra Harbor)"),
            (703.0, 496.0, "Andersen AFB"),
            (405.0, 303.0, "Okinawa power"),
        ];
        let labels = place_labels(&pts, (900.0, 800.0));
        let boxes: Vec<_> = labels
            .iter()
            .zip(&pts)
            .map(|(l, p)| l.bbox(p.2.chars().count()))
            .collect();
        for i in 0..boxes.len() {
            for j in 0..i {
                assert_eq!(
                    overlap(boxes[i], boxes[j]),
                    0.0,
                    "{} and {}",
                    pts[i].2,
                    pts[j].2
                );
            }
        }
        // An isolated point keeps the default north-east label.
        let one = place_labels(&[(100.0, 100.0, "A")], (900.0, 800.0));
        assert_eq!(
            one[0],
            Label {
                x: 106.0,
                y: 94.0,
                anchor: "start"
            }
        );
    }

    proptest! {
        #[test]
        fn projection_round_trips(lon in 100.0f64..160.0, lat in -10.0f64..50.0, w in 1.0f64..40.0, h in 1.0f64..30.0,
                                  u in 0.0f64..1.0, v in 0.0f64..1.0) {
            let p = Projection::fit((lon, lon + w), (lat, lat + h));
            let (qlon, qlat) = (lon + u * w, lat + v * h);
            let (x, y) = p.xy(qlon, qlat);
            let (blon, blat) = p.lonlat(x, y);
            prop_assert!((blon - qlon).abs() < 1e-9 && (blat - qlat).abs() < 1e-9);
            prop_assert!(x > 0.0 && x < p.width && y > 0.0 && y < p.height);
        }
    }

    #[test]
    fn projection_preserves_local_shape() {
        // At 60° N a degree of longitude is half a degree of latitude on the ground.
        let p = Projection::fit((10.0, 12.0), (59.0, 61.0));
        let (x0, y0) = p.xy(10.0, 60.0);
        let (x1, _) = p.xy(11.0, 60.0);
        let (_, y1) = p.xy(10.0, 61.0);
        assert!(((x1 - x0) / (y0 - y1) - 0.5).abs() < 1e-12);
        assert!((p.m(M_PER_DEG) - (y0 - y1)).abs() < 1e-9);
    }

    #[test]
    fn land_near_japan_is_found_and_open_ocean_is_empty() {
        assert!(land_rings((135.0, 141.0), (33.0, 37.0)).count() >= 1);
        assert_eq!(land_rings((80.0, 81.0), (-40.0, -39.0)).count(), 0);
        // Every bundled ring parses into at least four points.
        assert!(land_rings((-180.0, 180.0), (-90.0, 90.0)).all(|r| r.len() >= 4));
        assert_eq!(
            land_rings((-180.0, 180.0), (-90.0, 90.0)).count(),
            LAND.lines().count()
        );
    }
}
