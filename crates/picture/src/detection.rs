//! Sensor reports.

use base::{NationId, SensorId, SimTime};
use geodesy::{Ecef, Position, Velocity};

/// A detection's identity, unique within a run: the sensor and its running report number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DetectionId {
    sensor: SensorId,
    seq: u64,
}

impl DetectionId {
    /// The `seq`-th report of `sensor`.
    pub fn new(sensor: SensorId, seq: u64) -> Self {
        DetectionId { sensor, seq }
    }
    /// The reporting sensor.
    pub fn sensor(&self) -> SensorId {
        self.sensor
    }
    /// The sensor's running report number.
    pub fn seq(&self) -> u64 {
        self.seq
    }
}

/// What was measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measurement {
    /// A radar plot in the sensor's ENU frame.
    Radar {
        /// Slant range, m.
        range_m: f64,
        /// Azimuth, rad from north towards east, [0, 2π).
        az_rad: f64,
        /// Elevation, rad.
        el_rad: f64,
        /// Range rate, m/s (positive = opening), if the radar measures it.
        range_rate_mps: Option<f64>,
        /// Standard deviation of the range error, m.
        sigma_range_m: f64,
        /// Standard deviation of the azimuth error, rad.
        sigma_az_rad: f64,
        /// Standard deviation of the elevation error, rad.
        sigma_el_rad: f64,
        /// Standard deviation of the range-rate error, m/s.
        sigma_range_rate_mps: Option<f64>,
    },
    /// An angles-only line of sight (space-based infrared), as an ECEF unit vector from the
    /// sensor towards the source, with an angular standard deviation.
    LineOfSight {
        /// Unit vector, ECEF.
        direction_ecef: [f64; 3],
        /// Angular error standard deviation per axis, rad.
        sigma_rad: f64,
    },
    /// A launch-event report: an estimated launch-area position with circular uncertainty.
    LaunchEvent {
        /// Estimated position.
        position: Position<Ecef>,
        /// Horizontal position error standard deviation per axis, m.
        sigma_m: f64,
    },
}

/// IFF mode families a transponder may answer in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum IffMode {
    /// Military secure mode (Mode 4/5 class): a valid answer means friend.
    Military,
    /// Civil modes (Mode 3/A, C, S): identifies civil traffic, not friend or foe.
    Civil,
}

/// Result of an IFF interrogation attached to a detection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IffResponse {
    /// The radar has no interrogator, or did not interrogate.
    NotInterrogated,
    /// No valid reply (hostiles, failed transponders, or nothing there).
    NoReply,
    /// A valid reply in the given mode.
    Reply(IffMode),
}

/// One report from one sensor: what a C2 node receives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detection {
    /// Unique id (for the scoring ledger and association bookkeeping).
    pub id: DetectionId,
    /// Reporting sensor.
    pub sensor: SensorId,
    /// Owning nation of the sensor.
    pub nation: NationId,
    /// When the measurement was taken (not the scan start).
    pub time_measured: SimTime,
    /// Where the sensor was when it measured (its ENU frame is anchored here).
    pub sensor_position: Position<Ecef>,
    /// The sensor's own velocity (ships, aircraft), for range-rate compensation.
    pub sensor_velocity: Velocity<Ecef>,
    /// The measurement and its noise.
    pub measurement: Measurement,
    /// Signal-to-noise ratio of the detection, dB (measured, not the expected value).
    pub snr_db: f64,
    /// IFF result.
    pub iff: IffResponse,
}
