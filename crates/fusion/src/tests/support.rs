//! Shared helpers: seeded Gaussian draws, covariances, pictures and message exchange.

use crate::{
    CommonPicture, FusionRule, GateDims, LocalTrack, Matrix6, NetworkTrackNumber, PictureConfig,
    R2Config, RemoteReport, TnBlock, TrackState, Vector6,
};
use base::rng::{Rng, StreamKind, stream};
use base::{NationSet, SimDuration, SimTime};
use rand_distr::{Distribution, StandardNormal};

pub(super) fn rng(seed: u64) -> Rng {
    stream(seed, StreamKind::SensorNoise, 0)
}

pub(super) fn gauss(r: &mut Rng) -> f64 {
    StandardNormal.sample(r)
}

pub(super) fn gauss6(r: &mut Rng) -> Vector6 {
    Vector6::from_fn(|_, _| gauss(r))
}

pub(super) fn diag(d: [f64; 6]) -> Matrix6 {
    Matrix6::from_diagonal(&Vector6::from(d))
}

/// A random SPD matrix `L Lᵀ + εI` with entries of scale `s`.
pub(super) fn random_spd(r: &mut Rng, s: f64) -> Matrix6 {
    let l = Matrix6::from_fn(|_, _| gauss(r) * s);
    l * l.transpose() + Matrix6::identity() * (0.01 * s * s)
}

pub(super) fn tn(v: u32) -> NetworkTrackNumber {
    NetworkTrackNumber::new(v).expect("valid test TN")
}

pub(super) fn config() -> PictureConfig {
    PictureConfig {
        rule: FusionRule::CovarianceIntersection,
        gate_d2: 22.46,
        merge_d2: 22.46,
        merge_checks: 3,
        decorrelate_d2: 22.46,
        decorrelate_checks: 3,
        remote_timeout: SimDuration::from_secs(40),
        drift_m: 50.0,
        refresh: None,
        r2: R2Config {
            margin: 2,
            heartbeat: SimDuration::from_secs(12),
            takeover_heartbeats: 3,
        },
        q_m2_s3: 1.0,
        dims: GateDims::PositionVelocity,
        surface: None,
    }
}

pub(super) fn picture(me: u8, first_tn: u32, cfg: PictureConfig) -> CommonPicture {
    CommonPicture::new(me, TnBlock::new(first_tn, 100).expect("valid block"), cfg)
}

/// A target far from the Earth's centre in ECEF, flying 200 m/s east-ish.
pub(super) fn truth_at(t: SimTime, offset: [f64; 3]) -> Vector6 {
    let s = t.as_secs_f64();
    Vector6::new(
        4.0e6 + 200.0 * s + offset[0],
        3.0e6 + 50.0 * s + offset[1],
        3.5e6 + offset[2],
        200.0,
        50.0,
        0.0,
    )
}

pub(super) fn local(id: u32, t: SimTime, x: Vector6, quality: u8) -> LocalTrack {
    LocalTrack {
        id,
        state: TrackState {
            time: t,
            x,
            p: diag([
                150.0f64.powi(2),
                150.0f64.powi(2),
                150.0f64.powi(2),
                100.0,
                100.0,
                100.0,
            ]),
        },
        measured: t,
        quality,
        release: NationSet::first(3),
        ballistic: false,
    }
}

/// What one node sends: a report built from its local track `l`.
pub(super) fn report(origin: u8, o: &crate::Outgoing, l: &LocalTrack) -> RemoteReport {
    RemoteReport {
        origin,
        tn: o.tn,
        state: l.state,
        measured: l.measured,
        quality: l.quality,
        release: l.release,
        ballistic: l.ballistic,
        origin_time: o.origin_time,
    }
}

/// A message between test nodes.
#[derive(Clone, Debug)]
pub(super) enum Msg {
    Report(Box<RemoteReport>),
    Drop(u8, NetworkTrackNumber, bool),
}

/// In-memory nodes (addresses 1..=n) exchanging messages with one frame of latency.
pub(super) struct Net {
    pub(super) nodes: Vec<CommonPicture>,
    pub(super) inbox: Vec<Vec<Msg>>,
    /// Nodes whose messages are no longer delivered.
    pub(super) cut: Vec<bool>,
}

impl Net {
    pub(super) fn new(nodes: Vec<CommonPicture>) -> Self {
        let n = nodes.len();
        Net {
            nodes,
            inbox: vec![Vec::new(); n],
            cut: vec![false; n],
        }
    }

    /// Delivers pending messages, then runs `update_local` on every node with its locals.
    pub(super) fn frame(&mut self, now: SimTime, locals: &[Vec<LocalTrack>]) {
        for k in 0..self.nodes.len() {
            for m in std::mem::take(&mut self.inbox[k]) {
                match m {
                    Msg::Report(r) => self.nodes[k].remote_report(now, *r),
                    Msg::Drop(o, tn, impact) => self.nodes[k].remote_drop(now, o, tn, impact),
                }
            }
        }
        for (k, mine) in locals.iter().enumerate().take(self.nodes.len()) {
            let (outs, drops) = self.nodes[k].update_local(now, mine);
            let me = (k + 1) as u8;
            let mut msgs = Vec::new();
            for o in &outs {
                let l = mine
                    .iter()
                    .find(|l| l.id == o.local_id)
                    .expect("sent local exists");
                self.nodes[k].mark_sent(o.tn, &l.state);
                msgs.push(Msg::Report(Box::new(report(me, o, l))));
            }
            msgs.extend(
                drops
                    .iter()
                    .map(|d| Msg::Drop(me, d.tn, d.why == crate::DropWhy::Impact)),
            );
            if self.cut[k] {
                continue;
            }
            for (j, inbox) in self.inbox.iter_mut().enumerate() {
                if j != k {
                    inbox.extend(msgs.iter().cloned());
                }
            }
        }
    }

    /// Nodes that consider themselves the reporter of some track.
    pub(super) fn reporters(&self, now: SimTime) -> Vec<u8> {
        (0..self.nodes.len())
            .filter(|&k| {
                let me = (k + 1) as u8;
                self.nodes[k]
                    .system_tracks(now)
                    .iter()
                    .any(|s| s.local_id.is_some() && s.reporter == Some(me))
            })
            .map(|k| (k + 1) as u8)
            .collect()
    }
}
