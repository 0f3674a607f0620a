//! `update_local`: my tracker's confirmed tracks enter the picture, lost ones leave, silent
//! remote contributors expire, then decorrelation, dual-track merging and R2 run in that order.

use super::{CommonPicture, Contribution, DropWhy, Dropped, LocalTrack, Outgoing, Sys, Tn, guard};
use crate::associate::associate;
use base::SimTime;
use std::collections::BTreeMap;

impl CommonPicture {
    /// My own confirmed tracks at `now` (the full current set; a local id absent from the
    /// list is gone). Returns the reports I must send now (only tracks I report under R2, each
    /// naming the local estimate to send) and the drops to announce. A track whose state
    /// fails the plausibility guard (`guard` module) is treated as absent and counted in
    /// [`PictureStats::implausible_local`](super::PictureStats::implausible_local).
    pub fn update_local(
        &mut self,
        now: SimTime,
        locals: &[LocalTrack],
    ) -> (Vec<Outgoing>, Vec<Dropped>) {
        self.system_memo.clear();
        let mut drops = std::mem::take(&mut self.pending_drops);
        let surface = self.config.surface;
        let mut by_id: BTreeMap<u32, &LocalTrack> = BTreeMap::new();
        for l in locals {
            if guard::plausible(&l.state, surface) {
                by_id.insert(l.id, l);
            } else {
                self.stats.implausible_local += 1;
            }
        }
        self.drop_lost_locals(now, &by_id, &mut drops);
        self.update_known_locals(now, &by_id);
        self.place_new_locals(now, &by_id);
        self.expire_remotes(now);
        self.expire_impacted(now, &mut drops);
        self.decorrelate(now, &mut drops);
        self.merge_duals(now, &mut drops);
        let out = self.run_r2(now, &by_id);
        (out, drops)
    }

    fn drop_lost_locals(
        &mut self,
        now: SimTime,
        by_id: &BTreeMap<u32, &LocalTrack>,
        drops: &mut Vec<Dropped>,
    ) {
        let lost: Vec<(u32, Tn)> = self
            .local_tn
            .iter()
            .filter(|(id, _)| !by_id.contains_key(id))
            .map(|(&id, &tn)| (id, tn))
            .collect();
        for (id, tn) in lost {
            self.local_tn.remove(&id);
            let me = self.me;
            // My tracker ends a ballistic track at its predicted impact; say so in the drop.
            let impact = self
                .tracks
                .get(&tn)
                .and_then(|s| s.local)
                .is_some_and(|(_, c)| self.impacted(&c, now));
            if impact {
                self.stats.impacts += 1;
            }
            let s = self
                .tracks
                .get_mut(&tn)
                .expect("local index points at a live track");
            s.local = None;
            let why = if impact {
                DropWhy::Impact
            } else {
                DropWhy::LocalLost
            };
            s.stop_reporting(me, tn, why, drops);
            if impact {
                self.after_impact(now, tn, drops);
            }
            self.after_removal(tn);
        }
    }

    fn update_known_locals(&mut self, now: SimTime, by_id: &BTreeMap<u32, &LocalTrack>) {
        for (&id, &tn) in &self.local_tn {
            let l = by_id[&id];
            let s = self
                .tracks
                .get_mut(&tn)
                .expect("local index points at a live track");
            let misfits = s.local.map_or(0, |(_, c)| c.misfits);
            s.local = Some((id, contribution(now, l, misfits)));
        }
    }

    fn place_new_locals(&mut self, now: SimTime, by_id: &BTreeMap<u32, &LocalTrack>) {
        let new: Vec<&LocalTrack> = by_id
            .iter()
            .filter(|(id, _)| !self.local_tn.contains_key(id))
            .map(|(_, l)| *l)
            .collect();
        if new.is_empty() {
            return;
        }
        let cfg = self.config;
        // A system track whose position is known only to tens of kilometres (a contributor
        // coasting on no data, or diverged) gates with anything near it: it takes no new
        // contributor, which gets its own number instead (measured on the default scenario: a
        // ±27 km contributor kept a missile's number alive after the missile impacted, and a
        // new track of something else inherited the number and its hostile identity).
        let (candidates, existing): (Vec<Tn>, Vec<_>) = self
            .tracks
            .iter()
            .filter(|(_, s)| s.local.is_none())
            .map(|(&tn, s)| (tn, s.fused.predict(now, cfg.q_m2_s3, s.ballistic())))
            .filter(|(_, p)| position_sigma_m(p) <= MAX_ASSOCIATE_SIGMA_M)
            .unzip();
        let incoming: Vec<_> = new
            .iter()
            .map(|l| l.state.predict(now, cfg.q_m2_s3, l.ballistic))
            .collect();
        let pairs = associate(&existing, &incoming, cfg.gate_d2, cfg.dims);
        for ((l, pair), at) in new.iter().zip(pairs).zip(&incoming) {
            // Nor does a track known only to tens of kilometres join one: its gate passes
            // whatever is near (measured: a ±14 km local track joined an SRBM's number).
            let pair = pair.filter(|_| position_sigma_m(at) <= MAX_ASSOCIATE_SIGMA_M);
            let tn = match pair {
                Some(i) => candidates[i],
                None => {
                    // A full block leaves the track unnumbered until a number frees up.
                    let Some(tn) = self.mint() else { continue };
                    self.tracks.insert(tn, Sys::new(now, l.state));
                    tn
                }
            };
            let s = self.tracks.get_mut(&tn).expect("just placed");
            s.local = Some((l.id, contribution(now, l, 0)));
            self.local_tn.insert(l.id, tn);
        }
        let touched: Vec<Tn> = self.local_tn.values().copied().collect();
        for tn in touched {
            self.refresh(tn);
        }
    }

    /// Forgets remote ballistic contributors whose prediction has reached the surface (their
    /// reporter's drop may be late or lost; the impact is the same everywhere).
    fn expire_impacted(&mut self, now: SimTime, drops: &mut Vec<Dropped>) {
        let tns: Vec<Tn> = self.tracks.keys().copied().collect();
        for tn in tns {
            let s = &self.tracks[&tn];
            let gone: Vec<u8> = s
                .remotes
                .iter()
                .filter(|(_, r)| self.impacted(&r.c, now))
                .map(|(&o, _)| o)
                .collect();
            if gone.is_empty() {
                continue;
            }
            self.stats.impacts += gone.len() as u64;
            let s = self.tracks.get_mut(&tn).expect("listed above");
            for o in gone {
                s.remotes.remove(&o);
                s.r2.forget(o);
            }
            self.after_impact(now, tn, drops);
            self.after_removal(tn);
        }
    }

    fn expire_remotes(&mut self, now: SimTime) {
        let timeout = self.config.remote_timeout;
        let tns: Vec<Tn> = self.tracks.keys().copied().collect();
        for tn in tns {
            let s = self.tracks.get_mut(&tn).expect("listed above");
            let stale: Vec<u8> = s
                .remotes
                .iter()
                .filter(|(_, r)| now.since(r.c.last_heard) > timeout)
                .map(|(&o, _)| o)
                .collect();
            if stale.is_empty() {
                continue;
            }
            for o in stale {
                s.remotes.remove(&o);
                s.r2.forget(o);
            }
            self.after_removal(tn);
        }
    }
}

fn contribution(now: SimTime, l: &LocalTrack, misfits: u32) -> Contribution {
    Contribution {
        state: l.state,
        measured: l.measured,
        quality: l.quality,
        release: l.release,
        ballistic: l.ballistic,
        last_heard: now,
        misfits,
    }
}

/// Largest RMS position uncertainty (√trace) a system track may have and still take a new
/// contributor (local, or a remote report under a number new to this node), m: about the spacing of the objects of a salvo
/// or raid, beyond which a gate says nothing about which object a track is.
pub(super) const MAX_ASSOCIATE_SIGMA_M: f64 = 10_000.0;

pub(super) fn position_sigma_m(s: &crate::TrackState) -> f64 {
    (s.p[(0, 0)] + s.p[(1, 1)] + s.p[(2, 2)]).max(0.0).sqrt()
}
