//! The plausibility guard where states enter the picture: a remote report or one of my local
//! tracks whose estimate no object the engine models could have is refused (and counted in
//! [`PictureStats`](super::PictureStats)), never fused.
//!
//! Why a guard and not trust in the gate: a diverged estimate has a huge and often
//! ill-conditioned covariance, so it passes any χ² gate, and covariance intersection (ω chosen
//! to minimise det P) then weights it heavily along its thin direction — one such local track
//! once dragged a fused cruise-missile track from 11 km altitude to 542 km below the surface
//! at 50 km/s. A state is implausible when
//!
//! * its mean or covariance is not finite, or its covariance is not positive definite
//!   (Cholesky fails): nothing can be fused with it;
//! * its speed exceeds Earth's escape speed ([`tracking::tracker::ESCAPE_SPEED_MPS`]): no
//!   missile, aircraft or interceptor flies that fast;
//! * with a surface, its mean is more than [`DEPTH_SIGMAS`] standard deviations of its own
//!   altitude uncertainty plus [`DEPTH_MARGIN_M`] below the floor: a track just under the
//!   surface is an estimate near it (the picture cuts air tracks there and ends ballistic ones
//!   at impact); one far below it beyond its uncertainty is not an estimate of anything.

use crate::state::TrackState;
use tracking::filter::Frame;
use tracking::surface::{Surface, altitude};
use tracking::tracker::ESCAPE_SPEED_MPS;

/// Standard deviations of altitude uncertainty a state may be below the floor.
pub(super) const DEPTH_SIGMAS: f64 = 5.0;
/// Depth below the floor a state may have beyond its uncertainty, m.
pub(super) const DEPTH_MARGIN_M: f64 = 1_000.0;

/// Whether `state` is something the engine could be tracking (module docs).
pub(super) fn plausible(state: &TrackState, surface: Option<Surface>) -> bool {
    if !state.x.iter().chain(state.p.iter()).all(|v| v.is_finite()) {
        return false;
    }
    if state.p.cholesky().is_none() {
        return false;
    }
    if state.x.fixed_rows::<3>(3).norm() > ESCAPE_SPEED_MPS {
        return false;
    }
    let Some(surface) = surface else {
        return true;
    };
    let (alt, up) = altitude(Frame::Ecef, state.position());
    let sigma_alt = (up.transpose() * state.p.fixed_view::<3, 3>(0, 0) * up)[(0, 0)]
        .max(0.0)
        .sqrt();
    alt >= surface.floor_alt_m - DEPTH_SIGMAS * sigma_alt - DEPTH_MARGIN_M
}
