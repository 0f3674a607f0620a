//! R2 per system track holding my local contributor, and when to send: on a claim, when the
//! peers' dead reckoning of my last report drifts beyond `drift_m` from my local estimate,
//! when my local track has fresher data than my last report carried and that report is
//! `refresh` old, or after a heartbeat of silence.

use super::{CommonPicture, LocalTrack, Outgoing, SendReason};
use crate::r2::Claim;
use base::SimTime;
use std::collections::BTreeMap;

impl CommonPicture {
    pub(super) fn run_r2(
        &mut self,
        now: SimTime,
        by_id: &BTreeMap<u32, &LocalTrack>,
    ) -> Vec<Outgoing> {
        let (me, cfg) = (self.me, self.config);
        let mut out = Vec::new();
        for (&tn, s) in self.tracks.iter_mut() {
            let Some((id, _)) = s.local else { continue };
            let l = by_id[&id];
            if let Some(claim) = s.r2.decide(now, me, l.quality, &cfg.r2) {
                let reason = match claim {
                    Claim::Unreported => {
                        self.stats.r2_claims += 1;
                        if s.remotes.is_empty() {
                            SendReason::New
                        } else {
                            SendReason::TakeOver
                        }
                    }
                    Claim::Better => {
                        self.stats.r2_claims += 1;
                        SendReason::TakeOver
                    }
                    Claim::Silent => {
                        self.stats.r2_takeovers += 1;
                        SendReason::TakeOver
                    }
                };
                s.r2.claim(me, l.quality, reason);
            }
            if s.r2.reporter != Some(me) {
                continue;
            }
            let reason = if let Some(r) = s.r2.pending {
                Some(r)
            } else if s
                .r2
                .last_sent_at
                .is_none_or(|t| now.since(t) >= cfg.r2.heartbeat)
            {
                Some(SendReason::Heartbeat)
            } else {
                let drifted = s.r2.last_sent.is_none_or(|sent| {
                    let dr = sent.predict(l.state.time, 0.0, l.ballistic);
                    (dr.position() - l.state.position()).norm() > cfg.drift_m
                });
                let fresher = cfg.refresh.is_some_and(|r| {
                    s.r2.last_sent_measured.is_none_or(|m| l.measured > m)
                        && s.r2.last_sent_at.is_none_or(|t| now.since(t) >= r)
                });
                if drifted {
                    Some(SendReason::Drift)
                } else {
                    fresher.then_some(SendReason::Refresh)
                }
            };
            if let Some(reason) = reason {
                s.r2.sent(now, l.quality);
                s.r2.last_sent_measured = Some(l.measured);
                out.push(Outgoing {
                    tn,
                    local_id: id,
                    origin_time: s.origin_time,
                    reason,
                });
            }
        }
        out
    }
}
