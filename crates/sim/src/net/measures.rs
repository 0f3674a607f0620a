//! Network-wide picture measures at truth-sample instants: commonality (do the nodes' pictures
//! agree) and dual tracks (one object carried twice in one picture). Scoring only: reads
//! truth through the per-node GOSPA assignments, never feeds back.

use crate::node::{AirTruth, Held, extra_associations};
use base::SimTime;
use metrics::Gospa;
use std::collections::BTreeMap;

/// Running network picture measures.
#[derive(Debug, Default)]
pub(crate) struct PictureMeasures {
    commonality_sum: f64,
    commonality_n: u64,
    /// Open dual-track episodes: (node, object id) → (first, last) sample time.
    open: BTreeMap<(usize, u64), (SimTime, SimTime)>,
    /// Lifetimes of closed episodes, s.
    closed: Vec<f64>,
    /// (t, mean GOSPA over picture-holding nodes) at every sample with a holder.
    series: Vec<(f64, f64)>,
}

impl PictureMeasures {
    /// `pictures[i]`: node i's held tracks and GOSPA, `None` if it holds no picture.
    /// `same_numbers`: track ids are network-wide (track sharing), so agreement requires the
    /// same id, not just holding the object.
    pub(crate) fn sample(
        &mut self,
        now: SimTime,
        air: &AirTruth,
        pictures: &[Option<(Held, Gospa)>],
        same_numbers: bool,
    ) {
        let holders: Vec<(usize, &Held, &Gospa)> = pictures
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.as_ref().map(|(h, g)| (i, h, g)))
            .collect();
        if holders.len() >= 2 {
            let pairs = (holders.len() * (holders.len() - 1) / 2) as f64;
            for j in 0..air.ids.len() {
                let ids: Vec<Option<u64>> = holders
                    .iter()
                    .map(|(_, h, g)| g.assignment[j].map(|k| h.ids[k]))
                    .collect();
                if ids.iter().all(Option::is_none) {
                    continue;
                }
                let mut agree = 0usize;
                for a in 0..ids.len() {
                    for b in a + 1..ids.len() {
                        if let (Some(x), Some(y)) = (ids[a], ids[b])
                            && (!same_numbers || x == y)
                        {
                            agree += 1;
                        }
                    }
                }
                self.commonality_sum += agree as f64 / pairs;
                self.commonality_n += 1;
            }
        }
        if !holders.is_empty() {
            let mean = holders.iter().map(|(_, _, g)| g.total).sum::<f64>() / holders.len() as f64;
            self.series.push((now.as_secs_f64(), mean));
        }
        let mut dual_now = Vec::new();
        for (node, held, g) in &holders {
            // A track within the cut-off of an object another track holds is a second track on
            // that object, not a false one.
            dual_now.extend(
                extra_associations(air, held, g)
                    .into_iter()
                    .map(|(_, j)| (*node, air.ids[j])),
            );
        }
        dual_now.sort_unstable();
        dual_now.dedup();
        for key in &dual_now {
            self.open
                .entry(*key)
                .and_modify(|e| e.1 = now)
                .or_insert((now, now));
        }
        let ended: Vec<(usize, u64)> = self
            .open
            .keys()
            .filter(|k| dual_now.binary_search(k).is_err())
            .copied()
            .collect();
        for key in ended {
            if let Some((first, last)) = self.open.remove(&key) {
                self.closed.push((last - first).as_secs_f64());
            }
        }
    }

    /// The network picture's GOSPA series: (t, mean over picture-holding nodes), s and m.
    pub(crate) fn gospa_series(&self) -> &[(f64, f64)] {
        &self.series
    }

    /// (commonality, episodes, mean lifetime, max lifetime), closing open episodes.
    pub(crate) fn finish(&self) -> (Option<f64>, u64, Option<f64>, Option<f64>) {
        let mut all = self.closed.clone();
        all.extend(self.open.values().map(|(f, l)| (*l - *f).as_secs_f64()));
        let n = all.len();
        (
            (self.commonality_n > 0).then(|| self.commonality_sum / self.commonality_n as f64),
            n as u64,
            (n > 0).then(|| all.iter().sum::<f64>() / n as f64),
            all.iter().copied().reduce(f64::max),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::GOSPA_C_M;

    fn held(ids: &[u64], xs: &[f64]) -> Held {
        Held {
            ids: ids.to_vec(),
            positions: xs.iter().map(|x| [*x, 0.0, 0.0]).collect(),
        }
    }

    #[test]
    fn agreement_and_duals_are_counted() {
        let air = AirTruth {
            positions: vec![[0.0, 0.0, 0.0], [100_000.0, 0.0, 0.0]],
            ids: vec![7, 8],
            sides: vec![base::Side::Hostile; 2],
        };
        let a = held(&[1, 2], &[10.0, 100_010.0]);
        let b = held(&[1, 9, 3], &[-10.0, 50.0, 100_020.0]);
        let ga = metrics::gospa(&air.positions, &a.positions, GOSPA_C_M, 1.0);
        let gb = metrics::gospa(&air.positions, &b.positions, GOSPA_C_M, 1.0);
        let mut m = PictureMeasures::default();
        m.sample(
            SimTime::from_secs(0),
            &air,
            &[Some((a, ga)), None, Some((b, gb))],
            true,
        );
        let (common, duals, mean, _) = m.finish();
        // Object 7: both hold it as TN 1 (agree); object 8: TNs 2 and 3 (disagree).
        assert_eq!(common, Some(0.5));
        // Node 2 holds object 7 twice (TNs 1 and 9).
        assert_eq!(duals, 1);
        assert_eq!(mean, Some(0.0));
    }
}
