//! The mean predicted path of a threat, sampled in time for engagement-window computations.

use super::flight::{Kin, Step, advance, approx_alt_m};
use super::{TrackEstimate, vec3};
use base::{SimDuration, SimTime};
use geodesy::{Position, Vec3};

/// The mean predicted path, as `(time, ECEF position m)` at `t.time + k·step` for every
/// `k ≥ 0` within `horizon`: ballistic flight (as [`super::predict_impact`], with drag at the
/// track's ballistic coefficient), which stops at the ground — when it descends through
/// altitude 0 before the horizon, the crossing (rounded to the nanosecond) is the last sample —
/// or an air-breather's flight over the curved Earth at constant ground speed and climb rate,
/// levelling off at the surface. The first sample is the track's own position, even when its
/// estimate lies below the surface (a ballistic one there has landed: nothing follows). Empty
/// for a non-positive step or a non-finite estimate.
///
/// Ballistic samples integrate each `step` in equal RK4 sub-steps no longer than the impact
/// prediction's, so they are as accurate as it whatever the sampling.
pub fn predicted_path(
    t: &TrackEstimate,
    ballistic: bool,
    horizon: SimDuration,
    step: SimDuration,
) -> Vec<(SimTime, [f64; 3])> {
    let finite = t
        .position_ecef_m
        .iter()
        .chain(&t.velocity_ecef_mps)
        .all(|c| c.is_finite());
    if step.as_nanos() <= 0 || horizon.as_nanos() < 0 || !finite {
        return Vec::new();
    }
    let x0 = Kin {
        r: vec3(t.position_ecef_m),
        v: vec3(t.velocity_ecef_mps),
        beta: t.ballistic_coefficient_kg_m2,
    };
    let samples = horizon.as_nanos() / step.as_nanos();
    let mut out = Vec::with_capacity(usize::try_from(samples).unwrap_or(0).saturating_add(2));
    out.push((t.time, arr(x0.r)));
    if ballistic {
        ballistic_path(t.time, x0, step, samples, &mut out);
    } else {
        air_path(t.time, x0, step, samples, &mut out);
    }
    // A non-finite estimate (a diverged track) predicts nothing beyond its last finite point.
    let finite = out
        .iter()
        .position(|(_, p)| !p.iter().all(|c| c.is_finite()))
        .unwrap_or(out.len());
    out.truncate(finite);
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
    // A state already at or below the ground, and not climbing, has landed where it is.
    if approx_alt_m(x0.r) <= 0.0 && x0.v.dot(&x0.r) <= 0.0 {
        return;
    }
    let mut x = x0;
    for k in 1..=samples {
        let start = t0 + SimDuration::from_nanos(step.as_nanos() * (k - 1));
        // Equal sub-steps no longer than the propagator's own step from here.
        let subs = (step_s / x.step_s()).ceil().max(1.0);
        let sub_s = step_s / subs;
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

/// An air-breather keeps its ground speed along the great circle of its heading and its
/// climb rate, and levels off at the surface: it flies over the curved Earth (a straight ECEF
/// line would rise ~1.8 km above it in 150 km) and never underground.
fn air_path(
    t0: SimTime,
    x0: Kin,
    step: SimDuration,
    samples: i64,
    out: &mut Vec<(SimTime, [f64; 3])>,
) {
    let start = Position::ecef_from_vec(x0.r).to_wgs84();
    let up = start.up();
    let climb = x0.v.dot(&up);
    let horizontal = x0.v - up * climb;
    let ground_speed = horizontal.norm();
    let radius = x0.r.norm();
    // Rotation axis of the great circle through the position along the heading.
    let axis = if ground_speed > 0.0 {
        let a = x0.r.cross(&horizontal);
        a / a.norm()
    } else {
        Vec3::z()
    };
    let alt0 = start.alt_m().max(0.0);
    let step_s = step.as_secs_f64();
    for k in 1..=samples {
        let s = k as f64 * step_s;
        let angle = ground_speed * s / radius;
        let (sin, cos) = angle.sin_cos();
        // Rodrigues' rotation of r about the axis (r ⟂ axis).
        let r = x0.r * cos + axis.cross(&x0.r) * sin;
        let ground = Position::ecef_from_vec(r).to_wgs84();
        let alt = (alt0 + climb * s).max(0.0);
        let p = ground.with_alt(alt).to_ecef().xyz_m();
        out.push((t0 + SimDuration::from_nanos(step.as_nanos() * k), arr(p)));
    }
}

fn arr(v: Vec3) -> [f64; 3] {
    [v.x, v.y, v.z]
}
