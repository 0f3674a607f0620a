//! The radar scan: per target, when the beam passes it, whether it is in coverage (range, field
//! of regard, elevation mask, 4/3-Earth horizon), whether it is detected (RCS fluctuation and
//! square-law detector draw, or a nominal Pd), and what is measured; then the scan's false
//! alarms, measurement-time ordering and report numbers.

mod measure;
mod validate;

pub use measure::{MAX_NOISE_SCALE, MIN_NOISE_SCALE};
pub use validate::MAX_PFA;
pub(crate) use validate::{MIN_PERIOD_S, err, finite, positive, validate};

use crate::geometry::{
    LocalFrame, clears_horizon, height_approx_m, radius_of_curvature_m, wrap_pi, wrap_two_pi,
};
use crate::model::{Labeled, Radar, SensorRngs, Target, TruthLabel};
use crate::swerling::{draw_rcs_factor, draw_square_law, threshold};
use crate::{DetectionModel, RadarParams, ScanKind, clutter, iff};
use base::rng::Rng;
use base::{SimDuration, SimTime};
use core::f64::consts::{PI, TAU};
use dynamics::{State, Trajectory};
use geodesy::Vec3;
use picture::{Detection, DetectionId};
use rand::RngExt;

/// Bound on the acceleration of any target or platform, m/s² (≈ 100 g: above ballistic boost,
/// aircraft and notional interceptor manoeuvres), used only by the early range reject: an
/// object at range `r₀` at the scan start cannot reach the instrumented span during the scan
/// if `|r₀ − span| > (|v_t| + |v_s|)·P + a·P²` (each object contributes `½aP²`).
const MAX_ACCELERATION_MPS2: f64 = 1_000.0;

/// Shortest sweep, ns (validation keeps periods at least this long).
pub(crate) const MIN_SWEEP_NS: i64 = 1_000;

/// Floor on a detection's measured SNR (statistic − 1), linear. A square-law detection always
/// exceeds `T = −ln Pfa ≥ 2.3`, so the floor never binds for the radar equation; it only keeps
/// the SNR-scaled noise finite whatever the model.
pub(crate) const MEASURED_SNR_FLOOR: f64 = 1.0;

/// Per-radar constants derived once from the parameters, so a scan does no trigonometry or
/// logarithms per target beyond the geometry itself.
#[derive(Clone, Debug)]
pub(crate) struct Derived {
    /// Detection threshold for unit noise power, `−ln Pfa`.
    pub(crate) threshold: f64,
    /// Radar-equation reference `(SNR₀ linear, R₀ m)`, or `None` for the nominal model.
    pub(crate) reference: Option<(f64, f64)>,
    /// Nominal Pd (nominal model only; unused otherwise).
    pub(crate) nominal_pd: f64,
    /// SNR (linear) at which the parameter sigmas apply; also the nominal model's reported SNR.
    pub(crate) noise_ref_snr: f64,
    /// Scan period, ns (≥ 1000 by validation).
    pub(crate) period_ns: i64,
    /// Whether the field of regard is all round (half-width 180°).
    pub(crate) all_round: bool,
    /// Boresight azimuth, rad.
    pub(crate) boresight_rad: f64,
    /// Azimuth half-width, rad.
    pub(crate) half_width_rad: f64,
    /// Left (anticlockwise) edge of the field, rad in `[0, 2π)`.
    pub(crate) left_edge_rad: f64,
    /// Azimuth extent of the field, rad (2π when all round).
    pub(crate) width_rad: f64,
    /// Elevation limits, rad.
    pub(crate) min_el_rad: f64,
    /// See `min_el_rad`.
    pub(crate) max_el_rad: f64,
    /// Noise sigmas at the reference SNR: range m, azimuth rad, elevation rad.
    pub(crate) sigma: [f64; 3],
    /// Registration biases: range m, azimuth rad, elevation rad.
    pub(crate) bias: [f64; 3],
    /// Resolution cells per scan (see the crate docs).
    pub(crate) n_cells: f64,
    /// `Pfa × n_cells`.
    pub(crate) false_alarm_mean_uncapped: f64,
    /// The Poisson mean actually drawn from (capped).
    pub(crate) false_alarm_mean: f64,
    /// SNR gain of a dedicated dwell over a search look: the dwell's length over a search
    /// look's (`scan_period / beams in the field of regard`), at least 1 (crate docs).
    pub(crate) dwell_gain: f64,
}

impl Derived {
    pub(crate) fn new(p: &RadarParams) -> Self {
        let (pfa, reference, nominal_pd) = match p.detection {
            DetectionModel::RadarEquation {
                ref_range_m,
                ref_snr_db,
                pfa,
            } => (
                pfa,
                Some((crate::db_to_ratio(ref_snr_db), ref_range_m)),
                0.0,
            ),
            DetectionModel::Nominal { pd, pfa } => (pfa, None, pd.get()),
        };
        let all_round = p.field.az_half_width_deg >= 180.0;
        let half_width_rad = p.field.az_half_width_deg.to_radians();
        let boresight_rad = wrap_two_pi(p.field.boresight_az_deg.to_radians());
        let width_rad = if all_round { TAU } else { 2.0 * half_width_rad };
        let beam_rad = p.beamwidth_deg.to_radians();
        let (min_el_rad, max_el_rad) = (
            p.field.min_el_deg.to_radians(),
            p.field.max_el_deg.to_radians(),
        );
        let n_cells = (p.max_range_m - p.min_range_m) / p.range_resolution_m
            * (width_rad / beam_rad)
            * ((max_el_rad - min_el_rad) / beam_rad);
        let false_alarm_mean_uncapped = pfa * n_cells;
        let n_beams = (width_rad / beam_rad) * ((max_el_rad - min_el_rad) / beam_rad).max(1.0);
        let search_look_s = p.scan_period_s / n_beams.max(1.0);
        let dwell_gain = (p.budget.track_dwell_s / search_look_s).max(1.0);
        Derived {
            threshold: threshold(pfa),
            reference,
            nominal_pd,
            noise_ref_snr: crate::db_to_ratio(p.noise_ref_snr_db),
            period_ns: SimDuration::from_secs_f64(p.scan_period_s).as_nanos(),
            all_round,
            boresight_rad,
            half_width_rad,
            left_edge_rad: wrap_two_pi(boresight_rad - if all_round { PI } else { half_width_rad }),
            width_rad,
            min_el_rad,
            max_el_rad,
            sigma: [
                p.sigma_range_m,
                p.sigma_az_deg.to_radians(),
                p.sigma_el_deg.to_radians(),
            ],
            bias: [
                p.bias_range_m,
                p.bias_az_deg.to_radians(),
                p.bias_el_deg.to_radians(),
            ],
            n_cells,
            false_alarm_mean_uncapped,
            false_alarm_mean: false_alarm_mean_uncapped.min(clutter::MAX_FALSE_ALARMS_PER_SCAN),
            dwell_gain,
        }
    }
}

/// The sensor's antenna during one scan: its platform's state raised by the antenna height
/// along the local vertical (a ship's array high on its superstructure sees farther over the
/// horizon than one at the waterline). A platform parked for the whole scan (past its last
/// sample and holding it, as fixed sites are) answers from its one state without searching the
/// trajectory; the answers are identical to the trajectory's.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Platform<'a> {
    /// Constant antenna state from the scan start on.
    Parked(State),
    /// Query the trajectory and raise the antenna by this height, m.
    Moving(&'a Trajectory, f64),
}

impl<'a> Platform<'a> {
    /// The antenna, `height_m` above `trajectory`'s point, for a scan starting at `scan_start`.
    pub(crate) fn for_scan(trajectory: &'a Trajectory, scan_start: SimTime, height_m: f64) -> Self {
        match trajectory.state_at(scan_start) {
            Some(state) if trajectory.holds_after_end() && trajectory.end() <= scan_start => {
                Platform::Parked(raised(state, height_m))
            }
            _ => Platform::Moving(trajectory, height_m),
        }
    }
    /// Antenna state at `t` (`t` not before the scan start).
    pub(crate) fn state_at(&self, t: SimTime) -> Option<State> {
        match self {
            Platform::Parked(state) => Some(*state),
            Platform::Moving(trajectory, h) => trajectory.state_at(t).map(|s| raised(s, *h)),
        }
    }
}

/// `state` moved `height_m` up the ellipsoid normal (the same velocity: the mast turns with
/// the platform, and its lever-arm velocity is negligible).
pub(crate) fn raised(state: State, height_m: f64) -> State {
    if height_m == 0.0 {
        return state;
    }
    let up = state.position.to_wgs84().up();
    State {
        position: geodesy::Position::ecef_from_vec(state.position.xyz_m() + up * height_m),
        ..state
    }
}

/// The antenna's state at `t`: the platform's, raised by the mast (`None` before the
/// platform exists).
fn antenna_at(radar: &Radar, platform: &Trajectory, t: SimTime) -> Option<State> {
    platform
        .state_at(t)
        .map(|s| raised(s, radar.params.antenna_height_m))
}

/// One sweep of the beam across azimuth at a constant rate: a whole search frame (stretched
/// when dedicated dwells take part of the array's time) or a cued search sector.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sweep {
    /// When the sweep starts.
    pub(crate) start: SimTime,
    /// Its left (anticlockwise) edge, rad in `[0, 2π)` (a rotator's frame starts at north).
    pub(crate) left_rad: f64,
    /// Its azimuth extent, rad.
    pub(crate) width_rad: f64,
    /// Its duration, ns (≥ 1000).
    pub(crate) period_ns: i64,
    /// A cued sector: only targets inside `[left, left + width]` and below `top_el_rad` are
    /// looked at.
    pub(crate) sector: bool,
    /// Highest elevation a cued sector covers, rad (frames: the field of regard's).
    pub(crate) top_el_rad: f64,
}

impl Radar {
    /// The search frame starting at `scan_start` and lasting `period_ns`.
    pub(crate) fn frame(&self, scan_start: SimTime, period_ns: i64) -> Sweep {
        Sweep {
            start: scan_start,
            left_rad: self.derived.left_edge_rad,
            width_rad: self.derived.width_rad,
            period_ns,
            sector: false,
            top_el_rad: self.derived.max_el_rad,
        }
    }

    /// When within `sweep` the beam points at azimuth `az_rad`.
    ///
    /// Rotator frame: the antenna turns clockwise from north once per period, so the fraction
    /// is `az/2π`. Phased-array frame (and any cued sector): the beam sweeps from the left
    /// (anticlockwise) edge to the right edge once per period, so the fraction is the offset
    /// from the left edge over the width (clamped for azimuths outside). Times are whole
    /// nanoseconds in `[start, start + period)`.
    pub(crate) fn beam_time_in(&self, sweep: &Sweep, az_rad: f64) -> SimTime {
        let fraction = match (self.params.scan, sweep.sector) {
            (ScanKind::Rotator, false) => az_rad / TAU,
            _ => (wrap_two_pi(az_rad - sweep.left_rad) / sweep.width_rad).min(1.0),
        };
        let offset_ns = ((fraction * sweep.period_ns as f64) as i64).clamp(0, sweep.period_ns - 1);
        sweep.start + SimDuration::from_nanos(offset_ns)
    }

    /// Whether an azimuth and elevation lie in the field of regard (azimuth wrap-around safe).
    pub(crate) fn in_field(&self, az_rad: f64, el_rad: f64) -> bool {
        let d = &self.derived;
        (d.all_round || wrap_pi(az_rad - d.boresight_rad).abs() <= d.half_width_rad)
            && el_rad >= d.min_el_rad
            && el_rad <= d.max_el_rad
    }

    /// The beam time for a target: a fixed point of azimuth ↔ time, from the scan start or
    /// from the target's first instant when it appears during the scan. `None` when the target
    /// cannot be within the instrumented span during this scan (see [`MAX_ACCELERATION_MPS2`])
    /// or does not exist at a guess (appeared after, or vanished before, the beam came by).
    ///
    /// Steps: azimuth of the exact state at the first instant → beam time `t₁`; azimuth of the
    /// linear extrapolation to `t₁` → `t₂`; azimuth of the exact state at `t₂` → `t₃`, the
    /// measurement time. Each step shrinks the beam/target azimuth mismatch by `ω·P/2π`
    /// (target azimuth rate ω, period P), ≈ 0.02 for a 300 m/s crossing target at 20 km and a
    /// 10 s rotator, leaving ≈ 2e-5 rad there (tested), far inside a beamwidth; the
    /// extrapolated step saves a trajectory query. Azimuths for timing use the scan-start
    /// frame's axes with the platform's position at each time; a moving platform's axes turn
    /// by less than 1e-4 rad over a scan, irrelevant to timing.
    fn target_beam_time(
        &self,
        sweep: &Sweep,
        platform: &Platform<'_>,
        frame0: &LocalFrame,
        trajectory: &Trajectory,
    ) -> Option<SimTime> {
        let (scan_start, period_ns) = (sweep.start, sweep.period_ns);
        let t0 = scan_start.max(trajectory.start());
        if t0 >= scan_start + SimDuration::from_nanos(period_ns) {
            return None;
        }
        let target = trajectory.state_at(t0)?;
        let sensor = platform.state_at(t0)?;
        let offset = target.position.xyz_m() - sensor.position.xyz_m();
        let relative_velocity = target.velocity.xyz_mps() - sensor.velocity.xyz_mps();
        let period_s = period_ns as f64 * 1e-9;
        let reach_m = (target.velocity.speed_mps() + sensor.velocity.speed_mps()) * period_s
            + MAX_ACCELERATION_MPS2 * period_s * period_s;
        let range_m = offset.norm();
        if range_m - reach_m > self.params.max_range_m
            || range_m + reach_m < self.params.min_range_m
        {
            return None;
        }
        let beam_time_of = |offset: Vec3| {
            let enu = frame0.rot * offset;
            self.beam_time_in(sweep, wrap_two_pi(enu.x.atan2(enu.y)))
        };
        let t1 = beam_time_of(offset);
        let t2 = beam_time_of(offset + relative_velocity * (t1 - t0).as_secs_f64());
        let target = trajectory.state_at(t2)?;
        let sensor = platform.state_at(t2)?;
        Some(beam_time_of(
            target.position.xyz_m() - sensor.position.xyz_m(),
        ))
    }

    /// One target's detection in this sweep, if any. Cheap rejects come first (range, field,
    /// horizon); random numbers are drawn only for targets in coverage.
    fn observe(
        &self,
        sweep: &Sweep,
        platform: &Platform<'_>,
        frame0: &LocalFrame,
        target: &Target<'_>,
        rng: &mut Rng,
    ) -> Option<Labeled> {
        let t = self.target_beam_time(sweep, platform, frame0, target.trajectory)?;
        let look = Look {
            gain: 1.0,
            sector: sweep
                .sector
                .then_some((sweep.left_rad, sweep.width_rad, sweep.top_el_rad)),
            beam: None,
        };
        self.observe_at(t, platform, frame0, target, &look, rng)
    }

    /// One target's detection by a look at time `t`: in instrumented range, in the field of
    /// regard (and the look's sector or beam), above the horizon, then the detection draw at
    /// the look's SNR gain, the measurement and IFF.
    pub(crate) fn observe_at(
        &self,
        t: SimTime,
        platform: &Platform<'_>,
        frame0: &LocalFrame,
        target: &Target<'_>,
        look: &Look,
        rng: &mut Rng,
    ) -> Option<Labeled> {
        let sensor = platform.state_at(t)?;
        let truth = target.trajectory.state_at(t)?;
        let offset = truth.position.xyz_m() - sensor.position.xyz_m();
        let range_m = offset.norm();
        // A zero range (a target co-located with the sensor when min_range is 0) has no
        // direction; treat it as inside the blind zone.
        if range_m <= 0.0 || range_m < self.params.min_range_m || range_m > self.params.max_range_m
        {
            return None;
        }
        if let Some((aim, cos_half_beam)) = look.beam
            && offset.dot(&aim) < cos_half_beam * range_m
        {
            return None;
        }
        // A fixed platform reuses the scan's frame; a moving one gets the frame where it is now.
        let frame = if sensor.position.xyz_m() == frame0.origin_m {
            *frame0
        } else {
            LocalFrame::at(sensor.position)
        };
        let (az_rad, el_rad, _) = frame.az_el_range(offset);
        if !self.in_field(az_rad, el_rad) {
            return None;
        }
        if let Some((left_rad, width_rad, top_el_rad)) = look.sector
            && (wrap_two_pi(az_rad - left_rad) > width_rad || el_rad > top_el_rad)
        {
            return None;
        }
        let earth_radius_m = radius_of_curvature_m(frame.lat_rad, az_rad);
        let target_alt_m = height_approx_m(truth.position.xyz_m());
        if !clears_horizon(
            self.params.k_factor,
            earth_radius_m,
            frame.alt_m,
            target_alt_m,
            range_m,
        ) {
            return None;
        }
        let snr = self.detect(range_m, look.gain, target, rng)?;
        let relative_velocity = truth.velocity.xyz_mps() - sensor.velocity.xyz_mps();
        let range_rate_mps = offset.dot(&relative_velocity) / range_m;
        let measurement = self.measure([range_m, az_rad, el_rad, range_rate_mps], snr, rng);
        let iff = iff::interrogate(self.params.iff, target.transponder, rng);
        Some(Labeled {
            detection: Detection {
                // Report numbers are assigned after sorting by time (see `scan`).
                id: DetectionId::new(self.id, 0),
                sensor: self.id,
                nation: self.nation,
                time_measured: t,
                sensor_position: sensor.position,
                sensor_velocity: sensor.velocity,
                measurement,
                snr_db: crate::ratio_to_db(snr),
                iff,
            },
            truth: TruthLabel::Target(target.object),
        })
    }

    /// The detection draw for a target in coverage; `Some(measured SNR)` when detected.
    ///
    /// Radar equation: mean SNR `gain·SNR₀·σ̄·(R₀/R)⁴` (σ̄ in m², SNR₀ for 1 m² at R₀; `gain`
    /// the look's energy over a search look's, 1 in search), times this
    /// scan's RCS fluctuation, then one square-law statistic compared with `T = −ln Pfa`; the
    /// measured SNR is the statistic minus the unit noise power. Nominal: a uniform draw
    /// against Pd; the reported SNR is `noise_ref_snr_db`.
    fn detect(&self, range_m: f64, gain: f64, target: &Target<'_>, rng: &mut Rng) -> Option<f64> {
        let d = &self.derived;
        match d.reference {
            Some((ref_snr, ref_range_m)) => {
                let r2 = (ref_range_m / range_m) * (ref_range_m / range_m);
                let mean_snr = gain * ref_snr * target.signature.rcs_m2 * r2 * r2;
                let snr = mean_snr * draw_rcs_factor(target.signature.swerling, rng);
                let z = draw_square_law(snr, rng);
                (z > d.threshold).then(|| (z - 1.0).max(MEASURED_SNR_FLOOR))
            }
            None => (rng.random::<f64>() < d.nominal_pd).then_some(d.noise_ref_snr),
        }
    }
}

/// How one look is made: its SNR gain over a search look, and what it is restricted to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Look {
    /// Energy on target over a search look's (a dedicated dwell's longer dwell).
    pub(crate) gain: f64,
    /// A cued sector's `(left edge, width, top elevation)`, rad.
    pub(crate) sector: Option<(f64, f64, f64)>,
    /// A pencil beam: unit ECEF direction and the cosine of its half-beamwidth.
    pub(crate) beam: Option<(Vec3, f64)>,
}

/// See [`Radar::scan`]; `period_ns` is the frame's length (stretched under load).
pub(crate) fn scan(
    radar: &Radar,
    scan_start: SimTime,
    period_ns: i64,
    platform: &Trajectory,
    targets: &[Target<'_>],
    rngs: &mut SensorRngs,
    seq: &mut u64,
) -> Vec<Labeled> {
    sweep(
        radar,
        &radar.frame(scan_start, period_ns),
        platform,
        targets,
        rngs,
        seq,
    )
}

/// Every detection of one sweep (a search frame, with its false alarms, or a cued sector,
/// without: see the crate docs), sorted by time and numbered.
pub(crate) fn sweep(
    radar: &Radar,
    sweep: &Sweep,
    platform: &Trajectory,
    targets: &[Target<'_>],
    rngs: &mut SensorRngs,
    seq: &mut u64,
) -> Vec<Labeled> {
    let Some(start) = antenna_at(radar, platform, sweep.start) else {
        return Vec::new();
    };
    let platform = Platform::for_scan(platform, sweep.start, radar.params.antenna_height_m);
    let frame0 = LocalFrame::at(start.position);
    let mut out = Vec::new();
    for target in targets {
        if let Some(labeled) = radar.observe(sweep, &platform, &frame0, target, &mut rngs.noise) {
            out.push(labeled);
        }
    }
    if !sweep.sector {
        clutter::add_false_alarms(radar, sweep, &platform, &mut rngs.clutter, &mut out);
    }
    number(radar, out, seq)
}

/// One dedicated dwell at `t`: a pencil beam at `aim` with the dwell's SNR gain. Every target
/// inside the beam (half a beamwidth of the aim direction) and in coverage may be detected;
/// no false alarms (crate docs). Nothing when the aim is outside the field of regard.
pub(crate) fn dwell(
    radar: &Radar,
    t: SimTime,
    aim: geodesy::Position<geodesy::Ecef>,
    platform: &Trajectory,
    targets: &[Target<'_>],
    rngs: &mut SensorRngs,
    seq: &mut u64,
) -> Vec<Labeled> {
    let Some(antenna) = antenna_at(radar, platform, t) else {
        return Vec::new();
    };
    let frame0 = LocalFrame::at(antenna.position);
    let offset = aim.xyz_m() - antenna.position.xyz_m();
    let (az_rad, el_rad, range_m) = frame0.az_el_range(offset);
    if range_m <= 0.0 || !radar.in_field(az_rad, el_rad) {
        return Vec::new();
    }
    let look = Look {
        gain: radar.derived.dwell_gain,
        sector: None,
        beam: Some((
            offset / range_m,
            (0.5 * radar.params.beamwidth_deg.to_radians()).cos(),
        )),
    };
    let platform = Platform::Parked(antenna);
    let mut out = Vec::new();
    for target in targets {
        if let Some(labeled) =
            radar.observe_at(t, &platform, &frame0, target, &look, &mut rngs.noise)
        {
            out.push(labeled);
        }
    }
    number(radar, out, seq)
}

/// Sorts a look's detections by measurement time and gives them the sensor's report numbers.
fn number(radar: &Radar, mut out: Vec<Labeled>, seq: &mut u64) -> Vec<Labeled> {
    // Stable: equal times keep generation order (targets in slice order, then false alarms),
    // so numbering is deterministic and increases with measurement time.
    out.sort_by_key(|l| l.detection.time_measured);
    for labeled in &mut out {
        labeled.detection.id = DetectionId::new(radar.id, *seq);
        *seq += 1;
    }
    out
}

#[cfg(test)]
mod tests;
