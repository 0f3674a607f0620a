//! Browser test: a report of a short run of the default scenario opens in headless Debian
//! chromium (driven by playwright-core from `tests/browser/`) without console errors, and its
//! map and charts render with the expected element counts; a screenshot is saved and sized.
//! Skips through `testkit::skip!` when node, chromium or playwright-core is absent; fails instead
//! when `KIZUNA_CI_PROVIDES` names `browser` (`.ci/run` installs them).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn missing_tool() -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("node is not installed".into());
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("chromium is not installed at {chromium}"));
    }
    if !dir.join("node_modules/playwright-core").is_dir() {
        return Some(format!(
            "playwright-core is not installed in {}",
            dir.display()
        ));
    }
    None
}

fn between<'a>(html: &'a str, open: &str) -> &'a str {
    let start = html.find(open).map_or(html.len(), |i| i + open.len());
    let len = html[start..].find("</g>").unwrap_or(0);
    &html[start..start + len]
}

#[test]
fn report_renders_in_headless_chromium() {
    if let Some(why) = missing_tool() {
        testkit::skip!(testkit::BROWSER, "{why}");
        return;
    }
    let text = scenario::builtin::get(scenario::builtin::DEFAULT).expect("default scenario");
    let input = scenario::load("default", text).expect("default scenario is valid");
    let mut rec = sim::MemoryRecorder::default();
    let until = Some(base::SimTime::from_secs(600));
    let summary = sim::run(&input, input.seed, until, &mut rec).expect("world builds");
    let d = report::RunData {
        input: &input,
        summary: &summary,
        events: &rec.events,
        truth: &rec.truth,
        tracks: &rec.tracks,
    };
    let html = report::run_html(&d);

    let node = summary
        .nodes
        .iter()
        .find(|n| n.role == "combined" && n.picture.is_some())
        .or_else(|| summary.nodes.iter().find(|n| n.picture.is_some()))
        .map(|n| n.node.clone())
        .expect("a node holds a picture");
    let tracks: BTreeSet<u32> = rec
        .tracks
        .iter()
        .filter(|t| t.layer == "picture" && t.node == node)
        .map(|t| t.track)
        .collect();
    let objects: BTreeSet<u32> = rec.truth.iter().map(|t| t.object_id).collect();
    let count = |tag: &str| rec.events.iter().filter(|e| e.kind.tag() == tag).count();
    let coverage = between(&html, r#"<g class="coverage">"#)
        .matches(r#"class="coverage""#)
        .count();
    assert!(coverage > 0 && !tracks.is_empty() && !objects.is_empty());
    let expect = serde_json::json!({
        "land_min": 5,
        "assets": input.assets.len(),
        "truth": objects.len(),
        "tracks": tracks.len(),
        "intercepts": count("intercept"),
        "impacts": count("impact"),
        "coverage": coverage,
        "charts_min": 2,
    });

    let dir: PathBuf =
        std::env::temp_dir().join(format!("kizuna-report-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (page, shot, want) = (
        dir.join("report.html"),
        dir.join("report.png"),
        dir.join("expect.json"),
    );
    std::fs::write(&page, &html).expect("write report");
    std::fs::write(&want, expect.to_string()).expect("write expectations");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check-report.js");
    let out = Command::new("node")
        .arg(&script)
        .arg(&page)
        .arg(&shot)
        .arg(&want)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!(
        "browser check: {stdout}{stderr}screenshot: {}",
        shot.display()
    );
    assert!(
        out.status.success(),
        "browser check failed:\n{stdout}\n{stderr}"
    );
    let size = std::fs::metadata(&shot).expect("screenshot written").len();
    assert!(size > 30_000, "screenshot is only {size} bytes");
}
