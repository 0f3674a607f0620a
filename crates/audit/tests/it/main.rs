//! The audit on hand-made runs (`tests/runs/*/`, written by `tests/runs/make_runs.py`): a clean
//! run passes, each run holding one violation kind is caught with exactly that kind, and
//! malformed files are refused with the file and line.

use audit::{AuditError, Kind, Report, RunFiles};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn runs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/runs")
}

/// The four files of a hand-made run, each editable by a test.
struct Files {
    scenario: String,
    events: Vec<u8>,
    truth: Vec<u8>,
    tracks: Vec<u8>,
}

fn load(case: &str) -> Files {
    let dir = runs_dir().join(case);
    let read = |f: &str| std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{case}/{f}: {e}"));
    Files {
        scenario: String::from_utf8(read(audit::SCENARIO_FILE)).expect("UTF-8 scenario"),
        events: read(audit::EVENTS_FILE),
        truth: read(audit::TRUTH_FILE),
        tracks: read(audit::TRACKS_FILE),
    }
}

fn run(files: &Files) -> Result<Report, AuditError> {
    audit::audit(&RunFiles {
        scenario_name: "scenario.toml",
        scenario: &files.scenario,
        events: &files.events,
        truth: &files.truth,
        tracks: &files.tracks,
    })
}

fn audit_case(case: &str) -> Report {
    run(&load(case)).unwrap_or_else(|e| panic!("{case}: {e}"))
}

/// Violations per kind, zeros left out.
fn violated(r: &Report) -> BTreeMap<&'static str, u64> {
    r.violations
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| (k.as_str(), *n))
        .collect()
}

#[test]
fn the_clean_run_passes_and_every_check_looked_at_something() {
    let r = audit_case("clean");
    assert!(r.is_clean(), "{}", r.to_text());
    let checked = |k: Kind| r.checked[&k];
    assert_eq!(checked(Kind::Envelope), 3);
    assert_eq!(checked(Kind::DeadOrImpactedTarget), 3);
    assert_eq!(checked(Kind::LateShot), 3);
    assert_eq!(checked(Kind::Overlap), 1, "the salvo pair");
    assert_eq!(r.breakdown.get("overlap.salvo_allowed"), Some(&1));
    assert_eq!(
        checked(Kind::WrongObject),
        3,
        "every end game that met an object"
    );
    assert_eq!(checked(Kind::UndergroundTrack), 4);
    assert_eq!(checked(Kind::Fratricide), 3);
    assert_eq!(checked(Kind::DeniedWithoutReason), 1);
    assert!(r.unresolved.values().all(|n| *n == 0), "{}", r.to_text());
    assert_eq!(
        (r.scenario.as_deref(), r.seed),
        (Some("audit-hand-made"), Some(1))
    );
}

/// Issue 18: names that a spreadsheet would run as formulas reach the CSV files with a leading
/// `'` (docs/outputs.md). The audit reads them back as the run named them: renaming the clean
/// run's threats `=SRBM-n` and its node `+CMD` changes nothing (the truth rows named `'=SRBM-n`
/// once matched no event, and every launch check went unresolved).
#[test]
fn issue_18_neutralised_name_cells_read_as_their_names() {
    let clean = load("clean");
    let swap = |text: &[u8], from: &str, to: &str| -> Vec<u8> {
        String::from_utf8(text.to_vec())
            .expect("UTF-8")
            .replace(from, to)
            .into_bytes()
    };
    let renamed = Files {
        scenario: clean
            .scenario
            .replace("name = \"SRBM\"", "name = \"=SRBM\"")
            .replace("\"CMD\"", "\"+CMD\""),
        events: swap(&clean.events, "\"SRBM-", "\"=SRBM-"),
        truth: swap(&clean.truth, ",SRBM-", ",'=SRBM-"),
        tracks: swap(&clean.tracks, ",CMD,", ",'+CMD,"),
    };
    assert_ne!(renamed.truth, clean.truth, "the edit applies");
    assert_ne!(renamed.tracks, clean.tracks, "the edit applies");
    let (before, after) = (run(&clean).expect("clean"), run(&renamed).expect("renamed"));
    assert!(after.is_clean(), "{}", after.to_text());
    assert_eq!(after.checked, before.checked, "{}", after.to_text());
    assert_eq!(after.unresolved, before.unresolved, "{}", after.to_text());
}

/// Each hand-made run holds one kind of violation, and only that kind is reported.
#[test]
fn each_violation_kind_is_caught_alone() {
    let cases: &[(&str, &[(&str, u64)])] = &[
        ("envelope", &[("envelope", 3)]),
        ("dead_or_impacted_target", &[("dead_or_impacted_target", 2)]),
        ("late_shot", &[("late_shot", 1)]),
        ("overlap", &[("overlap", 1)]),
        ("wrong_object", &[("wrong_object", 1)]),
        ("underground_track", &[("underground_track", 1)]),
        ("fratricide", &[("fratricide", 1)]),
        ("denied_without_reason", &[("denied_without_reason", 3)]),
    ];
    for (case, expected) in cases {
        let r = audit_case(case);
        let expected: BTreeMap<&str, u64> = expected.iter().copied().collect();
        assert_eq!(violated(&r), expected, "{case}:\n{}", r.to_text());
        let examples = r
            .examples
            .iter()
            .filter(|e| e.kind.as_str() == *case)
            .count() as u64;
        assert_eq!(
            examples,
            expected[case].min(audit::EXAMPLES_PER_KIND as u64),
            "{case}"
        );
    }
    for kind in Kind::ALL {
        assert!(
            cases.iter().any(|(c, _)| *c == kind.as_str()),
            "no hand-made run for {}",
            kind.as_str()
        );
    }
}

#[test]
fn envelope_names_each_limit_with_its_numbers() {
    let r = audit_case("envelope");
    let b = |k: &str| r.breakdown.get(k).copied().unwrap_or(0);
    assert_eq!(
        (
            b("envelope.altitude"),
            b("envelope.range"),
            b("envelope.time_of_flight")
        ),
        (1, 1, 1),
        "{}",
        r.to_text()
    );
    let alt = r
        .examples
        .iter()
        .find(|e| e.fire_unit.as_deref() == Some("FU-SHIP"))
        .expect("the exo intercept");
    assert!((alt.values["alt_m"] - 80_000.0).abs() < 1_000.0, "{alt:?}");
    assert!(alt.message.contains("altitude"), "{}", alt.message);
    let tof = r
        .examples
        .iter()
        .find(|e| e.fire_unit.as_deref() == Some("FU-B"))
        .expect("the too-fast intercept");
    assert!(
        tof.values["slant_range_m"] > tof.values["profile_distance_m"],
        "{tof:?}"
    );
}

#[test]
fn wrong_object_counts_declared_intercepts_apart() {
    let r = audit_case("wrong_object");
    assert_eq!(
        r.breakdown
            .get("wrong_object.declared (seeker_acquired_nearer_object)"),
        Some(&1),
        "{}",
        r.to_text()
    );
    let e = &r.examples[0];
    assert_eq!(
        (e.object.as_deref(), e.track, e.engagement),
        (Some("SRBM-2"), Some(1), Some(1))
    );
    assert!(e.message.contains("SRBM-1"), "{}", e.message);
}

#[test]
fn dead_and_impacted_targets_are_told_apart() {
    let r = audit_case("dead_or_impacted_target");
    assert_eq!(r.breakdown.get("dead_or_impacted_target.killed"), Some(&1));
    assert_eq!(
        r.breakdown.get("dead_or_impacted_target.impacted"),
        Some(&1)
    );
}

#[test]
fn json_has_the_documented_shape() {
    let r = audit_case("overlap");
    let j = r.to_json();
    for kind in Kind::ALL {
        assert!(j["violations"][kind.as_str()].is_u64(), "{j}");
        assert!(j["checked"][kind.as_str()].is_u64(), "{j}");
    }
    assert_eq!(j["violations"]["overlap"], 1);
    let ex = &j["examples"][0];
    assert_eq!(ex["kind"], "overlap");
    assert_eq!(ex["object"], "SRBM-1");
    assert!(
        ex["t_s"].is_f64() && ex["values"]["overlap_s"].is_f64(),
        "{ex}"
    );
}

/// Replaces line `n` (1-based) of a text.
fn with_line(text: &[u8], n: usize, line: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(text);
    let mut lines: Vec<&str> = text.lines().collect();
    lines[n - 1] = line;
    (lines.join("\n") + "\n").into_bytes()
}

#[test]
fn malformed_files_are_refused_with_file_and_line() {
    let clean = load("clean");
    let cases: Vec<(&str, Files, &str)> = vec![
        (
            "not JSON",
            Files {
                events: with_line(&clean.events, 3, "{\"t_ns\": 5, oops"),
                ..load("clean")
            },
            "events.jsonl:3:",
        ),
        (
            "an intercept without its launch",
            Files {
                events: String::from_utf8_lossy(&clean.events)
                    .lines()
                    .filter(|l| {
                        !l.contains("\"engagement\":1,") || !l.contains("interceptor_launch")
                    })
                    .map(|l| format!("{l}\n"))
                    .collect::<String>()
                    .into_bytes(),
                ..load("clean")
            },
            "never launched",
        ),
        (
            "a non-numeric altitude",
            Files {
                tracks: {
                    let text = String::from_utf8_lossy(&clean.tracks);
                    let mut row: Vec<&str> =
                        text.lines().nth(2).expect("rows").split(',').collect();
                    row[7] = "high"; // alt_m
                    with_line(&clean.tracks, 3, &row.join(","))
                },
                ..load("clean")
            },
            "tracks.csv:3:",
        ),
        (
            "an unknown side",
            Files {
                truth: String::from_utf8_lossy(&clean.truth)
                    .replacen("friendly", "friendlyish", 1)
                    .into_bytes(),
                ..load("clean")
            },
            "truth.csv:2: side \"friendlyish\"",
        ),
        (
            "a fire unit the scenario lacks",
            Files {
                events: String::from_utf8_lossy(&clean.events)
                    .replacen("\"FU-A\"", "\"FU-Z\"", 1)
                    .into_bytes(),
                ..load("clean")
            },
            "events.jsonl:2: fire unit \"FU-Z\" is not in the run's scenario",
        ),
    ];
    for (what, files, expected) in cases {
        match run(&files) {
            Ok(r) => panic!("{what}: accepted\n{}", r.to_text()),
            Err(e) => assert!(
                e.to_string().contains(expected),
                "{what}: {e} (expected {expected:?})"
            ),
        }
    }
    let bad_scenario = Files {
        scenario: clean.scenario.replace("salvo = 2", "salvo = \"two\""),
        ..load("clean")
    };
    match run(&bad_scenario) {
        Err(AuditError::Scenario(e)) => assert!(e.to_string().contains("salvo"), "{e}"),
        other => panic!("a bad scenario: {other:?}"),
    }
}

#[test]
fn empty_tables_read_as_no_rows() {
    let files = Files {
        truth: Vec::new(),
        tracks: Vec::new(),
        events:
            b"{\"t_ns\":0,\"t_s\":0.0,\"kind\":\"scenario_start\",\"scenario\":\"x\",\"seed\":3}\n"
                .to_vec(),
        ..load("clean")
    };
    let r = run(&files).expect("an empty run audits");
    assert!(r.is_clean());
    assert!(r.checked.values().all(|n| *n == 0));
}

/// The hand-made runs are what make_runs.py writes (regenerate after editing it).
#[test]
fn every_case_directory_has_its_four_files() {
    let mut n = 0;
    for entry in std::fs::read_dir(runs_dir()).expect("tests/runs") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            n += 1;
            for f in [
                audit::SCENARIO_FILE,
                audit::EVENTS_FILE,
                audit::TRUTH_FILE,
                audit::TRACKS_FILE,
            ] {
                assert!(path.join(f).is_file(), "{} lacks {f}", path.display());
            }
        }
    }
    assert_eq!(n, 9, "clean plus one run per kind");
}
