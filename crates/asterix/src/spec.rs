//! The vocabulary a category's user application profile (UAP) is declared in.
//!
//! A UAP is data: a table of items by field reference number (FRN), each with its kind
//! (fixed, extended, repetitive, compound, explicit) and, for the kinds with a layout, its
//! fields (name, bit range, encoding). The decoder in `record.rs` walks these tables; adding a
//! category or an edition is a new table, not new code. Bits are numbered as the EUROCONTROL
//! specifications number them: within a part of `n` octets, bit `8n` is the most significant
//! bit of the first octet and bit 1 the least significant bit of the last.

use crate::units::Unit;

/// How a field's bits are read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Encoding {
    /// A code or a count: the unsigned integer itself.
    Code,
    /// A scaled number: `raw × scale + offset` in `unit`; `signed` fields are two's
    /// complement over their own width.
    Quantity {
        /// Two's complement over the field's width.
        signed: bool,
        /// Value of one LSB.
        scale: f64,
        /// Added after scaling (BDS 4,0's barometric setting is stored minus 800 hPa).
        offset: f64,
        /// Unit of `raw × scale + offset`.
        unit: Unit,
    },
    /// Octal digits, 3 bits each (Mode 1/2/3/A codes): `"7700"`.
    Octal,
    /// Upper-case hexadecimal, 4 bits a digit (Mode S address): `"3C660C"`.
    Hex,
    /// ICAO 6-bit characters (aircraft identification, ICAO Annex 10 vol. IV table 3-9).
    Icao6,
    /// Spare bits; the standard requires them to be 0 but a decoder reads them anyway.
    Spare,
    /// Field extension indicator: 1 when another part follows.
    Fx,
}

/// One field of a part: a contiguous bit range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// Short name, as the specification's and the common decoders' tables spell it.
    pub name: &'static str,
    /// Most significant bit (numbered as in the specification).
    pub msb: u8,
    /// Least significant bit.
    pub lsb: u8,
    /// How the bits are read.
    pub encoding: Encoding,
}

impl Field {
    /// Width in bits.
    pub fn width(&self) -> u32 {
        u32::from(self.msb) - u32::from(self.lsb) + 1
    }
}

/// A code field.
pub(crate) const fn code(name: &'static str, msb: u8, lsb: u8) -> Field {
    Field {
        name,
        msb,
        lsb,
        encoding: Encoding::Code,
    }
}
/// A one-bit flag.
pub(crate) const fn flag(name: &'static str, bit: u8) -> Field {
    code(name, bit, bit)
}
/// An unsigned scaled field.
pub(crate) const fn unsigned(
    name: &'static str,
    msb: u8,
    lsb: u8,
    scale: f64,
    unit: Unit,
) -> Field {
    Field {
        name,
        msb,
        lsb,
        encoding: Encoding::Quantity {
            signed: false,
            scale,
            offset: 0.0,
            unit,
        },
    }
}
/// A two's complement scaled field.
pub(crate) const fn signed(name: &'static str, msb: u8, lsb: u8, scale: f64, unit: Unit) -> Field {
    Field {
        name,
        msb,
        lsb,
        encoding: Encoding::Quantity {
            signed: true,
            scale,
            offset: 0.0,
            unit,
        },
    }
}
/// A field with another encoding.
pub(crate) const fn encoded(name: &'static str, msb: u8, lsb: u8, encoding: Encoding) -> Field {
    Field {
        name,
        msb,
        lsb,
        encoding,
    }
}
/// Spare bits.
pub(crate) const fn spare(msb: u8, lsb: u8) -> Field {
    encoded("spare", msb, lsb, Encoding::Spare)
}
/// The FX bit (bit 1 of a part).
pub(crate) const FX: Field = encoded("FX", 1, 1, Encoding::Fx);

/// What a repetitive item's elements hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Element {
    /// Every element has these fields.
    Fields(&'static [Field]),
    /// Mode S Comm-B registers (8 octets: 56-bit MB field then BDS1/BDS2), decoded by the
    /// register the last octet names (`crate::commb`).
    CommB,
}

/// What follows the last declared part of an extended item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Beyond {
    /// Further parts repeat the last declared part's layout (items that list one value per
    /// part, such as CAT048 I030's warning codes).
    Repeat,
    /// Further parts belong to a later edition: sized by their FX bits and kept undecoded.
    Opaque,
}

/// The structure of a data item (or of a compound item's subfield).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// `len` octets.
    Fixed {
        /// Length in octets.
        len: u8,
        /// Fields over `len × 8` bits.
        fields: &'static [Field],
    },
    /// Parts of `part_len` octets, each ending with an FX bit that says whether another follows.
    Extended {
        /// Octets per part.
        part_len: u8,
        /// Each declared part's fields (each ends with [`FX`]).
        parts: &'static [&'static [Field]],
        /// What parts after the declared ones hold.
        beyond: Beyond,
    },
    /// A one-octet repetition count, then that many elements of `len` octets.
    Repetitive {
        /// Octets per element.
        len: u8,
        /// What each element holds.
        element: Element,
    },
    /// A primary subfield of presence bits (seven a octet, FX last), then the present
    /// subfields in order.
    Compound {
        /// One entry per presence bit, in order (bit 8 of the first octet first); `None` is a
        /// spare presence bit.
        subfields: &'static [Option<Subfield>],
    },
    /// A one-octet length (counting itself), then that many octets minus one, undecoded
    /// (Special Purpose and Reserved Expansion fields).
    Explicit,
}

/// One subfield of a compound item.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Subfield {
    /// Short name of the subfield (the name of its presence bit in common decoders).
    pub name: &'static str,
    /// Its structure.
    pub kind: Kind,
}

/// One data item of a UAP.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemSpec {
    /// Field reference number: its position in the FSPEC, from 1.
    pub frn: u8,
    /// Item id within the category: `"010"`, `"SP"`, `"RE"`.
    pub id: &'static str,
    /// Title in the specification.
    pub title: &'static str,
    /// Structure.
    pub kind: Kind,
}

/// A category's user application profile in one edition.
#[derive(Debug, PartialEq)]
pub struct Uap {
    /// Category number.
    pub category: u8,
    /// Edition of the specification the table follows, `"1.21"`.
    pub edition: &'static str,
    /// Items in FRN order; `None` marks an FRN the edition leaves spare.
    pub items: &'static [Option<ItemSpec>],
    /// The item and field holding the record's time of day in seconds, if any.
    pub time_of_day: Option<(&'static str, &'static str)>,
}

impl Uap {
    /// The item at field reference number `frn` (from 1).
    pub fn item(&self, frn: u32) -> Option<&ItemSpec> {
        let index = usize::try_from(frn.checked_sub(1)?).ok()?;
        self.items.get(index)?.as_ref()
    }
}
