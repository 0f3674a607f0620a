//! Recording containers: what wraps the data blocks in a file.
//!
//! - **raw** (`.ast`, `.raw`): data blocks concatenated, nothing else.
//! - **libpcap** (classic, microsecond or nanosecond, either byte order): Ethernet (optionally
//!   802.1Q-tagged) or Linux cooked captures of IPv4/UDP; the UDP payloads are the data.
//!   Dual-LAN feeds send every datagram twice: a payload identical to one of the previous
//!   [`pcap::DUPLICATE_WINDOW`] datagrams captured within [`pcap::DUPLICATE_WITHIN_NS`] is
//!   marked a duplicate, counted and not decoded again.
//! - **FINAL** frames (the JADE samples; `final_frame.rs` documents the layout inferred).
//!
//! Not modelled: pcapng, IPv6, IP fragment reassembly (fragments are counted and skipped),
//! TCP streams.

mod final_frame;
pub mod pcap;

/// The container kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// Concatenated data blocks.
    Raw,
    /// Classic libpcap.
    Pcap,
    /// FINAL recording frames.
    Final,
}

impl Container {
    /// Lower-case name (`raw`, `pcap`, `final`).
    pub fn name(self) -> &'static str {
        match self {
            Container::Raw => "raw",
            Container::Pcap => "pcap",
            Container::Final => "final",
        }
    }
}

/// Which container `bytes` are in: a libpcap magic number; else a first FINAL frame (its
/// length, then the `A5A5A5A5` trailer where that length ends); else raw blocks.
pub fn detect(bytes: &[u8]) -> Container {
    if pcap::magic(bytes).is_some() {
        Container::Pcap
    } else if final_frame::first_frame_fits(bytes) {
        Container::Final
    } else {
        Container::Raw
    }
}

/// One payload of data blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Payload<'a> {
    /// Byte offset of its first byte in the file.
    pub offset: u64,
    /// The data blocks.
    pub bytes: &'a [u8],
    /// Index of the packet or frame it came from (from 0; 0 for a raw file).
    pub index: u64,
    /// The same payload was already seen (dual-LAN copy): not to be decoded again.
    pub duplicate: bool,
}

/// A file taken apart: its payloads, what was skipped, and the problem that stopped reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unpacked<'a> {
    /// Which container.
    pub container: Container,
    /// Payloads in file order (duplicates included, marked).
    pub payloads: Vec<Payload<'a>>,
    /// Packets that carry no IPv4/UDP payload (other protocols, fragments, cut by the snap
    /// length).
    pub skipped_packets: u64,
    /// The problem that stopped reading, if the file does not end cleanly.
    pub error: Option<ContainerError>,
}

impl Unpacked<'_> {
    /// Payloads marked as duplicates.
    pub fn duplicates(&self) -> u64 {
        self.payloads.iter().filter(|p| p.duplicate).count() as u64
    }
}

/// A container-level problem, located.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{container} {unit} {index} at byte {offset}: {problem}", container = container.name(), unit = unit(*container))]
pub struct ContainerError {
    /// Which container.
    pub container: Container,
    /// Index of the packet or frame.
    pub index: u64,
    /// Byte offset of the packet or frame (or of the file header).
    pub offset: u64,
    /// What.
    pub problem: ContainerProblem,
}

fn unit(container: Container) -> &'static str {
    match container {
        Container::Raw => "file",
        Container::Pcap => "packet",
        Container::Final => "frame",
    }
}

/// What is wrong with a container.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ContainerProblem {
    /// The file ends inside a header.
    #[error("the {what} header needs {needed} byte(s), {available} left")]
    TruncatedHeader {
        /// Which header.
        what: &'static str,
        /// Its length.
        needed: usize,
        /// Bytes left.
        available: usize,
    },
    /// A length field runs past the end of the file.
    #[error("declared length {declared} runs past the end of the file ({available} byte(s) left)")]
    LengthPastEnd {
        /// The declared length.
        declared: u64,
        /// Bytes left.
        available: usize,
    },
    /// A capture whose link layer is not read.
    #[error("link type {0} is not read (Ethernet 1 and Linux cooked 113 are)")]
    UnsupportedLinkType(u32),
    /// A FINAL frame shorter than its header and trailer.
    #[error("frame length {0} is shorter than the 8-byte header and 4-byte trailer")]
    FrameTooShort(u16),
    /// A FINAL frame not ending with `A5A5A5A5`.
    #[error("frame does not end with the A5A5A5A5 trailer")]
    BadTrailer,
}

/// Takes `bytes` apart as `container`.
pub fn unpack(bytes: &[u8], container: Container) -> Unpacked<'_> {
    match container {
        Container::Raw => Unpacked {
            container,
            payloads: vec![Payload {
                offset: 0,
                bytes,
                index: 0,
                duplicate: false,
            }],
            skipped_packets: 0,
            error: None,
        },
        Container::Pcap => pcap::unpack(bytes),
        Container::Final => final_frame::unpack(bytes),
    }
}

#[cfg(test)]
mod tests;
