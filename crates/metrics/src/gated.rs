//! The GOSPA/OSPA assignment on gated pairs: only pairs closer than `c` can lower the cost
//! (a pair at `d ≥ c` costs `c^p`, exactly what leaving its truth missed and its track false
//! costs in GOSPA, and what a far pair costs in OSPA), so the optimal assignment of the dense
//! `min(d, c)^p` matrix splits into independent problems, one per connected component of the
//! graph of gated pairs. Solving each component densely gives the same optimum as the whole
//! matrix (ties aside: equal-cost optima may pair differently, never at a different total),
//! in time near-linear in the number of points for the sparse scenes trackers are scored on
//! (ten thousand targets and ten thousand false tracks: a dense matrix of 10⁸ entries, here a
//! few thousand small problems).
//!
//! Neighbours come from a grid of cell `c` on the first (up to) three coordinates: two points
//! closer than `c` differ by less than `c` in every coordinate, so they lie in the same or
//! adjacent cells.

use super::ospa::capped_cost;
use assignment::CostMatrix;

/// Coordinates beyond this many cut-offs from the origin are not gridded (cell indices would
/// saturate); such a scene is scored densely.
const MAX_CELLS_FROM_ORIGIN: f64 = 1e15;

/// Column per row of an optimal assignment on `min(d, c)^p` that leaves every pair at `d ≥ c`
/// unassigned; `None` if the scene cannot be gridded (see [`MAX_CELLS_FROM_ORIGIN`]).
pub(crate) fn assignment<T: AsRef<[f64]>, U: AsRef<[f64]>>(
    truths: &[T],
    tracks: &[U],
    c: f64,
    p: f64,
) -> Option<Vec<Option<usize>>> {
    let grid = Grid::new(tracks, c)?;
    if truths.iter().any(|t| {
        t.as_ref()
            .iter()
            .any(|x| (x / c).abs() > MAX_CELLS_FROM_ORIGIN)
    }) {
        return None;
    }
    let cp = c.powf(p);
    // Union-find over truths (0..n) and tracks (n..n+m).
    let n = truths.len();
    let mut parent: Vec<usize> = (0..n + tracks.len()).collect();
    let mut gated = false;
    for (i, truth) in truths.iter().enumerate() {
        grid.near(truth.as_ref(), |j| {
            if capped_cost(truth.as_ref(), tracks[j].as_ref(), c, p) < cp {
                union(&mut parent, i, n + j);
                gated = true;
            }
        });
    }
    let mut row_to_col = vec![None; n];
    if !gated {
        return Some(row_to_col);
    }
    // Members of each component, in index order (truths before tracks).
    let mut members: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
        std::collections::BTreeMap::new();
    for v in 0..parent.len() {
        let root = find(&mut parent, v);
        let entry = members.entry(root).or_default();
        if v < n {
            entry.0.push(v);
        } else {
            entry.1.push(v - n);
        }
    }
    let mut costs = CostMatrix::filled(0, 0, 0.0);
    for (rows, cols) in members.values() {
        if rows.is_empty() || cols.is_empty() {
            continue;
        }
        costs.reset(rows.len(), cols.len(), cp);
        for (r, &i) in rows.iter().enumerate() {
            for (k, &j) in cols.iter().enumerate() {
                costs.set(
                    r,
                    k,
                    capped_cost(truths[i].as_ref(), tracks[j].as_ref(), c, p),
                );
            }
        }
        let solved = assignment::solve(&costs)
            .expect("capped costs are finite and at most c^p ≤ MAX_ABS_COST");
        for (r, k) in solved.pairs() {
            let (i, j) = (rows[r], cols[k]);
            if capped_cost(truths[i].as_ref(), tracks[j].as_ref(), c, p) < cp {
                row_to_col[i] = Some(j);
            }
        }
    }
    Some(row_to_col)
}

fn find(parent: &mut [usize], mut v: usize) -> usize {
    while parent[v] != v {
        parent[v] = parent[parent[v]];
        v = parent[v];
    }
    v
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    // The smaller root wins: components are keyed deterministically.
    if ra < rb {
        parent[rb] = ra;
    } else {
        parent[ra] = rb;
    }
}

/// Tracks sorted by grid cell.
struct Grid {
    c: f64,
    /// Gridded coordinates (at most 3).
    k: usize,
    /// `(cell, track index)`, sorted.
    cells: Vec<([i64; 3], usize)>,
}

impl Grid {
    fn new<U: AsRef<[f64]>>(tracks: &[U], c: f64) -> Option<Grid> {
        let k = tracks.first().map_or(0, |t| t.as_ref().len().min(3));
        let mut cells = Vec::with_capacity(tracks.len());
        for (j, t) in tracks.iter().enumerate() {
            let t = t.as_ref();
            if t.iter().any(|x| (x / c).abs() > MAX_CELLS_FROM_ORIGIN) {
                return None;
            }
            cells.push((cell(t, c, k), j));
        }
        cells.sort_unstable();
        Some(Grid { c, k, cells })
    }

    /// Calls `f` with every track in the cells around `point` (the point's own and adjacent).
    fn near(&self, point: &[f64], mut f: impl FnMut(usize)) {
        let centre = cell(point, self.c, self.k);
        let offsets = 3usize.pow(self.k as u32);
        for o in 0..offsets {
            let mut key = [0i64; 3];
            let mut rest = o;
            for (d, slot) in key.iter_mut().enumerate().take(self.k) {
                *slot = centre[d] + (rest % 3) as i64 - 1;
                rest /= 3;
            }
            let start = self.cells.partition_point(|(c, _)| *c < key);
            for &(c, j) in &self.cells[start..] {
                if c != key {
                    break;
                }
                f(j);
            }
        }
    }
}

fn cell(point: &[f64], c: f64, k: usize) -> [i64; 3] {
    let mut key = [0i64; 3];
    for (slot, x) in key.iter_mut().zip(point).take(k) {
        *slot = (x / c).floor() as i64;
    }
    key
}
