//! Containers built by hand: pcap with a dual-LAN copy and a non-UDP packet, FINAL frames,
//! and their located errors.

use super::{Container, ContainerProblem, detect, unpack};

/// An Ethernet/IPv4/UDP frame around `payload`.
fn udp_frame(payload: &[u8], protocol: u8) -> Vec<u8> {
    let mut f = vec![0u8; 12];
    f.extend_from_slice(&[0x08, 0x00]);
    let total = u16::try_from(20 + 8 + payload.len()).expect("small");
    f.extend_from_slice(&[0x45, 0]);
    f.extend_from_slice(&total.to_be_bytes());
    f.extend_from_slice(&[
        0, 0, 0x40, 0, 64, protocol, 0, 0, 10, 0, 0, 1, 232, 1, 1, 31,
    ]);
    let udp_len = u16::try_from(8 + payload.len()).expect("small");
    f.extend_from_slice(&[0x13, 0x88, 0x13, 0x88]);
    f.extend_from_slice(&udp_len.to_be_bytes());
    f.extend_from_slice(&[0, 0]);
    f.extend_from_slice(payload);
    f
}

fn pcap(frames: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut p = vec![0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0];
    p.extend_from_slice(&[0; 8]);
    p.extend_from_slice(&65535u32.to_le_bytes());
    p.extend_from_slice(&1u32.to_le_bytes());
    for (seconds, f) in frames {
        let len = u32::try_from(f.len()).expect("small");
        p.extend_from_slice(&seconds.to_le_bytes());
        p.extend_from_slice(&0u32.to_le_bytes());
        p.extend_from_slice(&len.to_le_bytes());
        p.extend_from_slice(&len.to_le_bytes());
        p.extend_from_slice(f);
    }
    p
}

const NORTH_MARKER: [u8; 6] = [34, 0, 6, 0b1000_0000, 0x19, 0x0E];

#[test]
fn pcap_payloads_and_dual_lan_copies() {
    let other = [34, 0, 6, 0b1000_0000, 0x19, 0x0F];
    let file = pcap(&[
        (10, udp_frame(&NORTH_MARKER, 17)),
        (10, udp_frame(&NORTH_MARKER, 17)),
        (10, udp_frame(&other, 6)),
        (10, udp_frame(&other, 17)),
        // The same bytes 5 s later are a new message, not a copy.
        (15, udp_frame(&NORTH_MARKER, 17)),
    ]);
    assert_eq!(detect(&file), Container::Pcap);
    let u = unpack(&file, Container::Pcap);
    assert_eq!(u.error, None);
    let dup: Vec<bool> = u.payloads.iter().map(|p| p.duplicate).collect();
    assert_eq!(dup, [false, true, false, false]);
    assert_eq!(u.skipped_packets, 1, "TCP");
    assert_eq!(u.payloads[0].bytes, NORTH_MARKER);
    assert_eq!(u.payloads[0].offset, 24 + 16 + 42);
    let d = crate::decode_file(&file);
    assert_eq!((d.stats.duplicates, d.records.len()), (1, 3));
}

#[test]
fn pcap_truncated_record_is_located() {
    let mut file = pcap(&[(1, udp_frame(&NORTH_MARKER, 17))]);
    file.truncate(file.len() - 3);
    let u = unpack(&file, Container::Pcap);
    let e = u.error.expect("truncated");
    assert_eq!(
        e.to_string(),
        "pcap packet 0 at byte 24: declared length 48 runs past the end of the file (45 byte(s) left)"
    );
}

#[test]
fn final_frames_and_their_trailer() {
    let mut frame = vec![0, 18, 0, 0, 0, 0x5C, 0x18, 0x90];
    frame.extend_from_slice(&NORTH_MARKER);
    frame.extend_from_slice(&[0xA5; 4]);
    let mut file = frame.clone();
    file.extend_from_slice(&frame);
    assert_eq!(detect(&file), Container::Final);
    let u = unpack(&file, Container::Final);
    assert_eq!((u.payloads.len(), u.error.clone()), (2, None));
    assert_eq!(
        (u.payloads[1].offset, u.payloads[1].bytes),
        (26, &NORTH_MARKER[..])
    );
    let last = file.len() - 1;
    file[last] = 0;
    let e = unpack(&file, Container::Final).error.expect("bad trailer");
    assert_eq!(e.problem, ContainerProblem::BadTrailer);
    assert_eq!(
        e.to_string(),
        "final frame 1 at byte 18: frame does not end with the A5A5A5A5 trailer"
    );
    assert_eq!(detect(&NORTH_MARKER), Container::Raw);
}
