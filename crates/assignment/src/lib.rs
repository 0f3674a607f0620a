//! Optimal rectangular linear assignment with forbidden entries. (Stub: assignment work.)
//!
//! Minimises the total cost of assigning rows to columns, each at most once, where
//! `f64::INFINITY` marks a forbidden pair. Used by GNN association, track-to-track
//! association, GOSPA and WTA subproblems.

/// A dense row-major cost matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct CostMatrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl CostMatrix {
    /// `rows × cols` filled with `value`.
    pub fn filled(rows: usize, cols: usize, value: f64) -> Self {
        CostMatrix { rows, cols, data: vec![value; rows * cols] }
    }
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }
    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }
    /// Entry (r, c).
    pub fn get(&self, r: usize, c: usize) -> f64 {
        self.data[r * self.cols + c]
    }
    /// Sets entry (r, c).
    pub fn set(&mut self, r: usize, c: usize, v: f64) {
        self.data[r * self.cols + c] = v;
    }
}

/// An optimal assignment: `row_to_col[r]` is the column of row r, if assigned.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    /// Column per row.
    pub row_to_col: Vec<Option<usize>>,
    /// Total cost of the assigned pairs.
    pub cost: f64,
}

/// Minimum-cost assignment that assigns as many rows as possible (maximum cardinality among
/// feasible pairs), then minimises cost among those.
pub fn solve(_costs: &CostMatrix) -> Assignment {
    unimplemented!("assignment work")
}
