//! Valid sample messages, keys and proptest strategies shared by the wire tests.

use super::super::*;
use base::{NationIndex, NationSet};
use proptest::prelude::*;

/// Master seed of the test keys.
pub(super) const SEED: u64 = 42;

pub(super) fn nation(i: usize) -> NationIndex {
    NationIndex::new(i).expect("test nation in roster")
}

pub(super) fn tn(v: u32) -> TrackNumber {
    TrackNumber::new(v).expect("test track number valid")
}

/// Node `n` of the test network: key from [`SEED`], nation `n % 4`.
pub(super) fn signer(n: u8) -> NodeSigner {
    NodeSigner::from_seed(NodeAddr(n), key_seed(SEED, n))
}

pub(super) fn node_nation(n: u8) -> NationIndex {
    nation(usize::from(n % 4))
}

/// A registry trusting nodes 1..=4.
pub(super) fn registry() -> KeyRegistry {
    let mut r = KeyRegistry::new();
    for n in 1..=4 {
        r.insert(NodeAddr(n), signer(n).verifying_key_bytes(), node_nation(n))
            .expect("fresh valid key");
    }
    r
}

pub(super) fn header(sender: u8, seq: u32, release: NationSet) -> FrameHeader {
    FrameHeader {
        sender: NodeAddr(sender),
        epoch: 0,
        seq,
        time_ms: 1_000 + seq,
        release,
    }
}

/// A diagonal-ish track covariance: 50 m, 5 m/s, some position–velocity correlation.
pub(super) fn sample_covariance() -> CovarianceSummary {
    let mut p = [[0.0; 6]; 6];
    for i in 0..3 {
        p[i][i] = 2500.0;
        p[i + 3][i + 3] = 25.0;
        p[i][i + 3] = 0.5 * 50.0 * 5.0;
        p[i + 3][i] = p[i][i + 3];
    }
    CovarianceSummary::from_matrix(&p)
}

pub(super) fn sample_track(origin: u8, number: u32, release: NationSet) -> TrackReport {
    TrackReport {
        track_number: tn(number),
        origin: NodeAddr(origin),
        origin_nation: node_nation(origin),
        time_ms: 123_456,
        age_s: 42,
        update_age_ms: 3_700,
        position_m: [-2_694_044.0, -4_266_368.0, 3_888_310.0],
        velocity_mps: [210.25, -35.5, 12.0],
        covariance: sample_covariance(),
        quality: 11,
        identity: Identity::Hostile,
        iff: IffEvidence {
            interrogated: true,
            military_reply: false,
            civil_reply: false,
        },
        kind: TrackKind::Cruise,
        release,
    }
}

pub(super) fn sample_plot(origin: u8, release: NationSet) -> Plot {
    Plot {
        sensor: 3,
        origin: NodeAddr(origin),
        time_us: 123_456_789,
        sensor_position_m: [-2_700_000.0, -4_260_000.0, 3_880_000.0],
        range_m: 85_432.17,
        azimuth_rad: 1.2345,
        elevation_rad: 0.05,
        range_rate_mps: Some(-250.5),
        sigma_range_m: 15.0,
        sigma_azimuth_rad: 1e-3,
        sigma_elevation_rad: 2e-3,
        sigma_range_rate_mps: 1.0,
        iff: IffEvidence::default(),
        snr_db: 21.5,
        release,
        look: PlotLook {
            seq: 4242,
            plots: 7,
            full: true,
        },
    }
}

/// One of each message type, all first-hand from `origin`.
pub(super) fn one_of_each(origin: u8, release: NationSet) -> Vec<Message> {
    vec![
        Message::Track(sample_track(origin, 0x00_1234, release)),
        Message::Drop(TrackDrop {
            track_number: tn(7),
            origin: NodeAddr(origin),
            time_ms: 99,
            reason: DropReason::Merged { survivor: tn(8) },
        }),
        Message::Identity(IdentityChange {
            track_number: tn(0x00_1234),
            identity: Identity::Suspect,
            authority: NodeAddr(origin),
            time_ms: 100,
        }),
        Message::Status(NodeStatus {
            node: NodeAddr(origin),
            time_ms: 101,
            tracks_held: 17,
            tracks_reported: 9,
            flags: NodeStatus::FLAG_DEGRADED,
        }),
        Message::Plot(sample_plot(origin, release)),
    ]
}

/// A valid sealed frame from node 1 (sequence `seq`) holding one of each message.
pub(super) fn sample_frame(seq: u32) -> Vec<u8> {
    let release = NationSet::first(4);
    signer(1)
        .seal(&header(1, seq, release), &one_of_each(1, release))
        .expect("valid sample frame")
}

/// A random symmetric positive definite 6×6 matrix shaped like a tracker's: per-axis position
/// and velocity variances with same-axis correlation, rotated by a random rotation (so every
/// cross term is populated, as in ECEF).
pub(super) fn realistic_covariance() -> impl Strategy<Value = [[f64; 6]; 6]> {
    (
        prop::array::uniform4(-1.0f64..1.0),
        prop::array::uniform3(0.0f64..1.0),
        prop::array::uniform3(0.0f64..1.0),
        prop::array::uniform3(-0.95f64..0.95),
    )
        .prop_map(|(q, sp, sv, rho)| realistic_from(q, sp, sv, rho))
}

/// Builds the matrix of [`realistic_covariance`] from unit-interval draws.
#[allow(clippy::needless_range_loop)] // T L Tᵀ by indices reads like the formula
pub(super) fn realistic_from(
    q: [f64; 4],
    sp: [f64; 3],
    sv: [f64; 3],
    rho: [f64; 3],
) -> [[f64; 6]; 6] {
    let n = (q.iter().map(|v| v * v).sum::<f64>()).sqrt().max(1e-6);
    let [w, x, y, z] = q.map(|v| v / n);
    let r = [
        [
            1.0 - 2.0 * (y * y + z * z),
            2.0 * (x * y - w * z),
            2.0 * (x * z + w * y),
        ],
        [
            2.0 * (x * y + w * z),
            1.0 - 2.0 * (x * x + z * z),
            2.0 * (y * z - w * x),
        ],
        [
            2.0 * (x * z - w * y),
            2.0 * (y * z + w * x),
            1.0 - 2.0 * (x * x + y * y),
        ],
    ];
    // Position sigmas 1 m .. 5 km, velocity 0.1 .. 300 m/s (log-uniform).
    let sp = sp.map(|u| 10f64.powf(u * 3.7));
    let sv = sv.map(|u| 0.1 * 10f64.powf(u * 3.5));
    let mut local = [[0.0; 6]; 6];
    for i in 0..3 {
        local[i][i] = sp[i] * sp[i];
        local[i + 3][i + 3] = sv[i] * sv[i];
        local[i][i + 3] = rho[i] * sp[i] * sv[i];
        local[i + 3][i] = local[i][i + 3];
    }
    let t = |i: usize, k: usize| -> f64 {
        if (i < 3) == (k < 3) {
            r[i % 3][k % 3]
        } else {
            0.0
        }
    };
    core::array::from_fn(|i| {
        core::array::from_fn(|j| {
            let mut s = 0.0;
            for k in 0..6 {
                for l in 0..6 {
                    s += t(i, k) * local[k][l] * t(j, l);
                }
            }
            s
        })
    })
}

pub(super) fn any_identity() -> impl Strategy<Value = Identity> {
    prop::sample::select(Identity::ALL.to_vec())
}

pub(super) fn any_iff() -> impl Strategy<Value = IffEvidence> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, b, c)| IffEvidence {
        interrogated: a,
        military_reply: b,
        civil_reply: c,
    })
}

pub(super) fn any_tn() -> impl Strategy<Value = TrackNumber> {
    (1..=TrackNumber::MAX).prop_map(tn)
}

pub(super) fn any_track(origin: u8, release: NationSet) -> impl Strategy<Value = TrackReport> {
    (
        (
            (any_tn(), 0usize..8, any::<u32>(), any::<u16>()),
            prop_oneof![0u32..20_000, any::<u32>()],
        ),
        prop::array::uniform3(-8.5e6f64..8.5e6),
        prop::array::uniform3(-8190.0f64..8190.0),
        realistic_covariance(),
        (
            0u8..16,
            any_identity(),
            any_iff(),
            prop::sample::select(TrackKind::ALL.to_vec()),
        ),
    )
        .prop_map(
            move |(
                ((track_number, n, time_ms, age_s), update_age_ms),
                position_m,
                velocity_mps,
                p,
                q,
            )| {
                TrackReport {
                    track_number,
                    origin: NodeAddr(origin),
                    origin_nation: nation(n),
                    time_ms,
                    age_s,
                    update_age_ms,
                    position_m,
                    velocity_mps,
                    covariance: CovarianceSummary::from_matrix(&p),
                    quality: q.0,
                    identity: q.1,
                    iff: q.2,
                    kind: q.3,
                    release,
                }
            },
        )
}

pub(super) fn any_plot(origin: u8, release: NationSet) -> impl Strategy<Value = Plot> {
    (
        (
            any::<u16>(),
            0u64..(1 << 48),
            prop::array::uniform3(-8.5e6f64..8.5e6),
        ),
        (0.0f64..4.0e7, -10.0f64..10.0, -1.57f64..1.57),
        prop::option::of(-8190.0f64..8190.0),
        (1e-3f64..2e4, 0.0f64..2.0, 1e-7f64..2.0, 0.0f64..2e4),
        (
            any_iff(),
            -5.0f64..80.0,
            any::<u16>(),
            1u16..,
            any::<bool>(),
        ),
    )
        .prop_map(
            move |(
                (sensor, time_us, pos),
                (range, az, el),
                rr,
                s,
                (iff, snr, seq, plots, full),
            )| Plot {
                sensor,
                origin: NodeAddr(origin),
                time_us,
                sensor_position_m: pos,
                range_m: range,
                azimuth_rad: az,
                elevation_rad: el,
                range_rate_mps: rr,
                sigma_range_m: s.0,
                sigma_azimuth_rad: s.1,
                sigma_elevation_rad: s.2,
                sigma_range_rate_mps: s.3,
                iff,
                snr_db: snr,
                release,
                look: PlotLook { seq, plots, full },
            },
        )
}

pub(super) fn any_message(origin: u8, release: NationSet) -> impl Strategy<Value = Message> {
    prop_oneof![
        any_track(origin, release).prop_map(Message::Track),
        (any_tn(), any::<u32>(), 0u8..5, any_tn()).prop_map(move |(t, time_ms, r, s)| {
            Message::Drop(TrackDrop {
                track_number: t,
                origin: NodeAddr(origin),
                time_ms,
                reason: match r {
                    0 => DropReason::Lost,
                    1 => DropReason::Merged { survivor: s },
                    2 => DropReason::Decorrelated,
                    3 => DropReason::Other,
                    _ => DropReason::Impact,
                },
            })
        }),
        (any_tn(), any_identity(), any::<u8>(), any::<u32>()).prop_map(|(t, i, a, time_ms)| {
            Message::Identity(IdentityChange {
                track_number: t,
                identity: i,
                authority: NodeAddr(a),
                time_ms,
            })
        }),
        (any::<u32>(), any::<u16>(), any::<u16>(), any::<u8>()).prop_map(move |(t, h, r, f)| {
            Message::Status(NodeStatus {
                node: NodeAddr(origin),
                time_ms: t,
                tracks_held: h,
                tracks_reported: r,
                flags: f,
            })
        }),
        any_plot(origin, release).prop_map(Message::Plot),
    ]
}
