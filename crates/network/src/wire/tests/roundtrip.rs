//! Encode → decode round trips: integers exact, linear fields within half a step, sigmas
//! rounded up by less than one log step, decoded frames re-encode to the same bytes; and the
//! encoder's typed errors for values outside the wire ranges.

use super::super::body::{AZIMUTH_STEP, ELEVATION_STEP, POSITION_STEP, RANGE_STEP};
use super::super::body::{SNR_STEP, VELOCITY_STEP};
use super::super::*;
use super::fixtures::*;
use base::NationSet;
use proptest::prelude::*;

/// One log-scale step in sigma (12 steps per octave), with float slack.
const LOG_STEP: f64 = 1.059_463_1;

fn assert_close(got: f64, want: f64, step: f64, what: &str) {
    assert!(
        (got - want).abs() <= step / 2.0 + 1e-9 * want.abs().max(1.0),
        "{what}: got {got}, want {want} ± {}",
        step / 2.0
    );
}

fn assert_sigma(got: f64, want: f64, base: f64, what: &str) {
    assert!(got >= want, "{what}: {got} < {want} (not conservative)");
    assert!(
        got <= (want * LOG_STEP).max(base) * (1.0 + 1e-12),
        "{what}: {got} more than one step above {want}"
    );
}

fn check_track(got: &TrackReport, want: &TrackReport) {
    for i in 0..3 {
        assert_close(
            got.position_m[i],
            want.position_m[i],
            POSITION_STEP,
            "position",
        );
        assert_close(
            got.velocity_mps[i],
            want.velocity_mps[i],
            VELOCITY_STEP,
            "velocity",
        );
    }
    // The update age rounds up to the next 0.1 s (never fresher) and saturates at 6553.5 s.
    let age_want = want.update_age_ms.div_ceil(100).min(u32::from(u16::MAX)) * 100;
    assert_eq!(got.update_age_ms, age_want, "update age");
    assert!(got.update_age_ms >= want.update_age_ms.min(6_553_500));
    let exact = TrackReport {
        position_m: got.position_m,
        velocity_mps: got.velocity_mps,
        update_age_ms: got.update_age_ms,
        ..*want
    };
    assert_eq!(*got, exact);
}

fn check_plot(got: &Plot, want: &Plot) {
    for i in 0..3 {
        let (g, w) = (got.sensor_position_m[i], want.sensor_position_m[i]);
        assert_close(g, w, POSITION_STEP, "sensor position");
    }
    assert_close(got.range_m, want.range_m, RANGE_STEP, "range");
    let daz = (got.azimuth_rad - want.azimuth_rad).rem_euclid(core::f64::consts::TAU);
    assert_close(
        daz.min(core::f64::consts::TAU - daz),
        0.0,
        AZIMUTH_STEP,
        "azimuth",
    );
    assert_close(
        got.elevation_rad,
        want.elevation_rad,
        ELEVATION_STEP,
        "elevation",
    );
    match (got.range_rate_mps, want.range_rate_mps) {
        (Some(g), Some(w)) => assert_close(g, w, VELOCITY_STEP, "range rate"),
        (None, None) => {}
        other => panic!("range rate presence changed: {other:?}"),
    }
    assert_sigma(got.sigma_range_m, want.sigma_range_m, 0.01, "sigma range");
    assert_sigma(
        got.sigma_azimuth_rad,
        want.sigma_azimuth_rad,
        1e-6,
        "sigma az",
    );
    assert_sigma(
        got.sigma_elevation_rad,
        want.sigma_elevation_rad,
        1e-6,
        "sigma el",
    );
    assert_sigma(
        got.sigma_range_rate_mps,
        want.sigma_range_rate_mps,
        0.01,
        "sigma rr",
    );
    assert_close(got.snr_db, want.snr_db.clamp(0.0, 63.75), SNR_STEP, "snr");
    assert_eq!(
        (got.sensor, got.origin, got.time_us, got.iff, got.release),
        (
            want.sensor,
            want.origin,
            want.time_us,
            want.iff,
            want.release
        )
    );
}

fn check_message(got: &Message, want: &Message) {
    match (got, want) {
        (Message::Track(g), Message::Track(w)) => check_track(g, w),
        (Message::Plot(g), Message::Plot(w)) => check_plot(g, w),
        (g, w) => assert_eq!(g, w),
    }
}

fn frame_strategy() -> impl Strategy<Value = (FrameHeader, Vec<Message>)> {
    (
        any::<u8>(),
        any::<u8>(),
        any::<u32>(),
        any::<u32>(),
        any::<u8>(),
    )
        .prop_flat_map(|(sender, epoch, seq, time_ms, release)| {
            let release = NationSet::from_bits(release);
            let header = FrameHeader {
                sender: NodeAddr(sender),
                epoch,
                seq,
                time_ms,
                release,
            };
            prop::collection::vec(any_message(sender, release), 1..12)
                .prop_map(move |messages| (header, messages))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn frames_round_trip_and_reencode_identically((header, messages) in frame_strategy()) {
        let signer = NodeSigner::from_seed(header.sender, key_seed(SEED, header.sender.0));
        let bytes = signer.seal(&header, &messages).expect("valid frame");
        let expected_len =
            FRAME_OVERHEAD + messages.iter().map(Message::encoded_len).sum::<usize>();
        prop_assert_eq!(bytes.len(), expected_len);
        let frame = decode_unverified(&bytes).expect("decodes");
        prop_assert_eq!(frame.header, header);
        prop_assert_eq!(frame.messages.len(), messages.len());
        for (g, w) in frame.messages.iter().zip(&messages) {
            check_message(g, w);
        }
        prop_assert_eq!(signer.seal(&frame.header, &frame.messages).expect("re-encodes"), bytes);
    }
}

#[test]
fn sample_of_each_type_round_trips() {
    let release = NationSet::first(4);
    let messages = one_of_each(1, release);
    let frame = decode_unverified(&sample_frame(5)).expect("decodes");
    assert_eq!(frame.header, header(1, 5, release));
    for (g, w) in frame.messages.iter().zip(&messages) {
        check_message(g, w);
    }
    // Decoded values on the grid, checked by hand: 210.25 m/s is exact, 85 432.17 m → 8 543 217 cm.
    let Message::Track(t) = frame.messages[0] else {
        panic!("first is a track")
    };
    assert_eq!(t.velocity_mps, [210.25, -35.5, 12.0]);
    let Message::Plot(p) = frame.messages[4] else {
        panic!("last is a plot")
    };
    assert!((p.range_m - 85_432.17).abs() < 1e-6);
}

fn seal_one(m: Message) -> Result<Vec<u8>, EncodeError> {
    signer(1).seal(&header(1, 0, NationSet::first(2)), &[m])
}

#[test]
fn out_of_range_values_are_typed_encode_errors() {
    let rel = NationSet::first(2);
    let track = sample_track(1, 9, rel);
    let plot = sample_plot(1, rel);
    let oor = |field| Err(EncodeError::OutOfRange { field });
    let cases: Vec<(Message, Result<Vec<u8>, EncodeError>)> = vec![
        (
            Message::Track(TrackReport {
                position_m: [8.6e6, 0.0, 0.0],
                ..track
            }),
            oor("position"),
        ),
        (
            Message::Track(TrackReport {
                position_m: [f64::NAN, 0.0, 0.0],
                ..track
            }),
            oor("position"),
        ),
        (
            Message::Track(TrackReport {
                velocity_mps: [0.0, -8193.0, 0.0],
                ..track
            }),
            oor("velocity"),
        ),
        (
            Message::Track(TrackReport {
                quality: 16,
                ..track
            }),
            oor("quality"),
        ),
        (
            Message::Track(TrackReport {
                release: NationSet::first(3),
                ..track
            }),
            Err(EncodeError::ReleaseMismatch),
        ),
        (
            Message::Plot(Plot {
                range_m: -1.0,
                ..plot
            }),
            oor("range"),
        ),
        (
            Message::Plot(Plot {
                range_m: 4.3e7,
                ..plot
            }),
            oor("range"),
        ),
        (
            Message::Plot(Plot {
                elevation_rad: 1.58,
                ..plot
            }),
            oor("elevation"),
        ),
        (
            Message::Plot(Plot {
                azimuth_rad: f64::INFINITY,
                ..plot
            }),
            oor("azimuth"),
        ),
        (
            Message::Plot(Plot {
                range_rate_mps: Some(9000.0),
                ..plot
            }),
            oor("range_rate"),
        ),
        (
            Message::Plot(Plot {
                time_us: 1 << 48,
                ..plot
            }),
            oor("time_us"),
        ),
        (
            Message::Plot(Plot {
                sigma_range_m: 3e4,
                ..plot
            }),
            oor("sigma_range"),
        ),
        (
            Message::Plot(Plot {
                sigma_azimuth_rad: -1.0,
                ..plot
            }),
            oor("sigma_azimuth"),
        ),
        (
            Message::Plot(Plot {
                snr_db: f64::NAN,
                ..plot
            }),
            oor("snr"),
        ),
        (
            Message::Plot(Plot {
                look: PlotLook {
                    plots: 0,
                    ..plot.look
                },
                ..plot
            }),
            oor("look_plots"),
        ),
        (
            Message::Plot(Plot {
                release: NationSet::EMPTY,
                ..plot
            }),
            Err(EncodeError::ReleaseMismatch),
        ),
    ];
    for (m, want) in cases {
        assert_eq!(seal_one(m), want, "{m:?}");
    }
    // Edges just inside the ranges encode.
    let edge = TrackReport {
        position_m: [8.5e6, -8.5e6, 0.0],
        velocity_mps: [8191.75, -8192.0, 0.0],
        quality: 15,
        ..track
    };
    assert!(seal_one(Message::Track(edge)).is_ok());
    assert!(
        seal_one(Message::Plot(Plot {
            elevation_rad: -core::f64::consts::FRAC_PI_2,
            azimuth_rad: -0.1,
            ..plot
        }))
        .is_ok()
    );
}

#[test]
fn frame_level_encode_errors() {
    let rel = NationSet::first(2);
    assert_eq!(
        signer(1).seal(&header(1, 0, rel), &[]),
        Err(EncodeError::Empty)
    );
    assert_eq!(
        signer(1).seal(
            &header(2, 0, rel),
            &[Message::Track(sample_track(2, 1, rel))]
        ),
        Err(EncodeError::SenderMismatch {
            header: NodeAddr(2),
            signer: NodeAddr(1)
        })
    );
    // 28 reports fit in 1400 bytes (77 + 28·47 = 1393), 29 do not.
    let many = |n| vec![Message::Track(sample_track(1, 1, rel)); n];
    assert_eq!(
        signer(1)
            .seal(&header(1, 0, rel), &many(28))
            .map(|b| b.len()),
        Ok(1393)
    );
    assert_eq!(
        signer(1).seal(&header(1, 0, rel), &many(29)),
        Err(EncodeError::TooLong { len: 1440 })
    );
}

#[test]
fn azimuth_wraps_to_the_same_direction() {
    let rel = NationSet::first(2);
    let plot = Plot {
        azimuth_rad: core::f64::consts::TAU - 1e-7,
        ..sample_plot(1, rel)
    };
    let bytes = seal_one(Message::Plot(plot)).expect("encodes");
    let Message::Plot(p) = decode_unverified(&bytes).expect("decodes").messages[0] else {
        panic!("a plot")
    };
    assert_eq!(p.azimuth_rad, 0.0);
}
