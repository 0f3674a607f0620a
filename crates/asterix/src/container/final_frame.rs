//! "FINAL" recording frames, as in the JADE samples. No public specification was at hand; the
//! layout below is inferred from the bytes of the five samples in `../shared/data/asterix/jade`
//! and holds for every frame of them (checked by the reference tests):
//!
//! ```text
//! offset 0  u16 BE  frame length, counting header and trailer
//!        2  u8      board number   (0 in every sample)
//!        3  u8      line number    (0 in every sample)
//!        4  u8      recording day  (0, or 31 in the NATS sample)
//!        5  u24 BE  recording time of day, 10 ms units (0x5C1890 = 60,356.00 s; the data's
//!                   own CAT062 times are 2 h earlier: the recorder's clock is local time)
//!        8  …       data blocks, length − 12 bytes
//!   len−4   4 × A5  trailer
//! ```

use super::{Container, ContainerError, ContainerProblem, Payload, Unpacked};

const HEADER_LEN: usize = 8;
const TRAILER: [u8; 4] = [0xA5; 4];

/// Whether the first frame's declared length ends on a trailer within the file.
pub(super) fn first_frame_fits(bytes: &[u8]) -> bool {
    match *bytes {
        [hi, lo, ..] => {
            let len = usize::from(u16::from_be_bytes([hi, lo]));
            len >= HEADER_LEN + TRAILER.len()
                && len <= bytes.len()
                && bytes[len - TRAILER.len()..len] == TRAILER
        }
        _ => false,
    }
}

pub(super) fn unpack(bytes: &[u8]) -> Unpacked<'_> {
    let mut out = Unpacked {
        container: Container::Final,
        payloads: Vec::new(),
        skipped_packets: 0,
        error: None,
    };
    let mut pos = 0usize;
    let mut index = 0u64;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        let fail = |problem| ContainerError {
            container: Container::Final,
            index,
            offset: pos as u64,
            problem,
        };
        if rest.len() < HEADER_LEN {
            out.error = Some(fail(ContainerProblem::TruncatedHeader {
                what: "FINAL frame",
                needed: HEADER_LEN,
                available: rest.len(),
            }));
            break;
        }
        let declared = u16::from_be_bytes([rest[0], rest[1]]);
        let len = usize::from(declared);
        if len < HEADER_LEN + TRAILER.len() {
            out.error = Some(fail(ContainerProblem::FrameTooShort(declared)));
            break;
        }
        if len > rest.len() {
            out.error = Some(fail(ContainerProblem::LengthPastEnd {
                declared: u64::from(declared),
                available: rest.len(),
            }));
            break;
        }
        if rest[len - TRAILER.len()..len] != TRAILER {
            out.error = Some(fail(ContainerProblem::BadTrailer));
            break;
        }
        out.payloads.push(Payload {
            offset: (pos + HEADER_LEN) as u64,
            bytes: &rest[HEADER_LEN..len - TRAILER.len()],
            index,
            duplicate: false,
        });
        pos += len;
        index += 1;
    }
    out
}
