//! Notional interceptor kinematics: the speed profile (linear boost, then constant speed), the
//! range and altitude limits and the launch reaction time, with their validation.

/// Parametric interceptor kinematics (public, notional physics only).
///
/// The speed profile accelerates linearly from rest to `speed_mps` over `boost_s`, then holds
/// that speed: a fly-out of range `r` beyond the boost distance takes `r / v + boost / 2`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kinematics {
    /// Speed after the boost, m/s.
    pub speed_mps: f64,
    /// Boost duration (linear acceleration from rest), s.
    pub boost_s: f64,
    /// Minimum intercept slant range from the launcher, m.
    pub min_range_m: f64,
    /// Maximum intercept slant range from the launcher, m.
    pub max_range_m: f64,
    /// Minimum intercept altitude (WGS-84 ellipsoidal), m.
    pub min_alt_m: f64,
    /// Maximum intercept altitude (WGS-84 ellipsoidal), m.
    pub max_alt_m: f64,
    /// Time from the fire order to launch, s.
    pub reaction_s: f64,
}

/// An envelope limit an intercept point can break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Closer to the launcher than the minimum slant range.
    MinRange,
    /// Beyond the maximum slant range.
    MaxRange,
    /// Below the minimum intercept altitude.
    MinAltitude,
    /// Above the maximum intercept altitude.
    MaxAltitude,
}

impl Limit {
    /// Stable snake_case code (records and reason codes).
    pub fn as_str(self) -> &'static str {
        match self {
            Limit::MinRange => "min_range",
            Limit::MaxRange => "max_range",
            Limit::MinAltitude => "min_altitude",
            Limit::MaxAltitude => "max_altitude",
        }
    }
}

/// Why a set of kinematics is unusable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum KinematicsError {
    /// A parameter is NaN or infinite.
    #[error("interceptor kinematics: {0} is not finite")]
    NotFinite(&'static str),
    /// Speed must be positive for any fly-out to end.
    #[error("interceptor kinematics: speed {0} m/s must be positive")]
    Speed(f64),
    /// Boost or reaction time is negative.
    #[error("interceptor kinematics: {0} must not be negative")]
    Negative(&'static str),
    /// `min > max` for range or altitude, or a negative minimum range.
    #[error("interceptor kinematics: {0} limits are inverted or negative")]
    Limits(&'static str),
}

impl Kinematics {
    /// Checks every parameter; the engine calls this once per interceptor type.
    pub fn validate(&self) -> Result<(), KinematicsError> {
        let named = [
            ("speed_mps", self.speed_mps),
            ("boost_s", self.boost_s),
            ("min_range_m", self.min_range_m),
            ("max_range_m", self.max_range_m),
            ("min_alt_m", self.min_alt_m),
            ("max_alt_m", self.max_alt_m),
            ("reaction_s", self.reaction_s),
        ];
        if let Some((name, _)) = named.iter().find(|(_, v)| !v.is_finite()) {
            return Err(KinematicsError::NotFinite(name));
        }
        if self.speed_mps <= 0.0 {
            return Err(KinematicsError::Speed(self.speed_mps));
        }
        if self.boost_s < 0.0 {
            return Err(KinematicsError::Negative("boost_s"));
        }
        if self.reaction_s < 0.0 {
            return Err(KinematicsError::Negative("reaction_s"));
        }
        if self.min_range_m < 0.0 || self.min_range_m > self.max_range_m {
            return Err(KinematicsError::Limits("range"));
        }
        if self.min_alt_m > self.max_alt_m {
            return Err(KinematicsError::Limits("altitude"));
        }
        Ok(())
    }

    /// Panics with the validation error: kinematics reach this crate already validated, so an
    /// invalid set here is a broken invariant, not input.
    pub(crate) fn assert_valid(&self) {
        if let Err(e) = self.validate() {
            panic!("{e}");
        }
    }

    /// The first envelope limit an intercept at `point` from a launcher at `launcher` breaks
    /// (slant range, then WGS-84 altitude), or `None` inside the envelope. The same test the
    /// engagement window applies to planned intercepts, for re-aims and audits.
    pub fn envelope_violation(&self, launcher: [f64; 3], point: [f64; 3]) -> Option<Limit> {
        let range_m = crate::path::norm(crate::path::sub(point, launcher));
        if range_m < self.min_range_m {
            return Some(Limit::MinRange);
        }
        if range_m > self.max_range_m {
            return Some(Limit::MaxRange);
        }
        let alt_m = geodesy::Position::ecef(point[0], point[1], point[2])
            .to_wgs84()
            .alt_m();
        if alt_m < self.min_alt_m {
            return Some(Limit::MinAltitude);
        }
        if alt_m > self.max_alt_m {
            return Some(Limit::MaxAltitude);
        }
        None
    }

    /// Distance covered by the end of the boost, m.
    fn boost_distance_m(&self) -> f64 {
        0.5 * self.speed_mps * self.boost_s
    }

    /// Fly-out time to slant range r: linear acceleration to `speed` over `boost_s`, then
    /// constant speed. Negative ranges count as zero.
    pub fn fly_time_s(&self, range_m: f64) -> f64 {
        let r = range_m.max(0.0);
        let d_boost = self.boost_distance_m();
        if r < d_boost {
            // r = v t² / (2 b) inside the boost.
            (2.0 * r * self.boost_s / self.speed_mps).sqrt()
        } else {
            self.boost_s + (r - d_boost) / self.speed_mps
        }
    }

    /// Distance flown `t` seconds after launch (inverse of `fly_time_s`); zero before launch.
    pub fn distance_m(&self, t_s: f64) -> f64 {
        if t_s <= 0.0 {
            0.0
        } else if t_s < self.boost_s {
            0.5 * self.speed_mps * t_s * t_s / self.boost_s
        } else {
            self.boost_distance_m() + self.speed_mps * (t_s - self.boost_s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::notional;
    use proptest::prelude::*;

    #[test]
    fn analytic_values() {
        let k = notional();
        // Boost distance 0.5 · 1500 · 4 = 3000 m.
        assert!((k.fly_time_s(3_000.0) - 4.0).abs() < 1e-12);
        assert!((k.fly_time_s(750.0) - 2.0).abs() < 1e-12); // 1500·2²/8 = 750
        assert!((k.fly_time_s(33_000.0) - 24.0).abs() < 1e-12); // 4 + 30000/1500
        assert!((k.distance_m(24.0) - 33_000.0).abs() < 1e-9);
        assert!((k.distance_m(1.0) - 187.5).abs() < 1e-12);
        assert_eq!(k.distance_m(-1.0), 0.0);
        let no_boost = Kinematics { boost_s: 0.0, ..k };
        assert!((no_boost.fly_time_s(3_000.0) - 2.0).abs() < 1e-12);
        assert!((no_boost.distance_m(2.0) - 3_000.0).abs() < 1e-12);
    }

    #[test]
    fn validation_names_the_problem() {
        let k = notional();
        assert_eq!(k.validate(), Ok(()));
        let bad = Kinematics {
            speed_mps: 0.0,
            ..k
        };
        assert_eq!(bad.validate(), Err(KinematicsError::Speed(0.0)));
        let bad = Kinematics {
            min_range_m: 9e4,
            ..k
        };
        assert_eq!(bad.validate(), Err(KinematicsError::Limits("range")));
        let bad = Kinematics {
            max_alt_m: f64::NAN,
            ..k
        };
        assert_eq!(bad.validate(), Err(KinematicsError::NotFinite("max_alt_m")));
        let bad = Kinematics {
            reaction_s: -1.0,
            ..k
        };
        assert_eq!(bad.validate(), Err(KinematicsError::Negative("reaction_s")));
    }

    proptest! {
        #[test]
        fn fly_time_and_distance_are_inverse(
            speed in 100.0..5000.0f64, boost in 0.0..20.0f64, r in 0.0..500_000.0f64,
        ) {
            let k = Kinematics { speed_mps: speed, boost_s: boost, ..notional() };
            let t = k.fly_time_s(r);
            prop_assert!((k.distance_m(t) - r).abs() <= 1e-9 * r.max(1.0));
            prop_assert!((k.fly_time_s(k.distance_m(t)) - t).abs() <= 1e-9 * t.max(1.0));
            // Never faster than the top speed, never slower than the average over the boost.
            prop_assert!(t >= r / speed - 1e-12);
        }

        #[test]
        fn distance_is_monotone(t1 in 0.0..200.0f64, dt in 0.0..50.0f64) {
            let k = notional();
            prop_assert!(k.distance_m(t1 + dt) >= k.distance_m(t1));
        }
    }
}
