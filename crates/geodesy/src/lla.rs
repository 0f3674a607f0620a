//! Geodetic latitude, longitude and ellipsoidal height, and their ECEF conversions.

use crate::wgs84::{A_M, B_M, E2, EP2};
use crate::{Ecef, Position, Vec3};

/// Geodetic coordinates on WGS-84: latitude and longitude in radians, ellipsoidal altitude in
/// metres. Longitude is normalised to (−π, π].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wgs84 {
    lat_rad: f64,
    lon_rad: f64,
    alt_m: f64,
}

/// Why geodetic input was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Wgs84Error {
    /// Latitude outside [−90°, 90°] or not finite.
    #[error("latitude {0}° is outside [-90, 90]")]
    Latitude(f64),
    /// Longitude outside [−180°, 360°] or not finite.
    #[error("longitude {0}° is outside [-180, 360]")]
    Longitude(f64),
    /// Altitude not finite or below the Earth's centre region.
    #[error("altitude {0} m is not a finite value above -6000 km")]
    Altitude(f64),
}

impl Wgs84 {
    /// From degrees and metres, validated. Longitudes in [180°, 360°] are wrapped to (−180°, 180°].
    pub fn from_degrees(lat_deg: f64, lon_deg: f64, alt_m: f64) -> Result<Self, Wgs84Error> {
        if !(lat_deg.is_finite() && (-90.0..=90.0).contains(&lat_deg)) {
            return Err(Wgs84Error::Latitude(lat_deg));
        }
        if !(lon_deg.is_finite() && (-180.0..=360.0).contains(&lon_deg)) {
            return Err(Wgs84Error::Longitude(lon_deg));
        }
        if !(alt_m.is_finite() && alt_m > -6.0e6) {
            return Err(Wgs84Error::Altitude(alt_m));
        }
        Ok(Self::from_radians(
            lat_deg.to_radians(),
            lon_deg.to_radians(),
            alt_m,
        ))
    }

    /// From radians and metres. Callers guarantee the latitude range (internal use).
    pub fn from_radians(lat_rad: f64, lon_rad: f64, alt_m: f64) -> Self {
        debug_assert!(lat_rad.abs() <= core::f64::consts::FRAC_PI_2 + 1e-12);
        Wgs84 {
            lat_rad,
            lon_rad: wrap_pi(lon_rad),
            alt_m,
        }
    }

    /// Geodetic latitude, radians.
    pub fn lat_rad(&self) -> f64 {
        self.lat_rad
    }
    /// Longitude, radians, in (−π, π].
    pub fn lon_rad(&self) -> f64 {
        self.lon_rad
    }
    /// Geodetic latitude, degrees.
    pub fn lat_deg(&self) -> f64 {
        self.lat_rad.to_degrees()
    }
    /// Longitude, degrees, in (−180, 180].
    pub fn lon_deg(&self) -> f64 {
        self.lon_rad.to_degrees()
    }
    /// Height above the ellipsoid, metres.
    pub fn alt_m(&self) -> f64 {
        self.alt_m
    }

    /// To ECEF (closed form).
    pub fn to_ecef(&self) -> Position<Ecef> {
        let (sl, cl) = self.lat_rad.sin_cos();
        let (so, co) = self.lon_rad.sin_cos();
        let n = A_M / (1.0 - E2 * sl * sl).sqrt();
        Position::ecef(
            (n + self.alt_m) * cl * co,
            (n + self.alt_m) * cl * so,
            (n * (1.0 - E2) + self.alt_m) * sl,
        )
    }

    /// The same point with another altitude.
    pub fn with_alt(&self, alt_m: f64) -> Self {
        Wgs84 { alt_m, ..*self }
    }

    /// Local up unit vector (ellipsoid normal) in ECEF.
    pub fn up(&self) -> Vec3 {
        let (sl, cl) = self.lat_rad.sin_cos();
        let (so, co) = self.lon_rad.sin_cos();
        Vec3::new(cl * co, cl * so, sl)
    }
}

/// Iterations of the latitude fixed point. The iteration contracts by ≈ e² ≈ 0.0067 per step
/// outside the Earth's core, so 6 steps reach machine precision from the Bowring start; 10
/// leaves margin for points deep inside the ellipsoid (never produced by the engine).
const LAT_ITERATIONS: usize = 10;
/// Latitude change below which the iteration has converged.
const LAT_TOLERANCE_RAD: f64 = 1e-14;

impl Position<Ecef> {
    /// To geodetic coordinates.
    ///
    /// Fixed-point iteration on latitude, `φ ← atan2(z + e²N sin φ, p)`, with the height from
    /// `h = p cos φ + z sin φ − a √(1 − e² sin² φ)`, which stays well-conditioned at the poles
    /// (unlike `p / cos φ − N`). Round trip is below 1 µm up to GEO altitudes; see the tests.
    pub fn to_wgs84(&self) -> Wgs84 {
        let v = self.xyz_m();
        let (x, y, z) = (v.x, v.y, v.z);
        let p = x.hypot(y);
        let lon = y.atan2(x);
        // Bowring's (1976) starting value via the parametric latitude β: good to ~1e-10 rad
        // near the surface, so the fixed point below settles in 2–3 steps instead of 6–8.
        let (sb, cb) = (A_M * z).atan2(B_M * p).sin_cos();
        let mut lat = (z + EP2 * B_M * sb * sb * sb).atan2(p - E2 * A_M * cb * cb * cb);
        for _ in 0..LAT_ITERATIONS {
            let s = lat.sin();
            let n = A_M / (1.0 - E2 * s * s).sqrt();
            let next = (z + E2 * n * s).atan2(p);
            // 1e-14 rad is 0.06 µm on the surface: converged for any purpose, and stopping
            // there avoids chasing last-bit oscillation.
            let done = (next - lat).abs() < LAT_TOLERANCE_RAD;
            lat = next;
            if done {
                break;
            }
        }
        let (s, c) = lat.sin_cos();
        let alt = p * c + z * s - A_M * (1.0 - E2 * s * s).sqrt();
        Wgs84::from_radians(lat, lon, alt)
    }
}

fn wrap_pi(lon: f64) -> f64 {
    use core::f64::consts::{PI, TAU};
    let mut l = lon % TAU;
    if l <= -PI {
        l += TAU;
    } else if l > PI {
        l -= TAU;
    }
    l
}
