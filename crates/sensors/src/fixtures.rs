//! Test fixtures shared by the unit tests: a notional radar, sites, targets placed by
//! azimuth/elevation/range, seeded sensor streams and statistics helpers.

use crate::geometry::LocalFrame;
use crate::{
    DetectionModel, FieldOfRegard, RadarParams, ScanKind, SensorRngs, Signature, Swerling, Target,
    Transponder,
};
use base::rng::{StreamKind, stream};
use base::{NationId, ObjectId, SimTime};
use dynamics::Trajectory;
use geodesy::{Ecef, Position, Vec3, Wgs84};

/// A notional all-round rotator at 10 s with 1 m² at 13 dB at 100 km, Pfa 1e-6.
pub(crate) fn radar_params() -> RadarParams {
    RadarParams {
        detection: DetectionModel::RadarEquation {
            ref_range_m: 100_000.0,
            ref_snr_db: 13.0,
            pfa: 1e-6,
        },
        min_range_m: 1_000.0,
        max_range_m: 400_000.0,
        field: FieldOfRegard {
            boresight_az_deg: 0.0,
            az_half_width_deg: 180.0,
            min_el_deg: -5.0,
            max_el_deg: 80.0,
        },
        scan_period_s: 10.0,
        scan: ScanKind::Rotator,
        range_resolution_m: 150.0,
        beamwidth_deg: 2.0,
        sigma_range_m: 30.0,
        sigma_az_deg: 0.2,
        sigma_el_deg: 0.3,
        sigma_range_rate_mps: None,
        noise_scales_with_snr: false,
        noise_ref_snr_db: 13.0,
        bias_range_m: 0.0,
        bias_az_deg: 0.0,
        bias_el_deg: 0.0,
        k_factor: 4.0 / 3.0,
        iff: false,
        antenna_height_m: 0.0,
        budget: crate::DwellBudget::OFF,
        latency_s: 0.0,
    }
}

/// A ground site at 35°N 135°E, 30 m above the ellipsoid.
pub(crate) fn site() -> Wgs84 {
    Wgs84::from_degrees(35.0, 135.0, 30.0).expect("valid site")
}

pub(crate) fn nation() -> NationId {
    NationId::parse("AAA").expect("valid nation code")
}

/// Seeded noise and clutter streams for sensor `entity`.
pub(crate) fn rngs(seed: u64, entity: u64) -> SensorRngs {
    SensorRngs {
        noise: stream(seed, StreamKind::SensorNoise, entity),
        clutter: stream(seed, StreamKind::Clutter, entity),
    }
}

/// The ECEF point at azimuth/elevation/range (degrees, metres) from `origin`'s ENU frame.
pub(crate) fn point_at(origin: Wgs84, az_deg: f64, el_deg: f64, range_m: f64) -> Position<Ecef> {
    let frame = LocalFrame::at(origin.to_ecef());
    let (sa, ca) = az_deg.to_radians().sin_cos();
    let (se, ce) = el_deg.to_radians().sin_cos();
    let enu = Vec3::new(range_m * ce * sa, range_m * ce * ca, range_m * se);
    Position::ecef_from_vec(frame.origin_m + frame.rot.transpose() * enu)
}

/// A stationary trajectory at `p` from time zero.
pub(crate) fn fixed(p: Position<Ecef>) -> Trajectory {
    Trajectory::stationary(SimTime::ZERO, p)
}

/// A target on `trajectory` with a signature and transponder.
pub(crate) fn target(
    index: usize,
    trajectory: &Trajectory,
    rcs_m2: f64,
    swerling: Swerling,
    transponder: Transponder,
) -> Target<'_> {
    Target {
        object: ObjectId::new(index),
        trajectory,
        signature: Signature { rcs_m2, swerling },
        transponder,
        boost_end: None,
    }
}

/// Binomial standard deviation of a proportion estimated from `n` draws.
pub(crate) fn binomial_sigma(p: f64, n: usize) -> f64 {
    (p * (1.0 - p) / n as f64).sqrt()
}
