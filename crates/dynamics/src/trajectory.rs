//! Precomputed trajectories and their interpolation.

use base::SimTime;
use geodesy::{Ecef, Position, Vec3, Velocity};

/// Kinematic truth state of an object at one instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct State {
    /// Position, ECEF metres.
    pub position: Position<Ecef>,
    /// Velocity relative to the rotating Earth, ECEF m/s.
    pub velocity: Velocity<Ecef>,
}

/// A notable instant along a trajectory, recorded for the event log.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Milestone {
    /// The object starts to exist (launch, take-off, route start).
    Start,
    /// Motor burn-out (ballistic).
    Burnout,
    /// Highest point (ballistic), with its ellipsoidal altitude.
    Apogee {
        /// Altitude above the ellipsoid, metres.
        alt_m: f64,
    },
    /// Waypoint `index` (0-based in the route's list) reached.
    Waypoint {
        /// Index in the route.
        index: u32,
    },
    /// Ground impact (ballistic or cruise terminal).
    Impact,
    /// End of a route that does not loop (landing, leaving the scenario).
    End,
}

impl Milestone {
    /// Stable lower-case name for files.
    pub fn name(&self) -> &'static str {
        match self {
            Milestone::Start => "start",
            Milestone::Burnout => "burnout",
            Milestone::Apogee { .. } => "apogee",
            Milestone::Waypoint { .. } => "waypoint",
            Milestone::Impact => "impact",
            Milestone::End => "end",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Sample {
    t: SimTime,
    p: Vec3,
    v: Vec3,
}

/// Time-ordered ECEF samples `(t, position, velocity)` with cubic Hermite interpolation.
///
/// Hermite interpolation on position and velocity is exact for motion with constant
/// acceleration and third-order accurate otherwise; solvers choose their sample spacing so the
/// interpolation error stays below a centimetre-level budget (see their docs).
/// Before the first sample and after the last the object does not exist (`state_at` is `None`),
/// unless the trajectory [holds](TrajectoryBuilder::hold_after_end) its final state.
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    samples: Vec<Sample>,
    milestones: Vec<(SimTime, Milestone)>,
    hold_after_end: bool,
}

/// Builds a [`Trajectory`]; samples must be pushed in strictly increasing time.
#[derive(Debug, Default)]
pub struct TrajectoryBuilder {
    samples: Vec<Sample>,
    milestones: Vec<(SimTime, Milestone)>,
    hold_after_end: bool,
}

impl TrajectoryBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }
    /// Appends a sample. Times must strictly increase (asserted: a solver bug otherwise).
    pub fn push(&mut self, t: SimTime, position: Position<Ecef>, velocity: Velocity<Ecef>) {
        if let Some(last) = self.samples.last() {
            assert!(
                t > last.t,
                "trajectory samples out of order: {t} after {}",
                last.t
            );
        }
        assert!(
            position
                .xyz_m()
                .iter()
                .chain(velocity.xyz_mps().iter())
                .all(|x| x.is_finite()),
            "non-finite trajectory sample at {t}"
        );
        self.samples.push(Sample {
            t,
            p: position.xyz_m(),
            v: velocity.xyz_mps(),
        });
    }
    /// Time of the last pushed sample.
    pub fn last_time(&self) -> Option<SimTime> {
        self.samples.last().map(|s| s.t)
    }
    /// Records a milestone (kept sorted by time, stable for equal times).
    pub fn milestone(&mut self, t: SimTime, m: Milestone) {
        self.milestones.push((t, m));
    }
    /// The object stays at its last state after the final sample (e.g. a ship at anchor).
    pub fn hold_after_end(&mut self) {
        self.hold_after_end = true;
    }
    /// Finishes. At least one sample is required.
    pub fn build(mut self) -> Trajectory {
        assert!(
            !self.samples.is_empty(),
            "a trajectory needs at least one sample"
        );
        self.milestones.sort_by_key(|(t, _)| *t);
        Trajectory {
            samples: self.samples,
            milestones: self.milestones,
            hold_after_end: self.hold_after_end,
        }
    }
}

impl Trajectory {
    /// A stationary object present from `start` onwards (fixed sites).
    pub fn stationary(start: SimTime, position: Position<Ecef>) -> Self {
        let mut b = TrajectoryBuilder::new();
        b.push(start, position, Velocity::ecef(0.0, 0.0, 0.0));
        b.milestone(start, Milestone::Start);
        b.hold_after_end();
        b.build()
    }
    /// First sample time (the object appears).
    pub fn start(&self) -> SimTime {
        self.samples[0].t
    }
    /// Last sample time (the object disappears unless it holds).
    pub fn end(&self) -> SimTime {
        self.samples[self.samples.len() - 1].t
    }
    /// Whether the final state persists after [`end`](Self::end).
    pub fn holds_after_end(&self) -> bool {
        self.hold_after_end
    }
    /// Milestones in time order.
    pub fn milestones(&self) -> &[(SimTime, Milestone)] {
        &self.milestones
    }
    /// Ends the trajectory at `t` (the object is destroyed there): the state at `t` becomes
    /// the last sample, later samples and milestones are dropped and the object no longer
    /// holds after its end. No effect if `t` is outside the trajectory.
    pub fn truncate_at(&mut self, t: SimTime) {
        let Some(state) = self.state_at(t) else {
            return;
        };
        if t < self.start() || (t >= self.end() && !self.hold_after_end) {
            return;
        }
        self.samples.retain(|s| s.t < t);
        self.samples.push(Sample {
            t,
            p: state.position.xyz_m(),
            v: state.velocity.xyz_mps(),
        });
        self.milestones.retain(|(at, _)| *at <= t);
        self.hold_after_end = false;
    }
    /// Number of stored samples.
    pub fn n_samples(&self) -> usize {
        self.samples.len()
    }
    /// True state at `t`, or `None` when the object does not exist then.
    pub fn state_at(&self, t: SimTime) -> Option<State> {
        let first = &self.samples[0];
        let last = &self.samples[self.samples.len() - 1];
        if t < first.t {
            return None;
        }
        if t >= last.t {
            return (t == last.t || self.hold_after_end).then(|| to_state(last.p, last.v));
        }
        // First sample strictly after t; t >= first.t guarantees idx >= 1.
        let idx = self.samples.partition_point(|s| s.t <= t);
        let (a, b) = (&self.samples[idx - 1], &self.samples[idx]);
        let h = (b.t - a.t).as_secs_f64();
        let s = (t - a.t).as_secs_f64() / h;
        let (s2, s3) = (s * s, s * s * s);
        let h00 = 2.0 * s3 - 3.0 * s2 + 1.0;
        let h10 = s3 - 2.0 * s2 + s;
        let h01 = -2.0 * s3 + 3.0 * s2;
        let h11 = s3 - s2;
        let p = a.p * h00 + a.v * (h10 * h) + b.p * h01 + b.v * (h11 * h);
        let d00 = (6.0 * s2 - 6.0 * s) / h;
        let d10 = 3.0 * s2 - 4.0 * s + 1.0;
        let d01 = (-6.0 * s2 + 6.0 * s) / h;
        let d11 = 3.0 * s2 - 2.0 * s;
        let v = a.p * d00 + a.v * d10 + b.p * d01 + b.v * d11;
        Some(to_state(p, v))
    }
}

fn to_state(p: Vec3, v: Vec3) -> State {
    State {
        position: Position::ecef_from_vec(p),
        velocity: Velocity::ecef_from_vec(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hermite_is_exact_for_constant_acceleration() {
        let acc = Vec3::new(1.0, -2.0, 0.5);
        let at = |t: f64| {
            let p =
                Vec3::new(7e6, 0.0, 0.0) + Vec3::new(100.0, 50.0, -10.0) * t + acc * (0.5 * t * t);
            let v = Vec3::new(100.0, 50.0, -10.0) + acc * t;
            (Position::ecef_from_vec(p), Velocity::ecef_from_vec(v))
        };
        let mut b = TrajectoryBuilder::new();
        for k in 0..5 {
            let (p, v) = at(k as f64 * 10.0);
            b.push(SimTime::from_secs(k * 10), p, v);
        }
        let tr = b.build();
        for ms in [0, 1, 2500, 13_333, 39_999, 40_000] {
            let t = SimTime::from_millis(ms);
            let s = tr.state_at(t).expect("inside");
            let (p, v) = at(ms as f64 / 1000.0);
            assert!((s.position.xyz_m() - p.xyz_m()).norm() < 1e-6, "{ms}");
            assert!((s.velocity.xyz_mps() - v.xyz_mps()).norm() < 1e-9, "{ms}");
        }
        assert!(tr.state_at(SimTime::from_millis(-1)).is_none());
        assert!(tr.state_at(SimTime::from_millis(40_001)).is_none());
    }

    #[test]
    fn truncation_ends_the_object_where_it_is() {
        let mut b = TrajectoryBuilder::new();
        for k in 0..5 {
            let p = Position::ecef(7e6 + 100.0 * k as f64, 0.0, 0.0);
            b.push(
                SimTime::from_secs(k * 10),
                p,
                Velocity::ecef(10.0, 0.0, 0.0),
            );
        }
        b.milestone(SimTime::from_secs(40), Milestone::Impact);
        let mut tr = b.build();
        let before = tr.state_at(SimTime::from_secs(25)).expect("inside");
        tr.truncate_at(SimTime::from_secs(25));
        assert_eq!(tr.end(), SimTime::from_secs(25));
        assert_eq!(tr.state_at(SimTime::from_secs(25)), Some(before));
        assert!(tr.state_at(SimTime::from_secs(26)).is_none());
        assert!(tr.milestones().is_empty());
    }

    #[test]
    fn stationary_holds() {
        let p = Position::ecef(1.0, 2.0, 3.0);
        let tr = Trajectory::stationary(SimTime::ZERO, p);
        assert_eq!(
            tr.state_at(SimTime::from_secs(1000)).map(|s| s.position),
            Some(p)
        );
    }
}
