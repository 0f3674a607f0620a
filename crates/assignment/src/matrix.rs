//! The dense row-major cost matrix the solver reads.

/// A dense row-major `rows × cols` cost matrix.
///
/// Entries are costs to minimise. `f64::INFINITY` marks a forbidden pair. `NaN`, `-INFINITY` and
/// finite magnitudes above [`MAX_ABS_COST`](crate::MAX_ABS_COST) are representable (so filling
/// stays branch-free) but rejected by [`solve`](crate::solve) with an error.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostMatrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl CostMatrix {
    /// `rows × cols` filled with `value`.
    pub fn filled(rows: usize, cols: usize, value: f64) -> Self {
        CostMatrix {
            rows,
            cols,
            data: vec![value; rows * cols],
        }
    }

    /// From row-major `data` of length `rows * cols`.
    ///
    /// # Panics
    /// If `data.len() != rows * cols`.
    pub fn from_row_major(rows: usize, cols: usize, data: Vec<f64>) -> Self {
        assert_eq!(
            data.len(),
            rows * cols,
            "row-major data must hold rows * cols entries"
        );
        CostMatrix { rows, cols, data }
    }

    /// From a slice of equally long rows. Zero rows give a `0 × 0` matrix.
    ///
    /// # Panics
    /// If the rows differ in length.
    pub fn from_rows<R: AsRef<[f64]>>(rows: &[R]) -> Self {
        let cols = rows.first().map_or(0, |r| r.as_ref().len());
        let mut data = Vec::with_capacity(rows.len() * cols);
        for (r, row) in rows.iter().enumerate() {
            let row = row.as_ref();
            assert_eq!(
                row.len(),
                cols,
                "row {r} has {} entries, row 0 has {cols}",
                row.len()
            );
            data.extend_from_slice(row);
        }
        CostMatrix {
            rows: rows.len(),
            cols,
            data,
        }
    }

    /// Reshapes to `rows × cols` filled with `value`, reusing the allocation (for per-scan reuse).
    pub fn reset(&mut self, rows: usize, cols: usize, value: f64) {
        self.rows = rows;
        self.cols = cols;
        self.data.clear();
        self.data.resize(rows * cols, value);
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
    ///
    /// # Panics
    /// If `r` or `c` is out of range.
    pub fn get(&self, r: usize, c: usize) -> f64 {
        assert!(
            r < self.rows && c < self.cols,
            "({r}, {c}) outside {}×{}",
            self.rows,
            self.cols
        );
        self.data[r * self.cols + c]
    }

    /// Sets entry (r, c).
    ///
    /// # Panics
    /// If `r` or `c` is out of range.
    pub fn set(&mut self, r: usize, c: usize, v: f64) {
        assert!(
            r < self.rows && c < self.cols,
            "({r}, {c}) outside {}×{}",
            self.rows,
            self.cols
        );
        self.data[r * self.cols + c] = v;
    }

    /// Row `r` as a slice.
    pub fn row(&self, r: usize) -> &[f64] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }

    /// Mutable row `r`, for filling a row of gated costs at once.
    pub fn row_mut(&mut self, r: usize) -> &mut [f64] {
        &mut self.data[r * self.cols..(r + 1) * self.cols]
    }

    /// All entries, row-major.
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }

    /// All entries, row-major, mutable.
    pub fn as_mut_slice(&mut self) -> &mut [f64] {
        &mut self.data
    }
}
