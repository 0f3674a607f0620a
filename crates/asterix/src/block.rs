//! Data blocks: `CAT (1) | LEN (2, big-endian, counting these 3) | records`, one category a
//! block, concatenated in a payload (a UDP datagram, a recording frame, a raw file).

use crate::error::{DecodeError, Location, Problem};
use crate::record::{self, Cursor, Record};
use crate::spec::Uap;

/// One data block, not yet decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block<'a> {
    /// Byte offset of its CAT octet in the input.
    pub offset: u64,
    /// Category.
    pub category: u8,
    /// The records (after the 3-octet header).
    pub body: &'a [u8],
}

/// The data blocks of a payload, in order. A block whose length is impossible ends the
/// iteration with a located error: the next block's start is then unknown.
pub fn blocks(payload: &[u8], base_offset: u64) -> Blocks<'_> {
    Blocks {
        payload,
        pos: 0,
        base_offset,
        failed: false,
    }
}

/// Iterator returned by [`blocks`].
#[derive(Debug)]
pub struct Blocks<'a> {
    payload: &'a [u8],
    pos: usize,
    base_offset: u64,
    failed: bool,
}

impl<'a> Iterator for Blocks<'a> {
    type Item = Result<Block<'a>, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.payload.len() {
            return None;
        }
        let rest = &self.payload[self.pos..];
        let offset = self.base_offset + self.pos as u64;
        let fail = |category, problem| DecodeError {
            location: Location {
                block_offset: offset,
                category,
                record: None,
                item: None,
                offset,
            },
            problem,
        };
        let result = match *rest {
            [category, hi, lo, ..] => {
                let declared = u16::from_be_bytes([hi, lo]);
                let len = usize::from(declared);
                if len < 3 {
                    Err(fail(Some(category), Problem::LengthTooShort { declared }))
                } else if len > rest.len() {
                    Err(fail(
                        Some(category),
                        Problem::LengthPastEnd {
                            declared,
                            available: rest.len(),
                        },
                    ))
                } else {
                    self.pos += len;
                    Ok(Block {
                        offset,
                        category,
                        body: &rest[3..len],
                    })
                }
            }
            _ => Err(fail(
                None,
                Problem::TruncatedHeader {
                    available: rest.len(),
                },
            )),
        };
        self.failed = result.is_err();
        Some(result)
    }
}

/// What one block decoded to: its records up to the first error, and that error.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockRecords {
    /// Records decoded, in order.
    pub records: Vec<Record>,
    /// The problem that stopped decoding the block, if any (records after it are lost: their
    /// start cannot be found).
    pub error: Option<DecodeError>,
}

/// Decodes a block's records with `uap` (which must be the block's category's profile).
pub fn decode_block(block: &Block<'_>, uap: &'static Uap) -> BlockRecords {
    debug_assert_eq!(block.category, uap.category, "profile of another category");
    let body_offset = block.offset + 3;
    let mut cursor = Cursor {
        data: block.body,
        pos: 0,
    };
    let mut records = Vec::new();
    let mut index = 0u32;
    while cursor.pos < block.body.len() {
        let start = cursor.pos;
        match record::decode(uap, &mut cursor) {
            Ok(items) => {
                records.push(record::record(
                    uap,
                    block.offset,
                    body_offset + start as u64,
                    index,
                    items,
                ));
            }
            Err((item, problem)) => {
                let location = Location {
                    block_offset: block.offset,
                    category: Some(block.category),
                    record: Some(index),
                    item,
                    offset: body_offset + cursor.pos as u64,
                };
                return BlockRecords {
                    records,
                    error: Some(DecodeError { location, problem }),
                };
            }
        }
        index += 1;
    }
    BlockRecords {
        records,
        error: None,
    }
}
