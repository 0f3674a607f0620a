//! WTA solvers on seeded random small instances: exact equals brute force, local never worse
//! than greedy, every answer feasible, and the log-space objective equals a straight product.

mod wta_common;

use c2::wta::{Assignment, Problem, SolveOptions, SolverKind, check_feasible, evaluate, solve};
use wta_common::{Rng, brute_force, brute_force_size, direct_objective, feasible, random_problem};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 1e-12
}

/// Random small instances brute force can enumerate in well under a millisecond each.
fn small_instances(seed: u64, count: usize) -> Vec<Problem> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    while out.len() < count {
        let (m, n) = (1 + rng.below(4) as usize, 1 + rng.below(6) as usize);
        let p = random_problem(&mut rng, m, n, 3);
        if brute_force_size(&p) <= 20_000.0 {
            out.push(p);
        }
    }
    out
}

#[test]
fn exact_equals_brute_force_on_random_small_instances() {
    let opts = SolveOptions {
        nodes: u64::MAX,
        rounds: 3,
        ..SolveOptions::default()
    };
    let (mut asset_based, mut constrained) = (0, 0);
    for (k, p) in small_instances(11, 240).iter().enumerate() {
        let best = brute_force(p);
        let s = solve(p, SolverKind::Exact, &opts);
        assert!(s.proven_optimal, "instance {k}: exact did not finish");
        assert!(
            feasible(p, &s.assignment),
            "instance {k}: infeasible {:?}",
            s.assignment
        );
        assert!(
            close(s.objective, best),
            "instance {k}: exact {} vs brute force {best}",
            s.objective
        );
        let bound = s.bound.expect("exact reports a bound");
        assert!(
            bound <= s.objective * (1.0 + 1e-12) + 1e-12,
            "instance {k}: bound above objective"
        );
        asset_based += usize::from(matches!(
            p.objective(),
            c2::wta::Objective::AssetBased { .. }
        ));
        constrained += usize::from(p.weapons().iter().any(|w| w.channels.is_some()));
    }
    assert!(
        asset_based > 40 && constrained > 40,
        "generator lost its variety"
    );
}

#[test]
fn local_is_never_worse_than_greedy_and_all_answers_are_feasible() {
    let mut rng = Rng(5);
    for k in 0..150 {
        let (m, n) = (1 + rng.below(12) as usize, 1 + rng.below(20) as usize);
        let p = random_problem(&mut rng, m, n, 4);
        let g = solve(&p, SolverKind::Greedy, &SolveOptions::default());
        let l = solve(
            &p,
            SolverKind::Local,
            &SolveOptions {
                seed: k,
                ..SolveOptions::default()
            },
        );
        for s in [&g, &l] {
            assert!(feasible(&p, &s.assignment), "instance {k}: infeasible");
            assert_eq!(check_feasible(&p, &s.assignment), Ok(()), "instance {k}");
            assert!(
                close(s.objective, direct_objective(&p, &s.assignment)),
                "instance {k}"
            );
        }
        assert!(
            l.objective <= g.objective * (1.0 + 1e-12) + 1e-12,
            "instance {k}: local {} > greedy {}",
            l.objective,
            g.objective
        );
    }
}

#[test]
fn log_space_evaluation_matches_the_straight_product() {
    let mut rng = Rng(99);
    for k in 0..300 {
        let (m, n) = (1 + rng.below(6) as usize, 1 + rng.below(8) as usize);
        let p = random_problem(&mut rng, m, n, 5);
        let mut x = Assignment::empty(m, n);
        for i in 0..m {
            for j in 0..n {
                x.set(i, j, rng.below(4) as u32);
            }
        }
        let (a, b) = (evaluate(&p, &x), direct_objective(&p, &x));
        assert!(close(a, b), "instance {k}: log space {a} vs product {b}");
    }
}

#[test]
fn same_seed_same_answer() {
    let mut rng = Rng(3);
    let p = random_problem(&mut rng, 10, 20, 3);
    let opts = SolveOptions {
        seed: 7,
        rounds: 30,
        ..SolveOptions::default()
    };
    let a = solve(&p, SolverKind::Local, &opts);
    let b = solve(&p, SolverKind::Local, &opts);
    assert_eq!(a.assignment, b.assignment);
    assert_eq!(a.objective.to_bits(), b.objective.to_bits());
}

/// Target-value instances (with channels, shot caps, forbidden pairs and sure kills): the
/// Lagrangian bound `local` reports never exceeds the brute-force optimum, `local` with a small
/// budget never beats it, and finds it on nearly all of them.
#[test]
fn local_reaches_the_optimum_and_its_bound_stays_below_it() {
    let opts = SolveOptions {
        rounds: 40,
        ..SolveOptions::default()
    };
    let (mut runs, mut optimal) = (0, 0);
    for (k, p) in small_instances(23, 400)
        .iter()
        .filter(|p| matches!(p.objective(), c2::wta::Objective::TargetValue))
        .enumerate()
    {
        let best = brute_force(p);
        let s = solve(p, SolverKind::Local, &opts);
        assert!(feasible(p, &s.assignment), "instance {k}: infeasible");
        assert!(
            s.objective >= best * (1.0 - 1e-9) - 1e-12,
            "instance {k}: local {} below the optimum {best}",
            s.objective
        );
        if let Some(b) = s.bound {
            assert!(
                b <= best * (1.0 + 1e-9) + 1e-12,
                "instance {k}: bound {b} above the optimum {best}"
            );
        }
        runs += 1;
        optimal += usize::from(close(s.objective, best));
    }
    assert!(
        runs > 200,
        "generator lost its target-value instances ({runs})"
    );
    assert!(
        optimal * 100 >= runs * 97,
        "local found the optimum on only {optimal} of {runs} instances"
    );
}
