//! Surveyed sites and the rigid transforms between ECEF and a site's ENU frame.

use crate::{Ecef, Enu, Frame, Mat3, Position, SiteId, Vec3, Velocity, Wgs84};

/// A surveyed point that anchors a local east-north-up frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Site {
    id: SiteId,
    origin: Wgs84,
    origin_ecef: Position<Ecef>,
    /// Rows are the east, north and up unit vectors in ECEF.
    ecef_to_enu: Mat3,
}

/// Maps positions in frame `A` to frame `B` (a rotation then a shift). Only this crate builds
/// them, from surveyed site data.
///
/// ```compile_fail
/// # use geodesy::*;
/// fn mix(a: Position<Ecef>, t: Transform<Enu, Ecef>) -> Position<Ecef> { t.apply(a) }
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform<A: Frame, B: Frame> {
    from: A::Anchor,
    to: B::Anchor,
    rot: Mat3,
    shift_m: Vec3,
}

impl Site {
    /// A site at `origin`, identified by `id` (unique per scenario).
    pub fn new(id: SiteId, origin: Wgs84) -> Self {
        let (sl, cl) = origin.lat_rad().sin_cos();
        let (so, co) = origin.lon_rad().sin_cos();
        #[rustfmt::skip]
        let r = Mat3::new(
            -so,       co,       0.0,
            -sl * co, -sl * so,  cl,
             cl * co,  cl * so,  sl,
        );
        Site {
            id,
            origin,
            origin_ecef: origin.to_ecef(),
            ecef_to_enu: r,
        }
    }
    /// The site's identity (the ENU anchor).
    pub fn id(&self) -> SiteId {
        self.id
    }
    /// Geodetic origin.
    pub fn origin(&self) -> Wgs84 {
        self.origin
    }
    /// ECEF origin.
    pub fn origin_ecef(&self) -> Position<Ecef> {
        self.origin_ecef
    }
    /// ECEF → this site's ENU.
    pub fn ecef_to_enu(&self) -> Transform<Ecef, Enu> {
        Transform {
            from: (),
            to: self.id,
            rot: self.ecef_to_enu,
            shift_m: -(self.ecef_to_enu * self.origin_ecef.xyz_m()),
        }
    }
    /// This site's ENU → ECEF.
    pub fn enu_to_ecef(&self) -> Transform<Enu, Ecef> {
        Transform {
            from: self.id,
            to: (),
            rot: self.ecef_to_enu.transpose(),
            shift_m: self.origin_ecef.xyz_m(),
        }
    }
    /// An ENU point of this site from metres east, north, up.
    pub fn enu(&self, e_m: f64, n_m: f64, u_m: f64) -> Position<Enu> {
        Position::anchored(self.id, Vec3::new(e_m, n_m, u_m))
    }
    /// An ENU velocity of this site from m/s east, north, up.
    pub fn enu_velocity(&self, e_mps: f64, n_mps: f64, u_mps: f64) -> Velocity<Enu> {
        Velocity::anchored(self.id, Vec3::new(e_mps, n_mps, u_mps))
    }
    /// Azimuth (from north, clockwise, radians in [0, 2π)), elevation (radians) and slant
    /// range (metres) of `target` seen from this site.
    pub fn az_el_range(&self, target: &Position<Ecef>) -> (f64, f64, f64) {
        let enu = self.ecef_to_enu().apply(*target).xyz_m();
        let az = enu.x.atan2(enu.y).rem_euclid(core::f64::consts::TAU);
        // rem_euclid rounds −1e-16 up to exactly 2π; that is due north, so 0.
        let az = if az < core::f64::consts::TAU { az } else { 0.0 };
        let el = enu.z.atan2(enu.x.hypot(enu.y));
        (az, el, enu.norm())
    }
}

impl<A: Frame, B: Frame> Transform<A, B> {
    /// Maps a position (rotation then shift).
    pub fn apply(&self, p: Position<A>) -> Position<B> {
        assert_eq!(
            p.anchor(),
            self.from,
            "position is anchored elsewhere than this transform"
        );
        Position::anchored(self.to, self.rot * p.xyz_m() + self.shift_m)
    }
    /// Maps a velocity (rotation only: both frames are Earth-fixed).
    pub fn apply_velocity(&self, v: Velocity<A>) -> Velocity<B> {
        assert_eq!(
            v.anchor(),
            self.from,
            "velocity is anchored elsewhere than this transform"
        );
        Velocity::anchored(self.to, self.rot * v.xyz_mps())
    }
    /// The rotation part (rows of the target axes in source coordinates), for covariances.
    pub fn rotation(&self) -> Mat3 {
        self.rot
    }
    /// `A→B` then `B→C`: the middle frame must match in kind (compiler) and instance (assert).
    ///
    /// ```
    /// # use geodesy::*;
    /// fn chain(a: Transform<Ecef, Enu>, b: Transform<Enu, Ecef>) -> Transform<Ecef, Ecef> {
    ///     a.then(b)
    /// }
    /// ```
    /// ```compile_fail,E0308
    /// # use geodesy::*;
    /// fn chain(a: Transform<Ecef, Enu>, b: Transform<Ecef, Enu>) -> Transform<Ecef, Enu> {
    ///     a.then(b) // the middle frames differ in kind: Enu then Ecef
    /// }
    /// ```
    pub fn then<C: Frame>(self, next: Transform<B, C>) -> Transform<A, C> {
        assert_eq!(
            self.to,
            next.from,
            "chaining via two different {}",
            core::any::type_name::<B>()
        );
        Transform {
            from: self.from,
            to: next.to,
            rot: next.rot * self.rot,
            shift_m: next.rot * self.shift_m + next.shift_m,
        }
    }
}
