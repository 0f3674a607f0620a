//! Replays the committed wire corpus (`tests/corpus/*.bin`, expectations in `corpus.txt`)
//! through `decode_unverified` and a fresh `Receiver`: valid frames of every message type,
//! forged and tampered ones, and known malformations (re-signed, so they reach the body decoder).
//!
//! `WIRE_CORPUS_REGEN=1 cargo test -p network --test wire_corpus` rewrites the corpus from the
//! cases below (after a deliberate layout change; review the diff).

use base::{NationIndex, NationSet};
use ed25519_dalek::{Signer, SigningKey};
use network::wire::*;
use std::path::PathBuf;

/// Master seed of the corpus keys.
const CORPUS_SEED: u64 = 2026;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn nation(n: u8) -> NationIndex {
    NationIndex::new(usize::from(n) - 1).expect("corpus nodes 1..=3")
}

/// Trusts nodes 1..=3 (nation = node − 1).
fn receiver() -> Receiver {
    let mut registry = KeyRegistry::new();
    for n in 1..=3 {
        let key = NodeSigner::from_seed(NodeAddr(n), key_seed(CORPUS_SEED, n));
        registry
            .insert(NodeAddr(n), key.verifying_key_bytes(), nation(n))
            .expect("valid key");
    }
    Receiver::new(registry)
}

fn outcome_decode(bytes: &[u8]) -> String {
    match decode_unverified(bytes) {
        Ok(_) => "ok".into(),
        Err(e) => e.reason().into(),
    }
}

fn outcome_open(bytes: &[u8]) -> String {
    match receiver().open(bytes) {
        Ok(_) => "accept".into(),
        Err(r) => r.reason().into(),
    }
}

#[test]
fn corpus_outcomes_match() {
    if std::env::var_os("WIRE_CORPUS_REGEN").is_some() {
        regenerate();
    }
    let listing = std::fs::read_to_string(dir().join("corpus.txt")).expect("corpus.txt present");
    let mut checked = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for line in listing
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [name, decode, open] = fields[..] else {
            panic!("bad corpus line {line:?}")
        };
        let bytes = std::fs::read(dir().join(name)).expect("corpus file present");
        assert_eq!(outcome_decode(&bytes), decode, "{name}: decode_unverified");
        assert_eq!(outcome_open(&bytes), open, "{name}: Receiver::open");
        kinds.insert(open);
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} corpus files");
    for must in [
        "accept",
        "bad_signature",
        "unknown_sender",
        "origin_mismatch",
    ] {
        assert!(kinds.contains(must), "corpus lacks a {must} case");
    }
}

// ---- generation -------------------------------------------------------------------------

fn signing_key(n: u8) -> SigningKey {
    SigningKey::from_bytes(&key_seed(CORPUS_SEED, n))
}

/// Replaces the signature with `signer`'s over the (possibly mutated) rest.
fn resign(mut bytes: Vec<u8>, signer: u8) -> Vec<u8> {
    let at = bytes.len().saturating_sub(64);
    let sig = signing_key(signer).sign(&bytes[..at]).to_bytes();
    bytes[at..].copy_from_slice(&sig);
    bytes
}

fn release() -> NationSet {
    NationSet::first(3)
}

fn track(origin: u8, number: u32) -> TrackReport {
    let mut p = [[0.0; 6]; 6];
    for i in 0..3 {
        p[i][i] = 400.0 * (1.0 + i as f64);
        p[i + 3][i + 3] = 9.0;
        p[i][i + 3] = 0.4 * 20.0 * 3.0;
        p[i + 3][i] = p[i][i + 3];
    }
    TrackReport {
        track_number: TrackNumber::new(number).expect("valid"),
        origin: NodeAddr(origin),
        origin_nation: nation(origin),
        time_ms: 61_250,
        age_s: 12,
        update_age_ms: 2_500,
        position_m: [3_980_000.0, 1_000_000.5, 4_860_000.25],
        velocity_mps: [-150.0, 220.25, 3.5],
        covariance: CovarianceSummary::from_matrix(&p),
        quality: 9,
        identity: Identity::Suspect,
        iff: IffEvidence {
            interrogated: true,
            military_reply: false,
            civil_reply: true,
        },
        kind: TrackKind::Air,
        release: release(),
    }
}

fn plot(origin: u8, range_rate_mps: Option<f64>) -> Plot {
    Plot {
        sensor: 2,
        origin: NodeAddr(origin),
        time_us: 61_250_123,
        sensor_position_m: [3_990_000.0, 1_010_000.0, 4_850_000.0],
        range_m: 120_345.67,
        azimuth_rad: 4.1,
        elevation_rad: 0.12,
        range_rate_mps,
        sigma_range_m: 25.0,
        sigma_azimuth_rad: 2e-3,
        sigma_elevation_rad: 3e-3,
        sigma_range_rate_mps: 2.0,
        iff: IffEvidence::default(),
        snr_db: 18.25,
        release: release(),
        look: PlotLook {
            seq: 17,
            plots: 3,
            full: true,
        },
    }
}

fn seal(sender: u8, seq: u32, messages: &[Message]) -> Vec<u8> {
    let header = FrameHeader {
        sender: NodeAddr(sender),
        epoch: 1,
        seq,
        time_ms: 61_300,
        release: release(),
    };
    NodeSigner::from_seed(NodeAddr(sender), key_seed(CORPUS_SEED, sender))
        .seal(&header, messages)
        .expect("valid corpus frame")
}

fn tn(v: u32) -> TrackNumber {
    TrackNumber::new(v).expect("valid")
}

fn cases() -> Vec<(&'static str, Vec<u8>)> {
    let lone = seal(1, 1, &[Message::Track(track(1, 0x10))]);
    let status = Message::Status(NodeStatus {
        node: NodeAddr(1),
        time_ms: 61_000,
        tracks_held: 40,
        tracks_reported: 12,
        flags: NodeStatus::FLAG_RESTARTED,
    });
    let drop = |reason| {
        Message::Drop(TrackDrop {
            track_number: tn(0x10),
            origin: NodeAddr(1),
            time_ms: 61_100,
            reason,
        })
    };
    let identity = Message::Identity(IdentityChange {
        track_number: tn(0x10),
        identity: Identity::Hostile,
        authority: NodeAddr(2),
        time_ms: 61_200,
    });
    let mixed = seal(
        1,
        9,
        &[
            Message::Track(track(1, 0x11)),
            drop(DropReason::Lost),
            identity,
            status,
            Message::Plot(plot(1, Some(-310.5))),
        ],
    );
    let mutate = |base: &Vec<u8>, f: &dyn Fn(&mut Vec<u8>)| {
        let mut b = base.clone();
        f(&mut b);
        resign(b, 1)
    };
    let t = 13; // first message offset
    let plot_at = mixed.len() - 64 - PLOT_LEN;
    let eight: Vec<Message> = (1..=8).map(|i| Message::Track(track(1, i))).collect();
    vec![
        ("ok_track_1.bin", lone.clone()),
        ("ok_track_8.bin", seal(1, 2, &eight)),
        (
            "ok_track_node3.bin",
            seal(3, 1, &[Message::Track(track(3, 0x30))]),
        ),
        ("ok_drop_lost.bin", seal(1, 3, &[drop(DropReason::Lost)])),
        (
            "ok_drop_merged.bin",
            seal(1, 4, &[drop(DropReason::Merged { survivor: tn(0x12) })]),
        ),
        ("ok_drop_other.bin", seal(1, 4, &[drop(DropReason::Other)])),
        ("ok_identity.bin", seal(1, 5, &[identity])),
        ("ok_status.bin", seal(1, 6, &[status])),
        (
            "ok_plot.bin",
            seal(1, 7, &[Message::Plot(plot(1, Some(125.25)))]),
        ),
        (
            "ok_plot_no_range_rate.bin",
            seal(1, 8, &[Message::Plot(plot(1, None))]),
        ),
        ("ok_mixed.bin", mixed.clone()),
        ("auth_tampered_position.bin", {
            let mut b = lone.clone();
            b[t + 15] ^= 0x04;
            b
        }),
        ("auth_zero_signature.bin", {
            let mut b = lone.clone();
            let n = b.len();
            b[n - 64..].fill(0);
            b
        }),
        ("auth_forged_sender.bin", resign(lone.clone(), 2)),
        ("auth_unknown_sender.bin", {
            let mut b = lone.clone();
            b[1] = 9;
            b
        }),
        (
            "auth_origin_mismatch.bin",
            seal(1, 1, &[Message::Track(track(2, 5))]),
        ),
        ("auth_origin_nation.bin", {
            let t2 = TrackReport {
                origin_nation: nation(3),
                ..track(1, 5)
            };
            seal(1, 1, &[Message::Track(t2)])
        }),
        ("bad_empty.bin", Vec::new()),
        ("bad_header_only.bin", lone[..13].to_vec()),
        ("bad_short.bin", lone[..70].to_vec()),
        ("bad_magic.bin", mutate(&lone, &|b| b[0] = 0x31)),
        ("bad_version.bin", mutate(&lone, &|b| b[0] = 0xA7)),
        // The previous layout (version 2: plots without their look) is refused whole.
        ("bad_version_2.bin", mutate(&lone, &|b| b[0] = 0xA2)),
        ("bad_too_long.bin", {
            let mut b = seal(1, 1, &eight);
            b.resize(MAX_FRAME_LEN + 1, 0x55);
            b
        }),
        ("bad_count_zero.bin", mutate(&lone, &|b| b[12] = 0)),
        ("bad_count_high.bin", mutate(&mixed, &|b| b[12] = 6)),
        ("bad_trailing.bin", mutate(&mixed, &|b| b[12] = 4)),
        ("bad_unknown_type.bin", mutate(&lone, &|b| b[t] = 0x3C)),
        (
            "bad_track_number_zero.bin",
            mutate(&lone, &|b| b[t + 1..t + 4].fill(0)),
        ),
        ("bad_nation.bin", mutate(&lone, &|b| b[t + 5] = 8)),
        ("bad_identity.bin", mutate(&lone, &|b| b[t + 44] = 0x9F)),
        ("bad_kind.bin", mutate(&lone, &|b| b[t + 45] = 0x07)),
        ("bad_iff.bin", mutate(&lone, &|b| b[t + 45] = 0x81)),
        ("bad_rho_min.bin", mutate(&lone, &|b| b[t + 35] = 0x80)),
        (
            "bad_rho_singular.bin",
            mutate(&lone, &|b| {
                for i in [35, 36, 37, 41, 42, 43] {
                    b[t + i] = 127;
                }
            }),
        ),
        (
            "bad_release_mismatch.bin",
            mutate(&lone, &|b| b[t + 46] = 0x01),
        ),
        (
            "bad_drop_reason.bin",
            mutate(&mixed, &|b| b[t + TRACK_REPORT_LEN + 9] = 7),
        ),
        (
            "bad_drop_survivor.bin",
            mutate(&mixed, &|b| b[t + TRACK_REPORT_LEN + 11] = 1),
        ),
        (
            "bad_plot_flags.bin",
            mutate(&mixed, &|b| b[plot_at + 36] |= 0x40),
        ),
        (
            "bad_plot_look.bin",
            mutate(&mixed, &|b| {
                b[plot_at + 41..plot_at + 43].copy_from_slice(&[0, 0]);
            }),
        ),
        (
            "bad_plot_range_rate.bin",
            mutate(&mixed, &|b| b[plot_at + 36] &= !0x10),
        ),
        (
            "bad_plot_elevation.bin",
            mutate(&mixed, &|b| {
                b[plot_at + 28..plot_at + 30].copy_from_slice(&[0x80, 0]);
            }),
        ),
        ("bad_truncated_body.bin", {
            let mut b = lone.clone();
            b.remove(t + 20);
            resign(b, 1)
        }),
    ]
}

fn regenerate() {
    let dir = dir();
    let mut listing = String::from(
        "# wire corpus: <file> <decode_unverified outcome> <Receiver::open outcome>\n\
         # Receiver trusts nodes 1..=3 with keys from key_seed(2026, n), nation n - 1.\n\
         # Regenerate: WIRE_CORPUS_REGEN=1 cargo test -p network --test wire_corpus\n",
    );
    for (name, bytes) in cases() {
        std::fs::write(dir.join(name), &bytes).expect("corpus dir writable");
        listing += &format!(
            "{name} {} {}\n",
            outcome_decode(&bytes),
            outcome_open(&bytes)
        );
    }
    std::fs::write(dir.join("corpus.txt"), listing).expect("corpus dir writable");
}
