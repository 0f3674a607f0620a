//! Frame markers and frame-tagged vectors.

use crate::{SiteId, Vec3};
use core::fmt::Debug;
use core::ops::{Add, Sub};

/// A coordinate frame kind. `Anchor` says which instance: `()` for global frames, the site for
/// local ones.
pub trait Frame: Copy + Debug + PartialEq + 'static {
    /// Which instance of the frame kind.
    type Anchor: Copy + Eq + Debug;
}

/// Earth-centred, Earth-fixed WGS-84.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ecef;
/// East-north-up at a surveyed site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Enu;

impl Frame for Ecef {
    type Anchor = ();
}
impl Frame for Enu {
    type Anchor = SiteId;
}

/// A point in frame `F`, metres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position<F: Frame> {
    anchor: F::Anchor,
    xyz_m: Vec3,
}

/// A velocity in frame `F`, metres per second (relative to that frame's axes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Velocity<F: Frame> {
    anchor: F::Anchor,
    xyz_mps: Vec3,
}

impl Position<Ecef> {
    /// An ECEF point from metres.
    pub fn ecef(x_m: f64, y_m: f64, z_m: f64) -> Self {
        Position {
            anchor: (),
            xyz_m: Vec3::new(x_m, y_m, z_m),
        }
    }
    /// An ECEF point from a vector in metres.
    pub fn ecef_from_vec(xyz_m: Vec3) -> Self {
        Position { anchor: (), xyz_m }
    }
    /// Straight-line distance, metres.
    pub fn distance_to(&self, other: &Position<Ecef>) -> f64 {
        (self.xyz_m - other.xyz_m).norm()
    }
}

impl Velocity<Ecef> {
    /// An ECEF velocity from m/s.
    pub fn ecef(x_mps: f64, y_mps: f64, z_mps: f64) -> Self {
        Velocity {
            anchor: (),
            xyz_mps: Vec3::new(x_mps, y_mps, z_mps),
        }
    }
    /// An ECEF velocity from a vector in m/s.
    pub fn ecef_from_vec(xyz_mps: Vec3) -> Self {
        Velocity {
            anchor: (),
            xyz_mps,
        }
    }
}

impl<F: Frame> Position<F> {
    pub(crate) fn anchored(anchor: F::Anchor, xyz_m: Vec3) -> Self {
        Position { anchor, xyz_m }
    }
    /// The frame instance this point is expressed in.
    pub fn anchor(&self) -> F::Anchor {
        self.anchor
    }
    /// Coordinates in metres.
    pub fn xyz_m(&self) -> Vec3 {
        self.xyz_m
    }
    /// Vector from `origin` to `self`, metres. Both must be in the same frame instance.
    pub fn offset_from(&self, origin: &Position<F>) -> Vec3 {
        assert_eq!(
            self.anchor, origin.anchor,
            "subtracting positions of two frame instances"
        );
        self.xyz_m - origin.xyz_m
    }
}

impl<F: Frame> Velocity<F> {
    pub(crate) fn anchored(anchor: F::Anchor, xyz_mps: Vec3) -> Self {
        Velocity { anchor, xyz_mps }
    }
    /// The frame instance.
    pub fn anchor(&self) -> F::Anchor {
        self.anchor
    }
    /// Components in m/s.
    pub fn xyz_mps(&self) -> Vec3 {
        self.xyz_mps
    }
    /// Speed, m/s.
    pub fn speed_mps(&self) -> f64 {
        self.xyz_mps.norm()
    }
}

impl<F: Frame> Add<Vec3> for Position<F> {
    type Output = Position<F>;
    fn add(self, d_m: Vec3) -> Position<F> {
        Position {
            anchor: self.anchor,
            xyz_m: self.xyz_m + d_m,
        }
    }
}

impl<F: Frame> Sub for Position<F> {
    type Output = Vec3;
    fn sub(self, other: Position<F>) -> Vec3 {
        self.offset_from(&other)
    }
}
