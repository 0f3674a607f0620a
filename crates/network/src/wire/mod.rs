//! The data-link message standard: compact, versioned, signed binary frames.
//!
//! A frame is `header (13 B) | messages | Ed25519 signature (64 B)`, fixed-layout, big-endian
//! and byte-aligned; the signature covers everything before it and is shared by the frame's
//! messages (a track report costs 47 B + 77 B / N in a frame of N). Messages: track report,
//! track drop, identity change, node status (heartbeat) and plot. docs/wire.md is the field-by-
//! field specification; the `sizes` test pins it.
//!
//! The API is plain data in SI units; scaling to integers lives only in the codec. Decoding
//! untrusted bytes never panics, allocates O(input) at most, and maps every malformed input to
//! a typed [`DecodeError`]. [`Receiver`] authenticates (per-node keys in a [`KeyRegistry`]),
//! rejects replays (per-sender epoch and 64-frame sequence window) and counts every rejection.
//!
//! Not here: simulation types (the same bytes will cross Zenoh later), transport, key
//! distribution, fragmentation of frames above [`MAX_FRAME_LEN`].

mod auth;
mod body;
mod codec;
mod covariance;
mod error;
mod messages;
mod receiver;
mod scale;
#[cfg(test)]
mod tests;
mod types;

pub use auth::{KeyError, KeyRegistry, NodeSigner, key_seed};
pub use codec::{
    FRAME_OVERHEAD, HEADER_LEN, IDENTITY_CHANGE_LEN, MAGIC, MAX_FRAME_LEN, NODE_STATUS_LEN,
    PLOT_LEN, SIGNATURE_LEN, TRACK_DROP_LEN, TRACK_REPORT_LEN, VERSION, decode_unverified,
    peek_header,
};
pub use covariance::CovarianceSummary;
pub use error::{DecodeError, EncodeError};
pub use messages::{
    Frame, FrameHeader, IdentityChange, Message, NodeStatus, Plot, PlotLook, TrackDrop, TrackReport,
};
pub use receiver::{REPLAY_WINDOW, Receiver, Reject, SignatureCache};
pub use types::{DropReason, Identity, IffEvidence, NodeAddr, TrackKind, TrackNumber};
