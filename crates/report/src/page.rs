//! The HTML shell every report shares: one self-contained document with inline CSS (no
//! scripts, no external URLs), plus table helpers.

use crate::svg::esc;
use std::fmt::Write;

const CSS: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:16px;color:#222}\
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;margin-top:28px}\
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}\
th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.note{color:#666;font-style:italic}\
svg{display:block;margin:8px 0;font-size:11px}svg text{fill:#222}\
.axis-x line,.axis-y line{stroke:#333}.grid{stroke:#eee!important}.label{font-size:12px}.title{font-size:13px;font-weight:600}\
.zero{stroke:#888;stroke-dasharray:4 3}.legend text{font-size:11px}\
.map .sea{fill:#dceefb}.map polygon.land{fill:#f2efe6;stroke:#b5ad98;stroke-width:.6}\
.coverage{fill:#2ca02c;fill-opacity:.06;stroke:#2ca02c;stroke-dasharray:5 3}.radar{fill:#2ca02c}\
.asset{fill:#9467bd;fill-opacity:.25;stroke:#9467bd}.asset-label{font-size:10px}\
.truth{fill:none;stroke-width:1.6}.track{fill:none;stroke:#000;stroke-width:.7;stroke-opacity:.7}\
.intercept,.m-intercept{stroke:#000;stroke-width:2.4;fill:none}.missed{stroke:#ff7f0e!important}\
.impact,.m-impact{fill:#d62728;stroke:#fff}.legend-box{fill:#fff;fill-opacity:.85;stroke:#999}\
.flight{stroke:#d62728;stroke-opacity:.35;stroke-width:3}.m-launch{fill:#d62728}.m-detect{fill:#1f77b4}\
.m-shot{stroke:#2ca02c;stroke-width:2}";

/// Wraps sections into a complete document.
pub(crate) fn document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{CSS}</style></head><body><h1>{}</h1>{body}</body></html>\n",
        esc(title),
        esc(title)
    )
}

/// A table: header cells and rows of already-formatted cells (escaped here).
pub(crate) fn table(class: &str, header: &[&str], rows: &[Vec<String>]) -> String {
    let mut s = format!(r#"<table class="{class}"><thead><tr>"#);
    for h in header {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead><tbody>");
    for r in rows {
        s.push_str("<tr>");
        for c in r {
            let _ = write!(s, "<td>{}</td>", esc(c));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

/// Key/value rows from a serialisable struct's scalar fields, flattening nested maps one level
/// (`rejected.replay`); arrays are left to their own tables.
pub(crate) fn scalar_rows(v: &serde_json::Value, prefix: &str, out: &mut Vec<Vec<String>>) {
    if let serde_json::Value::Object(m) = v {
        for (k, x) in m {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match x {
                serde_json::Value::Object(_) => scalar_rows(x, &key, out),
                serde_json::Value::Array(_) => {}
                serde_json::Value::Null => out.push(vec![key, "–".to_owned()]),
                serde_json::Value::Number(n) => out.push(vec![
                    key,
                    n.as_f64().map_or_else(|| n.to_string(), crate::svg::num),
                ]),
                other => out.push(vec![key, other.to_string().trim_matches('"').to_owned()]),
            }
        }
    }
}

/// Unit of a measure, from its name (for axis labels and grouping measures on one chart).
pub(crate) fn unit(measure: &str) -> &'static str {
    if measure.ends_with("_s") {
        "s"
    } else if measure.contains("gospa") || measure.ends_with("_m") {
        "m"
    } else if measure.contains("fraction") || measure.contains("commonality") {
        "fraction"
    } else if measure.contains("bytes") {
        "bytes"
    } else {
        "count"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_names() {
        assert_eq!(unit("moe.mean_first_detection_s"), "s");
        assert_eq!(unit("network.mean_picture_gospa"), "m");
        assert_eq!(unit("moe.asset_value_hit_fraction"), "fraction");
        assert_eq!(unit("moe.leakers"), "count");
    }

    #[test]
    fn scalar_rows_flatten_maps_and_skip_arrays() {
        let v = serde_json::json!({"a": 1, "m": {"x": 2.5}, "l": [1], "n": null, "s": "ci"});
        let mut rows = Vec::new();
        scalar_rows(&v, "", &mut rows);
        let keys: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(keys, ["a", "m.x", "n", "s"]);
        assert_eq!(rows[1][1], "2.50");
        assert_eq!(rows[3][1], "ci");
    }
}
