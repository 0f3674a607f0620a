//! The kill probability the command plans with is calibrated: pooled over many seeds of the
//! small built-in scenario (a ballistic salvo: many shots per run, under a second each), each (interceptor type, threat class) with enough scored shots realises a
//! kill rate whose Wilson interval holds the mean planned Pk.
//!
//! Planned Pks differ from shot to shot, so the kill count is Poisson-binomial; its variance is
//! at most the binomial one at the mean Pk, so the Wilson interval at the mean is if anything
//! conservative. The level is Bonferroni-corrected over the cells tested (5 % in all), so a
//! calibrated engine fails this test at most 1 time in 20 for a given seed list — and the
//! seed list is fixed, so a pass or a failure is reproducible. It reads the study's pooled
//! table: what `kizuna mc` prints and writes is what is tested.

use super::{kizuna, stderr};

/// Seeds pooled.
const RUNS: &str = "64";
/// A cell needs this many scored shots to be tested (fewer say little either way).
const MIN_SHOTS: u64 = 30;

#[test]
fn planned_pk_is_calibrated_over_many_seeds() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().to_str().expect("utf-8 temp path");
    let o = kizuna(&[
        "mc",
        "two-nation-salvo",
        "--runs",
        RUNS,
        "--quiet",
        "--out",
        out,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = std::fs::read_to_string(tmp.path().join("study.json")).expect("study.json");
    let study: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let rows = study["calibration"].as_array().expect("pooled calibration");
    let tested: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["class"] != "none" && r["shots"].as_u64() >= Some(MIN_SHOTS))
        .collect();
    assert!(
        !tested.is_empty(),
        "no (interceptor, class) has {MIN_SHOTS} shots: {rows:?}"
    );
    let level = 1.0 - 0.05 / tested.len() as f64;
    let mut failures = Vec::new();
    for r in &tested {
        let count = |k: &str| r[k].as_u64().expect("count");
        let (shots, kills) = (count("shots"), count("kills"));
        let planned = r["mean_planned_pk"].as_f64().expect("planned");
        let (lo, hi) = metrics::stats::wilson(kills, shots, level).expect("shots");
        let line = format!(
            "{} vs {}: {shots} shots, planned {planned:.3}, realised {:.3}, {:.1} % interval [{lo:.3}, {hi:.3}]",
            r["interceptor"],
            r["class"],
            kills as f64 / shots as f64,
            level * 100.0
        );
        eprintln!("{line}");
        if !(lo <= planned && planned <= hi) {
            failures.push(line);
        }
    }
    assert!(
        failures.is_empty(),
        "planned Pk outside the realised rate's interval:\n{}",
        failures.join("\n")
    );
}
