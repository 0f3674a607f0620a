//! `[network]`, `[[adversary]]`, and the network keys of other tables: releasability sets
//! (`release_to`, `release_ballistic`, `release_air`), link partitions and node signing keys.
//!
//! Checked here, with both ends where there are two: release lists name roster nations, and a
//! sensor's or node's own nation is in its `release_to`; `correlation` only with the
//! Bar-Shalom–Campo rule; frames no longer than the heartbeat; partition windows that start
//! before they end, end within the run and come in order without overlap; adversaries on
//! existing links, impersonating existing nodes, starting before the run ends.

use base::{LinkId, NationIndex, NationSet, NodeId, SimDuration};
use sim::{AdversaryKind, ClassRelease, FusionRule, NetworkConfig, Sharing};

use super::{Ctx, all, secs};
use crate::diagnostics::{Diag, ProblemKind};
use crate::span::Span;
use crate::spec::Entity;
use crate::walk::{Entry, Obj, Val, fmt_num};

/// The `[network]` table, or [`NetworkConfig::defaults`] without one.
pub(super) fn network(diag: &mut Diag<'_>, cx: &Ctx<'_>) -> Option<NetworkConfig> {
    let Some(obj) = cx.root.table("network") else {
        // Given but not a table: reported by the walker.
        return (!cx.root.given("network")).then(|| NetworkConfig::defaults(cx.n_nations()));
    };
    let everyone = NationSet::first(cx.n_nations());
    let fusion = fusion(diag, obj);
    let frames_ok = frame_within_heartbeat(diag, obj);
    let ballistic = release_list(diag, cx, obj, "release_ballistic");
    let air = release_list(diag, cx, obj, "release_air");
    let sharing = match obj.text("sharing")? {
        "none" => Sharing::None,
        "measurement" => Sharing::Measurement,
        _ => Sharing::Track,
    };
    if !frames_ok {
        return None;
    }
    Some(NetworkConfig {
        sharing,
        fusion: fusion?,
        report_drift_m: obj.num("report_drift_m")?,
        heartbeat: secs(obj.num("heartbeat_s")?),
        refresh: secs(obj.num("refresh_s")?),
        frame_period: secs(obj.num("frame_period_s")?),
        r2_margin: u8::try_from(obj.int("r2_margin")?).ok()?,
        takeover_heartbeats: u32::try_from(obj.int("takeover_heartbeats")?).ok()?,
        class_release: ClassRelease {
            ballistic: ballistic?.unwrap_or(everyone),
            air: air?.unwrap_or(everyone),
        },
        ir_cueing: obj.bool("ir_cueing")?,
        radar_cueing: obj.bool("radar_cueing")?,
    })
}

fn fusion(diag: &mut Diag<'_>, obj: &Obj) -> Option<FusionRule> {
    let rule = obj.text("fusion")?;
    if rule != "bar_shalom_campo" && obj.given("correlation") {
        let p = diag.error(
            ProblemKind::Mismatch,
            obj.span_of("correlation"),
            &obj.path_of("correlation"),
            "`correlation` applies only with fusion = \"bar_shalom_campo\"",
        );
        if obj.given("fusion") {
            p.related(
                obj.span_of("fusion"),
                format!("the fusion rule is \"{rule}\" here"),
            )
            .help("remove correlation, or use fusion = \"bar_shalom_campo\"");
        } else {
            p.help("fusion defaults to \"ci\": add fusion = \"bar_shalom_campo\", or remove correlation");
        }
        return None;
    }
    Some(match rule {
        "naive" => FusionRule::Naive,
        "bar_shalom_campo" => FusionRule::BarShalomCampo {
            correlation: obj.num("correlation")?,
        },
        _ => FusionRule::CovarianceIntersection,
    })
}

/// A node sends at least one frame per heartbeat, so a frame period longer than the heartbeat
/// could not keep it. Reported at the key written in the file; true if fine or unknown.
fn frame_within_heartbeat(diag: &mut Diag<'_>, obj: &Obj) -> bool {
    let (frame_key, beat_key) = ("frame_period_s", "heartbeat_s");
    let (Some(frame), Some(beat)) = (obj.num(frame_key), obj.num(beat_key)) else {
        return true;
    };
    if frame <= beat {
        return true;
    }
    let (at, other, other_v) = if obj.given(frame_key) {
        (frame_key, beat_key, beat)
    } else {
        (beat_key, frame_key, frame)
    };
    let label = if obj.given(other) {
        format!("`{other}` set here")
    } else {
        format!("`{other}` defaults to {}", fmt_num(other_v))
    };
    diag.error(
        ProblemKind::Mismatch,
        obj.span_of(at),
        &obj.path_of(at),
        format!(
            "{frame_key} ({}) must not exceed {beat_key} ({})",
            fmt_num(frame),
            fmt_num(beat)
        ),
    )
    .related(obj.span_of(other), label);
    false
}

/// The nations listed under `key`: `Some(None)` if absent, `None` if invalid (reported).
fn release_list(
    diag: &mut Diag<'_>,
    cx: &Ctx<'_>,
    obj: &Obj,
    key: &str,
) -> Option<Option<NationSet>> {
    if !obj.given(key) {
        return Some(None);
    }
    let mut set = NationSet::EMPTY;
    let mut valid = obj.has(key);
    for (i, entry) in obj.list(key).iter().enumerate() {
        let Val::Text(name) = &entry.val else {
            continue;
        };
        let path = format!("{}[{i}]", obj.path_of(key));
        let index = cx
            .names
            .resolve_at(diag, Entity::Nation, name, entry.span.clone(), &path)
            .and_then(NationIndex::new); // beyond the roster limit: reported with the roster
        match index {
            Some(n) => set.insert(n),
            None => valid = false,
        }
    }
    valid.then_some(Some(set))
}

/// The `release_to` of a sensor or node (absent: every roster nation), which must include
/// the owner's nation: a nation never withholds its own data from itself.
pub(super) fn release_to(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<NationSet> {
    let Some(set) = release_list(diag, cx, obj, "release_to")? else {
        return Some(NationSet::first(cx.n_nations()));
    };
    let owner = obj.text("nation")?;
    let own = cx
        .names
        .index(Entity::Nation, owner)
        .and_then(NationIndex::new)?;
    if !set.contains(own) {
        let what = obj.path.split('[').next().unwrap_or_default();
        diag.error(
            ProblemKind::Mismatch,
            obj.span_of("release_to"),
            &obj.path_of("release_to"),
            format!("release_to must include the {what}'s own nation {owner}"),
        )
        .related(
            obj.span_of("nation"),
            format!("the {what} belongs to {owner}"),
        )
        .help(format!("add \"{owner}\" to release_to"));
        return None;
    }
    Some(set)
}

/// A node's `signing_key` as bytes: `Some(None)` if absent (derived from the seed later).
pub(super) fn signing_key(obj: &Obj) -> Option<Option<[u8; 32]>> {
    if !obj.given("signing_key") {
        return Some(None);
    }
    // The walker accepted exactly 64 ASCII hex digits.
    let hex = obj.text("signing_key")?.as_bytes();
    let mut key = [0u8; 32];
    for (byte, pair) in key.iter_mut().zip(hex.chunks(2)) {
        *byte = u8::from_str_radix(core::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(Some(key))
}

/// A link's partition windows, checked against each other and the run.
pub(super) fn partitions(
    diag: &mut Diag<'_>,
    cx: &Ctx<'_>,
    obj: &Obj,
) -> Option<Vec<(SimDuration, SimDuration)>> {
    if obj.given("partitions") && !obj.has("partitions") {
        return None;
    }
    let mut windows = Vec::new();
    let mut valid = true;
    let mut previous: Option<(f64, Span)> = None;
    for (i, entry) in obj.list("partitions").iter().enumerate() {
        let Some((start, end)) = pair(entry) else {
            continue;
        };
        let path = format!("{}[{i}]", obj.path_of("partitions"));
        let shown = format!("[{}, {}]", fmt_num(start), fmt_num(end));
        if start >= end {
            let message = format!("partition {shown} does not end after it starts");
            diag.error(ProblemKind::Mismatch, entry.span.clone(), &path, message)
                .help("write each window as [start_s, end_s] with start_s < end_s");
            valid = false;
            continue;
        }
        if let (Some(run_end), Some(scenario)) = (cx.end, cx.root.table("scenario"))
            && end > run_end.as_secs_f64()
        {
            let message = format!(
                "partition {shown} ends after the scenario ends ({} s)",
                fmt_num(run_end.as_secs_f64())
            );
            diag.error(ProblemKind::Mismatch, entry.span.clone(), &path, message)
                .related(scenario.span_of("duration_s"), "scenario duration set here");
            valid = false;
        }
        if let Some((previous_end, previous_span)) = &previous
            && start < *previous_end
        {
            let message = format!(
                "partition {shown} starts before the previous one ends ({} s)",
                fmt_num(*previous_end)
            );
            diag.error(ProblemKind::Mismatch, entry.span.clone(), &path, message)
                .related(previous_span.clone(), "previous partition")
                .help(
                    "list partitions in time order, without overlaps (merge overlapping windows)",
                );
            valid = false;
        }
        previous = Some((end, entry.span.clone()));
        windows.push((secs(start), secs(end)));
    }
    valid.then_some(windows)
}

/// `[start, end]` of a checked window.
fn pair(entry: &Entry) -> Option<(f64, f64)> {
    let Val::List(items) = &entry.val else {
        return None;
    };
    match items.as_slice() {
        [a, b] => match (&a.val, &b.val) {
            (Val::Num(a), Val::Num(b)) => Some((*a, *b)),
            _ => None,
        },
        _ => None,
    }
}

/// `[[adversary]]` tables.
pub(super) fn adversaries(diag: &mut Diag<'_>, cx: &Ctx<'_>) -> Option<Vec<sim::Adversary>> {
    let built = cx.objs(Entity::Adversary).iter().map(|obj| {
        let link = cx.names.resolve(diag, Entity::Link, obj, "link");
        let impersonates = if obj.given("impersonate") {
            cx.names.resolve(diag, Entity::Node, obj, "impersonate")
        } else {
            // The link's `a` end; an unknown one is reported at the link.
            let a = link.and_then(|l| cx.obj(Entity::Link, l)?.text("a"));
            a.and_then(|a| cx.names.index(Entity::Node, a))
        };
        let start_s = obj.num("start_s");
        if let (Some(t), Some(run_end), Some(scenario)) =
            (start_s, cx.end, cx.root.table("scenario"))
            && t >= run_end.as_secs_f64()
        {
            diag.error(
                ProblemKind::Mismatch,
                obj.span_of("start_s"),
                &obj.path_of("start_s"),
                format!(
                    "adversary starts at {} s, not before the scenario ends ({} s)",
                    fmt_num(t),
                    fmt_num(run_end.as_secs_f64())
                ),
            )
            .related(scenario.span_of("duration_s"), "scenario duration set here");
            return None;
        }
        let kind = match obj.tag? {
            "spoof" => AdversaryKind::Spoof,
            "replay" => AdversaryKind::Replay,
            "tamper" => AdversaryKind::Tamper,
            _ => AdversaryKind::UnknownKey,
        };
        Some(sim::Adversary {
            name: obj.text("name")?.to_owned(),
            kind,
            link: LinkId::new(link?),
            impersonates: NodeId::new(impersonates?),
            start: secs(start_s?),
            period: secs(obj.num("period_s")?),
        })
    });
    all(built)
}

#[cfg(test)]
mod tests;
