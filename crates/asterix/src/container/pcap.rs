//! Classic libpcap captures: a 24-byte file header, then per packet a 16-byte record header
//! and the captured bytes. Only the UDP payloads of IPv4 packets are kept.

use super::{Container, ContainerError, ContainerProblem, Payload, Unpacked};

/// How many earlier datagrams a payload is compared with to find a dual-LAN copy. The two
/// copies of a datagram arrive back to back or a few datagrams apart.
pub const DUPLICATE_WINDOW: usize = 16;
/// How close in capture time (ns) a copy must be: one second, far less than a radar's
/// rotation, so a legitimately repeated message a scan later is not taken for a copy.
pub const DUPLICATE_WITHIN_NS: u64 = 1_000_000_000;

const FILE_HEADER_LEN: usize = 24;
const RECORD_HEADER_LEN: usize = 16;
const LINKTYPE_ETHERNET: u32 = 1;
const LINKTYPE_LINUX_SLL: u32 = 113;
const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_VLAN: u16 = 0x8100;
const IP_PROTOCOL_UDP: u8 = 17;

/// Byte order and timestamp resolution from the magic number.
#[derive(Clone, Copy, Debug)]
pub(super) struct Magic {
    little_endian: bool,
    /// Nanoseconds per unit of the timestamp's fractional field.
    fraction_ns: u64,
}

pub(super) fn magic(bytes: &[u8]) -> Option<Magic> {
    let m: [u8; 4] = bytes.get(..4)?.try_into().ok()?;
    match m {
        [0xD4, 0xC3, 0xB2, 0xA1] => Some(Magic {
            little_endian: true,
            fraction_ns: 1000,
        }),
        [0xA1, 0xB2, 0xC3, 0xD4] => Some(Magic {
            little_endian: false,
            fraction_ns: 1000,
        }),
        [0x4D, 0x3C, 0xB2, 0xA1] => Some(Magic {
            little_endian: true,
            fraction_ns: 1,
        }),
        [0xA1, 0xB2, 0x3C, 0x4D] => Some(Magic {
            little_endian: false,
            fraction_ns: 1,
        }),
        _ => None,
    }
}

impl Magic {
    fn u32(self, b: &[u8], at: usize) -> u32 {
        let four = [b[at], b[at + 1], b[at + 2], b[at + 3]];
        if self.little_endian {
            u32::from_le_bytes(four)
        } else {
            u32::from_be_bytes(four)
        }
    }
}

pub(super) fn unpack(bytes: &[u8]) -> Unpacked<'_> {
    let mut out = Unpacked {
        container: Container::Pcap,
        payloads: Vec::new(),
        skipped_packets: 0,
        error: None,
    };
    let fail = |index, offset: usize, problem| ContainerError {
        container: Container::Pcap,
        index,
        offset: offset as u64,
        problem,
    };
    let Some(magic) = magic(bytes).filter(|_| bytes.len() >= FILE_HEADER_LEN) else {
        out.error = Some(fail(
            0,
            0,
            ContainerProblem::TruncatedHeader {
                what: "pcap file",
                needed: FILE_HEADER_LEN,
                available: bytes.len(),
            },
        ));
        return out;
    };
    let link_type = magic.u32(bytes, 20) & 0x0FFF_FFFF;
    if link_type != LINKTYPE_ETHERNET && link_type != LINKTYPE_LINUX_SLL {
        out.error = Some(fail(0, 0, ContainerProblem::UnsupportedLinkType(link_type)));
        return out;
    }
    // Recent payloads for duplicate detection: (capture time ns, payload).
    let mut recent: Vec<(u64, &[u8])> = Vec::with_capacity(DUPLICATE_WINDOW);
    let mut pos = FILE_HEADER_LEN;
    let mut index = 0u64;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        if rest.len() < RECORD_HEADER_LEN {
            out.error = Some(fail(
                index,
                pos,
                ContainerProblem::TruncatedHeader {
                    what: "packet record",
                    needed: RECORD_HEADER_LEN,
                    available: rest.len(),
                },
            ));
            break;
        }
        let seconds = u64::from(magic.u32(rest, 0));
        let fraction = u64::from(magic.u32(rest, 4));
        let captured = magic.u32(rest, 8);
        let original = magic.u32(rest, 12);
        let available = rest.len() - RECORD_HEADER_LEN;
        let Some(len) = usize::try_from(captured).ok().filter(|&l| l <= available) else {
            out.error = Some(fail(
                index,
                pos,
                ContainerProblem::LengthPastEnd {
                    declared: u64::from(captured),
                    available,
                },
            ));
            break;
        };
        let frame_offset = pos + RECORD_HEADER_LEN;
        let frame = &rest[RECORD_HEADER_LEN..RECORD_HEADER_LEN + len];
        let udp = if captured < original {
            None
        } else {
            udp_payload(frame, link_type)
        };
        match udp {
            Some((start, payload)) => {
                let time_ns = seconds
                    .saturating_mul(1_000_000_000)
                    .saturating_add(fraction.saturating_mul(magic.fraction_ns));
                let duplicate = recent
                    .iter()
                    .any(|&(t, p)| p == payload && time_ns.abs_diff(t) <= DUPLICATE_WITHIN_NS);
                if !duplicate {
                    if recent.len() == DUPLICATE_WINDOW {
                        recent.remove(0);
                    }
                    recent.push((time_ns, payload));
                }
                out.payloads.push(Payload {
                    offset: (frame_offset + start) as u64,
                    bytes: payload,
                    index,
                    duplicate,
                });
            }
            None => out.skipped_packets += 1,
        }
        pos = frame_offset + len;
        index += 1;
    }
    out
}

/// The UDP payload of a captured frame and its offset in the frame; `None` for anything but
/// an unfragmented IPv4/UDP packet that is whole in the capture.
fn udp_payload(frame: &[u8], link_type: u32) -> Option<(usize, &[u8])> {
    let be16 = |at: usize| Some(u16::from_be_bytes([*frame.get(at)?, *frame.get(at + 1)?]));
    let (mut ethertype, mut ip) = if link_type == LINKTYPE_ETHERNET {
        (be16(12)?, 14)
    } else {
        (be16(14)?, 16)
    };
    if ethertype == ETHERTYPE_VLAN {
        ethertype = be16(ip + 2)?;
        ip += 4;
    }
    if ethertype != ETHERTYPE_IPV4 {
        return None;
    }
    let version_ihl = *frame.get(ip)?;
    let header_len = usize::from(version_ihl & 0x0F) * 4;
    if version_ihl >> 4 != 4 || header_len < 20 {
        return None;
    }
    let total_len = usize::from(be16(ip + 2)?);
    let fragment = be16(ip + 6)?;
    let more_fragments = fragment & 0x2000 != 0;
    let fragment_offset = fragment & 0x1FFF;
    if *frame.get(ip + 9)? != IP_PROTOCOL_UDP || more_fragments || fragment_offset != 0 {
        return None;
    }
    if total_len < header_len + 8 || ip + total_len > frame.len() {
        return None;
    }
    let udp = ip + header_len;
    let udp_len = usize::from(be16(udp + 4)?);
    if udp_len < 8 || udp + udp_len > ip + total_len {
        return None;
    }
    Some((udp + 8, &frame[udp + 8..udp + udp_len]))
}
