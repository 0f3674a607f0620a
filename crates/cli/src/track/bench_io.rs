//! Reading and writing the tracking benchmark files shared with Stone Soup: `iamd-bench/1`
//! (measurements and truth, specified in `../shared/bench/gen_scenario.py` and written by
//! `kizuna gen-bench`, `crate::gen_bench`) and
//! `iamd-bench-tracks/1` (tracker output, specified in `../shared/bench/run_stonesoup.py`).

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The measurement file's header.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Header {
    pub(crate) format: String,
    pub(crate) dim: usize,
    pub(crate) meas: String,
    pub(crate) z_fields: Vec<String>,
    pub(crate) dt: f64,
    pub(crate) n_frames: usize,
    pub(crate) n_targets: usize,
    pub(crate) pd: f64,
    pub(crate) clutter_density: f64,
    pub(crate) q: f64,
    #[serde(default)]
    pub(crate) q_z: Option<f64>,
    pub(crate) sensors: Vec<SensorHeader>,
}

/// One sensor of the header.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct SensorHeader {
    pub(crate) id: usize,
    pub(crate) pos: Vec<f64>,
    pub(crate) sigma: std::collections::BTreeMap<String, f64>,
}

/// One frame: one sensor's look at one instant.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Frame {
    pub(crate) frame: usize,
    pub(crate) t: f64,
    pub(crate) sensor: usize,
    pub(crate) detections: Vec<RawDetection>,
}

/// A detection as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RawDetection {
    pub(crate) id: u64,
    pub(crate) z: Vec<f64>,
}

/// One truth frame.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TruthFrame {
    pub(crate) frame: usize,
    pub(crate) targets: Vec<TruthTarget>,
}

/// One target's true state in a frame.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TruthTarget {
    pub(crate) id: u64,
    pub(crate) state: Vec<f64>,
}

fn lines(path: &Path) -> Result<Vec<(usize, String)>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line =
            line.with_context(|| format!("{}:{}: unreadable line", path.display(), i + 1))?;
        if !line.trim().is_empty() {
            out.push((i + 1, line));
        }
    }
    Ok(out)
}

fn parse<T: for<'de> Deserialize<'de>>(path: &Path, line_no: usize, line: &str) -> Result<T> {
    serde_json::from_str(line).with_context(|| {
        format!(
            "{}:{line_no}: not a valid iamd-bench/1 record",
            path.display()
        )
    })
}

/// Reads `measurements.jsonl`: the header and every frame, checked for consistency.
pub(crate) fn read_measurements(path: &Path) -> Result<(Header, Vec<Frame>)> {
    let all = lines(path)?;
    let Some((first_no, first)) = all.first() else {
        bail!("{}: empty file", path.display())
    };
    let header: Header = parse(path, *first_no, first)?;
    if header.format != "iamd-bench/1" {
        bail!(
            "{}:{first_no}: format {:?}, expected \"iamd-bench/1\"",
            path.display(),
            header.format
        );
    }
    if !(header.dim == 2 || header.dim == 3)
        || !(header.meas == "polar" || header.meas == "cartesian")
    {
        bail!(
            "{}:{first_no}: unsupported dim {} / meas {:?}",
            path.display(),
            header.dim,
            header.meas
        );
    }
    let mut frames = Vec::with_capacity(header.n_frames);
    for (no, line) in &all[1..] {
        let f: Frame = parse(path, *no, line)?;
        if f.sensor >= header.sensors.len() {
            bail!(
                "{}:{no}: frame names sensor {} of {}",
                path.display(),
                f.sensor,
                header.sensors.len()
            );
        }
        if f.detections
            .iter()
            .any(|d| d.z.len() != header.z_fields.len())
        {
            bail!(
                "{}:{no}: a detection has the wrong number of values",
                path.display()
            );
        }
        frames.push(f);
    }
    if frames.windows(2).any(|w| w[1].t < w[0].t) {
        bail!("{}: frames are not in time order", path.display());
    }
    Ok((header, frames))
}

/// Reads `truth.jsonl` (header skipped).
pub(crate) fn read_truth(path: &Path) -> Result<Vec<TruthFrame>> {
    let all = lines(path)?;
    all.iter()
        .skip(1)
        .map(|(no, line)| parse(path, *no, line))
        .collect()
}
