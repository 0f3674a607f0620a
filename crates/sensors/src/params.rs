//! Sensor parameters and target signatures: plain data, validated by the scenario layer.

use base::Probability;

/// RCS fluctuation model (Swerling). For a single dwell, cases II and IV detect like I and III.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Swerling {
    /// Non-fluctuating (Marcum) target.
    Zero,
    /// Scan-to-scan fluctuation, exponential RCS (many equal scatterers).
    One,
    /// Scan-to-scan fluctuation, chi-square with 4 degrees of freedom (one dominant scatterer).
    Three,
}

/// How a target looks to sensors.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Signature {
    /// Mean radar cross-section, m².
    pub rcs_m2: f64,
    /// Fluctuation model.
    pub swerling: Swerling,
}

/// What a target's IFF transponder does when interrogated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Transponder {
    /// No transponder, or a hostile one that never answers correctly.
    None,
    /// Military secure-mode transponder answering with this probability.
    Military(Probability),
    /// Civil transponder (modes 3/A, C, S) answering with this probability.
    Civil(Probability),
}

/// How detection probability is decided.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DetectionModel {
    /// SNR from the normalised radar equation, SNR = SNR₀ (σ/1 m²) (R₀/R)⁴, then Pd from the
    /// Swerling case and the false-alarm probability.
    RadarEquation {
        /// Range at which a 1 m² non-fluctuating target gives `ref_snr_db`, m.
        ref_range_m: f64,
        /// SNR at the reference range, dB.
        ref_snr_db: f64,
        /// Probability of false alarm per resolution cell per scan.
        pfa: f64,
    },
    /// A fixed Pd anywhere inside the coverage (for users who skip the radar equation).
    Nominal {
        /// Detection probability per scan inside coverage.
        pd: Probability,
        /// Probability of false alarm per resolution cell per scan.
        pfa: f64,
    },
}

/// Where a radar can look, relative to its platform's local ENU frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldOfRegard {
    /// Boresight azimuth, degrees from north (ignored when `az_half_width_deg >= 180`).
    pub boresight_az_deg: f64,
    /// Half-width in azimuth, degrees (180 = all round).
    pub az_half_width_deg: f64,
    /// Lowest elevation, degrees (elevation mask).
    pub min_el_deg: f64,
    /// Highest elevation, degrees.
    pub max_el_deg: f64,
}

/// When within a scan each target is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanKind {
    /// A mechanically rotating antenna: a target is measured when the beam sweeps its azimuth.
    Rotator,
    /// An electronically scanned face: the search frame is swept in azimuth across the field
    /// of regard during the period, so measurement time also depends on azimuth.
    PhasedArray,
}

/// A radar's parameters (all notional).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RadarParams {
    /// Detection model.
    pub detection: DetectionModel,
    /// Minimum instrumented range, m.
    pub min_range_m: f64,
    /// Maximum instrumented range, m.
    pub max_range_m: f64,
    /// Field of regard.
    pub field: FieldOfRegard,
    /// Scan (revisit) period, s.
    pub scan_period_s: f64,
    /// Scan kind.
    pub scan: ScanKind,
    /// Range resolution (cell size), m: sets the number of cells for false alarms.
    pub range_resolution_m: f64,
    /// Beamwidth, degrees: sets angular cells and the SNR-scaled angle noise.
    pub beamwidth_deg: f64,
    /// Range noise standard deviation at the reference SNR, m.
    pub sigma_range_m: f64,
    /// Azimuth noise standard deviation at the reference SNR, degrees.
    pub sigma_az_deg: f64,
    /// Elevation noise standard deviation at the reference SNR, degrees.
    pub sigma_el_deg: f64,
    /// Range-rate noise standard deviation, m/s (`None`: range rate not measured).
    pub sigma_range_rate_mps: Option<f64>,
    /// Scale angle and range noise with 1/√SNR (`true`) or keep them fixed.
    pub noise_scales_with_snr: bool,
    /// SNR, dB, at which the sigmas above apply when noise scales.
    pub noise_ref_snr_db: f64,
    /// Registration bias in range, m.
    pub bias_range_m: f64,
    /// Registration bias in azimuth, degrees.
    pub bias_az_deg: f64,
    /// Registration bias in elevation, degrees.
    pub bias_el_deg: f64,
    /// Effective-Earth-radius factor for the radar horizon (4/3 standard atmosphere).
    pub k_factor: f64,
    /// Has an IFF interrogator.
    pub iff: bool,
    /// Height of the antenna above its platform's reference point, m (the horizon and every
    /// measurement are taken from the antenna).
    pub antenna_height_m: f64,
    /// Delay from measurement to report at its node (processing and the sensor-to-node
    /// link), s.
    pub latency_s: f64,
    /// A phased array's time budget between search and track dwells (ignored by rotators).
    pub budget: DwellBudget,
}

/// How a phased array shares its time between the search frame and dedicated dwells (track
/// dwells on the tracks its node holds, cued dwells on tracks it does not hold yet, cued
/// search sectors). Dedicated dwells are served first, up to `max_track_fraction` of the time;
/// what remains goes to search, so a loaded array's search frame takes
/// `scan_period_s / (1 − load)` (crate docs, "Resource management"). Notional.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DwellBudget {
    /// Length of one track or cued dwell, s (its energy sets the dwell's SNR gain over a
    /// search look).
    pub track_dwell_s: f64,
    /// Revisit interval of a ballistic track, s.
    pub revisit_ballistic_s: f64,
    /// Revisit interval of an air-breathing track, s.
    pub revisit_air_s: f64,
    /// Largest share of the array's time dedicated dwells may take, in `[0, 0.95]`; 0 turns
    /// resource management off (search only, as a rotator).
    pub max_track_fraction: f64,
}

impl DwellBudget {
    /// The scenario defaults: a 10 ms dwell, ballistic tracks revisited every second,
    /// air-breathers every 4 s, at most 75 % of the time on dedicated dwells (notional: a
    /// multifunction array keeps a quarter of its time for search under load).
    pub const DEFAULT: DwellBudget = DwellBudget {
        track_dwell_s: 0.01,
        revisit_ballistic_s: 1.0,
        revisit_air_s: 4.0,
        max_track_fraction: 0.75,
    };
    /// No dedicated dwells: the array only searches.
    pub const OFF: DwellBudget = DwellBudget {
        max_track_fraction: 0.0,
        ..DwellBudget::DEFAULT
    };
}

/// What a space IR sensor reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IrReport {
    /// An angles-only line of sight per detection.
    LineOfSight,
    /// A launch-event report with a horizontal position uncertainty (per-axis σ, m).
    LaunchEvent {
        /// Per-axis horizontal position standard deviation, m.
        sigma_m: f64,
    },
}

/// A space-based infrared early-warning sensor's parameters (all notional).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpaceIrParams {
    /// Probability of detecting a burning motor per revisit.
    pub pd: Probability,
    /// Revisit period, s.
    pub revisit_s: f64,
    /// Processing and downlink latency from measurement to report, s.
    pub latency_s: f64,
    /// Line-of-sight angular noise per axis, µrad.
    pub sigma_los_urad: f64,
    /// Report form.
    pub report: IrReport,
    /// Plumes below this altitude are hidden by cloud and atmosphere, m.
    pub min_alt_m: f64,
}

/// A sensor's parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SensorParams {
    /// A radar.
    Radar(RadarParams),
    /// A space-based IR sensor.
    SpaceIr(SpaceIrParams),
}
