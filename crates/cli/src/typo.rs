//! A mistyped command gets "did you mean" before clap could take it for a scenario name
//! (`kizuna` with no command runs a scenario, so `kizuna vaidate my.toml` would otherwise read
//! `vaidate` as `[SCENARIO]`).

/// Why the first word of the command line is neither a command nor a scenario; `None` when
/// it is fine (a flag, a command, an existing file, a built-in scenario, or something that
/// looks like a path, which `run` reports itself).
pub(crate) fn unknown_first_word(first: &str, commands: &[&str]) -> Option<String> {
    let builtins: Vec<&str> = scenario::builtin::list().iter().map(|(n, _)| *n).collect();
    let looks_like_path = first.contains(['/', '\\', '.']);
    if first.starts_with('-')
        || commands.contains(&first)
        || builtins.contains(&first)
        || looks_like_path
        || std::path::Path::new(first).exists()
    {
        return None;
    }
    let mut msg =
        format!("`{first}` is not a kizuna command, a scenario file or a built-in scenario");
    if let Some(c) = closest(first, commands.iter().copied()) {
        msg.push_str(&format!("\n\n  did you mean the command `{c}`?"));
    } else if let Some(b) = closest(first, builtins.iter().copied()) {
        msg.push_str(&format!("\n\n  did you mean the built-in scenario `{b}`?"));
    } else {
        msg.push_str(&format!(
            "\n\n  commands: {}\n  built-in scenarios: {}",
            commands.join(", "),
            builtins.join(", ")
        ));
    }
    msg.push_str("\n\nFor more information, try 'kizuna --help'.");
    Some(msg)
}

/// The candidate within a plausible typo distance of `word` (optimal string alignment, at most
/// a third of the word's length and at least 1; or a prefix of 3+ letters), closest first,
/// ties to the earlier candidate.
pub(crate) fn closest<'c>(
    word: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = strsim::osa_distance(&word, &c.to_lowercase());
        let prefix = word.len() >= 3 && c.starts_with(word.as_str());
        let d = if prefix { d.min(limit) } else { d };
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMANDS: &[&str] = &[
        "run", "validate", "scenario", "schema", "sensors", "serve-x",
    ];

    #[test]
    fn typos_of_commands_are_caught_with_a_suggestion() {
        let m = unknown_first_word("vaidate", COMMANDS).expect("caught");
        assert!(m.contains("did you mean the command `validate`?"), "{m}");
        let m = unknown_first_word("sensor", COMMANDS).expect("caught");
        assert!(m.contains("`sensors`"), "{m}");
    }

    #[test]
    fn unknown_words_list_commands_and_scenarios() {
        let m = unknown_first_word("frobnicate", COMMANDS).expect("caught");
        assert!(m.contains("commands: run, validate"), "{m}");
        assert!(m.contains("western-pacific"), "{m}");
    }

    #[test]
    fn commands_files_flags_and_builtins_pass() {
        for ok in [
            "validate",
            "--seed",
            "western-pacific",
            "my.toml",
            "dir/x",
            ".",
        ] {
            assert_eq!(unknown_first_word(ok, COMMANDS), None, "{ok}");
        }
    }

    #[test]
    fn builtin_typos_are_suggested() {
        let m = unknown_first_word("westren-pacific", COMMANDS).expect("caught");
        assert!(m.contains("built-in scenario `western-pacific`"), "{m}");
    }
}
