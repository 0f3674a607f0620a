//! The message and frame types at the API: plain data in SI units (`f64` metres, m/s,
//! radians), no simulation types. Scaling to the wire's integers happens only in the codec.

use super::{CovarianceSummary, DropReason, Identity, IffEvidence, NodeAddr, TrackKind};
use super::{TrackNumber, codec};
use base::{NationIndex, NationSet};

/// A track report: the originator's current state estimate of one network track.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrackReport {
    /// Network track number.
    pub track_number: TrackNumber,
    /// Node that holds the track (must be the frame's sender).
    pub origin: NodeAddr,
    /// Nation of the originating node.
    pub origin_nation: NationIndex,
    /// Validity time of the state, ms since the network epoch (scenario start).
    pub time_ms: u32,
    /// Seconds since this track number was first reported (saturates at 65535).
    pub age_s: u16,
    /// Age of the latest measurement behind the state at `time_ms`, ms (the state may be
    /// predicted past it). Sent in 0.1 s steps rounded up, so a receiver never reads it
    /// fresher than it is; saturates at 6553.5 s. Its role is ASTERIX CAT062 I062/290's.
    pub update_age_ms: u32,
    /// ECEF position (m); 4 mm resolution, ±8590 km.
    pub position_m: [f64; 3],
    /// ECEF velocity (m/s); 0.25 m/s resolution, ±8191.75 m/s.
    pub velocity_mps: [f64; 3],
    /// Compressed position–velocity covariance.
    pub covariance: CovarianceSummary,
    /// Track quality, 0 (worst) to 15.
    pub quality: u8,
    /// Standard identity.
    pub identity: Identity,
    /// IFF evidence.
    pub iff: IffEvidence,
    /// Classification.
    pub kind: TrackKind,
    /// Nations the report may reach (must equal the frame's release set).
    pub release: NationSet,
}

/// The originator stops reporting a track number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrackDrop {
    /// The dropped track number.
    pub track_number: TrackNumber,
    /// Node that held it (must be the frame's sender).
    pub origin: NodeAddr,
    /// When it was dropped, ms since the network epoch.
    pub time_ms: u32,
    /// Why.
    pub reason: DropReason,
}

/// An identity decision on a network track by an identification authority.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdentityChange {
    /// The track.
    pub track_number: TrackNumber,
    /// New identity.
    pub identity: Identity,
    /// Node whose identification authority made the decision.
    pub authority: NodeAddr,
    /// Decision time, ms since the network epoch.
    pub time_ms: u32,
}

/// Heartbeat of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeStatus {
    /// The node (must be the frame's sender).
    pub node: NodeAddr,
    /// Status time, ms since the network epoch.
    pub time_ms: u32,
    /// Local tracks held.
    pub tracks_held: u16,
    /// Tracks the node currently reports to the network.
    pub tracks_reported: u16,
    /// Status bits (see the `FLAG_*` constants); unassigned bits are carried, not interpreted.
    pub flags: u8,
}

impl NodeStatus {
    /// First heartbeat after a (re)start.
    pub const FLAG_RESTARTED: u8 = 0x01;
    /// Some sensors unavailable.
    pub const FLAG_DEGRADED: u8 = 0x02;
    /// The node hears no other node.
    pub const FLAG_ISOLATED: u8 = 0x04;
}

/// A single sensor measurement shared at plot level (cooperative-engagement style).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plot {
    /// Sensor number within the originating node.
    pub sensor: u16,
    /// Node owning the sensor (must be the frame's sender).
    pub origin: NodeAddr,
    /// Measurement time, µs since the network epoch (< 2⁴⁸).
    pub time_us: u64,
    /// ECEF position of the sensor (m); 4 mm resolution.
    pub sensor_position_m: [f64; 3],
    /// Slant range (m); 1 cm resolution, < 42 950 km.
    pub range_m: f64,
    /// Azimuth from north, clockwise (rad); wrapped to [0, 2π), 2π/65536 resolution.
    pub azimuth_rad: f64,
    /// Elevation (rad), [−π/2, π/2]; (π/2)/32767 resolution.
    pub elevation_rad: f64,
    /// Range rate (m/s) if measured; 0.25 m/s resolution, ±8191.75 m/s.
    pub range_rate_mps: Option<f64>,
    /// Range standard deviation (m); rounded up on a log scale from 1 cm.
    pub sigma_range_m: f64,
    /// Azimuth standard deviation (rad); rounded up on a log scale from 1 µrad.
    pub sigma_azimuth_rad: f64,
    /// Elevation standard deviation (rad); rounded up on a log scale from 1 µrad.
    pub sigma_elevation_rad: f64,
    /// Range-rate standard deviation (m/s); rounded up on a log scale from 1 cm/s.
    pub sigma_range_rate_mps: f64,
    /// IFF evidence of the plot.
    pub iff: IffEvidence,
    /// Signal-to-noise ratio (dB); 0.25 dB steps, saturating to [0, 63.75].
    pub snr_db: f64,
    /// Nations the plot may reach (must equal the frame's release set).
    pub release: NationSet,
    /// The sensor's look (one tracker batch) the plot came from. A receiver feeds each look
    /// to its tracker as its own batch: two plots of one look are two objects, while plots
    /// of different looks may be one object seen twice.
    pub look: PlotLook,
}

/// The sensor look a plot belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlotLook {
    /// Look number, counted per sensor by the origin node (wrapping).
    pub seq: u16,
    /// Plots the look produced that the origin sent under this release set (≥ 1). A
    /// receiver holding fewer has not seen the whole look (loss, a split delivery).
    pub plots: u16,
    /// The look searched everything the sensor can see (a search frame), so an object it
    /// did not report was missed. A dwell or cued sector looked only in a few directions:
    /// its silence is no evidence about tracks elsewhere.
    pub full: bool,
}

/// One message of a frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Message {
    /// Track report.
    Track(TrackReport),
    /// Track drop.
    Drop(TrackDrop),
    /// Identity change.
    Identity(IdentityChange),
    /// Node status (heartbeat).
    Status(NodeStatus),
    /// Plot.
    Plot(Plot),
}

impl Message {
    /// Bytes this message takes on the wire, type tag included.
    pub fn encoded_len(&self) -> usize {
        match self {
            Message::Track(_) => codec::TRACK_REPORT_LEN,
            Message::Drop(_) => codec::TRACK_DROP_LEN,
            Message::Identity(_) => codec::IDENTITY_CHANGE_LEN,
            Message::Status(_) => codec::NODE_STATUS_LEN,
            Message::Plot(_) => codec::PLOT_LEN,
        }
    }

    /// The node the message claims as first-hand source, if it names one.
    pub fn origin(&self) -> Option<NodeAddr> {
        match self {
            Message::Track(m) => Some(m.origin),
            Message::Drop(m) => Some(m.origin),
            Message::Status(m) => Some(m.node),
            Message::Plot(m) => Some(m.origin),
            Message::Identity(_) => None,
        }
    }
}

/// What the frame header says besides the message count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameHeader {
    /// Sending (and signing) node.
    pub sender: NodeAddr,
    /// Sender's key epoch: changes when the node restarts (resets the replay window).
    pub epoch: u8,
    /// Per-sender frame sequence number, +1 per frame within an epoch.
    pub seq: u32,
    /// Send time, ms since the network epoch.
    pub time_ms: u32,
    /// Nations every message of the frame may reach: what relays guard on.
    pub release: NationSet,
}

/// A decoded frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The header.
    pub header: FrameHeader,
    /// Messages, in wire order.
    pub messages: Vec<Message>,
}
