//! Unit tests of the WTA module against hand-computed values.

use super::eval::LogSurv;
use super::relax::{Free, frank_wolfe_bound};
use super::*;

fn target(value: f64) -> Target {
    Target {
        value,
        max_shots: None,
        threatens: None,
    }
}
fn weapon(units: u32) -> Weapon {
    Weapon {
        units,
        channels: None,
    }
}

#[test]
fn target_value_objective_by_hand() {
    let p = Problem::new(
        vec![weapon(2), weapon(1)],
        vec![target(10.0), target(4.0)],
        vec![vec![0.5, 0.2], vec![1.0, 0.25]],
        Objective::TargetValue,
    )
    .expect("valid");
    let mut x = Assignment::empty(2, 2);
    x.set(0, 0, 2); // 10 · 0.5²
    x.set(0, 1, 0);
    assert!((evaluate(&p, &x) - (2.5 + 4.0)).abs() < 1e-12);
    x.set(1, 0, 1); // a sure kill: exactly zero, not a tiny number
    assert_eq!(evaluate(&p, &x), 4.0);
    let s = LogSurv::default()
        .add(f64::NEG_INFINITY, 1)
        .add(0.5f64.ln(), 1);
    assert_eq!(s.surv(), 0.0);
    assert!((s.add(f64::NEG_INFINITY, -1).surv() - 0.5).abs() < 1e-15);
}

#[test]
fn asset_based_objective_by_hand() {
    let th = |leak_kill| {
        Some(Threatens {
            asset: 0,
            leak_kill,
        })
    };
    let p = Problem::new(
        vec![weapon(1)],
        vec![
            Target {
                threatens: th(0.5),
                ..target(1.0)
            },
            Target {
                threatens: th(0.5),
                ..target(1.0)
            },
        ],
        vec![vec![0.0, 0.5]],
        Objective::AssetBased {
            asset_weights: vec![10.0],
        },
    )
    .expect("valid");
    let mut x = Assignment::empty(1, 2);
    x.set(0, 1, 1);
    // S = (1, 0.5): 10 · (1 − (1 − 0.5)(1 − 0.25)) = 6.25.
    assert!((evaluate(&p, &x) - 6.25).abs() < 1e-12);
}

#[test]
fn invalid_problems_are_rejected_with_the_place() {
    let bad_p = Problem::new(
        vec![weapon(1)],
        vec![target(1.0)],
        vec![vec![1.5]],
        Objective::TargetValue,
    );
    assert!(matches!(
        bad_p,
        Err(ProblemError::Probability {
            weapon: 0,
            target: 0,
            ..
        })
    ));
    let dims = Problem::new(
        vec![weapon(1)],
        vec![target(1.0)],
        vec![vec![0.5, 0.5]],
        Objective::TargetValue,
    );
    assert!(matches!(dims, Err(ProblemError::Dimensions { .. })));
    let neg = Problem::new(
        vec![weapon(1)],
        vec![target(-1.0)],
        vec![vec![0.5]],
        Objective::TargetValue,
    );
    assert!(matches!(neg, Err(ProblemError::Value { .. })));
    let t = Target {
        threatens: Some(Threatens {
            asset: 3,
            leak_kill: 1.0,
        }),
        ..target(1.0)
    };
    let asset = Problem::new(
        vec![weapon(1)],
        vec![t],
        vec![vec![0.5]],
        Objective::AssetBased {
            asset_weights: vec![1.0],
        },
    );
    assert!(matches!(
        asset,
        Err(ProblemError::UnknownAsset { asset: 3, .. })
    ));
}

#[test]
fn benchmark_text_parses_and_errors_name_the_line() {
    let ok = "2 2 1\n10\n5\n0 0 0.5\n0 1 0.9\n1 0 0.8\n1 1 0.1\n";
    let p = Problem::from_benchmark_text(ok).expect("parses");
    assert_eq!(
        (p.n_weapons(), p.n_targets(), p.weapons()[1].units),
        (2, 2, 1)
    );
    assert_eq!((p.p(0, 1), p.targets()[1].value), (0.9, 5.0));
    let line_of = |text: &str| match Problem::from_benchmark_text(text) {
        Err(ParseError::Syntax { line, .. } | ParseError::Truncated { line, .. }) => line,
        other => panic!("expected a syntax error, got {other:?}"),
    };
    assert_eq!(line_of("2 2\n"), 1);
    assert_eq!(line_of(&ok.replace("0 1 0.9", "0 1 x")), 5);
    assert_eq!(line_of(&ok.replace("0 1 0.9", "0 0 0.9")), 5);
    // Missing data is found by counting before anything is read: reported at the header.
    assert_eq!(line_of(&ok.replace("1 1 0.1\n", "")), 1);
    assert_eq!(line_of(&ok.replace("1 1 0.1", "1 1 1.5")), 7);
    assert_eq!(line_of(&format!("{ok}9 9 9\n")), 8);
}

/// Issue 18: dimensions are checked against the data present before anything is sized, and
/// an instance without weapons or targets is an error, not an assertion in a solver.
#[test]
fn issue_18_declared_dimensions_never_size_memory() {
    let err = |text: &str| {
        Problem::from_benchmark_text(text)
            .expect_err("rejected")
            .to_string()
    };
    let mut big = String::from("40000 40000 1\n");
    for _ in 0..10_000 {
        big.push_str("1 1 0.5\n");
    }
    assert_eq!(
        err(&big),
        "line 1: unexpected end of data: the header declares 40000 weapons x 40000 targets \
         (1600040000 data lines) but 10000 follow"
    );
    assert_eq!(
        err("18446744073709551615 18446744073709551615 1\n1\n"),
        "line 1: unexpected end of data: the header declares 18446744073709551615 weapons x \
         18446744073709551615 targets (more than 2^64 data lines) but 1 follow"
    );
    assert_eq!(
        err("1 0 1\n"),
        "line 1: 1 weapons x 0 targets: an instance needs at least one of each"
    );
    assert_eq!(
        err("0 3 1\n1\n1\n1\n"),
        "line 1: 0 weapons x 3 targets: an instance needs at least one of each"
    );
}

#[test]
fn solver_names_round_trip() {
    for k in [SolverKind::Greedy, SolverKind::Local, SolverKind::Exact] {
        assert_eq!(k.name().parse::<SolverKind>(), Ok(k));
    }
    assert!("milp".parse::<SolverKind>().is_err());
}

#[test]
fn frank_wolfe_bound_is_tight_on_a_one_variable_relaxation() {
    // min exp(y ln 0.3), 0 ≤ y ≤ 2: optimum 0.09 at y = 2.
    let p = Problem::new(
        vec![weapon(2)],
        vec![target(1.0)],
        vec![vec![0.7]],
        Objective::TargetValue,
    )
    .expect("valid");
    let free = Free {
        units: &[2],
        first: &[0],
    };
    let b = frank_wolfe_bound(&p, &[LogSurv::default()], &[0], &free, 50, &|| false);
    assert!(b <= 0.09 && b > 0.09 - 1e-9, "bound {b}");
}

#[test]
fn side_constraints_hold_and_greedy_is_optimal_for_identical_weapons() {
    let row = vec![0.6, 0.3, 0.8];
    let p = Problem::new(
        vec![
            Weapon {
                units: 3,
                channels: Some(2),
            },
            weapon(2),
        ],
        vec![
            target(5.0),
            Target {
                max_shots: Some(1),
                ..target(9.0)
            },
            Target {
                max_shots: Some(0),
                ..target(7.0)
            },
        ],
        vec![row.clone(), row],
        Objective::TargetValue,
    )
    .expect("valid");
    let opts = SolveOptions {
        nodes: u64::MAX,
        ..SolveOptions::default()
    };
    for kind in [SolverKind::Greedy, SolverKind::Local, SolverKind::Exact] {
        let s = solve(&p, kind, &opts);
        assert_eq!(check_feasible(&p, &s.assignment), Ok(()), "{kind}");
        assert_eq!(
            (0..2).map(|i| s.assignment.get(i, 2)).sum::<u32>(),
            0,
            "{kind}"
        );
    }
    // Identical weapons, no side constraints: maximum marginal return is optimal.
    let q = Problem::new(
        vec![weapon(2), weapon(3)],
        vec![target(5.0), target(9.0), target(2.0)],
        vec![vec![0.6, 0.3, 0.8]; 2],
        Objective::TargetValue,
    )
    .expect("valid");
    let g = solve(&q, SolverKind::Greedy, &opts);
    let e = solve(&q, SolverKind::Exact, &opts);
    assert!(e.proven_optimal && (g.objective - e.objective).abs() < 1e-12);
}

#[test]
fn the_stop_callback_ends_the_search() {
    // Identical weapons would not do: the Lagrangian root bound proves greedy optimal there
    // before any search. On a varied instance the root cannot close the gap.
    let p = benchmark_like(12, 24, 3, 2);
    let stop = || true;
    let opts = SolveOptions {
        nodes: u64::MAX,
        rounds: u64::MAX,
        should_stop: Some(&stop),
        ..SolveOptions::default()
    };
    let s = solve(&p, SolverKind::Exact, &opts);
    assert!(!s.proven_optimal);
    assert!(s.bound.expect("bound") <= s.objective);
}

/// The malformed-instance corpus (`tests/wta-malformed/*.txt`, each with its exact message in
/// a sibling `.expected`; `KIZUNA_BLESS=1` rewrites them): every one is an error naming its
/// line, none panics or sizes memory from the header (issue 18).
#[test]
fn every_malformed_instance_is_rejected_with_its_message() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wta-malformed");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "only {} cases", files.len());
    let bless = std::env::var_os("KIZUNA_BLESS").is_some();
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let actual = match Problem::from_benchmark_text(&text) {
            Ok(_) => "(accepted)\n".to_owned(),
            Err(e) => format!("{e}\n"),
        };
        let expected_path = path.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &actual).expect("writable");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "--- {}\nexpected: {expected}actual: {actual}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A seeded target-value instance of the public benchmarks' kind (uniform `p`, values 1–100).
fn benchmark_like(m: usize, n: usize, units: u32, seed: u64) -> Problem {
    let mut rng = super::local::SplitMix(seed);
    let mut unit = || (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    let values: Vec<f64> = (0..n).map(|_| (1.0 + 99.0 * unit()).round()).collect();
    let p: Vec<Vec<f64>> = (0..m)
        .map(|_| (0..n).map(|_| 0.01 + 0.98 * unit()).collect())
        .collect();
    Problem::new(
        vec![weapon(units); m],
        values.into_iter().map(target).collect(),
        p,
        Objective::TargetValue,
    )
    .expect("valid")
}

/// The time limit is honoured because the search polls often and stops at once: a stop
/// callback that says "stop" from its 200th call on is called only a few more times (each
/// nested loop returns at its next poll), and a budgeted run polls at least once per step.
#[test]
fn local_polls_the_stop_callback_often_and_stops_at_once() {
    use std::cell::Cell;
    for units in [1, 2, 3] {
        let p = benchmark_like(30, 60, units, u64::from(units));
        let polls = Cell::new(0u64);
        let stop = || {
            polls.set(polls.get() + 1);
            polls.get() > 200
        };
        let opts = SolveOptions {
            rounds: u64::MAX,
            should_stop: Some(&stop),
            ..SolveOptions::default()
        };
        let s = solve(&p, SolverKind::Local, &opts);
        check_feasible(&p, &s.assignment).expect("feasible");
        assert!(
            polls.get() > 200,
            "units {units}: the search never reached its 200th poll"
        );
        assert!(
            polls.get() <= 210,
            "units {units}: {} polls, kept working after stop",
            polls.get()
        );
        // Told to stop at the first poll, it still answers (greedy and the opening assignment).
        let first = Cell::new(0u64);
        let at_once = || {
            first.set(first.get() + 1);
            true
        };
        let opts = SolveOptions {
            rounds: u64::MAX,
            should_stop: Some(&at_once),
            ..SolveOptions::default()
        };
        let s = solve(&p, SolverKind::Local, &opts);
        check_feasible(&p, &s.assignment).expect("feasible");
        assert!(
            first.get() <= 4,
            "units {units}: {} polls after the first stop",
            first.get()
        );
        // A budget of 40 steps polls at least once per step.
        let counted = Cell::new(0u64);
        let never = || {
            counted.set(counted.get() + 1);
            false
        };
        let opts = SolveOptions {
            rounds: 40,
            should_stop: Some(&never),
            ..SolveOptions::default()
        };
        let s = solve(&p, SolverKind::Local, &opts);
        assert!(s.iterations <= 40);
        assert!(
            counted.get() >= s.iterations,
            "units {units}: {} polls",
            counted.get()
        );
    }
}

#[test]
fn local_with_a_work_budget_is_deterministic_and_certifies_a_bound() {
    for units in [1, 2, 3] {
        let p = benchmark_like(20, 40, units, 7 + u64::from(units));
        let opts = SolveOptions {
            rounds: 60,
            seed: 5,
            ..SolveOptions::default()
        };
        let a = solve(&p, SolverKind::Local, &opts);
        let b = solve(&p, SolverKind::Local, &opts);
        assert_eq!(
            a.assignment, b.assignment,
            "units {units}: same budget, same answer"
        );
        let bound = a.bound.expect("the price search certifies a bound");
        assert!(
            bound > 0.0 && bound <= a.objective,
            "units {units}: {bound} vs {}",
            a.objective
        );
        // The Lagrangian bound is tight on such instances: within 2 % of the answer.
        assert!(
            bound >= 0.98 * a.objective,
            "units {units}: bound {bound}, objective {}",
            a.objective
        );
        // Descent only (the default budget): no bound, never worse than greedy.
        let d = solve(&p, SolverKind::Local, &SolveOptions::default());
        let g = solve(&p, SolverKind::Greedy, &SolveOptions::default());
        assert!(d.bound.is_none() && d.objective <= g.objective * (1.0 + 1e-12));
        assert!(
            a.objective <= d.objective * (1.0 + 1e-9),
            "units {units}: search worse than descent"
        );
    }
}

#[test]
fn the_public_lagrangian_bound_is_below_the_optimum_and_close_to_it() {
    let p = benchmark_like(4, 6, 2, 11);
    let opts = SolveOptions {
        nodes: u64::MAX,
        ..SolveOptions::default()
    };
    let e = solve(&p, SolverKind::Exact, &opts);
    assert!(e.proven_optimal);
    let g = solve(&p, SolverKind::Greedy, &SolveOptions::default());
    let b = lagrangian_bound(&p, &g.assignment, 200, &SolveOptions::default()).expect("bound");
    assert!(
        b <= e.objective * (1.0 + 1e-9),
        "bound {b} above the optimum {}",
        e.objective
    );
    assert!(
        b >= 0.9 * e.objective,
        "bound {b} far below the optimum {}",
        e.objective
    );
    let asset = Problem::new(
        vec![weapon(1)],
        vec![target(1.0)],
        vec![vec![0.5]],
        Objective::AssetBased {
            asset_weights: vec![1.0],
        },
    )
    .expect("valid");
    let x = Assignment::empty(1, 1);
    assert_eq!(
        lagrangian_bound(&asset, &x, 10, &SolveOptions::default()),
        None
    );
}
