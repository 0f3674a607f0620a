//! Optimal rectangular linear assignment with forbidden entries.
//!
//! Assigns rows to columns, each at most once, where `f64::INFINITY` marks a forbidden pair.
//! Used by GNN association (rows = tracks, columns = detections, gated pairs forbidden), GOSPA
//! and OSPA in `metrics`, and later track-to-track association and WTA subproblems.
//!
//! # Objective
//! [`solve`] returns, among all assignments that use only finite entries,
//! 1. one with the **maximum number of assigned rows**, and among those
//! 2. one with the **minimum total cost**.
//!
//! Cardinality comes first: a solution may include an expensive finite pair rather than leave a
//! row unassigned. That is what per-pair gating (GNN) and GOSPA's capped costs need. To let the
//! solver *choose* to leave row `r` unassigned at cost `k_r` (GNN with a missed-detection cost),
//! append one dummy column per row with `k_r` on the diagonal and `INFINITY` elsewhere.
//!
//! # Algorithm
//! Shortest augmenting path (Jonker–Volgenant as described by D. F. Crouse, "On implementing 2D
//! rectangular assignment algorithms", IEEE TAES 52(4), 2016), `O(n²m)` for `n ≤ m`; a tall
//! matrix is transposed first. Matrices without forbidden entries run on plain `f64`. With
//! forbidden entries the solver works on exact lexicographic costs `(forbidden pairs, finite
//! sum)`, each forbidden entry costing `(1, 0)`: the complete assignment minimising that order
//! has the most finite pairs and then the least finite sum, and dropping its forbidden pairs
//! gives the answer. No "big M" stands in for infinity, so finite costs keep full precision.
//!
//! # Determinism
//! Rows are inserted in index order; path-search ties go to a free column, then to the lowest
//! column index. The result depends only on the matrix. When several assignments are optimal,
//! which one is returned is fixed but otherwise unspecified.
//!
//! # Invalid input
//! `NaN`, `-INFINITY` and finite entries with magnitude above [`MAX_ABS_COST`] (intermediate
//! dual sums could overflow) make [`solve`] return an [`AssignmentError`]; nothing is guessed.
//!
//! # Not modelled
//! Sparse storage, auction or ε-scaling solvers, k-best (Murty) assignment.

mod matrix;
mod sap;
#[cfg(test)]
mod tests;

pub use matrix::CostMatrix;

use sap::{Buffers, Lex, NONE};

/// Largest accepted finite cost magnitude. Why: the duals are sums and differences of at most
/// `2·min(rows, cols) + 1` entries, so any matrix that fits in memory stays far from overflow.
pub const MAX_ABS_COST: f64 = 1e200;

/// Why a cost matrix was rejected. The position is that of the first bad entry in row-major
/// order, in the caller's orientation.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AssignmentError {
    /// An entry is `NaN`.
    #[error("cost at row {row}, column {col} is NaN")]
    NotANumber {
        /// Row of the entry.
        row: usize,
        /// Column of the entry.
        col: usize,
    },
    /// An entry is `-INFINITY` or a finite value with magnitude above [`MAX_ABS_COST`].
    #[error("cost at row {row}, column {col} is {value}; allowed: |cost| <= 1e200 or +inf")]
    OutOfRange {
        /// Row of the entry.
        row: usize,
        /// Column of the entry.
        col: usize,
        /// The entry.
        value: f64,
    },
}

/// An optimal assignment: `row_to_col[r]` is the column of row `r`, if assigned.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assignment {
    /// Column per row; never a forbidden pair.
    pub row_to_col: Vec<Option<usize>>,
    /// Total cost of the assigned pairs, summed in row order.
    pub cost: f64,
}

impl Assignment {
    /// Number of assigned rows.
    pub fn n_assigned(&self) -> usize {
        self.row_to_col.iter().filter(|c| c.is_some()).count()
    }

    /// Assigned `(row, col)` pairs in row order.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.row_to_col
            .iter()
            .enumerate()
            .filter_map(|(r, c)| c.map(|c| (r, c)))
    }

    /// Row per column for a matrix with `cols` columns.
    pub fn col_to_row(&self, cols: usize) -> Vec<Option<usize>> {
        let mut out = vec![None; cols];
        for (r, c) in self.pairs() {
            out[c] = Some(r);
        }
        out
    }
}

/// Scratch memory for [`solve_into`]; reuse one per caller to avoid allocating per solve.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    plain: Buffers<f64>,
    lex: Buffers<Lex>,
    transposed: Vec<f64>,
}

/// Optimal assignment of `costs` (see the crate docs for the objective).
///
/// # Errors
/// [`AssignmentError`] if an entry is `NaN`, `-INFINITY` or larger in magnitude than
/// [`MAX_ABS_COST`].
pub fn solve(costs: &CostMatrix) -> Result<Assignment, AssignmentError> {
    let mut out = Assignment::default();
    solve_into(costs, &mut Workspace::default(), &mut out)?;
    Ok(out)
}

/// [`solve`] reusing `workspace` and `out`'s allocations. On error `out` is left empty.
///
/// # Errors
/// As [`solve`].
pub fn solve_into(
    costs: &CostMatrix,
    workspace: &mut Workspace,
    out: &mut Assignment,
) -> Result<(), AssignmentError> {
    let (rows, cols) = (costs.rows(), costs.cols());
    out.row_to_col.clear();
    out.row_to_col.resize(rows, None);
    out.cost = 0.0;
    let any_forbidden = validate(costs)?;
    if rows == 0 || cols == 0 {
        return Ok(());
    }
    // The core needs rows ≤ cols: solve the transpose of a tall matrix.
    let tall = rows > cols;
    let (m, nr, nc) = if tall {
        workspace.transposed.clear();
        let data = costs.as_slice();
        workspace
            .transposed
            .extend((0..cols * rows).map(|k| data[(k % rows) * cols + k / rows]));
        (workspace.transposed.as_slice(), cols, rows)
    } else {
        (costs.as_slice(), rows, cols)
    };
    let col4row = if any_forbidden {
        workspace.lex.solve(m, nr, nc);
        &workspace.lex.col4row
    } else {
        workspace.plain.solve(m, nr, nc);
        &workspace.plain.col4row
    };
    for (i, &j) in col4row.iter().enumerate() {
        assert!(j != NONE, "the core assigns every row of a wide matrix");
        let (r, c) = if tall { (j, i) } else { (i, j) };
        // Forbidden pairs only fill up the complete assignment; they are not part of the answer.
        if costs.get(r, c) != f64::INFINITY {
            out.row_to_col[r] = Some(c);
        }
    }
    out.cost = out.pairs().map(|(r, c)| costs.get(r, c)).sum();
    Ok(())
}

/// Checks every entry; returns whether any is forbidden (`+INFINITY`).
fn validate(costs: &CostMatrix) -> Result<bool, AssignmentError> {
    let mut any_forbidden = false;
    for (k, &x) in costs.as_slice().iter().enumerate() {
        if x.abs() <= MAX_ABS_COST {
            continue;
        }
        let (row, col) = (k / costs.cols(), k % costs.cols());
        if x.is_nan() {
            return Err(AssignmentError::NotANumber { row, col });
        }
        if x != f64::INFINITY {
            return Err(AssignmentError::OutOfRange { row, col, value: x });
        }
        any_forbidden = true;
    }
    Ok(any_forbidden)
}
