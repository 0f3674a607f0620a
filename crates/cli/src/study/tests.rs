//! Unit tests of the study plumbing: seeds, variant and value parsing, measure flattening.

use super::measures::{MeasureTable, RunMeasures};
use super::runs::run_seed;
use super::variants::{parse_all, split_values};
use serde_json::json;

#[test]
fn seeds_are_distinct_reproducible_and_prefix_stable() {
    let a: Vec<u64> = (0..1000).map(|i| run_seed(20_270_715, i)).collect();
    let set: std::collections::BTreeSet<_> = a.iter().collect();
    assert_eq!(set.len(), a.len());
    assert_eq!(run_seed(20_270_715, 3), a[3]);
    assert_ne!(run_seed(1, 0), run_seed(2, 0));
    // SplitMix64's published first output for state 0 (Vigna's reference implementation).
    assert_eq!(run_seed(0, 0), 0xE220_A839_7B1D_CDAF);
}

#[test]
fn values_split_outside_brackets_and_quotes() {
    assert_eq!(split_values("50,500"), ["50", "500"]);
    assert_eq!(
        split_values(r#"["USA","JPN"], ["USA"]"#),
        [r#"["USA","JPN"]"#, r#"["USA"]"#]
    );
    assert_eq!(split_values(r#""a,b",c"#), [r#""a,b""#, "c"]);
    assert!(split_values(" , ").is_empty());
}

#[test]
fn variants_builtin_user_and_errors() {
    let all = parse_all(&[]).expect("built-ins");
    let names: Vec<_> = all.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "standalone",
            "national",
            "allied-picture",
            "allied-lor",
            "allied-eor",
            "composite"
        ]
    );
    let v = parse_all(&[
        "allied-eor".to_owned(),
        "slow=allied-picture;link[*].latency_ms=2000".to_owned(),
    ])
    .expect("parses");
    assert_eq!(v[1].name, "slow");
    let ovs: Vec<String> = v[1].overrides.iter().map(ToString::to_string).collect();
    assert_eq!(
        ovs,
        [
            "network.sharing=\"track\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"own_nation\"",
            "link[*].latency_ms=2000"
        ]
    );
    assert!(parse_all(&["nope".to_owned()]).is_err());
    assert!(parse_all(&["x=nope".to_owned()]).is_err());
    assert!(parse_all(&["x=a..b=1".to_owned()]).is_err());
    assert!(parse_all(&["national".to_owned(), "national".to_owned()]).is_err());
}

/// Issue 18: a variant label is a name like the scenario's own — printable text of at most
/// 100 characters (it lands in runs.csv, study.json, the report and the terminal).
#[test]
fn issue_18_variant_labels_are_printable_names() {
    for (label, why) in [
        ("a\u{202E}b", "found the character U+202E"),
        ("a\u{1}b", "found the character U+0001"),
        ("a\u{200B}", "found the character U+200B"),
    ] {
        let err = parse_all(&[format!("{label}=link[*].loss=0.1")]).expect_err(label);
        assert!(err.to_string().ends_with(why), "{err}");
    }
    let long = "x".repeat(101);
    let err = parse_all(&[format!("{long}=link[*].loss=0.1")]).expect_err("long");
    assert!(err.to_string().contains("at most 100 characters"), "{err}");
    // A formula-like label is printable: it is neutralised in runs.csv instead.
    parse_all(&["@SUM(A1)=link[*].loss=0.1".to_owned()]).expect("printable");
}

#[test]
fn former_names_are_aliases_that_keep_the_name_given() {
    let overrides = |c: &super::runs::Cell| -> Vec<String> {
        c.overrides.iter().map(ToString::to_string).collect()
    };
    for (old, new) in [
        ("networked", "allied-picture"),
        ("networked+eor", "allied-eor"),
    ] {
        let cells = parse_all(&[old.to_owned(), new.to_owned()]).expect("parses");
        assert_eq!((cells[0].name.as_str(), cells[1].name.as_str()), (old, new));
        assert_eq!(overrides(&cells[0]), overrides(&cells[1]), "{old} = {new}");
    }
}

#[test]
fn each_rung_of_the_ladder_changes_one_thing() {
    use super::variants::LADDER;
    let set = |i: usize| -> std::collections::BTreeSet<&str> {
        LADDER[i].overrides.iter().copied().collect()
    };
    // What each step adds and removes, in ladder order.
    let steps: Vec<(Vec<&str>, Vec<&str>)> = (1..LADDER.len())
        .map(|i| {
            let (a, b) = (set(i - 1), set(i));
            (
                b.difference(&a).copied().collect(),
                a.difference(&b).copied().collect(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            // standalone → national: remote engagement inside the nation.
            (
                vec![
                    "c2.remote_from=\"own_nation\"",
                    "c2.remote_use=\"engage_on_remote\""
                ],
                vec!["c2.remote_use=\"autonomous\""]
            ),
            // national → allied-picture: nations release to each other.
            (vec![], vec!["release=national"]),
            // allied-picture → allied-lor: launch on allies' data too.
            (vec!["c2.launch_on_remote_from=\"allies\""], vec![]),
            // allied-lor → allied-eor: engage on them.
            (
                vec!["c2.remote_from=\"allies\""],
                vec![
                    "c2.launch_on_remote_from=\"allies\"",
                    "c2.remote_from=\"own_nation\""
                ]
            ),
            // allied-eor → composite: measurement-level sharing.
            (
                vec!["network.sharing=\"measurement\""],
                vec!["network.sharing=\"track\""]
            ),
        ]
    );
}

#[test]
fn measures_flatten_scalars_and_fill_absent_counters() {
    let run = |denied: serde_json::Value, gospa: serde_json::Value| {
        RunMeasures::from_json(&json!({
            "scenario": "x",
            "moe": {"leakers": 2, "shots_per_kill": null, "engagements_denied": denied},
            "network": {"sharing": "track", "links": [{"sent": 4}], "mean_picture_gospa": gospa,
                        "rejected": {}},
            "nodes": [{"tracks": 3}],
        }))
    };
    let a = run(json!({"track_quality": 3}), json!(120.5));
    let b = run(json!({"no_authority": 1}), json!(null));
    assert_eq!(a.get("moe.leakers"), Some(2.0));
    assert_eq!(a.get("moe.shots_per_kill"), None);
    assert_eq!(a.get("moe.engagements_denied.no_authority"), Some(0.0));
    assert_eq!(a.get("siap.completeness"), None);
    let table = MeasureTable::new(&[vec![a, b]]);
    assert_eq!(
        table.names,
        [
            "moe.engagements_denied.no_authority",
            "moe.engagements_denied.track_quality",
            "moe.leakers",
            "moe.shots_per_kill",
            "network.mean_picture_gospa",
        ]
    );
    let stats = table.stats(0);
    assert_eq!((stats[0].n, stats[0].mean), (2, 0.5));
    assert_eq!((stats[4].n, stats[4].mean), (1, 120.5));
    assert_eq!(stats[3].n, 0);
    assert_eq!(table.row(0, 1)[1], Some(0.0));
}

#[test]
fn paired_rows_difference_variant_minus_baseline() {
    let run = |l: u64| RunMeasures::from_json(&json!({"moe": {"leakers": l}}));
    let base = vec![run(5), run(6), run(7)];
    let var = vec![run(3), run(3), run(4)];
    let table = MeasureTable::new(&[base, var]);
    let d = table.paired(1, 0, "v");
    assert_eq!(d.len(), 1);
    assert!((d[0].mean - (-8.0 / 3.0)).abs() < 1e-12, "{d:?}");
    assert!(d[0].significant && d[0].ci_high < 0.0, "{d:?}");
}

#[test]
fn tables_hide_constants_and_duplicates_keeping_the_listed_measure() {
    let run = |leakers: u64, fraction: f64, nodes: u64| {
        RunMeasures::from_json(&json!({
            "moe": {"asset_value_hit_fraction": fraction, "leakers": leakers,
                    "leakers_on_assets": leakers, "intercepts": 3 - leakers},
            "siap": {"nodes": nodes},
        }))
    };
    let table = MeasureTable::new(&[vec![run(1, 1.0, 3), run(0, 0.0, 3)]]);
    let hidden = table.hidden(super::output::MAIN);
    assert_eq!(hidden.constants, [("siap.nodes".to_owned(), 3.0)]);
    // Same values in every run: the listed measure (leakers) stays, its twin is hidden; a
    // fraction that happens to equal a count is a different unit and stays.
    assert_eq!(
        hidden.duplicates,
        [("moe.leakers_on_assets".to_owned(), "moe.leakers".to_owned())]
    );
    assert!(!hidden.hides("moe.asset_value_hit_fraction") && !hidden.hides("moe.leakers"));
}
