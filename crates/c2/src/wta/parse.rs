//! Reading the public benchmark text format of Andersen, Pavlikov & Toffolo (2022): a data
//! format, not a file API (the caller reads the file).
//!
//! ```text
//! m n mu            first line: weapon types, targets, units per weapon type
//! V_j               n lines: target values
//! i j p_ij          m·n lines: kill probability of one unit of weapon i on target j
//! ```
//! Every `(i, j)` pair must appear exactly once; blank lines are skipped.
//!
//! Memory is allocated from what is read, never from what the header declares: the declared
//! `n + m·n` data lines are checked against the lines present (overflow-checked) before any
//! table is sized, so an 80 KB file declaring `40000 40000 1` is refused at once.

use super::problem::{Objective, Problem, ProblemError, Target, Weapon};
use thiserror::Error;

/// Why a benchmark text was rejected; `line` is 1-based.
#[derive(Debug, Error, PartialEq)]
#[non_exhaustive]
pub enum ParseError {
    /// A line does not have the expected fields.
    #[error("line {line}: {message}")]
    Syntax {
        /// 1-based line number.
        line: usize,
        /// What was expected.
        message: String,
    },
    /// The text ended before all data was read.
    #[error("line {line}: unexpected end of data: {message}")]
    Truncated {
        /// The line after the last one read.
        line: usize,
        /// What was still missing.
        message: String,
    },
    /// The numbers parse but do not make a valid problem.
    #[error("invalid problem: {0}")]
    Problem(#[from] ProblemError),
}

fn syntax(line: usize, message: impl Into<String>) -> ParseError {
    ParseError::Syntax {
        line,
        message: message.into(),
    }
}

fn fields<T: std::str::FromStr>(
    line: usize,
    text: &str,
    what: &str,
    k: usize,
) -> Result<Vec<T>, ParseError> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    if parts.len() != k {
        return Err(syntax(
            line,
            format!("expected {what}, found {:?}", text.trim()),
        ));
    }
    parts
        .iter()
        .map(|p| {
            p.parse::<T>()
                .map_err(|_| syntax(line, format!("expected {what}, found {p:?}")))
        })
        .collect()
}

impl Problem {
    /// Parses the benchmark format into a [`Objective::TargetValue`] problem with no channel
    /// or shot limits.
    pub fn from_benchmark_text(text: &str) -> Result<Self, ParseError> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(k, l)| (k + 1, l))
            .filter(|(_, l)| !l.trim().is_empty());
        let mut last = 0;
        let mut next = |missing: &str| {
            let got = lines.next();
            if let Some((k, _)) = got {
                last = k;
            }
            got.ok_or_else(|| ParseError::Truncated {
                line: last + 1,
                message: missing.to_owned(),
            })
        };
        let (k, head) = next("header `m n mu`")?;
        let h: Vec<usize> = fields(k, head, "`m n mu` (three non-negative integers)", 3)?;
        let (m, n) = (h[0], h[1]);
        let units = u32::try_from(h[2]).map_err(|_| syntax(k, "mu is too large"))?;
        if m == 0 || n == 0 {
            return Err(syntax(
                k,
                format!("{m} weapons x {n} targets: an instance needs at least one of each"),
            ));
        }
        let present = text
            .lines()
            .skip(k)
            .filter(|l| !l.trim().is_empty())
            .count();
        let declared = m.checked_mul(n).and_then(|mn| mn.checked_add(n));
        if declared.is_none_or(|d| d > present) {
            let declared = declared.map_or_else(|| "more than 2^64".to_owned(), |d| d.to_string());
            return Err(ParseError::Truncated {
                line: k,
                message: format!(
                    "the header declares {m} weapons x {n} targets ({declared} data lines) \
                     but {present} follow"
                ),
            });
        }
        let mut targets = Vec::with_capacity(n);
        for j in 0..n {
            let (k, l) = next(&format!("value of target {j}"))?;
            let v: Vec<f64> = fields(k, l, "a target value", 1)?;
            if !(v[0].is_finite() && v[0] >= 0.0) {
                return Err(syntax(
                    k,
                    format!("target value {} is negative or not finite", v[0]),
                ));
            }
            targets.push(Target {
                value: v[0],
                max_shots: None,
                threatens: None,
            });
        }
        let mut p = vec![vec![f64::NAN; n]; m];
        for pair in 0..m * n {
            let (k, l) = next(&format!("{} more `i j p` lines", m * n - pair))?;
            let parts: Vec<&str> = l.split_whitespace().collect();
            let bad = || syntax(k, format!("expected `i j p`, found {:?}", l.trim()));
            let [i, j, pij] = parts[..] else {
                return Err(bad());
            };
            let (Ok(i), Ok(j), Ok(pij)) =
                (i.parse::<usize>(), j.parse::<usize>(), pij.parse::<f64>())
            else {
                return Err(bad());
            };
            if i >= m || j >= n {
                return Err(syntax(
                    k,
                    format!("pair ({i}, {j}) outside {m} weapons x {n} targets"),
                ));
            }
            if !(0.0..=1.0).contains(&pij) {
                return Err(syntax(k, format!("probability {pij} outside [0, 1]")));
            }
            if !p[i][j].is_nan() {
                return Err(syntax(k, format!("pair ({i}, {j}) given twice")));
            }
            p[i][j] = pij;
        }
        if let Some((k, l)) = lines.next() {
            return Err(syntax(
                k,
                format!("unexpected data after the last pair: {:?}", l.trim()),
            ));
        }
        let weapons = vec![
            Weapon {
                units,
                channels: None
            };
            m
        ];
        Ok(Problem::new(weapons, targets, p, Objective::TargetValue)?)
    }
}
