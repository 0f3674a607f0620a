//! Located problems: what [`load`](fn@crate::load) returns when a scenario is rejected.
//!
//! Every problem carries its 1-based line and column, the key path (`threat[2].aim.lat_deg`,
//! array indices 0-based), a lower-case message, an optional help line and the other end of
//! two-ended problems (the first definition of a duplicate, the referenced entity). The set is
//! both plain text (`Display`: one `file:line:col: error: …` line per problem, compiler style)
//! and a [`miette::Diagnostic`] with the source attached and one related diagnostic per problem.
//!
//! Rendering scales: problems are located in one sweep over the text, every printed line is
//! cut at [`MAX_LINE_CHARS`] characters with a marker, and [`ScenarioErrors::compact`] and
//! [`ScenarioErrors::to_json`] print at most a given number of problems followed by the
//! total, in time linear in the text and the problems shown.

use core::fmt;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::span::{Span, locate_all};

/// Longest line the plain-text forms print, in characters; a longer one (a huge value quoted
/// in a message) is cut and marked `… [N more characters]`.
pub const MAX_LINE_CHARS: usize = 400;

/// What sort of problem (for tools that group or count them; the message says the rest).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not valid TOML.
    Syntax,
    /// `format_version` is missing, of the wrong type or not supported by this build.
    Version,
    /// A key that is not part of the format at this place.
    UnknownKey,
    /// A required key is absent, a set of alternatives has none or several, or keys that
    /// exclude each other are given together.
    MissingKey,
    /// A value of the wrong TOML type.
    WrongType,
    /// A number outside its allowed range, or a string of the wrong form.
    InvalidValue,
    /// A string that is not one of the allowed values of a closed set.
    UnknownVariant,
    /// Two entities of one kind with the same name.
    Duplicate,
    /// A reference by name to an entity that does not exist.
    UnknownReference,
    /// Two entities that exist but do not fit together (nations, kinds, roles, times).
    Mismatch,
    /// The command hierarchy is malformed (combined node count, parent cycles, parent roles).
    Hierarchy,
    /// A motion that cannot be flown (for example an unreachable ballistic aim point).
    Unflyable,
    /// The scenario is valid piece by piece but too large to run (the run-size estimate), or
    /// the text itself is larger than the format allows.
    TooLarge,
}

impl ProblemKind {
    /// A stable snake_case name (the `kind` of the JSON form).
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Syntax => "syntax",
            ProblemKind::Version => "version",
            ProblemKind::UnknownKey => "unknown_key",
            ProblemKind::MissingKey => "missing_key",
            ProblemKind::WrongType => "wrong_type",
            ProblemKind::InvalidValue => "invalid_value",
            ProblemKind::UnknownVariant => "unknown_variant",
            ProblemKind::Duplicate => "duplicate",
            ProblemKind::UnknownReference => "unknown_reference",
            ProblemKind::Mismatch => "mismatch",
            ProblemKind::Hierarchy => "hierarchy",
            ProblemKind::Unflyable => "unflyable",
            ProblemKind::TooLarge => "too_large",
        }
    }
}

/// `line` cut to at most [`MAX_LINE_CHARS`] characters (at a character boundary) with a
/// marker saying how much was left out.
pub(crate) fn clip(line: &str) -> std::borrow::Cow<'_, str> {
    match line.char_indices().nth(MAX_LINE_CHARS) {
        None => std::borrow::Cow::Borrowed(line),
        Some((cut, _)) => {
            let rest = line[cut..].chars().count();
            std::borrow::Cow::Owned(format!("{}… [{rest} more characters]", &line[..cut]))
        }
    }
}

/// Whether a problem stops the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// The scenario is rejected.
    Error,
    /// The scenario runs, but the user should know (a heavy run, capped false alarms).
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.headline())]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// 1-based line of the offending text.
    pub line: usize,
    /// 1-based column (in characters) of the offending text.
    pub col: usize,
    /// Where in the document, e.g. `threat[2].aim.lat_deg` (indices 0-based; empty for the
    /// document itself or a syntax error).
    pub key_path: String,
    /// What is wrong and what was expected, lower case.
    pub message: String,
    /// A suggestion (did-you-mean, the allowed values), if any.
    pub help: Option<String>,
    /// The other ends of a two-ended problem: (line, column, label).
    pub related: Vec<(usize, usize, String)>,
    /// The sort of problem.
    pub kind: ProblemKind,
    span: Span,
    label: String,
    related_spans: Vec<Span>,
    /// Whether the primary span or another end lies on a line too long for snippet renderers.
    long_line: bool,
}

impl Problem {
    /// `key_path: message`, or just the message when there is no key path.
    fn headline(&self) -> String {
        if self.key_path.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.key_path, self.message)
        }
    }
}

impl Diagnostic for Problem {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.long_line {
            // Snippet renderers keep columns in 16 bits (miette panics past 65,535): the
            // problem is shown without its snippet instead.
            return None;
        }
        let primary =
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), self.span.clone());
        let others = self
            .related_spans
            .iter()
            .zip(&self.related)
            .map(|(span, (_, _, label))| {
                LabeledSpan::new_with_span(Some(label.clone()), span.clone())
            });
        Some(Box::new(core::iter::once(primary).chain(others)))
    }
}

/// Every problem found in one scenario file, in file order.
#[derive(Debug)]
pub struct ScenarioErrors {
    source_name: String,
    source: NamedSource<String>,
    problems: Vec<Problem>,
}

impl ScenarioErrors {
    pub(crate) fn new(source_name: &str, text: &str, mut problems: Vec<Problem>) -> Self {
        // Stable: problems at one place keep the order they were found in.
        problems.sort_by_key(|p| p.span.start);
        ScenarioErrors {
            source_name: source_name.to_owned(),
            source: NamedSource::new(source_name, text.to_owned()).with_language("TOML"),
            problems,
        }
    }

    /// How many of the problems are errors (the rest are warnings that came with them).
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// The problems, in file order (never empty; at least one is an error).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The file name the problems refer to.
    pub fn source_name(&self) -> &str {
        &self.source_name
    }

    /// The graphical form (`miette::Report::new(errors.into_summary())`): its message is a
    /// one-line summary and every problem is a related diagnostic with its source snippet.
    /// (`ScenarioErrors` itself is a diagnostic too, but its message is the full plain list, so
    /// a graphical renderer would print the problems twice.)
    pub fn into_summary(self) -> Summary {
        Summary(self)
    }
}

impl fmt::Display for ScenarioErrors {
    /// One `file:line:col: error: key.path: message` line per problem, each followed by
    /// indented `help:` and `note:` lines (the other ends of two-ended problems); every
    /// problem, each line cut at [`MAX_LINE_CHARS`]. [`compact`](Self::compact) caps the count.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_problems(f, self.problems.len())
    }
}

impl ScenarioErrors {
    fn write_problems(&self, f: &mut dyn fmt::Write, max_problems: usize) -> fmt::Result {
        write_problems(&self.source_name, &self.problems, f, max_problems)
    }

    /// The plain-text form of at most `max_problems` problems (the first in file order), then a
    /// line with how many were left out and the total. Every line is cut at
    /// [`MAX_LINE_CHARS`]. Linear in the problems shown.
    pub fn compact(&self, max_problems: usize) -> String {
        let mut out = String::new();
        self.write_problems(&mut out, max_problems)
            .expect("writing to a String cannot fail");
        out
    }

    /// The machine-readable form, for editors and CI: `{"file", "total", "shown",
    /// "problems": [{"line", "col", "severity", "key_path", "kind", "message", "help",
    /// "related": [{"line", "col", "label"}]}]}` with at most `max_problems` problems (strings
    /// cut at [`MAX_LINE_CHARS`] as in the text form).
    pub fn to_json(&self, max_problems: usize) -> serde_json::Value {
        problems_json(&self.source_name, &self.problems, max_problems)
    }
}

/// Warnings about a scenario that loads: it runs, but the user should know (a heavy run,
/// radars whose false alarms the engine caps). Rendered like [`ScenarioErrors`].
#[derive(Clone, Debug, Default)]
pub struct Warnings {
    source_name: String,
    problems: Vec<Problem>,
}

impl Warnings {
    pub(crate) fn new(source_name: &str, mut problems: Vec<Problem>) -> Self {
        problems.sort_by_key(|p| p.span.start);
        Warnings {
            source_name: source_name.to_owned(),
            problems,
        }
    }
    /// The warnings, in file order (possibly none).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
    /// True if there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }
    /// `file:line:col: warning: …` lines, as [`ScenarioErrors::compact`].
    pub fn compact(&self, max_problems: usize) -> String {
        let mut out = String::new();
        write_problems(&self.source_name, &self.problems, &mut out, max_problems)
            .expect("writing to a String cannot fail");
        out
    }
    /// The JSON form, as [`ScenarioErrors::to_json`].
    pub fn to_json(&self, max_problems: usize) -> serde_json::Value {
        problems_json(&self.source_name, &self.problems, max_problems)
    }
}

fn write_problems(
    source_name: &str,
    problems: &[Problem],
    f: &mut dyn fmt::Write,
    max_problems: usize,
) -> fmt::Result {
    for (i, p) in problems.iter().take(max_problems).enumerate() {
        if i > 0 {
            writeln!(f)?;
        }
        let head = format!(
            "{source_name}:{}:{}: {}: {p}",
            p.line,
            p.col,
            p.severity.as_str()
        );
        f.write_str(&clip(&head))?;
        if let Some(help) = &p.help {
            write!(f, "\n{}", clip(&format!("    help: {help}")))?;
        }
        for (line, col, label) in &p.related {
            let note = format!("    note: {source_name}:{line}:{col}: {label}");
            write!(f, "\n{}", clip(&note))?;
        }
    }
    let total = problems.len();
    if total > max_problems {
        let shown = max_problems.min(total);
        if shown > 0 {
            writeln!(f)?;
        }
        write!(
            f,
            "{source_name}: … {} more problem{} not shown ({total} in total)",
            total - shown,
            if total - shown == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

fn problems_json(
    source_name: &str,
    problems: &[Problem],
    max_problems: usize,
) -> serde_json::Value {
    let text = |s: &str| serde_json::Value::String(clip(s).into_owned());
    let shown: Vec<serde_json::Value> = problems
        .iter()
        .take(max_problems)
        .map(|p| {
            serde_json::json!({
                "line": p.line,
                "col": p.col,
                "severity": p.severity.as_str(),
                "key_path": text(&p.key_path),
                "kind": p.kind.as_str(),
                "message": text(&p.message),
                "help": p.help.as_deref().map(text),
                "related": p.related.iter().map(|(line, col, label)| serde_json::json!({
                    "line": line, "col": col, "label": text(label),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "file": text(source_name),
        "total": problems.len(),
        "shown": shown.len(),
        "problems": shown,
    })
}

impl std::error::Error for ScenarioErrors {}

impl Diagnostic for ScenarioErrors {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("kizuna::scenario"))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.problems.iter().map(|p| p as &dyn Diagnostic)))
    }
}

/// Graphical form of [`ScenarioErrors`]: a one-line message ("scenario x.toml was rejected:
/// 3 problems"), the problems as related diagnostics.
#[derive(Debug)]
pub struct Summary(ScenarioErrors);

impl Summary {
    /// The problems.
    pub fn errors(&self) -> &ScenarioErrors {
        &self.0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.problems.len();
        let s = if n == 1 { "" } else { "s" };
        write!(
            f,
            "scenario {} was rejected: {n} problem{s}",
            self.0.source_name
        )
    }
}

impl std::error::Error for Summary {}

impl Diagnostic for Summary {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.code()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source_code()
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        self.0.related()
    }
}

/// Collects problems while a scenario is checked (located at the end, all at once).
#[derive(Debug)]
pub(crate) struct Diag<'a> {
    text: &'a str,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// A just-recorded problem, to attach help and the other ends to.
pub(crate) struct ProblemMut<'d> {
    problem: &'d mut Problem,
}

impl<'a> Diag<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Diag {
            text,
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Records a problem at `span`.
    pub(crate) fn error(
        &mut self,
        kind: ProblemKind,
        span: Span,
        key_path: &str,
        message: impl Into<String>,
    ) -> ProblemMut<'_> {
        self.problems
            .push(blank(Severity::Error, kind, span, key_path, message.into()));
        let problem = self
            .problems
            .last_mut()
            .expect("a problem was pushed just above");
        ProblemMut { problem }
    }

    /// Records a warning at `span` (the scenario still loads).
    pub(crate) fn warning(
        &mut self,
        kind: ProblemKind,
        span: Span,
        key_path: &str,
        message: impl Into<String>,
    ) -> ProblemMut<'_> {
        self.warnings.push(blank(
            Severity::Warning,
            kind,
            span,
            key_path,
            message.into(),
        ));
        let problem = self
            .warnings
            .last_mut()
            .expect("a warning was pushed just above");
        ProblemMut { problem }
    }

    /// How many problems so far.
    pub(crate) fn count(&self) -> usize {
        self.problems.len()
    }

    /// The problems and the warnings, each end located.
    pub(crate) fn into_problems_and_warnings(self) -> (Vec<Problem>, Vec<Problem>) {
        let Diag {
            text,
            mut problems,
            mut warnings,
        } = self;
        let offsets: Vec<usize> = problems
            .iter()
            .chain(&warnings)
            .flat_map(|p| {
                core::iter::once(p.span.start).chain(p.related_spans.iter().map(|s| s.start))
            })
            .collect();
        let mut located = locate_all(text, &offsets).into_iter();
        for p in problems.iter_mut().chain(&mut warnings) {
            let at = located.next().expect("one location per offset");
            (p.line, p.col, p.long_line) = (at.line, at.col, at.long_line);
            for r in &mut p.related {
                let at = located.next().expect("one location per offset");
                (r.0, r.1) = (at.line, at.col);
                p.long_line |= at.long_line;
            }
        }
        (problems, warnings)
    }

    /// The problems, each end located.
    pub(crate) fn into_problems(self) -> Vec<Problem> {
        self.into_problems_and_warnings().0
    }
}

fn blank(
    severity: Severity,
    kind: ProblemKind,
    span: Span,
    key_path: &str,
    message: String,
) -> Problem {
    Problem {
        severity,
        line: 0,
        col: 0,
        key_path: key_path.to_owned(),
        message,
        help: None,
        related: Vec::new(),
        kind,
        span,
        label: "here".to_owned(),
        related_spans: Vec::new(),
        long_line: false,
    }
}

impl ProblemMut<'_> {
    /// Adds a help line.
    pub(crate) fn help(self, help: impl Into<String>) -> Self {
        self.problem.help = Some(help.into());
        self
    }
    /// Adds a help line if there is one.
    pub(crate) fn maybe_help(self, help: Option<String>) -> Self {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }
    /// Sets the label under the primary span (default "here").
    pub(crate) fn label(self, label: impl Into<String>) -> Self {
        self.problem.label = label.into();
        self
    }
    /// Adds the other end of a two-ended problem.
    pub(crate) fn related(self, span: Span, label: impl Into<String>) -> Self {
        self.problem.related.push((0, 0, label.into()));
        self.problem.related_spans.push(span);
        self
    }
}
