//! Maximum marginal return (den Broeder et al. 1959): repeatedly fire the unit that lowers the
//! objective most.
//!
//! For a fixed target every weapon's marginal return is proportional to its `p_ij` (both
//! objectives are increasing in the survival `S_j`, and one more unit multiplies it by `q_ij`),
//! so the best weapon for a target is the first usable one in that target's list of weapons
//! sorted by `p` descending. A weapon only ever becomes unusable for a target during greedy
//! (inventory spent, channels full, target's shot cap reached), so each list is walked once with
//! a pointer. Targets sit in a max-heap keyed by their current best return; entries carry a
//! version so stale ones are skipped, and a popped entry whose weapon became unusable is
//! re-priced (its old key was an over-estimate, since returns only fall). Under the asset-based
//! objective firing at one threat raises the returns of the other threats of the same asset,
//! so those are re-pushed. Cost: `O(m n log m + shots · (log n + m))` instead of rescanning all
//! `m·n` pairs per shot. Ties go to the lower target, then the lower weapon index.

use super::problem::{Assignment, Problem};
use super::state::State;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

#[derive(Debug, PartialEq)]
struct Entry {
    gain: f64,
    target: usize,
    version: u32,
}
impl Eq for Entry {}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.gain
            .total_cmp(&other.gain)
            .then(other.target.cmp(&self.target))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

struct Greedy<'s, 'p> {
    state: &'s mut State<'p>,
    order: Vec<Vec<usize>>,
    next: Vec<usize>,
    version: Vec<u32>,
    heap: BinaryHeap<Entry>,
}

impl Greedy<'_, '_> {
    /// Advances target `j`'s pointer to its first usable weapon and pushes its return.
    fn push(&mut self, j: usize) {
        self.version[j] += 1;
        while let Some(&i) = self.order[j].get(self.next[j]) {
            if self.state.can_add(i, j, None) {
                let gain = -self.state.delta(&[(j, self.state.surv_with(i, j, 1))]);
                if gain > 0.0 {
                    self.heap.push(Entry {
                        gain,
                        target: j,
                        version: self.version[j],
                    });
                }
                return;
            }
            self.next[j] += 1;
        }
    }
}

/// Completes `state` greedily: adds units while some unit lowers the objective.
pub(crate) fn fill(state: &mut State<'_>) {
    let p = state.problem;
    let (m, n) = (p.n_weapons(), p.n_targets());
    let order = (0..n)
        .map(|j| {
            let mut w: Vec<usize> = (0..m).filter(|&i| p.allowed(i, j)).collect();
            w.sort_by(|&a, &b| p.p(b, j).total_cmp(&p.p(a, j)).then(a.cmp(&b)));
            w
        })
        .collect();
    let siblings = sibling_lists(p);
    let mut g = Greedy {
        state,
        order,
        next: vec![0; n],
        version: vec![0; n],
        heap: BinaryHeap::new(),
    };
    for j in 0..n {
        g.push(j);
    }
    while let Some(e) = g.heap.pop() {
        let j = e.target;
        if e.version != g.version[j] {
            continue;
        }
        let i = g.order[j][g.next[j]];
        if !g.state.can_add(i, j, None) {
            g.push(j);
            continue;
        }
        g.state.add(i, j);
        g.push(j);
        for &s in &siblings[j] {
            g.push(s);
        }
    }
}

/// For each target, the other threats of the same asset (asset-based objective only).
fn sibling_lists(p: &Problem) -> Vec<Vec<usize>> {
    let t = p.targets();
    let mut out = vec![Vec::new(); t.len()];
    if matches!(p.objective(), super::problem::Objective::AssetBased { .. }) {
        for (j, list) in out.iter_mut().enumerate() {
            let Some(a) = t[j].threatens else { continue };
            *list = (0..t.len())
                .filter(|&k| k != j && t[k].threatens.is_some_and(|b| b.asset == a.asset))
                .collect();
        }
    }
    out
}

/// The maximum-marginal-return assignment.
pub(crate) fn greedy(problem: &Problem) -> State<'_> {
    let mut state = State::new(
        problem,
        Assignment::empty(problem.n_weapons(), problem.n_targets()),
    );
    fill(&mut state);
    state
}
