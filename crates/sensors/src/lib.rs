//! Sensor models: truth in, [`picture::Detection`]s out.
//!
//! Owns the sensor parameters ([`RadarParams`], [`SpaceIrParams`], [`SensorParams`]), target
//! signatures ([`Signature`], [`Swerling`], [`Transponder`]) and the models that turn a
//! platform's and the targets' trajectories into noisy, time-stamped detections plus false
//! alarms ([`Radar::scan`], [`SpaceIr::revisit`]). Each detection comes paired with a
//! [`TruthLabel`] for the engine's scoring ledger; the label never travels with the detection.
//! It also owns the detection statistics ([`pd`], [`threshold`], [`required_snr`], …) and the
//! coverage figures ([`radar_coverage`]) that front ends print.
//!
//! # Radar
//!
//! Per target, per scan (all notional parameters; PRIMER §6.3–6.5):
//! 1. **Measurement time** — when the beam passes the target. A [`ScanKind::Rotator`] turns
//!    clockwise from north once per period: `t = scan_start + az/2π · period`. A
//!    [`ScanKind::PhasedArray`] sweeps its field of regard from the left (anticlockwise) edge
//!    to the right edge once per period: `t = scan_start + (az − left edge)/width · period`.
//!    The azimuth is the target's at that time (three fixed-point steps from the scan start or
//!    the target's first instant; the residual mismatch is ≈ 2e-5 rad for a 300 m/s crossing
//!    target at 20 km). Sensor and target states are both taken at `t`. Targets that cannot
//!    come within the instrumented span during the scan, assuming at most ≈ 100 g, are
//!    rejected from their scan-start state.
//! 2. **Coverage** — instrumented range `[min, max]`; azimuth within the field of regard
//!    (wrap-around safe; half-width 180° is all round); geometric elevation within
//!    `[min_el, max_el]` (the mask); and a line of sight above the effective Earth of radius
//!    `k·R`, where `R` is the ellipsoid's radius of curvature at the radar along the target's
//!    azimuth and both heights are above the ellipsoid (see `geometry::clears_horizon`). A
//!    target at the 4/3 horizon sits at a *negative* geometric elevation (≈ −0.2° for a 10 m
//!    sea-skimmer seen from 30 m), so a mask at 0° hides low fliers well inside the horizon.
//! 3. **Detection** ([`DetectionModel::RadarEquation`]) — mean SNR `SNR₀·σ̄·(R₀/R)⁴`, times the
//!    scan's RCS fluctuation (Swerling 0: none; 1: `Exp(1)`; 3: `Gamma(2, ½)`, both mean 1),
//!    then a square-law detector statistic `z = |√SNR + n|²`, `n ~ CN(0, 1)`, compared with
//!    `T = −ln Pfa`. This physical draw matches the closed forms [`pd_swerling0`],
//!    [`pd_swerling1`], [`pd_swerling3`] (tested), and the detection's `snr_db` is the
//!    measured `z − 1`. [`DetectionModel::Nominal`]: a uniform draw against its Pd inside
//!    coverage; the reported SNR is `noise_ref_snr_db`.
//! 4. **Measurement** — range, azimuth, elevation (and range rate `Δp·Δv/r` if configured) in
//!    the ENU frame at the sensor's position at `t`, plus registration biases plus Gaussian
//!    noise. Sigmas are the parameters' (degrees converted to radians), scaled when
//!    `noise_scales_with_snr` by `√(SNR_ref/SNR_measured)` clamped to
//!    [`MIN_NOISE_SCALE`]..[`MAX_NOISE_SCALE`] (range rate never scales). The reported sigmas
//!    are those drawn with (the diagonal covariance, biases excluded).
//! 5. **IFF** — if the radar has it: military transponders reply in the military mode with
//!    their probability, civil ones in civil modes, hostiles never; otherwise
//!    `NotInterrogated`.
//!
//! **False alarms** — `N ~ Poisson(Pfa · n_cells)` per scan with
//! `n_cells = (max − min range)/range_resolution · (azimuth span)/beamwidth ·
//! (elevation span)/beamwidth`, the mean capped at [`MAX_FALSE_ALARMS_PER_SCAN`]. Each lands
//! in a uniformly chosen cell (uniform in range, azimuth and elevation over the surveyed
//! volume, which is exactly uniform over cells), is timed by the beam rule, carries a
//! noise-only statistic `T + Exp(1)` as its SNR, and is labelled [`TruthLabel::FalseAlarm`].
//!
//! **Ordering and randomness** — real targets draw from `rngs.noise` in slice order (only when
//! in coverage), false alarms from `rngs.clutter`. The output is sorted stably by measurement
//! time and numbered in that order, so ids increase with time.
//!
//! # Resource management (phased arrays)
//!
//! A [`ScanKind::PhasedArray`] with a [`DwellBudget`] (`max_track_fraction > 0`) splits its
//! time between its search frame and dedicated dwells ([`Scheduler`], module `schedule`): track
//! dwells on the tracks it holds, at a revisit by class (ballistic faster than air-breathers),
//! cued dwells on tracks its node holds and it does not, and cued search sectors. Dedicated
//! dwells are served first, up to `max_track_fraction` of the time; search gets the rest, so
//! the search frame lasts `scan_period / (1 − load)` ([`Radar::scan_frame`]): saturation
//! costs search revisit. A dwell ([`Radar::dwell`]) is a pencil beam at a predicted position
//! (the caller's, from its picture: nothing here knows tracks); every target within half a
//! beamwidth of the aim and in coverage is drawn with the dwell's SNR gain — its energy over a
//! search look's, `track_dwell / (scan_period / beams across the field of regard)`, at least 1
//! (PRIMER §6.4: SNR grows with the energy on target) — so a cued array acquires beyond its
//! search range, out to its instrumented range. A cued sector ([`Radar::sector`]) sweeps a
//! slice of the field at search energy. **Rotators cannot be cued**: their beam follows the
//! antenna (no scheduler; scenario keys refused).
//!
//! # Space-based infrared
//!
//! At each revisit time `t`, a target is visible iff its motor is burning (`t ≤ boost_end`),
//! it exists, it is at least `min_alt_m` above the ellipsoid, and the satellite's line of
//! sight does not pass through the WGS-84 ellipsoid; it is then detected with probability `pd`.
//! Reports are a line of sight (unit vector with per-axis angular noise) or a launch event (the
//! true sub-point at `t` plus horizontal Gaussian noise). `snr_db` is
//! [`SPACE_IR_NOMINAL_SNR_DB`]; `time_measured = t` (the engine adds the latency).
//!
//! # Conventions
//!
//! SI inside; SNRs are linear power ratios in functions and dB only in parameters and
//! detections. Azimuth is from north towards east in `[0, 2π)`; elevation is geometric, from
//! the local horizontal. The measurement frame is ENU at `Detection::sensor_position`.
//! Covariance is diagonal in (range, azimuth, elevation[, range rate]).
//!
//! Not modelled: false alarms in dedicated dwells and cued sectors (a dwell's few cells make
//! them negligible at the scenarios' Pfa), a cued search pattern wider than one beam when the
//! cue's uncertainty exceeds it (such a dwell simply misses), multipath, terrain masking, jamming, ducting, refraction of the elevation
//! angle, resolution of closely spaced targets (each target is its own plot), Doppler
//! ambiguities, clutter maps, pulse integration (one dwell per scan), IFF spoofing or
//! mode-specific codes, space IR radiometry and false alarms.

mod clutter;
mod coverage;
mod geometry;
mod iff;
mod model;
mod params;
mod radar;
mod schedule;
mod space_ir;
mod swerling;
mod units;

#[cfg(test)]
mod fixtures;

pub use clutter::{FALSE_ALARM_MAX_RANGE_RATE_MPS, MAX_FALSE_ALARMS_PER_SCAN};
pub use coverage::{Coverage, radar_coverage};
pub use geometry::{horizon_range_m, horizon_range_on_radius_m};
pub use model::{Labeled, Radar, SensorError, SensorRngs, SpaceIr, Target, TruthLabel};
pub use params::{
    DetectionModel, DwellBudget, FieldOfRegard, IrReport, RadarParams, ScanKind, SensorParams,
    Signature, SpaceIrParams, Swerling, Transponder,
};
pub use radar::{MAX_NOISE_SCALE, MAX_PFA, MIN_NOISE_SCALE};
pub use schedule::{DwellKind, INTERVAL_S, Occupancy, Planned, Request, Scheduler};
pub use space_ir::SPACE_IR_NOMINAL_SNR_DB;
pub use swerling::{
    marcum_q1, pd, pd_north, pd_swerling0, pd_swerling1, pd_swerling3, required_snr, threshold,
};
pub use units::{db_to_ratio, ratio_to_db};
