//! Launch and aim geometry of a ballistic shot, and the boost parameters that describe it.

use geodesy::{Vec3, Wgs84};

/// Thrust of a boost: direction by azimuth/elevation in the launch site's ENU frame (held fixed
/// in ECEF for the whole burn) and a constant acceleration magnitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct BoostParams {
    /// From north towards east, radians.
    pub(crate) azimuth_rad: f64,
    /// Above the launch site's horizontal plane, radians.
    pub(crate) elevation_rad: f64,
    /// Thrust acceleration, m/s².
    pub(crate) accel_mps2: f64,
}

/// East, north and up unit vectors (ECEF) at a geodetic point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LocalAxes {
    pub(crate) east: Vec3,
    pub(crate) north: Vec3,
    pub(crate) up: Vec3,
}

impl LocalAxes {
    pub(crate) fn at(p: &Wgs84) -> Self {
        let (sl, cl) = p.lat_rad().sin_cos();
        let (so, co) = p.lon_rad().sin_cos();
        LocalAxes {
            east: Vec3::new(-so, co, 0.0),
            north: Vec3::new(-sl * co, -sl * so, cl),
            up: Vec3::new(cl * co, cl * so, sl),
        }
    }
}

/// Fixed geometry of one shot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Geometry {
    /// Launch point, ECEF metres.
    pub(crate) launch_r: Vec3,
    /// Axes at the launch point.
    pub(crate) launch_axes: LocalAxes,
    /// Aim point, ECEF metres.
    pub(crate) aim_r: Vec3,
    /// Axes at the aim point (the miss is measured along its east and north).
    pub(crate) aim_axes: LocalAxes,
}

impl Geometry {
    pub(crate) fn new(launch: &Wgs84, aim: &Wgs84) -> Self {
        Geometry {
            launch_r: launch.to_ecef().xyz_m(),
            launch_axes: LocalAxes::at(launch),
            aim_r: aim.to_ecef().xyz_m(),
            aim_axes: LocalAxes::at(aim),
        }
    }

    /// Thrust acceleration vector (ECEF) of `p`.
    pub(crate) fn thrust_vector(&self, p: &BoostParams) -> Vec3 {
        let (se, ce) = p.elevation_rad.sin_cos();
        let (sa, ca) = p.azimuth_rad.sin_cos();
        let ax = &self.launch_axes;
        (ax.east * (ce * sa) + ax.north * (ce * ca) + ax.up * se) * p.accel_mps2
    }

    /// The boost whose thrust vector is `thrust` (inverse of
    /// [`thrust_vector`](Self::thrust_vector)).
    pub(crate) fn boost_from_vector(&self, thrust: Vec3) -> BoostParams {
        let ax = &self.launch_axes;
        let (e, n, u) = (
            thrust.dot(&ax.east),
            thrust.dot(&ax.north),
            thrust.dot(&ax.up),
        );
        BoostParams {
            azimuth_rad: e.atan2(n),
            elevation_rad: u.atan2(e.hypot(n)),
            accel_mps2: thrust.norm(),
        }
    }

    /// Horizontal miss of `impact_r` from the aim, metres east and north at the aim point.
    pub(crate) fn miss_en(&self, impact_r: Vec3) -> (f64, f64) {
        let d = impact_r - self.aim_r;
        (d.dot(&self.aim_axes.east), d.dot(&self.aim_axes.north))
    }
}
