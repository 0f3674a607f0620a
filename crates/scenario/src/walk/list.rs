//! Arrays of plain values (`release_to = ["USA", "JPN"]`, `partitions = [[900, 1020]]`):
//! length, each element against the element kind, repeats where elements must be unique.

use std::collections::BTreeMap;

use toml::Spanned;
use toml::de::DeValue;

use super::value::{check_value, found};
use super::{Entry, Val};
use crate::diagnostics::{Diag, ProblemKind};
use crate::span::Span;
use crate::spec::{Kind, ListSpec};

/// An array of plain values: its length, each element, and repeats if it must be unique.
/// Any invalid element invalidates the whole array (a partial list would read as another one).
pub(super) fn check_list(
    diag: &mut Diag<'_>,
    value: &Spanned<DeValue<'_>>,
    path: &str,
    list: &ListSpec,
) -> Option<Val> {
    let span = value.span();
    let DeValue::Array(items) = value.get_ref() else {
        diag.error(
            ProblemKind::WrongType,
            span,
            path,
            format!(
                "expected {}, found {}",
                list.expected,
                found(value.get_ref())
            ),
        )
        .label("wrong type");
        return None;
    };
    if items.len() < list.min_items || items.len() > list.max_items {
        let n = items.len();
        diag.error(
            ProblemKind::InvalidValue,
            span,
            path,
            format!(
                "expected {}, found {n} item{}",
                list.expected,
                if n == 1 { "" } else { "s" }
            ),
        );
        return None;
    }
    if let Kind::List(_) = &list.item
        && !items.is_empty()
        && items
            .iter()
            .all(|i| !matches!(i.get_ref(), DeValue::Array(_)))
    {
        // `[900, 1020]` for `[[900, 1020]]`: one problem, not one per number.
        let written: Vec<String> = items.iter().map(|i| scalar(i.get_ref())).collect();
        diag.error(
            ProblemKind::WrongType,
            span,
            path,
            format!("expected {}, found a flat array", list.expected),
        )
        .label("wrong type")
        .help(format!("did you mean [[{}]]?", written.join(", ")));
        return None;
    }
    let mut out = Vec::new();
    let mut valid = true;
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let item_path = format!("{path}[{i}]");
        if let Kind::List(inner) = &list.item
            && !matches!(item.get_ref(), DeValue::Array(_))
        {
            // `[900, 1020]` for `[[900, 1020]]`: the brackets are the problem, not the value.
            diag.error(
                ProblemKind::WrongType,
                item.span(),
                &item_path,
                format!(
                    "expected {}, found {}",
                    inner.expected,
                    found(item.get_ref())
                ),
            )
            .label("wrong type")
            .help(format!(
                "every element is itself an array: {}",
                list.expected
            ));
            valid = false;
            continue;
        }
        let Some(val) = check_value(diag, item, &item_path, &list.item) else {
            valid = false;
            continue;
        };
        if list.unique
            && let Val::Text(s) = &val
        {
            if let Some(first) = seen.get(s) {
                diag.error(
                    ProblemKind::Duplicate,
                    item.span(),
                    &item_path,
                    format!("`{s}` is listed twice"),
                )
                .related(first.clone(), "first listed here");
                valid = false;
                continue;
            }
            seen.insert(s.clone(), item.span());
        }
        out.push(Entry {
            span: item.span(),
            val,
        });
    }
    valid.then_some(Val::List(out))
}

/// A scalar as written (for suggestions).
fn scalar(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("{s:?}"),
        DeValue::Integer(i) => i.to_string(),
        DeValue::Float(f) => f.to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) | DeValue::Table(_) => "…".to_owned(),
    }
}
