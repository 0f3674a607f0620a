//! Reading the tracking benchmark files shared with Stone Soup: `iamd-bench/1` (measurements
//! and truth, specified in `../shared/bench/gen_scenario.py`; the rules are repeated below so
//! a clone without `../shared` has them).
//!
//! Every value the tracker and the scorer rely on is checked here, with `file:line` in the
//! message, so no file makes `kizuna track` panic, exhaust memory or report metrics over data
//! it did not read:
//! - the header: `format`, `dim` (2 or 3), `meas` (`polar` or `cartesian`), `z_fields` exactly
//!   as the format lists them, `dt`, `pd`, `clutter_density`, `q`, `q_z` and every sensor's
//!   `pos` and `sigma` within [`limits`];
//! - frames: exactly `n_frames` of them, numbered 0, 1, … in file order, times finite,
//!   non-decreasing and within the limits, sensors in the header, detection ids unique over
//!   the file, each `z` of the declared length with finite values (polar: range at least
//!   [`limits::MIN_RANGE_M`], elevation within ±90°);
//! - truth: one frame per measurement frame with the same number and time, states of
//!   `2·dim` finite values, target ids unique within a frame and at most `n_targets` targets,
//!   `det_origin` naming detections of that very measurement frame and targets of that truth
//!   frame.
//!
//! Memory is sized from what is read, never from a declared count.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// Limits of the values `kizuna track` accepts: wide enough for any benchmark the generator
/// writes, narrow enough that the filters stay finite and well conditioned.
pub mod limits {
    /// Largest file read, bytes (1 GiB).
    pub const MAX_FILE_BYTES: usize = 1 << 30;
    /// Frame interval, seconds: 1 ms (finer than any radar revisit) to one day.
    pub const DT_S: (f64, f64) = (1e-3, 86_400.0);
    /// Latest frame time, seconds (about 115 days; far from `SimTime` overflow).
    pub const MAX_T_S: f64 = 1e7;
    /// Process-noise intensity `q`, `q_z`, m²/s³.
    pub const Q: (f64, f64) = (0.0, 1e6);
    /// Clutter density, per unit of measurement-space volume.
    pub const CLUTTER_DENSITY: (f64, f64) = (0.0, 1e6);
    /// Range and Cartesian noise standard deviation, metres.
    pub const SIGMA_M: (f64, f64) = (1e-3, 1e6);
    /// Bearing and elevation noise standard deviation, radians (0.1 µrad to ~29°).
    pub const SIGMA_RAD: (f64, f64) = (1e-7, 0.5);
    /// Largest coordinate of a sensor or a Cartesian detection, metres.
    pub const MAX_COORD_M: f64 = 1e8;
    /// Smallest measured range, metres: closer than that the polar-to-Cartesian Jacobian
    /// degenerates (at 0 it divides by zero).
    pub const MIN_RANGE_M: f64 = 1.0;
    /// Largest bearing magnitude, radians (angles are wrapped, but not from anywhere).
    pub const MAX_BEARING_RAD: f64 = 1e3;
    /// Most sensors.
    pub const MAX_SENSORS: usize = 10_000;
    /// Most targets declared.
    pub const MAX_TARGETS: usize = 1_000_000;
}

/// A rejected benchmark file: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchError {
    /// The file as named by the caller.
    pub file: String,
    /// 1-based line (0: the file as a whole).
    pub line: usize,
    /// What is wrong, lower case.
    pub message: String,
}

impl core::fmt::Display for BenchError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for BenchError {}

/// The measurement file's header.
#[derive(Debug, Clone, Deserialize)]
pub struct Header {
    /// `iamd-bench/1`.
    pub format: String,
    /// 2 or 3.
    pub dim: usize,
    /// `polar` or `cartesian`.
    pub meas: String,
    /// Order of the values of each detection's `z`.
    pub z_fields: Vec<String>,
    /// Frame interval, s.
    pub dt: f64,
    /// Frames in the file.
    pub n_frames: u64,
    /// Targets in the truth.
    pub n_targets: u64,
    /// Detection probability.
    pub pd: f64,
    /// False alarms per unit measurement-space volume.
    pub clutter_density: f64,
    /// Process-noise intensity, horizontal axes, m²/s³.
    pub q: f64,
    /// Process-noise intensity, vertical axis, m²/s³ (3D; absent: `q`).
    #[serde(default)]
    pub q_z: Option<f64>,
    /// The sensors.
    pub sensors: Vec<SensorHeader>,
}

/// One sensor of the header.
#[derive(Debug, Clone, Deserialize)]
pub struct SensorHeader {
    /// Its position in the list.
    pub id: u64,
    /// Position, m (`dim` values).
    pub pos: Vec<f64>,
    /// Noise standard deviation per `z` field.
    pub sigma: BTreeMap<String, f64>,
}

/// One frame: one sensor's look at one instant.
#[derive(Debug, Clone, Deserialize)]
pub struct Frame {
    /// Frame number (0, 1, … in file order).
    pub frame: u64,
    /// Time, s.
    pub t: f64,
    /// Index into the header's sensors.
    pub sensor: usize,
    /// The detections.
    pub detections: Vec<RawDetection>,
}

/// A detection as stored.
#[derive(Debug, Clone, Deserialize)]
pub struct RawDetection {
    /// Unique over the file.
    pub id: u64,
    /// Values in `z_fields` order.
    pub z: Vec<f64>,
}

/// One truth frame.
#[derive(Debug, Clone, Deserialize)]
pub struct TruthFrame {
    /// Frame number (as the measurement frame).
    pub frame: u64,
    /// Time, s (as the measurement frame).
    pub t: f64,
    /// Every target's true state.
    pub targets: Vec<TruthTarget>,
    /// `[detection id, target id]` of every detection that came from a target.
    #[serde(default)]
    pub det_origin: Vec<(u64, u64)>,
}

/// One target's true state in a frame.
#[derive(Debug, Clone, Deserialize)]
pub struct TruthTarget {
    /// Target id, unique within the frame.
    pub id: u64,
    /// `[x, vx, y, vy(, z, vz)]`.
    pub state: Vec<f64>,
}

/// A number for messages: plain when moderate, in exponent form when huge or tiny.
fn num(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-3..1e7).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// The `z_fields` a file of this kind must declare.
fn z_fields_of(meas: &str, dim: usize) -> &'static [&'static str] {
    match (meas, dim) {
        ("polar", 2) => &["bearing", "range"],
        ("polar", _) => &["elevation", "bearing", "range"],
        (_, 2) => &["x", "y"],
        _ => &["x", "y", "z"],
    }
}

struct Reader<'a> {
    file: &'a str,
}

impl Reader<'_> {
    fn err(&self, line: usize, message: impl Into<String>) -> BenchError {
        BenchError {
            file: self.file.to_owned(),
            line,
            message: message.into(),
        }
    }
    /// Non-blank lines with their 1-based numbers.
    fn lines<'t>(&self, text: &'t str) -> impl Iterator<Item = (usize, &'t str)> {
        text.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .filter(|(_, l)| !l.trim().is_empty())
    }
    fn parse<T: for<'de> Deserialize<'de>>(
        &self,
        line: usize,
        text: &str,
    ) -> Result<T, BenchError> {
        serde_json::from_str(text).map_err(|e| {
            // serde's message can quote a whole long value: keep it short.
            let why = e.to_string();
            let why: String = why.chars().take(200).collect();
            self.err(line, format!("not a valid iamd-bench/1 record: {why}"))
        })
    }
    /// `what` must be finite and within `[lo, hi]`.
    fn within(
        &self,
        line: usize,
        what: &str,
        v: f64,
        (lo, hi): (f64, f64),
    ) -> Result<(), BenchError> {
        if v.is_finite() && (lo..=hi).contains(&v) {
            Ok(())
        } else {
            Err(self.err(
                line,
                format!(
                    "{what} is {}; expected a number in [{}, {}]",
                    num(v),
                    num(lo),
                    num(hi)
                ),
            ))
        }
    }
}

/// Parses and checks a measurement file's text (`file` names it in messages).
pub fn parse_measurements(file: &str, text: &str) -> Result<(Header, Vec<Frame>), BenchError> {
    let r = Reader { file };
    let mut lines = r.lines(text);
    let Some((hl, first)) = lines.next() else {
        return Err(r.err(0, "empty file: expected an iamd-bench/1 header line"));
    };
    let header: Header = r.parse(hl, first)?;
    check_header(&r, hl, &header)?;
    let (n_z, polar) = (header.z_fields.len(), header.meas == "polar");
    let mut frames = Vec::new();
    let mut ids = BTreeSet::new();
    let mut last_t = f64::NEG_INFINITY;
    for (no, line) in lines {
        let f: Frame = r.parse(no, line)?;
        let k = frames.len() as u64;
        if f.frame != k {
            return Err(r.err(no, format!("frame number {} where frame {k} was expected (frames are numbered 0, 1, … in file order)", f.frame)));
        }
        if k >= header.n_frames {
            return Err(r.err(
                no,
                format!(
                    "more frames than the {} the header declares",
                    header.n_frames
                ),
            ));
        }
        r.within(no, "t", f.t, (0.0, limits::MAX_T_S))?;
        if f.t < last_t {
            return Err(r.err(
                no,
                format!(
                    "t = {} is before the previous frame's {last_t}: frames must be in time order",
                    f.t
                ),
            ));
        }
        last_t = f.t;
        if f.sensor >= header.sensors.len() {
            return Err(r.err(
                no,
                format!(
                    "frame names sensor {} but the header has {}",
                    f.sensor,
                    header.sensors.len()
                ),
            ));
        }
        for d in &f.detections {
            if !ids.insert(d.id) {
                return Err(r.err(
                    no,
                    format!(
                        "detection id {} used twice (ids are unique over the file)",
                        d.id
                    ),
                ));
            }
            if d.z.len() != n_z {
                return Err(r.err(
                    no,
                    format!(
                        "detection {} has {} values; z_fields declares {n_z}",
                        d.id,
                        d.z.len()
                    ),
                ));
            }
            check_z(&r, no, d, &header.z_fields, polar)?;
        }
        frames.push(f);
    }
    if (frames.len() as u64) != header.n_frames {
        return Err(r.err(
            hl,
            format!(
                "the header declares {} frames but the file holds {}",
                header.n_frames,
                frames.len()
            ),
        ));
    }
    Ok((header, frames))
}

fn check_header(r: &Reader<'_>, hl: usize, h: &Header) -> Result<(), BenchError> {
    if h.format != "iamd-bench/1" {
        return Err(r.err(
            hl,
            format!("format {:?}, expected \"iamd-bench/1\"", h.format),
        ));
    }
    if !(h.dim == 2 || h.dim == 3) {
        return Err(r.err(hl, format!("dim {}: expected 2 or 3", h.dim)));
    }
    if !(h.meas == "polar" || h.meas == "cartesian") {
        return Err(r.err(
            hl,
            format!("meas {:?}: expected \"polar\" or \"cartesian\"", h.meas),
        ));
    }
    let want = z_fields_of(&h.meas, h.dim);
    if h.z_fields != want {
        return Err(r.err(
            hl,
            format!(
                "z_fields {:?}: a {} {}D file has {want:?}",
                h.z_fields, h.meas, h.dim
            ),
        ));
    }
    r.within(hl, "dt", h.dt, limits::DT_S)?;
    if h.n_frames == 0 {
        return Err(r.err(hl, "n_frames is 0: expected at least one frame"));
    }
    if h.n_targets > limits::MAX_TARGETS as u64 {
        return Err(r.err(
            hl,
            format!(
                "n_targets {} is more than the {} supported",
                h.n_targets,
                limits::MAX_TARGETS
            ),
        ));
    }
    if !(h.pd > 0.0 && h.pd <= 1.0) {
        return Err(r.err(
            hl,
            format!("pd is {}; expected a probability in (0, 1]", h.pd),
        ));
    }
    r.within(
        hl,
        "clutter_density",
        h.clutter_density,
        limits::CLUTTER_DENSITY,
    )?;
    r.within(hl, "q", h.q, limits::Q)?;
    if let Some(qz) = h.q_z {
        r.within(hl, "q_z", qz, limits::Q)?;
    }
    if h.sensors.is_empty() || h.sensors.len() > limits::MAX_SENSORS {
        return Err(r.err(
            hl,
            format!(
                "{} sensors; expected 1 to {}",
                h.sensors.len(),
                limits::MAX_SENSORS
            ),
        ));
    }
    for (i, s) in h.sensors.iter().enumerate() {
        if s.id != i as u64 {
            return Err(r.err(
                hl,
                format!(
                    "sensors[{i}] has id {}; ids are the sensors' positions in the list",
                    s.id
                ),
            ));
        }
        if s.pos.len() != h.dim {
            return Err(r.err(
                hl,
                format!(
                    "sensors[{i}].pos has {} values; expected {} (dim)",
                    s.pos.len(),
                    h.dim
                ),
            ));
        }
        for (a, v) in s.pos.iter().enumerate() {
            r.within(
                hl,
                &format!("sensors[{i}].pos[{a}]"),
                *v,
                (-limits::MAX_COORD_M, limits::MAX_COORD_M),
            )?;
        }
        for field in want {
            let Some(&sigma) = s.sigma.get(*field) else {
                return Err(r.err(hl, format!("sensors[{i}].sigma lacks {field:?}")));
            };
            let range = if matches!(*field, "bearing" | "elevation") {
                limits::SIGMA_RAD
            } else {
                limits::SIGMA_M
            };
            r.within(hl, &format!("sensors[{i}].sigma.{field}"), sigma, range)?;
        }
    }
    Ok(())
}

fn check_z(
    r: &Reader<'_>,
    no: usize,
    d: &RawDetection,
    fields: &[String],
    polar: bool,
) -> Result<(), BenchError> {
    for (field, &v) in fields.iter().zip(&d.z) {
        let what = format!("detection {} {field}", d.id);
        match (polar, field.as_str()) {
            (true, "range") => {
                r.within(no, &what, v, (limits::MIN_RANGE_M, limits::MAX_COORD_M))?
            }
            (true, "elevation") => r.within(
                no,
                &what,
                v,
                (-core::f64::consts::FRAC_PI_2, core::f64::consts::FRAC_PI_2),
            )?,
            (true, _) => r.within(
                no,
                &what,
                v,
                (-limits::MAX_BEARING_RAD, limits::MAX_BEARING_RAD),
            )?,
            (false, _) => r.within(no, &what, v, (-limits::MAX_COORD_M, limits::MAX_COORD_M))?,
        }
    }
    Ok(())
}

/// Parses a truth file's text and cross-checks it against the measurement file it belongs to.
pub fn parse_truth(
    file: &str,
    text: &str,
    header: &Header,
    frames: &[Frame],
) -> Result<Vec<TruthFrame>, BenchError> {
    let r = Reader { file };
    let mut lines = r.lines(text);
    if lines.next().is_none() {
        return Err(r.err(0, "empty file: expected an iamd-bench/1 header line"));
    }
    let width = 2 * header.dim;
    let mut out = Vec::new();
    let mut last_line = 1;
    for (no, line) in lines {
        last_line = no;
        let t: TruthFrame = r.parse(no, line)?;
        let k = out.len();
        let Some(m) = frames.get(k) else {
            return Err(r.err(
                no,
                format!(
                    "more truth frames than the {} measurement frames",
                    frames.len()
                ),
            ));
        };
        if t.frame != m.frame || t.t.to_bits() != m.t.to_bits() {
            return Err(r.err(
                no,
                format!(
                    "truth frame {} at t = {} does not match measurement frame {} at t = {}",
                    t.frame, t.t, m.frame, m.t
                ),
            ));
        }
        if t.targets.len() as u64 > header.n_targets {
            return Err(r.err(
                no,
                format!(
                    "{} targets; the header declares {}",
                    t.targets.len(),
                    header.n_targets
                ),
            ));
        }
        let mut seen = BTreeSet::new();
        for target in &t.targets {
            if !seen.insert(target.id) {
                return Err(r.err(
                    no,
                    format!("target id {} appears twice in one frame", target.id),
                ));
            }
            if target.state.len() != width {
                return Err(r.err(
                    no,
                    format!(
                        "target {} has a state of {} values; a {}D file has {width}",
                        target.id,
                        target.state.len(),
                        header.dim
                    ),
                ));
            }
            if let Some(v) = target.state.iter().find(|v| !v.is_finite()) {
                return Err(r.err(
                    no,
                    format!("target {} has a non-finite state value {v}", target.id),
                ));
            }
        }
        let detections: BTreeSet<u64> = m.detections.iter().map(|d| d.id).collect();
        for (det, target) in &t.det_origin {
            if !detections.contains(det) {
                return Err(r.err(
                    no,
                    format!(
                        "det_origin names detection {det}, which is not in measurement frame {}",
                        m.frame
                    ),
                ));
            }
            if !seen.contains(target) {
                return Err(r.err(
                    no,
                    format!("det_origin names target {target}, which is not in this frame"),
                ));
            }
        }
        out.push(t);
    }
    if out.len() != frames.len() {
        return Err(r.err(
            last_line,
            format!(
                "{} truth frames for {} measurement frames",
                out.len(),
                frames.len()
            ),
        ));
    }
    Ok(out)
}
