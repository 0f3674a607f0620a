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
//! Not modelled yet: tracking, networking, C2, engagements (later capabilities plug in as new
//! event kinds on the same agenda).

mod engine;
mod input;
mod log;
mod nodes;
mod sensing;
mod summary;
mod world;

pub use engine::{Simulation, run};
pub use input::{
    Adversary, AdversaryKind, Asset, C2Node, ClassRelease, FireUnit, FusionRule, Input, Link,
    Nation, NetworkConfig, NodeRole, OverflowPolicy, Platform, PlatformMotion, Sensor, Sharing,
    Threat, ThreatClass, ThreatMotion, Traffic, TrafficKind,
};
pub use log::{
    DetectionRow, EventKind, LogEvent, MemoryRecorder, NullRecorder, ObjectRef, Recorder, TrackRow,
    TruthRow,
};
pub use sensing::SensorBuildError;
pub use summary::{
    ENGINE_VERSION, EntityCounts, FirstDetection, ImpactRecord, Moe, NodeSummary, SCHEMA_VERSION,
    SensorSummary, Summary, SummaryCounts, ThreatSummary,
};
pub use world::{BuildError, ObjectKind, Origin, TruthObject, World};

#[cfg(test)]
mod tests;
