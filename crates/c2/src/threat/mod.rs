//! Threat evaluation: where and when a ballistic threat comes down, how close an air-breathing
//! threat passes each defended asset, which assets each threat endangers and what it is worth.
//!
//! Plain data in, assessments out: a [`TrackEstimate`] (6-state ECEF position/velocity and its
//! covariance, from the fused picture) and the defended asset list; no truth, no clock.
//!
//! - Ballistic ([`predict_impact`]): the track and its covariance are carried to the ground by
//!   an unscented transform through drag-free flight (the dynamics crate's gravity + J2 on the
//!   rotating Earth; fixed-step RK4), giving the mean predicted impact point, its time, the
//!   impact covariance in the local east–north plane and the 95 % ellipse.
//! - Air-breathing ([`closest_approach`]): constant-velocity closest point of approach in each
//!   asset's local horizontal plane, with the cross-track sigma at that time.
//! - Probabilities: [`p_within`] integrates the 2-D impact Gaussian over an asset's disc
//!   (deterministic, to better than 1e-4); [`p_within_air`] is the 1-D miss-distance Gaussian
//!   inside ± the radius.
//! - [`assess`] pairs a threat with the assets it endangers (p ≥ [`ENDANGERED_P`]) and sums
//!   `value × p` into the threat value.
//!
//! - Drag ([`DragEstimate`]): a per-track scalar Kalman filter on the inverse ballistic
//!   coefficient from the track's velocity changes against the vacuum acceleration, started
//!   from a notional prior; ballistic predictions fly with it through the exponential
//!   atmosphere.
//!
//! Not modelled: terrain (impact is at ellipsoid
//! height 0 whatever the asset's altitude), manoeuvring threats, process noise during the
//! prediction, lethality radius beyond the asset's own radius.

mod air;
mod disc;
mod drag;
mod flight;
mod impact;
mod path;
#[cfg(test)]
mod tests;

pub use air::{closest_approach, p_within_air};
pub use disc::p_within;
pub use drag::DragEstimate;
pub use impact::predict_impact;
pub use path::predicted_path;

use base::SimTime;
use geodesy::{Vec3, Wgs84};

/// Probability at or above which an asset counts as endangered by a threat.
pub const ENDANGERED_P: f64 = 1e-3;

/// How far ahead [`assess`] looks for a ballistic impact, seconds: longer than any
/// intermediate-range flight.
pub const BALLISTIC_HORIZON_S: f64 = 3600.0;

/// A track's kinematic estimate, as threat evaluation sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrackEstimate {
    /// Time of validity.
    pub time: SimTime,
    /// Position, ECEF metres.
    pub position_ecef_m: [f64; 3],
    /// Velocity relative to the rotating Earth, ECEF m/s.
    pub velocity_ecef_mps: [f64; 3],
    /// Covariance of `[position, velocity]`, ECEF, m², m²/s, m²/s².
    pub covariance: [[f64; 6]; 6],
    /// Ballistic coefficient `m / (C_D A)` drag acts with in ballistic predictions, kg/m²
    /// (see [`DragEstimate`]); `None` predicts drag-free.
    pub ballistic_coefficient_kg_m2: Option<f64>,
}

/// An entry of the defended asset list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DefendedAsset {
    /// Centre of the asset.
    pub position: Wgs84,
    /// Radius within which an impact or a pass counts as hitting it, metres.
    pub radius_m: f64,
    /// Value weight (doctrine's units).
    pub value: f64,
}

/// A confidence ellipse in the local east–north plane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ellipse {
    /// Semi-major axis, metres.
    pub semi_major_m: f64,
    /// Semi-minor axis, metres.
    pub semi_minor_m: f64,
    /// Direction of the major axis, degrees clockwise from north, in [0, 180).
    pub orientation_deg: f64,
}

/// A ballistic track's predicted impact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImpactPrediction {
    /// Mean predicted impact time.
    pub time: SimTime,
    /// Mean predicted impact point, at ellipsoid height 0.
    pub point: Wgs84,
    /// Impact covariance in the east–north plane at `point`, `[[ee, en], [ne, nn]]`, m².
    pub covariance_en_m2: [[f64; 2]; 2],
    /// The 95 % confidence ellipse of `covariance_en_m2` (χ²₂ = 5.991).
    pub ellipse_95: Ellipse,
}

/// An air-breathing threat's constant-velocity closest approach to one asset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Approach {
    /// Seconds from the track's time to the closest approach; negative when it is already
    /// opening (the closest approach is in the past).
    pub time_to_cpa_s: f64,
    /// Seconds from the track's time until the straight path first comes within the asset's
    /// radius (0 when already inside; the closest approach's time when the path passes
    /// outside): the earliest the threat can strike the asset.
    pub time_to_entry_s: f64,
    /// Horizontal miss distance at the closest approach, metres.
    pub cpa_m: f64,
    /// Standard deviation of the cross-track position at the closest approach, metres.
    pub sigma_cross_m: f64,
}

/// What one threat endangers and what it is worth.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// `(asset index, probability of hitting it)` for every asset with p ≥ [`ENDANGERED_P`],
    /// ascending by index.
    pub endangered: Vec<(usize, f64)>,
    /// Threat value `Σ value_k · p_k` over the endangered assets.
    pub value: f64,
    /// Seconds to the predicted impact (ballistic, whatever it endangers; infinite when it
    /// does not come down within [`BALLISTIC_HORIZON_S`]) or to the entry into the most
    /// endangered asset's radius (air, [`Approach::time_to_entry_s`]; ties to the lower index;
    /// infinite when nothing is endangered).
    pub time_to_go_s: f64,
    /// The impact prediction (ballistic tracks that come down within the horizon).
    pub impact: Option<ImpactPrediction>,
}

/// Evaluates one threat against the defended asset list: ballistic tracks through their
/// predicted impact ([`predict_impact`] over [`BALLISTIC_HORIZON_S`], [`p_within`]),
/// air-breathing ones through their closest approach ([`closest_approach`],
/// [`p_within_air`]).
pub fn assess(t: &TrackEstimate, ballistic: bool, assets: &[DefendedAsset]) -> Assessment {
    if ballistic {
        let Some(imp) = predict_impact(t, BALLISTIC_HORIZON_S) else {
            return Assessment {
                endangered: Vec::new(),
                value: 0.0,
                time_to_go_s: f64::INFINITY,
                impact: None,
            };
        };
        let (endangered, value) = pair(assets, assets.iter().map(|a| p_within(&imp, a)));
        return Assessment {
            endangered,
            value,
            time_to_go_s: (imp.time - t.time).as_secs_f64(),
            impact: Some(imp),
        };
    }
    let approaches: Vec<Approach> = assets.iter().map(|a| closest_approach(t, a)).collect();
    let ps = approaches
        .iter()
        .zip(assets)
        .map(|(ap, a)| p_within_air(ap, a));
    let (endangered, value) = pair(assets, ps);
    // Strictly greater replaces, so ties keep the lower index.
    let most = endangered
        .iter()
        .fold(None::<(usize, f64)>, |best, &(k, p)| match best {
            Some((_, bp)) if bp >= p => best,
            _ => Some((k, p)),
        });
    Assessment {
        time_to_go_s: most.map_or(f64::INFINITY, |(k, _)| approaches[k].time_to_entry_s),
        endangered,
        value,
        impact: None,
    }
}

/// The endangered assets (p ≥ [`ENDANGERED_P`], by index) and their summed value.
fn pair(
    assets: &[DefendedAsset],
    probabilities: impl Iterator<Item = f64>,
) -> (Vec<(usize, f64)>, f64) {
    let endangered: Vec<(usize, f64)> = probabilities
        .enumerate()
        .filter(|&(_, p)| p >= ENDANGERED_P)
        .collect();
    let value = endangered.iter().map(|&(k, p)| assets[k].value * p).sum();
    (endangered, value)
}

/// Local east and north unit vectors (ECEF) at a geodetic point.
fn east_north(p: &Wgs84) -> (Vec3, Vec3) {
    let (sl, cl) = p.lat_rad().sin_cos();
    let (so, co) = p.lon_rad().sin_cos();
    (Vec3::new(-so, co, 0.0), Vec3::new(-sl * co, -sl * so, cl))
}

fn vec3(a: [f64; 3]) -> Vec3 {
    Vec3::new(a[0], a[1], a[2])
}
