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

/// Issue 18: a text beyond the size limit is one located problem, nothing else is parsed.
#[test]
fn issue_18_an_oversized_text_is_refused() {
    let text = "#".repeat(scenario::MAX_SCENARIO_BYTES + 1);
    let errors = scenario::load("big.toml", &text).expect_err("too large");
    assert_eq!(
        errors.to_string(),
        format!(
            "big.toml:1:1: error: the text is {} bytes; a scenario may be at most {} bytes",
            scenario::MAX_SCENARIO_BYTES + 1,
            scenario::MAX_SCENARIO_BYTES
        )
    );
}

/// Issue 18: a problem on a line longer than 65,535 columns (which made the snippet renderer
/// panic) renders in every form, with its column, and printed lines are cut with a marker.
#[test]
fn issue_18_a_problem_on_a_very_long_line_renders() {
    let long = "x".repeat(100_000);
    let text = format!("format_version = 1\nbad = \"{long}\"\n{long} = 1\n");
    let errors = scenario::load("long.toml", &text).expect_err("malformed");
    let compact = errors.compact(10);
    for line in compact.lines() {
        assert!(
            line.chars().count() < scenario::MAX_LINE_CHARS + 40,
            "{line}"
        );
    }
    assert!(compact.contains("more characters]"), "{compact}");
    let json = errors.to_json(10).to_string();
    assert!(
        json.len() < 20 * scenario::MAX_LINE_CHARS * 4,
        "{}",
        json.len()
    );
    use miette::{GraphicalReportHandler, GraphicalTheme};
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, &errors.into_summary())
        .expect("renders without the snippet");
}

/// Issue 18: tens of thousands of problems are all counted, and the capped form prints the
/// first ones and the total (rendering was quadratic: 90,000 problems took minutes).
#[test]
fn issue_18_many_problems_are_capped_with_the_total() {
    let mut text = String::from("format_version = 1\n");
    for i in 0..30_000 {
        text.push_str(&format!("unknown_{i} = 1\n"));
    }
    let errors = scenario::load("many.toml", &text).expect_err("malformed");
    let total = errors.problems().len();
    assert!(total > 30_000, "{total}");
    let shown = errors.compact(5);
    let last = shown.lines().last().expect("a closing line");
    assert_eq!(
        last,
        format!(
            "many.toml: … {} more problems not shown ({total} in total)",
            total - 5
        )
    );
    let json = errors.to_json(5);
    assert_eq!(json["total"], total);
    assert_eq!(json["shown"], 5);
    assert_eq!(json["problems"][0]["severity"], "error");
    assert!(json["problems"][4]["line"].as_u64().is_some_and(|l| l >= 2));
}

/// Issue 18: a scenario holds at most 65,535 sensors (a shared plot names its sensor in 16
/// bits); one more is a located error at the first sensor beyond the limit. Below it, sensor
/// sets have no width limit (`base::SensorSet`).
#[test]
fn issue_18_more_sensors_than_the_wire_numbers_are_refused_where_they_start() {
    let mut text = scenario::builtin::get("two-nation-salvo")
        .expect("built in")
        .to_owned();
    let existing = text.matches("[[sensor]]").count();
    for i in existing..=65_535 {
        text.push_str(&format!(
            "\n[[sensor]]\nname = \"S{i}\"\nnation = \"USA\"\nplatform = \"USS-DDG-1\"\n\
             kind = \"radar\"\nnode = \"USA-NAT\"\npd = 0.5\nmax_range_km = 2\n"
        ));
    }
    let errors = scenario::load("many-sensors.toml", &text).expect_err("one too many");
    let shown = errors.compact(5);
    let first = shown.lines().next().expect("a problem");
    let line = text[..text.rfind("[[sensor]]").expect("the last sensor")]
        .lines()
        .count()
        + 1;
    assert_eq!(
        first,
        format!(
            "many-sensors.toml:{line}:1: error: sensor[65535]: too many sensors: a scenario \
             holds at most 65535, found 65536"
        ),
        "{shown}"
    );
}
