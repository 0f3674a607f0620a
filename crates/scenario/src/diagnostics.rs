//! Located problems: what [`load`](fn@crate::load) returns when a scenario is rejected.
//!
//! Every problem carries its 1-based line and column, the key path (`threat[2].aim.lat_deg`,
//! array indices 0-based), a lower-case message, an optional help line and the other end of
//! two-ended problems (the first definition of a duplicate, the referenced entity). The set is
//! both plain text (`Display`: one `file:line:col: error: …` line per problem, compiler style)
//! and a [`miette::Diagnostic`] with the source attached and one related diagnostic per problem.

use core::fmt;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::span::{LineIndex, Span};

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
}

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.headline())]
pub struct Problem {
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

    /// The problems, in file order (never empty).
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
    /// indented `help:` and `note:` lines (the other ends of two-ended problems).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}:{}: error: {}", self.source_name, p.line, p.col, p)?;
            if let Some(help) = &p.help {
                write!(f, "\n    help: {help}")?;
            }
            for (line, col, label) in &p.related {
                write!(f, "\n    note: {}:{line}:{col}: {label}", self.source_name)?;
            }
        }
        Ok(())
    }
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

/// Collects problems while a scenario is checked.
#[derive(Debug)]
pub(crate) struct Diag<'a> {
    index: LineIndex<'a>,
    problems: Vec<Problem>,
}

/// A just-recorded problem, to attach help and the other ends to.
pub(crate) struct ProblemMut<'d, 'a> {
    problem: &'d mut Problem,
    index: &'d LineIndex<'a>,
}

impl<'a> Diag<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Diag {
            index: LineIndex::new(text),
            problems: Vec::new(),
        }
    }

    /// Records a problem at `span`.
    pub(crate) fn error(
        &mut self,
        kind: ProblemKind,
        span: Span,
        key_path: &str,
        message: impl Into<String>,
    ) -> ProblemMut<'_, 'a> {
        let (line, col) = self.index.locate(span.start);
        let Diag { index, problems } = self;
        problems.push(Problem {
            line,
            col,
            key_path: key_path.to_owned(),
            message: message.into(),
            help: None,
            related: Vec::new(),
            kind,
            span,
            label: "here".to_owned(),
            related_spans: Vec::new(),
        });
        let problem = problems
            .last_mut()
            .expect("a problem was pushed just above");
        ProblemMut { problem, index }
    }

    /// How many problems so far.
    pub(crate) fn count(&self) -> usize {
        self.problems.len()
    }

    pub(crate) fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

impl ProblemMut<'_, '_> {
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
        let (line, col) = self.index.locate(span.start);
        self.problem.related.push((line, col, label.into()));
        self.problem.related_spans.push(span);
        self
    }
}
