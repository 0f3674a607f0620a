//! Combined command and control: deciding which interceptor engages which threat.
//!
//! - [`identify`] owns identification: evidence (IFF, kinematics, flight plans, origin) to the
//!   standard identity set, with the reason.
//! - [`roe`] owns weapons control status and the rules of engagement as typed predicates
//!   returning permit / deny / needs-approval with reason codes.
//! - [`threat`] owns threat evaluation: ballistic impact point and ellipse, air-breathing
//!   closest approach, endangered assets and threat value.
//! - [`wta`] owns static weapon-target assignment: the problem, its exact log-space objective,
//!   and the `greedy`, `local` and `exact` solvers.
//!
//! Never truth: everything here works on tracks and the scenario's declared facts.

#![forbid(unsafe_code)]

pub mod identify;
pub mod roe;
pub mod threat;
pub mod wta;
