//! The filtering layer: states, motion and measurement models, KF/EKF/UKF, IMM.
//! (Interface stubs: implemented by the filter work.)

use base::SimTime;
use geodesy::{Mat3, Vec3};
use nalgebra::{SMatrix, SVector};

/// State dimension: position, velocity, acceleration (3 each).
pub const NX: usize = 9;
/// Largest measurement dimension (range, azimuth, elevation, range rate).
pub const NZ_MAX: usize = 4;
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
    /// WGS-84 ECEF: gravity points to the Earth's centre (central + J2 not needed at track
    /// accuracy: central field), "up" is the local ellipsoid normal.
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

/// Motion (transition) models.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MotionModel {
    /// Nearly constant velocity: continuous white-noise acceleration with intensity
    /// `q_m2_s3` horizontally and `q_vertical_m2_s3` vertically; acceleration held at zero.
    ConstantVelocity {
        /// Horizontal process-noise intensity, m²/s³.
        q_m2_s3: f64,
        /// Vertical process-noise intensity, m²/s³.
        q_vertical_m2_s3: f64,
    },
    /// Singer manoeuvre model: acceleration is a first-order Markov process with time
    /// constant `tau_s` and standard deviation `sigma_accel_mps2`.
    Singer {
        /// Manoeuvre time constant, s.
        tau_s: f64,
        /// Acceleration standard deviation, m/s².
        sigma_accel_mps2: f64,
    },
    /// Horizontal coordinated turn at a fixed rate (positive = counter-clockwise seen from
    /// above) with white-noise acceleration `q_m2_s3`.
    CoordinatedTurn {
        /// Turn rate, rad/s.
        turn_rate_rad_s: f64,
        /// Process-noise intensity, m²/s³.
        q_m2_s3: f64,
    },
    /// Ballistic coast: gravity only (central field in ECEF, constant in the flat frame),
    /// plus white-noise acceleration `q_m2_s3`.
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
    /// clockwise), elevation, range rate?]`.
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
    /// (Stone Soup's `CartesianToBearingRange`).
    Polar2 {
        /// Sensor position (x, y), m.
        sensor_xy: [f64; 2],
        /// Standard deviations `[σ_bearing (rad), σ_range (m)]`.
        sigma: [f64; 2],
    },
    /// Flat-frame 3D polar: `[elevation, bearing, range]` (Stone Soup's
    /// `CartesianToElevationBearingRange`).
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
    /// Interacting multiple models with a Markov transition matrix (row i: from model i).
    Imm {
        /// The models (at most 4).
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
    /// A filter starting from `initial` (all IMM modes start from it).
    pub fn new(config: &FilterConfig, initial: Estimate) -> Self {
        let n = match &config.motion {
            MotionConfig::Single(_) => 1,
            MotionConfig::Imm { models, .. } => models.len(),
        };
        let mu = match &config.motion {
            MotionConfig::Single(_) => vec![1.0],
            MotionConfig::Imm { initial, .. } => initial.clone(),
        };
        FilterState { estimates: vec![initial; n], mode_probabilities: mu }
    }
    /// The combined estimate (moment-matched for IMM).
    pub fn estimate(&self) -> Estimate {
        unimplemented!("filter work")
    }
    /// IMM mode probabilities (`[1.0]` for a single model).
    pub fn mode_probabilities(&self) -> &[f64] {
        &self.mode_probabilities
    }
    /// Predicted to `t` (IMM: mixing then mode-matched prediction).
    pub fn predict(&self, _config: &FilterConfig, _t: SimTime) -> FilterState {
        unimplemented!("filter work")
    }
    /// Innovation of `meas` against this (already predicted) state's combined estimate.
    pub fn innovation(&self, _config: &FilterConfig, _meas: &Measurement) -> Innovation {
        unimplemented!("filter work")
    }
    /// Updated with `meas` (this state must already be predicted to `meas.time`).
    pub fn update(&self, _config: &FilterConfig, _meas: &Measurement) -> FilterState {
        unimplemented!("filter work")
    }
    /// Probabilistic-data-association update: `weighted[i] = (β_i, measurement)`, `beta0`
    /// the probability that none is the target's (JPDA marginals).
    pub fn update_pda(
        &self,
        _config: &FilterConfig,
        _weighted: &[(f64, Measurement)],
        _beta0: f64,
    ) -> FilterState {
        unimplemented!("filter work")
    }
}

impl MeasurementModel {
    /// Active measurement dimension.
    pub fn dim(&self) -> usize {
        match self {
            MeasurementModel::RadarEnu { with_range_rate, .. } => 3 + usize::from(*with_range_rate),
            MeasurementModel::Polar2 { .. } => 2,
            MeasurementModel::Polar3 { .. } => 3,
            MeasurementModel::Position { dim, .. } => *dim,
        }
    }
    /// Converts a measurement to a Cartesian position in the tracker frame with its
    /// covariance (for initiation), unbiased-conversion or linearised (documented).
    pub fn to_position(&self, _z: &MeasVector) -> (Vec3, Mat3) {
        unimplemented!("filter work")
    }
}
