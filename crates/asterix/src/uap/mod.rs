//! The user application profiles this crate decodes, one module per category and edition.

mod cat034_1_27;
mod cat048_1_21;

use crate::spec::Uap;

/// Every profile this crate knows, one per category (the edition it decodes that category in).
pub static PROFILES: &[&Uap] = &[&cat034_1_27::UAP, &cat048_1_21::UAP];

/// The profile used for `category`, if this crate decodes it.
pub fn profile(category: u8) -> Option<&'static Uap> {
    PROFILES.iter().copied().find(|u| u.category == category)
}

#[cfg(test)]
mod tests;
