//! Track-to-track association and fusion, network track numbers, reporting responsibility
//! (R2), dual-track resolution and decorrelation: one common picture per node.
//!
//! Plain states in, decisions out: this crate never sees truth, messages or the simulation.
//! [`TrackState`] is a 6-state ECEF position/velocity estimate with time alignment
//! ([`TrackState::predict`]); [`rules`] fuses estimates (naive, covariance intersection,
//! Bar-Shalom–Campo); [`associate`] gates and assigns; [`CommonPicture`] is a node's picture:
//! it numbers system tracks from the node's [`TnBlock`], runs R2 so only one node reports each
//! object (and only its first-hand estimate: no data incest), resolves dual designations with a
//! deterministic survivor rule and an alias table, and splits decorrelated contributors.
//!
//! Determinism: ordered maps only, every pass in TN (then origin) order, ties broken by node
//! address or TN.
//!
//! Not modelled: cross-covariance propagation (BC uses a constant ρ), tracklet/information
//! decorrelation, attribute evidence in association, bias estimation, multi-dimensional
//! (S-D) assignment across more than two sources.

mod associate;
mod linalg;
mod numbers;
mod picture;
mod r2;
pub mod rules;
mod state;

#[cfg(test)]
mod tests;

pub use associate::{GateDims, associate, associate_where, pair_statistic};
pub use numbers::{MAX_TN, NetworkTrackNumber, TnBlock, TnError};
pub use picture::{
    CommonPicture, DropWhy, Dropped, LocalTrack, Outgoing, PictureConfig, PictureStats,
    RemoteReport, SendReason, SystemTrack,
};
pub use r2::R2Config;
pub use rules::FusionRule;
pub use state::{Matrix6, TrackState, Vector6};
