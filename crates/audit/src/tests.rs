//! Unit tests of the pieces the checks stand on: the speed profile, truth interpolation, track
//! association and the report's text.

use crate::facts::Envelope;
use crate::input::{TrackRow, TruthRow};
use crate::report::{Example, Kind, Report};
use crate::tracks::{Followed, Tracks};
use crate::truth::Truth;

fn envelope() -> Envelope {
    Envelope {
        name: "t".to_owned(),
        speed_mps: 1500.0,
        boost_s: 4.0,
        min_range_m: 3e3,
        max_range_m: 40e3,
        min_alt_m: 50.0,
        max_alt_m: 25e3,
    }
}

#[test]
fn profile_distance_is_boost_then_cruise() {
    let e = envelope();
    assert_eq!(e.profile_distance_m(-1.0), 0.0);
    assert_eq!(e.profile_distance_m(2.0), 0.5 * 1500.0 * 4.0 / 4.0);
    assert_eq!(e.profile_distance_m(4.0), 3000.0);
    assert_eq!(e.profile_distance_m(10.0), 3000.0 + 6.0 * 1500.0);
}

fn truth_row(t_s: f64, object: &str, kind: &str, x: f64, vx: f64) -> (u64, TruthRow) {
    (
        0,
        TruthRow {
            t_s,
            object: object.to_owned(),
            kind: kind.to_owned(),
            side: "hostile".to_owned(),
            alt_m: 1000.0,
            x_m: x,
            y_m: 0.0,
            z_m: 0.0,
            vx_mps: vx,
            vy_mps: 0.0,
            vz_mps: 0.0,
        },
    )
}

fn track_row(t_s: f64, track: u32, x: f64) -> (u64, TrackRow) {
    (
        0,
        TrackRow {
            t_s,
            node: "N".to_owned(),
            layer: "picture".to_owned(),
            track,
            alt_m: 1000.0,
            x_m: x,
            y_m: 0.0,
            z_m: 0.0,
            sigma_pos_m: 100.0,
        },
    )
}

#[test]
fn truth_interpolates_and_extrapolates_a_little() {
    let truth = Truth::build(vec![
        truth_row(0.0, "M", "srbm", 0.0, 100.0),
        truth_row(1.0, "M", "srbm", 100.0, 100.0),
    ])
    .expect("valid");
    let m = truth.object("M").expect("listed");
    assert_eq!(m.position_at(500_000_000), Some([50.0, 0.0, 0.0]));
    assert_eq!(m.position_at(2_000_000_000), Some([200.0, 0.0, 0.0]));
    assert_eq!(
        m.position_at(3_500_000_000),
        None,
        "too long after the last sample"
    );
    assert_eq!(m.position_at(-1), None);
}

#[test]
fn truth_refuses_samples_out_of_order() {
    let e = Truth::build(vec![
        truth_row(1.0, "M", "srbm", 0.0, 0.0),
        truth_row(1.0, "M", "srbm", 0.0, 0.0),
    ])
    .expect_err("same instant twice");
    assert!(e.to_string().contains("truth.csv"), "{e}");
}

#[test]
fn a_track_follows_the_nearest_air_target_within_the_gate() {
    let truth = Truth::build(vec![
        truth_row(0.0, "M", "srbm", 0.0, 0.0),
        truth_row(0.0, "S", "ship", 150.0, 0.0),
        truth_row(1.0, "M", "srbm", 0.0, 0.0),
    ])
    .expect("valid");
    let tracks = Tracks::build(vec![
        track_row(0.0, 1, 200.0),
        track_row(1.0, 1, 50_000.0),
        track_row(0.0, 2, 60_000.0),
    ]);
    let followed = |track, t_ns| tracks.followed(&truth, "N", track, t_ns);
    // At 1 s the track is 50 km off (near nothing then); looking back, at 0 s it was on M
    // (the ship is nearer but not an air target).
    match followed(1, 1_000_000_000) {
        Followed::Object { name, at_ns, .. } => assert_eq!((name.as_str(), at_ns), ("M", 0)),
        other => panic!("{other:?}"),
    }
    assert_eq!(followed(2, 0), Followed::Nothing, "60 km from anything");
    assert_eq!(followed(3, 0), Followed::NoRows);
    assert_eq!(followed(1, -1), Followed::NoRows, "before its first row");
    // Long after its last row the track still names what it last followed.
    match followed(1, 100_000_000_000) {
        Followed::Object { name, held_ns, .. } => {
            assert_eq!((name.as_str(), held_ns), ("M", 1_000_000_000))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn text_report_lists_every_kind_and_the_examples() {
    let mut r = Report::new(Some("s".to_owned()), Some(7));
    r.checked(Kind::Overlap);
    r.violation(Example::new(
        Kind::Overlap,
        1_500_000_000,
        "two at once".to_owned(),
    ));
    let r = r.finish();
    let text = r.to_text();
    for kind in Kind::ALL {
        assert!(text.contains(kind.as_str()), "{text}");
    }
    assert!(text.contains("audit of s, seed 7"), "{text}");
    assert!(text.contains("t =      1.5 s"), "{text}");
    assert!(text.contains("1 violation\n"), "{text}");
    assert!(!r.is_clean());
}
