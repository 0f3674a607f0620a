//! Track-to-track association: χ² gate plus optimal assignment (PRIMER §3.3).
//!
//! For a pair (i, j), `d = x_i − x_j`, `S = P_i + P_j` (cross-covariance unknown, taken as 0:
//! a conservative gate), `d² = dᵀS⁻¹d` on position (3 dof) or position and velocity (6 dof),
//! cost `d² + ln det S` (negative log-likelihood up to a constant). Pairs with `d² > gate` are
//! forbidden; the assignment (`assignment::solve`) pairs as many as possible, then at least
//! cost. Unassigned tracks are allowed.
//!
//! Speed: a pair is first screened by `|Δp|² / tr(S_pos) > gate` (a lower bound on `d²`, since
//! `d²_6 ≥ d²_3 ≥ |Δp|²/λ_max ≥ |Δp|²/tr`), and the assignment is solved per connected
//! component of the gate graph, so thousands of well-separated tracks cost little.

use crate::linalg::{chol, log_det};
use crate::state::TrackState;
use assignment::CostMatrix;
use nalgebra::{Matrix3, Vector3};

/// Which components enter the association statistic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GateDims {
    /// Position only (3 degrees of freedom).
    Position,
    /// Position and velocity (6 degrees of freedom).
    PositionVelocity,
}

/// The association statistic of two time-aligned estimates: `(d², ln det S)`, or `None` when
/// the cheap screen already exceeds `gate_d2`.
pub fn pair_statistic(
    a: &TrackState,
    b: &TrackState,
    gate_d2: f64,
    dims: GateDims,
) -> Option<(f64, f64)> {
    let dp: Vector3<f64> = a.position() - b.position();
    let trace = (0..3).map(|k| a.p[(k, k)] + b.p[(k, k)]).sum::<f64>();
    if dp.norm_squared() > gate_d2 * trace {
        return None;
    }
    match dims {
        GateDims::Position => {
            let s: Matrix3<f64> = (a.p + b.p).fixed_view::<3, 3>(0, 0).into_owned();
            let c = chol(&s)?;
            Some((c.solve(&dp).dot(&dp), log_det(&c)))
        }
        GateDims::PositionVelocity => {
            let d = a.x - b.x;
            let c = chol(&(a.p + b.p))?;
            Some((c.solve(&d).dot(&d), log_det(&c)))
        }
    }
}

/// Assigns each of `incoming` to at most one of `existing` (all time-aligned): `result[j]` is
/// the index in `existing` paired with `incoming[j]`.
pub fn associate(
    existing: &[TrackState],
    incoming: &[TrackState],
    gate_d2: f64,
    dims: GateDims,
) -> Vec<Option<usize>> {
    associate_where(existing, incoming, gate_d2, dims, |_, _| true)
}

/// [`associate`] where only pairs with `eligible(existing_index, incoming_index)` may pair.
pub fn associate_where(
    existing: &[TrackState],
    incoming: &[TrackState],
    gate_d2: f64,
    dims: GateDims,
    eligible: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    let ne = existing.len();
    let mut pairs = Vec::new();
    for (j, b) in incoming.iter().enumerate() {
        for (i, a) in existing.iter().enumerate() {
            if !eligible(i, j) {
                continue;
            }
            if let Some((d2, ld)) = pair_statistic(a, b, gate_d2, dims)
                && d2 <= gate_d2
            {
                pairs.push((i, j, d2 + ld));
            }
        }
    }
    // Components of the gate graph: nodes 0..ne are existing, ne.. incoming.
    let mut parent: Vec<usize> = (0..ne + incoming.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(i, j, _) in &pairs {
        let (a, b) = (find(&mut parent, i), find(&mut parent, ne + j));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<(usize, usize, f64)>> =
        std::collections::BTreeMap::new();
    for &(i, j, c) in &pairs {
        let r = find(&mut parent, i);
        by_root.entry(r).or_default().push((i, j, c));
    }
    let mut out = vec![None; incoming.len()];
    for component in by_root.values() {
        let mut rows: Vec<usize> = component.iter().map(|p| p.0).collect();
        let mut cols: Vec<usize> = component.iter().map(|p| p.1).collect();
        rows.sort_unstable();
        rows.dedup();
        cols.sort_unstable();
        cols.dedup();
        if let ([i], [j]) = (rows.as_slice(), cols.as_slice()) {
            out[*j] = Some(*i);
            continue;
        }
        let mut m = CostMatrix::filled(rows.len(), cols.len(), f64::INFINITY);
        for &(i, j, c) in component {
            let r = rows.binary_search(&i).expect("row of its own component");
            let k = cols.binary_search(&j).expect("column of its own component");
            m.set(r, k, c);
        }
        let a = assignment::solve(&m).expect("finite gated costs or INFINITY only");
        for (r, k) in a.pairs() {
            out[cols[k]] = Some(rows[r]);
        }
    }
    out
}
