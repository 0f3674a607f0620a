//! Reference tests against third-party decodes of real recordings (GPL data read from
//! `../shared/data/asterix` beside the repository, or `$KIZUNA_SHARED/data/asterix`; skipped
//! through `testkit::skip!` when absent, failing when CI says it provides them). Nothing of
//! that data is copied here.

mod croatiacontrol;
mod jade;

use std::path::PathBuf;

/// `../shared/data/asterix`, if present.
pub(crate) fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("KIZUNA_SHARED") {
        Some(s) => PathBuf::from(s).join("data/asterix"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/asterix"),
    };
    dir.join("SOURCES.md").exists().then_some(dir)
}

/// Skips the calling test when the shared data is absent.
#[macro_export]
macro_rules! shared_or_skip {
    () => {
        match $crate::data_dir() {
            Some(d) => d,
            None => {
                testkit::skip!(
                    testkit::SHARED,
                    "the ASTERIX recordings are not in ../shared/data/asterix (nor $KIZUNA_SHARED/data/asterix)"
                );
                return;
            }
        }
    };
}
