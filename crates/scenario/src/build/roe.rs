//! Rules of engagement: `[[zone]]`s and weapons control status orders (`[[wcs]]`).
//!
//! Checked here, with both ends: an order names a roster nation and, if any, a zone of kind
//! `area` (a no-fire zone is not a WCS region); it takes effect before the run ends; no two
//! orders share nation, class, zone and time (which would win is not defined). Orders reach
//! the engine sorted by `from_s`, file order among equal times.

use std::collections::BTreeMap;

use base::ZoneId;
use sim::{RemoteAuthority, RemoteFrom, RemoteUse, TargetClass, Wcs, WcsOrder, Zone, ZoneKind};

use super::sensing::M_PER_KM;
use super::{Ctx, all, position, secs};
use crate::diagnostics::{Diag, ProblemKind};
use crate::spec::Entity;
use crate::walk::{Obj, fmt_num};

/// The `[[zone]]` tables, in file order (index = `ZoneId`).
pub(super) fn zones(diag: &mut Diag<'_>, cx: &Ctx<'_>) -> Option<Vec<Zone>> {
    let built = cx.objs(Entity::Zone).iter().map(|obj| {
        let kind = match obj.text("kind")? {
            "no_fire" => ZoneKind::NoFire,
            _ => ZoneKind::Area,
        };
        Some(Zone {
            name: obj.text("name")?.to_owned(),
            kind,
            center: position(diag, obj, 0.0)?,
            radius_m: obj.num("radius_km")? * M_PER_KM,
        })
    });
    all(built)
}

/// What makes an order unique: nation, class, zone and the bits of `from_s`.
type OrderKey<'a> = (&'a str, Option<&'a str>, Option<&'a str>, u64);

/// A weapons control status as the engine knows it.
pub(super) fn status(value: &str) -> Wcs {
    match value {
        "free" => Wcs::Free,
        "tight" => Wcs::Tight,
        _ => Wcs::Hold,
    }
}

/// The `[c2]` remote-data authority every fire unit has unless it sets its own: the
/// `remote_use`/`remote_from`/`launch_on_remote_from` keys (defaults included), or the former `engage_on_remote`
/// boolean read as them (`false`: another nation's track is remote data, as the key was
/// documented; the walker rejects it together with the new keys).
pub(super) fn doctrine_remote(cx: &Ctx<'_>) -> RemoteAuthority {
    let eor_allies = RemoteAuthority::new(RemoteUse::EngageOnRemote, RemoteFrom::Allies);
    let Some(c2) = cx.root.table("c2") else {
        return eor_allies;
    };
    if let Some(eor) = c2.bool("engage_on_remote") {
        return RemoteAuthority::new(
            RemoteUse::EngageOnRemote,
            if eor {
                RemoteFrom::Allies
            } else {
                RemoteFrom::OwnNation
            },
        );
    }
    RemoteAuthority {
        use_: c2.text("remote_use").map_or(eor_allies.use_, remote_use),
        from: c2.text("remote_from").map_or(eor_allies.from, remote_from),
        launch_from: c2.text(LAUNCH_FROM).map(remote_from),
    }
}

/// The key that extends engagement on remote data with launches on farther sources.
const LAUNCH_FROM: &str = "launch_on_remote_from";

/// `[c2] launch_on_remote_from` must extend `[c2]`'s own engagement on remote data (checked
/// once, here, rather than at every unit that inherits it). True if fine or absent.
pub(super) fn doctrine_launch_from_ok(diag: &mut Diag<'_>, cx: &Ctx<'_>, c2: &Obj) -> bool {
    if !c2.given(LAUNCH_FROM) {
        return true;
    }
    launch_from_ok(diag, c2, doctrine_remote(cx), "[c2]")
}

/// Whether `obj`'s `launch_on_remote_from` extends authority `a` (`where_` names whose
/// `remote_use`/`remote_from` they are): only above engage-on-remote, and only to sources
/// farther than `remote_from` (else it would say nothing, or contradict). Reports and returns
/// false when not.
fn launch_from_ok(diag: &mut Diag<'_>, obj: &Obj, a: RemoteAuthority, where_: &str) -> bool {
    let Some(launch) = a.launch_from else {
        return true;
    };
    let problem = if a.use_ != RemoteUse::EngageOnRemote {
        format!(
            "launch_on_remote_from extends engagement on remote data to farther sources, but {where_} remote_use is \"{}\"",
            a.use_.as_str()
        )
    } else if launch <= a.from {
        format!(
            "launch_on_remote_from (\"{}\") must reach beyond {where_} remote_from (\"{}\"): engagement on remote data already covers those sources",
            launch.as_str(),
            a.from.as_str()
        )
    } else {
        return true;
    };
    diag.error(
        ProblemKind::Mismatch,
        obj.span_of(LAUNCH_FROM),
        &obj.path_of(LAUNCH_FROM),
        problem,
    )
    .help("e.g. remote_use = \"engage_on_remote\", remote_from = \"own_nation\", launch_on_remote_from = \"allies\": engage on the own nation's tracks, launch on allies'");
    false
}

/// A fire unit's remote-data authority: its own keys over the doctrine's. `remote_from` on an
/// autonomous unit is an error: it uses no remote data, so the key would say something false.
/// Its own `launch_on_remote_from` must extend its engagement on remote data; `[c2]`'s is
/// inherited only where it does.
pub(super) fn unit_remote(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<RemoteAuthority> {
    let doctrine = doctrine_remote(cx);
    let use_ = obj.text("remote_use").map_or(doctrine.use_, remote_use);
    if use_ == RemoteUse::Autonomous && obj.given("remote_from") {
        let at = if obj.given("remote_use") {
            "the unit's `remote_use` is \"autonomous\""
        } else {
            "[c2] remote_use is \"autonomous\""
        };
        let mut p = diag.error(
            ProblemKind::Mismatch,
            obj.span_of("remote_from"),
            &obj.path_of("remote_from"),
            format!(
                "remote_from has no effect on an autonomous fire unit ({at}: it uses its own sensors only); remove it or set remote_use"
            ),
        );
        if obj.given("remote_use") {
            p = p.related(obj.span_of("remote_use"), "remote_use set here");
        }
        p.help("an autonomous unit engages on tracks its own sensors contribute to only");
        return None;
    }
    let a = RemoteAuthority::new(
        use_,
        obj.text("remote_from").map_or(doctrine.from, remote_from),
    );
    if obj.given(LAUNCH_FROM) {
        let a = RemoteAuthority {
            launch_from: obj.text(LAUNCH_FROM).map(remote_from),
            ..a
        };
        return launch_from_ok(diag, obj, a, "the unit's").then_some(a);
    }
    // [c2]'s launch-on-remote part applies where it extends the unit's engagement on remote
    // data; a unit with its own narrower or wider keys keeps them as they say.
    let inherited = doctrine
        .launch_from
        .filter(|l| use_ == RemoteUse::EngageOnRemote && *l > a.from);
    Some(RemoteAuthority {
        launch_from: inherited,
        ..a
    })
}

fn remote_use(value: &str) -> RemoteUse {
    match value {
        "autonomous" => RemoteUse::Autonomous,
        "launch_on_remote" => RemoteUse::LaunchOnRemote,
        _ => RemoteUse::EngageOnRemote,
    }
}

fn remote_from(value: &str) -> RemoteFrom {
    match value {
        "own_node" => RemoteFrom::OwnNode,
        "own_nation" => RemoteFrom::OwnNation,
        _ => RemoteFrom::Allies,
    }
}

/// The `[[wcs]]` orders, sorted by their start (stable: file order among equal times).
pub(super) fn orders(diag: &mut Diag<'_>, cx: &Ctx<'_>) -> Option<Vec<WcsOrder>> {
    let mut seen: BTreeMap<OrderKey<'_>, &Obj> = BTreeMap::new();
    let mut unique = true;
    let built = cx.root.tables("wcs").iter().map(|obj| {
        let nation = cx.nation(diag, obj, "nation");
        // Absent: everywhere; given: `Some(None)` if invalid (reported).
        let zone = obj.given("zone").then(|| area(diag, cx, obj));
        let from_s = obj.num("from_s");
        let in_run = from_s.is_some_and(|t| before_end(diag, cx, obj, t));
        if let (Some(n), Some(t)) = (obj.text("nation"), from_s) {
            let key = (n, obj.text("class"), obj.text("zone"), t.to_bits());
            if let Some(first) = seen.get(&key) {
                unique = false;
                diag.error(
                    ProblemKind::Duplicate,
                    obj.span.clone(),
                    &obj.path,
                    format!(
                        "a second {n} order for the same class, zone and from_s ({} s)",
                        fmt_num(t)
                    ),
                )
                .related(first.span.clone(), "the first order is here")
                .help("merge them: which of two simultaneous orders wins is not defined");
            } else {
                seen.insert(key, obj);
            }
        }
        let class = match obj.text("class") {
            Some("ballistic") => Some(TargetClass::Ballistic),
            Some(_) => Some(TargetClass::Air),
            None => None, // absent, or invalid and reported by the walker
        };
        if !in_run {
            return None;
        }
        Some(WcsOrder {
            nation: nation?,
            class,
            zone: match zone {
                Some(z) => Some(z?),
                None => None,
            },
            status: status(obj.text("status")?),
            from: secs(from_s?),
        })
    });
    let mut orders = all(built)?;
    if !unique {
        return None;
    }
    orders.sort_by_key(|o| o.from);
    Some(orders)
}

/// The zone an order names, which must be an area (no-fire zones are not WCS regions).
fn area(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<ZoneId> {
    let index = cx.names.resolve(diag, Entity::Zone, obj, "zone")?;
    let z = cx.obj(Entity::Zone, index)?;
    if z.text("kind") == Some("no_fire") {
        let name = z.text("name").unwrap_or_default();
        let mut p = diag.error(
            ProblemKind::Mismatch,
            obj.span_of("zone"),
            &obj.path_of("zone"),
            format!("a wcs order cannot apply within the no-fire zone `{name}`"),
        );
        p = p.related(z.span_of("kind"), format!("`{name}` is kind = \"no_fire\""));
        p.help("name a zone of kind = \"area\" (no intercept is planned inside a no-fire zone whatever the WCS)");
        return None;
    }
    Some(ZoneId::new(index))
}

/// Reports an order that takes effect at or after the end; true if it is before.
fn before_end(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj, t_s: f64) -> bool {
    let (Some(end), Some(scenario)) = (cx.end, cx.root.table("scenario")) else {
        return true;
    };
    if t_s < end.as_secs_f64() {
        return true;
    }
    diag.error(
        ProblemKind::Mismatch,
        obj.span_of("from_s"),
        &obj.path_of("from_s"),
        format!(
            "order takes effect at {} s, not before the scenario ends ({} s)",
            fmt_num(t_s),
            fmt_num(end.as_secs_f64())
        ),
    )
    .related(scenario.span_of("duration_s"), "scenario duration set here");
    false
}
