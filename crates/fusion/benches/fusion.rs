//! Criterion benchmarks: 1,000 tracks × 3 nodes — association, fusion, and a full
//! `update_local` / `system_tracks` cycle of one node hearing two peers.

use base::{NationSet, SimDuration, SimTime};
use criterion::{Criterion, criterion_group, criterion_main};
use fusion::{
    CommonPicture, FusionRule, GateDims, LocalTrack, Matrix6, PictureConfig, R2Config,
    RemoteReport, TnBlock, TrackState, Vector6, associate, rules,
};
use std::hint::black_box;

const TRACKS: usize = 1000;

/// Deterministic pseudo-noise (no RNG needed for a benchmark layout).
fn wobble(k: usize, node: usize) -> f64 {
    (((k * 7919 + node * 104_729) % 1000) as f64 / 1000.0 - 0.5) * 100.0
}

fn state(k: usize, node: usize, t: SimTime) -> TrackState {
    // A 50 km × 50 km grid of targets at 1.6 km spacing.
    let (i, j) = ((k % 32) as f64, (k / 32) as f64);
    let s = t.as_secs_f64();
    TrackState {
        time: t,
        x: Vector6::new(
            4.0e6 + 1600.0 * i + 200.0 * s + wobble(k, node),
            3.0e6 + 1600.0 * j + wobble(k + 1, node),
            3.5e6,
            200.0,
            0.0,
            0.0,
        ),
        p: Matrix6::from_diagonal(&Vector6::new(1e4, 1e4, 1e4, 100.0, 100.0, 100.0)),
    }
}

fn config() -> PictureConfig {
    PictureConfig {
        rule: FusionRule::CovarianceIntersection,
        gate_d2: 22.46,
        merge_d2: 22.46,
        merge_checks: 3,
        decorrelate_d2: 22.46,
        decorrelate_checks: 3,
        remote_timeout: SimDuration::from_secs(40),
        drift_m: 50.0,
        refresh: None,
        r2: R2Config {
            margin: 2,
            heartbeat: SimDuration::from_secs(12),
            takeover_heartbeats: 3,
        },
        q_m2_s3: 1.0,
        dims: GateDims::PositionVelocity,
        surface: None,
    }
}

fn locals(node: usize, t: SimTime) -> Vec<LocalTrack> {
    (0..TRACKS)
        .map(|k| LocalTrack {
            id: k as u32,
            state: state(k, node, t),
            measured: t,
            quality: 10 + node as u8,
            release: NationSet::first(3),
            ballistic: false,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let t = SimTime::from_secs(10);
    let a: Vec<TrackState> = (0..TRACKS).map(|k| state(k, 0, t)).collect();
    let b: Vec<TrackState> = (0..TRACKS).map(|k| state(k, 1, t)).collect();
    let d: Vec<TrackState> = (0..TRACKS).map(|k| state(k, 2, t)).collect();
    c.bench_function("associate 1000 x 1000", |bch| {
        bch.iter(|| {
            associate(
                black_box(&a),
                black_box(&b),
                22.46,
                GateDims::PositionVelocity,
            )
        })
    });
    c.bench_function("fuse CI 1000 x 3", |bch| {
        bch.iter(|| {
            (0..TRACKS)
                .map(|k| rules::fuse(FusionRule::CovarianceIntersection, &[a[k], b[k], d[k]]))
                .map(|f| f.p[(0, 0)])
                .sum::<f64>()
        })
    });
    // Node 1 with 1000 local tracks, hearing nodes 2 and 3 report the same 1000 objects.
    let mut pic = CommonPicture::new(1, TnBlock::new(1, 10_000).expect("block"), config());
    let _ = pic.update_local(SimTime::ZERO, &locals(0, SimTime::ZERO));
    let mut now = SimTime::ZERO;
    c.bench_function(
        "cycle: 2000 remote reports + update_local(1000) + system_tracks",
        |bch| {
            bch.iter(|| {
                now += SimDuration::from_secs(1);
                for node in 1..3 {
                    for k in 0..TRACKS {
                        pic.remote_report(
                            now,
                            RemoteReport {
                                origin: node as u8 + 1,
                                tn: fusion::NetworkTrackNumber::new(
                                    20_000 * node as u32 + k as u32 + 1,
                                )
                                .expect("valid"),
                                state: state(k, node, now),
                                measured: now,
                                quality: 10,
                                release: NationSet::first(3),
                                ballistic: false,
                                origin_time: SimTime::ZERO,
                            },
                        );
                    }
                }
                let out = pic.update_local(now, &locals(0, now));
                black_box((out, pic.system_tracks(now).len()))
            })
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
