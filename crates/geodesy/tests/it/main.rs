//! Integration tests of the geodesy crate through its public API only.
//!
//! - `pymap3d`: `val_pymap3d_*`, reference vectors from pymap3d (LLA↔ECEF, ECEF→ENU, AER).
//! - `geographiclib`: `val_geographiclib_*`, short geodesics checking ENU azimuth and range.
//! - `round_trip`: LLA↔ECEF↔ENU round trips over a dense grid with the poles and ±180°.
//! - `site`: `Site` edge cases found on the way.
//!
//! Reference CSVs and the scripts that made them live in `tests/reference/<source>/`; they are
//! compiled in with `include_str!`, so the tests read no files at run time.

mod geographiclib;
mod pymap3d;
mod round_trip;
mod site;

use core::f64::consts::TAU;

/// Data rows of a reference CSV: `#` comment lines skipped, the header checked against
/// `columns`, every field parsed as `f64` (Rust parses Python's `repr` floats exactly).
pub(crate) fn csv_rows(text: &str, columns: &str) -> Vec<Vec<f64>> {
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    assert_eq!(lines.next(), Some(columns), "reference CSV header changed");
    let width = columns.split(',').count();
    let rows: Vec<Vec<f64>> = lines
        .map(|line| {
            let row: Vec<f64> = line
                .split(',')
                .map(|f| {
                    f.parse()
                        .unwrap_or_else(|e| panic!("bad number {f:?} in {line:?}: {e}"))
                })
                .collect();
            assert_eq!(row.len(), width, "wrong field count in {line:?}");
            row
        })
        .collect();
    assert!(
        rows.len() >= 100,
        "reference CSV has only {} rows",
        rows.len()
    );
    rows
}

/// |a − b| for angles in radians, taking the short way round the circle (so +π and −π agree).
pub(crate) fn angle_diff_rad(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(TAU);
    d.min(TAU - d)
}

/// Largest value seen, with a description of where; for assertion messages and the report.
#[derive(Debug)]
pub(crate) struct Worst {
    what: &'static str,
    value: f64,
    at: String,
}

impl Worst {
    pub(crate) fn new(what: &'static str) -> Self {
        Worst {
            what,
            value: 0.0,
            at: String::from("(no rows)"),
        }
    }
    pub(crate) fn see(&mut self, value: f64, at: impl FnOnce() -> String) {
        assert!(!value.is_nan(), "{}: NaN at {}", self.what, at());
        if value > self.value || self.at == "(no rows)" {
            self.value = value;
            self.at = at();
        }
    }
    /// Asserts the worst value is within `tol`, and prints it (visible with `--nocapture`).
    pub(crate) fn assert_within(&self, tol: f64) {
        eprintln!(
            "{}: worst {:.3e} (tolerance {tol:.0e}) at {}",
            self.what, self.value, self.at
        );
        assert!(
            self.value <= tol,
            "{}: {:.3e} exceeds {tol:.0e} at {}",
            self.what,
            self.value,
            self.at
        );
    }
}
