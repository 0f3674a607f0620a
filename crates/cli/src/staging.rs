//! Atomic, locked output directories.
//!
//! A command that writes `--out DIR` writes into a temporary directory beside it
//! (`.DIR.partial-<pid>`), holding a lock file (`.DIR.lock`, created exclusively, holding the
//! pid) so two runs cannot write the same directory. Only when every file is written (the
//! summary last, then the completion marker [`COMPLETE_MARKER`]) and synced is the temporary
//! directory renamed to `DIR`. A failure, an error or a panic leaves `DIR` as it was and
//! removes the temporary directory. An existing non-empty `DIR` is refused unless `--force`,
//! which replaces it whole (never mixes two runs' files).
//!
//! A lock or temporary directory left by a killed process is recognised by its pid (on Linux,
//! through `/proc`) and cleared; elsewhere the message says which file to delete.

use anyhow::{Context, Result, bail};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Written last into a completed output directory: its presence says every other file is
/// whole.
pub(crate) const COMPLETE_MARKER: &str = "COMPLETE";

/// An output directory being written. Dropped without [`commit`](Self::commit): the
/// temporary directory is removed and the destination left untouched.
#[derive(Debug)]
pub(crate) struct Staged {
    dest: PathBuf,
    tmp: PathBuf,
    lock: PathBuf,
    force: bool,
    done: bool,
}

fn sibling(dest: &Path, suffix: &str) -> Result<PathBuf> {
    let name = dest
        .file_name()
        .with_context(|| format!("output directory {} has no name", dest.display()))?;
    let mut s = std::ffi::OsString::from(".");
    s.push(name);
    s.push(suffix);
    Ok(dest.with_file_name(s))
}

/// Writes one output file whole or not at all: the bytes go to a hidden sibling, which is then
/// renamed over `dest` (a rename within a directory is atomic), so an interrupted write never
/// leaves a truncated file where a reader expects a complete one.
pub(crate) fn write_file_atomically(dest: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = sibling(dest, &format!(".partial-{}", std::process::id()))?;
    let written = std::fs::write(&tmp, bytes)
        .with_context(|| format!("cannot write {}", tmp.display()))
        .and_then(|()| {
            std::fs::rename(&tmp, dest).with_context(|| format!("cannot write {}", dest.display()))
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Whether process `pid` is known to be gone (only decidable where `/proc` exists).
fn process_gone(pid: u32) -> bool {
    Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
}

impl Staged {
    /// Locks `dest` and creates the temporary directory. Refuses an existing non-empty
    /// `dest` unless `force`.
    pub(crate) fn begin(dest: &Path, force: bool) -> Result<Staged> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let lock = sibling(dest, ".lock")?;
        acquire(&lock, dest)?;
        // From here on, dropping `staged` releases the lock.
        let pid = std::process::id();
        let mut staged = Staged {
            dest: dest.to_owned(),
            tmp: sibling(dest, &format!(".partial-{pid}"))?,
            lock,
            force,
            done: false,
        };
        staged.check_dest()?;
        clear_stale_partials(dest);
        if staged.tmp.exists() {
            std::fs::remove_dir_all(&staged.tmp)
                .with_context(|| format!("cannot remove {}", staged.tmp.display()))?;
        }
        std::fs::create_dir(&staged.tmp)
            .with_context(|| format!("cannot create {}", staged.tmp.display()))?;
        Ok(staged)
    }

    fn check_dest(&mut self) -> Result<()> {
        let d = &self.dest;
        match std::fs::symlink_metadata(d) {
            Err(_) => Ok(()),
            Ok(m) if !m.is_dir() => bail!(
                "--out {} exists and is not a directory; choose another --out",
                d.display()
            ),
            Ok(_) => {
                let mut entries =
                    std::fs::read_dir(d).with_context(|| format!("cannot read {}", d.display()))?;
                if entries.next().is_none() {
                    return Ok(());
                }
                if !self.force {
                    bail!(
                        "--out {} already exists and is not empty; use --force to replace it \
                         whole, or choose another --out",
                        d.display()
                    );
                }
                // `--force` replaces an earlier output, never an arbitrary directory (`--out .`).
                if !d.join(COMPLETE_MARKER).is_file() {
                    bail!(
                        "--out {} is not empty and holds no {COMPLETE_MARKER} marker of a kizuna \
                         output: not replacing it even with --force; remove it yourself or \
                         choose another --out",
                        d.display()
                    );
                }
                Ok(())
            }
        }
    }

    /// Where the files go while the command runs.
    pub(crate) fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Writes the completion marker, syncs every file and renames the temporary directory
    /// into place (replacing the old one if `force`).
    pub(crate) fn commit(mut self) -> Result<PathBuf> {
        let mut names: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(&self.tmp)
            .with_context(|| format!("cannot read {}", self.tmp.display()))?
        {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                std::fs::File::open(entry.path())
                    .and_then(|f| f.sync_all())
                    .with_context(|| format!("cannot sync {}", entry.path().display()))?;
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        names.sort();
        let marker = self.tmp.join(COMPLETE_MARKER);
        let mut f = std::fs::File::create(&marker)
            .with_context(|| format!("cannot create {}", marker.display()))?;
        writeln!(f, "kizuna {}: complete", env!("CARGO_PKG_VERSION"))?;
        for n in &names {
            writeln!(f, "{n}")?;
        }
        f.sync_all()
            .with_context(|| format!("cannot write {}", marker.display()))?;
        // Re-check under the lock: the destination may have appeared since `begin`.
        self.check_dest()?;
        if self.dest.exists() {
            let old = sibling(&self.dest, &format!(".old-{}", std::process::id()))?;
            std::fs::rename(&self.dest, &old)
                .with_context(|| format!("cannot move {} aside", self.dest.display()))?;
            if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
                // Put the previous outputs back before reporting.
                let _ = std::fs::rename(&old, &self.dest);
                return Err(e).with_context(|| format!("cannot create {}", self.dest.display()));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&self.tmp, &self.dest)
                .with_context(|| format!("cannot create {}", self.dest.display()))?;
        }
        self.done = true;
        Ok(self.dest.clone())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
        let _ = std::fs::remove_file(&self.lock);
    }
}

/// Creates `lock` exclusively, holding our pid; clears one left by a dead process.
fn acquire(lock: &Path, dest: &Path) -> Result<()> {
    for _ in 0..2 {
        match OpenOptions::new().write(true).create_new(true).open(lock) {
            Ok(mut f) => {
                writeln!(f, "{}", std::process::id())
                    .with_context(|| format!("cannot write {}", lock.display()))?;
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = std::fs::read_to_string(lock)
                    .ok()
                    .and_then(|s| s.trim().parse::<u32>().ok());
                match holder {
                    Some(pid) if process_gone(pid) => {
                        let _ = std::fs::remove_file(lock);
                    }
                    _ => bail!(
                        "another kizuna process{} is writing {} (lock file {}; delete it if no \
                         such process is running)",
                        holder.map(|p| format!(" (pid {p})")).unwrap_or_default(),
                        dest.display(),
                        lock.display()
                    ),
                }
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot create lock {}", lock.display()));
            }
        }
    }
    bail!("cannot take the lock {}", lock.display())
}

/// Removes `.DIR.partial-<pid>` directories of processes that are gone.
fn clear_stale_partials(dest: &Path) {
    let (Some(parent), Some(name)) = (dest.parent(), dest.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.partial-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        if pid.parse::<u32>().is_ok_and(process_gone) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).expect("write");
    }

    #[test]
    fn a_file_is_written_whole_and_leaves_no_partial() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("instance.txt");
        write_file_atomically(&out, b"first").expect("writes");
        write_file_atomically(&out, b"second").expect("replaces");
        assert_eq!(std::fs::read(&out).expect("reads"), b"second");
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .expect("lists")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["instance.txt"], "no temporary file left");
        // A destination that cannot be written (a directory) fails and leaves nothing behind.
        let dir = tmp.path().join("sub");
        std::fs::create_dir(&dir).expect("mkdir");
        assert!(write_file_atomically(&dir, b"x").is_err());
        assert_eq!(std::fs::read_dir(tmp.path()).expect("lists").count(), 2);
    }

    #[test]
    fn commit_renames_into_place_with_the_marker_last() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        let s = Staged::begin(&out, false).expect("begins");
        assert!(!out.exists(), "nothing at --out while running");
        write(s.dir(), "summary.json", "{}");
        s.commit().expect("commits");
        let marker = std::fs::read_to_string(out.join(COMPLETE_MARKER)).expect("marker");
        assert!(marker.ends_with("summary.json\n"), "{marker}");
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left, ["out"], "no lock or temporary directory left");
    }

    #[test]
    fn a_failure_leaves_the_previous_outputs_untouched() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        let s = Staged::begin(&out, false).expect("begins");
        write(s.dir(), "summary.json", "first");
        s.commit().expect("commits");
        let s = Staged::begin(&out, true).expect("forced");
        write(s.dir(), "summary.json", "second, never finished");
        drop(s);
        assert_eq!(
            std::fs::read_to_string(out.join("summary.json")).expect("kept"),
            "first"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).expect("list").count(), 1);
    }

    #[test]
    fn a_non_empty_out_is_refused_unless_forced_and_force_replaces_it_whole() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        write(&out, "report.html", "old run");
        let err = Staged::begin(&out, false).expect_err("refused");
        assert!(err.to_string().contains("use --force"), "{err}");
        let err = Staged::begin(&out, true).expect_err("not an output of ours");
        assert!(
            err.to_string()
                .contains("not replacing it even with --force"),
            "{err}"
        );
        write(&out, COMPLETE_MARKER, "kizuna: complete\n");
        let s = Staged::begin(&out, true).expect("forced");
        write(s.dir(), "summary.json", "new");
        s.commit().expect("commits");
        assert!(
            !out.join("report.html").exists(),
            "nothing of the old run is left"
        );
        assert!(out.join("summary.json").exists());
    }

    #[test]
    fn a_second_writer_is_locked_out() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        let first = Staged::begin(&out, false).expect("begins");
        let err = Staged::begin(&out, false).expect_err("locked");
        assert!(err.to_string().contains("is writing"), "{err}");
        drop(first);
        Staged::begin(&out, false).expect("free again");
    }

    #[test]
    fn a_lock_of_a_dead_process_is_cleared() {
        if !Path::new("/proc/self").exists() {
            testkit::skip!(testkit::LINUX, "no /proc here");
            return;
        }
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        // Pids wrap far below u32::MAX on Linux: this one is never alive.
        std::fs::write(tmp.path().join(".out.lock"), "4294967295\n").expect("write");
        std::fs::create_dir(tmp.path().join(".out.partial-4294967295")).expect("mkdir");
        let s = Staged::begin(&out, false).expect("stale lock cleared");
        assert!(!tmp.path().join(".out.partial-4294967295").exists());
        drop(s);
    }
}
