//! `[scenario]`, `[[nation]]` and `[[asset]]`.

use base::{MAX_NATIONS, NationId, SimDuration};

use super::{Ctx, position, secs};
use crate::diagnostics::{Diag, ProblemKind};
use crate::spec::Entity;
use crate::walk::Obj;

/// The `[scenario]` table, built.
#[derive(Debug)]
pub(super) struct Meta {
    pub(super) name: String,
    pub(super) start_utc: String,
    pub(super) start_unix_s: i64,
    pub(super) duration: SimDuration,
    pub(super) seed: u64,
    pub(super) truth_sample_period: SimDuration,
}

pub(super) fn scenario(diag: &mut Diag<'_>, obj: &Obj) -> Option<Meta> {
    let name = obj.text("name");
    let start = obj.time("start");
    let duration_s = obj.num("duration_s");
    let seed = obj.int("seed").and_then(|s| u64::try_from(s).ok());
    let sample_s = obj.num("truth_sample_s");
    if let (Some(d), Some(t)) = (duration_s, sample_s)
        && t > d
    {
        diag.error(
            ProblemKind::Mismatch,
            obj.span_of("truth_sample_s"),
            &obj.path_of("truth_sample_s"),
            format!("truth sample period {t} s is longer than the scenario ({d} s)"),
        )
        .related(obj.span_of("duration_s"), "duration set here");
        return None;
    }
    let (start_utc, start_unix_s) = start?;
    Some(Meta {
        name: name?.to_owned(),
        start_utc: start_utc.to_owned(),
        start_unix_s,
        duration: secs(duration_s?),
        seed: seed?,
        truth_sample_period: secs(sample_s?),
    })
}

/// Reports a roster too long for the data link's one-byte release mask, at the first nation
/// beyond the limit.
pub(super) fn roster_limit(diag: &mut Diag<'_>, cx: &Ctx<'_>) {
    let objs = cx.objs(Entity::Nation);
    if let Some(extra) = objs.get(MAX_NATIONS) {
        diag.error(
            ProblemKind::InvalidValue,
            extra.span.clone(),
            &extra.path,
            format!(
                "too many nations: a roster holds at most {MAX_NATIONS}, found {}",
                objs.len()
            ),
        )
        .label("beyond the limit")
        .help(
            "releasability markings travel as one byte, one bit per nation: merge or drop nations",
        );
    }
}

/// Most sensors a scenario holds: a plot names its sensor in 16 bits on the wire.
pub(crate) const MAX_SENSORS: usize = u16::MAX as usize;

/// Reports a sensor list longer than the wire can number, at the first sensor beyond it.
pub(super) fn sensor_limit(diag: &mut Diag<'_>, cx: &Ctx<'_>) {
    let objs = cx.objs(Entity::Sensor);
    if let Some(extra) = objs.get(MAX_SENSORS) {
        diag.error(
            ProblemKind::InvalidValue,
            extra.span.clone(),
            &extra.path,
            format!(
                "too many sensors: a scenario holds at most {MAX_SENSORS}, found {}",
                objs.len()
            ),
        )
        .label("beyond the limit")
        .help("a shared plot names its sensor in 16 bits on the data link");
    }
}

pub(super) fn nation(obj: &Obj) -> Option<sim::Nation> {
    Some(sim::Nation {
        id: NationId::parse(obj.text("id")?).ok()?,
        name: obj.text("name")?.to_owned(),
    })
}

pub(super) fn asset(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<sim::Asset> {
    let nation = cx.nation(diag, obj, "nation");
    let position = position(diag, obj, 0.0);
    Some(sim::Asset {
        name: obj.text("name")?.to_owned(),
        nation: nation?,
        position: position?,
        radius_m: obj.num("radius_m")?,
        value: obj.num("value")?,
    })
}
