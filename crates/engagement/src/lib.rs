//! Engagement execution physics: notional interceptor kinematics, engagement windows and
//! predicted intercept points, kill probability (planning and end game), fly-out with in-flight
//! updates, Bernoulli kill draws and imperfect kill assessment.
//!
//! Plain data in, plain data out: no truth access (the engine passes the predicted path of the
//! guiding track, the realised miss and the cue error σ), no clock (`now` is an argument) and
//! randomness only through a caller-provided `&mut impl rand::Rng` (the engine's
//! `KillAssessment` stream per fire unit).
//!
//! Conventions: positions are ECEF metres as `[f64; 3]`; times are `base::SimTime`; `f64`
//! seconds appear only for durations inside the kinematics (`fly_s`, `reaction_s`). Altitudes
//! are WGS-84 ellipsoidal.
//!
//! The seeker acquires what is really there (the engine passes truth positions at the intercept
//! time to `Seeker::acquire`, the end game's only truth input), so a wrong-object kill happens
//! only when the guiding track was wrong.
//!
//! Not modelled: aerodynamics, gravity and drag on the interceptor (fly-outs are straight legs
//! along a parametric speed profile), seeker physics beyond range, field of view, boresight
//! choice and a hard divert basket (no signatures, no discrimination, no decoys), warhead
//! fragmentation, debris, multiple kill vehicles, launcher slew and reload times.

mod flyout;
mod kill;
mod kinematics;
mod path;
mod seeker;
#[cfg(test)]
mod testutil;
mod window;

pub use flyout::{DEFAULT_DIVERT_FRACTION, Flyout, Rejected};
pub use kill::{
    assess_kill, draw, endgame_kill_probability, handover_sigma_m, kill_probability,
    pair_kill_probability,
};
pub use kinematics::{Kinematics, KinematicsError, Limit};
pub use seeker::{Acquisition, Seeker};
pub use window::{Intercept, Window, engagement_window, second_shot_possible};
