//! Tracker tests: scenario helpers (flat frame, Polar2 radars, Poisson clutter) and a small
//! brute-force GOSPA, shared by the test modules.

mod coverage;
mod crossing;
mod cue;
mod ecef;
mod life;
mod oosm;
mod surface;
mod units;

use super::{AssociatorKind, TrackStatus, Tracker, TrackerConfig};
use crate::filter::{
    FilterConfig, FilterKind, Frame, MeasVector, Measurement, MeasurementModel, MotionConfig,
    MotionModel,
};
use base::{SimDuration, SimTime};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_distr::{Distribution, Poisson, StandardNormal};

/// Bearing and range noise of the test radars (the benchmark's: 0.1°, 20 m).
pub(super) const SIGMA_BEARING_RAD: f64 = 0.1 * std::f64::consts::PI / 180.0;
pub(super) const SIGMA_RANGE_M: f64 = 20.0;

/// The test tracker: EKF, nearly constant velocity with the truth's q, χ²(2) 99.9 % gate,
/// 3-of-5 confirmation, 5 s coast.
pub(super) fn config(associator: AssociatorKind, clutter_density: f64) -> TrackerConfig {
    TrackerConfig {
        filter: FilterConfig {
            frame: Frame::Flat,
            kind: FilterKind::Ekf,
            motion: MotionConfig::Single(MotionModel::ConstantVelocity {
                q_m2_s3: 1.0,
                q_vertical_m2_s3: 0.0,
            }),
        },
        associator,
        gate_d2: 13.82,
        pd: 0.9,
        clutter_density,
        confirm_m: 3,
        confirm_n: 5,
        init_velocity_sigma_mps: 300.0,
        init_accel_sigma_mps2: 0.0,
        tentative_max_misses: 2,
        max_coast: SimDuration::from_secs(5),
        oosm_window: SimDuration::from_secs(10),
        surface: None,
    }
}

/// A straight-line target: position at t = 0 and velocity.
#[derive(Clone, Copy, Debug)]
pub(super) struct Target {
    pub(super) p0: [f64; 2],
    pub(super) v: [f64; 2],
}

impl Target {
    pub(super) fn at(&self, t_s: f64) -> [f64; 2] {
        [self.p0[0] + self.v[0] * t_s, self.p0[1] + self.v[1] * t_s]
    }
    /// A target at `speed` on `heading_rad` (from +x, counter-clockwise) that is at `point`
    /// at `t_s`.
    pub(super) fn through(point: [f64; 2], t_s: f64, heading_rad: f64, speed: f64) -> Target {
        let v = [speed * heading_rad.cos(), speed * heading_rad.sin()];
        Target {
            p0: [point[0] - v[0] * t_s, point[1] - v[1] * t_s],
            v,
        }
    }
}

/// Uniform clutter over a polar sector of each radar.
#[derive(Clone, Copy, Debug)]
pub(super) struct Clutter {
    pub(super) mean_per_scan: f64,
    pub(super) bearing_rad: (f64, f64),
    pub(super) range_m: (f64, f64),
}

impl Clutter {
    /// Spatial density in (rad · m).
    pub(super) fn density(&self) -> f64 {
        self.mean_per_scan
            / ((self.bearing_rad.1 - self.bearing_rad.0) * (self.range_m.1 - self.range_m.0))
    }
}

/// One scan: which radar, when, and its measurements.
#[derive(Clone, Debug)]
pub(super) struct Scan {
    pub(super) sensor: usize,
    pub(super) time: SimTime,
    pub(super) meas: Vec<Measurement>,
}

/// A scenario: radars at `sensors` take turns, one scan every `dt_s` from t = `dt_s`.
#[derive(Clone, Debug)]
pub(super) struct Scenario {
    pub(super) sensors: Vec<[f64; 2]>,
    pub(super) targets: Vec<Target>,
    pub(super) n_scans: usize,
    pub(super) dt_s: f64,
    pub(super) pd: f64,
    pub(super) clutter: Option<Clutter>,
    /// Targets stop being detected after this time (s), if set.
    pub(super) detect_until_s: Option<f64>,
}

pub(super) fn polar2(sensor: [f64; 2]) -> MeasurementModel {
    MeasurementModel::Polar2 {
        sensor_xy: sensor,
        sigma: [SIGMA_BEARING_RAD, SIGMA_RANGE_M],
    }
}

impl Scenario {
    pub(super) fn scans(&self, seed: u64) -> Vec<Scan> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut next_id = 0_u64;
        let mut out = Vec::with_capacity(self.n_scans);
        for k in 0..self.n_scans {
            let t_s = (k + 1) as f64 * self.dt_s;
            let time = SimTime::from_secs_f64(t_s);
            let sensor = k % self.sensors.len();
            let s = self.sensors[sensor];
            let model = polar2(s);
            let mut items: Vec<(MeasVector, Option<usize>)> = Vec::new();
            for (ti, target) in self.targets.iter().enumerate() {
                let detectable = self.detect_until_s.is_none_or(|until| t_s <= until);
                if !detectable || rng.random::<f64>() >= self.pd {
                    continue;
                }
                let p = target.at(t_s);
                let (dx, dy) = (p[0] - s[0], p[1] - s[1]);
                let nb: f64 = StandardNormal.sample(&mut rng);
                let nr: f64 = StandardNormal.sample(&mut rng);
                let mut z = MeasVector::zeros();
                z[0] = dy.atan2(dx) + SIGMA_BEARING_RAD * nb;
                z[1] = dx.hypot(dy) + SIGMA_RANGE_M * nr;
                items.push((z, Some(ti)));
            }
            if let Some(c) = self.clutter {
                let n: f64 = Poisson::new(c.mean_per_scan)
                    .expect("positive mean")
                    .sample(&mut rng);
                for _ in 0..n as usize {
                    let mut z = MeasVector::zeros();
                    z[0] =
                        c.bearing_rad.0 + rng.random::<f64>() * (c.bearing_rad.1 - c.bearing_rad.0);
                    z[1] = c.range_m.0 + rng.random::<f64>() * (c.range_m.1 - c.range_m.0);
                    items.push((z, None));
                }
            }
            // Shuffle (Fisher–Yates) so input order says nothing about origin.
            for i in (1..items.len()).rev() {
                let j = rng.random_range(0..=i);
                items.swap(i, j);
            }
            let mut meas = Vec::new();
            for (z, _) in items {
                meas.push(Measurement {
                    id: next_id,
                    time,
                    z,
                    model,
                });
                next_id += 1;
            }
            out.push(Scan { sensor, time, meas });
        }
        out
    }
}

/// GOSPA (α = 2) between truths and tracks by brute force over assignments (small sets).
pub(super) fn gospa(truths: &[[f64; 2]], tracks: &[[f64; 2]], c: f64, p: f64) -> f64 {
    fn best(
        i: usize,
        truths: &[[f64; 2]],
        tracks: &[[f64; 2]],
        used: &mut [bool],
        c: f64,
        p: f64,
    ) -> f64 {
        if i == truths.len() {
            // Unassigned tracks are false: c^p / 2 each.
            return used.iter().filter(|u| !**u).count() as f64 * c.powf(p) / 2.0;
        }
        // Truth i missed.
        let mut b = c.powf(p) / 2.0 + best(i + 1, truths, tracks, used, c, p);
        for j in 0..tracks.len() {
            if used[j] {
                continue;
            }
            let d = (truths[i][0] - tracks[j][0]).hypot(truths[i][1] - tracks[j][1]);
            if d < c {
                used[j] = true;
                b = b.min(d.powf(p) + best(i + 1, truths, tracks, used, c, p));
                used[j] = false;
            }
        }
        b
    }
    assert!(
        truths.len() <= 3 && tracks.len() <= 16,
        "brute-force GOSPA is for small sets"
    );
    best(0, truths, tracks, &mut vec![false; tracks.len()], c, p).powf(1.0 / p)
}
