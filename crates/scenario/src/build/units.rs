//! `[[sensor]]` and `[[fire_unit]]`: placement on platforms, ownership, reporting node, and
//! the fire unit's interceptor type.

use base::{InterceptorTypeId, NodeId, PlatformId, SensorId};

use super::{Ctx, mismatch};
use crate::diagnostics::Diag;
use crate::spec::Entity;
use crate::walk::Obj;

pub(super) fn sensor(
    diag: &mut Diag<'_>,
    cx: &Ctx<'_>,
    obj: &Obj,
    id: SensorId,
) -> Option<sim::Sensor> {
    let nation = cx.nation(diag, obj, "nation");
    let platform = carrier(diag, cx, obj);
    let node = reporting_node(diag, cx, obj, true);
    let kind = obj.text("kind")?;
    if let Some(p) = platform.and_then(|p| cx.obj(Entity::Platform, p)) {
        let on_satellite = p.tag == Some("geostationary");
        let wrong = match kind {
            "space_ir" if !on_satellite => {
                Some("a space_ir sensor must be on a geostationary platform")
            }
            "radar" if on_satellite => Some("a radar cannot be on a geostationary platform"),
            _ => None,
        };
        if let Some(message) = wrong {
            let label = format!(
                "`{}` is kind = \"{}\"",
                p.text("name").unwrap_or_default(),
                p.tag.unwrap_or_default()
            );
            mismatch(
                diag,
                obj,
                "platform",
                message.to_owned(),
                p.span_of("kind"),
                label,
            );
        }
    }
    let params = super::sensing::sensor_params(diag, obj, id, nation);
    let release_to = super::network::release_to(diag, cx, obj);
    Some(sim::Sensor {
        name: obj.text("name")?.to_owned(),
        nation: nation?,
        platform: PlatformId::new(platform?),
        params: params?,
        node: NodeId::new(node?),
        release_to: release_to?,
    })
}

pub(super) fn fire_unit(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<sim::FireUnit> {
    let nation = cx.nation(diag, obj, "nation");
    let platform = carrier(diag, cx, obj);
    let node = reporting_node(diag, cx, obj, false);
    let interceptor = cx
        .names
        .resolve(diag, Entity::Interceptor, obj, "interceptor");
    if let Some(p) = platform.and_then(|p| cx.obj(Entity::Platform, p))
        && !matches!(p.tag, Some("fixed" | "ship"))
    {
        let label = format!(
            "`{}` is kind = \"{}\"",
            p.text("name").unwrap_or_default(),
            p.tag.unwrap_or_default()
        );
        let message = "a fire unit must be on a fixed or ship platform".to_owned();
        mismatch(diag, obj, "platform", message, p.span_of("kind"), label);
    }
    Some(sim::FireUnit {
        name: obj.text("name")?.to_owned(),
        nation: nation?,
        platform: PlatformId::new(platform?),
        interceptor: InterceptorTypeId::new(interceptor?),
        inventory: u32::try_from(obj.int("inventory")?).ok()?,
        channels: u32::try_from(obj.int("channels")?).ok()?,
        node: NodeId::new(node?),
        fallback: super::roe::status(obj.text("fallback")?),
        remote: super::roe::unit_remote(diag, cx, obj)?,
    })
}

/// The platform of a sensor or fire unit, which must be of the same nation.
fn carrier(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<usize> {
    let index = cx.names.resolve(diag, Entity::Platform, obj, "platform")?;
    let p = cx.obj(Entity::Platform, index)?;
    if let (Some(mine), Some(theirs)) = (obj.text("nation"), p.text("nation"))
        && mine != theirs
    {
        let message = format!("a {mine} {} cannot be on a {theirs} platform", noun(obj));
        let label = format!(
            "`{}` belongs to {theirs}",
            p.text("name").unwrap_or_default()
        );
        mismatch(diag, obj, "platform", message, p.span_of("nation"), label);
    }
    Some(index)
}

/// The node a sensor reports to (same nation, or the combined node if `combined_ok`) or that
/// commands a fire unit (same nation).
fn reporting_node(
    diag: &mut Diag<'_>,
    cx: &Ctx<'_>,
    obj: &Obj,
    combined_ok: bool,
) -> Option<usize> {
    let index = cx.names.resolve(diag, Entity::Node, obj, "node")?;
    let n = cx.obj(Entity::Node, index)?;
    let exempt = combined_ok && n.tag == Some("combined");
    if let (Some(mine), Some(theirs)) = (obj.text("nation"), n.text("nation"))
        && mine != theirs
        && !exempt
    {
        let verb = if combined_ok {
            "report to"
        } else {
            "be commanded by"
        };
        let message = format!("a {mine} {} cannot {verb} a {theirs} node", noun(obj));
        let label = format!(
            "`{}` belongs to {theirs}",
            n.text("name").unwrap_or_default()
        );
        mismatch(diag, obj, "node", message, n.span_of("nation"), label);
    }
    Some(index)
}

fn noun(obj: &Obj) -> &'static str {
    if obj.path.starts_with("sensor") {
        "sensor"
    } else {
        "fire unit"
    }
}
