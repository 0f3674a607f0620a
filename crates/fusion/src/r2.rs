//! Reporting responsibility (R2): one reporter per track, with hysteresis (PRIMER §2.3).
//!
//! Per system track holding my local contributor:
//! - *claim* when nobody reports it, or when my TQ ≥ the reporter's + `margin`;
//! - *yield* when, while reporting, I hear another node report it with a better TQ than the
//!   one I last sent (ties: lower node address wins). Both sides compare the same two sent
//!   numbers, so two simultaneous reporters never both yield;
//! - *take over* when the reporter has been silent for `takeover_heartbeats × heartbeat`.
//!   Every silent-reporter claim happens in the same frame at every holder; the yield rule
//!   then leaves the best one within one more frame.

use crate::picture::SendReason;
use crate::state::TrackState;
use base::{SimDuration, SimTime};

/// R2 parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct R2Config {
    /// TQ lead needed to claim a track someone else reports (hysteresis).
    pub margin: u8,
    /// Longest interval between two reports of one track by its reporter.
    pub heartbeat: SimDuration,
    /// Heartbeats of silence after which the reporter is presumed gone.
    pub takeover_heartbeats: u32,
}

impl R2Config {
    fn silence(&self) -> SimDuration {
        SimDuration::from_nanos(self.heartbeat.as_nanos() * i64::from(self.takeover_heartbeats))
    }
}

/// What a track's R2 decision was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Claim {
    /// Nobody reported it.
    Unreported,
    /// My TQ beat the reporter's by the margin.
    Better,
    /// The reporter went silent.
    Silent,
}

/// R2 bookkeeping for one system track.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct R2State {
    /// Who reports it (me included).
    pub(crate) reporter: Option<u8>,
    reporter_tq: u8,
    reporter_heard: SimTime,
    /// Why I must send at the next opportunity (set on a claim or a TN change).
    pub(crate) pending: Option<SendReason>,
    my_sent_tq: u8,
    pub(crate) last_sent_at: Option<SimTime>,
    pub(crate) last_sent: Option<TrackState>,
    /// The measurement time my last report carried.
    pub(crate) last_sent_measured: Option<SimTime>,
}

fn beats(a: (u8, u8), b: (u8, u8)) -> bool {
    // (address, tq): higher TQ, then lower address.
    a.1 > b.1 || (a.1 == b.1 && a.0 < b.0)
}

impl R2State {
    /// A report from `origin` with quality `tq` was heard; returns whether I yielded.
    pub(crate) fn hear(
        &mut self,
        now: SimTime,
        me: u8,
        origin: u8,
        tq: u8,
        cfg: &R2Config,
    ) -> bool {
        match self.reporter {
            Some(r) if r == me => {
                if beats((origin, tq), (me, self.my_sent_tq)) {
                    self.set_reporter(now, origin, tq);
                    self.stop_sending();
                    return true;
                }
            }
            Some(r) if r == origin => self.set_reporter(now, origin, tq),
            Some(r) => {
                let silent = now.since(self.reporter_heard) >= cfg.silence();
                if silent || beats((origin, tq), (r, self.reporter_tq)) {
                    self.set_reporter(now, origin, tq);
                }
            }
            None => self.set_reporter(now, origin, tq),
        }
        false
    }

    fn set_reporter(&mut self, now: SimTime, origin: u8, tq: u8) {
        self.reporter = Some(origin);
        self.reporter_tq = tq;
        self.reporter_heard = now;
    }

    /// Forgets my sending history (I no longer report this track).
    pub(crate) fn stop_sending(&mut self) {
        self.pending = None;
        self.last_sent_at = None;
        self.last_sent = None;
    }

    /// The reporter `origin` is gone (dropped the track or timed out).
    pub(crate) fn forget(&mut self, origin: u8) {
        if self.reporter == Some(origin) {
            self.reporter = None;
        }
    }

    /// Whether I (not the reporter) claim the track now with local quality `my_tq`.
    pub(crate) fn decide(&self, now: SimTime, me: u8, my_tq: u8, cfg: &R2Config) -> Option<Claim> {
        match self.reporter {
            Some(r) if r == me => None,
            None => Some(Claim::Unreported),
            Some(_) if now.since(self.reporter_heard) >= cfg.silence() => Some(Claim::Silent),
            Some(_) if u16::from(my_tq) >= u16::from(self.reporter_tq) + u16::from(cfg.margin) => {
                Some(Claim::Better)
            }
            Some(_) => None,
        }
    }

    /// I now report the track.
    pub(crate) fn claim(&mut self, me: u8, my_tq: u8, reason: SendReason) {
        self.stop_sending();
        self.reporter = Some(me);
        self.my_sent_tq = my_tq;
        self.pending = Some(reason);
    }

    /// Records a send decided at `now` with quality `tq`.
    pub(crate) fn sent(&mut self, now: SimTime, tq: u8) {
        self.pending = None;
        self.last_sent_at = Some(now);
        self.my_sent_tq = tq;
    }
}
