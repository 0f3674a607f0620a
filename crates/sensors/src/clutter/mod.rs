//! False alarms: a Poisson number per scan with mean `Pfa × n_cells`, each in a uniformly
//! chosen resolution cell of the surveyed volume, drawn only from the sensor's clutter stream.

use crate::geometry::wrap_two_pi;
use crate::model::{Labeled, Radar, TruthLabel};
use crate::radar::{MEASURED_SNR_FLOOR, Platform, Sweep};
use crate::swerling::draw_false_alarm_statistic;
use base::rng::Rng;
use picture::{Detection, DetectionId, IffResponse};
use rand::RngExt;
use rand_distr::{Distribution, Poisson};

/// Cap on the mean number of false alarms per scan. `Pfa × n_cells` above this means the
/// parameters describe a radar no operator would run (every scan a flood of plots); drawing
/// the full count would only stall the tracker. Notional, chosen two orders above any
/// plausible surveillance setting (the scenario defaults give ≈ 90); reported by
/// [`Radar::expected_false_alarms`] uncapped so a front end can warn.
pub const MAX_FALSE_ALARMS_PER_SCAN: f64 = 10_000.0;

/// Half-span of the range rate given to false alarms, m/s: noise lands in any Doppler bin, so
/// its range rate is uniform over a notional unambiguous span of ±1000 m/s.
pub const FALSE_ALARM_MAX_RANGE_RATE_MPS: f64 = 1_000.0;

/// Appends this scan's false alarms to `out` (numbers are assigned later by the scan).
///
/// Per false alarm, in this order from `rng`: range, azimuth, elevation (each uniform over the
/// surveyed span, i.e. a uniformly chosen resolution cell, since cells are equal steps in
/// range, azimuth and elevation), the detector statistic `T + Exp(1)`, then the range rate if
/// measured. The measurement time follows the beam rule for the drawn azimuth; the platform's
/// state at that time gives the report's origin (a platform gone by then drops the plot after
/// its draws, so later plots are unaffected).
pub(crate) fn add_false_alarms(
    radar: &Radar,
    sweep: &Sweep,
    platform: &Platform<'_>,
    rng: &mut Rng,
    out: &mut Vec<Labeled>,
) {
    let d = &radar.derived;
    if d.false_alarm_mean <= 0.0 {
        return;
    }
    let count: f64 = Poisson::new(d.false_alarm_mean)
        .expect("false-alarm mean is positive, finite and capped")
        .sample(rng);
    let p = &radar.params;
    let iff = if p.iff {
        IffResponse::NoReply
    } else {
        IffResponse::NotInterrogated
    };
    // A Poisson draw is a non-negative whole number; with the mean capped it fits u64 exactly.
    for _ in 0..count as u64 {
        let range_m = p.min_range_m + rng.random::<f64>() * (p.max_range_m - p.min_range_m);
        let az_rad = wrap_two_pi(d.left_edge_rad + rng.random::<f64>() * d.width_rad);
        let el_rad = d.min_el_rad + rng.random::<f64>() * (d.max_el_rad - d.min_el_rad);
        let z = draw_false_alarm_statistic(d.threshold, rng);
        let snr = (z - 1.0).max(MEASURED_SNR_FLOOR);
        let range_rate_mps = p
            .sigma_range_rate_mps
            .map(|_| (2.0 * rng.random::<f64>() - 1.0) * FALSE_ALARM_MAX_RANGE_RATE_MPS);
        let t = radar.beam_time_in(sweep, az_rad);
        let Some(sensor) = platform.state_at(t) else {
            continue;
        };
        let scale = radar.noise_scale(snr);
        let sigma = d.sigma.map(|s| s * scale);
        out.push(Labeled {
            detection: Detection {
                id: DetectionId::new(radar.id, 0),
                sensor: radar.id,
                nation: radar.nation,
                time_measured: t,
                sensor_position: sensor.position,
                sensor_velocity: sensor.velocity,
                measurement: radar.plot(range_m, az_rad, el_rad, range_rate_mps, sigma),
                snr_db: crate::ratio_to_db(snr),
                iff,
            },
            truth: TruthLabel::FalseAlarm,
        });
    }
}

#[cfg(test)]
mod tests;
