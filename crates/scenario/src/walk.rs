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

use crate::diagnostics::{Diag, ProblemKind};
use crate::span::Span;
use crate::spec::{Bound, DefaultValue, FieldSpec, Kind, Presence, TableSpec, Text};
use crate::suggest::{closest, did_you_mean, quoted_list};
use crate::time::{canonical, parse_utc};

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
            let val = match d {
                DefaultValue::Num(v) => Val::Num(v),
                DefaultValue::Int(v) => Val::Int(v),
                DefaultValue::Bool(v) => Val::Bool(v),
            };
            obj.entries.insert(
                field.key,
                Entry {
                    span: span.clone(),
                    val,
                },
            );
        }
    }
    check_one_of(diag, spec, tag, table, &span, path);
    obj
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
    let help = match meant {
        Some(m) => format!("did you mean `{m}`?"),
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

/// What a kind expects, for messages ("a number of degrees in [-90, 90]").
pub(crate) fn expected(kind: &Kind) -> String {
    match kind {
        Kind::Version => "an integer".to_owned(),
        Kind::Number { unit, min, max } => {
            let what = match unit.noun {
                "" => "a number".to_owned(),
                "probability" => "a probability".to_owned(),
                noun => format!("a number of {noun}"),
            };
            format!("{what} {}", interval(*min, *max))
        }
        Kind::Integer { min, max } if *max == i64::MAX => format!("an integer >= {min}"),
        Kind::Integer { min, max } => format!("an integer in [{min}, {max}]"),
        Kind::Bool => "true or false".to_owned(),
        Kind::Text(text) => text_expected(*text).to_owned(),
        Kind::Enum(values) => format!("one of {}", quoted_values(values)),
        Kind::Table(_) => "a table".to_owned(),
        Kind::Tables { spec, .. } => format!("an array of {} tables", spec.name),
    }
}

fn text_expected(text: Text) -> &'static str {
    match text {
        Text::Name => "a name (a non-empty string)",
        Text::Free => "a string",
        Text::Nation => "a nation code such as \"USA\" (three capital letters)",
        Text::LaunchArea => "a notional launch area label \"RED-<n>\"",
        Text::Timestamp => "an RFC 3339 UTC timestamp such as \"2027-07-15T00:00:00Z\"",
        Text::Ref(_) => "a name (a string)",
    }
}

fn quoted_values(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `in [a, b]`, `> a`, `>= a`, … for a number range.
fn interval(min: Bound, max: Bound) -> String {
    match (min, max) {
        (Bound::Incl(a) | Bound::Excl(a), Bound::Incl(b) | Bound::Excl(b)) => {
            let open = if matches!(min, Bound::Incl(_)) {
                '['
            } else {
                '('
            };
            let close = if matches!(max, Bound::Incl(_)) {
                ']'
            } else {
                ')'
            };
            format!("in {open}{}, {}{close}", fmt_num(a), fmt_num(b))
        }
    }
}

/// Shortest faithful decimal (`90`, `0.5`, `1000000`).
pub(crate) fn fmt_num(v: f64) -> String {
    format!("{v}")
}

fn within(v: f64, min: Bound, max: Bound) -> bool {
    let lo = match min {
        Bound::Incl(m) => v >= m,
        Bound::Excl(m) => v > m,
    };
    let hi = match max {
        Bound::Incl(m) => v <= m,
        Bound::Excl(m) => v < m,
    };
    lo && hi
}

/// The found value, for messages: `a string ("x")`, `an integer (3)`, `a table`, ….
pub(crate) fn found(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("a string ({s:?})"),
        DeValue::Integer(i) => format!("an integer ({i})"),
        DeValue::Float(f) => format!("a float ({f})"),
        DeValue::Boolean(b) => format!("a boolean ({b})"),
        DeValue::Datetime(d) => format!("a date-time ({d})"),
        DeValue::Array(_) => "an array".to_owned(),
        DeValue::Table(_) => "a table".to_owned(),
    }
}

/// A TOML integer's value, if it fits `i64`.
pub(crate) fn integer_value(value: &DeValue<'_>) -> Option<Result<i64, ()>> {
    match value {
        DeValue::Integer(i) => Some(i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| ())),
        _ => None,
    }
}

fn check_value(
    diag: &mut Diag<'_>,
    value: &Spanned<DeValue<'_>>,
    path: &str,
    kind: &Kind,
) -> Option<Val> {
    let span = value.span();
    let v = value.get_ref();
    let wrong_type = |diag: &mut Diag<'_>| {
        diag.error(
            ProblemKind::WrongType,
            span.clone(),
            path,
            format!("expected {}, found {}", type_expected(kind), found(v)),
        )
        .label("wrong type");
    };
    match kind {
        Kind::Version => None,
        Kind::Number { min, max, .. } => {
            let x = match v {
                DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
                DeValue::Integer(_) => match integer_value(v) {
                    Some(Ok(i)) => Some(i as f64),
                    _ => None,
                },
                _ => {
                    wrong_type(diag);
                    return None;
                }
            };
            let Some(x) = x.filter(|x| x.is_finite()) else {
                diag.error(
                    ProblemKind::InvalidValue,
                    span,
                    path,
                    format!("expected {}, found {}", expected(kind), found(v)),
                );
                return None;
            };
            if within(x, *min, *max) {
                Some(Val::Num(x))
            } else {
                out_of_range(diag, span, path, kind, &fmt_num(x));
                None
            }
        }
        Kind::Integer { min, max } => match integer_value(v) {
            Some(Ok(i)) if (*min..=*max).contains(&i) => Some(Val::Int(i)),
            Some(Ok(i)) => {
                out_of_range(diag, span, path, kind, &i.to_string());
                None
            }
            Some(Err(())) => {
                let shown = match v {
                    DeValue::Integer(i) => i.to_string(),
                    _ => String::new(),
                };
                out_of_range(diag, span, path, kind, &shown);
                None
            }
            None => {
                wrong_type(diag);
                None
            }
        },
        Kind::Bool => match v {
            DeValue::Boolean(b) => Some(Val::Bool(*b)),
            _ => {
                wrong_type(diag);
                None
            }
        },
        Kind::Text(text) => {
            let s = match (v, text) {
                (DeValue::String(s), _) => s.to_string(),
                (DeValue::Datetime(d), Text::Timestamp) => d.to_string(),
                _ => {
                    wrong_type(diag);
                    return None;
                }
            };
            check_text(diag, span, path, *text, s)
        }
        Kind::Enum(values) => {
            let DeValue::String(s) = v else {
                wrong_type(diag);
                return None;
            };
            if let Some(hit) = values.iter().find(|x| **x == s.as_ref()) {
                return Some(Val::Text((*hit).to_owned()));
            }
            let key = path.rsplit('.').next().unwrap_or(path);
            diag.error(
                ProblemKind::UnknownVariant,
                span,
                path,
                format!(
                    "unknown {key} {s:?}: expected one of {}",
                    quoted_values(values)
                ),
            )
            .maybe_help(did_you_mean(s, values.iter().copied()));
            None
        }
        Kind::Table(spec) => match v {
            DeValue::Table(t) => Some(Val::Table(check_table(diag, t, span, path, spec))),
            _ => {
                wrong_type(diag);
                None
            }
        },
        Kind::Tables { spec, min_items } => {
            let DeValue::Array(items) = v else {
                let p = diag.error(
                    ProblemKind::WrongType,
                    span,
                    path,
                    format!("expected {}, found {}", type_expected(kind), found(v)),
                );
                if matches!(v, DeValue::Table(_)) {
                    p.help(format!(
                        "write [[{key}]] (double brackets) for each entry, or {key} = [{{ … }}, {{ … }}]",
                        key = path.rsplit('.').next().unwrap_or(path)
                    ));
                }
                return None;
            };
            if items.len() < *min_items {
                diag.error(
                    ProblemKind::InvalidValue,
                    span.clone(),
                    path,
                    format!(
                        "needs at least {min_items} {} entr{}, found {}",
                        spec.name,
                        if *min_items == 1 { "y" } else { "ies" },
                        items.len()
                    ),
                );
            }
            let mut objs = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let item_path = format!("{path}[{i}]");
                match item.get_ref() {
                    DeValue::Table(t) => {
                        objs.push(check_table(diag, t, item.span(), &item_path, spec))
                    }
                    other => {
                        diag.error(
                            ProblemKind::WrongType,
                            item.span(),
                            &item_path,
                            format!("expected a {} table, found {}", spec.name, found(other)),
                        );
                    }
                }
            }
            Some(Val::Tables(objs))
        }
    }
}

/// What a kind's TOML type is, for "wrong type" messages (no range: the type is the problem).
fn type_expected(kind: &Kind) -> String {
    match kind {
        Kind::Number { unit, .. } => match unit.noun {
            "" => "a number".to_owned(),
            "probability" => "a probability (a number in [0, 1])".to_owned(),
            noun => format!("a number of {noun}"),
        },
        Kind::Integer { .. } | Kind::Version => "an integer".to_owned(),
        Kind::Bool => "a boolean (true or false)".to_owned(),
        Kind::Enum(values) => format!("a string, one of {}", quoted_values(values)),
        other => expected(other),
    }
}

fn out_of_range(diag: &mut Diag<'_>, span: Span, path: &str, kind: &Kind, shown: &str) {
    let unit = match kind {
        Kind::Number { unit, .. } if !unit.abbr.is_empty() => format!(" {}", unit.abbr),
        _ => String::new(),
    };
    diag.error(
        ProblemKind::InvalidValue,
        span,
        path,
        format!("expected {}, found {shown}{unit}", expected(kind)),
    )
    .label("out of range");
}

fn check_text(diag: &mut Diag<'_>, span: Span, path: &str, text: Text, s: String) -> Option<Val> {
    let bad = |diag: &mut Diag<'_>, message: String| {
        diag.error(ProblemKind::InvalidValue, span.clone(), path, message);
    };
    match text {
        Text::Free => Some(Val::Text(s)),
        Text::Name | Text::Ref(_) => {
            if s.trim().is_empty() {
                bad(
                    diag,
                    format!("expected {}, found an empty string", text_expected(text)),
                );
                None
            } else if s.trim() != s {
                bad(
                    diag,
                    format!("names may not start or end with spaces, found {s:?}"),
                );
                None
            } else {
                Some(Val::Text(s))
            }
        }
        Text::Nation => match base::NationId::parse(&s) {
            Ok(_) => Some(Val::Text(s)),
            Err(e) => {
                let upper = s.to_ascii_uppercase();
                let help = base::NationId::parse(&upper)
                    .ok()
                    .map(|_| format!("did you mean {upper:?}?"));
                diag.error(ProblemKind::InvalidValue, span.clone(), path, e.to_string())
                    .maybe_help(help);
                None
            }
        },
        Text::LaunchArea => {
            let ok = s.strip_prefix("RED-").is_some_and(|n| {
                !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
            });
            if ok {
                Some(Val::Text(s))
            } else {
                diag.error(
                    ProblemKind::InvalidValue,
                    span.clone(),
                    path,
                    format!("expected a notional launch area label \"RED-<n>\", found {s:?}"),
                )
                .help("launch areas are notional and labelled only RED-1, RED-2, …");
                None
            }
        }
        Text::Timestamp => match parse_utc(&s) {
            Ok(unix_s) => Some(Val::Time(canonical(&s), unix_s)),
            Err(e) => {
                diag.error(ProblemKind::InvalidValue, span.clone(), path, e.to_string());
                None
            }
        },
    }
}
