//! An interceptor in flight: a kinematic fly-out along straight legs to its aim point at the
//! profile speed, re-aimed in flight from the latest track within a divert budget.

use base::{SimDuration, SimTime};

use crate::kinematics::{Kinematics, Limit};
use crate::path;
use crate::window::Intercept;

/// Notional divert budget: the aim point may move by up to this fraction of the remaining path.
pub const DEFAULT_DIVERT_FRACTION: f64 = 0.1;

/// Slack on the update tests, m: re-submitting the current plan must pass despite rounding
/// (intercept times are whole nanoseconds, a few µm at interceptor speeds).
const UPDATE_TOLERANCE_M: f64 = 1e-3;

/// Why an in-flight update was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejected {
    /// Before launch, at or after the intercept, or a new intercept time not in the future.
    NotInFlight,
    /// The new aim point is outside the interceptor's envelope.
    Envelope(Limit),
    /// The new aim point cannot be reached by the new time at the profile speed.
    Unreachable,
    /// The new time leaves more path than the leg needs beyond the dog-leg allowance.
    Loiter,
    /// The aim point moves more than the divert budget allows.
    DivertBudget,
}

impl Rejected {
    /// Stable snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            Rejected::NotInFlight => "not_in_flight",
            Rejected::Envelope(l) => l.as_str(),
            Rejected::Unreachable => "unreachable",
            Rejected::Loiter => "loiter",
            Rejected::DivertBudget => "divert_budget",
        }
    }
}

/// One straight leg, flown from `start` to `end` as the profile distance grows from `start_s`
/// to `end_s`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Leg {
    start_time: SimTime,
    start_m: [f64; 3],
    start_s: f64,
    end_time: SimTime,
    end_m: [f64; 3],
    end_s: f64,
}

/// An interceptor in flight: straight-line kinematic fly-out along the speed profile to its aim
/// point, arriving exactly at the intercept time; after the intercept time it holds there.
#[derive(Clone, Debug, PartialEq)]
pub struct Flyout {
    kinematics: Kinematics,
    launch: SimTime,
    /// Every leg flown, in time order; the last ends at the current aim point.
    legs: Vec<Leg>,
}

impl Flyout {
    /// Launches at `aim.launch` from `launcher_ecef_m` towards `aim.point_ecef_m`, arriving at
    /// `aim.time`, or when the profile gets it there if the launch point is farther than the
    /// plan assumed (a launcher that moved since the decision).
    pub fn launch(k: &Kinematics, launcher_ecef_m: [f64; 3], aim: &Intercept) -> Self {
        k.assert_valid();
        assert!(aim.time >= aim.launch, "intercept before launch");
        let flyout = Flyout {
            kinematics: *k,
            launch: aim.launch,
            legs: Vec::new(),
        };
        // A plan made from where a moving launcher was at the decision may need a little more
        // flight from where it is at launch: the round arrives when its motor gets it there
        // (a ship steaming at 10 m/s for the approval latency put an aim point 28 m beyond
        // the profile's reach), never sooner than planned.
        let range_m = path::norm(path::sub(aim.point_ecef_m, launcher_ecef_m));
        let end_time = if range_m > flyout.flown_m(aim.time) + UPDATE_TOLERANCE_M {
            // Rounded up to the next nanosecond: never a micrometre faster than the motor.
            aim.launch + SimDuration::from_nanos((k.fly_time_s(range_m) * 1e9).ceil() as i64)
        } else {
            aim.time
        };
        let leg = Leg {
            start_time: aim.launch,
            start_m: launcher_ecef_m,
            start_s: 0.0,
            end_time,
            end_m: aim.point_ecef_m,
            end_s: flyout.flown_m(end_time),
        };
        Flyout {
            legs: vec![leg],
            ..flyout
        }
    }

    /// Profile distance flown by `t`, m.
    fn flown_m(&self, t: SimTime) -> f64 {
        self.kinematics.distance_m((t - self.launch).as_secs_f64())
    }

    fn current(&self) -> &Leg {
        self.legs
            .last()
            .expect("a fly-out has at least its launch leg")
    }

    /// Position at `t` (ECEF, m): the launcher before launch, the aim point after intercept.
    pub fn position_at(&self, t: SimTime) -> [f64; 3] {
        let i = self
            .legs
            .partition_point(|l| l.start_time <= t)
            .saturating_sub(1);
        let leg = &self.legs[i];
        let span = leg.end_s - leg.start_s;
        if t >= leg.end_time || span <= 0.0 {
            return if t <= leg.start_time {
                leg.start_m
            } else {
                leg.end_m
            };
        }
        let f = ((self.flown_m(t) - leg.start_s) / span).clamp(0.0, 1.0);
        path::lerp(leg.start_m, leg.end_m, f)
    }

    /// In-flight update: re-aim at a new predicted intercept (from the latest track). Accepted
    /// when, at `now` (after launch, before the current intercept time) and with
    /// `new_time > now`:
    /// * envelope: the new aim point is inside the interceptor's envelope (slant range from
    ///   the launch point, WGS-84 altitude) — the same test as a planned intercept;
    /// * reachable: the new leg from the current position is no longer than the profile
    ///   distance flown between `now` and `new_time`;
    /// * divert budget: the aim point moves by at most `divert_fraction` of the remaining path;
    /// * timing: the extra path that time would allow beyond the straight leg (flown as an
    ///   unmodelled dog-leg) is at most `divert_fraction` of that profile distance.
    ///
    /// A rejected update leaves the fly-out unchanged and says which test failed.
    pub fn update_aim(
        &mut self,
        now: SimTime,
        new_aim: [f64; 3],
        new_time: SimTime,
        divert_fraction: f64,
    ) -> Result<(), Rejected> {
        assert!(
            divert_fraction >= 0.0,
            "divert fraction {divert_fraction} must not be negative"
        );
        let leg = *self.current();
        if now <= self.launch || now >= leg.end_time || new_time <= now {
            return Err(Rejected::NotInFlight);
        }
        if let Some(limit) = self
            .kinematics
            .envelope_violation(self.launch_point(), new_aim)
        {
            return Err(Rejected::Envelope(limit));
        }
        let here = self.position_at(now);
        let new_leg_m = path::norm(path::sub(new_aim, here));
        let (now_s, new_s) = (self.flown_m(now), self.flown_m(new_time));
        let available_m = new_s - now_s;
        let remaining_m = path::norm(path::sub(leg.end_m, here));
        let divert_m = path::norm(path::sub(new_aim, leg.end_m));
        let tol = UPDATE_TOLERANCE_M;
        if new_leg_m > available_m + tol {
            return Err(Rejected::Unreachable);
        }
        if divert_m > divert_fraction * remaining_m + tol {
            return Err(Rejected::DivertBudget);
        }
        if available_m - new_leg_m > divert_fraction * available_m + tol {
            return Err(Rejected::Loiter);
        }
        let last = self.legs.len() - 1;
        self.legs[last].end_time = now;
        self.legs[last].end_m = here;
        self.legs[last].end_s = now_s;
        self.legs.push(Leg {
            start_time: now,
            start_m: here,
            start_s: now_s,
            end_time: new_time,
            end_m: new_aim,
            end_s: new_s,
        });
        Ok(())
    }

    /// Where the interceptor is when `distance_m` of profile path remain before the intercept
    /// (the launch point when the whole fly-out is shorter): where a seeker with that handover
    /// distance opens its eye. Measured along the path flown, legs and all, so a late short
    /// update leg does not move the eye next to the aim point.
    pub fn handover_point(&self, distance_m: f64) -> [f64; 3] {
        self.position_at(self.handover_time(distance_m))
    }

    /// When `distance_m` of profile path remain before the intercept (the launch time when the
    /// whole fly-out is shorter): the instant a seeker with that handover distance opens its
    /// eye, by which the fire-control radar must have given it its cue.
    pub fn handover_time(&self, distance_m: f64) -> SimTime {
        let remaining_from = self.flown_m(self.intercept_time()) - distance_m;
        if remaining_from <= 0.0 {
            return self.launch;
        }
        self.launch + SimDuration::from_secs_f64(self.kinematics.fly_time_s(remaining_from))
    }

    /// Where the interceptor left its launcher, ECEF, m (the envelope's reference).
    pub fn launch_point(&self) -> [f64; 3] {
        self.legs[0].start_m
    }

    /// The first intercept the interceptor can make, from where it is at `now`, against a
    /// threat on `path` (the latest track's prediction, same conventions as
    /// `engagement_window`): the earliest `t > now` with `|p(t) − here| ≤` the profile distance
    /// flown between `now` and `t`. Feed the result to `update_aim`.
    pub fn predict_intercept(
        &self,
        now: SimTime,
        path: &[(SimTime, [f64; 3])],
    ) -> Option<(SimTime, [f64; 3])> {
        path::assert_ordered(path);
        let here = self.position_at(now);
        let now_s = self.flown_m(now);
        let from = now + SimDuration::from_nanos(1);
        let reach = |t: SimTime, p: [f64; 3]| {
            path::Mask::from(path::norm(path::sub(p, here)) <= self.flown_m(t) - now_s)
        };
        let (t, _) = path::first_interval(path, from, here, 1, reach)?;
        Some((t, path::position_at(path, t)))
    }

    /// Current intercept time.
    pub fn intercept_time(&self) -> SimTime {
        self.current().end_time
    }

    /// Current aim point, ECEF, m.
    pub fn aim_point(&self) -> [f64; 3] {
        self.current().end_m
    }

    /// Launch time.
    pub fn launch_time(&self) -> SimTime {
        self.launch
    }

    /// Number of in-flight updates accepted so far.
    pub fn n_updates(&self) -> usize {
        self.legs.len() - 1
    }

    /// Miss distance of a target at `target_ecef_m` from the aim point, across the final
    /// leg's direction: the along-path error is closed by the fuze timing, the cross-path one
    /// is what the seeker must acquire. This is the miss `endgame_kill_probability` expects.
    pub fn miss_distance_m(&self, target_ecef_m: [f64; 3]) -> f64 {
        let leg = self.current();
        let offset = path::sub(target_ecef_m, leg.end_m);
        let axis = path::sub(leg.end_m, leg.start_m);
        let len = path::norm(axis);
        if len == 0.0 {
            return path::norm(offset);
        }
        let along = path::dot(offset, axis) / len;
        (path::dot(offset, offset) - along * along).max(0.0).sqrt()
    }
}

#[cfg(test)]
mod tests;
