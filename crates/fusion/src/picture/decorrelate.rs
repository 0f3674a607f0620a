//! Decorrelation: a contributor whose time-aligned state fails `decorrelate_d2` against the
//! fusion of the others for `decorrelate_checks` consecutive `update_local` calls is split off.
//!
//! Which side leaves (one split per track per call, first match wins):
//! 1. a remote contributor reporting under a TN other than the system TN leaves under its own
//!    TN (its alias to this track, if any, is removed);
//! 2. otherwise my local contributor leaves under a new TN from my block (if I reported this
//!    TN, I announce `Decorrelated`);
//! 3. remotes all reporting under the system TN itself and disagreeing are those nodes' dual
//!    problem: nothing is split.

use super::{CommonPicture, DropWhy, Dropped, Remote, SendReason, Sys, Tn};
use crate::associate::pair_statistic;
use crate::rules::fuse;
use base::SimTime;

/// Who leaves a track.
enum Leaver {
    Remote(u8),
    Local,
}

impl CommonPicture {
    pub(super) fn decorrelate(&mut self, now: SimTime, drops: &mut Vec<Dropped>) {
        let tns: Vec<Tn> = self.tracks.keys().copied().collect();
        for tn in tns {
            if let Some(leaver) = self.count_misfits(now, tn) {
                self.split(now, tn, leaver, drops);
            }
        }
    }

    /// Updates every contributor's failure count; returns who must leave, if anyone.
    fn count_misfits(&mut self, now: SimTime, tn: Tn) -> Option<Leaver> {
        let cfg = self.config;
        let s = self.tracks.get(&tn)?;
        let aligned: Vec<_> = s
            .contributions()
            .map(|c| c.state.predict(now, cfg.q_m2_s3, c.ballistic))
            .collect();
        if aligned.len() < 2 {
            return None;
        }
        let fails: Vec<bool> = (0..aligned.len())
            .map(|k| {
                let others: Vec<_> = aligned
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != k)
                    .map(|(_, e)| *e)
                    .collect();
                let rest = fuse(cfg.rule, &others);
                pair_statistic(&aligned[k], &rest, cfg.decorrelate_d2, cfg.dims)
                    .is_none_or(|(d2, _)| d2 > cfg.decorrelate_d2)
            })
            .collect();
        let s = self.tracks.get_mut(&tn).expect("checked above");
        let mut fail = fails.into_iter();
        let bump = |misfits: &mut u32, f: bool| *misfits = if f { *misfits + 1 } else { 0 };
        if let Some((_, c)) = s.local.as_mut() {
            bump(
                &mut c.misfits,
                fail.next().expect("one flag per contributor"),
            );
        }
        for r in s.remotes.values_mut() {
            bump(
                &mut r.c.misfits,
                fail.next().expect("one flag per contributor"),
            );
        }
        let due = |m: u32| m >= cfg.decorrelate_checks;
        let foreign = s
            .remotes
            .iter()
            .find(|(_, r)| r.tn != tn && due(r.c.misfits))
            .map(|(&o, _)| Leaver::Remote(o));
        let any_due = s.contributions().any(|c| due(c.misfits));
        foreign.or_else(|| (s.local.is_some() && any_due).then_some(Leaver::Local))
    }

    fn split(&mut self, now: SimTime, tn: Tn, leaver: Leaver, drops: &mut Vec<Dropped>) {
        let me = self.me;
        let new_tn = match leaver {
            Leaver::Remote(o) => {
                let s = self.tracks.get_mut(&tn).expect("split track exists");
                let r = s.remotes.remove(&o).expect("leaver is a contributor");
                s.r2.forget(o);
                let own = r.tn;
                if !self.set_apart(o, Remote { c: fresh(r.c), ..r }) {
                    self.refresh(tn);
                    return;
                }
                own
            }
            Leaver::Local => {
                let Some(new_tn) = self.mint() else { return };
                let s = self.tracks.get_mut(&tn).expect("split track exists");
                let (id, c) = s.local.take().expect("leaver is my local contributor");
                s.stop_reporting(me, tn, DropWhy::Decorrelated, drops);
                let mut n = Sys::new(now, c.state);
                n.local = Some((id, fresh(c)));
                n.r2.pending = Some(SendReason::New);
                self.tracks.insert(new_tn, n);
                self.local_tn.insert(id, new_tn);
                self.stats.tn_changes += 1;
                new_tn
            }
        };
        self.stats.decorrelations += 1;
        let s = self.tracks.get_mut(&tn).expect("split track exists");
        if let Some((_, c)) = s.local.as_mut() {
            c.misfits = 0;
        }
        for r in s.remotes.values_mut() {
            r.c.misfits = 0;
        }
        self.refresh(tn);
        self.refresh(new_tn);
    }
}

fn fresh(c: super::Contribution) -> super::Contribution {
    super::Contribution { misfits: 0, ..c }
}
