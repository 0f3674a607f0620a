//! Shared test machinery: seeded noise, chi-square bounds, truth generators and the Monte
//! Carlo consistency runner.

use crate::filter::{
    Estimate, FilterConfig, FilterKind, FilterState, Frame, MeasVector, Measurement,
    MeasurementModel, MotionConfig, MotionModel, NX, StateCovariance, StateVector, nees,
};
use base::SimTime;
use geodesy::{Mat3, Vec3};
use nalgebra::{SVector, SymmetricEigen};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_distr::StandardNormal;

pub(super) fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

pub(super) fn normal<const N: usize>(rng: &mut ChaCha8Rng) -> SVector<f64, N> {
    SVector::<f64, N>::from_fn(|_, _| rng.sample(StandardNormal))
}

/// A draw from N(0, cov) for a positive semidefinite `cov` (eigen square root, so singular
/// process-noise blocks are fine).
pub(super) fn gaussian(rng: &mut ChaCha8Rng, cov: &StateCovariance) -> StateVector {
    let eig = SymmetricEigen::new(*cov);
    let root = eig.eigenvectors
        * StateCovariance::from_diagonal(&eig.eigenvalues.map(|l| l.max(0.0).sqrt()));
    root * normal::<NX>(rng)
}

/// Standard normal quantile for the two-sided levels used here.
fn z_two_sided(level: f64) -> f64 {
    match level {
        l if (l - 0.95).abs() < 1e-12 => 1.959_963_984_540_054,
        l if (l - 0.99).abs() < 1e-12 => 2.575_829_303_548_901,
        _ => panic!("no normal quantile tabulated for level {level}"),
    }
}

/// Two-sided `level` bounds of `χ²(dof)/dof` by the Wilson–Hilferty cube-root normal
/// approximation (relative error < 1e-3 for dof ≥ 100, which every use here exceeds).
pub(super) fn chi2_mean_bounds(dof: f64, level: f64) -> (f64, f64) {
    let z = z_two_sided(level);
    let c = 2.0 / (9.0 * dof);
    let q = |z: f64| (1.0 - c + z * c.sqrt()).powi(3);
    (q(-z), q(z))
}

/// A tracker frame anchored at a site: `to_enu` rotation and the site's ECEF position.
pub(super) fn ecef_site(lat_deg: f64, lon_deg: f64, alt_m: f64) -> (Vec3, Mat3) {
    let site = geodesy::Site::new(
        base::SiteId::new(1),
        geodesy::Wgs84::from_degrees(lat_deg, lon_deg, alt_m).expect("valid test site"),
    );
    (site.origin_ecef().xyz_m(), site.ecef_to_enu().rotation())
}

/// A radar at `position` with ENU axes `to_enu`.
pub(super) fn radar(position: Vec3, to_enu: Mat3, sigma: [f64; 4], rr: bool) -> MeasurementModel {
    MeasurementModel::RadarEnu {
        sensor_position: position,
        sensor_velocity: Vec3::zeros(),
        to_enu,
        sigma,
        with_range_rate: rr,
    }
}

/// A noisy measurement of `truth` (angles put back in range).
pub(super) fn measure(
    rng: &mut ChaCha8Rng,
    model: &MeasurementModel,
    truth: &StateVector,
    time: SimTime,
) -> Measurement {
    let r = model.noise_covariance();
    let mut z = model.predict(truth);
    for i in 0..model.dim() {
        let n: f64 = rng.sample(StandardNormal);
        z[i] += r[(i, i)].sqrt() * n;
    }
    let zero = MeasVector::zeros();
    // residual(z, 0) wraps angles to (−π, π]; azimuth then goes back to [0, 2π).
    let mut z = model.residual(&z, &zero);
    if let MeasurementModel::RadarEnu { .. } = model {
        z[1] = z[1].rem_euclid(core::f64::consts::TAU);
    }
    Measurement {
        id: 0,
        time,
        z,
        model: *model,
    }
}

pub(super) fn state(p: [f64; 3], v: [f64; 3]) -> StateVector {
    StateVector::from_column_slice(&[p[0], p[1], p[2], v[0], v[1], v[2], 0.0, 0.0, 0.0])
}

pub(super) fn diag(sd: [f64; NX]) -> StateCovariance {
    StateCovariance::from_diagonal(&StateVector::from_column_slice(&sd).map(|s| s * s))
}

pub(super) fn config(frame: Frame, kind: FilterKind, model: MotionModel) -> FilterConfig {
    FilterConfig {
        frame,
        kind,
        motion: MotionConfig::Single(model),
    }
}

/// How truth moves one step.
pub(super) type TruthStep<'a> = &'a dyn Fn(&mut ChaCha8Rng, &StateVector, f64) -> StateVector;

/// One Monte Carlo consistency experiment.
pub(super) struct Experiment<'a> {
    pub(super) name: &'a str,
    pub(super) config: FilterConfig,
    pub(super) model: MeasurementModel,
    pub(super) truth0: StateVector,
    pub(super) p0: StateCovariance,
    pub(super) dt_s: f64,
    pub(super) steps: usize,
    pub(super) runs: usize,
    pub(super) seed: u64,
    pub(super) nees_indices: &'a [usize],
    pub(super) truth_step: TruthStep<'a>,
}

/// Per-step Monte Carlo averages.
pub(super) struct Averages {
    pub(super) nees: Vec<f64>,
    pub(super) nis: Vec<f64>,
}

impl Experiment<'_> {
    pub(super) fn run(&self) -> Averages {
        let mut nees_sum = vec![0.0; self.steps];
        let mut nis_sum = vec![0.0; self.steps];
        let mut rng = rng(self.seed);
        for _ in 0..self.runs {
            let mut truth = self.truth0;
            // Consistent prior: the initial error is drawn from P0 itself.
            let x0 = self.truth0 + gaussian(&mut rng, &self.p0);
            let init = Estimate {
                time: SimTime::ZERO,
                x: x0,
                p: self.p0,
            };
            let mut filter = FilterState::new(&self.config, init);
            for k in 0..self.steps {
                let t = SimTime::from_nanos(((k + 1) as f64 * self.dt_s * 1e9).round() as i64);
                truth = (self.truth_step)(&mut rng, &truth, self.dt_s);
                let meas = measure(&mut rng, &self.model, &truth, t);
                let predicted = filter.predict(&self.config, t);
                let inn = predicted.innovation(&self.config, &meas);
                nis_sum[k] += inn.d2;
                filter = predicted.update(&self.config, &meas);
                nees_sum[k] += nees(&filter.estimate(), &truth, self.nees_indices);
            }
        }
        let n = self.runs as f64;
        Averages {
            nees: nees_sum.into_iter().map(|s| s / n).collect(),
            nis: nis_sum.into_iter().map(|s| s / n).collect(),
        }
    }

    /// Runs and asserts consistency:
    /// - per step, the run-averaged NEES (NIS) lies in the two-sided 99% bounds of
    ///   `χ²(N n)/N` on at least 80% of steps (expected 99%). The slack is for NEES: with
    ///   low process noise, estimation errors persist for many steps, so the per-step averages
    ///   wander slowly and exceedances come in runs (the ECEF ballistic case has a run of 6
    ///   above the bound with ANEES 6.20 for n = 6; 1000-run repeats give 6.00–6.05);
    /// - the NIS averaged over runs and steps lies in the two-sided 99% bounds of
    ///   `χ²(N K m)/(N K)`: innovations of a consistent filter are white, so all N·K values
    ///   are independent;
    /// - the NEES averaged over runs and steps is within `3√(2n/N)` of `n`: each run's time
    ///   average has variance at most `2n` (fully correlated steps), so this holds with ≥ 99%
    ///   probability whatever the correlation.
    pub(super) fn assert_consistent(&self) {
        let avg = self.run();
        let n_runs = self.runs as f64;
        let n = self.nees_indices.len() as f64;
        let m = self.model.dim() as f64;
        let (nees_lo, nees_hi) = chi2_mean_bounds(n_runs * n, 0.99);
        let (nis_lo, nis_hi) = chi2_mean_bounds(n_runs * m, 0.99);
        let outside = |v: &[f64], dof: f64, lo: f64, hi: f64| {
            v.iter()
                .filter(|a| **a / dof < lo || **a / dof > hi)
                .count()
        };
        let nees_out = outside(&avg.nees, n, nees_lo, nees_hi);
        let nis_out = outside(&avg.nis, m, nis_lo, nis_hi);
        let allowed = self.steps / 5;
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let (anees, anis) = (mean(&avg.nees), mean(&avg.nis));
        let (gl, gh) = chi2_mean_bounds(n_runs * self.steps as f64 * m, 0.99);
        let nees_tol = 3.0 * (2.0 * n / n_runs).sqrt();
        let name = self.name;
        let report = format!(
            "{name}: ANEES {anees:.3} (n = {n}, ±{nees_tol:.3}), ANIS {anis:.3} (m = {m}, \
             [{:.3}, {:.3}]), steps outside 99%: NEES {nees_out}, NIS {nis_out} of {}\n\
             NEES per step {:.2?}\nNIS per step {:.2?}",
            gl * m,
            gh * m,
            self.steps,
            avg.nees,
            avg.nis
        );
        // Shown with --nocapture: the summary line is what a reviewer wants to see.
        eprintln!("{}", report.lines().next().unwrap_or_default());
        assert!(
            nees_out <= allowed,
            "NEES outside per-step bounds: {report}"
        );
        assert!(nis_out <= allowed, "NIS outside per-step bounds: {report}");
        assert!((anees - n).abs() <= nees_tol, "ANEES: {report}");
        assert!(anis >= gl * m && anis <= gh * m, "ANIS: {report}");
    }
}

/// Truth step by a linear model's own exact discretisation plus a draw of its `Q`
/// (acceleration noise dropped for models that hold acceleration at zero).
pub(super) fn linear_truth(
    frame: Frame,
    model: MotionModel,
) -> impl Fn(&mut ChaCha8Rng, &StateVector, f64) -> StateVector {
    move |rng, x, dt| {
        let lin = crate::filter::motion::linear(frame, &model, x, dt);
        let mut w = gaussian(rng, &lin.q);
        if !matches!(model, MotionModel::Singer { .. }) {
            for i in 6..9 {
                w[i] = 0.0;
            }
        }
        lin.f * x + lin.u + w
    }
}
