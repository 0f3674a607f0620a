//! Unit conversions at the sensor crate's edge: decibels and degrees (SI and power ratios inside).

/// A power ratio from decibels: `10^(dB/10)`.
pub fn db_to_ratio(db: f64) -> f64 {
    10f64.powf(db / 10.0)
}

/// Decibels from a power ratio: `10 log10(ratio)`.
pub fn ratio_to_db(ratio: f64) -> f64 {
    10.0 * ratio.log10()
}
