//! Units of decoded quantities and their SI equivalents.
//!
//! ASTERIX carries aviation units (NM, ft, FL, kt); a decoded [`Quantity`] keeps the unit the
//! standard defines its LSB in, so a value reads like the specification, and offers the SI
//! value beside it where one exists. Angles stay in degrees: that is how every consumer
//! (displays, the tracker's polar frame) reads azimuth.

/// The unit a field's scaled value is expressed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unit {
    /// Seconds (time of day: since midnight UTC).
    Second,
    /// Nautical miles.
    NauticalMile,
    /// Degrees (azimuth, heading, latitude, longitude, angles).
    Degree,
    /// Degrees per second.
    DegreePerSecond,
    /// Flight level (hundreds of feet of pressure altitude).
    FlightLevel,
    /// Feet.
    Foot,
    /// Feet per minute.
    FootPerMinute,
    /// Knots.
    Knot,
    /// Metres.
    Metre,
    /// Metres per second.
    MetrePerSecond,
    /// Hectopascals (= millibars).
    Hectopascal,
    /// Mach number (dimensionless).
    Mach,
    /// Decibels relative to a milliwatt.
    DecibelMilliwatt,
    /// Megahertz.
    Megahertz,
}

/// International foot, metres (exact by definition).
const FOOT_M: f64 = 0.3048;
/// International nautical mile, metres (exact by definition).
const NAUTICAL_MILE_M: f64 = 1852.0;

impl Unit {
    /// The symbol written beside values (`NM`, `deg`, `FL`, …).
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Second => "s",
            Unit::NauticalMile => "NM",
            Unit::Degree => "deg",
            Unit::DegreePerSecond => "deg/s",
            Unit::FlightLevel => "FL",
            Unit::Foot => "ft",
            Unit::FootPerMinute => "ft/min",
            Unit::Knot => "kt",
            Unit::Metre => "m",
            Unit::MetrePerSecond => "m/s",
            Unit::Hectopascal => "hPa",
            Unit::Mach => "Mach",
            Unit::DecibelMilliwatt => "dBm",
            Unit::Megahertz => "MHz",
        }
    }

    /// Factor to SI and the SI symbol, for units that are not SI (or degrees) already.
    pub fn to_si(self) -> Option<(f64, &'static str)> {
        match self {
            Unit::NauticalMile => Some((NAUTICAL_MILE_M, "m")),
            Unit::FlightLevel => Some((100.0 * FOOT_M, "m")),
            Unit::Foot => Some((FOOT_M, "m")),
            Unit::FootPerMinute => Some((FOOT_M / 60.0, "m/s")),
            Unit::Knot => Some((NAUTICAL_MILE_M / 3600.0, "m/s")),
            Unit::Hectopascal => Some((100.0, "Pa")),
            Unit::Megahertz => Some((1e6, "Hz")),
            Unit::Second
            | Unit::Degree
            | Unit::DegreePerSecond
            | Unit::Metre
            | Unit::MetrePerSecond
            | Unit::Mach
            | Unit::DecibelMilliwatt => None,
        }
    }
}

/// A decoded value with its unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    /// The value in [`unit`](Self::unit).
    pub value: f64,
    /// The unit the standard scales the field in.
    pub unit: Unit,
}

impl Quantity {
    /// The value in SI units with the SI symbol, where the unit is not SI already.
    pub fn si(self) -> Option<(f64, &'static str)> {
        self.unit.to_si().map(|(k, s)| (self.value * k, s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn si_conversions_are_the_exact_definitions() {
        let rho = Quantity {
            value: 2.0,
            unit: Unit::NauticalMile,
        };
        assert_eq!(rho.si(), Some((3704.0, "m")));
        let fl = Quantity {
            value: 330.0,
            unit: Unit::FlightLevel,
        };
        assert_eq!(
            fl.si().map(|(v, s)| ((v * 1e4).round() / 1e4, s)),
            Some((10058.4, "m"))
        );
        assert_eq!(
            Quantity {
                value: 1.0,
                unit: Unit::Degree
            }
            .si(),
            None
        );
    }
}
