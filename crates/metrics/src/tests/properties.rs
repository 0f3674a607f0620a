//! GOSPA/OSPA against brute force over all partial assignments, metric axioms, edge cases.

use crate::{gospa, ospa};
use proptest::prelude::*;

/// `min over partial assignments γ` of `Σ_γ min(d, c)^p + c^p/2 · (|X| + |Y| − 2|γ|)`, then
/// `^(1/p)`: the GOSPA definition (α = 2) with no solver involved.
fn brute_gospa(x: &[[f64; 2]], y: &[[f64; 2]], c: f64, p: f64) -> f64 {
    fn go(x: &[[f64; 2]], y: &[[f64; 2]], i: usize, used: &mut Vec<bool>, c: f64, p: f64) -> f64 {
        if i == x.len() {
            let unused = used.iter().filter(|u| !**u).count();
            return c.powf(p) / 2.0 * unused as f64;
        }
        let mut best = c.powf(p) / 2.0 + go(x, y, i + 1, used, c, p);
        for j in 0..y.len() {
            if !used[j] {
                used[j] = true;
                let d = ((x[i][0] - y[j][0]).powi(2) + (x[i][1] - y[j][1]).powi(2)).sqrt();
                best = best.min(d.min(c).powf(p) + go(x, y, i + 1, used, c, p));
                used[j] = false;
            }
        }
        best
    }
    go(x, y, 0, &mut vec![false; y.len()], c, p).powf(1.0 / p)
}

fn point_set() -> impl Strategy<Value = Vec<[f64; 2]>> {
    prop::collection::vec(prop::array::uniform2(0.0f64..300.0), 0..6)
}

fn params() -> impl Strategy<Value = (f64, f64)> {
    (
        20.0f64..200.0,
        prop_oneof![Just(1.0), Just(2.0), 1.0f64..4.0],
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn gospa_equals_brute_force_and_decomposes(x in point_set(), y in point_set(), cp in params()) {
        let (c, p) = cp;
        let g = gospa(&x, &y, c, p);
        prop_assert!(close(g.total, brute_gospa(&x, &y, c, p)), "{} vs brute", g.total);
        prop_assert!(close(g.total.powf(p), g.localisation + g.missed + g.false_tracks));
        let n_assigned = g.assignment.iter().flatten().count();
        prop_assert_eq!(n_assigned + g.n_missed, x.len());
        prop_assert_eq!(n_assigned + g.n_false, y.len());
        prop_assert!(close(g.missed, g.n_missed as f64 * c.powf(p) / 2.0));
        let back = gospa(&y, &x, c, p);
        prop_assert!(close(back.total, g.total));
    }

    #[test]
    fn gospa_and_ospa_are_metrics(
        x in point_set(), y in point_set(), z in point_set(), cp in params()
    ) {
        let (c, p) = cp;
        prop_assert_eq!(gospa(&x, &x, c, p).total, 0.0);
        prop_assert_eq!(ospa(&x, &x, c, p), 0.0);
        let g = |a: &[[f64; 2]], b: &[[f64; 2]]| gospa(a, b, c, p).total;
        prop_assert!(g(&x, &z) <= g(&x, &y) + g(&y, &z) + 1e-9 * c);
        let o = |a: &[[f64; 2]], b: &[[f64; 2]]| ospa(a, b, c, p);
        prop_assert!(o(&x, &z) <= o(&x, &y) + o(&y, &z) + 1e-9 * c);
        prop_assert!(o(&x, &y) <= c * (1.0 + 1e-12));
        prop_assert!(close(o(&x, &y), o(&y, &x)));
    }
}

#[test]
fn empty_sets() {
    let none: [[f64; 3]; 0] = [];
    let two = [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]];
    let g = gospa(&none, &none, 10.0, 1.0);
    assert_eq!((g.total, g.n_missed, g.n_false), (0.0, 0, 0));
    assert_eq!(ospa(&none, &none, 10.0, 2.0), 0.0);
    let g = gospa(&two, &none, 10.0, 2.0);
    assert_eq!(
        (g.missed, g.false_tracks, g.n_missed, g.total),
        (100.0, 0.0, 2, 100f64.sqrt())
    );
    let g = gospa(&none, &two, 10.0, 1.0);
    assert_eq!(
        (g.missed, g.false_tracks, g.n_false, g.total),
        (0.0, 10.0, 2, 10.0)
    );
    assert_eq!(ospa(&none, &two, 10.0, 2.0), 10.0);
}

#[test]
fn a_pair_at_or_beyond_c_is_missed_plus_false() {
    let truths = [[0.0, 0.0]];
    let g = gospa(&truths, &[[3.0, 4.0]], 5.0, 1.0);
    let expected = (0.0, 2.5, 2.5, 5.0, vec![None]);
    assert_eq!(
        (
            g.localisation,
            g.missed,
            g.false_tracks,
            g.total,
            g.assignment
        ),
        expected
    );
    let g = gospa(&truths, &[[3.0, 3.99]], 5.0, 1.0);
    assert_eq!(g.assignment, vec![Some(0)]);
}

#[test]
fn mixed_point_types_and_dimensions_2_and_3() {
    let truths = vec![vec![0.0, 0.0, 0.0]];
    let g = gospa(&truths, &[[0.0, 0.0, 2.0]], 10.0, 1.0);
    assert_eq!((g.total, g.localisation), (2.0, 2.0));
    // A `&Vec<Vec<f64>>` binding coerces too (how the CLI scores bench frames).
    let tracks: &Vec<Vec<f64>> = &vec![vec![0.0, 3.0, 0.0]];
    assert_eq!(ospa(&truths, tracks, 10.0, 1.0), 3.0);
}

#[test]
#[should_panic(expected = "same dimension")]
fn mixed_dimensions_panic() {
    gospa(&[[0.0, 0.0]], &[[0.0, 0.0, 0.0]], 10.0, 1.0);
}

#[test]
#[should_panic(expected = "non-finite coordinate")]
fn nan_coordinate_panics() {
    ospa(&[[0.0, f64::NAN]], &[[0.0, 0.0]], 10.0, 1.0);
}

#[test]
#[should_panic(expected = "order p")]
fn order_below_one_panics() {
    gospa(&[[0.0, 0.0]], &[[0.0, 0.0]], 10.0, 0.5);
}
