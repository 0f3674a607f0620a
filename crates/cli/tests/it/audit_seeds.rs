//! Issue 11's acceptance: every engagement of many seeds of a built-in scenario passes the
//! independent audit (`kizuna audit`: envelope, dead or impacted target, late shot, overlap,
//! wrong object, underground track, fratricide, denial reasons). Runs through the CLI, so what
//! `kizuna mc --audit` writes is what is tested.

use super::{kizuna, stderr};

fn audited(scenario: &str, runs: &str) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().to_str().expect("utf-8 temp path");
    let o = kizuna(&[
        "mc", scenario, "--runs", runs, "--audit", "--quiet", "--out", out,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = std::fs::read_to_string(tmp.path().join("audit.json")).expect("audit.json");
    let audit: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        audit["runs"].as_u64(),
        runs.parse().ok(),
        "every run audited"
    );
    let checked: u64 = audit["checked"]
        .as_object()
        .expect("checked counts")
        .values()
        .filter_map(serde_json::Value::as_u64)
        .sum();
    assert!(checked > 0, "nothing was checked: {audit}");
    let violations: u64 = audit["violations"]
        .as_object()
        .expect("violations by check")
        .values()
        .filter_map(serde_json::Value::as_u64)
        .sum();
    assert_eq!(
        violations,
        0,
        "{scenario}: {}\n{}",
        serde_json::to_string_pretty(&audit["breakdown"]).unwrap_or_default(),
        serde_json::to_string_pretty(&audit["examples"]).unwrap_or_default()
    );
}

#[test]
fn two_nation_salvo_passes_the_audit_on_64_seeds() {
    audited("two-nation-salvo", "64");
}

/// The default scenario. Its 64-seed audit (`kizuna mc --runs 64 --audit`, about 12 min on
/// 2 cores) found 7 violations at the start of session 5, 3 at its end and none after session 6
/// (cueing's dual tracks merged; an impact ends its network track). 64 seeds here would take
/// CI past its budget until the engine is faster (issue 13): the first 8 of the same seeds
/// run in CI, the 64 by hand (ARCHITECTURE.md, "Known limits"). western-pacific-v1, kept
/// unchanged for comparison, is not audited.
#[test]
fn western_pacific_passes_the_audit_on_its_first_8_seeds() {
    audited("western-pacific", "8");
}

/// The seed on which a diverged JPN-NAT local track (15 km/s, then 160 km/s) was fused into a
/// cruise-missile picture track and put it 542 km below the surface at t = 1222 s: now the
/// tracker deletes it as diverged and no track row is underground.
#[test]
fn a_diverged_local_track_puts_no_picture_track_underground() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().to_str().expect("utf-8 temp path");
    let o = kizuna(&[
        "run",
        "western-pacific",
        "--seed",
        "17372577578734547746",
        "--quiet",
        "--out",
        out,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(tmp.path().join("tracks.csv")).expect("tracks.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (alt, vx, vy, vz) = (col("alt_m"), col("vx_mps"), col("vy_mps"), col("vz_mps"));
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| f[i].parse::<f64>().expect("a number");
        assert!(num(alt) > -5_000.0, "underground: {line}");
        let speed = (num(vx).powi(2) + num(vy).powi(2) + num(vz).powi(2)).sqrt();
        assert!(speed <= 11_200.0, "faster than escape speed: {line}");
    }
    let json = std::fs::read_to_string(tmp.path().join("summary.json")).expect("summary.json");
    let summary: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let jpn = summary["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["node"] == "JPN-NAT")
        .expect("JPN-NAT");
    assert!(
        jpn["tracks_implausible"].as_u64().expect("counter") > 0,
        "the diverged tracks are deleted and counted"
    );
}
