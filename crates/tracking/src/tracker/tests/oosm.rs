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

/// Two rotating radars (4 s period, B half a turn behind A): each plot has its own beam time,
/// and each radar's batch is delivered when its rotation ends, so batches overlap in time and
/// many plots are older than the track they belong to.
fn rotating_plots() -> Vec<(usize, Measurement)> {
    let sensors = [[0.0, 0.0], [30_000.0, -30_000.0]];
    let targets = [
        Target {
            p0: [10_000.0, 12_000.0],
            v: [120.0, -40.0],
        },
        Target {
            p0: [20_000.0, -9_000.0],
            v: [-80.0, 150.0],
        },
        Target {
            p0: [-6_000.0, 15_000.0],
            v: [200.0, 10.0],
        },
        Target {
            p0: [40_000.0, 10_000.0],
            v: [-150.0, -60.0],
        },
    ];
    let mut rng = ChaCha8Rng::seed_from_u64(22);
    let mut plots = Vec::new();
    for rotation in 0..12 {
        for (s, sensor) in sensors.iter().enumerate() {
            let start_s = 4.0 * rotation as f64 + 2.0 * s as f64;
            for (i, target) in targets.iter().enumerate() {
                // Beam time from the azimuth at the rotation start (slow targets: exact enough).
                let p = target.at(start_s);
                let az = (p[1] - sensor[1])
                    .atan2(p[0] - sensor[0])
                    .rem_euclid(std::f64::consts::TAU);
                let t_s = start_s + 4.0 * az / std::f64::consts::TAU;
                let p = target.at(t_s);
                let (dx, dy) = (p[0] - sensor[0], p[1] - sensor[1]);
                let nb: f64 = StandardNormal.sample(&mut rng);
                let nr: f64 = StandardNormal.sample(&mut rng);
                let z = MeasVector::new(
                    dy.atan2(dx) + SIGMA_BEARING_RAD * nb,
                    dx.hypot(dy) + SIGMA_RANGE_M * nr,
                    0.0,
                    0.0,
                );
                let time = SimTime::from_nanos((t_s * 1e9).round() as i64);
                let id = (100 * rotation + 10 * s + i) as u64;
                plots.push((
                    2 * rotation + s,
                    Measurement {
                        id,
                        time,
                        z,
                        model: polar2(*sensor),
                    },
                ));
            }
        }
    }
    plots
}

#[test]
fn overlapping_rotating_batches_match_plot_by_plot_time_order() {
    let plots = rotating_plots();
    let n_batches = 24;
    let mut in_time: Vec<&Measurement> = plots.iter().map(|(_, m)| m).collect();
    in_time.sort_by_key(|m| (m.time, m.id));
    // Reference: every plot alone, in time order. Tracks confirm at birth: one-plot scans
    // would otherwise count seven misses between a track's plots (a miss is a scan without a
    // hit, by design), so M-of-N would kill them.
    let mut cfg = config(AssociatorKind::Gnn, 1e-6);
    (cfg.confirm_m, cfg.confirm_n) = (1, 1);
    let mut reference = Tracker::new(cfg.clone());
    for m in &in_time {
        reference.process(&[**m]);
    }
    // Batches: the first four (tracks established) plot by plot in time order too, then each
    // radar's rotation as one scan, delivered when it ends.
    let mut batched = Tracker::new(cfg);
    for m in in_time
        .iter()
        .filter(|m| plots.iter().any(|(b, p)| p.id == m.id && *b < 4))
    {
        batched.process(&[**m]);
    }
    for b in 4..n_batches {
        let scan: Vec<Measurement> = plots
            .iter()
            .filter(|(pb, _)| *pb == b)
            .map(|(_, m)| *m)
            .collect();
        batched.process(&scan);
    }
    let t = in_time[in_time.len() - 1].time;
    let (a, b) = (reference.tracks_at(t), batched.tracks_at(t));
    assert_eq!(a.len(), 4, "one track per target: {a:?}");
    assert_same(&a, &b, "rotating batches");
    let s = batched.stats();
    assert!(s.n_oosm_reprocessed >= 5 && s.n_oosm_dropped == 0, "{s:?}");
    assert_eq!(s.n_initiated, 4, "no plot started a second track: {s:?}");
}
