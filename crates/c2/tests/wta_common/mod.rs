//! Shared helpers for the WTA integration tests: a seeded instance generator, and an evaluator,
//! feasibility checker and brute-force optimiser written independently of the library.

#![allow(dead_code)]

use c2::wta::{Assignment, Objective, Problem, Target, Threatens, Weapon};

/// SplitMix64: fixed, dependency-free test randomness.
pub(crate) struct Rng(pub(crate) u64);
impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random small instance; side constraints, forbidden pairs, sure kills and the asset-based
/// objective each appear in some instances.
pub(crate) fn random_problem(rng: &mut Rng, m: usize, n: usize, max_units: u32) -> Problem {
    let constrained = rng.below(2) == 0;
    let weapons = (0..m)
        .map(|_| Weapon {
            units: rng.below(u64::from(max_units) + 1) as u32,
            channels: (constrained && rng.below(2) == 0).then(|| 1 + rng.below(2) as u32),
        })
        .collect();
    let asset_based = rng.below(3) == 0;
    let n_assets = 1 + rng.below(2) as usize;
    let targets = (0..n)
        .map(|_| Target {
            value: (1 + rng.below(100)) as f64,
            max_shots: (constrained && rng.below(2) == 0).then(|| 1 + rng.below(2) as u32),
            threatens: (rng.below(5) > 0).then(|| Threatens {
                asset: rng.below(n_assets as u64) as usize,
                leak_kill: if rng.below(4) == 0 { 1.0 } else { rng.unit() },
            }),
        })
        .collect();
    let p = (0..m)
        .map(|_| {
            (0..n)
                .map(|_| match rng.below(10) {
                    0 => 0.0,
                    1 if rng.below(4) == 0 => 1.0,
                    _ => 0.05 + 0.9 * rng.unit(),
                })
                .collect()
        })
        .collect();
    let objective = if asset_based {
        Objective::AssetBased {
            asset_weights: (0..n_assets).map(|_| 10.0 + 90.0 * rng.unit()).collect(),
        }
    } else {
        Objective::TargetValue
    };
    Problem::new(weapons, targets, p, objective).expect("generated problem is valid")
}

/// The objective as a straight product in f64 (no logs), written apart from the library.
pub(crate) fn direct_objective(p: &Problem, x: &Assignment) -> f64 {
    let surv: Vec<f64> = (0..p.n_targets())
        .map(|j| {
            let mut s = 1.0;
            for i in 0..p.n_weapons() {
                s *= (1.0 - p.p(i, j)).powi(x.get(i, j) as i32);
            }
            s
        })
        .collect();
    match p.objective() {
        Objective::TargetValue => p
            .targets()
            .iter()
            .zip(&surv)
            .map(|(t, s)| t.value * s)
            .sum(),
        Objective::AssetBased { asset_weights } => {
            let mut safe = vec![1.0; asset_weights.len()];
            for (t, s) in p.targets().iter().zip(&surv) {
                if let Some(th) = t.threatens {
                    safe[th.asset] *= 1.0 - th.leak_kill * s;
                }
            }
            asset_weights
                .iter()
                .zip(&safe)
                .map(|(w, s)| w * (1.0 - s))
                .sum()
        }
    }
}

/// Whether `x` meets inventory, channels, max shots and forbidden pairs (independent check).
pub(crate) fn feasible(p: &Problem, x: &Assignment) -> bool {
    let weapons_ok = p.weapons().iter().enumerate().all(|(i, w)| {
        let row: Vec<u32> = (0..p.n_targets()).map(|j| x.get(i, j)).collect();
        let fired: u32 = row.iter().sum();
        let engaged = row.iter().filter(|&&k| k > 0).count() as u32;
        let forbidden = row
            .iter()
            .enumerate()
            .any(|(j, &k)| k > 0 && p.p(i, j) == 0.0);
        fired <= w.units && w.channels.is_none_or(|c| engaged <= c) && !forbidden
    });
    let targets_ok = p.targets().iter().enumerate().all(|(j, t)| {
        let shots: u32 = (0..p.n_weapons()).map(|i| x.get(i, j)).sum();
        t.max_shots.is_none_or(|c| shots <= c)
    });
    weapons_ok && targets_ok
}

/// Number of assignments brute force would visit (product over weapons of C(n + u, u)).
pub(crate) fn brute_force_size(p: &Problem) -> f64 {
    let n = p.n_targets() as f64;
    p.weapons()
        .iter()
        .map(|w| {
            (1..=w.units)
                .map(|k| (n + k as f64) / k as f64)
                .product::<f64>()
        })
        .product()
}

/// The optimum by enumerating every assignment with `Σ_j x_ij ≤ u_i`.
pub(crate) fn brute_force(p: &Problem) -> f64 {
    fn rec(p: &Problem, x: &mut Assignment, i: usize, j: usize, left: u32, best: &mut f64) {
        if i == p.n_weapons() {
            if feasible(p, x) {
                *best = best.min(direct_objective(p, x));
            }
            return;
        }
        if j == p.n_targets() {
            let next = p.weapons().get(i + 1).map_or(0, |w| w.units);
            rec(p, x, i + 1, 0, next, best);
            return;
        }
        for k in 0..=left {
            x.set(i, j, k);
            rec(p, x, i, j + 1, left - k, best);
        }
        x.set(i, j, 0);
    }
    let mut x = Assignment::empty(p.n_weapons(), p.n_targets());
    let mut best = f64::INFINITY;
    let first = p.weapons().first().map_or(0, |w| w.units);
    rec(p, &mut x, 0, 0, first, &mut best);
    best
}
