//! Between the engine's estimates and the wire's messages: local track → track report,
//! track report → fusion input, detection ↔ plot. Time on the wire is milliseconds (tracks:
//! states are predicted to a whole millisecond first) or microseconds (plots) since the
//! scenario start.

use base::{NationId, NationIndex, NationSet, SensorId, SimTime};
use fusion::{Matrix6, TrackState, Vector6};
use geodesy::{Position, Velocity};
use network::wire::{
    CovarianceSummary, Identity, IffEvidence, NodeAddr, Plot, PlotLook, TrackKind, TrackReport,
};
use picture::{Detection, DetectionId, IffMode, IffResponse, Measurement};

/// Milliseconds of a whole-millisecond time (frames are scheduled on millisecond ticks).
pub(crate) fn ms(t: SimTime) -> u32 {
    u32::try_from(t.as_nanos() / 1_000_000).expect("runs are shorter than 49 days")
}

/// Time of a wire millisecond stamp.
pub(crate) fn from_ms(ms: u32) -> SimTime {
    SimTime::from_nanos(i64::from(ms) * 1_000_000)
}

/// Position/velocity part of a tracker report.
pub(crate) fn state6(r: &tracking::tracker::TrackReport) -> TrackState {
    let e = &r.estimate;
    TrackState {
        time: e.time,
        x: Vector6::from_fn(|i, _| e.x[i]),
        p: Matrix6::from_fn(|i, j| e.p[(i, j)]),
    }
}

/// Everything a track report carries besides the state.
pub(crate) struct ReportMeta {
    pub(crate) origin: NodeAddr,
    pub(crate) origin_nation: NationIndex,
    pub(crate) age_s: u16,
    /// Latest measurement behind the state.
    pub(crate) measured: SimTime,
    pub(crate) quality: u8,
    pub(crate) iff: IffEvidence,
    pub(crate) kind: TrackKind,
    pub(crate) identity: Identity,
    pub(crate) release: NationSet,
}

/// A wire track report of `state` (valid at a whole millisecond) under `tn`.
pub(crate) fn report(
    tn: fusion::NetworkTrackNumber,
    state: &TrackState,
    meta: &ReportMeta,
) -> Option<TrackReport> {
    let mut p = [[0.0; 6]; 6];
    for (i, row) in p.iter_mut().enumerate() {
        for (j, v) in row.iter_mut().enumerate() {
            *v = state.p[(i, j)];
        }
    }
    Some(TrackReport {
        track_number: network::wire::TrackNumber::new(tn.get())?,
        origin: meta.origin,
        origin_nation: meta.origin_nation,
        time_ms: ms(state.time),
        age_s: meta.age_s,
        // Floor of the measurement's ms: the age rounds up, never fresher than it is.
        update_age_ms: ms(state.time).saturating_sub(ms(meta.measured)),
        position_m: [state.x[0], state.x[1], state.x[2]],
        velocity_mps: [state.x[3], state.x[4], state.x[5]],
        covariance: CovarianceSummary::from_matrix(&p),
        quality: meta.quality,
        identity: meta.identity,
        iff: meta.iff,
        kind: meta.kind,
        release: meta.release,
    })
}

/// The state a received report describes (covariance as decoded: conservative).
pub(crate) fn received_state(r: &TrackReport) -> TrackState {
    let p = r.covariance.to_matrix();
    TrackState {
        time: from_ms(r.time_ms),
        x: Vector6::new(
            r.position_m[0],
            r.position_m[1],
            r.position_m[2],
            r.velocity_mps[0],
            r.velocity_mps[1],
            r.velocity_mps[2],
        ),
        p: Matrix6::from_fn(|i, j| p[i][j]),
    }
}

/// IFF evidence of one detection.
pub(crate) fn iff_of(r: IffResponse) -> IffEvidence {
    IffEvidence {
        interrogated: !matches!(r, IffResponse::NotInterrogated),
        military_reply: matches!(r, IffResponse::Reply(IffMode::Military)),
        civil_reply: matches!(r, IffResponse::Reply(IffMode::Civil)),
    }
}

/// The plot of a radar detection (`None` for other measurement kinds: only radar plots are
/// shared; space-IR cues stay with their node).
pub(crate) fn plot(
    d: &Detection,
    origin: NodeAddr,
    release: NationSet,
    look: PlotLook,
) -> Option<Plot> {
    let Measurement::Radar {
        range_m,
        az_rad,
        el_rad,
        range_rate_mps,
        sigma_range_m,
        sigma_az_rad,
        sigma_el_rad,
        sigma_range_rate_mps,
    } = d.measurement
    else {
        return None;
    };
    let s = d.sensor_position.xyz_m();
    Some(Plot {
        sensor: u16::try_from(d.sensor.get()).ok()?,
        origin,
        time_us: u64::try_from(d.time_measured.as_nanos() / 1_000).ok()?,
        sensor_position_m: [s.x, s.y, s.z],
        range_m,
        azimuth_rad: az_rad,
        elevation_rad: el_rad,
        // Receivers do not know the sensor's own motion, so a moving radar's range rate
        // would be mis-compensated: only fixed radars share it.
        range_rate_mps: range_rate_mps.filter(|_| d.sensor_velocity.speed_mps() == 0.0),
        sigma_range_m,
        sigma_azimuth_rad: sigma_az_rad,
        sigma_elevation_rad: sigma_el_rad,
        sigma_range_rate_mps: sigma_range_rate_mps.unwrap_or(0.0),
        iff: iff_of(d.iff),
        snr_db: d.snr_db,
        release,
        look,
    })
}

/// A received plot as a detection the node's composite tracker can use. `seq` numbers the
/// node's received plots (unique per receiving node).
pub(crate) fn detection(p: &Plot, nation: NationId, seq: u64) -> Detection {
    let iff = if p.iff.military_reply {
        IffResponse::Reply(IffMode::Military)
    } else if p.iff.civil_reply {
        IffResponse::Reply(IffMode::Civil)
    } else if p.iff.interrogated {
        IffResponse::NoReply
    } else {
        IffResponse::NotInterrogated
    };
    let sensor = SensorId::new(usize::from(p.sensor));
    Detection {
        id: DetectionId::new(sensor, seq),
        sensor,
        nation,
        time_measured: SimTime::from_nanos(
            i64::try_from(p.time_us).unwrap_or(i64::MAX / 1000) * 1_000,
        ),
        sensor_position: Position::ecef(
            p.sensor_position_m[0],
            p.sensor_position_m[1],
            p.sensor_position_m[2],
        ),
        sensor_velocity: Velocity::ecef(0.0, 0.0, 0.0),
        measurement: Measurement::Radar {
            range_m: p.range_m,
            az_rad: p.azimuth_rad,
            el_rad: p.elevation_rad,
            range_rate_mps: p.range_rate_mps,
            sigma_range_m: p.sigma_range_m,
            sigma_az_rad: p.sigma_azimuth_rad,
            sigma_el_rad: p.sigma_elevation_rad,
            sigma_range_rate_mps: p.range_rate_mps.map(|_| p.sigma_range_rate_mps),
        },
        snr_db: p.snr_db,
        iff,
    }
}

/// An identity's wire code (the wire's identity set is PRIMER §5.1's, in the same order).
pub(crate) fn identity(i: c2::identify::Identity) -> Identity {
    use c2::identify::Identity as I;
    match i {
        I::Pending => Identity::Pending,
        I::Unknown => Identity::Unknown,
        I::AssumedFriend => Identity::AssumedFriend,
        I::Friend => Identity::Friend,
        I::Neutral => Identity::Neutral,
        I::Suspect => Identity::Suspect,
        I::Hostile => Identity::Hostile,
    }
}

/// A received identity in C2's terms.
pub(crate) fn declared(i: Identity) -> c2::identify::Identity {
    use c2::identify::Identity as I;
    match i {
        Identity::Pending => I::Pending,
        Identity::Unknown => I::Unknown,
        Identity::AssumedFriend => I::AssumedFriend,
        Identity::Friend => I::Friend,
        Identity::Neutral => I::Neutral,
        Identity::Suspect => I::Suspect,
        Identity::Hostile => I::Hostile,
    }
}
