//! Truth motion: where every simulated object really is, at any simulation time.
//!
//! Owns the motion specifications ([`BallisticSpec`], [`RouteSpec`], [`OrbitSpec`]), the
//! solvers that turn them into precomputed [`Trajectory`]s, and the [`Trajectory`] itself:
//! time-stamped ECEF samples with cubic Hermite interpolation, so a truth-state query costs a
//! binary search and a few multiplies, and [`Milestone`]s (launch, burnout, apogee, waypoint,
//! impact) for the event log.
//!
//! Conventions: ECEF (WGS-84, rotating with the Earth) throughout; equations of motion include
//! the Coriolis and centrifugal terms, so no ECI frame is needed. Times are [`base::SimTime`];
//! integrators step in `f64` seconds relative to the trajectory's start, sample times are
//! rounded to whole nanoseconds once.
//!
//! Not modelled: thrust vector control dynamics (the boost follows a fixed-direction thrust),
//! staging, manoeuvring re-entry vehicles, wind, terrain (impact is at ellipsoid height 0 or the
//! aim point's altitude), aircraft climb/descent performance beyond a rate limit.

mod ballistic;
mod error;
mod gravity;
mod route;
mod spec;
mod trajectory;

pub use ballistic::{BallisticSolution, fly_ballistic, propagate_free_flight};
pub use error::DynamicsError;
pub use gravity::{Atmosphere, ForceModel};
pub use route::{fly_orbit, fly_route};
pub use spec::{BallisticShape, BallisticSpec, OrbitSpec, RoutePoint, RouteSpec, TurnLimit};
pub use trajectory::{Milestone, State, Trajectory, TrajectoryBuilder};
