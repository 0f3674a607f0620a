//! The validated world description a run starts from.
//!
//! `scenario` parses and validates files into an [`Input`]; everything here is already
//! checked (ids resolve, numbers are in range), so the engine never re-validates. Ids are dense
//! indices into the vectors below, in file order.

use base::{AssetId, NationId, NodeId, PlatformId, Probability, Side, SimDuration};
use dynamics::{BallisticSpec, OrbitSpec, RouteSpec};
use geodesy::Wgs84;
use sensors::{SensorParams, Signature};

/// Everything a run needs besides the seed override.
#[derive(Clone, Debug)]
pub struct Input {
    /// Scenario name (for outputs).
    pub name: String,
    /// Scenario start as an RFC 3339 UTC timestamp; simulation time 0.
    pub start_utc: String,
    /// Seconds since the Unix epoch of `start_utc` (for absolute timestamps in outputs).
    pub start_unix_s: i64,
    /// How long to simulate.
    pub duration: SimDuration,
    /// Master seed from the file (the CLI may override it).
    pub seed: u64,
    /// Truth-sample period for `truth.csv`.
    pub truth_sample_period: SimDuration,
    /// Participating nations.
    pub nations: Vec<Nation>,
    /// Defended assets.
    pub assets: Vec<Asset>,
    /// Sensor/fire-unit carriers: fixed sites, ships, aircraft, satellites.
    pub platforms: Vec<Platform>,
    /// Sensors (placement and ownership; parameters come with the sensors work).
    pub sensors: Vec<Sensor>,
    /// Interceptor fire units.
    pub fire_units: Vec<FireUnit>,
    /// Hostile missiles.
    pub threats: Vec<Threat>,
    /// Friendly and neutral air traffic.
    pub traffic: Vec<Traffic>,
    /// C2 nodes (command structure).
    pub nodes: Vec<C2Node>,
    /// Network links between C2 nodes.
    pub links: Vec<Link>,
}

/// A participating nation.
#[derive(Clone, Debug)]
pub struct Nation {
    /// ISO trigraph.
    pub id: NationId,
    /// Display name.
    pub name: String,
}

/// A defended asset (a city, base or port).
#[derive(Clone, Debug)]
pub struct Asset {
    /// Unique name.
    pub name: String,
    /// Owning nation.
    pub nation: NationId,
    /// Centre.
    pub position: Wgs84,
    /// Radius of the defended area, metres.
    pub radius_m: f64,
    /// Relative value (> 0).
    pub value: f64,
}

/// How a platform moves.
#[derive(Clone, Debug)]
pub enum PlatformMotion {
    /// A fixed land site.
    Fixed(Wgs84),
    /// A ship on a route (holds its final position).
    Ship(RouteSpec),
    /// An aircraft flying a circular orbit.
    AirborneOrbit(OrbitSpec),
    /// An aircraft on a route (repeating if the route says so).
    AirborneRoute(RouteSpec),
    /// A geostationary satellite above this longitude (degrees east).
    Geostationary {
        /// Sub-satellite longitude, degrees.
        lon_deg: f64,
    },
}

/// A sensor or fire-unit carrier.
#[derive(Clone, Debug)]
pub struct Platform {
    /// Unique name.
    pub name: String,
    /// Owning nation.
    pub nation: NationId,
    /// Motion.
    pub motion: PlatformMotion,
    /// How other sensors see it (airborne platforms); `None`: not an air target.
    pub signature: Option<Signature>,
}

/// A sensor's placement and ownership.
#[derive(Clone, Debug)]
pub struct Sensor {
    /// Unique name.
    pub name: String,
    /// Owning nation.
    pub nation: NationId,
    /// Carrier.
    pub platform: PlatformId,
    /// Model parameters (radar or space IR).
    pub params: SensorParams,
    /// C2 node it reports to.
    pub node: NodeId,
}

/// An interceptor battery or ship's launcher group.
#[derive(Clone, Debug)]
pub struct FireUnit {
    /// Unique name.
    pub name: String,
    /// Owning nation.
    pub nation: NationId,
    /// Carrier.
    pub platform: PlatformId,
    /// Interceptor type name (parameters refined by the engagement work).
    pub interceptor: String,
    /// Ready interceptors at start.
    pub inventory: u32,
    /// Simultaneous engagements it can support.
    pub channels: u32,
    /// C2 node that commands it.
    pub node: NodeId,
}

/// Threat class (drives later RCS and engagement parameters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ThreatClass {
    /// Short-range ballistic missile (< 1000 km).
    Srbm,
    /// Medium-range ballistic missile (1000–3000 km).
    Mrbm,
    /// Intermediate-range ballistic missile (3000–5500 km).
    Irbm,
    /// Cruise missile.
    Cruise,
}

impl ThreatClass {
    /// Stable lower-case name for files.
    pub fn as_str(self) -> &'static str {
        match self {
            ThreatClass::Srbm => "srbm",
            ThreatClass::Mrbm => "mrbm",
            ThreatClass::Irbm => "irbm",
            ThreatClass::Cruise => "cruise",
        }
    }
}

/// How a threat flies.
#[derive(Clone, Debug)]
pub enum ThreatMotion {
    /// Boost–coast ballistic.
    Ballistic(BallisticSpec),
    /// Waypoint route ending in impact.
    Cruise(RouteSpec),
}

/// One hostile missile.
#[derive(Clone, Debug)]
pub struct Threat {
    /// Unique name (salvos expand to `name-1`, `name-2`, …).
    pub name: String,
    /// Notional launch area label (`RED-1`, …).
    pub launch_area: String,
    /// Class.
    pub class: ThreatClass,
    /// Motion.
    pub motion: ThreatMotion,
    /// Circular error probable of the impact point around the aim point, metres (0 = exact).
    pub aim_cep_m: f64,
    /// Standard deviation of launch-time jitter, seconds (0 = exact).
    pub launch_jitter_s: f64,
    /// The defended asset it is aimed at, if any (for later scoring).
    pub target_asset: Option<AssetId>,
    /// How sensors see it (the re-entry vehicle for ballistic threats).
    pub signature: Signature,
}

/// Kind of air traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum TrafficKind {
    /// Civil airliner.
    Airliner,
    /// Military fighter.
    Fighter,
    /// Military transport or tanker.
    Transport,
    /// Maritime patrol or other military aircraft.
    Patrol,
}

impl TrafficKind {
    /// Stable lower-case name for files.
    pub fn as_str(self) -> &'static str {
        match self {
            TrafficKind::Airliner => "airliner",
            TrafficKind::Fighter => "fighter",
            TrafficKind::Transport => "transport",
            TrafficKind::Patrol => "patrol",
        }
    }
}

/// A friendly or neutral flight that must never be engaged.
#[derive(Clone, Debug)]
pub struct Traffic {
    /// Unique name (call sign).
    pub name: String,
    /// Kind.
    pub kind: TrafficKind,
    /// Friendly or neutral.
    pub side: Side,
    /// Nation of registry/operation, if any.
    pub nation: Option<NationId>,
    /// Route.
    pub route: RouteSpec,
    /// Standard deviation of departure-time jitter, seconds.
    pub departure_jitter_s: f64,
    /// Probability its IFF transponder answers correctly (military mode for friendly
    /// flights, civil modes for neutral ones).
    pub iff_reliability: Probability,
    /// How radars see it.
    pub signature: Signature,
}

/// Role of a C2 node in the command structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeRole {
    /// The combined (alliance) command node.
    Combined,
    /// A national command node.
    National,
    /// A subordinate unit-level node (battery, ship).
    Unit,
}

impl NodeRole {
    /// Stable lower-case name for files.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeRole::Combined => "combined",
            NodeRole::National => "national",
            NodeRole::Unit => "unit",
        }
    }
}

/// A C2 node (placeholder for the C2 work: structure parsed and validated now).
#[derive(Clone, Debug)]
pub struct C2Node {
    /// Unique name.
    pub name: String,
    /// Owning nation (the combined node names the lead nation).
    pub nation: NationId,
    /// Role.
    pub role: NodeRole,
    /// Superior node, if any (the combined node has none).
    pub parent: Option<NodeId>,
    /// Platform it sits on, if any.
    pub platform: Option<PlatformId>,
    /// Decision latency at this node.
    pub decision_latency: SimDuration,
}

/// A bidirectional network link between two C2 nodes (placeholder for the network work).
#[derive(Clone, Debug)]
pub struct Link {
    /// Unique name.
    pub name: String,
    /// One end.
    pub a: NodeId,
    /// The other end.
    pub b: NodeId,
    /// One-way latency.
    pub latency: SimDuration,
    /// Probability a message is lost.
    pub loss: Probability,
    /// Capacity, bit/s (`None` = unlimited).
    pub bandwidth_bps: Option<f64>,
}
