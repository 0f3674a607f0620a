//! Network track numbers: 24-bit values (as on the wire), minted by each node from its own
//! block so no two nodes ever mint the same number (PRIMER §2.2).

use core::fmt;

/// A network track number in `1..=0xFF_FFFF` (0 means "none" on the wire and is never valid).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NetworkTrackNumber(u32);

/// Largest network track number (24 bits).
pub const MAX_TN: u32 = 0xFF_FFFF;

/// Why a track number or block was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TnError {
    /// Outside `1..=0xFF_FFFF`.
    #[error("track number {0} outside 1..=0xFFFFFF")]
    OutOfRange(u32),
    /// A block must hold at least one number and end within 24 bits.
    #[error("track number block {first}+{len} is empty or exceeds 0xFFFFFF")]
    BadBlock {
        /// First number.
        first: u32,
        /// Length.
        len: u32,
    },
}

impl NetworkTrackNumber {
    /// Validates `1..=0xFF_FFFF`.
    pub fn new(value: u32) -> Result<Self, TnError> {
        if (1..=MAX_TN).contains(&value) {
            Ok(NetworkTrackNumber(value))
        } else {
            Err(TnError::OutOfRange(value))
        }
    }
    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Debug for NetworkTrackNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TN{:06X}", self.0)
    }
}

impl fmt::Display for NetworkTrackNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A node's block of track numbers `first..first + len`, allocated round-robin: after the last
/// number it wraps to the first, skipping numbers still in use, so a retired number is reused
/// as late as possible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TnBlock {
    first: u32,
    len: u32,
    next: u32,
}

impl TnBlock {
    /// The block `first..first + len`.
    pub fn new(first: u32, len: u32) -> Result<Self, TnError> {
        let end = u64::from(first) + u64::from(len);
        if first == 0 || len == 0 || end > u64::from(MAX_TN) + 1 {
            return Err(TnError::BadBlock { first, len });
        }
        Ok(TnBlock {
            first,
            len,
            next: 0,
        })
    }
    /// Whether `tn` belongs to this block.
    pub fn contains(&self, tn: NetworkTrackNumber) -> bool {
        (self.first..self.first + self.len).contains(&tn.0)
    }
    /// The next number not `in_use`, or `None` when the whole block is in use.
    pub fn allocate(
        &mut self,
        in_use: impl Fn(NetworkTrackNumber) -> bool,
    ) -> Option<NetworkTrackNumber> {
        for _ in 0..self.len {
            let tn = NetworkTrackNumber(self.first + self.next);
            self.next = (self.next + 1) % self.len;
            if !in_use(tn) {
                return Some(tn);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_and_wrapping_allocation() {
        assert!(NetworkTrackNumber::new(0).is_err());
        assert!(NetworkTrackNumber::new(MAX_TN + 1).is_err());
        assert!(TnBlock::new(MAX_TN, 2).is_err());
        assert!(TnBlock::new(5, 0).is_err());
        let mut b = TnBlock::new(10, 3).expect("valid block");
        let held = |tn: NetworkTrackNumber| tn.get() == 11;
        let got: Vec<u32> = (0..4)
            .map(|_| b.allocate(held).expect("free number").get())
            .collect();
        assert_eq!(got, [10, 12, 10, 12]);
        assert_eq!(b.allocate(|_| true), None);
        assert!(b.contains(NetworkTrackNumber(12)) && !b.contains(NetworkTrackNumber(13)));
    }
}
