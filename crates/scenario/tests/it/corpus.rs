//! The malformed corpus: `tests/malformed/*.toml`, each with a sibling `.expected` holding the
//! exact plain-text diagnostics (location, key path, message, help, other ends; for a file
//! that loads, `(accepted)` and its warnings). `issue-18-*` are the reproductions of issue 18. Rewrite the
//! `.expected` files with `KIZUNA_BLESS=1 cargo test -p scenario` and review the diff.

use std::path::{Path, PathBuf};

/// Fewest malformed scenarios the corpus must hold.
const MIN_CORPUS: usize = 15;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed")
}

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/malformed exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("a file")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_malformed_scenario_reports_exactly_its_expected_problems() {
    let files = corpus();
    assert!(
        files.len() >= MIN_CORPUS,
        "only {} malformed scenarios",
        files.len()
    );
    let bless = std::env::var_os("KIZUNA_BLESS").is_some();
    let mut failures = Vec::new();
    for path in files {
        let name = file_name(&path);
        let text = std::fs::read_to_string(&path).expect("readable corpus file");
        let actual = match scenario::load_with_warnings(&name, &text) {
            Ok(loaded) if loaded.warnings.is_empty() => "(accepted)".to_owned(),
            Ok(loaded) => format!("(accepted)\n{}\n", loaded.warnings.compact(usize::MAX)),
            Err(errors) => format!("{errors}\n"),
        };
        let expected_path = path.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &actual).expect("writable corpus");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "--- {name}\nexpected:\n{expected}actual:\n{actual}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(bless with KIZUNA_BLESS=1 after review)",
        failures.join("\n")
    );
}

/// The structured fields agree with the text, for a two-ended problem.
#[test]
fn problems_carry_location_key_path_help_and_other_end() {
    let path = corpus_dir().join("sensor-unknown-platform.toml");
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let errors = scenario::load("s.toml", &text).expect_err("malformed");
    let [p] = errors.problems() else {
        panic!("one problem expected:\n{errors}")
    };
    assert_eq!((p.line, p.col), (46, 12));
    assert_eq!(p.key_path, "sensor[0].platform");
    assert_eq!(p.message, "unknown platform `JPN-SITE-NROTH`");
    assert_eq!(p.help.as_deref(), Some("did you mean `JPN-SITE-NORTH`?"));
    assert_eq!(
        p.related,
        [(27, 8, "`JPN-SITE-NORTH` is defined here".to_owned())]
    );
    assert_eq!(p.kind, scenario::ProblemKind::UnknownReference);
    assert_eq!(errors.source_name(), "s.toml");
}

#[test]
fn display_lines_are_compiler_style() {
    let path = corpus_dir().join("several-problems.toml");
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let errors = scenario::load("name.toml", &text).expect_err("malformed");
    let shown = errors.to_string();
    let mut headlines = 0;
    for line in shown.lines() {
        if line.starts_with(' ') {
            assert!(
                line.starts_with("    help: ") || line.starts_with("    note: name.toml:"),
                "{line}"
            );
            continue;
        }
        headlines += 1;
        let rest = line
            .strip_prefix("name.toml:")
            .unwrap_or_else(|| panic!("{line}"));
        let mut parts = rest.splitn(3, ':');
        let (l, c, tail) = (parts.next(), parts.next(), parts.next());
        assert!(l.is_some_and(|l| l.parse::<usize>().is_ok()), "{line}");
        assert!(c.is_some_and(|c| c.parse::<usize>().is_ok()), "{line}");
        assert!(tail.is_some_and(|t| t.starts_with(" error: ")), "{line}");
    }
    assert_eq!(headlines, errors.problems().len());
    assert!(
        headlines >= 5,
        "several problems in one file are all reported"
    );
}

#[test]
fn miette_renders_every_problem_with_its_snippet() {
    use miette::{GraphicalReportHandler, GraphicalTheme};
    let path = corpus_dir().join("duplicate-name.toml");
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let errors = scenario::load("dup.toml", &text).expect_err("malformed");
    // The set itself is a diagnostic too, with the source attached.
    let diagnostic: &dyn miette::Diagnostic = &errors;
    assert!(diagnostic.source_code().is_some());
    assert_eq!(diagnostic.related().map(|r| r.count()), Some(1));
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, &errors.into_summary())
        .expect("renders");
    assert!(
        out.contains("scenario dup.toml was rejected: 1 problem"),
        "{out}"
    );
    assert!(
        out.contains("platform[1].name: duplicate platform name `JPN-SITE-NORTH`"),
        "{out}"
    );
    assert!(out.contains("[dup.toml:34:8]"), "{out}");
    assert!(out.contains("first defined here"), "{out}");
    assert!(out.contains("defined again here"), "{out}");
    assert_eq!(
        out.matches("duplicate platform name").count(),
        1,
        "each problem once:\n{out}"
    );
}
