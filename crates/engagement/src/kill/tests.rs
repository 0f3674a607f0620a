//! Kill probability against its closed form, Monte Carlo consistency of the end game with the
//! planning value, and the frequencies of draws and kill assessment.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::*;

const N: usize = 20_000;

fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// One standard normal by Box–Muller (no `rand_distr` in this crate).
fn normal(r: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - r.random::<f64>(); // (0, 1]: ln stays finite
    let u2: f64 = r.random();
    (-2.0 * u1.ln()).sqrt() * (core::f64::consts::TAU * u2).cos()
}

/// Asserts a frequency is within 4 standard errors of `p` over `n` Bernoulli trials.
fn assert_frequency(hits: usize, n: usize, p: f64) {
    let f = hits as f64 / n as f64;
    let se = (p * (1.0 - p) / n as f64).sqrt();
    assert!(
        (f - p).abs() <= 4.0 * se,
        "frequency {f} vs {p} (4σ = {})",
        4.0 * se
    );
}

#[test]
fn pk_formula() {
    // σ = r_b: 1 − e^(−1/2) = 0.393469340287...
    assert!((kill_probability(1.0, 20.0, 20.0) - 0.393_469_340_287_366_6).abs() < 1e-15);
    assert!((kill_probability(0.8, 20.0, 10.0) - 0.8 * (1.0 - (-2.0f64).exp())).abs() < 1e-15);
    assert_eq!(kill_probability(0.7, 20.0, 0.0), 0.7);
    assert_eq!(kill_probability(0.7, 20.0, f64::INFINITY), 0.0);
    assert_eq!(kill_probability(0.7, 0.0, 5.0), 0.0);
    // Tiny basket against a large σ: the series r²/2σ², where 1 − exp would lose digits.
    assert!((kill_probability(1.0, 1e-3, 1e3) / 5e-13 - 1.0).abs() < 1e-9);
    // Infeasible pairs plan zero.
    assert_eq!(pair_kill_probability(None, 0.9, 20.0, 1.0), 0.0);
}

#[test]
fn handover_sigma_grows_with_age() {
    assert_eq!(handover_sigma_m(30.0, 5.0, 0.0, 50.0), 30.0);
    // √(30² + (5·8)² + (0.5·1·64)²) = √(900 + 1600 + 1024)
    assert!((handover_sigma_m(30.0, 5.0, 8.0, 1.0) - 3524.0f64.sqrt()).abs() < 1e-12);
    let fresh = kill_probability(0.9, 30.0, handover_sigma_m(10.0, 3.0, 0.5, 10.0));
    let stale = kill_probability(0.9, 30.0, handover_sigma_m(10.0, 3.0, 6.0, 10.0));
    assert!(fresh > 0.8 && stale < 0.3, "fresh {fresh}, stale {stale}");
}

#[test]
fn endgame_is_a_hard_basket() {
    assert_eq!(endgame_kill_probability(0.9, 20.0, 19.99), 0.9);
    assert_eq!(endgame_kill_probability(0.9, 20.0, 20.0), 0.9);
    assert_eq!(endgame_kill_probability(0.9, 20.0, 20.01), 0.0);
}

#[test]
fn endgame_mean_equals_planning_pk() {
    let (sspk, basket) = (0.85, 20.0);
    for (seed, sigma) in [(1, 8.0), (2, 16.0), (3, 30.0)] {
        let mut r = rng(seed);
        let total: f64 = (0..N)
            .map(|_| {
                let miss = normal(&mut r).hypot(normal(&mut r)) * sigma;
                endgame_kill_probability(sspk, basket, miss)
            })
            .sum();
        let planned = kill_probability(sspk, basket, sigma);
        let q = planned / sspk;
        // The end game takes values {0, sspk}: its standard error is sspk·√(q(1−q)/N).
        let se = sspk * (q * (1.0 - q) / N as f64).sqrt();
        let mean = total / N as f64;
        assert!(
            (mean - planned).abs() <= 4.0 * se,
            "σ {sigma}: {mean} vs {planned}"
        );
    }
}

#[test]
fn draw_frequency() {
    let mut r = rng(7);
    for p in [0.05, 0.3, 0.9] {
        let hits = (0..N).filter(|_| draw(&mut r, p)).count();
        assert_frequency(hits, N, p);
    }
    assert!((0..1000).all(|_| draw(&mut r, 1.0)));
    assert!((0..1000).all(|_| !draw(&mut r, 0.0)));
}

#[test]
fn assess_kill_error_rates() {
    let mut r = rng(11);
    let (detect, false_kill) = (0.9, 0.05);
    let reported_killed = (0..N)
        .filter(|_| assess_kill(&mut r, true, detect, false_kill))
        .count();
    assert_frequency(reported_killed, N, detect);
    let false_kills = (0..N)
        .filter(|_| assess_kill(&mut r, false, detect, false_kill))
        .count();
    assert_frequency(false_kills, N, false_kill);
}

#[test]
fn draws_are_reproducible_from_the_seed() {
    let a: Vec<bool> = {
        let mut r = rng(3);
        (0..64).map(|_| draw(&mut r, 0.5)).collect()
    };
    let b: Vec<bool> = {
        let mut r = rng(3);
        (0..64).map(|_| draw(&mut r, 0.5)).collect()
    };
    assert_eq!(a, b);
}

#[test]
#[should_panic(expected = "not a probability")]
fn draw_rejects_non_probabilities() {
    draw(&mut rng(0), 1.5);
}
