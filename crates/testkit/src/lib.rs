//! Helpers shared by Kizuna's tests; a dev-dependency only, never shipped.
//!
//! **Honest skips.** Rust's test harness has no "skipped" outcome: a test that returns early
//! because something it needs is absent (`../shared` beside the clone, a browser, Python with
//! numpy) would print `ok` like one that ran. Such a test calls [`skip!`] instead of returning
//! silently. That
//! - prints `skipped: <crate>::<test>: <reason>` on stderr;
//! - appends the same record to the file named by `KIZUNA_SKIP_LOG`, which `cargo xtask test`
//!   (the README's test command) sets, then lists every skip after the cargo output and counts
//!   them in its closing `summary: N passed, N failed, N skipped` line;
//! - **panics** when `KIZUNA_CI_PROVIDES` names the resource: CI lists there what it installs
//!   or lays beside the clone (`.ci/run`), so a test that does not find it fails instead of
//!   skipping.
//!
//! Resource names (the words `KIZUNA_CI_PROVIDES` may list, comma- or space-separated):
//! [`SHARED`], [`BROWSER`], [`NUMPY`], [`JSONSCHEMA`], [`SLOW`], [`LINUX`].

/// `../shared` beside the repository (or `$KIZUNA_SHARED`): GPL benchmark data and the Python
/// tracking-benchmark generator. A user's clone does not have it.
pub const SHARED: &str = "shared";
/// node, Debian chromium and playwright-core for the report's browser test.
pub const BROWSER: &str = "browser";
/// python3 with numpy, for the cross-check of `kizuna gen-bench` against the Python generator.
pub const NUMPY: &str = "numpy";
/// The `schema-check` feature of `scenario` (jsonschema, heavy to build): JSON Schema validation.
pub const JSONSCHEMA: &str = "jsonschema";

/// The slow tier: tests too slow for the dev profile. They run in release builds (`cargo
/// xtask test`, hence CI) or when `KIZUNA_SLOW` is set; see [`slow_tier_runs`].
pub const SLOW: &str = "slow";

/// Linux's `/proc` and `/dev/zero`, which a few input and output tests use to stand for an
/// endless file and a process that is gone.
pub const LINUX: &str = "linux";

/// Whether a slow-tier test runs here: in an optimised build, or when `KIZUNA_SLOW` is set.
pub fn slow_tier_runs() -> bool {
    !cfg!(debug_assertions) || std::env::var_os("KIZUNA_SLOW").is_some()
}

/// The environment variable CI sets to the resources it provides.
pub const CI_PROVIDES_VAR: &str = "KIZUNA_CI_PROVIDES";
/// The environment variable naming the file skips are appended to.
pub const SKIP_LOG_VAR: &str = "KIZUNA_SKIP_LOG";

/// Records that the calling test did not run because `resource` is absent, or panics when CI
/// provides it. `krate` and `test` name the test; prefer the [`skip!`] macro, which fills them.
pub fn skipped(krate: &str, test: &str, resource: &str, reason: &str) {
    let provided = std::env::var(CI_PROVIDES_VAR).unwrap_or_default();
    assert!(
        !provides(&provided, resource),
        "{krate}::{test} needs `{resource}`, which {CI_PROVIDES_VAR}={provided:?} says CI \
         provides, but: {reason}"
    );
    let line = record(krate, test, resource, reason);
    eprintln!("skipped: {}", line.replace('\t', ": "));
    if let Some(path) = std::env::var_os(SKIP_LOG_VAR) {
        use std::io::Write;
        // One short write per record on an O_APPEND file: tests running in parallel do not
        // interleave within a line.
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(format!("{line}\n").as_bytes()));
        if let Err(e) = written {
            panic!(
                "{krate}::{test}: cannot record the skip in {}: {e}",
                std::path::Path::new(&path).display()
            );
        }
    }
}

/// Whether a `KIZUNA_CI_PROVIDES` value names `resource`.
pub fn provides(list: &str, resource: &str) -> bool {
    list.split([',', ' '])
        .map(str::trim)
        .any(|r| r.eq_ignore_ascii_case(resource))
}

/// One skip record: `<crate>::<test>\t<resource>\t<reason>` (tabs and newlines in the parts
/// become spaces, so a record is one line with three fields).
pub fn record(krate: &str, test: &str, resource: &str, reason: &str) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    format!(
        "{}::{}\t{}\t{}",
        clean(krate),
        clean(test),
        clean(resource),
        clean(reason)
    )
}

/// A skip record read back: which test, what it needed, why it did not run.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skip {
    /// `<crate>::<test>`.
    pub test: String,
    /// The resource name ([`SHARED`], [`BROWSER`], [`NUMPY`]).
    pub resource: String,
    /// The test's reason.
    pub reason: String,
}

/// Parses a skip log (see [`record`]); malformed lines are kept whole as the test name so
/// nothing is dropped silently.
pub fn parse_log(text: &str) -> Vec<Skip> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.splitn(3, '\t');
            let test = parts.next().unwrap_or_default().to_owned();
            let resource = parts.next().unwrap_or_default().to_owned();
            let reason = parts.next().unwrap_or_default().to_owned();
            Skip {
                test,
                resource,
                reason,
            }
        })
        .collect()
}

/// The name of the running test: the harness names each test's thread after it.
pub fn current_test() -> String {
    std::thread::current()
        .name()
        .unwrap_or("unnamed test")
        .to_owned()
}

/// Skips the calling test, saying why: `testkit::skip!(testkit::SHARED, "no {}", path)`.
/// The caller returns right after. See the crate docs for what a skip does.
#[macro_export]
macro_rules! skip {
    ($resource:expr, $($why:tt)+) => {
        $crate::skipped(
            env!("CARGO_PKG_NAME"),
            &$crate::current_test(),
            $resource,
            &format!($($why)+),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provides_reads_comma_and_space_separated_lists() {
        assert!(provides("shared,browser", "browser"));
        assert!(provides("shared browser numpy", "NUMPY"));
        assert!(provides(" shared , numpy", "shared"));
        assert!(!provides("", "shared"));
        assert!(!provides("sharedx", "shared"));
    }

    #[test]
    fn records_round_trip_through_the_log() {
        let a = record("c2", "t\tone", "shared", "no data\nhere");
        let b = record("report", "browser", "browser", "node is not installed");
        let log = format!("{a}\n{b}\n");
        let skips = parse_log(&log);
        assert_eq!(skips.len(), 2);
        assert_eq!(skips[0].test, "c2::t one");
        assert_eq!(skips[0].reason, "no data here");
        assert_eq!(skips[1].resource, "browser");
    }

    #[test]
    fn the_current_test_is_named_after_its_thread() {
        assert!(current_test().ends_with("the_current_test_is_named_after_its_thread"));
    }
}
