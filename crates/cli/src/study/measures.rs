//! A run's measures: the scalar leaves of its summary under `moe`, `network` and `siap`, and
//! the table of every measure over every run of a study.

use anyhow::{Context, Result};
use metrics::stats::{self, LEVEL_95, MeanCi};
use report::study::{MeasureStats, PairedDiff};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The summary sections whose scalars are measures.
const SECTIONS: &[&str] = &["moe", "network", "siap"];

/// One run's measures by dotted name (`moe.leakers`, `moe.engagements_denied.track_quality`);
/// `None` is a null in the summary. Serialized whole into a shard's partial study.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct RunMeasures {
    values: BTreeMap<String, Option<f64>>,
    /// Dotted paths of the objects seen: a name missing under one of them is an absent map
    /// entry (a counter that never counted), so it reads as 0 rather than null.
    objects: BTreeSet<String>,
    /// The run's planned-Pk calibration table (pooled over runs, not averaged).
    pub(crate) calibration: Vec<sim::CalibrationRow>,
    /// (class, kill-chain cause) of each of the run's threats (averaged into funnels).
    pub(crate) causes: Vec<(String, sim::ChainCause)>,
}

impl RunMeasures {
    pub(crate) fn from_summary(summary: &sim::Summary) -> Result<Self> {
        let json = serde_json::to_value(summary).context("summary to JSON")?;
        Ok(RunMeasures {
            calibration: summary.calibration.clone(),
            causes: summary
                .threats
                .iter()
                .map(|t| (t.class.to_owned(), t.cause))
                .collect(),
            ..Self::from_json(&json)
        })
    }

    /// Flattens the measure sections of a summary document; arrays and strings are skipped.
    pub(crate) fn from_json(json: &Value) -> Self {
        let mut m = RunMeasures::default();
        for section in SECTIONS {
            if let Some(v) = json.get(section) {
                m.flatten(section, v);
            }
        }
        m
    }

    fn flatten(&mut self, path: &str, v: &Value) {
        match v {
            Value::Object(map) => {
                self.objects.insert(path.to_owned());
                for (k, v) in map {
                    self.flatten(&format!("{path}.{k}"), v);
                }
            }
            Value::Number(n) => {
                self.values
                    .insert(path.to_owned(), n.as_f64().filter(|x| x.is_finite()));
            }
            Value::Bool(b) => {
                self.values
                    .insert(path.to_owned(), Some(f64::from(u8::from(*b))));
            }
            Value::Null => {
                self.values.insert(path.to_owned(), None);
            }
            Value::String(_) | Value::Array(_) => {}
        }
    }

    /// The value of `name` in this run (see `objects` for absent names).
    pub(crate) fn get(&self, name: &str) -> Option<f64> {
        match self.values.get(name) {
            Some(v) => *v,
            None => name
                .rsplit_once('.')
                .filter(|(parent, _)| self.objects.contains(*parent))
                .map(|_| 0.0),
        }
    }
}

/// Every measure of a study: `columns[cell][measure][run]`, measure names sorted.
pub(crate) struct MeasureTable {
    pub(crate) names: Vec<String>,
    columns: Vec<Vec<Vec<Option<f64>>>>,
    /// Per cell, the calibration tables of its runs pooled.
    calibration: Vec<Vec<sim::CalibrationRow>>,
    /// Per cell, the kill-chain attribution funnels of its runs.
    funnels: Vec<Vec<report::study::ClassFunnel>>,
}

impl MeasureTable {
    /// From the runs per cell (every cell has the same number of runs, in seed order).
    pub(crate) fn new(runs: &[Vec<RunMeasures>]) -> Self {
        let names: Vec<String> = runs
            .iter()
            .flatten()
            .flat_map(|r| r.values.keys().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let columns = runs
            .iter()
            .map(|cell| {
                names
                    .iter()
                    .map(|n| cell.iter().map(|r| r.get(n)).collect())
                    .collect()
            })
            .collect();
        let calibration = runs
            .iter()
            .map(|cell| sim::calibration::pool(cell.iter().map(|r| r.calibration.as_slice())))
            .collect();
        let funnels = runs
            .iter()
            .map(|cell| {
                report::study::ClassFunnel::of_runs(cell.iter().map(|r| r.causes.as_slice()))
            })
            .collect();
        MeasureTable {
            names,
            columns,
            calibration,
            funnels,
        }
    }

    /// The kill-chain attribution of `cell` per threat class, mean threats per run.
    pub(crate) fn funnels(&self, cell: usize) -> Vec<report::study::ClassFunnel> {
        self.funnels[cell].clone()
    }

    /// The calibration table of `cell`, pooled over its runs (shots and kills added, the
    /// planned mean weighted by shots, the interval of the pooled rate).
    pub(crate) fn calibration(&self, cell: usize) -> Vec<sim::CalibrationRow> {
        self.calibration[cell].clone()
    }

    /// The values of run `run` of `cell`, in `names` order.
    pub(crate) fn row(&self, cell: usize, run: usize) -> Vec<Option<f64>> {
        self.columns[cell].iter().map(|col| col[run]).collect()
    }

    /// Statistics of every measure in `cell`.
    pub(crate) fn stats(&self, cell: usize) -> Vec<MeasureStats> {
        self.names
            .iter()
            .zip(&self.columns[cell])
            .map(|(name, col)| {
                let xs: Vec<f64> = col.iter().flatten().copied().collect();
                let ci = stats::mean_ci(&xs, LEVEL_95).unwrap_or(EMPTY);
                MeasureStats {
                    measure: name.clone(),
                    n: ci.n,
                    mean: ci.mean,
                    sd: ci.sd,
                    ci_low: ci.low,
                    ci_high: ci.high,
                }
            })
            .collect()
    }

    /// Paired differences `cell − baseline` of every measure with at least one pair.
    pub(crate) fn paired(&self, cell: usize, baseline: usize, variant: &str) -> Vec<PairedDiff> {
        self.names
            .iter()
            .enumerate()
            .filter_map(|(m, name)| {
                let d = stats::paired_diff(
                    &self.columns[cell][m],
                    &self.columns[baseline][m],
                    LEVEL_95,
                )?;
                Some(PairedDiff {
                    measure: name.clone(),
                    variant: variant.to_owned(),
                    n: d.n,
                    mean: d.mean,
                    ci_low: d.low,
                    ci_high: d.high,
                    significant: d.excludes_zero(),
                })
            })
            .collect()
    }
}

/// Measures a study table leaves out, with why: the same value in every run of every cell (a
/// scenario constant such as `siap.nodes`), or exactly the values of an earlier measure in
/// every run (`moe.leakers_on_assets` when every leaker hit an asset).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Hidden {
    /// (measure, its one value).
    pub(crate) constants: Vec<(String, f64)>,
    /// (measure, the earlier measure it repeats).
    pub(crate) duplicates: Vec<(String, String)>,
}

impl Hidden {
    pub(crate) fn hides(&self, measure: &str) -> bool {
        self.constants.iter().any(|(m, _)| m == measure)
            || self.duplicates.iter().any(|(m, _)| m == measure)
    }
}

impl MeasureTable {
    /// What to hide, judged over every run of every cell together. A duplicate is judged in
    /// `priority` order (then by name) among measures of the same unit, so the measure a table
    /// lists first is the one kept (`leakers` over `defended value hit`, which can coincide).
    pub(crate) fn hidden(&self, priority: &[&str]) -> Hidden {
        let all: Vec<Vec<Option<f64>>> = (0..self.names.len())
            .map(|m| {
                self.columns
                    .iter()
                    .flat_map(|cell| cell[m].iter().copied())
                    .collect()
            })
            .collect();
        let mut hidden = Hidden::default();
        for (m, col) in all.iter().enumerate() {
            if let Some(v) = report::measures::constant_value(col) {
                hidden.constants.push((self.names[m].clone(), v));
            }
        }
        let rank = |name: &str| {
            priority
                .iter()
                .position(|p| *p == name)
                .unwrap_or(usize::MAX)
        };
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by_key(|&m| (rank(&self.names[m]), self.names[m].clone()));
        let unit = |m: usize| report::measures::describe(&self.names[m]).unit;
        for (k, &m) in order.iter().enumerate() {
            let name = &self.names[m];
            if hidden.hides(name) {
                continue;
            }
            let same = order[..k]
                .iter()
                .copied()
                .find(|&j| unit(j) == unit(m) && all[j] == all[m] && !hidden.hides(&self.names[j]));
            if let Some(j) = same {
                hidden
                    .duplicates
                    .push((name.clone(), self.names[j].clone()));
            }
        }
        hidden
    }
}

/// A measure that is null in every run: no statistics (NaN is written as JSON null).
const EMPTY: MeanCi = MeanCi {
    n: 0,
    mean: f64::NAN,
    sd: f64::NAN,
    low: f64::NAN,
    high: f64::NAN,
};
