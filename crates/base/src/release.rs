//! Releasability markings: which allied nations a datum may reach (PRIMER §5.5).
//!
//! Nations are numbered by their position in the alliance roster (the scenario's `[[nation]]`
//! order); a [`NationSet`] is a bit set over those positions. Eight nations fit, which is also
//! what the data-link wire format carries (one byte).

use core::fmt;

/// Most nations a roster may hold (the wire's release mask is one byte).
pub const MAX_NATIONS: usize = 8;

/// A nation's position in the alliance roster, `0..MAX_NATIONS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NationIndex(u8);

impl NationIndex {
    /// From a roster position; `None` beyond [`MAX_NATIONS`].
    pub fn new(index: usize) -> Option<Self> {
        (index < MAX_NATIONS).then_some(NationIndex(index as u8))
    }
    /// The roster position.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A set of nations (a `REL TO` list). Fusing data intersects the inputs' sets.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NationSet(u8);

impl NationSet {
    /// Releasable to nobody (not even the originator: unshareable).
    pub const EMPTY: NationSet = NationSet(0);

    /// The first `n` nations of the roster (everyone in an `n`-nation alliance).
    pub fn first(n: usize) -> Self {
        let n = n.min(MAX_NATIONS);
        NationSet(if n == MAX_NATIONS {
            u8::MAX
        } else {
            (1u8 << n) - 1
        })
    }
    /// Just `nation`.
    pub fn single(nation: NationIndex) -> Self {
        NationSet(1 << nation.0)
    }
    /// From the wire's byte.
    pub fn from_bits(bits: u8) -> Self {
        NationSet(bits)
    }
    /// The wire's byte.
    pub fn bits(self) -> u8 {
        self.0
    }
    /// Whether `nation` may receive the datum.
    pub fn contains(self, nation: NationIndex) -> bool {
        self.0 & (1 << nation.0) != 0
    }
    /// Adds `nation`.
    pub fn insert(&mut self, nation: NationIndex) {
        self.0 |= 1 << nation.0;
    }
    /// Nations in both sets (a fused product's releasability).
    #[must_use]
    pub fn intersection(self, other: NationSet) -> Self {
        NationSet(self.0 & other.0)
    }
    /// Nations in either set.
    #[must_use]
    pub fn union(self, other: NationSet) -> Self {
        NationSet(self.0 | other.0)
    }
    /// Whether every nation of `self` is in `other`.
    pub fn is_subset(self, other: NationSet) -> bool {
        self.0 & !other.0 == 0
    }
    /// True if no nation may receive the datum.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Number of nations.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    /// Members in roster order.
    pub fn iter(self) -> impl Iterator<Item = NationIndex> {
        (0..MAX_NATIONS as u8)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(NationIndex)
    }
}

impl fmt::Debug for NationSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(NationIndex::index))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn idx(i: usize) -> NationIndex {
        NationIndex::new(i).expect("in range")
    }

    #[test]
    fn first_covers_exactly_the_roster() {
        assert_eq!(
            NationSet::first(3)
                .iter()
                .map(NationIndex::index)
                .collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert_eq!(NationSet::first(8).len(), 8);
        assert!(NationSet::first(0).is_empty());
        assert!(NationIndex::new(8).is_none());
    }

    proptest! {
        #[test]
        fn intersection_is_a_subset_of_both(a in any::<u8>(), b in any::<u8>(), i in 0usize..8) {
            let (a, b) = (NationSet::from_bits(a), NationSet::from_bits(b));
            let c = a.intersection(b);
            prop_assert!(c.is_subset(a) && c.is_subset(b));
            prop_assert_eq!(c.contains(idx(i)), a.contains(idx(i)) && b.contains(idx(i)));
            prop_assert_eq!(a.union(b).contains(idx(i)), a.contains(idx(i)) || b.contains(idx(i)));
        }
    }
}
