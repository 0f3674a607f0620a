//! The surface in the common picture: a remote ballistic contributor is forgotten at its
//! predicted impact even when its drop never arrives, my own ends with an `Impact` drop, an
//! air track predicted underground is cut above the floor, and a contributor still flying after
//! its partner's impact leaves the impacted object's number.

use super::support::{config, diag, picture, tn};
use crate::{DropWhy, LocalTrack, PictureConfig, RemoteReport, TrackState, Vector6};
use base::{NationSet, SimTime};
use geodesy::{Vec3, Wgs84};
use tracking::surface::Surface;

fn with_surface() -> PictureConfig {
    PictureConfig {
        surface: Some(Surface::ELLIPSOID),
        ..config()
    }
}

/// A state at `alt_m` above 30°N 130°E moving with `up_mps` along the local vertical and
/// 300 m/s north-ish.
fn state(t: SimTime, alt_m: f64, up_mps: f64, sigma_m: f64) -> TrackState {
    let g = Wgs84::from_degrees(30.0, 130.0, alt_m).expect("valid");
    let p = g.to_ecef().xyz_m();
    let up = g.up();
    let north = Vec3::new(0.0, 0.0, 1.0).cross(&up).cross(&up) * -1.0;
    let v = up * up_mps + north.normalize() * 300.0;
    TrackState {
        time: t,
        x: Vector6::new(p.x, p.y, p.z, v.x, v.y, v.z),
        p: diag(
            [sigma_m * sigma_m; 3]
                .into_iter()
                .chain([100.0; 3])
                .collect::<Vec<_>>()
                .try_into()
                .expect("six"),
        ),
    }
}

fn alt(s: &TrackState) -> f64 {
    geodesy::Position::ecef(s.x[0], s.x[1], s.x[2])
        .to_wgs84()
        .alt_m()
}

#[test]
fn a_remote_ballistic_track_ends_at_its_predicted_impact() {
    // Reported at 10 km falling at 1 km/s; its reporter's drop never comes.
    let mut p = picture(1, 100, with_surface());
    let t0 = SimTime::from_secs(100);
    p.remote_report(
        t0,
        RemoteReport {
            origin: 2,
            tn: tn(500),
            state: state(t0, 10_000.0, -1_000.0, 100.0),
            measured: t0,
            quality: 10,
            release: NationSet::first(3),
            ballistic: true,
            origin_time: t0,
        },
    );
    assert_eq!(p.system_tracks(SimTime::from_secs(105)).len(), 1);
    assert!(
        p.system_tracks(SimTime::from_secs(115)).is_empty(),
        "underground by then: ended"
    );
    p.update_local(SimTime::from_secs(115), &[]);
    assert_eq!(p.stats().impacts, 1);
    // Without the surface it would coast on until the remote timeout.
    let mut free = picture(1, 100, config());
    free.remote_report(
        t0,
        RemoteReport {
            origin: 2,
            tn: tn(500),
            state: state(t0, 10_000.0, -1_000.0, 100.0),
            measured: t0,
            quality: 10,
            release: NationSet::first(3),
            ballistic: true,
            origin_time: t0,
        },
    );
    let s = &free.system_tracks(SimTime::from_secs(115))[0];
    assert!(alt(&s.state) < -4_000.0);
}

#[test]
fn my_ballistic_track_that_ends_at_impact_is_dropped_as_an_impact() {
    let mut p = picture(1, 100, with_surface());
    let t0 = SimTime::from_secs(10);
    let mine = LocalTrack {
        id: 7,
        state: state(t0, 3_000.0, -1_000.0, 50.0),
        measured: t0,
        quality: 12,
        release: NationSet::first(3),
        ballistic: true,
    };
    let (out, _) = p.update_local(t0, &[mine]);
    assert_eq!(out.len(), 1, "I report it");
    // My tracker ended it at its predicted impact (gone from my locals).
    let (_, drops) = p.update_local(SimTime::from_secs(14), &[]);
    assert_eq!(drops.len(), 1);
    assert_eq!(drops[0].why, DropWhy::Impact);
    assert_eq!(p.stats().impacts, 1);
    // A track merely lost in the air is dropped as lost.
    let mut q = picture(1, 100, with_surface());
    q.update_local(
        t0,
        &[LocalTrack {
            state: state(t0, 30_000.0, -1_000.0, 50.0),
            measured: t0,
            ..mine
        }],
    );
    let (_, drops) = q.update_local(SimTime::from_secs(14), &[]);
    assert_eq!(drops[0].why, DropWhy::LocalLost);
}

#[test]
fn an_air_track_predicted_underground_is_cut_above_the_surface() {
    let mut p = picture(1, 100, with_surface());
    let t0 = SimTime::from_secs(10);
    p.remote_report(
        t0,
        RemoteReport {
            origin: 2,
            tn: tn(500),
            state: state(t0, 200.0, -30.0, 150.0),
            measured: t0,
            quality: 9,
            release: NationSet::first(3),
            ballistic: false,
            origin_time: t0,
        },
    );
    // 30 s of coasting at −30 m/s: the mean would be 700 m underground.
    let s = &p.system_tracks(SimTime::from_secs(40))[0];
    assert!(alt(&s.state) > 0.0, "altitude {}", alt(&s.state));
    assert!(s.state.p.cholesky().is_some());
    let free = {
        let mut f = picture(1, 100, config());
        f.remote_report(
            t0,
            RemoteReport {
                origin: 2,
                tn: tn(500),
                state: state(t0, 200.0, -30.0, 150.0),
                measured: t0,
                quality: 9,
                release: NationSet::first(3),
                ballistic: false,
                origin_time: t0,
            },
        );
        f.system_tracks(SimTime::from_secs(40))[0].state
    };
    assert!(alt(&free) < -500.0);
}

/// A picture holding remote 2's ballistic report under TN 500 (10 km up, falling at 1 km/s
/// from `t0`: impact about 10 s later) and my local track 7 joined to it; my track is a
/// ballistic companion or not.
fn joined(t0: SimTime, companion: bool) -> crate::CommonPicture {
    let mut p = picture(1, 100, with_surface());
    let falling = state(t0, 10_000.0, -1_000.0, 100.0);
    p.remote_report(
        t0,
        RemoteReport {
            origin: 2,
            tn: tn(500),
            state: falling,
            measured: t0,
            quality: 10,
            release: NationSet::first(3),
            ballistic: true,
            origin_time: t0,
        },
    );
    let mine = LocalTrack {
        id: 7,
        state: falling,
        measured: t0,
        quality: 6,
        release: NationSet::first(3),
        ballistic: companion,
    };
    p.update_local(t0, &[mine]);
    assert_eq!(p.local_tn(7), Some(tn(500)), "joined");
    p
}

/// My local track 7 at `t`: at 3 km still falling with the missile (a companion), or flying
/// level at 3 km (something else).
fn mine_at(t: SimTime, companion: bool) -> LocalTrack {
    LocalTrack {
        id: 7,
        state: state(t, 3_000.0, if companion { -1_000.0 } else { 0.0 }, 300.0),
        measured: t,
        quality: 6,
        release: NationSet::first(3),
        ballistic: companion,
    }
}

#[test]
fn a_track_still_flying_after_its_partners_impact_leaves_the_number() {
    // The default scenario's shot at nothing (seed 7247748582432645934): a junk local track
    // that had joined an SRBM's number kept it, and its hostile identity, after the SRBM
    // impacted, and a battery fired at it.
    let t0 = SimTime::from_secs(100);
    let mut p = joined(t0, false);
    let t1 = SimTime::from_secs(112); // the remote's prediction is underground
    p.update_local(t1, &[mine_at(t1, false)]);
    assert_eq!(p.stats().impacts, 1);
    assert_eq!(p.stats().decorrelations, 1);
    assert!(
        p.system_tracks(t1).iter().all(|s| s.tn != tn(500)),
        "500 ended"
    );
    let t2 = SimTime::from_secs(113);
    p.update_local(t2, &[mine_at(t2, false)]);
    let now = p.local_tn(7).expect("placed again");
    assert_ne!(now, tn(500), "a new number, identified afresh");
    // The reporter's `Impact` drop does the same, before any prediction says so.
    let mut q = joined(t0, false);
    q.remote_drop(SimTime::from_secs(101), 2, tn(500), true);
    assert_eq!(q.local_tn(7), None, "freed");
    q.update_local(
        SimTime::from_secs(101),
        &[mine_at(SimTime::from_secs(101), false)],
    );
    assert!(q.local_tn(7).is_some_and(|n| n != tn(500)));
    // A drop for any other reason leaves my track where it is.
    let mut r = joined(t0, false);
    r.remote_drop(SimTime::from_secs(101), 2, tn(500), false);
    assert_eq!(r.local_tn(7), Some(tn(500)));
}

#[test]
fn a_ballistic_companion_about_to_impact_keeps_the_number() {
    // My own track of the same re-entry vehicle, predicted to impact within seconds of the
    // reporter's: the same object, so it stays (and ends with its own impact).
    let t0 = SimTime::from_secs(100);
    let mut p = joined(t0, true);
    p.remote_drop(SimTime::from_secs(108), 2, tn(500), true);
    assert_eq!(p.local_tn(7), Some(tn(500)));
    assert_eq!(p.stats().decorrelations, 0);
}
