//! `underground_track`: no track below the surface by more than 3 σ. Every track in the run is
//! of an air or ballistic object (radars see nothing else), so every track is checked, each
//! once: it violates when any of its rows has `alt_m < −3 · sigma_pos_m`. The surface is the
//! WGS-84 ellipsoid (the engine has no terrain or geoid) and `sigma_pos_m` (√trace of the
//! position covariance) bounds the vertical σ from above, so the check is lenient.

use crate::report::{Example, Kind, Report};
use crate::run::Run;

/// Depth the reviewer counted picture tracks below, m (reported for comparison).
const REVIEW_DEPTH_M: f64 = -1_000.0;

pub(super) fn check(run: &Run, report: &mut Report) {
    for ((node, layer, track), samples) in &run.tracks.by_key {
        report.checked(Kind::UndergroundTrack);
        if samples.iter().any(|s| s.alt_m < REVIEW_DEPTH_M) {
            report.count(format!("underground_track.{layer}_tracks_below_1_km"));
        }
        let Some(worst) = samples
            .iter()
            .filter(|s| s.alt_m < -3.0 * s.sigma_pos_m)
            .min_by(|a, b| a.alt_m.total_cmp(&b.alt_m))
        else {
            continue;
        };
        let mut e = Example::new(
            Kind::UndergroundTrack,
            worst.t_ns,
            format!(
                "{layer} track {:.1} km below the surface (3 σ = {:.1} km)",
                -worst.alt_m / 1e3,
                3.0 * worst.sigma_pos_m / 1e3
            ),
        );
        e.node = Some(node.clone());
        e.track = Some(*track);
        e.values.insert("alt_m", worst.alt_m);
        e.values.insert("sigma_pos_m", worst.sigma_pos_m);
        report.count(format!("underground_track.{layer}"));
        report.violation(e);
    }
}
