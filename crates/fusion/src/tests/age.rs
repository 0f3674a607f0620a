//! A system track's age is the age of the freshest measurement behind it, not of the
//! estimates' validity time: locals are predicted to the frame instant and reports to their
//! send instant, so that time is always about `now`.

use super::support::{config, local, picture, report, truth_at};
use crate::LocalTrack;
use base::{SimDuration, SimTime};

/// My local track predicted to `t`, last measured at `measured`.
fn coasting(t: SimTime, measured: SimTime) -> LocalTrack {
    LocalTrack {
        measured,
        ..local(1, t, truth_at(t, [0.0; 3]), 12)
    }
}

#[test]
fn a_local_track_predicted_to_now_keeps_its_measurement_time() {
    let mut me = picture(1, 100, config());
    let measured = SimTime::from_secs(3);
    for s in 3..=20 {
        let t = SimTime::from_secs(s);
        me.update_local(t, &[coasting(t, measured)]);
    }
    let now = SimTime::from_secs(20);
    let tracks = me.system_tracks(now);
    assert_eq!(tracks.len(), 1);
    assert_eq!(
        tracks[0].state.time, now,
        "the estimate is at the query time"
    );
    assert_eq!(tracks[0].last_update, measured, "its data is 17 s old");
}

#[test]
fn a_fused_track_is_as_fresh_as_its_freshest_contributor() {
    let (mut a, mut b) = (picture(1, 100, config()), picture(2, 200, config()));
    let t = SimTime::from_secs(10);
    let stale = coasting(t, SimTime::from_secs(2));
    let (out, _) = a.update_local(t, &[stale]);
    // B measured the same object 1.5 s ago; its report is stamped with the send time.
    let fresh = LocalTrack {
        measured: t - SimDuration::from_millis(1_500),
        ..local(7, t, truth_at(t, [0.0; 3]), 12)
    };
    let (out_b, _) = b.update_local(t, &[fresh]);
    a.remote_report(t, report(2, &out_b[0], &fresh));
    let tracks = a.system_tracks(t);
    assert_eq!(tracks.len(), 1, "{tracks:?}");
    assert_eq!(tracks[0].last_update, fresh.measured);
    // And B's view of A's stale track: fused with B's own fresh one, still fresh.
    b.remote_report(t, report(1, &out[0], &stale));
    assert_eq!(b.system_tracks(t)[0].last_update, fresh.measured);
}

/// Seconds at which a lone reporter sends its track over 0..=30 s of frames, the local track
/// measured every `revisit_s` (dead reckoning never drifts: the truth is what it predicts).
fn sends(refresh: Option<SimDuration>, revisit_s: i64) -> Vec<(i64, crate::SendReason)> {
    let cfg = crate::PictureConfig {
        refresh,
        ..config()
    };
    let mut me = picture(1, 100, cfg);
    let mut out = Vec::new();
    for s in 0..=30 {
        let t = SimTime::from_secs(s);
        let measured = SimTime::from_secs(s - s % revisit_s);
        let (o, _) = me.update_local(t, &[coasting(t, measured)]);
        for o in o {
            me.mark_sent(o.tn, &coasting(t, measured).state);
            out.push((s, o.reason));
        }
    }
    out
}

#[test]
fn refresh_resends_fresh_data_that_dead_reckoning_would_not() {
    use crate::SendReason::{Heartbeat, New, Refresh};
    // Heartbeat only (12 s in the test config): the peers' data ages up to a heartbeat.
    assert_eq!(sends(None, 5), [(0, New), (12, Heartbeat), (24, Heartbeat)]);
    // Refresh 4 s: each new measurement goes out once the last report is 4 s old.
    assert_eq!(
        sends(Some(SimDuration::from_secs(4)), 5),
        [
            (0, New),
            (5, Refresh),
            (10, Refresh),
            (15, Refresh),
            (20, Refresh),
            (25, Refresh),
            (30, Refresh)
        ]
    );
    // Nothing new measured: refresh sends nothing, the heartbeat still does.
    assert_eq!(
        sends(Some(SimDuration::from_secs(4)), 100),
        [(0, New), (12, Heartbeat), (24, Heartbeat)]
    );
}
