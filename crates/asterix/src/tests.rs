//! Record decoding, one test per item kind, on hand-made CAT048 and CAT034 bytes, the located
//! errors of malformed input, and a property test that random bytes never panic.

use crate::{
    Container, ItemValue, Problem, Unit, Value, block, blocks, container, decode_block,
    decode_file, profile,
};
use proptest::prelude::*;

/// A data block of `category` around `records`.
fn block_of(category: u8, records: &[u8]) -> Vec<u8> {
    let len = u16::try_from(records.len() + 3).expect("small block");
    let mut b = vec![category];
    b.extend_from_slice(&len.to_be_bytes());
    b.extend_from_slice(records);
    b
}

fn decode_one(category: u8, record: &[u8]) -> block::BlockRecords {
    let bytes = block_of(category, record);
    let b = blocks(&bytes, 0).next().expect("a block").expect("framed");
    decode_block(&b, profile(category).expect("profile"))
}

fn fields_of(value: &ItemValue) -> Vec<(&'static str, Value)> {
    match value {
        ItemValue::Fields(fs) | ItemValue::Extended { fields: fs, .. } => {
            fs.iter().map(|f| (f.name(), f.value())).collect()
        }
        other => panic!("not a field list: {other:?}"),
    }
}

fn quantity(v: &Value) -> (f64, Unit) {
    match v {
        Value::Quantity(q) => (q.value, q.unit),
        other => panic!("not a quantity: {other:?}"),
    }
}

#[test]
fn fixed_items_carry_scaled_values_with_units() {
    // FSPEC: I010, I140, I040, I090 (FRN 1, 2, 4, 6).
    let rec = [
        0b1101_0100,
        0x19,
        0xC9,
        0x35,
        0x6D,
        0x4D,
        0xC5,
        0xAF,
        0xF1,
        0xE0,
        0x3F,
        0xFC,
    ];
    let out = decode_one(48, &rec);
    assert_eq!(out.error, None);
    let r = &out.records[0];
    assert_eq!(r.time_of_day_s(), Some(3_501_389.0 / 128.0));
    let pos = fields_of(&r.item("040").expect("I040").value);
    let (rho, unit) = quantity(&pos[0].1);
    assert_eq!((rho, unit), (50607.0 / 256.0, Unit::NauticalMile));
    let si = crate::Quantity { value: rho, unit }
        .si()
        .expect("NM has an SI value");
    assert_eq!(si, (50607.0 / 256.0 * 1852.0, "m"));
    assert_eq!(
        quantity(&pos[1].1),
        (61920.0 * 360.0 / 65536.0, Unit::Degree)
    );
    // Flight level: 14-bit two's complement, 1/4 FL: 0x3FFC = -4 → -1 FL.
    let fl = fields_of(&r.item("090").expect("I090").value);
    assert_eq!(quantity(&fl[2].1), (-1.0, Unit::FlightLevel));
}

#[test]
fn extended_items_follow_their_fx_bits() {
    // I020 with two parts (FX set in the first), then I040 must start after both.
    let rec = [0b0011_0000, 0xA1, 0x80, 0, 1, 0, 2];
    let out = decode_one(48, &rec);
    assert_eq!(out.error, None);
    let f = fields_of(&out.records[0].item("020").expect("I020").value);
    let names: Vec<&str> = f.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "TYP", "SIM", "RDP", "SPI", "RAB", "FX", "TST", "spare", "XPP", "ME", "MI", "FOEFRI",
            "FX"
        ]
    );
    assert_eq!(f[0].1, Value::Code(5));
    assert_eq!(f[6].1, Value::Code(1), "TST");
    // A third part (a later edition's) is sized by its FX bit and kept undecoded.
    let rec = [0b0010_0000, 0xA1, 0x01, 0x42];
    let out = decode_one(48, &rec);
    assert_eq!(out.error, None);
    match &out.records[0].items[0].value {
        ItemValue::Extended { undecoded, .. } => assert_eq!(undecoded, &[0x42]),
        other => panic!("{other:?}"),
    }
    // I030 repeats its one-octet layout for as many parts as are chained.
    let rec = [0b0000_0001, 0b0000_0001, 0b0100_0000, 0x03, 0x05, 0x0E];
    let out = decode_one(48, &rec);
    assert_eq!(out.error, None);
    let we: Vec<Value> = fields_of(&out.records[0].items[0].value)
        .into_iter()
        .filter(|(n, _)| *n == "WE")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(we, [Value::Code(1), Value::Code(2), Value::Code(7)]);
}

#[test]
fn repetitive_comm_b_elements_decode_by_register() {
    // I250 (FRN 10): two registers, 4,0 and an unknown 0,2.
    let rec = [
        0b0000_0001,
        0b0010_0000,
        2,
        0xC0,
        0x78,
        0x00,
        0x31,
        0xBC,
        0x00,
        0x00,
        0x40,
        0x02,
        0x01,
        0,
        0,
        0,
        0,
        0,
        0x02,
    ];
    let out = decode_one(48, &rec);
    assert_eq!(out.error, None);
    let ItemValue::Repetitive(es) = &out.records[0].items[0].value else {
        panic!("repetitive")
    };
    assert_eq!(es.len(), 2);
    let mcp = es[0]
        .iter()
        .find(|f| f.name() == "MCP_ALT")
        .expect("MCP_ALT");
    assert_eq!(mcp.raw, 2063);
    assert_eq!(quantity(&mcp.value()), (33008.0, Unit::Foot));
    let bp = es[0].iter().find(|f| f.name() == "BP").expect("BP");
    assert_eq!(
        quantity(&bp.value()).0,
        227.0 + 800.0,
        "BDS 4,0 pressure is sent minus 800 hPa"
    );
    assert_eq!(es[1][0].value(), Value::Text("02010000000000".into()));
    assert_eq!(es[1][1].value(), Value::Text("02".into()));
}

#[test]
fn compound_items_decode_present_subfields_in_order() {
    // I130 (FRN 7): SRL, SRR, SAM present.
    let rec = [0b0000_0010, 0b1110_0000, 0x56, 0x0B, 0xB8];
    let out = decode_one(48, &rec);
    assert_eq!(out.error, None);
    let ItemValue::Compound(subs) = &out.records[0].items[0].value else {
        panic!("compound")
    };
    let names: Vec<&str> = subs.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["SRLP", "SRRP", "SAMP"]);
    assert_eq!(
        quantity(&fields_of(&subs[2].1)[0].1),
        (-72.0, Unit::DecibelMilliwatt)
    );
    // CAT034 I050: a presence bit the edition leaves spare is a located error.
    let rec = [0b0000_0100, 0b0100_0000, 0x00];
    let out = decode_one(34, &rec);
    let e = out.error.expect("spare presence bit");
    assert_eq!(
        e.problem,
        Problem::UnknownSubfield {
            bit: 2,
            edition: "1.27"
        }
    );
    assert_eq!(e.location.item, Some("050"));
}

#[test]
fn explicit_items_keep_their_bytes() {
    // CAT048 SP (FRN 27): length 3 counts itself.
    let rec = [0x01, 0x01, 0x01, 0b0000_0100, 3, 0xAB, 0xCD];
    let out = decode_one(48, &rec);
    assert_eq!(out.error, None);
    assert_eq!(
        out.records[0].items[0].value,
        ItemValue::Bytes(vec![0xAB, 0xCD])
    );
    let out = decode_one(48, &[0x01, 0x01, 0x01, 0b0000_0100, 0]);
    assert_eq!(
        out.error.expect("zero length").problem,
        Problem::ExplicitLengthZero
    );
}

#[test]
fn malformed_input_gives_located_errors() {
    // Truncated item: I040 needs 4 bytes, 2 are left.
    let bytes = block_of(48, &[0b0001_0000, 0xC5, 0xAF]);
    let b = blocks(&bytes, 100).next().expect("block").expect("framed");
    let e = decode_block(&b, profile(48).expect("48"))
        .error
        .expect("truncated");
    assert_eq!(
        e.to_string(),
        "block at byte 100 (CAT048), record 0, item I048/040, byte 104: needs 4 byte(s), 2 left in the block"
    );
    // An FRN the edition does not define (CAT034 FRN 15).
    let out = decode_one(34, &[0x01, 0x01, 0b0100_0000]);
    assert_eq!(
        out.error.expect("unknown").problem,
        Problem::UnknownItem {
            frn: 16,
            edition: "1.27"
        }
    );
    // A block length past the end, then nothing more is read.
    let mut it = blocks(&[48, 0, 9, 1], 0);
    assert_eq!(
        it.next().expect("one").expect_err("past end").to_string(),
        "block at byte 0 (CAT048), byte 0: block length 9 runs past the end of the data (4 byte(s) left)"
    );
    assert!(it.next().is_none());
    // A record error loses the rest of its block, not the next block.
    let mut file = block_of(48, &[0b0001_0000, 0xC5]);
    file.extend(block_of(34, &[0b1000_0000, 0x19, 0x0E]));
    let d = decode_file(&file);
    assert_eq!((d.stats.errors, d.records.len()), (1, 1));
    assert_eq!(d.records[0].category, 34);
}

#[test]
fn unknown_categories_are_skipped_and_counted() {
    let mut file = block_of(62, &[1, 2, 3, 4]);
    file.extend(block_of(34, &[0b1000_0000, 0x19, 0x0E]));
    let d = decode_file(&file);
    assert_eq!(d.container, Container::Raw);
    assert_eq!(d.stats.skipped_blocks.get(&62), Some(&1));
    assert_eq!(d.stats.records.get(&34), Some(&1));
    assert!(d.errors.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Random bytes, raw or behind a valid block header of a decoded category, never panic.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), cat in prop_oneof![Just(48u8), Just(34u8)]) {
        let d = decode_file(&bytes);
        prop_assert!(d.records.len() <= bytes.len());
        let framed = block_of(cat, &bytes[..bytes.len().min(60_000)]);
        let d = decode_file(&framed);
        prop_assert!(d.records.len() <= framed.len() / 2);
        for c in [Container::Raw, Container::Pcap, Container::Final] {
            let _ = crate::decode_unpacked(container::unpack(&bytes, c));
        }
    }
}
