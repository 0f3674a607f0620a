//! Every input boundary of the binary against its corpus of bad inputs (issue 18): each case
//! is refused with exit status 2 and its exact located message, no panic, nothing written.
//!
//! `tests/malformed/track/<case>/` holds `measurements.jsonl`, `truth.jsonl`, a `README` line
//! saying what is wrong and `expected` (the exact stderr). Rewrite the `expected` files with
//! `KIZUNA_BLESS=1 cargo test -p cli` and review the diff.

use super::{kizuna, stderr};
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/malformed")
        .join(kind);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_malformed_track_input_is_refused_with_its_located_message() {
    let cases = corpus("track");
    assert!(cases.len() >= 20, "only {} cases", cases.len());
    let bless = std::env::var_os("KIZUNA_BLESS").is_some();
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    for case in cases {
        let name = case
            .file_name()
            .expect("named")
            .to_string_lossy()
            .into_owned();
        let out = tmp.path().join(&name);
        let o = Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .current_dir(&case)
            .args([
                "track",
                "--measurements",
                "measurements.jsonl",
                "--truth",
                "truth.jsonl",
            ])
            .arg("--out")
            .arg(&out)
            .output()
            .expect("the binary runs");
        let err = stderr(&o);
        if o.status.code() != Some(2) || err.contains("panicked") {
            failures.push(format!("--- {name}: status {:?}\n{err}", o.status.code()));
        }
        if out.exists() {
            failures.push(format!("--- {name}: wrote {}", out.display()));
        }
        let expected_path = case.join("expected");
        if bless {
            std::fs::write(&expected_path, &err).expect("writable corpus");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if err != expected {
            failures.push(format!("--- {name}\nexpected:\n{expected}actual:\n{err}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(bless with KIZUNA_BLESS=1 after review)",
        failures.join("\n")
    );
}

/// Numeric arguments out of range are refused before anything runs, naming the argument.
#[test]
fn numeric_arguments_are_bounded() {
    let cases: &[(&[&str], &str)] = &[
        (&["mc", "--runs", "4294967296"], "--runs"),
        (&["mc", "--runs", "0"], "--runs"),
        (&["mc", "--threads", "100000"], "--threads"),
        (&["mc", "--threads", "0"], "--threads"),
        (&["mc", "--until", "1e300"], "--until"),
        (&["run", "--until=-1"], "--until"),
        (&["run", "--until", "NaN"], "--until"),
        (&["bench", "--runs", "0"], "--runs"),
        (&["bench", "--queries", "0"], "--queries"),
        (
            &["wta", "--instance", "x", "--time-limit", "1e300"],
            "--time-limit",
        ),
        (
            &["validate", "x.toml", "--max-problems", "0"],
            "--max-problems",
        ),
        (
            &[
                "track",
                "--measurements",
                "m",
                "--truth",
                "t",
                "--out",
                "o",
                "--gospa-c",
                "0",
            ],
            "--gospa-c",
        ),
        (
            &[
                "track",
                "--measurements",
                "m",
                "--truth",
                "t",
                "--out",
                "o",
                "--gospa-p",
                "0.5",
            ],
            "--gospa-p",
        ),
    ];
    let tmp = tempfile::tempdir().expect("temp dir");
    for (args, name) in cases {
        let o = Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .current_dir(tmp.path())
            .args(*args)
            .output()
            .expect("runs");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(name), "{args:?} names {name}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read_dir(tmp.path()).expect("list").count(),
        0,
        "nothing written"
    );
}

/// `--runs 1` prints no interval rather than `[-inf, +inf]`.
#[test]
fn one_run_has_no_interval() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("mc");
    let o = kizuna(&[
        "mc",
        "two-nation-salvo",
        "--runs",
        "1",
        "--until",
        "120",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = super::stdout(&o);
    assert!(!shown.contains("inf"), "{shown}");
    assert!(shown.contains("n/a (needs 2+ runs)"), "{shown}");
}

/// An endless input is refused at the size limit, not read forever.
#[test]
fn validate_refuses_an_endless_file() {
    if !Path::new("/dev/zero").exists() {
        testkit::skip!(testkit::LINUX, "no /dev/zero here");
        return;
    }
    let o = kizuna(&["validate", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is larger than the"), "{}", stderr(&o));
    // What a run or study wrote is read back only from regular files (`audit`, `merge` read
    // /dev/zero until memory ran out).
    let tmp = tempfile::tempdir().expect("temp dir");
    #[cfg(unix)]
    {
        for f in ["scenario.toml", "events.jsonl", "truth.csv", "tracks.csv"] {
            std::os::unix::fs::symlink("/dev/zero", tmp.path().join(f)).expect("symlink");
        }
        let o = kizuna(&["audit", tmp.path().to_str().expect("utf-8")]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("scenario.toml is not a regular file"),
            "{}",
            stderr(&o)
        );
    }
    let out = tmp.path().join("merged");
    let o = kizuna(&["merge", "/dev/zero", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("partial study /dev/zero is not a regular file"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

/// A scenario that loads with warnings (heavy clutter: the trackers' work and memory) is
/// valid, and `validate` says why it is heavy: on stderr, and in the JSON form with
/// `"severity": "warning"`. One whose radar hits the false-alarm cap is refused (exit 1), the
/// cap named beside the refusal.
#[test]
fn validate_prints_the_warnings_of_a_valid_scenario() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenario/tests/malformed");
    let file = dir.join("issue-18-heavy-clutter-warns.toml");
    let file = file.to_str().expect("utf-8");
    let o = kizuna(&["validate", file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(": warning: sensor[0]: a heavy run: the busiest scan"),
        "{err}"
    );
    let o = kizuna(&["validate", file, "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_str(super::stdout(&o).trim()).expect("one JSON object");
    assert_eq!(v["valid"], true);
    assert_eq!(v["total"], 2, "{v}");
    assert_eq!(v["problems"][1]["severity"], "warning");
    let capped = dir.join("issue-18-false-alarm-cap-refused.toml");
    let o = kizuna(&["validate", capped.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(": error: sensor[0]: the run is too large"),
        "{err}"
    );
    assert!(
        err.contains(": warning: sensor[0]: about 3.1e12 false alarms per scan"),
        "{err}"
    );
    assert!(
        err.contains(": 2 problems found"),
        "errors only are counted: {err}"
    );
}
