//! A study's scenario text: a file path or a built-in name, as `kizuna run` takes it.
//!
//! Studies need the text (overrides edit it before validation), which the shared loader in
//! `commands` does not hand out, so the lookup is repeated here.

use anyhow::{Context, Result, bail};
use std::path::Path;

/// Returns (name for messages, TOML text).
pub(super) fn read(arg: Option<&str>) -> Result<(String, String)> {
    let name = arg.unwrap_or(scenario::builtin::DEFAULT);
    let path = Path::new(name);
    if path.exists() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read scenario file {}", path.display()))?;
        return Ok((name.to_owned(), text));
    }
    match scenario::builtin::get(name) {
        Some(text) => Ok((format!("{name}.toml"), text.to_owned())),
        None => {
            let names: Vec<&str> = scenario::builtin::list().iter().map(|(n, _)| *n).collect();
            bail!(
                "no scenario file {name:?} and no built-in scenario of that name (built-ins: {})",
                names.join(", ")
            )
        }
    }
}
