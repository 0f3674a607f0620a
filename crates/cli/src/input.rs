//! Reading input files with a size limit: a file larger than the limit (or a device such as
//! `/dev/zero` that never ends) is refused with its name and the limit once the limit is
//! passed, never read into memory whole.

use anyhow::{Context, Result, bail};
use std::io::Read;
use std::path::Path;

/// The whole text of `path`, refused if it holds more than `limit` bytes or is not UTF-8.
pub(crate) fn read_text(path: &Path, limit: usize, what: &str) -> Result<String> {
    let shown = path.display();
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {what} {shown}"))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {what} {shown}"))?;
    if bytes.len() > limit {
        bail!("{what} {shown} is larger than the {limit}-byte limit");
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        anyhow::anyhow!("{what} {shown} is not UTF-8 text (invalid byte at offset {at})")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_device_is_refused_at_the_limit() {
        let zero = Path::new("/dev/zero");
        if !zero.exists() {
            testkit::skip!(testkit::LINUX, "no /dev/zero here");
            return;
        }
        let err = read_text(zero, 1 << 16, "scenario file").expect_err("refused");
        assert_eq!(
            err.to_string(),
            "scenario file /dev/zero is larger than the 65536-byte limit"
        );
    }

    #[test]
    fn text_within_the_limit_is_read_and_binary_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ok = dir.path().join("ok.txt");
        std::fs::write(&ok, "abc").expect("write");
        assert_eq!(read_text(&ok, 3, "file").expect("fits"), "abc");
        assert!(read_text(&ok, 2, "file").is_err(), "one byte over");
        let bin = dir.path().join("bin");
        std::fs::write(&bin, [b'a', 0xff, b'b']).expect("write");
        let err = read_text(&bin, 100, "file").expect_err("not UTF-8");
        assert!(err.to_string().contains("offset 1"), "{err}");
    }
}
