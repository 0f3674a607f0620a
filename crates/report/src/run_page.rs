//! The single-run report: identity, theatre map, engagement timeline, measures tables, the kill
//! chain (attribution funnel per threat class, stage intervals, per-threat timelines, planned-Pk
//! calibration) and GOSPA-over-time per node.

use crate::chart::{ErrStyle, Series, XyChart};
use crate::data::{RunData, gospa_series};
use crate::page::{document, scalar_rows, table};
use crate::svg::{esc, num};
use std::fmt::Write;

/// The run's `report.html`.
pub fn run_html(d: &RunData) -> String {
    let s = d.summary;
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<p class="identity">Seed {} · engine {} · start {} · {} simulated seconds · {} truth objects</p>"#,
        s.seed,
        esc(s.version),
        esc(&s.start_utc),
        num(s.sim_seconds),
        s.counts.entities.truth_objects
    );
    b.push_str(r#"<section id="map"><h2>Theatre</h2>"#);
    b.push_str(&crate::map::map_svg(d));
    let node = d.picture_node().unwrap_or("none");
    let _ = write!(
        b,
        r#"<p class="note">Radar coverage: each radar's maximum instrumented range, as a sector when its field of regard is limited in azimuth (elevation limits and the horizon not drawn; moving radars at their initial position). Tracks: the picture of node {}.</p></section>"#,
        esc(node)
    );
    b.push_str(r#"<section id="timeline"><h2>Engagement timeline</h2>"#);
    b.push_str(&crate::timeline::timeline_svg(d));
    b.push_str("</section>");
    b.push_str(&measures(d));
    b.push_str(&crate::kill_chain::kill_chain_section(
        &s.moe.stage_intervals,
        &s.threats,
        &s.moe,
    ));
    b.push_str(&crate::kill_chain::calibration_section(
        &s.calibration,
        None,
        "h2",
    ));
    b.push_str(&gospa(d));
    document(&format!("Kizuna run report: {}", s.scenario), &b)
}

fn measures(d: &RunData) -> String {
    let s = d.summary;
    let mut b = String::from(r#"<section id="measures"><h2>Measures of effectiveness</h2>"#);
    let mut rows = Vec::new();
    scalar_rows(
        &serde_json::to_value(&s.moe).unwrap_or_default(),
        "moe",
        &mut rows,
    );
    b.push_str(&table(
        "moe",
        &["measure", "value", "better"],
        &labelled(rows),
    ));
    b.push_str("<h2>Picture quality per node</h2>");
    let cell = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), num);
    let rows: Vec<Vec<String>> = s
        .nodes
        .iter()
        .map(|n| {
            let p = n.picture.as_ref();
            vec![
                n.node.clone(),
                n.nation.clone(),
                n.role.to_owned(),
                cell(p.map(|p| p.tracks as f64)),
                cell(p.map(|p| p.gospa_mean)),
                cell(p.map(|p| p.gospa_localisation_mean)),
                cell(p.map(|p| p.gospa_missed_mean)),
                cell(p.map(|p| p.gospa_false_mean)),
                cell(p.map(|p| p.threats_tracked as f64)),
                cell(p.and_then(|p| p.mean_track_latency_s)),
                cell(p.map(|p| p.track_breaks as f64)),
                cell(p.map(|p| p.track_id_changes as f64)),
            ]
        })
        .collect();
    b.push_str(&table(
        "nodes",
        &[
            "node",
            "nation",
            "role",
            "tracks",
            "GOSPA (m)",
            "localisation (m)",
            "missed",
            "false",
            "threats tracked",
            "latency (s)",
            "breaks",
            "id changes",
        ],
        &rows,
    ));
    b.push_str("<h2>Network</h2>");
    let mut rows = Vec::new();
    scalar_rows(
        &serde_json::to_value(&s.network).unwrap_or_default(),
        "network",
        &mut rows,
    );
    b.push_str(&table(
        "network",
        &["measure", "value", "better"],
        &labelled(rows),
    ));
    let links: Vec<Vec<String>> = s
        .network
        .links
        .iter()
        .flat_map(|l| {
            [(&l.a, &l.b, &l.a_to_b), (&l.b, &l.a, &l.b_to_a)].map(|(from, to, x)| {
                vec![
                    format!("{} {from} → {to}", l.name),
                    x.packets.to_string(),
                    x.bytes.to_string(),
                    x.delivered.to_string(),
                    x.dropped_loss.to_string(),
                    x.dropped_overflow.to_string(),
                    x.dropped_partition.to_string(),
                    x.max_queue_bytes.to_string(),
                ]
            })
        })
        .collect();
    if !links.is_empty() {
        b.push_str(&table(
            "links",
            &[
                "link",
                "packets",
                "bytes",
                "delivered",
                "lost",
                "overflow",
                "partition",
                "max queue (B)",
            ],
            &links,
        ));
    }
    b.push_str("</section>");
    b
}

/// `[key, value]` rows as `[label (unit), value, ↑/↓]` (the catalogue in [`crate::measures`]).
fn labelled(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    rows.into_iter()
        .map(|r| {
            let key = r.first().cloned().unwrap_or_default();
            let value = r.get(1).cloned().unwrap_or_default();
            let better = crate::measures::describe(&key).better.arrow().to_owned();
            vec![crate::measures::label_with_unit(&key), value, better]
        })
        .collect()
}

fn gospa(d: &RunData) -> String {
    let mut b = String::from(r#"<section id="gospa"><h2>Picture GOSPA over time</h2>"#);
    let series: Vec<Series> = d
        .summary
        .nodes
        .iter()
        .filter(|n| !gospa_series(n).is_empty())
        .map(|n| Series {
            name: n.node.clone(),
            points: gospa_series(n).to_vec(),
            err: None,
        })
        .collect();
    if series.is_empty() {
        b.push_str(r#"<p class="note empty">No GOSPA time series in this run's summary (no node holds a picture, or the engine does not record the series yet).</p>"#);
    } else {
        let chart = XyChart {
            title: "GOSPA of each node's picture (c = 5 km, p = 1, α = 2)".into(),
            x_label: "simulation time (s)".into(),
            y_label: "GOSPA (m)".into(),
            series,
            err_style: ErrStyle::Bars,
            y_from_zero: true,
        };
        b.push_str(&chart.svg());
    }
    b.push_str("</section>");
    b
}
