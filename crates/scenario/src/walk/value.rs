//! Values: type, range and form checks of single values, and the words messages use for
//! what was expected and what was found.

use toml::Spanned;
use toml::de::DeValue;

use super::{Val, check_table};
use crate::diagnostics::{Diag, ProblemKind};
use crate::span::Span;
use crate::spec::{Bound, Kind, Text};
use crate::suggest::did_you_mean;
use crate::time::{canonical, parse_utc};

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
        Kind::IntEnum { values, .. } => format!("one of {}", int_values(values)),
        Kind::Table(_) => "a table".to_owned(),
        Kind::List(list) => list.expected.to_owned(),
        Kind::Tables { spec, .. } => format!("an array of {} tables", spec.name),
    }
}

fn text_expected(text: Text) -> &'static str {
    match text {
        Text::Name => "a name (non-empty printable text)",
        Text::Free => "a string",
        Text::Nation => "a nation code such as \"USA\" (three capital letters)",
        Text::LaunchArea => "a notional launch area label \"RED-<n>\"",
        Text::Timestamp => "an RFC 3339 UTC timestamp such as \"2027-07-15T00:00:00Z\"",
        Text::Ref(_) => "a name (a string)",
        Text::SigningKey => "64 hexadecimal digits (a 32-byte Ed25519 secret seed)",
    }
}

fn quoted_values(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn int_values(values: &[i64]) -> String {
    values
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `in [a, b]`, `in (a, b]`, … for a number range.
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

/// Shortest faithful decimal (`90`, `0.5`, `1000000`), or exponent form below 0.001
/// (`1e-6`), as a TOML file would write it.
pub(crate) fn fmt_num(v: f64) -> String {
    if v != 0.0 && v.abs() < 1.0e-3 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
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

pub(super) fn check_value(
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
        Kind::IntEnum { values, help } => match integer_value(v) {
            Some(Ok(i)) if values.contains(&i) => Some(Val::Int(i)),
            Some(_) => {
                let key = path.rsplit('.').next().unwrap_or(path);
                let shown = match v {
                    DeValue::Integer(i) => i.to_string(),
                    _ => String::new(),
                };
                diag.error(
                    ProblemKind::UnknownVariant,
                    span,
                    path,
                    format!(
                        "unknown {key} {shown}: expected one of {}",
                        int_values(values)
                    ),
                )
                .help(*help);
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
        Kind::List(list) => super::list::check_list(diag, value, path, list),
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
        Kind::IntEnum { values, .. } => format!("an integer, one of {}", int_values(values)),
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

/// Longest name, characters (names label tables, maps and files).
pub(crate) const MAX_NAME_CHARS: usize = 100;
/// Longest free text (`description`), characters.
pub(crate) const MAX_FREE_CHARS: usize = 10_000;

/// What makes `s` unprintable, if anything: control characters (NUL, escapes; free text may
/// hold line breaks and tabs), and invisible formatting characters that reorder or hide text
/// on screen (bidirectional overrides and isolates, zero-width characters, the BOM).
fn unprintable(s: &str, free: bool) -> Option<String> {
    let bad = s.chars().find(|&c| {
        let layout = free && matches!(c, '\n' | '\t' | '\r');
        (c.is_control() && !layout)
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    })?;
    Some(format!("the character U+{:04X}", u32::from(bad)))
}

/// Why `name` is not a valid name outside a scenario file (a study's variant label), if it is
/// not: the rule the scenario's own names follow — printable text (no control or invisible
/// formatting characters) of 1 to 100 characters.
pub fn name_problem(name: &str) -> Option<String> {
    let n = name.chars().count();
    if let Some(why) = unprintable(name, false) {
        Some(format!("names are printable text; found {why}"))
    } else if n > MAX_NAME_CHARS {
        Some(format!(
            "names are at most {MAX_NAME_CHARS} characters, found {n}"
        ))
    } else if name.trim().is_empty() {
        Some("a name may not be empty".to_owned())
    } else {
        None
    }
}

fn check_text(diag: &mut Diag<'_>, span: Span, path: &str, text: Text, s: String) -> Option<Val> {
    let bad = |diag: &mut Diag<'_>, message: String| {
        diag.error(ProblemKind::InvalidValue, span.clone(), path, message);
    };
    match text {
        Text::Free => match unprintable(&s, true) {
            Some(why) => {
                bad(diag, format!("text may not contain {why}"));
                None
            }
            None if s.chars().count() > MAX_FREE_CHARS => {
                bad(
                    diag,
                    format!("text is longer than {MAX_FREE_CHARS} characters"),
                );
                None
            }
            None => Some(Val::Text(s)),
        },
        Text::Name | Text::Ref(_) => {
            if let Some(why) = unprintable(&s, false) {
                bad(diag, format!("names are printable text; found {why}"));
                None
            } else if s.chars().count() > MAX_NAME_CHARS {
                bad(
                    diag,
                    format!(
                        "names are at most {MAX_NAME_CHARS} characters, found {}",
                        s.chars().count()
                    ),
                );
                None
            } else if s.trim().is_empty() {
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
        Text::SigningKey => {
            let bad_digit = s.chars().enumerate().find(|(_, c)| !c.is_ascii_hexdigit());
            let problem = match bad_digit {
                Some((i, c)) => format!("{c:?} at character {} is not a hexadecimal digit", i + 1),
                None if s.len() != 64 => format!("found {} digits", s.len()),
                None => return Some(Val::Text(s)),
            };
            diag.error(
                ProblemKind::InvalidValue,
                span.clone(),
                path,
                format!("expected {}: {problem}", text_expected(text)),
            )
            .help("or leave signing_key out: the node's key is then derived from the run's seed");
            None
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
