//! Fuzz target: the WTA benchmark-instance parser, then the greedy solver on what parses
//! (kept small so each input stays fast). Never a panic, never memory sized from the header.

#![no_main]

use c2::wta::{Problem, SolveOptions, SolverKind, check_feasible, solve};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(problem) = Problem::from_benchmark_text(text) else {
        return;
    };
    let units: u64 = problem.weapons().iter().map(|w| u64::from(w.units)).sum();
    if problem.n_weapons() * problem.n_targets() <= 400 && units <= 200 {
        let solution = solve(&problem, SolverKind::Greedy, &SolveOptions::default());
        assert!(check_feasible(&problem, &solution.assignment).is_ok());
    }
});
