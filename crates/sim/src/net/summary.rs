//! The network's part of `summary.json`: per-link traffic, rejections by reason,
//! releasability accounting and common-picture measures.

use serde::Serialize;
use std::collections::BTreeMap;

/// One direction of one link.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LinkDirection {
    /// Packets put on the link (relayed ones included).
    pub packets: u64,
    /// Bytes put on the link.
    pub bytes: u64,
    /// Packets that reached the far end.
    pub delivered: u64,
    /// Lost in transit.
    pub dropped_loss: u64,
    /// Dropped by the overflow policy of a full transmit queue.
    pub dropped_overflow: u64,
    /// Dropped because the link was partitioned.
    pub dropped_partition: u64,
    /// Largest transmit-queue backlog, bytes.
    pub max_queue_bytes: u64,
    /// Adversary frames put on this direction.
    pub injected: u64,
}

/// One link's traffic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkSummary {
    /// Link name.
    pub name: String,
    /// Node at end `a`.
    pub a: String,
    /// Node at end `b`.
    pub b: String,
    /// `a` → `b`.
    pub a_to_b: LinkDirection,
    /// `b` → `a`.
    pub b_to_a: LinkDirection,
}

/// What one node sent and received.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NodeNetwork {
    /// Signed frames it originated.
    pub frames_sent: u64,
    /// Messages in them.
    pub messages_sent: u64,
    /// Bytes of them (each frame counted once, however many links it crosses).
    pub bytes_sent: u64,
    /// Messages left out of its frames because the wire cannot carry them, by reason.
    pub unsendable: BTreeMap<String, u64>,
    /// Frames it authenticated and accepted.
    pub frames_accepted: u64,
    /// Frames it rejected, by reason (`bad_signature`, `replay`, `unknown_sender`, …).
    pub rejected: BTreeMap<String, u64>,
    /// Track reports received.
    pub reports_received: u64,
    /// Track drops received.
    pub drops_received: u64,
    /// Plots received (measurement sharing).
    pub plots_received: u64,
    /// Node-status heartbeats received.
    pub status_received: u64,
    /// Identity changes received (an authority's declarations and their repeats).
    pub identities_received: u64,
    /// Received data not releasable to this node's nation (must be zero).
    pub releasability_violations: u64,
}

/// Common-picture bookkeeping of one node (track sharing).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PictureStatsSummary {
    /// Dual designations resolved by merging two network track numbers.
    pub merges: u64,
    /// Contributors split off a system track because they diverged.
    pub decorrelations: u64,
    /// Times a local track's network track number changed.
    pub tn_changes: u64,
    /// Remote reports applied.
    pub remote_reports: u64,
    /// Reporting responsibility: claims, yields, takeovers.
    pub r2_claims: u64,
    /// Reporting responsibility yielded to a better reporter.
    pub r2_yields: u64,
    /// Reporting responsibility taken over from a silent reporter.
    pub r2_takeovers: u64,
    /// Remote reports refused by the plausibility guard (physically impossible state).
    pub implausible_remote: u64,
    /// Local-track offers refused by the plausibility guard (one per track per pass).
    pub implausible_local: u64,
}

/// `network` in `summary.json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkSummary {
    /// `none`, `track` or `measurement`.
    pub sharing: &'static str,
    /// `ci`, `naive` or `bar-shalom-campo`.
    pub fusion: &'static str,
    /// Frames originated by all nodes.
    pub frames_sent: u64,
    /// Messages in them.
    pub messages_sent: u64,
    /// Bytes in them.
    pub bytes_sent: u64,
    /// Mean bytes per track report on the wire, frame header and signature shared out
    /// (null if none was sent).
    pub bytes_per_track_report: Option<f64>,
    /// Per link, in scenario order.
    pub links: Vec<LinkSummary>,
    /// Rejected frames by reason, all nodes.
    pub rejected: BTreeMap<String, u64>,
    /// (frame, node) pairs withheld because the node's nation is not in the release set.
    pub withheld_releasability: u64,
    /// (frame, cleared node) pairs with no path through cleared nodes.
    pub unreachable: u64,
    /// Hop-level releasability guard refusals (zero when routing is right).
    pub guard_blocked: u64,
    /// Data that reached a node not cleared for it (must be zero).
    pub releasability_violations: u64,
    /// Frames injected by adversaries.
    pub adversary_injections: u64,
    /// Mean picture GOSPA over the nodes that hold a picture, m.
    pub mean_picture_gospa: Option<f64>,
    /// Mean over samples and held objects of the fraction of picture-holding node pairs that
    /// both hold the object (under track sharing: under the same network track number).
    pub commonality: Option<f64>,
    /// Dual-track episodes (a node holding two tracks on one object), all nodes.
    pub dual_tracks: u64,
    /// Mean lifetime of a dual-track episode, s.
    pub dual_track_mean_lifetime_s: Option<f64>,
    /// Longest dual-track episode, s.
    pub dual_track_max_lifetime_s: Option<f64>,
    /// Track-number changes on held objects, all node pictures.
    pub track_number_changes: u64,
    /// Mean picture latency (first detection by any sensor → held by the node's picture), over
    /// nodes and threats.
    pub mean_picture_latency_s: Option<f64>,
    /// The network picture's GOSPA over time: (t_s, mean GOSPA in m over the picture-holding
    /// nodes) at every truth sample. In `series.json`, not `summary.json`.
    #[serde(skip)]
    pub gospa_series: Vec<(f64, f64)>,
}

impl From<fusion::PictureStats> for PictureStatsSummary {
    fn from(s: fusion::PictureStats) -> Self {
        PictureStatsSummary {
            merges: s.merges,
            decorrelations: s.decorrelations,
            tn_changes: s.tn_changes,
            remote_reports: s.remote_reports,
            r2_claims: s.r2_claims,
            r2_yields: s.r2_yields,
            r2_takeovers: s.r2_takeovers,
            implausible_remote: s.implausible_remote,
            implausible_local: s.implausible_local,
        }
    }
}
