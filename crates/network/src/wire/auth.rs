//! Signing keys: one Ed25519 key per node, derived deterministically from the master seed
//! when the scenario gives none, and the static registry of verifying keys receivers trust.
//!
//! Not here: key distribution, revocation or rotation (a restart changes the frame epoch, not
//! the key).

use super::codec::{SIGNATURE_LEN, encode_unsigned};
use super::{EncodeError, FrameHeader, Message, NodeAddr};
use base::NationIndex;
use base::rng::{StreamKind, stream};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use std::collections::BTreeMap;

/// The 32-byte secret seed of `node`'s key under `master_seed` (stream `NodeKey`, entity
/// `node`): reproducible, and independent of every other stream.
pub fn key_seed(master_seed: u64, node: u8) -> [u8; 32] {
    use rand::Rng as _;
    let mut seed = [0u8; 32];
    stream(master_seed, StreamKind::NodeKey, u64::from(node)).fill_bytes(&mut seed);
    seed
}

/// A node's signing identity: seals frames it sends.
pub struct NodeSigner {
    addr: NodeAddr,
    key: SigningKey,
}

impl NodeSigner {
    /// The signer of `addr` with the Ed25519 secret key `seed`.
    pub fn from_seed(addr: NodeAddr, seed: [u8; 32]) -> Self {
        NodeSigner {
            addr,
            key: SigningKey::from_bytes(&seed),
        }
    }

    /// The node this signer speaks for.
    pub fn addr(&self) -> NodeAddr {
        self.addr
    }

    /// The public key to put in receivers' [`KeyRegistry`].
    pub fn verifying_key_bytes(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    /// Encodes and signs one frame: header, messages, then the signature over both.
    pub fn seal(&self, header: &FrameHeader, messages: &[Message]) -> Result<Vec<u8>, EncodeError> {
        if header.sender != self.addr {
            return Err(EncodeError::SenderMismatch {
                header: header.sender,
                signer: self.addr,
            });
        }
        let mut frame = encode_unsigned(header, messages)?;
        let signature = self.key.sign(&frame).to_bytes();
        debug_assert_eq!(signature.len(), SIGNATURE_LEN);
        frame.extend_from_slice(&signature);
        Ok(frame)
    }
}

impl core::fmt::Debug for NodeSigner {
    // The secret key stays out of logs.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NodeSigner")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// Why a key cannot be registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The bytes are not a valid Ed25519 point.
    #[error("{0}: not a valid Ed25519 public key")]
    Invalid(NodeAddr),
    /// A small-order key: signatures under it prove nothing.
    #[error("{0}: weak (small-order) public key")]
    Weak(NodeAddr),
    /// The node already has a key.
    #[error("{0} already has a key")]
    Duplicate(NodeAddr),
}

/// The verifying keys (and nations) of every node a receiver trusts.
#[derive(Clone, Debug, Default)]
pub struct KeyRegistry {
    keys: BTreeMap<NodeAddr, (VerifyingKey, NationIndex)>,
}

impl KeyRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        KeyRegistry::default()
    }

    /// Trusts `verifying_key` for frames from `addr`, a node of `nation`.
    pub fn insert(
        &mut self,
        addr: NodeAddr,
        verifying_key: [u8; 32],
        nation: NationIndex,
    ) -> Result<(), KeyError> {
        let key = VerifyingKey::from_bytes(&verifying_key).map_err(|_| KeyError::Invalid(addr))?;
        if key.is_weak() {
            return Err(KeyError::Weak(addr));
        }
        if self.keys.contains_key(&addr) {
            return Err(KeyError::Duplicate(addr));
        }
        self.keys.insert(addr, (key, nation));
        Ok(())
    }

    /// The nation of a registered node.
    pub fn nation_of(&self, addr: NodeAddr) -> Option<NationIndex> {
        self.keys.get(&addr).map(|(_, n)| *n)
    }

    pub(crate) fn key_of(&self, addr: NodeAddr) -> Option<&VerifyingKey> {
        self.keys.get(&addr).map(|(k, _)| k)
    }
}
