//! Tests of IFF: reply rates match the transponders' probabilities (the fratricide-relevant
//! rate is a friend's no-reply rate, 1 − p), hostiles never reply, false alarms never reply,
//! radars without an interrogator never interrogate.

use super::*;
use crate::fixtures::{binomial_sigma, fixed, nation, point_at, radar_params, rngs, site, target};
use crate::{Radar, Swerling, TruthLabel};
use base::rng::{StreamKind, stream};
use base::{Probability, SensorId, SimTime};
use picture::IffMode;

fn prob(p: f64) -> Probability {
    Probability::new(p).expect("valid probability")
}

#[test]
fn interrogation_rates_match_the_transponders() {
    // 20 000 interrogations per case: binomial σ ≤ 0.0035, 4σ bound.
    let mut rng = stream(51, StreamKind::SensorNoise, 0);
    let n = 20_000;
    for (transponder, mode, p) in [
        (Transponder::Military(prob(0.9)), IffMode::Military, 0.9),
        (Transponder::Civil(prob(0.8)), IffMode::Civil, 0.8),
    ] {
        let replies = (0..n)
            .filter(|_| interrogate(true, transponder, &mut rng) == IffResponse::Reply(mode))
            .count() as f64;
        let rate = replies / n as f64;
        assert!(
            (rate - p).abs() < 4.0 * binomial_sigma(p, n),
            "{transponder:?}: {rate}"
        );
    }
    for _ in 0..1000 {
        assert_eq!(
            interrogate(true, Transponder::None, &mut rng),
            IffResponse::NoReply
        );
        assert_eq!(
            interrogate(false, Transponder::Military(Probability::ONE), &mut rng),
            IffResponse::NotInterrogated
        );
    }
}

#[test]
fn scan_attaches_iff_to_real_detections_only() {
    // 3000 friends (p = 0.95), 3000 civil (p = 0.99), 3000 hostiles, all detected with
    // certainty (100 m², Swerling 0, 10 km). Binomial 4σ bounds on the reply rates.
    let mut params = radar_params();
    params.iff = true;
    let r = Radar::new(SensorId::new(0), nation(), params).expect("valid");
    let platform = fixed(site().to_ecef());
    let tr = fixed(point_at(site(), 200.0, 3.0, 10_000.0));
    let per_kind = 3000;
    let kinds = [
        Transponder::Military(prob(0.95)),
        Transponder::Civil(prob(0.99)),
        Transponder::None,
    ];
    let targets: Vec<_> = (0..3 * per_kind)
        .map(|i| target(i, &tr, 100.0, Swerling::Zero, kinds[i % 3]))
        .collect();
    let out = r.scan(SimTime::ZERO, &platform, &targets, &mut rngs(52, 0), &mut 0);
    let mut counts = [[0usize; 3]; 3]; // [kind][NoReply, Military, Civil]
    for l in &out {
        let column = match l.detection.iff {
            IffResponse::NoReply => 0,
            IffResponse::Reply(IffMode::Military) => 1,
            IffResponse::Reply(IffMode::Civil) => 2,
            IffResponse::NotInterrogated => panic!("radar with IFF did not interrogate"),
        };
        match l.truth {
            TruthLabel::Target(o) => counts[o.index() % 3][column] += 1,
            TruthLabel::FalseAlarm => assert_eq!(column, 0, "a false alarm replied"),
        }
    }
    assert_eq!(
        counts
            .iter()
            .map(|c| c.iter().sum::<usize>())
            .sum::<usize>(),
        3 * per_kind
    );
    let rate = |c: usize| c as f64 / per_kind as f64;
    // Friends: military replies at 0.95, never civil; the no-reply (fratricide-risk) rate 0.05.
    assert!((rate(counts[0][1]) - 0.95).abs() < 4.0 * binomial_sigma(0.95, per_kind));
    assert_eq!(counts[0][2], 0);
    assert!((rate(counts[1][2]) - 0.99).abs() < 4.0 * binomial_sigma(0.99, per_kind));
    assert_eq!(counts[1][1], 0);
    assert_eq!(counts[2], [per_kind, 0, 0], "a hostile replied");
    // Without an interrogator nothing is interrogated.
    let r = Radar::new(SensorId::new(0), nation(), radar_params()).expect("valid");
    let out = r.scan(SimTime::ZERO, &platform, &targets, &mut rngs(52, 0), &mut 0);
    assert!(
        out.iter()
            .all(|l| l.detection.iff == IffResponse::NotInterrogated)
    );
}
