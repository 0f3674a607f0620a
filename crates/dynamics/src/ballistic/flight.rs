//! One flight: boost (optional) then coast under the force model, with burnout, apogee and the
//! descent through a stop surface located to the nanosecond.
//!
//! Events are found inside an integration step by bisecting the step length: a partial RK4
//! step from the step's start is a smooth function of its length, so the crossing is as
//! accurate as the integration itself (no interpolation), and it depends smoothly on the boost
//! parameters, which the targeting's finite differences need.

use super::integrator::{Kinematics, StepPolicy, rk4_step};
use crate::ForceModel;
use geodesy::{Position, Vec3, Wgs84};

const NS_PER_S: f64 = 1e9;

/// No flight lasts longer: a minimum-energy shot to the antipode takes ~42 min, so 3 h only
/// stops bodies that went into orbit (or a caller's state that never comes down).
pub(crate) const MAX_FLIGHT_NS: i64 = 3 * 3600 * 1_000_000_000;

/// Where a flight ends: the first descent through this surface.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Stop {
    /// Ellipsoidal altitude, metres (the engine's impact condition).
    Altitude(f64),
    /// Geocentric radius, metres (Keplerian checks on a spherical Earth).
    #[cfg_attr(not(test), allow(dead_code, reason = "used by the Keplerian tests"))]
    Radius(f64),
}

impl Stop {
    fn level(&self, r: Vec3, geo: &Wgs84) -> f64 {
        match self {
            Stop::Altitude(_) => geo.alt_m(),
            Stop::Radius(_) => r.norm(),
        }
    }
    fn target(&self) -> f64 {
        match *self {
            Stop::Altitude(alt_m) => alt_m,
            Stop::Radius(radius_m) => radius_m,
        }
    }
}

/// Constant thrust acceleration, fixed in the (ECEF) frame, from the flight's start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Boost {
    /// Thrust acceleration vector, m/s².
    pub(crate) accel_mps2: Vec3,
    /// Burn duration, nanoseconds (> 0).
    pub(crate) duration_ns: i64,
}

/// What to fly.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Flight<'a> {
    pub(crate) model: &'a ForceModel,
    pub(crate) beta_kg_m2: Option<f64>,
    pub(crate) boost: Option<Boost>,
    pub(crate) stop: Stop,
    pub(crate) policy: StepPolicy,
}

/// A state at an offset from the flight's start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Sample {
    /// Nanoseconds since the flight's start.
    pub(crate) offset_ns: i64,
    /// The state.
    pub(crate) x: Kinematics,
}

/// The highest point of the flight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Apogee {
    /// Nanoseconds since the flight's start.
    pub(crate) offset_ns: i64,
    /// Ellipsoidal altitude, metres.
    pub(crate) alt_m: f64,
}

/// How a flight ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Outcome {
    /// The first state at or below the stop surface (to 1 ns).
    pub(crate) end: Sample,
    /// The first altitude maximum after the start, if the flight climbed.
    pub(crate) apogee: Option<Apogee>,
}

/// Why a flight produced no usable end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum FlightFailure {
    /// Still above the stop surface (or never came back down to it) after [`MAX_FLIGHT_NS`].
    NoDescent,
    /// Came down through the stop surface with the motor still burning.
    DescendedDuringBoost {
        /// Seconds after the start.
        at_s: f64,
    },
}

impl core::fmt::Display for FlightFailure {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            FlightFailure::NoDescent => write!(
                f,
                "no descent through the stop altitude within {} s (orbital or escaping)",
                MAX_FLIGHT_NS / 1_000_000_000
            ),
            FlightFailure::DescendedDuringBoost { at_s } => {
                write!(
                    f,
                    "came down after {at_s:.1} s, before burnout (thrust below gravity)"
                )
            }
        }
    }
}

fn geodetic(r: Vec3) -> Wgs84 {
    Position::ecef_from_vec(r).to_wgs84()
}

/// Rate of change of the ellipsoidal altitude: the velocity along the ellipsoid normal.
fn climb_rate_mps(x: &Kinematics, geo: &Wgs84) -> f64 {
    x.v.dot(&geo.up())
}

/// Smallest `τ` in `(lo, hi]` with `pred(τ)`, given `!pred(lo)` and `pred(hi)`, to 1 ns.
/// At most 63 halvings (the interval is an `i64`).
fn bisect_ns(mut lo: i64, mut hi: i64, pred: impl Fn(i64) -> bool) -> i64 {
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

impl Flight<'_> {
    /// Flies from `start`, pushing every step's state to `record` (including the start, the
    /// burnout and the end state) when given.
    ///
    /// Without a boost, a start at or below the stop surface that is not climbing ends the
    /// flight at once. The loop is bounded: every step after burnout advances at least the
    /// policy's shortest step, and the boost takes `⌈burn/step⌉` steps, up to
    /// [`MAX_FLIGHT_NS`].
    pub(crate) fn run(
        &self,
        start: Kinematics,
        mut record: Option<&mut Vec<Sample>>,
    ) -> Result<Outcome, FlightFailure> {
        let target = self.stop.target();
        let drag = self.model.has_drag(self.beta_kg_m2);
        let burn_ns = self.boost.map_or(0, |b| b.duration_ns);
        let mut t = 0_i64;
        let mut x = start;
        let mut geo = geodetic(x.r);
        let mut level = self.stop.level(x.r, &geo);
        let mut climb = climb_rate_mps(&x, &geo);
        let mut apogee = None;
        if let Some(rec) = record.as_deref_mut() {
            rec.push(Sample { offset_ns: 0, x });
        }
        if self.boost.is_none() && level <= target && climb <= 0.0 {
            return Ok(Outcome {
                end: Sample { offset_ns: 0, x },
                apogee,
            });
        }
        while t < MAX_FLIGHT_NS {
            let powered = t < burn_ns;
            let mut dt = self.policy.step_ns(drag, geo.alt_m());
            let thrust = match self.boost {
                Some(b) if powered => {
                    // Equal steps that land exactly on burnout.
                    let remaining = burn_ns - t;
                    let n = (remaining + dt - 1) / dt;
                    dt = (remaining + n - 1) / n;
                    b.accel_mps2
                }
                _ => Vec3::zeros(),
            };
            let step = |tau_ns: i64| {
                let accel =
                    |r: Vec3, v: Vec3| self.model.acceleration(r, v, self.beta_kg_m2) + thrust;
                rk4_step(accel, x, tau_ns as f64 / NS_PER_S)
            };
            let next = step(dt);
            let next_geo = geodetic(next.r);
            let next_level = self.stop.level(next.r, &next_geo);
            let next_climb = climb_rate_mps(&next, &next_geo);
            if apogee.is_none() && climb > 0.0 && next_climb <= 0.0 {
                let tau = bisect_ns(0, dt, |tau| {
                    let y = step(tau);
                    climb_rate_mps(&y, &geodetic(y.r)) <= 0.0
                });
                let alt_m = geodetic(step(tau).r).alt_m();
                apogee = Some(Apogee {
                    offset_ns: t + tau,
                    alt_m,
                });
            }
            if level >= target && next_level < target {
                if powered {
                    return Err(FlightFailure::DescendedDuringBoost {
                        at_s: t as f64 / NS_PER_S,
                    });
                }
                let tau = bisect_ns(0, dt, |tau| {
                    let y = step(tau);
                    self.stop.level(y.r, &geodetic(y.r)) < target
                });
                let end = Sample {
                    offset_ns: t + tau,
                    x: step(tau),
                };
                if let Some(rec) = record.as_deref_mut() {
                    rec.push(end);
                }
                return Ok(Outcome { end, apogee });
            }
            t += dt;
            (x, geo, level, climb) = (next, next_geo, next_level, next_climb);
            if let Some(rec) = record.as_deref_mut() {
                rec.push(Sample { offset_ns: t, x });
            }
        }
        Err(FlightFailure::NoDescent)
    }
}
