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

// western-pacific (the default) is not here yet: 16 seeds leave 3 violations in 3 runs (2
// overlaps on an MRBM through a dual track, 1 fused picture track blown below the surface);
// ARCHITECTURE.md, "Known limits", keeps the list. Nor is western-pacific-v1, kept unchanged
// for comparison.
