//! Units: track quality table, χ² gate probability, JPDA marginals (exact against the
//! definition, belief propagation against exact), GNN against brute force.

use crate::filter::StateCovariance;
use crate::tracker::associator::gnn;
use crate::tracker::associator::jpda::{Weights, chi2_cdf, exact, loopy_belief_propagation};
use crate::tracker::gater::Hypothesis;
use crate::tracker::quality::track_quality;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

#[test]
fn quality_table() {
    let tq = |sigma_m: f64, dims: u8| {
        let mut p = StateCovariance::identity();
        for i in 0..usize::from(dims) {
            p[(i, i)] = sigma_m * sigma_m / f64::from(dims);
        }
        track_quality(&p, dims)
    };
    for (sigma, expected) in [
        (1.0, 15),
        (10.0, 15),
        (10.01, 14),
        (20.0, 14),
        (40.0, 13),
        (100.0, 11),
        (1_280.0, 8),
        (81_920.0, 2),
        (81_921.0, 1),
        (1e7, 1),
    ] {
        assert_eq!(tq(sigma, 3), expected, "σ = {sigma} m");
        assert_eq!(tq(sigma, 2), expected, "σ = {sigma} m (2D)");
    }
    let mut p = StateCovariance::identity();
    p[(0, 0)] = f64::NAN;
    assert_eq!(track_quality(&p, 3), 0, "no quality information");
    // 2D tracks ignore z: a huge z variance does not lower their quality.
    let mut p = StateCovariance::identity();
    p[(2, 2)] = 1e12;
    assert_eq!(track_quality(&p, 2), 15);
    assert_eq!(track_quality(&p, 3), 1);
}

#[test]
fn chi2_gate_probability() {
    // Reference quantiles (any χ² table): the 95 % points for 1–4 degrees of freedom.
    for (x, dim) in [
        (3.841_458_820_694_124, 1),
        (5.991_464_547_107_979, 2),
        (7.814_727_903_251_178, 3),
        (9.487_729_036_781_154, 4),
    ] {
        assert!(
            (chi2_cdf(x, dim) - 0.95).abs() < 1e-12,
            "dim {dim}: {}",
            chi2_cdf(x, dim)
        );
    }
    // Closed form for two degrees of freedom.
    for x in [0.5, 9.0, 13.82, 40.0] {
        assert!((chi2_cdf(x, 2) - (1.0 - (-x / 2.0).exp())).abs() < 1e-14);
    }
    assert_eq!(chi2_cdf(0.0, 3), 0.0);
}

/// Random weights: `n_tracks` tracks, `n_meas` measurements, each pair gated with prob. 0.6.
fn random_weights(rng: &mut ChaCha8Rng, n_tracks: usize, n_meas: usize) -> Weights {
    let mut w = Weights {
        miss: Vec::new(),
        edges: Vec::new(),
        n_meas,
    };
    for _ in 0..n_tracks {
        w.miss.push(0.05 + rng.random::<f64>());
        let mut edges = Vec::new();
        for j in 0..n_meas {
            if rng.random::<f64>() < 0.6 {
                edges.push((j, 10.0 * rng.random::<f64>()));
            }
        }
        w.edges.push(edges);
    }
    w
}

/// Marginals straight from the definition: every assignment of tracks to {miss} ∪ measurements,
/// feasible ones weighted.
fn by_definition(w: &Weights) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = w.miss.len();
    let options: Vec<usize> = w.edges.iter().map(|e| e.len() + 1).collect();
    let total_events: usize = options.iter().product();
    let mut miss = vec![0.0; n];
    let mut edges: Vec<Vec<f64>> = w.edges.iter().map(|e| vec![0.0; e.len()]).collect();
    let mut total = 0.0;
    for mut code in 0..total_events {
        let mut choice = vec![0; n];
        for (c, &o) in choice.iter_mut().zip(&options) {
            *c = code % o;
            code /= o;
        }
        let mut used = vec![false; w.n_meas];
        let mut weight = 1.0;
        let mut feasible = true;
        for (i, &c) in choice.iter().enumerate() {
            if c == 0 {
                weight *= w.miss[i];
            } else {
                let (j, wij) = w.edges[i][c - 1];
                feasible &= !used[j];
                used[j] = true;
                weight *= wij;
            }
        }
        if feasible {
            total += weight;
            for (i, &c) in choice.iter().enumerate() {
                match c {
                    0 => miss[i] += weight,
                    e => edges[i][e - 1] += weight,
                }
            }
        }
    }
    (
        miss.iter().map(|m| m / total).collect(),
        edges
            .iter()
            .map(|e| e.iter().map(|v| v / total).collect())
            .collect(),
    )
}

#[test]
fn jpda_exact_matches_the_definition() {
    let mut rng = ChaCha8Rng::seed_from_u64(31);
    for _ in 0..200 {
        let (nt, nm) = (1 + rng.random_range(0..4), 1 + rng.random_range(0..4));
        let w = random_weights(&mut rng, nt, nm);
        let (miss, edges) = by_definition(&w);
        let got = exact(&w);
        for i in 0..nt {
            assert!((got.miss[i] - miss[i]).abs() < 1e-12);
            let sum: f64 = got.miss[i] + got.edges[i].iter().sum::<f64>();
            assert!((sum - 1.0).abs() < 1e-12, "marginals of a track sum to 1");
            for (a, b) in got.edges[i].iter().zip(&edges[i]) {
                assert!((a - b).abs() < 1e-12);
            }
        }
    }
}

#[test]
fn belief_propagation_is_exact_on_trees_and_close_on_loops() {
    // A single track (a tree): PDA, exact.
    let w = Weights {
        miss: vec![0.2],
        edges: vec![vec![(0, 1.0), (1, 3.0)]],
        n_meas: 2,
    };
    let (a, b) = (exact(&w), loopy_belief_propagation(&w));
    assert!((a.miss[0] - b.miss[0]).abs() < 1e-12 && (a.edges[0][1] - b.edges[0][1]).abs() < 1e-12);
    // Random loopy clusters: Williams & Lau report errors of a few hundredths at most.
    let mut rng = ChaCha8Rng::seed_from_u64(32);
    let mut worst = 0.0_f64;
    let (mut sum_err, mut n_err) = (0.0, 0_u32);
    for _ in 0..100 {
        let w = random_weights(&mut rng, 4, 4);
        let (a, b) = (exact(&w), loopy_belief_propagation(&w));
        for i in 0..4 {
            worst = worst.max((a.miss[i] - b.miss[i]).abs());
            for (x, y) in a.edges[i].iter().zip(&b.edges[i]) {
                worst = worst.max((x - y).abs());
                sum_err += (x - y).abs();
                n_err += 1;
            }
            let sum: f64 = b.miss[i] + b.edges[i].iter().sum::<f64>();
            assert!((sum - 1.0).abs() < 1e-12);
        }
    }
    // Tolerances: dense random 4 × 4 clusters with weights spread over two decades are LBP's
    // hard case (measured: mean error 0.018, worst 0.13); real clusters are sparser.
    let mean = sum_err / f64::from(n_err);
    assert!(
        mean < 0.03 && worst < 0.2,
        "LBP far from exact: mean {mean}, worst {worst}"
    );
}

#[test]
fn gnn_is_optimal_against_brute_force() {
    let cfg = super::config(crate::tracker::AssociatorKind::Gnn, 1e-4);
    let miss_cost = -2.0 * (1.0 - cfg.pd).ln();
    let offset = -2.0 * (cfg.pd / cfg.clutter_density).ln();
    let mut rng = ChaCha8Rng::seed_from_u64(33);
    for _ in 0..300 {
        let (nt, nm) = (1 + rng.random_range(0..4), 1 + rng.random_range(0..5));
        let mut hyps = Vec::new();
        for t in 0..nt {
            for m in 0..nm {
                if rng.random::<f64>() < 0.5 {
                    hyps.push(Hypothesis {
                        track: t,
                        meas: m,
                        log_likelihood: -30.0 * rng.random::<f64>(),
                        d2: 0.0,
                    });
                }
            }
        }
        let cost = |pairs: &[(usize, usize)]| {
            let mut c = miss_cost * (nt - pairs.len()) as f64;
            for &(t, m) in pairs {
                let h = hyps
                    .iter()
                    .find(|h| h.track == t && h.meas == m)
                    .expect("pair is a hypothesis");
                c += -2.0 * h.log_likelihood + offset;
            }
            c
        };
        // Brute force: each track picks a miss or an unused hypothesis.
        fn search(
            t: usize,
            nt: usize,
            hyps: &[Hypothesis],
            used: &mut Vec<usize>,
            pairs: &mut Vec<(usize, usize)>,
            best: &mut Vec<Vec<(usize, usize)>>,
        ) {
            if t == nt {
                best.push(pairs.clone());
                return;
            }
            search(t + 1, nt, hyps, used, pairs, best);
            for h in hyps.iter().filter(|h| h.track == t) {
                if !used.contains(&h.meas) {
                    used.push(h.meas);
                    pairs.push((t, h.meas));
                    search(t + 1, nt, hyps, used, pairs, best);
                    pairs.pop();
                    used.pop();
                }
            }
        }
        let mut all = Vec::new();
        search(0, nt, &hyps, &mut Vec::new(), &mut Vec::new(), &mut all);
        let optimum = all.iter().map(|p| cost(p)).fold(f64::INFINITY, f64::min);
        let got = gnn::assign(&cfg, &hyps);
        assert!(
            (cost(&got) - optimum).abs() < 1e-9,
            "GNN {got:?} costs {} > optimum {optimum}",
            cost(&got)
        );
    }
}
