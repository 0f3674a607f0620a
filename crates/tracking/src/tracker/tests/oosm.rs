//! Out-of-sequence scans: reprocessing inside the window equals processing in time order;
//! older than the window, measurements are dropped and counted.

use super::*;
use crate::tracker::TrackReport;

/// Two radars taking turns over two targets, no clutter, every target detected: the
/// associations cannot depend on the processing order.
fn two_radars() -> Vec<Scan> {
    Scenario {
        sensors: vec![[0.0, 0.0], [25_000.0, 20_000.0]],
        targets: vec![
            Target {
                p0: [10_000.0, 5_000.0],
                v: [150.0, 40.0],
            },
            Target {
                p0: [14_000.0, 12_000.0],
                v: [-60.0, -160.0],
            },
        ],
        n_scans: 24,
        dt_s: 1.0,
        pd: 1.0,
        clutter: None,
        detect_until_s: None,
    }
    .scans(21)
}

fn final_reports(
    kind: AssociatorKind,
    order: &[usize],
    scans: &[Scan],
) -> (Vec<TrackReport>, Tracker) {
    let mut tracker = Tracker::new(config(kind, 1e-6));
    for &k in order {
        tracker.process(&scans[k].meas);
    }
    (tracker.tracks_at(scans[scans.len() - 1].time), tracker)
}

/// Delivery order where radar 1's scans from scan `from` on arrive `lag` scans late.
fn lagged_order(n: usize, lag: usize, from: usize) -> Vec<usize> {
    let mut order = Vec::new();
    let mut pending = std::collections::VecDeque::new();
    for k in 0..n {
        if k % 2 == 1 && k >= from {
            pending.push_back((k + lag, k));
        } else {
            order.push(k);
        }
        while pending.front().is_some_and(|&(due, _)| due <= k) {
            if let Some((_, late)) = pending.pop_front() {
                order.push(late);
            }
        }
    }
    order.extend(pending.into_iter().map(|(_, k)| k));
    order
}

fn assert_same(a: &[TrackReport], b: &[TrackReport], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: {a:?} vs {b:?}");
    for (x, y) in a.iter().zip(b) {
        assert_eq!(
            (x.status, x.estimate.time),
            (y.status, y.estimate.time),
            "{what}"
        );
        // Tolerance: the same predict/update sequence in both runs; 1e-9 is the brief's bound
        // (far above rounding of ~1e4 m values).
        let dx = (x.estimate.x - y.estimate.x).amax();
        let dp = (x.estimate.p - y.estimate.p).amax();
        assert!(
            dx < 1e-9 && dp < 1e-9,
            "{what}: state differs by {dx:e}, covariance by {dp:e}"
        );
        assert_eq!(x.last_update, y.last_update, "{what}");
    }
}

#[test]
fn late_scans_within_window_match_time_order() {
    let scans = two_radars();
    let in_order: Vec<usize> = (0..scans.len()).collect();
    // GNN: late from the first scan on (initiation and confirmation included). JPDA: late
    // once the tracks are confirmed, because a tentative track is associated by GNN and a
    // confirmed one by JPDA, so a late scan that lands before confirmation changes the kind
    // of update (not undone by design; see the module docs).
    for (kind, from) in [(AssociatorKind::Gnn, 0), (AssociatorKind::Jpda, 6)] {
        let (reference, _) = final_reports(kind, &in_order, &scans);
        assert_eq!(reference.len(), 2);
        for lag in [2, 3, 6] {
            let order = lagged_order(scans.len(), lag, from);
            let (late, tracker) = final_reports(kind, &order, &scans);
            assert_same(&reference, &late, &format!("{kind:?} lag {lag}"));
            let s = tracker.stats();
            assert!(
                s.n_oosm_reprocessed > 0 && s.n_oosm_dropped == 0,
                "{kind:?} lag {lag}: {s:?}"
            );
        }
    }
}

#[test]
fn scans_older_than_the_window_are_dropped_and_counted() {
    let scans = two_radars();
    let mut cfg = config(AssociatorKind::Gnn, 1e-6);
    cfg.oosm_window = SimDuration::from_secs(3);
    let mut with_late = Tracker::new(cfg.clone());
    let mut without = Tracker::new(cfg);
    for (k, scan) in scans[..16].iter().enumerate() {
        if k != 11 && k != 13 {
            with_late.process(&scan.meas);
            without.process(&scan.meas);
        }
    }
    // Scan 11 (t = 12 s) is 4 s older than the newest (16 s): outside the 3 s window.
    with_late.process(&scans[11].meas);
    let s = with_late.stats();
    assert_eq!(s.n_oosm_dropped, scans[11].meas.len() as u64, "{s:?}");
    assert_eq!(s.n_oosm_reprocessed, 0);
    let t = scans[15].time;
    assert_eq!(
        with_late.tracks_at(t),
        without.tracks_at(t),
        "a dropped scan changes nothing"
    );
    // Scan 13 (t = 14 s) is inside the window: reprocessed, not dropped.
    with_late.process(&scans[13].meas);
    assert_eq!(with_late.stats().n_oosm_dropped, s.n_oosm_dropped);
    assert_eq!(
        with_late.stats().n_oosm_reprocessed,
        2,
        "one late update per track"
    );
}
