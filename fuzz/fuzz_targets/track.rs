//! Fuzz target: the `kizuna track` reader. The input is a measurement file, then optionally a
//! line `---` and a truth file; the truth is read only when the measurements are valid (as
//! the command does). Never a panic, never memory sized from a declared count.

#![no_main]

use cli::bench_io::{parse_measurements, parse_truth};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (measurements, truth) = text.split_once("\n---\n").unwrap_or((text, ""));
    if let Ok((header, frames)) = parse_measurements("m.jsonl", measurements) {
        assert_eq!(frames.len() as u64, header.n_frames, "declared = present");
        let _ = parse_truth("t.jsonl", truth, &header, &frames);
    }
});
