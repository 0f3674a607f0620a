//! The alliance network: what crosses it and how it travels.
//!
//! - [`wire`] owns the data-link message standard: compact, versioned, signed binary frames
//!   of track reports, drops, identity changes, node status and plots; decoding untrusted
//!   bytes, authentication and replay protection. It knows nothing about the simulation.
//! - [`link`] owns transport: the [`link::Transport`] seam and its deterministic in-process
//!   implementation with per-link latency, jitter, loss, bandwidth queues, partitions and the
//!   releasability guard on every hop. It moves opaque bytes.
//!
//! Not here: what a node does with a message (fusion, sim), key distribution beyond a static
//! registry, real sockets (a later transport behind the same seam).

#![forbid(unsafe_code)]

pub mod link;
pub mod wire;
