//! Studies split over machines: `--shard K/N` runs only its share of a study's runs and writes
//! a *partial study* (`partial.json`); `kizuna merge PARTIAL... --out DIR` checks that the
//! partials are the shards of one study, together exactly once, and writes the files the
//! unsharded study writes, byte for byte. A cluster scheduler (a Slurm job array, a Kubernetes
//! Indexed Job) starts the N shards; nothing here schedules.
//!
//! Shard K of N takes runs r with `r mod N = K − 1` (interleaved, so shards of a study whose
//! late seeds are slower still take equal shares) in every cell. Measures are stored as JSON
//! numbers, which `serde_json` (with `float_roundtrip`) reads back to the same bits.

use super::audits::RunAudit;
use super::measures::RunMeasures;
use anyhow::{Context, Result, bail, ensure};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// File a sharded study writes into its `--out`.
pub(crate) const PARTIAL_FILE: &str = "partial.json";
/// Format tag of a partial study.
const FORMAT: &str = "kizuna-partial-study/1";
/// Most shards of one study (as many as runs could ever be).
const MAX_SHARDS: u32 = 100_000;

/// `--shard K/N`: shard K (1-based) of N.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Shard {
    /// K, 1 ..= N.
    pub(crate) index: u32,
    /// N.
    pub(crate) count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad =
            || format!("--shard {s:?}: expected K/N with 1 <= K <= N <= {MAX_SHARDS}, e.g. 3/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count || count > MAX_SHARDS {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether run `r` (0-based, within a cell) is this shard's.
    pub(crate) fn owns(self, r: usize) -> bool {
        r % self.count as usize == (self.index - 1) as usize
    }
}

/// What kind of study, with what its outputs need beyond the runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub(crate) enum StudyKind {
    Mc,
    Compare { ladder: bool },
    Sweep { param: String, values: Vec<String> },
}

/// A cell as written in a partial: its name and overrides as given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct CellSpec {
    pub(crate) name: String,
    pub(crate) overrides: Vec<String>,
}

/// Everything that makes two shards parts of the same study.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct StudySpec {
    pub(crate) kind: StudyKind,
    pub(crate) scenario: String,
    /// FNV-1a 64 of every cell's scenario text (overrides applied) and the run limit: shards
    /// of a study run on an edited file, or with another `--until`, do not merge.
    pub(crate) fingerprint: String,
    pub(crate) cells: Vec<CellSpec>,
    pub(crate) seeds: Vec<u64>,
    pub(crate) audit: bool,
}

/// One run of a shard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct PartialRun {
    pub(crate) cell: usize,
    pub(crate) run: usize,
    pub(crate) measures: RunMeasures,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) audit: Option<RunAudit>,
}

/// A partial study: `partial.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Partial {
    pub(crate) format: String,
    pub(crate) study: StudySpec,
    pub(crate) shard: Shard,
    pub(crate) runs: Vec<PartialRun>,
}

impl Partial {
    pub(crate) fn new(study: StudySpec, shard: Shard, runs: Vec<PartialRun>) -> Self {
        Partial {
            format: FORMAT.to_owned(),
            study,
            shard,
            runs,
        }
    }

    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(PARTIAL_FILE);
        let mut text = serde_json::to_string(self)?;
        text.push('\n');
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Reads a partial from a file or from the `partial.json` of a directory.
    pub(crate) fn read(path: &Path) -> Result<Self> {
        let file = if path.is_dir() {
            path.join(PARTIAL_FILE)
        } else {
            path.to_path_buf()
        };
        let bytes =
            crate::input::read_record(&file, crate::input::MAX_RECORD_BYTES, "partial study")?;
        let text = String::from_utf8(bytes)
            .with_context(|| format!("{}: not a partial study (not UTF-8)", file.display()))?;
        let partial: Partial = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a partial study", file.display()))?;
        ensure!(
            partial.format == FORMAT,
            "{}: format {:?}, this kizuna reads {FORMAT:?}",
            file.display(),
            partial.format
        );
        Ok(partial)
    }
}

/// FNV-1a 64 over the parts, each followed by a 0xFF separator (not a valid UTF-8 byte).
pub(crate) fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xFF]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The merged runs of a study: per cell, in seed order, with their audits when audited.
pub(crate) struct Merged {
    pub(crate) study: StudySpec,
    pub(crate) runs: Vec<Vec<RunMeasures>>,
    pub(crate) audits: Vec<Vec<RunAudit>>,
}

/// Checks that `partials` are the N shards of one study, each once, and that together they
/// hold every run exactly once; gathers the runs in study order.
pub(crate) fn merge(partials: Vec<(String, Partial)>) -> Result<Merged> {
    let Some((first_name, first)) = partials.first() else {
        bail!("no partial studies to merge");
    };
    let study = first.study.clone();
    let count = first.shard.count;
    let mut seen = vec![None::<&str>; count as usize];
    for (name, p) in &partials {
        ensure!(
            p.study == study,
            "{name} is a shard of another study than {first_name} (scenario, variants, seeds, \
             --until or --audit differ)"
        );
        ensure!(
            p.shard.count == count,
            "{name} is shard {}/{} but {first_name} is one of {count}",
            p.shard.index,
            p.shard.count
        );
        let slot = &mut seen[(p.shard.index - 1) as usize];
        if let Some(other) = slot {
            bail!(
                "shard {}/{count} given twice: {other} and {name}",
                p.shard.index
            );
        }
        *slot = Some(name);
    }
    let missing: Vec<String> = seen
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_none())
        .map(|(i, _)| format!("{}/{count}", i + 1))
        .collect();
    ensure!(missing.is_empty(), "shards missing: {}", missing.join(", "));
    let (cells, n) = (study.cells.len(), study.seeds.len());
    let mut slots: Vec<Vec<Option<PartialRun>>> = vec![vec![None; n]; cells];
    for (name, p) in partials {
        for run in p.runs {
            ensure!(
                run.cell < cells && run.run < n && p.shard.owns(run.run),
                "{name}: run {} of cell {} is not shard {}/{count}'s",
                run.run,
                run.cell,
                p.shard.index
            );
            ensure!(
                run.audit.is_some() == study.audit,
                "{name}: run {} of cell {} {} an audit",
                run.run,
                run.cell,
                if study.audit { "lacks" } else { "has" }
            );
            let slot = &mut slots[run.cell][run.run];
            ensure!(
                slot.is_none(),
                "{name}: run {} of cell {} twice",
                run.run,
                run.cell
            );
            *slot = Some(run);
        }
    }
    let mut runs = Vec::with_capacity(cells);
    let mut audits = Vec::with_capacity(cells);
    for (c, cell) in slots.into_iter().enumerate() {
        let mut measures = Vec::with_capacity(n);
        let mut audited = Vec::new();
        for (r, slot) in cell.into_iter().enumerate() {
            let Some(run) = slot else {
                bail!(
                    "run {r} of {:?} is in no shard (a shard was cut short?)",
                    study.cells[c].name
                );
            };
            measures.push(run.measures);
            audited.extend(run.audit);
        }
        runs.push(measures);
        audits.push(audited);
    }
    if !study.audit {
        audits.clear();
    }
    Ok(Merged {
        study,
        runs,
        audits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shards_of_a_study_take_every_run_exactly_once() {
        for n in [1u32, 2, 3, 7, 40] {
            for r in 0..100 {
                let owners = (1..=n)
                    .filter(|&k| Shard { index: k, count: n }.owns(r))
                    .count();
                assert_eq!(owners, 1, "run {r} of {n} shards");
            }
        }
        let s: Shard = " 3 / 8".trim().replace(' ', "").parse().expect("valid");
        assert_eq!(s, Shard { index: 3, count: 8 });
        for bad in ["0/1", "2/1", "1/0", "1/100001", "-1/3", "1/3/5", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_fingerprint_tells_parts_apart_where_concatenation_would_not() {
        assert_eq!(fingerprint(["a", "b"]), fingerprint(["a", "b"]));
        assert_ne!(fingerprint(["ab", ""]), fingerprint(["a", "b"]));
        assert_ne!(fingerprint(["a"]), fingerprint(["a", ""]));
    }
}
