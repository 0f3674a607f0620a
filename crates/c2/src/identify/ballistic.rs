//! The ghost-track guard: when a track's motion establishes ballistic flight.
//!
//! Speed or altitude alone says "not an aircraft", not "ballistic missile": a track started
//! from a few false alarms with a prior velocity of kilometres per second is as fast as any
//! re-entry vehicle (the default scenario's ghosts flew at 4.5–11 km/s and were declared
//! hostile after every real missile was gone). Ballistic flight is a claim about *motion*, so
//! the evidence is the track's update history, judged where the measurements are (the node
//! whose tracker holds the track; a track report carries a state, not its history):
//!
//! * **Free fall between updates.** For consecutive measurement updates `a → b` the observed
//!   acceleration `(v_b − v_a)/Δt` less gravity in the rotating Earth frame at the midpoint
//!   (`−GM r/|r|³`, centrifugal and Coriolis terms) is what is left for thrust, drag and lift.
//!   Thrust (boost) and drag (re-entry) act along the velocity, so that component is free; the
//!   component across the velocity must be noise: `d² = a⊥ᵀ C⊥⁻¹ a⊥ ≤ χ²₂(99.9 %)` with
//!   `C = (P_v,a + P_v,b)/Δt² + σ_lat² I` (the two velocity covariances as if independent, which
//!   is conservative since consecutive posteriors are positively correlated; `σ_lat` allows an
//!   unmodelled lateral acceleration of [`LATERAL_SIGMA_MPS2`]). A failed pair restarts the
//!   history at `b`.
//! * **Enough of it.** At least [`IdRules::ballistic_min_updates`] consecutive consistent
//!   updates spanning at least [`IdRules::ballistic_min_span_s`]. A ghost confirmed from three
//!   false alarms coasts afterwards: its history never grows.
//! * **A ballistic missile's energy** (checked by the rules on the current estimate,
//!   [`plausible`]): bound to the Earth (`v²/2 − GM/r < 0`), on a conic whose perigee is below
//!   the surface (it comes down), and no faster than [`IdRules::ballistic_max_speed_mps`].

use super::IdRules;
use geodesy::wgs84::{GM_M3_S2, MEAN_RADIUS_M, OMEGA_RAD_S};

/// Standard deviation of the lateral (across-velocity) acceleration a free-falling object may
/// show beyond gravity, m/s² (residual lift, thrust misalignment, the filter's own lag).
pub const LATERAL_SIGMA_MPS2: f64 = 5.0;
/// χ²₂ 99.9 % quantile: the lateral-acceleration gate of one pair of updates.
pub const FREE_FALL_D2: f64 = 13.816;

/// One measurement update of a track: its posterior position, velocity and velocity
/// covariance (ECEF).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Update {
    /// Time of the update, s.
    pub t_s: f64,
    /// Position, m.
    pub position_m: [f64; 3],
    /// Velocity, m/s.
    pub velocity_mps: [f64; 3],
    /// Velocity covariance, (m/s)².
    pub velocity_cov: [[f64; 3]; 3],
}

/// What the update history says (see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ballistic {
    /// The track moves like an air-breather (below the tracker's ballistic thresholds).
    #[default]
    No,
    /// Too high or too fast for an air-breather, but free fall is not (yet) established.
    Unconfirmed,
    /// An update history of free fall, long enough.
    Established,
}

/// The free-fall history of one track (module docs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FreeFallHistory {
    last: Option<Update>,
    /// Consecutive consistent updates, the last included.
    run: u32,
    /// Time of the first update of the run, s.
    run_start_s: f64,
    /// Pairs that failed the free-fall test (the history restarted).
    failures: u32,
}

impl FreeFallHistory {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a measurement update (ignored unless later than the last one).
    pub fn observe(&mut self, u: Update) {
        match self.last {
            Some(a) if u.t_s <= a.t_s => return,
            Some(a) if free_fall_d2(&a, &u).is_some_and(|d2| d2 <= FREE_FALL_D2) => {
                self.run += 1;
            }
            Some(_) => {
                self.failures += 1;
                self.run = 1;
                self.run_start_s = u.t_s;
            }
            None => {
                self.run = 1;
                self.run_start_s = u.t_s;
            }
        }
        self.last = Some(u);
    }

    /// Whether the history establishes free fall under `rules`.
    pub fn established(&self, rules: &IdRules) -> bool {
        self.last.is_some_and(|l| {
            self.run >= rules.ballistic_min_updates
                && l.t_s - self.run_start_s >= rules.ballistic_min_span_s
        })
    }

    /// Consecutive consistent updates so far.
    pub fn run(&self) -> u32 {
        self.run
    }

    /// Pairs of updates that did not fit free fall.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

/// Lateral-acceleration statistic of the pair `a → b` (module docs); `None` if it cannot be
/// formed (no time between them, no speed, singular covariance).
pub fn free_fall_d2(a: &Update, b: &Update) -> Option<f64> {
    let dt = b.t_s - a.t_s;
    if dt.is_nan() || dt <= 0.0 {
        return None;
    }
    let mid = |i: usize| 0.5 * (a.position_m[i] + b.position_m[i]);
    let vm = |i: usize| 0.5 * (a.velocity_mps[i] + b.velocity_mps[i]);
    let r = [mid(0), mid(1), mid(2)];
    let v = [vm(0), vm(1), vm(2)];
    let rn = norm(r);
    let speed = norm(v);
    if !(rn > 0.0 && speed > 0.0) {
        return None;
    }
    let w = OMEGA_RAD_S;
    let k = -GM_M3_S2 / (rn * rn * rn);
    let gravity = [
        k * r[0] + w * w * r[0] + 2.0 * w * v[1],
        k * r[1] + w * w * r[1] - 2.0 * w * v[0],
        k * r[2],
    ];
    let res: [f64; 3] =
        core::array::from_fn(|i| (b.velocity_mps[i] - a.velocity_mps[i]) / dt - gravity[i]);
    let u = [v[0] / speed, v[1] / speed, v[2] / speed];
    let (e1, e2) = perpendicular(u);
    let cov = |x: [f64; 3], y: [f64; 3]| {
        let s: f64 = (0..3)
            .flat_map(|i| {
                (0..3).map(move |j| x[i] * (a.velocity_cov[i][j] + b.velocity_cov[i][j]) * y[j])
            })
            .sum();
        s / (dt * dt)
    };
    let lat2 = LATERAL_SIGMA_MPS2 * LATERAL_SIGMA_MPS2;
    let (c11, c12, c22) = (cov(e1, e1) + lat2, cov(e1, e2), cov(e2, e2) + lat2);
    let det = c11 * c22 - c12 * c12;
    if det.is_nan() || det <= 0.0 {
        return None;
    }
    let (x1, x2) = (dot(res, e1), dot(res, e2));
    Some((c22 * x1 * x1 - 2.0 * c12 * x1 * x2 + c11 * x2 * x2) / det)
}

/// Whether a state of radius `radius_m` (from the Earth's centre), speed and vertical speed
/// could be a ballistic missile's: bound, perigee below the surface, not too fast (module
/// docs). NaN never passes.
pub fn plausible(radius_m: f64, speed_mps: f64, climb_mps: f64, rules: &IdRules) -> bool {
    if !(radius_m > 0.0 && speed_mps <= rules.ballistic_max_speed_mps) {
        return false;
    }
    let energy = 0.5 * speed_mps * speed_mps - GM_M3_S2 / radius_m;
    if energy.is_nan() || energy >= 0.0 {
        return false;
    }
    let horizontal = (speed_mps * speed_mps - climb_mps * climb_mps)
        .max(0.0)
        .sqrt();
    let h = radius_m * horizontal;
    let semi_latus = h * h / GM_M3_S2;
    let eccentricity = (1.0 + 2.0 * energy * h * h / (GM_M3_S2 * GM_M3_S2))
        .max(0.0)
        .sqrt();
    semi_latus / (1.0 + eccentricity) < MEAN_RADIUS_M
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn norm(a: [f64; 3]) -> f64 {
    dot(a, a).sqrt()
}

fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

/// An orthonormal pair perpendicular to the unit vector `u`.
fn perpendicular(u: [f64; 3]) -> ([f64; 3], [f64; 3]) {
    let axis = if u[0].abs() <= u[1].abs() && u[0].abs() <= u[2].abs() {
        [1.0, 0.0, 0.0]
    } else if u[1].abs() <= u[2].abs() {
        [0.0, 1.0, 0.0]
    } else {
        [0.0, 0.0, 1.0]
    };
    let e1 = cross(u, axis);
    let n = norm(e1);
    let e1 = [e1[0] / n, e1[1] / n, e1[2] / n];
    (e1, cross(u, e1))
}
