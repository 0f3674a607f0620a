//! Whole-report checks on a real run of the small built-in scenario: element counts per map
//! layer, self-containment, well-formed markup, CZML/KML structure, and the study pages.

use crate::study::{
    ClassFunnel, CompareStudy, Ladder, LadderStep, McStudy, MeasureStats, PairedDiff, SweepStudy,
    Variant,
};
use crate::{RunData, compare_html, czml, kml, mc_html, run_html, sweep_html};
use sim::{EventKind, MemoryRecorder};
use std::collections::BTreeSet;
use std::sync::OnceLock;

struct Run {
    input: sim::Input,
    summary: sim::Summary,
    rec: MemoryRecorder,
}

fn run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let text = scenario::builtin::get("two-nation-salvo").expect("built-in scenario");
        let input = scenario::load("two-nation-salvo", text).expect("built-in scenario is valid");
        let mut rec = MemoryRecorder::default();
        let summary = sim::run(&input, input.seed, None, &mut rec).expect("world builds");
        Run {
            input,
            summary,
            rec,
        }
    })
}

fn data(r: &Run) -> RunData<'_> {
    RunData {
        input: &r.input,
        summary: &r.summary,
        events: &r.rec.events,
        truth: &r.rec.truth,
        tracks: &r.rec.tracks,
    }
}

/// The inside of the first `<g class="{class}">…</g>` (layers hold no nested groups).
fn group<'a>(html: &'a str, class: &str) -> &'a str {
    let open = format!(r#"<g class="{class}">"#);
    let start = html
        .find(&open)
        .map(|i| i + open.len())
        .expect("layer present");
    let len = html[start..].find("</g>").expect("layer closed");
    &html[start..start + len]
}

fn count_events(r: &Run, tag: &str) -> usize {
    r.rec.events.iter().filter(|e| e.kind.tag() == tag).count()
}

/// A strict enough well-formedness check: every start tag is closed in order (`meta` is void).
pub(crate) fn well_formed(doc: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = doc;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').ok_or("unterminated tag")?;
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or(format!("stray </{name}>"))?;
            if open != name {
                return Err(format!("<{open}> closed by </{name}>"));
            }
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().ok_or("empty tag")?;
            if name != "meta" {
                stack.push(name);
            }
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed {stack:?}"))
    }
}

#[test]
fn the_scenario_exercises_every_layer() {
    let r = run();
    assert!(count_events(r, "intercept") > 0, "the salvo is engaged");
    assert!(!r.rec.tracks.is_empty() && !r.rec.truth.is_empty());
}

#[test]
fn map_draws_one_element_per_record() {
    let r = run();
    let d = data(r);
    let html = run_html(&d);
    let objects: BTreeSet<u32> = r.rec.truth.iter().map(|t| t.object_id).collect();
    assert!(
        group(&html, "land").matches("<polygon").count() >= 1,
        "Japan's coast is drawn"
    );
    assert_eq!(
        group(&html, "assets").matches("<circle").count(),
        r.input.assets.len()
    );
    assert_eq!(
        group(&html, "assets").matches("<text").count(),
        r.input.assets.len()
    );
    assert_eq!(
        group(&html, "truth").matches("<polyline").count(),
        objects.len()
    );
    let tracks = d.picture_tracks().len();
    assert!(tracks > 0);
    assert_eq!(group(&html, "tracks").matches("<polyline").count(), tracks);
    assert_eq!(
        group(&html, "intercepts").matches("<path").count(),
        count_events(r, "intercept")
    );
    assert_eq!(
        group(&html, "impacts").matches("<circle").count(),
        count_events(r, "impact")
    );
    assert_eq!(
        group(&html, "coverage")
            .matches(r#"class="coverage""#)
            .count(),
        d.radars().len()
    );
    assert!(!d.radars().is_empty());
    let hostile = r
        .rec
        .truth
        .iter()
        .filter(|t| t.side == "hostile")
        .map(|t| t.object_id);
    let hostile: BTreeSet<u32> = hostile.collect();
    assert_eq!(
        group(&html, "truth").matches("truth hostile").count(),
        hostile.len()
    );
}

#[test]
fn timeline_has_a_row_and_markers_per_threat() {
    let r = run();
    let html = run_html(&data(r));
    let tl = &html[html.find("chart timeline").expect("timeline")..];
    let series = group(tl, "series");
    assert_eq!(
        series.matches(r#"class="m-launch""#).count(),
        count_events(r, "launch")
    );
    let threats: BTreeSet<&str> = r.summary.threats.iter().map(|t| t.name.as_str()).collect();
    let on_threats = r.rec.events.iter().filter(|e| {
        matches!(&e.kind, EventKind::Intercept { object: Some(o), .. } if threats.contains(o.as_str()))
    });
    assert_eq!(series.matches("m-intercept").count(), on_threats.count());
    assert_eq!(
        series.matches(r#"class="m-impact""#).count(),
        count_events(r, "impact")
    );
    let shots = r
        .rec
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::InterceptorLaunch { .. }));
    assert!(series.matches("m-shot").count() <= shots.count());
    assert!(series.matches("m-shot").count() >= 1);
    let detected = r
        .summary
        .threats
        .iter()
        .filter(|t| t.first_detection.is_some())
        .count();
    assert_eq!(series.matches("m-detect").count(), detected);
}

#[test]
fn report_is_self_contained_and_well_formed() {
    let html = run_html(&data(run()));
    assert!(!html.contains("http"), "no URL at all in a run report");
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("src="));
    well_formed(&html).expect("balanced markup");
    assert!(html.contains(r#"class="moe""#) && html.contains(r#"class="nodes""#));
    // Human labels with the better direction, not raw JSON keys.
    assert!(
        html.contains("<td>leakers on defended assets</td>")
            && html.contains("<td>commonality</td>")
    );
    assert!(!html.contains("<td>moe.leakers</td>"));
    let with_series = run()
        .summary
        .nodes
        .iter()
        .filter(|n| !n.gospa_series.is_empty());
    let with_series = with_series.count();
    assert!(with_series > 0, "the summary carries GOSPA series");
    let gospa = &html[html.find(r#"id="gospa""#).expect("GOSPA section")..];
    assert_eq!(gospa.matches(r#"<g class="series""#).count(), with_series);
    assert!(!gospa.contains("note empty"));
    assert!(html.len() < 2_000_000, "report is {} bytes", html.len());
}

#[test]
fn well_formed_check_can_fail() {
    assert!(well_formed("<a><b></a></b>").is_err());
    assert!(well_formed("<a>").is_err());
    assert!(well_formed("<a><b/><meta x></a>").is_ok());
}

#[test]
fn czml_has_a_packet_per_object_track_and_event() {
    let r = run();
    let d = data(r);
    let v: serde_json::Value = serde_json::from_str(&czml(&d)).expect("valid JSON");
    let packets = v.as_array().expect("a JSON array");
    let objects: BTreeSet<u32> = r.rec.truth.iter().map(|t| t.object_id).collect();
    let expected = 1
        + objects.len()
        + d.picture_tracks().len()
        + count_events(r, "intercept")
        + count_events(r, "impact");
    assert_eq!(packets.len(), expected);
    assert_eq!(packets[0]["id"], "document");
    let start = packets[0]["clock"]["currentTime"].as_str().expect("clock");
    assert!(
        r.input.start_utc.starts_with(&start[..19]),
        "{start} vs {}",
        r.input.start_utc
    );
    for p in packets
        .iter()
        .filter(|p| p["id"].as_str().is_some_and(|i| i.starts_with("truth/")))
    {
        let s = p["position"]["cartographicDegrees"]
            .as_array()
            .expect("samples");
        assert!(!s.is_empty() && s.len() % 4 == 0);
        let times: Vec<f64> = s
            .iter()
            .step_by(4)
            .map(|t| t.as_f64().expect("time"))
            .collect();
        assert!(
            times.windows(2).all(|w| w[0] < w[1]),
            "sample times increase"
        );
        assert_eq!(p["position"]["epoch"], start);
    }
}

#[test]
fn kml_is_well_formed_with_a_placemark_per_item() {
    let r = run();
    let k = kml(&data(r));
    well_formed(&k).expect("well-formed KML");
    let objects: BTreeSet<u32> = r.rec.truth.iter().map(|t| t.object_id).collect();
    assert_eq!(k.matches("<LineString>").count(), objects.len());
    let placemarks = r.input.assets.len()
        + objects.len()
        + count_events(r, "intercept")
        + count_events(r, "impact");
    assert_eq!(k.matches("<Placemark>").count(), placemarks);
}

fn stats(measure: &str, mean: f64) -> MeasureStats {
    MeasureStats {
        measure: measure.into(),
        n: 10,
        mean,
        sd: 1.0,
        ci_low: mean - 0.7,
        ci_high: mean + 0.7,
    }
}

#[test]
fn study_pages_chart_their_measures() {
    let measures = vec![
        stats("moe.leakers", 2.0),
        stats("moe.intercepts", 5.0),
        stats("moe.mean_first_detection_s", 40.0),
        stats("counts.events.cue", 3.0),
    ];
    let calibration = vec![
        calibration_row("notional-terminal", "srbm", 40, 12, 0.32),
        calibration_row("notional-terminal", "none", 9, 0, 0.5),
    ];
    let mc = mc_html(&McStudy {
        scenario: "s".into(),
        seeds: (1..=10).collect(),
        measures: measures.clone(),
        calibration: calibration.clone(),
        attribution: Vec::new(),
    });
    well_formed(&mc).expect("mc markup");
    // Counts and seconds on separate charts; the unlisted measure only in the table.
    assert_eq!(mc.matches(r#"<svg class="chart""#).count(), 2);
    assert_eq!(mc.matches(r#"class="errbar""#).count(), 3);
    // The pooled calibration: one table, a row per cell, readable labels, the verdict.
    let cal = &mc[mc
        .find(r#"<table class="calibration""#)
        .expect("calibration")..];
    let cal = &cal[..cal.find("</table>").expect("closed")];
    assert_eq!(cal.matches("<tr>").count(), 1 + calibration.len());
    assert!(cal.contains("short-range ballistic (SRBM)") && cal.contains("no object"));
    assert!(cal.contains("<td>yes</td>") && cal.contains("<td>no</td>"));
    assert!(mc.contains("Pooled over 10 runs"));
    let diff = |measure: &str, mean: f64, significant| PairedDiff {
        measure: measure.into(),
        variant: "networked".into(),
        n: 10,
        mean,
        ci_low: mean - 0.5,
        ci_high: mean + 0.5,
        significant,
    };
    let cmp = compare_html(&CompareStudy {
        scenario: "s".into(),
        seeds: vec![1, 2],
        baseline: "national".into(),
        variants: vec![
            Variant {
                name: "national".into(),
                overrides: vec![],
                measures: measures.clone(),
                calibration: calibration.clone(),
                attribution: Vec::new(),
            },
            Variant {
                name: "networked".into(),
                overrides: vec!["network.sharing=track".into()],
                measures: measures.clone(),
                calibration: Vec::new(),
                attribution: Vec::new(),
            },
        ],
        diffs: vec![
            diff("moe.leakers", -1.5, true),
            diff("moe.intercepts", 0.2, false),
        ],
        ladder: None,
    });
    well_formed(&cmp).expect("compare markup");
    assert_eq!(cmp.matches(r#"class="mean marked""#).count(), 1);
    assert_eq!(cmp.matches(r#"class="errbar""#).count(), 2);
    assert!(cmp.contains("network.sharing=track") && !cmp.contains("http"));
    // Fewer leakers is better: a significant drop reads as an improvement, with labels.
    assert!(cmp.contains("<td>yes: better</td>") && cmp.contains("<td>leakers</td>"));
    assert_eq!(cmp.matches(r#"<table class="calibration""#).count(), 1);
    assert_eq!(cmp.matches("No interceptor reached").count(), 1);
    let sweep = sweep_html(&SweepStudy {
        scenario: "s".into(),
        param: "links.loss".into(),
        values: vec!["0".into(), "0.1".into(), "0.2".into()],
        seeds: vec![1],
        points: vec![measures.clone(), measures.clone(), measures],
        calibration: vec![calibration.clone(), calibration.clone(), calibration],
    });
    well_formed(&sweep).expect("sweep markup");
    assert_eq!(sweep.matches(r#"<svg class="chart""#).count(), 3);
    assert_eq!(sweep.matches(r#"class="band""#).count(), 3);
    assert_eq!(sweep.matches(r#"<table class="calibration""#).count(), 3);
}

fn calibration_row(
    interceptor: &str,
    class: &str,
    shots: u64,
    kills: u64,
    planned: f64,
) -> sim::CalibrationRow {
    let (ci_low, ci_high) = wilson95(kills, shots);
    sim::CalibrationRow {
        interceptor: interceptor.into(),
        class: class.into(),
        shots,
        kills,
        mean_planned_pk: planned,
        realised_kill_rate: kills as f64 / shots as f64,
        ci_low,
        ci_high,
        target_already_destroyed: 0,
    }
}

/// The 95 % Wilson interval, written out (the report does not depend on `metrics`).
fn wilson95(k: u64, n: u64) -> (f64, f64) {
    let (p, n, z) = (k as f64 / n as f64, n as f64, 1.959_963_984_540_054);
    let c = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let h = z / (1.0 + z * z / n) * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    ((c - h).max(0.0), (c + h).min(1.0))
}

#[test]
fn run_report_shows_the_kill_chain_and_the_calibration() {
    let r = run();
    let html = run_html(&data(r));
    well_formed(&html).expect("balanced markup");
    let table_rows = |class: &str| {
        let t = &html[html
            .find(&format!(r#"<table class="{class}""#))
            .unwrap_or_else(|| panic!("table {class}"))..];
        t[..t.find("</table>").expect("closed")]
            .matches("<tr>")
            .count()
            - 1
    };
    assert_eq!(table_rows("stage-intervals"), 6);
    assert_eq!(table_rows("threat-timelines"), r.summary.threats.len());
    assert!(!r.summary.calibration.is_empty(), "the run scores shots");
    assert_eq!(table_rows("calibration"), r.summary.calibration.len());
    assert!(html.contains("hostile declaration → first fire order"));
    // The attribution funnel: a row for all threats and one per class, each summing to its
    // threats; a stacked bar per row and a series per cause.
    let classes: std::collections::BTreeSet<&str> =
        r.summary.threats.iter().map(|t| t.class).collect();
    assert_eq!(table_rows("attribution"), 1 + classes.len());
    let section = &html[html.find(r#"<section id="attribution""#).expect("funnel")..];
    let section = &section[..section.find("</section>").expect("closed")];
    let chart = &section[section.find("<svg").expect("chart")..];
    assert_eq!(
        chart.matches(r#"class="series""#).count(),
        sim::ChainCause::ALL.len()
    );
    let rects = chart.matches("<rect").count();
    let nonzero = |counts: &sim::ChainCauses| {
        sim::ChainCause::ALL
            .iter()
            .filter(|c| counts.get(**c) > 0)
            .count()
    };
    let per_class: usize = classes
        .iter()
        .map(|c| {
            nonzero(&sim::ChainCauses::of(
                r.summary
                    .threats
                    .iter()
                    .filter(|t| t.class == *c)
                    .map(|t| t.cause),
            ))
        })
        .sum();
    assert_eq!(rects, nonzero(&r.summary.moe.leaker_causes) + per_class);
    let all = r.summary.moe.leaker_causes;
    let first_row = &section[section
        .find(r#"<table class="attribution""#)
        .expect("table")..];
    let first_row = &first_row[first_row.find("<td>all threats</td>").expect("all row")..];
    let first_row = &first_row[..first_row.find("</tr>").expect("row end")];
    let cells: Vec<u64> = first_row
        .split("<td>")
        .skip(2)
        .map(|c| {
            c[..c.find("</td>").expect("cell")]
                .parse()
                .expect("a count")
        })
        .collect();
    let mut expected = vec![all.total()];
    expected.extend(sim::ChainCause::ALL.iter().map(|c| all.get(*c)));
    assert_eq!(cells, expected);
}

#[test]
fn study_pages_show_the_kill_chain_attribution() {
    let causes: Vec<MeasureStats> = sim::ChainCause::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| stats(&format!("moe.leaker_causes.{}", c.as_str()), i as f64))
        .collect();
    use sim::ChainCause::{Killed, Missed, OutOfReach};
    // Two runs: SRBMs killed 2 and 1 times, missed 0 and 1; one cruise out of reach in each.
    let runs: Vec<Vec<(String, sim::ChainCause)>> = vec![
        vec![
            ("cruise".into(), OutOfReach),
            ("srbm".into(), Killed),
            ("srbm".into(), Killed),
        ],
        vec![
            ("srbm".into(), Missed),
            ("srbm".into(), Killed),
            ("cruise".into(), OutOfReach),
        ],
    ];
    let attribution = ClassFunnel::of_runs(runs.iter().map(Vec::as_slice));
    assert_eq!(attribution.len(), 2);
    assert_eq!(attribution[0].class, "srbm", "ballistic before cruise");
    assert_eq!(attribution[0].threats, 2.0);
    let mean = |f: &ClassFunnel, c: &str| f.causes.iter().find(|m| m.cause == c).expect(c).mean;
    assert_eq!(mean(&attribution[0], "killed"), 1.5);
    assert_eq!(mean(&attribution[0], "missed"), 0.5);
    assert_eq!(mean(&attribution[1], "out_of_reach"), 1.0);
    assert_eq!(attribution[1].causes.len(), 9, "zeros included");
    let mc = mc_html(&McStudy {
        scenario: "s".into(),
        seeds: vec![1, 2],
        measures: causes.clone(),
        calibration: Vec::new(),
        attribution: attribution.clone(),
    });
    well_formed(&mc).expect("mc markup");
    let funnel = &mc[mc.find(r#"<section id="attribution""#).expect("funnel")..];
    let funnel = &funnel[..funnel.find("</section>").expect("closed")];
    // All threats: means 1..8 drawn (undetected's mean is 0); SRBM: killed, missed; cruise:
    // out of reach.
    assert_eq!(funnel.matches("<rect").count(), 8 + 2 + 1);
    assert!(
        funnel.contains("<title>SRBM: killed 1.50</title>"),
        "{funnel}"
    );
    let diff = |c: &str, mean: f64, significant| PairedDiff {
        measure: format!("moe.leaker_causes.{c}"),
        variant: "networked".into(),
        n: 2,
        mean,
        ci_low: mean - 0.5,
        ci_high: mean + 0.5,
        significant,
    };
    let variant = |name: &str| Variant {
        name: name.into(),
        overrides: vec![],
        measures: causes.clone(),
        calibration: Vec::new(),
        attribution: attribution.clone(),
    };
    let cmp = compare_html(&CompareStudy {
        scenario: "s".into(),
        seeds: vec![1, 2],
        baseline: "national".into(),
        variants: vec![variant("national"), variant("networked")],
        diffs: vec![
            diff("killed", 2.0, true),
            diff("out_of_reach", -2.0, true),
            diff("late", 0.1, false),
        ],
        ladder: None,
    });
    well_formed(&cmp).expect("compare markup");
    let section = &cmp[cmp
        .find(r#"<section id="attribution""#)
        .expect("attribution")..];
    let section = &section[..section.find("</section>").expect("closed")];
    // All threats, SRBM, cruise, and the differences.
    assert_eq!(section.matches(r#"<svg class="chart""#).count(), 4);
    assert_eq!(section.matches(r#"class="mean marked""#).count(), 2);
    // Chain order, not alphabetical: out of reach, late, killed.
    let at = |label: &str| section.find(label).unwrap_or_else(|| panic!("{label}"));
    assert!(at("networked: out of reach") < at("networked: late"));
    assert!(at("networked: late") < at("networked: killed"));
    assert_eq!(
        section.matches("<tr>").count(),
        1 + 3,
        "a header and a row per difference"
    );
    let sweep = sweep_html(&SweepStudy {
        scenario: "s".into(),
        param: "c2.salvo".into(),
        values: vec!["1".into(), "2".into()],
        seeds: vec![1, 2],
        points: vec![causes.clone(), causes],
        calibration: Vec::new(),
    });
    well_formed(&sweep).expect("sweep markup");
    let funnel = &sweep[sweep.find(r#"<section id="attribution""#).expect("funnel")..];
    let funnel = &funnel[..funnel.find("</section>").expect("closed")];
    assert_eq!(funnel.matches("<rect").count(), 2 * 8, "a bar per value");
    assert!(funnel.contains("by c2.salvo") && funnel.contains(r#"text-anchor="end">2</text>"#));
}

#[test]
fn a_ladder_comparison_shows_each_step_and_its_cause_differences() {
    let diff = |to: &str, measure: &str, mean: f64, significant| PairedDiff {
        measure: measure.into(),
        variant: to.into(),
        n: 4,
        mean,
        ci_low: mean - 0.5,
        ci_high: mean + 0.5,
        significant,
    };
    let step = |from: &str, to: &str, leakers: f64, killed: f64| LadderStep {
        from: from.into(),
        to: to.into(),
        diffs: vec![
            diff(to, "moe.leakers", leakers, leakers.abs() > 0.5),
            diff(to, "moe.intercepts", -leakers, false),
            diff(to, "moe.leaker_causes.killed", killed, killed.abs() > 0.5),
            // Never moved: the same count in every pair.
            PairedDiff {
                ci_low: 0.0,
                ci_high: 0.0,
                ..diff(to, "moe.leaker_causes.late", 0.0, false)
            },
        ],
    };
    let rungs = ["standalone", "national", "allied-eor"];
    let ladder = Ladder {
        rungs: rungs.iter().map(|r| (*r).to_owned()).collect(),
        steps: vec![
            step("standalone", "national", -2.0, 2.0),
            step("national", "allied-eor", -0.25, 0.0),
        ],
    };
    let variant = |name: &str| Variant {
        name: name.into(),
        overrides: vec![],
        measures: vec![stats("moe.leakers", 3.0)],
        calibration: Vec::new(),
        attribution: Vec::new(),
    };
    let study = CompareStudy {
        scenario: "s".into(),
        seeds: vec![1, 2, 3, 4],
        baseline: "standalone".into(),
        variants: rungs.iter().map(|r| variant(r)).collect(),
        diffs: vec![diff("national", "moe.leakers", -2.0, true)],
        ladder: Some(ladder.clone()),
    };
    // study.json: the ladder section as documented (docs/outputs.md).
    let json = serde_json::to_value(&study).expect("serialises");
    let steps = json["ladder"]["steps"].as_array().expect("steps");
    assert_eq!(json["ladder"]["rungs"], serde_json::json!(rungs));
    assert_eq!(steps.len(), 2);
    assert_eq!(
        steps[0],
        serde_json::json!({
            "from": "standalone", "to": "national",
            "diffs": [
                {"measure": "moe.leakers", "variant": "national", "n": 4, "mean": -2.0,
                 "ci_low": -2.5, "ci_high": -1.5, "significant": true},
                {"measure": "moe.intercepts", "variant": "national", "n": 4, "mean": 2.0,
                 "ci_low": 1.5, "ci_high": 2.5, "significant": false},
                {"measure": "moe.leaker_causes.killed", "variant": "national", "n": 4,
                 "mean": 2.0, "ci_low": 1.5, "ci_high": 2.5, "significant": true},
                {"measure": "moe.leaker_causes.late", "variant": "national", "n": 4,
                 "mean": 0.0, "ci_low": 0.0, "ci_high": 0.0, "significant": false},
            ]
        })
    );
    // Without a ladder the key is absent, so earlier study.json files read the same.
    let plain = CompareStudy {
        ladder: None,
        ..study.clone()
    };
    assert!(
        serde_json::to_value(&plain)
            .expect("serialises")
            .get("ladder")
            .is_none()
    );
    assert!(!compare_html(&plain).contains(r#"id="ladder""#));
    let html = compare_html(&study);
    well_formed(&html).expect("compare markup");
    let section = &html[html.find(r#"<section id="ladder""#).expect("ladder")..];
    let section = &section[..section.find("</section>").expect("closed")];
    assert!(
        section.contains("standalone → national → allied-eor"),
        "{section}"
    );
    // The leakers chart (2 steps, the first significant) and the causes chart (killed moved
    // on a step; late never did, so it is only in the table).
    assert_eq!(section.matches(r#"<svg class="chart""#).count(), 2);
    assert_eq!(section.matches(r#"class="errbar""#).count(), 2 + 2);
    assert_eq!(section.matches(r#"class="mean marked""#).count(), 1 + 1);
    let table_of = |class: &str| {
        let t = &section[section
            .find(&format!(r#"<table class="{class}""#))
            .unwrap_or_else(|| panic!("{class}"))..];
        t[..t.find("</table>").expect("closed")].to_owned()
    };
    // A row per (measure, step) present: leakers and intercepts on two steps.
    let ladder_table = table_of("ladder");
    assert_eq!(ladder_table.matches("<tr>").count(), 1 + 4);
    assert!(ladder_table.contains("<td>standalone → national</td><td>leakers</td>"));
    assert!(ladder_table.contains("<td>yes: better</td>"));
    // A row per step, a column per cause (chain order), `*` on significant ones.
    let causes = table_of("ladder-causes");
    assert_eq!(causes.matches("<tr>").count(), 1 + 2);
    assert_eq!(
        causes.matches("<th>").count(),
        1 + sim::ChainCause::ALL.len()
    );
    assert!(causes.contains("<td>2 [1.50, 2.50] *</td>"), "{causes}");
    assert!(causes.contains("<td>0 [0, 0]</td>"), "{causes}");
}
