//! CAT048 (monoradar target reports), edition 1.21: the edition of the Croatia Control
//! recordings and of the upstream decoders' outputs they are checked against.
//!
//! Source: EUROCONTROL-SPEC-0149-4, ASTERIX Part 4 Category 048, edition 1.21. Field names
//! are the short names the common decoders use, so decodes compare field by field.

use super::{SOURCE, compound, explicit, fixed};
use crate::spec::{
    Beyond, Element, Encoding, FX, Field, ItemSpec, Kind, Subfield, Uap, code, encoded, flag,
    signed, spare, unsigned,
};
use crate::units::Unit;

/// Azimuth LSB: 360° / 2¹⁶.
const AZ16: f64 = 360.0 / 65536.0;

const I020_1: &[Field] = &[
    code("TYP", 8, 6),
    flag("SIM", 5),
    flag("RDP", 4),
    flag("SPI", 3),
    flag("RAB", 2),
    FX,
];
const I020_2: &[Field] = &[
    flag("TST", 8),
    spare(7, 7),
    flag("XPP", 6),
    flag("ME", 5),
    flag("MI", 4),
    code("FOEFRI", 3, 2),
    FX,
];

const I030: &[Field] = &[code("WE", 8, 2), FX];

const I040: &[Field] = &[
    unsigned("RHO", 32, 17, 1.0 / 256.0, Unit::NauticalMile),
    unsigned("THETA", 16, 1, AZ16, Unit::Degree),
];

const I042: &[Field] = &[
    signed("X", 32, 17, 1.0 / 128.0, Unit::NauticalMile),
    signed("Y", 16, 1, 1.0 / 128.0, Unit::NauticalMile),
];

/// Mode 1/2/3/A code items share a layout: V, G, L, spare, then the code.
const fn mode_code(name: &'static str) -> [Field; 5] {
    [
        flag("V", 16),
        flag("G", 15),
        flag("L", 14),
        spare(13, 13),
        encoded(name, 12, 1, Encoding::Octal),
    ]
}
const I050: &[Field] = &mode_code("Mode2");
const I070: &[Field] = &mode_code("Mode3A");

const I055: &[Field] = &[
    flag("V", 8),
    flag("G", 7),
    flag("L", 6),
    code("Mode1", 5, 1),
];

/// Code confidence of a 12-bit code (Mode 2, Mode 3/A): one bit per reply pulse.
const QUALITY12: &[Field] = &[
    spare(16, 13),
    flag("QA4", 12),
    flag("QA2", 11),
    flag("QA1", 10),
    flag("QB4", 9),
    flag("QB2", 8),
    flag("QB1", 7),
    flag("QC4", 6),
    flag("QC2", 5),
    flag("QC1", 4),
    flag("QD4", 3),
    flag("QD2", 2),
    flag("QD1", 1),
];
const I065: &[Field] = &[
    spare(8, 6),
    flag("QA4", 5),
    flag("QA2", 4),
    flag("QA1", 3),
    flag("QB2", 2),
    flag("QB1", 1),
];

const I090: &[Field] = &[
    flag("V", 16),
    flag("G", 15),
    signed("FL", 14, 1, 0.25, Unit::FlightLevel),
];

/// Mode C in Gray notation with its pulse confidence. The spec's bit 2 is QB4; the upstream
/// decoders' table names it QB1 twice, and a name is all that differs.
const I100: &[Field] = &[
    flag("V", 32),
    flag("G", 31),
    spare(30, 29),
    code("ModeC", 28, 17),
    spare(16, 13),
    flag("QC1", 12),
    flag("QA1", 11),
    flag("QC2", 10),
    flag("QA2", 9),
    flag("QC4", 8),
    flag("QA4", 7),
    flag("QB1", 6),
    flag("QD1", 5),
    flag("QB2", 4),
    flag("QD2", 3),
    flag("QB4", 2),
    flag("QD4", 1),
];

const I110: &[Field] = &[spare(16, 15), signed("3D_Height", 14, 1, 25.0, Unit::Foot)];

const I120_CAL: &[Field] = &[
    flag("D", 16),
    spare(15, 11),
    signed("CAL", 10, 1, 1.0, Unit::MetrePerSecond),
];
const I120_RDS: &[Field] = &[
    unsigned("DOP", 48, 33, 1.0, Unit::MetrePerSecond),
    unsigned("AMB", 32, 17, 1.0, Unit::MetrePerSecond),
    unsigned("FRQ", 16, 1, 1.0, Unit::Megahertz),
];

/// A one-octet compound subfield of one field.
const fn octet(name: &'static str, field: &'static [Field]) -> Option<Subfield> {
    Some(Subfield {
        name,
        kind: Kind::Fixed {
            len: 1,
            fields: field,
        },
    })
}
const I130: &[Option<Subfield>] = &[
    octet(
        "SRLP",
        &[unsigned("SRL", 8, 1, 360.0 / 8192.0, Unit::Degree)],
    ),
    octet("SRRP", &[code("SRR", 8, 1)]),
    octet("SAMP", &[signed("SAM", 8, 1, 1.0, Unit::DecibelMilliwatt)]),
    octet(
        "PRLP",
        &[unsigned("PRL", 8, 1, 360.0 / 8192.0, Unit::Degree)],
    ),
    octet("PAMP", &[signed("PAM", 8, 1, 1.0, Unit::DecibelMilliwatt)]),
    octet(
        "RPDP",
        &[signed("RPD", 8, 1, 1.0 / 256.0, Unit::NauticalMile)],
    ),
    octet(
        "APDP",
        &[signed("APD", 8, 1, 360.0 / 16384.0, Unit::Degree)],
    ),
];

const I140: &[Field] = &[unsigned("ToD", 24, 1, 1.0 / 128.0, Unit::Second)];

const I161: &[Field] = &[spare(16, 13), code("Tn", 12, 1)];

const I170_1: &[Field] = &[
    flag("CNF", 8),
    code("RAD", 7, 6),
    flag("DOU", 5),
    flag("MAH", 4),
    code("CDM", 3, 2),
    FX,
];
const I170_2: &[Field] = &[
    flag("TRE", 8),
    flag("GHO", 7),
    flag("SUP", 6),
    flag("TCC", 5),
    spare(4, 2),
    FX,
];

const I200: &[Field] = &[
    unsigned("CGS", 32, 17, 3600.0 / 16384.0, Unit::Knot),
    unsigned("CHdg", 16, 1, AZ16, Unit::Degree),
];

const I210: &[Field] = &[
    unsigned("SigmaX", 32, 25, 1.0 / 128.0, Unit::NauticalMile),
    unsigned("SigmaY", 24, 17, 1.0 / 128.0, Unit::NauticalMile),
    unsigned("SigmaV", 16, 9, 3600.0 / 16384.0, Unit::Knot),
    unsigned("SigmaH", 8, 1, 360.0 / 4096.0, Unit::Degree),
];

const I220: &[Field] = &[encoded("ACAddr", 24, 1, Encoding::Hex)];

const I230: &[Field] = &[
    code("COM", 16, 14),
    code("STAT", 13, 11),
    flag("SI", 10),
    spare(9, 9),
    flag("ModeSSSC", 8),
    flag("ARC", 7),
    flag("AIC", 6),
    flag("BDS16", 5),
    code("BDS37", 4, 1),
];

const I240: &[Field] = &[encoded("TId", 48, 1, Encoding::Icao6)];

const I260: &[Field] = &[
    encoded("BDS30", 56, 49, Encoding::Hex),
    flag("ARA41", 48),
    flag("ARA42", 47),
    flag("ARA43", 46),
    flag("ARA44", 45),
    flag("ARA45", 44),
    flag("ARA46", 43),
    flag("ARA47", 42),
    code("ACAS3", 41, 35),
    flag("RAC55", 34),
    flag("RAC56", 33),
    flag("RAC57", 32),
    flag("RAC58", 31),
    flag("RAT", 30),
    flag("MTE", 29),
    code("TTI", 28, 27),
    code("TID", 26, 1),
];

/// The UAP of CAT048 edition 1.21.
pub(super) static UAP: Uap = Uap {
    category: 48,
    edition: "1.21",
    time_of_day: Some(("140", "ToD")),
    items: &[
        fixed(1, "010", "Data Source Identifier", 2, SOURCE),
        fixed(2, "140", "Time of Day", 3, I140),
        Some(ItemSpec {
            frn: 3,
            id: "020",
            title: "Target Report Descriptor",
            kind: Kind::Extended {
                part_len: 1,
                parts: &[I020_1, I020_2],
                beyond: Beyond::Opaque,
            },
        }),
        fixed(4, "040", "Measured Position in Polar Co-ordinates", 4, I040),
        fixed(5, "070", "Mode-3/A Code in Octal Representation", 2, I070),
        fixed(6, "090", "Flight Level in Binary Representation", 2, I090),
        compound(7, "130", "Radar Plot Characteristics", I130),
        fixed(8, "220", "Aircraft Address", 3, I220),
        fixed(9, "240", "Aircraft Identification", 6, I240),
        Some(ItemSpec {
            frn: 10,
            id: "250",
            title: "Mode S MB Data",
            kind: Kind::Repetitive {
                len: 8,
                element: Element::CommB,
            },
        }),
        fixed(11, "161", "Track Number", 2, I161),
        fixed(
            12,
            "042",
            "Calculated Position in Cartesian Co-ordinates",
            4,
            I042,
        ),
        fixed(
            13,
            "200",
            "Calculated Track Velocity in Polar Co-ordinates",
            4,
            I200,
        ),
        Some(ItemSpec {
            frn: 14,
            id: "170",
            title: "Track Status",
            kind: Kind::Extended {
                part_len: 1,
                parts: &[I170_1, I170_2],
                beyond: Beyond::Opaque,
            },
        }),
        fixed(15, "210", "Track Quality", 4, I210),
        Some(ItemSpec {
            frn: 16,
            id: "030",
            title: "Warning/Error Conditions and Target Classification",
            kind: Kind::Extended {
                part_len: 1,
                parts: &[I030],
                beyond: Beyond::Repeat,
            },
        }),
        fixed(
            17,
            "080",
            "Mode-3/A Code Confidence Indicator",
            2,
            QUALITY12,
        ),
        fixed(18, "100", "Mode-C Code and Confidence Indicator", 4, I100),
        fixed(19, "110", "Height Measured by a 3D Radar", 2, I110),
        Some(ItemSpec {
            frn: 20,
            id: "120",
            title: "Radial Doppler Speed",
            kind: Kind::Compound {
                subfields: &[
                    Some(Subfield {
                        name: "CAL",
                        kind: Kind::Fixed {
                            len: 2,
                            fields: I120_CAL,
                        },
                    }),
                    Some(Subfield {
                        name: "RDS",
                        kind: Kind::Repetitive {
                            len: 6,
                            element: Element::Fields(I120_RDS),
                        },
                    }),
                ],
            },
        }),
        fixed(
            21,
            "230",
            "Communications/ACAS Capability and Flight Status",
            2,
            I230,
        ),
        fixed(22, "260", "ACAS Resolution Advisory Report", 7, I260),
        fixed(23, "055", "Mode-1 Code in Octal Representation", 1, I055),
        fixed(24, "050", "Mode-2 Code in Octal Representation", 2, I050),
        fixed(25, "065", "Mode-1 Code Confidence Indicator", 1, I065),
        fixed(26, "060", "Mode-2 Code Confidence Indicator", 2, QUALITY12),
        explicit(27, "SP", "Special Purpose Field"),
        explicit(28, "RE", "Reserved Expansion Field"),
    ],
};
