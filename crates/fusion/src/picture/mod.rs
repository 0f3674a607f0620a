//! The common picture of one node: system tracks, each the fusion of my local (first-hand)
//! track and remote reporters' tracks of one object, numbered with network track numbers.
//!
//! Keys and state: system tracks by TN (`BTreeMap`, so every pass is in TN order), my local id
//! → TN, and the alias table retired TN → survivor. A remote contributor is keyed by its origin
//! node within a system track (one track per origin per object) and remembers the TN it reports
//! under, which may differ from the system TN until dual designations settle.
//!
//! Flow: [`CommonPicture::remote_report`] updates or associates one report;
//! [`CommonPicture::update_local`] runs once per local tracker output: local association,
//! expiry, decorrelation (`decorrelate.rs`), dual-track merging (`dual.rs`) and R2 (`send.rs`).
//! A node only ever sends its local estimate (`Outgoing::local_id`), never the fused one.
//!
//! The surface (`PictureConfig::surface`, the tracker's rule, `tracking::surface`): a ballistic
//! contributor whose prediction has reached the surface has impacted and no longer contributes
//! (a remote one is forgotten at the next `update_local`; my own track ends in my tracker and
//! its drop is announced as [`DropWhy::Impact`]); an air system track's fused estimate is cut at
//! the surface by density truncation, so no air track is reported underground.
//!
//! The guard (`guard.rs`): a remote report or local track whose state is physically
//! impossible (non-finite or non-positive-definite covariance, faster than escape speed, far
//! below the surface beyond its uncertainty) is refused and counted, never fused.

mod decorrelate;
mod dual;
mod guard;
mod impact;
mod local;
mod send;

use crate::associate::{GateDims, pair_statistic};
use crate::numbers::{NetworkTrackNumber, TnBlock};
use crate::r2::{R2Config, R2State};
use crate::rules::{FusionRule, fuse};
use crate::state::TrackState;
use base::{NationSet, SimDuration, SimTime};
use std::collections::BTreeMap;

type Tn = NetworkTrackNumber;

/// Parameters of a node's common picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PictureConfig {
    /// How contributors are fused.
    pub rule: FusionRule,
    /// Association gate on d² (e.g. χ²₆ 99.9% = 22.46).
    pub gate_d2: f64,
    /// Dual-track test gate on d² between two system tracks.
    pub merge_d2: f64,
    /// Consecutive `update_local` calls two system tracks must pass `merge_d2` to be merged.
    pub merge_checks: u32,
    /// Decorrelation gate on d² between a contributor and the fusion of the others.
    pub decorrelate_d2: f64,
    /// Consecutive failures before a contributor is split off.
    pub decorrelate_checks: u32,
    /// A remote contributor not heard for this long is forgotten.
    pub remote_timeout: SimDuration,
    /// Report when the peers' dead reckoning of my last report is off by more than this, m.
    pub drift_m: f64,
    /// Re-send a track I report when my local track holds a newer measurement than my last
    /// report carried and that report is at least this old (`None`: drift and heartbeat
    /// only). Dead reckoning can stay within `drift_m` while the peers' data ages by a
    /// heartbeat; this bounds the age of what they hold by about the sensor's revisit.
    pub refresh: Option<SimDuration>,
    /// Reporting responsibility.
    pub r2: R2Config,
    /// Process-noise spectral density for time alignment, m²/s³.
    pub q_m2_s3: f64,
    /// Components of every d² statistic (association, merge, decorrelation).
    pub dims: GateDims,
    /// The surface nothing is below (module docs); `None`: unconstrained.
    pub surface: Option<tracking::surface::Surface>,
}

/// One of this node's own (first-hand) confirmed tracks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LocalTrack {
    /// The node's local track number.
    pub id: u32,
    /// The local estimate.
    pub state: TrackState,
    /// Time of the latest measurement behind `state` (`state` may be predicted past it).
    pub measured: SimTime,
    /// Track quality 0..=15.
    pub quality: u8,
    /// Nations this track may be released to.
    pub release: NationSet,
    /// Whether it coasts ballistically (gravity in time alignment).
    pub ballistic: bool,
}

/// A track report received from another node (already authenticated and releasable to me).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RemoteReport {
    /// Reporting node address.
    pub origin: u8,
    /// The TN it reports under.
    pub tn: NetworkTrackNumber,
    /// The reporter's local estimate.
    pub state: TrackState,
    /// Time of the latest measurement behind `state` (the report's validity time minus the
    /// update age it carries).
    pub measured: SimTime,
    /// Its track quality.
    pub quality: u8,
    /// Its releasability.
    pub release: NationSet,
    /// Whether it coasts ballistically.
    pub ballistic: bool,
    /// When that TN was first reported (survivor rule).
    pub origin_time: SimTime,
}

/// Why a track is sent now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendReason {
    /// First report of a track nobody reported (or of my track under a new TN).
    New,
    /// The peers' dead reckoning drifted beyond `drift_m`.
    Drift,
    /// No report for a heartbeat.
    Heartbeat,
    /// I took R2 from another reporter (better TQ or silence).
    TakeOver,
    /// My local track has fresher data than my last report and that report is `refresh` old.
    Refresh,
}

/// A report the node must send now: its local estimate `local_id` under `tn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// TN to report under.
    pub tn: NetworkTrackNumber,
    /// Which local track's estimate to send (first-hand only).
    pub local_id: u32,
    /// When the TN was first reported.
    pub origin_time: SimTime,
    /// Why now.
    pub reason: SendReason,
}

/// Why I stop reporting a TN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropWhy {
    /// My local track ended.
    LocalLost,
    /// The TN was retired in favour of `survivor` (dual designation).
    Merged {
        /// The surviving TN.
        survivor: NetworkTrackNumber,
    },
    /// My local track no longer matches the others on this TN; it continues under a new TN.
    Decorrelated,
    /// My local track was ballistic and ended at its predicted impact.
    Impact,
}

/// A drop to announce: I no longer report `tn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The TN.
    pub tn: NetworkTrackNumber,
    /// Why.
    pub why: DropWhy,
}

/// A fused system track as seen at a time.
#[derive(Clone, Debug, PartialEq)]
pub struct SystemTrack {
    /// Its network track number.
    pub tn: NetworkTrackNumber,
    /// Fused estimate, contributors predicted to the query time.
    pub state: TrackState,
    /// Intersection of the contributors' releasability.
    pub release: NationSet,
    /// My local contributor, if any.
    pub local_id: Option<u32>,
    /// Remote contributors' node addresses, ascending.
    pub remote_origins: Vec<u8>,
    /// Who holds R2 (me included), if anybody.
    pub reporter: Option<u8>,
    /// When the TN was first reported.
    pub origin_time: SimTime,
    /// Whether any contributor coasts ballistically.
    pub ballistic: bool,
    /// Time of the freshest measurement behind any contributor (the track's age is
    /// `now − last_update`). Not the estimates' validity time: contributors are predicted to
    /// the report or query instant, so that time says nothing about how stale the data is.
    pub last_update: SimTime,
}

/// Counters since creation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PictureStats {
    /// Dual designations resolved (association with another TN, or merge of two tracks).
    pub merges: u64,
    /// Contributors split off: decorrelated, or left behind by an impact (`impact.rs`).
    pub decorrelations: u64,
    /// Times one of my local tracks changed TN.
    pub tn_changes: u64,
    /// Remote reports received and accepted (the refused ones are `implausible_remote`).
    pub remote_reports: u64,
    /// Remote reports refused by the plausibility guard (`guard` module: non-finite or
    /// non-positive-definite covariance, faster than escape speed, or far below the surface
    /// beyond their uncertainty); never fused.
    pub implausible_remote: u64,
    /// Local tracks refused by the plausibility guard, counted once per `update_local` call
    /// that offers one; a refused track is treated as absent (dropped if it was in the
    /// picture).
    pub implausible_local: u64,
    /// Remote reports with a new TN that matched no system track.
    pub remote_unmatched: u64,
    /// R2 claims (unreported, or better by the margin).
    pub r2_claims: u64,
    /// R2 yields.
    pub r2_yields: u64,
    /// R2 take-overs from a silent reporter.
    pub r2_takeovers: u64,
    /// Ballistic contributors forgotten at their predicted impact (mine and remote).
    pub impacts: u64,
}

/// One contributor's latest estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Contribution {
    state: TrackState,
    /// Latest measurement behind `state`.
    measured: SimTime,
    quality: u8,
    release: NationSet,
    ballistic: bool,
    last_heard: SimTime,
    /// Consecutive decorrelation failures.
    misfits: u32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Remote {
    tn: Tn,
    origin_time: SimTime,
    c: Contribution,
}

#[derive(Clone, Debug, PartialEq)]
struct Sys {
    origin_time: SimTime,
    local: Option<(u32, Contribution)>,
    remotes: BTreeMap<u8, Remote>,
    r2: R2State,
    /// Fusion at the latest contributor time (for gating). Refreshed by remote reports, new
    /// and merged tracks, splits and impacts, but not by updates of the local contribution
    /// (ARCHITECTURE.md, "Known limits": the fix waits with the planned-Pk calibration).
    fused: TrackState,
}

impl Sys {
    /// Stops my reporting of track `tn`, announcing `why`, if I was its reporter.
    fn stop_reporting(&mut self, me: u8, tn: Tn, why: DropWhy, drops: &mut Vec<Dropped>) {
        if self.r2.reporter == Some(me) {
            drops.push(Dropped { tn, why });
            self.r2.reporter = None;
            self.r2.stop_sending();
        }
    }

    fn new(origin_time: SimTime, state: TrackState) -> Self {
        Sys {
            origin_time,
            local: None,
            remotes: BTreeMap::new(),
            r2: R2State::default(),
            fused: state,
        }
    }
    /// Contributions in fusion order: local, then remotes by origin.
    fn contributions(&self) -> impl Iterator<Item = &Contribution> {
        self.local
            .iter()
            .map(|(_, c)| c)
            .chain(self.remotes.values().map(|r| &r.c))
    }
    fn is_empty(&self) -> bool {
        self.local.is_none() && self.remotes.is_empty()
    }
    fn ballistic(&self) -> bool {
        self.contributions().any(|c| c.ballistic)
    }
    /// Contributors' origins (me for the local one).
    fn origins(&self, me: u8) -> impl Iterator<Item = u8> + '_ {
        self.local
            .iter()
            .map(move |_| me)
            .chain(self.remotes.keys().copied())
    }
}

/// One node's common picture (see the module docs).
#[derive(Clone, Debug)]
pub struct CommonPicture {
    me: u8,
    block: TnBlock,
    config: PictureConfig,
    tracks: BTreeMap<Tn, Sys>,
    local_tn: BTreeMap<u32, Tn>,
    aliases: BTreeMap<Tn, Tn>,
    merge_counts: BTreeMap<(Tn, Tn), u32>,
    pending_drops: Vec<Dropped>,
    stats: PictureStats,
    /// [`system_tracks`](Self::system_tracks) at the last time asked; cleared by every
    /// change of the picture.
    system_memo: base::Memo<SimTime, Vec<SystemTrack>>,
}

impl CommonPicture {
    /// An empty picture for node address `me`, minting TNs from `block`.
    pub fn new(me: u8, block: TnBlock, config: PictureConfig) -> Self {
        CommonPicture {
            me,
            block,
            config,
            tracks: BTreeMap::new(),
            local_tn: BTreeMap::new(),
            aliases: BTreeMap::new(),
            merge_counts: BTreeMap::new(),
            pending_drops: Vec::new(),
            stats: PictureStats::default(),
            system_memo: base::Memo::new(),
        }
    }

    /// The counters.
    pub fn stats(&self) -> PictureStats {
        self.stats
    }

    /// The live TN for `tn` (follows the alias table; `tn` itself when not retired).
    pub fn resolve(&self, tn: NetworkTrackNumber) -> NetworkTrackNumber {
        let mut t = tn;
        // Aliases are re-pointed on every merge, so one hop suffices; the bound is defensive.
        for _ in 0..=self.aliases.len() {
            match self.aliases.get(&t) {
                Some(&next) if next != t => t = next,
                _ => break,
            }
        }
        t
    }

    /// The TN my local track `local_id` is carried under, if any.
    pub fn local_tn(&self, local_id: u32) -> Option<NetworkTrackNumber> {
        self.local_tn.get(&local_id).copied()
    }

    /// Every system track fused at `now` with the configured rule, sorted by TN. A track whose
    /// every contributor is ballistic and has reached the surface by `now` has ended, and so
    /// has a ballistic track whose fused state has (its contributors disagree, and fusion put
    /// it below the surface: measured on the default scenario, 21.6 km below with σ 1.2 km).
    pub fn system_tracks(&self, now: SimTime) -> Vec<SystemTrack> {
        self.system_memo.get_or(now, || self.fuse_all(now))
    }

    fn fuse_all(&self, now: SimTime) -> Vec<SystemTrack> {
        self.tracks
            .iter()
            .filter_map(|(&tn, s)| Some((tn, s, self.fused_alive(s, now)?)))
            .filter(|(_, s, state)| !self.reached(state, s.ballistic()))
            .map(|(tn, s, state)| SystemTrack {
                tn,
                state,
                release: s
                    .contributions()
                    .fold(NationSet::from_bits(u8::MAX), |acc, c| {
                        acc.intersection(c.release)
                    }),
                local_id: s.local.map(|(id, _)| id),
                remote_origins: s.remotes.keys().copied().collect(),
                reporter: s.r2.reporter,
                origin_time: s.origin_time,
                ballistic: s.ballistic(),
                last_update: s
                    .contributions()
                    .map(|c| c.measured)
                    .max()
                    .unwrap_or(s.origin_time),
            })
            .collect()
    }

    /// Records what the caller sent for `tn` (the base of the peers' dead reckoning).
    pub fn mark_sent(&mut self, tn: NetworkTrackNumber, state: &TrackState) {
        self.system_memo.clear();
        let tn = self.resolve(tn);
        if let Some(s) = self.tracks.get_mut(&tn) {
            s.r2.last_sent = Some(*state);
        }
    }

    /// A remote report arrived (see the crate docs for association and dual designation).
    /// A report whose state fails the plausibility guard (`guard` module) is refused and
    /// counted in [`PictureStats::implausible_remote`].
    pub fn remote_report(&mut self, now: SimTime, report: RemoteReport) {
        self.system_memo.clear();
        if !guard::plausible(&report.state, self.config.surface) {
            self.stats.implausible_remote += 1;
            return;
        }
        self.stats.remote_reports += 1;
        let mut target = self.resolve(report.tn);
        if !self.tracks.contains_key(&target) {
            // A retired TN whose survivor is gone: the TN is live again.
            self.aliases.remove(&report.tn);
            target = self.place_new_remote(&report);
        }
        let c = Contribution {
            state: report.state,
            measured: report.measured,
            quality: report.quality,
            release: report.release,
            ballistic: report.ballistic,
            last_heard: now,
            misfits: 0,
        };
        let (me, cfg) = (self.me, self.config.r2);
        let s = self.tracks.get_mut(&target).expect("placed above");
        let misfits = s.remotes.get(&report.origin).map_or(0, |r| r.c.misfits);
        s.remotes.insert(
            report.origin,
            Remote {
                tn: report.tn,
                origin_time: report.origin_time,
                c: Contribution { misfits, ..c },
            },
        );
        if s.r2.hear(now, me, report.origin, report.quality, &cfg) {
            self.stats.r2_yields += 1;
        }
        self.refresh(target);
    }

    /// Associates a report under a TN new to me; returns the system TN it lands on.
    fn place_new_remote(&mut self, report: &RemoteReport) -> Tn {
        let (cfg, t) = (self.config, report.state.time);
        let mut best: Option<(f64, Tn)> = None;
        // Nor does a report known only to tens of kilometres join anything (`local`).
        let vague = local::position_sigma_m(&report.state) > local::MAX_ASSOCIATE_SIGMA_M;
        for (&tn, s) in &self.tracks {
            if vague || s.remotes.contains_key(&report.origin) {
                continue;
            }
            let aligned = s.fused.predict(t, cfg.q_m2_s3, s.ballistic());
            // Nor does a report join a track known only to tens of kilometres (`local`).
            if local::position_sigma_m(&aligned) > local::MAX_ASSOCIATE_SIGMA_M {
                continue;
            }
            if let Some((d2, ld)) = pair_statistic(&aligned, &report.state, cfg.gate_d2, cfg.dims)
                && d2 <= cfg.gate_d2
                && best.is_none_or(|(c, _)| d2 + ld < c)
            {
                best = Some((d2 + ld, tn));
            }
        }
        match best {
            Some((_, tn)) => {
                let s = &self.tracks[&tn];
                self.stats.merges += 1;
                if (report.origin_time, report.tn) < (s.origin_time, tn) {
                    self.rename(tn, report.tn, report.origin_time);
                    report.tn
                } else {
                    self.aliases.insert(report.tn, tn);
                    tn
                }
            }
            None => {
                self.stats.remote_unmatched += 1;
                self.tracks
                    .insert(report.tn, Sys::new(report.origin_time, report.state));
                report.tn
            }
        }
    }

    /// A remote node stopped reporting `tn`.
    pub fn remote_drop(&mut self, now: SimTime, origin: u8, tn: NetworkTrackNumber, impact: bool) {
        self.system_memo.clear();
        let target = self.resolve(tn);
        let Some(s) = self.tracks.get_mut(&target) else {
            return;
        };
        // Only the contributor reporting exactly this TN: the origin may already report the
        // survivor of a merge, and that must not be dropped by the retired TN's drop.
        if s.remotes.get(&origin).is_some_and(|r| r.tn == tn) {
            s.remotes.remove(&origin);
            s.r2.forget(origin);
            if impact {
                self.stats.impacts += 1;
                let mut drops = std::mem::take(&mut self.pending_drops);
                self.after_impact(now, target, &mut drops);
                self.pending_drops = drops;
            }
            self.after_removal(target);
        }
    }

    /// A remote contributor taken out of a system track carries on under the TN it reports:
    /// a new system track of its own, unless that TN is live (it rejoins it with its next
    /// report). Returns whether the track was created.
    fn set_apart(&mut self, origin: u8, r: Remote) -> bool {
        if self.tracks.contains_key(&r.tn) {
            return false;
        }
        self.aliases.remove(&r.tn);
        let mut n = Sys::new(r.origin_time, r.c.state);
        let tn = r.tn;
        n.remotes.insert(origin, r);
        self.tracks.insert(tn, n);
        true
    }

    /// Deletes an empty track or refreshes its fusion.
    fn after_removal(&mut self, tn: Tn) {
        if self.tracks.get(&tn).is_some_and(Sys::is_empty) {
            self.tracks.remove(&tn);
        } else {
            self.refresh(tn);
        }
    }

    /// Contributors predicted to `t` and fused with the configured rule: contributors that
    /// impacted by `t` are left out (all of them if every one did), and an air track is cut at
    /// the surface.
    fn fused_at(&self, s: &Sys, t: SimTime) -> TrackState {
        let (aligned, alive) = self.aligned(s, t);
        if alive.is_empty() {
            self.fused_of(s, aligned.iter().map(|(a, _)| *a).collect())
        } else {
            self.fused_of(s, alive)
        }
    }

    /// As [`fused_at`](Self::fused_at), `None` when every contributor has impacted by `t`
    /// (the track has ended).
    fn fused_alive(&self, s: &Sys, t: SimTime) -> Option<TrackState> {
        let (_, alive) = self.aligned(s, t);
        (!alive.is_empty()).then(|| self.fused_of(s, alive))
    }

    /// Every contributor predicted to `t` with its class, and those that have not impacted.
    fn aligned(&self, s: &Sys, t: SimTime) -> (Vec<(TrackState, bool)>, Vec<TrackState>) {
        let q = self.config.q_m2_s3;
        let aligned: Vec<(TrackState, bool)> = s
            .contributions()
            .map(|c| (c.state.predict(t, q, c.ballistic), c.ballistic))
            .collect();
        let alive: Vec<TrackState> = aligned
            .iter()
            .filter(|(a, ballistic)| !self.reached(a, *ballistic))
            .map(|(a, _)| *a)
            .collect();
        (aligned, alive)
    }

    fn fused_of(&self, s: &Sys, alive: Vec<TrackState>) -> TrackState {
        let ballistic = s.ballistic();
        let mut fused = fuse(self.config.rule, &alive);
        if let Some(surface) = self.config.surface
            && !ballistic
        {
            tracking::surface::truncate(
                tracking::filter::Frame::Ecef,
                surface,
                &mut fused.x,
                &mut fused.p,
            );
        }
        fused
    }

    /// Whether a state of a contributor of class `ballistic` has reached the surface.
    fn reached(&self, state: &TrackState, ballistic: bool) -> bool {
        self.reached_mean(&state.x, ballistic)
    }

    fn reached_mean(&self, x: &crate::Vector6, ballistic: bool) -> bool {
        let Some(surface) = self.config.surface else {
            return false;
        };
        ballistic
            && tracking::surface::reached(
                tracking::filter::Frame::Ecef,
                surface,
                nalgebra::Vector3::new(x[0], x[1], x[2]),
            )
    }

    /// Whether a ballistic contributor has impacted by `now` (its prediction reached the
    /// surface).
    fn impacted(&self, c: &Contribution, now: SimTime) -> bool {
        c.ballistic
            && self.config.surface.is_some()
            && self.reached_mean(&c.state.predict_mean(now, true), true)
    }

    /// Recomputes a track's cached fusion at its latest contributor time.
    fn refresh(&mut self, tn: Tn) {
        if let Some(s) = self.tracks.get(&tn) {
            let t = s
                .contributions()
                .map(|c| c.state.time)
                .max()
                .expect("a live system track has a contributor");
            let fused = self.fused_at(s, t);
            self.tracks.get_mut(&tn).expect("present").fused = fused;
        }
    }

    /// Renames system track `old` to `new` (dual designation, `new` survives).
    fn rename(&mut self, old: Tn, new: Tn, origin_time: SimTime) {
        let mut s = self.tracks.remove(&old).expect("renamed track exists");
        s.origin_time = origin_time;
        if let Some((id, _)) = s.local {
            self.local_tn.insert(id, new);
            self.stats.tn_changes += 1;
        }
        if s.r2.reporter == Some(self.me) {
            self.pending_drops.push(Dropped {
                tn: old,
                why: DropWhy::Merged { survivor: new },
            });
            s.r2.pending = Some(SendReason::New);
        }
        self.tracks.insert(new, s);
        self.retire(old, new);
    }

    /// Records `old → new` and re-points aliases of `old`.
    fn retire(&mut self, old: Tn, new: Tn) {
        for v in self.aliases.values_mut() {
            if *v == old {
                *v = new;
            }
        }
        self.aliases.remove(&new);
        self.aliases.insert(old, new);
    }

    /// A fresh TN from my block (never one live or retired).
    fn mint(&mut self) -> Option<Tn> {
        let (tracks, aliases) = (&self.tracks, &self.aliases);
        self.block
            .allocate(|tn| tracks.contains_key(&tn) || aliases.contains_key(&tn))
    }
}
