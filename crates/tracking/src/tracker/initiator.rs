//! Initiator: a tentative track from every measurement no track took.
//!
//! Position mean and covariance come from `MeasurementModel::to_position`; velocity and
//! acceleration start at zero with variances `init_velocity_sigma_mps²` and
//! `init_accel_sigma_mps2²` per axis (floored at [`VARIANCE_FLOOR`] so the covariance is
//! positive definite even when a sigma is configured as zero). Flat 2D models (`Polar2`,
//! `Position` of dimension 2) leave z unobserved: z is held with variance
//! [`PLANAR_Z_VARIANCE_M2`] and the floor for vertical velocity and acceleration, so it neither
//! drifts nor dominates the covariance, and track quality uses x and y only.
//!
//! Not done: two-point velocity initialisation. Tried on the shared benchmark (N = 100,
//! seed 42) it scored worse than the zero-velocity prior (mean GOSPA from frame 10: 1964 m
//! against 1934 m, more false tracks), which is also what Stone Soup's reference uses.

use super::duplicates::HitLog;
use super::oosm::ScanInfo;
use super::track::{Summary, Track};
use super::{TrackNumber, TrackStatus, TrackerConfig, TrackerStats};
use crate::filter::{
    Estimate, FilterState, Measurement, MeasurementModel, StateCovariance, StateVector,
};
use base::SensorSet;
use std::collections::VecDeque;

/// Smallest prior variance on any state axis (units of that axis squared).
pub(super) const VARIANCE_FLOOR: f64 = 1e-6;
/// Prior z variance of a track started by a flat 2D measurement, m².
pub(super) const PLANAR_Z_VARIANCE_M2: f64 = 1.0;

/// Appends a tentative track (confirmed if `confirm_m ≤ 1`) for each measurement not taken,
/// in input order, numbering from `next_number`.
pub(super) fn initiate(
    config: &TrackerConfig,
    info: ScanInfo,
    tracks: &mut Vec<Track>,
    scan: &[Measurement],
    taken: &[bool],
    next_number: &mut u32,
    stats: &mut TrackerStats,
) {
    let ScanInfo { sensor, batch, .. } = info;
    for (meas, _) in scan.iter().zip(taken).filter(|(_, t)| !**t) {
        assert!(
            *next_number < u32::MAX,
            "track numbers exhausted (never reused)"
        );
        let number = TrackNumber(*next_number);
        *next_number += 1;
        let base = FilterState::new(&config.filter, initial_estimate(config, meas));
        let confirmed = config.confirm_m <= 1;
        stats.n_initiated += 1;
        stats.n_confirmed += u64::from(confirmed);
        tracks.push(Track {
            number,
            status: if confirmed {
                TrackStatus::Confirmed
            } else {
                TrackStatus::Tentative
            },
            observed_dims: if is_planar(&meas.model) { 2 } else { 3 },
            base_summary: Summary::of(&base),
            base,
            base_time: meas.time,
            history: VecDeque::new(),
            last_hit: meas.time,
            last_measurement: Some(meas.id),
            hit_log: HitLog::first(batch, meas.id),
            looks: 1,
            hits: 1,
            consecutive_misses: 0,
            hit_sensors: SensorSet::single(sensor),
            ballistic: false,
        });
    }
}

/// Whether a model measures only the horizontal plane of the flat frame.
fn is_planar(model: &MeasurementModel) -> bool {
    matches!(
        model,
        MeasurementModel::Polar2 { .. } | MeasurementModel::Position { dim: 2, .. }
    )
}

/// The prior of a new track at the measurement's time.
pub(super) fn initial_estimate(config: &TrackerConfig, meas: &Measurement) -> Estimate {
    let (pos, cov) = meas.model.to_position(&meas.z);
    let mut x = StateVector::zeros();
    let mut p = StateCovariance::zeros();
    x.fixed_rows_mut::<3>(0).copy_from(&pos);
    p.fixed_view_mut::<3, 3>(0, 0)
        .copy_from(&(0.5 * (cov + cov.transpose())));
    let vel_var =
        (config.init_velocity_sigma_mps * config.init_velocity_sigma_mps).max(VARIANCE_FLOOR);
    let acc_var = (config.init_accel_sigma_mps2 * config.init_accel_sigma_mps2).max(VARIANCE_FLOOR);
    for i in 0..3 {
        p[(i, i)] = p[(i, i)].max(VARIANCE_FLOOR);
        p[(3 + i, 3 + i)] = vel_var;
        p[(6 + i, 6 + i)] = acc_var;
    }
    if is_planar(&meas.model) {
        for k in 0..9 {
            p[(2, k)] = 0.0;
            p[(k, 2)] = 0.0;
        }
        x[2] = 0.0;
        p[(2, 2)] = PLANAR_Z_VARIANCE_M2;
        p[(5, 5)] = VARIANCE_FLOOR;
        p[(8, 8)] = VARIANCE_FLOOR;
    }
    Estimate {
        time: meas.time,
        x,
        p,
    }
}
