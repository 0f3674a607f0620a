//! `kizuna wta` end to end: JSON keys and a recomputed objective on a small hand-made
//! instance, and exit code 2 with `file:line` on a malformed one.

use super::{kizuna, stderr, stdout};

/// 2 weapon types (1 unit each), 2 targets (values 10 and 5).
const SMALL: &str = "2 2 1\n10\n5\n0 0 0.5\n0 1 0.9\n1 0 0.8\n1 1 0.1\n";

#[test]
fn wta_json_has_the_keys_and_the_optimal_objective() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("small.txt");
    std::fs::write(&file, SMALL).expect("write instance");
    let path = file.to_str().expect("utf-8 path");
    for solver in ["greedy", "local", "exact"] {
        let o = kizuna(&["wta", "--instance", path, "--solver", solver, "--json"]);
        assert!(o.status.success(), "{solver}: {}", stderr(&o));
        let v: serde_json::Value =
            serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
        for key in ["objective", "bound", "seconds", "solver", "assignment"] {
            assert!(v.get(key).is_some(), "{solver}: missing {key} in {v}");
        }
        assert_eq!(v["solver"], solver);
        // Best: weapon 1 on target 0 (10·0.2 = 2), weapon 0 on target 1 (5·0.1 = 0.5): 2.5.
        let obj = v["objective"].as_f64().expect("number");
        assert!((obj - 2.5).abs() < 1e-12, "{solver}: objective {obj}");
        let shots = v["assignment"].as_array().expect("list");
        assert_eq!(shots.len(), 2, "{solver}: {shots:?}");
        if solver == "exact" {
            assert_eq!(v["proven_optimal"], true);
            assert!(v["bound"].as_f64().expect("bound") <= obj + 1e-12);
        } else {
            assert!(v["bound"].is_null());
        }
    }
    let o = kizuna(&["wta", "--instance", path, "--time-limit", "0.2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("objective  2.500000"), "{}", stdout(&o));
    // With a time limit `local` runs its price search and certifies a Lagrangian bound.
    let o = kizuna(&["wta", "--instance", path, "--time-limit", "0.2", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
    let (obj, bound) = (v["objective"].as_f64(), v["bound"].as_f64());
    let (obj, bound) = (
        obj.expect("objective"),
        bound.expect("a bound with a time limit"),
    );
    assert!(
        bound > 0.0 && bound <= obj + 1e-12,
        "bound {bound}, objective {obj}"
    );
    assert_eq!(v["time_limit"], 0.2);
}

#[test]
fn wta_malformed_instance_exits_2_with_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.txt");
    std::fs::write(&file, "2 2 1\n10\n5\n0 0 0.5\n0 1 x\n1 0 0.8\n1 1 0.1\n").expect("write");
    let o = kizuna(&["wta", "--instance", file.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bad.txt") && err.contains("line 5"), "{err}");
}
