//! Sensor parameters and target signatures.
//!
//! Notional defaults per sensor kind, threat class and traffic kind; the scenario keys that
//! override them are read by the sensor-parameter tables.

use base::Probability;
use sensors::{
    DetectionModel, FieldOfRegard, IrReport, RadarParams, ScanKind, SensorParams, Signature,
    SpaceIrParams, Swerling,
};
use sim::{ThreatClass, TrafficKind};

/// A notional long-range surveillance radar: 1 m² seen at 13 dB out to 400 km.
pub(crate) fn default_radar() -> RadarParams {
    RadarParams {
        detection: DetectionModel::RadarEquation {
            ref_range_m: 400_000.0,
            ref_snr_db: 13.0,
            pfa: 1e-6,
        },
        min_range_m: 1_000.0,
        max_range_m: 1_000_000.0,
        field: FieldOfRegard {
            boresight_az_deg: 0.0,
            az_half_width_deg: 180.0,
            min_el_deg: 0.0,
            max_el_deg: 85.0,
        },
        scan_period_s: 10.0,
        scan: ScanKind::Rotator,
        range_resolution_m: 150.0,
        beamwidth_deg: 1.5,
        sigma_range_m: 30.0,
        sigma_az_deg: 0.15,
        sigma_el_deg: 0.2,
        sigma_range_rate_mps: None,
        noise_scales_with_snr: false,
        noise_ref_snr_db: 13.0,
        bias_range_m: 0.0,
        bias_az_deg: 0.0,
        bias_el_deg: 0.0,
        k_factor: 4.0 / 3.0,
        iff: true,
    }
}

/// A notional geostationary IR early-warning sensor.
pub(crate) fn default_space_ir() -> SpaceIrParams {
    SpaceIrParams {
        pd: Probability::new(0.9).expect("constant in [0, 1]"),
        revisit_s: 10.0,
        latency_s: 20.0,
        sigma_los_urad: 30.0,
        report: IrReport::LineOfSight,
        min_alt_m: 5_000.0,
    }
}

/// Default sensor parameters for a sensor kind name.
pub(crate) fn default_sensor(kind: &str) -> SensorParams {
    match kind {
        "space_ir" => SensorParams::SpaceIr(default_space_ir()),
        _ => SensorParams::Radar(default_radar()),
    }
}

/// Notional mean RCS of each threat class (the re-entry vehicle for ballistic classes).
pub(crate) fn threat_signature(class: ThreatClass) -> Signature {
    let rcs_m2 = match class {
        ThreatClass::Srbm => 0.1,
        ThreatClass::Mrbm => 0.05,
        ThreatClass::Irbm => 0.03,
        ThreatClass::Cruise => 0.1,
    };
    Signature {
        rcs_m2,
        swerling: Swerling::One,
    }
}

/// Notional mean RCS of each traffic kind.
pub(crate) fn traffic_signature(kind: TrafficKind) -> Signature {
    let rcs_m2 = match kind {
        TrafficKind::Airliner => 40.0,
        TrafficKind::Fighter => 3.0,
        TrafficKind::Transport => 30.0,
        _ => 20.0,
    };
    Signature {
        rcs_m2,
        swerling: Swerling::One,
    }
}

/// Airborne sensor platforms (AEW aircraft) are large air targets.
pub(crate) fn airborne_platform_signature() -> Signature {
    Signature {
        rcs_m2: 30.0,
        swerling: Swerling::One,
    }
}
