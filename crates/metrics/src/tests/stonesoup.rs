//! `val_stonesoup_*`: GOSPA and OSPA against Stone Soup 1.9.1 on identical inputs. The golden
//! file and its generator live in `tests/reference/stonesoup/` (see its README).
//!
//! Tolerance 1e-9 relative: the values are sums of at most ~20 terms computed in a different
//! order, with a different `pow` and `sqrt` path (numpy/scipy vs Rust libm); a few ulps apart.

use crate::{gospa, ospa};
use serde_json::Value;

const GOLDEN: &str = include_str!("../../tests/reference/stonesoup/gospa_ospa.json");

fn cases() -> Vec<Value> {
    let golden: Value = serde_json::from_str(GOLDEN).expect("golden file is JSON");
    assert_eq!(golden["format"], "kizuna-metrics-golden/1");
    assert_eq!(golden["versions"]["stonesoup"], "1.9.1");
    golden["cases"].as_array().expect("cases array").clone()
}

fn points(v: &Value) -> Vec<Vec<f64>> {
    let rows = v.as_array().expect("point list");
    rows.iter()
        .map(|p| {
            p.as_array()
                .expect("point")
                .iter()
                .map(|x| x.as_f64().expect("coordinate"))
                .collect()
        })
        .collect()
}

fn num(v: &Value) -> f64 {
    v.as_f64().expect("number")
}

/// Relative deviation, exact zero only matching exact zero.
fn rel(ours: f64, theirs: f64) -> f64 {
    if ours == theirs {
        0.0
    } else {
        (ours - theirs).abs() / ours.abs().max(theirs.abs())
    }
}

#[test]
fn val_stonesoup_gospa_total_decomposition_and_assignment() {
    let mut steps = 0;
    for case in cases() {
        let (name, c, p) = (&case["name"], num(&case["c"]), num(&case["p"]));
        for (k, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
            let (truths, tracks) = (points(&step["truths"]), points(&step["tracks"]));
            let g = gospa(&truths, &tracks, c, p);
            let expected = &step["gospa"];
            for (ours, key) in [
                (g.total, "distance"),
                (g.localisation, "localisation"),
                (g.missed, "missed"),
                (g.false_tracks, "false"),
            ] {
                let dev = rel(ours, num(&expected[key]));
                assert!(
                    dev <= 1e-9,
                    "{name} step {k} {key}: {ours} vs {}",
                    expected[key]
                );
            }
            let theirs: Vec<Option<usize>> = step["assignment"]
                .as_array()
                .expect("assignment")
                .iter()
                .map(|a| usize::try_from(a.as_i64().expect("index")).ok())
                .collect();
            assert_eq!(g.assignment, theirs, "{name} step {k} assignment");
            steps += 1;
        }
    }
    assert_eq!(steps, 90, "every golden step was checked");
}

#[test]
fn val_stonesoup_ospa_exact_and_where_stonesoup_agrees() {
    let mut disagreements = 0;
    for case in cases() {
        let (name, c, p) = (&case["name"], num(&case["c"]), num(&case["p"]));
        for (k, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
            let ours = ospa(&points(&step["truths"]), &points(&step["tracks"]), c, p);
            let (theirs, exact) = (num(&step["ospa"]), num(&step["ospa_exact"]));
            assert!(
                rel(ours, exact) <= 1e-9,
                "{name} step {k}: {ours} vs exact {exact}"
            );
            if rel(theirs, exact) <= 1e-12 {
                assert!(
                    rel(ours, theirs) <= 1e-9,
                    "{name} step {k}: {ours} vs {theirs}"
                );
            } else {
                // Stone Soup minimised Σ min(d, c), not Σ min(d, c)^p: ours is the minimum.
                assert!(
                    p != 1.0 && ours < theirs,
                    "{name} step {k}: {ours} vs {theirs}"
                );
                disagreements += 1;
            }
        }
    }
    assert!(
        disagreements >= 1,
        "the golden file exercises the p != 1 difference"
    );
}
