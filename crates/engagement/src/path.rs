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

/// Which constraints hold at a time: bit `i` set when constraint `i` is satisfied.
pub(crate) type Mask = u8;

/// Bisects inside `(lo, hi]` for where the constraints in `bits` change, to
/// `BOUNDARY_TOLERANCE`; returns the endpoint of the final bracket on the side where they all
/// hold (`hold_at_hi` says which side that is).
fn bisect(
    path: &[Sample],
    (mut lo, mut hi): (SimTime, SimTime),
    bits: Mask,
    hold_at_hi: bool,
    pred: &mut impl FnMut(SimTime, [f64; 3]) -> Mask,
) -> SimTime {
    while hi - lo > BOUNDARY_TOLERANCE {
        let mid = lo + SimDuration::from_nanos((hi - lo).as_nanos() / 2);
        if (pred(mid, position_at(path, mid)) & bits == bits) == hold_at_hi {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    if hold_at_hi { hi } else { lo }
}

/// Scan state: a gap `(prev, t]` between consecutive scan points and their masks.
struct Gap {
    prev: SimTime,
    prev_mask: Mask,
    t: SimTime,
    mask: Mask,
}

/// The feasible stretch inside `gap` that starts it (`entering`) or ends the current interval,
/// assuming each constraint is monotone across the gap (true for range between closest
/// approaches; checked, with a fallback to bisecting all constraints together, for the rest).
///
/// Constraints failing at `prev` and holding at `t` hold from their own crossing on;
/// constraints holding at `prev` and failing at `t` hold until theirs: the gap is feasible on
/// `[max rise, min fall]` when that is not empty.
fn resolve(
    path: &[Sample],
    gap: &Gap,
    all: Mask,
    pred: &mut impl FnMut(SimTime, [f64; 3]) -> Mask,
) -> Option<(SimTime, Option<SimTime>)> {
    let rising = !gap.prev_mask & gap.mask & all;
    let falling = gap.prev_mask & !gap.mask & all;
    if (gap.prev_mask | gap.mask) & all != all {
        return None; // some constraint fails at both ends
    }
    let span = (gap.prev, gap.t);
    let mut start = gap.prev;
    let mut end = gap.t;
    for bit in (0..Mask::BITS).map(|i| 1 << i).filter(|b| b & all != 0) {
        if rising & bit != 0 {
            start = start.max(bisect(path, span, bit, true, pred));
        } else if falling & bit != 0 {
            end = end.min(bisect(path, span, bit, false, pred));
        }
    }
    let feasible = |t: SimTime, pred: &mut dyn FnMut(SimTime, [f64; 3]) -> Mask| {
        pred(t, position_at(path, t)) & all == all
    };
    if start > end || !feasible(start, pred) {
        // Empty, or some constraint is not monotone across the gap: the documented miss.
        return (rising == 0 && gap.prev_mask & all == all)
            .then(|| (gap.prev, Some(bisect(path, span, all, false, pred))));
    }
    let end = if gap.mask & all == all {
        None
    } else if feasible(end, pred) {
        Some(end)
    } else {
        Some(bisect(path, (start, gap.t), all, false, pred))
    };
    Some((start, end))
}

/// The first contiguous interval `[earliest, latest]` of times `≥ from` within the path's span
/// where every constraint in `all` holds (`pred` returns the mask of those that do), found by
/// scanning (samples, per-segment closest approaches to `reference` and to the Earth's centre,
/// and at most `MAX_SCAN_STEP` apart) and resolving each gap between scan points with
/// per-constraint bisection. Both returned times satisfy every constraint.
pub(crate) fn first_interval(
    path: &[Sample],
    from: SimTime,
    reference: [f64; 3],
    all: Mask,
    mut pred: impl FnMut(SimTime, [f64; 3]) -> Mask,
) -> Option<(SimTime, SimTime)> {
    let (first, last) = (path.first()?.0, path.last()?.0);
    let start = from.max(first);
    if start > last {
        return None;
    }
    let start_mask = pred(start, position_at(path, start));
    let mut earliest = (start_mask & all == all).then_some(start);
    let mut gap = Gap {
        prev: start,
        prev_mask: start_mask,
        t: start,
        mask: start_mask,
    };
    let seg0 = path.partition_point(|s| s.0 <= start).saturating_sub(1);
    let mut interior: Vec<SimTime> = Vec::with_capacity(8);
    for i in seg0..path.len().saturating_sub(1) {
        let t1 = path[i + 1].0;
        interior.clear();
        interior.extend(closest_approach(path, i, reference));
        interior.extend(closest_approach(path, i, [0.0; 3]));
        let mut t = gap.prev + MAX_SCAN_STEP;
        while t < t1 {
            interior.push(t);
            t += MAX_SCAN_STEP;
        }
        interior.retain(|&t| t > gap.prev && t < t1);
        interior.sort_unstable();
        interior.dedup();
        for &t in interior.iter().chain(core::iter::once(&t1)) {
            gap.t = t;
            gap.mask = pred(t, on_segment(path, i, t));
            // Inside an interval only a failing point needs resolving (where it closes).
            let needs_resolving = earliest.is_none() || gap.mask & all != all;
            if needs_resolving && let Some((s, end)) = resolve(path, &gap, all, &mut pred) {
                let e = *earliest.get_or_insert(s);
                if let Some(end) = end {
                    return Some((e, end));
                }
            }
            gap.prev = t;
            gap.prev_mask = gap.mask;
        }
    }
    earliest.map(|e| (e, last))
}
