//! Table checks: every profile is well-formed, so the decoder's bit reads are always in range.

use super::PROFILES;
use crate::bits::MAX_PART_LEN;
use crate::commb::LAYOUTS;
use crate::spec::{Element, Encoding, Field, Kind};

fn check_fields(what: &str, len: u8, fields: &[Field]) {
    assert!(
        usize::from(len) <= MAX_PART_LEN,
        "{what}: part of {len} octets"
    );
    let bits = u32::from(len) * 8;
    let mut covered = vec![false; bits as usize];
    for f in fields {
        assert!(
            f.lsb >= 1 && f.msb >= f.lsb,
            "{what}/{}: bit range {}..{}",
            f.name,
            f.msb,
            f.lsb
        );
        assert!(
            u32::from(f.msb) <= bits,
            "{what}/{}: bit {} beyond {bits}",
            f.name,
            f.msb
        );
        assert!(f.width() <= 64, "{what}/{}: wider than 64 bits", f.name);
        if matches!(f.encoding, Encoding::Icao6) {
            assert_eq!(f.width() % 6, 0, "{what}/{}", f.name);
        }
        for b in f.lsb..=f.msb {
            let slot = &mut covered[usize::from(b - 1)];
            assert!(!*slot, "{what}/{}: bit {b} declared twice", f.name);
            *slot = true;
        }
    }
    assert!(
        covered.iter().all(|&c| c),
        "{what}: every bit is declared (spares included)"
    );
}

fn check_kind(what: &str, kind: &Kind) {
    match kind {
        Kind::Fixed { len, fields } => check_fields(what, *len, fields),
        Kind::Extended {
            part_len, parts, ..
        } => {
            assert!(!parts.is_empty(), "{what}: no parts");
            for (i, p) in parts.iter().enumerate() {
                let last = p.iter().min_by_key(|f| f.lsb).expect("a part has fields");
                assert!(
                    matches!(last.encoding, Encoding::Fx) && last.lsb == 1,
                    "{what} part {i}: FX at bit 1"
                );
                check_fields(&format!("{what} part {i}"), *part_len, p);
            }
        }
        Kind::Repetitive { len, element } => {
            assert!(*len > 0, "{what}: empty elements");
            match element {
                Element::Fields(f) => check_fields(what, *len, f),
                Element::CommB => {
                    assert_eq!(*len, 8, "{what}: Comm-B elements are 8 octets");
                    for (i, l) in LAYOUTS.iter().enumerate() {
                        check_fields(&format!("{what} BDS layout {i}"), 8, l);
                    }
                }
            }
        }
        Kind::Compound { subfields } => {
            for s in subfields.iter().flatten() {
                check_kind(&format!("{what}/{}", s.name), &s.kind);
            }
        }
        Kind::Explicit => {}
    }
}

#[test]
fn every_profile_is_well_formed() {
    for uap in PROFILES {
        let mut ids = Vec::new();
        for (i, item) in uap.items.iter().enumerate() {
            let Some(item) = item else { continue };
            assert_eq!(
                usize::from(item.frn),
                i + 1,
                "CAT{:03} I{}: FRN out of place",
                uap.category,
                item.id
            );
            assert!(
                !ids.contains(&item.id),
                "CAT{:03} I{} twice",
                uap.category,
                item.id
            );
            ids.push(item.id);
            check_kind(&format!("CAT{:03} I{}", uap.category, item.id), &item.kind);
        }
        if let Some((item, field)) = uap.time_of_day {
            let spec = uap
                .items
                .iter()
                .flatten()
                .find(|i| i.id == item)
                .expect("time item declared");
            let Kind::Fixed { fields, .. } = spec.kind else {
                panic!("time item is fixed")
            };
            assert!(fields.iter().any(|f| f.name == field));
        }
    }
}
