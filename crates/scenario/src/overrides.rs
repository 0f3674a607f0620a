//! Overrides: `path=value` edits applied to a scenario's TOML text before it is validated, so
//! an overridden value is checked (and located) exactly like one written in the file.
//!
//! Paths are dotted keys with selectors on table arrays:
//!
//! | override                           | effect                                            |
//! |------------------------------------|---------------------------------------------------|
//! | `network.sharing="measurement"`    | a key of a table (`[network]` created if absent)  |
//! | `c2.shoot_look_shoot=false`        | a boolean                                         |
//! | `link[*].latency_ms=500`           | the key in every `[[link]]`                       |
//! | `link[CJTF-JPN].loss=0.1`          | the key in the `[[link]]` whose `name` is that    |
//! | `sensor[*].release_to=["USA"]`     | an array                                          |
//! | `release=national`                 | every `[[sensor]]` and `[[node]]` `release_to` = its own `nation` |
//!
//! The value is read as a TOML value; a bare word that is not TOML (`measurement`) is a string.
//! Edits go through `toml_edit`, so the rest of the file keeps its layout and comments, and
//! lines that are not edited keep their line numbers in diagnostics (an edit that creates a
//! table appends it at the end).

use std::fmt;
use std::str::FromStr;
use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

/// One override, parsed (see the module docs for the forms).
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    text: String,
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Set { path: Vec<Step>, value: String },
    ReleaseNational,
}

/// One segment of a path: a key, and for table arrays which elements.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    key: String,
    select: Option<Select>,
}

#[derive(Clone, Debug, PartialEq)]
enum Select {
    All,
    Name(String),
}

/// Why an override could not be parsed or applied. Every variant names the override.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OverrideError {
    /// Not of the form `path=value`, or the path is malformed.
    #[error("override {text:?}: {reason}")]
    Syntax {
        /// The override as given.
        text: String,
        /// What is wrong.
        reason: String,
    },
    /// The scenario text itself is not TOML (validate it for the located errors).
    #[error("the scenario is not valid TOML, so override {text:?} cannot be applied: {reason}")]
    Document {
        /// The override as given.
        text: String,
        /// The parser's message.
        reason: String,
    },
    /// A `[NAME]` selector matched no element.
    #[error("override {text:?}: no [[{array}]] named {name:?} (names: {})", names.join(", "))]
    UnknownName {
        /// The override as given.
        text: String,
        /// The table array.
        array: String,
        /// The name asked for.
        name: String,
        /// The names that exist.
        names: Vec<String>,
    },
    /// A selector on a key that is not a table array (or is absent).
    #[error("override {text:?}: `{key}` is not a table array ([[{key}]]) in this scenario")]
    NotTableArray {
        /// The override as given.
        text: String,
        /// The key.
        key: String,
    },
    /// A table array used without a selector.
    #[error(
        "override {text:?}: `{key}` is a table array: select elements with {key}[*] or {key}[NAME]"
    )]
    NeedsSelector {
        /// The override as given.
        text: String,
        /// The key.
        key: String,
    },
    /// A path goes through a value that is not a table.
    #[error("override {text:?}: `{key}` is a value, not a table")]
    NotATable {
        /// The override as given.
        text: String,
        /// The key.
        key: String,
    },
    /// The last key names a table, which a value cannot replace.
    #[error("override {text:?}: `{key}` is a table, not a value")]
    NotAValue {
        /// The override as given.
        text: String,
        /// The key.
        key: String,
    },
}

impl Override {
    /// Parses `path=value` (or `release=national`).
    pub fn parse(text: &str) -> Result<Self, OverrideError> {
        let syntax = |reason: &str| OverrideError::Syntax {
            text: text.to_owned(),
            reason: reason.to_owned(),
        };
        let (path, value) = text
            .split_once('=')
            .ok_or_else(|| syntax("expected PATH=VALUE"))?;
        let (path, value) = (path.trim(), value.trim());
        if value.is_empty() {
            return Err(syntax("empty value"));
        }
        if path == "release" {
            return match value {
                "national" => Ok(Override {
                    text: text.to_owned(),
                    kind: Kind::ReleaseNational,
                }),
                _ => Err(syntax("the only `release` override is release=national")),
            };
        }
        let path = parse_path(path).map_err(|r| syntax(&r))?;
        Ok(Override {
            text: text.to_owned(),
            kind: Kind::Set {
                path,
                value: value.to_owned(),
            },
        })
    }

    /// The override as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl FromStr for Override {
    type Err = OverrideError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Override::parse(s)
    }
}

impl fmt::Display for Override {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn parse_path(path: &str) -> Result<Vec<Step>, String> {
    let mut segments = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in path.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '.' if depth == 0 => {
                segments.push(&path[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    segments.push(&path[start..]);
    segments
        .into_iter()
        .map(|seg| {
            let (key, select) = match seg.split_once('[') {
                None => (seg, None),
                Some((key, rest)) => {
                    let inner = rest
                        .strip_suffix(']')
                        .filter(|s| !s.is_empty() && !s.contains(['[', ']']))
                        .ok_or_else(|| format!("malformed selector in `{seg}`"))?;
                    let select = match inner {
                        "*" => Select::All,
                        name => Select::Name(name.to_owned()),
                    };
                    (key, Some(select))
                }
            };
            let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
            if key.is_empty() || !key.chars().all(bare) {
                return Err(format!("`{key}` is not a key in path `{path}`"));
            }
            Ok(Step {
                key: key.to_owned(),
                select,
            })
        })
        .collect()
}

/// A value as TOML, or as a string when it is not TOML (a bare word).
fn parse_value(text: &str) -> Value {
    text.parse::<Value>()
        .unwrap_or_else(|_| Value::from(text.to_owned()))
}

/// Applies the overrides in order to the scenario text and returns the edited text.
pub fn apply_overrides(text: &str, overrides: &[Override]) -> Result<String, OverrideError> {
    if overrides.is_empty() {
        return Ok(text.to_owned());
    }
    let mut doc: DocumentMut =
        text.parse()
            .map_err(|e: toml_edit::TomlError| OverrideError::Document {
                text: overrides[0].text.clone(),
                reason: e.message().to_owned(),
            })?;
    for o in overrides {
        match &o.kind {
            Kind::Set { path, value } => {
                set(doc.as_table_mut(), path, &parse_value(value), &o.text)?;
            }
            Kind::ReleaseNational => release_national(doc.as_table_mut()),
        }
    }
    Ok(doc.to_string())
}

fn set(
    table: &mut dyn TableLike,
    path: &[Step],
    value: &Value,
    text: &str,
) -> Result<(), OverrideError> {
    let (step, rest) = path.split_first().expect("a parsed path has a key");
    let key = step.key.as_str();
    let err_key = || key.to_owned();
    if let Some(select) = &step.select {
        let Some(array) = table.get_mut(key).and_then(Item::as_array_of_tables_mut) else {
            return Err(OverrideError::NotTableArray {
                text: text.to_owned(),
                key: err_key(),
            });
        };
        if rest.is_empty() {
            return Err(OverrideError::NotAValue {
                text: text.to_owned(),
                key: err_key(),
            });
        }
        let mut matched = false;
        let mut names = Vec::new();
        for element in array.iter_mut() {
            let name = element
                .get("name")
                .and_then(Item::as_str)
                .map(str::to_owned);
            let hit = match select {
                Select::All => true,
                Select::Name(n) => name.as_deref() == Some(n.as_str()),
            };
            names.extend(name);
            if hit {
                matched = true;
                set(element, rest, value, text)?;
            }
        }
        return match select {
            Select::Name(name) if !matched => Err(OverrideError::UnknownName {
                text: text.to_owned(),
                array: err_key(),
                name: name.clone(),
                names,
            }),
            _ => Ok(()),
        };
    }
    if rest.is_empty() {
        return match table.get_mut(key) {
            Some(item @ Item::Value(_)) => {
                let mut new = value.clone();
                if let Some(old) = item.as_value() {
                    // Keep a trailing comment and spacing on the edited line.
                    *new.decor_mut() = old.decor().clone();
                }
                *item = Item::Value(new);
                Ok(())
            }
            Some(Item::None) | None => {
                table.insert(key, Item::Value(value.clone()));
                Ok(())
            }
            Some(_) => Err(OverrideError::NotAValue {
                text: text.to_owned(),
                key: err_key(),
            }),
        };
    }
    if table.get(key).is_none_or(Item::is_none) {
        table.insert(key, Item::Table(Table::new()));
    }
    let item = table.get_mut(key).expect("present or just inserted");
    if item.is_array_of_tables() {
        return Err(OverrideError::NeedsSelector {
            text: text.to_owned(),
            key: err_key(),
        });
    }
    let Some(inner) = item.as_table_like_mut() else {
        return Err(OverrideError::NotATable {
            text: text.to_owned(),
            key: err_key(),
        });
    };
    set(inner, rest, value, text)
}

/// Every `[[sensor]]` and `[[node]]` releases to its own nation only (elements without a
/// `nation` are left for the validator to report).
fn release_national(root: &mut dyn TableLike) {
    for array in ["sensor", "node"] {
        let Some(elements) = root.get_mut(array).and_then(Item::as_array_of_tables_mut) else {
            continue;
        };
        for element in elements.iter_mut() {
            let Some(nation) = element
                .get("nation")
                .and_then(Item::as_str)
                .map(str::to_owned)
            else {
                continue;
            };
            let list = Value::Array(std::iter::once(nation).collect());
            let mut new = list;
            if let Some(old) = element.get("release_to").and_then(Item::as_value) {
                *new.decor_mut() = old.decor().clone();
            }
            element.insert("release_to", Item::Value(new));
        }
    }
}

#[cfg(test)]
mod tests;
