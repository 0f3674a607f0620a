//! The discrete-event agenda: events ordered by (time, class, sequence).
//!
//! Ties are broken by [`EventClass`] then by insertion sequence, never by hash or address, so
//! the same inputs always pop in the same order.

use crate::SimTime;
use std::collections::BTreeMap;

/// Same-instant causality: truth moves before sensors sample, tracks before decisions, and
/// output records last so they see the finished instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventClass {
    /// Truth state changes (launch, burnout, impact, waypoint).
    Truth,
    /// Sensor sampling.
    Sense,
    /// Message delivery.
    Network,
    /// Tracker updates.
    Track,
    /// C2 decisions.
    Decide,
    /// Actions (launches, orders).
    Act,
    /// Recording (periodic truth samples, progress).
    Record,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    time: SimTime,
    class: EventClass,
    seq: u64,
}

/// A deterministic priority queue of events `E`.
#[derive(Debug)]
pub struct Agenda<E> {
    pending: BTreeMap<Key, E>,
    next_seq: u64,
    now: SimTime,
}

impl<E> Default for Agenda<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> Agenda<E> {
    /// An empty agenda at the epoch.
    pub fn new() -> Self {
        Agenda {
            pending: BTreeMap::new(),
            next_seq: 0,
            now: SimTime::ZERO,
        }
    }
    /// The time of the last popped event.
    pub fn now(&self) -> SimTime {
        self.now
    }
    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.pending.len()
    }
    /// True when nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }
    /// Schedules `event` at `time`. Scheduling in the past is a broken invariant.
    pub fn schedule(&mut self, time: SimTime, class: EventClass, event: E) {
        assert!(
            time >= self.now,
            "event scheduled in the past: {time} < {}",
            self.now
        );
        let key = Key {
            time,
            class,
            seq: self.next_seq,
        };
        self.next_seq += 1;
        let displaced = self.pending.insert(key, event);
        assert!(
            displaced.is_none(),
            "agenda keys are unique by construction"
        );
    }
    /// Time of the next event, if any.
    pub fn peek_time(&self) -> Option<SimTime> {
        self.pending.first_key_value().map(|(k, _)| k.time)
    }
    /// Removes and returns the next event, advancing `now`.
    pub fn pop(&mut self) -> Option<(SimTime, EventClass, E)> {
        let (key, event) = self.pending.pop_first()?;
        self.now = key.time;
        Some((key.time, key.class, event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_by_time_then_class_then_sequence() {
        let mut a = Agenda::new();
        a.schedule(SimTime::from_secs(2), EventClass::Truth, "late");
        a.schedule(SimTime::from_secs(1), EventClass::Decide, "decide");
        a.schedule(SimTime::from_secs(1), EventClass::Truth, "truth-1");
        a.schedule(SimTime::from_secs(1), EventClass::Truth, "truth-2");
        let order: Vec<_> = std::iter::from_fn(|| a.pop().map(|(_, _, e)| e)).collect();
        assert_eq!(order, ["truth-1", "truth-2", "decide", "late"]);
    }

    #[test]
    #[should_panic(expected = "event scheduled in the past")]
    fn refuses_the_past() {
        let mut a = Agenda::new();
        a.schedule(SimTime::from_secs(5), EventClass::Truth, ());
        a.pop();
        a.schedule(SimTime::from_secs(4), EventClass::Truth, ());
    }
}
