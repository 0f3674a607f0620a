//! The filtering layer: states, motion and measurement models, KF/EKF/UKF, IMM.
//!
//! # Conventions
//! - State `[x, y, z, vx, vy, vz, ax, ay, az]` (m, m/s, m/s²) in the tracker's [`Frame`];
//!   covariance in the same order. Models without an acceleration state (CV, coordinated
//!   turn, ballistic) zero the acceleration mean at every prediction and give it a constant
//!   variance of [`HELD_ACCEL_VARIANCE_M2_S4`], so `P` stays positive definite and IMM mixing
//!   with Singer sees "no manoeuvre acceleration, ±1 m/s²". Ballistic gravity is computed
//!   from position, never stored in the acceleration state.
//! - Measurements are padded to [`NZ_MAX`]: vectors with zeros, covariances with identity,
//!   Jacobian rows and gain columns with zeros. The padding never changes `νᵀS⁻¹ν`, `det S`
//!   or the gain, so every routine works on fixed 4-vectors.
//! - Angles in residuals are wrapped to (−π, π]. Radar azimuth is from north, clockwise
//!   (towards east), in [0, 2π), like `picture::Measurement`; Stone Soup bearings (Polar2/3)
//!   are counter-clockwise from +x in (−π, π].
//! - Time only moves forward: [`FilterState::predict`] asserts `t ≥` the estimate's time. The
//!   tracker handles out-of-sequence data by reprocessing from a stored state, so backward
//!   prediction is never needed (and would be wrong for Singer and IMM mixing anyway).
//!
//! # Filters
//! - KF and EKF share the prediction (exact discretisation for linear models; RK4 mean and
//!   state-transition matrix for the ECEF ballistic model) and the Joseph-form update
//!   `P = (I − KH)P(I − KH)ᵀ + KRKᵀ`, with `H` the Jacobian at the prediction. KF asserts a
//!   linear (position) measurement model.
//! - UKF: scaled unscented transform (Julier 2002; Wan & van der Merwe 2000) with α = 1,
//!   β = 2, κ = 0 (see `ukf.rs`); update `P − KSKᵀ`. Prediction through sigma points only for
//!   the one nonlinear motion (ECEF ballistic); linear models use the exact linear prediction,
//!   which the unscented transform reproduces anyway.
//! - Every update symmetrises `P`; debug builds assert it positive definite, and every
//!   innovation asserts `S` positive definite (its Cholesky factor is needed anyway), which
//!   pairs the checks after update and before gating (STYLE §6).
//! - IMM (Blom & Bar-Shalom 1988): see `imm.rs`.
//!
//! # Choices
//! - **Space IR angles-only lines of sight are not filter updates.** A single LOS from GEO/HEO
//!   gives no range; a track-level update would need a range prior from another sensor, and
//!   the boost phase it sees is short and accelerating. IR reports serve initiation and
//!   cueing only (handover to radars), which the issue allows; no measurement model here.
//! - The local "up" in ECEF is the normal of the ellipsoid scaled through the point,
//!   `(x, y, z/(1 − e²))` normalised: exact on the surface, within ~1e-4 rad of the geodetic
//!   normal at 100 km altitude, and closed-form (no latitude iteration) for process noise.
//!
//! # Not modelled
//! Drag, thrust, J2 (ballistic coast is central gravity plus Earth-rotation terms); converted
//! measurement debiasing; square-root filters; retrodiction; sensor biases.

use base::SimTime;
use geodesy::{Mat3, Vec3};
use nalgebra::{SMatrix, SVector};

mod detection;
pub use detection::from_radar_detection;
mod ballistic;
pub use ballistic::jacobian_times as ballistic_jacobian_times;
mod imm;
mod kalman;
mod linalg;
mod measurement;
mod motion;
mod singer;
mod ukf;

#[cfg(test)]
mod tests;

/// State dimension: position, velocity, acceleration (3 each).
pub const NX: usize = 9;
/// Largest measurement dimension (range, azimuth, elevation, range rate).
pub const NZ_MAX: usize = 4;
/// Most IMM modes a filter may run.
pub const MAX_MODES: usize = 4;
/// Variance held on the acceleration states by models without acceleration, (m/s²)². Only
/// conditioning and IMM mixing see it: those models' transitions ignore acceleration.
pub const HELD_ACCEL_VARIANCE_M2_S4: f64 = 1.0;
/// `[x, y, z, vx, vy, vz, ax, ay, az]`, metres, m/s, m/s².
pub type StateVector = SVector<f64, NX>;
/// State covariance.
pub type StateCovariance = SMatrix<f64, NX, NX>;
/// A measurement padded to [`NZ_MAX`]: unused trailing entries are zero.
pub type MeasVector = SVector<f64, NZ_MAX>;
/// Measurement covariance padded with identity on unused trailing rows/columns, so inverses
/// and determinants of the active block are unaffected.
pub type MeasCovariance = SMatrix<f64, NZ_MAX, NZ_MAX>;
/// Measurement Jacobian (padded rows are zero).
pub type MeasJacobian = SMatrix<f64, NZ_MAX, NX>;
/// Kalman gain (padded columns are zero).
pub type Gain = SMatrix<f64, NX, NZ_MAX>;

/// The Cartesian frame a tracker works in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// WGS-84 ECEF (rotating): gravity is the central field −GM r/|r|³ (J2 not needed at
    /// track accuracy) plus Coriolis and centrifugal terms for the ballistic model; "up" is
    /// the local ellipsoid normal (see the module docs).
    Ecef,
    /// A flat Cartesian frame, x east, y north, z up; gravity −9.80665 m/s² along z.
    Flat,
}

/// A Gaussian state estimate at a time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Time of validity.
    pub time: SimTime,
    /// Mean.
    pub x: StateVector,
    /// Covariance (symmetric positive definite).
    pub p: StateCovariance,
}

/// Motion (transition) models. Each is the exact discretisation of a continuous-time model
/// driven by white noise (see `motion.rs`, `singer.rs`, `ballistic.rs`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MotionModel {
    /// Nearly constant velocity: continuous white-noise acceleration with intensity
    /// `q_m2_s3` horizontally and `q_vertical_m2_s3` vertically; acceleration held at zero.
    /// Per axis `Q = q [[dt³/3, dt²/2], [dt²/2, dt]]` (Stone Soup's `ConstantVelocity`); in
    /// ECEF the spatial part is `q (I − uuᵀ) + q_vertical uuᵀ` with `u` the local up at the
    /// prior mean.
    ConstantVelocity {
        /// Horizontal process-noise intensity, m²/s³.
        q_m2_s3: f64,
        /// Vertical process-noise intensity, m²/s³.
        q_vertical_m2_s3: f64,
    },
    /// Singer manoeuvre model: acceleration is a first-order Markov process with time
    /// constant `tau_s` and standard deviation `sigma_accel_mps2`, independently per axis
    /// (Singer 1970).
    Singer {
        /// Manoeuvre time constant, s.
        tau_s: f64,
        /// Acceleration standard deviation, m/s².
        sigma_accel_mps2: f64,
    },
    /// Horizontal coordinated turn at a fixed rate (positive = counter-clockwise seen from
    /// above, i.e. right-handed about the local up) with white-noise acceleration `q_m2_s3`
    /// on all three axes; vertical motion is nearly constant velocity. Exact discretisation
    /// of both the rotation and the noise; acceleration held at zero.
    CoordinatedTurn {
        /// Turn rate, rad/s.
        turn_rate_rad_s: f64,
        /// Process-noise intensity, m²/s³.
        q_m2_s3: f64,
    },
    /// Ballistic coast: gravity only (central field in ECEF, with Coriolis and centrifugal
    /// terms because ECEF rotates; constant in the flat frame), plus isotropic white-noise
    /// acceleration `q_m2_s3`. Acceleration state held at zero.
    Ballistic {
        /// Process-noise intensity, m²/s³.
        q_m2_s3: f64,
    },
}

/// Which filter family computes innovations and updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKind {
    /// Linear Kalman filter (only for linear measurement models: positions).
    Kf,
    /// Extended Kalman filter (first-order linearisation).
    Ekf,
    /// Unscented Kalman filter (sigma points).
    Ukf,
}

/// How a measurement relates to the state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MeasurementModel {
    /// A radar plot in the sensor's local ENU frame: `[range, azimuth (from north,
    /// clockwise), elevation, range rate?]`. With `d = to_enu (p − sensor_position)`:
    /// range `|d|`, azimuth `atan2(e, n)` in [0, 2π), elevation `atan2(u, √(e² + n²))`,
    /// range rate `(p − s)·(v − v_s)/|p − s|` (positive opening).
    RadarEnu {
        /// Sensor position in the tracker frame, m.
        sensor_position: Vec3,
        /// Sensor velocity in the tracker frame, m/s (for range rate).
        sensor_velocity: Vec3,
        /// Rotation from tracker-frame vectors to the sensor's ENU axes.
        to_enu: Mat3,
        /// Standard deviations `[σ_r (m), σ_az (rad), σ_el (rad), σ_ṙ (m/s)]`.
        sigma: [f64; 4],
        /// Whether range rate is measured (dimension 4 instead of 3).
        with_range_rate: bool,
    },
    /// Flat-frame 2D polar: `[bearing (maths convention, counter-clockwise from +x), range]`
    /// (Stone Soup's `CartesianToBearingRange`: `atan2(y − sy, x − sx)`, `√(Δx² + Δy²)`).
    Polar2 {
        /// Sensor position (x, y), m.
        sensor_xy: [f64; 2],
        /// Standard deviations `[σ_bearing (rad), σ_range (m)]`.
        sigma: [f64; 2],
    },
    /// Flat-frame 3D polar: `[elevation, bearing, range]` (Stone Soup's
    /// `CartesianToElevationBearingRange`: `asin(Δz/r)`, `atan2(Δy, Δx)`, `r`).
    Polar3 {
        /// Sensor position, m.
        sensor_position: Vec3,
        /// Standard deviations `[σ_el (rad), σ_bearing (rad), σ_range (m)]`.
        sigma: [f64; 3],
    },
    /// Cartesian position `[x, y]` or `[x, y, z]`.
    Position {
        /// 2 or 3.
        dim: usize,
        /// Per-axis standard deviation, m.
        sigma_m: f64,
    },
}

/// One measurement as a tracker consumes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measurement {
    /// Caller's id (detection id), echoed in track output.
    pub id: u64,
    /// Measurement time.
    pub time: SimTime,
    /// Measured values, padded with zeros.
    pub z: MeasVector,
    /// Model.
    pub model: MeasurementModel,
}

/// Innovation of a measurement against a predicted estimate, with what an update needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Innovation {
    /// Active dimension.
    pub dim: usize,
    /// Residual z − ẑ (angles wrapped), padded with zeros.
    pub nu: MeasVector,
    /// Innovation covariance S (padded with identity).
    pub s: MeasCovariance,
    /// S⁻¹ (padded with identity).
    pub s_inv: MeasCovariance,
    /// Squared Mahalanobis distance νᵀS⁻¹ν.
    pub d2: f64,
    /// Gaussian log-likelihood ln N(ν; 0, S) over the active dimension.
    pub log_likelihood: f64,
    /// Kalman gain K.
    pub gain: Gain,
}

/// The motion configuration of a track's filter.
#[derive(Clone, Debug, PartialEq)]
pub enum MotionConfig {
    /// One model.
    Single(MotionModel),
    /// Interacting multiple models with a Markov transition matrix (row i: from model i),
    /// applied once per prediction with a positive time step (per sensor look).
    Imm {
        /// The models (at most [`MAX_MODES`]).
        models: Vec<MotionModel>,
        /// Transition probabilities, row-stochastic, `models.len()` square.
        transition: Vec<Vec<f64>>,
        /// Initial mode probabilities.
        initial: Vec<f64>,
    },
}

/// Everything a filter needs besides the state.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterConfig {
    /// Frame.
    pub frame: Frame,
    /// Filter family.
    pub kind: FilterKind,
    /// Motion model(s).
    pub motion: MotionConfig,
}

/// A track's filter state: one estimate, or IMM mode-conditioned estimates with mode
/// probabilities.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterState {
    estimates: Vec<Estimate>,
    mode_probabilities: Vec<f64>,
}

impl FilterState {
    /// A filter starting from `initial` (all IMM modes start from it). Asserts the IMM
    /// configuration (≤ [`MAX_MODES`] models, row-stochastic transitions, probabilities
    /// summing to one) and that `initial.p` is symmetric positive definite.
    pub fn new(config: &FilterConfig, initial: Estimate) -> Self {
        linalg::assert_covariance(&initial.p, "initial estimate");
        match &config.motion {
            MotionConfig::Single(_) => FilterState {
                estimates: vec![initial],
                mode_probabilities: vec![1.0],
            },
            MotionConfig::Imm {
                models,
                transition,
                initial: mu,
            } => {
                imm::validate(models, transition, mu);
                FilterState {
                    estimates: vec![initial; models.len()],
                    mode_probabilities: mu.clone(),
                }
            }
        }
    }
    /// The combined estimate (moment-matched for IMM).
    pub fn estimate(&self) -> Estimate {
        match self.estimates.as_slice() {
            [single] => *single,
            modes => imm::combine(modes, &self.mode_probabilities),
        }
    }
    /// IMM mode probabilities (`[1.0]` for a single model).
    pub fn mode_probabilities(&self) -> &[f64] {
        &self.mode_probabilities
    }
    /// The mode-conditioned estimates (one for a single model), in model order.
    pub fn mode_estimates(&self) -> &[Estimate] {
        &self.estimates
    }
    /// Predicted to `t ≥` the estimate's time (IMM: mixing then mode-matched prediction; a
    /// zero step changes nothing, so repeated reports at one time never re-mix).
    pub fn predict(&self, config: &FilterConfig, t: SimTime) -> FilterState {
        match &config.motion {
            MotionConfig::Single(model) => {
                let e = motion::predict(config.frame, config.kind, model, &self.estimates[0], t);
                FilterState {
                    estimates: vec![e],
                    mode_probabilities: vec![1.0],
                }
            }
            MotionConfig::Imm {
                models, transition, ..
            } => imm::predict(self, config, models, transition, t),
        }
    }
    /// Innovation of `meas` against this (already predicted) state's combined estimate. For
    /// IMM this is the moment-matched prediction: one gate per track, as in Bar-Shalom's
    /// IMM-PDA, rather than the union of per-mode gates.
    pub fn innovation(&self, config: &FilterConfig, meas: &Measurement) -> Innovation {
        kalman::prepare(config.kind, &self.estimate(), meas).inn
    }
    /// Updated with `meas` (this state must already be predicted to `meas.time`; asserted).
    pub fn update(&self, config: &FilterConfig, meas: &Measurement) -> FilterState {
        if self.estimates.len() == 1 {
            let e = kalman::update(config.kind, &self.estimates[0], meas).0;
            FilterState {
                estimates: vec![e],
                mode_probabilities: vec![1.0],
            }
        } else {
            imm::update(self, config.kind, meas)
        }
    }
    /// Cut at the surface (see [`crate::surface`]): every mode-conditioned estimate is
    /// replaced by the moments of its part above the floor, and the mode probabilities are
    /// reweighted by the mass each mode kept there (the exact truncation of the mixture).
    pub fn truncated(&self, frame: Frame, surface: crate::surface::Surface) -> FilterState {
        let mut estimates = self.estimates.clone();
        let mut ln_w: Vec<f64> = Vec::with_capacity(estimates.len());
        for (e, mu) in estimates.iter_mut().zip(&self.mode_probabilities) {
            let cut = crate::surface::truncate(frame, surface, &mut e.x, &mut e.p);
            ln_w.push(mu.ln() + cut.ln_mass);
        }
        let top = ln_w.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mode_probabilities = if top.is_finite() {
            let w: Vec<f64> = ln_w.iter().map(|l| (l - top).exp()).collect();
            let sum: f64 = w.iter().sum();
            w.iter().map(|v| v / sum).collect()
        } else {
            self.mode_probabilities.clone()
        };
        FilterState {
            estimates,
            mode_probabilities,
        }
    }
    /// Probabilistic-data-association update: `weighted[i] = (β_i, measurement)`, `beta0`
    /// the probability that none is the target's (JPDA marginals; `β0 + Σβ_i = 1` is
    /// asserted to 1e-6). All measurements must share one measurement model (one sensor's
    /// scan) and are treated as taken at the state's time (Bar-Shalom & Li 1995, §6.4):
    /// `x = x̂ + K Σβ_i ν_i`, `P = β0 P̂ + (1 − β0) P_c + K (Σβ_i ν_i ν_iᵀ − ν νᵀ) Kᵀ`.
    /// IMM: each mode runs this update with the same β, and the mode probabilities are
    /// `μ_j = β0 c_j + Σ_i β_i c_j N_ij / Σ_k c_k N_ik` (the exact mode posterior given the
    /// association marginals; `c_j` the predicted mode probabilities).
    pub fn update_pda(
        &self,
        config: &FilterConfig,
        weighted: &[(f64, Measurement)],
        beta0: f64,
    ) -> FilterState {
        kalman::assert_pda_weights(weighted, beta0);
        if weighted.is_empty() {
            return self.clone();
        }
        if self.estimates.len() == 1 {
            let e = kalman::update_pda(config.kind, &self.estimates[0], weighted, beta0).0;
            FilterState {
                estimates: vec![e],
                mode_probabilities: vec![1.0],
            }
        } else {
            imm::update_pda(self, config.kind, weighted, beta0)
        }
    }
}

impl MeasurementModel {
    /// Active measurement dimension.
    pub fn dim(&self) -> usize {
        match self {
            MeasurementModel::RadarEnu {
                with_range_rate, ..
            } => 3 + usize::from(*with_range_rate),
            MeasurementModel::Polar2 { .. } => 2,
            MeasurementModel::Polar3 { .. } => 3,
            MeasurementModel::Position { dim, .. } => *dim,
        }
    }
    /// Converts a measurement to a Cartesian position in the tracker frame with its
    /// covariance (for initiation). Linearised conversion: `p = g(z)`, `C = J R Jᵀ` with
    /// `J = ∂g/∂z` at the measured values (no debiasing: initiation only needs a gate-sized
    /// prior). Range rate is ignored. 2D models (Polar2, 2D Position) return `z = 0` with
    /// variance [`UNOBSERVED_HEIGHT_VARIANCE_M2`], since height is not observed.
    pub fn to_position(&self, z: &MeasVector) -> (Vec3, Mat3) {
        measurement::to_position(self, z)
    }
    /// The noise-free measurement `h(x)` (padded with zeros; azimuth in [0, 2π), bearings in
    /// (−π, π]).
    pub fn predict(&self, x: &StateVector) -> MeasVector {
        measurement::h(self, x)
    }
    /// The residual `z − ẑ` with angles wrapped to (−π, π] (padded with zeros).
    pub fn residual(&self, z: &MeasVector, z_hat: &MeasVector) -> MeasVector {
        measurement::residual(self, z, z_hat)
    }
    /// The noise covariance `R` (padded with identity).
    pub fn noise_covariance(&self) -> MeasCovariance {
        measurement::noise(self)
    }
}

/// Height variance reported by [`MeasurementModel::to_position`] for 2D models, m²: a
/// placeholder that keeps the 3×3 covariance invertible; 2D trackers never observe z.
pub const UNOBSERVED_HEIGHT_VARIANCE_M2: f64 = 1.0;

/// Normalised estimation error squared `(x − x_true)ᵀ P⁻¹ (x − x_true)` over the state
/// components `indices` (e.g. `[0, 1, 3, 4]` for a 2D position/velocity check). Consistency
/// tests compare its Monte Carlo mean with chi-square bounds of `indices.len()` degrees of
/// freedom. Panics if the selected block of `P` is not positive definite.
pub fn nees(estimate: &Estimate, truth: &StateVector, indices: &[usize]) -> f64 {
    linalg::nees(estimate, truth, indices)
}
