//! The results of a study (Monte Carlo, comparison, sweep) as plain data: computed by the CLI,
//! rendered by the report, written as JSON.

use serde::Serialize;

/// Statistics of one scalar measure over independent runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureStats {
    /// Measure name (the `summary.json` path, e.g. `moe.leakers`).
    pub measure: String,
    /// Runs that produced a value (a null in a run's summary is left out).
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (0 for one run).
    pub sd: f64,
    /// Lower end of the 95 % confidence interval of the mean (Student t).
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
}

/// A paired difference of one measure between a variant and the baseline over common seeds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairedDiff {
    /// Measure name.
    pub measure: String,
    /// The variant compared.
    pub variant: String,
    /// Pairs (seeds where both runs produced a value).
    pub n: usize,
    /// Mean of (variant − baseline).
    pub mean: f64,
    /// 95 % confidence interval of the mean difference (paired Student t).
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
    /// True when the interval excludes zero.
    pub significant: bool,
}

/// One cause's mean count in a funnel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CauseMean {
    /// The cause (`sim::ChainCause` name: `undetected` … `killed`).
    pub cause: &'static str,
    /// Mean threats per run whose kill chain ended there.
    pub mean: f64,
}

/// Where the kill chains of one threat class ended, in mean threats per run: one row of a
/// study's attribution funnel (the runs' `threats[].cause`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassFunnel {
    /// Threat class (`srbm`, `mrbm`, `irbm`, `cruise`).
    pub class: String,
    /// Mean threats of the class per run.
    pub threats: f64,
    /// Per cause, in chain order (`sim::ChainCause::ALL`), zeros included.
    pub causes: Vec<CauseMean>,
}

impl ClassFunnel {
    /// The funnels of one cell from each run's (threat class, cause) per threat; classes in
    /// reading order (ballistic by range, cruise, then any other).
    pub fn of_runs<'a>(
        runs: impl IntoIterator<Item = &'a [(String, sim::ChainCause)]>,
    ) -> Vec<ClassFunnel> {
        let mut counts: std::collections::BTreeMap<(usize, String), [u64; 9]> =
            std::collections::BTreeMap::new();
        let mut n_runs = 0u64;
        for run in runs {
            n_runs += 1;
            for (class, cause) in run {
                let i = sim::ChainCause::ALL
                    .iter()
                    .position(|c| c == cause)
                    .expect("every cause is listed");
                let (rank, _) = crate::kill_chain::class_rank(class);
                counts.entry((rank, class.clone())).or_insert([0; 9])[i] += 1;
            }
        }
        let per_run = |n: u64| n as f64 / n_runs.max(1) as f64;
        counts
            .into_iter()
            .map(|((_, class), n)| ClassFunnel {
                class,
                threats: per_run(n.iter().sum()),
                causes: sim::ChainCause::ALL
                    .iter()
                    .zip(n)
                    .map(|(c, k)| CauseMean {
                        cause: c.as_str(),
                        mean: per_run(k),
                    })
                    .collect(),
            })
            .collect()
    }
}

/// A Monte Carlo study of one scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct McStudy {
    /// Scenario name.
    pub scenario: String,
    /// Seeds, in run order.
    pub seeds: Vec<u64>,
    /// Per measure.
    pub measures: Vec<MeasureStats>,
    /// Planned-Pk calibration pooled over the runs (shots and kills added).
    pub calibration: Vec<sim::CalibrationRow>,
    /// Kill-chain attribution per threat class, mean threats per run.
    pub attribution: Vec<ClassFunnel>,
}

/// One variant of a comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Variant {
    /// Variant name (`national`, `allied-eor`, …).
    pub name: String,
    /// The overrides that define it (`path=value`), for the record.
    pub overrides: Vec<String>,
    /// Its Monte Carlo statistics.
    pub measures: Vec<MeasureStats>,
    /// Its planned-Pk calibration pooled over the runs.
    pub calibration: Vec<sim::CalibrationRow>,
    /// Its kill-chain attribution per threat class, mean threats per run.
    pub attribution: Vec<ClassFunnel>,
}

/// A comparison of variants over common random numbers (same seeds: same truth and noise).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareStudy {
    /// Scenario name.
    pub scenario: String,
    /// Seeds, in run order.
    pub seeds: Vec<u64>,
    /// The baseline variant's name (the first).
    pub baseline: String,
    /// Every variant, the baseline first.
    pub variants: Vec<Variant>,
    /// Paired differences of every other variant against the baseline.
    pub diffs: Vec<PairedDiff>,
    /// When the variants are the built-in ladder (`--ladder`): each rung against the one
    /// below it. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ladder: Option<Ladder>,
}

/// The ladder of a comparison: its rungs in order and the step between each pair of
/// neighbours, over the same common seeds as the rest of the study.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ladder {
    /// Rung names, lowest first (the baseline).
    pub rungs: Vec<String>,
    /// One step per pair of neighbouring rungs, in order.
    pub steps: Vec<LadderStep>,
}

/// One step of the ladder: paired differences `to − from` of every measure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LadderStep {
    /// The rung below.
    pub from: String,
    /// The rung above.
    pub to: String,
    /// Per measure, the paired difference `to − from` (its `variant` is `to`), with its 95 %
    /// interval and whether that excludes 0.
    pub diffs: Vec<PairedDiff>,
}

/// A sensitivity sweep over one parameter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepStudy {
    /// Scenario name.
    pub scenario: String,
    /// The swept parameter path.
    pub param: String,
    /// Its values, in sweep order.
    pub values: Vec<String>,
    /// Seeds used at every value.
    pub seeds: Vec<u64>,
    /// Per value, the statistics of every measure (same measure order at every value).
    pub points: Vec<Vec<MeasureStats>>,
    /// Per value, the planned-Pk calibration pooled over its runs.
    pub calibration: Vec<Vec<sim::CalibrationRow>>,
}
