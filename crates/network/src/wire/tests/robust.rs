//! Never-panics harness: arbitrary bytes, near-valid headers and mutated valid frames (bit
//! flips, truncation, extension, splicing) through `decode_unverified`, `peek_header` and
//! `Receiver::open`. Every outcome is a value; allocation is bounded by the input length.

use super::super::*;
use super::fixtures::*;
use base::NationSet;
use proptest::prelude::*;

/// Runs every entry point on `bytes`; checks the O(input) bound and that an accepted frame is
/// also a valid decode.
fn exercise(rx: &mut Receiver, bytes: &[u8]) {
    let decoded = decode_unverified(bytes);
    let _ = peek_header(bytes);
    if let Ok(frame) = &decoded {
        assert!(frame.messages.len() * IDENTITY_CHANGE_LEN <= bytes.len());
        assert!(!frame.messages.is_empty());
    }
    let before = rx.accepted() + rx.rejected();
    match rx.open(bytes) {
        Ok(frame) => assert_eq!(Ok(frame), decoded),
        Err(r) => assert!(rx.rejections()[r.reason()] > 0),
    }
    assert_eq!(
        rx.accepted() + rx.rejected(),
        before + 1,
        "every frame counted once"
    );
}

/// A small pool of valid frames to mutate: each message type alone, and mixed.
fn valid_frames() -> Vec<Vec<u8>> {
    let rel = NationSet::first(4);
    let mut frames: Vec<Vec<u8>> = one_of_each(1, rel)
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            signer(1)
                .seal(&header(1, i as u32, rel), &[m])
                .expect("valid")
        })
        .collect();
    frames.push(sample_frame(10));
    frames
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Set { at: usize, value: u8 },
    Truncate { len: usize },
    Extend { bytes: Vec<u8> },
    Splice { from: usize, at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, value)| Mutation::Set { at, value }),
        any::<usize>().prop_map(|len| Mutation::Truncate { len }),
        prop::collection::vec(any::<u8>(), 1..80).prop_map(|bytes| Mutation::Extend { bytes }),
        (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(from, at, len)| Mutation::Splice { from, at, len }),
    ]
}

fn apply(frames: &[Vec<u8>], base: usize, muts: &[Mutation]) -> Vec<u8> {
    let mut b = frames[base % frames.len()].clone();
    for m in muts {
        let n = b.len().max(1);
        match m {
            Mutation::Flip { at, bit } => {
                if let Some(x) = b.get_mut(at % n) {
                    *x ^= 1 << bit;
                }
            }
            Mutation::Set { at, value } => {
                if let Some(x) = b.get_mut(at % n) {
                    *x = *value;
                }
            }
            Mutation::Truncate { len } => b.truncate(len % n),
            Mutation::Extend { bytes } => b.extend_from_slice(bytes),
            Mutation::Splice { from, at, len } => {
                let other = &frames[from % frames.len()];
                let start = at % other.len();
                let end = (start + len % 64).min(other.len());
                let pos = at % n;
                b.splice(pos..pos.min(b.len()), other[start..end].iter().copied());
            }
        }
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
        let mut rx = Receiver::new(registry());
        exercise(&mut rx, &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn near_valid_headers_never_panic(sender in 0u8..6, count in any::<u8>(),
                                      tags in prop::collection::vec(0u8..7, 0..8),
                                      body in prop::collection::vec(any::<u8>(), 0..400)) {
        // Valid magic, known senders, message tags mostly known: reaches the body decoders.
        let mut bytes = vec![MAGIC << 4 | VERSION, sender, 0, 0, 0, 0, 1, 0, 0, 0, 5, 0x0F, count];
        for (i, t) in tags.iter().enumerate() {
            bytes.push(*t);
            bytes.extend(body.iter().skip(i * 40).take(44));
        }
        bytes.extend_from_slice(&[0; 64]);
        let mut rx = Receiver::new(registry());
        exercise(&mut rx, &bytes);
    }

    #[test]
    fn mutated_valid_frames_never_panic(base in any::<usize>(),
                                        muts in prop::collection::vec(mutation(), 1..4)) {
        let frames = valid_frames();
        let bytes = apply(&frames, base, &muts);
        let mut rx = Receiver::new(registry());
        exercise(&mut rx, &bytes);
        // Unsigned parsing of the mutated body also never panics past the signature check.
        if let Ok(frame) = decode_unverified(&bytes) {
            let resealed = signer(frame.header.sender.0).seal(&frame.header, &frame.messages);
            prop_assert!(resealed.is_ok(), "a decoded frame re-encodes: {resealed:?}");
        }
    }
}

#[test]
fn typed_errors_for_known_malformations() {
    let good = sample_frame(1);
    let body_end = good.len() - SIGNATURE_LEN;
    let with = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut b = good.clone();
        f(&mut b);
        decode_unverified(&b)
    };
    assert_eq!(
        decode_unverified(&[]),
        Err(DecodeError::Truncated { offset: 0 })
    );
    assert_eq!(with(&|b| b[0] = 0x51), Err(DecodeError::BadMagic(0x51)));
    assert_eq!(
        with(&|b| b[0] = 0xA1),
        Err(DecodeError::UnsupportedVersion(1))
    );
    assert_eq!(with(&|b| b[12] = 0), Err(DecodeError::EmptyFrame));
    assert_eq!(with(&|b| b[12] = 6), Err(DecodeError::CountMismatch));
    assert_eq!(with(&|b| b[12] = 4), Err(DecodeError::TrailingBytes));
    assert_eq!(
        with(&|b| b[13] = 0x77),
        Err(DecodeError::UnknownMessageType(0x77))
    );
    assert_eq!(with(&|b| b.resize(1401, 0)), Err(DecodeError::TooLong));
    // Track number 0, nation 8, identity 7, quality/identity byte etc.
    let oor = |field| Err(DecodeError::FieldOutOfRange { field });
    assert_eq!(
        with(&|b| b[14..17].copy_from_slice(&[0, 0, 0])),
        oor("track_number")
    );
    assert_eq!(with(&|b| b[18] = 8), oor("origin_nation"));
    assert_eq!(with(&|b| b[13 + 44] = 0xB7), oor("identity"));
    assert_eq!(with(&|b| b[13 + 45] = 0x15), oor("kind"));
    assert_eq!(with(&|b| b[13 + 45] = 0x82), oor("iff"));
    assert_eq!(with(&|b| b[13 + 35] = 0x80), oor("covariance"));
    // Correlations ±1 everywhere make the carried pattern singular.
    assert_eq!(
        with(&|b| for i in [35, 36, 37, 41, 42, 43] {
            b[13 + i] = 127
        }),
        oor("covariance")
    );
    assert_eq!(
        with(&|b| b[13 + 46] = 0x01),
        Err(DecodeError::ReleaseMismatch)
    );
    // Drop: reason 9; survivor set on a non-merge.
    assert_eq!(with(&|b| b[60 + 9] = 9), oor("reason"));
    assert_eq!(with(&|b| b[60 + 9] = 0), oor("reason"));
    // Plot (last message): reserved flag bit, range rate without its presence flag.
    let plot = body_end - PLOT_LEN;
    assert_eq!(with(&|b| b[plot + 36] |= 0x80), oor("plot_flags"));
    assert_eq!(with(&|b| b[plot + 36] &= !0x10), oor("range_rate"));
    assert_eq!(
        with(&|b| b[plot + 41..plot + 43].copy_from_slice(&[0, 0])),
        oor("look_plots")
    );
    assert_eq!(
        with(&|b| b[plot + 28..plot + 30].copy_from_slice(&[0x80, 0])),
        oor("elevation")
    );
    // Truncation inside the body: the frame is short, the signature eats the last message.
    assert!(matches!(
        decode_unverified(&good[..good.len() - 5]),
        Err(DecodeError::Truncated { .. })
    ));
}
