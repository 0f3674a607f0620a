//! Reading input files with a size limit: a file larger than the limit (or a device such as
//! `/dev/zero` that never ends) is refused with its name and the limit once the limit is
//! passed, never read into memory whole.

use anyhow::{Context, Result, bail};
use std::io::Read;
use std::path::Path;

/// Largest file a run or study wrote that a command reads back whole (`audit`: events.jsonl,
/// truth.csv, tracks.csv; `merge`: partial.json), 16 GiB: a study's partials take about 4 KB
/// per run (1,000,000 runs at most: ≈ 4 GB), and a run's records are warned about above
/// 4 GiB by the run-size check. Beyond it a file (or an endless device) is refused, not read
/// until memory runs out.
pub(crate) const MAX_RECORD_BYTES: usize = 16 << 30;

/// The whole of `path`, refused if it holds more than `limit` bytes (a regular file by its
/// length before anything is read; a device or pipe once `limit` is passed).
pub(crate) fn read_bytes(path: &Path, limit: usize, what: &str) -> Result<Vec<u8>> {
    let shown = path.display();
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {what} {shown}"))?;
    let meta = file
        .metadata()
        .with_context(|| format!("cannot read {what} {shown}"))?;
    if meta.is_file() && meta.len() > limit as u64 {
        bail!("{what} {shown} is larger than the {limit}-byte limit");
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {what} {shown}"))?;
    if bytes.len() > limit {
        bail!("{what} {shown} is larger than the {limit}-byte limit");
    }
    Ok(bytes)
}

/// A file a run or study wrote, read back whole: a regular file (a run directory or partial
/// holds nothing else, and a device such as `/dev/zero` would be read up to the large
/// [`MAX_RECORD_BYTES`] first) of at most `limit` bytes.
pub(crate) fn read_record(path: &Path, limit: usize, what: &str) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read {what} {}", path.display()))?;
    if !meta.is_file() {
        bail!("{what} {} is not a regular file", path.display());
    }
    read_bytes(path, limit, what)
}

/// The whole text of `path`, refused if it holds more than `limit` bytes or is not UTF-8.
pub(crate) fn read_text(path: &Path, limit: usize, what: &str) -> Result<String> {
    let shown = path.display();
    let bytes = read_bytes(path, limit, what)?;
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

    /// Issue 18: files read back by `audit` and `merge` are regular files within the limit; a
    /// device is refused before a byte is read, a regular file by its length.
    #[test]
    fn records_are_regular_files_within_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ok = dir.path().join("partial.json");
        std::fs::write(&ok, "{}").expect("write");
        assert_eq!(read_record(&ok, 2, "partial").expect("fits"), b"{}");
        let err = read_record(&ok, 1, "partial").expect_err("too long");
        assert!(
            err.to_string().ends_with("is larger than the 1-byte limit"),
            "{err}"
        );
        let err = read_record(dir.path(), 100, "partial").expect_err("a directory");
        assert!(err.to_string().ends_with("is not a regular file"), "{err}");
        let zero = Path::new("/dev/zero");
        if !zero.exists() {
            testkit::skip!(testkit::LINUX, "no /dev/zero here");
            return;
        }
        let err = read_record(zero, MAX_RECORD_BYTES, "run file").expect_err("a device");
        assert_eq!(err.to_string(), "run file /dev/zero is not a regular file");
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
