//! The flight checks: built-in ballistic threats are reachable, an impossible one is not.

use base::SimTime;
use dynamics::{BallisticShape, BallisticSpec};
use geodesy::Wgs84;
use sim::ThreatMotion;

use super::*;

fn spec(
    launch: (f64, f64),
    aim: (f64, f64),
    shape: BallisticShape,
    burn_time_s: f64,
) -> BallisticSpec {
    BallisticSpec {
        launch_time: SimTime::ZERO,
        launch: Wgs84::from_degrees(launch.0, launch.1, 0.0).expect("valid test point"),
        aim: Wgs84::from_degrees(aim.0, aim.1, 0.0).expect("valid test point"),
        shape,
        burn_time_s,
        ballistic_coefficient_kg_m2: None,
    }
}

#[test]
fn builtin_ballistic_threats_are_reachable() {
    for (name, _) in crate::builtin::list() {
        let text = crate::builtin::get(name).expect("listed");
        let input = crate::load(name, text).expect("built-ins are valid");
        for threat in &input.threats {
            if let ThreatMotion::Ballistic(spec) = &threat.motion {
                assert_eq!(reachability(spec), Ok(()), "{name}: {}", threat.name);
            }
        }
    }
}

#[test]
fn unreachable_aim_is_reported() {
    // Half way round the world with a depressed 5° thrust and a 20 s burn.
    let far = spec(
        (0.0, 0.0),
        (0.0, 179.0),
        BallisticShape::Loft { deg: 5.0 },
        20.0,
    );
    let problem =
        reachability(&far).expect_err("no ballistic flight goes half way round the world");
    assert!(
        problem.contains("aim point") || problem.contains("cannot be computed"),
        "{problem}"
    );
}
