//! Byte offsets to 1-based line and column numbers (columns count characters, not bytes).
//!
//! Problems are located all at once, in one sweep over the text in offset order: locating
//! each offset on its own costs its column in characters, which made tens of thousands of
//! problems on one long line quadratic.

use core::ops::Range;

/// A byte span in the scenario text.
pub(crate) type Span = Range<usize>;

/// Lines longer than this many bytes are "long": renderers that keep columns in 16 bits
/// (miette's graphical handler panics past 65,535 columns) must not be handed their spans.
pub(crate) const LONG_LINE_BYTES: usize = 60_000;

/// Where an offset is: 1-based line and character column, and whether its line is long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Located {
    pub(crate) line: usize,
    pub(crate) col: usize,
    pub(crate) long_line: bool,
}

/// Locates every offset of `offsets` in `text`, in O(text + k log k). Lines end at `\n` (a
/// `\r` before it counts as a character of the line); offsets past the end clamp to the end,
/// and an offset inside a multi-byte character counts as that character.
pub(crate) fn locate_all(text: &str, offsets: &[usize]) -> Vec<Located> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![
        Located {
            line: 1,
            col: 1,
            long_line: false
        };
        offsets.len()
    ];
    let (mut pos, mut line, mut col) = (0usize, 1usize, 1usize);
    // Byte range of the current line, found once per line.
    let mut line_start = 0usize;
    let line_end = |start: usize| text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut end = line_end(0);
    for i in order {
        let mut target = offsets[i].min(text.len());
        while !text.is_char_boundary(target) {
            target -= 1;
        }
        for c in text[pos..target].chars() {
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        if target > pos && text[pos..target].contains('\n') {
            line_start = text[..target].rfind('\n').map_or(0, |n| n + 1);
            end = line_end(line_start);
        }
        pos = target;
        out[i] = Located {
            line,
            col,
            long_line: end - line_start > LONG_LINE_BYTES,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The obvious per-offset location, as the reference.
    fn naive(text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |n| n + 1);
        (line, text[start..offset].chars().count() + 1)
    }

    #[test]
    fn lines_and_character_columns() {
        let text = "ab\nçd = 1\n\nx";
        let at = |o: usize| {
            let l = locate_all(text, &[o])[0];
            (l.line, l.col)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(2), (1, 3));
        assert_eq!(at(3), (2, 1));
        // 'ç' is two bytes: 'd' is byte 5 but column 2.
        assert_eq!(at(5), (2, 2));
        assert_eq!(at(4), (2, 1), "inside a character counts as that character");
        assert_eq!(at(11), (3, 1));
        assert_eq!(at(12), (4, 1));
        assert_eq!(at(999), (4, 2), "clamped to the end");
    }

    #[test]
    fn long_lines_are_flagged() {
        let text = format!("a = 1\nb = \"{}\"\nc = 2", "x".repeat(LONG_LINE_BYTES));
        let got = locate_all(&text, &[0, 10, text.len() - 1]);
        assert_eq!(
            got.iter().map(|l| l.long_line).collect::<Vec<_>>(),
            [false, true, false]
        );
    }

    proptest! {
        #[test]
        fn the_sweep_equals_the_naive_location(
            text in "[a-cç\\n\\r]{0,60}",
            offsets in proptest::collection::vec(0usize..80, 0..12),
        ) {
            let got = locate_all(&text, &offsets);
            for (o, l) in offsets.iter().zip(got) {
                prop_assert_eq!((l.line, l.col), naive(&text, *o), "offset {}", o);
            }
        }
    }
}
