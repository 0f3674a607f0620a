//! Outputs that never mix or lose runs (issue 18): a run appears at `--out` only when
//! complete, an existing output is refused unless `--force` (which replaces it whole), a
//! concurrent writer is locked out, and name cells cannot become spreadsheet formulas. Also
//! the compact and JSON forms of `validate`.

use super::{kizuna, stderr, stdout};
use std::path::Path;

fn run(out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "run",
        "two-nation-salvo",
        "--quiet",
        "--until",
        "60",
        "--out",
    ];
    args.push(out.to_str().expect("utf-8"));
    args.extend_from_slice(extra);
    kizuna(&args)
}

#[test]
fn an_existing_output_is_refused_unless_forced_and_force_replaces_it_whole() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    let o = run(&out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let marker = std::fs::read_to_string(out.join("COMPLETE")).expect("completion marker");
    assert!(marker.contains("summary.json"), "{marker}");
    // A stray file from something else, then a refused re-run: nothing changes.
    std::fs::write(out.join("stray.txt"), "not ours").expect("write");
    let before = std::fs::read(out.join("summary.json")).expect("summary");
    let o = run(&out, &["--seed", "9"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("use --force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(out.join("summary.json")).expect("kept"),
        before
    );
    // --force replaces the directory whole: the stray file is gone, the summary is new.
    let o = run(&out, &["--seed", "9", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !out.join("stray.txt").exists(),
        "nothing of the old directory is left"
    );
    assert_ne!(
        std::fs::read(out.join("summary.json")).expect("new"),
        before
    );
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["out"], "no lock or temporary directory left");
}

#[test]
fn a_held_lock_stops_a_second_writer_and_leaves_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    // A live process holds the lock: this test's own pid.
    std::fs::write(
        tmp.path().join(".out.lock"),
        format!("{}\n", std::process::id()),
    )
    .expect("write");
    let o = run(&out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is writing"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn name_cells_cannot_become_spreadsheet_formulas() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let shown = kizuna(&["scenario", "show", "two-nation-salvo"]);
    let text = String::from_utf8(shown.stdout)
        .expect("utf-8")
        .replace("JPN-RADAR-NORTH", "=HYPERLINK(\\\"x\\\")");
    let file = tmp.path().join("f.toml");
    std::fs::write(&file, text).expect("write");
    let out = tmp.path().join("out");
    let o = kizuna(&[
        "run",
        file.to_str().expect("utf-8"),
        "--quiet",
        "--until",
        "120",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let detections = std::fs::read_to_string(out.join("detections.csv")).expect("csv");
    assert!(detections.contains("'=HYPERLINK"), "neutralised");
    for line in detections.lines() {
        for cell in line.split(',') {
            assert!(!cell.trim_start_matches('"').starts_with('='), "{line}");
        }
    }
}

#[test]
fn validate_prints_compact_lines_or_json() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let bad = tmp.path().join("bad.toml");
    std::fs::write(
        &bad,
        "format_version = 1\n[scenario]\nname = 3\ncolour = 1\n",
    )
    .expect("write");
    let path = bad.to_str().expect("utf-8");
    let o = kizuna(&["validate", path]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        !err.contains("kizuna::scenario"),
        "no stray diagnostic code: {err}"
    );
    assert!(!err.contains("Error:"), "{err}");
    for line in err.lines() {
        assert!(
            line.starts_with(&format!("{path}:")) || line.starts_with("    "),
            "compiler style: {line}"
        );
    }
    let o = kizuna(&["validate", path, "--max-problems", "1"]);
    assert!(stderr(&o).contains("more problem"), "{}", stderr(&o));
    let o = kizuna(&["validate", path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
    assert_eq!(v["valid"], false);
    let total = v["total"].as_u64().expect("total");
    assert!(total >= 2, "{v}");
    let first = &v["problems"][0];
    for key in [
        "line", "col", "severity", "key_path", "kind", "message", "related",
    ] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
}
