//! Fuzz target: the ASTERIX decoder on any bytes, in every container. Never a panic; records,
//! errors and their offsets stay within the input.

#![no_main]

use asterix::{Container, container};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let detected = asterix::decode_file(data);
    assert!(detected.records.len() <= data.len());
    for c in [Container::Raw, Container::Pcap, Container::Final] {
        let d = asterix::decode_unpacked(container::unpack(data, c));
        assert!(d.records.len() <= data.len());
        for e in &d.errors {
            assert!(e.location.offset <= data.len() as u64, "{e}");
        }
        for r in &d.records {
            assert!(r.offset < data.len() as u64 && r.block_offset <= r.offset);
            let _ = r.time_of_day_s();
        }
    }
});
