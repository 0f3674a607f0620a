//! The run's records: simulation events (`events.jsonl`) and truth samples (`truth.csv`).
//!
//! These are the serialisation boundary of the engine (STYLE §2): records are plain data with
//! stable field names, written in agenda order. Times appear twice: `t_ns` (exact integer, the
//! source of truth) and `t_s` (for humans and plotting).

use serde::Serialize;

/// One simulation event, in the order the engine processed it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogEvent {
    /// Simulation time, integer nanoseconds since the scenario start.
    pub t_ns: i64,
    /// Simulation time, seconds.
    pub t_s: f64,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// Reference to a truth object in a record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObjectRef {
    /// Dense object id (row key in `truth.csv`).
    pub object_id: u32,
    /// Scenario name.
    pub object: String,
    /// Object kind name.
    pub object_kind: &'static str,
}

/// Event kinds. The `kind` tag values are stable file format.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// The run begins.
    ScenarioStart {
        /// Scenario name.
        scenario: String,
        /// Master seed.
        seed: u64,
        /// UTC time of simulation time 0.
        start_utc: String,
    },
    /// A threat leaves its launcher.
    Launch {
        /// The threat.
        #[serde(flatten)]
        object: ObjectRef,
        /// Launch area label.
        launch_area: String,
        /// Launch point, degrees / metres.
        lat_deg: f64,
        /// Longitude, degrees.
        lon_deg: f64,
    },
    /// A flight or ship starts moving.
    Departure {
        /// The object.
        #[serde(flatten)]
        object: ObjectRef,
    },
    /// Motor burn-out.
    Burnout {
        /// The missile.
        #[serde(flatten)]
        object: ObjectRef,
        /// Altitude, metres.
        alt_m: f64,
        /// Speed, m/s.
        speed_mps: f64,
    },
    /// Highest point of a ballistic flight.
    Apogee {
        /// The missile.
        #[serde(flatten)]
        object: ObjectRef,
        /// Altitude, metres.
        alt_m: f64,
    },
    /// A route waypoint reached.
    Waypoint {
        /// The object.
        #[serde(flatten)]
        object: ObjectRef,
        /// 0-based waypoint index.
        index: u32,
    },
    /// A threat reaches the ground.
    Impact {
        /// The threat.
        #[serde(flatten)]
        object: ObjectRef,
        /// Impact point latitude, degrees.
        lat_deg: f64,
        /// Impact point longitude, degrees.
        lon_deg: f64,
        /// Defended asset whose radius contains the impact point, if any.
        asset: Option<String>,
        /// Distance to the asset centre (or to the nearest asset), metres.
        asset_distance_m: Option<f64>,
    },
    /// A flight leaves the scenario (lands or ends its route).
    Arrival {
        /// The object.
        #[serde(flatten)]
        object: ObjectRef,
    },
    /// The run ends.
    ScenarioEnd {
        /// Number of events logged before this one.
        n_events: u64,
    },
}

impl EventKind {
    /// The stable `kind` tag, for counting.
    pub fn tag(&self) -> &'static str {
        match self {
            EventKind::ScenarioStart { .. } => "scenario_start",
            EventKind::Launch { .. } => "launch",
            EventKind::Departure { .. } => "departure",
            EventKind::Burnout { .. } => "burnout",
            EventKind::Apogee { .. } => "apogee",
            EventKind::Waypoint { .. } => "waypoint",
            EventKind::Impact { .. } => "impact",
            EventKind::Arrival { .. } => "arrival",
            EventKind::ScenarioEnd { .. } => "scenario_end",
        }
    }
    /// Every tag, so summaries list zero counts too.
    pub const TAGS: &'static [&'static str] = &[
        "scenario_start",
        "launch",
        "departure",
        "burnout",
        "apogee",
        "waypoint",
        "impact",
        "arrival",
        "scenario_end",
    ];
}

/// One row of `truth.csv`: an object's true state at a sample time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TruthRow {
    /// Simulation time, seconds.
    pub t_s: f64,
    /// Dense object id.
    pub object_id: u32,
    /// Scenario name.
    pub object: String,
    /// Object kind.
    pub kind: &'static str,
    /// `friendly`, `neutral` or `hostile`.
    pub side: &'static str,
    /// Nation trigraph, empty if none.
    pub nation: String,
    /// Geodetic latitude, degrees.
    pub lat_deg: f64,
    /// Longitude, degrees.
    pub lon_deg: f64,
    /// Ellipsoidal altitude, metres.
    pub alt_m: f64,
    /// ECEF x, metres.
    pub x_m: f64,
    /// ECEF y, metres.
    pub y_m: f64,
    /// ECEF z, metres.
    pub z_m: f64,
    /// ECEF velocity x, m/s.
    pub vx_mps: f64,
    /// ECEF velocity y, m/s.
    pub vy_mps: f64,
    /// ECEF velocity z, m/s.
    pub vz_mps: f64,
    /// Speed relative to the Earth, m/s.
    pub speed_mps: f64,
}

/// Receives a run's records as they are produced (the CLI writes files; tests digest).
pub trait Recorder {
    /// An event, in processing order.
    fn event(&mut self, event: &LogEvent);
    /// A truth sample row.
    fn truth(&mut self, row: &TruthRow);
}

/// Discards everything (benchmarks).
#[derive(Debug, Default)]
pub struct NullRecorder;

impl Recorder for NullRecorder {
    fn event(&mut self, _: &LogEvent) {}
    fn truth(&mut self, _: &TruthRow) {}
}

/// Keeps everything in memory (tests, small runs).
#[derive(Debug, Default)]
pub struct MemoryRecorder {
    /// Events in order.
    pub events: Vec<LogEvent>,
    /// Truth rows in order.
    pub truth: Vec<TruthRow>,
}

impl Recorder for MemoryRecorder {
    fn event(&mut self, event: &LogEvent) {
        self.events.push(event.clone());
    }
    fn truth(&mut self, row: &TruthRow) {
        self.truth.push(row.clone());
    }
}
