//! Small wire vocabulary: node addresses, network track numbers and the closed sets (identity,
//! IFF evidence, track kind, drop reason) with their wire codes.
//!
//! Codes are part of the standard: never renumber, only append (and bump
//! [`VERSION`](super::VERSION) if a receiver of the old version could misread the new code).

use core::fmt;

/// A node's address on the data link (one byte: at most 256 nodes per network).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeAddr(pub u8);

impl fmt::Display for NodeAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "N{}", self.0)
    }
}

/// A network track number: 24 bits, `1..=0xFF_FFFF` (0 means "none" on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TrackNumber(u32);

impl TrackNumber {
    /// Largest track number (24 bits).
    pub const MAX: u32 = 0xFF_FFFF;

    /// From its value; `None` for 0 or beyond 24 bits.
    pub fn new(value: u32) -> Option<Self> {
        (1..=Self::MAX)
            .contains(&value)
            .then_some(TrackNumber(value))
    }
    /// The value, `1..=0xFF_FFFF`.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for TrackNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TN{:06X}", self.0)
    }
}

/// Standard identity of a track (the wire's 4-bit code is the discriminant).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Identity {
    /// Not yet evaluated.
    Pending = 0,
    /// Evaluated, no conclusion.
    Unknown = 1,
    /// Probably friendly.
    AssumedFriend = 2,
    /// Friendly.
    Friend = 3,
    /// Neither side.
    Neutral = 4,
    /// Probably hostile.
    Suspect = 5,
    /// Hostile.
    Hostile = 6,
}

impl Identity {
    /// Every identity, in code order.
    pub const ALL: [Identity; 7] = [
        Identity::Pending,
        Identity::Unknown,
        Identity::AssumedFriend,
        Identity::Friend,
        Identity::Neutral,
        Identity::Suspect,
        Identity::Hostile,
    ];

    pub(crate) fn code(self) -> u8 {
        self as u8
    }
    pub(crate) fn from_code(code: u8) -> Option<Self> {
        Self::ALL.get(usize::from(code)).copied()
    }
}

/// IFF evidence gathered on a track or plot (three bits on the wire; bit 3 reserved, zero).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct IffEvidence {
    /// An interrogation was made.
    pub interrogated: bool,
    /// A valid military (mode 4/5) reply was received.
    pub military_reply: bool,
    /// A civil (mode 3/A, C, S) reply was received.
    pub civil_reply: bool,
}

impl IffEvidence {
    pub(crate) fn code(self) -> u8 {
        u8::from(self.interrogated)
            | u8::from(self.military_reply) << 1
            | u8::from(self.civil_reply) << 2
    }
    pub(crate) fn from_code(code: u8) -> Option<Self> {
        (code < 8).then_some(IffEvidence {
            interrogated: code & 1 != 0,
            military_reply: code & 2 != 0,
            civil_reply: code & 4 != 0,
        })
    }
}

/// What kind of object a track is believed to be (4-bit code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TrackKind {
    /// Not classified.
    Unknown = 0,
    /// Aircraft (manned or not).
    Air = 1,
    /// Cruise missile.
    Cruise = 2,
    /// Ballistic missile or re-entry vehicle: free fall established by the reporter's update
    /// history (`c2::identify::ballistic`).
    Ballistic = 3,
    /// Too high or too fast for an aircraft, but ballistic flight not (yet) established by the
    /// reporter's update history (a briefly seen missile, or a track of false alarms).
    BallisticUnconfirmed = 4,
}

impl TrackKind {
    /// Every kind, in code order.
    pub const ALL: [TrackKind; 5] = [
        TrackKind::Unknown,
        TrackKind::Air,
        TrackKind::Cruise,
        TrackKind::Ballistic,
        TrackKind::BallisticUnconfirmed,
    ];

    /// Moves ballistically (coasts under gravity), established or not.
    pub fn is_ballistic(self) -> bool {
        matches!(self, TrackKind::Ballistic | TrackKind::BallisticUnconfirmed)
    }

    pub(crate) fn code(self) -> u8 {
        self as u8
    }
    pub(crate) fn from_code(code: u8) -> Option<Self> {
        Self::ALL.get(usize::from(code)).copied()
    }
}

/// Why a track number is no longer reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DropReason {
    /// The originator lost the object (no updates).
    Lost,
    /// Merged into another track; `survivor` carries on.
    Merged {
        /// The track number that continues.
        survivor: TrackNumber,
    },
    /// The originator found it was two objects (or none) and split it off.
    Decorrelated,
    /// Anything else (operator action, leaving the area of interest).
    Other,
    /// The object reached the surface: a ballistic track ended at its predicted impact.
    Impact,
}

impl DropReason {
    /// The reason code and the survivor field (0 unless merged).
    pub(crate) fn code(self) -> (u8, u32) {
        match self {
            DropReason::Lost => (0, 0),
            DropReason::Merged { survivor } => (1, survivor.get()),
            DropReason::Decorrelated => (2, 0),
            DropReason::Other => (3, 0),
            DropReason::Impact => (4, 0),
        }
    }
    /// Inverse of [`code`](Self::code); a survivor field is only canonical when merged.
    pub(crate) fn from_code(code: u8, survivor: u32) -> Option<Self> {
        match (code, survivor) {
            (0, 0) => Some(DropReason::Lost),
            (1, s) => TrackNumber::new(s).map(|survivor| DropReason::Merged { survivor }),
            (2, 0) => Some(DropReason::Decorrelated),
            (3, 0) => Some(DropReason::Other),
            (4, 0) => Some(DropReason::Impact),
            _ => None,
        }
    }
}
