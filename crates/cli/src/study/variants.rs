//! Variants of a comparison: the built-ins and `NAME=PATH=VALUE;...` user definitions, and
//! the value lists of a sweep.

use super::runs::Cell;
use anyhow::{Result, bail};

/// The built-in variants: name and overrides (see the module docs of `study`).
pub(super) const BUILTIN: &[(&str, &[&str])] = &[
    (
        "national",
        &[
            "release=national",
            "network.sharing=\"track\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"own_nation\"",
        ],
    ),
    (
        "networked",
        &[
            "network.sharing=\"track\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"own_nation\"",
        ],
    ),
    (
        "composite",
        &[
            "network.sharing=\"measurement\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"own_nation\"",
        ],
    ),
    (
        "networked+eor",
        &[
            "network.sharing=\"track\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"allies\"",
        ],
    ),
];

fn builtin(name: &str) -> Option<&'static [&'static str]> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, o)| *o)
}

/// The `--variant` arguments as cells, the baseline first; none given: every built-in.
pub(super) fn parse_all(args: &[String]) -> Result<Vec<Cell>> {
    if args.is_empty() {
        return BUILTIN
            .iter()
            .map(|(name, o)| Cell::new(name, o.iter().map(|s| (*s).to_owned()).collect()))
            .collect();
    }
    let cells = args.iter().map(|a| parse(a)).collect::<Result<Vec<_>>>()?;
    for (i, c) in cells.iter().enumerate() {
        if cells[..i].iter().any(|d| d.name == c.name) {
            bail!("variant {:?} given twice", c.name);
        }
    }
    Ok(cells)
}

/// `NAME` (built-in) or `NAME=ITEM;ITEM...` where an item is `PATH=VALUE` or a built-in name.
fn parse(arg: &str) -> Result<Cell> {
    let names = || {
        BUILTIN
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((name, items)) = arg.split_once('=') else {
        return match builtin(arg) {
            Some(o) => Cell::new(arg, o.iter().map(|s| (*s).to_owned()).collect()),
            None => bail!(
                "no built-in variant {arg:?} (built-ins: {}); define one as NAME=PATH=VALUE[;PATH=VALUE...]",
                names()
            ),
        };
    };
    let name = name.trim();
    if name.is_empty() {
        bail!("variant {arg:?} has no name");
    }
    let mut overrides = Vec::new();
    for item in items.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        match builtin(item) {
            Some(o) => overrides.extend(o.iter().map(|s| (*s).to_owned())),
            None if item.contains('=') => overrides.push(item.to_owned()),
            None => bail!(
                "variant {name:?}: {item:?} is neither PATH=VALUE nor a built-in variant ({})",
                names()
            ),
        }
    }
    Cell::new(name, overrides)
}

/// Splits `v1,v2,...` at commas outside brackets and quotes (`["USA","JPN"],["USA"]` is two).
pub(super) fn split_values(s: &str) -> Vec<String> {
    let (mut out, mut cur) = (Vec::new(), String::new());
    let (mut depth, mut quoted) = (0i32, false);
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' | '{' if !quoted => depth += 1,
            ']' | '}' if !quoted => depth -= 1,
            ',' if depth == 0 && !quoted => {
                out.push(std::mem::take(&mut cur).trim().to_owned());
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur.trim().to_owned());
    out.retain(|v| !v.is_empty());
    out
}
