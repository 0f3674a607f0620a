//! Wire throughput: frames of 1 and 8 track reports encoded and signed, opened (signature
//! verified, replay-checked, decoded), and decoded alone; plus covariance compression. Prints
//! the frame sizes and per-report cost first.

use base::{NationIndex, NationSet};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use network::wire::*;
use std::hint::black_box;

fn report(n: u32) -> TrackReport {
    let mut p = [[0.0; 6]; 6];
    for i in 0..3 {
        p[i][i] = 900.0 + 100.0 * i as f64;
        p[i + 3][i + 3] = 16.0;
        p[i][i + 3] = 0.6 * 30.0 * 4.0;
        p[i + 3][i] = p[i][i + 3];
    }
    p[0][1] = 300.0;
    p[1][0] = 300.0;
    TrackReport {
        track_number: TrackNumber::new(n).expect("valid"),
        origin: NodeAddr(1),
        origin_nation: NationIndex::new(0).expect("valid"),
        time_ms: 60_000,
        age_s: 30,
        update_age_ms: 1_200,
        position_m: [-2_694_044.0, -4_266_368.0, 3_888_310.0],
        velocity_mps: [210.0, -35.5, 12.0],
        covariance: CovarianceSummary::from_matrix(&p),
        quality: 12,
        identity: Identity::Hostile,
        iff: IffEvidence::default(),
        kind: TrackKind::Air,
        release: NationSet::first(4),
    }
}

fn header(seq: u32) -> FrameHeader {
    FrameHeader {
        sender: NodeAddr(1),
        epoch: 0,
        seq,
        time_ms: 60_000,
        release: NationSet::first(4),
    }
}

fn bench(c: &mut Criterion) {
    let signer = NodeSigner::from_seed(NodeAddr(1), key_seed(7, 1));
    let mut registry = KeyRegistry::new();
    registry
        .insert(
            NodeAddr(1),
            signer.verifying_key_bytes(),
            NationIndex::new(0).expect("valid"),
        )
        .expect("fresh key");
    let receiver = Receiver::new(registry);
    for n in [1u32, 2, 4, 8] {
        let messages: Vec<Message> = (1..=n).map(|i| Message::Track(report(i))).collect();
        let len = signer.seal(&header(0), &messages).expect("valid").len();
        eprintln!(
            "frame of {n} track report(s): {len} B, {:.2} B per report",
            len as f64 / f64::from(n)
        );
    }
    let mut group = c.benchmark_group("wire");
    for n in [1u32, 8] {
        let messages: Vec<Message> = (1..=n).map(|i| Message::Track(report(i))).collect();
        let bytes = signer.seal(&header(1), &messages).expect("valid");
        group.throughput(Throughput::Elements(u64::from(n)));
        group.bench_function(format!("seal_{n}_reports"), |b| {
            b.iter(|| signer.seal(black_box(&header(1)), black_box(&messages)))
        });
        group.bench_function(format!("open_{n}_reports"), |b| {
            b.iter_batched(
                || receiver.clone(),
                |mut rx| rx.open(black_box(&bytes)).expect("accepted"),
                BatchSize::SmallInput,
            )
        });
        group.bench_function(format!("decode_unverified_{n}_reports"), |b| {
            b.iter(|| decode_unverified(black_box(&bytes)))
        });
    }
    group.throughput(Throughput::Elements(1));
    let p = report(1).covariance.to_matrix();
    group.bench_function("covariance_from_matrix", |b| {
        b.iter(|| CovarianceSummary::from_matrix(black_box(&p)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
