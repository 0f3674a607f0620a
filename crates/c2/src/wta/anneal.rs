//! Simulated annealing over single units (target-value objective only).
//!
//! Why: on the public instances with two and three units per weapon the local optima of every
//! exchange neighbourhood tried (weapon re-placement, moves, swaps, ejection chains and cyclic
//! exchanges, assignment re-placements) stay 1–8 % above the best known value: improving the
//! stacking needs several units to move together, through intermediate states that are
//! worse. Annealing walks through those states, and with O(1) move pricing (two target
//! survivals per move) it tries millions of moves per second.
//!
//! Moves, each on one unit `u` of weapon `i` on target `j` (or idle), to a candidate target
//! `k` of `i`: **relocate** (`u` goes to `k`) or **swap** (`u` goes to `k` and a unit of
//! another weapon on `k` goes to `j`). Channels and shot caps are checked per move, so every
//! visited state is feasible. A run cools geometrically from `T0 = temp · objective / n` to
//! `T0 / 1000` over its moves and returns the best state it saw. The random numbers are
//! SplitMix64 from the caller's seed: the same seed and move count give the same result.

use super::SolveOptions;
use super::eval::LogSurv;
use super::local::SplitMix;
use super::problem::{Assignment, Problem};
use super::state::State;
use super::vlsn::Candidates;

/// Moves between polls of `should_stop` (about a tenth of a millisecond of work).
const POLL_EVERY: u64 = 2048;
/// Final temperature relative to the first.
const COOLING_SPAN: f64 = 1e-3;

/// Where each unit is: `target[u]` (`None`: idle), with per-target survivals.
struct Units<'p> {
    p: &'p Problem,
    weapon: Vec<usize>,
    target: Vec<Option<usize>>,
    /// Units on each target.
    on: Vec<Vec<u32>>,
    /// Position of each unit in its target's list.
    pos: Vec<usize>,
    surv: Vec<LogSurv>,
    /// `V_t · S_t`, cached so most moves are priced with multiplications only.
    vs: Vec<f64>,
    /// `q_ij = 1 − p_ij` and its inverse (`0` where `p = 1`; such pairs take the log path).
    q: Vec<f64>,
    inv_q: Vec<f64>,
    /// `x[i][j]` (channels need it).
    x: Vec<u32>,
    engaged: Vec<u32>,
}

impl<'p> Units<'p> {
    fn new(state: &State<'p>) -> Self {
        let p = state.problem;
        let (m, n) = (p.n_weapons(), p.n_targets());
        let (mut weapon, mut target) = (Vec::new(), Vec::new());
        for i in 0..m {
            for j in 0..n {
                for _ in 0..state.x.get(i, j) {
                    weapon.push(i);
                    target.push(Some(j));
                }
            }
            for _ in state.used[i]..p.weapons()[i].units {
                weapon.push(i);
                target.push(None);
            }
        }
        let mut on = vec![Vec::new(); n];
        let mut pos = vec![0; weapon.len()];
        for (u, t) in target.iter().enumerate() {
            if let Some(t) = *t {
                pos[u] = on[t].len();
                on[t].push(u as u32);
            }
        }
        let x = (0..m * n).map(|k| state.x.get(k / n, k % n)).collect();
        let q: Vec<f64> = (0..m * n).map(|k| 1.0 - p.p(k / n, k % n)).collect();
        let inv_q = q.iter().map(|&q| if q > 0.0 { 1.0 / q } else { 0.0 }).collect();
        let vs = (0..n).map(|t| p.targets()[t].value * state.surv[t].surv()).collect();
        Self {
            p,
            weapon,
            target,
            on,
            pos,
            surv: state.surv.clone(),
            vs,
            q,
            inv_q,
            x,
            engaged: state.engaged.clone(),
        }
    }

    fn value(&self, t: usize) -> f64 {
        self.p.targets()[t].value
    }

    /// Objective change if target `t`'s survival became `s`.
    fn delta(&self, t: usize, s: LogSurv) -> f64 {
        self.value(t) * s.surv() - self.vs[t]
    }

    /// Objective change of target `t` losing a unit of `out` and gaining one of `inn` (either
    /// optional): a product of cached factors unless a sure kill (`p = 1`) is involved.
    fn change(&self, t: usize, out: Option<usize>, inn: Option<usize>) -> f64 {
        let n = self.p.n_targets();
        let sure = self.surv[t].sure > 0
            || out.is_some_and(|i| self.q[i * n + t] == 0.0)
            || inn.is_some_and(|i| self.q[i * n + t] == 0.0);
        if sure {
            let mut s = self.surv[t];
            if let Some(i) = out {
                s = s.add(self.p.ln_q(i, t), -1);
            }
            if let Some(i) = inn {
                s = s.add(self.p.ln_q(i, t), 1);
            }
            return self.delta(t, s);
        }
        let mut f = 1.0;
        if let Some(i) = out {
            f *= self.inv_q[i * n + t];
        }
        if let Some(i) = inn {
            f *= self.q[i * n + t];
        }
        self.vs[t] * (f - 1.0)
    }

    /// Whether weapon `i` may put one more unit on `k` while taking one off `from`.
    fn can_land(&self, i: usize, k: usize, from: Option<usize>) -> bool {
        let p = self.p;
        let n = p.n_targets();
        let frees_channel = from.is_some_and(|f| self.x[i * n + f] == 1);
        p.allowed(i, k)
            && self.on[k].len() < p.shot_cap(k) as usize
            && (self.x[i * n + k] > 0 || self.engaged[i] < p.channel_cap(i) || frees_channel)
    }

    fn detach(&mut self, u: usize) {
        let Some(t) = self.target[u] else { return };
        let i = self.weapon[u];
        let n = self.p.n_targets();
        let at = self.pos[u];
        self.on[t].swap_remove(at);
        if let Some(&moved) = self.on[t].get(at) {
            self.pos[moved as usize] = at;
        }
        self.x[i * n + t] -= 1;
        self.engaged[i] -= u32::from(self.x[i * n + t] == 0);
        self.surv[t] = self.surv[t].add(self.p.ln_q(i, t), -1);
        self.vs[t] = self.value(t) * self.surv[t].surv();
        self.target[u] = None;
    }

    fn attach(&mut self, u: usize, t: usize) {
        let i = self.weapon[u];
        let n = self.p.n_targets();
        self.pos[u] = self.on[t].len();
        self.on[t].push(u as u32);
        self.engaged[i] += u32::from(self.x[i * n + t] == 0);
        self.x[i * n + t] += 1;
        self.surv[t] = self.surv[t].add(self.p.ln_q(i, t), 1);
        self.vs[t] = self.value(t) * self.surv[t].surv();
        self.target[u] = Some(t);
    }

    fn assignment(&self) -> Assignment {
        let p = self.p;
        let mut a = Assignment::empty(p.n_weapons(), p.n_targets());
        for (u, t) in self.target.iter().enumerate() {
            if let Some(t) = *t {
                let i = self.weapon[u];
                a.set(i, t, a.get(i, t) + 1);
            }
        }
        a
    }
}

/// Uniform in `[0, 1)`.
fn unit_float(rng: &mut SplitMix) -> f64 {
    (rng.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// One annealing run of `moves` moves from `start`; returns the best state seen (re-evaluated
/// exactly) and whether the run was cut short by `should_stop`.
pub(crate) fn anneal<'p>(
    start: &State<'p>,
    cand: &Candidates,
    moves: u64,
    temp: f64,
    rng: &mut SplitMix,
    opts: &SolveOptions<'_>,
) -> (State<'p>, bool) {
    let p = start.problem;
    let mut s = Units::new(start);
    let n_units = s.weapon.len();
    let start_obj = start.objective();
    if n_units == 0 || moves == 0 || start_obj <= 0.0 {
        return (start.clone(), false);
    }
    let t0 = temp * start_obj / p.n_targets() as f64;
    let cooling = COOLING_SPAN.powf(1.0 / moves as f64);
    let mut t = t0;
    let (mut obj, mut best_obj) = (start_obj, start_obj);
    let mut best = s.target.clone();
    let mut stopped = false;
    for step in 0..moves {
        if step % POLL_EVERY == 0 && step > 0 && opts.stopped() {
            stopped = true;
            break;
        }
        t *= cooling;
        let u = rng.below(n_units);
        let i = s.weapon[u];
        let list = cand.of(i);
        if list.is_empty() {
            continue;
        }
        let k = list[rng.below(list.len())];
        let j = s.target[u];
        if j == Some(k) {
            continue;
        }
        let swap = !s.on[k].is_empty() && j.is_some() && rng.next() & 1 == 0;
        let d = if swap {
            let j = j.unwrap_or(k);
            let v = s.on[k][rng.below(s.on[k].len())] as usize;
            let iv = s.weapon[v];
            if iv == i || !p.allowed(iv, j) || !channel_swap_ok(&s, i, j, k) || !channel_swap_ok(&s, iv, k, j)
            {
                continue;
            }
            let d = s.change(j, Some(i), Some(iv)) + s.change(k, Some(iv), Some(i));
            if accept(d, t, rng) {
                s.detach(u);
                s.detach(v);
                s.attach(u, k);
                s.attach(v, j);
            } else {
                continue;
            }
            d
        } else {
            if !s.can_land(i, k, j) {
                continue;
            }
            let d = s.change(k, None, Some(i)) + j.map_or(0.0, |j| s.change(j, Some(i), None));
            if accept(d, t, rng) {
                s.detach(u);
                s.attach(u, k);
            } else {
                continue;
            }
            d
        };
        obj += d;
        if obj < best_obj {
            best_obj = obj;
            best.clone_from(&s.target);
        }
    }
    if std::env::var_os("WTA_DBG").is_some() {
        eprintln!("  walk end obj {obj} best {best_obj} start {start_obj} t0 {t0}");
    }
    if obj < best_obj - 1e-12 * best_obj.abs() || std::env::var_os("WTA_END").is_none() {
        s.target = best;
    }
    let state = State::new(p, s.assignment());
    (state, stopped)
}

/// Whether weapon `i` may trade its unit on `from` for one on `to` (channels only).
fn channel_swap_ok(s: &Units<'_>, i: usize, from: usize, to: usize) -> bool {
    let n = s.p.n_targets();
    let engaged = s.engaged[i] - u32::from(s.x[i * n + from] == 1) + u32::from(s.x[i * n + to] == 0);
    engaged <= s.p.channel_cap(i)
}

fn accept(d: f64, t: f64, rng: &mut SplitMix) -> bool {
    d <= 0.0 || (t > 0.0 && unit_float(rng) < (-d / t).exp())
}
