//! Reading a bit range out of a part of an item, with the specifications' bit numbering.

/// Longest part a field is read from (octets): fields are read through one `u128`.
pub(crate) const MAX_PART_LEN: usize = 16;

/// Bits `msb..=lsb` of `part` (bit `8 × part.len()` is the first octet's MSB, bit 1 the last
/// octet's LSB), as an unsigned integer. The profile tables guarantee `lsb ≥ 1`, `msb` within
/// the part, at most 64 bits and parts of at most [`MAX_PART_LEN`] octets (checked by the
/// table tests); out-of-range requests read as 0 rather than panic.
pub(crate) fn read(part: &[u8], msb: u8, lsb: u8) -> u64 {
    if part.len() > MAX_PART_LEN || lsb == 0 || msb < lsb || usize::from(msb) > part.len() * 8 {
        return 0;
    }
    let whole = part
        .iter()
        .fold(0u128, |acc, &b| (acc << 8) | u128::from(b));
    let width = u32::from(msb - lsb) + 1;
    let mask = if width >= 64 {
        u128::from(u64::MAX)
    } else {
        (1u128 << width) - 1
    };
    // Truncation is exact: the mask keeps at most 64 bits.
    ((whole >> (lsb - 1)) & mask) as u64
}

/// `raw` read as two's complement over `width` bits.
pub(crate) fn sign_extend(raw: u64, width: u32) -> i64 {
    if width == 0 || width >= 64 {
        return raw as i64;
    }
    let shift = 64 - width;
    ((raw << shift) as i64) >> shift
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_numbered_from_the_last_octet() {
        let part = [0xC5, 0xAF, 0xF1, 0xE0];
        assert_eq!(read(&part, 32, 17), 0xC5AF);
        assert_eq!(read(&part, 16, 1), 0xF1E0);
        assert_eq!(read(&part, 32, 32), 1);
        assert_eq!(read(&part, 1, 1), 0);
        assert_eq!(read(&part, 33, 1), 0, "beyond the part reads as 0");
    }

    #[test]
    fn sign_extension_over_the_field_width() {
        assert_eq!(sign_extend(0x3FFF, 14), -1);
        assert_eq!(sign_extend(0x1FFF, 14), 8191);
        assert_eq!(sign_extend(0x80, 8), -128);
    }
}
