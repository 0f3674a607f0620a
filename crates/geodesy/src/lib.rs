//! Frame-tagged WGS-84 geometry.
//!
//! Owns the ellipsoid constants ([`wgs84`]), frame markers ([`Ecef`], [`Enu`]), positions and
//! velocities tagged with their frame ([`Position`], [`Velocity`]), geodetic coordinates
//! ([`Wgs84`]) and the transforms between them ([`Site`], [`Transform`]).
//!
//! Conventions
//! - SI units inside: metres, radians, seconds. Degrees exist only in [`Wgs84::from_degrees`]
//!   and [`Wgs84::lat_deg`]/[`Wgs84::lon_deg`].
//! - ECEF is the Earth-centred, Earth-fixed WGS-84 frame (x through 0°N 0°E, z through the
//!   north pole). It is the only frame that crosses crate boundaries.
//! - ENU is east-north-up at a surveyed [`Site`]; its anchor is the site's [`SiteId`], checked
//!   at run time whenever two ENU values are combined.
//! - Azimuth is measured from north towards east; elevation from the local horizontal plane.
//!
//! What the types cannot catch: two sites given the same [`SiteId`]; positions deserialised
//! from a file in the wrong frame; a moving local frame (a ship's ENU is rebuilt per instant).
//!
//! Not modelled: ITRF/WGS-84 realisation differences, geoid heights (altitudes are
//! ellipsoidal), polar motion, precession (ECI is only a rotation about z by Earth's rate).

mod frame;
mod lla;
mod site;
pub mod wgs84;

pub use base::SiteId;
pub use frame::{Ecef, Enu, Frame, Position, Velocity};
pub use lla::{Wgs84, Wgs84Error};
pub use site::{Site, Transform};

/// A 3-vector of `f64` (re-exported so callers need not name nalgebra).
pub type Vec3 = nalgebra::Vector3<f64>;
/// A 3×3 matrix of `f64`.
pub type Mat3 = nalgebra::Matrix3<f64>;

#[cfg(test)]
mod tests;
