//! Exact timings: latency over relays, serialisation spacing, queue overflow, partitions.

use super::*;
use crate::link::Overflow;

#[test]
fn latency_is_the_sum_of_hop_latencies_over_a_relay_chain() {
    let links = vec![
        LinkConfig::ideal(node(0), node(1), ms(10)),
        LinkConfig::ideal(node(1), node(2), ms(20)),
        LinkConfig::ideal(node(2), node(3), ms(30)),
    ];
    let mut net = network(4, links, 1);
    net.send(at_ms(1000), packet(0, NationSet::first(4), 0, 7, 40));
    assert_eq!(net.next_due(), Some(at_ms(1010)));
    assert!(net.poll(at_ms(1009)).is_empty());
    let got: Vec<_> = drain(&mut net).iter().map(|d| (d.at, d.to)).collect();
    assert_eq!(
        got,
        [
            (at_ms(1010), node(1)),
            (at_ms(1030), node(2)),
            (at_ms(1060), node(3))
        ]
    );
    net.send(at_ms(2000), packet(3, NationSet::first(4), 0, 8, 40));
    let got: Vec<_> = drain(&mut net).iter().map(|d| (d.at, d.to)).collect();
    assert_eq!(
        got,
        [
            (at_ms(2030), node(2)),
            (at_ms(2050), node(1)),
            (at_ms(2060), node(0))
        ]
    );
    assert_eq!(net.next_due(), None);
    let s = &net.stats().links;
    assert_eq!((s[1][0].delivered, s[1][1].delivered), (1, 1));
    assert_eq!(s[0][0].bytes_sent, 40);
}

fn limited(queue_bytes: u64, overflow: Overflow) -> LinkConfig {
    LinkConfig {
        // 1000 bytes at 8 Mbit/s: exactly 1 ms on the wire.
        bandwidth_bps: Some(8e6),
        queue_bytes,
        overflow,
        ..LinkConfig::ideal(node(0), node(1), ms(5))
    }
}

#[test]
fn back_to_back_packets_are_spaced_by_their_serialisation_time() {
    let mut net = network(2, vec![limited(1 << 20, Overflow::DropOldest)], 1);
    for id in 0..10 {
        net.send(SimTime::ZERO, packet(0, NationSet::first(2), 0, id, 1000));
    }
    let got = drain(&mut net);
    let times: Vec<_> = got.iter().map(|d| d.at).collect();
    let expected: Vec<_> = (1..=10).map(|k| at_ms(k + 5)).collect();
    assert_eq!(
        times, expected,
        "arrival k = (k + 1) ms on the wire + 5 ms latency"
    );
    assert_eq!(
        got.iter().map(|d| id_of(&d.packet)).collect::<Vec<_>>(),
        (0..10).collect::<Vec<_>>()
    );
    let s = net.stats().links[0][0];
    assert_eq!(
        (s.packets_sent, s.bytes_sent, s.max_queue_bytes),
        (10, 10_000, 9_000)
    );
}

/// Ten 1000-byte packets at once into a 3000-byte queue behind the one on the wire.
fn overflow_run(overflow: Overflow, priorities: [u8; 10]) -> (Vec<u32>, u64) {
    let mut net = network(2, vec![limited(3000, overflow)], 1);
    for (id, prio) in priorities.into_iter().enumerate() {
        net.send(
            SimTime::ZERO,
            packet(0, NationSet::first(2), prio, id as u32, 1000),
        );
    }
    let ids = drain(&mut net).iter().map(|d| id_of(&d.packet)).collect();
    let s = net.stats().links[0][0];
    assert_eq!(s.max_queue_bytes, 3000);
    assert_eq!(s.packets_sent, s.delivered);
    (ids, s.dropped_overflow)
}

#[test]
fn drop_oldest_keeps_the_newest_packets() {
    let (ids, dropped) = overflow_run(Overflow::DropOldest, [0; 10]);
    assert_eq!(ids, [0, 7, 8, 9]);
    assert_eq!(dropped, 6);
}

#[test]
fn drop_lowest_priority_keeps_the_most_important_packets() {
    // Worked by hand: 1 evicted by 4, 5 refused, 3 evicted by 6, 7 and 8 refused, 4 by 9.
    let (ids, dropped) = overflow_run(Overflow::DropLowestPriority, [5, 1, 9, 1, 3, 0, 9, 2, 1, 4]);
    assert_eq!(ids, [0, 2, 6, 9]);
    assert_eq!(dropped, 6);
}

#[test]
fn partition_drops_hops_starting_in_the_window_and_heals_after() {
    let links = vec![
        LinkConfig::ideal(node(0), node(1), ms(100)),
        LinkConfig {
            partitions: vec![(at_ms(1000), at_ms(2000))],
            ..LinkConfig::ideal(node(1), node(2), ms(10))
        },
    ];
    let mut net = network(3, links, 1);
    for k in 0..30 {
        net.send(
            at_ms(100 * k),
            packet(0, NationSet::first(3), 0, k as u32, 8),
        );
    }
    let got = drain(&mut net);
    let to = |n| {
        got.iter()
            .filter(|d| d.to == node(n))
            .map(|d| id_of(&d.packet))
            .collect::<Vec<_>>()
    };
    assert_eq!(to(1), (0..30).collect::<Vec<_>>());
    // The second hop starts 100 ms after sending: sends at 0.9 s ..= 1.8 s meet the window.
    let expected: Vec<u32> = (0..9).chain(19..30).collect();
    assert_eq!(to(2), expected);
    let s = &net.stats().links[1][0];
    assert_eq!(
        (s.dropped_partition, s.delivered, s.packets_sent),
        (10, 20, 20)
    );
}

#[test]
fn queued_packets_do_not_go_on_the_wire_while_the_link_is_down() {
    let link = LinkConfig {
        // 100 bytes at 8 kbit/s: 100 ms each.
        bandwidth_bps: Some(8e3),
        queue_bytes: 1000,
        partitions: vec![(at_ms(250), at_ms(10_000))],
        ..LinkConfig::ideal(node(0), node(1), ms(1))
    };
    let mut net = network(2, vec![link], 1);
    for id in 0..5 {
        net.send(SimTime::ZERO, packet(0, NationSet::first(2), 0, id, 100));
    }
    let got: Vec<_> = drain(&mut net)
        .iter()
        .map(|d| (id_of(&d.packet), d.at))
        .collect();
    assert_eq!(got, [(0, at_ms(101)), (1, at_ms(201)), (2, at_ms(301))]);
    assert_eq!(net.stats().links[0][0].dropped_partition, 2);
}
