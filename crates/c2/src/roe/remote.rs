//! Remote data: whose sensors a guiding track comes from, relative to the shooter
//! ([`Provenance`]), and what a fire unit may do with data that is not its own
//! ([`RemoteAuthority`], PRIMER §4.5).

/// Whose sensors a track comes from, seen from one fire unit, nearest first. A track several
/// sensors contributed to takes the nearest class among them (a fused track the unit's own
/// radar contributes to is its own data).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Provenance {
    /// The unit's own fire-control sensors contributed (not remote data).
    OwnSensors,
    /// Other sensors reporting to the unit's own C2 node.
    OwnNode,
    /// Sensors of the unit's nation reporting to another node.
    OwnNation,
    /// Another nation's sensors only.
    Ally,
}

impl Provenance {
    /// Every class, nearest first.
    pub const ALL: [Provenance; 4] = [
        Provenance::OwnSensors,
        Provenance::OwnNode,
        Provenance::OwnNation,
        Provenance::Ally,
    ];

    /// Stable snake_case name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::OwnSensors => "own_sensors",
            Provenance::OwnNode => "own_node",
            Provenance::OwnNation => "own_nation",
            Provenance::Ally => "ally",
        }
    }
}

/// What a fire unit may do on remote data (PRIMER §4.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RemoteUse {
    /// Own sensors only.
    Autonomous,
    /// Launch on a remote track, the intercept planned inside the unit's own fire-control
    /// radars' range; the round flies its launch solution until they hold the target and
    /// take over its guidance (by seeker handover, or the round is lost).
    LaunchOnRemote,
    /// The whole engagement on remote data.
    EngageOnRemote,
}

impl RemoteUse {
    /// Stable snake_case name (the scenario's value).
    pub fn as_str(self) -> &'static str {
        match self {
            RemoteUse::Autonomous => "autonomous",
            RemoteUse::LaunchOnRemote => "launch_on_remote",
            RemoteUse::EngageOnRemote => "engage_on_remote",
        }
    }
}

/// From whom a fire unit may take remote data, nearest first; each includes the nearer ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RemoteFrom {
    /// Other sensors of its own node.
    OwnNode,
    /// Any sensor of its nation.
    OwnNation,
    /// Any nation's sensors whose data is releasable to it (the releasability predicate
    /// checks the clearance).
    Allies,
}

impl RemoteFrom {
    /// Stable snake_case name (the scenario's value).
    pub fn as_str(self) -> &'static str {
        match self {
            RemoteFrom::OwnNode => "own_node",
            RemoteFrom::OwnNation => "own_nation",
            RemoteFrom::Allies => "allies",
        }
    }

    /// The farthest provenance it covers.
    fn farthest(self) -> Provenance {
        match self {
            RemoteFrom::OwnNode => Provenance::OwnNode,
            RemoteFrom::OwnNation => Provenance::OwnNation,
            RemoteFrom::Allies => Provenance::Ally,
        }
    }
}

/// A fire unit's authority over remote data, per provenance: `use_` on every source up to
/// `from`, then launch-on-remote on the farther sources up to `launch_from`. So a unit may
/// engage on its own nation's tracks and launch on allies' (the `allied-lor` rung): the
/// doctrine of one nation trusting its own network to guide a round but an ally's only to
/// cue a launch its own radar takes over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RemoteAuthority {
    /// What it may do on remote data up to `from`.
    pub use_: RemoteUse,
    /// From whom (irrelevant when `autonomous`).
    pub from: RemoteFrom,
    /// Beyond `from`, launch-on-remote up to this source (none: nothing beyond `from`). Only
    /// meaningful above engage-on-remote and farther than `from` (the scenario checks it).
    pub launch_from: Option<RemoteFrom>,
}

impl RemoteAuthority {
    /// `use_` on every source up to `from`, nothing beyond.
    pub const fn new(use_: RemoteUse, from: RemoteFrom) -> Self {
        RemoteAuthority {
            use_,
            from,
            launch_from: None,
        }
    }

    /// What it may do on a track of this provenance: `None` for its own sensors' (not
    /// remote data: anything) and for a source it may not use at all.
    pub fn use_on(self, p: Provenance) -> Option<RemoteUse> {
        if p == Provenance::OwnSensors {
            return None;
        }
        if self.use_ != RemoteUse::Autonomous && p <= self.from.farthest() {
            return Some(self.use_);
        }
        self.launch_from
            .filter(|l| p <= l.farthest())
            .map(|_| RemoteUse::LaunchOnRemote)
    }

    /// Whether it may plan an engagement (or, under launch-on-remote, a launch) on a track of
    /// this provenance.
    pub fn permits(self, p: Provenance) -> bool {
        p == Provenance::OwnSensors || self.use_on(p).is_some()
    }

    /// Whether a track of this provenance may launch a round but not guide it: the
    /// launch-on-remote part of the authority covers it.
    pub fn launch_only(self, p: Provenance) -> bool {
        self.use_on(p) == Some(RemoteUse::LaunchOnRemote)
    }

    /// Whether a track of this provenance may guide a round in flight: its own sensors', or
    /// one it may engage on.
    pub fn guides(self, p: Provenance) -> bool {
        p == Provenance::OwnSensors || self.use_on(p) == Some(RemoteUse::EngageOnRemote)
    }

    /// Whether any source is under launch-on-remote (some rounds may wait for a take-over).
    pub fn any_launch_only(self) -> bool {
        Provenance::ALL.iter().any(|&p| self.launch_only(p))
    }
}
