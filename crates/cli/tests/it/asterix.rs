//! `kizuna asterix decode|stats` as a user runs them: a hand-made file (always), and the
//! Croatia Control recording from ../shared (skipped, saying so, when absent).

use super::{kizuna, stderr, stdout};
use std::path::PathBuf;

#[test]
fn decode_writes_one_line_per_record_and_locates_bad_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("two.ast");
    // A CAT034 north marker (I010, I000, I030), then a CAT048 block cut inside I040.
    let mut bytes = vec![34, 0, 10, 0b1110_0000, 0x19, 0x0E, 1, 0x3A, 0x69, 0x2B];
    bytes.extend_from_slice(&[48, 0, 6, 0b0001_0000, 0xC5, 0xAF]);
    std::fs::write(&file, &bytes).expect("write");
    let out = dir.path().join("records.jsonl");
    let o = kizuna(&[
        "asterix",
        "decode",
        file.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).trim(),
        "error: block at byte 10 (CAT048), record 0, item I048/040, byte 14: needs 4 byte(s), 2 left in the block"
    );
    let text = std::fs::read_to_string(&out).expect("records written");
    let line: serde_json::Value = serde_json::from_str(text.trim()).expect("one JSON line");
    assert_eq!(line["category"], 34);
    assert_eq!(line["items"]["I034/000"]["MsgTyp"], 1);
    assert_eq!(line["time_of_day_s"], 0x3A692B as f64 / 128.0);
    let o = kizuna(&["asterix", "stats", file.to_str().expect("utf-8"), "--json"]);
    let s: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        (s["records"]["034"].as_u64(), s["errors"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn val_croatiacontrol_decode_and_stats() {
    let shared = match std::env::var_os("KIZUNA_SHARED") {
        Some(s) => PathBuf::from(s),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let pcap = shared.join("data/asterix/croatiacontrol/cat_034_048.pcap");
    if !pcap.exists() {
        testkit::skip!(testkit::SHARED, "no {}", pcap.display());
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("records.jsonl");
    let o = kizuna(&[
        "asterix",
        "decode",
        pcap.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).expect("records");
    assert_eq!(
        text.lines().count(),
        81,
        "64 CAT048 + 17 CAT034, each dual-LAN copy once"
    );
    let first: serde_json::Value =
        serde_json::from_str(text.lines().next().expect("a line")).expect("JSON");
    assert_eq!(first["items"]["I048/040"]["RHO"]["value"], 197.68359375);
    assert_eq!(first["items"]["I048/220"]["ACAddr"], "3C660C");
    let o = kizuna(&["asterix", "stats", pcap.to_str().expect("utf-8")]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("duplicates       50"), "{}", stdout(&o));
}
