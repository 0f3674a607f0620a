//! `kizuna audit` end to end: a run directory carries the scenario it ran, the audit reads it
//! (status 0 or 1, never 2, on a real run), refuses missing or malformed files with status 2
//! and the place, and `mc --audit` audits exactly what the files would hold.

use super::{kizuna, stderr, stdout};
use std::path::Path;

fn run(dir: &Path, extra: &[&str]) {
    let out = dir.to_str().expect("utf-8 temp path");
    let mut args = vec!["run", "two-nation-salvo", "--quiet", "--out", out];
    args.extend_from_slice(extra);
    let o = kizuna(&args);
    assert!(o.status.success(), "run failed: {}", stderr(&o));
}

fn audit_json(dir: &Path) -> (Option<i32>, serde_json::Value) {
    let o = kizuna(&["audit", dir.to_str().expect("utf-8"), "--json"]);
    let json = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("audit --json: {e}\n{}\n{}", stdout(&o), stderr(&o)));
    (o.status.code(), json)
}

#[test]
fn a_run_directory_is_auditable_and_repeatable_from_its_scenario() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let first = tmp.path().join("first");
    run(&first, &["--seed", "7"]);
    let scenario = std::fs::read_to_string(first.join("scenario.toml")).expect("scenario.toml");
    assert!(
        scenario.contains("seed = 7"),
        "the seed is written in:\n{scenario}"
    );
    // The written scenario repeats the run byte for byte.
    let again = tmp.path().join("again");
    let o = kizuna(&[
        "run",
        first.join("scenario.toml").to_str().expect("utf-8"),
        "--quiet",
        "--out",
        again.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |d: &Path, f: &str| std::fs::read(d.join(f)).expect("output");
    assert!(read(&first, "events.jsonl") == read(&again, "events.jsonl"));

    let (code, json) = audit_json(&first);
    assert!(matches!(code, Some(0) | Some(1)), "status {code:?}: {json}");
    let violations: u64 = json["violations"]
        .as_object()
        .expect("violations")
        .values()
        .map(|v| v.as_u64().expect("count"))
        .sum();
    assert_eq!(
        code == Some(0),
        violations == 0,
        "exit status follows the count: {json}"
    );
    assert_eq!(json["seed"], 7);
    let checked = &json["checked"];
    for kind in ["envelope", "fratricide", "underground_track", "overlap"] {
        assert!(checked[kind].is_u64(), "{kind}: {json}");
    }
    assert!(
        checked["underground_track"].as_u64() > Some(0),
        "tracks were checked"
    );
    assert!(
        checked["fratricide"].as_u64() > Some(0),
        "launches were checked: {json}"
    );
    // The human form names every kind.
    let o = kizuna(&["audit", first.to_str().expect("utf-8")]);
    let text = stdout(&o);
    for kind in ["envelope", "late_shot", "denied_without_reason"] {
        assert!(text.contains(kind), "{text}");
    }
}

#[test]
fn unreadable_or_malformed_runs_exit_2_with_the_place() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("r");
    run(&dir, &["--until", "200"]);
    let events = std::fs::read_to_string(dir.join("events.jsonl")).expect("events");
    let mut lines: Vec<&str> = events.lines().collect();
    lines[1] = "{\"t_ns\": oops}";
    std::fs::write(dir.join("events.jsonl"), lines.join("\n")).expect("write");
    let o = kizuna(&["audit", dir.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("events.jsonl:2:"), "{}", stderr(&o));

    std::fs::remove_file(dir.join("scenario.toml")).expect("remove");
    let o = kizuna(&["audit", dir.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no scenario.toml"), "{}", stderr(&o));

    let o = kizuna(&["audit", tmp.path().join("absent").to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// `mc --audit` audits each run in memory; its counts equal `kizuna audit` on the files of the
/// same seed, so the in-memory path reads what a run directory holds.
#[test]
fn mc_audit_agrees_with_the_audit_of_the_run_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let study = tmp.path().join("mc");
    let o = kizuna(&[
        "mc",
        "two-nation-salvo",
        "--runs",
        "1",
        "--audit",
        "--quiet",
        "--out",
        study.to_str().expect("utf-8"),
    ]);
    assert!(
        matches!(o.status.code(), Some(0) | Some(1)),
        "{}",
        stderr(&o)
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(study.join("audit.json")).expect("audit.json"))
            .expect("JSON");
    assert_eq!(summary["runs"], 1);
    let seed = std::fs::read_to_string(study.join("runs.csv")).expect("runs.csv");
    let seed = seed
        .lines()
        .nth(1)
        .expect("a run")
        .split(',')
        .nth(1)
        .expect("seed");
    let dir = tmp.path().join("run");
    run(&dir, &["--seed", seed]);
    let (_, files) = audit_json(&dir);
    for section in ["violations", "checked", "unresolved"] {
        assert_eq!(summary[section], files[section], "{section}");
    }
}
