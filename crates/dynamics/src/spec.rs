//! Motion specifications: what the scenario says an object should do.

use base::SimTime;
use geodesy::Wgs84;

/// How a ballistic trajectory's shape is pinned down, beyond launch and aim points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BallisticShape {
    /// Total time of flight from launch to impact, seconds.
    FlightTime {
        /// Seconds.
        seconds: f64,
    },
    /// Apogee altitude above the ellipsoid, metres.
    Apogee {
        /// Metres.
        alt_m: f64,
    },
    /// Thrust elevation angle above the local horizontal at launch, degrees
    /// (45° ≈ minimum energy for short ranges; higher = lofted, lower = depressed).
    Loft {
        /// Degrees.
        deg: f64,
    },
}

/// A boost–coast ballistic missile flight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BallisticSpec {
    /// Launch time.
    pub launch_time: SimTime,
    /// Launch point (altitude = launcher height).
    pub launch: Wgs84,
    /// Aim (intended impact) point; impact happens when the flight descends through its altitude.
    pub aim: Wgs84,
    /// Trajectory shape constraint.
    pub shape: BallisticShape,
    /// Motor burn time, seconds (thrust acts for exactly this long).
    pub burn_time_s: f64,
    /// Ballistic coefficient β = m/(C_D A) of the re-entry vehicle, kg/m²; `None` = vacuum.
    pub ballistic_coefficient_kg_m2: Option<f64>,
}

/// How sharply a route may turn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TurnLimit {
    /// Coordinated turn at up to this bank angle, degrees: rate = g·tan(bank)/v.
    BankDeg(f64),
    /// Up to this turn rate, degrees per second (ships).
    RateDegPerS(f64),
}

/// One point of a route.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RoutePoint {
    /// Position; its altitude is the altitude to fly towards this point.
    pub position: Wgs84,
    /// Ground speed from this point onward, m/s; `None` keeps the previous speed.
    pub speed_mps: Option<f64>,
}

/// A waypoint route flown at constant speed with turn-limited steering (aircraft, cruise
/// missiles, ships).
#[derive(Clone, Debug, PartialEq)]
pub struct RouteSpec {
    /// Start (departure) time.
    pub start_time: SimTime,
    /// Waypoints, first = start position. At least 2.
    pub points: Vec<RoutePoint>,
    /// Initial ground speed, m/s.
    pub speed_mps: f64,
    /// Turn limit.
    pub turn: TurnLimit,
    /// Maximum climb/descent rate, m/s (vertical speed towards each point's altitude).
    pub max_vertical_mps: f64,
    /// Repeat the route from the first waypoint after the last (patrols).
    pub repeat: bool,
    /// What happens at the end of a non-repeating route.
    pub ends_in_impact: bool,
    /// Stay at the final point after the end (ships at anchor) instead of vanishing.
    pub hold_at_end: bool,
    /// Never fly past this time (the scenario's end), to bound precomputation.
    pub until: SimTime,
}

/// A circular holding orbit (airborne early warning, combat air patrol).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OrbitSpec {
    /// Start time (on station).
    pub start_time: SimTime,
    /// Orbit centre; altitude is the orbit altitude.
    pub centre: Wgs84,
    /// Orbit radius, metres.
    pub radius_m: f64,
    /// True airspeed (= ground speed, no wind), m/s.
    pub speed_mps: f64,
    /// Clockwise (seen from above) if true.
    pub clockwise: bool,
    /// Last time to compute.
    pub until: SimTime,
}
