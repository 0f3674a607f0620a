//! Fuzz target: arbitrary bytes through the wire decoder and a receiver that trusts the
//! corpus keys (nodes 1..=3 from `key_seed(2026, n)`), so inputs derived from the committed
//! corpus (`crates/network/tests/corpus`) get past the signature check.

#![no_main]

use libfuzzer_sys::fuzz_target;
use network::wire::{KeyRegistry, NodeAddr, NodeSigner, Receiver, key_seed};
use network::wire::{decode_unverified, peek_header};
use std::sync::OnceLock;

fn template() -> &'static Receiver {
    static RECEIVER: OnceLock<Receiver> = OnceLock::new();
    RECEIVER.get_or_init(|| {
        let mut registry = KeyRegistry::new();
        for n in 1..=3u8 {
            let key = NodeSigner::from_seed(NodeAddr(n), key_seed(2026, n)).verifying_key_bytes();
            let nation = base::NationIndex::new(usize::from(n) - 1).expect("in roster");
            registry
                .insert(NodeAddr(n), key, nation)
                .expect("valid key");
        }
        Receiver::new(registry)
    })
}

fuzz_target!(|data: &[u8]| {
    let decoded = decode_unverified(data);
    let _ = peek_header(data);
    let mut rx = template().clone();
    let opened = rx.open(data);
    if let Ok(frame) = &opened {
        assert_eq!(
            Ok(frame),
            decoded.as_ref(),
            "an accepted frame decodes the same unverified"
        );
    }
    assert_eq!(rx.accepted() + rx.rejected(), 1, "every frame counted once");
});
