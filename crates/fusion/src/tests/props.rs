//! Properties: fused covariances stay symmetric positive definite under every rule;
//! a system track's releasability is within every contributor's.

use super::support::{config, local, picture, tn, truth_at};
use crate::rules::fuse;
use crate::{FusionRule, Matrix6, RemoteReport, TrackState, Vector6};
use base::{NationSet, SimTime};
use proptest::prelude::*;

fn spd() -> impl Strategy<Value = Matrix6> {
    (proptest::collection::vec(-10.0f64..10.0, 36), 0.01f64..10.0).prop_map(|(v, eps)| {
        let l = Matrix6::from_column_slice(&v);
        l * l.transpose() + Matrix6::identity() * eps
    })
}

fn estimate() -> impl Strategy<Value = TrackState> {
    (proptest::collection::vec(-1e3f64..1e3, 6), spd()).prop_map(|(x, p)| TrackState {
        time: SimTime::from_secs(1),
        x: Vector6::from_column_slice(&x),
        p,
    })
}

proptest! {
    #[test]
    fn fused_covariances_are_spd(es in proptest::collection::vec(estimate(), 1..4), rho in -0.9f64..0.95) {
        for rule in [FusionRule::Naive, FusionRule::CovarianceIntersection, FusionRule::BarShalomCampo { correlation: rho }] {
            let f = fuse(rule, &es);
            prop_assert!((f.p - f.p.transpose()).norm() <= 1e-12 * f.p.norm());
            prop_assert!(f.p.cholesky().is_some(), "{rule:?}: {}", f.p);
            prop_assert!(f.x.iter().all(|v| v.is_finite()));
        }
    }

    #[test]
    fn release_is_the_intersection(sets in proptest::collection::vec(any::<u8>(), 1..5)) {
        let t = SimTime::from_secs(1);
        let mut p = picture(1, 100, config());
        let mut l = local(1, t, truth_at(t, [0.0; 3]), 10);
        l.release = NationSet::from_bits(sets[0]);
        let _ = p.update_local(t, &[l]);
        for (k, &bits) in sets.iter().enumerate().skip(1) {
            p.remote_report(t, RemoteReport {
                origin: k as u8 + 1,
                tn: tn(1000 + k as u32),
                state: l.state,
                measured: l.measured,
                quality: 10,
                release: NationSet::from_bits(bits),
                ballistic: false,
                origin_time: t,
            });
        }
        let tracks = p.system_tracks(t);
        prop_assert_eq!(tracks.len(), 1);
        let expected = sets.iter().fold(u8::MAX, |a, &b| a & b);
        prop_assert_eq!(tracks[0].release.bits(), expected);
        for &bits in &sets {
            prop_assert!(tracks[0].release.is_subset(NationSet::from_bits(bits)));
        }
    }
}
