//! Loss and jitter against their distributions, and stream independence between links.

use super::*;

const N: u32 = 20_000;

fn lossy(a: usize, b: usize, loss: f64, jitter: SimDuration) -> LinkConfig {
    LinkConfig {
        loss,
        jitter,
        ..LinkConfig::ideal(node(a), node(b), ms(10))
    }
}

/// Sends `N` packets from node 0, one per millisecond, to everyone.
fn flood(net: &mut SimNetwork, n_nations: usize) -> Vec<Delivery> {
    for id in 0..N {
        net.send(
            at_ms(i64::from(id)),
            packet(0, NationSet::first(n_nations), 0, id, 16),
        );
    }
    drain(net)
}

#[test]
fn delivered_fraction_matches_one_minus_loss_within_four_sigma() {
    for (p, seed) in [(0.3, 1), (0.02, 2), (0.9, 3)] {
        let mut net = network(2, vec![lossy(0, 1, p, SimDuration::ZERO)], seed);
        let delivered = flood(&mut net, 2).len() as f64;
        let n = f64::from(N);
        let sigma = (n * p * (1.0 - p)).sqrt();
        assert!(
            (delivered - n * (1.0 - p)).abs() < 4.0 * sigma,
            "p = {p}: {delivered} delivered of {n}, expected {} ± {sigma}",
            n * (1.0 - p)
        );
        let s = net.stats().links[0][0];
        assert_eq!(s.delivered + s.dropped_loss, u64::from(N));
        assert_eq!(
            s.packets_sent,
            u64::from(N),
            "lost packets were still transmitted"
        );
    }
    let mut none = network(2, vec![lossy(0, 1, 0.0, SimDuration::ZERO)], 4);
    assert_eq!(flood(&mut none, 2).len(), N as usize);
    let mut all = network(2, vec![lossy(0, 1, 1.0, SimDuration::ZERO)], 4);
    assert!(flood(&mut all, 2).is_empty());
}

#[test]
fn adding_a_link_leaves_another_links_draws_unchanged() {
    let first = lossy(0, 1, 0.3, ms(3));
    let mut alone = network(2, vec![first.clone()], 9);
    let mut with_more = network(
        3,
        vec![first, lossy(1, 2, 0.5, ms(7)), lossy(0, 2, 0.1, ms(1))],
        9,
    );
    let timeline = |ds: Vec<Delivery>| -> Vec<(u32, SimTime)> {
        ds.iter()
            .filter(|d| d.to == node(1))
            .map(|d| (id_of(&d.packet), d.at))
            .collect()
    };
    let a = timeline(flood(&mut alone, 2));
    let b = timeline(flood(&mut with_more, 3));
    // Node 1 gets nothing through node 2: node 2 is never its parent (10 ms direct vs 20 ms).
    assert!(a == b, "link 0's outcomes changed when links were added");
    assert_eq!(alone.stats().links[0], with_more.stats().links[0]);
    // And the seed matters.
    let mut reseeded = network(2, vec![lossy(0, 1, 0.3, ms(3))], 10);
    assert!(
        a != timeline(flood(&mut reseeded, 2)),
        "outcomes must depend on the seed"
    );
}

#[test]
fn jitter_is_half_normal_with_the_configured_scale() {
    let sigma_ms = 4.0;
    let mut net = network(2, vec![lossy(0, 1, 0.0, ms(4))], 5);
    let got = flood(&mut net, 2);
    assert_eq!(got.len(), N as usize);
    let extra_ms: Vec<f64> = got
        .iter()
        .map(|d| {
            let sent = at_ms(i64::from(id_of(&d.packet)));
            (d.at - (sent + ms(10))).as_secs_f64() * 1e3
        })
        .collect();
    assert!(
        extra_ms.iter().all(|&x| x >= 0.0),
        "jitter never arrives early"
    );
    let n = f64::from(N);
    let mean = extra_ms.iter().sum::<f64>() / n;
    let mean_sq = extra_ms.iter().map(|x| x * x).sum::<f64>() / n;
    // Half-normal: mean σ√(2/π), standard deviation σ√(1 − 2/π); 4 standard errors.
    let expected = sigma_ms * (2.0 / std::f64::consts::PI).sqrt();
    let se = sigma_ms * (1.0 - 2.0 / std::f64::consts::PI).sqrt() / n.sqrt();
    assert!(
        (mean - expected).abs() < 4.0 * se,
        "mean {mean} ms, expected {expected} ± {se}"
    );
    // E[x²] = σ²; the standard error of x² is σ²√2 / √n.
    let se_sq = sigma_ms * sigma_ms * 2f64.sqrt() / n.sqrt();
    assert!(
        (mean_sq - 16.0).abs() < 4.0 * se_sq,
        "E[x²] {mean_sq} ms², expected 16"
    );
}
