//! Space-based infrared early warning: detects burning motors (boost phase only) that are high
//! enough to clear cloud and not behind the Earth, with a per-revisit Pd, and reports either an
//! angles-only line of sight or a launch-event position.

use crate::model::{Labeled, SensorRngs, SpaceIr, Target, TruthLabel};
use crate::radar::{MIN_PERIOD_S, err, finite, positive};
use crate::{IrReport, SensorError, SpaceIrParams};
use base::SimTime;
use base::rng::Rng;
use dynamics::Trajectory;
use geodesy::{Position, Vec3};
use picture::{Detection, DetectionId, IffResponse, Measurement};
use rand::RngExt;
use rand_distr::StandardNormal;

/// SNR reported with every space IR detection, dB. The model has no radiometry (Pd is a
/// parameter), so there is no measured SNR; a fixed, clearly nominal value keeps the field
/// finite and says "confident detection" to consumers that threshold on it.
pub const SPACE_IR_NOMINAL_SNR_DB: f64 = 20.0;

/// µrad per rad (divided, not multiplied by 1e-6, so round numbers of µrad stay exact).
const MICRORADIANS_PER_RADIAN: f64 = 1e6;

/// Checks every space IR parameter's domain; returns the first problem.
pub(crate) fn validate(p: &SpaceIrParams) -> Result<(), SensorError> {
    positive("revisit_s", p.revisit_s)?;
    if p.revisit_s < MIN_PERIOD_S {
        return Err(err("revisit_s", p.revisit_s, "[1e-6, ∞)"));
    }
    if !(p.latency_s.is_finite() && p.latency_s >= 0.0) {
        return Err(err("latency_s", p.latency_s, "[0, ∞)"));
    }
    positive("sigma_los_urad", p.sigma_los_urad)?;
    if let IrReport::LaunchEvent { sigma_m } = p.report {
        positive("report.sigma_m", sigma_m)?;
    }
    finite("min_alt_m", p.min_alt_m)
}

/// See [`SpaceIr::revisit`].
///
/// A target is seen at `t` iff it has a burn-out time `b` with `t ≤ b`, exists at `t`, is at
/// least `min_alt_m` above the ellipsoid, and the straight line from the satellite does not
/// pass through the WGS-84 ellipsoid (no atmospheric limb margin); then it is detected with
/// probability `pd` (one uniform from `rngs.noise` per visible target, in slice order, then
/// two normals for the report's noise when detected).
pub(crate) fn revisit(
    sensor: &SpaceIr,
    t: SimTime,
    platform: &Trajectory,
    targets: &[Target<'_>],
    rngs: &mut SensorRngs,
    seq: &mut u64,
) -> Vec<Labeled> {
    let Some(sat) = platform.state_at(t) else {
        return Vec::new();
    };
    let sat_m = sat.position.xyz_m();
    let mut out = Vec::new();
    for target in targets {
        let burning = target.boost_end.is_some_and(|b| t <= b);
        if !burning {
            continue;
        }
        let Some(truth) = target.trajectory.state_at(t) else {
            continue;
        };
        let geodetic = truth.position.to_wgs84();
        if geodetic.alt_m() < sensor.params.min_alt_m
            || crate::geometry::earth_blocks(sat_m, truth.position.xyz_m())
        {
            continue;
        }
        let rng = &mut rngs.noise;
        if rng.random::<f64>() >= sensor.params.pd.get() {
            continue;
        }
        let measurement = match sensor.params.report {
            IrReport::LineOfSight => line_of_sight(
                truth.position.xyz_m() - sat_m,
                sensor.params.sigma_los_urad / MICRORADIANS_PER_RADIAN,
                rng,
            ),
            IrReport::LaunchEvent { sigma_m } => launch_event(geodetic, sigma_m, rng),
        };
        out.push(Labeled {
            detection: Detection {
                id: DetectionId::new(sensor.id, *seq),
                sensor: sensor.id,
                nation: sensor.nation,
                time_measured: t,
                sensor_position: sat.position,
                sensor_velocity: sat.velocity,
                measurement,
                snr_db: SPACE_IR_NOMINAL_SNR_DB,
                iff: IffResponse::NotInterrogated,
            },
            truth: TruthLabel::Target(target.object),
        });
        *seq += 1;
    }
    out
}

/// The true direction to the source perturbed by small angles: `u + σ(n₁e₁ + n₂e₂)`,
/// renormalised, with `e₁, e₂` a fixed orthonormal pair perpendicular to `u` (so each axis's
/// angular error is `N(0, σ²)` to first order in σ, which is µrad-small).
fn line_of_sight(offset_m: Vec3, sigma_rad: f64, rng: &mut Rng) -> Measurement {
    let u = offset_m.normalize();
    let (e1, e2) = perpendicular_pair(u);
    let n1: f64 = rng.sample(StandardNormal);
    let n2: f64 = rng.sample(StandardNormal);
    let noisy = (u + (e1 * n1 + e2 * n2) * sigma_rad).normalize();
    Measurement::LineOfSight {
        direction_ecef: [noisy.x, noisy.y, noisy.z],
        sigma_rad,
    }
}

/// An orthonormal pair perpendicular to the unit vector `u`, built from whichever ECEF axis is
/// least aligned with `u` (deterministic and well conditioned).
pub(crate) fn perpendicular_pair(u: Vec3) -> (Vec3, Vec3) {
    let a = u.abs();
    let axis = if a.x <= a.y && a.x <= a.z {
        Vec3::x()
    } else if a.y <= a.z {
        Vec3::y()
    } else {
        Vec3::z()
    };
    let e1 = u.cross(&axis).normalize();
    (e1, u.cross(&e1))
}

/// A launch-event report: the source's true sub-point (ellipsoid height 0) at the measurement
/// time, displaced by `N(0, σ²)` metres along local east and along local north. The displaced
/// point is on the tangent plane, within σ²/2R of height 0 (centimetres for km-level σ).
fn launch_event(geodetic: geodesy::Wgs84, sigma_m: f64, rng: &mut Rng) -> Measurement {
    let ground = geodetic.with_alt(0.0).to_ecef().xyz_m();
    let (sl, cl) = geodetic.lat_rad().sin_cos();
    let (so, co) = geodetic.lon_rad().sin_cos();
    let east = Vec3::new(-so, co, 0.0);
    let north = Vec3::new(-sl * co, -sl * so, cl);
    let ne: f64 = rng.sample(StandardNormal);
    let nn: f64 = rng.sample(StandardNormal);
    Measurement::LaunchEvent {
        position: Position::ecef_from_vec(ground + (east * ne + north * nn) * sigma_m),
        sigma_m,
    }
}

#[cfg(test)]
mod tests;
