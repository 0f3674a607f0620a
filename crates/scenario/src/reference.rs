//! The key reference table of the README, generated from [`crate::format`] (a test keeps the
//! README in step: `KIZUNA_BLESS=1 cargo test -p scenario` rewrites it).

use core::fmt::Write as _;

use crate::format::ALL_TABLES;
use crate::spec::{Kind, Presence, TableSpec};
use crate::walk::expected;

/// The README section between the reference markers.
pub(crate) fn reference_markdown() -> String {
    let mut out = String::new();
    for spec in ALL_TABLES {
        let _ = writeln!(out, "### {}\n\n{}\n", heading(spec), spec.doc);
        let _ = writeln!(out, "| key | type | required | applies to | meaning |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for f in spec.fields {
            let required = match f.presence {
                Presence::Required => "yes".to_owned(),
                Presence::RequiredFor(tags) => format!("for {}", tags.join(", ")),
                Presence::Optional => "no".to_owned(),
                Presence::Default(d) => format!("no (default {})", d.shown()),
                by @ Presence::DefaultBy { .. } => {
                    format!("no (default {})", by.default_by_text().unwrap_or_default())
                }
            };
            let applies = f
                .only_for
                .map_or_else(|| "all".to_owned(), |t| t.join(", "));
            let ty = match &f.kind {
                Kind::Version => "integer: 1".to_owned(),
                other => expected(other),
            };
            let _ = writeln!(
                out,
                "| `{}` | {} | {required} | {applies} | {} |",
                f.key,
                ty.replace('|', "\\|"),
                f.doc.replace('|', "\\|")
            );
        }
        if !spec.one_of.is_empty() {
            out.push('\n');
            for group in spec.one_of {
                let when = group
                    .when
                    .map(|w| format!(" (for {})", w.join(", ")))
                    .unwrap_or_default();
                let _ = writeln!(out, "Exactly one of {}{when}.", group.keys.join(", "));
            }
        }
        if !spec.conflicts.is_empty() {
            out.push('\n');
            for c in spec.conflicts {
                let _ = writeln!(
                    out,
                    "Not together: {} with {} ({}).",
                    c.key,
                    c.with.join(", "),
                    c.why
                );
            }
        }
        out.push('\n');
    }
    out
}

fn heading(spec: &TableSpec) -> String {
    match spec.name {
        "scenario_file" => "Top level".to_owned(),
        "scenario" | "network" | "c2" => format!("`[{}]`", spec.name),
        "position" | "route_point" | "orbit" => format!("`{}` (inline table)", spec.name),
        name => format!("`[[{name}]]`"),
    }
}
