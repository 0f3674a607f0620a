//! Sensor parameters and target signatures, from the keys of `format/sensing.rs` (whose
//! notional defaults the walker has already filled in).
//!
//! Checked here, with both ends: ranges and elevations in order, `launch_sigma_m` only with a
//! launch-event report, the time-budget keys only on a phased array; then the sensor model's own validation as a backstop.

use base::{NationId, Probability, SensorId};
use sensors::{
    DetectionModel, DwellBudget, FieldOfRegard, IrReport, RadarParams, ScanKind, SensorParams,
    Signature, SpaceIrParams, Swerling,
};

use crate::diagnostics::{Diag, ProblemKind};
use crate::walk::{Obj, fmt_num};

/// Metres per kilometre.
pub(super) const M_PER_KM: f64 = 1000.0;

/// The parameters of the sensor `obj` (kind from its tag); `None` if anything is invalid.
pub(super) fn sensor_params(
    diag: &mut Diag<'_>,
    obj: &Obj,
    id: SensorId,
    nation: Option<NationId>,
) -> Option<SensorParams> {
    let params = match obj.tag? {
        "radar" => SensorParams::Radar(radar(diag, obj)?),
        "space_ir" => SensorParams::SpaceIr(space_ir(diag, obj)?),
        _ => return None,
    };
    // The model's own guard: unreachable if both agree, located at the sensor if not.
    let checked = match (params, nation) {
        (SensorParams::Radar(p), Some(n)) => sensors::Radar::new(id, n, p).map(|_| ()),
        (SensorParams::SpaceIr(p), Some(n)) => sensors::SpaceIr::new(id, n, p).map(|_| ()),
        (_, None) => Ok(()),
    };
    if let Err(e) = checked {
        diag.error(
            ProblemKind::InvalidValue,
            obj.span.clone(),
            &obj.path,
            format!("the sensor model rejects these parameters: {e}"),
        )
        .label("in this sensor");
        return None;
    }
    Some(params)
}

fn radar(diag: &mut Diag<'_>, obj: &Obj) -> Option<RadarParams> {
    let ranges_ok = in_order(diag, obj, "min_range_km", "max_range_km");
    let elevations_ok = in_order(diag, obj, "min_el_deg", "max_el_deg");
    let pfa = obj.num("pfa")?;
    let detection = if obj.given("pd") {
        DetectionModel::Nominal {
            pd: Probability::new(obj.num("pd")?).ok()?,
            pfa,
        }
    } else {
        DetectionModel::RadarEquation {
            ref_range_m: obj.num("ref_range_km")? * M_PER_KM,
            ref_snr_db: obj.num("ref_snr_db")?,
            pfa,
        }
    };
    let scan = match obj.text("scan")? {
        "phased_array" => ScanKind::PhasedArray,
        _ => ScanKind::Rotator,
    };
    if scan == ScanKind::Rotator {
        // A rotator's beam follows its antenna: it cannot be steered to dwell or be cued.
        for key in BUDGET_KEYS {
            if obj.given(key) {
                let p = diag.error(
                    ProblemKind::Mismatch,
                    obj.span_of(key),
                    &obj.path_of(key),
                    format!("`{key}` applies only with scan = \"phased_array\" (a rotator cannot steer a beam)"),
                );
                if obj.given("scan") {
                    p.related(obj.span_of("scan"), "the radar is a rotator here");
                } else {
                    p.help("scan defaults to \"rotator\": add scan = \"phased_array\", or remove the key");
                }
                return None;
            }
        }
    }
    if !(ranges_ok && elevations_ok) {
        return None;
    }
    Some(RadarParams {
        detection,
        min_range_m: obj.num("min_range_km")? * M_PER_KM,
        max_range_m: obj.num("max_range_km")? * M_PER_KM,
        field: FieldOfRegard {
            boresight_az_deg: obj.num("boresight_az_deg")?,
            az_half_width_deg: obj.num("az_half_width_deg")?,
            min_el_deg: obj.num("min_el_deg")?,
            max_el_deg: obj.num("max_el_deg")?,
        },
        scan_period_s: obj.num("scan_period_s")?,
        scan,
        range_resolution_m: obj.num("range_resolution_m")?,
        beamwidth_deg: obj.num("beamwidth_deg")?,
        sigma_range_m: obj.num("sigma_range_m")?,
        sigma_az_deg: obj.num("sigma_az_deg")?,
        sigma_el_deg: obj.num("sigma_el_deg")?,
        sigma_range_rate_mps: obj.num("sigma_range_rate_mps"),
        noise_scales_with_snr: obj.bool("noise_scales_with_snr")?,
        noise_ref_snr_db: obj.num("noise_ref_snr_db")?,
        bias_range_m: obj.num("bias_range_m")?,
        bias_az_deg: obj.num("bias_az_deg")?,
        bias_el_deg: obj.num("bias_el_deg")?,
        k_factor: obj.num("k_factor")?,
        iff: obj.bool("iff")?,
        antenna_height_m: obj.num("antenna_height_m")?,
        latency_s: obj.num("latency_s")?,
        budget: DwellBudget {
            track_dwell_s: obj.num("track_dwell_s")?,
            revisit_ballistic_s: obj.num("revisit_ballistic_s")?,
            revisit_air_s: obj.num("revisit_air_s")?,
            max_track_fraction: obj.num("max_track_fraction")?,
        },
    })
}

/// The phased-array time-budget keys (an error on a rotator).
const BUDGET_KEYS: [&str; 4] = [
    "track_dwell_s",
    "revisit_ballistic_s",
    "revisit_air_s",
    "max_track_fraction",
];

fn space_ir(diag: &mut Diag<'_>, obj: &Obj) -> Option<SpaceIrParams> {
    let report = match obj.text("report")? {
        "launch_event" => IrReport::LaunchEvent {
            sigma_m: obj.num("launch_sigma_m")?,
        },
        _ => {
            if obj.given("launch_sigma_m") {
                let p = diag.error(
                    ProblemKind::Mismatch,
                    obj.span_of("launch_sigma_m"),
                    &obj.path_of("launch_sigma_m"),
                    "`launch_sigma_m` applies only with report = \"launch_event\"",
                );
                if obj.given("report") {
                    p.related(obj.span_of("report"), "the report is a line of sight here");
                } else {
                    p.help("report defaults to \"line_of_sight\": add report = \"launch_event\", or remove launch_sigma_m");
                }
                return None;
            }
            IrReport::LineOfSight
        }
    };
    Some(SpaceIrParams {
        pd: Probability::new(obj.num("pd")?).ok()?,
        revisit_s: obj.num("revisit_s")?,
        latency_s: obj.num("latency_s")?,
        sigma_los_urad: obj.num("sigma_los_urad")?,
        report,
        min_alt_m: obj.num("min_alt_km")? * M_PER_KM,
    })
}

/// Checks `lo < hi` (both valid or defaulted); reports at the key written in the file (the
/// lower one if both are), with the other as the second end. True if in order or unknown.
pub(super) fn in_order(diag: &mut Diag<'_>, obj: &Obj, lo: &str, hi: &str) -> bool {
    let (Some(a), Some(b)) = (obj.num(lo), obj.num(hi)) else {
        return true;
    };
    if a < b {
        return true;
    }
    let (at, other, other_v) = if obj.given(lo) {
        (lo, hi, b)
    } else {
        (hi, lo, a)
    };
    let p = diag.error(
        ProblemKind::Mismatch,
        obj.span_of(at),
        &obj.path_of(at),
        format!(
            "{lo} ({}) must be less than {hi} ({})",
            fmt_num(a),
            fmt_num(b)
        ),
    );
    let label = if obj.given(other) {
        format!("`{other}` set here")
    } else {
        format!("`{other}` defaults to {}", fmt_num(other_v))
    };
    p.related(obj.span_of(other), label);
    false
}

/// The signature keys `rcs_m2` and `swerling` of a threat, a flight or an aircraft.
pub(super) fn signature(obj: &Obj) -> Option<Signature> {
    let swerling = match obj.int("swerling")? {
        0 => Swerling::Zero,
        1 => Swerling::One,
        3 => Swerling::Three,
        _ => return None, // not in the format's set: reported by the walker
    };
    Some(Signature {
        rcs_m2: obj.num("rcs_m2")?,
        swerling,
    })
}
