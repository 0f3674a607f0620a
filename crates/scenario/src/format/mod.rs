//! The scenario format, version 1: every table and key, as data (see [`crate::spec`]).
//!
//! To add a key (say a fire unit's reload time): add a
//! [`FieldSpec`] here, read it in the matching `build/` module, and bless the README table
//! (`KIZUNA_BLESS=1 cargo test -p scenario`). The walker, JSON Schema and README follow.
//! Defaults that depend on another key's value (`Presence::DefaultBy`) and keys that exclude
//! each other (`TableSpec::conflicts`) are data here too.

mod engagement;
mod forces;
mod network;
mod places;
mod sensing;

pub(crate) use engagement::{C2, IDENTIFICATION, INTERCEPTOR, WCS, ZONE};
pub(crate) use forces::{FIRE_UNIT, NODE, THREAT, TRAFFIC};
pub(crate) use network::{ADVERSARY, LINK, NETWORK};
pub(crate) use places::{ASSET, NATION, ORBIT, PLATFORM, POSITION, ROUTE_POINT};
pub(crate) use sensing::SENSOR;

use crate::spec::units::{BPS, DEG, DEG_S, KG_M2, KM, M, MPS, MS, NONE, PROBABILITY, S};
use crate::spec::{
    Bound, Conflict, DefaultValue, Entity, FieldSpec, Kind, OneOf, Presence, TableSpec, Text, Unit,
};

/// The format version this build reads.
pub(crate) const FORMAT_VERSION: i64 = 1;
/// Longest scenario, seconds (10 days): bounds precomputation and keeps times far from overflow.
pub(crate) const MAX_DURATION_S: f64 = 864_000.0;
/// Most missiles one `[[threat]]` salvo may expand to.
pub(crate) const MAX_SALVO: i64 = 1000;
/// Lowest and highest altitude of any point, metres (Dead Sea shore to the Kármán line).
const ALT_MIN_M: f64 = -500.0;
const ALT_MAX_M: f64 = 100_000.0;
/// Fastest speed of anything the format moves, m/s (well above any IRBM's burnout speed).
const SPEED_MAX_MPS: f64 = 10_000.0;
/// Shortest period of anything the engine schedules over and over (frames, heartbeats, truth
/// samples, injections), seconds: 10 ms, about one Link 16 time slot (7.8 ms), a thousand
/// times the engine's 1-ns resolution and ten times the millisecond a frame is stamped in.
pub(crate) const MIN_PERIOD_S: f64 = 0.01;
/// Shortest sensor revisit and decision period, seconds: a sensor's scan is one batch of
/// detections and a decision epoch one weapon-target assignment, so 0.1 s (10 Hz, the
/// fastest track-update rate of fire-control radars) is the finest the models mean.
pub(crate) const MIN_REVISIT_S: f64 = 0.1;

/// The ballistic threat classes.
pub(crate) const BALLISTIC: &[&str] = &["srbm", "mrbm", "irbm"];

const fn num(unit: Unit, min: Bound, max: Bound) -> Kind {
    Kind::Number { unit, min, max }
}
const fn field(key: &'static str, kind: Kind, presence: Presence, doc: &'static str) -> FieldSpec {
    FieldSpec {
        key,
        kind,
        presence,
        only_for: None,
        doc,
    }
}
const fn only(
    tags: &'static [&'static str],
    key: &'static str,
    kind: Kind,
    presence: Presence,
    doc: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        kind,
        presence,
        only_for: Some(tags),
        doc,
    }
}
const REQ: Presence = Presence::Required;
const OPT: Presence = Presence::Optional;
const fn dflt_num(v: f64) -> Presence {
    Presence::Default(DefaultValue::Num(v))
}
const fn dflt_int(v: i64) -> Presence {
    Presence::Default(DefaultValue::Int(v))
}
const fn dflt_bool(v: bool) -> Presence {
    Presence::Default(DefaultValue::Bool(v))
}
const NAME: Kind = Kind::Text(Text::Name);
const NATION_REF: Kind = Kind::Text(Text::Ref(Entity::Nation));
const LAT: Kind = num(DEG, Bound::Incl(-90.0), Bound::Incl(90.0));
const LON: Kind = num(DEG, Bound::Incl(-180.0), Bound::Incl(360.0));
const ALT: Kind = num(M, Bound::Incl(ALT_MIN_M), Bound::Incl(ALT_MAX_M));
const SPEED: Kind = num(MPS, Bound::Excl(0.0), Bound::Incl(SPEED_MAX_MPS));
const TIME_IN_RUN: Kind = num(S, Bound::Incl(0.0), Bound::Incl(MAX_DURATION_S));
const JITTER: Kind = num(S, Bound::Incl(0.0), Bound::Incl(3600.0));
const BANK: Kind = num(DEG, Bound::Excl(0.0), Bound::Excl(90.0));
const CLIMB: Kind = num(MPS, Bound::Excl(0.0), Bound::Incl(1000.0));
const PROB: Kind = num(PROBABILITY, Bound::Incl(0.0), Bound::Incl(1.0));

/// The whole file.
pub(crate) static ROOT: TableSpec = TableSpec {
    name: "scenario_file",
    doc: "A Kizuna scenario (format version 1).",
    tag: None,
    conflicts: &[],
    fields: &[
        field(
            "format_version",
            Kind::Version,
            REQ,
            "Format version of this file; this build reads 1.",
        ),
        field(
            "scenario",
            Kind::Table(&SCENARIO),
            REQ,
            "Name, start time, duration, seed.",
        ),
        field(
            "nation",
            Kind::Tables {
                spec: &NATION,
                min_items: 1,
            },
            REQ,
            "Participating nations (at most 8: the data link's release mask is one byte).",
        ),
        field(
            "asset",
            Kind::Tables {
                spec: &ASSET,
                min_items: 0,
            },
            OPT,
            "Defended assets.",
        ),
        field(
            "platform",
            Kind::Tables {
                spec: &PLATFORM,
                min_items: 0,
            },
            OPT,
            "Sensor and fire-unit carriers.",
        ),
        field(
            "sensor",
            Kind::Tables {
                spec: &SENSOR,
                min_items: 0,
            },
            OPT,
            "Sensors: placement, ownership and parameters.",
        ),
        field(
            "interceptor",
            Kind::Tables {
                spec: &INTERCEPTOR,
                min_items: 0,
            },
            OPT,
            "Interceptor types (notional) fire units carry.",
        ),
        field(
            "fire_unit",
            Kind::Tables {
                spec: &FIRE_UNIT,
                min_items: 0,
            },
            OPT,
            "Interceptor fire units.",
        ),
        field(
            "threat",
            Kind::Tables {
                spec: &THREAT,
                min_items: 0,
            },
            OPT,
            "Hostile missiles and salvos.",
        ),
        field(
            "traffic",
            Kind::Tables {
                spec: &TRAFFIC,
                min_items: 0,
            },
            OPT,
            "Friendly and neutral air traffic (never to be engaged).",
        ),
        field(
            "node",
            Kind::Tables {
                spec: &NODE,
                min_items: 1,
            },
            REQ,
            "C2 nodes (command structure).",
        ),
        field(
            "link",
            Kind::Tables {
                spec: &LINK,
                min_items: 0,
            },
            OPT,
            "Network links between C2 nodes.",
        ),
        field(
            "network",
            Kind::Table(&NETWORK),
            OPT,
            "Sharing, fusion and releasability settings (absent: the defaults).",
        ),
        field(
            "adversary",
            Kind::Tables {
                spec: &ADVERSARY,
                min_items: 0,
            },
            OPT,
            "Hostile network intruders.",
        ),
        field(
            "zone",
            Kind::Tables {
                spec: &ZONE,
                min_items: 0,
            },
            OPT,
            "No-fire areas and areas WCS orders refer to.",
        ),
        field(
            "wcs",
            Kind::Tables {
                spec: &WCS,
                min_items: 0,
            },
            OPT,
            "Weapons control status orders by nation, class, zone and time.",
        ),
        field(
            "c2",
            Kind::Table(&C2),
            OPT,
            "Engagement doctrine (absent: the defaults).",
        ),
        field(
            "identification",
            Kind::Table(&IDENTIFICATION),
            OPT,
            "Identification thresholds (absent: the defaults).",
        ),
    ],
    one_of: &[],
};

/// `[scenario]`.
pub(crate) static SCENARIO: TableSpec = TableSpec {
    name: "scenario",
    doc: "What the run is: name, start time, duration, seed.",
    tag: None,
    conflicts: &[],
    fields: &[
        field("name", NAME, REQ, "Scenario name (used for output files)."),
        field("description", Kind::Text(Text::Free), OPT, "Free text."),
        field(
            "start",
            Kind::Text(Text::Timestamp),
            REQ,
            "Start as an RFC 3339 UTC timestamp, YYYY-MM-DDTHH:MM:SSZ (simulation time 0).",
        ),
        field(
            "duration_s",
            num(S, Bound::Incl(1.0), Bound::Incl(MAX_DURATION_S)),
            REQ,
            "How long to simulate, seconds.",
        ),
        field(
            "seed",
            Kind::Integer {
                min: 0,
                max: i64::MAX,
            },
            REQ,
            "Master random seed (a non-negative integer).",
        ),
        field(
            "truth_sample_s",
            num(S, Bound::Incl(MIN_PERIOD_S), Bound::Incl(3600.0)),
            dflt_num(1.0),
            "Truth output sample period, seconds.",
        ),
    ],
    one_of: &[],
};

/// Every table, in document order (for the schema's `$defs` and the README).
pub(crate) static ALL_TABLES: &[&TableSpec] = &[
    &ROOT,
    &SCENARIO,
    &NATION,
    &ASSET,
    &PLATFORM,
    &SENSOR,
    &INTERCEPTOR,
    &FIRE_UNIT,
    &THREAT,
    &TRAFFIC,
    &NODE,
    &LINK,
    &NETWORK,
    &ADVERSARY,
    &ZONE,
    &WCS,
    &C2,
    &IDENTIFICATION,
    &POSITION,
    &ROUTE_POINT,
    &ORBIT,
];
