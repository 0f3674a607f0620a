//! `[[platform]]`, and the route points shared with threats and traffic.

use base::SimTime;
use dynamics::{OrbitSpec, RoutePoint, RouteSpec, TurnLimit};
use geodesy::Wgs84;
use sim::PlatformMotion;

use super::{Ctx, position};
use crate::diagnostics::{Diag, ProblemKind};
use crate::walk::Obj;

/// Ships' climb rate limit, m/s: irrelevant at sea level, but the route solver wants a value.
const SHIP_VERTICAL_MPS: f64 = 1.0;
/// Two consecutive route points closer than this are one point (zero-length leg), metres.
const MIN_LEG_M: f64 = 1.0;

/// Where a route flies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Medium {
    /// At sea level: points have no `alt_m`.
    Sea,
    /// In the air: every point has an `alt_m`.
    Air,
}

/// The points of `obj.route`, checking altitudes for the medium and zero-length legs.
pub(super) fn route_points(
    diag: &mut Diag<'_>,
    obj: &Obj,
    medium: Medium,
) -> Option<Vec<RoutePoint>> {
    let mut points = Vec::new();
    let mut ok = obj.has("route");
    let mut previous: Option<Wgs84> = None;
    for point in obj.tables("route") {
        match (medium, point.given("alt_m")) {
            (Medium::Air, false) => {
                diag.error(
                    ProblemKind::MissingKey,
                    point.span.clone(),
                    &point.path_of("alt_m"),
                    "missing required key `alt_m` (route points in the air need an altitude)",
                )
                .label("in this table");
                ok = false;
                continue;
            }
            (Medium::Sea, true) => {
                diag.error(
                    ProblemKind::UnknownKey,
                    point.span_of("alt_m"),
                    &point.path_of("alt_m"),
                    "a ship's route points are at sea level and take no `alt_m`",
                )
                .help("remove `alt_m`");
                ok = false;
                continue;
            }
            _ => {}
        }
        let Some(position) = position(diag, point, 0.0) else {
            ok = false;
            continue;
        };
        if let Some(prev) = previous
            && prev.to_ecef().distance_to(&position.to_ecef()) < MIN_LEG_M
        {
            diag.error(
                ProblemKind::InvalidValue,
                point.span.clone(),
                &point.path,
                "route point repeats the previous point (a zero-length leg)",
            );
            ok = false;
        }
        previous = Some(position);
        points.push(RoutePoint {
            position,
            speed_mps: point.num("speed_mps"),
        });
    }
    ok.then_some(points)
}

pub(super) fn platform(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<sim::Platform> {
    let nation = cx.nation(diag, obj, "nation");
    let motion = match obj.tag? {
        "fixed" => position(diag, obj, 0.0).map(PlatformMotion::Fixed),
        "ship" => ship(diag, cx, obj),
        "airborne" => airborne(diag, cx, obj),
        "geostationary" => obj
            .num("lon_deg")
            .map(|lon_deg| PlatformMotion::Geostationary { lon_deg }),
        _ => None,
    };
    let motion = motion?;
    let signature = match motion {
        PlatformMotion::AirborneOrbit(_) | PlatformMotion::AirborneRoute(_) => {
            Some(super::sensing::signature(obj)?)
        }
        _ => None,
    };
    Some(sim::Platform {
        name: obj.text("name")?.to_owned(),
        nation: nation?,
        motion,
        signature,
    })
}

fn ship(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<PlatformMotion> {
    let points = route_points(diag, obj, Medium::Sea);
    let route = RouteSpec {
        start_time: SimTime::ZERO,
        points: points?,
        speed_mps: obj.num("speed_mps")?,
        turn: TurnLimit::RateDegPerS(obj.num("max_turn_deg_s")?),
        max_vertical_mps: SHIP_VERTICAL_MPS,
        repeat: obj.bool("repeat")?,
        ends_in_impact: false,
        hold_at_end: !obj.bool("repeat")?,
        until: cx.until(),
    };
    crate::flight::check_route(diag, obj, &route);
    Some(PlatformMotion::Ship(route))
}

fn airborne(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<PlatformMotion> {
    let speed_mps = obj.num("speed_mps");
    if let Some(orbit) = obj.table("orbit") {
        let centre = position(diag, orbit, 0.0);
        let spec = OrbitSpec {
            start_time: SimTime::ZERO,
            centre: centre?,
            radius_m: orbit.num("radius_m")?,
            speed_mps: speed_mps?,
            clockwise: orbit.bool("clockwise")?,
            until: cx.until(),
        };
        crate::flight::check_orbit(diag, obj, &spec);
        return Some(PlatformMotion::AirborneOrbit(spec));
    }
    let points = route_points(diag, obj, Medium::Air);
    let route = RouteSpec {
        start_time: SimTime::ZERO,
        points: points?,
        speed_mps: speed_mps?,
        turn: TurnLimit::BankDeg(obj.num("max_bank_deg")?),
        max_vertical_mps: obj.num("max_climb_mps")?,
        repeat: obj.bool("repeat")?,
        ends_in_impact: false,
        hold_at_end: false,
        until: cx.until(),
    };
    crate::flight::check_route(diag, obj, &route);
    Some(PlatformMotion::AirborneRoute(route))
}
