//! The gated (per-cluster) assignment against the dense one: the same GOSPA and OSPA.

use crate::ospa::{DENSE_MAX_PAIRS, capped_cost, dense};
use crate::{gated, gospa, ospa};
use proptest::prelude::*;

/// GOSPA's p-th power from a column per row (pairs at `d ≥ c` count as missed + false).
fn gospa_p(
    truths: &[Vec<f64>],
    tracks: &[Vec<f64>],
    rows: &[Option<usize>],
    c: f64,
    p: f64,
) -> f64 {
    let cp = c.powf(p);
    let mut close = 0;
    let mut sum = 0.0;
    for (i, j) in rows.iter().enumerate() {
        if let Some(j) = *j {
            let d = capped_cost(&truths[i], &tracks[j], c, p);
            if d < cp {
                sum += d;
                close += 1;
            }
        }
    }
    sum + (truths.len() + tracks.len() - 2 * close) as f64 * cp / 2.0
}

/// Points in a few clusters of radius ~c, so that gated pairs compete within a cluster.
fn clustered(dim: usize, max: usize) -> impl Strategy<Value = Vec<Vec<f64>>> {
    prop::collection::vec(
        (0usize..6, prop::collection::vec(-1.5f64..1.5, dim)),
        0..max,
    )
    .prop_map(move |v| {
        v.into_iter()
            .map(|(cluster, offset)| {
                offset
                    .iter()
                    .enumerate()
                    .map(|(d, o)| (cluster as f64) * 4.0 * (d as f64 + 1.0) + o)
                    .collect()
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_gated_assignment_reaches_the_dense_optimum(
        (truths, tracks) in (1usize..4).prop_flat_map(|d| (clustered(d, 30), clustered(d, 30))),
        p in prop_oneof![Just(1.0f64), Just(2.0)],
    ) {
        let c = 1.0;
        let rows = gated::assignment(&truths, &tracks, c, p).expect("griddable");
        for (i, j) in rows.iter().enumerate() {
            if let Some(j) = *j {
                prop_assert!(capped_cost(&truths[i], &tracks[j], c, p) < c.powf(p));
            }
        }
        let full = dense(&truths, &tracks, c, p).row_to_col;
        let (a, b) = (gospa_p(&truths, &tracks, &rows, c, p), gospa_p(&truths, &tracks, &full, c, p));
        prop_assert!((a - b).abs() <= 1e-9 * b.max(1.0), "gated {a} vs dense {b}");
    }
}

/// Above [`DENSE_MAX_PAIRS`] the public functions take the gated path: a scene of that size
/// scores exactly as the dense solve does.
#[test]
fn a_large_scene_scores_as_the_dense_solve() {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let n = 400;
    assert!(n * n > DENSE_MAX_PAIRS);
    let truths: Vec<Vec<f64>> = (0..n)
        .map(|_| vec![rng.random_range(0.0..2e4), rng.random_range(0.0..2e4)])
        .collect();
    // Tracks near most truths, plus false tracks anywhere.
    let mut tracks: Vec<Vec<f64>> = Vec::new();
    for t in &truths {
        if rng.random_bool(0.9) {
            let (dx, dy) = (
                rng.random_range(-600.0..600.0),
                rng.random_range(-600.0..600.0),
            );
            tracks.push(vec![t[0] + dx, t[1] + dy]);
        }
    }
    while tracks.len() < n {
        tracks.push(vec![rng.random_range(0.0..2e4), rng.random_range(0.0..2e4)]);
    }
    let (c, p) = (1000.0, 1.0);
    let g = gospa(&truths, &tracks, c, p);
    let full = dense(&truths, &tracks, c, p).row_to_col;
    let reference = gospa_p(&truths, &tracks, &full, c, p);
    assert!(
        (g.total - reference).abs() <= 1e-9 * reference,
        "{} vs {reference}",
        g.total
    );
    assert!(
        g.n_missed > 0 && g.n_false > 0 && g.localisation > 0.0,
        "{g:?}"
    );
    let o = ospa(&truths, &tracks, c, p);
    let dense_cost: f64 = full
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| capped_cost(&truths[i], &tracks[j], c, p)))
        .sum();
    let reference = dense_cost / n as f64;
    assert!(
        (o - reference).abs() <= 1e-9 * reference,
        "{o} vs {reference}"
    );
}
