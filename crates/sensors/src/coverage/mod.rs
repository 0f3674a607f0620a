//! Radar coverage figures for one sensor against one target kind: the ranges at which the
//! single-scan Pd falls to 0.5 and 0.9 (from the closed forms), the horizon range, and the
//! effective detection range. Used by the `kizuna sensors` command and for planning.

use crate::geometry::horizon_range_m;
use crate::swerling::required_snr;
use crate::{DetectionModel, Radar, RadarParams, Signature};

/// Coverage of one radar against one target signature at one altitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coverage {
    /// Free-space range at which the mean single-scan Pd is 0.5, m (ignores the horizon and
    /// the instrumented limits). Nominal model: infinity if its Pd ≥ 0.5, else 0.
    pub range_pd50_m: f64,
    /// As `range_pd50_m`, for Pd = 0.9.
    pub range_pd90_m: f64,
    /// 4/3-Earth (the radar's `k_factor`) horizon range for the two heights over the mean
    /// Earth radius, m ([`horizon_range_m`]).
    pub horizon_m: f64,
    /// `min(range_pd50, horizon, max_range)`, or 0 when that is inside `min_range`: the range
    /// at which a target flying in is first seen with even odds per scan.
    pub effective_m: f64,
}

/// Coverage of a radar with `params` on a platform at `sensor_alt_m` (its antenna
/// `antenna_height_m` higher) against `signature` at `target_alt_m`.
///
/// Pd ranges solve the closed form for the Swerling case ([`required_snr`]) and invert the
/// normalised radar equation: `R = R₀·(SNR₀·σ̄/SNR_req)^{1/4}`. Elevation limits and the field
/// of regard are not considered (they depend on the bearing, not the range). Parameters are
/// taken as given; use [`Radar::coverage`] for validated ones (invalid values give
/// meaningless numbers, possibly NaN).
pub fn radar_coverage(
    params: &RadarParams,
    sensor_alt_m: f64,
    signature: Signature,
    target_alt_m: f64,
) -> Coverage {
    let range_at = |pd_wanted: f64| match params.detection {
        DetectionModel::RadarEquation {
            ref_range_m,
            ref_snr_db,
            pfa,
        } => {
            let needed = required_snr(signature.swerling, pd_wanted, pfa);
            ref_range_m * (crate::db_to_ratio(ref_snr_db) * signature.rcs_m2 / needed).powf(0.25)
        }
        DetectionModel::Nominal { pd, .. } => {
            if pd.get() >= pd_wanted {
                f64::INFINITY
            } else {
                0.0
            }
        }
    };
    let range_pd50_m = range_at(0.5);
    let horizon_m = horizon_range_m(
        params.k_factor,
        sensor_alt_m + params.antenna_height_m,
        target_alt_m,
    );
    let limit = range_pd50_m.min(horizon_m).min(params.max_range_m);
    Coverage {
        range_pd50_m,
        range_pd90_m: range_at(0.9),
        horizon_m,
        effective_m: if limit < params.min_range_m {
            0.0
        } else {
            limit
        },
    }
}

impl Radar {
    /// [`radar_coverage`] with this radar's validated parameters.
    pub fn coverage(&self, sensor_alt_m: f64, signature: Signature, target_alt_m: f64) -> Coverage {
        radar_coverage(&self.params, sensor_alt_m, signature, target_alt_m)
    }
}

#[cfg(test)]
mod tests;
