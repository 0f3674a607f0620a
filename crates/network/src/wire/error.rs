//! Typed encode and decode errors. Every malformed input maps to one [`DecodeError`] whose
//! [`reason`](DecodeError::reason) is a stable counter key.

use super::NodeAddr;

/// Why a frame could not be encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// A value does not fit its wire field (or is not finite).
    #[error("{field} is out of the wire range")]
    OutOfRange {
        /// Which field.
        field: &'static str,
    },
    /// A track or plot message's release set differs from the frame header's.
    #[error("a message's release set differs from the frame's")]
    ReleaseMismatch,
    /// The header names another sender than the signing node.
    #[error("header sender {header} is not the signer {signer}")]
    SenderMismatch {
        /// Sender in the header.
        header: NodeAddr,
        /// The signer's address.
        signer: NodeAddr,
    },
    /// A frame needs at least one message.
    #[error("a frame needs at least one message")]
    Empty,
    /// The frame would exceed [`MAX_FRAME_LEN`](super::MAX_FRAME_LEN) bytes.
    #[error("frame of {len} bytes exceeds the maximum")]
    TooLong {
        /// Length it would have had.
        len: usize,
    },
}

/// Why bytes are not a well-formed frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The input ended (or reached the signature) while a field at `offset` needed more.
    #[error("truncated at byte {offset}")]
    Truncated {
        /// Byte offset in the frame where more input was needed.
        offset: usize,
    },
    /// More than [`MAX_FRAME_LEN`](super::MAX_FRAME_LEN) bytes.
    #[error("longer than the maximum frame")]
    TooLong,
    /// The first byte's high nibble is not the standard's magic.
    #[error("bad magic byte {0:#04x}")]
    BadMagic(u8),
    /// A version this decoder does not speak.
    #[error("unsupported version {0}")]
    UnsupportedVersion(u8),
    /// An unknown message type tag.
    #[error("unknown message type {0:#04x}")]
    UnknownMessageType(u8),
    /// A field holds a value the standard does not define.
    #[error("{field} out of range")]
    FieldOutOfRange {
        /// Which field.
        field: &'static str,
    },
    /// The header's count is zero.
    #[error("frame holds no message")]
    EmptyFrame,
    /// The body ended on a message boundary before `count` messages.
    #[error("fewer messages than the header's count")]
    CountMismatch,
    /// Bytes left over after `count` messages.
    #[error("trailing bytes after the last message")]
    TrailingBytes,
    /// A track or plot message's release set differs from the frame header's.
    #[error("a message's release set differs from the frame's")]
    ReleaseMismatch,
}

impl DecodeError {
    /// Stable snake_case counter key.
    pub fn reason(&self) -> &'static str {
        match self {
            DecodeError::Truncated { .. } => "truncated",
            DecodeError::TooLong => "too_long",
            DecodeError::BadMagic(_) => "bad_magic",
            DecodeError::UnsupportedVersion(_) => "unsupported_version",
            DecodeError::UnknownMessageType(_) => "unknown_message_type",
            DecodeError::FieldOutOfRange { .. } => "field_out_of_range",
            DecodeError::EmptyFrame => "empty_frame",
            DecodeError::CountMismatch => "count_mismatch",
            DecodeError::TrailingBytes => "trailing_bytes",
            DecodeError::ReleaseMismatch => "release_mismatch",
        }
    }

    /// `"malformed_"` + [`reason`](Self::reason), as a static key.
    pub(crate) fn malformed_reason(&self) -> &'static str {
        match self {
            DecodeError::Truncated { .. } => "malformed_truncated",
            DecodeError::TooLong => "malformed_too_long",
            DecodeError::BadMagic(_) => "malformed_bad_magic",
            DecodeError::UnsupportedVersion(_) => "malformed_unsupported_version",
            DecodeError::UnknownMessageType(_) => "malformed_unknown_message_type",
            DecodeError::FieldOutOfRange { .. } => "malformed_field_out_of_range",
            DecodeError::EmptyFrame => "malformed_empty_frame",
            DecodeError::CountMismatch => "malformed_count_mismatch",
            DecodeError::TrailingBytes => "malformed_trailing_bytes",
            DecodeError::ReleaseMismatch => "malformed_release_mismatch",
        }
    }
}
