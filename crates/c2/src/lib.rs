//! Combined command and control: deciding which interceptor engages which threat.
//!
//! - [`wta`] owns static weapon-target assignment: the problem, its exact log-space objective,
//!   and the `greedy`, `local` and `exact` solvers.
//!
//! Not here (yet): command hierarchy, ROE, identification, threat evaluation; never truth.

#![forbid(unsafe_code)]

pub mod wta;
