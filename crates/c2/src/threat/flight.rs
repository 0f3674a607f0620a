//! Cheap ballistic propagation to the ground, for impact prediction and predicted paths.
//!
//! The forces are the dynamics crate's own [`ForceModel`] (central gravity + J2, rotating ECEF
//! with Coriolis and centrifugal terms) with its exponential atmosphere and the track's
//! ballistic-coefficient estimate (see `drag.rs`); a track without one flies drag-free.
//! Integration is classical RK4 with a fixed [`STEP_S`] = 16 s step above the drag band and
//! [`DRAG_STEP_S`] = 0.5 s inside it (only when drag is on), and the descent through
//! ellipsoidal altitude 0 is located by Newton iteration on the length of a partial RK4 step
//! from the last step above the ground, to 0.1 mm of altitude.
//!
//! Why 16 s when the dynamics crate steps 4 s in vacuum: without drag the only time scale is
//! the orbital one (~800 s), and RK4's error grows as dt⁴ from millimetres. Measured against
//! `dynamics::fly_ballistic` on the same drag-free flights, from mid-course states (see
//! `tests/impact.rs`): impact within 1 mm (SRBM) and 6 mm (IRBM), time within 3 µs, at a
//! quarter of the 4 s step's cost (4 s: 3 mm; 30 s: 5 cm; 60 s: 9 cm). In the atmosphere the
//! time scale is the density e-folding time of the descent (H/|v_z| ≈ 2.4 s at 3 km/s): the
//! truth steps 0.25 s there, this 0.5 s (a fifth of it; tested against the truth with drag).
//! Ignoring drag misplaces a re-entry vehicle by its own effect: 1.4 km and 14 s for a 600 km
//! SRBM with β = 3000 kg/m², 170 m and 3 s for a 3800 km IRBM with β = 8000 kg/m².

use dynamics::{Atmosphere, ForceModel};
use geodesy::wgs84::{A_M, B_M};
use geodesy::{Position, Vec3};

/// Integration step, seconds: millimetres of error per flight (see the module doc), far below
/// any track's uncertainty.
pub(super) const STEP_S: f64 = 16.0;

/// Integration step inside the drag band when drag is on, seconds.
pub(super) const DRAG_STEP_S: f64 = 0.5;
/// Shortest step under very strong drag, seconds.
const MIN_DRAG_STEP_S: f64 = 0.01;
/// Top of the drag band, metres (as the truth integrator's).
pub(super) const DRAG_BAND_TOP_M: f64 = 120_000.0;

/// Gravity with J2 on the rotating Earth and the truth's exponential atmosphere (drag acts
/// only with a ballistic coefficient).
const MODEL: ForceModel = ForceModel {
    j2: true,
    rotating: true,
    atmosphere: Atmosphere::Exponential {
        rho0_kg_m3: Atmosphere::SEA_LEVEL_DENSITY_KG_M3,
        scale_height_m: Atmosphere::SCALE_HEIGHT_M,
    },
};

/// Newton iterations allowed when locating the ground crossing (3 usually suffice).
const ROOT_ITERATIONS: usize = 12;
/// Altitude residual at which the crossing counts as found, metres.
const ROOT_TOLERANCE_M: f64 = 1e-4;

/// Position and velocity, ECEF metres and m/s relative to the rotating Earth, and the
/// ballistic coefficient drag acts with (`None`: drag-free).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Kin {
    pub(super) r: Vec3,
    pub(super) v: Vec3,
    pub(super) beta: Option<f64>,
}

impl Kin {
    /// The step to take from here: short inside the drag band when drag acts, and shorter
    /// still (a fifth of the drag's velocity time scale `|v|/a_D`, at least 10 ms) when drag
    /// is strong enough to make a 0.5 s step unstable — a fast body deep in the atmosphere.
    pub(super) fn step_s(&self) -> f64 {
        let Some(beta) = self.beta else {
            return STEP_S;
        };
        let alt = approx_alt_m(self.r);
        if alt >= DRAG_BAND_TOP_M {
            return STEP_S;
        }
        let speed = self.v.norm();
        let drag = MODEL.atmosphere.density_kg_m3(alt) * speed * speed / (2.0 * beta);
        if drag > 0.0 {
            (0.2 * speed / drag).clamp(MIN_DRAG_STEP_S, DRAG_STEP_S)
        } else {
            DRAG_STEP_S
        }
    }
}

/// The vacuum part of the acceleration (gravity, Coriolis, centrifugal), m/s²: what a track's
/// velocity change is compared against to see drag.
pub(super) fn free_acceleration(r: Vec3, v: Vec3) -> Vec3 {
    MODEL.acceleration(r, v, None)
}

/// Air density at `r`, kg/m³.
pub(super) fn density_kg_m3(r: Vec3) -> f64 {
    MODEL.atmosphere.density_kg_m3(approx_alt_m(r))
}

/// Where and when (seconds after the start state) a body came down through altitude 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Landing {
    pub(super) after_s: f64,
    pub(super) x: Kin,
}

/// One step's outcome.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Step {
    /// Still above the ground (or not yet descending through it) after the step.
    Flying(Kin),
    /// Came down during the step, `after_s` seconds into it.
    Landed(Landing),
}

fn accel(r: Vec3, v: Vec3, beta: Option<f64>) -> Vec3 {
    MODEL.acceleration(r, v, beta)
}

/// One classical RK4 step of `dt_s` seconds.
pub(super) fn rk4(x: Kin, dt_s: f64) -> Kin {
    let half = 0.5 * dt_s;
    let b = x.beta;
    let a1 = accel(x.r, x.v, b);
    let (r2, v2) = (x.r + x.v * half, x.v + a1 * half);
    let a2 = accel(r2, v2, b);
    let (r3, v3) = (x.r + v2 * half, x.v + a2 * half);
    let a3 = accel(r3, v3, b);
    let (r4, v4) = (x.r + v3 * dt_s, x.v + a3 * dt_s);
    let a4 = accel(r4, v4, b);
    let sixth = dt_s / 6.0;
    Kin {
        r: x.r + (x.v + (v2 + v3) * 2.0 + v4) * sixth,
        v: x.v + (a1 + (a2 + a3) * 2.0 + a4) * sixth,
        beta: b,
    }
}

/// Height above the ellipsoid along the geocentric radius, metres: within a few centimetres
/// of the ellipsoidal altitude near the ground for one square root, so it only brackets the
/// crossing; the crossing itself is solved on the exact altitude.
pub(super) fn approx_alt_m(r: Vec3) -> f64 {
    let r2 = r.norm_squared();
    let sin2 = r.z * r.z / r2;
    r2.sqrt() - A_M * B_M / (B_M * B_M * (1.0 - sin2) + A_M * A_M * sin2).sqrt()
}

/// Advances `x` by `dt_s`, or returns the descent through altitude 0 inside the step.
pub(super) fn advance(x: Kin, dt_s: f64) -> Step {
    let before = approx_alt_m(x.r);
    let next = rk4(x, dt_s);
    let after = approx_alt_m(next.r);
    if before > 0.0 && after <= 0.0 {
        Step::Landed(crossing(x, dt_s * before / (before - after)))
    } else {
        Step::Flying(next)
    }
}

/// Newton on the partial-step length τ: h(τ) = alt(rk4(x, τ)), h'(τ) = v(τ)·up(τ).
fn crossing(x: Kin, guess_s: f64) -> Landing {
    let mut tau = guess_s;
    let mut y = rk4(x, tau);
    for _ in 0..ROOT_ITERATIONS {
        let geo = Position::ecef_from_vec(y.r).to_wgs84();
        let rate = y.v.dot(&geo.up());
        if geo.alt_m().abs() < ROOT_TOLERANCE_M || rate >= 0.0 {
            break;
        }
        tau -= geo.alt_m() / rate;
        y = rk4(x, tau);
    }
    Landing { after_s: tau, x: y }
}

/// Flies `x0` until it descends through altitude 0, giving up after `max_s` seconds. A state
/// already at or below the ground and not climbing lands at once, where it is.
pub(super) fn fly_to_ground(x0: Kin, max_s: f64) -> Option<Landing> {
    let radial_rate = x0.v.dot(&x0.r);
    if approx_alt_m(x0.r) <= 0.0 && radial_rate <= 0.0 {
        return Some(Landing {
            after_s: 0.0,
            x: x0,
        });
    }
    let mut x = x0;
    let mut elapsed_s = 0.0;
    while elapsed_s < max_s {
        let dt = x.step_s();
        match advance(x, dt) {
            Step::Flying(next) => x = next,
            Step::Landed(l) => {
                let after_s = elapsed_s + l.after_s;
                return (after_s <= max_s).then_some(Landing { after_s, x: l.x });
            }
        }
        elapsed_s += dt;
    }
    None
}
