//! Output files of a run and the terminal summary table.

use crate::staging::Staged;
use anyhow::{Context, Result};
use sim::{DetectionRow, LogEvent, Recorder, Summary, TrackRow, TruthRow};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// `events.jsonl`, `truth.csv`, `detections.csv` and `tracks.csv` in one directory, written as
/// the run goes; at the end `series.json`, `report.html`, `scenario.czml` and `scenario.kml`,
/// which need the whole run (events, truth and track rows are kept for them), then
/// `summary.json` last. Everything goes into a staged directory renamed into place only when
/// complete (see [`crate::staging`]).
pub(crate) struct OutputDir {
    staged: Staged,
    kept_events: Vec<LogEvent>,
    kept_truth: Vec<TruthRow>,
    kept_tracks: Vec<TrackRow>,
    events: BufWriter<File>,
    truth: csv::Writer<BufWriter<File>>,
    detections: csv::Writer<BufWriter<File>>,
    tracks: csv::Writer<BufWriter<File>>,
    /// First write error, reported at `finish` (the recorder interface cannot fail).
    error: Option<std::io::Error>,
}

impl OutputDir {
    /// Locks `path` and opens the record files in its staging directory; refuses an existing
    /// non-empty `path` unless `force`.
    pub(crate) fn create(path: &Path, force: bool) -> Result<Self> {
        let staged = Staged::begin(path, force)?;
        let dir = staged.dir().to_owned();
        let open = |name: &str| {
            let p = dir.join(name);
            File::create(&p)
                .map(BufWriter::new)
                .with_context(|| format!("cannot create {}", p.display()))
        };
        Ok(OutputDir {
            kept_events: Vec::new(),
            kept_truth: Vec::new(),
            kept_tracks: Vec::new(),
            events: open("events.jsonl")?,
            truth: csv::Writer::from_writer(open("truth.csv")?),
            detections: csv::Writer::from_writer(open("detections.csv")?),
            tracks: csv::Writer::from_writer(open("tracks.csv")?),
            error: None,
            staged,
        })
    }

    /// The staging directory the files go into while the run goes.
    pub(crate) fn dir(&self) -> &Path {
        self.staged.dir()
    }

    /// Writes the closing files (summary last) and moves the directory into place; returns
    /// its final path.
    pub(crate) fn finish(mut self, input: &sim::Input, summary: &Summary) -> Result<PathBuf> {
        if let Some(e) = self.error.take() {
            return Err(e).context("writing run records");
        }
        self.events.flush().context("writing events.jsonl")?;
        self.truth.flush().context("writing truth.csv")?;
        self.detections.flush().context("writing detections.csv")?;
        self.tracks.flush().context("writing tracks.csv")?;
        let dir = self.staged.dir().to_owned();
        let write = |name: &str, text: &str| {
            let p = dir.join(name);
            std::fs::write(&p, text).with_context(|| format!("cannot write {}", p.display()))
        };
        let mut series = serde_json::to_string(&summary.series())?;
        series.push('\n');
        write("series.json", &series)?;
        let data = report::RunData {
            input,
            summary,
            events: &self.kept_events,
            truth: &self.kept_truth,
            tracks: &self.kept_tracks,
        };
        write("report.html", &report::run_html(&data))?;
        write("scenario.czml", &report::czml(&data))?;
        write("scenario.kml", &report::kml(&data))?;
        let mut json = serde_json::to_string_pretty(summary)?;
        json.push('\n');
        write("summary.json", &json)?;
        // Close the record files before the directory moves.
        let OutputDir { staged, .. } = self;
        staged.commit()
    }
}

impl Recorder for OutputDir {
    fn event(&mut self, event: &LogEvent) {
        self.kept_events.push(event.clone());
        if self.error.is_some() {
            return;
        }
        let r = serde_json::to_writer(&mut self.events, event)
            .map_err(std::io::Error::from)
            .and_then(|()| self.events.write_all(b"\n"));
        if let Err(e) = r {
            self.error = Some(e);
        }
    }
    fn truth(&mut self, row: &TruthRow) {
        self.kept_truth.push(row.clone());
        write_row(&mut self.truth, row, &mut self.error);
    }
    fn detection(&mut self, row: &DetectionRow) {
        write_row(&mut self.detections, row, &mut self.error);
    }
    fn track(&mut self, row: &TrackRow) {
        self.kept_tracks.push(row.clone());
        write_row(&mut self.tracks, row, &mut self.error);
    }
}

/// Appends a CSV row unless an earlier write failed; keeps the first error for `finish`.
fn write_row<T: serde::Serialize>(
    out: &mut csv::Writer<BufWriter<File>>,
    row: &T,
    error: &mut Option<std::io::Error>,
) {
    if error.is_none()
        && let Err(e) = out.serialize(row)
    {
        *error = Some(std::io::Error::other(e));
    }
}

/// The human-readable end-of-run table.
pub(crate) fn print_summary_table(s: &Summary, build_s: f64, wall_s: f64) {
    let e = &s.counts.entities;
    let ev = |k: &str| s.counts.events.get(k).copied().unwrap_or(0);
    let rows: Vec<(&str, String)> = vec![
        ("scenario", s.scenario.clone()),
        ("seed", s.seed.to_string()),
        ("start (UTC)", s.start_utc.clone()),
        ("simulated", format!("{:.0} s", s.sim_seconds)),
        (
            "wall time",
            format!("{wall_s:.2} s (world build {build_s:.2} s)"),
        ),
        (
            "speed",
            format!("{:.0}× real time", s.sim_seconds / wall_s.max(1e-9)),
        ),
        ("nations / assets", format!("{} / {}", e.nations, e.assets)),
        (
            "platforms / sensors",
            format!("{} / {}", e.platforms, e.sensors),
        ),
        (
            "fire units / interceptors",
            format!("{} / {}", e.fire_units, e.interceptors),
        ),
        ("C2 nodes / links", format!("{} / {}", e.nodes, e.links)),
        (
            "threats / flights",
            format!("{} / {}", e.threats, e.traffic),
        ),
        (
            "launches / impacts",
            format!("{} / {}", ev("launch"), ev("impact")),
        ),
        (
            "detections / false alarms",
            format!("{} / {}", s.counts.detections, s.counts.false_alarms),
        ),
        (
            "threats detected",
            match s.moe.mean_first_detection_s {
                Some(m) => format!(
                    "{} of {} (first seen {m:.0} s after launch on average)",
                    s.moe.threats_detected, e.threats
                ),
                None => format!("0 of {}", e.threats),
            },
        ),
        (
            "leakers (on assets)",
            format!("{} ({})", s.moe.leakers, s.moe.leakers_on_assets),
        ),
        (
            "asset value hit",
            format!("{:.1} %", 100.0 * s.moe.asset_value_hit_fraction),
        ),
        (
            "events / truth rows",
            format!(
                "{} / {}",
                s.counts.events.values().sum::<u64>(),
                s.counts.truth_rows
            ),
        ),
    ];
    let mut node_rows: Vec<(String, String)> = s
        .nodes
        .iter()
        .filter_map(|n| n.picture.as_ref().map(|p| (n, p)))
        .map(|(n, p)| {
            (
                format!("{} picture", n.node),
                format!(
                    "{}, GOSPA {:.0} m (missed {:.1}, false {:.1}), {} held{}",
                    count(p.tracks, "track"),
                    p.gospa_mean,
                    p.gospa_missed_mean,
                    p.gospa_false_mean,
                    count(p.threats_tracked, "threat"),
                    p.mean_track_latency_s
                        .map(|l| format!(" {l:.0} s after first detection"))
                        .unwrap_or_default()
                ),
            )
        })
        .collect();
    let net = &s.network;
    node_rows.push((
        format!("network ({} sharing)", net.sharing),
        format!(
            "{}, {:.1} MB{}; commonality {}; {}",
            count(net.frames_sent, "frame"),
            net.bytes_sent as f64 / 1e6,
            net.bytes_per_track_report
                .map(|b| format!(", {b:.0} B per track report"))
                .unwrap_or_default(),
            net.commonality
                .map_or_else(|| "n/a".to_owned(), |c| format!("{:.0} %", 100.0 * c)),
            count(net.dual_tracks, "dual track"),
        ),
    ));
    let rejected: u64 = net.rejected.values().sum();
    node_rows.push((
        "network rejected".to_owned(),
        format!(
            "{} ({}); {} injected; {} withheld by releasability",
            count(rejected, "frame"),
            net.rejected
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", "),
            count(net.adversary_injections, "adversary frame"),
            count(net.withheld_releasability, "frame"),
        ),
    ));
    let rows: Vec<(&str, String)> = rows
        .into_iter()
        .chain(node_rows.iter().map(|(k, v)| (k.as_str(), v.clone())))
        .collect();
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    println!();
    for (k, v) in rows {
        println!("  {k:<width$}  {v}");
    }
    println!();
}

/// `1 track`, `2 tracks`, `0 tracks`: a count with its noun in the right number (every noun
/// this table counts takes a plain `s`).
pub(crate) fn count(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_take_the_right_number() {
        assert_eq!(super::count(1u64, "dual track"), "1 dual track");
        assert_eq!(super::count(0u64, "frame"), "0 frames");
        assert_eq!(super::count(113u64, "dual track"), "113 dual tracks");
    }
}
