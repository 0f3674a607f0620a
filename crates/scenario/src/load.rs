//! The entry point: TOML text → checked tree → [`sim::Input`], or every problem.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::build;
use crate::diagnostics::{Diag, ProblemKind, ScenarioErrors, Warnings};
use crate::format::{FORMAT_VERSION, ROOT};
use crate::walk::{check_table, found, integer_value};

/// Largest scenario text accepted, bytes (16 MiB: a thousand times the commented default
/// scenario; a larger file is almost certainly not a scenario, and reading stops there).
pub const MAX_SCENARIO_BYTES: usize = 16 << 20;

/// Parses and validates a scenario.
///
/// `source_name` is only used in messages (`name.toml:3:7: error: …`). On failure every
/// problem found is returned, in file order: all TOML syntax errors if the text is not TOML
/// (nothing else is checked then), otherwise every format, range, reference and hierarchy
/// problem, and a run too large to make (the engine's run-size estimate, located at the key
/// that drives it). Never panics, whatever the text.
pub fn load(source_name: &str, text: &str) -> Result<sim::Input, ScenarioErrors> {
    load_with_warnings(source_name, text).map(|l| l.input)
}

/// A scenario that loads, with what the user should still hear about.
#[derive(Debug)]
pub struct Loaded {
    /// The validated input.
    pub input: sim::Input,
    /// Heavy-run and capped-false-alarm warnings, located (possibly none).
    pub warnings: Warnings,
}

/// As [`load`], also returning the warnings of a scenario that loads: a heavy run (the
/// run-size estimate), radars whose false alarms the engine caps per scan.
pub fn load_with_warnings(source_name: &str, text: &str) -> Result<Loaded, ScenarioErrors> {
    let mut diag = Diag::new(text);
    if text.len() > MAX_SCENARIO_BYTES {
        diag.error(
            ProblemKind::TooLarge,
            0..0,
            "",
            format!(
                "the text is {} bytes; a scenario may be at most {MAX_SCENARIO_BYTES} bytes",
                text.len()
            ),
        );
        return Err(ScenarioErrors::new(source_name, text, diag.into_problems()));
    }
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
        Some(input) if diag.count() == 0 => {
            build::budget::check(&mut diag, &root, &input);
            let (problems, warnings) = diag.into_problems_and_warnings();
            if problems.is_empty() {
                Ok(Loaded {
                    input,
                    warnings: Warnings::new(source_name, warnings),
                })
            } else {
                // A refused run keeps its warnings (a capped radar says why it is refused).
                let mut all = problems;
                all.extend(warnings);
                Err(ScenarioErrors::new(source_name, text, all))
            }
        }
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
