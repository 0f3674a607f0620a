//! The receiving side: authenticate, de-duplicate and decode frames from untrusted bytes, and
//! count every rejection by reason.
//!
//! Order: header → known sender → signature (`verify_strict`) over header and body → replay
//! window → body → first-hand origin. No body field is trusted before the signature holds, and
//! only an accepted frame moves the window, so a tampered copy cannot burn a sequence number.

use super::codec::{decode_unverified, peek_header, split_signature};
use super::{DecodeError, Frame, KeyRegistry, Message, NodeAddr};
use ed25519_dalek::Signature;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Signatures already verified, shared by receivers that see the same frames (an in-process
/// network delivers one frame to many nodes). Verification is a pure function of (key, bytes),
/// so a hit is exactly as strong as verifying again; only successes are remembered, keyed by
/// the verifying key and every byte of the frame, and the oldest entries are forgotten first.
#[derive(Clone, Debug)]
pub struct SignatureCache {
    verified: BTreeSet<([u8; 32], Box<[u8]>)>,
    order: VecDeque<([u8; 32], Box<[u8]>)>,
    capacity: usize,
}

impl SignatureCache {
    /// A cache remembering up to `capacity` verified frames.
    pub fn new(capacity: usize) -> Self {
        SignatureCache {
            verified: BTreeSet::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    /// Frames remembered.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True if nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    fn contains(&self, key: &[u8; 32], bytes: &[u8]) -> bool {
        self.verified.contains(&(*key, Box::from(bytes)))
    }

    fn insert(&mut self, key: [u8; 32], bytes: &[u8]) {
        let entry = (key, Box::<[u8]>::from(bytes));
        if self.verified.insert(entry.clone()) {
            self.order.push_back(entry);
            while self.order.len() > self.capacity {
                if let Some(old) = self.order.pop_front() {
                    self.verified.remove(&old);
                }
            }
        }
    }
}

/// Frames remembered behind the newest sequence number of a sender.
pub const REPLAY_WINDOW: u32 = 64;

/// Why a frame was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Reject {
    /// Not a well-formed frame.
    #[error("malformed: {0}")]
    Malformed(DecodeError),
    /// No key registered for the sender.
    #[error("unknown sender {0}")]
    UnknownSender(NodeAddr),
    /// The signature does not verify under the sender's key.
    #[error("bad signature")]
    BadSignature,
    /// Sequence number already accepted, or older than the window.
    #[error("replayed sequence number {seq}")]
    Replay {
        /// The frame's sequence number.
        seq: u32,
    },
    /// A key epoch older than the sender's current one.
    #[error("stale key epoch")]
    StaleEpoch,
    /// A message claims another origin than the sender (nodes send first-hand data only).
    #[error("message origin differs from the sender")]
    OriginMismatch,
}

impl Reject {
    /// Stable snake_case counter key.
    pub fn reason(&self) -> &'static str {
        match self {
            Reject::Malformed(e) => e.malformed_reason(),
            Reject::UnknownSender(_) => "unknown_sender",
            Reject::BadSignature => "bad_signature",
            Reject::Replay { .. } => "replay",
            Reject::StaleEpoch => "stale_epoch",
            Reject::OriginMismatch => "origin_mismatch",
        }
    }
}

/// Per-sender replay state: the current epoch, the newest sequence number accepted in it, and
/// which of the [`REPLAY_WINDOW`] numbers before it were seen (bit `k` = `newest − k`).
#[derive(Clone, Copy, Debug)]
struct Window {
    epoch: u8,
    newest: u32,
    seen: u64,
}

impl Window {
    /// `Ok(())` if `(epoch, seq)` is new.
    fn check(&self, epoch: u8, seq: u32) -> Result<(), Reject> {
        if epoch < self.epoch {
            return Err(Reject::StaleEpoch);
        }
        if epoch > self.epoch || seq > self.newest {
            return Ok(());
        }
        let age = self.newest - seq;
        if age >= REPLAY_WINDOW || self.seen & (1 << age) != 0 {
            return Err(Reject::Replay { seq });
        }
        Ok(())
    }

    /// Records an accepted `(epoch, seq)` that passed [`check`](Self::check).
    fn accept(this: Option<Self>, epoch: u8, seq: u32) -> Self {
        match this {
            Some(w) if w.epoch == epoch && seq <= w.newest => Window {
                seen: w.seen | 1 << (w.newest - seq),
                ..w
            },
            Some(w) if w.epoch == epoch => {
                let shift = seq - w.newest;
                let seen = if shift >= 64 { 0 } else { w.seen << shift };
                Window {
                    epoch,
                    newest: seq,
                    seen: seen | 1,
                }
            }
            _ => Window {
                epoch,
                newest: seq,
                seen: 1,
            },
        }
    }
}

/// A node's receiving end of the data link.
#[derive(Clone, Debug)]
pub struct Receiver {
    registry: KeyRegistry,
    windows: BTreeMap<NodeAddr, Window>,
    rejections: BTreeMap<&'static str, u64>,
    accepted: u64,
}

impl Receiver {
    /// A receiver trusting the keys of `registry`.
    pub fn new(registry: KeyRegistry) -> Self {
        Receiver {
            registry,
            windows: BTreeMap::new(),
            rejections: BTreeMap::new(),
            accepted: 0,
        }
    }

    /// Authenticates and decodes one frame; every rejection is counted under its reason.
    pub fn open(&mut self, bytes: &[u8]) -> Result<Frame, Reject> {
        self.open_with(bytes, None)
    }

    /// As [`open`](Self::open), reusing signature verifications recorded in `cache` (and
    /// recording this one's).
    pub fn open_cached(
        &mut self,
        bytes: &[u8],
        cache: &mut SignatureCache,
    ) -> Result<Frame, Reject> {
        self.open_with(bytes, Some(cache))
    }

    fn open_with(
        &mut self,
        bytes: &[u8],
        cache: Option<&mut SignatureCache>,
    ) -> Result<Frame, Reject> {
        let result = self.try_open(bytes, cache);
        match &result {
            Ok(frame) => {
                let h = frame.header;
                let window = self.windows.get(&h.sender).copied();
                self.windows
                    .insert(h.sender, Window::accept(window, h.epoch, h.seq));
                self.accepted += 1;
            }
            Err(reject) => *self.rejections.entry(reject.reason()).or_insert(0) += 1,
        }
        result
    }

    fn try_open(&self, bytes: &[u8], cache: Option<&mut SignatureCache>) -> Result<Frame, Reject> {
        let header = peek_header(bytes).map_err(Reject::Malformed)?;
        let key = self
            .registry
            .key_of(header.sender)
            .ok_or(Reject::UnknownSender(header.sender))?;
        let (signed, signature) = split_signature(bytes)
            .ok_or(Reject::Malformed(DecodeError::Truncated { offset: 0 }))?;
        let key_bytes = key.to_bytes();
        match cache {
            Some(c) if c.contains(&key_bytes, bytes) => {}
            cache => {
                key.verify_strict(signed, &Signature::from_bytes(signature))
                    .map_err(|_| Reject::BadSignature)?;
                if let Some(c) = cache {
                    c.insert(key_bytes, bytes);
                }
            }
        }
        if let Some(window) = self.windows.get(&header.sender) {
            window.check(header.epoch, header.seq)?;
        }
        let frame = decode_unverified(bytes).map_err(Reject::Malformed)?;
        let nation = self.registry.nation_of(header.sender);
        let first_hand = frame.messages.iter().all(|m| {
            m.origin().is_none_or(|o| o == header.sender)
                && match m {
                    Message::Track(t) => Some(t.origin_nation) == nation,
                    _ => true,
                }
        });
        if !first_hand {
            return Err(Reject::OriginMismatch);
        }
        Ok(frame)
    }

    /// Rejected frames by [`Reject::reason`].
    pub fn rejections(&self) -> &BTreeMap<&'static str, u64> {
        &self.rejections
    }

    /// Frames accepted.
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// Total frames rejected.
    pub fn rejected(&self) -> u64 {
        self.rejections.values().sum()
    }

    /// The trusted keys.
    pub fn registry(&self) -> &KeyRegistry {
        &self.registry
    }
}
