//! Multi-target tracking metrics over plain position sets.
//!
//! The crate knows neither the engine nor any tracker: callers pass, per time step, truth and
//! track positions as slices of points (`[f64; 2]`, `[f64; 3]`, `Vec<f64>`: anything that is
//! `AsRef<[f64]>`, all of one dimension) and, for continuity, plain `u64` ids.
//!
//! - [`gospa`]: GOSPA with α = 2 (Rahmathullah, García-Fernández, Svensson, "Generalized optimal
//!   sub-pattern assignment metric", FUSION 2017), decomposed into localisation, missed and false
//!   parts exactly as Stone Soup 1.9.1's `GOSPAMetric` reports them.
//! - [`ospa`]: OSPA (Schuhmacher, Vo, Vo, IEEE TSP 2008) with cut-off `c` and order `p`.
//! - [`stats`]: mean, sample sd, Student-t quantiles and confidence intervals, paired
//!   differences (Monte Carlo studies).
//! - [`ContinuityCounter`]: SIAP-style track continuity (Votruba et al. 2001) from per-step
//!   truth → track associations: breaks, id changes, track transfers, segments, longest segment.
//!
//! # Conventions
//! Distances are Euclidean over all coordinates, in the caller's unit (metres in Kizuna).
//! `c > 0` and `1 ≤ p < ∞`; violating that, mixing dimensions or passing a non-finite coordinate
//! is a caller bug and panics. The optimal assignment comes from the `assignment` crate on costs
//! `min(d, c)^p` (ties: see that crate; only exotic exact ties can split the GOSPA decomposition
//! differently from another solver, never the total). Large scenes are solved on gated pairs
//! only, one small problem per cluster (`gated` module): the same optimum without the dense
//! matrix.
//!
//! # Differences from Stone Soup
//! - Both sets empty: GOSPA and OSPA are 0 here; Stone Soup never scores such a step (it has no
//!   timestamp) and raises if asked to.
//! - OSPA with `p ≠ 1`: Stone Soup picks the assignment minimising `Σ min(d, c)` and then raises
//!   those distances to `p`; here the assignment minimises `Σ min(d, c)^p`, as the definition
//!   says. The results agree whenever one assignment minimises both (always for `p = 1`);
//!   otherwise ours is the smaller. `tests/reference/stonesoup` contains such a case.
//! - No GOSPA switching penalty (the benchmark runs Stone Soup with `switching_penalty = 0`);
//!   identity changes are counted by [`ContinuityCounter`] instead.
//! - Continuity counts time in steps, not seconds.
//!
//! # Not modelled
//! OSPA with `p = ∞`, OSPA-on-OSPA (track-level OSPA), Mahalanobis or Hellinger base distances,
//! SIAP ambiguity/spuriousness (they need many-to-one associations, not an assignment).

mod continuity;
mod gated;
mod ospa;
pub mod stats;
#[cfg(test)]
mod tests;

pub use continuity::{Continuity, ContinuityCounter, TruthContinuity};
pub use ospa::{Gospa, gospa, ospa};
