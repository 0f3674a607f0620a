//! The plan of a study (validated inputs per variant, the seed list) and its parallel run.

use super::StudyArgs;
use super::audits::RunAudit;
use super::measures::RunMeasures;
use super::shard::{CellSpec, PartialRun, Shard, StudyKind, StudySpec};
use crate::auditing::AuditRecorder;
use anyhow::{Context, Result, bail};
use base::SimTime;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use scenario::Override;
use std::time::Instant;

/// Most runs per variant or value (`--runs`).
pub(super) const MAX_RUNS: i64 = 100_000;
/// Most worker threads (`--threads`): far beyond any machine's cores, far below what the
/// operating system refuses.
pub(super) const MAX_THREADS: i64 = 1024;
/// Most runs of one study over all variants or values.
const MAX_JOBS: u64 = 1_000_000;

/// One column of a study: a variant of a comparison, a value of a sweep, or the lone MC cell.
#[derive(Clone, Debug)]
pub(super) struct Cell {
    pub(super) name: String,
    pub(super) overrides: Vec<Override>,
}

impl Cell {
    /// Parses the overrides (a malformed one is an error naming it).
    pub(super) fn new(name: &str, overrides: Vec<String>) -> Result<Self> {
        let overrides = overrides
            .iter()
            .map(|o| Override::parse(o))
            .collect::<Result<Vec<_>, _>>()
            .with_context(|| format!("variant {name:?}"))?;
        Ok(Cell {
            name: name.to_owned(),
            overrides,
        })
    }

    pub(super) fn spec(&self) -> CellSpec {
        CellSpec {
            name: self.name.clone(),
            overrides: self.overrides.iter().map(ToString::to_string).collect(),
        }
    }
}

/// Everything a study runs: one validated input per cell and the common seeds.
pub(super) struct Plan {
    /// Scenario name (from the file).
    pub(super) scenario: String,
    pub(super) cells: Vec<Cell>,
    inputs: Vec<sim::Input>,
    /// The scenario text of each cell (overrides applied), for the audit.
    texts: Vec<String>,
    /// Scenario source name, for located audit messages.
    source: String,
    /// Run `i` uses `seeds[i]` in every cell (common random numbers).
    pub(super) seeds: Vec<u64>,
    until: Option<SimTime>,
    pub(super) threads: usize,
    /// `--shard`: run only this share of the runs.
    pub(super) shard: Option<Shard>,
}

/// A study's runs, complete (run here or merged from shards): what its outputs are made of.
pub(super) struct Study {
    pub(super) scenario: String,
    pub(super) cells: Vec<CellSpec>,
    pub(super) seeds: Vec<u64>,
    /// Per cell, in seed order.
    pub(super) runs: Vec<Vec<RunMeasures>>,
    /// With `--audit`: each run's audit, per cell, in seed order (empty otherwise).
    pub(super) audits: Vec<Vec<RunAudit>>,
    /// How many threads ran it and in how many wall seconds (the closing line only; never
    /// written to a file); `None` for a merge.
    pub(super) ran: Option<(usize, f64)>,
}

/// Seed of run `i`: SplitMix64 of the master seed's `i + 1`-th step, so seeds are spread over
/// the whole range and the list for N runs is a prefix of the list for more.
pub(super) fn run_seed(master: u64, i: u64) -> u64 {
    let mut z = master.wrapping_add(i.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Plan {
    /// Reads the scenario, applies `--set` then each cell's overrides, validates each result.
    /// `Ok(None)`: a variant was rejected and its problems were reported (exit status 1).
    pub(super) fn new(args: &StudyArgs, cells: Vec<Cell>) -> Result<Option<Plan>> {
        let until = crate::commands::until_arg(args.until)?;
        let jobs = u64::from(args.runs) * cells.len() as u64;
        if jobs > MAX_JOBS {
            bail!(
                "{} runs x {} variants or values = {jobs} runs; a study may have at most {MAX_JOBS}",
                args.runs,
                cells.len()
            );
        }
        let threads = match args.threads {
            Some(t) => t as usize,
            None => std::thread::available_parallelism().map_or(1, usize::from),
        };
        let base = Cell::new("--set", args.set.clone())?.overrides;
        let crate::commands::Source { name, text } =
            crate::commands::read_source(args.scenario.as_deref())?;
        let mut inputs = Vec::new();
        let mut texts = Vec::new();
        // Variants usually share their warnings: each distinct text is printed once.
        let mut warned = std::collections::BTreeSet::new();
        for cell in &cells {
            let all: Vec<Override> = base.iter().chain(&cell.overrides).cloned().collect();
            let edited = scenario::apply_overrides(&text, &all)
                .with_context(|| format!("variant {:?}", cell.name))?;
            match scenario::load_with_warnings(&name, &edited) {
                Ok(loaded) => {
                    let shown = loaded
                        .warnings
                        .compact(crate::commands::MAX_PROBLEMS_SHOWN as usize);
                    if !loaded.warnings.is_empty() && warned.insert(shown.clone()) {
                        eprintln!("{shown}");
                    }
                    inputs.push(loaded.input);
                    texts.push(edited);
                }
                Err(errors) => {
                    crate::commands::report_problems(&errors);
                    eprintln!(
                        "{name}: rejected with the overrides of {:?}: {}",
                        cell.name,
                        all.iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("; ")
                    );
                    return Ok(None);
                }
            }
        }
        let master = args.seed.unwrap_or(inputs[0].seed);
        Ok(Some(Plan {
            scenario: inputs[0].name.clone(),
            seeds: (0..u64::from(args.runs))
                .map(|i| run_seed(master, i))
                .collect(),
            cells,
            inputs,
            texts,
            source: name,
            until,
            threads,
            shard: args.shard,
        }))
    }

    /// What makes this study's shards one study (see `shard::StudySpec`).
    pub(super) fn spec(&self, kind: StudyKind, audit: bool) -> StudySpec {
        let until = format!("until={:?}", self.until.map(SimTime::as_nanos));
        StudySpec {
            kind,
            scenario: self.scenario.clone(),
            fingerprint: super::shard::fingerprint(
                self.texts
                    .iter()
                    .map(String::as_str)
                    .chain([until.as_str()]),
            ),
            cells: self.cells.iter().map(Cell::spec).collect(),
            seeds: self.seeds.clone(),
            audit,
        }
    }

    /// Runs every (cell, seed) pair of the shard (all of them without `--shard`) on `threads`
    /// workers; results in (cell, run) order.
    pub(super) fn run(&self, args: &StudyArgs) -> Result<(Vec<PartialRun>, f64)> {
        let jobs: Vec<(usize, usize)> = (0..self.cells.len())
            .flat_map(|c| (0..self.seeds.len()).map(move |r| (c, r)))
            .filter(|&(_, r)| self.shard.is_none_or(|s| s.owns(r)))
            .collect();
        let bar = if args.quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new(jobs.len() as u64)
        };
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:40}] {pos}/{len} runs, {left}")
                .expect("static template is valid")
                .with_key(
                    "left",
                    |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let left = crate::eta::uniform_jobs_left(
                            s.elapsed().as_secs_f64(),
                            s.pos(),
                            s.len().unwrap_or(0),
                        );
                        let _ = w.write_str(&crate::eta::format_left(left));
                    },
                )
                .progress_chars("=> "),
        );
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .context("cannot start the worker threads")?;
        let wall = Instant::now();
        // `collect` keeps job order whatever the scheduling: the output is thread-count free.
        let flat: Vec<PartialRun> = pool.install(|| {
            jobs.par_iter()
                .map(|&(c, r)| {
                    let seed = self.seeds[r];
                    let cannot_build = || {
                        format!(
                            "cannot build the world of {:?} at seed {seed}",
                            self.cells[c].name
                        )
                    };
                    let (summary, audited) = if args.audit {
                        let mut rec = AuditRecorder::default();
                        let summary = sim::run(&self.inputs[c], seed, self.until, &mut rec)
                            .with_context(cannot_build)?;
                        let report =
                            rec.audit(&self.source, &self.texts[c]).with_context(|| {
                                format!("auditing {:?} at seed {seed}", self.cells[c].name)
                            })?;
                        (summary, Some(RunAudit::of(&report)?))
                    } else {
                        let summary =
                            sim::run(&self.inputs[c], seed, self.until, &mut sim::NullRecorder)
                                .with_context(cannot_build)?;
                        (summary, None)
                    };
                    bar.inc(1);
                    Ok(PartialRun {
                        cell: c,
                        run: r,
                        measures: RunMeasures::from_summary(&summary)?,
                        audit: audited,
                    })
                })
                .collect::<Result<Vec<_>>>()
        })?;
        bar.finish_and_clear();
        Ok((flat, wall.elapsed().as_secs_f64()))
    }

    /// The complete study from every run of [`run`](Self::run) without a shard.
    pub(super) fn study(&self, runs: Vec<PartialRun>, wall_s: f64) -> Study {
        let per_cell = self.seeds.len();
        let mut runs = runs.into_iter();
        let mut measures = Vec::new();
        let mut audits = Vec::new();
        for _ in &self.cells {
            let (m, a): (Vec<RunMeasures>, Vec<Option<RunAudit>>) = runs
                .by_ref()
                .take(per_cell)
                .map(|r| (r.measures, r.audit))
                .unzip();
            measures.push(m);
            audits.push(a.into_iter().flatten().collect::<Vec<_>>());
        }
        if audits.iter().all(Vec::is_empty) {
            audits.clear();
        }
        Study {
            scenario: self.scenario.clone(),
            cells: self.cells.iter().map(Cell::spec).collect(),
            seeds: self.seeds.clone(),
            runs: measures,
            audits,
            ran: Some((self.threads, wall_s)),
        }
    }
}
