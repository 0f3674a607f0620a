//! The sensor-model interface the engine drives: model instances ([`Radar`], [`SpaceIr`]), what
//! they observe ([`Target`]), their random streams ([`SensorRngs`]) and what they produce
//! ([`Labeled`] detections). The physics lives in the `radar`, `clutter`, `iff` and `space_ir`
//! modules.

use crate::radar::Derived;
use crate::{RadarParams, Signature, SpaceIrParams, Transponder};
use base::rng::Rng;
use base::{NationId, ObjectId, SensorId, SimDuration, SimTime};
use dynamics::Trajectory;
use geodesy::{Ecef, Position};
use picture::Detection;

/// What a detection really was: kept by the engine's scoring ledger, never given to trackers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TruthLabel {
    /// A real target.
    Target(ObjectId),
    /// A false alarm (noise or clutter).
    FalseAlarm,
}

/// A detection with its truth label, as produced by a model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Labeled {
    /// What the C2 node receives.
    pub detection: Detection,
    /// What it really was.
    pub truth: TruthLabel,
}

/// A target as sensors may observe it: its truth trajectory and how it looks.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// Truth object id (for the label only).
    pub object: ObjectId,
    /// Its motion.
    pub trajectory: &'a Trajectory,
    /// Radar signature.
    pub signature: Signature,
    /// IFF behaviour.
    pub transponder: Transponder,
    /// Motor burn-out time for boosting missiles (`None`: never shows a plume).
    pub boost_end: Option<SimTime>,
}

/// A sensor's random streams: one for measurement noise and detection draws, one for false
/// alarms, so clutter settings never change the noise of real detections.
#[derive(Debug)]
pub struct SensorRngs {
    /// Detection draws, measurement noise, IFF.
    pub noise: Rng,
    /// False-alarm count and placement.
    pub clutter: Rng,
}

/// Why sensor parameters are unusable (the scenario layer validates first; this is the
/// model's own guard).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SensorError {
    /// A parameter is out of its domain.
    #[error("{what}: {value} is outside {expected}")]
    Parameter {
        /// Parameter name.
        what: &'static str,
        /// Its value.
        value: f64,
        /// The valid domain.
        expected: &'static str,
    },
}

/// A radar model instance.
#[derive(Clone, Debug)]
pub struct Radar {
    pub(crate) id: SensorId,
    pub(crate) nation: NationId,
    pub(crate) params: RadarParams,
    /// Per-sensor constants precomputed once (threshold, cells, radians, …).
    pub(crate) derived: Derived,
}

impl Radar {
    /// A radar with validated parameters: rejects `pfa ∉ (0, 0.1]`, non-positive or
    /// non-finite periods, ranges, resolution, beamwidth, sigmas and k-factor,
    /// `min_range ≥ max_range`, `az_half_width ∉ (0, 180]`, elevation limits outside
    /// `[−90, 90]` or inverted, and non-finite SNRs and biases. Returns the first problem.
    pub fn new(id: SensorId, nation: NationId, params: RadarParams) -> Result<Self, SensorError> {
        crate::radar::validate(&params)?;
        Ok(Radar {
            id,
            nation,
            params,
            derived: Derived::new(&params),
        })
    }
    /// The sensor's id.
    pub fn id(&self) -> SensorId {
        self.id
    }
    /// The owning nation.
    pub fn nation(&self) -> NationId {
        self.nation
    }
    /// The (validated) parameters.
    pub fn params(&self) -> &RadarParams {
        &self.params
    }
    /// Expected number of false alarms per scan, `Pfa × n_cells` (before the
    /// [cap](crate::MAX_FALSE_ALARMS_PER_SCAN)).
    pub fn expected_false_alarms(&self) -> f64 {
        self.derived.false_alarm_mean_uncapped
    }
    /// Number of resolution cells surveyed per scan (see [`Radar::scan`]).
    pub fn n_cells(&self) -> f64 {
        self.derived.n_cells
    }
    /// Time between scan starts.
    pub fn period(&self) -> SimDuration {
        SimDuration::from_secs_f64(self.params.scan_period_s)
    }
    /// Measurement-to-report latency (processing and the link to its node).
    pub fn latency(&self) -> SimDuration {
        SimDuration::from_secs_f64(self.params.latency_s)
    }
    /// All detections (real and false) of the scan starting at `scan_start`, covering
    /// `[scan_start, scan_start + period)`, sorted by measurement time then id. `seq` is the
    /// sensor's running report number (advanced for every detection).
    ///
    /// The output depends only on the parameters, `platform`, `targets` (in slice order) and
    /// `rngs`: real targets draw from `rngs.noise` in slice order, false alarms from
    /// `rngs.clutter`. A platform that does not exist at `scan_start` yields nothing. See the
    /// crate docs for the scan-time rule, coverage tests, detection draw and noise model.
    pub fn scan(
        &self,
        scan_start: SimTime,
        platform: &Trajectory,
        targets: &[Target<'_>],
        rngs: &mut SensorRngs,
        seq: &mut u64,
    ) -> Vec<Labeled> {
        let period_ns = self.derived.period_ns;
        crate::radar::scan(self, scan_start, period_ns, platform, targets, rngs, seq)
    }

    /// As [`scan`](Self::scan), over a search frame lasting `frame` (a phased array's frame
    /// stretched by dedicated dwells: [`crate::Scheduler::next_frame`]); the beam sweeps the
    /// field of regard at the rate that fills `frame`.
    pub fn scan_frame(
        &self,
        scan_start: SimTime,
        frame: SimDuration,
        platform: &Trajectory,
        targets: &[Target<'_>],
        rngs: &mut SensorRngs,
        seq: &mut u64,
    ) -> Vec<Labeled> {
        let period_ns = frame.as_nanos().max(crate::radar::MIN_SWEEP_NS);
        crate::radar::scan(self, scan_start, period_ns, platform, targets, rngs, seq)
    }

    /// One dedicated dwell at `t` aimed at `aim` (a track's or a cue's predicted position):
    /// targets within half a beamwidth of the aim direction and in coverage are detected with
    /// the dwell's SNR gain ([`Radar::dwell_gain`]); no false alarms. Draws from `rngs.noise`
    /// only, per target in coverage, in slice order.
    pub fn dwell(
        &self,
        t: SimTime,
        aim: Position<Ecef>,
        platform: &Trajectory,
        targets: &[Target<'_>],
        rngs: &mut SensorRngs,
        seq: &mut u64,
    ) -> Vec<Labeled> {
        crate::radar::dwell(self, t, aim, platform, targets, rngs, seq)
    }

    /// A cued search sector swept from `start` over `duration`: azimuths within
    /// `half_width_rad` of `center_az_rad`, elevations from the field's lowest up to
    /// `height_rad` above it (a fence where a missile rises into view), at search energy,
    /// without false alarms.
    #[allow(clippy::too_many_arguments)] // a sweep's geometry plus the scan's own inputs
    pub fn sector(
        &self,
        start: SimTime,
        duration: SimDuration,
        center_az_rad: f64,
        half_width_rad: f64,
        height_rad: f64,
        platform: &Trajectory,
        targets: &[Target<'_>],
        rngs: &mut SensorRngs,
        seq: &mut u64,
    ) -> Vec<Labeled> {
        let sweep = crate::radar::Sweep {
            start,
            left_rad: crate::geometry::wrap_two_pi(center_az_rad - half_width_rad),
            width_rad: 2.0 * half_width_rad,
            period_ns: duration.as_nanos().max(crate::radar::MIN_SWEEP_NS),
            sector: true,
            top_el_rad: self.derived.min_el_rad + height_rad,
        };
        crate::radar::sweep(self, &sweep, platform, targets, rngs, seq)
    }

    /// Azimuth, elevation (rad) and range (m) of `p` from the antenna at `t`; `None` when the
    /// platform does not exist then.
    pub fn look_angles(
        &self,
        t: SimTime,
        platform: &Trajectory,
        p: Position<Ecef>,
    ) -> Option<(f64, f64, f64)> {
        let antenna = crate::radar::raised(platform.state_at(t)?, self.params.antenna_height_m);
        let frame = crate::geometry::LocalFrame::at(antenna.position);
        Some(frame.az_el_range(p.xyz_m() - antenna.position.xyz_m()))
    }

    /// Whether a beam can be pointed at `p` at `t`: inside the instrumented range, the field of
    /// regard and above the radar horizon (a cue outside is ignored).
    pub fn covers(&self, t: SimTime, platform: &Trajectory, p: Position<Ecef>) -> bool {
        let Some(antenna) = platform
            .state_at(t)
            .map(|s| crate::radar::raised(s, self.params.antenna_height_m))
        else {
            return false;
        };
        let frame = crate::geometry::LocalFrame::at(antenna.position);
        let (az, el, range_m) = frame.az_el_range(p.xyz_m() - antenna.position.xyz_m());
        range_m >= self.params.min_range_m
            && range_m <= self.params.max_range_m
            && self.in_field(az, el)
            && crate::geometry::clears_horizon(
                self.params.k_factor,
                crate::geometry::radius_of_curvature_m(frame.lat_rad, az),
                frame.alt_m,
                crate::geometry::height_approx_m(p.xyz_m()),
                range_m,
            )
    }

    /// Whether the field of regard reaches azimuth `az_rad` (any elevation).
    pub fn in_azimuth(&self, az_rad: f64) -> bool {
        let d = &self.derived;
        d.all_round || crate::geometry::wrap_pi(az_rad - d.boresight_rad).abs() <= d.half_width_rad
    }

    /// The field of regard's azimuth extent, rad (2π when all round).
    pub fn field_width_rad(&self) -> f64 {
        self.derived.width_rad
    }

    /// The field of regard's elevation extent, rad.
    pub fn field_height_rad(&self) -> f64 {
        self.derived.max_el_rad - self.derived.min_el_rad
    }

    /// SNR gain of a dedicated dwell over a search look (linear, ≥ 1): the dwell's length
    /// over a search look's, `scan_period / (beams across the field of regard)`.
    pub fn dwell_gain(&self) -> f64 {
        self.derived.dwell_gain
    }
}

/// A space-based IR early-warning sensor model instance.
#[derive(Clone, Debug)]
pub struct SpaceIr {
    pub(crate) id: SensorId,
    pub(crate) nation: NationId,
    pub(crate) params: SpaceIrParams,
}

impl SpaceIr {
    /// A sensor with validated parameters: rejects non-positive or non-finite revisit, line
    /// of sight σ and launch-event σ, negative or non-finite latency, non-finite minimum
    /// altitude. Returns the first problem.
    pub fn new(id: SensorId, nation: NationId, params: SpaceIrParams) -> Result<Self, SensorError> {
        crate::space_ir::validate(&params)?;
        Ok(SpaceIr { id, nation, params })
    }
    /// The sensor's id.
    pub fn id(&self) -> SensorId {
        self.id
    }
    /// The owning nation.
    pub fn nation(&self) -> NationId {
        self.nation
    }
    /// The (validated) parameters.
    pub fn params(&self) -> &SpaceIrParams {
        &self.params
    }
    /// Time between revisits.
    pub fn period(&self) -> SimDuration {
        SimDuration::from_secs_f64(self.params.revisit_s)
    }
    /// Measurement-to-report latency.
    pub fn latency(&self) -> SimDuration {
        SimDuration::from_secs_f64(self.params.latency_s)
    }
    /// Detections of burning motors at revisit time `t` (measured at `t`; the engine delivers
    /// them `latency` later). Draws only from `rngs.noise`, targets in slice order; space IR
    /// has no false alarms. The detection rules are in the crate docs (space-based infrared).
    pub fn revisit(
        &self,
        t: SimTime,
        platform: &Trajectory,
        targets: &[Target<'_>],
        rngs: &mut SensorRngs,
        seq: &mut u64,
    ) -> Vec<Labeled> {
        crate::space_ir::revisit(self, t, platform, targets, rngs, seq)
    }
}
