//! The interceptor's seeker at handover: which real object it acquires, and the basket the
//! planning kill probability must use so that the end game and the plan agree.
//!
//! Model (notional, documented in PRIMER terms): the seeker opens its eye at *handover*, when
//! the interceptor is half its acquisition range short of the aim point along the final leg
//! (or at launch, for a shorter leg), looking along the leg towards the aim point. It sees the
//! objects that are really there — truth positions at the intercept time, given by the engine —
//! within its acquisition range and its field of view (a cone of half-angle `fov`). The seeker
//! is cued: the uplink gives it the predicted target (the aim point), and it searches an angle
//! and range gate around that cue and locks the object nearest it — not merely the one nearest
//! its boresight, which in a raid flying in trail along the line of sight would pick among the
//! trail by chance. The kill vehicle can then divert onto it only within the basket: the end
//! game kills with the single-shot Pk when the acquired object's miss across the final leg is
//! within the effective basket, `min(basket, R_h·tan fov)`, with `R_h` the handover distance.
//! A wrong object is acquired only when another object lies nearer the cue than the one the
//! track followed, i.e. when the cue (the track) was wrong.

use crate::flyout::Flyout;
use crate::path;

/// A seeker's acquisition geometry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seeker {
    /// Range at which it detects an object, m.
    pub acquisition_range_m: f64,
    /// Half-angle of its field of view, radians.
    pub fov_half_angle_rad: f64,
    /// Largest miss across the final leg the kill vehicle can divert out, m.
    pub basket_m: f64,
}

/// What the seeker locked at handover.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Acquisition<Id> {
    /// The object acquired.
    pub id: Id,
    /// Its miss across the final leg from the aim point, m (see `Flyout::miss_distance_m`).
    pub miss_m: f64,
    /// Its angle off the boresight at handover, radians.
    pub off_boresight_rad: f64,
}

impl Seeker {
    /// Distance short of the aim point at which the seeker opens its eye, m.
    pub fn handover_distance_m(&self) -> f64 {
        0.5 * self.acquisition_range_m
    }

    /// The basket the end game can achieve: the kill vehicle's divert basket, narrowed to the
    /// field of view's width at the handover distance. Planning uses this radius.
    pub fn effective_basket_m(&self) -> f64 {
        self.basket_m
            .min(self.handover_distance_m() * self.fov_half_angle_rad.tan())
    }

    /// The object the seeker of `flyout` acquires among `objects` (id, ECEF position at the
    /// intercept time), if any is in range and in view: the one nearest the cue (the aim
    /// point), ties to the first given.
    pub fn acquire<Id: Copy>(
        &self,
        flyout: &Flyout,
        objects: impl IntoIterator<Item = (Id, [f64; 3])>,
    ) -> Option<Acquisition<Id>> {
        let aim = flyout.aim_point();
        let eye = flyout.handover_point(self.handover_distance_m());
        let boresight = path::sub(aim, eye);
        let b_len = path::norm(boresight);
        let mut best: Option<(f64, Acquisition<Id>)> = None;
        for (id, p) in objects {
            let d = path::sub(p, eye);
            let range = path::norm(d);
            if range > self.acquisition_range_m {
                continue;
            }
            let off = if b_len == 0.0 || range == 0.0 {
                0.0
            } else {
                (path::dot(d, boresight) / (range * b_len))
                    .clamp(-1.0, 1.0)
                    .acos()
            };
            if off > self.fov_half_angle_rad {
                continue;
            }
            let from_cue = path::norm(path::sub(p, aim));
            if best.as_ref().is_none_or(|(d, _)| from_cue < *d) {
                best = Some((
                    from_cue,
                    Acquisition {
                        id,
                        miss_m: flyout.miss_distance_m(p),
                        off_boresight_rad: off,
                    },
                ));
            }
        }
        best.map(|(_, a)| a)
    }

    /// Whether an acquired object is killable: its miss within the effective basket.
    pub fn within_basket(&self, acquisition_miss_m: f64) -> bool {
        acquisition_miss_m <= self.effective_basket_m()
    }
}

#[cfg(test)]
mod tests;
