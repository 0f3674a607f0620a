//! `kizuna mc | compare | sweep`: studies over many seeded runs of one scenario.
//!
//! - `mc`: N independent runs; per measure the mean, sample standard deviation and 95 %
//!   Student-t confidence interval of the mean.
//! - `compare`: the same N seeds under each variant (common random numbers: truth and sensor
//!   noise streams are keyed by entity, so a seed gives the same truth and noise in every
//!   variant); paired differences against the first variant (the baseline) with 95 % intervals,
//!   flagged significant when the interval excludes zero. With `--ladder` (or no `--variant`)
//!   the variants are the built-in ladder and each rung is also differenced against the rung
//!   below it (`ladder` in `study.json`): what each step of integration buys.
//! - `sweep`: the same N seeds at each value of one parameter; a curve per measure.
//!
//! The built-in variants ([`variants::LADDER`]) are a ladder of integration, each one step
//! above the one before:
//! - `standalone`: every fire unit on its own sensors (`c2.remote_use="autonomous"`: it plans
//!   only on tracks its own fire-control sensors contribute to; a battery without a radar
//!   fires nothing). The rest is `national`'s: `release=national`, track sharing inside each
//!   nation, so identification still comes from the nation's authority and a fused track the
//!   unit's radar contributes to is its own data. Step to `national`: remote engagement.
//! - `national`: each nation integrated internally: `release=national` (every `[[sensor]]`
//!   and `[[node]]` releases to its own nation only), `network.sharing="track"`, engagement on
//!   remote data of the unit's own nation (`c2.remote_use="engage_on_remote"`,
//!   `c2.remote_from="own_nation"`).
//! - `allied-picture` (formerly `networked`): as `national` without `release=national`: the
//!   allies' tracks are in every picture, a unit engages on its own nation's data only.
//! - `allied-lor`: as `allied-picture` (engagement on own-nation data), plus launch-on-remote
//!   on allies' data (`c2.launch_on_remote_from="allies"`): a unit may launch on an ally's
//!   releasable track, the intercept planned inside its own fire-control radars' range, and
//!   the round is guided only once its own radar (or its own nation's data) holds the threat.
//!   A battery without a radar still engages on its own nation's data, as from `national` up.
//! - `allied-eor` (formerly `networked+eor`): engagement on remote data from allies
//!   (`c2.remote_use="engage_on_remote"`, `c2.remote_from="allies"`).
//! - `composite`: `allied-eor` with measurement-level sharing (`network.sharing="measurement"`,
//!   CEC-like composite tracks at every node) instead of track-level.
//!
//! The remote-data overrides set the `[c2]` doctrine, which binds every fire unit that does
//! not set its own `remote_use`/`remote_from`/`launch_on_remote_from`. A variant keeps the name it was given, so the
//! former names still read as before in tables and files.
//!
//! Overrides (`scenario::apply_overrides`) edit the scenario text before validation, so a bad
//! value is reported with file:line:col like the file's own. Run `i` of a study uses the seed
//! SplitMix64(master, i) ([`runs::run_seed`]); runs execute in a rayon pool and are gathered in
//! run order, so every output is identical for any `--threads`.
//!
//! Outputs (in `--out`): `runs.csv` (one row per run: variant or value, run, seed, then every
//! measure, sorted; an empty cell is a null) and `study.json` (`report::study` types), with
//! the planned-Pk calibration tables of the runs pooled per variant or value
//! (`sim::calibration::pool`).

mod audits;
mod measures;
mod output;
mod runs;
mod shard;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_ladder;
mod variants;

use crate::staging::Staged;
use anyhow::{Context, Result, bail};
use measures::MeasureTable;
use report::study::{CompareStudy, Ladder, LadderStep, McStudy, SweepStudy, Variant};
use runs::{Cell, Plan, Study};
use shard::StudyKind;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options shared by the three study commands.
#[derive(Debug, clap::Args)]
pub(crate) struct StudyArgs {
    /// Scenario file, or the name of a built-in scenario (default: the built-in default).
    scenario: Option<String>,
    /// Runs (seeds) per variant or value (1 to 100000; confidence intervals need 2).
    #[arg(long, default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=runs::MAX_RUNS))]
    runs: u32,
    /// Worker threads, 1 to 1024 (default: the available cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=runs::MAX_THREADS))]
    threads: Option<u32>,
    /// Master seed from which each run's seed is derived (default: the scenario's seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Stop each run after this many simulated seconds.
    #[arg(long, value_name = "SECONDS")]
    until: Option<f64>,
    /// Output directory (default: out/mc, out/compare or out/sweep).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace an existing non-empty output directory of an earlier study (whole).
    #[arg(long)]
    force: bool,
    /// Override applied to every run before anything else, e.g. `link[*].loss=0.05`
    /// (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// No progress bar and no table.
    #[arg(long, short)]
    quiet: bool,
    /// Audit every run as `kizuna audit` would (in memory, no run files written): audit.json
    /// in --out, exit status 1 if any run has a violation.
    #[arg(long)]
    audit: bool,
    /// Run only shard K of N (runs K−1, K−1+N, … of every variant or value) and write a
    /// partial study (partial.json) for `kizuna merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<shard::Shard>,
}

/// Arguments of `kizuna mc`.
#[derive(Debug, clap::Args)]
pub(crate) struct McArgs {
    #[command(flatten)]
    common: StudyArgs,
}

/// Arguments of `kizuna compare`.
#[derive(Debug, clap::Args)]
pub(crate) struct CompareArgs {
    #[command(flatten)]
    common: StudyArgs,
    /// A variant: a built-in name (standalone, national, allied-picture, allied-lor,
    /// allied-eor, composite; formerly networked = allied-picture, networked+eor = allied-eor)
    /// or NAME=PATH=VALUE[;PATH=VALUE...] (an item may also be a built-in name to start from;
    /// NAME is printable text of at most 100 characters). Repeatable; the first is the
    /// baseline. Default: the ladder (as --ladder).
    #[arg(long = "variant", value_name = "VARIANT")]
    variants: Vec<String>,
    /// Run the built-in ladder in order (standalone first) and difference every rung against
    /// the one below it as well as against the baseline. Takes no --variant.
    #[arg(long)]
    ladder: bool,
}

/// Arguments of `kizuna sweep`.
#[derive(Debug, clap::Args)]
pub(crate) struct SweepArgs {
    #[command(flatten)]
    common: StudyArgs,
    /// The swept parameter and its values: PATH=v1,v2,... (e.g. `link[*].latency_ms=50,500`).
    #[arg(long, value_name = "PATH=VALUES")]
    param: String,
}

/// Arguments of `kizuna merge`.
#[derive(Debug, clap::Args)]
pub(crate) struct MergeArgs {
    /// The shards' partial studies: their `--out` directories or `partial.json` files.
    #[arg(required = true)]
    partials: Vec<PathBuf>,
    /// Output directory.
    #[arg(long, default_value = "out/study")]
    out: PathBuf,
    /// Replace an existing non-empty output directory of an earlier study (whole).
    #[arg(long)]
    force: bool,
    /// No table.
    #[arg(long, short)]
    quiet: bool,
}

/// Help text of `kizuna compare`: the built-in variants.
pub(crate) const COMPARE_HELP: &str =
    "Built-in variants, the ladder of integration (each one step above the one before):
  standalone      every fire unit on its own sensors only (c2.remote_use=\"autonomous\"),
                  otherwise as national
  national        every sensor and node releases to its own nation only (release=national),
                  network.sharing=\"track\", engage on own-nation remote data
  allied-picture  as national, tracks shared across nations (formerly: networked)
  allied-lor      as allied-picture, and launch on allies' data, own radar guides
                  (c2.launch_on_remote_from=\"allies\")
  allied-eor      engage on remote data from allies (formerly: networked+eor)
  composite       allied-eor with network.sharing=\"measurement\"
  (own-nation: c2.remote_use=\"engage_on_remote\", c2.remote_from=\"own_nation\"; allies:
  c2.remote_from=\"allies\"; they bind the fire units that set no remote_use/remote_from/
  launch_on_remote_from)

Examples:
  kizuna compare --ladder --runs 8              the ladder: each rung against the one below
  kizuna compare two-nation-salvo --variant national --variant allied-eor
  kizuna compare --variant allied-picture --variant 'slow=allied-picture;link[*].latency_ms=2000'";

/// `kizuna mc`.
pub(crate) fn mc(args: &McArgs) -> Result<ExitCode> {
    let cells = vec![Cell::new("mc", Vec::new())?];
    execute(&args.common, cells, StudyKind::Mc, "out/mc")
}

/// `kizuna compare`.
pub(crate) fn compare(args: &CompareArgs) -> Result<ExitCode> {
    if args.ladder && !args.variants.is_empty() {
        bail!(
            "--ladder runs the built-in ladder ({}) and takes no --variant; compare your own \
             variants with --variant alone",
            variants::names()
        );
    }
    let ladder = args.ladder || args.variants.is_empty();
    let cells = variants::parse_all(&args.variants)?;
    execute(
        &args.common,
        cells,
        StudyKind::Compare { ladder },
        "out/compare",
    )
}

/// `kizuna sweep`.
pub(crate) fn sweep(args: &SweepArgs) -> Result<ExitCode> {
    let (path, values) = args
        .param
        .split_once('=')
        .context("--param must be PATH=v1,v2,...")?;
    let values = variants::split_values(values);
    if values.is_empty() {
        bail!("--param {path}: no values");
    }
    let cells = values
        .iter()
        .map(|v| Cell::new(v, vec![format!("{path}={v}")]))
        .collect::<Result<Vec<_>>>()?;
    let kind = StudyKind::Sweep {
        param: path.to_owned(),
        values,
    };
    execute(&args.common, cells, kind, "out/sweep")
}

/// `kizuna merge`: the shards of one study into the files the unsharded study writes.
pub(crate) fn merge(args: &MergeArgs) -> Result<ExitCode> {
    let partials = args
        .partials
        .iter()
        .map(|p| Ok((p.display().to_string(), shard::Partial::read(p)?)))
        .collect::<Result<Vec<_>>>()?;
    let merged = shard::merge(partials)?;
    let staged = Staged::begin(&args.out, args.force)?;
    let study = Study {
        scenario: merged.study.scenario.clone(),
        cells: merged.study.cells.clone(),
        seeds: merged.study.seeds.clone(),
        runs: merged.runs,
        audits: merged.audits,
        ran: None,
    };
    finish(&merged.study.kind, &study, staged, args.quiet)
}

/// Plans and runs a study, then writes its files, or with `--shard` its partial study.
fn execute(a: &StudyArgs, cells: Vec<Cell>, kind: StudyKind, default: &str) -> Result<ExitCode> {
    let Some(plan) = Plan::new(a, cells)? else {
        return Ok(ExitCode::from(1));
    };
    let staged = output::prepare(a, default)?;
    let (runs, wall_s) = plan.run(a)?;
    if let Some(shard) = plan.shard {
        let partial = shard::Partial::new(plan.spec(kind, a.audit), shard, runs);
        partial.write(staged.dir())?;
        let dir = staged.commit()?;
        println!(
            "shard {}/{}: {} in {wall_s:.1} s; partial study written to {} (combine the shards \
             with `kizuna merge`)",
            shard.index,
            shard.count,
            crate::output::count(partial.runs.len() as u64, "run"),
            dir.join(shard::PARTIAL_FILE).display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    finish(&kind, &plan.study(runs, wall_s), staged, a.quiet)
}

/// Writes a complete study's files (`runs.csv`, `report.html`, `study.json`, `audit.json`)
/// and prints its table.
fn finish(kind: &StudyKind, plan: &Study, staged: Staged, quiet: bool) -> Result<ExitCode> {
    let table = MeasureTable::new(&plan.runs);
    let dir = staged.dir();
    match kind {
        StudyKind::Mc => {
            let study = McStudy {
                scenario: plan.scenario.clone(),
                seeds: plan.seeds.clone(),
                measures: table.stats(0),
                calibration: table.calibration(0),
                attribution: table.funnels(0),
            };
            output::write_runs(dir, None, plan, &table)?;
            output::write_report(dir, &report::mc_html(&study))?;
            output::write_json(dir, &study)?;
            if !quiet {
                output::print_mc(&study, &table.hidden(output::MAIN));
            }
        }
        StudyKind::Compare { ladder } => {
            let study = compare_study(plan, &table, *ladder);
            output::write_runs(dir, Some("variant"), plan, &table)?;
            output::write_report(dir, &report::compare_html(&study))?;
            output::write_json(dir, &study)?;
            if !quiet {
                output::print_compare(&study, &table.hidden(output::MAIN));
            }
        }
        StudyKind::Sweep { param, values } => {
            let study = SweepStudy {
                scenario: plan.scenario.clone(),
                param: param.clone(),
                values: values.clone(),
                seeds: plan.seeds.clone(),
                points: (0..values.len()).map(|i| table.stats(i)).collect(),
                calibration: (0..values.len()).map(|i| table.calibration(i)).collect(),
            };
            output::write_runs(dir, Some("value"), plan, &table)?;
            output::write_report(dir, &report::sweep_html(&study))?;
            output::write_json(dir, &study)?;
            if !quiet {
                output::print_sweep(&study, &table.hidden(output::MAIN));
            }
        }
    }
    let audited = audits::write(dir, plan)?;
    let dir = staged.commit()?;
    output::done(&dir, plan);
    Ok(audits::finish(audited, &dir, quiet))
}

/// The comparison of `plan`'s variants against the first (and, on a ladder, each against the
/// one below it).
fn compare_study(plan: &Study, table: &MeasureTable, ladder: bool) -> CompareStudy {
    let variants: Vec<Variant> = plan
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| Variant {
            name: c.name.clone(),
            overrides: c.overrides.clone(),
            measures: table.stats(i),
            calibration: table.calibration(i),
            attribution: table.funnels(i),
        })
        .collect();
    let diffs = (1..plan.cells.len())
        .flat_map(|i| table.paired(i, 0, &plan.cells[i].name))
        .collect();
    let ladder = ladder.then(|| Ladder {
        rungs: plan.cells.iter().map(|c| c.name.clone()).collect(),
        steps: (1..plan.cells.len())
            .map(|i| LadderStep {
                from: plan.cells[i - 1].name.clone(),
                to: plan.cells[i].name.clone(),
                diffs: table.paired(i, i - 1, &plan.cells[i].name),
            })
            .collect(),
    });
    CompareStudy {
        scenario: plan.scenario.clone(),
        seeds: plan.seeds.clone(),
        baseline: plan.cells[0].name.clone(),
        variants,
        diffs,
        ladder,
    }
}
