//! Format tables of engagements: `[[interceptor]]` types, `[[zone]]`s, weapons control status
//! orders (`[[wcs]]`), the `[c2]` doctrine, the `[identification]` thresholds, and the
//! engagement keys of fire units and nodes.
//!
//! The `[c2]` and `[identification]` defaults are those of `sim::C2Config::defaults` and
//! `sim::IdRules::defaults` (unit tests keep them equal). Interceptor parameters are notional and parametric: kinematic envelope, reaction
//! time, single-shot kill probabilities, seeker basket, kill assessment.

use super::*;

/// Weapons control statuses, loosest first.
pub(super) const WCS_STATUS: &[&str] = &["free", "tight", "hold"];

/// `fallback` of a `[[fire_unit]]`.
pub(super) const FALLBACK: FieldSpec = field(
    "fallback",
    Kind::Enum(WCS_STATUS),
    Presence::Default(DefaultValue::Text("hold")),
    "Weapons control status the unit falls back to when cut off from its commanding node.",
);

/// Values of `remote_use` (`c2::roe::RemoteUse`).
pub(super) const REMOTE_USE_VALUES: &[&str] =
    &["autonomous", "launch_on_remote", "engage_on_remote"];
/// Values of `remote_from` (`c2::roe::RemoteFrom`).
pub(super) const REMOTE_FROM_VALUES: &[&str] = &["own_node", "own_nation", "allies"];

const REMOTE_USE_DOC: &str = "What a fire unit may do on remote data (a track none of its own fire-control sensors contributed to; its own sensors are those on its platform reporting to its node): autonomous (own sensors only), launch_on_remote (launch on a remote track, with the intercept planned inside its own radars' range; the round flies its launch solution until its own sensors hold the target and take over the guidance, and one they have not taken over by seeker handover is destroyed in flight) or engage_on_remote (the whole engagement on remote data).";
const REMOTE_FROM_DOC: &str = "Whose remote data a fire unit may use (unless autonomous): own_node (other sensors reporting to its node), own_nation (any sensor of its nation) or allies (any nation's, when releasable to it).";

/// `remote_use` of a `[[fire_unit]]`.
pub(super) const UNIT_REMOTE_USE: FieldSpec = field(
    "remote_use",
    Kind::Enum(REMOTE_USE_VALUES),
    OPT,
    "What the unit may do on remote data (absent: [c2] remote_use): autonomous, launch_on_remote or engage_on_remote.",
);

/// `remote_from` of a `[[fire_unit]]`.
pub(super) const UNIT_REMOTE_FROM: FieldSpec = field(
    "remote_from",
    Kind::Enum(REMOTE_FROM_VALUES),
    OPT,
    "Whose remote data the unit may use (absent: [c2] remote_from): own_node, own_nation or allies; not with remote_use = \"autonomous\".",
);

const LAUNCH_FROM_DOC: &str = "Beyond remote_from, whose remote data a fire unit may launch on (launch-on-remote, as remote_use = \"launch_on_remote\" says: the intercept planned inside its own radars' range, the round guided only once its own sensors, or data it may engage on, hold the target): own_nation or allies. Only with remote_use = \"engage_on_remote\" and farther than remote_from; e.g. remote_from = \"own_nation\" with launch_on_remote_from = \"allies\" engages on the own nation's tracks and launches on allies'. Absent: nothing beyond remote_from.";

/// `launch_on_remote_from` of a `[[fire_unit]]`.
pub(super) const UNIT_LAUNCH_FROM: FieldSpec = field(
    "launch_on_remote_from",
    Kind::Enum(REMOTE_FROM_VALUES),
    OPT,
    "Beyond the unit's remote_from, whose remote data it may launch on (absent: [c2] launch_on_remote_from where it reaches beyond the unit's engagement on remote data): own_nation or allies; only with remote_use = \"engage_on_remote\" and farther than remote_from.",
);

/// `declares_identity` of a `[[node]]`.
pub(super) const DECLARES_IDENTITY: FieldSpec = field(
    "declares_identity",
    Kind::Bool,
    Presence::DefaultBy {
        by: "role",
        values: &[
            ("combined", DefaultValue::Bool(true)),
            ("national", DefaultValue::Bool(true)),
            ("unit", DefaultValue::Bool(false)),
        ],
    },
    "Whether the node has identification authority (may declare track identities).",
);

/// Longest interceptor range and highest intercept altitude, km (beyond any notional type).
const ENVELOPE_MAX_KM: f64 = 5000.0;

/// `[[interceptor]]`.
pub(crate) static INTERCEPTOR: TableSpec = TableSpec {
    name: "interceptor",
    doc: "A notional interceptor type: fly-out kinematics, engagement envelope, lethality, kill assessment.",
    tag: None,
    conflicts: &[],
    fields: &[
        field(
            "name",
            NAME,
            REQ,
            "Unique type name (fire units refer to it).",
        ),
        field(
            "speed_mps",
            SPEED,
            REQ,
            "Average fly-out speed after the boost, m/s.",
        ),
        field(
            "boost_s",
            num(S, Bound::Incl(0.0), Bound::Incl(600.0)),
            REQ,
            "Boost time to reach that speed, seconds (fly-out time adds half of it).",
        ),
        field(
            "min_range_km",
            num(KM, Bound::Incl(0.0), Bound::Excl(ENVELOPE_MAX_KM)),
            REQ,
            "Minimum intercept slant range from the launcher, km (less than max_range_km).",
        ),
        field(
            "max_range_km",
            num(KM, Bound::Excl(0.0), Bound::Incl(ENVELOPE_MAX_KM)),
            REQ,
            "Maximum intercept slant range, km.",
        ),
        field(
            "min_alt_km",
            num(KM, Bound::Incl(0.0), Bound::Excl(ENVELOPE_MAX_KM)),
            REQ,
            "Lowest intercept altitude, km (less than max_alt_km).",
        ),
        field(
            "max_alt_km",
            num(KM, Bound::Excl(0.0), Bound::Incl(ENVELOPE_MAX_KM)),
            REQ,
            "Highest intercept altitude, km.",
        ),
        field(
            "reaction_s",
            num(S, Bound::Incl(0.0), Bound::Incl(3600.0)),
            REQ,
            "Reaction time from fire order to launch, seconds.",
        ),
        field(
            "sspk_ballistic",
            PROB,
            REQ,
            "Single-shot kill probability against ballistic missiles (0: cannot engage them).",
        ),
        field(
            "sspk_air",
            PROB,
            REQ,
            "Single-shot kill probability against air-breathing targets (0: cannot engage them); at least one sspk > 0.",
        ),
        field(
            "basket_m",
            num(M, Bound::Incl(0.1), Bound::Incl(1.0e6)),
            REQ,
            "Divert basket: the largest miss across the final leg the kill vehicle can take out after its seeker acquires, metres.",
        ),
        field(
            "seeker_range_km",
            num(KM, Bound::Excl(0.0), Bound::Incl(ENVELOPE_MAX_KM)),
            OPT,
            "Seeker acquisition range, km (absent: 20 basket radii). Handover is at half of it short of the aim point.",
        ),
        field(
            "seeker_fov_deg",
            num(DEG, Bound::Excl(0.0), Bound::Excl(90.0)),
            dflt_num(10.0),
            "Seeker field of view, half-angle in degrees: at handover it bounds the basket to half the range times tan(fov).",
        ),
        field(
            "ka_detect",
            PROB,
            dflt_num(0.95),
            "Kill assessment: probability of reporting a kill when the target was killed.",
        ),
        field(
            "ka_false_kill",
            PROB,
            dflt_num(0.05),
            "Kill assessment: probability of reporting a kill when the target survived.",
        ),
    ],
    one_of: &[],
};

/// `[[zone]]`.
pub(crate) static ZONE: TableSpec = TableSpec {
    name: "zone",
    doc: "A circular zone on the ground, extending upwards without limit: a no-fire area, or an area WCS orders refer to.",
    tag: None,
    conflicts: &[],
    fields: &[
        field("name", NAME, REQ, "Unique zone name."),
        field(
            "kind",
            Kind::Enum(&["no_fire", "area"]),
            REQ,
            "no_fire: no intercept may be planned inside it; area: a region `[[wcs]]` orders can name.",
        ),
        field("lat_deg", LAT, REQ, "Centre latitude, degrees north."),
        field("lon_deg", LON, REQ, "Centre longitude, degrees east."),
        field(
            "radius_km",
            num(KM, Bound::Excl(0.0), Bound::Incl(ENVELOPE_MAX_KM)),
            REQ,
            "Radius, km.",
        ),
    ],
    one_of: &[],
};

/// `[[wcs]]`.
pub(crate) static WCS: TableSpec = TableSpec {
    name: "wcs",
    doc: "A weapons control status order: from from_s on, the nation's fire units hold status against class (all if absent) within zone (everywhere if absent).",
    tag: None,
    conflicts: &[],
    fields: &[
        field(
            "nation",
            NATION_REF,
            REQ,
            "Nation whose fire units it binds.",
        ),
        field(
            "status",
            Kind::Enum(WCS_STATUS),
            REQ,
            "free: fire at anything not identified friendly; tight: only at targets identified hostile; hold: only in self-defence.",
        ),
        field(
            "class",
            Kind::Enum(&["ballistic", "air"]),
            OPT,
            "Threat class it applies to (absent: all).",
        ),
        field(
            "zone",
            Kind::Text(Text::Ref(Entity::Zone)),
            OPT,
            "An area zone it applies within (absent: everywhere).",
        ),
        field(
            "from_s",
            TIME_IN_RUN,
            dflt_num(0.0),
            "Effective from, seconds after the start (before the end).",
        ),
    ],
    one_of: &[],
};

/// `[c2]`.
pub(crate) static C2: TableSpec = TableSpec {
    name: "c2",
    doc: "Engagement doctrine: weapon-target assignment, firing policy, approval, track criteria, every fire unit's remote-data authority unless it sets its own (absent: every default below).",
    tag: None,
    conflicts: &[Conflict {
        key: "engage_on_remote",
        with: &["remote_use", "remote_from", "launch_on_remote_from"],
        why: "the former boolean is read as remote_use and remote_from; give only the new keys",
    }],
    fields: &[
        field(
            "decision_period_s",
            num(S, Bound::Incl(MIN_REVISIT_S), Bound::Incl(3600.0)),
            dflt_num(2.0),
            "Interval between decision epochs (rolling-horizon weapon-target assignment), seconds.",
        ),
        field(
            "solver",
            Kind::Enum(&["greedy", "local", "exact"]),
            Presence::Default(DefaultValue::Text("local")),
            "Weapon-target assignment solver: greedy (maximum marginal return), local (greedy improved by local search) or exact (branch and bound).",
        ),
        field(
            "objective",
            Kind::Enum(&["target_value", "asset_based"]),
            Presence::Default(DefaultValue::Text("asset_based")),
            "Minimise expected surviving threat value, or maximise expected surviving defended-asset value.",
        ),
        field(
            "shoot_look_shoot",
            Kind::Bool,
            dflt_bool(true),
            "Look (kill assessment) before firing again at a threat: each look fires one salvo; false: salvos follow each other without looking.",
        ),
        field(
            "salvo",
            Kind::Integer { min: 1, max: 8 },
            dflt_int(1),
            "Interceptors fired together at a threat per engagement (per look under shoot-look-shoot; at most max_shots_per_threat).",
        ),
        field(
            "max_shots_per_threat",
            Kind::Integer { min: 1, max: 16 },
            dflt_int(4),
            "Most interceptors at one threat over the run: rounds launched plus orders waiting for launch (an order called off before launch gives its shot back).",
        ),
        field(
            "min_planned_pk",
            PROB,
            dflt_num(0.1),
            "Doctrine: no round is assigned to a (fire unit, threat) pair whose planned kill probability is below this.",
        ),
        field(
            "commit_horizon_s",
            num(S, Bound::Incl(0.0), Bound::Incl(3600.0)),
            dflt_num(30.0),
            "Late commitment: a fire order is given only when its launch is at most this many seconds ahead; until then the pair is re-planned every decision epoch on the latest tracks (a remote early-warning track is not committed to minutes before its launch).",
        ),
        field(
            "reserve_fraction",
            num(NONE, Bound::Incl(0.0), Bound::Excl(1.0)),
            dflt_num(0.0),
            "Fraction of each fire unit's starting inventory held back.",
        ),
        field(
            "remote_use",
            Kind::Enum(REMOTE_USE_VALUES),
            Presence::Default(DefaultValue::Text("engage_on_remote")),
            REMOTE_USE_DOC,
        ),
        field(
            "remote_from",
            Kind::Enum(REMOTE_FROM_VALUES),
            Presence::Default(DefaultValue::Text("allies")),
            REMOTE_FROM_DOC,
        ),
        field(
            "launch_on_remote_from",
            Kind::Enum(REMOTE_FROM_VALUES),
            OPT,
            LAUNCH_FROM_DOC,
        ),
        field(
            "engage_on_remote",
            Kind::Bool,
            OPT,
            "Former key, still read: true is remote_use = \"engage_on_remote\" with remote_from = \"allies\"; false is remote_from = \"own_nation\" (another nation's track is remote data).",
        ),
        field(
            "approval",
            Kind::Enum(&["unit", "national", "combined"]),
            Presence::Default(DefaultValue::Text("national")),
            "Who approves an engagement: the fire unit's node, its national node or the combined node (decision latencies add up the chain).",
        ),
        field(
            "min_track_quality",
            Kind::Integer { min: 0, max: 15 },
            dflt_int(6),
            "Lowest track quality (0-15) engagements are planned on.",
        ),
        field(
            "max_track_age_s",
            num(S, Bound::Incl(MIN_REVISIT_S), Bound::Incl(3600.0)),
            dflt_num(12.0),
            "Oldest guiding track at decision time, seconds.",
        ),
        field(
            "self_defence_radius_km",
            num(KM, Bound::Excl(0.0), Bound::Incl(1000.0)),
            dflt_num(30.0),
            "A threat this close to a fire unit triggers self-defence (allowed even under hold), km.",
        ),
    ],
    one_of: &[],
};

/// `[identification]`.
pub(crate) static IDENTIFICATION: TableSpec = TableSpec {
    name: "identification",
    doc: "Identification thresholds of every identification authority (c2::identify; absent: every default below).",
    tag: None,
    conflicts: &[],
    fields: &[
        field(
            "pending_s",
            num(S, Bound::Excl(0.0), Bound::Incl(600.0)),
            dflt_num(6.0),
            "A track held this long with no conclusion is declared Unknown (the interrogation window), seconds.",
        ),
        field(
            "plan_gate_km",
            num(KM, Bound::Excl(0.0), Bound::Incl(500.0)),
            dflt_num(10.0),
            "Largest distance from a filed flight plan's expected position that still correlates with it, km.",
        ),
        field(
            "attack_range_km",
            num(KM, Bound::Excl(0.0), Bound::Incl(2000.0)),
            dflt_num(80.0),
            "Attack profile (hostile when interrogated without reply): closing on a defended asset within this distance, km.",
        ),
        field(
            "attack_min_speed_mps",
            SPEED,
            dflt_num(150.0),
            "Attack profile: at least this fast, m/s.",
        ),
        field(
            "attack_max_alt_m",
            num(M, Bound::Excl(0.0), Bound::Incl(ALT_MAX_M)),
            dflt_num(1500.0),
            "Attack profile: at most this high, m.",
        ),
        field(
            "attack_max_climb_mps",
            num(MPS, Bound::Incl(-1000.0), Bound::Incl(1000.0)),
            dflt_num(5.0),
            "Attack profile: climbing no faster than this (negative: must be descending), m/s.",
        ),
        field(
            "ballistic_min_updates",
            Kind::Integer { min: 2, max: 100 },
            dflt_int(4),
            "Ghost-track guard: consecutive measurement updates consistent with free fall before a hostile ballistic declaration.",
        ),
        field(
            "ballistic_min_span_s",
            num(S, Bound::Incl(0.0), Bound::Incl(600.0)),
            dflt_num(6.0),
            "Ghost-track guard: time those updates must span, seconds.",
        ),
        field(
            "ballistic_max_speed_mps",
            SPEED,
            dflt_num(7500.0),
            "Ghost-track guard: fastest plausible ballistic missile, m/s.",
        ),
    ],
    one_of: &[],
};
