//! Boost–coast ballistic flight and its targeting. (Stub: filled by the ballistic work.)

use crate::{BallisticSpec, DynamicsError, ForceModel, State, Trajectory};
use base::SimTime;
use geodesy::Wgs84;

/// A solved ballistic flight.
#[derive(Clone, Debug)]
pub struct BallisticSolution {
    /// The truth trajectory from launch to impact.
    pub trajectory: Trajectory,
    /// Where it actually came down.
    pub impact: Wgs84,
    /// When it came down.
    pub impact_time: SimTime,
    /// Highest altitude reached, metres.
    pub apogee_alt_m: f64,
    /// Distance between impact and aim point on the ellipsoid, metres.
    pub miss_m: f64,
}

/// Solves the boost parameters that put the missile on its aim point and flies it.
pub fn fly_ballistic(
    _spec: &BallisticSpec,
    _model: &ForceModel,
) -> Result<BallisticSolution, DynamicsError> {
    unimplemented!("filled by the ballistic work")
}

/// Propagates an unpowered body from `initial` at `t0` until it descends through `stop_alt_m`.
pub fn propagate_free_flight(
    _initial: State,
    _t0: SimTime,
    _model: &ForceModel,
    _stop_alt_m: f64,
) -> Trajectory {
    unimplemented!("filled by the ballistic work")
}
