//! Waypoint routes and orbits. (Stub: filled by the route work.)

use crate::{DynamicsError, OrbitSpec, RouteSpec, Trajectory};

/// Flies a waypoint route.
pub fn fly_route(_spec: &RouteSpec) -> Result<Trajectory, DynamicsError> {
    unimplemented!("filled by the route work")
}

/// Flies a circular orbit.
pub fn fly_orbit(_spec: &OrbitSpec) -> Result<Trajectory, DynamicsError> {
    unimplemented!("filled by the route work")
}
