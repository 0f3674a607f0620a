//! The user application profiles this crate decodes, one module per category and edition.

mod cat034_1_27;
mod cat048_1_21;

use crate::spec::{Field, ItemSpec, Kind, Subfield, Uap, code};

/// I0xx/010 Data Source Identifier: the same two octets in every category.
const SOURCE: &[Field] = &[code("SAC", 16, 9), code("SIC", 8, 1)];

/// A fixed-length item of `len` octets.
const fn fixed(
    frn: u8,
    id: &'static str,
    title: &'static str,
    len: u8,
    fields: &'static [Field],
) -> Option<ItemSpec> {
    Some(ItemSpec {
        frn,
        id,
        title,
        kind: Kind::Fixed { len, fields },
    })
}

/// Every profile this crate knows, one per category (the edition it decodes that category in).
pub static PROFILES: &[&Uap] = &[&cat034_1_27::UAP, &cat048_1_21::UAP];

/// The profile used for `category`, if this crate decodes it.
pub fn profile(category: u8) -> Option<&'static Uap> {
    PROFILES.iter().copied().find(|u| u.category == category)
}

#[cfg(test)]
mod tests;

/// A compound item: a primary subfield of presence bits, then the present subfields.
const fn compound(
    frn: u8,
    id: &'static str,
    title: &'static str,
    subfields: &'static [Option<Subfield>],
) -> Option<ItemSpec> {
    Some(ItemSpec {
        frn,
        id,
        title,
        kind: Kind::Compound { subfields },
    })
}

/// An explicit-length item (special purpose, reserved expansion): kept as bytes.
const fn explicit(frn: u8, id: &'static str, title: &'static str) -> Option<ItemSpec> {
    Some(ItemSpec {
        frn,
        id,
        title,
        kind: Kind::Explicit,
    })
}
