//! `cargo xtask test`: the README's test command. Runs `cargo test --workspace --release`
//! (release, so it reuses every dependency `cargo run --release` built), then lists the tests
//! that skipped because something outside the repository was absent and closes with one line,
//! `summary: N passed, N failed, N skipped`, where a skipped test is not counted as passed.
//!
//! Skips reach it through `testkit::skip!`, which appends to the file named by
//! `KIZUNA_SKIP_LOG` (set here to `<target>/kizuna-skips.log`).
//!
//! When `KIZUNA_CI_PROVIDES` names `jsonschema` (CI does), the run adds
//! `--features scenario/schema-check`, so `.ci/run` calls exactly the README's command.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

/// Counts from cargo's `test result:` lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) passed: u64,
    pub(crate) failed: u64,
}

/// Adds one `test result: ok. 5 passed; 0 failed; 0 ignored; …` line to `counts`; other lines
/// are ignored.
pub(crate) fn add_result_line(counts: &mut Counts, line: &str) {
    let Some(rest) = line.trim().strip_prefix("test result: ") else {
        return;
    };
    for part in rest.split(';') {
        let words: Vec<&str> = part.split_whitespace().collect();
        // "ok. 5 passed" / "FAILED. 1 passed" / " 0 failed"
        let (n, what) = match words.as_slice() {
            [_, n, what] | [n, what] => (n, what),
            _ => continue,
        };
        let Ok(n) = n.parse::<u64>() else { continue };
        match *what {
            "passed" => counts.passed += n,
            "failed" => counts.failed += n,
            _ => {}
        }
    }
}

/// The closing lines: the skipped tests, then the one-line summary.
pub(crate) fn closing(counts: Counts, skips: &[testkit::Skip]) -> String {
    let mut out = String::new();
    if !skips.is_empty() {
        out.push_str(&format!(
            "\n{} {} did not run (each printed `ok` above; install or provide what it needs to run it):\n",
            skips.len(),
            if skips.len() == 1 { "test" } else { "tests" }
        ));
        for s in skips {
            out.push_str(&format!(
                "  skipped {}  [needs {}]  {}\n",
                s.test, s.resource, s.reason
            ));
        }
    }
    let skipped = skips.len() as u64;
    out.push_str(&format!(
        "summary: {} passed, {} failed, {skipped} skipped\n",
        counts.passed.saturating_sub(skipped),
        counts.failed
    ));
    out
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// Runs the workspace tests; `args` go to `cargo test` (given any, they replace `--workspace`).
pub(crate) fn run(root: &Path, args: &[String]) -> ExitCode {
    let target = target_dir(root);
    if let Err(e) = std::fs::create_dir_all(&target) {
        eprintln!("xtask test: cannot create {}: {e}", target.display());
        return ExitCode::from(2);
    }
    let log = target.join("kizuna-skips.log");
    if let Err(e) = std::fs::write(&log, "") {
        eprintln!("xtask test: cannot reset {}: {e}", log.display());
        return ExitCode::from(2);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root).arg("test").arg("--release");
    if args.is_empty() {
        cmd.arg("--workspace");
        // Heavy optional test dependencies are built only where they will be used: CI names
        // them in KIZUNA_CI_PROVIDES, a newcomer's run lists their tests as skipped.
        let provided = std::env::var(testkit::CI_PROVIDES_VAR).unwrap_or_default();
        if testkit::provides(&provided, testkit::JSONSCHEMA) {
            cmd.args(["--features", "scenario/schema-check"]);
        }
    }
    cmd.args(args)
        .env(testkit::SKIP_LOG_VAR, &log)
        .stdout(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("xtask test: cannot start cargo: {e}");
            return ExitCode::from(2);
        }
    };
    let mut counts = Counts::default();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            add_result_line(&mut counts, &line);
        }
    }
    let status = match child.wait() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("xtask test: cargo did not finish: {e}");
            return ExitCode::from(2);
        }
    };
    let mut skips = testkit::parse_log(&std::fs::read_to_string(&log).unwrap_or_default());
    skips.sort();
    if !status.success() {
        println!(
            "\nerror: cargo test exited with status {} (a test failed, or a build failure stopped it before every test ran)",
            status
                .code()
                .map_or_else(|| "unknown".to_owned(), |c| c.to_string())
        );
    }
    print!("{}", closing(counts, &skips));
    if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(u8::try_from(status.code().unwrap_or(1)).unwrap_or(1).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_are_summed() {
        let mut c = Counts::default();
        add_result_line(
            &mut c,
            "test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s",
        );
        add_result_line(
            &mut c,
            "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out",
        );
        add_result_line(&mut c, "test foo ... ok");
        assert_eq!(
            c,
            Counts {
                passed: 8,
                failed: 2
            }
        );
    }

    #[test]
    fn skipped_tests_are_listed_and_not_counted_as_passed() {
        let skips = testkit::parse_log(&testkit::record(
            "c2",
            "local_gap",
            "shared",
            "no ../shared/data/wta",
        ));
        let text = closing(
            Counts {
                passed: 10,
                failed: 0,
            },
            &skips,
        );
        assert!(text.contains("skipped c2::local_gap  [needs shared]  no ../shared/data/wta"));
        assert!(
            text.ends_with("summary: 9 passed, 0 failed, 1 skipped\n"),
            "{text}"
        );
        let none = closing(
            Counts {
                passed: 3,
                failed: 1,
            },
            &[],
        );
        assert_eq!(none, "summary: 3 passed, 1 failed, 0 skipped\n");
    }
}
