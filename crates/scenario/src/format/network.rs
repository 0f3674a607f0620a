//! Format tables of the alliance network: `[network]` (sharing, fusion, reporting
//! responsibility, releasability by track class), `[[link]]`, `[[adversary]]`, and the
//! `release_to` and `signing_key` keys of sensors and nodes.
//!
//! The `[network]` defaults are those of `sim::NetworkConfig::defaults` (a unit test keeps the
//! two equal); the PRIMER sections named there say where they come from.

use super::*;
use crate::spec::ListSpec;

/// Nation ids, each at most once (roster membership is checked by the builders).
static NATIONS: ListSpec = ListSpec {
    item: NATION_REF,
    min_items: 0,
    max_items: usize::MAX,
    unique: true,
    expected: "an array of nation ids such as [\"USA\", \"JPN\"]",
};

/// Longest heartbeat or frame period, seconds.
const PERIOD_MAX_S: f64 = 3600.0;
/// Slowest link, bit/s.
const BANDWIDTH_MIN_BPS: f64 = 100.0;
/// Fastest link, bit/s.
const BANDWIDTH_MAX_BPS: f64 = 1.0e11;

/// `release_to` of a `[[sensor]]` or `[[node]]`.
pub(super) const RELEASE_TO: FieldSpec = field(
    "release_to",
    Kind::List(&NATIONS),
    OPT,
    "Nations its data may reach (must include its own; absent: every nation in the roster).",
);

/// `signing_key` of a `[[node]]`.
pub(super) const SIGNING_KEY: FieldSpec = field(
    "signing_key",
    Kind::Text(Text::SigningKey),
    OPT,
    "Ed25519 secret seed of the node's data-link signatures, notional (absent: derived from the run's seed).",
);

/// `[network]`.
pub(crate) static NETWORK: TableSpec = TableSpec {
    name: "network",
    doc: "How nodes share and fuse data (absent: every default below).",
    tag: None,
    conflicts: &[],
    fields: &[
        field(
            "sharing",
            Kind::Enum(&["none", "track", "measurement"]),
            Presence::Default(DefaultValue::Text("track")),
            "What nodes share: nothing, local tracks under reporting responsibility (Link 16-like), or detections (CEC-like).",
        ),
        field(
            "fusion",
            Kind::Enum(&["ci", "naive", "bar_shalom_campo"]),
            Presence::Default(DefaultValue::Text("ci")),
            "Track-to-track fusion rule: covariance intersection, independence assumed, or Bar-Shalom-Campo with a constant correlation.",
        ),
        field(
            "correlation",
            num(NONE, Bound::Incl(0.0), Bound::Excl(1.0)),
            Presence::DefaultBy {
                by: "fusion",
                values: &[("bar_shalom_campo", DefaultValue::Num(0.3))],
            },
            "Error correlation coefficient of two tracks (only with fusion = \"bar_shalom_campo\").",
        ),
        field(
            "report_drift_m",
            num(M, Bound::Incl(1.0), Bound::Incl(1.0e6)),
            dflt_num(200.0),
            "Report a track when the peers' dead-reckoned position would be off by more than this, metres.",
        ),
        field(
            "heartbeat_s",
            num(S, Bound::Incl(MIN_PERIOD_S), Bound::Incl(PERIOD_MAX_S)),
            dflt_num(12.0),
            "Report every reported track at least this often, seconds.",
        ),
        field(
            "refresh_s",
            num(S, Bound::Incl(0.0), Bound::Incl(PERIOD_MAX_S)),
            dflt_num(4.0),
            "Re-send a reported track once its last report is this old if the reporter has measured it since, seconds (0: at the next frame after every new measurement). Without it the peers' data can age by a whole heartbeat while dead reckoning stays within report_drift_m.",
        ),
        field(
            "frame_period_s",
            num(S, Bound::Incl(MIN_PERIOD_S), Bound::Incl(PERIOD_MAX_S)),
            dflt_num(1.0),
            "How often a node sends its frame of due messages, seconds (at most heartbeat_s).",
        ),
        field(
            "r2_margin",
            Kind::Integer { min: 0, max: 15 },
            dflt_int(2),
            "Track-quality margin by which another holder must beat the reporter to take over reporting responsibility.",
        ),
        field(
            "takeover_heartbeats",
            Kind::Integer { min: 1, max: 1000 },
            dflt_int(3),
            "Reporter silent for this many heartbeats: the best other holder takes over.",
        ),
        field(
            "ir_cueing",
            Kind::Bool,
            dflt_bool(true),
            "Space-IR launch reports cue the trackers of the nations they are releasable to: a tentative track flying from the reported launch point confirms with 2 hits instead of 3 (an early-warning broadcast outside the data link, no latency beyond the IR sensor's own).",
        ),
        field(
            "radar_cueing",
            Kind::Bool,
            dflt_bool(true),
            "Phased arrays with a time budget (max_track_fraction > 0) spend cued dwells on tracks their node holds and they do not (in their field of regard), and sweep a search sector toward each space-IR launch report releasable to them, so they acquire earlier than their search frame would (rotators cannot be cued). false: they dwell only on tracks they hold.",
        ),
        field(
            "release_ballistic",
            Kind::List(&NATIONS),
            OPT,
            "Nations data about ballistic tracks may reach (absent: every nation in the roster).",
        ),
        field(
            "release_air",
            Kind::List(&NATIONS),
            OPT,
            "Nations data about air-breathing tracks may reach (absent: every nation in the roster).",
        ),
    ],
    one_of: &[],
};

/// A `[start_s, end_s]` window.
static WINDOW: ListSpec = ListSpec {
    item: num(S, Bound::Incl(0.0), Bound::Incl(MAX_DURATION_S)),
    min_items: 2,
    max_items: 2,
    unique: false,
    expected: "a [start_s, end_s] pair of seconds",
};

/// Partition windows.
static WINDOWS: ListSpec = ListSpec {
    item: Kind::List(&WINDOW),
    min_items: 0,
    max_items: usize::MAX,
    unique: false,
    expected: "an array of [start_s, end_s] pairs of seconds such as [[900, 1020]]",
};

/// `[[link]]`.
pub(crate) static LINK: TableSpec = TableSpec {
    name: "link",
    doc: "A bidirectional network link between two C2 nodes.",
    tag: None,
    conflicts: &[],
    fields: &[
        field("name", NAME, REQ, "Unique link name."),
        field(
            "a",
            Kind::Text(Text::Ref(Entity::Node)),
            REQ,
            "One end (a node name).",
        ),
        field(
            "b",
            Kind::Text(Text::Ref(Entity::Node)),
            REQ,
            "The other end (a node name).",
        ),
        field(
            "latency_ms",
            num(MS, Bound::Incl(0.0), Bound::Incl(60_000.0)),
            REQ,
            "One-way latency, milliseconds.",
        ),
        field(
            "loss",
            PROB,
            dflt_num(0.0),
            "Probability a message is lost.",
        ),
        field(
            "bandwidth_bps",
            num(
                BPS,
                Bound::Incl(BANDWIDTH_MIN_BPS),
                Bound::Incl(BANDWIDTH_MAX_BPS),
            ),
            OPT,
            "Capacity, bit/s (absent: unlimited): 100 bit/s (a full 1500-byte frame serialises in 2 minutes; HF Link 11 is the slowest tactical link at ~1.2 kbit/s) to 100 Gbit/s (a frame's serialisation stays >= 8 ns on the 1-ns clock).",
        ),
        field(
            "jitter_ms",
            num(MS, Bound::Incl(0.0), Bound::Incl(60_000.0)),
            dflt_num(0.0),
            "Latency jitter: standard deviation of the extra delay, milliseconds.",
        ),
        field(
            "queue_bytes",
            Kind::Integer {
                min: 1500,
                max: 1_000_000_000,
            },
            dflt_int(65_536),
            "Transmit queue capacity per direction, bytes (at least one 1500-byte frame).",
        ),
        field(
            "overflow",
            Kind::Enum(&["drop_oldest", "drop_lowest_priority"]),
            Presence::Default(DefaultValue::Text("drop_oldest")),
            "What a full queue discards: the oldest message, or the lowest-priority one (oldest among equals).",
        ),
        field(
            "partitions",
            Kind::List(&WINDOWS),
            OPT,
            "Windows when the link is down, seconds after the start: each start < end, within the run, in order, not overlapping (absent: never).",
        ),
    ],
    one_of: &[],
};

/// `[[adversary]]`.
pub(crate) static ADVERSARY: TableSpec = TableSpec {
    name: "adversary",
    doc: "A hostile intruder on one link, injecting frames (notional, to exercise authentication).",
    tag: Some("kind"),
    conflicts: &[],
    fields: &[
        field("name", NAME, REQ, "Unique adversary name."),
        field(
            "kind",
            Kind::Enum(&["spoof", "replay", "tamper", "unknown_key"]),
            REQ,
            "Spoof a node (signed with the adversary's own key), replay captured frames, tamper with captured frames, or send from a node id nobody has a key for.",
        ),
        field(
            "link",
            Kind::Text(Text::Ref(Entity::Link)),
            REQ,
            "The link it listens to and injects into.",
        ),
        field(
            "impersonate",
            Kind::Text(Text::Ref(Entity::Node)),
            Presence::RequiredFor(&["spoof"]),
            "The node it pretends to be (absent: the link's `a` end).",
        ),
        field(
            "start_s",
            TIME_IN_RUN,
            dflt_num(0.0),
            "First injection, seconds after the start (before the end).",
        ),
        field(
            "period_s",
            num(S, Bound::Incl(MIN_PERIOD_S), Bound::Incl(PERIOD_MAX_S)),
            dflt_num(10.0),
            "Interval between injections, seconds.",
        ),
    ],
    one_of: &[],
};
