//! Very large-scale neighbourhood search on an improvement graph (Ahuja, Kumar, Jha & Orlin,
//! "Exact and heuristic algorithms for the weapon-target assignment problem", Oper. Res. 2007):
//! ejection chains and cyclic multi-exchanges of single units.
//!
//! Nodes are the `(weapon, target)` pairs that hold at least one unit, plus one "idle" node per
//! weapon with spare units. An arc `u → v` means: one unit of `u`'s weapon moves onto `v`'s
//! target and one unit of `v`'s weapon leaves it. A path `u0 → … → uk` followed by an *end*
//! target `t` is an ejection chain: `u0` leaves its target, each `u(l−1)` replaces `ul`, and
//! `uk` lands on `t`. When `t` is `u0`'s own target the chain is a cyclic exchange. Weapon
//! inventories never change along a chain, so only target survivals do.
//!
//! Why it works: when every target of the chain is distinct, the objective change of the whole
//! chain is exactly the sum of its arc costs (target-value objective; each arc changes one
//! target), so a label-correcting search over paths finds long improving exchanges that no
//! sequence of improving single moves or swaps reaches. Following Ahuja et al. the search is a
//! heuristic: one label per node and depth (the cheapest path found ending there), targets
//! checked for distinctness along each path, depth at most [`MAX_DEPTH`]. Every move found is
//! re-priced exactly on the state and applied only if it still improves and stays feasible
//! (channels and shot caps are checked when the move is applied, so the graph can ignore them).
//!
//! Arcs only go to a weapon's candidate targets (its best by kill probability and by value ×
//! kill probability): a unit on a target it barely dents is never part of a good answer, and
//! the sparse graph makes a full search cost `O(depth · nodes · candidates)`.

use super::SolveOptions;
use super::problem::Problem;
use super::state::State;

/// Longest chain (nodes on the path) the search follows.
pub(crate) const MAX_DEPTH: usize = 14;
/// Candidate targets per weapon from each of the two rankings (by `p`, by `V·p`).
const CANDIDATES: usize = 24;
/// No node: the start of a path.
const NONE: u32 = u32::MAX;

/// Each weapon's candidate targets: the union of its best [`CANDIDATES`] by kill probability
/// and by value × kill probability, ascending, allowed pairs only; all targets when few.
pub(crate) struct Candidates {
    lists: Vec<Vec<usize>>,
    /// `q_ij` row-major, for pricing arcs by multiplication (see [`Pricer`]); empty when that
    /// shortcut does not apply (asset-based objective, or some `p = 1`).
    q: Vec<f64>,
}

impl Candidates {
    pub(crate) fn new(p: &Problem) -> Self {
        let (m, n) = (p.n_weapons(), p.n_targets());
        let targets = p.targets();
        let lists = (0..m)
            .map(|i| {
                let allowed: Vec<usize> = (0..n).filter(|&j| p.allowed(i, j)).collect();
                if allowed.len() <= 2 * CANDIDATES {
                    return allowed;
                }
                let top = |key: &dyn Fn(usize) -> f64| -> Vec<usize> {
                    let mut v = allowed.clone();
                    v.sort_by(|&a, &b| key(b).total_cmp(&key(a)).then(a.cmp(&b)));
                    v.truncate(CANDIDATES);
                    v
                };
                let mut list = top(&|j| p.p(i, j));
                list.extend(top(&|j| targets[j].value * p.p(i, j)));
                list.sort_unstable();
                list.dedup();
                list
            })
            .collect();
        let fast = matches!(p.objective(), super::Objective::TargetValue)
            && (0..m).all(|i| (0..n).all(|j| p.p(i, j) < 1.0));
        let q = if fast {
            (0..m * n).map(|k| 1.0 - p.p(k / n, k % n)).collect()
        } else {
            Vec::new()
        };
        Self { lists, q }
    }

    /// Candidate targets of weapon `i`.
    pub(crate) fn of(&self, i: usize) -> &[usize] {
        &self.lists[i]
    }
}

/// A node of the improvement graph: weapon `w` holding units on target `t` (`None`: idle).
#[derive(Clone, Copy, Debug)]
struct Node {
    w: usize,
    t: Option<usize>,
}

#[derive(Clone, Copy)]
struct Label {
    cost: f64,
    pred: u32,
}

const NO_LABEL: Label = Label {
    cost: f64::INFINITY,
    pred: NONE,
};

/// An improving chain: nodes from start to end, and the target the last unit lands on.
#[derive(Clone, Debug)]
struct Chain {
    gain: f64,
    nodes: Vec<u32>,
    end: usize,
}

/// One unit added (`true`) or removed on `(weapon, target)`; kept to undo a rejected move.
type Op = (bool, usize, usize);

fn undo(state: &mut State<'_>, ops: &[Op]) {
    for &(added, i, j) in ops.iter().rev() {
        if added {
            state.remove(i, j);
        } else {
            state.add(i, j);
        }
    }
}

/// The search graph over one state.
struct Graph {
    nodes: Vec<Node>,
    on_target: Vec<Vec<u32>>,
}

impl Graph {
    fn new(state: &State<'_>) -> Self {
        let p = state.problem;
        let (m, n) = (p.n_weapons(), p.n_targets());
        let mut nodes = Vec::new();
        let mut on_target = vec![Vec::new(); n];
        for i in 0..m {
            for (j, list) in on_target.iter_mut().enumerate() {
                if state.x.get(i, j) > 0 {
                    list.push(nodes.len() as u32);
                    nodes.push(Node { w: i, t: Some(j) });
                }
            }
            if state.used[i] < p.weapons()[i].units {
                nodes.push(Node { w: i, t: None });
            }
        }
        Self { nodes, on_target }
    }
}

/// Prices single-target changes. Target value without sure kills: `V_t S_t` is cached per
/// target and a change multiplies it by ratios of `q`, so an arc costs a multiplication instead
/// of two exponentials; otherwise the exact [`State::delta`].
struct Pricer<'a, 's, 'p> {
    state: &'s State<'p>,
    q: &'a [f64],
    n: usize,
    vs: Vec<f64>,
}

impl<'a, 's, 'p> Pricer<'a, 's, 'p> {
    fn new(state: &'s State<'p>, cand: &'a Candidates) -> Self {
        let p = state.problem;
        let vs = if cand.q.is_empty() {
            Vec::new()
        } else {
            (0..p.n_targets())
                .map(|t| p.targets()[t].value * state.surv[t].surv())
                .collect()
        };
        Self {
            state,
            q: &cand.q,
            n: p.n_targets(),
            vs,
        }
    }

    /// Change of target `t` losing a unit of `out` and gaining one of `inn`.
    fn change(&self, t: usize, out: Option<usize>, inn: Option<usize>) -> f64 {
        if self.vs.is_empty() {
            let mut s = self.state.surv[t];
            if let Some(i) = out {
                s = s.add(self.state.problem.ln_q(i, t), -1);
            }
            if let Some(i) = inn {
                s = s.add(self.state.problem.ln_q(i, t), 1);
            }
            return self.state.delta(&[(t, s)]);
        }
        let mut f = 1.0;
        if let Some(i) = inn {
            f *= self.q[i * self.n + t];
        }
        if let Some(i) = out {
            f /= self.q[i * self.n + t];
        }
        self.vs[t] * (f - 1.0)
    }
}

/// The two label-correcting searches. Why two: removing a unit from a target it alone
/// defends costs nearly that target's value, so a path that starts there is never the cheapest
/// path to any node and one table would lose every cycle through such targets. The cycle
/// search leaves the first removal out of the labels and adds it back when the cycle closes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Ejection chains: the first unit leaves its target (priced), the last lands on a target
    /// off the path.
    Path,
    /// Cyclic exchanges: the last unit lands on the first unit's target.
    Cycle,
}

/// Finds improving ejection chains and cyclic exchanges and applies a target-disjoint set of
/// them, best first. With `focus`, chains start only at units on the flagged targets (and at
/// idle units): after a small perturbation the improving chains start where it changed
/// something. Returns the targets changed (none: the state is a local optimum of this
/// neighbourhood, as far as the search sees).
pub(crate) fn improve(
    state: &mut State<'_>,
    cand: &Candidates,
    eps: f64,
    opts: &SolveOptions<'_>,
    focus: Option<&[bool]>,
) -> Vec<usize> {
    let g = Graph::new(state);
    if g.nodes.is_empty() {
        return Vec::new();
    }
    let max_depth = MAX_DEPTH;
    let mut chains = search(state, &g, cand, eps, opts, focus, Mode::Path, max_depth);
    chains.extend(search(
        state,
        &g,
        cand,
        eps,
        opts,
        focus,
        Mode::Cycle,
        max_depth,
    ));
    chains.sort_by(|a, b| a.gain.total_cmp(&b.gain).then(a.nodes.cmp(&b.nodes)));
    let mut touched = vec![false; state.problem.n_targets()];
    let mut changed = Vec::new();
    for c in chains {
        let targets: Vec<usize> = c
            .nodes
            .iter()
            .filter_map(|&u| g.nodes[u as usize].t)
            .chain(std::iter::once(c.end))
            .collect();
        if targets.iter().any(|&t| touched[t]) {
            continue;
        }
        if apply(state, &g, &c, eps) {
            for t in targets {
                if !touched[t] {
                    touched[t] = true;
                    changed.push(t);
                }
            }
        }
    }
    changed
}

/// One label-correcting search; returns the best improving chain ending at each node.
#[allow(clippy::too_many_arguments)]
fn search(
    state: &State<'_>,
    g: &Graph,
    cand: &Candidates,
    eps: f64,
    opts: &SolveOptions<'_>,
    focus: Option<&[bool]>,
    mode: Mode,
    max_depth: usize,
) -> Vec<Chain> {
    let k = g.nodes.len();
    let pr = Pricer::new(state, cand);
    let mut tables: Vec<Vec<Label>> = vec![vec![NO_LABEL; k]; max_depth];
    // Depth 0: the first unit leaves its target (idle units leave nothing and start paths only).
    for (u, node) in g.nodes.iter().enumerate() {
        let cost = match (node.t, mode) {
            (None, Mode::Path) => 0.0,
            (None, Mode::Cycle) => continue,
            (Some(t), _) if focus.is_some_and(|f| !f[t]) => continue,
            (Some(t), Mode::Path) => pr.change(t, Some(node.w), None),
            (Some(_), Mode::Cycle) => 0.0,
        };
        tables[0][u] = Label { cost, pred: NONE };
    }
    let mut best_end: Vec<Option<(f64, usize, usize)>> = vec![None; k];
    // Targets on the current label's path are stamped with the label's number: an O(1) test
    // per candidate target instead of a scan of the path.
    let mut stamp: Vec<u32> = vec![0; state.problem.n_targets()];
    let mut epoch: u32 = 0;
    for d in 0..max_depth {
        if opts.stopped() {
            break;
        }
        for v in 0..k {
            let label = tables[d][v];
            if !label.cost.is_finite() {
                continue;
            }
            // The targets on the path ending at v, and its first node.
            epoch = epoch.wrapping_add(1);
            if epoch == 0 {
                stamp.iter_mut().for_each(|s| *s = u32::MAX);
                epoch = 1;
            }
            let (mut node, mut depth) = (v as u32, d);
            let start_idx = loop {
                if let Some(t) = g.nodes[node as usize].t {
                    stamp[t] = epoch;
                }
                let pred = tables[depth][node as usize].pred;
                if pred == NONE || depth == 0 {
                    break node as usize;
                }
                node = pred;
                depth -= 1;
            };
            let start = g.nodes[start_idx];
            let wv = g.nodes[v].w;
            for &t in cand.of(wv) {
                let on_path = stamp[t] == epoch;
                // End: v's unit lands on t.
                match mode {
                    Mode::Path if !on_path => {
                        let total = label.cost + pr.change(t, None, Some(wv));
                        if total < -eps && best_end[v].is_none_or(|b| total < b.0) {
                            best_end[v] = Some((total, d, t));
                        }
                    }
                    Mode::Cycle if d > 0 && start.t == Some(t) => {
                        let total = label.cost + pr.change(t, Some(start.w), Some(wv));
                        if total < -eps && best_end[v].is_none_or(|b| total < b.0) {
                            best_end[v] = Some((total, d, t));
                        }
                    }
                    _ => {}
                }
                // Extend: v's unit replaces one of another weapon on t.
                if on_path || d + 1 >= max_depth {
                    continue;
                }
                for &w in &g.on_target[t] {
                    let ww = g.nodes[w as usize].w;
                    if ww == wv {
                        continue;
                    }
                    let cost = label.cost + pr.change(t, Some(ww), Some(wv));
                    let slot = &mut tables[d + 1][w as usize];
                    if cost < slot.cost {
                        *slot = Label {
                            cost,
                            pred: v as u32,
                        };
                    }
                }
            }
        }
    }
    // Rebuild the chains: a table is final once the search moves past its depth, so each
    // recorded (node, depth) still describes the path it was scored on.
    best_end
        .iter()
        .enumerate()
        .filter_map(|(v, b)| {
            let (gain, d, end) = (*b)?;
            let mut nodes = Vec::with_capacity(d + 1);
            let (mut node, mut depth) = (v as u32, d);
            loop {
                nodes.push(node);
                let pred = tables[depth][node as usize].pred;
                if pred == NONE || depth == 0 {
                    break;
                }
                node = pred;
                depth -= 1;
            }
            nodes.reverse();
            Some(Chain { gain, nodes, end })
        })
        .collect()
}

/// Applies a chain if it is feasible and lowers the objective by more than `eps`; else leaves
/// the state as it was.
fn apply(state: &mut State<'_>, g: &Graph, c: &Chain, eps: f64) -> bool {
    let before = state.objective();
    let mut ops: Vec<Op> = Vec::with_capacity(2 * c.nodes.len() + 1);
    // Removals first (each node still holds a unit: the chain's targets are distinct), then
    // the additions, each checked against inventory, channels and shot caps.
    for &u in &c.nodes {
        let n = g.nodes[u as usize];
        if let Some(t) = n.t {
            if state.x.get(n.w, t) == 0 {
                undo(state, &ops);
                return false;
            }
            state.remove(n.w, t);
            ops.push((false, n.w, t));
        }
    }
    let lands = c.nodes[1..]
        .iter()
        .map(|&u| g.nodes[u as usize].t)
        .chain(std::iter::once(Some(c.end)));
    for (&u, t) in c.nodes.iter().zip(lands) {
        let w = g.nodes[u as usize].w;
        let Some(t) = t else {
            undo(state, &ops);
            return false;
        };
        if !state.can_add(w, t, None) {
            undo(state, &ops);
            return false;
        }
        state.add(w, t);
        ops.push((true, w, t));
    }
    if state.objective() < before - eps {
        return true;
    }
    undo(state, &ops);
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wta::local::{SplitMix, descend_vlsn};
    use crate::wta::{Assignment, Objective, Target, Weapon, check_feasible};

    fn random(rng: &mut SplitMix, m: usize, n: usize, caps: bool) -> Problem {
        let mix = crate::wta::testgen::Mix {
            max_units: 3,
            max_channels: 2,
            odds: 10,
            certain: false,
            p_low: 0.05,
            p_span: 0.9,
        };
        crate::wta::testgen::random(rng, m, n, caps, &mix)
    }

    /// A random feasible assignment: units placed one by one wherever allowed.
    fn scatter<'p>(p: &'p Problem, rng: &mut SplitMix) -> State<'p> {
        let mut s = State::new(p, Assignment::empty(p.n_weapons(), p.n_targets()));
        for i in 0..p.n_weapons() {
            for _ in 0..p.weapons()[i].units {
                let j = rng.below(p.n_targets());
                if s.can_add(i, j, None) {
                    s.add(i, j);
                }
            }
        }
        s
    }

    #[test]
    fn chains_never_worsen_and_stay_feasible() {
        let mut rng = SplitMix(21);
        let opts = SolveOptions::default();
        for k in 0..80 {
            let (m, n) = (2 + rng.below(6), 2 + rng.below(8));
            let p = random(&mut rng, m, n, k % 2 == 0);
            let cand = Candidates::new(&p);
            let mut s = scatter(&p, &mut rng);
            let mut obj = s.objective();
            for _ in 0..20 {
                let changed = improve(&mut s, &cand, 1e-12, &opts, None);
                check_feasible(&p, &s.x).expect("feasible after a chain");
                let now = s.objective();
                assert!(now <= obj + 1e-12, "instance {k}: {obj} -> {now}");
                assert_eq!(changed.is_empty(), now == obj, "instance {k}");
                if changed.is_empty() {
                    break;
                }
                obj = now;
            }
        }
    }

    /// After the descent no single unit move improves (a path of one node is a move, so the
    /// chain search must have found any that did).
    #[test]
    fn the_descent_ends_at_a_local_optimum_of_single_moves() {
        let mut rng = SplitMix(4);
        let opts = SolveOptions::default();
        for k in 0..60 {
            let (m, n) = (2 + rng.below(5), 2 + rng.below(7));
            let p = random(&mut rng, m, n, false);
            let cand = Candidates::new(&p);
            let mut s = scatter(&p, &mut rng);
            descend_vlsn(&mut s, &cand, &opts);
            let obj = s.objective();
            for i in 0..m {
                for j in 0..n {
                    if s.x.get(i, j) == 0 {
                        continue;
                    }
                    for to in 0..n {
                        if to == j || !s.can_add(i, to, Some(j)) {
                            continue;
                        }
                        let d = s.delta(&[(j, s.surv_with(i, j, -1)), (to, s.surv_with(i, to, 1))]);
                        assert!(
                            d >= -1e-9 * obj.max(1.0),
                            "instance {k}: move {i} {j}->{to} gains {d}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_crossed_pair_is_uncrossed() {
        let w = Weapon {
            units: 1,
            channels: None,
        };
        let t = Target {
            value: 10.0,
            max_shots: Some(1),
            threatens: None,
        };
        // Shot caps of one forbid every single move; only the exchange helps.
        let p = Problem::new(
            vec![w.clone(), w],
            vec![t.clone(), t],
            vec![vec![0.9, 0.1], vec![0.1, 0.9]],
            Objective::TargetValue,
        )
        .expect("valid");
        let mut x = Assignment::empty(2, 2);
        x.set(0, 1, 1);
        x.set(1, 0, 1);
        let mut s = State::new(&p, x);
        let cand = Candidates::new(&p);
        assert!((s.objective() - 18.0).abs() < 1e-12);
        assert!(!improve(&mut s, &cand, 1e-12, &SolveOptions::default(), None).is_empty());
        assert!((s.objective() - 2.0).abs() < 1e-12, "{}", s.objective());
        assert_eq!((s.x.get(0, 0), s.x.get(1, 1)), (1, 1));
    }
}
