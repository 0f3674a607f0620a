//! Cued confirmation (space-IR cueing): a launch report says a ballistic missile is rising
//! from a reported point. A tentative track whose motion fits a flight from that point needs
//! [`Cue::confirm_m`] hits to confirm instead of the configured `confirm_m`.
//!
//! Why this is sound: M-of-N confirmation is a crude sequential probability ratio test whose
//! threshold assumes a target is equally likely anywhere in the surveillance volume. A launch
//! report raises the prior odds of a real target inside the small volume it predicts by orders
//! of magnitude, so fewer hits reach the same confidence there. The volume is kinematic, not a
//! box: within reach of the launch point since the report ([`CUE_MAX_SPEED_MPS`] from
//! [`CUE_MAX_BOOST_S`] before it, plus 3σ of the report's error), moving away from it (within
//! 60°) at a missile's speed ([`CUE_MIN_SPEED_MPS`]–[`CUE_MAX_TRACK_SPEED_MPS`]), and in the
//! plane of a ballistic flight from it: free fall keeps a missile in the plane through the
//! Earth's centre, the launch point and its position (the Earth's rotation tilts it by about a
//! degree in the Earth-fixed frame over a theatre flight), so the velocity may leave that plane
//! by at most [`CUE_MAX_PLANE_DEG`] (estimation error of a two-plot velocity included). Tracks
//! elsewhere confirm as before; a pair of false alarms inside still has to move like a missile
//! flown from the launch point — a random direction passes the plane test about one time in
//! six — and a hostile declaration still needs the ghost-track guard's free-fall history
//! (`c2::identify::ballistic`).

use base::SimTime;
use geodesy::Vec3;

/// Fastest mean ground speed away from the launch point of a theatre ballistic missile, m/s
/// (an IRBM's burnout speed is ~4–5 km/s).
pub const CUE_MAX_SPEED_MPS: f64 = 5_000.0;
/// Longest a missile may have flown before the IR report's observation time, s (the plume is
/// seen during boost; theatre missiles burn for at most ~3 min).
pub const CUE_MAX_BOOST_S: f64 = 180.0;
/// Slowest speed of a cued track, m/s (radars see a missile well after it left the pad).
pub const CUE_MIN_SPEED_MPS: f64 = 300.0;
/// Fastest speed of a cued track, m/s (sub-orbital).
pub const CUE_MAX_TRACK_SPEED_MPS: f64 = 7_500.0;

/// Largest angle between a cued track's velocity and the plane of a ballistic flight from the
/// launch point through the track's position (Earth's centre in the plane), degrees.
pub const CUE_MAX_PLANE_DEG: f64 = 8.0;

/// A launch report's cue to a tracker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cue {
    /// Reported launch point in the tracker's frame (ECEF), m.
    pub launch_m: Vec3,
    /// Its 1σ position error per axis, m.
    pub sigma_m: f64,
    /// Time of the launch observation.
    pub time: SimTime,
    /// Tentative tracks may use it until then.
    pub until: SimTime,
    /// Hits a fitting tentative track needs (at least 1).
    pub confirm_m: u32,
}

impl Cue {
    /// Whether a track at `pos` moving at `vel` at `t` fits a flight from the launch point
    /// (module docs).
    pub fn admits(&self, t: SimTime, pos: Vec3, vel: Vec3) -> bool {
        if t > self.until {
            return false;
        }
        let flown_s = (t - self.time).as_secs_f64() + CUE_MAX_BOOST_S;
        let away = pos - self.launch_m;
        let (distance, speed) = (away.norm(), vel.norm());
        if flown_s <= 0.0 || !(CUE_MIN_SPEED_MPS..=CUE_MAX_TRACK_SPEED_MPS).contains(&speed) {
            return false;
        }
        if distance > 3.0 * self.sigma_m + CUE_MAX_SPEED_MPS * flown_s
            || away.dot(&vel) < 0.5 * distance * speed
        {
            return false;
        }
        // The flight plane contains the Earth's centre, the launch point and the position.
        let normal = self.launch_m.cross(&pos);
        let n = normal.norm();
        n > 0.0 && normal.dot(&vel).abs() <= n * speed * CUE_MAX_PLANE_DEG.to_radians().sin()
    }
}
