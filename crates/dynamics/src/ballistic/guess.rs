//! The targeting's first guess and feasibility screen: a vacuum Kepler arc from an estimated
//! burnout point, joined to the launch by a flat-Earth constant-thrust boost.
//!
//! In the inertial frame aligned with ECEF at launch, the missile starts with the ground's
//! velocity ω×r and the aim point turns by ω·T during the flight time T. For a candidate
//! burnout flight-path angle γ the free-flight range equation gives the burnout speed that
//! reaches the (rotated) aim; a flat boost under gravity g then needs the thrust vector
//! `(v_burnout − ω×r)/t_b + g·up`. The shape (flight time, apogee or thrust elevation) picks γ
//! by bisection, the estimated burnout point and flight time are updated, and the loop is
//! repeated [`GUESS_PASSES`] times. Drag, J2 and the boost's curvature are left to the
//! targeting, which flies the full model.

use super::geometry::{BoostParams, Geometry};
use super::kepler::{Arc, arc, speed_for_range};
use crate::{BallisticShape, DynamicsError, ForceModel};
use geodesy::Vec3;
use geodesy::wgs84::{GM_M3_S2, OMEGA_RAD_S};

/// Fixed-point passes over (burnout point, flight time); each moves the guess by a fraction
/// of the previous correction, so 4 leave it well inside the targeting's basin.
const GUESS_PASSES: usize = 4;
/// Shallowest burnout flight-path angle considered: below this the coast skims the
/// atmosphere, beyond any notional ballistic missile's depressed trajectory.
const GAMMA_MIN_DEG: f64 = 5.0;
/// Steepest burnout flight-path angle considered (near-vertical shots have no azimuth
/// sensitivity left).
const GAMMA_MAX_DEG: f64 = 85.0;
/// Candidate angles on a 1° grid between the two.
const GAMMA_GRID: usize = 81;
/// Bisection halvings for γ: 2⁻⁵⁰ of an 80° bracket is far below what matters for a guess.
const GAMMA_BISECTIONS: usize = 50;
/// Largest ν = v²r/μ accepted: ν → 1 is a grazing orbit, where the impact point diverges.
/// A minimum-energy shot needs ν = 2 sin(Ψ/2)/(1 + sin(Ψ/2)) = 0.95 at Ψ ≈ 130°, ~14 400 km.
const NU_MAX: f64 = 0.95;
/// Shortest shot, metres of ground range: below it the boost alone overflies the aim.
const MIN_RANGE_M: f64 = 20_000.0;
/// Largest thrust acceleration accepted, m/s² (~30 g): above the average thrust-to-mass of
/// any notional ballistic booster, so a shot needing more is rejected as unreachable.
pub(crate) const MAX_THRUST_ACCEL_MPS2: f64 = 300.0;

/// One candidate burnout: the Kepler arc from it to the aim and the thrust it needs.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    arc: Arc,
    thrust: Vec3,
}

fn unreachable(reason: String) -> DynamicsError {
    DynamicsError::Unreachable { reason }
}

/// Rotation of an ECEF point into the launch-aligned inertial frame `angle_rad` later.
fn rotate_z(p: Vec3, angle_rad: f64) -> Vec3 {
    let (s, c) = angle_rad.sin_cos();
    Vec3::new(c * p.x - s * p.y, s * p.x + c * p.y, p.z)
}

/// A first guess for the boost.
#[derive(Clone, Debug)]
pub(crate) struct Guess {
    /// The boost.
    pub(crate) boost: BoostParams,
    /// Set when the requested shape lies outside what a vacuum arc allows for the range: the
    /// guess is then the nearest feasible arc, and this is the likely reason if targeting fails.
    pub(crate) outside: Option<String>,
}

/// The first guess for the boost, or why no ballistic shot can reach the aim (too close, a
/// near-orbital range, or more thrust than [`MAX_THRUST_ACCEL_MPS2`]).
pub(crate) fn initial_guess(
    geometry: &Geometry,
    shape: BallisticShape,
    burn_s: f64,
    model: &ForceModel,
) -> Result<Guess, DynamicsError> {
    let omega = if model.rotating { OMEGA_RAD_S } else { 0.0 };
    let r_l = geometry.launch_r;
    let up = geometry.launch_axes.up;
    let gee = GM_M3_S2 / r_l.norm_squared();
    let ground_velocity = Vec3::new(-omega * r_l.y, omega * r_l.x, 0.0);
    // Apogee altitudes are measured from a sphere through the mean of the two end radii.
    let surface_m = 0.5 * (r_l.norm() + geometry.aim_r.norm());
    let chord_m = (geometry.aim_r - r_l).norm();
    if chord_m < MIN_RANGE_M {
        return Err(unreachable(format!(
            "aim is only {:.1} km from launch (minimum {} km)",
            chord_m / 1e3,
            MIN_RANGE_M / 1e3
        )));
    }
    // Ground range for messages: the central angle on the Earth, not the inertial arc.
    let range_km = r_l.angle(&geometry.aim_r) * surface_m / 1e3;
    let mut burnout_r = r_l;
    let mut flight_s = burn_s;
    let mut best = None;
    let mut outside = None;
    for _ in 0..GUESS_PASSES {
        let aim_i = rotate_z(geometry.aim_r, omega * flight_s);
        let (rb, r1) = (burnout_r.norm(), aim_i.norm());
        let rb_hat = burnout_r / rb;
        let range_rad = rb_hat.cross(&aim_i).norm().atan2(rb_hat.dot(&aim_i));
        let downrange = (aim_i - rb_hat * rb_hat.dot(&aim_i)).normalize();
        let candidate = |gamma: f64| -> Option<Candidate> {
            let v = speed_for_range(rb, gamma, range_rad, r1)?;
            if v * v * rb / GM_M3_S2 > NU_MAX {
                return None;
            }
            let arc = arc(rb, v, gamma, r1)?;
            // The range equation also admits crossings on the way up; keep the descending one.
            if (arc.range_rad - range_rad).abs() > 1e-6 {
                return None;
            }
            let v_burnout = (downrange * gamma.cos() + rb_hat * gamma.sin()) * v;
            Some(Candidate {
                arc,
                thrust: (v_burnout - ground_velocity) / burn_s + up * gee,
            })
        };
        let elevation = |t: &Vec3| {
            let ax = &geometry.launch_axes;
            t.dot(&ax.up).atan2(t.dot(&ax.east).hypot(t.dot(&ax.north)))
        };
        // Shape metric, increasing with γ, zero on target.
        let metric = |c: &Candidate| match shape {
            BallisticShape::FlightTime { seconds } => burn_s + c.arc.tof_s - seconds,
            BallisticShape::Apogee { alt_m } => c.arc.apoapsis_m - surface_m - alt_m,
            BallisticShape::Loft { deg } => elevation(&c.thrust) - deg.to_radians(),
        };
        let grid = |k: usize| {
            let f = k as f64 / (GAMMA_GRID - 1) as f64;
            (GAMMA_MIN_DEG + f * (GAMMA_MAX_DEG - GAMMA_MIN_DEG)).to_radians()
        };
        // ν is unimodal in γ, so the feasible angles form one interval.
        let feasible: Vec<usize> = (0..GAMMA_GRID)
            .filter(|&k| candidate(grid(k)).is_some())
            .collect();
        let (Some(&k_lo), Some(&k_hi)) = (feasible.first(), feasible.last()) else {
            return Err(unreachable(format!(
                "range {range_km:.0} km needs a near-orbital burnout speed (ν > {NU_MAX})"
            )));
        };
        let (mut lo, mut hi) = (grid(k_lo), grid(k_hi));
        let (c_lo, c_hi) = candidate(lo)
            .zip(candidate(hi))
            .expect("grid points were feasible");
        let (m_lo, m_hi) = (metric(&c_lo), metric(&c_hi));
        // Outside the vacuum bracket: start from its nearer edge and let the full model decide
        // (a long burn or drag moves the real bracket), keeping the reason for the report.
        outside = (m_lo > 0.0 || m_hi < 0.0).then(|| {
            let (lo, hi) = (&c_lo, &c_hi);
            shape_out_of_reach(
                shape,
                range_km,
                lo,
                hi,
                &elevation,
                burn_s,
                surface_m,
                m_lo > 0.0,
            )
        });
        let chosen = if m_lo > 0.0 {
            c_lo
        } else if m_hi < 0.0 {
            c_hi
        } else {
            for _ in 0..GAMMA_BISECTIONS {
                let mid = 0.5 * (lo + hi);
                match candidate(mid) {
                    Some(c) if metric(&c) < 0.0 => lo = mid,
                    Some(_) => hi = mid,
                    None => break,
                }
            }
            candidate(hi).unwrap_or(c_hi)
        };
        burnout_r =
            r_l + ground_velocity * burn_s + (chosen.thrust - up * gee) * (0.5 * burn_s * burn_s);
        flight_s = burn_s + chosen.arc.tof_s;
        best = Some(chosen);
    }
    let chosen = best.expect("GUESS_PASSES > 0");
    let boost = geometry.boost_from_vector(chosen.thrust);
    if boost.accel_mps2 > MAX_THRUST_ACCEL_MPS2 {
        if let Some(reason) = outside {
            return Err(unreachable(reason));
        }
        return Err(unreachable(format!(
            "needs a thrust acceleration of {:.0} m/s² over the {burn_s} s burn \
             (limit {MAX_THRUST_ACCEL_MPS2})",
            boost.accel_mps2
        )));
    }
    Ok(Guess { boost, outside })
}

/// Why the requested shape lies outside the feasible arcs; `too_low` when even the
/// shallowest arc overshoots the requested value.
#[allow(
    clippy::too_many_arguments,
    reason = "one message builder for three shapes"
)]
fn shape_out_of_reach(
    shape: BallisticShape,
    range_km: f64,
    lo: &Candidate,
    hi: &Candidate,
    elevation: &dyn Fn(&Vec3) -> f64,
    burn_s: f64,
    surface_m: f64,
    too_low: bool,
) -> String {
    let side = if too_low { "below" } else { "above" };
    match shape {
        BallisticShape::FlightTime { seconds } => format!(
            "flight time {seconds:.0} s is {side} what a {range_km:.0} km shot allows \
             ({:.0}–{:.0} s in vacuum)",
            burn_s + lo.arc.tof_s,
            burn_s + hi.arc.tof_s
        ),
        BallisticShape::Apogee { alt_m } => format!(
            "apogee {:.0} km is {side} what a {range_km:.0} km shot allows \
             ({:.0}–{:.0} km in vacuum)",
            alt_m / 1e3,
            (lo.arc.apoapsis_m - surface_m) / 1e3,
            (hi.arc.apoapsis_m - surface_m) / 1e3
        ),
        BallisticShape::Loft { deg } => format!(
            "thrust elevation {deg}° is {side} what a {range_km:.0} km shot allows ({:.1}°–{:.1}°)",
            elevation(&lo.thrust).to_degrees(),
            elevation(&hi.thrust).to_degrees()
        ),
    }
}
