//! A transmit queue with a byte budget and an overflow policy.

use super::config::Overflow;
use std::collections::VecDeque;

#[derive(Debug)]
struct Queued<T> {
    item: T,
    bytes: u64,
    priority: u8,
}

/// Packets waiting for a busy transmitter, oldest first.
#[derive(Debug)]
pub(super) struct TxQueue<T> {
    waiting: VecDeque<Queued<T>>,
    bytes: u64,
}

impl<T> TxQueue<T> {
    pub(super) fn new() -> Self {
        TxQueue {
            waiting: VecDeque::new(),
            bytes: 0,
        }
    }

    /// Bytes waiting.
    pub(super) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Adds `item` within `capacity` bytes, dropping by `policy` to make room; returns how
    /// many packets were dropped (the newcomer included, if it went). A packet larger than
    /// the whole queue is dropped alone: evicting others could not make it fit.
    pub(super) fn push(
        &mut self,
        item: T,
        bytes: u64,
        priority: u8,
        capacity: u64,
        policy: Overflow,
    ) -> u64 {
        if bytes > capacity {
            return 1;
        }
        let mut dropped = 0;
        while self.bytes + bytes > capacity {
            let victim = match policy {
                Overflow::DropOldest => 0,
                Overflow::DropLowestPriority => {
                    // min_by_key keeps the first minimum: the oldest among equals.
                    let (i, lowest) = self
                        .waiting
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, q)| q.priority)
                        .expect("over budget implies something is queued");
                    if priority < lowest.priority {
                        return dropped + 1;
                    }
                    i
                }
            };
            let gone = self
                .waiting
                .remove(victim)
                .expect("victim index is in range");
            self.bytes -= gone.bytes;
            dropped += 1;
        }
        self.bytes += bytes;
        self.waiting.push_back(Queued {
            item,
            bytes,
            priority,
        });
        dropped
    }

    /// The next packet to transmit (FIFO).
    pub(super) fn pop(&mut self) -> Option<T> {
        let q = self.waiting.pop_front()?;
        self.bytes -= q.bytes;
        Some(q.item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(q: &mut TxQueue<u32>) -> Vec<u32> {
        std::iter::from_fn(|| q.pop()).collect()
    }

    #[test]
    fn drop_oldest_evicts_from_the_front_until_the_newcomer_fits() {
        let mut q = TxQueue::new();
        for id in 0..3 {
            assert_eq!(
                q.push(id, 100, 0, 350, Overflow::DropOldest),
                0,
                "{id} fits"
            );
        }
        assert_eq!(q.push(3, 100, 0, 350, Overflow::DropOldest), 1);
        assert_eq!(q.bytes(), 300);
        assert_eq!(q.push(5, 250, 9, 350, Overflow::DropOldest), 2);
        assert_eq!(
            q.push(6, 400, 9, 350, Overflow::DropOldest),
            1,
            "too big for any queue"
        );
        assert_eq!(drain(&mut q), [3, 5]);
        assert_eq!(q.bytes(), 0);
    }

    #[test]
    fn drop_lowest_priority_evicts_oldest_lowest_or_the_newcomer() {
        let mut q = TxQueue::new();
        for (id, prio) in [(0, 5), (1, 1), (2, 3), (3, 1)] {
            assert_eq!(q.push(id, 100, prio, 400, Overflow::DropLowestPriority), 0);
        }
        // Equal to the lowest: the queued one is older, so it goes.
        assert_eq!(q.push(4, 100, 1, 400, Overflow::DropLowestPriority), 1);
        // Lower than everything queued: the newcomer goes and nothing else.
        assert_eq!(q.push(5, 100, 0, 400, Overflow::DropLowestPriority), 1);
        // Needs two slots: drops 3 (prio 1) then 4 (prio 1), keeping 2 (prio 3).
        assert_eq!(q.push(6, 200, 7, 400, Overflow::DropLowestPriority), 2);
        assert_eq!(drain(&mut q), [0, 2, 6]);
    }
}
