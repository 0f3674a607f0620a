//! Targeting: solves for the boost parameters that land the full-model flight on the aim with
//! the requested shape.
//!
//! Two nested solves. The inner one ([`super::aim`]) hits the aim for a fixed thrust
//! elevation: unknowns (azimuth, ln thrust), residual the impact's east/north offset from the
//! aim, by Newton/Broyden with finite-difference Jacobians after a thrust-only range fit.
//! With a [`BallisticShape::Loft`] that is the whole problem. For a flight time or an apogee
//! the outer solve varies the thrust elevation: both grow monotonically with it along the
//! family of shots that hit the aim, so a bracketing secant (Illinois regula falsi) on that
//! one variable converges without the curved valleys a joint three-variable Newton step
//! falls into when drag makes the Kepler guess poor. Each outer step warm-starts the inner
//! solve from the previous solution and Jacobian, so it costs only a few flights: ~11 flights
//! for a fixed loft, ~25 for a flight time or apogee.
//!
//! Tolerances: impact within [`MISS_TOLERANCE_M`] of the aim (horizontal, at its altitude),
//! flight time within [`FLIGHT_TIME_TOLERANCE_S`], apogee within [`APOGEE_TOLERANCE_M`]. The
//! inner tolerance moves the flight time by < 1 ms and the apogee by < 1 cm, so the two
//! levels do not interfere. Every loop is bounded by a named constant; failing to converge
//! is [`DynamicsError::Unreachable`] with the closest approach in the reason.

use super::aim::Pinned;
use super::flight::{Boost, Flight, FlightFailure, Outcome, Stop};
use super::geometry::{BoostParams, Geometry};
use super::guess::initial_guess;
use super::integrator::{Kinematics, StepPolicy};
use crate::{BallisticShape, BallisticSpec, DynamicsError, ForceModel};
use geodesy::Vec3;
use nalgebra::Vector2;

/// Converged when the impact is within this horizontal distance of the aim, metres.
pub(crate) const MISS_TOLERANCE_M: f64 = 1.0;
/// Converged when the flight time is within this of the requested one, seconds.
pub(crate) const FLIGHT_TIME_TOLERANCE_S: f64 = 0.01;
/// Converged when the apogee is within this of the requested one, metres.
pub(crate) const APOGEE_TOLERANCE_M: f64 = 1.0;
/// Outer (elevation) iterations, each one inner solve, before giving up.
pub(crate) const MAX_SHAPE_ITERATIONS: u32 = 30;
/// First elevation step of the outer solve, radians (≈ 3°): large enough to see the slope
/// through the inner tolerance, small enough to stay in the feasible family.
const FIRST_ELEVATION_STEP_RAD: f64 = 0.05;
/// Largest outer elevation step, radians (≈ 11°).
const MAX_ELEVATION_STEP_RAD: f64 = 0.2;
/// Thrust elevation bounds, degrees: a horizontal thrust cannot lift off, a vertical one has
/// no azimuth.
const ELEVATION_BOUNDS_DEG: (f64, f64) = (1.0, 89.5);

/// A boost–coast shot being targeted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Targeting<'a> {
    spec: &'a BallisticSpec,
    model: &'a ForceModel,
    pub(crate) geometry: Geometry,
    pub(crate) burn_ns: i64,
    policy: StepPolicy,
    /// Thrust unit of the inner solve's ln-thrust unknown (the Kepler guess's thrust), m/s².
    pub(crate) accel_scale_mps2: f64,
}

/// One end of the elevation bracket: (elevation rad, shape error).
type BracketEnd = Option<(f64, f64)>;

fn unreachable(reason: String) -> DynamicsError {
    DynamicsError::Unreachable { reason }
}

impl<'a> Targeting<'a> {
    pub(crate) fn new(spec: &'a BallisticSpec, model: &'a ForceModel, policy: StepPolicy) -> Self {
        Targeting {
            spec,
            model,
            geometry: Geometry::new(&spec.launch, &spec.aim),
            burn_ns: base::SimDuration::from_secs_f64(spec.burn_time_s).as_nanos(),
            policy,
            accel_scale_mps2: 1.0,
        }
    }

    /// The flight of boost `p`: at rest on the launch point, impact at the aim's altitude.
    pub(crate) fn flight(&self, p: &BoostParams) -> Flight<'a> {
        Flight {
            model: self.model,
            beta_kg_m2: self.spec.ballistic_coefficient_kg_m2,
            boost: Some(Boost {
                accel_mps2: self.geometry.thrust_vector(p),
                duration_ns: self.burn_ns,
            }),
            stop: Stop::Altitude(self.spec.aim.alt_m()),
            policy: self.policy,
        }
    }

    /// The launch state: at rest relative to the (rotating) Earth.
    pub(crate) fn start(&self) -> Kinematics {
        Kinematics {
            r: self.geometry.launch_r,
            v: Vec3::zeros(),
        }
    }

    /// The boost for azimuth, elevation and ln-thrust.
    pub(crate) fn params(&self, az: f64, el: f64, ln_thrust: f64) -> BoostParams {
        BoostParams {
            azimuth_rad: az,
            elevation_rad: el,
            accel_mps2: self.accel_scale_mps2 * ln_thrust.exp(),
        }
    }

    /// Flies a boost; returns the impact's east/north offset from the aim, metres.
    pub(crate) fn evaluate(
        &self,
        az: f64,
        el: f64,
        ln_thrust: f64,
    ) -> Result<(Vector2<f64>, Outcome), FlightFailure> {
        let outcome = self
            .flight(&self.params(az, el, ln_thrust))
            .run(self.start(), None)?;
        let (east_m, north_m) = self.geometry.miss_en(outcome.end.x.r);
        Ok((Vector2::new(east_m, north_m), outcome))
    }

    /// Signed shape error of a solution (seconds or metres; positive = too long/high), and
    /// its tolerance. `None` for a fixed loft.
    fn shape_error(&self, p: &Pinned) -> Option<(f64, f64)> {
        match self.spec.shape {
            BallisticShape::FlightTime { seconds } => Some((
                p.outcome.end.offset_ns as f64 * 1e-9 - seconds,
                FLIGHT_TIME_TOLERANCE_S,
            )),
            // A boosted flight that comes down on the aim climbed first; NaN never converges.
            BallisticShape::Apogee { alt_m } => Some((
                p.outcome.apogee.map_or(f64::NAN, |a| a.alt_m) - alt_m,
                APOGEE_TOLERANCE_M,
            )),
            BallisticShape::Loft { .. } => None,
        }
    }

    /// Runs the targeting (see the module doc).
    pub(crate) fn solve(mut self) -> Result<BoostParams, DynamicsError> {
        let burn_s = self.burn_ns as f64 * 1e-9;
        let guess = initial_guess(&self.geometry, self.spec.shape, burn_s, self.model)?;
        let fail = |what: String| unreachable(guess.outside.clone().unwrap_or(what));
        self.accel_scale_mps2 = guess.boost.accel_mps2;
        let (lo, hi) = ELEVATION_BOUNDS_DEG;
        let el0 = match self.spec.shape {
            BallisticShape::Loft { deg } => deg.to_radians(),
            _ => guess
                .boost
                .elevation_rad
                .clamp(lo.to_radians(), hi.to_radians()),
        };
        let mut p = self
            .solve_pinned(el0, guess.boost.azimuth_rad, 0.0, None)
            .map_err(fail)?;
        let Some((mut s, tol)) = self.shape_error(&p) else {
            return Ok(self.params(p.az, el0, p.ln_thrust));
        };
        let mut el = el0;
        // Bracket ends (elevation, shape error) and the previous point for the secant slope.
        let (mut below, mut above): (BracketEnd, BracketEnd) = (None, None);
        let mut previous: Option<(f64, f64)> = None;
        let mut last_was_below = None;
        // Nearest elevation beyond which the inner solve failed, with its reason.
        let mut wall: Option<(f64, String)> = None;
        // Closest approach, for the report.
        let mut best = (s, el);
        for _ in 0..MAX_SHAPE_ITERATIONS {
            if s.abs() <= tol {
                return Ok(self.params(p.az, el, p.ln_thrust));
            }
            let is_below = s < 0.0;
            let (replaced, retained) = if is_below {
                (&mut below, &mut above)
            } else {
                (&mut above, &mut below)
            };
            *replaced = Some((el, s));
            // Illinois: the same end replaced twice running halves the other end's error.
            if last_was_below == Some(is_below)
                && let Some(end) = retained.as_mut()
            {
                end.1 *= 0.5;
            }
            last_was_below = Some(is_below);
            let next = match (below, above) {
                (Some((el_b, s_b)), Some((el_a, s_a))) => el_b - s_b * (el_a - el_b) / (s_a - s_b),
                _ => {
                    // Not bracketed: the shape grows with elevation, so step towards the
                    // target by the secant slope when it is sensible, else a fixed step.
                    let slope = previous
                        .map(|(pe, ps)| (s - ps) / (el - pe))
                        .filter(|m| m.is_finite() && *m > 0.0);
                    let step = slope.map_or(FIRST_ELEVATION_STEP_RAD, |m| (s / m).abs());
                    let mut next = el - s.signum() * step.min(MAX_ELEVATION_STEP_RAD);
                    // Never jump past an elevation where the inner solve already failed.
                    if let Some((w, _)) = &wall
                        && (next - el) * (w - el) > 0.0
                        && (next - el).abs() >= (w - el).abs()
                    {
                        next = 0.5 * (el + w);
                    }
                    next
                }
            };
            let next = next.clamp(lo.to_radians(), hi.to_radians());
            if next == el {
                break;
            }
            previous = Some((el, s));
            match self.solve_pinned(next, p.az, p.ln_thrust, Some(p.jacobian)) {
                Ok(np) => {
                    p = np;
                    el = next;
                    s = self.shape_error(&p).map_or(f64::NAN, |(s, _)| s);
                    if !s.is_finite() {
                        break;
                    }
                    if s.abs() < best.0.abs() {
                        best = (s, el);
                    }
                }
                Err(reason) => {
                    // Shots beyond `next` fail; stay here and approach it more carefully.
                    previous = None;
                    last_was_below = None;
                    wall = Some((next, reason));
                    if below.is_some() && above.is_some() {
                        break;
                    }
                }
            }
        }
        let beyond = wall.map_or(String::new(), |(w, r)| {
            format!("; at {:.1}° elevation: {r}", w.to_degrees())
        });
        let (s, el) = best;
        Err(fail(format!(
            "the {} stays {s:.2} {} off at best ({:.1}° thrust elevation){beyond}",
            match self.spec.shape {
                BallisticShape::FlightTime { .. } => "flight time",
                _ => "apogee",
            },
            match self.spec.shape {
                BallisticShape::FlightTime { .. } => "s",
                _ => "m",
            },
            el.to_degrees()
        )))
    }
}
