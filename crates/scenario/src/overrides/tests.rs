//! Overrides: each selector form, each error, and that overridden built-ins still load.

use super::*;
use crate::builtin;

fn ov(list: &[&str]) -> Vec<Override> {
    list.iter()
        .map(|s| Override::parse(s).expect("valid override"))
        .collect()
}

fn apply(text: &str, list: &[&str]) -> Result<toml::Table, OverrideError> {
    let edited = apply_overrides(text, &ov(list))?;
    Ok(edited.parse().expect("edited text is TOML"))
}

const SMALL: &str = r#"# a comment that must survive
[scenario]
name = "x"

[[link]]
name = "A-B"
latency_ms = 20 # keep me

[[link]]
name = "A-C"
latency_ms = 30

[[sensor]]
name = "S1"
nation = "JPN"
release_to = ["JPN", "USA"]

[[node]]
name = "N1"
nation = "USA"
"#;

fn links(t: &toml::Table, key: &str) -> Vec<toml::Value> {
    t["link"]
        .as_array()
        .expect("links")
        .iter()
        .map(|l| l[key].clone())
        .collect()
}

#[test]
fn plain_keys_set_and_create_tables() {
    let t = apply(
        SMALL,
        &[
            "network.sharing=\"measurement\"",
            "c2.engage_on_remote=true",
        ],
    )
    .expect("applies");
    assert_eq!(t["network"]["sharing"].as_str(), Some("measurement"));
    assert_eq!(t["c2"]["engage_on_remote"].as_bool(), Some(true));
    // A bare word is a string; numbers stay numbers.
    let t = apply(
        SMALL,
        &[
            "network.sharing=track",
            "scenario.name=y",
            "scenario.seed=5",
        ],
    )
    .expect("applies");
    assert_eq!(t["network"]["sharing"].as_str(), Some("track"));
    assert_eq!(t["scenario"]["name"].as_str(), Some("y"));
    assert_eq!(t["scenario"]["seed"].as_integer(), Some(5));
}

#[test]
fn selectors_pick_all_or_by_name() {
    let t = apply(SMALL, &["link[*].latency_ms=500"]).expect("applies");
    let all = links(&t, "latency_ms");
    assert!(all.iter().all(|v| v.as_integer() == Some(500)), "{all:?}");
    let t = apply(SMALL, &["link[A-C].loss=0.1"]).expect("applies");
    assert_eq!(t["link"][1]["loss"].as_float(), Some(0.1));
    assert!(t["link"][0].get("loss").is_none());
    let t = apply(SMALL, &["sensor[*].release_to=[\"JPN\"]"]).expect("applies");
    assert_eq!(
        t["sensor"][0]["release_to"].as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn edits_keep_comments_and_lines() {
    let edited = apply_overrides(SMALL, &ov(&["link[A-B].latency_ms=45"])).expect("applies");
    assert!(edited.contains("# a comment that must survive"));
    assert!(edited.contains("latency_ms = 45 # keep me"), "{edited}");
    assert_eq!(edited.lines().count(), SMALL.lines().count());
}

#[test]
fn release_national_limits_each_entity_to_its_nation() {
    let t = apply(SMALL, &["release=national"]).expect("applies");
    let rel = |a: &str| t[a][0]["release_to"].clone();
    assert_eq!(rel("sensor"), toml::Value::Array(vec!["JPN".into()]));
    assert_eq!(rel("node"), toml::Value::Array(vec!["USA".into()]));
}

#[test]
fn errors_name_the_override_and_the_problem() {
    let e = apply(SMALL, &["link[A-Z].loss=0.1"]).expect_err("no such link");
    assert!(
        matches!(&e, OverrideError::UnknownName { name, names, .. }
            if name == "A-Z" && names == &["A-B", "A-C"]),
        "{e:?}"
    );
    assert!(e.to_string().contains("link[A-Z].loss"), "{e}");
    let e = apply(SMALL, &["scenario[*].name=a"]).expect_err("not an array");
    assert!(matches!(e, OverrideError::NotTableArray { .. }), "{e:?}");
    let e = apply(SMALL, &["link.latency_ms=5"]).expect_err("needs a selector");
    assert!(matches!(e, OverrideError::NeedsSelector { .. }), "{e:?}");
    let e = apply(SMALL, &["scenario.name.x=5"]).expect_err("through a value");
    assert!(matches!(e, OverrideError::NotATable { .. }), "{e:?}");
    let e = apply(SMALL, &["scenario=5"]).expect_err("replace a table");
    assert!(matches!(e, OverrideError::NotAValue { .. }), "{e:?}");
    for bad in [
        "noequals",
        "a..b=1",
        "a[=1",
        "link[*]x.y=1",
        "k=",
        "release=all",
        "a b=1",
    ] {
        assert!(
            matches!(Override::parse(bad), Err(OverrideError::Syntax { .. })),
            "{bad:?} parsed"
        );
    }
    let e = apply_overrides("[[[", &ov(&["a=1"])).expect_err("not TOML");
    assert!(matches!(e, OverrideError::Document { .. }), "{e:?}");
}

#[test]
fn overridden_builtins_still_load_and_take_effect() {
    for (name, _) in builtin::list() {
        let text = builtin::get(name).expect("built-in");
        let edited = apply_overrides(
            text,
            &ov(&[
                "release=national",
                "c2.remote_from=own_nation",
                "network.sharing=measurement",
                "link[*].latency_ms=500",
                "link[*].loss=0.1",
            ]),
        )
        .expect("applies");
        let input = crate::load(name, &edited).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            input
                .links
                .iter()
                .all(|l| (l.loss.get() - 0.1).abs() < 1e-12),
            "{name}"
        );
        assert!(input.sensors.iter().all(|s| s.release_to.len() == 1));
        assert!(
            input
                .fire_units
                .iter()
                .all(|f| f.remote.from == sim::RemoteFrom::OwnNation),
            "{name}"
        );
    }
    // A bad value is reported by the validator at the edited line.
    let text = builtin::get("two-nation-salvo").expect("built-in");
    let edited = apply_overrides(text, &ov(&["network.sharing=sideways"])).expect("applies");
    let err = crate::load("t.toml", &edited).expect_err("invalid sharing");
    assert!(err.to_string().contains("sideways"), "{err}");
}
