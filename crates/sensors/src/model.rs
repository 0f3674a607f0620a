//! The sensor-model interface the engine drives. (Stubs: filled by the sensors work.)

use crate::{RadarParams, Signature, SpaceIrParams, Transponder};
use base::rng::Rng;
use base::{NationId, ObjectId, SensorId, SimDuration, SimTime};
use dynamics::Trajectory;
use picture::Detection;

/// What a detection really was: kept by the engine's scoring ledger, never given to trackers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TruthLabel {
    /// A real target.
    Target(ObjectId),
    /// A false alarm (noise or clutter).
    FalseAlarm,
}

/// A detection with its truth label, as produced by a model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Labeled {
    /// What the C2 node receives.
    pub detection: Detection,
    /// What it really was.
    pub truth: TruthLabel,
}

/// A target as sensors may observe it: its truth trajectory and how it looks.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// Truth object id (for the label only).
    pub object: ObjectId,
    /// Its motion.
    pub trajectory: &'a Trajectory,
    /// Radar signature.
    pub signature: Signature,
    /// IFF behaviour.
    pub transponder: Transponder,
    /// Motor burn-out time for boosting missiles (`None`: never shows a plume).
    pub boost_end: Option<SimTime>,
}

/// A sensor's random streams: one for measurement noise and detection draws, one for false
/// alarms, so clutter settings never change the noise of real detections.
#[derive(Debug)]
pub struct SensorRngs {
    /// Detection draws, measurement noise, IFF.
    pub noise: Rng,
    /// False-alarm count and placement.
    pub clutter: Rng,
}

/// Why sensor parameters are unusable (the scenario layer validates first; this is the
/// model's own guard).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SensorError {
    /// A parameter is out of its domain.
    #[error("{what}: {value} is outside {expected}")]
    Parameter {
        /// Parameter name.
        what: &'static str,
        /// Its value.
        value: f64,
        /// The valid domain.
        expected: &'static str,
    },
}

/// A radar model instance.
#[derive(Clone, Debug)]
pub struct Radar {
    id: SensorId,
    nation: NationId,
    params: RadarParams,
}

impl Radar {
    /// A radar with validated parameters.
    pub fn new(id: SensorId, nation: NationId, params: RadarParams) -> Result<Self, SensorError> {
        Ok(Radar { id, nation, params })
    }
    /// Time between scan starts.
    pub fn period(&self) -> SimDuration {
        SimDuration::from_secs_f64(self.params.scan_period_s)
    }
    /// All detections (real and false) of the scan starting at `scan_start`, covering
    /// `[scan_start, scan_start + period)`, sorted by measurement time then id. `seq` is the
    /// sensor's running report number (advanced for every detection).
    pub fn scan(
        &self,
        _scan_start: SimTime,
        _platform: &Trajectory,
        _targets: &[Target<'_>],
        _rngs: &mut SensorRngs,
        _seq: &mut u64,
    ) -> Vec<Labeled> {
        let _ = (self.id, self.nation);
        unimplemented!("filled by the sensors work")
    }
}

/// A space-based IR early-warning sensor model instance.
#[derive(Clone, Debug)]
pub struct SpaceIr {
    id: SensorId,
    nation: NationId,
    params: SpaceIrParams,
}

impl SpaceIr {
    /// A sensor with validated parameters.
    pub fn new(id: SensorId, nation: NationId, params: SpaceIrParams) -> Result<Self, SensorError> {
        Ok(SpaceIr { id, nation, params })
    }
    /// Time between revisits.
    pub fn period(&self) -> SimDuration {
        SimDuration::from_secs_f64(self.params.revisit_s)
    }
    /// Measurement-to-report latency.
    pub fn latency(&self) -> SimDuration {
        SimDuration::from_secs_f64(self.params.latency_s)
    }
    /// Detections of burning motors at revisit time `t` (measured at `t`; the engine delivers
    /// them `latency` later).
    pub fn revisit(
        &self,
        _t: SimTime,
        _platform: &Trajectory,
        _targets: &[Target<'_>],
        _rngs: &mut SensorRngs,
        _seq: &mut u64,
    ) -> Vec<Labeled> {
        let _ = (self.id, self.nation);
        unimplemented!("filled by the sensors work")
    }
}
