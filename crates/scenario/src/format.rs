//! The scenario format, version 1: every table and key, as data (see [`crate::spec`]).
//!
//! To add a key (say a radar's power when the sensors work lands): add a [`FieldSpec`] here,
//! read it in the matching `build/` module, and bless the README table
//! (`KIZUNA_BLESS=1 cargo test -p scenario`). The walker, JSON Schema and README follow.

use crate::spec::units::{BPS, DEG, DEG_S, KG_M2, KM, M, MPS, MS, NONE, PROBABILITY, S};
use crate::spec::{
    Bound, DefaultValue, Entity, FieldSpec, Kind, OneOf, Presence, TableSpec, Text, Unit,
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
            "Participating nations.",
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
            "Sensors (placement and ownership).",
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
    ],
    one_of: &[],
};

/// `[scenario]`.
pub(crate) static SCENARIO: TableSpec = TableSpec {
    name: "scenario",
    doc: "What the run is: name, start time, duration, seed.",
    tag: None,
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
            num(S, Bound::Excl(0.0), Bound::Incl(MAX_DURATION_S)),
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
            num(S, Bound::Excl(0.0), Bound::Incl(3600.0)),
            dflt_num(1.0),
            "Truth output sample period, seconds.",
        ),
    ],
    one_of: &[],
};

/// `[[nation]]`.
pub(crate) static NATION: TableSpec = TableSpec {
    name: "nation",
    doc: "A participating nation.",
    tag: None,
    fields: &[
        field(
            "id",
            Kind::Text(Text::Nation),
            REQ,
            "ISO 3166 alpha-3 code, e.g. \"USA\", \"JPN\", \"AUS\".",
        ),
        field("name", NAME, REQ, "Display name."),
    ],
    one_of: &[],
};

/// `[[asset]]`.
pub(crate) static ASSET: TableSpec = TableSpec {
    name: "asset",
    doc: "A defended asset: a circle around a point.",
    tag: None,
    fields: &[
        field("name", NAME, REQ, "Unique asset name."),
        field(
            "nation",
            NATION_REF,
            REQ,
            "Owning nation (a declared nation id).",
        ),
        field("lat_deg", LAT, REQ, "Centre latitude, degrees north."),
        field("lon_deg", LON, REQ, "Centre longitude, degrees east."),
        field(
            "alt_m",
            ALT,
            dflt_num(0.0),
            "Centre height above the WGS-84 ellipsoid, metres.",
        ),
        field(
            "radius_m",
            num(M, Bound::Excl(0.0), Bound::Incl(1.0e6)),
            REQ,
            "Radius of the defended area, metres.",
        ),
        field(
            "value",
            num(NONE, Bound::Excl(0.0), Bound::Incl(1.0e6)),
            REQ,
            "Relative value (> 0).",
        ),
    ],
    one_of: &[],
};

/// A point with optional altitude (launch and aim points).
pub(crate) static POSITION: TableSpec = TableSpec {
    name: "position",
    doc: "A geodetic point.",
    tag: None,
    fields: &[
        field("lat_deg", LAT, REQ, "Latitude, degrees north."),
        field("lon_deg", LON, REQ, "Longitude, degrees east."),
        field(
            "alt_m",
            ALT,
            dflt_num(0.0),
            "Height above the WGS-84 ellipsoid, metres.",
        ),
    ],
    one_of: &[],
};

/// One point of a route.
pub(crate) static ROUTE_POINT: TableSpec = TableSpec {
    name: "route_point",
    doc: "A waypoint. Ships: no alt_m (sea level). Aircraft and cruise missiles: alt_m required.",
    tag: None,
    fields: &[
        field("lat_deg", LAT, REQ, "Latitude, degrees north."),
        field("lon_deg", LON, REQ, "Longitude, degrees east."),
        field(
            "alt_m",
            ALT,
            OPT,
            "Altitude to fly towards this point, metres (required in the air, absent at sea).",
        ),
        field(
            "speed_mps",
            SPEED,
            OPT,
            "Ground speed from this point on, m/s (default: keep the previous speed).",
        ),
    ],
    one_of: &[],
};

/// An airborne orbit.
pub(crate) static ORBIT: TableSpec = TableSpec {
    name: "orbit",
    doc: "A circular holding orbit.",
    tag: None,
    fields: &[
        field("lat_deg", LAT, REQ, "Centre latitude, degrees north."),
        field("lon_deg", LON, REQ, "Centre longitude, degrees east."),
        field(
            "alt_m",
            num(M, Bound::Excl(0.0), Bound::Incl(ALT_MAX_M)),
            REQ,
            "Orbit altitude, metres.",
        ),
        field(
            "radius_m",
            num(M, Bound::Excl(0.0), Bound::Incl(500_000.0)),
            REQ,
            "Orbit radius, metres.",
        ),
        field(
            "clockwise",
            Kind::Bool,
            dflt_bool(true),
            "Clockwise seen from above.",
        ),
    ],
    one_of: &[],
};

const FIXED: &[&str] = &["fixed"];
const SHIP: &[&str] = &["ship"];
const AIRBORNE: &[&str] = &["airborne"];
const MOVING: &[&str] = &["ship", "airborne"];

/// `[[platform]]`.
pub(crate) static PLATFORM: TableSpec = TableSpec {
    name: "platform",
    doc: "A carrier of sensors and fire units: a fixed site, a ship, an aircraft or a geostationary satellite.",
    tag: Some("kind"),
    fields: &[
        field("name", NAME, REQ, "Unique platform name."),
        field("nation", NATION_REF, REQ, "Owning nation."),
        field(
            "kind",
            Kind::Enum(&["fixed", "ship", "airborne", "geostationary"]),
            REQ,
            "How it moves.",
        ),
        only(
            FIXED,
            "lat_deg",
            LAT,
            Presence::RequiredFor(FIXED),
            "Fixed site latitude, degrees north.",
        ),
        only(
            &["fixed", "geostationary"],
            "lon_deg",
            LON,
            Presence::RequiredFor(&["fixed", "geostationary"]),
            "Fixed site longitude, or the satellite's sub-satellite longitude, degrees east.",
        ),
        only(
            FIXED,
            "alt_m",
            ALT,
            dflt_num(0.0),
            "Fixed site height above the ellipsoid, metres.",
        ),
        only(
            MOVING,
            "route",
            Kind::Tables {
                spec: &ROUTE_POINT,
                min_items: 2,
            },
            Presence::RequiredFor(SHIP),
            "Waypoints (ship: required; airborne: route or orbit).",
        ),
        only(
            MOVING,
            "speed_mps",
            SPEED,
            Presence::RequiredFor(MOVING),
            "Speed, m/s.",
        ),
        only(
            MOVING,
            "repeat",
            Kind::Bool,
            dflt_bool(false),
            "Fly/sail the route again from its first point after the last (ships otherwise hold at the end; aircraft land).",
        ),
        only(
            SHIP,
            "max_turn_deg_s",
            num(DEG_S, Bound::Excl(0.0), Bound::Incl(30.0)),
            dflt_num(1.0),
            "Ship turn rate limit, degrees per second.",
        ),
        only(
            AIRBORNE,
            "orbit",
            Kind::Table(&ORBIT),
            OPT,
            "Circular orbit (airborne: route or orbit).",
        ),
        only(
            AIRBORNE,
            "max_bank_deg",
            BANK,
            dflt_num(30.0),
            "Bank angle limit for turns, degrees.",
        ),
        only(
            AIRBORNE,
            "max_climb_mps",
            CLIMB,
            dflt_num(15.0),
            "Climb/descent rate limit, m/s.",
        ),
    ],
    one_of: &[OneOf {
        keys: &["route", "orbit"],
        when: Some(AIRBORNE),
    }],
};

/// `[[sensor]]`.
pub(crate) static SENSOR: TableSpec = TableSpec {
    name: "sensor",
    doc: "A sensor's placement and ownership (its parameters come with the sensors work).",
    tag: None,
    fields: &[
        field("name", NAME, REQ, "Unique sensor name."),
        field(
            "nation",
            NATION_REF,
            REQ,
            "Owning nation (the platform's nation).",
        ),
        field(
            "platform",
            Kind::Text(Text::Ref(Entity::Platform)),
            REQ,
            "Carrier platform name.",
        ),
        field(
            "kind",
            Kind::Enum(&["radar", "space_ir"]),
            REQ,
            "Sensor kind (space_ir only on geostationary platforms).",
        ),
        field(
            "node",
            Kind::Text(Text::Ref(Entity::Node)),
            REQ,
            "C2 node it reports to (same nation, or the combined node).",
        ),
    ],
    one_of: &[],
};

/// `[[fire_unit]]`.
pub(crate) static FIRE_UNIT: TableSpec = TableSpec {
    name: "fire_unit",
    doc: "An interceptor battery or a ship's launcher group (parameters refined by the engagement work).",
    tag: None,
    fields: &[
        field("name", NAME, REQ, "Unique fire unit name."),
        field(
            "nation",
            NATION_REF,
            REQ,
            "Owning nation (the platform's nation).",
        ),
        field(
            "platform",
            Kind::Text(Text::Ref(Entity::Platform)),
            REQ,
            "Carrier: a fixed site or a ship.",
        ),
        field(
            "interceptor",
            NAME,
            REQ,
            "Interceptor type name (notional).",
        ),
        field(
            "inventory",
            Kind::Integer {
                min: 0,
                max: 10_000,
            },
            REQ,
            "Ready interceptors at start.",
        ),
        field(
            "channels",
            Kind::Integer { min: 1, max: 1000 },
            REQ,
            "Simultaneous engagements.",
        ),
        field(
            "node",
            Kind::Text(Text::Ref(Entity::Node)),
            REQ,
            "C2 node commanding it (same nation).",
        ),
    ],
    one_of: &[],
};

const CRUISE: &[&str] = &["cruise"];

/// `[[threat]]`.
pub(crate) static THREAT: TableSpec = TableSpec {
    name: "threat",
    doc: "A hostile missile, or a salvo of identical ones (count > 1).",
    tag: Some("class"),
    fields: &[
        field(
            "name",
            NAME,
            REQ,
            "Name; a salvo expands to name-1 … name-N.",
        ),
        field(
            "launch_area",
            Kind::Text(Text::LaunchArea),
            REQ,
            "Notional launch area label RED-<n>.",
        ),
        field(
            "class",
            Kind::Enum(&["srbm", "mrbm", "irbm", "cruise"]),
            REQ,
            "Threat class (srbm < 1000 km, mrbm 1000-3000 km, irbm 3000-5500 km ground range).",
        ),
        field(
            "launch_s",
            TIME_IN_RUN,
            REQ,
            "Launch time after the scenario start, seconds.",
        ),
        field(
            "count",
            Kind::Integer {
                min: 1,
                max: MAX_SALVO,
            },
            dflt_int(1),
            "Missiles in the salvo.",
        ),
        field(
            "interval_s",
            num(S, Bound::Incl(0.0), Bound::Incl(3600.0)),
            dflt_num(0.0),
            "Time between salvo launches, seconds.",
        ),
        field(
            "aim_cep_m",
            num(M, Bound::Incl(0.0), Bound::Incl(100_000.0)),
            dflt_num(0.0),
            "Circular error probable of the impact around the aim point, metres.",
        ),
        field(
            "launch_jitter_s",
            JITTER,
            dflt_num(0.0),
            "Standard deviation of launch-time jitter, seconds.",
        ),
        field(
            "target",
            Kind::Text(Text::Ref(Entity::Asset)),
            OPT,
            "Defended asset aimed at (ballistic: instead of aim; cruise: for scoring only).",
        ),
        only(
            BALLISTIC,
            "launch",
            Kind::Table(&POSITION),
            Presence::RequiredFor(BALLISTIC),
            "Launch point.",
        ),
        only(
            BALLISTIC,
            "aim",
            Kind::Table(&POSITION),
            OPT,
            "Aim point (or target).",
        ),
        only(
            BALLISTIC,
            "flight_time_s",
            num(S, Bound::Excl(0.0), Bound::Incl(7200.0)),
            OPT,
            "Shape: total time of flight, seconds.",
        ),
        only(
            BALLISTIC,
            "apogee_km",
            num(KM, Bound::Excl(0.0), Bound::Incl(5000.0)),
            OPT,
            "Shape: apogee altitude, kilometres.",
        ),
        only(
            BALLISTIC,
            "loft_deg",
            BANK,
            OPT,
            "Shape: thrust elevation at launch, degrees.",
        ),
        only(
            BALLISTIC,
            "burn_time_s",
            num(S, Bound::Excl(0.0), Bound::Incl(600.0)),
            Presence::RequiredFor(BALLISTIC),
            "Motor burn time, seconds.",
        ),
        only(
            BALLISTIC,
            "ballistic_coefficient_kg_m2",
            num(KG_M2, Bound::Excl(0.0), Bound::Incl(1.0e6)),
            OPT,
            "Re-entry vehicle ballistic coefficient, kg/m^2 (absent: no drag).",
        ),
        only(
            CRUISE,
            "route",
            Kind::Tables {
                spec: &ROUTE_POINT,
                min_items: 2,
            },
            Presence::RequiredFor(CRUISE),
            "Waypoints with alt_m, first = launch point, last = impact point.",
        ),
        only(
            CRUISE,
            "speed_mps",
            SPEED,
            Presence::RequiredFor(CRUISE),
            "Cruise speed, m/s.",
        ),
        only(
            CRUISE,
            "max_bank_deg",
            BANK,
            dflt_num(45.0),
            "Bank angle limit, degrees.",
        ),
        only(
            CRUISE,
            "max_climb_mps",
            CLIMB,
            dflt_num(50.0),
            "Climb/descent rate limit, m/s.",
        ),
    ],
    one_of: &[
        OneOf {
            keys: &["aim", "target"],
            when: Some(BALLISTIC),
        },
        OneOf {
            keys: &["flight_time_s", "apogee_km", "loft_deg"],
            when: Some(BALLISTIC),
        },
    ],
};

/// `[[traffic]]`.
pub(crate) static TRAFFIC: TableSpec = TableSpec {
    name: "traffic",
    doc: "A friendly or neutral flight that must never be engaged.",
    tag: Some("side"),
    fields: &[
        field("name", NAME, REQ, "Unique name (call sign)."),
        field(
            "kind",
            Kind::Enum(&["airliner", "fighter", "transport", "patrol"]),
            REQ,
            "Kind of aircraft.",
        ),
        field(
            "side",
            Kind::Enum(&["friendly", "neutral"]),
            REQ,
            "Friendly (allied military) or neutral (civil).",
        ),
        field(
            "nation",
            NATION_REF,
            Presence::RequiredFor(&["friendly"]),
            "Nation of operation (required for friendly).",
        ),
        field(
            "depart_s",
            TIME_IN_RUN,
            dflt_num(0.0),
            "Departure time after the scenario start, seconds.",
        ),
        field(
            "route",
            Kind::Tables {
                spec: &ROUTE_POINT,
                min_items: 2,
            },
            REQ,
            "Waypoints with alt_m.",
        ),
        field("speed_mps", SPEED, REQ, "Ground speed, m/s."),
        field(
            "max_bank_deg",
            BANK,
            dflt_num(25.0),
            "Bank angle limit, degrees.",
        ),
        field(
            "max_climb_mps",
            CLIMB,
            dflt_num(10.0),
            "Climb/descent rate limit, m/s.",
        ),
        field(
            "repeat",
            Kind::Bool,
            dflt_bool(false),
            "Fly the route again after the last point (patrols).",
        ),
        field(
            "departure_jitter_s",
            JITTER,
            dflt_num(0.0),
            "Standard deviation of departure-time jitter, seconds.",
        ),
        field(
            "iff_reliability",
            PROB,
            dflt_num(1.0),
            "Probability the IFF transponder answers correctly.",
        ),
    ],
    one_of: &[],
};

/// `[[node]]`.
pub(crate) static NODE: TableSpec = TableSpec {
    name: "node",
    doc: "A C2 node: exactly one combined node, national nodes under it, unit nodes under those.",
    tag: Some("role"),
    fields: &[
        field("name", NAME, REQ, "Unique node name."),
        field(
            "nation",
            NATION_REF,
            REQ,
            "Owning nation (the combined node: the lead nation).",
        ),
        field(
            "role",
            Kind::Enum(&["combined", "national", "unit"]),
            REQ,
            "Place in the hierarchy.",
        ),
        only(
            &["national", "unit"],
            "parent",
            Kind::Text(Text::Ref(Entity::Node)),
            Presence::RequiredFor(&["unit"]),
            "Superior node (national: the combined node or none; unit: a national or unit node of its nation).",
        ),
        field(
            "platform",
            Kind::Text(Text::Ref(Entity::Platform)),
            OPT,
            "Platform it sits on (same nation).",
        ),
        field(
            "decision_latency_s",
            num(S, Bound::Incl(0.0), Bound::Incl(3600.0)),
            dflt_num(1.0),
            "Decision latency, seconds.",
        ),
    ],
    one_of: &[],
};

/// `[[link]]`.
pub(crate) static LINK: TableSpec = TableSpec {
    name: "link",
    doc: "A bidirectional network link between two C2 nodes (parameters refined by the network work).",
    tag: None,
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
            num(BPS, Bound::Excl(0.0), Bound::Incl(1.0e12)),
            OPT,
            "Capacity, bit/s (absent: unlimited).",
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
    &FIRE_UNIT,
    &THREAT,
    &TRAFFIC,
    &NODE,
    &LINK,
    &POSITION,
    &ROUTE_POINT,
    &ORBIT,
];
