//! Track life: deletion after the coasting time, clutter-born tentative tracks dying,
//! several sensors updating one track, numbering.

use super::*;
use crate::tracker::TrackNumber;
use crate::tracker::duplicates::HitLog;

/// One target, seen until `until_s`, plus far-away clutter so scans keep coming with times.
fn fading_target(until_s: f64) -> (Scenario, Clutter) {
    let clutter = Clutter {
        mean_per_scan: 2.0,
        bearing_rad: (-2.0, -1.5),
        range_m: (5_000.0, 10_000.0),
    };
    let scenario = Scenario {
        sensors: vec![[0.0, 0.0]],
        targets: vec![Target {
            p0: [20_000.0, 5_000.0],
            v: [-150.0, 60.0],
        }],
        n_scans: 40,
        dt_s: 1.0,
        pd: 1.0,
        clutter: Some(clutter),
        detect_until_s: Some(until_s),
    };
    (scenario, clutter)
}

#[test]
fn undetected_target_is_deleted_after_max_coast() {
    let (scenario, clutter) = fading_target(20.0);
    let cfg = config(AssociatorKind::Gnn, clutter.density());
    let max_coast_s = cfg.max_coast.as_secs_f64();
    let mut tracker = Tracker::new(cfg);
    for scan in scenario.scans(11) {
        tracker.process(&scan.meas);
        let t_s = scan.time.as_secs_f64();
        let has_target = tracker
            .tracks_at(scan.time)
            .iter()
            .any(|r| r.number == TrackNumber(1));
        // Track 1 is the target's (first measurement in the first scan, no clutter nearby).
        let expected = t_s - 20.0 < max_coast_s;
        assert_eq!(
            has_target, expected,
            "at {t_s} s: track 1 alive = {has_target}"
        );
        if (10.0..=20.0).contains(&t_s) {
            let c = tracker.confirmed();
            assert!(
                c.iter()
                    .any(|r| r.number == TrackNumber(1) && r.last_update == scan.time)
            );
        }
    }
    assert!(tracker.stats().n_deleted >= 1);
}

#[test]
fn advance_deletes_without_measurements() {
    let (scenario, clutter) = fading_target(100.0);
    let mut tracker = Tracker::new(config(AssociatorKind::Jpda, clutter.density()));
    let scans = scenario.scans(12);
    for scan in &scans[..15] {
        tracker.process(&scan.meas);
    }
    let last = scans[14].time;
    assert_eq!(tracker.confirmed().len(), 1);
    tracker.advance(last + SimDuration::from_millis(4_999));
    assert_eq!(tracker.confirmed().len(), 1, "short of max_coast: alive");
    tracker.advance(last + SimDuration::from_secs(5));
    assert!(
        tracker.tracks_at(last).is_empty(),
        "every track coasted max_coast"
    );
}

#[test]
fn clutter_tentative_tracks_die() {
    // Clutter only, dense enough to start a tentative track per point, sparse enough that
    // three hits in five looks almost never happen.
    let clutter = Clutter {
        mean_per_scan: 10.0,
        bearing_rad: (0.0, 1.0),
        range_m: (10_000.0, 50_000.0),
    };
    let scenario = Scenario {
        sensors: vec![[0.0, 0.0]],
        targets: vec![],
        n_scans: 50,
        dt_s: 1.0,
        pd: 0.9,
        clutter: Some(clutter),
        detect_until_s: None,
    };
    let cfg = config(AssociatorKind::Gnn, clutter.density());
    let (confirm_n, max_misses) = (cfg.confirm_n as usize, cfg.tentative_max_misses as usize);
    let mut tracker = Tracker::new(cfg);
    let mut first_number_of_scan = Vec::new();
    for scan in scenario.scans(13) {
        first_number_of_scan.push(tracker.stats().n_initiated as u32 + 1);
        tracker.process(&scan.meas);
        let k = first_number_of_scan.len() - 1;
        for r in tracker.tracks_at(scan.time) {
            if r.status == TrackStatus::Tentative {
                // A tentative track lives at most max_misses scans without hits and at most
                // confirm_n looks in all.
                let born_within = first_number_of_scan[k.saturating_sub(confirm_n.max(max_misses))];
                assert!(
                    r.number.0 >= born_within,
                    "tentative {:?} outlived its looks",
                    r.number
                );
            }
        }
    }
    let s = tracker.stats();
    assert!(s.n_initiated > 300, "clutter should start tracks: {s:?}");
    assert!(s.n_confirmed <= 2, "clutter confirmed too often: {s:?}");
    // With no more measurements, everything coasts out.
    tracker.advance(SimTime::from_secs(100));
    assert!(tracker.tracks_at(SimTime::from_secs(100)).is_empty());
    let s = tracker.stats();
    assert_eq!(
        s.n_deleted, s.n_initiated,
        "every clutter track is deleted: {s:?}"
    );
}

#[test]
fn two_sensors_update_the_same_track() {
    let scenario = Scenario {
        sensors: vec![[0.0, 0.0], [30_000.0, -10_000.0]],
        targets: vec![Target {
            p0: [15_000.0, 8_000.0],
            v: [120.0, -90.0],
        }],
        n_scans: 30,
        dt_s: 1.0,
        pd: 1.0,
        clutter: None,
        detect_until_s: None,
    };
    let mut tracker = Tracker::new(config(AssociatorKind::Gnn, 1e-6));
    let mut used_by_sensor = [0_u32; 2];
    for scan in scenario.scans(14) {
        tracker.process(&scan.meas);
        let reports = tracker.tracks_at(scan.time);
        assert_eq!(reports.len(), 1, "one target, one track: {reports:?}");
        assert_eq!(reports[0].number, TrackNumber(1));
        assert_eq!(reports[0].last_measurement, Some(scan.meas[0].id));
        used_by_sensor[scan.sensor] += 1;
    }
    assert_eq!(used_by_sensor, [15, 15]);
    let s = tracker.stats();
    assert_eq!((s.n_initiated, s.n_hits), (1, 29), "{s:?}");
    // Both sensors' updates leave a tight track: quality from the covariance (≤ 20 m RMS).
    assert!(
        tracker.confirmed()[0].quality >= 14,
        "{:?}",
        tracker.confirmed()[0]
    );
}

#[test]
fn track_numbers_increase_and_are_never_reused() {
    let (scenario, clutter) = fading_target(15.0);
    let mut tracker = Tracker::new(config(AssociatorKind::Gnn, clutter.density()));
    let mut seen = std::collections::BTreeSet::new();
    let mut last_max = 0;
    for scan in scenario.scans(15) {
        let alive_before: Vec<u32> = tracker
            .tracks_at(scan.time)
            .iter()
            .map(|r| r.number.0)
            .collect();
        tracker.process(&scan.meas);
        for r in tracker.tracks_at(scan.time) {
            if !alive_before.contains(&r.number.0) {
                assert!(
                    r.number.0 > last_max,
                    "new track {:?} not above {last_max}",
                    r.number
                );
                assert!(seen.insert(r.number.0), "number {:?} reused", r.number);
                last_max = r.number.0;
            }
        }
    }
    assert_eq!(u64::from(last_max), tracker.stats().n_initiated);
}

/// Two confirmed tracks per target (every plot of the first three scans is reported twice, as
/// a split plot would be) on two targets flying in formation `spacing_m` apart (tracks 1 and 3
/// on one, 2 and 4 on the other); then track `n`'s hit log is set to batches `logs[n - 1]`,
/// each hit with its own detection unless `shared` (every track hit by batch `b` took the same
/// detection), and the duplicate rule runs. Returns the surviving track numbers.
fn formation_with_twins(spacing_m: f64, logs: [[u64; 8]; 4], shared: bool) -> (Vec<u32>, Tracker) {
    let scenario = Scenario {
        sensors: vec![[0.0, 0.0]],
        targets: vec![
            Target {
                p0: [20_000.0, 5_000.0],
                v: [-150.0, 60.0],
            },
            Target {
                p0: [20_000.0, 5_000.0 + spacing_m],
                v: [-150.0, 60.0],
            },
        ],
        n_scans: 4,
        dt_s: 1.0,
        pd: 1.0,
        clutter: None,
        detect_until_s: None,
    };
    let mut tracker = Tracker::new(config(AssociatorKind::Gnn, 1e-6));
    for (k, scan) in scenario.scans(16).iter().enumerate() {
        let mut meas = scan.meas.clone();
        if k < 3 {
            for (i, m) in scan.meas.iter().enumerate() {
                meas.push(Measurement {
                    id: 1_000 + 10 * k as u64 + i as u64,
                    ..*m
                });
            }
        }
        tracker.process(&meas);
    }
    assert_eq!(
        tracker.confirmed().len(),
        4,
        "two tracks per target before the rule"
    );
    for t in &mut tracker.tracks {
        let n = u64::from(t.number.0);
        let mut log = HitLog::default();
        for b in logs[t.number.0 as usize - 1] {
            log.push(b, if shared { b } else { 4 * b + n });
        }
        t.hit_log = log;
    }
    let (cfg, mut stats) = (tracker.config.clone(), tracker.stats);
    crate::tracker::duplicates::delete_duplicates(&cfg, &mut tracker.tracks, &mut stats);
    tracker.stats = stats;
    (
        tracker.confirmed().iter().map(|r| r.number.0).collect(),
        tracker,
    )
}

const ODD: [u64; 8] = [1, 3, 5, 7, 9, 11, 13, 15];
const EVEN: [u64; 8] = [2, 4, 6, 8, 10, 12, 14, 16];
const ALL: [u64; 8] = [9, 10, 11, 12, 13, 14, 15, 16];

#[test]
fn duplicate_tracks_sharing_one_targets_hits_are_merged() {
    // Twins taking alternate batches' detections: one target's worth, so the younger goes.
    let (numbers, tracker) = formation_with_twins(1_000.0, [ODD, ODD, EVEN, EVEN], false);
    assert_eq!(numbers, vec![1, 2], "older numbers survive");
    assert_eq!(tracker.stats().n_duplicates, 2);
    // The case the per-look hit count missed: one twin fed by a phased array's dwell batches
    // (which only ever record hits, so it never misses), the other by the same array's search
    // frames in between — 16 hits in 13 batches, never two detections from one batch.
    let dwells = [1, 2, 3, 5, 6, 7, 9, 10];
    let search = [4, 8, 11, 14, 17, 20, 23, 26];
    let (numbers, _) = formation_with_twins(1_000.0, [dwells, dwells, search, search], false);
    assert_eq!(numbers, vec![1, 2]);
    // Both updated by the same detection of every batch (JPDA can share one): one target.
    let (numbers, _) = formation_with_twins(1_000.0, [ALL; 4], true);
    assert_eq!(numbers, vec![1, 2]);
}

#[test]
fn formation_targets_with_their_own_hits_are_not_merged() {
    // 60 m apart (about 2 sigma): the state test alone would merge them, but every batch hit
    // both with a detection each (two targets' worth).
    let (numbers, tracker) = formation_with_twins(60.0, [ALL; 4], false);
    assert_eq!(numbers.len(), 4, "{numbers:?}");
    assert_eq!(tracker.stats().n_duplicates, 0);
    // The same formation with tracks 1 and 2 hit in alternate batches: the state test does
    // pass for the two targets, so only the co-hits kept them apart above.
    let (numbers, _) = formation_with_twins(60.0, [ODD, EVEN, ALL, ALL], false);
    assert_eq!(
        numbers,
        vec![1, 3, 4],
        "state test alone merges the formation"
    );
}

#[test]
fn co_hits_count_the_span_both_logs_cover() {
    use crate::tracker::duplicates::co_hits;
    let log = |hits: &[(u64, u64)]| {
        let mut l = HitLog::default();
        for &(b, d) in hits {
            l.push(b, d);
        }
        l
    };
    // b's log starts at batch 5: a's batches 1 and 3 are outside the common span.
    let a = log(&[(1, 1), (3, 3), (5, 5), (6, 6), (8, 8)]);
    let b = log(&[(5, 50), (6, 6), (7, 70), (8, 80)]);
    // Batches 5, 6, 7, 8; both hit 5 and 8 with different detections, 6 with the same one.
    assert_eq!(co_hits(&a, &b), (4, 2));
    assert_eq!(co_hits(&b, &a), (4, 2));
    assert_eq!(co_hits(&a, &HitLog::default()), (0, 0));
    // A full log forgets its oldest hit.
    let mut full = log(&ODD.map(|b| (b, b)));
    full.push(17, 17);
    // From batch 3 (batch 1, forgotten, would have counted): 3, 5, …, 17; both hit 3.
    assert_eq!(co_hits(&full, &log(&[(1, 2), (3, 4)])), (8, 1));
}

#[test]
fn co_hit_threshold_separates_one_target_from_two() {
    use crate::tracker::duplicates::max_co_hits;
    // P_D 0.9 over 8 batches: two targets expect 6.5 co-hits (σ 1.1), so ≤ 3 is one target.
    assert_eq!(max_co_hits(0.9, 8), Some(3));
    // Never more than half the batches.
    assert_eq!(max_co_hits(1.0, 16), Some(8));
    // At P_D 0.5 the cases overlap over 8 batches: no verdict.
    assert_eq!(max_co_hits(0.5, 8), None);
    assert_eq!(max_co_hits(0.9, 0), None);
}

/// `confirmed_at` answers from a memo at one instant: a scan, an advance or a cue at that
/// same instant must show in the next answer. It equals the confirmed part of `tracks_at`.
#[test]
fn confirmed_tracks_follow_every_change_at_one_instant() {
    let (scenario, clutter) = fading_target(100.0);
    let mut tracker = Tracker::new(config(AssociatorKind::Gnn, clutter.density()));
    let scans = scenario.scans(13);
    let confirmed_part = |tr: &Tracker, t| -> Vec<TrackNumber> {
        tr.tracks_at(t)
            .into_iter()
            .filter(|r| r.status == TrackStatus::Confirmed)
            .map(|r| r.number)
            .collect()
    };
    let numbers = |tr: &Tracker, t| -> Vec<TrackNumber> {
        tr.confirmed_at(t).into_iter().map(|r| r.number).collect()
    };
    // Ask before and after each scan at the scan's own time.
    for scan in &scans[..15] {
        numbers(&tracker, scan.time);
        tracker.process(&scan.meas);
        assert_eq!(
            numbers(&tracker, scan.time),
            confirmed_part(&tracker, scan.time)
        );
    }
    let t = scans[14].time + SimDuration::from_secs(20);
    assert_eq!(numbers(&tracker, t).len(), 1, "the target's track coasts");
    tracker.advance(t);
    assert!(
        numbers(&tracker, t).is_empty(),
        "deleted by the advance to the same instant"
    );
}
