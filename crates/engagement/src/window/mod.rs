//! Engagement windows: the predicted intercept points a launcher can reach on a threat's
//! predicted path, given the interceptor's kinematics and the time the order is given, and the
//! shoot-look-shoot timing test built on them.

use base::{SimDuration, SimTime};
use geodesy::Position;

use crate::kinematics::Kinematics;
use crate::path;

#[cfg(test)]
mod tests;

/// A predicted intercept: when to launch, where and when the interceptor meets the threat.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Intercept {
    /// Launch time (fly-out time before `time`).
    pub launch: SimTime,
    /// Intercept time.
    pub time: SimTime,
    /// Predicted intercept point, ECEF, m.
    pub point_ecef_m: [f64; 3],
    /// Slant range from the launcher to the intercept point, m.
    pub range_m: f64,
    /// Fly-out time, s.
    pub fly_s: f64,
}

/// The first contiguous interval of feasible intercepts, `earliest.time ≤ latest.time`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// First feasible intercept.
    pub earliest: Intercept,
    /// Last feasible intercept of the same contiguous interval.
    pub latest: Intercept,
}

/// Constraint bits of the window scan.
const IN_RANGE: path::Mask = 1;
const LAUNCHABLE: path::Mask = 2;
const IN_ALTITUDE: path::Mask = 4;
const ALL: path::Mask = IN_RANGE | LAUNCHABLE | IN_ALTITUDE;

/// Bound on `|geocentric_altitude_m − WGS-84 altitude|` the altitude screen relies on, m. The
/// gap is second order in the geodetic/geocentric latitude difference (≤ 0.0034 rad): about
/// 0.1 m at 25 km and a few metres at 2000 km (tested), so 100 m is a wide margin.
const ALT_SCREEN_MARGIN_M: f64 = 100.0;

/// Height above the ellipsoid along the geocentric radius: cheap (no iteration).
pub(crate) fn geocentric_altitude_m(p: [f64; 3]) -> f64 {
    use geodesy::wgs84::{A_M, B_M};
    let r = path::norm(p);
    let s2 = if r > 0.0 { p[2] * p[2] / (r * r) } else { 0.0 };
    r - A_M * B_M / (B_M * B_M * (1.0 - s2) + A_M * A_M * s2).sqrt()
}

/// Whether the point's WGS-84 altitude is within the limits; the exact (iterative) conversion
/// runs only within `ALT_SCREEN_MARGIN_M` of a limit, which keeps window scans cheap.
fn altitude_within(k: &Kinematics, p: [f64; 3]) -> bool {
    let approx = geocentric_altitude_m(p);
    let m = ALT_SCREEN_MARGIN_M;
    if approx > k.min_alt_m + m && approx < k.max_alt_m - m {
        return true;
    }
    if approx < k.min_alt_m - m || approx > k.max_alt_m + m {
        return false;
    }
    let alt_m = Position::ecef(p[0], p[1], p[2]).to_wgs84().alt_m();
    (k.min_alt_m..=k.max_alt_m).contains(&alt_m)
}

/// Which constraints an intercept at `t` against a threat at `point` satisfies.
fn constraints(
    k: &Kinematics,
    launcher: [f64; 3],
    earliest_launch: SimTime,
    t: SimTime,
    point: [f64; 3],
) -> path::Mask {
    let range_m = path::norm(path::sub(point, launcher));
    let launch = t - SimDuration::from_secs_f64(k.fly_time_s(range_m));
    let mut mask = 0;
    if (k.min_range_m..=k.max_range_m).contains(&range_m) {
        mask |= IN_RANGE;
    }
    if launch >= earliest_launch {
        mask |= LAUNCHABLE;
    }
    if altitude_within(k, point) {
        mask |= IN_ALTITUDE;
    }
    mask
}

/// The intercept at `t` against a threat at `point`, if it satisfies every constraint.
fn intercept_at(
    k: &Kinematics,
    launcher: [f64; 3],
    earliest_launch: SimTime,
    t: SimTime,
    point: [f64; 3],
) -> Option<Intercept> {
    let range_m = path::norm(path::sub(point, launcher));
    if !(k.min_range_m..=k.max_range_m).contains(&range_m) {
        return None;
    }
    let fly_s = k.fly_time_s(range_m);
    let launch = t - SimDuration::from_secs_f64(fly_s);
    if launch < earliest_launch {
        return None;
    }
    // Altitude last: the geodetic conversion is the expensive test.
    let alt_m = Position::ecef(point[0], point[1], point[2])
        .to_wgs84()
        .alt_m();
    if !(k.min_alt_m..=k.max_alt_m).contains(&alt_m) {
        return None;
    }
    Some(Intercept {
        launch,
        time: t,
        point_ecef_m: point,
        range_m,
        fly_s,
    })
}

/// Feasible intercepts of a threat following `path` (sampled predicted positions, ECEF, in
/// strictly increasing time order, linear interpolation between samples, no extrapolation
/// beyond the first and last sample) from a launcher at `launcher_ecef_m`, ordered at `now`:
/// times `t` such that `launch = t − fly(range(t)) ≥ now + reaction`, the slant range is within
/// `[min_range, max_range]` and the point's WGS-84 altitude within `[min_alt, max_alt]`.
///
/// Returns `None` when no such time exists: an infeasible fire-unit/threat pair, whose kill
/// probability is zero (see `pair_kill_probability`).
///
/// If the feasible set has gaps (a threat passing inside the minimum range, dipping below the
/// minimum altitude) only the **first** contiguous interval is returned; call again with a
/// later `now` for the next one. Boundaries are refined by bisection to ≤ 1 ms (returned on
/// the feasible side, so both intercepts satisfy every constraint). The scan visits every
/// sample, each segment's closest approaches to the launcher and to the Earth's centre, and
/// points at most 1 s apart; between two scan points each constraint (range, launch time,
/// altitude) is bisected on its own, so a short feasible stretch where one constraint opens
/// just before another closes is still found. What can be missed: a constraint that is not
/// monotone between two scan points (< 1 s apart), e.g. a launch time that rises then falls.
pub fn engagement_window(
    k: &Kinematics,
    launcher_ecef_m: [f64; 3],
    now: SimTime,
    path: &[(SimTime, [f64; 3])],
) -> Option<Window> {
    k.assert_valid();
    path::assert_ordered(path);
    let earliest_launch = now + SimDuration::from_secs_f64(k.reaction_s);
    let feasible = |t, p| intercept_at(k, launcher_ecef_m, earliest_launch, t, p);
    let mask = |t, p| constraints(k, launcher_ecef_m, earliest_launch, t, p);
    let (first, last) = path::first_interval(path, earliest_launch, launcher_ecef_m, ALL, mask)?;
    let at = |t: SimTime| -> Intercept {
        feasible(t, path::position_at(path, t))
            .expect("interval boundaries are returned on the feasible side")
    };
    Some(Window {
        earliest: at(first),
        latest: at(last),
    })
}

/// Whether a second shot can still be fired after assessing the first (PRIMER §4.4):
/// `t_int1 + t_KA + t_react + t_fly2 ≤ t_latest`, with `t_fly2` the fly-out time to the
/// window's latest intercept point, i.e. the latest launch time is no earlier than the end of
/// the look plus the reaction time.
///
/// Exact when the launch time grows along the window (the usual case: the threat closes or
/// recedes slower than the interceptor flies); otherwise conservative. For the second shot's
/// own intercept point, call `engagement_window` with `now = t_int1 + t_KA`.
pub fn second_shot_possible(
    first: &Intercept,
    assess_s: f64,
    window: &Window,
    k: &Kinematics,
) -> bool {
    assert!(
        assess_s >= 0.0,
        "kill assessment time {assess_s} s must not be negative"
    );
    let order = first.time + SimDuration::from_secs_f64(assess_s);
    order + SimDuration::from_secs_f64(k.reaction_s) <= window.latest.launch
}
