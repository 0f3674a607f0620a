//! Shortest augmenting path core (Crouse 2016, Alg. 1–2; the loop scipy's `linear_sum_assignment`
//! uses), generic over the cost arithmetic so one body serves plain `f64` and [`Lex`] costs.
//!
//! Needs `rows ≤ cols`. Every row is assigned: with `rows ≤ cols` and no forbidden entries in
//! the arithmetic (forbidden pairs are [`Lex`] `(1, 0)`, not infinite) a free column is always
//! reachable, so the path search cannot fail.

/// Cost arithmetic the solver needs: a totally ordered abelian group (the Hungarian method's
/// optimality argument uses nothing else), plus a sentinel above every reachable value.
pub(crate) trait Cost: Copy + PartialOrd {
    const ZERO: Self;
    /// Larger than any path cost; only compared against, never added.
    const UNREACHED: Self;
    /// Internal cost of a validated entry.
    fn of(entry: f64) -> Self;
    fn plus(self, other: Self) -> Self;
    fn minus(self, other: Self) -> Self;
}

impl Cost for f64 {
    const ZERO: Self = 0.0;
    const UNREACHED: Self = f64::INFINITY;
    #[inline(always)]
    fn of(entry: f64) -> Self {
        entry
    }
    #[inline(always)]
    fn plus(self, other: Self) -> Self {
        self + other
    }
    #[inline(always)]
    fn minus(self, other: Self) -> Self {
        self - other
    }
}

/// Lexicographic cost `(forbidden pairs, finite cost)`.
///
/// Why: a forbidden entry costs `(1, 0)`, so minimising over complete row assignments first
/// minimises the number of forbidden pairs (= maximises the number of finite pairs) and then the
/// finite sum, exactly and without a "big M" that would swamp the finite costs' precision. The
/// derived `PartialOrd` compares fields in declaration order, i.e. lexicographically.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub(crate) struct Lex {
    forbidden: i64,
    finite: f64,
}

impl Cost for Lex {
    const ZERO: Self = Lex {
        forbidden: 0,
        finite: 0.0,
    };
    const UNREACHED: Self = Lex {
        forbidden: i64::MAX,
        finite: 0.0,
    };
    #[inline(always)]
    fn of(entry: f64) -> Self {
        if entry == f64::INFINITY {
            Lex {
                forbidden: 1,
                finite: 0.0,
            }
        } else {
            Lex {
                forbidden: 0,
                finite: entry,
            }
        }
    }
    #[inline(always)]
    fn plus(self, other: Self) -> Self {
        Lex {
            forbidden: self.forbidden + other.forbidden,
            finite: self.finite + other.finite,
        }
    }
    #[inline(always)]
    fn minus(self, other: Self) -> Self {
        Lex {
            forbidden: self.forbidden - other.forbidden,
            finite: self.finite - other.finite,
        }
    }
}

/// Marks "no row / no column" in the index vectors.
pub(crate) const NONE: usize = usize::MAX;

/// Reusable state of one solve, kept between calls to avoid allocation.
#[derive(Clone, Debug, Default)]
pub(crate) struct Buffers<C> {
    /// Row duals.
    u: Vec<C>,
    /// Column duals.
    v: Vec<C>,
    /// Tentative shortest path cost to each column in the current search.
    shortest: Vec<C>,
    /// Predecessor row of each column on the current shortest path tree.
    path: Vec<usize>,
    /// Column of each row (the result), `NONE` if unassigned yet.
    pub(crate) col4row: Vec<usize>,
    row4col: Vec<usize>,
    /// Rows / columns in the current search tree.
    in_tree_row: Vec<bool>,
    in_tree_col: Vec<bool>,
    /// Columns not yet in the tree.
    remaining: Vec<usize>,
}

impl<C: Cost> Buffers<C> {
    /// Assigns every row of the row-major `nr × nc` matrix `m` (`nr ≤ nc`) at minimum total
    /// `C::of` cost; the result is in `col4row`.
    pub(crate) fn solve(&mut self, m: &[f64], nr: usize, nc: usize) {
        assert!(
            nr <= nc && m.len() == nr * nc,
            "core needs a wide matrix ({nr}×{nc})"
        );
        self.u.clear();
        self.u.resize(nr, C::ZERO);
        self.v.clear();
        self.v.resize(nc, C::ZERO);
        self.path.clear();
        self.path.resize(nc, NONE);
        self.col4row.clear();
        self.col4row.resize(nr, NONE);
        self.row4col.clear();
        self.row4col.resize(nc, NONE);
        self.in_tree_row.clear();
        self.in_tree_row.resize(nr, false);
        self.in_tree_col.clear();
        self.in_tree_col.resize(nc, false);
        self.shortest.clear();
        self.shortest.resize(nc, C::UNREACHED);
        for cur_row in 0..nr {
            let (sink, min_val) = self.augmenting_path(m, nc, cur_row);
            self.update_duals(cur_row, min_val);
            self.augment(cur_row, sink);
        }
    }

    /// Dijkstra over reduced costs from `cur_row` to the nearest free column (Crouse Alg. 2).
    /// Returns the free column reached and the path length.
    fn augmenting_path(&mut self, m: &[f64], nc: usize, cur_row: usize) -> (usize, C) {
        self.in_tree_row.fill(false);
        self.in_tree_col.fill(false);
        self.shortest.fill(C::UNREACHED);
        self.remaining.clear();
        self.remaining.extend(0..nc);
        let mut min_val = C::ZERO;
        let mut i = cur_row;
        loop {
            self.in_tree_row[i] = true;
            let row = &m[i * nc..(i + 1) * nc];
            let base = min_val.minus(self.u[i]);
            let mut lowest = C::UNREACHED;
            let mut best_pos = NONE;
            let mut best_col = NONE;
            for (pos, &j) in self.remaining.iter().enumerate() {
                let r = base.plus(C::of(row[j])).minus(self.v[j]);
                if r < self.shortest[j] {
                    self.path[j] = i;
                    self.shortest[j] = r;
                }
                let s = self.shortest[j];
                // Ties: a free column first (it ends the search), then the lowest index, so the
                // result never depends on the order of `remaining`.
                if best_pos == NONE
                    || s < lowest
                    || (s == lowest && tie_wins(j, best_col, &self.row4col))
                {
                    lowest = s;
                    best_pos = pos;
                    best_col = j;
                }
            }
            assert!(
                best_pos != NONE,
                "a free column remains because rows ≤ cols"
            );
            min_val = lowest;
            self.remaining.swap_remove(best_pos);
            self.in_tree_col[best_col] = true;
            match self.row4col[best_col] {
                NONE => return (best_col, min_val),
                next => i = next,
            }
        }
    }

    /// Keeps reduced costs non-negative and tight on the matched pairs (Crouse Alg. 1, l. 12–16).
    fn update_duals(&mut self, cur_row: usize, min_val: C) {
        self.u[cur_row] = self.u[cur_row].plus(min_val);
        for i in 0..self.u.len() {
            if self.in_tree_row[i] && i != cur_row {
                let j = self.col4row[i];
                self.u[i] = self.u[i].plus(min_val.minus(self.shortest[j]));
            }
        }
        for j in 0..self.v.len() {
            if self.in_tree_col[j] {
                self.v[j] = self.v[j].minus(min_val.minus(self.shortest[j]));
            }
        }
    }

    /// Flips the matching along the path from `sink` back to `cur_row`.
    fn augment(&mut self, cur_row: usize, sink: usize) {
        let mut j = sink;
        loop {
            let i = self.path[j];
            self.row4col[j] = i;
            std::mem::swap(&mut self.col4row[i], &mut j);
            if i == cur_row {
                break;
            }
        }
    }
}

/// Whether column `j` beats the current best `best` at equal path cost.
#[inline(always)]
fn tie_wins(j: usize, best: usize, row4col: &[usize]) -> bool {
    let (j_free, best_free) = (row4col[j] == NONE, row4col[best] == NONE);
    (j_free && !best_free) || (j_free == best_free && j < best)
}
