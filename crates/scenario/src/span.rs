//! Byte offsets to 1-based line and column numbers (columns count characters, not bytes).

use core::ops::Range;

/// A byte span in the scenario text.
pub(crate) type Span = Range<usize>;

/// Line starts of one text, for offset → (line, column) lookups.
#[derive(Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`. Lines end at `\n` (a `\r` before it counts as a character of the line).
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to the end, and an
    /// offset inside a multi-byte character counts as that character.
    pub(crate) fn locate(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns() {
        let index = LineIndex::new("ab\nçd = 1\n\nx");
        assert_eq!(index.locate(0), (1, 1));
        assert_eq!(index.locate(2), (1, 3));
        assert_eq!(index.locate(3), (2, 1));
        // 'ç' is two bytes: 'd' is byte 5 but column 2.
        assert_eq!(index.locate(5), (2, 2));
        assert_eq!(
            index.locate(4),
            (2, 1),
            "inside a character counts as that character"
        );
        assert_eq!(index.locate(11), (3, 1));
        assert_eq!(index.locate(12), (4, 1));
        assert_eq!(index.locate(999), (4, 2), "clamped to the end");
    }
}
