//! The kinematic point mass behind routes and orbits: a pose on the ellipsoid, its motion along
//! a constant-turn-rate arc over one step, and the ECEF position and velocity it stands for.
//!
//! Horizontal motion is computed on the ellipsoid surface with geodesics (GeographicLib,
//! Karney 2013), altitude separately. Latitude, longitude and azimuths are kept in degrees
//! because that is GeographicLib's interface; rates and angles of our own are radians.

use geodesy::wgs84::{A_M, E2};
use geodesy::{Ecef, Position, Vec3, Velocity, Wgs84};
use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};

/// Below this half-turn angle `sinc` uses its Taylor series: `1 − x²/6` is then exact to
/// `x⁴/120 < 1e-18`, and the direct formula would divide by (almost) zero.
const SINC_SERIES_BELOW_RAD: f64 = 1e-4;

/// Where a vehicle is and how it moves horizontally.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Pose {
    /// Geodetic latitude, degrees.
    pub(crate) lat_deg: f64,
    /// Longitude, degrees, in [−180, 180].
    pub(crate) lon_deg: f64,
    /// Height above the ellipsoid, metres.
    pub(crate) alt_m: f64,
    /// Course over the ground: azimuth of the horizontal velocity, degrees from north.
    pub(crate) course_deg: f64,
    /// Horizontal speed at the vehicle's altitude, m/s (zero once stopped).
    pub(crate) speed_mps: f64,
}

/// What the vehicle does during one step: both rates are constant over the step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Control {
    /// Rate of change of the course relative to a geodesic (positive = right, clockwise seen
    /// from above), rad/s.
    pub(crate) turn_rad_s: f64,
    /// Vertical speed, m/s (positive = up).
    pub(crate) climb_mps: f64,
}

impl Control {
    /// Straight and level.
    pub(crate) const LEVEL: Control = Control {
        turn_rad_s: 0.0,
        climb_mps: 0.0,
    };
}

/// The geodesic from a pose to a point.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Aim {
    /// Length of the geodesic on the ellipsoid surface, metres.
    pub(crate) distance_m: f64,
    /// Azimuth at the start, degrees.
    pub(crate) azimuth_deg: f64,
    /// Azimuth at arrival, degrees.
    pub(crate) arrival_deg: f64,
}

impl Pose {
    /// A pose at `point` with the given course and speed.
    pub(crate) fn at(point: &Wgs84, course_deg: f64, speed_mps: f64) -> Pose {
        Pose {
            lat_deg: point.lat_deg(),
            lon_deg: point.lon_deg(),
            alt_m: point.alt_m(),
            course_deg,
            speed_mps,
        }
    }

    /// The geodesic from here to `target` (altitudes ignored).
    pub(crate) fn aim_at(&self, geod: &Geodesic, target: &Wgs84) -> Aim {
        let (distance_m, azimuth_deg, arrival_deg, _arc_deg): (f64, f64, f64, f64) = geod.inverse(
            self.lat_deg,
            self.lon_deg,
            target.lat_deg(),
            target.lon_deg(),
        );
        Aim {
            distance_m,
            azimuth_deg,
            arrival_deg,
        }
    }

    /// Surface (ellipsoid) speed that gives this pose's horizontal speed at its altitude when
    /// moving along `course_deg` at altitude `alt_m`. A course change by `dλ`, `dφ` moves a
    /// point at height h by `(N + h) cos φ dλ` east and `(M + h) dφ` north, against `N cos φ dλ`
    /// and `M dφ` on the surface, so the surface speed is smaller by about h/R (0.16 % at
    /// 10 km).
    pub(crate) fn surface_speed(&self, course_deg: f64, alt_m: f64) -> f64 {
        let (m, n) = radii_of_curvature(self.lat_deg);
        let (s, c) = course_deg.to_radians().sin_cos();
        self.speed_mps / (c * (1.0 + alt_m / m)).hypot(s * (1.0 + alt_m / n))
    }

    /// The pose after `dt_s` seconds under `control`.
    ///
    /// Horizontally the path is an arc of constant geodesic curvature (a circle for a turn, a
    /// geodesic when straight). It is stepped as one geodesic chord: on a plane, an arc turning
    /// by θ has a chord `sinc(θ/2)` times its length, pointing along the mean course, so the
    /// end point and end course are exact for a planar circle; the ellipsoid's curvature adds
    /// an error of order (turn radius / Earth radius)² of the chord, below a millimetre for
    /// radii under 50 km. Altitude changes linearly.
    pub(crate) fn advance(&self, geod: &Geodesic, control: Control, dt_s: f64) -> Pose {
        let half_turn_rad = 0.5 * control.turn_rad_s * dt_s;
        let chord_course_deg = self.course_deg + half_turn_rad.to_degrees();
        let mid_alt_m = self.alt_m + 0.5 * control.climb_mps * dt_s;
        let chord_m = self.surface_speed(chord_course_deg, mid_alt_m) * dt_s * sinc(half_turn_rad);
        let (lat_deg, lon_deg, course_deg): (f64, f64, f64) =
            geod.direct(self.lat_deg, self.lon_deg, chord_course_deg, chord_m);
        Pose {
            lat_deg,
            lon_deg,
            alt_m: self.alt_m + control.climb_mps * dt_s,
            course_deg: wrap_deg(course_deg + half_turn_rad.to_degrees()),
            speed_mps: self.speed_mps,
        }
    }

    /// Geodetic position.
    pub(crate) fn wgs84(&self) -> Wgs84 {
        Wgs84::from_radians(
            self.lat_deg.to_radians(),
            self.lon_deg.to_radians(),
            self.alt_m,
        )
    }

    /// ECEF position.
    pub(crate) fn position(&self) -> Position<Ecef> {
        self.wgs84().to_ecef()
    }

    /// ECEF velocity while climbing at `climb_mps`: the exact time derivative of
    /// [`position`](Self::position) along the motion [`advance`](Self::advance) computes, so
    /// Hermite interpolation between samples sees consistent positions and velocities.
    pub(crate) fn velocity(&self, climb_mps: f64) -> Velocity<Ecef> {
        let surface_mps = self.surface_speed(self.course_deg, self.alt_m);
        let horizontal = surface_velocity(
            self.lat_deg,
            self.lon_deg,
            self.alt_m,
            self.course_deg,
            surface_mps,
        );
        Velocity::ecef_from_vec(horizontal + enu_axes(self.lat_deg, self.lon_deg).2 * climb_mps)
    }
}

/// ECEF velocity (m/s) of a point at height `alt_m` whose foot on the ellipsoid moves at
/// `surface_mps` along `course_deg`: `dφ/dt = v cos α / M` and `dλ/dt = v sin α / (N cos φ)`
/// on the surface, and `∂P/∂φ = (M + h) n̂`, `∂P/∂λ = (N + h) cos φ ê` for the point above it.
pub(crate) fn surface_velocity(
    lat_deg: f64,
    lon_deg: f64,
    alt_m: f64,
    course_deg: f64,
    surface_mps: f64,
) -> Vec3 {
    let (m, n) = radii_of_curvature(lat_deg);
    let (sa, ca) = course_deg.to_radians().sin_cos();
    let north_mps = surface_mps * ca * (1.0 + alt_m / m);
    let east_mps = surface_mps * sa * (1.0 + alt_m / n);
    let (east, north, _) = enu_axes(lat_deg, lon_deg);
    north * north_mps + east * east_mps
}

/// East, north and up unit vectors in ECEF. At a pole they follow GeographicLib's convention
/// (the meridian of `lon_deg`), so they stay consistent with its azimuths.
fn enu_axes(lat_deg: f64, lon_deg: f64) -> (Vec3, Vec3, Vec3) {
    let (sl, cl) = lat_deg.to_radians().sin_cos();
    let (so, co) = lon_deg.to_radians().sin_cos();
    (
        Vec3::new(-so, co, 0.0),
        Vec3::new(-sl * co, -sl * so, cl),
        Vec3::new(cl * co, cl * so, sl),
    )
}

/// Meridian (M) and prime-vertical (N) radii of curvature at a latitude, metres.
fn radii_of_curvature(lat_deg: f64) -> (f64, f64) {
    let s = lat_deg.to_radians().sin();
    let w2 = 1.0 - E2 * s * s;
    let n = A_M / w2.sqrt();
    (n * (1.0 - E2) / w2, n)
}

/// `sin(x)/x`, continuous at 0.
pub(crate) fn sinc(x: f64) -> f64 {
    if x.abs() < SINC_SERIES_BELOW_RAD {
        1.0 - x * x / 6.0
    } else {
        x.sin() / x
    }
}

/// An angle in degrees wrapped to (−180, 180].
pub(crate) fn wrap_deg(x: f64) -> f64 {
    let r = x.rem_euclid(360.0);
    if r > 180.0 { r - 360.0 } else { r }
}
