//! Solver tests: brute force on small matrices (proptest), `pathfinding::kuhn_munkres` on larger
//! square and wide integer matrices, edge cases and rejected input.

use super::*;
use proptest::prelude::*;

const INF: f64 = f64::INFINITY;

/// Best `(assigned rows, cost)` by enumerating every partial assignment over finite entries.
fn brute_force(m: &CostMatrix) -> (usize, f64) {
    fn go(
        m: &CostMatrix,
        r: usize,
        used: &mut [bool],
        n: usize,
        cost: f64,
        best: &mut (usize, f64),
    ) {
        if r == m.rows() {
            if n > best.0 || (n == best.0 && cost < best.1) {
                *best = (n, cost);
            }
            return;
        }
        go(m, r + 1, used, n, cost, best);
        for c in 0..m.cols() {
            if !used[c] && m.get(r, c).is_finite() {
                used[c] = true;
                go(m, r + 1, used, n + 1, cost + m.get(r, c), best);
                used[c] = false;
            }
        }
    }
    let mut best = (0, INF);
    go(m, 0, &mut vec![false; m.cols()], 0, 0.0, &mut best);
    if best.0 == 0 {
        best.1 = 0.0;
    }
    best
}

/// The answer is a valid assignment over finite entries and reports its own cost.
fn check_valid(m: &CostMatrix, a: &Assignment) {
    assert_eq!(a.row_to_col.len(), m.rows());
    let mut used = vec![false; m.cols()];
    for (r, c) in a.pairs() {
        assert!(!used[c], "column {c} used twice");
        used[c] = true;
        assert!(
            m.get(r, c).is_finite(),
            "forbidden pair ({r}, {c}) assigned"
        );
    }
    let cost: f64 = a.pairs().map(|(r, c)| m.get(r, c)).sum();
    assert_eq!(a.cost, cost);
}

fn check_against_brute_force(m: &CostMatrix) {
    let a = solve(m).expect("generated costs are valid");
    check_valid(m, &a);
    let (n, cost) = brute_force(m);
    assert_eq!(a.n_assigned(), n, "cardinality on {m:?}");
    // Different summation orders: allow rounding relative to the entries' magnitude.
    let scale: f64 = m
        .as_slice()
        .iter()
        .filter(|x| x.is_finite())
        .map(|x| x.abs())
        .sum();
    assert!(
        (a.cost - cost).abs() <= 1e-12 * (1.0 + scale),
        "cost {} vs {cost} on {m:?}",
        a.cost
    );
}

/// Matrices up to 6×6: integer-ish or real costs (negative too), 0–50 % forbidden entries, and
/// sometimes whole forbidden rows or columns.
fn small_matrix() -> impl Strategy<Value = CostMatrix> {
    let cells = prop::collection::vec((0u32..100, -10i32..=10, -1e3f64..1e3), 36);
    (
        0usize..=6,
        0usize..=6,
        0u32..=50,
        any::<bool>(),
        cells,
        any::<u8>(),
        0u8..4,
    )
        .prop_map(|(rows, cols, inf_pct, integer, cells, mask, mask_mode)| {
            let mut m = CostMatrix::filled(rows, cols, 0.0);
            for r in 0..rows {
                for c in 0..cols {
                    let (roll, int, real) = cells[r * 6 + c];
                    let forbidden = roll < inf_pct
                        || (mask_mode == 0 && mask & (1 << r) != 0)
                        || (mask_mode == 1 && mask & (1 << c) != 0);
                    let finite = if integer { f64::from(int) } else { real };
                    m.set(r, c, if forbidden { INF } else { finite });
                }
            }
            m
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn equals_brute_force(m in small_matrix()) {
        check_against_brute_force(&m);
    }

    #[test]
    fn transpose_gives_same_cardinality_and_cost(m in small_matrix()) {
        let mut t = CostMatrix::filled(m.cols(), m.rows(), 0.0);
        for r in 0..m.rows() {
            for c in 0..m.cols() {
                t.set(c, r, m.get(r, c));
            }
        }
        let (a, b) = (solve(&m).expect("valid"), solve(&t).expect("valid"));
        prop_assert_eq!(a.n_assigned(), b.n_assigned());
        prop_assert!((a.cost - b.cost).abs() <= 1e-9 * (1.0 + a.cost.abs()));
    }
}

/// SplitMix64: a fixed, dependency-free generator for the oracle matrices.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn equals_kuhn_munkres_on_larger_integer_matrices() {
    let mut state = 7;
    for (rows, cols) in [
        (50, 50),
        (50, 50),
        (50, 50),
        (40, 60),
        (1, 30),
        (30, 31),
        (60, 60),
    ] {
        let ints: Vec<Vec<i64>> = (0..rows)
            .map(|_| {
                (0..cols)
                    .map(|_| (splitmix(&mut state) % 2001) as i64 - 1000)
                    .collect()
            })
            .collect();
        // kuhn_munkres maximises; negate to minimise.
        let neg = ints.iter().flat_map(|r| r.iter().map(|x| -x)).collect();
        let weights = pathfinding::matrix::Matrix::from_vec(rows, cols, neg).expect("shape");
        let (best, _) = pathfinding::kuhn_munkres::kuhn_munkres(&weights);
        let m = CostMatrix::from_rows(
            &ints
                .iter()
                .map(|r| r.iter().map(|&x| x as f64).collect())
                .collect::<Vec<Vec<_>>>(),
        );
        let a = solve(&m).expect("valid");
        check_valid(&m, &a);
        assert_eq!(a.n_assigned(), rows);
        assert_eq!(a.cost, -best as f64, "{rows}×{cols}");
        // Tall orientation too.
        let t = CostMatrix::from_rows(
            &(0..cols)
                .map(|c| (0..rows).map(|r| m.get(r, c)).collect())
                .collect::<Vec<Vec<_>>>(),
        );
        assert_eq!(solve(&t).expect("valid").cost, -best as f64);
    }
}

#[test]
fn empty_and_degenerate_shapes() {
    for (r, c) in [(0, 0), (0, 5), (5, 0)] {
        let a = solve(&CostMatrix::filled(r, c, 1.0)).expect("valid");
        assert_eq!(
            a,
            Assignment {
                row_to_col: vec![None; r],
                cost: 0.0
            }
        );
    }
    let row = CostMatrix::from_rows(&[[3.0, -1.0, INF, -1.0, 2.0]]);
    assert_eq!(
        solve(&row).expect("valid").row_to_col,
        vec![Some(1)],
        "lowest index on a tie"
    );
    let col = CostMatrix::from_rows(&[[3.0], [INF], [0.5], [0.5]]);
    let a = solve(&col).expect("valid");
    assert_eq!(a.row_to_col, vec![None, None, Some(0), None]);
    let all_forbidden = solve(&CostMatrix::filled(3, 4, INF)).expect("valid");
    assert_eq!(
        all_forbidden,
        Assignment {
            row_to_col: vec![None; 3],
            cost: 0.0
        }
    );
}

#[test]
fn cardinality_beats_cost() {
    // Assigning only (0, 0) costs 1; both rows need the 100 pair.
    let m = CostMatrix::from_rows(&[[1.0, 100.0], [1.0, INF]]);
    let a = solve(&m).expect("valid");
    assert_eq!((a.row_to_col, a.cost), (vec![Some(1), Some(0)], 101.0));
}

#[test]
fn ties_go_to_the_lowest_free_column() {
    let a = solve(&CostMatrix::filled(3, 5, 0.0)).expect("valid");
    assert_eq!(a.row_to_col, vec![Some(0), Some(1), Some(2)]);
    let a = solve(&CostMatrix::filled(4, 2, 0.0)).expect("valid");
    assert_eq!(a.row_to_col, vec![Some(0), Some(1), None, None]);
}

#[test]
fn large_magnitudes_keep_precision() {
    // A big-M substitute for INF would swamp the 1e-6 difference here.
    let m = CostMatrix::from_rows(&[[1e12, 1e12 + 1e-3, INF], [1e12, 1e12 + 3e-3, INF]]);
    let a = solve(&m).expect("valid");
    assert_eq!(a.row_to_col, vec![Some(1), Some(0)]);
}

#[test]
fn invalid_entries_are_rejected_with_their_position() {
    let mut m = CostMatrix::filled(2, 3, 1.0);
    m.set(1, 2, f64::NAN);
    assert_eq!(
        solve(&m),
        Err(AssignmentError::NotANumber { row: 1, col: 2 })
    );
    m.set(0, 1, f64::NEG_INFINITY);
    let err = solve(&m).expect_err("-inf rejected");
    assert_eq!(
        err,
        AssignmentError::OutOfRange {
            row: 0,
            col: 1,
            value: f64::NEG_INFINITY
        }
    );
    assert_eq!(
        err.to_string(),
        "cost at row 0, column 1 is -inf; allowed: |cost| <= 1e200 or +inf"
    );
    let tall = CostMatrix::from_rows(&[[0.0], [1e300]]);
    assert!(matches!(
        solve(&tall),
        Err(AssignmentError::OutOfRange { row: 1, col: 0, .. })
    ));
}

#[test]
fn workspace_reuse_matches_fresh_solves() {
    let mut ws = Workspace::default();
    let mut out = Assignment::default();
    let mut state = 3;
    for (rows, cols) in [(5, 9), (9, 5), (0, 3), (7, 7), (3, 1)] {
        let mut m = CostMatrix::filled(rows, cols, 0.0);
        for x in m.as_mut_slice() {
            let u = splitmix(&mut state);
            *x = if u.is_multiple_of(3) {
                INF
            } else {
                (u >> 11) as f64 / (1u64 << 53) as f64
            };
        }
        solve_into(&m, &mut ws, &mut out).expect("valid");
        assert_eq!(out, solve(&m).expect("valid"));
    }
}
