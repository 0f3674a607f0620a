//! Input checks for routes and orbits: every rejection is a [`DynamicsError`] naming the
//! offending quantity, never a panic.

use crate::{DynamicsError, OrbitSpec, RouteSpec, TurnLimit};

/// Most points a route may list (bounded work per route).
const MAX_ROUTE_POINTS: usize = 100_000;
/// Largest orbit radius, metres. Far beyond any holding pattern; keeps the circle well inside
/// a quarter meridian, where the reduced length m₁₂ is positive and well conditioned.
const MAX_ORBIT_RADIUS_M: f64 = 5.0e6;

/// Checks a route specification.
pub(super) fn route(spec: &RouteSpec) -> Result<(), DynamicsError> {
    let n = spec.points.len();
    if n < 2 {
        return Err(DynamicsError::RouteTooShort(n));
    }
    if n > MAX_ROUTE_POINTS {
        return Err(DynamicsError::TooLong {
            what: "route points",
            max: MAX_ROUTE_POINTS,
        });
    }
    positive("speed_mps", spec.speed_mps)?;
    for p in &spec.points {
        if let Some(v) = p.speed_mps {
            positive("points[].speed_mps", v)?;
        }
    }
    match spec.turn {
        TurnLimit::BankDeg(bank) => {
            positive("turn bank_deg", bank)?;
            if bank >= 90.0 {
                return Err(DynamicsError::OutOfRange {
                    what: "turn bank_deg",
                    value: bank,
                    range: "(0, 90)",
                });
            }
        }
        TurnLimit::RateDegPerS(rate) => positive("turn rate_deg_per_s", rate)?,
    }
    // Zero is allowed for routes that never change altitude (ships), so scenarios need not
    // invent a climb rate for them.
    let first_alt_m = spec.points[0].position.alt_m();
    let level = spec
        .points
        .iter()
        .all(|p| p.position.alt_m() == first_alt_m);
    if !(spec.max_vertical_mps > 0.0 || (level && spec.max_vertical_mps == 0.0)) {
        return Err(DynamicsError::NotPositive {
            what: "max_vertical_mps",
            value: spec.max_vertical_mps,
        });
    }
    if spec.until < spec.start_time {
        let value = (spec.until - spec.start_time).as_secs_f64();
        return Err(DynamicsError::NotPositive {
            what: "until - start_time (s)",
            value,
        });
    }
    Ok(())
}

/// Checks an orbit specification.
pub(super) fn orbit(spec: &OrbitSpec) -> Result<(), DynamicsError> {
    positive("radius_m", spec.radius_m)?;
    positive("speed_mps", spec.speed_mps)?;
    if spec.radius_m > MAX_ORBIT_RADIUS_M {
        return Err(DynamicsError::OutOfRange {
            what: "radius_m",
            value: spec.radius_m,
            range: "(0, 5000 km]",
        });
    }
    if spec.until < spec.start_time {
        let value = (spec.until - spec.start_time).as_secs_f64();
        return Err(DynamicsError::NotPositive {
            what: "until - start_time (s)",
            value,
        });
    }
    Ok(())
}

fn positive(what: &'static str, value: f64) -> Result<(), DynamicsError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(DynamicsError::NotPositive { what, value })
    }
}
