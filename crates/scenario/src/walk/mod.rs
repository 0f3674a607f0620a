//! The generic walker: checks a parsed TOML tree against a [`TableSpec`] and keeps only what is
//! valid, as an [`Obj`] tree of typed values.
//!
//! Checked here, for every table: unknown keys (with did-you-mean over the keys valid at that
//! place), keys of another variant, value types, number ranges, string forms, enum values,
//! required keys (located at the enclosing table), "exactly one of" groups, minimum array
//! lengths. Invalid values are reported and dropped, so the builders in `build/` see only
//! valid values and stay quiet about what is already reported. Defaults are filled in here.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

mod list;
mod value;

use crate::diagnostics::{Diag, ProblemKind};
use crate::span::Span;
use crate::spec::{DefaultValue, FieldSpec, Kind, Presence, TableSpec};
use crate::suggest::{closest, quoted_list};

use value::check_value;
pub use value::name_problem;
pub(crate) use value::{expected, fmt_num, found, integer_value};

/// How many valid keys an "unknown key" help line lists (sensors have about thirty).
const LISTED_KEYS: usize = 12;

/// A checked table: its valid entries, by key.
#[derive(Debug)]
pub(crate) struct Obj {
    /// The table's span (its `[header]`, or the whole inline table).
    pub(crate) span: Span,
    /// Its key path (`threat[2].aim`).
    pub(crate) path: String,
    /// The variant (tag value), if the table has a valid one.
    pub(crate) tag: Option<&'static str>,
    entries: BTreeMap<&'static str, Entry>,
    given: BTreeSet<&'static str>,
}

/// A valid value and where it is.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The value's span (the table's span for a default).
    pub(crate) span: Span,
    /// The value.
    pub(crate) val: Val,
}

/// A checked value.
#[derive(Debug)]
pub(crate) enum Val {
    /// A finite number in range.
    Num(f64),
    /// An integer in range.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A string (names, nation codes, enum values, references).
    Text(String),
    /// A timestamp: canonical text and Unix seconds.
    Time(String, i64),
    /// A sub-table.
    Table(Obj),
    /// An array of plain values, each with its span.
    List(Vec<Entry>),
    /// An array of tables.
    Tables(Vec<Obj>),
}

impl Obj {
    /// The entry for `key`, if present and valid (or defaulted).
    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }
    /// A number.
    pub(crate) fn num(&self, key: &str) -> Option<f64> {
        match self.get(key)?.val {
            Val::Num(v) => Some(v),
            _ => None,
        }
    }
    /// An integer.
    pub(crate) fn int(&self, key: &str) -> Option<i64> {
        match self.get(key)?.val {
            Val::Int(v) => Some(v),
            _ => None,
        }
    }
    /// A boolean.
    pub(crate) fn bool(&self, key: &str) -> Option<bool> {
        match self.get(key)?.val {
            Val::Bool(v) => Some(v),
            _ => None,
        }
    }
    /// A string.
    pub(crate) fn text(&self, key: &str) -> Option<&str> {
        match &self.get(key)?.val {
            Val::Text(v) => Some(v),
            _ => None,
        }
    }
    /// A timestamp (canonical text, Unix seconds).
    pub(crate) fn time(&self, key: &str) -> Option<(&str, i64)> {
        match &self.get(key)?.val {
            Val::Time(text, unix_s) => Some((text, *unix_s)),
            _ => None,
        }
    }
    /// A sub-table.
    pub(crate) fn table(&self, key: &str) -> Option<&Obj> {
        match &self.get(key)?.val {
            Val::Table(obj) => Some(obj),
            _ => None,
        }
    }
    /// An array of plain values (empty if absent or invalid; see [`Obj::given`]).
    pub(crate) fn list(&self, key: &str) -> &[Entry] {
        match self.get(key).map(|e| &e.val) {
            Some(Val::List(items)) => items,
            _ => &[],
        }
    }
    /// An array of tables (empty if absent or invalid).
    pub(crate) fn tables(&self, key: &str) -> &[Obj] {
        match self.get(key).map(|e| &e.val) {
            Some(Val::Tables(objs)) => objs,
            _ => &[],
        }
    }
    /// Whether `key` is written in the file (valid or not; defaults are not written).
    pub(crate) fn given(&self, key: &str) -> bool {
        self.given.contains(key)
    }
    /// Whether `key` is present and valid.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }
    /// The span of `key`'s value, or of the table when it is absent.
    pub(crate) fn span_of(&self, key: &str) -> Span {
        self.get(key)
            .map_or_else(|| self.span.clone(), |e| e.span.clone())
    }
    /// The key path of `key`.
    pub(crate) fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

/// `parent.key` (or `key` at the root).
pub(crate) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Checks `table` (at `span`, key path `path`) against `spec`.
pub(crate) fn check_table(
    diag: &mut Diag<'_>,
    table: &DeTable<'_>,
    span: Span,
    path: &str,
    spec: &'static TableSpec,
) -> Obj {
    let tag = spec.tag.and_then(|tag_key| {
        let field = spec.field(tag_key)?;
        let value = table.get(tag_key)?;
        match (&field.kind, value.get_ref()) {
            (Kind::Enum(values), DeValue::String(s)) => values.iter().copied().find(|v| v == s),
            _ => None,
        }
    });
    let mut obj = Obj {
        span: span.clone(),
        path: path.to_owned(),
        tag,
        entries: BTreeMap::new(),
        given: BTreeSet::new(),
    };
    // Missing keys that an unknown key is a typo of: the typo's error says it all.
    let mut misspelt: BTreeSet<&str> = BTreeSet::new();
    for (key, value) in table.iter() {
        let key_path = join(path, key.get_ref());
        let Some(field) = spec.field(key.get_ref()) else {
            if let Some(meant) = unknown_key(diag, spec, tag, key, &key_path) {
                misspelt.insert(meant);
            }
            continue;
        };
        if !field.applies_to(tag) {
            wrong_variant(diag, spec, tag, field, key.span(), &key_path);
            continue;
        }
        obj.given.insert(field.key);
        if let Some(val) = check_value(diag, value, &key_path, &field.kind) {
            obj.entries.insert(
                field.key,
                Entry {
                    span: value.span(),
                    val,
                },
            );
        }
    }
    for field in spec.fields {
        let checked_elsewhere = matches!(field.kind, Kind::Version) || misspelt.contains(field.key);
        if table.contains_key(field.key) || !field.applies_to(tag) || checked_elsewhere {
            continue;
        }
        if field.required_for(tag) {
            missing_key(diag, spec, tag, field, &span, path);
        } else if let Presence::Default(d) = field.presence {
            obj.set_default(field.key, d);
        }
    }
    // Defaults selected by another key's value, which may itself be a default (so: after).
    for field in spec.fields {
        if let Presence::DefaultBy { by, values } = field.presence
            && field.applies_to(tag)
            && !table.contains_key(field.key)
            && !misspelt.contains(field.key)
            && let Some(selector) = obj.text(by)
            && let Some((_, d)) = values.iter().find(|(v, _)| *v == selector)
        {
            obj.set_default(field.key, *d);
        }
    }
    check_one_of(diag, spec, tag, table, &span, path);
    check_conflicts(diag, spec, tag, table, path);
    obj
}

impl Obj {
    fn set_default(&mut self, key: &'static str, d: DefaultValue) {
        let val = match d {
            DefaultValue::Num(v) => Val::Num(v),
            DefaultValue::Int(v) => Val::Int(v),
            DefaultValue::Bool(v) => Val::Bool(v),
            DefaultValue::Text(v) => Val::Text(v.to_owned()),
        };
        let span = self.span.clone();
        self.entries.insert(key, Entry { span, val });
    }
}

/// Reports a conflict's `key` given together with any of its `with` keys: one problem at
/// `key`, with every conflicting key as another end.
fn check_conflicts(
    diag: &mut Diag<'_>,
    spec: &TableSpec,
    tag: Option<&str>,
    table: &DeTable<'_>,
    path: &str,
) {
    // A key of another variant is reported as such, not as a conflict too.
    let given = |key: &str| {
        let applies = spec.field(key).is_some_and(|f| f.applies_to(tag));
        table.get_key_value(key).filter(|_| applies).map(|(k, _)| k)
    };
    for conflict in spec.conflicts {
        let Some(at) = given(conflict.key) else {
            continue;
        };
        let others: Vec<_> = conflict.with.iter().filter_map(|k| given(k)).collect();
        if others.is_empty() {
            continue;
        }
        let names = others
            .iter()
            .map(|k| format!("`{}`", k.get_ref()))
            .collect::<Vec<_>>()
            .join(" and ");
        let mut p = diag.error(
            ProblemKind::MissingKey,
            at.span(),
            &join(path, conflict.key),
            format!(
                "`{}` conflicts with {names}: {}",
                conflict.key, conflict.why
            ),
        );
        for k in others {
            p = p.related(k.span(), format!("`{}` given here", k.get_ref()));
        }
    }
}

/// Reports an unknown key; returns the valid key it is probably a typo of.
fn unknown_key(
    diag: &mut Diag<'_>,
    spec: &TableSpec,
    tag: Option<&str>,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    key_path: &str,
) -> Option<&'static str> {
    let valid = spec
        .fields
        .iter()
        .filter(|f| f.applies_to(tag))
        .map(|f| f.key);
    let meant = closest(key.get_ref(), valid.clone());
    let n_valid = valid.clone().count();
    let help = match meant {
        Some(m) => format!("did you mean `{m}`?"),
        None if n_valid > LISTED_KEYS => format!(
            "valid keys here include {}, and {} more (see the key table in the scenario README)",
            quoted_list(valid.take(LISTED_KEYS)),
            n_valid - LISTED_KEYS
        ),
        None => format!("valid keys here: {}", quoted_list(valid)),
    };
    diag.error(
        ProblemKind::UnknownKey,
        key.span(),
        key_path,
        format!("unknown key `{}`", key.get_ref()),
    )
    .label("unknown key")
    .help(help);
    meant
}

fn wrong_variant(
    diag: &mut Diag<'_>,
    spec: &TableSpec,
    tag: Option<&str>,
    field: &FieldSpec,
    span: Span,
    key_path: &str,
) {
    let (tag_key, tag_value) = (spec.tag.unwrap_or_default(), tag.unwrap_or_default());
    let users = field
        .only_for
        .map(|list| quoted_list(list.iter().copied()))
        .unwrap_or_default();
    diag.error(
        ProblemKind::UnknownKey,
        span,
        key_path,
        format!(
            "`{}` does not apply to {tag_key} = \"{tag_value}\"",
            field.key
        ),
    )
    .help(format!("`{}` is for {tag_key} {users}", field.key));
}

fn missing_key(
    diag: &mut Diag<'_>,
    spec: &TableSpec,
    tag: Option<&str>,
    field: &FieldSpec,
    span: &Span,
    path: &str,
) {
    let variant = match (field.presence, spec.tag, tag) {
        (Presence::RequiredFor(_), Some(tag_key), Some(tag)) => {
            format!(" (required for {tag_key} = \"{tag}\")")
        }
        _ => String::new(),
    };
    diag.error(
        ProblemKind::MissingKey,
        span.clone(),
        &join(path, field.key),
        format!("missing required key `{}`{variant}", field.key),
    )
    .label("in this table")
    .help(match field.kind {
        Kind::Tables { spec, .. } if path.is_empty() => format!("add a [[{}]] table", spec.name),
        _ => format!("add `{}`: {}", field.key, expected(&field.kind)),
    });
}

fn check_one_of(
    diag: &mut Diag<'_>,
    spec: &TableSpec,
    tag: Option<&str>,
    table: &DeTable<'_>,
    span: &Span,
    path: &str,
) {
    for group in spec.one_of {
        let applies = match (group.when, tag) {
            (None, _) => true,
            (Some(list), Some(tag)) => list.contains(&tag),
            (Some(_), None) => false,
        };
        if !applies {
            continue;
        }
        let mut present: Vec<(&Spanned<std::borrow::Cow<'_, str>>, &str)> = Vec::new();
        for key in group.keys {
            if let Some((k, _)) = table.get_key_value(*key) {
                present.push((k, key));
            }
        }
        present.sort_by_key(|(k, _)| k.span().start);
        let names = quoted_list(group.keys.iter().copied());
        match present.as_slice() {
            [] => {
                let variant = match (spec.tag, tag) {
                    (Some(tag_key), Some(tag)) => format!(" for {tag_key} = \"{tag}\""),
                    _ => String::new(),
                };
                diag.error(
                    ProblemKind::MissingKey,
                    span.clone(),
                    path,
                    format!("expected exactly one of {names}{variant}, found none"),
                )
                .label("in this table");
            }
            [_] => {}
            [(first, first_key), rest @ ..] => {
                for (k, key) in rest {
                    diag.error(
                        ProblemKind::MissingKey,
                        k.span(),
                        &join(path, key),
                        format!(
                            "`{key}` conflicts with `{first_key}`: give exactly one of {names}"
                        ),
                    )
                    .related(first.span(), format!("`{first_key}` given here"));
                }
            }
        }
    }
}
