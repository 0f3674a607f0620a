//! The fixed-step RK4 integrator for `[r, v]` and the step-size bands it uses.
//!
//! Why fixed-step RK4 rather than adaptive RK45: targeting differentiates the impact point
//! with respect to the boost parameters by finite differences. With a fixed step schedule the
//! discrete flight map is smooth in its inputs; an adaptive controller changes its step
//! sequence with every perturbation, adding noise of the size of its tolerance to every
//! Jacobian column. The dynamics have only two time scales (orbital, ~800 s, and
//! atmospheric, H/|v| ≈ 2–4 s), so two fixed bands give the accuracy an adaptive scheme
//! would, at a predictable cost. Step sizes are whole nanoseconds so time never accumulates
//! in `f64`.

use geodesy::Vec3;

/// Position and velocity, ECEF (or inertial for a non-rotating model), m and m/s.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Kinematics {
    /// Position, metres.
    pub(crate) r: Vec3,
    /// Velocity, m/s.
    pub(crate) v: Vec3,
}

/// One classical Runge–Kutta 4 step of `r̈ = accel(r, ṙ)` over `dt_s` seconds.
pub(crate) fn rk4_step(accel: impl Fn(Vec3, Vec3) -> Vec3, x: Kinematics, dt_s: f64) -> Kinematics {
    let half = 0.5 * dt_s;
    let (r1, v1) = (x.r, x.v);
    let a1 = accel(r1, v1);
    let (r2, v2) = (x.r + v1 * half, x.v + a1 * half);
    let a2 = accel(r2, v2);
    let (r3, v3) = (x.r + v2 * half, x.v + a2 * half);
    let a3 = accel(r3, v3);
    let (r4, v4) = (x.r + v3 * dt_s, x.v + a3 * dt_s);
    let a4 = accel(r4, v4);
    let sixth = dt_s / 6.0;
    Kinematics {
        r: x.r + (v1 + (v2 + v3) * 2.0 + v4) * sixth,
        v: x.v + (a1 + (a2 + a3) * 2.0 + a4) * sixth,
    }
}

/// Below this altitude drag is integrated with the short atmospheric step. The exponential
/// atmosphere's density there is 7e-8 kg/m³, so drag is below 1e-3 m/s² even for a light
/// re-entry vehicle (β = 1000 kg/m²) at 5 km/s, which the long step integrates exactly enough.
pub(crate) const DRAG_BAND_TOP_M: f64 = 120_000.0;

/// Integration steps, whole nanoseconds, per band. Every step is also a trajectory sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct StepPolicy {
    /// Step where drag is negligible (above [`DRAG_BAND_TOP_M`] or no drag at all).
    pub(crate) vacuum_ns: i64,
    /// Step inside the drag band.
    pub(crate) atmosphere_ns: i64,
}

impl StepPolicy {
    /// The steps the engine uses.
    ///
    /// Vacuum: 4 s. RK4's global error scales as (n·dt)⁴ with the orbital rate
    /// n ≈ 1.2e-3 rad/s, ~1e-9 relative (millimetres) per flight; measured impact shift when
    /// halving both steps: see the `step_halving_*` test. Atmosphere: 0.25 s, a tenth of the
    /// density e-folding time H/|v_z| ≈ 2.4 s of a 3 km/s re-entry.
    pub(crate) const STANDARD: StepPolicy = StepPolicy {
        vacuum_ns: 4_000_000_000,
        atmosphere_ns: 250_000_000,
    };

    /// Both steps divided by `factor` (convergence tests).
    #[cfg(test)]
    pub(crate) fn refined(self, factor: i64) -> StepPolicy {
        StepPolicy {
            vacuum_ns: self.vacuum_ns / factor,
            atmosphere_ns: self.atmosphere_ns / factor,
        }
    }

    /// Step to take from a state at (approximate) altitude `alt_m`.
    pub(crate) fn step_ns(&self, drag: bool, alt_m: f64) -> i64 {
        if drag && alt_m < DRAG_BAND_TOP_M {
            self.atmosphere_ns
        } else {
            self.vacuum_ns
        }
    }
}
