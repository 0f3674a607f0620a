//! Decoding errors, each located: which block (by byte offset in the input), which record of
//! it, which item, and the byte where decoding stopped.

use std::fmt;

/// Where in the input a decoding problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Byte offset of the data block's first octet (CAT) in the input.
    pub block_offset: u64,
    /// The block's category, once its header was read.
    pub category: Option<u8>,
    /// Index of the record within its block (from 0), once records are being read.
    pub record: Option<u32>,
    /// The item being decoded (its id in the category: `"250"`), once known.
    pub item: Option<&'static str>,
    /// Byte offset in the input where decoding stopped.
    pub offset: u64,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "block at byte {}", self.block_offset)?;
        if let Some(cat) = self.category {
            write!(f, " (CAT{cat:03})")?;
        }
        if let Some(record) = self.record {
            write!(f, ", record {record}")?;
        }
        if let Some(item) = self.item {
            match self.category {
                Some(cat) => write!(f, ", item I{cat:03}/{item}")?,
                None => write!(f, ", item {item}")?,
            }
        }
        write!(f, ", byte {}", self.offset)
    }
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// Fewer than 3 bytes where a data block header should be.
    #[error("{available} byte(s) left, fewer than a data block header's 3")]
    TruncatedHeader {
        /// Bytes left.
        available: usize,
    },
    /// The block's length does not even cover its own header.
    #[error("block length {declared} is shorter than its 3-byte header")]
    LengthTooShort {
        /// The LEN field.
        declared: u16,
    },
    /// The block's length runs past the end of the input.
    #[error("block length {declared} runs past the end of the data ({available} byte(s) left)")]
    LengthPastEnd {
        /// The LEN field.
        declared: u16,
        /// Bytes left from the block's start.
        available: usize,
    },
    /// The record's field specification has no end within the block.
    #[error("FSPEC runs past the end of the block")]
    FspecTruncated,
    /// The FSPEC marks nothing.
    #[error("FSPEC marks no item")]
    EmptyRecord,
    /// The FSPEC marks a field reference number the profile does not define.
    #[error(
        "FSPEC marks FRN {frn}, which edition {edition} does not define: the item cannot be sized"
    )]
    UnknownItem {
        /// Field reference number.
        frn: u32,
        /// Edition of the profile used.
        edition: &'static str,
    },
    /// A compound item's primary subfield marks a subfield the profile does not define.
    #[error("presence bit {bit} marks a subfield edition {edition} does not define")]
    UnknownSubfield {
        /// Index of the presence bit (from 1, FX bits not counted).
        bit: u32,
        /// Edition of the profile used.
        edition: &'static str,
    },
    /// The item needs more bytes than the block has left.
    #[error("needs {needed} byte(s), {available} left in the block")]
    ItemTruncated {
        /// Bytes the item needs from here.
        needed: usize,
        /// Bytes left in the block.
        available: usize,
    },
    /// An explicit item's length octet is 0 (it counts itself, so at least 1).
    #[error("explicit length 0 (the length octet counts itself)")]
    ExplicitLengthZero,
}

/// A located decoding problem.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {problem}")]
pub struct DecodeError {
    /// Where.
    pub location: Location,
    /// What.
    pub problem: Problem,
}
