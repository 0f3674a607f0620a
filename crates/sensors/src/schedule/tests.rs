//! The budget arithmetic: frames stretch exactly with load, revisits are honoured, cues are
//! served first, overload defers, and plans are deterministic.

use super::*;
use crate::fixtures::radar_params;
use proptest::prelude::*;

fn array(frame_s: f64, max_fraction: f64) -> Scheduler {
    let mut p = radar_params();
    p.scan = ScanKind::PhasedArray;
    p.scan_period_s = frame_s;
    p.budget = DwellBudget {
        max_track_fraction: max_fraction,
        ..DwellBudget::DEFAULT
    };
    Scheduler::new(&p).expect("a phased array with a budget")
}

fn ms(n: i64) -> SimDuration {
    SimDuration::from_nanos(n * 1_000_000)
}

fn track(key: u64, revisit_ms: i64) -> Request {
    Request {
        key,
        kind: DwellKind::Track,
        revisit: ms(revisit_ms),
        cost: ms(10),
    }
}

#[test]
fn rotators_and_budgetless_arrays_have_no_scheduler() {
    assert!(Scheduler::new(&radar_params()).is_none());
    let mut p = radar_params();
    p.scan = ScanKind::PhasedArray;
    p.budget = DwellBudget::OFF;
    assert!(Scheduler::new(&p).is_none());
}

#[test]
fn search_frame_stretches_exactly_as_load_grows() {
    for n in [0u64, 1, 5, 10, 20, 30] {
        let mut s = array(4.0, 0.75);
        // n ballistic tracks, 10 ms every second: load n/100.
        let requests: Vec<Request> = (0..n).map(|k| track(k, 1000)).collect();
        s.plan(SimTime::ZERO, &requests);
        let frame = s.next_frame();
        let expected = 4.0 / (1.0 - n as f64 / 100.0);
        assert!(
            (frame.as_secs_f64() - expected).abs() < 1e-9,
            "{n} tracks: frame {frame:?}, expected {expected} s"
        );
    }
}

#[test]
fn overload_caps_the_dedicated_share_and_defers() {
    let mut s = array(2.0, 0.5);
    // 100 tracks at 10 ms each every 500 ms: demand 2.0 of the time, capped at 0.5.
    let requests: Vec<Request> = (0..100).map(|k| track(k, 500)).collect();
    let planned = s.plan(SimTime::ZERO, &requests);
    assert_eq!(
        planned.len(),
        25,
        "250 ms of a 500 ms interval at 10 ms a dwell"
    );
    assert_eq!(s.occupancy().n_deferred, 75);
    assert_eq!(
        s.next_frame(),
        SimDuration::from_secs(4),
        "half the time left: 2 s → 4 s"
    );
    // The deferred go first next interval: no track waits more than its turn.
    let next = s.plan(SimTime::ZERO + ms(500), &requests);
    assert!(next.iter().all(|p| requests[p.request].key >= 25));
}

#[test]
fn track_revisit_is_honoured() {
    let mut s = array(4.0, 0.75);
    let requests = [track(1, 1000), track(2, 4000)];
    let mut served: BTreeMap<u64, Vec<i64>> = BTreeMap::new();
    for k in 0..17 {
        let now = SimTime::ZERO + ms(500 * k);
        for p in s.plan(now, &requests) {
            served
                .entry(requests[p.request].key)
                .or_default()
                .push(p.start.as_nanos() / 1_000_000);
        }
    }
    // Each track is served once per revisit, to within one dwell (the stalest due request
    // goes first, so two due together take turns at the interval's start).
    for (key, revisit_ms, n) in [(1u64, 1000, 9), (2, 4000, 3)] {
        let times = &served[&key];
        assert_eq!(times.len(), n, "track {key}: {times:?}");
        for w in times.windows(2) {
            assert!(
                (w[1] - w[0] - revisit_ms).abs() <= 10,
                "track {key}: {times:?}"
            );
        }
    }
}

#[test]
fn a_cue_dwell_comes_within_one_dwell_of_the_cue() {
    let mut s = array(4.0, 0.75);
    let mut requests: Vec<Request> = (0..10).map(|k| track(k, 500)).collect();
    s.plan(SimTime::ZERO, &requests);
    requests.push(Request {
        key: 99,
        kind: DwellKind::Cue,
        revisit: ms(1000),
        cost: ms(10),
    });
    let now = SimTime::ZERO + ms(500);
    let planned = s.plan(now, &requests);
    let cue = planned
        .iter()
        .find(|p| requests[p.request].key == 99)
        .expect("the cue is served");
    assert!(cue.start - now <= s.dwell(), "cue at {:?}", cue.start - now);
}

#[test]
fn forgotten_keys_are_due_again_and_plans_are_back_to_back() {
    let mut s = array(1.0, 0.75);
    let r = [track(1, 4000), track(2, 4000), track(3, 4000)];
    let p = s.plan(SimTime::ZERO, &r);
    let starts: Vec<i64> = p.iter().map(|p| p.start.as_nanos() / 1_000_000).collect();
    assert_eq!(starts, vec![0, 10, 20]);
    assert!(s.plan(SimTime::ZERO + ms(500), &r).is_empty());
    // Track 2 dropped and picked up again: due at once.
    s.plan(SimTime::ZERO + ms(1000), &[r[0], r[2]]);
    let again = s.plan(SimTime::ZERO + ms(1500), &r);
    assert_eq!(again.len(), 1);
    assert_eq!(r[again[0].request].key, 2);
}

proptest! {
    /// The same offers give the same plans; the dedicated share never exceeds the cap; the
    /// frame is the nominal one over one minus the capped load.
    #[test]
    fn budget_invariants(
        keys in proptest::collection::vec((0u64..40, 0u8..3, 1i64..8), 0..60),
        fraction in 0.05f64..0.95,
    ) {
        let requests: Vec<Request> = keys
            .iter()
            .map(|&(key, kind, revisit)| Request {
                key,
                kind: [DwellKind::Cue, DwellKind::Track, DwellKind::Sector][kind as usize],
                revisit: ms(500 * revisit),
                cost: ms(10 + 7 * i64::from(kind)),
            })
            .collect();
        let mut a = array(2.0, fraction);
        let mut b = array(2.0, fraction);
        for k in 0..10 {
            let now = SimTime::ZERO + ms(500 * k);
            let pa = a.plan(now, &requests);
            prop_assert_eq!(&pa, &b.plan(now, &requests));
            let used: i64 = pa.iter().map(|p| requests[p.request].cost.as_nanos()).sum();
            prop_assert!(used as f64 <= fraction * 5e8 + 1.0);
            let frame = a.next_frame().as_secs_f64();
            prop_assert!((frame - 2.0 / (1.0 - a.load())).abs() < 1e-8);
            prop_assert!(a.load() <= fraction);
        }
    }
}
