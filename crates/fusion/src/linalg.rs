//! Small dense helpers on symmetric positive definite matrices (inverse, log-determinant,
//! symmetric square root) shared by the fusion rules and the association gate.

use crate::state::Matrix6;
use nalgebra::{Cholesky, Const, SMatrix};

/// `(M + Mᵀ)/2`: keeps round-off from making a covariance asymmetric.
pub(crate) fn symmetrise<const N: usize>(m: &SMatrix<f64, N, N>) -> SMatrix<f64, N, N> {
    (m + m.transpose()) * 0.5
}

/// Cholesky factor of a symmetric positive definite matrix, `None` otherwise.
pub(crate) fn chol<const N: usize>(m: &SMatrix<f64, N, N>) -> Option<Cholesky<f64, Const<N>>> {
    Cholesky::new(symmetrise(m))
}

/// Inverse of a symmetric positive definite matrix (panics otherwise: covariances are SPD by
/// contract, and a silent pseudo-inverse would hide the bug).
pub(crate) fn inv_spd<const N: usize>(m: &SMatrix<f64, N, N>, what: &str) -> SMatrix<f64, N, N> {
    symmetrise(
        &chol(m)
            .unwrap_or_else(|| panic!("{what}: covariance not positive definite"))
            .inverse(),
    )
}

/// `ln det` from a Cholesky factor.
pub(crate) fn log_det<const N: usize>(c: &Cholesky<f64, Const<N>>) -> f64 {
    2.0 * c.l_dirty().diagonal().iter().map(|d| d.ln()).sum::<f64>()
}

/// Symmetric positive semi-definite square root `V diag(√λ) Vᵀ` (negative round-off
/// eigenvalues clamp to zero).
pub(crate) fn sqrtm(m: &Matrix6) -> Matrix6 {
    let e = nalgebra::SymmetricEigen::new(symmetrise(m));
    let d = e.eigenvalues.map(|l| l.max(0.0).sqrt());
    symmetrise(&(e.eigenvectors * Matrix6::from_diagonal(&d) * e.eigenvectors.transpose()))
}
