//! Records: the FSPEC, then each item it marks, decoded by the profile's table.
//!
//! Every length comes from the table or from the input's own length octets, and every read
//! is checked against what is left of the block first, so a record never reads past its
//! block and nothing is allocated for more elements than the bytes present could hold.

use crate::bits;
use crate::commb;
use crate::error::Problem;
use crate::spec::{Beyond, Element, Encoding, Field, ItemSpec, Kind, Uap};
use crate::units::Quantity;

/// One decoded field: its declaration and its raw bits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldValue {
    /// The field's declaration.
    pub field: &'static Field,
    /// Its bits as read, unsigned.
    pub raw: u64,
}

/// A field's decoded value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A code, flag or count.
    Code(u64),
    /// A scaled number with its unit.
    Quantity(Quantity),
    /// Octal, hex or ICAO 6-bit text.
    Text(String),
    /// Spare bits (should be 0).
    Spare(u64),
    /// A field extension bit.
    Fx(bool),
}

impl FieldValue {
    /// The field's short name.
    pub fn name(&self) -> &'static str {
        self.field.name
    }

    /// The raw bits as an integer: two's complement for signed fields, unsigned otherwise.
    pub fn integer(&self) -> i64 {
        match self.field.encoding {
            Encoding::Quantity { signed: true, .. } => {
                bits::sign_extend(self.raw, self.field.width())
            }
            // At most 64 bits wide; a 64-bit code above i64::MAX wraps, which no table declares.
            _ => self.raw as i64,
        }
    }

    /// The value, decoded by the field's encoding.
    pub fn value(&self) -> Value {
        let width = self.field.width();
        match self.field.encoding {
            Encoding::Code => Value::Code(self.raw),
            Encoding::Quantity {
                scale,
                offset,
                unit,
                ..
            } => Value::Quantity(Quantity {
                value: self.integer() as f64 * scale + offset,
                unit,
            }),
            Encoding::Octal => Value::Text(digits(self.raw, width.div_ceil(3), 3)),
            Encoding::Hex => Value::Text(digits(self.raw, width.div_ceil(4), 4)),
            Encoding::Icao6 => Value::Text(icao6(self.raw, width / 6)),
            Encoding::Spare => Value::Spare(self.raw),
            Encoding::Fx => Value::Fx(self.raw != 0),
        }
    }

    /// The scaled value, for quantity fields.
    pub fn quantity(&self) -> Option<Quantity> {
        match self.value() {
            Value::Quantity(q) => Some(q),
            _ => None,
        }
    }
}

/// `n` digits of `bits_per_digit` bits each, most significant first.
fn digits(raw: u64, n: u32, bits_per_digit: u32) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    (0..n)
        .rev()
        .map(|i| {
            let d = (raw >> (i * bits_per_digit)) & ((1 << bits_per_digit) - 1);
            char::from(DIGITS[d as usize])
        })
        .collect()
}

/// ICAO 6-bit characters (Annex 10 vol. IV table 3-9): 1–26 letters, 32 space, 48–57 digits;
/// 0 (no character: an identification never set is all zeros) reads as a space, as the common
/// decoders print it; other codes are not assigned and read as `?`.
fn icao6(raw: u64, n: u32) -> String {
    (0..n)
        .rev()
        .map(|i| match (raw >> (i * 6)) & 0x3F {
            c @ 1..=26 => char::from(b'A' + c as u8 - 1),
            0 | 32 => ' ',
            c @ 48..=57 => char::from(b'0' + c as u8 - 48),
            _ => '?',
        })
        .collect()
}

/// A decoded item's contents.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemValue {
    /// Fixed items, and extended items whose parts are all declared.
    Fields(Vec<FieldValue>),
    /// An extended item with parts beyond the declared ones (a later edition's): the declared
    /// parts' fields and the rest undecoded.
    Extended {
        /// Fields of the declared parts.
        fields: Vec<FieldValue>,
        /// The parts past the declared ones, as received.
        undecoded: Vec<u8>,
    },
    /// One field list per element.
    Repetitive(Vec<Vec<FieldValue>>),
    /// The present subfields, in order, by name.
    Compound(Vec<(&'static str, ItemValue)>),
    /// An explicit item's contents (after its length octet), undecoded.
    Bytes(Vec<u8>),
}

/// One decoded data item.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Its declaration in the profile.
    pub spec: &'static ItemSpec,
    /// Its contents.
    pub value: ItemValue,
}

/// One decoded record.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Category.
    pub category: u8,
    /// Edition of the profile it was decoded with.
    pub edition: &'static str,
    /// Byte offset of its data block in the input.
    pub block_offset: u64,
    /// Byte offset of the record itself in the input.
    pub offset: u64,
    /// Index within the block, from 0.
    pub index: u32,
    /// Its items in FSPEC order.
    pub items: Vec<Item>,
    uap: &'static Uap,
}

impl Record {
    /// The item with id `id` (`"040"`), if present.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.spec.id == id)
    }

    /// The record's time of day, seconds since midnight UTC, from the item the profile names.
    pub fn time_of_day_s(&self) -> Option<f64> {
        let (item, field) = self.uap.time_of_day?;
        let ItemValue::Fields(fields) = &self.item(item)?.value else {
            return None;
        };
        Some(fields.iter().find(|f| f.name() == field)?.quantity()?.value)
    }
}

/// Reads from a block body, never past its end.
pub(crate) struct Cursor<'a> {
    pub(crate) data: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Problem> {
        let available = self.data.len() - self.pos;
        if n > available {
            return Err(Problem::ItemTruncated {
                needed: n,
                available,
            });
        }
        let out = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    fn octet(&mut self) -> Result<u8, Problem> {
        Ok(self.take(1)?[0])
    }

    /// Octets of an FX-chained primary (FSPEC, compound presence): presence bits 8..2 of each
    /// octet as 1-based indices, until an octet whose bit 1 is 0. Indices above `declared`
    /// are not kept (so the list is never longer than the table); the first is returned apart.
    fn presence(&mut self, fspec: bool, declared: usize) -> Result<Presence, Problem> {
        let mut marked = Vec::new();
        let mut first_undeclared = None;
        let mut octet_index = 0u32;
        loop {
            let b = if fspec {
                self.octet().map_err(|_| Problem::FspecTruncated)?
            } else {
                self.octet()?
            };
            for k in 0..7 {
                if b & (0x80 >> k) != 0 {
                    let index = octet_index.saturating_mul(7).saturating_add(k + 1);
                    if usize::try_from(index).is_ok_and(|i| i <= declared) {
                        marked.push(index);
                    } else if first_undeclared.is_none() {
                        first_undeclared = Some(index);
                    }
                }
            }
            if b & 1 == 0 {
                return Ok(Presence {
                    marked,
                    first_undeclared,
                });
            }
            octet_index = octet_index.saturating_add(1);
        }
    }
}

/// What a primary marks.
struct Presence {
    /// Marked indices within the table, in order.
    marked: Vec<u32>,
    /// The first marked index beyond the table.
    first_undeclared: Option<u32>,
}

fn fields(declared: &'static [Field], part: &[u8]) -> impl Iterator<Item = FieldValue> {
    declared.iter().map(move |field| FieldValue {
        field,
        raw: bits::read(part, field.msb, field.lsb),
    })
}

/// Decodes one record at the cursor. On error, returns the item being decoded (if any).
pub(crate) fn decode(
    uap: &'static Uap,
    cursor: &mut Cursor<'_>,
) -> Result<Vec<Item>, (Option<&'static str>, Problem)> {
    let Presence {
        marked,
        first_undeclared,
    } = cursor
        .presence(true, uap.items.len())
        .map_err(|p| (None, p))?;
    if marked.is_empty() && first_undeclared.is_none() {
        return Err((None, Problem::EmptyRecord));
    }
    let mut items = Vec::with_capacity(marked.len());
    for frn in marked {
        let spec = uap.item(frn).ok_or((
            None,
            Problem::UnknownItem {
                frn,
                edition: uap.edition,
            },
        ))?;
        let value = decode_kind(&spec.kind, uap.edition, cursor).map_err(|p| (Some(spec.id), p))?;
        items.push(Item { spec, value });
    }
    // The undeclared FRN comes after every declared one; those before it were decodable,
    // but nothing after it can be sized, so the record is lost.
    if let Some(frn) = first_undeclared {
        return Err((
            None,
            Problem::UnknownItem {
                frn,
                edition: uap.edition,
            },
        ));
    }
    Ok(items)
}

fn decode_kind(
    kind: &'static Kind,
    edition: &'static str,
    cursor: &mut Cursor<'_>,
) -> Result<ItemValue, Problem> {
    match kind {
        Kind::Fixed {
            len,
            fields: declared,
        } => {
            let part = cursor.take(usize::from(*len))?;
            Ok(ItemValue::Fields(fields(declared, part).collect()))
        }
        Kind::Extended {
            part_len,
            parts,
            beyond,
        } => {
            let mut out = Vec::new();
            let mut undecoded = Vec::new();
            let mut index = 0usize;
            loop {
                let part = cursor.take(usize::from(*part_len))?;
                let layout = match (parts.get(index), beyond) {
                    (Some(p), _) => Some(*p),
                    (None, Beyond::Repeat) => parts.last().copied(),
                    (None, Beyond::Opaque) => None,
                };
                match layout {
                    Some(p) => out.extend(fields(p, part)),
                    None => undecoded.extend_from_slice(part),
                }
                index += 1;
                if part.last().is_none_or(|b| b & 1 == 0) {
                    break;
                }
            }
            Ok(if undecoded.is_empty() {
                ItemValue::Fields(out)
            } else {
                ItemValue::Extended {
                    fields: out,
                    undecoded,
                }
            })
        }
        Kind::Repetitive { len, element } => {
            let count = usize::from(cursor.octet()?);
            let len = usize::from(*len);
            // Checked before anything is allocated: all elements must be present.
            let body = cursor.take(count * len)?;
            let elements = body
                .chunks_exact(len.max(1))
                .map(|e| match element {
                    Element::Fields(declared) => fields(declared, e).collect(),
                    Element::CommB => {
                        let register = e.last().copied().unwrap_or_default();
                        fields(commb::layout(register), e).collect()
                    }
                })
                .collect();
            Ok(ItemValue::Repetitive(elements))
        }
        Kind::Compound { subfields } => {
            let present = cursor.presence(false, subfields.len())?;
            if let Some(bit) = present.first_undeclared {
                return Err(Problem::UnknownSubfield { bit, edition });
            }
            let mut out = Vec::with_capacity(present.marked.len());
            for bit in present.marked {
                let sub = usize::try_from(bit - 1)
                    .ok()
                    .and_then(|i| subfields.get(i))
                    .and_then(Option::as_ref)
                    .ok_or(Problem::UnknownSubfield { bit, edition })?;
                out.push((sub.name, decode_kind(&sub.kind, edition, cursor)?));
            }
            Ok(ItemValue::Compound(out))
        }
        Kind::Explicit => {
            let len = usize::from(cursor.octet()?);
            if len == 0 {
                return Err(Problem::ExplicitLengthZero);
            }
            Ok(ItemValue::Bytes(cursor.take(len - 1)?.to_vec()))
        }
    }
}

/// Builds a record (the block decoder's job; kept here so `Record`'s fields stay private).
pub(crate) fn record(
    uap: &'static Uap,
    block_offset: u64,
    offset: u64,
    index: u32,
    items: Vec<Item>,
) -> Record {
    Record {
        category: uap.category,
        edition: uap.edition,
        block_offset,
        offset,
        index,
        items,
        uap,
    }
}
