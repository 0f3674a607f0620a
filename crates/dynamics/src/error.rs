//! Why a motion specification could not be flown.

/// A motion specification that cannot produce a trajectory. Every variant says which quantity
/// is at fault, so the scenario layer can point at the offending key.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DynamicsError {
    /// The ballistic targeting did not converge onto the aim point.
    #[error("no ballistic trajectory reaches the aim point ({reason})")]
    Unreachable {
        /// Why (e.g. "range 12000 km exceeds what a 60 s burn can reach").
        reason: String,
    },
    /// A route needs at least one waypoint beyond its start.
    #[error("a route needs at least 2 waypoints, got {0}")]
    RouteTooShort(usize),
    /// A speed, duration or limit that must be positive is not.
    #[error("{what} must be positive and finite, got {value}")]
    NotPositive {
        /// The quantity's name.
        what: &'static str,
        /// Its value.
        value: f64,
    },
    /// A value outside its valid range (e.g. a bank angle of 90° or more).
    #[error("{what} = {value} is outside {range}")]
    OutOfRange {
        /// The quantity's name.
        what: &'static str,
        /// Its value.
        value: f64,
        /// The valid range, as text.
        range: &'static str,
    },
    /// Flying the specification up to its `until` would exceed a work bound.
    #[error("{what} would exceed the limit of {max}")]
    TooLong {
        /// What is counted (route steps, orbit samples, route points).
        what: &'static str,
        /// The limit.
        max: usize,
    },
}
