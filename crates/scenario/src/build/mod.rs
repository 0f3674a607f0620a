//! From a checked [`Obj`] tree to a [`sim::Input`]: names, cross-references and the rules that
//! span several tables. One module per entity kind; each reports what it finds and goes on.

pub(crate) mod budget;
mod c2;
mod engagement;
mod header;
mod identification;
mod names;
mod network;
mod platforms;
mod roe;
mod sensing;
mod threats;
mod traffic;
mod units;

use base::{NationId, SimDuration, SimTime};
use geodesy::Wgs84;

use crate::diagnostics::{Diag, ProblemKind};
use crate::spec::Entity;
use crate::walk::Obj;

pub(crate) use names::Registry;

/// What every builder needs: the document, the names, the scenario's length.
pub(crate) struct Ctx<'r> {
    /// The checked document.
    pub(crate) root: &'r Obj,
    /// Every named entity.
    pub(crate) names: Registry,
    /// The scenario's end (simulation time), if its duration is valid.
    pub(crate) end: Option<SimTime>,
}

impl Ctx<'_> {
    /// Nations in the roster (the releasability sets' universe).
    pub(crate) fn n_nations(&self) -> usize {
        self.objs(Entity::Nation).len()
    }
    /// The checked tables of one kind, in file order (index = id).
    pub(crate) fn objs(&self, entity: Entity) -> &[Obj] {
        self.root.tables(entity.table())
    }
    /// The table of the entity with this id.
    pub(crate) fn obj(&self, entity: Entity, index: usize) -> Option<&Obj> {
        self.objs(entity).get(index)
    }
    /// The last instant to precompute motion for (the end, or 0 if the duration is invalid,
    /// in which case no input is produced anyway).
    pub(crate) fn until(&self) -> SimTime {
        self.end.unwrap_or(SimTime::ZERO)
    }
    /// Resolves the nation reference `key` of `obj`.
    pub(crate) fn nation(&self, diag: &mut Diag<'_>, obj: &Obj, key: &str) -> Option<NationId> {
        self.names.resolve(diag, Entity::Nation, obj, key)?;
        NationId::parse(obj.text(key)?).ok()
    }
    /// Reports a time after the scenario's end (`what` is e.g. "launch").
    pub(crate) fn check_in_run(
        &self,
        diag: &mut Diag<'_>,
        obj: &Obj,
        key: &str,
        t_s: f64,
        what: &str,
    ) {
        let (Some(end), Some(scenario)) = (self.end, self.root.table("scenario")) else {
            return;
        };
        if t_s > end.as_secs_f64() {
            diag.error(
                ProblemKind::Mismatch,
                obj.span_of(key),
                &obj.path_of(key),
                format!(
                    "{what} at {} s is after the scenario ends ({} s)",
                    crate::walk::fmt_num(t_s),
                    crate::walk::fmt_num(end.as_secs_f64())
                ),
            )
            .related(scenario.span_of("duration_s"), "scenario duration set here");
        }
    }
}

/// Reports a mismatch between two entities that both exist.
pub(crate) fn mismatch(
    diag: &mut Diag<'_>,
    at: &Obj,
    key: &str,
    message: String,
    other: core::ops::Range<usize>,
    other_label: String,
) {
    diag.error(
        ProblemKind::Mismatch,
        at.span_of(key),
        &at.path_of(key),
        message,
    )
    .related(other, other_label);
}

/// The point `lat_deg`/`lon_deg`/`alt_m` of `obj` (`alt_m` absent: `alt_default_m`).
pub(crate) fn position(diag: &mut Diag<'_>, obj: &Obj, alt_default_m: f64) -> Option<Wgs84> {
    let (lat, lon) = (obj.num("lat_deg")?, obj.num("lon_deg")?);
    let alt = obj.num("alt_m").unwrap_or(alt_default_m);
    match Wgs84::from_degrees(lat, lon, alt) {
        Ok(p) => Some(p),
        Err(e) => {
            // Unreachable with the format's ranges; reported rather than assumed.
            diag.error(
                ProblemKind::InvalidValue,
                obj.span.clone(),
                &obj.path,
                e.to_string(),
            );
            None
        }
    }
}

/// Seconds (validated finite and in range) to a duration.
pub(crate) fn secs(s: f64) -> SimDuration {
    SimDuration::from_secs_f64(s)
}

/// Builds the input; `None` if anything was reported (the problems are in `diag`).
pub(crate) fn build(diag: &mut Diag<'_>, root: &Obj) -> Option<sim::Input> {
    let before = diag.count();
    let mut names = Registry::default();
    for entity in [
        Entity::Nation,
        Entity::Asset,
        Entity::Platform,
        Entity::Node,
        Entity::Interceptor,
        Entity::Zone,
        Entity::Sensor,
        Entity::FireUnit,
        Entity::Link,
        Entity::Traffic,
        Entity::Adversary,
    ] {
        names.collect(diag, entity, root);
    }
    let meta = root
        .table("scenario")
        .and_then(|s| header::scenario(diag, s));
    let cx = Ctx {
        root,
        names,
        end: meta.as_ref().map(|m| SimTime::ZERO + m.duration),
    };

    header::roster_limit(diag, &cx);
    header::sensor_limit(diag, &cx);
    let nations = all(cx.objs(Entity::Nation).iter().map(header::nation));
    let assets = all(cx
        .objs(Entity::Asset)
        .iter()
        .map(|o| header::asset(diag, &cx, o)));
    let platforms = all(cx
        .objs(Entity::Platform)
        .iter()
        .map(|o| platforms::platform(diag, &cx, o)));
    let nodes = c2::nodes(diag, &cx);
    let interceptors = engagement::interceptors(diag, &cx);
    let sensors = all(cx
        .objs(Entity::Sensor)
        .iter()
        .enumerate()
        .map(|(i, o)| units::sensor(diag, &cx, o, base::SensorId::new(i))));
    let fire_units = all(cx
        .objs(Entity::FireUnit)
        .iter()
        .map(|o| units::fire_unit(diag, &cx, o)));
    let links = c2::links(diag, &cx);
    let network = network::network(diag, &cx);
    let adversaries = network::adversaries(diag, &cx);
    let threats = threats::threats(diag, &cx);
    let traffic = all(cx
        .objs(Entity::Traffic)
        .iter()
        .map(|o| traffic::traffic(diag, &cx, o)));
    let zones = roe::zones(diag, &cx);
    let wcs = roe::orders(diag, &cx);
    let c2 = engagement::c2(diag, &cx);
    let identification = identification::rules(&cx);

    if diag.count() > before {
        return None;
    }
    let meta = meta?;
    Some(sim::Input {
        name: meta.name,
        start_utc: meta.start_utc,
        start_unix_s: meta.start_unix_s,
        duration: meta.duration,
        seed: meta.seed,
        truth_sample_period: meta.truth_sample_period,
        nations: nations?,
        assets: assets?,
        platforms: platforms?,
        sensors: sensors?,
        fire_units: fire_units?,
        threats: threats?,
        traffic: traffic?,
        nodes: nodes?,
        links: links?,
        network: network?,
        adversaries: adversaries?,
        interceptors: interceptors?,
        wcs: wcs?,
        zones: zones?,
        c2: c2?,
        identification: identification?,
    })
}

/// Every item, or `None` if any is missing (evaluates them all, so all problems are reported).
pub(crate) fn all<T>(items: impl Iterator<Item = Option<T>>) -> Option<Vec<T>> {
    let items: Vec<Option<T>> = items.collect();
    items.into_iter().collect()
}
