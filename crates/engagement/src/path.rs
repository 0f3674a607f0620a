//! Predicted threat paths as time-ordered ECEF samples with linear interpolation, and the scan
//! that finds the first contiguous interval where a predicate over the path holds.

use base::{SimDuration, SimTime};

/// A sample of a predicted path: time and ECEF position, m.
pub(crate) type Sample = (SimTime, [f64; 3]);

/// Longest gap between scan points. A feasible (or infeasible) stretch shorter than this that
/// lies strictly inside a scan gap can be missed; the segment's closest approaches to the
/// launcher and to the Earth's centre are always scanned, so range and altitude extrema on a
/// chord are not. Threat speeds (≤ 3 km/s) move at most 3 km in this time.
const MAX_SCAN_STEP: SimDuration = SimDuration::from_millis(1_000);

/// Bisection stops once the bracket is at most this wide (the contract is ≤ 10 ms).
pub(crate) const BOUNDARY_TOLERANCE: SimDuration = SimDuration::from_millis(1);

/// Asserts the path is strictly time-ordered: interpolation divides by sample spacing.
pub(crate) fn assert_ordered(path: &[Sample]) {
    assert!(
        path.windows(2).all(|w| w[0].0 < w[1].0),
        "predicted path samples must be strictly increasing in time"
    );
}

pub(crate) fn sub(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

pub(crate) fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

pub(crate) fn norm(a: [f64; 3]) -> f64 {
    dot(a, a).sqrt()
}

pub(crate) fn lerp(a: [f64; 3], b: [f64; 3], f: f64) -> [f64; 3] {
    [
        a[0] + (b[0] - a[0]) * f,
        a[1] + (b[1] - a[1]) * f,
        a[2] + (b[2] - a[2]) * f,
    ]
}

/// Position on segment `i` (from sample `i` to `i + 1`) at `t`.
fn on_segment(path: &[Sample], i: usize, t: SimTime) -> [f64; 3] {
    let (t0, p0) = path[i];
    let (t1, p1) = path[i + 1];
    let f = (t - t0).as_nanos() as f64 / (t1 - t0).as_nanos() as f64;
    lerp(p0, p1, f)
}

/// Position at `t`, linear between samples, held at the ends. `path` must not be empty.
pub(crate) fn position_at(path: &[Sample], t: SimTime) -> [f64; 3] {
    let after = path.partition_point(|s| s.0 <= t);
    if after == 0 {
        path[0].1
    } else if after == path.len() {
        path[path.len() - 1].1
    } else {
        on_segment(path, after - 1, t)
    }
}

/// Time on the chord of segment `i` closest to `point`, if strictly inside the segment.
fn closest_approach(path: &[Sample], i: usize, point: [f64; 3]) -> Option<SimTime> {
    let (t0, p0) = path[i];
    let (t1, p1) = path[i + 1];
    let d = sub(p1, p0);
    let dd = dot(d, d);
    if dd == 0.0 {
        return None;
    }
    let u = dot(sub(point, p0), d) / dd;
    (u > 0.0 && u < 1.0)
        .then(|| t0 + SimDuration::from_nanos(((t1 - t0).as_nanos() as f64 * u) as i64))
}

/// Where the predicate changes inside `(lo, hi]`: bisects to `BOUNDARY_TOLERANCE` and returns
/// the endpoint of the final bracket on the side where it holds (`holds_at_hi` says which).
fn bisect(
    path: &[Sample],
    mut lo: SimTime,
    mut hi: SimTime,
    holds_at_hi: bool,
    pred: &mut impl FnMut(SimTime, [f64; 3]) -> bool,
) -> SimTime {
    while hi - lo > BOUNDARY_TOLERANCE {
        let mid = lo + SimDuration::from_nanos((hi - lo).as_nanos() / 2);
        if pred(mid, position_at(path, mid)) == holds_at_hi {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    if holds_at_hi { hi } else { lo }
}

/// The first contiguous interval `[earliest, latest]` of times `≥ from` within the path's span
/// where `pred(t, position)` holds, found by scanning (samples, per-segment closest approaches
/// to `reference` and to the Earth's centre, and at most `MAX_SCAN_STEP` apart) and refining
/// each boundary by bisection.
pub(crate) fn first_interval(
    path: &[Sample],
    from: SimTime,
    reference: [f64; 3],
    mut pred: impl FnMut(SimTime, [f64; 3]) -> bool,
) -> Option<(SimTime, SimTime)> {
    let (first, last) = (path.first()?.0, path.last()?.0);
    let start = from.max(first);
    if start > last {
        return None;
    }
    let mut earliest: Option<SimTime> = None;
    let mut prev = start;
    let mut visit = |t: SimTime, p: [f64; 3], prev: SimTime, earliest: &mut Option<SimTime>| {
        let holds = pred(t, p);
        match (*earliest, holds) {
            (None, true) if t == prev => *earliest = Some(t),
            (None, true) => *earliest = Some(bisect(path, prev, t, true, &mut pred)),
            (Some(e), false) => return Some((e, bisect(path, prev, t, false, &mut pred))),
            _ => {}
        }
        None
    };
    if let Some(found) = visit(start, position_at(path, start), start, &mut earliest) {
        return Some(found);
    }
    let seg0 = path.partition_point(|s| s.0 <= start).saturating_sub(1);
    let mut interior: Vec<SimTime> = Vec::with_capacity(8);
    for i in seg0..path.len().saturating_sub(1) {
        let t1 = path[i + 1].0;
        interior.clear();
        interior.extend(closest_approach(path, i, reference));
        interior.extend(closest_approach(path, i, [0.0; 3]));
        let mut t = prev + MAX_SCAN_STEP;
        while t < t1 {
            interior.push(t);
            t += MAX_SCAN_STEP;
        }
        interior.retain(|&t| t > prev && t < t1);
        interior.sort_unstable();
        interior.dedup();
        for &t in interior.iter().chain(core::iter::once(&t1)) {
            if let Some(found) = visit(t, on_segment(path, i, t), prev, &mut earliest) {
                return Some(found);
            }
            prev = t;
        }
    }
    earliest.map(|e| (e, last))
}
