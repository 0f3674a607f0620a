//! Broadcast trees: shortest nominal latency from an origin over nodes cleared for a release
//! set, so no relay ever holds a datum its nation may not see.

use super::config::LinkConfig;
use base::{LinkId, NationIndex, NationSet, NodeId};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One outgoing hop: the link and its direction (0: `a → b`, 1: `b → a`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Hop {
    pub(super) link: LinkId,
    pub(super) dir: usize,
}

/// Neighbours of every node as `(neighbour, hop)`, sorted by neighbour index.
pub(super) fn adjacency(n_nodes: usize, links: &[LinkConfig]) -> Vec<Vec<(NodeId, Hop)>> {
    let mut adj = vec![Vec::new(); n_nodes];
    for (i, l) in links.iter().enumerate() {
        let link = LinkId::new(i);
        adj[l.a.index()].push((l.b, Hop { link, dir: 0 }));
        adj[l.b.index()].push((l.a, Hop { link, dir: 1 }));
    }
    for list in &mut adj {
        list.sort_by_key(|&(n, _)| n);
    }
    adj
}

/// Where one (origin, release set) broadcast goes.
#[derive(Debug)]
pub(super) struct Tree {
    /// Per node, the hops it forwards on after receiving.
    pub(super) children: Vec<Vec<Hop>>,
    /// Nodes other than the origin whose nation is not in the set.
    pub(super) withheld: u64,
    /// Cleared nodes other than the origin with no path through cleared nodes.
    pub(super) unreachable: u64,
}

/// Dijkstra on nominal latency from `origin`, entering only cleared nodes. Equal distances pop
/// in node-index order and a node's parent is fixed when it is first reached at its final
/// distance from the lowest-index parent popped so far, so the tree depends only on the inputs.
pub(super) fn build(
    origin: NodeId,
    release: NationSet,
    nations: &[NationIndex],
    links: &[LinkConfig],
    adj: &[Vec<(NodeId, Hop)>],
) -> Tree {
    let n = nations.len();
    let cleared = |v: NodeId| release.contains(nations[v.index()]);
    let mut dist: Vec<Option<i64>> = vec![None; n];
    let mut parent: Vec<Option<(NodeId, Hop)>> = vec![None; n];
    let mut done = vec![false; n];
    let mut heap = BinaryHeap::new();
    dist[origin.index()] = Some(0);
    heap.push(Reverse((0i64, origin)));
    while let Some(Reverse((d, u))) = heap.pop() {
        if done[u.index()] {
            continue;
        }
        done[u.index()] = true;
        for &(v, hop) in &adj[u.index()] {
            if done[v.index()] || !cleared(v) {
                continue;
            }
            let nd = d + links[hop.link.index()].latency.as_nanos();
            let better = match (dist[v.index()], parent[v.index()]) {
                (None, _) => true,
                (Some(old), Some((p, _))) => nd < old || (nd == old && u < p),
                (Some(old), None) => nd < old,
            };
            if better {
                dist[v.index()] = Some(nd);
                parent[v.index()] = Some((u, hop));
                heap.push(Reverse((nd, v)));
            }
        }
    }
    let mut children = vec![Vec::new(); n];
    let (mut withheld, mut unreachable) = (0, 0);
    for v in (0..n).map(NodeId::new).filter(|&v| v != origin) {
        match parent[v.index()] {
            Some((p, hop)) => children[p.index()].push(hop),
            None if cleared(v) => unreachable += 1,
            None => withheld += 1,
        }
    }
    Tree {
        children,
        withheld,
        unreachable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base::SimDuration;

    fn node(i: usize) -> NodeId {
        NodeId::new(i)
    }

    /// Diamond 0–1–3 and 0–2–3 with equal latencies: node 3 hangs off the lower-index relay,
    /// and an uncleared relay forces the other path.
    #[test]
    fn ties_go_to_the_lower_index_and_uncleared_relays_are_avoided() {
        let ms = SimDuration::from_millis;
        let links = vec![
            LinkConfig::ideal(node(0), node(2), ms(5)),
            LinkConfig::ideal(node(0), node(1), ms(5)),
            LinkConfig::ideal(node(2), node(3), ms(5)),
            LinkConfig::ideal(node(1), node(3), ms(5)),
        ];
        let nat = |i| NationIndex::new(i).expect("small");
        let nations = vec![nat(0), nat(1), nat(2), nat(0)];
        let adj = adjacency(4, &links);
        let all = build(node(0), NationSet::first(3), &nations, &links, &adj);
        assert_eq!(
            all.children[1],
            [Hop {
                link: LinkId::new(3),
                dir: 0
            }]
        );
        assert!(all.children[2].is_empty());
        assert_eq!((all.withheld, all.unreachable), (0, 0));

        let mut no_1 = NationSet::single(nat(0));
        no_1.insert(nat(2));
        let t = build(node(0), no_1, &nations, &links, &adj);
        assert!(t.children[1].is_empty());
        assert_eq!(
            t.children[2],
            [Hop {
                link: LinkId::new(2),
                dir: 0
            }]
        );
        assert_eq!((t.withheld, t.unreachable), (1, 0));

        let only_0 = NationSet::single(nat(0));
        let t = build(node(0), only_0, &nations, &links, &adj);
        assert!(t.children.iter().all(Vec::is_empty));
        assert_eq!((t.withheld, t.unreachable), (2, 1));
    }
}
