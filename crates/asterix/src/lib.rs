//! EUROCONTROL ASTERIX: data blocks, records and the containers recordings come in.
//!
//! # Primer
//! An ASTERIX payload is a sequence of **data blocks** (`CAT`, `LEN`, records). A **record**
//! starts with a field specification (FSPEC: presence bits, seven an octet, bit 1 of each
//! octet saying whether another follows) that marks which **data items** of the category's
//! user application profile (UAP) follow, in field reference number (FRN) order. Items are
//! fixed, extended (parts chained by an FX bit), repetitive (a count, then elements),
//! compound (presence bits, then subfields) or explicit (a length octet, then bytes).
//!
//! # Design
//! Profiles are data ([`spec`]): one module per category and edition under `uap/` declares each
//! item's FRN, id, kind, length and fields (name, bit range as the specification numbers it,
//! encoding with scale, unit and signedness). One decoder walks any table. Decoded values keep
//! their raw bits and the field's declaration, so a value reads as the standard defines it
//! ([`FieldValue::value`]: a code, text, or a [`Quantity`] with its [`Unit`] and SI value).
//!
//! Profiles: CAT048 edition 1.21 (with Mode S Comm-B registers 4,0, 5,0, 6,0 in I250) and
//! CAT034 edition 1.27. A block of any other category is skipped by its length and counted.
//!
//! # Bad input
//! Every length is checked against what is left before it is used: malformed input gives a
//! located [`DecodeError`] (block offset, record index, item, byte) or [`ContainerError`]
//! (packet or frame index and offset), never a panic, and allocation stays proportional to
//! the input (a repetition count is checked against the bytes present before anything is
//! allocated; a presence list is never longer than its table). A record error loses the rest
//! of its block (the next record's start is unknown) but not the following blocks.
//!
//! # Not modelled
//! Encoding; CAT021, CAT062 and other categories; editions other than those above (a later
//! edition's extra parts of an extended item are kept undecoded); the contents of SP and RE
//! fields; pcapng, IPv6, IP reassembly; Mode C Gray code conversion (I048/100 keeps the code).

mod bits;
mod block;
mod commb;
pub mod container;
mod error;
mod record;
pub mod spec;
mod uap;
mod units;

pub use block::{Block, BlockRecords, Blocks, blocks, decode_block};
pub use container::{Container, ContainerError, ContainerProblem, Payload, Unpacked};
pub use error::{DecodeError, Location, Problem};
pub use record::{FieldValue, Item, ItemValue, Record, Value};
pub use uap::{PROFILES, profile};
pub use units::{Quantity, Unit};

use std::collections::BTreeMap;

/// Counts over a decoded file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Payloads (UDP datagrams, frames; 1 for a raw file), duplicates included.
    pub payloads: u64,
    /// Payloads that repeated an earlier one (dual-LAN copies) and were not decoded.
    pub duplicates: u64,
    /// Packets without an IPv4/UDP payload.
    pub skipped_packets: u64,
    /// Data blocks found in the decoded payloads, per category.
    pub blocks: BTreeMap<u8, u64>,
    /// Blocks of categories without a profile here, per category (skipped by length).
    pub skipped_blocks: BTreeMap<u8, u64>,
    /// Records decoded, per category.
    pub records: BTreeMap<u8, u64>,
    /// Decoding errors (each loses the rest of a block or payload).
    pub errors: u64,
}

/// A whole file decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The container it was in.
    pub container: Container,
    /// Every record, in file order.
    pub records: Vec<Record>,
    /// Every block-level problem, in file order.
    pub errors: Vec<DecodeError>,
    /// The container problem that ended reading early, if any.
    pub container_error: Option<ContainerError>,
    /// Counts.
    pub stats: Stats,
}

/// Decodes a file's bytes: detects the container, takes it apart, skips duplicate payloads and
/// blocks of unknown categories, and decodes every record it can.
pub fn decode_file(bytes: &[u8]) -> Decoded {
    decode_unpacked(container::unpack(bytes, container::detect(bytes)))
}

/// Decodes payloads already taken out of their container.
pub fn decode_unpacked(unpacked: Unpacked<'_>) -> Decoded {
    let mut stats = Stats {
        payloads: unpacked.payloads.len() as u64,
        duplicates: unpacked.duplicates(),
        skipped_packets: unpacked.skipped_packets,
        ..Stats::default()
    };
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for payload in unpacked.payloads.iter().filter(|p| !p.duplicate) {
        for block in blocks(payload.bytes, payload.offset) {
            let block = match block {
                Ok(b) => b,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            *stats.blocks.entry(block.category).or_default() += 1;
            let Some(uap) = profile(block.category) else {
                *stats.skipped_blocks.entry(block.category).or_default() += 1;
                continue;
            };
            let decoded = decode_block(&block, uap);
            *stats.records.entry(block.category).or_default() += decoded.records.len() as u64;
            records.extend(decoded.records);
            errors.extend(decoded.error);
        }
    }
    stats.errors = errors.len() as u64 + u64::from(unpacked.error.is_some());
    Decoded {
        container: unpacked.container,
        records,
        errors,
        container_error: unpacked.error,
        stats,
    }
}

#[cfg(test)]
mod tests;
