//! `kizuna mc | compare | sweep` end to end on the small built-in scenario: thread-count
//! independence, paired differences, sweep points, and a bad override's exit code.

use super::{kizuna, stderr, stdout};
use serde_json::json;
use std::path::Path;

fn study(args: &[&str], out: &Path) -> (serde_json::Value, String) {
    let mut all = args.to_vec();
    let dir = out.to_str().expect("utf-8 temp path");
    all.extend(["--quiet", "--out", dir]);
    let o = kizuna(&all);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let json = std::fs::read_to_string(out.join("study.json")).expect("study.json");
    let csv = std::fs::read_to_string(out.join("runs.csv")).expect("runs.csv");
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<svg"),
        "{args:?}"
    );
    (serde_json::from_str(&json).expect("JSON"), csv)
}

#[test]
fn mc_is_identical_for_one_and_two_threads() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let base = ["mc", "two-nation-salvo", "--runs", "4", "--until", "300"];
    let mut outs = Vec::new();
    for threads in ["1", "2"] {
        let dir = tmp.path().join(threads);
        let mut args = base.to_vec();
        args.extend(["--threads", threads]);
        study(&args, &dir);
        let read = |f: &str| std::fs::read(dir.join(f)).expect("output");
        outs.push((read("study.json"), read("runs.csv")));
    }
    assert!(
        outs[0].0 == outs[1].0,
        "study.json differs between 1 and 2 threads"
    );
    assert!(
        outs[0].1 == outs[1].1,
        "runs.csv differs between 1 and 2 threads"
    );
    let (json, csv) = study(&base, &tmp.path().join("again"));
    let seeds = json["seeds"].as_array().expect("seeds");
    assert_eq!(seeds.len(), 4);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "header + 4 runs");
    assert!(lines[0].starts_with("run,seed,moe."), "{}", lines[0]);
    assert!(lines[0].contains(",moe.leakers,"), "{}", lines[0]);
    let leakers = json["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .find(|m| m["measure"] == "moe.interceptors_fired")
        .expect("interceptors fired measured");
    assert_eq!(leakers["n"], 4);
    let (lo, mean, hi) = (
        leakers["ci_low"].as_f64().expect("finite"),
        leakers["mean"].as_f64().expect("finite"),
        leakers["ci_high"].as_f64().expect("finite"),
    );
    assert!(lo <= mean && mean <= hi);
    // Different runs use different seeds (and so, here, not all identical rows).
    assert!(
        lines[1..]
            .iter()
            .any(|l| l.split(',').skip(2).ne(lines[1].split(',').skip(2)))
    );
}

#[test]
fn compare_writes_paired_differences() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (json, csv) = study(
        &[
            "compare",
            "two-nation-salvo",
            "--runs",
            "3",
            "--until",
            "300",
            "--variant",
            "national",
            "--variant",
            "lossy=networked+eor;link[*].loss=0.5",
        ],
        tmp.path(),
    );
    assert_eq!(json["baseline"], "national");
    let variants = json["variants"].as_array().expect("variants");
    assert_eq!(variants.len(), 2);
    assert_eq!(variants[1]["overrides"][3], "link[*].loss=0.5");
    let diffs = json["diffs"].as_array().expect("diffs");
    let d = diffs
        .iter()
        .find(|d| d["measure"] == "moe.interceptors_fired")
        .expect("a paired difference of interceptors fired");
    assert_eq!(
        (d["variant"].as_str(), d["n"].as_u64()),
        (Some("lossy"), Some(3))
    );
    assert!(d["significant"].is_boolean());
    // The variants really differ: national shares nothing across nations.
    let withheld = diffs
        .iter()
        .find(|d| d["measure"] == "network.withheld_releasability")
        .expect("withheld measured");
    assert!(withheld["mean"].as_f64() != Some(0.0), "{withheld}");
    assert_eq!(csv.lines().count(), 1 + 2 * 3);
    assert!(csv.starts_with("variant,run,seed,"));
    // Kill-chain attribution: every cause has a paired difference, and each variant's funnels
    // per class add up to its mean count of each cause and of threats.
    let causes = [
        "undetected",
        "untracked",
        "unidentified",
        "out_of_reach",
        "denied",
        "no_capacity",
        "late",
        "missed",
        "killed",
    ];
    for c in causes {
        let name = format!("moe.leaker_causes.{c}");
        assert!(
            diffs.iter().any(|d| d["measure"] == name.as_str()),
            "{name}"
        );
    }
    for v in variants {
        let mean = |m: &str| {
            v["measures"]
                .as_array()
                .expect("measures")
                .iter()
                .find(|x| x["measure"] == m)
                .and_then(|x| x["mean"].as_f64())
                .unwrap_or_else(|| panic!("{m}"))
        };
        let funnels = v["attribution"].as_array().expect("attribution");
        assert!(!funnels.is_empty());
        let sum = |f: &dyn Fn(&serde_json::Value) -> f64| funnels.iter().map(f).sum::<f64>();
        let threats = sum(&|f| f["threats"].as_f64().expect("threats"));
        assert!((threats - mean("moe.threats")).abs() < 1e-9);
        for (i, c) in causes.iter().enumerate() {
            let by_class = sum(&|f| {
                assert_eq!(f["causes"][i]["cause"], *c, "chain order");
                f["causes"][i]["mean"].as_f64().expect("mean")
            });
            let m = mean(&format!("moe.leaker_causes.{c}"));
            assert!((by_class - m).abs() < 1e-9, "{c}: {by_class} vs {m}");
        }
    }
}

/// Where batteries have no radar of their own (`western-pacific-v1`: four of ten), the
/// networked alliance with engage-on-remote leaks fewer threats and keeps more defended value
/// than three national systems side by side (paired over common seeds): the allies' tracks
/// are the only fire-control data those batteries can get. Two runs keep the test short.
#[test]
fn networking_with_engage_on_remote_beats_national_defence() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (json, _) = study(
        &[
            "compare",
            "western-pacific-v1",
            "--runs",
            "2",
            "--variant",
            "national",
            "--variant",
            "allied-eor",
        ],
        tmp.path(),
    );
    let diff = |m: &str| {
        json["diffs"]
            .as_array()
            .expect("diffs")
            .iter()
            .find(|d| d["measure"] == m)
            .and_then(|d| d["mean"].as_f64())
            .unwrap_or_else(|| panic!("no paired difference of {m}"))
    };
    assert!(
        diff("moe.leakers") < 0.0,
        "leakers: {}",
        diff("moe.leakers")
    );
    assert!(
        diff("moe.defended_value_surviving") > 0.0,
        "defended value: {}",
        diff("moe.defended_value_surviving")
    );
    // Each variant's calibration is pooled over its runs: its scored shots are among the
    // interceptors the runs fired, and every row is a consistent proportion.
    for v in json["variants"].as_array().expect("variants") {
        let fired = v["measures"]
            .as_array()
            .expect("measures")
            .iter()
            .find(|m| m["measure"] == "moe.interceptors_fired")
            .and_then(|m| m["mean"].as_f64())
            .expect("interceptors fired")
            * 2.0;
        let rows = v["calibration"].as_array().expect("pooled calibration");
        let u = |r: &serde_json::Value, k: &str| r[k].as_u64().expect("count");
        let scored: u64 = rows
            .iter()
            .map(|r| u(r, "shots") + u(r, "target_already_destroyed"))
            .sum();
        assert!(
            scored > 0 && scored as f64 <= fired + 1e-9,
            "{} of {fired}",
            scored
        );
        for r in rows.iter().filter(|r| u(r, "shots") > 0) {
            let rate = u(r, "kills") as f64 / u(r, "shots") as f64;
            let realised = r["realised_kill_rate"].as_f64().expect("rate");
            assert!((realised - rate).abs() <= 1e-12, "{r}");
            let pk = r["mean_planned_pk"].as_f64().expect("planned");
            assert!(pk > 0.0 && pk <= 1.0, "{r}");
        }
    }
}

/// `--ladder`: the built-in rungs in order, each step's paired difference of every measure
/// (leaker causes included) in `study.json`, and the ladder section of the report.
#[test]
fn compare_ladder_differences_each_rung_against_the_one_below() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (json, csv) = study(
        &[
            "compare",
            "two-nation-salvo",
            "--ladder",
            "--runs",
            "2",
            "--until",
            "300",
        ],
        tmp.path(),
    );
    let rungs = [
        "standalone",
        "national",
        "allied-picture",
        "allied-lor",
        "allied-eor",
        "composite",
    ];
    assert_eq!(json["baseline"], "standalone");
    assert_eq!(json["ladder"]["rungs"], serde_json::json!(rungs));
    assert_eq!(csv.lines().count(), 1 + 6 * 2);
    let steps = json["ladder"]["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 5);
    let n_measures = json["variants"][0]["measures"]
        .as_array()
        .expect("measures")
        .len();
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(
            (&s["from"], &s["to"]),
            (&json!(rungs[i]), &json!(rungs[i + 1]))
        );
        let diffs = s["diffs"].as_array().expect("diffs");
        // Every measure with a value in some run of both rungs has a paired difference.
        assert!(
            diffs.len() <= n_measures && diffs.len() > 10,
            "{}",
            diffs.len()
        );
        for c in ["killed", "out_of_reach", "denied", "missed"] {
            let name = format!("moe.leaker_causes.{c}");
            assert!(
                diffs.iter().any(|d| d["measure"] == name.as_str()),
                "{name}"
            );
        }
        for d in diffs {
            assert_eq!(d["variant"], rungs[i + 1]);
            // A measure may be null in a run (no dual track, no kill): pairs of 1 or 2.
            let n = d["n"].as_u64().expect("n");
            assert!(d["significant"].is_boolean() && (1..=2).contains(&n), "{d}");
        }
        // A step is the difference of the rungs' means (paired over the same seeds).
        let mean = |v: usize, m: &str| {
            json["variants"][v]["measures"]
                .as_array()
                .expect("measures")
                .iter()
                .find(|x| x["measure"] == m)
                .and_then(|x| x["mean"].as_f64())
                .expect(m)
        };
        let leakers = diffs
            .iter()
            .find(|d| d["measure"] == "moe.leakers")
            .and_then(|d| d["mean"].as_f64())
            .expect("leakers");
        let expected = mean(i + 1, "moe.leakers") - mean(i, "moe.leakers");
        assert!((leakers - expected).abs() < 1e-9, "{leakers} vs {expected}");
    }
    let html = std::fs::read_to_string(tmp.path().join("report.html")).expect("report");
    assert!(html.contains(r#"<section id="ladder">"#));
    assert!(html.contains(r#"<table class="ladder-causes">"#));
    // Without --ladder and with explicit variants, no ladder section.
    let tmp2 = tempfile::tempdir().expect("temp dir");
    let (json, _) = study(
        &[
            "compare",
            "two-nation-salvo",
            "--runs",
            "1",
            "--until",
            "100",
            "--variant",
            "standalone",
            "--variant",
            "national",
        ],
        tmp2.path(),
    );
    assert!(json.get("ladder").is_none());
    // --ladder takes no --variant: a clear error, exit 2, nothing run.
    let o = kizuna(&[
        "compare",
        "two-nation-salvo",
        "--ladder",
        "--variant",
        "national",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--ladder runs the built-in ladder"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn sweep_writes_a_point_per_value() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (json, csv) = study(
        &[
            "sweep",
            "two-nation-salvo",
            "--runs",
            "2",
            "--until",
            "200",
            "--param",
            "link[*].latency_ms=50,500",
        ],
        tmp.path(),
    );
    assert_eq!(json["param"], "link[*].latency_ms");
    assert_eq!(json["values"], serde_json::json!(["50", "500"]));
    let points = json["points"].as_array().expect("points");
    assert_eq!(points.len(), 2);
    assert_eq!(
        points[0].as_array().map(Vec::len),
        points[1].as_array().map(Vec::len)
    );
    assert_eq!(csv.lines().count(), 1 + 2 * 2);
}

#[test]
fn bad_overrides_exit_2_naming_the_path() {
    for (args, needle) in [
        (
            vec![
                "compare",
                "two-nation-salvo",
                "--variant",
                "x=link[NOPE].loss=0.1",
            ],
            "link[NOPE].loss",
        ),
        (
            vec!["sweep", "two-nation-salvo", "--param", "nation.id=USA"],
            "nation.id",
        ),
        (
            vec!["mc", "two-nation-salvo", "--set", "network..x=1"],
            "network..x",
        ),
    ] {
        let o = kizuna(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    // A well-formed override with an invalid value fails validation at its line (exit 1).
    let o = kizuna(&[
        "mc",
        "two-nation-salvo",
        "--set",
        "network.sharing=sideways",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("sideways"), "{}", stderr(&o));
}

#[test]
fn study_commands_have_help_with_examples() {
    for cmd in ["mc", "compare", "sweep"] {
        let o = kizuna(&[cmd, "--help"]);
        assert!(o.status.success());
        assert!(stdout(&o).contains("Example"), "{cmd}");
    }
    let o = kizuna(&["compare", "--help"]);
    for v in [
        "--ladder",
        "standalone",
        "national",
        "allied-picture",
        "allied-lor",
        "allied-eor",
        "composite",
        "networked+eor",
    ] {
        assert!(stdout(&o).contains(v), "compare --help lacks {v}");
    }
}
