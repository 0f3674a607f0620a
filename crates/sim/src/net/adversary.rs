//! Hostile intruders on a link: they forge, replay or tamper with frames and put them on the
//! wire. They hold no allied key, so every frame they send must be rejected by the receiver's
//! authentication and counted; nothing here bypasses that check.

use crate::input::{Adversary, AdversaryKind, Input};
use base::rng::{Rng, StreamKind, stream};
use base::{NationSet, NodeId, SimTime};
use network::link::SimNetwork;
use network::wire::{
    CovarianceSummary, FrameHeader, Identity, IffEvidence, Message, NodeAddr, NodeSigner,
    TrackKind, TrackNumber, TrackReport,
};
use rand::RngExt;
use std::sync::Arc;

/// Sender address an unknown-key intruder claims (no allied node has it: the scenario holds
/// fewer nodes than this).
const UNKNOWN_ADDR: u8 = 0xFE;

#[derive(Debug)]
pub(crate) struct AdversaryRuntime {
    spec: Adversary,
    signer: NodeSigner,
    rng: Rng,
    seq: u32,
    /// The link end frames are injected towards.
    toward: NodeId,
    pub(crate) injected: u64,
}

impl AdversaryRuntime {
    pub(crate) fn new(input: &Input, index: usize, seed: u64) -> Self {
        let spec = input.adversaries[index].clone();
        let link = &input.links[spec.link.index()];
        let mut rng = stream(seed, StreamKind::Adversary, index as u64);
        let mut key = [0u8; 32];
        rng.fill(&mut key[..]);
        let addr = match spec.kind {
            AdversaryKind::UnknownKey => UNKNOWN_ADDR,
            _ => super::addr(spec.impersonates),
        };
        // Forged frames go to the end that is not the node they pretend to be.
        let toward = if link.a == spec.impersonates {
            link.b
        } else {
            link.a
        };
        AdversaryRuntime {
            signer: NodeSigner::from_seed(NodeAddr(addr), key),
            spec,
            rng,
            seq: 1 << 30,
            toward,
            injected: 0,
        }
    }

    pub(crate) fn spec(&self) -> &Adversary {
        &self.spec
    }

    /// Acts once at `now`.
    pub(crate) fn act(&mut self, now: SimTime, net: &mut SimNetwork, roster: usize) {
        let bytes: Option<Arc<[u8]>> = match self.spec.kind {
            AdversaryKind::Spoof | AdversaryKind::UnknownKey => self.forge(now, roster),
            AdversaryKind::Replay => net.drain_tap(self.spec.link).pop().map(|p| p.bytes),
            AdversaryKind::Tamper => net.drain_tap(self.spec.link).pop().map(|p| {
                let mut b = p.bytes.to_vec();
                let i = self.rng.random_range(0..b.len());
                b[i] ^= 1 << self.rng.random_range(0..8u32);
                b.into()
            }),
        };
        if let Some(bytes) = bytes {
            net.inject(now, self.spec.link, self.toward, bytes);
            self.injected += 1;
        }
    }

    /// A well-formed frame with a plausible ballistic track, signed with the intruder's key.
    fn forge(&mut self, now: SimTime, roster: usize) -> Option<Arc<[u8]>> {
        self.seq = self.seq.wrapping_add(1);
        let t_ms = super::convert::ms(now);
        let report = TrackReport {
            track_number: TrackNumber::new(0xFF_F000 + (self.seq & 0xFFF))?,
            origin: self.signer.addr(),
            origin_nation: base::NationIndex::new(0)?,
            time_ms: t_ms,
            age_s: 0,
            update_age_ms: 0,
            position_m: [-3.9e6, 3.4e6, 3.7e6],
            velocity_mps: [1500.0, -800.0, -2000.0],
            covariance: CovarianceSummary::from_matrix(&diag(100.0, 10.0)),
            quality: 15,
            identity: Identity::Pending,
            iff: IffEvidence::default(),
            kind: TrackKind::Ballistic,
            release: NationSet::first(roster),
        };
        let header = FrameHeader {
            sender: self.signer.addr(),
            epoch: 0,
            seq: self.seq,
            time_ms: t_ms,
            release: NationSet::first(roster),
        };
        self.signer
            .seal(&header, &[Message::Track(report)])
            .ok()
            .map(Into::into)
    }
}

fn diag(sigma_pos_m: f64, sigma_vel_mps: f64) -> [[f64; 6]; 6] {
    let mut p = [[0.0; 6]; 6];
    for (i, row) in p.iter_mut().enumerate() {
        row[i] = if i < 3 {
            sigma_pos_m * sigma_pos_m
        } else {
            sigma_vel_mps * sigma_vel_mps
        };
    }
    p
}
