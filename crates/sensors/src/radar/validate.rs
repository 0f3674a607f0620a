//! The radar model's own guard on its parameters (the scenario layer validates first, with
//! locations; this keeps the model's arithmetic inside its domain whoever builds it).

use crate::{DetectionModel, RadarParams, SensorError};

/// Largest false-alarm probability accepted: above it the threshold is so low that "detection"
/// means little, and the cell-count false-alarm model stops being sparse.
pub const MAX_PFA: f64 = 0.1;

/// Checks every radar parameter's domain; returns the first problem.
pub(crate) fn validate(p: &RadarParams) -> Result<(), SensorError> {
    let pfa = match p.detection {
        DetectionModel::RadarEquation {
            ref_range_m,
            ref_snr_db,
            pfa,
        } => {
            positive("detection.ref_range_m", ref_range_m)?;
            finite("detection.ref_snr_db", ref_snr_db)?;
            pfa
        }
        DetectionModel::Nominal { pfa, .. } => pfa,
    };
    if !(pfa > 0.0 && pfa <= MAX_PFA) {
        return Err(err("detection.pfa", pfa, "(0, 0.1]"));
    }
    if !(p.min_range_m.is_finite() && p.min_range_m >= 0.0) {
        return Err(err("min_range_m", p.min_range_m, "[0, ∞)"));
    }
    positive("max_range_m", p.max_range_m)?;
    if p.min_range_m >= p.max_range_m {
        return Err(err("min_range_m", p.min_range_m, "[0, max_range_m)"));
    }
    let f = &p.field;
    finite("field.boresight_az_deg", f.boresight_az_deg)?;
    if !(f.az_half_width_deg > 0.0 && f.az_half_width_deg <= 180.0) {
        return Err(err(
            "field.az_half_width_deg",
            f.az_half_width_deg,
            "(0, 180]",
        ));
    }
    if !(-90.0..=90.0).contains(&f.min_el_deg) {
        return Err(err("field.min_el_deg", f.min_el_deg, "[-90, 90]"));
    }
    if !(-90.0..=90.0).contains(&f.max_el_deg) {
        return Err(err("field.max_el_deg", f.max_el_deg, "[-90, 90]"));
    }
    if f.min_el_deg >= f.max_el_deg {
        return Err(err(
            "field.min_el_deg",
            f.min_el_deg,
            "below field.max_el_deg",
        ));
    }
    positive("scan_period_s", p.scan_period_s)?;
    if p.scan_period_s < MIN_PERIOD_S {
        return Err(err("scan_period_s", p.scan_period_s, "[1e-6, ∞)"));
    }
    positive("range_resolution_m", p.range_resolution_m)?;
    positive("beamwidth_deg", p.beamwidth_deg)?;
    if p.beamwidth_deg > 360.0 {
        return Err(err("beamwidth_deg", p.beamwidth_deg, "(0, 360]"));
    }
    positive("sigma_range_m", p.sigma_range_m)?;
    positive("sigma_az_deg", p.sigma_az_deg)?;
    positive("sigma_el_deg", p.sigma_el_deg)?;
    if let Some(s) = p.sigma_range_rate_mps {
        positive("sigma_range_rate_mps", s)?;
    }
    finite("noise_ref_snr_db", p.noise_ref_snr_db)?;
    finite("bias_range_m", p.bias_range_m)?;
    finite("bias_az_deg", p.bias_az_deg)?;
    finite("bias_el_deg", p.bias_el_deg)?;
    positive("k_factor", p.k_factor)?;
    if !(p.antenna_height_m.is_finite()
        && (0.0..=MAX_ANTENNA_HEIGHT_M).contains(&p.antenna_height_m))
    {
        return Err(err("antenna_height_m", p.antenna_height_m, "[0, 1000]"));
    }
    if !(p.latency_s.is_finite() && (0.0..=MAX_LATENCY_S).contains(&p.latency_s)) {
        return Err(err("latency_s", p.latency_s, "[0, 3600]"));
    }
    let b = &p.budget;
    if !(b.max_track_fraction.is_finite()
        && (0.0..=MAX_TRACK_FRACTION).contains(&b.max_track_fraction))
    {
        return Err(err(
            "budget.max_track_fraction",
            b.max_track_fraction,
            "[0, 0.95]",
        ));
    }
    if !(b.track_dwell_s.is_finite()
        && (MIN_DWELL_S..=crate::schedule::INTERVAL_S).contains(&b.track_dwell_s))
    {
        return Err(err("budget.track_dwell_s", b.track_dwell_s, "[1e-4, 0.5]"));
    }
    for (what, v) in [
        ("budget.revisit_ballistic_s", b.revisit_ballistic_s),
        ("budget.revisit_air_s", b.revisit_air_s),
    ] {
        if !(v.is_finite() && (crate::schedule::INTERVAL_S..=MAX_REVISIT_S).contains(&v)) {
            return Err(err(what, v, "[0.5, 600]"));
        }
    }
    Ok(())
}

/// Largest share of a phased array's time dedicated dwells may take: some search must go on.
pub(crate) const MAX_TRACK_FRACTION: f64 = 0.95;
/// Shortest dwell, s (a tenth of a millisecond: a few pulses).
pub(crate) const MIN_DWELL_S: f64 = 1e-4;
/// Longest track revisit, s.
pub(crate) const MAX_REVISIT_S: f64 = 600.0;

/// Tallest antenna mast above its platform, m (a tower, not a balloon).
pub(crate) const MAX_ANTENNA_HEIGHT_M: f64 = 1000.0;
/// Longest report latency, s.
pub(crate) const MAX_LATENCY_S: f64 = 3600.0;

/// Shortest scan or revisit period accepted, s: a period must span many nanoseconds so the
/// in-scan measurement times are distinct.
pub(crate) const MIN_PERIOD_S: f64 = 1e-6;

pub(crate) fn positive(what: &'static str, value: f64) -> Result<(), SensorError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(err(what, value, "(0, ∞)"))
    }
}

pub(crate) fn finite(what: &'static str, value: f64) -> Result<(), SensorError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(err(what, value, "finite numbers"))
    }
}

pub(crate) fn err(what: &'static str, value: f64, expected: &'static str) -> SensorError {
    SensorError::Parameter {
        what,
        value,
        expected,
    }
}
