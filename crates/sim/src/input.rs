//! The validated world description a run starts from.
//!
//! `scenario` parses and validates files into an [`Input`]; everything here is already
//! checked (ids resolve, numbers are in range), so the engine never re-validates. Ids are dense
//! indices into the vectors below, in file order.

use base::{
    AssetId, InterceptorTypeId, LinkId, NationId, NationSet, NodeId, PlatformId, Probability, Side,
    SimDuration,
};
use c2::identify::IdRules;
pub use c2::roe::{RemoteAuthority, RemoteFrom, RemoteUse};
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
    /// How nodes share data and fuse it.
    pub network: NetworkConfig,
    /// Hostile network intruders (spoofing, replaying, tampering).
    pub adversaries: Vec<Adversary>,
    /// Interceptor types fire units carry.
    pub interceptors: Vec<InterceptorType>,
    /// Weapons control status orders, in time order per nation.
    pub wcs: Vec<WcsOrder>,
    /// No-fire areas and other zones ROE refer to.
    pub zones: Vec<Zone>,
    /// Command-and-control doctrine (`[c2]`).
    pub c2: C2Config,
    /// Identification thresholds (`[identification]`).
    pub identification: IdRules,
}

/// Weapons control status (PRIMER §5.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Wcs {
    /// Fire at any target not positively identified as friendly.
    Free,
    /// Fire only at targets identified hostile.
    Tight,
    /// Fire only in self-defence.
    Hold,
}

/// Which threats a WCS order or a kill probability applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetClass {
    /// Ballistic missiles.
    Ballistic,
    /// Air-breathing threats (cruise missiles, aircraft).
    Air,
}

/// A weapons control status order: from `from` on, `nation`'s fire units hold `status`
/// against `class` (all classes if `None`) within `zone` (everywhere if `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct WcsOrder {
    /// Nation whose units it binds.
    pub nation: NationId,
    /// Threat class, or all.
    pub class: Option<TargetClass>,
    /// Area, or everywhere.
    pub zone: Option<base::ZoneId>,
    /// The status.
    pub status: Wcs,
    /// Effective from (scenario time).
    pub from: SimDuration,
}

/// What a zone means to the rules of engagement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneKind {
    /// No intercept may be planned inside it.
    NoFire,
    /// An area WCS orders can refer to.
    Area,
}

/// A circular zone on the ground (extends upwards without limit).
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    /// Unique name.
    pub name: String,
    /// Meaning.
    pub kind: ZoneKind,
    /// Centre.
    pub center: Wgs84,
    /// Radius, m.
    pub radius_m: f64,
}

/// Notional interceptor kinematics and lethality (parametric, public physics only).
#[derive(Clone, Debug, PartialEq)]
pub struct InterceptorType {
    /// Unique name.
    pub name: String,
    /// Average fly-out speed after the boost, m/s.
    pub speed_mps: f64,
    /// Boost time to reach that speed (fly-out time adds half of it), s.
    pub boost_s: f64,
    /// Minimum and maximum intercept slant range from the launcher, m.
    pub min_range_m: f64,
    /// Maximum intercept slant range, m.
    pub max_range_m: f64,
    /// Minimum intercept altitude, m.
    pub min_alt_m: f64,
    /// Maximum intercept altitude, m.
    pub max_alt_m: f64,
    /// Launch reaction time from order to launch, s.
    pub reaction_s: f64,
    /// Single-shot kill probability against ballistic targets (0: cannot engage them).
    pub sspk_ballistic: f64,
    /// Single-shot kill probability against air-breathing targets (0: cannot engage them).
    pub sspk_air: f64,
    /// Divert basket: the largest miss across the final leg the kill vehicle takes out once its
    /// seeker has acquired, m.
    pub basket_m: f64,
    /// Seeker acquisition range, m (handover at half of it short of the aim point).
    pub seeker_range_m: f64,
    /// Seeker field of view, half-angle, degrees.
    pub seeker_fov_deg: f64,
    /// Probability kill assessment reports a kill when the target was killed.
    pub ka_detect: f64,
    /// Probability kill assessment reports a kill when the target survived.
    pub ka_false_kill: f64,
}

/// Which node's approval an engagement needs (its decision latency adds up the chain).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ApprovalLevel {
    /// The fire unit decides (delegated authority).
    Unit,
    /// The fire unit's national command node.
    National,
    /// The combined (alliance) node.
    Combined,
}

/// Weapon-target assignment objective.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WtaObjective {
    /// Minimise expected surviving threat value.
    TargetValue,
    /// Maximise expected surviving defended-asset value.
    AssetBased,
}

/// Engagement doctrine and C2 settings (`[c2]`).
#[derive(Clone, Debug, PartialEq)]
pub struct C2Config {
    /// Interval between decision epochs (rolling-horizon WTA), s.
    pub decision_period: SimDuration,
    /// WTA solver.
    pub solver: c2::wta::SolverKind,
    /// WTA objective.
    pub objective: WtaObjective,
    /// Shoot-look-shoot: look (kill assessment) before firing the next salvo at a threat.
    pub shoot_look_shoot: bool,
    /// Interceptors fired together at a threat per engagement (per look under
    /// shoot-look-shoot).
    pub salvo: u32,
    /// No round goes to a pair whose planned kill probability is below this.
    pub min_planned_pk: f64,
    /// An order is given only when its launch is at most this far ahead: until then the pair
    /// is re-planned every epoch on the latest tracks (late commitment).
    pub commit_horizon: SimDuration,
    /// Most interceptors committed against one threat over the run.
    pub max_shots_per_threat: u32,
    /// Fraction of each fire unit's starting inventory held back (not assigned).
    pub reserve_fraction: f64,
    /// Who must approve an engagement.
    pub approval: ApprovalLevel,
    /// Minimum track quality for engagement planning.
    pub min_track_quality: u8,
    /// Maximum age of the guiding track at decision time.
    pub max_track_age: SimDuration,
    /// Radius around a fire unit within which a threat triggers self-defence, m.
    pub self_defence_radius_m: f64,
}

impl C2Config {
    /// Documented defaults: 2 s epochs, `local` solver on the asset-based objective,
    /// shoot-look-shoot with single rounds, at most 4 shots per threat, planned Pk ≥ 0.1,
    /// orders at most 30 s before their launch, no reserve,
    /// national approval, TQ ≥ 6 and tracks ≤ 12 s old, 30 km self-defence radius.
    pub fn defaults() -> Self {
        C2Config {
            decision_period: SimDuration::from_secs(2),
            solver: c2::wta::SolverKind::Local,
            objective: WtaObjective::AssetBased,
            shoot_look_shoot: true,
            salvo: 1,
            max_shots_per_threat: 4,
            min_planned_pk: 0.1,
            commit_horizon: SimDuration::from_secs(30),
            reserve_fraction: 0.0,
            approval: ApprovalLevel::National,
            min_track_quality: 6,
            max_track_age: SimDuration::from_secs(12),
            self_defence_radius_m: 30_000.0,
        }
    }
}

/// What nodes share with each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sharing {
    /// Nothing: every node keeps its own picture.
    None,
    /// Local tracks under reporting responsibility (Link 16-like), fused at every node.
    Track,
    /// Detections (CEC-like): every node runs one composite tracker on all plots it receives.
    Measurement,
}

/// Track-to-track fusion rule (PRIMER §3.2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FusionRule {
    /// Covariance intersection, weight minimising the fused determinant.
    CovarianceIntersection,
    /// Independence assumed (over-confident when errors are correlated).
    Naive,
    /// Bar-Shalom–Campo with a constant error correlation coefficient.
    BarShalomCampo {
        /// Correlation coefficient between the two tracks' errors, [0, 1).
        correlation: f64,
    },
}

/// Releasability by track class: data about a track of that class may reach only these
/// nations (intersected with the sensor's and node's markings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClassRelease {
    /// Tracks classified ballistic.
    pub ballistic: NationSet,
    /// Air-breathing tracks.
    pub air: NationSet,
}

/// The alliance network's settings (`[network]`).
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkConfig {
    /// Sharing mode.
    pub sharing: Sharing,
    /// Fusion rule for track-level sharing.
    pub fusion: FusionRule,
    /// Send a track report when the peers' dead-reckoned position would be off by more
    /// than this, m.
    pub report_drift_m: f64,
    /// Send a report at least this often per reported track (heartbeat).
    pub heartbeat: SimDuration,
    /// Re-send a reported track once its last report is this old if the local track has a
    /// newer measurement than that report carried (`fusion::PictureConfig::refresh`).
    pub refresh: SimDuration,
    /// How often a node assembles and sends its frame of due messages.
    pub frame_period: SimDuration,
    /// Track-quality margin by which a challenger must beat the reporter to take over.
    pub r2_margin: u8,
    /// Reporter silent for this many heartbeats: the best holder takes over.
    pub takeover_heartbeats: u32,
    /// Releasability by track class.
    pub class_release: ClassRelease,
    /// Space-IR launch reports cue the trackers of the nations they are releasable to
    /// (`tracking::tracker::Cue`).
    pub ir_cueing: bool,
    /// Phased arrays with a time budget spend cued dwells on tracks their node holds and they
    /// do not, and cued search sectors on space-IR launch reports (`sensors::Scheduler`).
    pub radar_cueing: bool,
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
    /// Nations its data may reach (`release_to`; default: the whole alliance).
    pub release_to: NationSet,
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
    /// Interceptor type.
    pub interceptor: InterceptorTypeId,
    /// Ready interceptors at start.
    pub inventory: u32,
    /// Simultaneous engagements it can support.
    pub channels: u32,
    /// C2 node that commands it.
    pub node: NodeId,
    /// Weapons control status it falls back to when cut off from its command node.
    pub fallback: Wcs,
    /// What it may do on data its own sensors did not contribute to, and from whom.
    pub remote: RemoteAuthority,
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
    /// Nations what this node sends may reach (default: the whole alliance).
    pub release_to: NationSet,
    /// Ed25519 signing key seed (32 bytes); `None`: derived from the run's seed.
    pub signing_key: Option<[u8; 32]>,
    /// May declare track identities.
    pub declares_identity: bool,
}

/// What a link does when its transmit queue is full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverflowPolicy {
    /// Discard the oldest queued message.
    DropOldest,
    /// Discard the lowest-priority queued message (oldest among equals).
    DropLowestPriority,
}

/// A bidirectional network link between two C2 nodes.
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
    /// Latency jitter: standard deviation added to `latency` (truncated at zero extra delay).
    pub jitter: SimDuration,
    /// Transmit-queue capacity per direction, bytes.
    pub queue_bytes: u64,
    /// What to drop when the queue is full.
    pub overflow: OverflowPolicy,
    /// Time windows (from scenario start) when the link is down.
    pub partitions: Vec<(SimDuration, SimDuration)>,
}

impl NetworkConfig {
    /// The documented defaults for an alliance of `n_nations`: track sharing fused by
    /// covariance intersection, 12 s heartbeat, 4 s refresh and 1 s frames (PRIMER §2.5),
    /// 200 m drift,
    /// R2 margin 2 and takeover after 3 silent heartbeats (PRIMER §2.3), no class restrictions,
    /// space-IR cueing on.
    pub fn defaults(n_nations: usize) -> Self {
        let all = NationSet::first(n_nations);
        NetworkConfig {
            sharing: Sharing::Track,
            fusion: FusionRule::CovarianceIntersection,
            report_drift_m: 200.0,
            heartbeat: SimDuration::from_secs(12),
            refresh: SimDuration::from_secs(4),
            frame_period: SimDuration::from_secs(1),
            r2_margin: 2,
            takeover_heartbeats: 3,
            class_release: ClassRelease {
                ballistic: all,
                air: all,
            },
            ir_cueing: true,
            radar_cueing: true,
        }
    }
}

/// What an adversary node does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdversaryKind {
    /// Sends frames claiming to come from a real node, signed with the adversary's own key.
    Spoof,
    /// Re-sends frames it captured on the link, unchanged.
    Replay,
    /// Re-sends captured frames with bytes altered.
    Tamper,
    /// Sends frames from a node id nobody has a key for.
    UnknownKey,
}

/// A hostile intruder on one link.
#[derive(Clone, Debug)]
pub struct Adversary {
    /// Unique name.
    pub name: String,
    /// What it does.
    pub kind: AdversaryKind,
    /// The link it listens to and injects into.
    pub link: LinkId,
    /// The node it pretends to be (spoofing).
    pub impersonates: NodeId,
    /// First injection, from scenario start.
    pub start: SimDuration,
    /// Interval between injections.
    pub period: SimDuration,
}
