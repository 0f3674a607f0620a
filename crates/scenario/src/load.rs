//! The entry point: TOML text → checked tree → [`sim::Input`], or every problem.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::build;
use crate::diagnostics::{Diag, ProblemKind, ScenarioErrors};
use crate::format::{FORMAT_VERSION, ROOT};
use crate::walk::{check_table, found, integer_value};

/// Parses and validates a scenario.
///
/// `source_name` is only used in messages (`name.toml:3:7: error: …`). On failure every
/// problem found is returned, in file order: all TOML syntax errors if the text is not TOML
/// (nothing else is checked then), otherwise every format, range, reference and hierarchy
/// problem. Never panics, whatever the text.
pub fn load(source_name: &str, text: &str) -> Result<sim::Input, ScenarioErrors> {
    let mut diag = Diag::new(text);
    let (document, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        for error in &syntax {
            let span = error.span().unwrap_or(0..0);
            diag.error(
                ProblemKind::Syntax,
                span,
                "",
                format!("invalid TOML: {}", error.message()),
            )
            .label("here");
        }
        return Err(ScenarioErrors::new(source_name, text, diag.into_problems()));
    }
    if !version_supported(&mut diag, &document) {
        return Err(ScenarioErrors::new(source_name, text, diag.into_problems()));
    }
    let root = check_table(&mut diag, document.get_ref(), document.span(), "", &ROOT);
    match build::build(&mut diag, &root) {
        Some(input) if diag.count() == 0 => Ok(input),
        _ => Err(ScenarioErrors::new(source_name, text, diag.into_problems())),
    }
}

/// Checks `format_version`. A missing key is reported and the rest is read as version 1; an
/// unsupported version stops here (the rest may be another format).
fn version_supported(diag: &mut Diag<'_>, document: &Spanned<DeTable<'_>>) -> bool {
    let reads = format!("this build reads format_version {FORMAT_VERSION}");
    let Some(value) = document.get_ref().get("format_version") else {
        let mut keys = document.get_ref().keys();
        if keys.any(|k| crate::suggest::closest(k.get_ref(), ["format_version"]).is_some()) {
            // A misspelt `format_version`: the walker reports the typo with a suggestion.
            return true;
        }
        diag.error(
            ProblemKind::Version,
            0..0,
            "format_version",
            format!("missing `format_version`; {reads}"),
        )
        .label("expected `format_version = 1` here")
        .help(format!(
            "add `format_version = {FORMAT_VERSION}` as the first line"
        ));
        return true;
    };
    match integer_value(value.get_ref()) {
        Some(Ok(FORMAT_VERSION)) => true,
        Some(_) => {
            let shown = match value.get_ref() {
                DeValue::Integer(i) => i.to_string(),
                _ => String::new(),
            };
            diag.error(
                ProblemKind::Version,
                value.span(),
                "format_version",
                format!("unsupported format_version {shown}; {reads}"),
            )
            .label("unsupported version")
            .help("convert the file to format_version 1, or use a build that reads this version");
            false
        }
        None => {
            diag.error(
                ProblemKind::Version,
                value.span(),
                "format_version",
                format!(
                    "expected an integer, found {}; {reads}",
                    found(value.get_ref())
                ),
            )
            .label("wrong type");
            false
        }
    }
}
