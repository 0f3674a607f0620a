//! Scaling between SI `f64` values at the API and the wire's integers: linear steps rounded
//! to nearest, and log-scale sigma codes rounded *up* (a receiver must never be told a datum
//! is more accurate than it is).

use super::EncodeError;

/// Linear quantisation to the nearest step; `Err` if non-finite or outside `[min, max]` steps.
pub(crate) fn linear(
    value: f64,
    step: f64,
    min: i64,
    max: i64,
    field: &'static str,
) -> Result<i64, EncodeError> {
    let q = (value / step).round();
    if q.is_finite() && q >= min as f64 && q <= max as f64 {
        Ok(q as i64)
    } else {
        Err(EncodeError::OutOfRange { field })
    }
}

/// Steps per doubling of every log-scale sigma code (≈ 5.9 % per step in sigma).
pub(crate) const LOG_STEPS_PER_OCTAVE: f64 = 12.0;

/// A log-scale code's value: `base * 2^(code / 12)`.
pub(crate) fn log_value(code: u8, base: f64) -> f64 {
    base * (f64::from(code) / LOG_STEPS_PER_OCTAVE).exp2()
}

/// The smallest code whose value is at least `sigma` (values below `base` take code 0);
/// `None` if `sigma` is negative, non-finite or above the largest code's value.
pub(crate) fn log_code_up(sigma: f64, base: f64) -> Option<u8> {
    if !(sigma.is_finite() && sigma >= 0.0) {
        return None;
    }
    if sigma <= base {
        return Some(0);
    }
    let exact = LOG_STEPS_PER_OCTAVE * (sigma / base).log2();
    // `log2` may land a hair either side of an exact code: start just below and step up until
    // the decoded value really covers `sigma`.
    let mut code = (exact.ceil() - 1.0).max(0.0);
    while code <= 255.0 && log_value(code as u8, base) < sigma {
        code += 1.0;
    }
    (code <= 255.0).then_some(code as u8)
}

/// Big-endian 24-bit unsigned.
pub(crate) fn u24_bytes(v: u32) -> [u8; 3] {
    let b = v.to_be_bytes();
    [b[1], b[2], b[3]]
}

/// Big-endian 48-bit unsigned.
pub(crate) fn u48_bytes(v: u64) -> [u8; 6] {
    let b = v.to_be_bytes();
    [b[2], b[3], b[4], b[5], b[6], b[7]]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn linear_rejects_out_of_range_and_nan() {
        assert_eq!(linear(1.0, 0.25, -4, 4, "x"), Ok(4));
        assert!(linear(1.2, 0.25, -4, 4, "x").is_err());
        assert!(linear(f64::NAN, 0.25, -4, 4, "x").is_err());
        assert!(linear(f64::INFINITY, 0.25, -4, 4, "x").is_err());
        assert_eq!(linear(-0.124, 0.25, -4, 4, "x"), Ok(0));
    }

    #[test]
    fn log_codes_hit_their_octaves() {
        assert_eq!(log_code_up(0.25, 0.25), Some(0));
        assert_eq!(log_code_up(0.5, 0.25), Some(12));
        assert_eq!(log_code_up(0.500001, 0.25), Some(13));
        assert_eq!(log_code_up(0.0, 0.25), Some(0));
        assert_eq!(log_code_up(-1.0, 0.25), None);
        assert_eq!(log_code_up(1e9, 0.25), None);
        assert!((log_value(255, 0.25) - 0.25 * 2f64.powf(21.25)).abs() < 1e-3);
    }

    proptest! {
        #[test]
        fn log_code_up_is_tight_and_conservative(sigma in 1e-3f64..6e5) {
            let code = log_code_up(sigma, 0.25).expect("in range");
            prop_assert!(log_value(code, 0.25) >= sigma);
            if code > 0 {
                prop_assert!(log_value(code - 1, 0.25) < sigma);
            }
        }
    }
}
