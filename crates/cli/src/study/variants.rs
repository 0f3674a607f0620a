//! Variants of a comparison: the built-ins and `NAME=PATH=VALUE;...` user definitions, and
//! the value lists of a sweep.

use super::runs::Cell;
use anyhow::{Result, bail};

/// A built-in variant: a rung of the integration ladder.
pub(super) struct Builtin {
    /// Its name.
    pub(super) name: &'static str,
    /// Former names it still answers to (a variant keeps the name it was given).
    pub(super) aliases: &'static [&'static str],
    /// The overrides that define it.
    pub(super) overrides: &'static [&'static str],
}

/// The built-in variants, in ladder order: each adds one step of integration to the one
/// before (see the module docs of `study` for what each step is and its known limits).
pub(super) const LADDER: &[Builtin] = &[
    Builtin {
        name: "standalone",
        aliases: &[],
        overrides: &[
            "release=national",
            "network.sharing=\"track\"",
            "c2.remote_use=\"autonomous\"",
        ],
    },
    Builtin {
        name: "national",
        aliases: &[],
        overrides: &[
            "release=national",
            "network.sharing=\"track\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"own_nation\"",
        ],
    },
    Builtin {
        name: "allied-picture",
        aliases: &["networked"],
        overrides: &[
            "network.sharing=\"track\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"own_nation\"",
        ],
    },
    Builtin {
        name: "allied-lor",
        aliases: &[],
        // allied-picture's engagement on own-nation data, plus launches on allies' data that
        // the unit's own radar (or own-nation data) takes over.
        overrides: &[
            "network.sharing=\"track\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"own_nation\"",
            "c2.launch_on_remote_from=\"allies\"",
        ],
    },
    Builtin {
        name: "allied-eor",
        aliases: &["networked+eor"],
        overrides: &[
            "network.sharing=\"track\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"allies\"",
        ],
    },
    Builtin {
        name: "composite",
        aliases: &[],
        overrides: &[
            "network.sharing=\"measurement\"",
            "c2.remote_use=\"engage_on_remote\"",
            "c2.remote_from=\"allies\"",
        ],
    },
];

/// The overrides of the built-in called `name` (or one of its former names).
pub(super) fn builtin(name: &str) -> Option<&'static [&'static str]> {
    LADDER
        .iter()
        .find(|b| b.name == name || b.aliases.contains(&name))
        .map(|b| b.overrides)
}

/// The built-in ladder as cells, in order (`standalone` first: the baseline).
pub(super) fn ladder() -> Result<Vec<Cell>> {
    LADDER
        .iter()
        .map(|b| {
            Cell::new(
                b.name,
                b.overrides.iter().map(|s| (*s).to_owned()).collect(),
            )
        })
        .collect()
}

/// The `--variant` arguments as cells, the baseline first; none given: the ladder.
pub(super) fn parse_all(args: &[String]) -> Result<Vec<Cell>> {
    if args.is_empty() {
        return ladder();
    }
    let cells = args.iter().map(|a| parse(a)).collect::<Result<Vec<_>>>()?;
    for (i, c) in cells.iter().enumerate() {
        if cells[..i].iter().any(|d| d.name == c.name) {
            bail!("variant {:?} given twice", c.name);
        }
    }
    Ok(cells)
}

/// The names of the built-ins, in ladder order, for messages.
pub(super) fn names() -> String {
    LADDER.iter().map(|b| b.name).collect::<Vec<_>>().join(", ")
}

/// `NAME` (built-in) or `NAME=ITEM;ITEM...` where an item is `PATH=VALUE` or a built-in name.
fn parse(arg: &str) -> Result<Cell> {
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
    // A label lands in runs.csv, study.json, the report and the terminal: printable text only
    // (a bidi override or a control character reordered or hid what is shown).
    if let Some(why) = scenario::name_problem(name) {
        bail!("variant {name:?}: {why}");
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
