//! Frame layout: header, messages, signature; the byte reader and writer; and the frame-level
//! checks (length, magic, version, count, trailing bytes, release consistency).
//!
//! Decoding never panics and allocates at most one `Vec` bounded by the input length: every
//! read goes through [`Reader::take`], which fails with a typed error at the end of the body.

use super::{DecodeError, EncodeError, Frame, FrameHeader, Message, NodeAddr, body};
use base::NationSet;

/// Magic nibble (high four bits of byte 0): `0xA` for "alliance".
pub const MAGIC: u8 = 0xA;
/// Wire format version (low four bits of byte 0).
pub const VERSION: u8 = 3;
/// Header bytes.
pub const HEADER_LEN: usize = 13;
/// Ed25519 signature bytes at the end of every frame.
pub const SIGNATURE_LEN: usize = 64;
/// Header plus signature: the per-frame cost shared by its messages.
pub const FRAME_OVERHEAD: usize = HEADER_LEN + SIGNATURE_LEN;
/// Largest frame (fits an Ethernet MTU with IP/UDP headers to spare).
pub const MAX_FRAME_LEN: usize = 1400;
/// Track report bytes, tag included.
pub const TRACK_REPORT_LEN: usize = 47;
/// Track drop bytes, tag included.
pub const TRACK_DROP_LEN: usize = 13;
/// Identity change bytes, tag included.
pub const IDENTITY_CHANGE_LEN: usize = 10;
/// Node status bytes, tag included.
pub const NODE_STATUS_LEN: usize = 11;
/// Plot bytes, tag included.
pub const PLOT_LEN: usize = 43;
/// Smallest message: bounds the message count any input can hold.
const MIN_MESSAGE_LEN: usize = IDENTITY_CHANGE_LEN;

/// Header, messages and room for the signature; the caller signs and appends it.
pub(crate) fn encode_unsigned(
    header: &FrameHeader,
    messages: &[Message],
) -> Result<Vec<u8>, EncodeError> {
    if messages.is_empty() {
        return Err(EncodeError::Empty);
    }
    let len = FRAME_OVERHEAD + messages.iter().map(Message::encoded_len).sum::<usize>();
    if len > MAX_FRAME_LEN {
        return Err(EncodeError::TooLong { len });
    }
    let count = u8::try_from(messages.len()).map_err(|_| EncodeError::TooLong { len })?;
    let mut w = Vec::with_capacity(len);
    w.push(MAGIC << 4 | VERSION);
    w.push(header.sender.0);
    w.push(header.epoch);
    w.extend_from_slice(&header.seq.to_be_bytes());
    w.extend_from_slice(&header.time_ms.to_be_bytes());
    w.push(header.release.bits());
    w.push(count);
    for m in messages {
        body::encode(m, header.release, &mut w)?;
    }
    debug_assert_eq!(
        w.len() + SIGNATURE_LEN,
        len,
        "message lengths match their layouts"
    );
    Ok(w)
}

/// The header of a whole frame (signature included), checked for length, magic and version;
/// the body is not looked at.
pub fn peek_header(bytes: &[u8]) -> Result<FrameHeader, DecodeError> {
    parse_header(bytes).map(|(header, _)| header)
}

/// Parses a whole frame without checking its signature (the signature bytes are skipped).
/// Only for tools and tests: a node accepts frames through [`Receiver`](super::Receiver).
pub fn decode_unverified(bytes: &[u8]) -> Result<Frame, DecodeError> {
    let (header, count) = parse_header(bytes)?;
    let body_end = bytes.len() - SIGNATURE_LEN;
    let mut r = Reader {
        buf: &bytes[HEADER_LEN..body_end],
        pos: 0,
        base: HEADER_LEN,
    };
    let mut messages = Vec::with_capacity(usize::from(count).min(r.buf.len() / MIN_MESSAGE_LEN));
    for _ in 0..count {
        if r.remaining() == 0 {
            return Err(DecodeError::CountMismatch);
        }
        messages.push(body::decode(&mut r, header.release)?);
    }
    if r.remaining() != 0 {
        return Err(DecodeError::TrailingBytes);
    }
    Ok(Frame { header, messages })
}

/// The signed part and the signature of a frame whose length [`peek_header`] accepted.
pub(crate) fn split_signature(bytes: &[u8]) -> Option<(&[u8], &[u8; SIGNATURE_LEN])> {
    let at = bytes.len().checked_sub(SIGNATURE_LEN)?;
    let (signed, sig) = bytes.split_at(at);
    Some((signed, sig.try_into().ok()?))
}

fn parse_header(bytes: &[u8]) -> Result<(FrameHeader, u8), DecodeError> {
    if bytes.len() > MAX_FRAME_LEN {
        return Err(DecodeError::TooLong);
    }
    let mut r = Reader {
        buf: bytes,
        pos: 0,
        base: 0,
    };
    let [mv] = r.take()?;
    if mv >> 4 != MAGIC {
        return Err(DecodeError::BadMagic(mv));
    }
    if mv & 0x0F != VERSION {
        return Err(DecodeError::UnsupportedVersion(mv & 0x0F));
    }
    let [sender, epoch] = r.take()?;
    let seq = u32::from_be_bytes(r.take()?);
    let time_ms = u32::from_be_bytes(r.take()?);
    let [release, count] = r.take()?;
    if bytes.len() < FRAME_OVERHEAD {
        return Err(DecodeError::Truncated {
            offset: bytes.len(),
        });
    }
    if count == 0 {
        return Err(DecodeError::EmptyFrame);
    }
    let header = FrameHeader {
        sender: NodeAddr(sender),
        epoch,
        seq,
        time_ms,
        release: NationSet::from_bits(release),
    };
    Ok((header, count))
}

/// Bounds-checked reads from a body slice; offsets in errors are frame offsets.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    base: usize,
}

impl Reader<'_> {
    /// The next `N` bytes, or `Truncated` at the field's start.
    pub(crate) fn take<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let truncated = DecodeError::Truncated {
            offset: self.base + self.pos,
        };
        let end = self.pos.checked_add(N).ok_or(truncated)?;
        let bytes = self.buf.get(self.pos..end).ok_or(truncated)?;
        self.pos = end;
        bytes.try_into().map_err(|_| truncated)
    }

    fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }
}
