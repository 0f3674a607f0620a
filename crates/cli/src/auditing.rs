//! `kizuna audit RUN_DIR [--json]`: the independent run checker (crate `audit`) over a run
//! directory's files, and the in-memory recorder `kizuna mc --audit` audits each run with.

use anyhow::{Context, Result};
use sim::{DetectionRow, LogEvent, Recorder, TrackRow, TruthRow};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `kizuna audit`.
#[derive(Debug, clap::Args)]
pub(crate) struct AuditArgs {
    /// A run's output directory (needs scenario.toml, events.jsonl, truth.csv, tracks.csv).
    run_dir: PathBuf,
    /// Machine-readable output: {"violations": {kind: n}, "checked": {kind: n}, "examples": […], …}.
    #[arg(long)]
    json: bool,
}

/// Exit status when the audit found violations (0: none; 2: the run could not be read).
const VIOLATIONS: u8 = 1;
/// Exit status when a run file is missing, unreadable, malformed or inconsistent.
const UNREADABLE: u8 = 2;

pub(crate) fn audit(args: &AuditArgs) -> Result<ExitCode> {
    let dir = &args.run_dir;
    let read = |name: &str| -> Result<Vec<u8>> {
        let path = dir.join(name);
        if name == audit::SCENARIO_FILE && !path.exists() {
            anyhow::bail!(
                "cannot read {}: this run directory has no scenario.toml (written by `kizuna \
                 run` from this version on; re-run the scenario to audit it)",
                path.display()
            );
        }
        let limit = match name {
            audit::SCENARIO_FILE => scenario::MAX_SCENARIO_BYTES,
            _ => crate::input::MAX_RECORD_BYTES,
        };
        crate::input::read_record(&path, limit, "run file")
    };
    if !dir.is_dir() {
        eprintln!(
            "error: {} is not a directory (give a run's output directory)",
            dir.display()
        );
        return Ok(ExitCode::from(UNREADABLE));
    }
    let loaded = (|| -> Result<_> {
        let scenario = read(audit::SCENARIO_FILE)?;
        let scenario = String::from_utf8(scenario).with_context(|| {
            format!("{} is not UTF-8", dir.join(audit::SCENARIO_FILE).display())
        })?;
        Ok((
            scenario,
            read(audit::EVENTS_FILE)?,
            read(audit::TRUTH_FILE)?,
            read(audit::TRACKS_FILE)?,
        ))
    })();
    let (scenario, events, truth, tracks) = match loaded {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e:#}");
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    let scenario_name = dir.join(audit::SCENARIO_FILE).display().to_string();
    let files = audit::RunFiles {
        scenario_name: &scenario_name,
        scenario: &scenario,
        events: &events,
        truth: &truth,
        tracks: &tracks,
    };
    let report = match audit::audit(&files) {
        Ok(report) => report,
        Err(audit::AuditError::Scenario(errors)) => {
            crate::commands::report_problems(&errors);
            return Ok(ExitCode::from(UNREADABLE));
        }
        Err(e) => {
            eprintln!("error: {}: {e}", dir.display());
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report.to_json())?);
    } else {
        print!("{}", report.to_text());
    }
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(VIOLATIONS)
    })
}

/// Records a run in memory exactly as `kizuna run` writes the files the audit reads (same
/// serialisers, same bytes), so `mc --audit` audits what a run directory would hold.
#[derive(Default)]
pub(crate) struct AuditRecorder {
    events: Vec<u8>,
    truth: Option<csv::Writer<Vec<u8>>>,
    tracks: Option<csv::Writer<Vec<u8>>>,
    error: Option<String>,
}

impl AuditRecorder {
    /// Audits the recorded run against the scenario text it ran.
    pub(crate) fn audit(self, scenario_name: &str, scenario: &str) -> Result<audit::Report> {
        if let Some(e) = self.error {
            anyhow::bail!("recording the run for the audit: {e}");
        }
        let finish = |w: Option<csv::Writer<Vec<u8>>>| -> Result<Vec<u8>> {
            match w {
                Some(w) => w.into_inner().map_err(|e| anyhow::anyhow!("{e}")),
                None => Ok(Vec::new()),
            }
        };
        let truth = finish(self.truth)?;
        let tracks = finish(self.tracks)?;
        let files = audit::RunFiles {
            scenario_name,
            scenario,
            events: &self.events,
            truth: &truth,
            tracks: &tracks,
        };
        audit::audit(&files).map_err(|e| anyhow::anyhow!("{e}"))
    }

    fn row<T: serde::Serialize>(
        w: &mut Option<csv::Writer<Vec<u8>>>,
        row: &T,
        error: &mut Option<String>,
    ) {
        let w = w.get_or_insert_with(|| csv::Writer::from_writer(Vec::new()));
        if error.is_none()
            && let Err(e) = w.serialize(row)
        {
            *error = Some(e.to_string());
        }
    }
}

impl Recorder for AuditRecorder {
    fn event(&mut self, event: &LogEvent) {
        if self.error.is_some() {
            return;
        }
        let r = serde_json::to_writer(&mut self.events, event)
            .map_err(|e| e.to_string())
            .and_then(|()| self.events.write_all(b"\n").map_err(|e| e.to_string()));
        if let Err(e) = r {
            self.error = Some(e);
        }
    }
    fn truth(&mut self, row: &TruthRow) {
        Self::row(&mut self.truth, row, &mut self.error);
    }
    fn detection(&mut self, _: &DetectionRow) {}
    fn track(&mut self, row: &TrackRow) {
        Self::row(&mut self.tracks, row, &mut self.error);
    }
}
