//! Mode S Comm-B registers (BDS) as carried by CAT048 I250: 8 octets each, the 56-bit MB
//! field followed by the register number (BDS1, BDS2 in one octet).
//!
//! The registers the Croatia Control recordings hold are decoded: 4,0 (selected vertical
//! intention), 5,0 (track and turn), 6,0 (heading and speed); any other is kept as its
//! 14 hex digits (`VAL`). Layouts: ICAO Doc 9871, 2nd edition, tables A-2-64, A-2-80, A-2-96,
//! with MB bit 1 the first bit transmitted. The status bits are decoded like any field;
//! a value whose status bit is 0 is not valid (the decoder does not hide it).

use crate::spec::{Encoding, Field};
use crate::units::Unit;

/// A field given by its MB bit numbers (1 = first transmitted), placed in the 8-octet element
/// whose bit 64 is MB bit 1.
const fn mb(name: &'static str, first: u8, last: u8, encoding: Encoding) -> Field {
    Field {
        name,
        msb: 65 - first,
        lsb: 65 - last,
        encoding,
    }
}
const fn bit(name: &'static str, b: u8) -> Field {
    mb(name, b, b, Encoding::Code)
}
const fn code(name: &'static str, first: u8, last: u8) -> Field {
    mb(name, first, last, Encoding::Code)
}
const fn quantity(
    name: &'static str,
    first: u8,
    last: u8,
    signed: bool,
    scale: f64,
    unit: Unit,
) -> Field {
    mb(
        name,
        first,
        last,
        Encoding::Quantity {
            signed,
            scale,
            offset: 0.0,
            unit,
        },
    )
}

/// The register number: BDS1 and BDS2 as two hex digits (`"40"`).
const BDS: Field = Field {
    name: "BDS",
    msb: 8,
    lsb: 1,
    encoding: Encoding::Hex,
};

/// Barometric pressure setting: transmitted minus 800 hPa (Doc 9871 table A-2-64).
const BAROMETRIC_OFFSET_HPA: f64 = 800.0;

const BDS40: &[Field] = &[
    bit("MCP_ALT_STATUS", 1),
    quantity("MCP_ALT", 2, 13, false, 16.0, Unit::Foot),
    bit("FMS_ALT_STATUS", 14),
    quantity("FMS_ALT", 15, 26, false, 16.0, Unit::Foot),
    bit("BP_STATUS", 27),
    mb(
        "BP",
        28,
        39,
        Encoding::Quantity {
            signed: false,
            scale: 0.1,
            offset: BAROMETRIC_OFFSET_HPA,
            unit: Unit::Hectopascal,
        },
    ),
    code("res1", 40, 47),
    bit("MODE_STATUS", 48),
    bit("VNAV", 49),
    bit("ALT_HOLD", 50),
    bit("APP", 51),
    code("res2", 52, 53),
    bit("TARGET_ALT_STATUS", 54),
    code("TARGET_ALT_SOURCE", 55, 56),
    BDS,
];

const BDS50: &[Field] = &[
    bit("RA_STATUS", 1),
    quantity("RA", 2, 11, true, 45.0 / 256.0, Unit::Degree),
    bit("TTA_STATUS", 12),
    quantity("TTA", 13, 23, true, 90.0 / 512.0, Unit::Degree),
    bit("GS_STATUS", 24),
    quantity("GS", 25, 34, false, 2.0, Unit::Knot),
    bit("TAR_STATUS", 35),
    quantity("TAR", 36, 45, true, 8.0 / 256.0, Unit::DegreePerSecond),
    bit("TAS_STATUS", 46),
    quantity("TAS", 47, 56, false, 2.0, Unit::Knot),
    BDS,
];

const BDS60: &[Field] = &[
    bit("HDG_STATUS", 1),
    quantity("HDG", 2, 12, true, 90.0 / 512.0, Unit::Degree),
    bit("IAS_STAT", 13),
    quantity("IAS", 14, 23, false, 1.0, Unit::Knot),
    bit("MACH_STATUS", 24),
    quantity("MACH", 25, 34, false, 2.048 / 512.0, Unit::Mach),
    bit("BAR_STATUS", 35),
    quantity("BAR", 36, 45, true, 32.0, Unit::FootPerMinute),
    bit("IVV_STATUS", 46),
    quantity("IVV", 47, 56, true, 32.0, Unit::FootPerMinute),
    BDS,
];

const OTHER: &[Field] = &[mb("VAL", 1, 56, Encoding::Hex), BDS];

/// The layout of an 8-octet Comm-B element, chosen by its last octet (the register number).
pub(crate) fn layout(register: u8) -> &'static [Field] {
    match register {
        0x40 => BDS40,
        0x50 => BDS50,
        0x60 => BDS60,
        _ => OTHER,
    }
}

/// Every layout, for the table checks.
#[cfg(test)]
pub(crate) const LAYOUTS: &[&[Field]] = &[BDS40, BDS50, BDS60, OTHER];
