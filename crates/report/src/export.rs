//! Exports of a run for 3-D viewers: CZML (Cesium) and KML (Google Earth). Truth, the shown
//! picture's tracks, intercepts and impacts; times are absolute UTC from the scenario start.

use crate::data::RunData;
use crate::svg::esc;
use serde_json::{Value, json};
use std::fmt::Write;

/// ISO 8601 UTC (`YYYY-MM-DDThh:mm:ss.sssZ`) of `unix_s + t_s`.
pub(crate) fn iso(unix_s: i64, t_s: f64) -> String {
    let ms_total = unix_s * 1000 + (t_s * 1000.0).round() as i64;
    let (days, ms) = (
        ms_total.div_euclid(86_400_000),
        ms_total.rem_euclid(86_400_000),
    );
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let (h, mi, s, milli) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

fn rgba(side: &str) -> [u8; 4] {
    match side {
        "hostile" => [214, 39, 40, 255],
        "friendly" => [31, 119, 180, 255],
        _ => [127, 127, 127, 255],
    }
}

/// A CZML document (a JSON array): the document packet with the run's clock, a sampled
/// position per truth object and per track of the shown picture, and a point per intercept
/// and leaker impact.
pub fn czml(d: &RunData) -> String {
    let unix = d.input.start_unix_s;
    let (start, end) = (iso(unix, 0.0), iso(unix, d.summary.sim_seconds));
    let interval = |a: f64, b: f64| format!("{}/{}", iso(unix, a), iso(unix, b));
    let mut packets: Vec<Value> = vec![json!({
        "id": "document",
        "name": d.summary.scenario,
        "version": "1.0",
        "clock": {
            "interval": format!("{start}/{end}"),
            "currentTime": start,
            "multiplier": 10,
            "range": "LOOP_STOP",
            "step": "SYSTEM_CLOCK_MULTIPLIER"
        }
    })];
    for t in d.trajectories() {
        let (a, b) = (t.rows[0].t_s, t.rows[t.rows.len() - 1].t_s);
        let samples: Vec<f64> = t
            .rows
            .iter()
            .flat_map(|r| [r.t_s, r.lon_deg, r.lat_deg, r.alt_m])
            .collect();
        packets.push(json!({
            "id": format!("truth/{}", t.name),
            "name": t.name,
            "description": format!("truth, {}", t.side),
            "availability": interval(a, b),
            "position": { "epoch": start, "cartographicDegrees": samples },
            "point": { "pixelSize": 6, "color": { "rgba": rgba(t.side) } },
            "path": { "width": 2, "leadTime": 0, "material": { "solidColor": { "color": { "rgba": rgba(t.side) } } } }
        }));
    }
    let node = d.picture_node().unwrap_or("");
    for (n, rows) in d.picture_tracks() {
        let (a, b) = (rows[0].t_s, rows[rows.len() - 1].t_s);
        let samples: Vec<f64> = rows
            .iter()
            .flat_map(|r| [r.t_s, r.lon_deg, r.lat_deg, r.alt_m])
            .collect();
        packets.push(json!({
            "id": format!("track/{node}/{n}"),
            "name": format!("{node} track {n}"),
            "availability": interval(a, b),
            "position": { "epoch": start, "cartographicDegrees": samples },
            "point": { "pixelSize": 4, "color": { "rgba": [0, 0, 0, 255] } },
            "path": { "width": 1, "leadTime": 0, "trailTime": 120 }
        }));
    }
    for (i, p) in d.intercepts().iter().enumerate() {
        let rgba = if p.killed {
            [0, 0, 0, 255]
        } else {
            [255, 127, 14, 255]
        };
        packets.push(json!({
            "id": format!("intercept/{i}"),
            "name": format!("intercept by {} ({})", p.label, if p.killed { "kill" } else { "miss" }),
            "description": p.object.unwrap_or("no object within reach"),
            "availability": interval(p.t_s, d.summary.sim_seconds.max(p.t_s)),
            "position": { "cartographicDegrees": [p.lon_deg, p.lat_deg, p.alt_m] },
            "point": { "pixelSize": 10, "color": { "rgba": rgba } }
        }));
    }
    for (i, p) in d.impacts().iter().enumerate() {
        packets.push(json!({
            "id": format!("impact/{i}"),
            "name": format!("impact of {}", p.label),
            "availability": interval(p.t_s, d.summary.sim_seconds.max(p.t_s)),
            "position": { "cartographicDegrees": [p.lon_deg, p.lat_deg, 0.0] },
            "point": { "pixelSize": 10, "color": { "rgba": [214, 39, 40, 255] } }
        }));
    }
    serde_json::to_string(&Value::Array(packets)).unwrap_or_else(|_| "[]".to_owned())
}

/// A KML document: defended assets (placemarks), truth trajectories (LineStrings with
/// absolute altitude), intercepts and impacts.
pub fn kml(d: &RunData) -> String {
    let mut k = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>",
    );
    let _ = write!(k, "<name>{}</name>", esc(&d.summary.scenario));
    for (id, colour) in [
        ("hostile", "ff2827d6"),
        ("friendly", "ffb4771f"),
        ("neutral", "ff7f7f7f"),
    ] {
        let _ = write!(
            k,
            r#"<Style id="{id}"><LineStyle><color>{colour}</color><width>2</width></LineStyle></Style>"#
        );
    }
    k.push_str("<Folder><name>Defended assets</name>");
    for a in &d.input.assets {
        let _ = write!(
            k,
            "<Placemark><name>{}</name><description>radius {:.0} m, value {}</description><Point><coordinates>{},{},0</coordinates></Point></Placemark>",
            esc(&a.name),
            a.radius_m,
            a.value,
            a.position.lon_deg(),
            a.position.lat_deg()
        );
    }
    k.push_str("</Folder><Folder><name>Truth</name>");
    for t in d.trajectories() {
        let _ = write!(
            k,
            "<Placemark><name>{}</name><styleUrl>#{}</styleUrl><LineString><altitudeMode>absolute</altitudeMode><coordinates>",
            esc(t.name),
            if t.side == "hostile" || t.side == "friendly" {
                t.side
            } else {
                "neutral"
            }
        );
        for r in &t.rows {
            let _ = write!(k, "{:.5},{:.5},{:.0} ", r.lon_deg, r.lat_deg, r.alt_m);
        }
        k.push_str("</coordinates></LineString></Placemark>");
    }
    k.push_str("</Folder><Folder><name>Intercepts</name>");
    for p in d.intercepts() {
        let _ = write!(
            k,
            "<Placemark><name>{} {}</name><description>t = {:.1} s, {}</description><Point><altitudeMode>absolute</altitudeMode><coordinates>{},{},{}</coordinates></Point></Placemark>",
            esc(p.label),
            if p.killed { "kill" } else { "miss" },
            p.t_s,
            esc(p.object.unwrap_or("no object within reach")),
            p.lon_deg,
            p.lat_deg,
            p.alt_m
        );
    }
    k.push_str("</Folder><Folder><name>Impacts</name>");
    for p in d.impacts() {
        let _ = write!(
            k,
            "<Placemark><name>impact {}</name><description>t = {:.1} s</description><Point><coordinates>{},{},0</coordinates></Point></Placemark>",
            esc(p.label),
            p.t_s,
            p.lon_deg,
            p.lat_deg
        );
    }
    k.push_str("</Folder></Document></kml>\n");
    k
}

#[cfg(test)]
mod tests {
    use super::iso;

    #[test]
    fn iso_times_match_known_dates() {
        assert_eq!(iso(0, 0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso(951_782_400, 0.5), "2000-02-29T00:00:00.500Z");
        assert_eq!(iso(1_735_689_600, 3_661.25), "2025-01-01T01:01:01.250Z");
        assert_eq!(iso(-1, 0.0), "1969-12-31T23:59:59.000Z");
    }
}
