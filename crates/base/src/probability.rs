//! A validated probability.

/// A probability in `[0, 1]`, validated once at construction.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Probability(f64);

/// Why a number is not a probability.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("probability {0} is outside [0, 1]")]
pub struct ProbabilityError(pub f64);

impl Probability {
    /// Certainly not.
    pub const ZERO: Probability = Probability(0.0);
    /// Certainly.
    pub const ONE: Probability = Probability(1.0);
    /// Validates `p ∈ [0, 1]` (NaN rejected).
    pub fn new(p: f64) -> Result<Self, ProbabilityError> {
        if (0.0..=1.0).contains(&p) {
            Ok(Probability(p))
        } else {
            Err(ProbabilityError(p))
        }
    }
    /// The value.
    pub fn get(self) -> f64 {
        self.0
    }
}
