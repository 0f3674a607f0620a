//! `[[node]]` and `[[link]]`: the command hierarchy and the network between nodes.
//!
//! Hierarchy rules: exactly one combined node (no parent); a national node's parent is the
//! combined node or absent; a unit node's parent is a national or unit node of its own
//! nation; no parent cycles. A node on a platform shares the platform's nation.

use std::collections::BTreeMap;

use base::{NodeId, PlatformId, Probability};
use sim::NodeRole;

use super::{Ctx, all, mismatch, secs};
use crate::diagnostics::{Diag, ProblemKind};
use crate::spec::Entity;
use crate::walk::Obj;

pub(super) fn nodes(diag: &mut Diag<'_>, cx: &Ctx<'_>) -> Option<Vec<sim::C2Node>> {
    let objs = cx.objs(Entity::Node);
    let parents: Vec<Option<usize>> = objs
        .iter()
        .map(|o| cx.names.resolve(diag, Entity::Node, o, "parent"))
        .collect();
    combined_count(diag, cx, objs);
    parent_roles(diag, objs, &parents);
    cycles(diag, objs, &parents);
    let built = objs.iter().zip(&parents).map(|(obj, parent)| {
        let nation = cx.nation(diag, obj, "nation");
        let release_to = super::network::release_to(diag, cx, obj);
        let signing_key = super::network::signing_key(obj);
        let platform = match obj.text("platform") {
            Some(_) => Some(Some(node_platform(diag, cx, obj)?)),
            None => Some(None),
        };
        let role = match obj.tag? {
            "combined" => NodeRole::Combined,
            "national" => NodeRole::National,
            _ => NodeRole::Unit,
        };
        if obj.given("parent") && parent.is_none() {
            return None;
        }
        Some(sim::C2Node {
            name: obj.text("name")?.to_owned(),
            nation: nation?,
            role,
            parent: parent.map(NodeId::new),
            platform: platform?.map(PlatformId::new),
            decision_latency: secs(obj.num("decision_latency_s")?),
            release_to: release_to?,
            declares_identity: obj.bool("declares_identity")?,
            signing_key: signing_key?,
        })
    });
    all(built)
}

fn node_platform(diag: &mut Diag<'_>, cx: &Ctx<'_>, obj: &Obj) -> Option<usize> {
    let index = cx.names.resolve(diag, Entity::Platform, obj, "platform")?;
    let p = cx.obj(Entity::Platform, index)?;
    if let (Some(mine), Some(theirs)) = (obj.text("nation"), p.text("nation"))
        && mine != theirs
        && obj.tag != Some("combined")
    {
        let message = format!("a {mine} node cannot sit on a {theirs} platform");
        let label = format!(
            "`{}` belongs to {theirs}",
            p.text("name").unwrap_or_default()
        );
        mismatch(diag, obj, "platform", message, p.span_of("nation"), label);
    }
    Some(index)
}

fn combined_count(diag: &mut Diag<'_>, cx: &Ctx<'_>, objs: &[Obj]) {
    let combined: Vec<&Obj> = objs.iter().filter(|o| o.tag == Some("combined")).collect();
    match combined.as_slice() {
        [] if !objs.is_empty() => {
            let span = cx.root.span_of("node");
            diag.error(
                ProblemKind::Hierarchy,
                objs.first().map_or(span, |o| o.span.clone()),
                "node",
                "no combined node: exactly one [[node]] must have role = \"combined\"",
            )
            .help("add the alliance's combined command node, e.g. role = \"combined\"");
        }
        [first, rest @ ..] => {
            for extra in rest {
                diag.error(
                    ProblemKind::Hierarchy,
                    extra.span_of("role"),
                    &extra.path_of("role"),
                    "a second combined node: there must be exactly one",
                )
                .related(
                    first.span_of("role"),
                    format!(
                        "`{}` is the combined node",
                        first.text("name").unwrap_or_default()
                    ),
                )
                .help("make it role = \"national\" or \"unit\"");
            }
        }
        [] => {}
    }
}

fn parent_roles(diag: &mut Diag<'_>, objs: &[Obj], parents: &[Option<usize>]) {
    for (obj, parent) in objs.iter().zip(parents) {
        let Some(p) = parent.and_then(|p| objs.get(p)) else {
            continue;
        };
        let (Some(role), Some(parent_role)) = (obj.tag, p.tag) else {
            continue;
        };
        let parent_name = p.text("name").unwrap_or_default();
        let label = format!("`{parent_name}` is role = \"{parent_role}\"");
        match role {
            "national" if parent_role != "combined" => {
                let message = format!(
                    "a national node's parent must be the combined node, but `{parent_name}` is a {parent_role} node"
                );
                hierarchy(diag, obj, message, p.span_of("role"), label);
            }
            "unit" if parent_role == "combined" => {
                let message = format!(
                    "a unit node's parent must be a national or unit node, but `{parent_name}` is the combined node"
                );
                hierarchy(diag, obj, message, p.span_of("role"), label);
            }
            "unit" => {
                if let (Some(mine), Some(theirs)) = (obj.text("nation"), p.text("nation"))
                    && mine != theirs
                {
                    let message = format!(
                        "a {mine} unit node cannot have the {theirs} node `{parent_name}` as parent"
                    );
                    hierarchy(
                        diag,
                        obj,
                        message,
                        p.span_of("nation"),
                        format!("`{parent_name}` belongs to {theirs}"),
                    );
                }
            }
            _ => {}
        }
    }
}

fn hierarchy(
    diag: &mut Diag<'_>,
    obj: &Obj,
    message: String,
    other: core::ops::Range<usize>,
    label: String,
) {
    diag.error(
        ProblemKind::Hierarchy,
        obj.span_of("parent"),
        &obj.path_of("parent"),
        message,
    )
    .related(other, label);
}

/// Reports each parent cycle once, at its first member in file order.
fn cycles(diag: &mut Diag<'_>, objs: &[Obj], parents: &[Option<usize>]) {
    let mut reported = vec![false; objs.len()];
    for start in 0..objs.len() {
        if reported[start] {
            continue;
        }
        // Follow parents at most n steps; a cycle through `start` returns to it.
        let mut chain = vec![start];
        let mut at = start;
        let mut cyclic = false;
        for _ in 0..objs.len() {
            match parents[at] {
                Some(next) if next == start => {
                    cyclic = true;
                    break;
                }
                Some(next) if chain.contains(&next) => break, // a cycle not through `start`
                Some(next) => {
                    chain.push(next);
                    at = next;
                }
                None => break,
            }
        }
        if !cyclic {
            continue;
        }
        let name = |i: usize| objs[i].text("name").unwrap_or_default().to_owned();
        let mut path: Vec<String> = chain.iter().map(|&i| name(i)).collect();
        path.push(name(start));
        let mut p = diag.error(
            ProblemKind::Hierarchy,
            objs[start].span_of("parent"),
            &objs[start].path_of("parent"),
            format!("parent cycle: {}", path.join(" -> ")),
        );
        for &i in &chain[1..] {
            p = p.related(
                objs[i].span_of("parent"),
                format!("`{}` continues the cycle here", name(i)),
            );
        }
        p.help("the hierarchy must be a tree under the combined node");
        for &i in &chain {
            reported[i] = true;
        }
    }
}

pub(super) fn links(diag: &mut Diag<'_>, cx: &Ctx<'_>) -> Option<Vec<sim::Link>> {
    let mut pairs: BTreeMap<(usize, usize), &Obj> = BTreeMap::new();
    let built = cx.objs(Entity::Link).iter().map(|obj| {
        let a = cx.names.resolve(diag, Entity::Node, obj, "a");
        let b = cx.names.resolve(diag, Entity::Node, obj, "b");
        if let (Some(a), Some(b)) = (a, b) {
            if a == b {
                diag.error(
                    ProblemKind::Mismatch,
                    obj.span_of("b"),
                    &obj.path_of("b"),
                    format!(
                        "link connects node `{}` to itself",
                        obj.text("b").unwrap_or_default()
                    ),
                );
            } else if let Some(first) = pairs.get(&(a.min(b), a.max(b))) {
                diag.error(
                    ProblemKind::Duplicate,
                    obj.span.clone(),
                    &obj.path,
                    format!(
                        "a second link between `{}` and `{}`",
                        obj.text("a").unwrap_or_default(),
                        obj.text("b").unwrap_or_default()
                    ),
                )
                .related(
                    first.span.clone(),
                    format!(
                        "`{}` already links them",
                        first.text("name").unwrap_or_default()
                    ),
                );
            } else {
                pairs.insert((a.min(b), a.max(b)), obj);
            }
        }
        let partitions = super::network::partitions(diag, cx, obj);
        let overflow = match obj.text("overflow")? {
            "drop_lowest_priority" => sim::OverflowPolicy::DropLowestPriority,
            _ => sim::OverflowPolicy::DropOldest,
        };
        Some(sim::Link {
            name: obj.text("name")?.to_owned(),
            a: NodeId::new(a?),
            b: NodeId::new(b?),
            latency: secs(obj.num("latency_ms")? / 1000.0),
            loss: Probability::new(obj.num("loss")?).ok()?,
            bandwidth_bps: obj.num("bandwidth_bps"),
            jitter: secs(obj.num("jitter_ms")? / 1000.0),
            queue_bytes: u64::try_from(obj.int("queue_bytes")?).ok()?,
            overflow,
            partitions: partitions?,
        })
    });
    all(built)
}
