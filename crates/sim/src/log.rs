//! The run's records: simulation events (`events.jsonl`) and truth samples (`truth.csv`).
//!
//! These are the serialisation boundary of the engine (STYLE §2): records are plain data with
//! stable field names, written in agenda order. Times appear twice: `t_ns` (exact integer, the
//! source of truth) and `t_s` (for humans and plotting). Name cells of the CSV records are
//! written [`spreadsheet_safe`].

use serde::{Serialize, Serializer};

/// A text cell as spreadsheet tools should see it: one that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be read as a formula (CSV injection), so it gets a leading
/// `'`, the neutralisation those tools expect. So does one that already starts with `'`, which
/// keeps the encoding reversible: a reader drops one leading `'` from a cell that has one
/// (the audit does). Other text is unchanged.
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `serialize_with` for the name cells of the CSV records.
fn csv_text<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&spreadsheet_safe(text))
}

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
    /// A space-based IR report reaches its node: a launch-event report also cues the trackers
    /// of the nations it is releasable to (`[network] ir_cueing`).
    Cue {
        /// Reporting sensor.
        sensor: String,
        /// Detection id (`sensor:seq`, the `detection` column of `detections.csv`).
        detection: String,
        /// When it was measured, seconds.
        t_measured_s: f64,
    },
    /// The first detection of a threat by any sensor (a scoring event: the engine joins the
    /// truth label; no C2 node knows this).
    FirstDetection {
        /// The threat.
        #[serde(flatten)]
        object: ObjectRef,
        /// Detecting sensor.
        sensor: String,
        /// Its nation.
        nation: String,
        /// Seconds from launch to the measurement.
        since_launch_s: f64,
    },
    /// A flight leaves the scenario (lands or ends its route).
    Arrival {
        /// The object.
        #[serde(flatten)]
        object: ObjectRef,
    },
    /// A node with identification authority declared a track's identity.
    IdentityChange {
        /// Network track number (or local number) in the declaring node's picture.
        track: u32,
        /// The declaring node (the authority).
        node: String,
        /// Previous identity.
        from: &'static str,
        /// New identity.
        to: &'static str,
        /// Why (the identification rule that fired).
        reason: &'static str,
    },
    /// An engagement decision for a (fire unit, track) pair changed: permitted, denied (with the
    /// reason) or awaiting approval. Logged on every change of verdict, so every decision a
    /// fire unit acted on is on record.
    EngagementDecision {
        /// Fire unit.
        fire_unit: String,
        /// Track number in the planning node's picture.
        track: u32,
        /// `permit`, `deny` or `needs_approval`.
        decision: &'static str,
        /// Reason code (the denying predicate, or the approval level).
        reason: &'static str,
    },
    /// How far a (fire unit, threat) pair got in the command's evaluation changed: the
    /// evidence the kill-chain attribution rests on for reach and capacity. Logged on every
    /// change, like `EngagementDecision`; a pair whose unit's node holds no track of the
    /// threat is not evaluated and logs nothing.
    EngagementOpportunity {
        /// Fire unit.
        fire_unit: String,
        /// Track number in the planning node's picture (the threat's representative track).
        track: u32,
        /// `no_window` (no intercept inside the envelope before the predicted impact, or the
        /// interceptor cannot kill this class), `no_capacity` (a window, but no round left or
        /// no free channel: the ROE is not judged), `denied` (a window, refused by the ROE:
        /// the `engagement_decision` carries the reason), `below_min_pk` (a window the ROE
        /// permits, at a planned Pk below the doctrine's minimum), `offered` (given to the
        /// weapon-target assignment).
        outcome: &'static str,
    },
    /// A fire order: the weapon-target assignment gave one round of a fire unit to a track (a
    /// salvo is several orders at once). The round launches at `launch_t_s` unless the order is
    /// cancelled first.
    EngagementOrder {
        /// Fire unit.
        fire_unit: String,
        /// Engagement number (run-unique; the `interceptor_launch` of this round carries it).
        engagement: u64,
        /// Track ordered engaged, in the fire unit's node picture.
        track: u32,
        /// Interceptor type.
        interceptor: String,
        /// Planned kill probability.
        planned_pk: f64,
        /// Planned launch time, seconds.
        launch_t_s: f64,
    },
    /// A fire unit launched an interceptor.
    InterceptorLaunch {
        /// Fire unit.
        fire_unit: String,
        /// Engagement number (run-unique).
        engagement: u64,
        /// Track engaged.
        track: u32,
        /// Interceptor type.
        interceptor: String,
        /// True if the order was planned on remote data: a track none of the unit's own
        /// fire-control sensors contributed to.
        on_remote: bool,
        /// Whose sensors the track the round guides on at launch comes from, seen from the
        /// unit: `own_sensors`, `own_node`, `own_nation` or `ally` (under launch-on-remote
        /// always `own_sensors`).
        provenance: &'static str,
        /// True if fired in self-defence.
        self_defence: bool,
        /// Planned kill probability.
        planned_pk: f64,
        /// Planned intercept time, seconds.
        intercept_t_s: f64,
        /// Launcher position at launch, latitude, degrees.
        launcher_lat_deg: f64,
        /// Launcher longitude, degrees.
        launcher_lon_deg: f64,
        /// Launcher altitude, m.
        launcher_alt_m: f64,
        /// Planned intercept point, latitude, degrees.
        aim_lat_deg: f64,
        /// Planned intercept point, longitude, degrees.
        aim_lon_deg: f64,
        /// Planned intercept point, altitude, m.
        aim_alt_m: f64,
    },
    /// An interceptor reached its intercept point (the engine scores it against truth).
    Intercept {
        /// Fire unit.
        fire_unit: String,
        /// Engagement number.
        engagement: u64,
        /// Track engaged.
        track: u32,
        /// The truth object the seeker acquired, if any was in range and in view (scoring join).
        object: Option<String>,
        /// Its side (`hostile`, `friendly`, `neutral`).
        side: Option<&'static str>,
        /// Miss distance, metres.
        miss_m: Option<f64>,
        /// Whether the object was destroyed.
        killed: bool,
        /// Set when the seeker acquired another object than the one the guiding track
        /// followed (or the track followed none): why.
        wrong_object: Option<String>,
        /// Intercept latitude, degrees.
        lat_deg: f64,
        /// Intercept longitude, degrees.
        lon_deg: f64,
        /// Intercept altitude, metres.
        alt_m: f64,
    },
    /// An engagement was called off (a round not yet launched stays in the launcher; one in
    /// flight is destroyed before it reaches the intercept point).
    EngagementAborted {
        /// Fire unit.
        fire_unit: String,
        /// Engagement number.
        engagement: u64,
        /// Track it was engaging.
        track: u32,
        /// Whether the interceptor had left the launcher.
        launched: bool,
        /// Why: `friend_or_neutral` (hold fire), `target_assessed_killed`,
        /// `intercept_after_impact`, `left_envelope_<min_range|max_range|min_altitude|max_altitude>`.
        reason: &'static str,
    },
    /// Sensors assessed an intercept.
    KillAssessment {
        /// Engagement number.
        engagement: u64,
        /// Track engaged.
        track: u32,
        /// What the assessment reported.
        reported_killed: bool,
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
            EventKind::Cue { .. } => "cue",
            EventKind::FirstDetection { .. } => "first_detection",
            EventKind::Arrival { .. } => "arrival",
            EventKind::IdentityChange { .. } => "identity_change",
            EventKind::EngagementDecision { .. } => "engagement_decision",
            EventKind::EngagementOpportunity { .. } => "engagement_opportunity",
            EventKind::EngagementOrder { .. } => "engagement_order",
            EventKind::InterceptorLaunch { .. } => "interceptor_launch",
            EventKind::Intercept { .. } => "intercept",
            EventKind::EngagementAborted { .. } => "engagement_aborted",
            EventKind::KillAssessment { .. } => "kill_assessment",
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
        "cue",
        "first_detection",
        "arrival",
        "identity_change",
        "engagement_decision",
        "engagement_opportunity",
        "engagement_order",
        "interceptor_launch",
        "intercept",
        "engagement_aborted",
        "kill_assessment",
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
    #[serde(serialize_with = "csv_text")]
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

/// One row of `detections.csv`: a delivered detection, with the truth label joined in for
/// analysis (the label is never given to trackers).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DetectionRow {
    /// Measurement time, seconds.
    pub t_s: f64,
    /// Delivery time at the sensor's node, seconds.
    pub t_delivered_s: f64,
    /// Detection id, `sensor:seq`.
    #[serde(serialize_with = "csv_text")]
    pub detection: String,
    /// Sensor name.
    #[serde(serialize_with = "csv_text")]
    pub sensor: String,
    /// Sensor nation.
    pub nation: String,
    /// `radar` or `space_ir`.
    pub sensor_kind: &'static str,
    /// `real` or `false` (false alarm).
    pub truth: &'static str,
    /// Truth object name for real detections, empty for false alarms.
    #[serde(serialize_with = "csv_text")]
    pub object: String,
    /// Measured range, m.
    pub range_m: Option<f64>,
    /// Measured azimuth, degrees from north.
    pub az_deg: Option<f64>,
    /// Measured elevation, degrees.
    pub el_deg: Option<f64>,
    /// Measured range rate, m/s.
    pub range_rate_mps: Option<f64>,
    /// Range noise standard deviation, m.
    pub sigma_range_m: Option<f64>,
    /// Azimuth noise standard deviation, degrees.
    pub sigma_az_deg: Option<f64>,
    /// Elevation noise standard deviation, degrees.
    pub sigma_el_deg: Option<f64>,
    /// Line-of-sight unit vector x (ECEF), angles-only reports.
    pub los_x: Option<f64>,
    /// Line-of-sight unit vector y (ECEF).
    pub los_y: Option<f64>,
    /// Line-of-sight unit vector z (ECEF).
    pub los_z: Option<f64>,
    /// Measured SNR, dB.
    pub snr_db: f64,
    /// IFF result: `not_interrogated`, `no_reply`, `military` or `civil`.
    pub iff: &'static str,
    /// Latitude of the measured point, degrees.
    pub lat_deg: Option<f64>,
    /// Longitude of the measured point, degrees.
    pub lon_deg: Option<f64>,
    /// Altitude of the measured point, m.
    pub alt_m: Option<f64>,
}

/// One row of `tracks.csv`: a node's confirmed local track at a truth-sample instant.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrackRow {
    /// Sample time, seconds.
    pub t_s: f64,
    /// C2 node name.
    #[serde(serialize_with = "csv_text")]
    pub node: String,
    /// `local` (the node's first-hand tracks, under track sharing) or `picture` (what the node
    /// holds: common picture, composite tracks, or its local tracks when nothing is shared).
    pub layer: &'static str,
    /// Track number: the local number for local and unshared tracks, the network track
    /// number in a common picture.
    pub track: u32,
    /// Track quality 0–15.
    pub quality: u8,
    /// Estimated latitude, degrees.
    pub lat_deg: f64,
    /// Estimated longitude, degrees.
    pub lon_deg: f64,
    /// Estimated altitude, m.
    pub alt_m: f64,
    /// Estimated ECEF x, m.
    pub x_m: f64,
    /// Estimated ECEF y, m.
    pub y_m: f64,
    /// Estimated ECEF z, m.
    pub z_m: f64,
    /// Estimated ECEF velocity x, m/s.
    pub vx_mps: f64,
    /// Estimated ECEF velocity y, m/s.
    pub vy_mps: f64,
    /// Estimated ECEF velocity z, m/s.
    pub vz_mps: f64,
    /// √(trace of the position covariance), m.
    pub sigma_pos_m: f64,
    /// Time of the last measurement update, seconds (common-picture rows: the freshest
    /// measurement behind any contributor, carried over the link as the update age).
    pub last_update_s: f64,
    /// IMM mode probabilities, space-separated (CV, ballistic).
    pub mode_probabilities: String,
}

/// Receives a run's records as they are produced (the CLI writes files; tests digest).
pub trait Recorder {
    /// An event, in processing order.
    fn event(&mut self, event: &LogEvent);
    /// A truth sample row.
    fn truth(&mut self, row: &TruthRow);
    /// A delivered detection.
    fn detection(&mut self, row: &DetectionRow);
    /// A node's confirmed track at a sample instant.
    fn track(&mut self, row: &TrackRow);
}

/// Discards everything (benchmarks).
#[derive(Debug, Default)]
pub struct NullRecorder;

impl Recorder for NullRecorder {
    fn event(&mut self, _: &LogEvent) {}
    fn truth(&mut self, _: &TruthRow) {}
    fn detection(&mut self, _: &DetectionRow) {}
    fn track(&mut self, _: &TrackRow) {}
}

/// Keeps everything in memory (tests, small runs).
#[derive(Debug, Default)]
pub struct MemoryRecorder {
    /// Events in order.
    pub events: Vec<LogEvent>,
    /// Truth rows in order.
    pub truth: Vec<TruthRow>,
    /// Detection rows in order.
    pub detections: Vec<DetectionRow>,
    /// Track rows in order.
    pub tracks: Vec<TrackRow>,
}

impl Recorder for MemoryRecorder {
    fn event(&mut self, event: &LogEvent) {
        self.events.push(event.clone());
    }
    fn truth(&mut self, row: &TruthRow) {
        self.truth.push(row.clone());
    }
    fn detection(&mut self, row: &DetectionRow) {
        self.detections.push(row.clone());
    }
    fn track(&mut self, row: &TrackRow) {
        self.tracks.push(row.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    /// Issue 18: a name that a spreadsheet would run as a formula gets a leading `'`; so does
    /// one that starts with `'`, so dropping one leading `'` always gives the name back.
    #[test]
    fn issue_18_name_cells_are_neutralised_reversibly() {
        for name in ["JPN-RADAR", "SRBM-1", "x=1", "café", ""] {
            assert_eq!(spreadsheet_safe(name), name, "left as it is");
        }
        for name in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-CIV",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'=x",
            "'",
        ] {
            let cell = spreadsheet_safe(name);
            assert_eq!(cell, format!("'{name}"), "neutralised");
            assert_eq!(cell.strip_prefix('\''), Some(name), "reversible");
        }
    }
}
