//! Reading a run: the audit's own views of the run files, parsed with located errors.
//!
//! The audit declares only the fields it reads, by the names docs/outputs.md gives them; it
//! never links against the engine's record types, so a renamed or missing field is a located
//! error here rather than a silent agreement with the code under audit. Unknown event kinds
//! and extra fields or columns are ignored (the engine may add them).

use serde::Deserialize;

/// The scenario the run used, overrides applied (written by `kizuna run`).
pub const SCENARIO_FILE: &str = "scenario.toml";
/// The event log.
pub const EVENTS_FILE: &str = "events.jsonl";
/// Truth samples.
pub const TRUTH_FILE: &str = "truth.csv";
/// Track samples of every node.
pub const TRACKS_FILE: &str = "tracks.csv";

/// The contents of a run's files. The caller reads them (this crate does no file I/O).
#[derive(Clone, Copy, Debug)]
pub struct RunFiles<'a> {
    /// Name to report scenario problems under (e.g. `out/scenario.toml`).
    pub scenario_name: &'a str,
    /// `scenario.toml`.
    pub scenario: &'a str,
    /// `events.jsonl`.
    pub events: &'a [u8],
    /// `truth.csv`.
    pub truth: &'a [u8],
    /// `tracks.csv`.
    pub tracks: &'a [u8],
}

/// Why a run could not be audited. Every variant says where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// A line of a run file does not parse or holds an impossible value.
    #[error("{file}:{line}: {message}")]
    Malformed {
        /// Which file.
        file: &'static str,
        /// 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The run's scenario does not validate.
    #[error("{0}")]
    Scenario(scenario::ScenarioErrors),
    /// The files contradict each other (an event names a fire unit the scenario lacks, an
    /// intercept of an engagement that never launched).
    #[error("{file}:{line}: {message}")]
    Inconsistent {
        /// The file holding the contradicting record.
        file: &'static str,
        /// 1-based line.
        line: u64,
        /// What contradicts what.
        message: String,
    },
}

/// One event the audit reads (other kinds are skipped).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Event {
    ScenarioStart {
        scenario: String,
        seed: u64,
    },
    Impact {
        object: String,
    },
    EngagementDecision {
        fire_unit: String,
        track: u32,
        decision: String,
        reason: String,
    },
    InterceptorLaunch {
        fire_unit: String,
        engagement: u64,
        track: u32,
        interceptor: String,
        intercept_t_s: f64,
    },
    Intercept {
        fire_unit: String,
        engagement: u64,
        track: u32,
        object: Option<String>,
        killed: bool,
        lat_deg: f64,
        lon_deg: f64,
        alt_m: f64,
        /// Why the end game hit another object than the track's (declared by the engine).
        #[serde(default)]
        wrong_object: Option<String>,
    },
    EngagementAborted {
        engagement: u64,
        launched: bool,
    },
    KillAssessment {
        engagement: u64,
        reported_killed: bool,
    },
    #[serde(other)]
    Other,
}

/// An event with its time and line.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Timed {
    pub(crate) line: u64,
    pub(crate) t_ns: i64,
    pub(crate) event: Event,
}

#[derive(Deserialize)]
struct EventLine {
    t_ns: i64,
    #[serde(flatten)]
    event: Event,
}

/// One `truth.csv` row (the columns the audit reads).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub(crate) struct TruthRow {
    pub(crate) t_s: f64,
    pub(crate) object: String,
    pub(crate) kind: String,
    pub(crate) side: String,
    pub(crate) alt_m: f64,
    pub(crate) x_m: f64,
    pub(crate) y_m: f64,
    pub(crate) z_m: f64,
    pub(crate) vx_mps: f64,
    pub(crate) vy_mps: f64,
    pub(crate) vz_mps: f64,
}

/// One `tracks.csv` row (the columns the audit reads).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub(crate) struct TrackRow {
    pub(crate) t_s: f64,
    pub(crate) node: String,
    pub(crate) layer: String,
    pub(crate) track: u32,
    pub(crate) alt_m: f64,
    pub(crate) x_m: f64,
    pub(crate) y_m: f64,
    pub(crate) z_m: f64,
    pub(crate) sigma_pos_m: f64,
}

/// Parses `events.jsonl`; blank lines are skipped.
pub(crate) fn events(text: &[u8]) -> Result<Vec<Timed>, AuditError> {
    let malformed = |line: u64, message: String| AuditError::Malformed {
        file: EVENTS_FILE,
        line,
        message,
    };
    let mut out = Vec::new();
    for (i, raw) in text.split(|b| *b == b'\n').enumerate() {
        let line = i as u64 + 1;
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed: EventLine =
            serde_json::from_slice(raw).map_err(|e| malformed(line, e.to_string()))?;
        let numbers: &[(&str, f64)] = match &parsed.event {
            Event::InterceptorLaunch { intercept_t_s, .. } => &[("intercept_t_s", *intercept_t_s)],
            Event::Intercept {
                lat_deg,
                lon_deg,
                alt_m,
                ..
            } => &[
                ("lat_deg", *lat_deg),
                ("lon_deg", *lon_deg),
                ("alt_m", *alt_m),
            ],
            _ => &[],
        };
        finite(numbers).map_err(|m| malformed(line, m))?;
        if let Some(prev) = out.last().map(|e: &Timed| e.t_ns)
            && parsed.t_ns < prev
        {
            return Err(malformed(
                line,
                format!(
                    "t_ns {} is earlier than the previous event's {prev}",
                    parsed.t_ns
                ),
            ));
        }
        out.push(Timed {
            line,
            t_ns: parsed.t_ns,
            event: parsed.event,
        });
    }
    Ok(out)
}

/// A name cell as the run named it: the run gives a cell that a spreadsheet would read as a
/// formula (or that starts with `'`) one leading `'` (docs/outputs.md), dropped here, so names
/// in the CSV files match those in the scenario and the events.
fn name_cell(cell: &mut String) {
    if cell.starts_with('\'') {
        cell.remove(0);
    }
}

/// Parses `truth.csv`.
pub(crate) fn truth(text: &[u8]) -> Result<Vec<(u64, TruthRow)>, AuditError> {
    let mut rows = csv_rows(TRUTH_FILE, text, |r: &TruthRow| {
        finite(&[
            ("t_s", r.t_s),
            ("alt_m", r.alt_m),
            ("x_m", r.x_m),
            ("y_m", r.y_m),
            ("z_m", r.z_m),
            ("vx_mps", r.vx_mps),
            ("vy_mps", r.vy_mps),
            ("vz_mps", r.vz_mps),
        ])
    })?;
    for (_, row) in &mut rows {
        name_cell(&mut row.object);
    }
    Ok(rows)
}

/// Parses `tracks.csv`.
pub(crate) fn tracks(text: &[u8]) -> Result<Vec<(u64, TrackRow)>, AuditError> {
    let mut rows = csv_rows(TRACKS_FILE, text, |r: &TrackRow| {
        finite(&[
            ("t_s", r.t_s),
            ("alt_m", r.alt_m),
            ("x_m", r.x_m),
            ("y_m", r.y_m),
            ("z_m", r.z_m),
            ("sigma_pos_m", r.sigma_pos_m),
        ])?;
        if r.sigma_pos_m < 0.0 {
            return Err(format!("sigma_pos_m {} is negative", r.sigma_pos_m));
        }
        Ok(())
    })?;
    for (_, row) in &mut rows {
        name_cell(&mut row.node);
    }
    Ok(rows)
}

fn finite(values: &[(&str, f64)]) -> Result<(), String> {
    match values.iter().find(|(_, v)| !v.is_finite()) {
        Some((name, v)) => Err(format!("{name} is {v}, not a finite number")),
        None => Ok(()),
    }
}

/// Rows of a CSV file with a header, each with its 1-based line, checked by `check`.
fn csv_rows<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &[u8],
    check: impl Fn(&T) -> Result<(), String>,
) -> Result<Vec<(u64, T)>, AuditError> {
    // The run writes a CSV header with its first row: a table without rows is an empty file.
    if text.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text);
    let line_of = |e: &csv::Error| e.position().map_or(1, csv::Position::line);
    let headers = reader
        .headers()
        .map_err(|e| AuditError::Malformed {
            file,
            line: line_of(&e),
            message: e.to_string(),
        })?
        .clone();
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(AuditError::Malformed {
                    file,
                    line: line_of(&e),
                    message: e.to_string(),
                });
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        let row: T = record
            .deserialize(Some(&headers))
            .map_err(|e| AuditError::Malformed {
                file,
                line,
                message: e.to_string(),
            })?;
        check(&row).map_err(|message| AuditError::Malformed {
            file,
            line,
            message,
        })?;
        out.push((line, row));
    }
    Ok(out)
}

/// Simulation time of a sample row, integer nanoseconds (rows print seconds; sample instants
/// are whole milliseconds, so rounding recovers the engine's integer time exactly).
pub(crate) fn ns(t_s: f64) -> i64 {
    (t_s * 1e9).round() as i64
}
