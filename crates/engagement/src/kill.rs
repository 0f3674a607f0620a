//! Kill probability: the planning value (SSPK × handover probability from the guiding track's
//! cue error), the matching end-game model on the realised miss, Bernoulli draws and imperfect
//! kill assessment.

use rand::RngExt;

use crate::window::Window;

fn assert_probability(name: &str, p: f64) {
    assert!((0.0..=1.0).contains(&p), "{name} {p} is not a probability");
}

/// PRIMER §4.5: `SSPK × P_handover`, `P_handover = 1 − exp(−r_b² / (2σ²))`: the probability a
/// circular Gaussian cue error with per-axis standard deviation σ (in the plane across the
/// interceptor's approach) falls inside the seeker's acquisition basket of radius `r_b`.
///
/// σ comes from the guiding track (local, or another nation's on engage-on-remote) grown by its
/// age: see `handover_sigma_m`. `σ = 0` is a perfect cue, `σ = ∞` no cue (`0`).
pub fn kill_probability(sspk: f64, basket_m: f64, handover_sigma_m: f64) -> f64 {
    assert_probability("sspk", sspk);
    assert!(
        basket_m >= 0.0,
        "basket radius {basket_m} m must not be negative"
    );
    assert!(
        handover_sigma_m >= 0.0,
        "cue error {handover_sigma_m} m must not be negative"
    );
    if handover_sigma_m == 0.0 {
        return sspk;
    }
    let z = basket_m / handover_sigma_m;
    // 1 − e^(−x) via exp_m1 keeps precision when the basket is small against σ.
    sspk * -(-0.5 * z * z).exp_m1()
}

/// Planning kill probability of a fire-unit/threat pair: zero when no engagement window
/// exists, `kill_probability` otherwise.
pub fn pair_kill_probability(
    window: Option<&Window>,
    sspk: f64,
    basket_m: f64,
    handover_sigma_m: f64,
) -> f64 {
    window.map_or(0.0, |_| kill_probability(sspk, basket_m, handover_sigma_m))
}

/// Effective per-axis cue error of a guiding track (PRIMER §2.5):
/// `σ = √(σ_p² + (σ_v·age)² + (a·age²/2)²)`.
///
/// `sigma_pos_m` and `sigma_vel_mps` are per-axis standard deviations (for a full covariance,
/// `√(trace(P_pos)/3)` and `√(trace(P_vel)/3)`); `age_s` is the track's age at intercept
/// (time since its last measurement, plus latency and fly-out when the cue is not refreshed);
/// `accel_mps2` bounds unmodelled target acceleration over that age.
pub fn handover_sigma_m(sigma_pos_m: f64, sigma_vel_mps: f64, age_s: f64, accel_mps2: f64) -> f64 {
    assert!(age_s >= 0.0, "track age {age_s} s must not be negative");
    let drift = sigma_vel_mps * age_s;
    let manoeuvre = 0.5 * accel_mps2 * age_s * age_s;
    (sigma_pos_m * sigma_pos_m + drift * drift + manoeuvre * manoeuvre).sqrt()
}

/// End-game kill probability at intercept from the realised miss (the true target's distance
/// from the interceptor's aim point, across the approach direction: see
/// `Flyout::miss_distance_m`): a **hard basket**, `sspk` if `miss ≤ r_b`, else `0`.
///
/// The hard basket is what makes the planned value honest: for a 2-D circular Gaussian miss
/// with per-axis σ the miss is Rayleigh, `P(miss ≤ r_b) = 1 − exp(−r_b²/2σ²)`, so the mean of
/// this function over the miss distribution equals `kill_probability(sspk, r_b, σ)` exactly.
pub fn endgame_kill_probability(sspk: f64, basket_m: f64, miss_m: f64) -> f64 {
    assert_probability("sspk", sspk);
    if miss_m <= basket_m { sspk } else { 0.0 }
}

/// A Bernoulli draw: `true` with probability `p`. Consumes exactly one `f64` from `rng`, so
/// the stream stays aligned whatever `p` is.
pub fn draw(rng: &mut impl rand::Rng, p: f64) -> bool {
    assert_probability("p", p);
    rng.random::<f64>() < p
}

/// Kill assessment by sensors with error probabilities: reports "killed" with probability
/// `detect` when the target was killed and `false_kill` when it survived.
pub fn assess_kill(rng: &mut impl rand::Rng, killed: bool, detect: f64, false_kill: f64) -> bool {
    draw(rng, if killed { detect } else { false_kill })
}

#[cfg(test)]
mod tests;
