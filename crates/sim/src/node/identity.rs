//! The identities a node holds for network tracks (track sharing): its own declarations when it
//! is an identification authority, and the identity changes it has *received* on the link.
//! Fire units act on what their node holds from their authority, never on the authority's
//! own table: an identity reaches a unit with the link's latency, can be lost (the authority
//! repeats every declaration each heartbeat while it holds the track) and travels only where
//! the track's releasability allows.

use base::{NationSet, SimDuration, SimTime};
use c2::identify::Identity;
use std::collections::BTreeMap;

/// One of this node's own declarations.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Declared {
    identity: Identity,
    /// Decision time.
    at: SimTime,
    /// Who may receive it: the track's releasability and the node's own marking.
    release: NationSet,
    /// Last time it was put on the link.
    sent: Option<SimTime>,
}

/// A received identity change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Received {
    identity: Identity,
    /// The authority's decision time, ms since the network epoch.
    time_ms: u32,
}

/// An identity change due on the link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Outgoing {
    pub(crate) track: u32,
    pub(crate) identity: Identity,
    pub(crate) at: SimTime,
    pub(crate) release: NationSet,
}

/// What a node holds (module docs).
#[derive(Debug, Default)]
pub(crate) struct Identities {
    declared: BTreeMap<u32, Declared>,
    /// By (network track number, authority's wire address).
    received: BTreeMap<(u32, u8), Received>,
}

impl Identities {
    /// Records this node's declaration of `track` (an identification authority's change).
    pub(crate) fn declare(
        &mut self,
        track: u32,
        identity: Identity,
        at: SimTime,
        release: NationSet,
    ) {
        self.declared.insert(
            track,
            Declared {
                identity,
                at,
                release,
                sent: None,
            },
        );
    }

    /// Declarations due on the link at `now`: new ones, and each held one again every
    /// `repeat` (a lost message delays the identity by one repeat, it does not lose it). Only
    /// tracks `live` (still in the node's picture) are sent; the others are forgotten.
    pub(crate) fn due(
        &mut self,
        now: SimTime,
        repeat: SimDuration,
        live: &dyn Fn(u32) -> bool,
    ) -> Vec<Outgoing> {
        self.declared.retain(|t, _| live(*t));
        let mut out = Vec::new();
        for (&track, d) in &mut self.declared {
            if d.identity == Identity::Pending || d.sent.is_some_and(|s| now - s < repeat) {
                continue;
            }
            d.sent = Some(now);
            out.push(Outgoing {
                track,
                identity: d.identity,
                at: d.at,
                release: d.release,
            });
        }
        out
    }

    /// A received identity change from `authority`; true if it changed what the node holds.
    /// An older decision than the one held (a late repeat) is ignored.
    pub(crate) fn receive(
        &mut self,
        track: u32,
        authority: u8,
        identity: Identity,
        time_ms: u32,
    ) -> bool {
        let slot = self.received.entry((track, authority)).or_insert(Received {
            identity: Identity::Pending,
            time_ms: 0,
        });
        if time_ms < slot.time_ms {
            return false;
        }
        let changed = slot.identity != identity;
        *slot = Received { identity, time_ms };
        changed
    }

    /// Every identity received from `authority`, by track.
    pub(crate) fn held_from(&self, authority: u8) -> impl Iterator<Item = (u32, Identity)> {
        self.received
            .iter()
            .filter(move |((_, a), _)| *a == authority)
            .map(|((t, _), r)| (*t, r.identity))
    }

    /// The identity this node reports for `track` in its track reports: its own declaration,
    /// else the latest decision it received from any authority (Pending if none).
    pub(crate) fn reported(&self, track: u32) -> Identity {
        if let Some(d) = self.declared.get(&track) {
            return d.identity;
        }
        self.received
            .range((track, 0)..=(track, u8::MAX))
            .max_by_key(|(_, r)| r.time_ms)
            .map_or(Identity::Pending, |(_, r)| r.identity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_sent_once_then_repeated_while_live() {
        let mut ids = Identities::default();
        let t0 = SimTime::from_secs(10);
        let release = NationSet::first(2);
        ids.declare(7, Identity::Hostile, t0, release);
        ids.declare(8, Identity::Pending, t0, release);
        let repeat = SimDuration::from_secs(12);
        let all = |_: u32| true;
        let sent = ids.due(t0, repeat, &all);
        assert_eq!(sent.len(), 1, "Pending is no declaration");
        assert_eq!((sent[0].track, sent[0].identity), (7, Identity::Hostile));
        assert!(
            ids.due(t0 + SimDuration::from_secs(11), repeat, &all)
                .is_empty()
        );
        assert_eq!(ids.due(t0 + repeat, repeat, &all).len(), 1);
        assert!(
            ids.due(t0 + repeat * 2, repeat, &|t| t != 7).is_empty(),
            "a dropped track's identity is no longer sent"
        );
        assert_eq!(ids.reported(7), Identity::Pending, "and forgotten");
    }

    #[test]
    fn the_latest_decision_wins_and_late_repeats_are_ignored() {
        let mut ids = Identities::default();
        assert!(ids.receive(5, 1, Identity::Unknown, 1_000));
        assert!(ids.receive(5, 1, Identity::Hostile, 3_000));
        assert!(!ids.receive(5, 1, Identity::Unknown, 1_000), "late repeat");
        assert!(!ids.receive(5, 1, Identity::Hostile, 3_000), "repeat");
        assert!(ids.receive(5, 2, Identity::Suspect, 2_000));
        let from1: Vec<_> = ids.held_from(1).collect();
        assert_eq!(from1, vec![(5, Identity::Hostile)]);
        assert_eq!(ids.reported(5), Identity::Hostile, "latest decision");
        assert_eq!(ids.reported(6), Identity::Pending);
        ids.declare(
            5,
            Identity::Friend,
            SimTime::from_secs(4),
            NationSet::first(1),
        );
        assert_eq!(ids.reported(5), Identity::Friend, "own declaration first");
    }
}
