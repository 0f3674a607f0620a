//! CAT034 (monoradar service messages: north marker, sector crossing, filters), edition 1.27.
//!
//! Source: EUROCONTROL-SPEC-0149-2b, ASTERIX Part 2b Category 034, edition 1.27. Field names
//! are the short names the common decoders use, so decodes compare field by field.

use super::{SOURCE, compound, explicit, fixed};
use crate::spec::{
    Element, Field, ItemSpec, Kind, Subfield, Uap, code, flag, signed, spare, unsigned,
};
use crate::units::Unit;

const I000: &[Field] = &[code("MsgTyp", 8, 1)];
const I020: &[Field] = &[unsigned("Azi", 8, 1, 360.0 / 256.0, Unit::Degree)];
const I030: &[Field] = &[unsigned("ToD", 24, 1, 1.0 / 128.0, Unit::Second)];
const I041: &[Field] = &[unsigned("RotS", 16, 1, 1.0 / 128.0, Unit::Second)];

const I050_COM: &[Field] = &[
    flag("NOGO", 8),
    flag("RDPC", 7),
    flag("RDPR", 6),
    flag("OVLRDP", 5),
    flag("OVLXMT", 4),
    flag("MSC", 3),
    flag("TSV", 2),
    spare(1, 1),
];
const I050_PSR: &[Field] = &[
    flag("PSRANT", 8),
    code("PSRCHAB", 7, 6),
    flag("PSROVL", 5),
    flag("PSRMSC", 4),
    spare(3, 1),
];
const I050_SSR: &[Field] = &[
    flag("SSRANT", 8),
    code("SSRCHAB", 7, 6),
    flag("SSROVL", 5),
    flag("SSRMSC", 4),
    spare(3, 1),
];
const I050_MDS: &[Field] = &[
    flag("MDSANT", 16),
    code("MDSCHAB", 15, 14),
    flag("MDSOVLSUR", 13),
    flag("MDSMSC", 12),
    flag("MDSSCF", 11),
    flag("MDSDLF", 10),
    flag("MDSOVLSCF", 9),
    flag("MDSOVLDLF", 8),
    spare(7, 1),
];

const I060_COM: &[Field] = &[
    spare(8, 8),
    code("REDRDP", 7, 5),
    code("REDXMT", 4, 2),
    spare(1, 1),
];
const I060_PSR: &[Field] = &[
    flag("POL", 8),
    code("REDRAD", 7, 5),
    code("STC", 4, 3),
    spare(2, 1),
];
const I060_SSR: &[Field] = &[code("SSRREDRAD", 8, 6), spare(5, 1)];
const I060_MDS: &[Field] = &[code("MDSREDRAD", 8, 6), flag("CLU", 5), spare(4, 1)];

/// A fixed compound subfield.
const fn sub(name: &'static str, len: u8, fields: &'static [Field]) -> Option<Subfield> {
    Some(Subfield {
        name,
        kind: Kind::Fixed { len, fields },
    })
}

/// I050 and I060 share their primary subfield: COM, two spares, PSR, SSR, MDS, a spare.
const I050: &[Option<Subfield>] = &[
    sub("COM", 1, I050_COM),
    None,
    None,
    sub("PSR", 1, I050_PSR),
    sub("SSR", 1, I050_SSR),
    sub("MDS", 2, I050_MDS),
    None,
];
const I060: &[Option<Subfield>] = &[
    sub("COM", 1, I060_COM),
    None,
    None,
    sub("PSR", 1, I060_PSR),
    sub("SSR", 1, I060_SSR),
    sub("MDS", 1, I060_MDS),
    None,
];

const I070: &[Field] = &[code("TYP", 16, 12), code("COUNTER", 11, 1)];

const I090: &[Field] = &[
    signed("RE", 16, 9, 1.0 / 128.0, crate::units::Unit::NauticalMile),
    signed("AE", 8, 1, 360.0 / 16384.0, Unit::Degree),
];

const I100: &[Field] = &[
    unsigned("RHOST", 64, 49, 1.0 / 256.0, Unit::NauticalMile),
    unsigned("RHOEND", 48, 33, 1.0 / 256.0, Unit::NauticalMile),
    unsigned("THETAST", 32, 17, 360.0 / 65536.0, Unit::Degree),
    unsigned("THETAEND", 16, 1, 360.0 / 65536.0, Unit::Degree),
];

const I110: &[Field] = &[code("TYP", 8, 1)];

/// Latitude and longitude LSB: 180° / 2²³.
const LATLON24: f64 = 180.0 / 8_388_608.0;
const I120: &[Field] = &[
    signed("Height", 64, 49, 1.0, Unit::Metre),
    signed("LAT", 48, 25, LATLON24, Unit::Degree),
    signed("Lon", 24, 1, LATLON24, Unit::Degree),
];

/// The UAP of CAT034 edition 1.27.
pub(super) static UAP: Uap = Uap {
    category: 34,
    edition: "1.27",
    time_of_day: Some(("030", "ToD")),
    items: &[
        fixed(1, "010", "Data Source Identifier", 2, SOURCE),
        fixed(2, "000", "Message Type", 1, I000),
        fixed(3, "030", "Time of Day", 3, I030),
        fixed(4, "020", "Sector Number", 1, I020),
        fixed(5, "041", "Antenna Rotation Period", 2, I041),
        compound(6, "050", "System Configuration and Status", I050),
        compound(7, "060", "System Processing Mode", I060),
        Some(ItemSpec {
            frn: 8,
            id: "070",
            title: "Message Count Values",
            kind: Kind::Repetitive {
                len: 2,
                element: Element::Fields(I070),
            },
        }),
        fixed(9, "100", "Generic Polar Window", 8, I100),
        fixed(10, "110", "Data Filter", 1, I110),
        fixed(11, "120", "3D-Position of Data Source", 8, I120),
        fixed(12, "090", "Collimation Error", 2, I090),
        explicit(13, "RE", "Reserved Expansion Field"),
        explicit(14, "SP", "Special Purpose Field"),
    ],
};
