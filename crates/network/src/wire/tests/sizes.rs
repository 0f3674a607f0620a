//! Pins the layout: byte sizes of every part (docs/wire.md states the same numbers) and the
//! per-report cost of track-report frames for N = 1, 2, 4, 8.

use super::super::*;
use super::fixtures::*;
use base::NationSet;

#[test]
fn layout_sizes_are_pinned() {
    assert_eq!(HEADER_LEN, 13);
    assert_eq!(SIGNATURE_LEN, 64);
    assert_eq!(FRAME_OVERHEAD, 77);
    assert_eq!(TRACK_REPORT_LEN, 47);
    assert_eq!(TRACK_DROP_LEN, 13);
    assert_eq!(IDENTITY_CHANGE_LEN, 10);
    assert_eq!(NODE_STATUS_LEN, 11);
    assert_eq!(PLOT_LEN, 43);
    assert_eq!(MAX_FRAME_LEN, 1400);
    // Real encodings, not just the constants.
    let rel = NationSet::first(4);
    let sizes: Vec<usize> = one_of_each(1, rel)
        .into_iter()
        .map(|m| {
            let b = signer(1).seal(&header(1, 0, rel), &[m]).expect("valid");
            b.len() - FRAME_OVERHEAD
        })
        .collect();
    assert_eq!(sizes, [47, 13, 10, 11, 43]);
    assert_eq!(sample_frame(0).len(), 77 + 47 + 13 + 10 + 11 + 43);
}

#[test]
fn per_report_cost_of_track_frames() {
    let rel = NationSet::first(4);
    let mut costs = Vec::new();
    for n in [1usize, 2, 4, 8] {
        let messages = vec![Message::Track(sample_track(1, 77, rel)); n];
        let len = signer(1)
            .seal(&header(1, 0, rel), &messages)
            .expect("valid")
            .len();
        assert_eq!(len, 77 + 47 * n);
        let per_report = len as f64 / n as f64;
        eprintln!("track-report frame N={n}: {len} B, {per_report:.2} B per report");
        costs.push(per_report);
    }
    // A lone report cannot meet 96 B (the signature alone is 64 B); two per frame do.
    assert_eq!(costs, [124.0, 85.5, 66.25, 56.625]);
    assert!(costs[1] <= 96.0);
}
