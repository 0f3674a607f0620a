//! Shared test fixtures: notional kinematics, a launcher site and synthetic threat paths.

use base::{SimTime, SiteId};
use geodesy::{Site, Wgs84};

use crate::kinematics::Kinematics;

/// A notional medium-range interceptor.
pub(crate) fn notional() -> Kinematics {
    Kinematics {
        speed_mps: 1500.0,
        boost_s: 4.0,
        min_range_m: 3_000.0,
        max_range_m: 60_000.0,
        min_alt_m: 50.0,
        max_alt_m: 25_000.0,
        reaction_s: 8.0,
    }
}

/// The launcher's site (ground level, mid latitude).
pub(crate) fn site() -> Site {
    Site::new(
        SiteId::new(0),
        Wgs84::from_degrees(35.0, 139.0, 0.0).expect("valid site"),
    )
}

/// ECEF of a local east/north/up offset from the launcher site, m.
pub(crate) fn enu(e: f64, n: f64, u: f64) -> [f64; 3] {
    let s = site();
    let p = s.enu_to_ecef().apply(s.enu(e, n, u)).xyz_m();
    [p.x, p.y, p.z]
}

/// The launcher, ECEF.
pub(crate) fn launcher() -> [f64; 3] {
    enu(0.0, 0.0, 0.0)
}

/// Samples every `step_ms` over `[0, duration_ms]` of a path given in local ENU at time `t` s.
pub(crate) fn sampled(
    duration_ms: i64,
    step_ms: i64,
    f: impl Fn(f64) -> [f64; 3],
) -> Vec<(SimTime, [f64; 3])> {
    (0..=duration_ms / step_ms)
        .map(|i| {
            let t = SimTime::from_millis(i * step_ms);
            let [e, n, u] = f(t.as_secs_f64());
            (t, enu(e, n, u))
        })
        .collect()
}

/// `a + s·b`.
pub(crate) fn add_scaled(a: [f64; 3], b: [f64; 3], s: f64) -> [f64; 3] {
    [a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2]]
}

/// `a × b`.
pub(crate) fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}
