//! Fuzz target: arbitrary text through the scenario loader (TOML → checked tree → input, the
//! run-size estimate) and every rendering of its problems. Never a panic; every rejection
//! carries at least one problem.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match scenario::load_with_warnings("fuzz.toml", text) {
        Ok(loaded) => {
            let _ = loaded.warnings.compact(50);
        }
        Err(errors) => {
            assert!(!errors.problems().is_empty(), "a rejection without problems");
            let _ = errors.compact(50);
            let _ = errors.to_json(50);
            let _ = errors.to_string();
        }
    }
});
