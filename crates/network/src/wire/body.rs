//! Per-message layouts (type tag first, fixed length per type, big-endian): encoding with
//! range checks and decoding with canonical-value checks. docs/wire.md tabulates every byte.

use super::codec::Reader;
use super::scale::{linear, log_code_up, log_value, u24_bytes, u48_bytes};
use super::{CovarianceSummary, DecodeError, DropReason, EncodeError, Identity, IffEvidence};
use super::{IdentityChange, Message, NodeAddr, NodeStatus, Plot, PlotLook, TrackDrop, TrackKind};
use super::{TrackNumber, TrackReport};
use base::{NationIndex, NationSet};
use core::f64::consts::{FRAC_PI_2, TAU};

const TAG_TRACK: u8 = 0x01;
const TAG_DROP: u8 = 0x02;
const TAG_IDENTITY: u8 = 0x03;
const TAG_STATUS: u8 = 0x04;
const TAG_PLOT: u8 = 0x05;

/// ECEF position step (m).
pub(crate) const POSITION_STEP: f64 = 0.004;
/// ECEF velocity and range-rate step (m/s).
pub(crate) const VELOCITY_STEP: f64 = 0.25;
/// Plot range step (m).
pub(crate) const RANGE_STEP: f64 = 0.01;
/// Plot azimuth step (rad).
pub(crate) const AZIMUTH_STEP: f64 = TAU / 65536.0;
/// Plot elevation step (rad).
pub(crate) const ELEVATION_STEP: f64 = FRAC_PI_2 / 32767.0;
/// Plot SNR step (dB).
pub(crate) const SNR_STEP: f64 = 0.25;
/// Log-scale bases of the plot sigmas: range (m), angles (rad), range rate (m/s).
pub(crate) const SIGMA_RANGE_BASE: f64 = 0.01;
pub(crate) const SIGMA_ANGLE_BASE: f64 = 1e-6;
pub(crate) const SIGMA_RANGE_RATE_BASE: f64 = 0.01;
/// Plot flag: range rate present.
const RANGE_RATE_PRESENT: u8 = 0x10;
/// Plot flag: the plot's look was a full search frame.
const FULL_LOOK: u8 = 0x20;
/// Largest plot time (48 bits of µs, ≈ 8.9 years).
const MAX_TIME_US: u64 = (1 << 48) - 1;

pub(crate) fn encode(m: &Message, release: NationSet, w: &mut Vec<u8>) -> Result<(), EncodeError> {
    match m {
        Message::Track(t) => {
            if t.release != release {
                return Err(EncodeError::ReleaseMismatch);
            }
            encode_track(t, w)
        }
        Message::Drop(d) => {
            let (reason, survivor) = d.reason.code();
            w.push(TAG_DROP);
            w.extend_from_slice(&u24_bytes(d.track_number.get()));
            w.push(d.origin.0);
            w.extend_from_slice(&d.time_ms.to_be_bytes());
            w.push(reason);
            w.extend_from_slice(&u24_bytes(survivor));
            Ok(())
        }
        Message::Identity(i) => {
            w.push(TAG_IDENTITY);
            w.extend_from_slice(&u24_bytes(i.track_number.get()));
            w.push(i.identity.code());
            w.push(i.authority.0);
            w.extend_from_slice(&i.time_ms.to_be_bytes());
            Ok(())
        }
        Message::Status(s) => {
            w.push(TAG_STATUS);
            w.push(s.node.0);
            w.extend_from_slice(&s.time_ms.to_be_bytes());
            w.extend_from_slice(&s.tracks_held.to_be_bytes());
            w.extend_from_slice(&s.tracks_reported.to_be_bytes());
            w.push(s.flags);
            Ok(())
        }
        Message::Plot(p) => {
            if p.release != release {
                return Err(EncodeError::ReleaseMismatch);
            }
            encode_plot(p, w)
        }
    }
}

pub(crate) fn decode(r: &mut Reader<'_>, release: NationSet) -> Result<Message, DecodeError> {
    let [tag] = r.take()?;
    let message = match tag {
        TAG_TRACK => Message::Track(decode_track(r)?),
        TAG_DROP => {
            let track_number = track_number(r)?;
            let [origin] = r.take()?;
            let time_ms = u32::from_be_bytes(r.take()?);
            let [reason] = r.take()?;
            let survivor = u24(r.take()?);
            let reason = DropReason::from_code(reason, survivor).ok_or(out_of_range("reason"))?;
            Message::Drop(TrackDrop {
                track_number,
                origin: NodeAddr(origin),
                time_ms,
                reason,
            })
        }
        TAG_IDENTITY => {
            let track_number = track_number(r)?;
            let [identity, authority] = r.take()?;
            Message::Identity(IdentityChange {
                track_number,
                identity: Identity::from_code(identity).ok_or(out_of_range("identity"))?,
                authority: NodeAddr(authority),
                time_ms: u32::from_be_bytes(r.take()?),
            })
        }
        TAG_STATUS => {
            let [node] = r.take()?;
            Message::Status(NodeStatus {
                node: NodeAddr(node),
                time_ms: u32::from_be_bytes(r.take()?),
                tracks_held: u16::from_be_bytes(r.take()?),
                tracks_reported: u16::from_be_bytes(r.take()?),
                flags: u8::from_be_bytes(r.take()?),
            })
        }
        TAG_PLOT => Message::Plot(decode_plot(r)?),
        other => return Err(DecodeError::UnknownMessageType(other)),
    };
    let own_release = match &message {
        Message::Track(t) => Some(t.release),
        Message::Plot(p) => Some(p.release),
        _ => None,
    };
    if own_release.is_some_and(|own| own != release) {
        return Err(DecodeError::ReleaseMismatch);
    }
    Ok(message)
}

fn encode_track(t: &TrackReport, w: &mut Vec<u8>) -> Result<(), EncodeError> {
    if t.quality > 15 {
        return Err(EncodeError::OutOfRange { field: "quality" });
    }
    w.push(TAG_TRACK);
    w.extend_from_slice(&u24_bytes(t.track_number.get()));
    w.push(t.origin.0);
    w.push(t.origin_nation.index() as u8);
    w.extend_from_slice(&t.time_ms.to_be_bytes());
    w.extend_from_slice(&t.age_s.to_be_bytes());
    w.extend_from_slice(&update_age_code(t.update_age_ms).to_be_bytes());
    put_position(&t.position_m, "position", w)?;
    for v in t.velocity_mps {
        let q = linear(
            v,
            VELOCITY_STEP,
            i16::MIN.into(),
            i16::MAX.into(),
            "velocity",
        )?;
        w.extend_from_slice(&(q as i16).to_be_bytes());
    }
    w.extend_from_slice(&t.covariance.to_bytes());
    w.push(t.quality << 4 | t.identity.code());
    w.push(t.iff.code() << 4 | t.kind.code());
    w.push(t.release.bits());
    Ok(())
}

/// Update age step on the wire, ms.
const UPDATE_AGE_STEP_MS: u32 = 100;

/// The update age in whole steps, rounded up (never fresher than it is), saturating.
fn update_age_code(ms: u32) -> u16 {
    u16::try_from(ms.div_ceil(UPDATE_AGE_STEP_MS)).unwrap_or(u16::MAX)
}

fn decode_track(r: &mut Reader<'_>) -> Result<TrackReport, DecodeError> {
    let track_number = track_number(r)?;
    let [origin, nation] = r.take()?;
    let time_ms = u32::from_be_bytes(r.take()?);
    let age_s = u16::from_be_bytes(r.take()?);
    let update_age_ms = u32::from(u16::from_be_bytes(r.take()?)) * UPDATE_AGE_STEP_MS;
    let position_m = get_position(r)?;
    let mut velocity_mps = [0.0; 3];
    for v in &mut velocity_mps {
        *v = f64::from(i16::from_be_bytes(r.take()?)) * VELOCITY_STEP;
    }
    let covariance = CovarianceSummary::from_bytes(r.take()?).ok_or(out_of_range("covariance"))?;
    let [quality_identity, iff_kind, release] = r.take()?;
    Ok(TrackReport {
        track_number,
        origin: NodeAddr(origin),
        origin_nation: NationIndex::new(nation.into()).ok_or(out_of_range("origin_nation"))?,
        time_ms,
        age_s,
        update_age_ms,
        position_m,
        velocity_mps,
        covariance,
        quality: quality_identity >> 4,
        identity: Identity::from_code(quality_identity & 0x0F).ok_or(out_of_range("identity"))?,
        iff: IffEvidence::from_code(iff_kind >> 4).ok_or(out_of_range("iff"))?,
        kind: TrackKind::from_code(iff_kind & 0x0F).ok_or(out_of_range("kind"))?,
        release: NationSet::from_bits(release),
    })
}

fn encode_plot(p: &Plot, w: &mut Vec<u8>) -> Result<(), EncodeError> {
    if p.time_us > MAX_TIME_US {
        return Err(EncodeError::OutOfRange { field: "time_us" });
    }
    let range = linear(p.range_m, RANGE_STEP, 0, u32::MAX.into(), "range")? as u32;
    if !p.azimuth_rad.is_finite() {
        return Err(EncodeError::OutOfRange { field: "azimuth" });
    }
    let azimuth = linear(
        p.azimuth_rad.rem_euclid(TAU),
        AZIMUTH_STEP,
        0,
        65536,
        "azimuth",
    )?;
    let elevation = linear(p.elevation_rad, ELEVATION_STEP, -32767, 32767, "elevation")? as i16;
    let (range_rate, present) = match p.range_rate_mps {
        Some(rr) => {
            let q = linear(
                rr,
                VELOCITY_STEP,
                i16::MIN.into(),
                i16::MAX.into(),
                "range_rate",
            )?;
            (q as i16, RANGE_RATE_PRESENT)
        }
        None => (0, 0),
    };
    let sigma = |value: f64, base: f64, field: &'static str| {
        log_code_up(value, base).ok_or(EncodeError::OutOfRange { field })
    };
    let sigmas = [
        sigma(p.sigma_range_m, SIGMA_RANGE_BASE, "sigma_range")?,
        sigma(p.sigma_azimuth_rad, SIGMA_ANGLE_BASE, "sigma_azimuth")?,
        sigma(p.sigma_elevation_rad, SIGMA_ANGLE_BASE, "sigma_elevation")?,
        sigma(
            p.sigma_range_rate_mps,
            SIGMA_RANGE_RATE_BASE,
            "sigma_range_rate",
        )?,
    ];
    if p.snr_db.is_nan() {
        return Err(EncodeError::OutOfRange { field: "snr" });
    }
    let snr = (p.snr_db / SNR_STEP).round().clamp(0.0, 255.0) as u8;
    if p.look.plots == 0 {
        return Err(EncodeError::OutOfRange {
            field: "look_plots",
        });
    }
    let full = if p.look.full { FULL_LOOK } else { 0 };
    w.push(TAG_PLOT);
    w.extend_from_slice(&p.sensor.to_be_bytes());
    w.push(p.origin.0);
    w.extend_from_slice(&u48_bytes(p.time_us));
    put_position(&p.sensor_position_m, "sensor_position", w)?;
    w.extend_from_slice(&range.to_be_bytes());
    // A value within half a step below 2π wraps to code 0 (the same direction).
    w.extend_from_slice(&((azimuth % 65536) as u16).to_be_bytes());
    w.extend_from_slice(&elevation.to_be_bytes());
    w.extend_from_slice(&range_rate.to_be_bytes());
    w.extend_from_slice(&sigmas);
    w.push(p.iff.code() | present | full);
    w.push(snr);
    w.push(p.release.bits());
    w.extend_from_slice(&p.look.seq.to_be_bytes());
    w.extend_from_slice(&p.look.plots.to_be_bytes());
    Ok(())
}

fn decode_plot(r: &mut Reader<'_>) -> Result<Plot, DecodeError> {
    let sensor = u16::from_be_bytes(r.take()?);
    let [origin] = r.take()?;
    let t: [u8; 6] = r.take()?;
    let time_us = u64::from_be_bytes([0, 0, t[0], t[1], t[2], t[3], t[4], t[5]]);
    let sensor_position_m = get_position(r)?;
    let range_m = f64::from(u32::from_be_bytes(r.take()?)) * RANGE_STEP;
    let azimuth_rad = f64::from(u16::from_be_bytes(r.take()?)) * AZIMUTH_STEP;
    let elevation = i16::from_be_bytes(r.take()?);
    if elevation == i16::MIN {
        return Err(out_of_range("elevation"));
    }
    let range_rate = i16::from_be_bytes(r.take()?);
    let [s_range, s_az, s_el, s_rr, flags, snr, release] = r.take()?;
    let look_seq = u16::from_be_bytes(r.take()?);
    let look_plots = u16::from_be_bytes(r.take()?);
    if look_plots == 0 {
        return Err(out_of_range("look_plots"));
    }
    if flags & !(0x07 | RANGE_RATE_PRESENT | FULL_LOOK) != 0 {
        return Err(out_of_range("plot_flags"));
    }
    let range_rate_mps = if flags & RANGE_RATE_PRESENT != 0 {
        Some(f64::from(range_rate) * VELOCITY_STEP)
    } else if range_rate == 0 {
        None
    } else {
        return Err(out_of_range("range_rate"));
    };
    Ok(Plot {
        sensor,
        origin: NodeAddr(origin),
        time_us,
        sensor_position_m,
        range_m,
        azimuth_rad,
        elevation_rad: f64::from(elevation) * ELEVATION_STEP,
        range_rate_mps,
        sigma_range_m: log_value(s_range, SIGMA_RANGE_BASE),
        sigma_azimuth_rad: log_value(s_az, SIGMA_ANGLE_BASE),
        sigma_elevation_rad: log_value(s_el, SIGMA_ANGLE_BASE),
        sigma_range_rate_mps: log_value(s_rr, SIGMA_RANGE_RATE_BASE),
        iff: IffEvidence::from_code(flags & 0x07).ok_or(out_of_range("iff"))?,
        snr_db: f64::from(snr) * SNR_STEP,
        release: NationSet::from_bits(release),
        look: PlotLook {
            seq: look_seq,
            plots: look_plots,
            full: flags & FULL_LOOK != 0,
        },
    })
}

fn put_position(p: &[f64; 3], field: &'static str, w: &mut Vec<u8>) -> Result<(), EncodeError> {
    for v in p {
        let q = linear(*v, POSITION_STEP, i32::MIN.into(), i32::MAX.into(), field)?;
        w.extend_from_slice(&(q as i32).to_be_bytes());
    }
    Ok(())
}

fn get_position(r: &mut Reader<'_>) -> Result<[f64; 3], DecodeError> {
    let mut p = [0.0; 3];
    for v in &mut p {
        *v = f64::from(i32::from_be_bytes(r.take()?)) * POSITION_STEP;
    }
    Ok(p)
}

fn track_number(r: &mut Reader<'_>) -> Result<TrackNumber, DecodeError> {
    TrackNumber::new(u24(r.take()?)).ok_or(out_of_range("track_number"))
}

fn u24(b: [u8; 3]) -> u32 {
    u32::from_be_bytes([0, b[0], b[1], b[2]])
}

fn out_of_range(field: &'static str) -> DecodeError {
    DecodeError::FieldOutOfRange { field }
}
