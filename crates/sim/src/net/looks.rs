//! Received plots regrouped into the looks they were measured in, so that a receiving node's
//! tracker sees each remote look as the originating tracker saw it: one batch per look. Fed
//! per frame and per sensor instead, a batch could hold one object twice (two looks of a
//! phased array in one frame period) and the spare plot started a second track, and a dwell's
//! silence counted as misses against tracks it never looked at.

use crate::node::NodeRuntime;
use base::{SensorId, SimTime};
use network::wire::PlotLook;
use std::collections::BTreeMap;
use tracking::filter::Measurement;

/// Key of a received look: receiving node, origin node, sensor, look number.
pub(super) type LookKey = (usize, u8, u16, u16);

/// The plots of one remote look a node received in one delivery.
#[derive(Debug)]
pub(super) struct ReceivedLook {
    /// What the origin said about the look.
    look: PlotLook,
    pub(super) plots: Vec<Measurement>,
}

impl ReceivedLook {
    pub(super) fn new(look: PlotLook) -> Self {
        Self {
            look,
            plots: Vec::new(),
        }
    }

    /// A full search frame, every plot of which is here: only then is an object it did not
    /// report evidence of a miss. A look missing plots (link loss, split over deliveries, a
    /// plot the receiver could not use) is taken as a dwell, which counts only its hits.
    pub(super) fn complete_search(&self) -> bool {
        complete_search(self.look, self.plots.len())
    }
}

fn complete_search(look: PlotLook, received: usize) -> bool {
    look.full && received == usize::from(look.plots)
}

/// Hands each received look to its node's tracker, oldest look first (ties in key order).
pub(super) fn process_looks(
    now: SimTime,
    looks: BTreeMap<LookKey, ReceivedLook>,
    nodes: &mut [NodeRuntime],
) {
    let mut ordered: Vec<(LookKey, ReceivedLook)> = looks.into_iter().collect();
    ordered.sort_by_key(|((to, ..), l)| (*to, l.plots.iter().map(|m| m.time).min()));
    for ((to, _, sensor, _), look) in ordered {
        let full = look.complete_search();
        nodes[to].process_scan(now, SensorId::new(usize::from(sensor)), &look.plots, !full);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_whole_search_frame_is_evidence_of_misses() {
        let search = PlotLook {
            seq: 9,
            plots: 3,
            full: true,
        };
        assert!(complete_search(search, 3));
        // A plot lost on the link: the frame's silence about an object proves nothing.
        assert!(!complete_search(search, 2));
        // A dwell is never a full look, however many of its plots arrived.
        assert!(!complete_search(
            PlotLook {
                full: false,
                ..search
            },
            3
        ));
    }
}
