//! Continuity counting on hand-built association sequences.

use crate::{ContinuityCounter, TruthContinuity, gospa};

#[test]
fn crossing_swap_break_gap_and_reacquisition() {
    let mut counter = ContinuityCounter::new();
    // Truths 1 and 2, tracks 10 and 20; they swap at step 3.
    counter.record(&[(1, Some(10)), (2, Some(20))]);
    counter.record(&[(1, Some(10)), (2, Some(20))]);
    counter.record(&[(1, Some(20)), (2, Some(10))]);
    // Truth 1 loses its track (break), truth 2 vanishes (no break).
    counter.record(&[(1, None)]);
    // Truth 1 re-acquired by its last track; truth 2 back after a gap with the same track.
    counter.record(&[(1, Some(20)), (2, Some(10))]);
    counter.record(&[(1, Some(20)), (2, Some(10))]);
    let per: Vec<_> = counter.per_truth().collect();
    let one = TruthContinuity {
        steps: 6,
        tracked_steps: 5,
        segments: 3,
        longest_segment_steps: 2,
        breaks: 1,
        id_changes: 1,
    };
    let two = TruthContinuity {
        steps: 5,
        tracked_steps: 5,
        segments: 3,
        longest_segment_steps: 2,
        breaks: 0,
        id_changes: 1,
    };
    assert_eq!(per, vec![(1, one), (2, two)]);
    let s = counter.summary();
    assert_eq!(
        (s.n_truths, s.n_truths_tracked, s.track_transfers),
        (2, 2, 2)
    );
    assert_eq!(s.rate_of_track_number_changes(), 4.0 / 10.0);
    assert_eq!(s.longest_segment_ratio(), 4.0 / 11.0);
}

#[test]
fn empty_counter_reports_zero_rates() {
    let s = ContinuityCounter::new().summary();
    assert_eq!(
        (s.rate_of_track_number_changes(), s.longest_segment_ratio()),
        (0.0, 0.0)
    );
}

#[test]
fn record_gospa_uses_pairs_closer_than_c() {
    let truths = [[0.0, 0.0], [100.0, 0.0]];
    let tracks = [[0.0, 1.0], [500.0, 0.0]];
    let g = gospa(&truths, &tracks, 50.0, 1.0);
    let mut counter = ContinuityCounter::new();
    counter.record_gospa(&[7, 8], &[70, 80], &g);
    let per: Vec<_> = counter
        .per_truth()
        .map(|(id, t)| (id, t.tracked_steps))
        .collect();
    assert_eq!(per, vec![(7, 1), (8, 0)]);
}

#[test]
#[should_panic(expected = "track id 10 appears twice")]
fn a_track_on_two_truths_panics() {
    ContinuityCounter::new().record(&[(1, Some(10)), (2, Some(10))]);
}
