//! An impact ends the object: when a ballistic contributor of a system track impacts (my own
//! track ended at its predicted impact, a remote one's prediction reached the surface, or its
//! reporter dropped it as `Impact`), a contributor still flying [`COMPANION_S`] later was
//! following something else, and leaves. My local track is freed and placed again by the next
//! `update_local` (it joins the track its gate says, or gets a new number); a remote one
//! reporting under another TN carries on under that TN. Remotes reporting under the system TN
//! itself are left to their own node, which applies the same rule and drops the TN as
//! `Impact`.
//!
//! Why: measured on the default scenario, a junk local track (±14 km) that had joined an
//! SRBM's network track outlived the missile's impact and kept its number — and the hostile
//! identity declared under it — while it wandered onto nothing near Kadena, and a battery
//! fired at it. A new number is identified afresh.

use super::{CommonPicture, DropWhy, Dropped, Tn};
use base::{SimDuration, SimTime};

/// How soon after an impact a companion must impact too to count as the same object (the
/// spread of impact predictions between sensors tracking one re-entry vehicle), s.
pub(super) const COMPANION_S: i64 = 10;

impl CommonPicture {
    /// One of `tn`'s contributors just impacted (module docs).
    pub(super) fn after_impact(&mut self, now: SimTime, tn: Tn, drops: &mut Vec<Dropped>) {
        let Some(s) = self.tracks.get(&tn) else {
            return;
        };
        let horizon = now + SimDuration::from_secs(COMPANION_S);
        let me = self.me;
        let local_leaves = s.local.is_some_and(|(_, c)| !self.impacted(&c, horizon));
        let leaving: Vec<u8> = s
            .remotes
            .iter()
            .filter(|(_, r)| r.tn != tn && !self.impacted(&r.c, horizon))
            .map(|(&o, _)| o)
            .collect();
        if !local_leaves && leaving.is_empty() {
            return;
        }
        let s = self.tracks.get_mut(&tn).expect("checked above");
        if local_leaves && let Some((id, _)) = s.local.take() {
            self.local_tn.remove(&id);
            s.stop_reporting(me, tn, DropWhy::Impact, drops);
            self.stats.decorrelations += 1;
        }
        let mut moved = Vec::new();
        for o in leaving {
            let r = s.remotes.remove(&o).expect("listed above");
            s.r2.forget(o);
            moved.push((o, r));
        }
        for (o, r) in moved {
            self.stats.decorrelations += 1;
            let own = r.tn;
            if self.set_apart(o, r) {
                self.refresh(own);
            }
        }
        self.after_removal(tn);
    }
}
