//! Format tables of what acts: fire units, threats, traffic and C2 nodes (sensors are in
//! `sensing.rs`, links and the network in `network.rs`, interceptor types and rules of
//! engagement in `engagement.rs`).

use super::*;

/// `[[fire_unit]]`.
pub(crate) static FIRE_UNIT: TableSpec = TableSpec {
    name: "fire_unit",
    doc: "An interceptor battery or a ship's launcher group.",
    tag: None,
    conflicts: &[],
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
            Kind::Text(Text::Ref(Entity::Interceptor)),
            REQ,
            "Interceptor type it fires (an [[interceptor]] name).",
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
        super::engagement::FALLBACK,
        super::engagement::UNIT_REMOTE_USE,
        super::engagement::UNIT_REMOTE_FROM,
        super::engagement::UNIT_LAUNCH_FROM,
    ],
    one_of: &[],
};

const CRUISE: &[&str] = &["cruise"];

/// `[[threat]]`.
pub(crate) static THREAT: TableSpec = TableSpec {
    name: "threat",
    doc: "A hostile missile, or a salvo of identical ones (count > 1).",
    tag: Some("class"),
    conflicts: &[],
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
            num(S, Bound::Incl(1.0), Bound::Incl(600.0)),
            Presence::RequiredFor(BALLISTIC),
            "Motor burn time, seconds.",
        ),
        only(
            BALLISTIC,
            "ballistic_coefficient_kg_m2",
            num(KG_M2, Bound::Incl(10.0), Bound::Incl(1.0e6)),
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
        super::sensing::THREAT_RCS,
        super::sensing::SWERLING,
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
    conflicts: &[],
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
        super::sensing::TRAFFIC_RCS,
        super::sensing::SWERLING,
    ],
    one_of: &[],
};

/// `[[node]]`.
pub(crate) static NODE: TableSpec = TableSpec {
    name: "node",
    doc: "A C2 node: exactly one combined node, national nodes under it, unit nodes under those.",
    tag: Some("role"),
    conflicts: &[],
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
        super::network::RELEASE_TO,
        super::network::SIGNING_KEY,
        super::engagement::DECLARES_IDENTITY,
    ],
    one_of: &[],
};
