//! Nations and sides.

use core::fmt;

/// An ISO 3166-1 alpha-3 style trigraph (`USA`, `JPN`, `AUS`, …): three ASCII capitals.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NationId([u8; 3]);

/// Why a string is not a nation trigraph.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("nation code {0:?} is not three capital letters A-Z (an ISO 3166 trigraph such as USA)")]
pub struct NationIdError(pub String);

impl NationId {
    /// Parses a trigraph; lower case is rejected so files stay canonical.
    pub fn parse(s: &str) -> Result<Self, NationIdError> {
        let b = s.as_bytes();
        if b.len() == 3 && b.iter().all(u8::is_ascii_uppercase) {
            Ok(NationId([b[0], b[1], b[2]]))
        } else {
            Err(NationIdError(s.to_owned()))
        }
    }
    /// The trigraph.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.0).expect("constructed from ASCII capitals")
    }
}

impl fmt::Display for NationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl fmt::Debug for NationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NationId({})", self.as_str())
    }
}

/// Which side an object truly belongs to (truth only; the picture has identities instead).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// One of the allied nations.
    Friendly,
    /// Civil or third-party traffic that must never be engaged.
    Neutral,
    /// Hostile (threats).
    Hostile,
}

impl Side {
    /// Lower-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Friendly => "friendly",
            Side::Neutral => "neutral",
            Side::Hostile => "hostile",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_trigraphs_only() {
        assert_eq!(
            NationId::parse("JPN").map(|n| n.to_string()),
            Ok("JPN".to_owned())
        );
        for bad in ["jpn", "JP", "JAPN", "J1N", "", "ÄBC"] {
            assert!(NationId::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
