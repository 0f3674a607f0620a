//! Unit tests across modules: the JSON Schema and the README follow the format tables.

use std::collections::BTreeSet;

use crate::format::ALL_TABLES;
use crate::spec::{Bound, DefaultValue, Kind, Presence, TableSpec};

/// Tables reachable from `spec` through `Table`/`Tables` keys.
fn children(spec: &TableSpec) -> impl Iterator<Item = &'static TableSpec> + '_ {
    spec.fields.iter().filter_map(|f| match f.kind {
        Kind::Table(s) | Kind::Tables { spec: s, .. } => Some(s),
        _ => None,
    })
}

#[test]
fn schema_keys_are_exactly_the_walker_keys() {
    let schema = crate::json_schema();
    for spec in ALL_TABLES {
        let node = if spec.name == "scenario_file" {
            &schema
        } else {
            &schema["$defs"][spec.name]
        };
        let in_schema: BTreeSet<&str> = node["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("no properties for {}", spec.name))
            .keys()
            .map(String::as_str)
            .collect();
        let in_walker: BTreeSet<&str> = spec.fields.iter().map(|f| f.key).collect();
        assert_eq!(in_schema, in_walker, "{}", spec.name);
        assert_eq!(
            node["additionalProperties"], false,
            "{}: unknown keys are errors",
            spec.name
        );
        for child in children(spec) {
            assert!(
                ALL_TABLES.iter().any(|t| t.name == child.name),
                "{} not in $defs",
                child.name
            );
        }
    }
}

#[test]
fn tags_and_alternatives_name_real_keys() {
    for spec in ALL_TABLES {
        if let Some(tag) = spec.tag {
            assert!(
                matches!(spec.field(tag).map(|f| &f.kind), Some(Kind::Enum(_))),
                "{}",
                spec.name
            );
        }
        for f in spec.fields {
            for t in f.only_for.unwrap_or_default() {
                assert!(
                    spec.tag_values().contains(t),
                    "{}.{}: {t}",
                    spec.name,
                    f.key
                );
            }
        }
        for group in spec.one_of {
            assert!(
                group.keys.iter().all(|k| spec.field(k).is_some()),
                "{}",
                spec.name
            );
        }
        for f in spec.fields {
            if let Presence::DefaultBy { by, values } = f.presence {
                let Some(Kind::Enum(allowed)) = spec.field(by).map(|b| &b.kind) else {
                    panic!("{}.{}: selector {by} is not an enum key", spec.name, f.key);
                };
                for (v, _) in values {
                    assert!(allowed.contains(v), "{}.{}: {by} {v}", spec.name, f.key);
                }
            }
        }
        for c in spec.conflicts {
            for k in core::iter::once(&c.key).chain(c.with) {
                assert!(spec.field(k).is_some(), "{}: conflict names {k}", spec.name);
            }
        }
        let keys: BTreeSet<&str> = spec.fields.iter().map(|f| f.key).collect();
        assert_eq!(
            keys.len(),
            spec.fields.len(),
            "{}: duplicate key",
            spec.name
        );
    }
}

const BEGIN: &str = "<!-- BEGIN generated key reference";
const END: &str = "<!-- END generated key reference -->";

#[test]
fn readme_key_reference_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("crates/scenario/README.md exists");
    let start = readme.find(BEGIN).expect("README has the BEGIN marker");
    let body_start = start + readme[start..].find('\n').expect("marker line ends") + 1;
    let end = readme.find(END).expect("README has the END marker");
    let generated = crate::reference::reference_markdown();
    if readme[body_start..end] != generated {
        if std::env::var_os("KIZUNA_BLESS").is_some() {
            let updated = format!("{}{generated}{}", &readme[..body_start], &readme[end..]);
            std::fs::write(&path, updated).expect("README is writable");
        } else {
            panic!(
                "crates/scenario/README.md key reference is stale: KIZUNA_BLESS=1 cargo test -p scenario"
            );
        }
    }
}

/// Whether a default is a value the walker would accept for `kind`.
fn default_fits(kind: &Kind, d: DefaultValue) -> bool {
    let within = |v: f64, min: Bound, max: Bound| {
        let lo = match min {
            Bound::Incl(m) => v >= m,
            Bound::Excl(m) => v > m,
        };
        let hi = match max {
            Bound::Incl(m) => v <= m,
            Bound::Excl(m) => v < m,
        };
        lo && hi
    };
    match (kind, d) {
        (Kind::Number { min, max, .. }, DefaultValue::Num(v)) => within(v, *min, *max),
        (Kind::Integer { min, max }, DefaultValue::Int(v)) => (*min..=*max).contains(&v),
        (Kind::IntEnum { values, .. }, DefaultValue::Int(v)) => values.contains(&v),
        (Kind::Bool, DefaultValue::Bool(_)) => true,
        (Kind::Enum(values), DefaultValue::Text(v)) => values.contains(&v),
        _ => false,
    }
}

#[test]
fn defaults_are_valid_values_of_their_keys() {
    for spec in ALL_TABLES {
        for f in spec.fields {
            let defaults: Vec<DefaultValue> = match f.presence {
                Presence::Default(d) => vec![d],
                Presence::DefaultBy { values, .. } => values.iter().map(|(_, d)| *d).collect(),
                _ => Vec::new(),
            };
            for d in defaults {
                assert!(default_fits(&f.kind, d), "{}.{}: {d:?}", spec.name, f.key);
            }
        }
    }
}

#[test]
fn selected_defaults_and_conflicts_are_in_the_schema() {
    let schema = crate::json_schema();
    let rcs = &schema["$defs"]["threat"]["properties"]["rcs_m2"]["description"];
    assert!(
        rcs.as_str().is_some_and(
            |d| d.ends_with(" Default by class: srbm 0.1, mrbm 0.05, irbm 0.03, cruise 0.1.")
        ),
        "{rcs}"
    );
    let scan = &schema["$defs"]["sensor"]["properties"]["scan"]["default"];
    assert_eq!(scan, "rotator");
    let swerling = &schema["$defs"]["traffic"]["properties"]["swerling"];
    assert_eq!(swerling["enum"], serde_json::json!([0, 1, 3]));
    let all_of = schema["$defs"]["sensor"]["allOf"].to_string();
    assert!(
        all_of.contains(r#"{"not":{"required":["pd","ref_snr_db"]}}"#),
        "{all_of}"
    );
}
