//! Truth from `truth.csv`: each moving object's samples, its side and kind, and the air
//! targets present at each sample instant (for associating tracks).

use crate::input::{AuditError, TRUTH_FILE, TruthRow, ns};
use std::collections::BTreeMap;

/// Which side an object is on (truth).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Hostile,
    Friendly,
    Neutral,
}

impl Side {
    fn parse(s: &str) -> Option<Side> {
        match s {
            "hostile" => Some(Side::Hostile),
            "friendly" => Some(Side::Friendly),
            "neutral" => Some(Side::Neutral),
            _ => None,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Side::Hostile => "hostile",
            Side::Friendly => "friendly",
            Side::Neutral => "neutral",
        }
    }
}

/// Object kinds no radar tracks (they carry sensors and launchers, not signatures).
const NOT_AIR_TARGETS: &[&str] = &["ship", "site", "satellite"];

/// One moving object's truth.
#[derive(Clone, Debug)]
pub(crate) struct Object {
    pub(crate) name: String,
    pub(crate) side: Side,
    /// `(t_ns, ECEF m, ECEF m/s)` in time order.
    samples: Vec<(i64, [f64; 3], [f64; 3])>,
}

/// Everything `truth.csv` says.
#[derive(Clone, Debug, Default)]
pub(crate) struct Truth {
    objects: Vec<Object>,
    by_name: BTreeMap<String, usize>,
    /// Air targets present at each sample instant: `(object index, ECEF m)`.
    air_at: BTreeMap<i64, Vec<(usize, [f64; 3])>>,
}

impl Truth {
    pub(crate) fn build(rows: Vec<(u64, TruthRow)>) -> Result<Truth, AuditError> {
        let mut truth = Truth::default();
        for (line, row) in rows {
            let malformed = |message: String| AuditError::Malformed {
                file: TRUTH_FILE,
                line,
                message,
            };
            let side = Side::parse(&row.side).ok_or_else(|| {
                malformed(format!(
                    "side {:?} is not hostile, friendly or neutral",
                    row.side
                ))
            })?;
            let t = ns(row.t_s);
            let p = [row.x_m, row.y_m, row.z_m];
            let v = [row.vx_mps, row.vy_mps, row.vz_mps];
            let next = truth.objects.len();
            let i = *truth.by_name.entry(row.object.clone()).or_insert(next);
            if i == next {
                truth.objects.push(Object {
                    name: row.object.clone(),
                    side,
                    samples: Vec::new(),
                });
            }
            let object = &mut truth.objects[i];
            if object.side != side {
                return Err(malformed(format!(
                    "object {:?} changes side from {} to {}",
                    row.object,
                    object.side.as_str(),
                    side.as_str()
                )));
            }
            if let Some(&(prev, _, _)) = object.samples.last()
                && t <= prev
            {
                return Err(malformed(format!(
                    "object {:?} sampled at t_s {} after a sample at {} s",
                    row.object,
                    row.t_s,
                    prev as f64 / 1e9
                )));
            }
            object.samples.push((t, p, v));
            if !NOT_AIR_TARGETS.contains(&row.kind.as_str()) {
                truth.air_at.entry(t).or_default().push((i, p));
            }
        }
        Ok(truth)
    }

    pub(crate) fn object(&self, name: &str) -> Option<&Object> {
        self.by_name.get(name).map(|&i| &self.objects[i])
    }

    /// The side of a named object, if truth lists it.
    pub(crate) fn side(&self, name: &str) -> Option<Side> {
        self.object(name).map(|o| o.side)
    }

    /// The air target nearest `p` at sample instant `t_ns`, with its distance, m.
    pub(crate) fn nearest_air(&self, t_ns: i64, p: [f64; 3]) -> Option<(&Object, f64)> {
        self.air_at
            .get(&t_ns)?
            .iter()
            .map(|&(i, q)| (&self.objects[i], distance(p, q)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// How far past an object's last sample its position is extrapolated (along its last
/// velocity), ns: an object destroyed between samples was last seen at most one sample period
/// before; 2 s covers any sample period up to that.
const EXTRAPOLATE_NS: i64 = 2_000_000_000;

impl Object {
    /// Position at `t_ns`: linearly interpolated between samples, extrapolated along the last
    /// velocity for at most [`EXTRAPOLATE_NS`] after the last one (an object destroyed or
    /// impacting between samples); `None` before the first sample or later than that.
    pub(crate) fn position_at(&self, t_ns: i64) -> Option<[f64; 3]> {
        let k = self.samples.partition_point(|(t, _, _)| *t <= t_ns);
        if k == 0 {
            return None;
        }
        let (t0, a, v) = self.samples[k - 1];
        match self.samples.get(k) {
            Some(&(t1, b, _)) => {
                let w = (t_ns - t0) as f64 / (t1 - t0) as f64;
                Some(core::array::from_fn(|i| a[i] + w * (b[i] - a[i])))
            }
            None if t_ns - t0 <= EXTRAPOLATE_NS => {
                let dt = (t_ns - t0) as f64 / 1e9;
                Some(core::array::from_fn(|i| a[i] + v[i] * dt))
            }
            None => None,
        }
    }
}

/// Euclidean distance, m.
pub(crate) fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}
