//! Sets of sensors: the provenance of a track (which sensors have updated it), a fire unit's
//! own sensors. A scenario may hold any number of sensors, so this is a real set over
//! [`SensorId`]s, never a fixed-width bit mask (a `u64` indexed `sensor % 64` made sensor 64
//! inherit sensor 0's releasability).

use crate::SensorId;
use core::fmt;

/// A set of sensors, kept sorted and without duplicates (tracks have few sources, so a sorted
/// vector beats a tree or a bit set sized by the largest id).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SensorSet(Vec<SensorId>);

impl SensorSet {
    /// No sensor.
    pub const fn new() -> Self {
        SensorSet(Vec::new())
    }
    /// Just `sensor`.
    pub fn single(sensor: SensorId) -> Self {
        SensorSet(vec![sensor])
    }
    /// Adds `sensor`; true if it was not there yet.
    pub fn insert(&mut self, sensor: SensorId) -> bool {
        match self.0.binary_search(&sensor) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, sensor);
                true
            }
        }
    }
    /// Whether `sensor` is a member.
    pub fn contains(&self, sensor: SensorId) -> bool {
        self.0.binary_search(&sensor).is_ok()
    }
    /// Whether the sets share no sensor (linear merge of the sorted members).
    pub fn is_disjoint(&self, other: &SensorSet) -> bool {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                core::cmp::Ordering::Less => {
                    a.next();
                }
                core::cmp::Ordering::Greater => {
                    b.next();
                }
                core::cmp::Ordering::Equal => return false,
            }
        }
        true
    }
    /// True if there is no member.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Members in increasing id order.
    pub fn iter(&self) -> impl Iterator<Item = SensorId> + '_ {
        self.0.iter().copied()
    }
}

impl FromIterator<SensorId> for SensorSet {
    fn from_iter<I: IntoIterator<Item = SensorId>>(iter: I) -> Self {
        let mut v: Vec<SensorId> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        SensorSet(v)
    }
}

impl fmt::Debug for SensorSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.0.iter().map(|s| s.get()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn s(i: u32) -> SensorId {
        SensorId::new(i as usize)
    }

    /// The failure fixed: with a 64-bit mask, sensors 0 and 64 were the same member.
    #[test]
    fn ids_a_multiple_of_64_apart_are_distinct() {
        let set = SensorSet::single(s(0));
        assert!(!set.contains(s(64)));
        assert!(set.is_disjoint(&SensorSet::single(s(64))));
        assert!(set.is_disjoint(&SensorSet::single(s(128))));
    }

    proptest! {
        /// Behaves as the ordered-set model, with ids far beyond any fixed width.
        #[test]
        fn matches_a_btreeset(
            a in proptest::collection::vec(0u32..100_000, 0..40),
            b in proptest::collection::vec(0u32..100_000, 0..40),
            probe in 0u32..100_000,
        ) {
            let mut set = SensorSet::new();
            let mut model = BTreeSet::new();
            for &i in &a {
                prop_assert_eq!(set.insert(s(i)), model.insert(i));
            }
            let other: SensorSet = b.iter().map(|&i| s(i)).collect();
            let other_model: BTreeSet<u32> = b.iter().copied().collect();
            prop_assert_eq!(set.len(), model.len());
            prop_assert_eq!(set.iter().map(SensorId::get).collect::<Vec<_>>(),
                model.iter().copied().collect::<Vec<_>>());
            prop_assert_eq!(set.contains(s(probe)), model.contains(&probe));
            prop_assert_eq!(set.is_disjoint(&other), model.is_disjoint(&other_model));
            // Aliasing modulo any power of two must not matter.
            prop_assert_eq!(set.contains(s(probe + 64)), model.contains(&(probe + 64)));
        }
    }
}
