//! Dual tracks: two system tracks with disjoint contributor origins whose fused states pass
//! `merge_d2` for `merge_checks` consecutive `update_local` calls are one object under two
//! TNs. The survivor is the earlier `origin_time`, then the lower TN (the same at every node,
//! whatever the message order); the loser's contributors move to it and the alias table
//! records retired → survivor.
//!
//! Candidate pairs come from a sweep along ECEF x: `d² ≥ |Δp|²/tr(S_pos)`, so only tracks
//! with `Δx² ≤ merge_d2 · (tr_i + tr_max)` can pass; thousands of tracks stay near-linear.

use super::{CommonPicture, DropWhy, Dropped, SendReason, Tn};
use crate::associate::pair_statistic;
use base::SimTime;
use std::collections::{BTreeMap, BTreeSet};

impl CommonPicture {
    pub(super) fn merge_duals(&mut self, now: SimTime, drops: &mut Vec<Dropped>) {
        let cfg = self.config;
        let me = self.me;
        let fused: Vec<(Tn, crate::state::TrackState, f64)> = self
            .tracks
            .iter()
            .map(|(&tn, s)| {
                let f = s.fused.predict(now, cfg.q_m2_s3, s.ballistic());
                let tr = (0..3).map(|k| f.p[(k, k)]).sum::<f64>();
                (tn, f, tr)
            })
            .collect();
        let tr_max = fused.iter().map(|f| f.2).fold(0.0, f64::max);
        let mut order: Vec<usize> = (0..fused.len()).collect();
        order.sort_by(|&a, &b| fused[a].1.x[0].total_cmp(&fused[b].1.x[0]).then(a.cmp(&b)));
        let mut counts = BTreeMap::new();
        for (k, &i) in order.iter().enumerate() {
            let (ti, fi, tri) = &fused[i];
            let reach = cfg.merge_d2 * (tri + tr_max);
            for &j in &order[k + 1..] {
                let (tj, fj, _) = &fused[j];
                let dx = fj.x[0] - fi.x[0];
                if dx * dx > reach {
                    break;
                }
                let (a, b) = (*ti.min(tj), *ti.max(tj));
                let disjoint = {
                    let oa: BTreeSet<u8> = self.tracks[&a].origins(me).collect();
                    self.tracks[&b].origins(me).all(|o| !oa.contains(&o))
                };
                if disjoint
                    && pair_statistic(fi, fj, cfg.merge_d2, cfg.dims)
                        .is_some_and(|(d2, _)| d2 <= cfg.merge_d2)
                {
                    let n = self.merge_counts.get(&(a, b)).copied().unwrap_or(0) + 1;
                    counts.insert((a, b), n);
                }
            }
        }
        self.merge_counts = counts;
        let due: Vec<(Tn, Tn)> = self
            .merge_counts
            .iter()
            .filter(|&(_, &n)| n >= cfg.merge_checks)
            .map(|(&k, _)| k)
            .collect();
        let mut merged = BTreeSet::new();
        for (a, b) in due {
            if merged.contains(&a) || merged.contains(&b) {
                continue;
            }
            merged.insert(a);
            merged.insert(b);
            self.merge(a, b, drops);
        }
    }

    fn merge(&mut self, a: Tn, b: Tn, drops: &mut Vec<Dropped>) {
        let key = |tn: Tn| (self.tracks[&tn].origin_time, tn);
        let (survivor, loser) = if key(a) <= key(b) { (a, b) } else { (b, a) };
        let me = self.me;
        let l = self.tracks.remove(&loser).expect("merged track exists");
        self.merge_counts
            .retain(|&(x, y), _| x != loser && y != loser);
        let s = self.tracks.get_mut(&survivor).expect("merged track exists");
        if let Some((id, c)) = l.local {
            s.local = Some((id, c));
            self.local_tn.insert(id, survivor);
            self.stats.tn_changes += 1;
        }
        s.remotes.extend(l.remotes);
        if l.r2.reporter == Some(me) {
            drops.push(Dropped {
                tn: loser,
                why: DropWhy::Merged { survivor },
            });
            if s.r2.reporter.is_none() {
                s.r2.claim(me, l.local.map_or(0, |(_, c)| c.quality), SendReason::New);
            }
        } else if s.r2.reporter.is_none() {
            s.r2 = l.r2;
        }
        self.stats.merges += 1;
        self.retire(loser, survivor);
        self.refresh(survivor);
    }
}
