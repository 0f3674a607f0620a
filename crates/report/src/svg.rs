//! Small text helpers shared by every SVG/HTML/XML writer: escaping and compact numbers.

use std::fmt::Write;

/// Escapes text for XML/HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal: SVG sizes are a few hundred pixels, so finer is noise.
pub(crate) fn px(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_owned()
    } else {
        format!("{r}")
    }
}

/// A measure value for tables: integers plainly, others with 3 significant decimals.
pub(crate) fn num(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    if v == v.trunc() && v.abs() < 1e15 {
        return format!("{v:.0}");
    }
    let a = v.abs();
    if a >= 100.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// Points of a polyline as `x,y x,y …`.
pub(crate) fn points(pts: &[(f64, f64)]) -> String {
    let mut s = String::with_capacity(pts.len() * 12);
    for (i, (x, y)) in pts.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", px(*x), px(*y));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("a<b & \"c\">'"), "a&lt;b &amp; &quot;c&quot;&gt;&#39;");
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(px(1.04), "1");
        assert_eq!(px(-0.01), "0");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(0.12345), "0.123");
        assert_eq!(num(f64::NAN), "–");
        assert_eq!(points(&[(1.0, 2.0), (3.25, 4.0)]), "1,2 3.3,4");
    }
}
