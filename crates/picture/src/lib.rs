//! The shared vocabulary of the air picture, as C2 nodes see it.
//!
//! Owns [`Detection`] (what a sensor reports: noisy, time-stamped, in the sensor's frame, with
//! its covariance) and its parts ([`Measurement`], [`IffResponse`], [`DetectionId`]). Nothing
//! here knows truth: scoring labels live in the engine's ledger keyed by [`DetectionId`], so
//! trackers that consume these types cannot see what a detection really was.
//!
//! Conventions: radar measurements are range (m), azimuth (rad, from north towards east,
//! [0, 2π)), elevation (rad, above the local horizontal of the sensor's ENU frame at its
//! position at measurement time) and optionally range rate (m/s, positive opening). The
//! covariance is diagonal in that order (independent errors), given as standard deviations.
//!
//! Not modelled here: tracks (added with the tracking work).

mod detection;

pub use detection::{Detection, DetectionId, IffMode, IffResponse, Measurement};
