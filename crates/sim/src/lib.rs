//! The Kizuna engine: a single-threaded, deterministic discrete-event simulation.
//!
//! Owns the validated [`Input`], the world built from it, the agenda, the master seed and the
//! event log. It is the only crate that composes the domain crates.

mod input;

pub use input::{
    Asset, C2Node, FireUnit, Input, Link, Nation, NodeRole, Platform, PlatformMotion, Sensor,
    SensorKind, Threat, ThreatClass, ThreatMotion, Traffic, TrafficKind,
};
