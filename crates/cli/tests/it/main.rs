//! End-to-end tests of the `kizuna` binary, run as a user would run it.

use std::path::Path;
use std::process::{Command, Output};

mod asterix;
mod audit;
mod audit_seeds;
mod calibration;
mod gen_bench;
mod inputs;
mod outputs;
mod recompute;
mod shard;
mod study;
mod wta;

fn kizuna(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run_into(dir: &Path, extra: &[&str]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let out = dir.to_str().expect("utf-8 temp path");
    let mut args = vec!["run", "--quiet", "--out", out];
    args.extend_from_slice(extra);
    let o = kizuna(&args);
    assert!(o.status.success(), "run failed: {}", stderr(&o));
    let read = |f: &str| std::fs::read(dir.join(f)).expect("output file exists");
    (
        read("summary.json"),
        read("events.jsonl"),
        read("truth.csv"),
    )
}

#[test]
fn default_scenario_is_byte_identical_for_the_same_seed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut firsts = Vec::new();
    for seed in ["1", "2", "3735928559"] {
        let a = run_into(&tmp.path().join(format!("a{seed}")), &["--seed", seed]);
        let b = run_into(&tmp.path().join(format!("b{seed}")), &["--seed", seed]);
        assert!(
            a.0 == b.0,
            "summary.json differs; reproduce: kizuna run --seed {seed}"
        );
        assert!(
            a.1 == b.1,
            "events.jsonl differs; reproduce: kizuna run --seed {seed}"
        );
        assert!(
            a.2 == b.2,
            "truth.csv differs; reproduce: kizuna run --seed {seed}"
        );
        // The default scenario's standing promises, at every seed: the alliance engages (on
        // remote data too), never a friend or neutral, no datum crosses a releasability
        // boundary, and every intruder frame is turned away.
        let summary: serde_json::Value = serde_json::from_slice(&a.0).expect("JSON");
        let (moe, net) = (&summary["moe"], &summary["network"]);
        assert_eq!(moe["fratricides"], 0, "seed {seed}: {moe}");
        assert!(moe["intercepts"].as_u64() > Some(0), "seed {seed}: {moe}");
        assert!(
            moe["engagements_on_remote"].as_u64() > Some(0),
            "seed {seed}: {moe}"
        );
        assert_eq!(net["releasability_violations"], 0, "seed {seed}");
        assert_eq!(net["guard_blocked"], 0, "seed {seed}");
        let rejected: u64 = net["rejected"]
            .as_object()
            .expect("rejections")
            .values()
            .filter_map(serde_json::Value::as_u64)
            .sum();
        assert!(rejected > 0 && net["adversary_injections"].as_u64() >= Some(rejected));
        firsts.push(a);
    }
    assert!(
        firsts[0].1 != firsts[1].1,
        "seeds 1 and 2 gave the same events: seed unused?"
    );
}

#[test]
fn run_writes_documented_outputs() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (summary, events, truth) = run_into(tmp.path(), &["--until", "600"]);
    let summary: serde_json::Value = serde_json::from_slice(&summary).expect("summary is JSON");
    for key in [
        "schema_version",
        "scenario",
        "seed",
        "version",
        "sim_seconds",
        "counts",
        "moe",
    ] {
        assert!(summary.get(key).is_some(), "summary.json lacks {key}");
    }
    assert_eq!(summary["sim_seconds"], 600.0);
    assert_eq!(summary["scenario"], "western-pacific");
    let entities = &summary["counts"]["entities"];
    assert!(entities["nations"].as_u64() >= Some(3));
    assert!(entities["threats"].as_u64() > Some(5));
    let events = String::from_utf8(events).expect("utf-8");
    let mut last_t = i64::MIN;
    let mut n_events = 0;
    for line in events.lines() {
        let e: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        let t = e["t_ns"].as_i64().expect("t_ns");
        assert!(t >= last_t, "events out of order");
        assert!(e["kind"].is_string());
        last_t = t;
        n_events += 1;
    }
    let counted: u64 = summary["counts"]["events"]
        .as_object()
        .expect("event counts")
        .values()
        .map(|v| v.as_u64().expect("count"))
        .sum();
    assert_eq!(counted, n_events, "summary counts every logged event");
    assert!(events.contains("\"kind\":\"launch\""));
    let truth = String::from_utf8(truth).expect("utf-8");
    assert_eq!(
        truth.lines().next(),
        Some(
            "t_s,object_id,object,kind,side,nation,lat_deg,lon_deg,alt_m,x_m,y_m,z_m,\
             vx_mps,vy_mps,vz_mps,speed_mps"
        )
    );
    assert_eq!(
        truth.lines().count() as u64 - 1,
        summary["counts"]["truth_rows"].as_u64().expect("rows")
    );
}

#[test]
fn validate_exit_codes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let good = tmp.path().join("good.toml");
    let shown = kizuna(&["scenario", "show"]);
    assert!(shown.status.success());
    std::fs::write(&good, &shown.stdout).expect("write");
    let o = kizuna(&["validate", good.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("valid"));

    let bad = tmp.path().join("bad.toml");
    let text = String::from_utf8(shown.stdout).expect("utf-8").replacen(
        "format_version",
        "format_verison",
        1,
    );
    std::fs::write(&bad, text).expect("write");
    let o = kizuna(&["validate", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("format_verison"),
        "names the offending key: {err}"
    );
    assert!(
        err.contains("format_version"),
        "suggests the right key: {err}"
    );
    assert!(err.contains("bad.toml:"), "gives file:line:col: {err}");
    assert!(!err.contains("panicked"), "{err}");

    let o = kizuna(&["validate", "/nonexistent/scenario.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read scenario file"));
}

#[test]
fn run_rejects_an_invalid_scenario_without_writing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let bad = tmp.path().join("bad.toml");
    std::fs::write(&bad, "format_version = 1\n[scenario]\nname = 3\n").expect("write");
    let out = tmp.path().join("out");
    let o = kizuna(&[
        "run",
        bad.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "nothing is written for a rejected scenario");
}

#[test]
fn scenario_list_show_and_schema() {
    let o = kizuna(&["scenario", "list"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("western-pacific (default)"));
    let o = kizuna(&["scenario", "show", "no-such-scenario"]);
    assert_eq!(o.status.code(), Some(2));
    let o = kizuna(&["schema"]);
    assert!(o.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).expect("schema is JSON");
    assert!(schema.get("$schema").is_some());
    assert!(schema["properties"].get("format_version").is_some());
}

#[test]
fn every_command_has_help_with_an_example() {
    for args in [
        vec!["--help"],
        vec!["run", "--help"],
        vec!["validate", "--help"],
        vec!["scenario", "list", "--help"],
        vec!["scenario", "show", "--help"],
        vec!["schema", "--help"],
        vec!["bench", "--help"],
        vec!["sensors", "--help"],
        vec!["track", "--help"],
    ] {
        let o = kizuna(&args);
        assert!(o.status.success(), "{args:?}");
        assert!(
            stdout(&o).contains("Example"),
            "{args:?} help lacks an example"
        );
    }
}

#[test]
fn sensors_prints_coverage_for_every_radar() {
    let o = kizuna(&["sensors", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON rows");
    let rows = rows.as_array().expect("an array");
    let shown = kizuna(&["scenario", "show"]);
    let text = String::from_utf8(shown.stdout).expect("utf-8");
    // Every radar of the default scenario appears, against the cruise class.
    for name in ["JPN-RADAR-NORTH", "USS-DDG-1-RADAR", "AUS-AEW-1-RADAR"] {
        assert!(text.contains(name));
        let row = rows
            .iter()
            .find(|r| r["sensor"] == name && r["target"] == "cruise")
            .unwrap_or_else(|| panic!("no cruise row for {name}"));
        let eff = row["effective_km"].as_f64().expect("number");
        let horizon = row["horizon_km"].as_f64().expect("number");
        assert!(
            eff <= horizon + 1e-9,
            "effective range beyond the horizon: {row}"
        );
    }
    // A sea-skimmer is seen much farther by the airborne radar than by a ship's.
    let eff = |s: &str| {
        rows.iter()
            .find(|r| r["sensor"] == s && r["target"] == "cruise")
            .expect("row")["effective_km"]
            .as_f64()
            .expect("number")
    };
    assert!(eff("JPN-AEW-1-RADAR") > 3.0 * eff("JS-DDG-1-RADAR"));
}

/// Writes a small iamd-bench/1 pair: two targets on straight lines, cartesian 2D detections
/// with small deterministic noise, every target detected every frame, no clutter.
fn write_bench_files(dir: &Path, frames: usize) -> (std::path::PathBuf, std::path::PathBuf) {
    let meas = dir.join("measurements.jsonl");
    let truth = dir.join("truth.jsonl");
    let header = |file: &str| {
        serde_json::json!({"type": "header", "format": "iamd-bench/1", "file": file, "dim": 2,
            "meas": "cartesian", "z_fields": ["x", "y"], "t0": 0.0, "dt": 1.0,
            "n_frames": frames, "n_targets": 2, "seed": 1, "pd": 1.0, "clutter_rate": 0.0,
            "clutter_density": 1e-12, "half_width": 10000.0, "q": 1.0,
            "sensors": [{"id": 0, "pos": [0.0, 0.0], "sigma": {"x": 10.0, "y": 10.0},
                         "r_max": 20000.0, "clutter_region": {}}]})
    };
    let mut m = vec![header("measurements").to_string()];
    let mut t = vec![header("truth").to_string()];
    let mut det_id = 0;
    for k in 0..frames {
        let time = k as f64;
        let states = [
            [-5000.0 + 100.0 * time, 100.0, 0.0, 0.0],
            [0.0, 0.0, -5000.0 + 80.0 * time, 80.0],
        ];
        let mut dets = Vec::new();
        for (i, s) in states.iter().enumerate() {
            // Deterministic noise of a few metres, different per frame and target.
            let nx = ((k * 7 + i * 3) % 11) as f64 - 5.0;
            let ny = ((k * 5 + i * 7) % 13) as f64 - 6.0;
            dets.push(serde_json::json!({"id": det_id, "z": [s[0] + nx, s[2] + ny]}));
            det_id += 1;
        }
        m.push(
            serde_json::json!({"type": "frame", "frame": k, "t": time, "sensor": 0,
            "detections": dets})
            .to_string(),
        );
        t.push(
            serde_json::json!({"type": "truth", "frame": k, "t": time, "sensor": 0,
            "targets": [{"id": 0, "state": states[0]}, {"id": 1, "state": states[1]}],
            "det_origin": []})
            .to_string(),
        );
    }
    std::fs::write(&meas, m.join("\n") + "\n").expect("write");
    std::fs::write(&truth, t.join("\n") + "\n").expect("write");
    (meas, truth)
}

#[test]
fn track_runs_on_benchmark_files_and_scores_itself() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (meas, truth) = write_bench_files(tmp.path(), 40);
    let out = tmp.path().join("out");
    for associator in ["gnn", "gnn-mahalanobis", "jpda"] {
        let o = kizuna(&[
            "track",
            "--measurements",
            meas.to_str().expect("utf-8"),
            "--truth",
            truth.to_str().expect("utf-8"),
            "--associator",
            associator,
            "--out",
            out.to_str().expect("utf-8"),
            // Each associator replaces the previous one's outputs.
            "--force",
        ]);
        assert!(o.status.success(), "{associator}: {}", stderr(&o));
        let m: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("metrics.json")).expect("metrics"))
                .expect("JSON");
        assert_eq!(m["frames"], 40);
        assert_eq!(m["n_tracks_confirmed"], 2, "{associator}: {m}");
        // Two well-separated targets measured to ~5 m: after warm-up GOSPA (p = 1) is the sum
        // of two localisation errors, well under 50 m.
        let g = m["gospa_mean"].as_f64().expect("gospa");
        assert!(g < 50.0, "{associator}: GOSPA {g}");
        assert_eq!(m["track_breaks"], 0);
        let tracks = std::fs::read_to_string(out.join("tracks.jsonl")).expect("tracks");
        let first: serde_json::Value =
            serde_json::from_str(tracks.lines().next().expect("header")).expect("JSON");
        assert_eq!(first["format"], "iamd-bench-tracks/1");
        assert_eq!(tracks.lines().count(), 41);
    }
}

#[test]
fn track_rejects_a_malformed_file_with_its_location() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (meas, truth) = write_bench_files(tmp.path(), 5);
    let text = std::fs::read_to_string(&meas).expect("read");
    let broken: Vec<&str> = text.lines().collect();
    let mut lines: Vec<String> = broken.iter().map(|l| (*l).to_owned()).collect();
    lines[3] = "{\"type\": \"frame\", \"frame\": 2".to_owned();
    std::fs::write(&meas, lines.join("\n")).expect("write");
    let o = kizuna(&[
        "track",
        "--measurements",
        meas.to_str().expect("utf-8"),
        "--truth",
        truth.to_str().expect("utf-8"),
        "--out",
        tmp.path().join("o").to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("measurements.jsonl:4"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn one_version_everywhere() {
    let o = kizuna(&["--version"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = stdout(&o);
    let version = printed
        .trim()
        .strip_prefix("kizuna ")
        .expect("`kizuna --version` prints `kizuna X.Y.Z`");
    assert_eq!(version, env!("CARGO_PKG_VERSION"), "the workspace version");
    let tmp = tempfile::tempdir().expect("temp dir");
    let (summary, _, _) = run_into(tmp.path(), &["--until", "60"]);
    let summary: serde_json::Value = serde_json::from_slice(&summary).expect("JSON");
    assert_eq!(summary["version"], version, "summary.json's engine version");
    let html = std::fs::read_to_string(tmp.path().join("report.html")).expect("report");
    assert!(
        html.contains(&format!("engine {version}")),
        "report.html names engine {version}"
    );
}
