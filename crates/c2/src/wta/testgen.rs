//! Seeded random target-value instances for the solvers' unit tests.

use super::local::SplitMix;
use super::{Objective, Problem, Target, Weapon};

/// How a random instance is drawn.
pub(super) struct Mix {
    /// Units per weapon type: 1 ..= this.
    pub(super) max_units: u32,
    /// Channels of a capped weapon type: 1 ..= this.
    pub(super) max_channels: u32,
    /// One pair in `odds` cannot kill (p = 0) and, with `certain`, one more always kills.
    pub(super) odds: u64,
    pub(super) certain: bool,
    /// Other kill probabilities are uniform on [`p_low`, `p_low + p_span`).
    pub(super) p_low: f64,
    pub(super) p_span: f64,
}

/// `m` weapon types and `n` targets; with `caps`, about half the weapons have channel limits
/// and half the targets a most-shots limit.
pub(super) fn random(rng: &mut SplitMix, m: usize, n: usize, caps: bool, mix: &Mix) -> Problem {
    let unit = |rng: &mut SplitMix| (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    let weapons = (0..m)
        .map(|_| {
            let units = 1 + rng.below(mix.max_units as usize) as u32;
            let capped = caps && rng.below(2) == 0;
            let channels = if mix.max_channels > 1 {
                1 + rng.below(mix.max_channels as usize) as u32
            } else {
                1
            };
            Weapon {
                units,
                channels: capped.then_some(channels),
            }
        })
        .collect();
    let targets = (0..n)
        .map(|_| {
            let value = 1.0 + rng.below(100) as f64;
            let capped = caps && rng.below(2) == 0;
            let shots = 1 + rng.below(2) as u32;
            Target {
                value,
                max_shots: capped.then_some(shots),
                threatens: None,
            }
        })
        .collect();
    let p = (0..m)
        .map(|_| {
            (0..n)
                .map(|_| match rng.below(mix.odds as usize) {
                    0 => 0.0,
                    1 if mix.certain => 1.0,
                    _ => mix.p_low + mix.p_span * unit(rng),
                })
                .collect()
        })
        .collect();
    Problem::new(weapons, targets, p, Objective::TargetValue).expect("valid")
}
