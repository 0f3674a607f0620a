//! Calibration of the planned kill probability: per (interceptor type, class of the engaged
//! object), the shots whose end game was scored, the mean Pk the command planned them with, and
//! how often they really destroyed the object they were fired at.
//!
//! The engaged object of a shot is the truth object its track followed at launch (the object
//! nearest the track's position in the fire unit's node picture, within the picture-scoring
//! cut-off: a scoring join). A shot counts when its intercept is scored; it is a kill only if
//! the end game destroyed that same object. A shot whose engaged object another interceptor had
//! already destroyed is set aside (`target_already_destroyed`): its outcome tells nothing about
//! its own Pk, and leaving it out keeps the realised rate unbiased (a salvo's second round is
//! counted exactly when the first one missed). Shots aborted in flight or still flying at the
//! end of the run are not scored. Scoring only: nothing here feeds back into the command.

use base::ObjectId;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// Class label of a shot whose track followed no object at launch.
pub const NO_OBJECT: &str = "none";

/// One row of the calibration table (also the pooled row of a study). Reads back what it
/// writes: a NaN rate is written as JSON null and read as NaN.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationRow {
    /// Interceptor type.
    pub interceptor: String,
    /// Class of the engaged object: `srbm`, `mrbm`, `irbm`, `cruise`; another object kind
    /// (`airliner`, …) for a shot at a non-threat; `none` when the track followed no object.
    pub class: String,
    /// Scored shots.
    pub shots: u64,
    /// Of those, shots that destroyed their engaged object.
    pub kills: u64,
    /// Mean planned kill probability of the scored shots.
    #[serde(deserialize_with = "nan_if_null")]
    pub mean_planned_pk: f64,
    /// Realised kill rate, `kills / shots`.
    #[serde(deserialize_with = "nan_if_null")]
    pub realised_kill_rate: f64,
    /// Lower end of the 95 % Wilson score interval of the realised rate.
    #[serde(deserialize_with = "nan_if_null")]
    pub ci_low: f64,
    /// Upper end.
    #[serde(deserialize_with = "nan_if_null")]
    pub ci_high: f64,
    /// Scored intercepts set aside because another interceptor had already destroyed the
    /// engaged object.
    pub target_already_destroyed: u64,
}

/// A number, or NaN for the null that serializing NaN writes.
fn nan_if_null<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

/// Running sums of one (interceptor, class) cell; pooled over runs by adding.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalibrationSums {
    /// Scored shots.
    pub shots: u64,
    /// Shots that destroyed their engaged object.
    pub kills: u64,
    /// Sum of the planned kill probabilities of the scored shots.
    pub planned_pk: f64,
    /// Intercepts set aside: the engaged object was already destroyed.
    pub target_already_destroyed: u64,
}

impl CalibrationSums {
    /// Adds `other` (another run's sums of the same cell).
    pub fn add(&mut self, other: &CalibrationSums) {
        self.shots += other.shots;
        self.kills += other.kills;
        self.planned_pk += other.planned_pk;
        self.target_already_destroyed += other.target_already_destroyed;
    }

    /// Back from a row: the planned sum is `mean × shots` (exact up to rounding).
    pub fn of_row(row: &CalibrationRow) -> Self {
        CalibrationSums {
            shots: row.shots,
            kills: row.kills,
            planned_pk: row.mean_planned_pk * row.shots as f64,
            target_already_destroyed: row.target_already_destroyed,
        }
    }

    /// The row these sums make (rates are NaN — JSON null — without a scored shot).
    pub fn row(&self, interceptor: &str, class: &str) -> CalibrationRow {
        let n = self.shots as f64;
        let (ci_low, ci_high) =
            metrics::stats::wilson(self.kills, self.shots, metrics::stats::LEVEL_95)
                .unwrap_or((f64::NAN, f64::NAN));
        CalibrationRow {
            interceptor: interceptor.to_owned(),
            class: class.to_owned(),
            shots: self.shots,
            kills: self.kills,
            mean_planned_pk: self.planned_pk / n,
            realised_kill_rate: self.kills as f64 / n,
            ci_low,
            ci_high,
            target_already_destroyed: self.target_already_destroyed,
        }
    }
}

/// Pools calibration tables (one per run) into one: sums per (interceptor, class), rows in
/// (interceptor, class) order.
pub fn pool<'a>(tables: impl IntoIterator<Item = &'a [CalibrationRow]>) -> Vec<CalibrationRow> {
    let mut cells: BTreeMap<(String, String), CalibrationSums> = BTreeMap::new();
    for table in tables {
        for row in table {
            cells
                .entry((row.interceptor.clone(), row.class.clone()))
                .or_default()
                .add(&CalibrationSums::of_row(row));
        }
    }
    cells.iter().map(|((i, c), s)| s.row(i, c)).collect()
}

/// A launched shot waiting for its end game.
#[derive(Clone, Debug, PartialEq)]
struct Shot {
    interceptor: String,
    planned_pk: f64,
    engaged: Option<ObjectId>,
    class: String,
}

/// What the engine's scoring side accumulates over a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Calibration {
    in_flight: BTreeMap<u64, Shot>,
    cells: BTreeMap<(String, String), CalibrationSums>,
}

impl Calibration {
    /// An interceptor of `engagement` left its launcher at `engaged` (the object its track
    /// followed, of `class`), planned with `planned_pk`.
    pub(crate) fn launched(
        &mut self,
        engagement: u64,
        interceptor: &str,
        planned_pk: f64,
        engaged: Option<ObjectId>,
        class: &str,
    ) {
        self.in_flight.insert(
            engagement,
            Shot {
                interceptor: interceptor.to_owned(),
                planned_pk,
                engaged,
                class: class.to_owned(),
            },
        );
    }

    /// The end game of `engagement` was scored: `killed` is the object it destroyed, if any;
    /// `destroyed_before` says whether an object had been destroyed by an earlier intercept.
    pub(crate) fn scored(
        &mut self,
        engagement: u64,
        killed: Option<ObjectId>,
        destroyed_before: impl Fn(ObjectId) -> bool,
    ) {
        let Some(shot) = self.in_flight.remove(&engagement) else {
            return;
        };
        let cell = self
            .cells
            .entry((shot.interceptor, shot.class))
            .or_default();
        if shot.engaged.is_some_and(destroyed_before) {
            cell.target_already_destroyed += 1;
            return;
        }
        cell.shots += 1;
        cell.planned_pk += shot.planned_pk;
        cell.kills += u64::from(shot.engaged.is_some() && killed == shot.engaged);
    }

    /// The table, in (interceptor, class) order.
    pub(crate) fn table(&self) -> Vec<CalibrationRow> {
        self.cells.iter().map(|((i, c), s)| s.row(i, c)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(i: usize) -> Option<ObjectId> {
        Some(ObjectId::new(i))
    }

    #[test]
    fn a_kill_counts_only_on_the_engaged_object() {
        let mut c = Calibration::default();
        c.launched(1, "sam", 0.8, o(3), "srbm");
        c.launched(2, "sam", 0.6, o(4), "srbm");
        c.launched(3, "sam", 0.5, None, NO_OBJECT);
        c.scored(1, o(3), |_| false);
        // Killed something, but not what it was fired at.
        c.scored(2, o(7), |_| false);
        c.scored(3, o(9), |_| false);
        let t = c.table();
        assert_eq!(t.len(), 2);
        let none = &t[0];
        assert_eq!(
            (none.class.as_str(), none.shots, none.kills),
            ("none", 1, 0)
        );
        let srbm = &t[1];
        assert_eq!((srbm.shots, srbm.kills), (2, 1));
        assert!((srbm.mean_planned_pk - 0.7).abs() < 1e-12);
        assert!((srbm.realised_kill_rate - 0.5).abs() < 1e-12);
        assert!(srbm.ci_low < 0.5 && srbm.ci_high > 0.5);
    }

    #[test]
    fn a_shot_at_an_object_already_destroyed_is_set_aside() {
        let mut c = Calibration::default();
        c.launched(1, "sam", 0.7, o(3), "mrbm");
        c.launched(2, "sam", 0.7, o(3), "mrbm");
        c.scored(1, o(3), |_| false);
        c.scored(2, None, |x| x == ObjectId::new(3));
        // Never launched, or still flying: nothing is scored.
        c.scored(9, o(3), |_| false);
        c.launched(4, "sam", 0.7, o(5), "mrbm");
        let t = c.table();
        assert_eq!(t.len(), 1);
        assert_eq!(
            (t[0].shots, t[0].kills, t[0].target_already_destroyed),
            (1, 1, 1)
        );
    }

    #[test]
    fn pooling_adds_counts_and_weights_the_mean_by_shots() {
        let mut a = CalibrationSums {
            shots: 10,
            kills: 5,
            planned_pk: 8.0,
            target_already_destroyed: 1,
        };
        let b = CalibrationSums {
            shots: 30,
            kills: 21,
            planned_pk: 21.0,
            target_already_destroyed: 0,
        };
        let pooled = pool([
            &[a.row("x", "srbm")][..],
            &[b.row("x", "srbm"), b.row("y", "srbm")][..],
        ]);
        assert_eq!(pooled.len(), 2);
        a.add(&b);
        let p = &pooled[0];
        assert_eq!((p.shots, p.kills, p.target_already_destroyed), (40, 26, 1));
        assert!((p.mean_planned_pk - 29.0 / 40.0).abs() < 1e-12);
        let sums = a.row("x", "srbm");
        assert_eq!((p.shots, p.kills), (sums.shots, sums.kills));
        assert!((p.mean_planned_pk - sums.mean_planned_pk).abs() < 1e-12);
        let (lo, hi) = metrics::stats::wilson(26, 40, 0.95).expect("trials");
        assert_eq!((p.ci_low, p.ci_high), (lo, hi));
    }
}
