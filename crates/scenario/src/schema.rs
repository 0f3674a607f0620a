//! The JSON Schema (draft 2020-12) of the format, generated from the same tables the walker
//! checks against ([`crate::format`]), so the two cannot drift. It covers keys, types, ranges,
//! enum values, variants and alternatives; names, cross-references and hierarchy rules are
//! beyond JSON Schema and only `kizuna validate` checks them.

use serde_json::{Map, Value, json};

use crate::format::{ALL_TABLES, FORMAT_VERSION, ROOT};
use crate::spec::{Bound, DefaultValue, FieldSpec, Kind, Presence, TableSpec, Text};

/// The JSON Schema of the scenario format (draft 2020-12), for editor completion. A TOML file
/// is checked against it as the JSON of its parsed value (date-times as strings).
pub fn json_schema() -> Value {
    let mut defs = Map::new();
    for spec in ALL_TABLES.iter().filter(|s| s.name != ROOT.name) {
        defs.insert(spec.name.to_owned(), table(spec));
    }
    let mut schema = table(&ROOT);
    if let Value::Object(map) = &mut schema {
        map.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        map.insert(
            "title".into(),
            json!(format!("Kizuna scenario, format_version {FORMAT_VERSION}")),
        );
        map.insert("$defs".into(), Value::Object(defs));
    }
    schema
}

fn table(spec: &TableSpec) -> Value {
    let properties: Map<String, Value> = spec
        .fields
        .iter()
        .map(|f| (f.key.to_owned(), field(f)))
        .collect();
    let required: Vec<&str> = spec
        .fields
        .iter()
        .filter(|f| matches!(f.presence, Presence::Required))
        .map(|f| f.key)
        .collect();
    let mut all_of = Vec::new();
    if let Some(tag) = spec.tag {
        for value in spec.tag_values() {
            let required: Vec<&str> = spec
                .fields
                .iter()
                .filter(|f| f.required_for(Some(value)))
                .map(|f| f.key)
                .collect();
            let forbidden: Map<String, Value> = spec
                .fields
                .iter()
                .filter(|f| !f.applies_to(Some(value)))
                .map(|f| (f.key.to_owned(), Value::Bool(false)))
                .collect();
            all_of.push(json!({
                "if": { "properties": { tag: { "const": value } }, "required": [tag] },
                "then": { "required": required, "properties": forbidden },
            }));
        }
    }
    for group in spec.one_of {
        let one_of: Vec<Value> = group
            .keys
            .iter()
            .map(|k| json!({ "required": [k] }))
            .collect();
        match (group.when, spec.tag) {
            (Some(values), Some(tag)) => all_of.push(json!({
                "if": { "properties": { tag: { "enum": values } }, "required": [tag] },
                "then": { "oneOf": one_of },
            })),
            _ => all_of.push(json!({ "oneOf": one_of })),
        }
    }
    for c in spec.conflicts {
        for other in c.with {
            all_of.push(json!({ "not": { "required": [c.key, other] } }));
        }
    }
    let mut out = json!({
        "type": "object",
        "description": spec.doc,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    if !all_of.is_empty()
        && let Value::Object(map) = &mut out
    {
        map.insert("allOf".into(), Value::Array(all_of));
    }
    out
}

fn field(f: &FieldSpec) -> Value {
    let mut schema = kind(&f.kind);
    if let Value::Object(map) = &mut schema {
        let description = match f.presence.default_by_text() {
            Some(by) => format!("{} Default {by}.", f.doc),
            None => f.doc.to_owned(),
        };
        map.insert("description".into(), json!(description));
        if let Presence::Default(d) = f.presence {
            let value = match d {
                DefaultValue::Num(v) => json!(v),
                DefaultValue::Int(v) => json!(v),
                DefaultValue::Bool(v) => json!(v),
                DefaultValue::Text(v) => json!(v),
            };
            map.insert("default".into(), value);
        }
    }
    schema
}

fn kind(of: &Kind) -> Value {
    match of {
        Kind::Version => json!({ "type": "integer", "const": FORMAT_VERSION }),
        Kind::Number { min, max, .. } => {
            let mut map = Map::new();
            map.insert("type".into(), json!("number"));
            match min {
                Bound::Incl(v) => {
                    map.insert("minimum".into(), json!(v));
                }
                Bound::Excl(v) => {
                    map.insert("exclusiveMinimum".into(), json!(v));
                }
            }
            match max {
                Bound::Incl(v) => {
                    map.insert("maximum".into(), json!(v));
                }
                Bound::Excl(v) => {
                    map.insert("exclusiveMaximum".into(), json!(v));
                }
            }
            Value::Object(map)
        }
        Kind::Integer { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Text(text) => match text {
            Text::Name | Text::Ref(_) => json!({ "type": "string", "pattern": "^\\S(.*\\S)?$" }),
            Text::Free => json!({ "type": "string" }),
            Text::Nation => json!({ "type": "string", "pattern": "^[A-Z]{3}$" }),
            Text::LaunchArea => json!({ "type": "string", "pattern": "^RED-[0-9]{1,3}$" }),
            Text::SigningKey => json!({ "type": "string", "pattern": "^[0-9A-Fa-f]{64}$" }),
            Text::Timestamp => json!({
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}[Zz]$",
            }),
        },
        Kind::Enum(values) => json!({ "type": "string", "enum": values }),
        Kind::IntEnum { values, .. } => json!({ "type": "integer", "enum": values }),
        Kind::Table(spec) => json!({ "$ref": format!("#/$defs/{}", spec.name) }),
        Kind::List(list) => {
            let mut map = Map::new();
            map.insert("type".into(), json!("array"));
            map.insert("items".into(), kind(&list.item));
            map.insert("minItems".into(), json!(list.min_items));
            if list.max_items != usize::MAX {
                map.insert("maxItems".into(), json!(list.max_items));
            }
            if list.unique {
                map.insert("uniqueItems".into(), json!(true));
            }
            Value::Object(map)
        }
        Kind::Tables { spec, min_items } => json!({
            "type": "array",
            "items": { "$ref": format!("#/$defs/{}", spec.name) },
            "minItems": min_items,
        }),
    }
}
