//! RFC 3339 UTC timestamps (`YYYY-MM-DDTHH:MM:SSZ`) to Unix seconds, by hand (no leap seconds,
//! proleptic Gregorian calendar, whole seconds only).

/// Why a timestamp was rejected (the message is shown to the user).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum TimestampError {
    /// Not of the shape `YYYY-MM-DDTHH:MM:SSZ`.
    #[error("expected an RFC 3339 UTC timestamp of the form YYYY-MM-DDTHH:MM:SSZ, found {0:?}")]
    Shape(String),
    /// A local time or a non-zero offset.
    #[error("the start must be in UTC (ending in `Z`), found {0:?}")]
    NotUtc(String),
    /// Fractional seconds.
    #[error("the start must be a whole second, found {0:?}")]
    Fraction(String),
    /// A field out of range (month 13, 31 April, hour 24, …).
    #[error("{0:?} is not a valid date and time ({1})")]
    Field(String, &'static str),
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ` (years 1970–9999) into seconds since the Unix epoch.
pub(crate) fn parse_utc(s: &str) -> Result<i64, TimestampError> {
    let b = s.as_bytes();
    let shape = || TimestampError::Shape(s.to_owned());
    if b.len() < 19
        || !s.is_char_boundary(19)
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
    {
        return Err(shape());
    }
    if b[13] != b':' || b[16] != b':' {
        return Err(shape());
    }
    match &s[19..] {
        "Z" | "z" => {}
        rest if rest.starts_with('.') => return Err(TimestampError::Fraction(s.to_owned())),
        "" => return Err(TimestampError::NotUtc(s.to_owned())),
        rest if rest.starts_with(['+', '-']) => return Err(TimestampError::NotUtc(s.to_owned())),
        _ => return Err(shape()),
    }
    let num = |range: core::ops::Range<usize>| -> Result<i64, TimestampError> {
        let digits = &b[range];
        if digits.iter().all(u8::is_ascii_digit) {
            Ok(digits
                .iter()
                .fold(0, |acc, d| acc * 10 + i64::from(d - b'0')))
        } else {
            Err(shape())
        }
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let field = |what| TimestampError::Field(s.to_owned(), what);
    if year < 1970 {
        return Err(field("years before 1970 are not supported"));
    }
    if !(1..=12).contains(&month) {
        return Err(field("month must be 01-12"));
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err(field("no such day in that month"));
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(field("time must be 00:00:00-23:59:59"));
    }
    Ok(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// The canonical spelling of a parsed timestamp.
pub(crate) fn canonical(s: &str) -> String {
    let mut out = s.to_owned();
    out.replace_range(10..11, "T");
    out.replace_range(19.., "Z");
    out
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(parse_utc("1970-01-01T00:00:00Z"), Ok(0));
        // `date -u -d 2027-07-15T00:00:00Z +%s`
        assert_eq!(parse_utc("2027-07-15T00:00:00Z"), Ok(1_815_609_600));
        assert_eq!(parse_utc("2000-02-29T23:59:59Z"), Ok(951_868_799));
        assert_eq!(canonical("2027-07-15t01:02:03z"), "2027-07-15T01:02:03Z");
    }

    #[test]
    fn rejections_say_why() {
        assert!(matches!(
            parse_utc("2027-07-15"),
            Err(TimestampError::Shape(_))
        ));
        assert!(matches!(
            parse_utc("2027-07-15T00:00:00"),
            Err(TimestampError::NotUtc(_))
        ));
        assert!(matches!(
            parse_utc("2027-07-15T00:00:00+09:00"),
            Err(TimestampError::NotUtc(_))
        ));
        assert!(matches!(
            parse_utc("2027-07-15T00:00:00.5Z"),
            Err(TimestampError::Fraction(_))
        ));
        assert!(matches!(
            parse_utc("2027-02-29T00:00:00Z"),
            Err(TimestampError::Field(..))
        ));
        assert!(matches!(
            parse_utc("2027-13-01T00:00:00Z"),
            Err(TimestampError::Field(..))
        ));
        assert!(matches!(
            parse_utc("2027-01-01T24:00:00Z"),
            Err(TimestampError::Field(..))
        ));
        assert!(matches!(
            parse_utc("2027-0a-01T00:00:00Z"),
            Err(TimestampError::Shape(_))
        ));
        assert!(matches!(
            parse_utc("2027-01-01T00:00:00Zx"),
            Err(TimestampError::Shape(_))
        ));
        assert!(matches!(
            parse_utc("2027-01-01T00:00:0üZ"),
            Err(TimestampError::Shape(_))
        ));
        assert!(matches!(
            parse_utc("ü027-01-01T00:00:00Z"),
            Err(TimestampError::Shape(_))
        ));
    }
}
