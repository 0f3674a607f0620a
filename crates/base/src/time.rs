//! Simulation time: integer nanoseconds since the scenario epoch.
//!
//! Integer time keeps event ordering exact and runs reproducible; `f64` seconds appear only at
//! the edges (physics kernels, output), converted in one place.

use core::fmt;
use core::ops::{Add, AddAssign, Sub};

const NS_PER_S: i64 = 1_000_000_000;

/// An instant of simulation time, nanoseconds since the scenario epoch (its `start` in UTC).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(i64);

/// A span of simulation time in nanoseconds (may be negative, e.g. a difference).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimDuration(i64);

impl SimTime {
    /// The scenario epoch.
    pub const ZERO: SimTime = SimTime(0);
    /// The latest representable instant (≈ 292 years).
    pub const MAX: SimTime = SimTime(i64::MAX);

    /// From whole nanoseconds since the epoch.
    pub const fn from_nanos(ns: i64) -> Self {
        SimTime(ns)
    }
    /// From whole seconds since the epoch.
    pub const fn from_secs(s: i64) -> Self {
        SimTime(s * NS_PER_S)
    }
    /// From whole milliseconds since the epoch.
    pub const fn from_millis(ms: i64) -> Self {
        SimTime(ms * 1_000_000)
    }
    /// From seconds, rounded to the nearest nanosecond. Only for edge input (scenario values);
    /// never accumulate time this way.
    pub fn from_secs_f64(s: f64) -> Self {
        assert!(s.is_finite(), "non-finite time {s} s");
        SimTime((s * NS_PER_S as f64).round() as i64)
    }
    /// Nanoseconds since the epoch.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }
    /// Seconds since the epoch as `f64`, for physics kernels and output.
    pub fn as_secs_f64(self) -> f64 {
        // Split to keep full precision for long runs.
        (self.0 / NS_PER_S) as f64 + (self.0 % NS_PER_S) as f64 * 1e-9
    }
    /// `self - earlier`.
    pub const fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0 - earlier.0)
    }
}

impl SimDuration {
    /// Zero length.
    pub const ZERO: SimDuration = SimDuration(0);
    /// From whole nanoseconds.
    pub const fn from_nanos(ns: i64) -> Self {
        SimDuration(ns)
    }
    /// From whole milliseconds.
    pub const fn from_millis(ms: i64) -> Self {
        SimDuration(ms * 1_000_000)
    }
    /// From whole seconds.
    pub const fn from_secs(s: i64) -> Self {
        SimDuration(s * NS_PER_S)
    }
    /// From seconds, rounded to the nearest nanosecond (edge input only).
    pub fn from_secs_f64(s: f64) -> Self {
        assert!(s.is_finite(), "non-finite duration {s} s");
        SimDuration((s * NS_PER_S as f64).round() as i64)
    }
    /// Whole nanoseconds.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }
    /// Seconds as `f64`.
    pub fn as_secs_f64(self) -> f64 {
        (self.0 / NS_PER_S) as f64 + (self.0 % NS_PER_S) as f64 * 1e-9
    }
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(
            self.0
                .checked_add(d.0)
                .expect("simulation time overflow (> 292 years)"),
        )
    }
}
impl AddAssign<SimDuration> for SimTime {
    fn add_assign(&mut self, d: SimDuration) {
        *self = *self + d;
    }
}
impl Sub<SimDuration> for SimTime {
    type Output = SimTime;
    fn sub(self, d: SimDuration) -> SimTime {
        SimTime(self.0 - d.0)
    }
}
impl Sub for SimTime {
    type Output = SimDuration;
    fn sub(self, other: SimTime) -> SimDuration {
        SimDuration(self.0 - other.0)
    }
}
impl core::ops::Mul<i64> for SimDuration {
    type Output = SimDuration;
    fn mul(self, k: i64) -> SimDuration {
        SimDuration(
            self.0
                .checked_mul(k)
                .expect("simulation durations stay within i64 ns"),
        )
    }
}

impl Add for SimDuration {
    type Output = SimDuration;
    fn add(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0 + d.0)
    }
}

impl fmt::Display for SimTime {
    /// `T+123.456789s`: exact, no float rounding.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "+" };
        let abs = self.0.unsigned_abs();
        write!(
            f,
            "T{sign}{}.{:09}s",
            abs / NS_PER_S as u64,
            abs % NS_PER_S as u64
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_round_trip_exactly_for_long_runs() {
        let t = SimTime::from_nanos(86_400 * NS_PER_S * 30 + 123_456_789);
        assert_eq!(SimTime::from_secs_f64(t.as_secs_f64()), t);
        assert_eq!(t.to_string(), "T+2592000.123456789s");
    }

    #[test]
    fn arithmetic() {
        let t = SimTime::from_secs(10) + SimDuration::from_millis(250);
        assert_eq!(t.as_nanos(), 10_250_000_000);
        assert_eq!((t - SimTime::from_secs(10)).as_nanos(), 250_000_000);
        assert_eq!(SimTime::from_secs(-1).to_string(), "T-1.000000000s");
    }
}
