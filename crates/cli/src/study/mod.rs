//! `kizuna mc | compare | sweep`: studies over many seeded runs of one scenario.
//!
//! - `mc`: N independent runs; per measure the mean, sample standard deviation and 95 %
//!   Student-t confidence interval of the mean.
//! - `compare`: the same N seeds under each variant (common random numbers: truth and sensor
//!   noise streams are keyed by entity, so a seed gives the same truth and noise in every
//!   variant); paired differences against the first variant (the baseline) with 95 % intervals,
//!   flagged significant when the interval excludes zero.
//! - `sweep`: the same N seeds at each value of one parameter; a curve per measure.
//!
//! Built-in variants ([`variants::BUILTIN`]):
//! - `national`: `release=national` (every `[[sensor]]` and `[[node]]` releases to its own
//!   nation only: nations stop sharing, track sharing continues inside each nation),
//!   `network.sharing="track"`, engagement on remote data of the unit's own nation
//!   (`c2.remote_use="engage_on_remote"`, `c2.remote_from="own_nation"`: a battery without
//!   radars fires on its nation's tracks);
//! - `networked`: `network.sharing="track"`, remote data of the own nation only (the allies'
//!   tracks are in the picture, a unit may not engage on them alone);
//! - `composite`: `network.sharing="measurement"`, remote data of the own nation only;
//! - `networked+eor`: `network.sharing="track"`, remote data from allies
//!   (`c2.remote_from="allies"`).
//!
//! The remote-data overrides set the `[c2]` doctrine, which binds every fire unit that does
//! not set its own `remote_use`/`remote_from`.
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
#[cfg(test)]
mod tests;
mod variants;

use anyhow::{Context, Result, bail};
use measures::MeasureTable;
use report::study::{CompareStudy, McStudy, SweepStudy, Variant};
use runs::{Cell, Plan};
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
    /// A variant: a built-in name (national, networked, composite, networked+eor) or
    /// NAME=PATH=VALUE[;PATH=VALUE...] (an item may also be a built-in name to start from).
    /// Repeatable; the first is the baseline. Default: the four built-ins, national first.
    #[arg(long = "variant", value_name = "VARIANT")]
    variants: Vec<String>,
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

/// Help text of `kizuna compare`: the built-in variants.
pub(crate) const COMPARE_HELP: &str = "Built-in variants:
  national        every sensor and node releases to its own nation only (release=national),
                  network.sharing=\"track\", engage on own-nation remote data
  networked       network.sharing=\"track\", engage on own-nation remote data
  composite       network.sharing=\"measurement\", engage on own-nation remote data
  networked+eor   network.sharing=\"track\", engage on remote data from allies
  (own-nation: c2.remote_use=\"engage_on_remote\", c2.remote_from=\"own_nation\"; allies:
  c2.remote_from=\"allies\"; they bind the fire units that set no remote_use/remote_from)

Examples:
  kizuna compare --runs 8                       the four built-ins, national as baseline
  kizuna compare two-nation-salvo --variant national --variant networked+eor
  kizuna compare --variant networked --variant 'slow=networked;link[*].latency_ms=2000'";

/// `kizuna mc`.
pub(crate) fn mc(args: &McArgs) -> Result<ExitCode> {
    let a = &args.common;
    let Some(mut plan) = Plan::new(a, vec![Cell::new("mc", Vec::new())?])? else {
        return Ok(ExitCode::from(1));
    };
    let staged = output::prepare(a, "out/mc")?;
    let results = plan.run(a)?;
    let table = MeasureTable::new(&results);
    let study = McStudy {
        scenario: plan.scenario.clone(),
        seeds: plan.seeds.clone(),
        measures: table.stats(0),
        calibration: table.calibration(0),
        attribution: table.funnels(0),
    };
    let dir = staged.dir();
    output::write_runs(dir, None, &plan, &table)?;
    output::write_report(dir, &report::mc_html(&study))?;
    output::write_json(dir, &study)?;
    let audited = audits::write(dir, &plan)?;
    let dir = staged.commit()?;
    if !a.quiet {
        output::print_mc(&study, &table.hidden(output::MAIN));
    }
    output::done(&dir, &plan);
    Ok(audits::finish(audited, &dir, a.quiet))
}

/// `kizuna compare`.
pub(crate) fn compare(args: &CompareArgs) -> Result<ExitCode> {
    let a = &args.common;
    let cells = variants::parse_all(&args.variants)?;
    let Some(mut plan) = Plan::new(a, cells)? else {
        return Ok(ExitCode::from(1));
    };
    let staged = output::prepare(a, "out/compare")?;
    let results = plan.run(a)?;
    let table = MeasureTable::new(&results);
    let variants: Vec<Variant> = plan
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| Variant {
            name: c.name.clone(),
            overrides: c.overrides.iter().map(ToString::to_string).collect(),
            measures: table.stats(i),
            calibration: table.calibration(i),
            attribution: table.funnels(i),
        })
        .collect();
    let diffs = (1..plan.cells.len())
        .flat_map(|i| table.paired(i, 0, &plan.cells[i].name))
        .collect();
    let study = CompareStudy {
        scenario: plan.scenario.clone(),
        seeds: plan.seeds.clone(),
        baseline: plan.cells[0].name.clone(),
        variants,
        diffs,
    };
    let dir = staged.dir();
    output::write_runs(dir, Some("variant"), &plan, &table)?;
    output::write_report(dir, &report::compare_html(&study))?;
    output::write_json(dir, &study)?;
    let audited = audits::write(dir, &plan)?;
    let dir = staged.commit()?;
    if !a.quiet {
        output::print_compare(&study, &table.hidden(output::MAIN));
    }
    output::done(&dir, &plan);
    Ok(audits::finish(audited, &dir, a.quiet))
}

/// `kizuna sweep`.
pub(crate) fn sweep(args: &SweepArgs) -> Result<ExitCode> {
    let a = &args.common;
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
    let Some(mut plan) = Plan::new(a, cells)? else {
        return Ok(ExitCode::from(1));
    };
    let staged = output::prepare(a, "out/sweep")?;
    let results = plan.run(a)?;
    let table = MeasureTable::new(&results);
    let study = SweepStudy {
        scenario: plan.scenario.clone(),
        param: path.to_owned(),
        values: values.clone(),
        seeds: plan.seeds.clone(),
        points: (0..values.len()).map(|i| table.stats(i)).collect(),
        calibration: (0..values.len()).map(|i| table.calibration(i)).collect(),
    };
    let dir = staged.dir();
    output::write_runs(dir, Some("value"), &plan, &table)?;
    output::write_report(dir, &report::sweep_html(&study))?;
    output::write_json(dir, &study)?;
    let audited = audits::write(dir, &plan)?;
    let dir = staged.commit()?;
    if !a.quiet {
        output::print_sweep(&study, &table.hidden(output::MAIN));
    }
    output::done(&dir, &plan);
    Ok(audits::finish(audited, &dir, a.quiet))
}
