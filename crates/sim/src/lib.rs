//! The Kizuna engine: a single-threaded, deterministic discrete-event simulation.
//!
//! Owns the validated [`Input`], the [`World`] of truth objects built from it, the agenda, the
//! master seed, and the run's records ([`LogEvent`], [`TruthRow`], [`Summary`]). It is the only
//! crate that composes the domain crates; the CLI is a thin edge over [`Simulation`].
//!
//! A run is identified by (engine version, scenario, seed): the same identity gives
//! byte-identical records. The kernel pops events in (time, [`base::EventClass`], sequence)
//! order; truth randomness is drawn once, at world build, from named streams.
//!
//! Sensors scan on their own periods (a name-derived phase, so they are not in lockstep); each
//! detection is delivered at its measurement time plus the sensor's latency, recorded, and its
//! truth label kept in the scoring ledger, never passed on.
//!
//! Every C2 node tracks its own radars (`node`) and, under the scenario's sharing mode,
//! exchanges signed frames with the others over simulated links (`net`): track reports fused
//! into a common picture, or plots feeding one composite tracker per node. Pictures are scored
//! against truth at truth-sample instants; nothing scored feeds back.
//!
//! The combined command (`command`) identifies, evaluates, applies the rules of engagement and
//! assigns interceptors at decision epochs; engagements fly out and are scored against truth.
//! Scoring (`timeline`, [`calibration`]) turns the event stream into per-threat kill-chain
//! timelines and the planned-Pk calibration table; `attribution` gives every threat the first
//! link of its kill chain that failed ([`ChainCause`]), from the same records.
//!
//! [`budget::estimate`] sizes a run from its input before anything is built (front ends refuse
//! or warn with its numbers).

mod attribution;
pub mod budget;
pub mod calibration;
mod command;
mod engine;
mod input;
mod log;
mod net;
mod node;
mod sensing;
mod siap;
mod summary;
mod timeline;
mod world;

pub use attribution::{ChainCause, ChainCauses};
pub use c2::identify::IdRules;
pub use calibration::CalibrationRow;
pub use command::{DeniedReasons, EngagementMoe};
pub use engine::{Simulation, run};
pub use input::{
    Adversary, AdversaryKind, ApprovalLevel, Asset, C2Config, C2Node, ClassRelease, FireUnit,
    FusionRule, Input, InterceptorType, Link, Nation, NetworkConfig, NodeRole, OverflowPolicy,
    Platform, PlatformMotion, RemoteAuthority, RemoteFrom, RemoteUse, Sensor, Sharing, TargetClass,
    Threat, ThreatClass, ThreatMotion, Traffic, TrafficKind, Wcs, WcsOrder, WtaObjective, Zone,
    ZoneKind,
};
pub use log::{
    DetectionRow, EventKind, LogEvent, MemoryRecorder, NullRecorder, ObjectRef, Recorder, TrackRow,
    TruthRow, spreadsheet_safe,
};
pub use net::{
    LinkDirection, LinkSummary, NetBuildError, NetworkSummary, NodeNetwork, PictureStatsSummary,
    Receipt,
};
pub use sensing::SensorBuildError;
pub use siap::{SiapNetwork, SiapSummary};
pub use summary::{
    ENGINE_VERSION, EntityCounts, FirstDetection, GospaSeries, ImpactRecord, LEAKER_LETHALITY, Moe,
    NodeSeries, NodeSummary, PictureSummary, SCHEMA_VERSION, SensorSummary, Series, Summary,
    SummaryCounts, ThreatSummary,
};
pub use timeline::{StageInterval, StageIntervals, ThreatTimeline};
pub use world::{BuildError, ObjectKind, Origin, TruthObject, World};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_latency;
#[cfg(test)]
mod tests_radar;
