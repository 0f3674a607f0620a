//! The mean predicted path of a threat, sampled in time for engagement-window computations.

use super::flight::{Kin, STEP_S, Step, advance, approx_alt_m};
use super::{TrackEstimate, vec3};
use base::{SimDuration, SimTime};
use geodesy::{Position, Vec3};

/// Newton iterations for a constant-velocity track's ground crossing.
const CV_ROOT_ITERATIONS: usize = 8;

/// The mean predicted path: drag-free ballistic flight (as [`super::predict_impact`]) or
/// constant velocity, as `(time, ECEF position m)` at `t.time + k·step` for every `k ≥ 0`
/// within `horizon`. It stops at the ground: when the path descends through altitude 0 before
/// the horizon, the crossing (rounded to the nanosecond) is the last sample. Empty for a
/// non-positive step.
///
/// Ballistic samples integrate each `step` in equal RK4 sub-steps no longer than the impact
/// prediction's, so they are as accurate as it whatever the sampling.
pub fn predicted_path(
    t: &TrackEstimate,
    ballistic: bool,
    horizon: SimDuration,
    step: SimDuration,
) -> Vec<(SimTime, [f64; 3])> {
    if step.as_nanos() <= 0 || horizon.as_nanos() < 0 {
        return Vec::new();
    }
    let x0 = Kin {
        r: vec3(t.position_ecef_m),
        v: vec3(t.velocity_ecef_mps),
    };
    let samples = horizon.as_nanos() / step.as_nanos();
    let mut out = Vec::with_capacity(usize::try_from(samples).unwrap_or(0).saturating_add(2));
    out.push((t.time, arr(x0.r)));
    if ballistic {
        ballistic_path(t.time, x0, step, samples, &mut out);
    } else {
        constant_velocity_path(t.time, x0, step, samples, &mut out);
    }
    out
}

fn ballistic_path(
    t0: SimTime,
    x0: Kin,
    step: SimDuration,
    samples: i64,
    out: &mut Vec<(SimTime, [f64; 3])>,
) {
    let step_s = step.as_secs_f64();
    let subs = (step_s / STEP_S).ceil().max(1.0);
    let sub_s = step_s / subs;
    let mut x = x0;
    for k in 1..=samples {
        let start = t0 + SimDuration::from_nanos(step.as_nanos() * (k - 1));
        for j in 0..subs as u64 {
            match advance(x, sub_s) {
                Step::Flying(next) => x = next,
                Step::Landed(l) => {
                    let at_s = j as f64 * sub_s + l.after_s;
                    out.push((start + SimDuration::from_secs_f64(at_s), arr(l.x.r)));
                    return;
                }
            }
        }
        out.push((start + step, arr(x.r)));
    }
}

fn constant_velocity_path(
    t0: SimTime,
    x0: Kin,
    step: SimDuration,
    samples: i64,
    out: &mut Vec<(SimTime, [f64; 3])>,
) {
    let step_s = step.as_secs_f64();
    let at = |s: f64| x0.r + x0.v * s;
    for k in 1..=samples {
        let (before_s, after_s) = ((k - 1) as f64 * step_s, k as f64 * step_s);
        let (h0, h1) = (approx_alt_m(at(before_s)), approx_alt_m(at(after_s)));
        if h0 > 0.0 && h1 <= 0.0 {
            let s = cv_crossing(x0, before_s + step_s * h0 / (h0 - h1));
            out.push((t0 + SimDuration::from_secs_f64(s), arr(at(s))));
            return;
        }
        out.push((
            t0 + SimDuration::from_nanos(step.as_nanos() * k),
            arr(at(after_s)),
        ));
    }
}

/// Newton on the exact altitude of `r + v s`.
fn cv_crossing(x0: Kin, guess_s: f64) -> f64 {
    let mut s = guess_s;
    for _ in 0..CV_ROOT_ITERATIONS {
        let geo = Position::ecef_from_vec(x0.r + x0.v * s).to_wgs84();
        let rate = x0.v.dot(&geo.up());
        if geo.alt_m().abs() < 1e-4 || rate >= 0.0 {
            break;
        }
        s -= geo.alt_m() / rate;
    }
    s
}

fn arr(v: Vec3) -> [f64; 3] {
    [v.x, v.y, v.z]
}
