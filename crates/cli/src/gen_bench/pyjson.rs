//! JSON exactly as Python's `json.dumps` writes it with default options (`", "` and `": "`
//! separators, keys in insertion order, floats as `repr`), so files written here compare
//! byte for byte with `gen_scenario.py`'s.

/// A JSON value in Python's terms.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Py {
    Null,
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Py>),
    /// Keys in insertion order (a Python dict).
    Dict(Vec<(String, Py)>),
}

impl Py {
    /// A dict from `(key, value)` pairs in order.
    pub(crate) fn dict<const N: usize>(items: [(&str, Py); N]) -> Py {
        Py::Dict(items.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    /// A list of floats.
    pub(crate) fn floats(xs: &[f64]) -> Py {
        Py::List(xs.iter().map(|x| Py::Float(*x)).collect())
    }

    /// `json.dumps(self)`.
    pub(crate) fn dumps(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Py::Null => out.push_str("null"),
            Py::Int(i) => out.push_str(&i.to_string()),
            Py::Float(x) => out.push_str(&float_repr(*x)),
            Py::Str(s) => write_str(s, out),
            Py::List(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Py::Dict(items) => {
                out.push('{');
                for (i, (k, v)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_str(k, out);
                    out.push_str(": ");
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// A JSON string as `json.dumps` escapes it (`ensure_ascii=True`).
fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Python's `repr(float)`: the shortest digits that read back to the same double, in fixed
/// notation when the decimal exponent is in [-4, 16), else `d.ddde±XX`; integral values end
/// in `.0`; non-finite values as `json.dumps` writes them.
pub(crate) fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    // `{:e}` gives the shortest round-trip digits: `-1.2345e-7`.
    let e = format!("{x:e}");
    let (mantissa, exp) = e.split_once('e').expect("LowerExp has an exponent");
    let exp: i32 = exp.parse().expect("LowerExp exponent is an integer");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let n = digits.len() as i32;
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let body = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point >= n {
            format!("{digits}{}.0", "0".repeat((point - n) as usize))
        } else {
            let (a, b) = digits.split_at(point as usize);
            format!("{a}.{b}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{frac}e{esign}{:02}", exp.abs())
    }
}

/// Python's `round(x, ndigits)` for the magnitudes used here: the double nearest the decimal
/// rounded at `ndigits` places (Rust's and Python's formatting both round the exact binary
/// value, ties to even).
pub(crate) fn py_round(x: f64, ndigits: usize) -> f64 {
    format!("{x:.ndigits$}")
        .parse()
        .expect("a formatted float parses")
}

/// Python's float `%` (result takes the divisor's sign).
pub(crate) fn py_mod(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) { m + y } else { m }
    } else {
        0.0f64.copysign(y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_python_repr() {
        // Expected strings are Python 3.11's repr of the same doubles.
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (100.0, "100.0"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.2345e16, "1.2345e+16"),
            (123456789.125, "123456789.125"),
            (std::f64::consts::PI, "3.141592653589793"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (15811.388300841898, "15811.388300841898"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(*x), *want, "{x:e}");
        }
    }

    #[test]
    fn json_matches_python_dumps() {
        let v = Py::dict([
            ("type", Py::Str("header".into())),
            ("n", Py::Int(3)),
            ("q_z", Py::Null),
            ("z", Py::floats(&[1.0, -0.5])),
            ("s", Py::Dict(vec![])),
        ]);
        assert_eq!(
            v.dumps(),
            r#"{"type": "header", "n": 3, "q_z": null, "z": [1.0, -0.5], "s": {}}"#
        );
        assert_eq!(Py::Str("a\"é".into()).dumps(), r#""a\"\u00e9""#);
    }

    #[test]
    fn python_round_and_mod() {
        assert_eq!(py_round(0.125, 2), 0.12);
        assert_eq!(py_round(-7905.694150420949, 6), -7905.69415);
        assert_eq!(
            py_mod(-1.0, 2.0 * std::f64::consts::PI),
            2.0 * std::f64::consts::PI - 1.0
        );
        assert_eq!(py_mod(7.0, 2.0), 1.0);
        assert!(py_mod(-4.0, 2.0).is_sign_positive());
    }
}
