//! Flying a waypoint route: the steering, switching and altitude rules, and the fixed-rule
//! step loop that turns a [`RouteSpec`] into time-stamped kinematic nodes.
//!
//! See the [module docs](super) for the model; the rules in short:
//! - **Steering**: pure pursuit along the geodesic to the active waypoint, the course rate
//!   limited to the turn limit. A waypoint inside the current turn circle cannot be reached
//!   by turning towards it, so the vehicle flies straight until it can (a teardrop).
//! - **Switching** (fly-by): an intermediate waypoint counts as reached when the vehicle is
//!   within the turn anticipation distance `r·tan(Δ/2)` of it (Δ = turn angle onto the next
//!   leg, capped at [`MAX_ANTICIPATED_TURN_DEG`]), or when it is abeam or behind (relative
//!   bearing ≥ 90°) within one turn radius.
//! - **Arrival**: the final point of a non-repeating route is flown onto exactly, ending with a
//!   constant-rate capture arc.

use super::kinematics::{Aim, Control, Pose, sinc, wrap_deg};
use super::validate;
use crate::{DynamicsError, Milestone, RouteSpec, Trajectory, TrajectoryBuilder, TurnLimit};
use base::{SimDuration, SimTime};
use geodesy::Vec3;
use geographiclib_rs::{Geodesic, InverseGeodesic};

/// Standard gravity g₀ (CGPM 1901, exact), m/s², for the coordinated-turn rate g·tan(φ)/v.
const STANDARD_GRAVITY_MPS2: f64 = 9.806_65;
/// Longest step on a straight leg, seconds. A geodesic at altitude is a near-great circle in
/// ECEF, whose Hermite error `R(vΔt/R)⁴/384` is ≈ 1 µm at 300 m/s; the limit keeps the sample
/// count (and memory) small while bounding how late a change of plan can show up.
const MAX_CRUISE_STEP_S: f64 = 60.0;
/// Longest step on a straight leg, metres, so fast vehicles keep the same bound:
/// `(20 km)⁴/(384 R³)` ≈ 2 µm.
const MAX_CRUISE_STEP_M: f64 = 20_000.0;
/// Longest step while turning, seconds.
const MAX_TURN_STEP_S: f64 = 2.0;
/// Largest course change in one step, radians (5°). A constant-rate arc of radius r sampled
/// every θ has a Hermite error ≤ r·θ⁴/384 = v·θ³·Δt/384, ≤ 1 mm for v ≤ 300 m/s with
/// [`MAX_TURN_STEP_S`].
const MAX_TURN_PER_STEP_RAD: f64 = 5.0 * core::f64::consts::PI / 180.0;
/// Below this course error (radians) the vehicle is on its geodesic and takes cruise steps.
/// 1 µrad is a 6 cm offset after a 60 s step at 1000 m/s.
const STRAIGHT_COURSE_TOLERANCE_RAD: f64 = 1e-6;
/// Shortest step, seconds, except the velocity-jump step and the last step before `until`.
/// Keeps the distance-limited approach steps from shrinking without bound.
const MIN_STEP_S: f64 = 1e-6;
/// Length of the extra step taken where the velocity jumps (speed change at a waypoint, start
/// or end of a climb): the old velocity ends one sample, the new one starts 1 ns later, so
/// Hermite interpolation never smooths a jump over a whole step.
const JUMP_STEP: SimDuration = SimDuration::from_nanos(1);
/// Velocity difference, m/s, above which a change of control counts as a jump. A 1 mm/s
/// mismatch at the end of a 60 s step moves the Hermite curve by at most 60·(4/27) mm ≈ 9 mm.
const VELOCITY_JUMP_TOLERANCE_MPS: f64 = 1e-3;
/// Distance to the anticipation point, metres, within which an intermediate waypoint switches.
/// Straight steps are cut to land on that point, so this only absorbs rounding.
const SWITCH_TOLERANCE_M: f64 = 1.0;
/// Distance to the final point, metres, that counts as arrived.
const ARRIVAL_TOLERANCE_M: f64 = 1.0;
/// Altitude difference, metres, treated as level.
const ALTITUDE_TOLERANCE_M: f64 = 1e-6;
/// Slack, seconds, before the top of a terminal descent (absorbs nanosecond rounding).
const TOP_OF_DESCENT_SLACK_S: f64 = 1e-6;
/// Turns sharper than this are anticipated as if they were this sharp: `tan(Δ/2)` grows without
/// bound towards a reversal, so a 90° cap starts any sharp turn one turn radius early and lets
/// pursuit swing the vehicle round.
const MAX_ANTICIPATED_TURN_DEG: f64 = 90.0;
/// Most steps one route may take before `until` (≈ 23 days of continuous 2 s turning steps;
/// a one-day patrol needs a few 10 000). Beyond it the route is rejected, never truncated.
const MAX_ROUTE_STEPS: usize = 1_000_000;

/// One stored state: the pose at `t`, reached under `arrived_with` (whose climb rate sets the
/// sample's vertical velocity).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Node {
    pub(crate) t: SimTime,
    pub(crate) pose: Pose,
    pub(crate) arrived_with: Control,
}

/// A flown route before conversion to a [`Trajectory`].
#[derive(Clone, Debug)]
pub(crate) struct Flight {
    pub(crate) nodes: Vec<Node>,
    pub(crate) milestones: Vec<(SimTime, Milestone)>,
    pub(crate) holds: bool,
}

impl Flight {
    /// ECEF samples with velocities and the milestones.
    pub(crate) fn into_trajectory(self) -> Trajectory {
        let mut b = TrajectoryBuilder::new();
        for n in &self.nodes {
            b.push(
                n.t,
                n.pose.position(),
                n.pose.velocity(n.arrived_with.climb_mps),
            );
        }
        for (t, m) in self.milestones {
            b.milestone(t, m);
        }
        if self.holds {
            b.hold_after_end();
        }
        b.build()
    }
}

/// Validates and flies a route.
pub(crate) fn plan(spec: &RouteSpec) -> Result<Flight, DynamicsError> {
    validate::route(spec)?;
    Route::new(spec).fly()
}

/// A validated route with its fixed leg geometry.
struct Route<'a> {
    spec: &'a RouteSpec,
    geod: Geodesic,
    /// Azimuth at point i of the geodesic to the point after it, degrees; `None` for the end of
    /// a non-repeating route or a leg too short to have a direction.
    leg_out_deg: Vec<Option<f64>>,
}

impl<'a> Route<'a> {
    fn new(spec: &'a RouteSpec) -> Self {
        let geod = Geodesic::wgs84();
        let n = spec.points.len();
        let mut route = Route {
            spec,
            geod,
            leg_out_deg: Vec::with_capacity(n),
        };
        for i in 0..n {
            let out = route.next(i).and_then(|j| {
                let (a, b) = (&spec.points[i].position, &spec.points[j].position);
                let (d_m, az_deg, _, _): (f64, f64, f64, f64) =
                    geod.inverse(a.lat_deg(), a.lon_deg(), b.lat_deg(), b.lon_deg());
                (d_m > SWITCH_TOLERANCE_M).then_some(az_deg)
            });
            route.leg_out_deg.push(out);
        }
        route
    }

    /// The waypoint after `i`, if any.
    fn next(&self, i: usize) -> Option<usize> {
        if i + 1 < self.spec.points.len() {
            Some(i + 1)
        } else {
            self.spec.repeat.then_some(0)
        }
    }

    /// Speed from point `i` onwards. The first point falls back to the route's initial speed,
    /// so every lap of a repeating route is flown alike.
    fn speed_from(&self, i: usize, current_mps: f64) -> f64 {
        let fallback = if i == 0 {
            self.spec.speed_mps
        } else {
            current_mps
        };
        self.spec.points[i].speed_mps.unwrap_or(fallback)
    }

    fn max_turn_rad_s(&self, speed_mps: f64) -> f64 {
        match self.spec.turn {
            TurnLimit::BankDeg(bank) => STANDARD_GRAVITY_MPS2 * bank.to_radians().tan() / speed_mps,
            TurnLimit::RateDegPerS(rate) => rate.to_radians(),
        }
    }

    fn turn_radius_m(&self, speed_mps: f64) -> f64 {
        speed_mps / self.max_turn_rad_s(speed_mps)
    }

    /// Turn anticipation before waypoint `i`: where a turn of the radius flown after `i` must
    /// start to roll out on the outgoing leg, `r·tan(Δ/2)`.
    fn anticipation_m(&self, i: usize, arrival_deg: f64, pose: &Pose) -> f64 {
        self.leg_out_deg[i].map_or(0.0, |out_deg| {
            let turn_deg = wrap_deg(out_deg - arrival_deg)
                .abs()
                .min(MAX_ANTICIPATED_TURN_DEG);
            let speed_after = self.speed_from(i, pose.speed_mps);
            self.turn_radius_m(speed_after) * (0.5 * turn_deg).to_radians().tan()
        })
    }

    /// Whether intermediate waypoint `i`, aimed at by `aim`, counts as reached (switching rule).
    fn passes(&self, i: usize, pose: &Pose, aim: &Aim) -> bool {
        let anticipation_m = self.anticipation_m(i, aim.arrival_deg, pose);
        let abeam = wrap_deg(aim.azimuth_deg - pose.course_deg).abs() >= 90.0;
        aim.distance_m <= anticipation_m + SWITCH_TOLERANCE_M
            || (abeam && aim.distance_m <= anticipation_m.max(self.turn_radius_m(pose.speed_mps)))
    }

    fn initial_course_deg(&self) -> f64 {
        let start = Pose::at(&self.spec.points[0].position, 0.0, self.spec.speed_mps);
        self.spec.points[1..]
            .iter()
            .map(|p| start.aim_at(&self.geod, &p.position))
            .find(|aim| aim.distance_m > SWITCH_TOLERANCE_M)
            .map_or(0.0, |aim| aim.azimuth_deg)
    }

    fn fly(&self) -> Result<Flight, DynamicsError> {
        let spec = self.spec;
        let speed_mps = self.speed_from(0, spec.speed_mps);
        let mut pose = Pose::at(
            &spec.points[0].position,
            self.initial_course_deg(),
            speed_mps,
        );
        let mut t = spec.start_time;
        let mut nodes = vec![Node {
            t,
            pose,
            arrived_with: Control::LEVEL,
        }];
        let mut milestones = vec![(t, Milestone::Start)];
        let mut active = 1;
        for _ in 0..MAX_ROUTE_STEPS {
            let mut aim = pose.aim_at(&self.geod, &spec.points[active].position);
            // At most one switch per instant, so a degenerate route (every point inside the
            // turn circle) still makes progress in time.
            if let Some(next) = self.next(active)
                && self.passes(active, &pose, &aim)
            {
                milestones.push((t, waypoint(active)));
                pose.speed_mps = self.speed_from(active, pose.speed_mps);
                active = next;
                aim = pose.aim_at(&self.geod, &spec.points[active].position);
            }
            if self.next(active).is_none() && aim.distance_m <= ARRIVAL_TOLERANCE_M {
                milestones.push((t, waypoint(active)));
                return Ok(self.arrive(t, &pose, nodes, milestones));
            }
            if t >= spec.until {
                return Ok(Flight {
                    nodes,
                    milestones,
                    holds: false,
                });
            }
            let last = nodes.last().expect("nodes start with the departure");
            let last_velocity = last.pose.velocity(last.arrived_with.climb_mps).xyz_mps();
            let (control, dt) = self.step(&pose, &aim, active, t, last_velocity);
            pose = pose.advance(&self.geod, control, dt.as_secs_f64());
            t += dt;
            nodes.push(Node {
                t,
                pose,
                arrived_with: control,
            });
        }
        Err(DynamicsError::TooLong {
            what: "route steps before `until`",
            max: MAX_ROUTE_STEPS,
        })
    }

    /// Ends a non-repeating route on its last point at `t`.
    fn arrive(
        &self,
        t: SimTime,
        pose: &Pose,
        mut nodes: Vec<Node>,
        mut milestones: Vec<(SimTime, Milestone)>,
    ) -> Flight {
        let spec = self.spec;
        let mut holds = false;
        if spec.ends_in_impact {
            milestones.push((t, Milestone::Impact));
        } else if spec.hold_at_end {
            // Come to rest: the held state must have zero velocity. The stop is one velocity
            // jump step later, unless that would pass `until` (then nothing is asked anyway).
            let stop = t + JUMP_STEP;
            if stop <= spec.until {
                let rest = Pose {
                    speed_mps: 0.0,
                    ..*pose
                };
                nodes.push(Node {
                    t: stop,
                    pose: rest,
                    arrived_with: Control::LEVEL,
                });
            }
            holds = true;
        } else {
            milestones.push((t, Milestone::End));
        }
        Flight {
            nodes,
            milestones,
            holds,
        }
    }

    /// The control and length of the next step.
    fn step(
        &self,
        pose: &Pose,
        aim: &Aim,
        active: usize,
        t: SimTime,
        last_velocity: Vec3,
    ) -> (Control, SimDuration) {
        let spec = self.spec;
        let max_turn_rad_s = self.max_turn_rad_s(pose.speed_mps);
        let error_rad = wrap_deg(aim.azimuth_deg - pose.course_deg).to_radians();
        let nominal_s = if error_rad.abs() > STRAIGHT_COURSE_TOLERANCE_RAD {
            MAX_TURN_STEP_S.min(MAX_TURN_PER_STEP_RAD / max_turn_rad_s)
        } else {
            MAX_CRUISE_STEP_S.min(MAX_CRUISE_STEP_M / pose.speed_mps)
        };
        let is_final = self.next(active).is_none();
        let target_alt_m = spec.points[active].position.alt_m();
        let terminal = is_final && spec.ends_in_impact;
        let (climb_mps, climb_limit_s) = self.vertical(pose, aim, target_alt_m, terminal);
        let limits = Limits {
            max_turn_rad_s,
            nominal_s,
            climb_mps,
            climb_limit_s,
            remaining: spec.until - t,
        };
        let capture = if is_final {
            capture_step(pose, aim, target_alt_m, terminal, &limits)
        } else {
            None
        };
        let (control, mut dt) =
            capture.unwrap_or_else(|| self.pursuit_step(pose, aim, active, &limits));
        if (pose.velocity(control.climb_mps).xyz_mps() - last_velocity).norm()
            > VELOCITY_JUMP_TOLERANCE_MPS
        {
            dt = JUMP_STEP;
        }
        (control, dt)
    }

    /// A pure-pursuit step towards `aim`, cut short so it never passes the switch point.
    fn pursuit_step(
        &self,
        pose: &Pose,
        aim: &Aim,
        active: usize,
        limits: &Limits,
    ) -> (Control, SimDuration) {
        let mut dt_s = limits.nominal_s;
        let switch_at_m = if self.next(active).is_none() {
            0.0
        } else {
            self.anticipation_m(active, aim.arrival_deg, pose)
        };
        let gap_m = aim.distance_m - switch_at_m;
        if gap_m > 0.0 {
            // The surface distance to a point shrinks at most at the surface speed.
            let surface_mps = pose.surface_speed(pose.course_deg, pose.alt_m);
            dt_s = dt_s.min((gap_m / surface_mps).max(MIN_STEP_S));
        }
        dt_s = dt_s.min(limits.climb_limit_s.max(MIN_STEP_S));
        let dt = SimDuration::from_secs_f64(dt_s)
            .max(JUMP_STEP)
            .min(limits.remaining);
        // Turning towards a point inside the turn circle (x² + y² < 2r|y| in the vehicle's
        // frame, i.e. d < 2r|sin e|) would only circle it: fly straight until it is outside.
        let error_rad = wrap_deg(aim.azimuth_deg - pose.course_deg).to_radians();
        let radius_m = pose.speed_mps / limits.max_turn_rad_s;
        let inside = aim.distance_m < 2.0 * radius_m * error_rad.sin().abs();
        let turn_rad_s = if inside {
            0.0
        } else {
            (error_rad / dt.as_secs_f64()).clamp(-limits.max_turn_rad_s, limits.max_turn_rad_s)
        };
        (
            Control {
                turn_rad_s,
                climb_mps: limits.climb_mps,
            },
            dt,
        )
    }

    /// Vertical speed for the next step and how long it may last before it must change
    /// (level-off or top of descent), seconds.
    ///
    /// Towards an ordinary waypoint the altitude moves at the maximum rate from the moment the
    /// waypoint becomes active until it is reached. Towards a terminal (impact) point the
    /// altitude is held until the last moment a maximum-rate dive or pop-up still arrives at
    /// the point's altitude, and then flown at the rate that arrives exactly; if the final leg
    /// is too short for the rate limit, that rate exceeds the limit (the impact point wins).
    fn vertical(&self, pose: &Pose, aim: &Aim, target_alt_m: f64, terminal: bool) -> (f64, f64) {
        let dh_m = target_alt_m - pose.alt_m;
        if dh_m.abs() <= ALTITUDE_TOLERANCE_M {
            return (0.0, f64::INFINITY);
        }
        let max_mps = self.spec.max_vertical_mps;
        if terminal {
            // The dive's ground distance at its mean altitude (the surface speed depends on
            // altitude), as the capture arc computes it.
            let dive_surface_mps = pose.surface_speed(aim.azimuth_deg, pose.alt_m + 0.5 * dh_m);
            let level_m = aim.distance_m - dive_surface_mps * dh_m.abs() / max_mps;
            let level_mps = pose.surface_speed(aim.azimuth_deg, pose.alt_m);
            if level_m > level_mps * TOP_OF_DESCENT_SLACK_S {
                return (0.0, level_m / level_mps);
            }
            return (dh_m * dive_surface_mps / aim.distance_m, f64::INFINITY);
        }
        (max_mps.copysign(dh_m), dh_m.abs() / max_mps)
    }
}

/// What bounds the next step.
struct Limits {
    max_turn_rad_s: f64,
    /// Step length for the current phase (cruise or turn), seconds.
    nominal_s: f64,
    climb_mps: f64,
    /// How long `climb_mps` may last, seconds.
    climb_limit_s: f64,
    /// Time left before `until`.
    remaining: SimDuration,
}

/// The constant-rate arc that ends exactly on the final point within one step, if the turn
/// limit allows it: an arc turning by 2e (e = course error) has its chord along the bearing,
/// of length `v·Δt·sinc(e)`. A terminal arc also arrives at the point's altitude.
fn capture_step(
    pose: &Pose,
    aim: &Aim,
    target_alt_m: f64,
    terminal: bool,
    limits: &Limits,
) -> Option<(Control, SimDuration)> {
    let error_rad = wrap_deg(aim.azimuth_deg - pose.course_deg).to_radians();
    if 2.0 * error_rad.abs() > MAX_TURN_PER_STEP_RAD {
        return None;
    }
    // The surface speed depends (weakly) on the mean altitude over the step.
    let mid_alt_m = if terminal {
        0.5 * (pose.alt_m + target_alt_m)
    } else {
        let level_s = aim.distance_m / pose.surface_speed(aim.azimuth_deg, pose.alt_m);
        pose.alt_m + 0.5 * limits.climb_mps * level_s
    };
    let dt_s = aim.distance_m / (pose.surface_speed(aim.azimuth_deg, mid_alt_m) * sinc(error_rad));
    let dt = SimDuration::from_secs_f64(dt_s.min(limits.nominal_s)).max(JUMP_STEP);
    let turn_rad_s = 2.0 * error_rad / dt.as_secs_f64();
    // Neither `until`, a level-off nor a top of descent may fall inside the arc: each needs
    // its own sample.
    let fits = dt_s <= limits.nominal_s
        && turn_rad_s.abs() <= limits.max_turn_rad_s
        && dt <= limits.remaining
        && limits.climb_limit_s >= dt.as_secs_f64();
    let climb_mps = if terminal {
        (target_alt_m - pose.alt_m) / dt.as_secs_f64()
    } else {
        limits.climb_mps
    };
    fits.then_some((
        Control {
            turn_rad_s,
            climb_mps,
        },
        dt,
    ))
}

fn waypoint(i: usize) -> Milestone {
    let index = u32::try_from(i).expect("route length is validated below MAX_ROUTE_POINTS");
    Milestone::Waypoint { index }
}
