//! `[[threat]]`: ballistic missiles and cruise missiles, salvos expanded to single missiles.
//!
//! A salvo (`count = N`) becomes `name-1` … `name-N`, launched `interval_s` apart from
//! `launch_s`; all share launch area, aim point and shape (the run spreads them with
//! `aim_cep_m` and `launch_jitter_s`). Names are unique after expansion.

use std::collections::BTreeMap;

use base::{AssetId, SimTime};
use dynamics::{BallisticShape, BallisticSpec, RouteSpec, TurnLimit};
use geodesy::Wgs84;
use sim::{ThreatClass, ThreatMotion};

use super::platforms::{Medium, route_points};
use super::{Ctx, all, position};
use crate::diagnostics::{Diag, ProblemKind};
use crate::span::Span;
use crate::spec::Entity;
use crate::walk::{Obj, fmt_num};

/// Shortest ground range of a ballistic flight, km (below this, "ballistic" is meaningless).
const MIN_BALLISTIC_RANGE_KM: f64 = 50.0;
/// Mean Earth radius for class range checks, km (IUGG R1; class bounds are coarse).
const EARTH_RADIUS_KM: f64 = 6371.0088;

pub(super) fn threats(diag: &mut Diag<'_>, cx: &Ctx<'_>) -> Option<Vec<sim::Threat>> {
    let mut names: BTreeMap<String, Span> = BTreeMap::new();
    let built = cx.objs(Entity::Threat).iter().map(|obj| {
        let expanded = expand_names(obj);
        for name in &expanded {
            let span = obj.span_of("name");
            if let Some(first) = names.get(name) {
                diag.error(
                    ProblemKind::Duplicate,
                    span,
                    &obj.path_of("name"),
                    format!("duplicate threat name `{name}`"),
                )
                .label("defined again here")
                .related(first.clone(), "first defined here")
                .help("salvos expand to name-1 … name-N; every missile needs a unique name");
                break;
            }
            names.insert(name.clone(), span);
        }
        threat(diag, cx, obj, &expanded)
    });
    all(built).map(|salvos| salvos.into_iter().flatten().collect())
}

/// `name` for a single missile, `name-1` … `name-N` for a salvo.
fn expand_names(obj: &Obj) -> Vec<String> {
    let (Some(name), Some(count)) = (obj.text("name"), obj.int("count")) else {
        return Vec::new();
    };
    if count == 1 {
        vec![name.to_owned()]
    } else {
        (1..=count).map(|k| format!("{name}-{k}")).collect()
    }
}

fn threat(
    diag: &mut Diag<'_>,
    cx: &Ctx<'_>,
    obj: &Obj,
    names: &[String],
) -> Option<Vec<sim::Threat>> {
    let target = cx.names.resolve(diag, Entity::Asset, obj, "target");
    if obj.given("target") && target.is_none() {
        return None;
    }
    let (launch_s, interval_s) = (obj.num("launch_s"), obj.num("interval_s"));
    if let (Some(t0), Some(dt), Some(n)) = (launch_s, interval_s, obj.int("count")) {
        cx.check_in_run(diag, obj, "launch_s", t0, "the launch");
        let last = t0 + dt * (n - 1) as f64;
        if n > 1 && last > t0 {
            cx.check_in_run(diag, obj, "interval_s", last, "the salvo's last launch");
        }
    }
    let class = match obj.tag? {
        "srbm" => ThreatClass::Srbm,
        "mrbm" => ThreatClass::Mrbm,
        "irbm" => ThreatClass::Irbm,
        _ => ThreatClass::Cruise,
    };
    let (motion, target_asset) = if class == ThreatClass::Cruise {
        (cruise(diag, cx, obj)?, target)
    } else {
        ballistic(diag, cx, obj, class, target)?
    };
    let signature = super::sensing::signature(obj)?;
    let (launch_s, interval_s) = (launch_s?, interval_s?);
    let (launch_area, aim_cep_m, launch_jitter_s) = (
        obj.text("launch_area")?,
        obj.num("aim_cep_m")?,
        obj.num("launch_jitter_s")?,
    );
    let missiles = names.iter().enumerate().map(|(k, name)| {
        let t = SimTime::from_secs_f64(launch_s + interval_s * k as f64);
        let motion = match &motion {
            ThreatMotion::Ballistic(spec) => ThreatMotion::Ballistic(BallisticSpec {
                launch_time: t,
                ..*spec
            }),
            ThreatMotion::Cruise(route) => ThreatMotion::Cruise(RouteSpec {
                start_time: t,
                ..route.clone()
            }),
        };
        sim::Threat {
            name: name.clone(),
            launch_area: launch_area.to_owned(),
            class,
            motion,
            aim_cep_m,
            launch_jitter_s,
            target_asset: target_asset.map(AssetId::new),
            signature,
        }
    });
    Some(missiles.collect())
}

fn cruise(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<ThreatMotion> {
    let points = route_points(diag, obj, Medium::Air);
    let route = RouteSpec {
        start_time: SimTime::ZERO,
        points: points?,
        speed_mps: obj.num("speed_mps")?,
        turn: TurnLimit::BankDeg(obj.num("max_bank_deg")?),
        max_vertical_mps: obj.num("max_climb_mps")?,
        repeat: false,
        ends_in_impact: true,
        hold_at_end: false,
        until: cx.until(),
    };
    crate::flight::check_route(diag, obj, &route);
    Some(ThreatMotion::Cruise(route))
}

fn ballistic(
    diag: &mut Diag<'_>,
    cx: &Ctx<'_>,
    obj: &Obj,
    class: ThreatClass,
    target: Option<usize>,
) -> Option<(ThreatMotion, Option<usize>)> {
    let launch = obj.table("launch").and_then(|t| position(diag, t, 0.0));
    let (aim, aim_span) = match (obj.table("aim"), target) {
        (Some(aim), _) => (position(diag, aim, 0.0), aim.span.clone()),
        (None, Some(asset)) => {
            let a = cx.obj(Entity::Asset, asset)?;
            (position(diag, a, 0.0), a.span.clone())
        }
        (None, None) => (None, obj.span.clone()),
    };
    let shape = shape(diag, obj);
    let (launch, aim) = (launch?, aim?);
    check_range(diag, obj, class, &launch, &aim, aim_span);
    let spec = BallisticSpec {
        launch_time: SimTime::ZERO,
        launch,
        aim,
        shape: shape?,
        burn_time_s: obj.num("burn_time_s")?,
        ballistic_coefficient_kg_m2: obj.num("ballistic_coefficient_kg_m2"),
    };
    crate::flight::check_ballistic(diag, obj, &spec);
    let target = target.or_else(|| asset_containing(cx, &aim));
    Some((ThreatMotion::Ballistic(spec), target))
}

fn shape(diag: &mut Diag<'_>, obj: &Obj) -> Option<BallisticShape> {
    let burn = obj.num("burn_time_s");
    if let Some(t) = obj.num("flight_time_s") {
        if let Some(burn) = burn
            && t <= burn
        {
            diag.error(
                ProblemKind::Mismatch,
                obj.span_of("flight_time_s"),
                &obj.path_of("flight_time_s"),
                format!(
                    "flight time {} s must be longer than the burn time ({} s)",
                    fmt_num(t),
                    fmt_num(burn)
                ),
            )
            .related(obj.span_of("burn_time_s"), "burn time set here");
            return None;
        }
        return Some(BallisticShape::FlightTime { seconds: t });
    }
    if let Some(km) = obj.num("apogee_km") {
        return Some(BallisticShape::Apogee { alt_m: km * 1000.0 });
    }
    obj.num("loft_deg").map(|deg| BallisticShape::Loft { deg })
}

/// Great-circle distance on the mean sphere, km.
fn ground_range_km(a: &Wgs84, b: &Wgs84) -> f64 {
    let (dlat, dlon) = (b.lat_rad() - a.lat_rad(), b.lon_rad() - a.lon_rad());
    let h = (dlat / 2.0).sin().powi(2)
        + a.lat_rad().cos() * b.lat_rad().cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The class's ground range, km: [low, high).
fn class_range_km(class: ThreatClass) -> (f64, f64) {
    match class {
        ThreatClass::Srbm => (MIN_BALLISTIC_RANGE_KM, 1000.0),
        ThreatClass::Mrbm => (1000.0, 3000.0),
        ThreatClass::Irbm | ThreatClass::Cruise => (3000.0, 5500.0),
    }
}

fn check_range(
    diag: &mut Diag<'_>,
    obj: &Obj,
    class: ThreatClass,
    launch: &Wgs84,
    aim: &Wgs84,
    aim_span: Span,
) {
    let range_km = ground_range_km(launch, aim);
    let (low, high) = class_range_km(class);
    let closest = if range_km < MIN_BALLISTIC_RANGE_KM {
        None
    } else {
        [ThreatClass::Srbm, ThreatClass::Mrbm, ThreatClass::Irbm]
            .into_iter()
            .find(|c| {
                let (l, h) = class_range_km(*c);
                range_km >= l && (range_km < h || (*c == ThreatClass::Irbm && range_km <= h))
            })
    };
    let fits =
        range_km >= low && (range_km < high || (class == ThreatClass::Irbm && range_km <= high));
    if fits {
        return;
    }
    let help = match closest {
        Some(c) => format!(
            "use class = \"{}\", or move the launch or aim point",
            c.as_str()
        ),
        None if range_km < MIN_BALLISTIC_RANGE_KM => {
            format!(
                "a ballistic flight needs at least {} km; move the aim point",
                fmt_num(MIN_BALLISTIC_RANGE_KM)
            )
        }
        None => "beyond intermediate range: move the launch or aim point".to_owned(),
    };
    diag.error(
        ProblemKind::Mismatch,
        obj.span_of("class"),
        &obj.path_of("class"),
        format!(
            "class \"{}\" covers ground ranges of {}-{} km, but launch to aim is {:.0} km",
            class.as_str(),
            fmt_num(low),
            fmt_num(high),
            range_km
        ),
    )
    .related(obj.span_of("launch"), "launch point")
    .related(aim_span, "aim point")
    .help(help);
}

/// The asset whose defended circle contains `aim` (the closest centre if several).
fn asset_containing(cx: &Ctx<'_>, aim: &Wgs84) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for (i, a) in cx.objs(Entity::Asset).iter().enumerate() {
        let (Some(lat), Some(lon), Some(radius_m)) =
            (a.num("lat_deg"), a.num("lon_deg"), a.num("radius_m"))
        else {
            continue;
        };
        let Ok(centre) = Wgs84::from_degrees(lat, lon, 0.0) else {
            continue;
        };
        let d_m = ground_range_km(&centre, aim) * 1000.0;
        if d_m <= radius_m && best.is_none_or(|(b, _)| d_m < b) {
            best = Some((d_m, i));
        }
    }
    best.map(|(_, i)| i)
}
