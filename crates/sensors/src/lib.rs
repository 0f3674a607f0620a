//! Sensor models: truth in, [`picture::Detection`]s out.
//!
//! Owns the sensor parameters ([`RadarParams`], [`SpaceIrParams`], [`SensorParams`]), target
//! signatures ([`Signature`], [`Swerling`], [`Transponder`]) and the models that turn a
//! platform's and the targets' trajectories into noisy, time-stamped detections plus false
//! alarms ([`Radar::scan`], [`SpaceIr::revisit`]). Each detection comes paired with a
//! [`TruthLabel`] for the engine's scoring ledger; the label never travels with the detection.
//!
//! Not modelled: multipath, terrain masking, jamming, ducting, resolution of closely spaced
//! targets (each target is its own plot), Doppler ambiguities, clutter maps.

mod model;
mod params;

pub use model::{Labeled, Radar, SensorError, SensorRngs, SpaceIr, Target, TruthLabel};
pub use params::{
    DetectionModel, FieldOfRegard, IrReport, RadarParams, ScanKind, SensorParams, Signature,
    SpaceIrParams, Swerling, Transponder,
};
