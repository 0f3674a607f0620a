//! Innovations and updates shared by KF, EKF and UKF, including the PDA combined update.
//!
//! A [`Prepared`] update holds everything a posterior needs: the innovation (with `S`, `S⁻¹`,
//! the gain, the likelihood), the predicted measurement `ẑ`, and how the posterior covariance
//! is formed (Joseph form with `H` and `R` for KF/EKF, `P − KSKᵀ` for UKF).

use super::linalg::{debug_assert_covariance, symmetrise};
use super::measurement;
use super::{
    Estimate, FilterKind, Gain, Innovation, MeasCovariance, MeasJacobian, MeasVector, Measurement,
    MeasurementModel, StateCovariance, ukf,
};
use core::f64::consts::TAU;

/// How far `β0 + Σβ_i` may stray from one: association code normalises in floating point.
const PDA_WEIGHT_TOLERANCE: f64 = 1e-6;

/// An innovation plus what its posterior needs.
pub(super) struct Prepared {
    pub(super) inn: Innovation,
    pub(super) z_hat: MeasVector,
    posterior: Posterior,
}

// A short-lived stack value: boxing the large variant would allocate on every update.
#[allow(clippy::large_enum_variant)]
enum Posterior {
    /// KF/EKF: Joseph form with the (linearised) `H` and the noise `R`.
    Joseph { h: MeasJacobian, r: MeasCovariance },
    /// UKF: `P − K S Kᵀ`.
    Unscented,
}

fn is_linear(model: &MeasurementModel) -> bool {
    matches!(model, MeasurementModel::Position { .. })
}

/// Innovation of `meas` against `est` for `kind`.
pub(super) fn prepare(kind: FilterKind, est: &Estimate, meas: &Measurement) -> Prepared {
    let model = &meas.model;
    match kind {
        FilterKind::Kf | FilterKind::Ekf => {
            if kind == FilterKind::Kf {
                assert!(
                    is_linear(model),
                    "the linear KF needs a position measurement; use Ekf or Ukf for {model:?}"
                );
            }
            let z_hat = measurement::h(model, &est.x);
            let h = measurement::jacobian(model, &est.x);
            let r = measurement::noise(model);
            let pht = est.p * h.transpose();
            let s = h * pht + r;
            let inn = finish(model, &meas.z, &z_hat, s, &pht);
            Prepared {
                inn,
                z_hat,
                posterior: Posterior::Joseph { h, r },
            }
        }
        FilterKind::Ukf => {
            let ut = ukf::transform_measurement(model, est);
            let s = ut.s + measurement::noise(model);
            let inn = finish(model, &meas.z, &ut.z_hat, s, &ut.cross);
            Prepared {
                inn,
                z_hat: ut.z_hat,
                posterior: Posterior::Unscented,
            }
        }
    }
}

/// Completes an innovation from `S` and the cross-covariance `P_xz` (= `P Hᵀ` for EKF).
fn finish(
    model: &MeasurementModel,
    z: &MeasVector,
    z_hat: &MeasVector,
    s: MeasCovariance,
    cross: &Gain,
) -> Innovation {
    let dim = model.dim();
    let s = symmetrise(&s);
    // Always on: this is the "before gating" half of the paired PD checks.
    let chol = s.cholesky().unwrap_or_else(|| {
        panic!("innovation covariance S is not positive definite for {model:?}: {s}")
    });
    let s_inv = symmetrise(&chol.inverse());
    let nu = measurement::residual(model, z, z_hat);
    let d2 = (nu.transpose() * s_inv * nu)[(0, 0)];
    // ln det S from the Cholesky diagonal; the identity padding contributes ln 1 = 0.
    let ln_det: f64 = (0..dim).map(|i| 2.0 * chol.l_dirty()[(i, i)].ln()).sum();
    let log_likelihood = -0.5 * (d2 + ln_det + dim as f64 * TAU.ln());
    Innovation {
        dim,
        nu,
        s,
        s_inv,
        d2,
        log_likelihood,
        gain: cross * s_inv,
    }
}

/// The posterior covariance `P_c` of a single-measurement update.
fn posterior_covariance(p: &StateCovariance, prep: &Prepared) -> StateCovariance {
    let k = &prep.inn.gain;
    let pc = match &prep.posterior {
        Posterior::Joseph { h, r } => {
            let ikh = StateCovariance::identity() - k * h;
            ikh * p * ikh.transpose() + k * r * k.transpose()
        }
        Posterior::Unscented => p - k * prep.inn.s * k.transpose(),
    };
    symmetrise(&pc)
}

fn assert_time(est: &Estimate, meas: &Measurement) {
    assert_eq!(
        est.time, meas.time,
        "update of a state valid at {} with a measurement taken at {}: predict first",
        est.time, meas.time
    );
}

/// Single-measurement update; also returns the measurement's log-likelihood (IMM).
pub(super) fn update(kind: FilterKind, est: &Estimate, meas: &Measurement) -> (Estimate, f64) {
    assert_time(est, meas);
    let prep = prepare(kind, est, meas);
    let x = est.x + prep.inn.gain * prep.inn.nu;
    let p = posterior_covariance(&est.p, &prep);
    debug_assert_covariance(&p, "update");
    let e = Estimate {
        time: est.time,
        x,
        p,
    };
    (e, prep.inn.log_likelihood)
}

/// Asserts PDA weights: each in [0, 1], summing with `beta0` to one.
pub(super) fn assert_pda_weights(weighted: &[(f64, Measurement)], beta0: f64) {
    let sum: f64 = beta0 + weighted.iter().map(|(b, _)| b).sum::<f64>();
    let in_unit = |b: f64| (0.0..=1.0).contains(&b);
    assert!(
        in_unit(beta0) && weighted.iter().all(|(b, _)| in_unit(*b)),
        "PDA weights outside [0, 1]: β0 = {beta0}"
    );
    assert!(
        (sum - 1.0).abs() <= PDA_WEIGHT_TOLERANCE,
        "PDA weights sum to {sum}, not 1"
    );
    if let Some((_, first)) = weighted.first() {
        assert!(
            weighted.iter().all(|(_, m)| m.model == first.model),
            "PDA update over measurements from different measurement models"
        );
    }
}

/// PDA combined update (Bar-Shalom); returns the posterior and each measurement's
/// log-likelihood `ln N(ν_i; 0, S)` (for IMM mode probabilities).
pub(super) fn update_pda(
    kind: FilterKind,
    est: &Estimate,
    weighted: &[(f64, Measurement)],
    beta0: f64,
) -> (Estimate, Vec<f64>) {
    let Some((_, first)) = weighted.first() else {
        return (*est, Vec::new());
    };
    // One linearisation (or sigma-point set) for all: the measurements share the model.
    let prep = prepare(kind, est, first);
    let model = &first.model;
    let mut nu_sum = MeasVector::zeros();
    let mut spread = MeasCovariance::zeros();
    let mut log_likelihoods = Vec::with_capacity(weighted.len());
    for (beta, meas) in weighted {
        let nu = measurement::residual(model, &meas.z, &prep.z_hat);
        nu_sum += nu * *beta;
        spread += nu * nu.transpose() * *beta;
        let d2 = (nu.transpose() * prep.inn.s_inv * nu)[(0, 0)];
        log_likelihoods.push(prep.inn.log_likelihood + 0.5 * (prep.inn.d2 - d2));
    }
    let k = &prep.inn.gain;
    let x = est.x + k * nu_sum;
    let pc = posterior_covariance(&est.p, &prep);
    let spread = spread - nu_sum * nu_sum.transpose();
    let p = est.p * beta0 + pc * (1.0 - beta0) + k * spread * k.transpose();
    let p = symmetrise(&p);
    debug_assert_covariance(&p, "PDA update");
    (
        Estimate {
            time: est.time,
            x,
            p,
        },
        log_likelihoods,
    )
}
