//! Kill-chain attribution: for every threat, `killed` or the first link of the kill chain that
//! failed (PRIMER §8.1's "where does it break"), with the evidence each cause rests on.
//!
//! The chain, in order: detect → track → identify → reach (an engagement window) → ROE →
//! capacity → launch → kill. Every piece of evidence is a record the run writes, joined to
//! truth the way the kill-chain timelines join it (`crate::timeline`): events that name a
//! track are attributed to the truth object nearest that track in the node's picture at the
//! event instant, within the picture-scoring cut-off (5 km). Nothing is hidden state of the
//! command or a hard-coded outcome; an analyst holding `events.jsonl`, `detections.csv` and
//! `tracks.csv` can rebuild every cause.
//!
//! | evidence | record |
//! |---|---|
//! | detected | a detection of it by any sensor (`first_detection`, `detections.csv`) |
//! | held | a confirmed track of it in some node's picture at a truth sample (`first_held_t_s`), or any event naming a track of it |
//! | identified | an `identity_change` to `hostile` of a track of it by an identification authority, or a `permit` / `needs_approval` `engagement_decision` on it (the ROE found its identity engageable, e.g. weapons free on an unknown) |
//! | window | an `engagement_opportunity` on it other than `no_window` / `below_min_pk` |
//! | denied | an `engagement_decision` `deny` on it (its reason: the latest such decision) |
//! | no capacity | an `engagement_opportunity` `no_capacity` (a window, no round or channel) or `offered` (the assignment gave the unit's rounds and channels to other threats) |
//! | ordered | an `engagement_order` on it |
//! | called off | an `engagement_aborted` before launch of one of its orders (joined by engagement number) |
//! | launched | an `interceptor_launch` at it, or on one of its orders (joined by engagement number) |
//! | killed | an `intercept` that destroyed it |
//!
//! The cause is the first of these that holds, in this order: `killed` (destroyed); `missed`
//! (rounds flew at it, none killed it); `late` (ordered, never launched: every order was called
//! off, `engagement_aborted` — the latest one's reason kept —, or the run ended first,
//! `pending_at_end`); `no_capacity` when it was offered to the
//! assignment but given no round; then, for a threat never offered, the first link missing:
//! `undetected`, `untracked`, `unidentified`; `denied` (a window, refused by the ROE — reason
//! kept); `no_capacity` (a window only at units without a round or a free channel);
//! `out_of_reach` (no usable window: none inside an envelope before the predicted impact, or
//! one only at a planned Pk below the doctrine's minimum; also when no fire unit's node held a
//! track of it, since a unit plans only on what its node holds). The ROE is judged before the
//! planned Pk, so a denied pair's Pk is unknown: `denied` does not imply a usable Pk.
//!
//! Every threat of the scenario gets exactly one cause (the causes partition the threats); a
//! threat not launched within the run is `undetected`, and one still flying at the end is
//! attributed where its chain stood, so in a run that lasts until every threat is down,
//! `killed` + the other causes = threats, and the other causes sum to the leakers.

use crate::log::EventKind;
use base::ObjectId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a threat's kill chain ended: the first link that failed, or `Killed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainCause {
    /// No sensor of the alliance ever detected it.
    Undetected,
    /// Detected, but no confirmed track of any picture followed it.
    Untracked,
    /// Tracked, but never declared hostile by an identification authority nor found
    /// engageable by the ROE at any fire unit.
    Unidentified,
    /// Identified, but no fire unit ever had a usable engagement window on it.
    OutOfReach,
    /// A window existed, but the ROE refused every engagement (reason kept).
    Denied,
    /// A window existed only at units without a round or a free channel, or the assignment
    /// gave the rounds and channels to other threats.
    NoCapacity,
    /// Ordered, but never launched: the window closed (order called off) before a launch.
    Late,
    /// Engaged: rounds flew at it, none destroyed it.
    Missed,
    /// Destroyed by an interceptor.
    Killed,
}

impl ChainCause {
    /// Every cause, in chain order.
    pub const ALL: [ChainCause; 9] = [
        ChainCause::Undetected,
        ChainCause::Untracked,
        ChainCause::Unidentified,
        ChainCause::OutOfReach,
        ChainCause::Denied,
        ChainCause::NoCapacity,
        ChainCause::Late,
        ChainCause::Missed,
        ChainCause::Killed,
    ];

    /// The stable snake_case name (the `summary.json` key).
    pub fn as_str(self) -> &'static str {
        match self {
            ChainCause::Undetected => "undetected",
            ChainCause::Untracked => "untracked",
            ChainCause::Unidentified => "unidentified",
            ChainCause::OutOfReach => "out_of_reach",
            ChainCause::Denied => "denied",
            ChainCause::NoCapacity => "no_capacity",
            ChainCause::Late => "late",
            ChainCause::Missed => "missed",
            ChainCause::Killed => "killed",
        }
    }
}

/// Threats per cause (`moe.leaker_causes`): every cause listed, in chain order, zeros
/// included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChainCauses {
    /// See [`ChainCause::Undetected`].
    pub undetected: u64,
    /// See [`ChainCause::Untracked`].
    pub untracked: u64,
    /// See [`ChainCause::Unidentified`].
    pub unidentified: u64,
    /// See [`ChainCause::OutOfReach`].
    pub out_of_reach: u64,
    /// See [`ChainCause::Denied`].
    pub denied: u64,
    /// See [`ChainCause::NoCapacity`].
    pub no_capacity: u64,
    /// See [`ChainCause::Late`].
    pub late: u64,
    /// See [`ChainCause::Missed`].
    pub missed: u64,
    /// See [`ChainCause::Killed`].
    pub killed: u64,
}

impl ChainCauses {
    /// Counts `causes`.
    pub fn of(causes: impl IntoIterator<Item = ChainCause>) -> Self {
        let mut c = ChainCauses::default();
        for cause in causes {
            *c.get_mut(cause) += 1;
        }
        c
    }

    /// The count of `cause`.
    pub fn get(&self, cause: ChainCause) -> u64 {
        let mut c = *self;
        *c.get_mut(cause)
    }

    fn get_mut(&mut self, cause: ChainCause) -> &mut u64 {
        match cause {
            ChainCause::Undetected => &mut self.undetected,
            ChainCause::Untracked => &mut self.untracked,
            ChainCause::Unidentified => &mut self.unidentified,
            ChainCause::OutOfReach => &mut self.out_of_reach,
            ChainCause::Denied => &mut self.denied,
            ChainCause::NoCapacity => &mut self.no_capacity,
            ChainCause::Late => &mut self.late,
            ChainCause::Missed => &mut self.missed,
            ChainCause::Killed => &mut self.killed,
        }
    }

    /// Threats counted.
    pub fn total(&self) -> u64 {
        ChainCause::ALL.iter().map(|&c| self.get(c)).sum()
    }
}

/// What the records show about one threat's kill chain (beyond detection and holding at truth
/// samples, which the summary joins in).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// Some event named a track of it (it was held, whatever the truth samples saw).
    track_named: bool,
    /// Declared hostile by an identification authority.
    hostile: bool,
    /// The ROE permitted (or sent for approval) a pair on it.
    permitted: bool,
    /// The latest ROE denial on it.
    denied: Option<&'static str>,
    /// A window at a unit without a round or a free channel.
    window_without_capacity: bool,
    /// A fire unit's evaluation found no window on it.
    no_window: bool,
    /// A fire unit's evaluation found a window at a planned Pk below the doctrine's minimum.
    below_min_pk: bool,
    /// A fire unit's evaluation found a window whose launch lay beyond the commit horizon.
    not_yet: bool,
    /// Offered to the weapon-target assignment.
    offered: bool,
    /// A fire order on it.
    ordered: bool,
    /// The reason of the latest of its orders called off before launch.
    called_off: Option<&'static str>,
    /// An interceptor launched at it.
    launched: bool,
    /// Destroyed by an interceptor.
    killed: bool,
}

impl Evidence {
    /// The cause, given whether any sensor `detected` it and whether a picture `held` it at a
    /// truth sample.
    pub(crate) fn cause(&self, detected: bool, held: bool) -> ChainCause {
        let held = held || self.track_named;
        let detected = detected || held;
        if self.killed {
            ChainCause::Killed
        } else if self.launched {
            ChainCause::Missed
        } else if self.ordered {
            ChainCause::Late
        } else if self.offered {
            ChainCause::NoCapacity
        } else if !detected {
            ChainCause::Undetected
        } else if !held {
            ChainCause::Untracked
        } else if !(self.hostile || self.permitted) {
            ChainCause::Unidentified
        } else if self.denied.is_some() {
            ChainCause::Denied
        } else if self.window_without_capacity {
            ChainCause::NoCapacity
        } else {
            ChainCause::OutOfReach
        }
    }

    /// The reason behind `cause`: for `Denied` the ROE reason of the latest denial on it, for
    /// `Late` the reason its latest order was called off (`pending_at_end` when none was: the
    /// run ended with an order waiting for its launch instant), for `OutOfReach` how far the
    /// fire units got (`below_min_pk`: a window at a planned Pk below the doctrine's minimum;
    /// `closed_before_commit`: a window whose launch was beyond the commit horizon, gone
    /// before it came within it; `no_window`: none inside an envelope before its predicted impact; `no_fire_unit_track`:
    /// no fire unit's node held a track of it as a possible target); otherwise none.
    pub(crate) fn reason(&self, cause: ChainCause) -> Option<&'static str> {
        match cause {
            ChainCause::Denied => self.denied,
            ChainCause::Late => Some(self.called_off.unwrap_or(PENDING_AT_END)),
            ChainCause::OutOfReach => Some(if self.below_min_pk {
                "below_min_pk"
            } else if self.not_yet {
                "closed_before_commit"
            } else if self.no_window {
                "no_window"
            } else {
                "no_fire_unit_track"
            }),
            _ => None,
        }
    }
}

/// The reason of a `late` threat whose order was never called off: the run ended first.
pub(crate) const PENDING_AT_END: &str = "pending_at_end";

/// The evidence of every threat, gathered as events are emitted.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Chains {
    evidence: BTreeMap<ObjectId, Evidence>,
    /// The threat each fire order was given on, by engagement number (a call-off names the
    /// engagement; its track may no longer be held).
    orders: BTreeMap<u64, ObjectId>,
}

impl Chains {
    /// Notes `kind`, an event about `object` (a track of it, joined to truth by the caller, or
    /// the object an intercept destroyed; `None`: no threat). A call-off is attributed to the
    /// threat its order was given on, whatever `object` says. Events that carry no chain
    /// evidence are ignored.
    pub(crate) fn note(&mut self, object: Option<ObjectId>, kind: &EventKind) {
        if let EventKind::EngagementAborted {
            engagement,
            launched: false,
            reason,
            ..
        } = kind
        {
            if let Some(o) = self.orders.get(engagement) {
                self.evidence.entry(*o).or_default().called_off = Some(reason);
            }
            return;
        }
        // A round launched on an order counts for the threat the order was given on too: the
        // launch names the track it was guided on, which may be another track of the threat
        // (or, near other objects, follow another one).
        if let EventKind::InterceptorLaunch { engagement, .. } = kind
            && let Some(o) = self.orders.get(engagement).filter(|o| Some(**o) != object)
        {
            self.evidence.entry(*o).or_default().launched = true;
        }
        let Some(object) = object else {
            return;
        };
        if let EventKind::EngagementOrder { engagement, .. } = kind {
            self.orders.insert(*engagement, object);
        }
        let e = self.evidence.entry(object).or_default();
        match kind {
            EventKind::IdentityChange { to, .. } => {
                e.track_named = true;
                e.hostile |= *to == "hostile";
            }
            EventKind::EngagementDecision {
                decision, reason, ..
            } => {
                e.track_named = true;
                if *decision == "deny" {
                    e.denied = Some(reason);
                } else {
                    e.permitted = true;
                }
            }
            EventKind::EngagementOpportunity { outcome, .. } => {
                e.track_named = true;
                match *outcome {
                    "no_capacity" => e.window_without_capacity = true,
                    "no_window" => e.no_window = true,
                    "below_min_pk" => e.below_min_pk = true,
                    "not_yet" => e.not_yet = true,
                    "offered" => e.offered = true,
                    _ => {}
                }
            }
            EventKind::EngagementOrder { .. } => {
                e.track_named = true;
                e.ordered = true;
            }
            EventKind::InterceptorLaunch { .. } => {
                e.track_named = true;
                e.launched = true;
            }
            EventKind::Intercept { killed: true, .. } => e.killed = true,
            _ => {}
        }
    }

    /// The evidence about `object` (empty if no event named it).
    pub(crate) fn of(&self, object: ObjectId) -> Evidence {
        self.evidence.get(&object).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn identity(to: &'static str) -> EventKind {
        EventKind::IdentityChange {
            track: 7,
            node: "JPN-NAT".to_owned(),
            from: "pending",
            to,
            reason: "test",
        }
    }

    fn decision(decision: &'static str, reason: &'static str) -> EventKind {
        EventKind::EngagementDecision {
            fire_unit: "FU-1".to_owned(),
            track: 7,
            decision,
            reason,
        }
    }

    fn opportunity(outcome: &'static str) -> EventKind {
        EventKind::EngagementOpportunity {
            fire_unit: "FU-1".to_owned(),
            track: 7,
            outcome,
        }
    }

    fn order() -> EventKind {
        EventKind::EngagementOrder {
            fire_unit: "FU-1".to_owned(),
            engagement: 1,
            track: 7,
            interceptor: "notional".to_owned(),
            planned_pk: 0.7,
            launch_t_s: 100.0,
        }
    }

    fn launch() -> EventKind {
        EventKind::InterceptorLaunch {
            fire_unit: "FU-1".to_owned(),
            engagement: 1,
            track: 7,
            interceptor: "notional".to_owned(),
            on_remote: false,
            provenance: "own_sensors",
            self_defence: false,
            planned_pk: 0.7,
            intercept_t_s: 130.0,
            launcher_lat_deg: 33.0,
            launcher_lon_deg: 130.0,
            launcher_alt_m: 0.0,
            aim_lat_deg: 33.5,
            aim_lon_deg: 129.5,
            aim_alt_m: 20_000.0,
        }
    }

    fn intercept(killed: bool) -> EventKind {
        EventKind::Intercept {
            fire_unit: "FU-1".to_owned(),
            engagement: 1,
            track: 7,
            object: Some("SRBM-1".to_owned()),
            side: Some("hostile"),
            miss_m: Some(3.0),
            killed,
            wrong_object: None,
            lat_deg: 33.5,
            lon_deg: 129.5,
            alt_m: 20_000.0,
        }
    }

    /// The cause of one threat that `detected`, `held` at a truth sample and the `events`
    /// (all about it) describe.
    fn cause(detected: bool, held: bool, events: &[EventKind]) -> (ChainCause, Option<&str>) {
        let mut chains = Chains::default();
        let o = ObjectId::new(3);
        for e in events {
            chains.note(Some(o), e);
        }
        let e = chains.of(o);
        let c = e.cause(detected, held);
        (c, e.reason(c))
    }

    #[test]
    fn undetected_without_any_record() {
        assert_eq!(cause(false, false, &[]).0, ChainCause::Undetected);
    }

    #[test]
    fn untracked_when_detected_but_never_held() {
        assert_eq!(cause(true, false, &[]).0, ChainCause::Untracked);
        // An event naming a track of it is evidence it was held (between truth samples).
        assert_eq!(
            cause(true, false, &[identity("suspect")]).0,
            ChainCause::Unidentified
        );
    }

    #[test]
    fn unidentified_when_held_but_never_hostile_nor_permitted() {
        let events = [
            identity("unknown"),
            opportunity("denied"),
            decision("deny", "identity_not_allowed_by_wcs"),
        ];
        assert_eq!(cause(true, true, &events).0, ChainCause::Unidentified);
        // Weapons free on an unknown: the ROE found it engageable, identification did not fail.
        let events = [identity("unknown"), decision("permit", "permitted")];
        assert_eq!(cause(true, true, &events).0, ChainCause::OutOfReach);
    }

    #[test]
    fn out_of_reach_without_a_usable_window() {
        let events = [identity("hostile"), opportunity("no_window")];
        assert_eq!(
            cause(true, true, &events),
            (ChainCause::OutOfReach, Some("no_window"))
        );
        // A window at a planned Pk below the doctrine's minimum is not a usable one.
        let events = [
            identity("hostile"),
            decision("permit", "permitted"),
            opportunity("below_min_pk"),
            opportunity("no_window"),
        ];
        assert_eq!(
            cause(true, true, &events),
            (ChainCause::OutOfReach, Some("below_min_pk"))
        );
        // Identified, but no fire unit's node ever held it: nothing to plan on.
        assert_eq!(
            cause(true, true, &[identity("hostile")]),
            (ChainCause::OutOfReach, Some("no_fire_unit_track"))
        );
    }

    #[test]
    fn denied_keeps_the_latest_reason() {
        let events = [
            identity("hostile"),
            opportunity("denied"),
            decision("deny", "track_quality"),
            decision("deny", "track_age"),
        ];
        assert_eq!(
            cause(true, true, &events),
            (ChainCause::Denied, Some("track_age"))
        );
        // A refusal at one unit outranks a window without capacity at another (the ROE
        // link comes first).
        let events = [
            identity("hostile"),
            opportunity("no_capacity"),
            decision("deny", "weapons_hold"),
        ];
        assert_eq!(cause(true, true, &events).0, ChainCause::Denied);
    }

    #[test]
    fn no_capacity_when_a_window_found_no_round() {
        let events = [identity("hostile"), opportunity("no_capacity")];
        assert_eq!(cause(true, true, &events), (ChainCause::NoCapacity, None));
        // Offered to the assignment, which gave the rounds to other threats.
        let events = [
            identity("hostile"),
            decision("permit", "permitted"),
            opportunity("offered"),
        ];
        assert_eq!(cause(true, true, &events).0, ChainCause::NoCapacity);
        // ... even after an earlier refusal.
        let events = [
            identity("hostile"),
            decision("deny", "track_quality"),
            decision("permit", "permitted"),
            opportunity("offered"),
        ];
        assert_eq!(cause(true, true, &events), (ChainCause::NoCapacity, None));
    }

    fn aborted(engagement: u64, launched: bool, reason: &'static str) -> EventKind {
        EventKind::EngagementAborted {
            fire_unit: "FU-1".to_owned(),
            engagement,
            track: 7,
            launched,
            reason,
        }
    }

    #[test]
    fn late_when_ordered_but_never_launched() {
        let events = [identity("hostile"), opportunity("offered"), order()];
        assert_eq!(
            cause(true, true, &events),
            (ChainCause::Late, Some(PENDING_AT_END))
        );
        // Called off before launch: the reason is kept, whatever track the call-off names.
        let mut chains = Chains::default();
        let o = ObjectId::new(3);
        chains.note(Some(o), &order());
        chains.note(None, &aborted(1, false, "track_lost"));
        chains.note(None, &aborted(2, false, "cue_degraded"));
        let e = chains.of(o);
        assert_eq!(e.cause(true, true), ChainCause::Late);
        assert_eq!(e.reason(ChainCause::Late), Some("track_lost"));
        // A round destroyed in flight flew: missed, not late — also when the launch names a
        // track that followed nothing (or something else) by then.
        chains.note(None, &launch());
        chains.note(None, &aborted(1, true, "left_envelope_max_range"));
        assert_eq!(chains.of(o).cause(true, true), ChainCause::Missed);
    }

    #[test]
    fn missed_when_rounds_flew_without_a_kill() {
        let events = [opportunity("offered"), order(), launch(), intercept(false)];
        assert_eq!(cause(true, true, &events).0, ChainCause::Missed);
    }

    #[test]
    fn killed_when_an_intercept_destroyed_it() {
        let events = [
            order(),
            launch(),
            intercept(false),
            launch(),
            intercept(true),
        ];
        assert_eq!(cause(true, true, &events).0, ChainCause::Killed);
        // Destroyed by a round aimed at another track: killed all the same.
        assert_eq!(cause(true, true, &[intercept(true)]).0, ChainCause::Killed);
    }

    #[test]
    fn every_cause_has_a_stable_name_and_a_counter() {
        let counts = ChainCauses::of(ChainCause::ALL);
        let json = serde_json::to_string(&counts).expect("serialises");
        let expected: Vec<String> = ChainCause::ALL
            .iter()
            .map(|c| format!("\"{}\":1", c.as_str()))
            .collect();
        assert_eq!(
            json,
            format!("{{{}}}", expected.join(",")),
            "keys in chain order"
        );
        for c in ChainCause::ALL {
            assert_eq!(counts.get(c), 1);
            assert_eq!(serde_json::to_value(c).expect("serialises"), c.as_str());
        }
        assert_eq!(counts.total(), 9);
    }

    fn any_event() -> impl Strategy<Value = EventKind> {
        prop_oneof![
            prop::sample::select(vec!["pending", "unknown", "suspect", "hostile"])
                .prop_map(identity),
            prop::sample::select(vec![
                ("permit", "permitted"),
                ("needs_approval", "national"),
                ("deny", "track_quality"),
                ("deny", "weapons_hold"),
            ])
            .prop_map(|(d, r)| decision(d, r)),
            prop::sample::select(vec![
                "no_window",
                "no_capacity",
                "denied",
                "below_min_pk",
                "offered"
            ])
            .prop_map(opportunity),
            Just(order()),
            Just(launch()),
            prop::bool::ANY.prop_map(intercept),
        ]
    }

    proptest! {
        /// The causes partition the threats: each threat gets one, the counts add up to the
        /// threats, `killed` is exactly the threats an intercept destroyed, `undetected`
        /// exactly those nothing saw, and a kill decides whatever came before it.
        #[test]
        fn causes_partition_the_threats(
            threats in prop::collection::vec(
                (prop::bool::ANY, prop::bool::ANY, prop::collection::vec(any_event(), 0..8)),
                1..12,
            ),
        ) {
            let mut chains = Chains::default();
            for (i, (_, _, events)) in threats.iter().enumerate() {
                for e in events {
                    // Each threat's orders and rounds under its own engagement number.
                    let mut e = e.clone();
                    if let EventKind::EngagementOrder { engagement, .. }
                    | EventKind::InterceptorLaunch { engagement, .. }
                    | EventKind::Intercept { engagement, .. } = &mut e
                    {
                        *engagement = i as u64 + 1;
                    }
                    chains.note(Some(ObjectId::new(i)), &e);
                }
            }
            let causes: Vec<ChainCause> = threats
                .iter()
                .enumerate()
                .map(|(i, (detected, held, _))| chains.of(ObjectId::new(i)).cause(*detected, *held))
                .collect();
            let counts = ChainCauses::of(causes.iter().copied());
            prop_assert_eq!(counts.total(), threats.len() as u64);
            for c in ChainCause::ALL {
                prop_assert_eq!(
                    counts.get(c),
                    causes.iter().filter(|&&x| x == c).count() as u64
                );
            }
            for ((detected, held, events), cause) in threats.iter().zip(&causes) {
                let kill = events
                    .iter()
                    .any(|e| matches!(e, EventKind::Intercept { killed: true, .. }));
                prop_assert_eq!(kill, *cause == ChainCause::Killed);
                let named = events
                    .iter()
                    .any(|e| !matches!(e, EventKind::Intercept { .. }));
                prop_assert_eq!(
                    !detected && !held && !named && !kill,
                    *cause == ChainCause::Undetected
                );
                let launched = events
                    .iter()
                    .any(|e| matches!(e, EventKind::InterceptorLaunch { .. }));
                prop_assert_eq!(launched && !kill, *cause == ChainCause::Missed);
            }
        }
    }
}
