//! Dual tracks (biased locals numbered independently, then merged whatever the message order)
//! and decorrelation (two objects flying together, then apart).

use super::support::{Net, config, local, picture, report, tn, truth_at};
use crate::{CommonPicture, LocalTrack, PictureConfig};
use base::SimTime;

const BIAS: [f64; 3] = [300.0, 0.0, 0.0];

/// Node 1 (TNs from 100) numbers its track at t = 0, node 2 (TNs from 50) at t = 1 s: the
/// survivor is node 1's TN 100 (earlier origin time) although 50 is lower.
fn biased_pair(cfg: PictureConfig, first_to_hear: usize) -> Net {
    let mut net = Net::new(vec![picture(1, 100, cfg), picture(2, 50, cfg)]);
    let locals = |t: SimTime| -> [Vec<LocalTrack>; 2] {
        [
            vec![local(1, t, truth_at(t, [0.0; 3]), 12)],
            vec![local(4, t, truth_at(t, BIAS), 12)],
        ]
    };
    // Both number their tracks before hearing each other.
    let t0 = SimTime::ZERO;
    let (o1, _) = net.nodes[0].update_local(t0, &locals(t0)[0]);
    net.nodes[0].mark_sent(o1[0].tn, &locals(t0)[0][0].state);
    let t1 = SimTime::from_secs(1);
    let l1 = locals(t1);
    let (o1b, _) = net.nodes[0].update_local(t1, &l1[0]);
    let (o2, _) = net.nodes[1].update_local(t1, &l1[1]);
    assert_eq!((o1[0].tn, o2[0].tn), (tn(100), tn(50)));
    assert!(o1b.is_empty());
    let m1 = report(1, &o1[0], &locals(t0)[0][0]);
    let m2 = report(2, &o2[0], &l1[1][0]);
    if first_to_hear == 0 {
        net.nodes[0].remote_report(t1, m2);
        net.nodes[1].remote_report(t1, m1);
    } else {
        net.nodes[1].remote_report(t1, m1);
        net.nodes[0].remote_report(t1, m2);
    }
    for s in 2..30 {
        let t = SimTime::from_secs(s);
        net.frame(t, &locals(t));
    }
    net
}

fn assert_one_track_under(n: &CommonPicture, t: SimTime, survivor: u32, retired: u32) {
    let tracks = n.system_tracks(t);
    assert_eq!(tracks.len(), 1, "{tracks:?}");
    assert_eq!(tracks[0].tn, tn(survivor));
    // Equal TQs: node 1 (lower address) holds R2; node 2 yielded and fell silent, so only
    // node 1's estimate flows (first-hand reporting under R2).
    assert_eq!(tracks[0].reporter, Some(1), "{tracks:?} {:?}", n.stats());
    assert!(tracks[0].local_id.is_some());
    assert_eq!(n.resolve(tn(retired)), tn(survivor));
}

#[test]
fn dual_designation_resolves_to_the_same_survivor_in_either_order() {
    for order in [0, 1] {
        let net = biased_pair(config(), order);
        let t = SimTime::from_secs(29);
        for n in &net.nodes {
            assert_one_track_under(n, t, 100, 50);
            assert!(n.stats().merges >= 1);
        }
        assert_eq!(
            net.nodes[1].stats().tn_changes,
            1,
            "node 2's local moved to TN 100"
        );
        assert_eq!(net.reporters(t).len(), 1);
    }
}

#[test]
fn dual_tracks_outside_the_association_gate_merge_after_the_checks() {
    // Association too tight to pair the biased tracks; the dual-track test catches them.
    let cfg = PictureConfig {
        gate_d2: 1.0,
        ..config()
    };
    for order in [0, 1] {
        let net = biased_pair(cfg, order);
        let t = SimTime::from_secs(29);
        for n in &net.nodes {
            assert_eq!(n.stats().remote_unmatched, 1);
            assert_one_track_under(n, t, 100, 50);
        }
    }
}

#[test]
fn a_late_report_under_the_retired_tn_lands_on_the_survivor() {
    let mut net = biased_pair(config(), 0);
    let t = SimTime::from_secs(30);
    let l = local(4, t, truth_at(t, BIAS), 12);
    let late = crate::Outgoing {
        tn: tn(50),
        local_id: 4,
        origin_time: SimTime::from_secs(1),
        reason: crate::SendReason::Heartbeat,
    };
    net.nodes[0].remote_report(t, report(2, &late, &l));
    assert_one_track_under(&net.nodes[0], t, 100, 50);
    // A stale drop of the retired TN does not remove node 2's contribution under TN 100.
    net.nodes[0].remote_drop(t, 2, tn(100), false);
    net.nodes[0].remote_report(
        t,
        report(
            2,
            &crate::Outgoing {
                tn: tn(100),
                ..late
            },
            &l,
        ),
    );
    net.nodes[0].remote_drop(t, 2, tn(50), false);
    assert_eq!(net.nodes[0].system_tracks(t)[0].remote_origins, vec![2]);
    assert_eq!(net.nodes[0].system_tracks(t).len(), 1);
}

/// Node 1 sees object A itself; node 2 reports object B; they fly together for 20 s, then B
/// turns away at 60 m/s.
fn together_then_apart(node2_first_tn: u32, node2_first: bool) -> CommonPicture {
    let cfg = config();
    let mut me = picture(1, 100, cfg);
    let mut other = picture(2, node2_first_tn, cfg);
    for s in 0..80i64 {
        let t = SimTime::from_secs(s);
        let apart = (s - 20).max(0) as f64;
        let mut xb = truth_at(t, [0.0, 60.0 * apart, 0.0]);
        if s >= 20 {
            xb[4] += 60.0;
        }
        let la = [local(1, t, truth_at(t, [0.0; 3]), 12)];
        let lb = [local(9, t, xb, 13)];
        let order: [usize; 2] = if node2_first { [1, 0] } else { [0, 1] };
        for k in order {
            if k == 0 {
                let _ = me.update_local(t, &la);
            } else {
                let (outs, drops) = other.update_local(t, &lb);
                for o in &outs {
                    other.mark_sent(o.tn, &lb[0].state);
                    me.remote_report(t, report(2, o, &lb[0]));
                }
                for d in &drops {
                    me.remote_drop(t, 2, d.tn, d.why == crate::DropWhy::Impact);
                }
            }
        }
    }
    me
}

#[test]
fn separating_objects_are_split_remote_keeps_its_tn() {
    // Node 1 numbered first (TN 100 survives the dual designation); node 2's TN 250 was
    // aliased to it, and leaves under 250 when the objects separate.
    let me = together_then_apart(250, false);
    let t = SimTime::from_secs(79);
    let tracks = me.system_tracks(t);
    assert_eq!(me.stats().decorrelations, 1, "{:?}", me.stats());
    assert_eq!(tracks.len(), 2, "{tracks:?}");
    assert_eq!((tracks[0].tn, tracks[0].local_id), (tn(100), Some(1)));
    assert_eq!(
        (tracks[1].tn, tracks[1].remote_origins.clone()),
        (tn(250), vec![2])
    );
    assert_eq!(me.resolve(tn(250)), tn(250), "alias removed");
}

#[test]
fn separating_objects_are_split_local_gets_a_new_tn() {
    // Node 2 numbered first: its TN 50 survives, my local was renamed onto it, and when the
    // objects separate my local leaves under a new TN from my block.
    let me = together_then_apart(50, true);
    let t = SimTime::from_secs(79);
    let tracks = me.system_tracks(t);
    assert_eq!(me.stats().decorrelations, 1, "{:?}", me.stats());
    assert_eq!(tracks.len(), 2, "{tracks:?}");
    assert_eq!(
        (tracks[0].tn, tracks[0].remote_origins.clone()),
        (tn(50), vec![2])
    );
    assert_eq!(tracks[1].local_id, Some(1));
    assert!((100..200).contains(&tracks[1].tn.get()));
    assert_eq!(me.local_tn(1), Some(tracks[1].tn));
}

/// The picture answers `system_tracks` at one instant from a memo: every change at that same
/// instant must show in the next answer (a report, a drop, a new local track).
#[test]
fn changes_at_one_instant_show_in_the_next_system_tracks() {
    use crate::{NetworkTrackNumber, RemoteReport};
    let mut p = picture(1, 100, config());
    let t = SimTime::from_secs(5);
    let far = [50_000.0, 0.0, 0.0];
    assert!(p.system_tracks(t).is_empty());
    p.update_local(t, &[local(1, t, truth_at(t, [0.0; 3]), 12)]);
    assert_eq!(p.system_tracks(t).len(), 1);
    let peer = local(7, t, truth_at(t, far), 12);
    let report = RemoteReport {
        origin: 2,
        tn: NetworkTrackNumber::new(50).expect("valid TN"),
        state: peer.state,
        measured: t,
        quality: 12,
        release: peer.release,
        ballistic: false,
        origin_time: t,
    };
    p.remote_report(t, report);
    assert_eq!(
        p.system_tracks(t).len(),
        2,
        "a remote report at the same instant"
    );
    p.remote_drop(t, 2, NetworkTrackNumber::new(50).expect("valid TN"), false);
    assert_eq!(p.system_tracks(t).len(), 1, "a drop at the same instant");
    p.update_local(t, &[]);
    assert!(
        p.system_tracks(t).is_empty(),
        "a lost local at the same instant"
    );
}
