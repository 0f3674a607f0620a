//! Per-node multi-sensor multi-target tracking.
//!
//! Owns the filtering layer ([`filter`]: state and covariance types, motion models,
//! measurement models, KF/EKF/UKF predict and update, IMM) and the tracker layer ([`tracker`]:
//! gating, hypotheses, GNN and JPDA association, initiation, deletion, track quality, local
//! track numbers, out-of-sequence handling) and [`surface`] (the Earth's surface as a
//! constraint: air tracks cut at it, ballistic tracks ended on it). Vocabulary follows Stone
//! Soup's roles (predictor, updater, gater/hypothesizer, associator, initiator, deleter,
//! tracker).
//!
//! Conventions: the state is 9-dimensional, `[x, y, z, vx, vy, vz, ax, ay, az]`, in the
//! tracker's frame ([`filter::Frame`]): ECEF in the engine, or a flat east-north-up Cartesian
//! frame for benchmark files. Models that do not use acceleration keep it at zero with a
//! small covariance. Covariances stay symmetric positive definite (Joseph-form updates,
//! symmetrisation, asserted).
//!
//! This crate never sees truth: it consumes measurements (from [`picture::Detection`] or
//! benchmark files) and produces tracks; scoring happens elsewhere.

pub mod filter;
pub mod surface;
pub mod tracker;
