//! Format tables of where things are: nations, assets, points, routes, orbits, platforms.

use super::*;

/// `[[nation]]`.
pub(crate) static NATION: TableSpec = TableSpec {
    name: "nation",
    doc: "A participating nation.",
    tag: None,
    conflicts: &[],
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
    conflicts: &[],
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
            num(M, Bound::Incl(1.0), Bound::Incl(1.0e6)),
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
    conflicts: &[],
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
    conflicts: &[],
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
    conflicts: &[],
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
    conflicts: &[],
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
        super::sensing::AIRCRAFT_RCS,
        super::sensing::AIRCRAFT_SWERLING,
    ],
    one_of: &[OneOf {
        keys: &["route", "orbit"],
        when: Some(AIRBORNE),
    }],
};
