//! Whatever the text, the loader returns problems; it never panics.

use proptest::prelude::*;

fn load_never_panics(text: &str) {
    if let Err(errors) = scenario::load("fuzz.toml", text) {
        assert!(!errors.problems().is_empty(), "an error without problems");
        let _ = errors.to_string();
    }
}

/// Edits that keep most of the file intact, so the walker and builders see near-valid input.
#[derive(Clone, Debug)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    DeleteLine { line: usize },
    DuplicateLine { line: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    let snippets = prop::sample::select(vec![
        "-",
        "0",
        "1e400",
        "nan",
        "\"",
        "[",
        "]]",
        "=",
        "\n",
        "x = 1\n",
        "[[node]]\n",
        "\"RED-\"",
        "-1",
        "99999999999999999999",
        "ü",
        "{}",
        "[]",
        "true",
        "1979-01-01T00:00:00Z",
    ]);
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), snippets).prop_map(|(at, s)| Edit::Insert {
            at,
            text: s.to_owned()
        }),
        any::<usize>().prop_map(|line| Edit::DeleteLine { line }),
        any::<usize>().prop_map(|line| Edit::DuplicateLine { line }),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let floor = |mut i: usize| {
        i %= text.len() + 1;
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match edit {
        Edit::Delete { at, len } => {
            let a = floor(*at);
            let b = floor(a.saturating_add(*len).min(text.len()));
            format!("{}{}", &text[..a], &text[b.max(a)..])
        }
        Edit::Insert { at, text: s } => {
            let a = floor(*at);
            format!("{}{s}{}", &text[..a], &text[a..])
        }
        Edit::DeleteLine { line } | Edit::DuplicateLine { line } => {
            let mut lines: Vec<&str> = text.lines().collect();
            let i = line % lines.len().max(1);
            if i < lines.len() {
                if matches!(edit, Edit::DeleteLine { .. }) {
                    lines.remove(i);
                } else {
                    lines.insert(i, lines[i]);
                }
            }
            lines.join("\n")
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        load_never_panics(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_toml_like_text_never_panics(text in "[a-z_\\[\\]=\"{}., 0-9\n-]{0,300}") {
        load_never_panics(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn mangled_builtins_never_panic(which in 0..2usize, edits in prop::collection::vec(edit(), 1..4)) {
        let name = scenario::builtin::list()[which].0;
        let mut text = scenario::builtin::get(name).expect("built in").to_owned();
        for e in &edits {
            text = apply(&text, e);
        }
        load_never_panics(&text);
    }
}
