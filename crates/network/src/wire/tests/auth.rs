//! Authentication and replay: tampered, unsigned, unknown-key, forged, replayed, stale-epoch and
//! second-hand frames are all rejected and counted under the right reason; good frames pass.

use super::super::codec::encode_unsigned;
use super::super::*;
use super::fixtures::*;
use base::NationSet;
use std::collections::BTreeMap;

fn counts(r: &Receiver) -> Vec<(&'static str, u64)> {
    r.rejections().iter().map(|(k, v)| (*k, *v)).collect()
}

fn track_frame(sender: u8, epoch: u8, seq: u32) -> Vec<u8> {
    let rel = NationSet::first(4);
    let h = FrameHeader {
        epoch,
        ..header(sender, seq, rel)
    };
    signer(sender)
        .seal(&h, &[Message::Track(sample_track(sender, 5, rel))])
        .expect("valid")
}

#[test]
fn valid_frames_from_every_node_are_accepted() {
    let mut rx = Receiver::new(registry());
    for n in 1..=4 {
        let frame = rx.open(&track_frame(n, 0, 1)).expect("accepted");
        assert_eq!(frame.header.sender, NodeAddr(n));
    }
    let full = rx.open(&sample_frame(2)).expect("accepted");
    assert_eq!(full.messages.len(), 5);
    assert_eq!((rx.accepted(), rx.rejected()), (5, 0));
}

#[test]
fn every_single_byte_tamper_is_rejected_and_the_original_still_accepted() {
    let good = sample_frame(7);
    let mut rx = Receiver::new(registry());
    for i in 0..good.len() {
        for flip in [0x01u8, 0x80] {
            let mut bad = good.clone();
            bad[i] ^= flip;
            let err = rx.open(&bad).expect_err("tampered frame accepted");
            assert!(
                matches!(
                    err,
                    Reject::BadSignature | Reject::Malformed(_) | Reject::UnknownSender(_)
                ),
                "byte {i}: {err:?}"
            );
        }
    }
    assert_eq!(rx.accepted(), 0);
    assert_eq!(rx.rejected(), 2 * good.len() as u64);
    // Only the magic/version byte can be malformed before the signature check; the sender
    // byte may name an unknown node; everything else is a bad signature.
    let c = rx.rejections();
    assert_eq!(
        c.get("malformed_bad_magic").copied().unwrap_or(0)
            + c.get("malformed_unsupported_version").copied().unwrap_or(0),
        2
    );
    assert_eq!(
        c.get("unknown_sender"),
        Some(&2),
        "1^0x01 = 0 and 1^0x80 = 129 are unknown"
    );
    assert_eq!(c.get("bad_signature"), Some(&(2 * good.len() as u64 - 4)));
    // The tampered copies burned nothing: the original goes through, once.
    assert!(rx.open(&good).is_ok());
    assert_eq!(rx.open(&good), Err(Reject::Replay { seq: 7 }));
    assert_eq!(rx.accepted(), 1);
}

#[test]
fn unsigned_and_truncated_signatures_are_rejected() {
    let rel = NationSet::first(4);
    let h = header(1, 3, rel);
    let messages = one_of_each(1, rel);
    let unsigned = encode_unsigned(&h, &messages).expect("valid");
    let signed = signer(1).seal(&h, &messages).expect("valid");
    let mut zero_sig = unsigned.clone();
    zero_sig.extend_from_slice(&[0; 64]);
    let mut rx = Receiver::new(registry());
    assert_eq!(
        rx.open(&unsigned),
        Err(Reject::BadSignature),
        "body bytes taken as signature"
    );
    assert_eq!(
        rx.open(&signed[..signed.len() - 1]),
        Err(Reject::BadSignature)
    );
    assert_eq!(rx.open(&zero_sig), Err(Reject::BadSignature));
    // A header-only frame is too short to hold a signature at all.
    let short = &signed[..HEADER_LEN + 10];
    assert_eq!(
        rx.open(short),
        Err(Reject::Malformed(DecodeError::Truncated { offset: 23 }))
    );
    assert!(rx.open(&signed).is_ok());
    assert_eq!(
        counts(&rx),
        [("bad_signature", 3), ("malformed_truncated", 1)]
    );
}

#[test]
fn unknown_and_forged_senders_are_rejected() {
    let mut rx = Receiver::new(registry());
    // Node 9 has a key but the receiver does not trust it.
    assert_eq!(
        rx.open(&track_frame(9, 0, 1)),
        Err(Reject::UnknownSender(NodeAddr(9)))
    );
    // Node 2's key claiming to be node 1.
    let rel = NationSet::first(4);
    let forger = NodeSigner::from_seed(NodeAddr(1), key_seed(SEED, 2));
    let forged = forger
        .seal(
            &header(1, 1, rel),
            &[Message::Track(sample_track(1, 5, rel))],
        )
        .expect("encodes");
    assert_eq!(rx.open(&forged), Err(Reject::BadSignature));
    // Right key, other seed: a different network's node 1.
    let outsider = NodeSigner::from_seed(NodeAddr(1), key_seed(SEED + 1, 1));
    let foreign = outsider
        .seal(
            &header(1, 1, rel),
            &[Message::Track(sample_track(1, 5, rel))],
        )
        .expect("encodes");
    assert_eq!(rx.open(&foreign), Err(Reject::BadSignature));
    assert_eq!(counts(&rx), [("bad_signature", 2), ("unknown_sender", 1)]);
    assert_eq!(rx.accepted(), 0);
}

#[test]
fn replays_and_the_sequence_window() {
    let mut rx = Receiver::new(registry());
    assert!(rx.open(&track_frame(1, 0, 100)).is_ok());
    assert_eq!(
        rx.open(&track_frame(1, 0, 100)),
        Err(Reject::Replay { seq: 100 })
    );
    // Late but inside the window: accepted once.
    assert!(rx.open(&track_frame(1, 0, 99)).is_ok());
    assert_eq!(
        rx.open(&track_frame(1, 0, 99)),
        Err(Reject::Replay { seq: 99 })
    );
    assert!(rx.open(&track_frame(1, 0, 100 - 63)).is_ok());
    // Older than the window: treated as a replay even if never seen.
    assert_eq!(
        rx.open(&track_frame(1, 0, 100 - 64)),
        Err(Reject::Replay { seq: 36 })
    );
    // Jumping ahead slides the window; the old newest is still remembered.
    assert!(rx.open(&track_frame(1, 0, 130)).is_ok());
    assert_eq!(
        rx.open(&track_frame(1, 0, 100)),
        Err(Reject::Replay { seq: 100 })
    );
    assert!(rx.open(&track_frame(1, 0, 101)).is_ok());
    // A jump beyond the window forgets everything before it.
    assert!(rx.open(&track_frame(1, 0, 1000)).is_ok());
    assert_eq!(
        rx.open(&track_frame(1, 0, 130)),
        Err(Reject::Replay { seq: 130 })
    );
    // Windows are per sender.
    assert!(rx.open(&track_frame(2, 0, 100)).is_ok());
    assert_eq!(rx.accepted(), 7);
    assert_eq!(counts(&rx), [("replay", 5)]);
}

#[test]
fn epochs_reset_the_window_and_stale_epochs_are_rejected() {
    let mut rx = Receiver::new(registry());
    assert!(rx.open(&track_frame(1, 2, 500)).is_ok());
    // The node restarted: new epoch, sequence numbers from 0 again.
    assert!(rx.open(&track_frame(1, 3, 0)).is_ok());
    assert!(rx.open(&track_frame(1, 3, 1)).is_ok());
    // Anything from before the restart is stale, whatever its sequence number.
    assert_eq!(rx.open(&track_frame(1, 2, 501)), Err(Reject::StaleEpoch));
    assert_eq!(
        rx.open(&track_frame(1, 3, 0)),
        Err(Reject::Replay { seq: 0 })
    );
    assert_eq!(counts(&rx), [("replay", 1), ("stale_epoch", 1)]);
    assert_eq!(rx.accepted(), 3);
}

#[test]
fn second_hand_data_is_an_origin_mismatch() {
    let rel = NationSet::first(4);
    let mut rx = Receiver::new(registry());
    let relayed = [
        Message::Track(sample_track(2, 5, rel)),
        Message::Track(TrackReport {
            origin_nation: node_nation(2),
            ..sample_track(1, 5, rel)
        }),
        Message::Drop(TrackDrop {
            track_number: tn(5),
            origin: NodeAddr(3),
            time_ms: 0,
            reason: DropReason::Lost,
        }),
        Message::Status(NodeStatus {
            node: NodeAddr(4),
            time_ms: 0,
            tracks_held: 0,
            tracks_reported: 0,
            flags: 0,
        }),
        Message::Plot(sample_plot(2, rel)),
    ];
    for (seq, m) in relayed.into_iter().enumerate() {
        let bytes = signer(1)
            .seal(&header(1, seq as u32, rel), &[m])
            .expect("encodes");
        assert_eq!(rx.open(&bytes), Err(Reject::OriginMismatch), "{m:?}");
    }
    // Rejected frames do not move the window: sequence 0 is still fresh.
    assert!(rx.open(&track_frame(1, 0, 0)).is_ok());
    // An identity change may name another authority (it carries no origin).
    let id = Message::Identity(IdentityChange {
        track_number: tn(5),
        identity: Identity::Friend,
        authority: NodeAddr(3),
        time_ms: 0,
    });
    assert!(
        rx.open(&signer(1).seal(&header(1, 9, rel), &[id]).expect("encodes"))
            .is_ok()
    );
    assert_eq!(counts(&rx), [("origin_mismatch", 5)]);
}

#[test]
fn reasons_are_stable_keys() {
    let all = [
        (
            Reject::Malformed(DecodeError::TooLong),
            "malformed_too_long",
        ),
        (
            Reject::Malformed(DecodeError::BadMagic(0)),
            "malformed_bad_magic",
        ),
        (
            Reject::Malformed(DecodeError::FieldOutOfRange { field: "x" }),
            "malformed_field_out_of_range",
        ),
        (Reject::UnknownSender(NodeAddr(0)), "unknown_sender"),
        (Reject::BadSignature, "bad_signature"),
        (Reject::Replay { seq: 0 }, "replay"),
        (Reject::StaleEpoch, "stale_epoch"),
        (Reject::OriginMismatch, "origin_mismatch"),
    ];
    for (r, key) in all {
        assert_eq!(r.reason(), key);
    }
    let errors = [
        DecodeError::Truncated { offset: 0 },
        DecodeError::TooLong,
        DecodeError::BadMagic(0),
        DecodeError::UnsupportedVersion(0),
        DecodeError::UnknownMessageType(0),
        DecodeError::FieldOutOfRange { field: "x" },
        DecodeError::EmptyFrame,
        DecodeError::CountMismatch,
        DecodeError::TrailingBytes,
        DecodeError::ReleaseMismatch,
    ];
    for e in errors {
        assert_eq!(
            Reject::Malformed(e).reason(),
            format!("malformed_{}", e.reason())
        );
    }
}

#[test]
fn registry_rejects_bad_keys_and_keys_are_deterministic() {
    let mut r = registry();
    let n1 = signer(1).verifying_key_bytes();
    assert_eq!(
        r.insert(NodeAddr(1), n1, nation(0)),
        Err(KeyError::Duplicate(NodeAddr(1)))
    );
    // The identity point has small order: it would verify forged signatures.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    assert_eq!(
        r.insert(NodeAddr(9), identity, nation(0)),
        Err(KeyError::Weak(NodeAddr(9)))
    );
    assert_eq!(r.nation_of(NodeAddr(3)), Some(nation(3)));
    assert_eq!(r.nation_of(NodeAddr(9)), None);
    assert_eq!(key_seed(SEED, 1), key_seed(SEED, 1));
    let distinct: BTreeMap<[u8; 32], u8> = (0..=255u8).map(|n| (key_seed(SEED, n), n)).collect();
    assert_eq!(distinct.len(), 256);
    assert_ne!(key_seed(SEED, 1), key_seed(SEED + 1, 1));
}

#[test]
fn a_shared_signature_cache_is_exactly_as_strict_as_verifying() {
    let mut cache = SignatureCache::new(2);
    let (mut a, mut b) = (Receiver::new(registry()), Receiver::new(registry()));
    let good = sample_frame(3);
    assert!(a.open_cached(&good, &mut cache).is_ok());
    // A hit for the second receiver; its own replay window still applies.
    assert!(b.open_cached(&good, &mut cache).is_ok());
    assert_eq!(
        b.open_cached(&good, &mut cache),
        Err(Reject::Replay { seq: 3 })
    );
    // A different byte is a different entry: verified afresh and rejected.
    let mut bad = good.clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    let mut c = Receiver::new(registry());
    assert_eq!(c.open_cached(&bad, &mut cache), Err(Reject::BadSignature));
    // A receiver trusting another key for the sender gets no hit from the cache.
    let mut other = KeyRegistry::new();
    let impostor = NodeSigner::from_seed(NodeAddr(1), key_seed(SEED + 5, 1));
    other
        .insert(NodeAddr(1), impostor.verifying_key_bytes(), node_nation(1))
        .expect("valid key");
    let mut d = Receiver::new(other);
    assert_eq!(d.open_cached(&good, &mut cache), Err(Reject::BadSignature));
    // Capacity bounds what is remembered: older frames are verified again, still accepted.
    for seq in 10..14 {
        let f = track_frame(1, 0, seq);
        assert!(c.open_cached(&f, &mut cache).is_ok());
    }
    assert!(cache.len() <= 2);
}
