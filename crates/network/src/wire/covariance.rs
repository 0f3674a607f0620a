//! The 12-byte covariance summary of a track report, its conservative compression from a full
//! 6×6 ECEF position–velocity covariance, and the tiny linear algebra (6×6 Cholesky) it needs.
//!
//! Carried: three position sigmas, the three position correlations, three velocity sigmas and
//! the three same-axis position–velocity correlations. Dropped (zero in the decoded matrix):
//! velocity–velocity and cross-axis position–velocity correlations. Compression guarantees
//! `to_matrix() − P ⪰ 0` (to 1e-9 of the decoded variances) for a symmetric positive
//! semi-definite `P` whose sigmas are within the scale (≤ 623 km, ≤ 623 km/s): the receiver
//! is never told the track is better than it is. Beyond the scale the sigmas saturate (such a
//! track carries no usable position anyway). Every decodable summary is positive definite.

use super::scale::{log_code_up, log_value};

/// Base of the position (m) and velocity (m/s) log scales: `σ = 0.25 · 2^(code/12)`.
pub(crate) const SIGMA_BASE: f64 = 0.25;
/// Scale of the correlation codes: `ρ = code / 127`.
const CORRELATION_SCALE: f64 = 127.0;
/// Smallest Cholesky pivot a decoded correlation matrix must keep (it must be usable as a
/// covariance by the receiver, not merely semi-definite).
const MIN_PIVOT: f64 = 1e-6;
/// Slack of the dominance test, relative to the decoded sigmas (rounding noise of `f64`).
const DOMINANCE_SLACK: f64 = 1e-9;
/// Factors applied to the measured correlations in [`CovarianceSummary::from_matrix`]'s trials.
const SHRINK_TRIALS: [f64; 6] = [1.0, 0.8, 0.6, 0.4, 0.2, 0.0];
/// Carried position correlations: (x,y), (x,z), (y,z).
const POS_PAIRS: [(usize, usize); 3] = [(0, 1), (0, 2), (1, 2)];
/// Carried same-axis position–velocity correlations: (x,vx), (y,vy), (z,vz).
const POS_VEL_PAIRS: [(usize, usize); 3] = [(0, 3), (1, 4), (2, 5)];

/// Compressed ECEF position–velocity covariance (12 bytes on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CovarianceSummary {
    /// Log-scale codes of σx, σy, σz (m) then σvx, σvy, σvz (m/s).
    sigma: [u8; 6],
    /// Correlation codes (÷127): ρxy, ρxz, ρyz, then ρ(x,vx), ρ(y,vy), ρ(z,vz).
    rho: [i8; 6],
}

impl CovarianceSummary {
    /// Conservative compression of `p` (ECEF, order x, y, z, vx, vy, vz; m², m²/s, m²/s²).
    ///
    /// Sigmas are rounded up, correlations rounded to the nearest code; then the sigmas on the
    /// axes where the decoded matrix falls short are raised a log step at a time until it
    /// dominates `p`. Correlations are shrunk toward zero where that ends tighter. Non-finite
    /// or negative variances saturate.
    pub fn from_matrix(p: &[[f64; 6]; 6]) -> Self {
        let sigma_true: [f64; 6] = core::array::from_fn(|i| p[i][i].max(0.0).sqrt());
        let sigma = sigma_true.map(|s| log_code_up(s, SIGMA_BASE).unwrap_or(u8::MAX));
        let pairs = pairs();
        let rho_true: [f64; 6] = core::array::from_fn(|k| {
            let (i, j) = pairs[k];
            let r = p[i][j] / (sigma_true[i] * sigma_true[j]);
            if r.is_finite() {
                r.clamp(-1.0, 1.0)
            } else {
                0.0
            }
        });
        // Carrying a correlation helps only if the pattern stays a usable correlation matrix
        // and dominating the dropped terms does not cost more than it saves: try the measured
        // correlations shrunk by a few factors and keep the tightest result (fewest log steps
        // of sigma in total; all-zero, the identity, is always valid).
        let mut best: Option<CovarianceSummary> = None;
        // No candidate can end below the rounded-up sigmas: reaching them ends the search.
        let floor = CovarianceSummary { sigma, rho: [0; 6] }.code_total();
        for shrink in SHRINK_TRIALS {
            if best.is_some_and(|b| b.code_total() == floor) {
                break;
            }
            let candidate = CovarianceSummary {
                sigma,
                rho: rho_true.map(|r| quantise_rho(r * shrink)),
            };
            if !candidate.is_valid() {
                continue;
            }
            // Inflation only raises sigmas: a trial that reaches the best total cannot win,
            // so it stops there (same result as inflating it fully, at a fraction of the cost).
            if let Some(candidate) = candidate.inflated(p, best.map(|b| b.code_total())) {
                best = Some(candidate);
            }
        }
        best.unwrap_or(CovarianceSummary {
            sigma: [u8::MAX; 6],
            rho: [0; 6],
        })
    }

    /// Raises the sigmas of the axes the deficit lives on (the eigenvector of the most negative
    /// eigenvalue of the scaled difference) one log step at a time until `self` dominates `p`;
    /// at most 6 × 255 rounds, since each raises an unsaturated code or stops. `None` once the
    /// total of the codes reaches `bound` (a tighter summary is already known).
    fn inflated(mut self, p: &[[f64; 6]; 6], bound: Option<u32>) -> Option<Self> {
        loop {
            if bound.is_some_and(|b| self.code_total() >= b) {
                return None;
            }
            let Some(direction) = self.deficit(p) else {
                return Some(self);
            };
            let peak = direction.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            let mut raised = false;
            for (code, v) in self.sigma.iter_mut().zip(direction) {
                if v.abs() >= 0.5 * peak && *code < u8::MAX {
                    *code += 1;
                    raised = true;
                }
            }
            if !raised {
                if self.sigma.iter().all(|&c| c == u8::MAX) {
                    return Some(self);
                }
                self.sigma = self.sigma.map(|c| c.saturating_add(1));
            }
        }
    }

    /// Sum of the sigma codes: log steps of looseness (the compression minimises it).
    fn code_total(&self) -> u32 {
        self.sigma.iter().map(|&c| u32::from(c)).sum()
    }

    /// The decoded 6×6 covariance (ECEF, order x, y, z, vx, vy, vz); uncarried terms are zero.
    pub fn to_matrix(&self) -> [[f64; 6]; 6] {
        let r = self.correlation_matrix();
        let s = self.sigmas();
        core::array::from_fn(|i| core::array::from_fn(|j| s[i] * s[j] * r[i][j]))
    }

    /// Decoded position sigmas (m) along ECEF x, y, z.
    pub fn position_sigma_m(&self) -> [f64; 3] {
        let s = self.sigmas();
        [s[0], s[1], s[2]]
    }

    /// Decoded velocity sigmas (m/s) along ECEF x, y, z.
    pub fn velocity_sigma_mps(&self) -> [f64; 3] {
        let s = self.sigmas();
        [s[3], s[4], s[5]]
    }

    /// The 12 wire bytes: σx σy σz ρxy ρxz ρyz σvx σvy σvz ρ(x,vx) ρ(y,vy) ρ(z,vz).
    pub(crate) fn to_bytes(self) -> [u8; 12] {
        let [sx, sy, sz, svx, svy, svz] = self.sigma;
        let r = self.rho.map(|c| c as u8);
        [
            sx, sy, sz, r[0], r[1], r[2], svx, svy, svz, r[3], r[4], r[5],
        ]
    }

    /// Inverse of [`to_bytes`](Self::to_bytes); `None` for the unused correlation code −128 or
    /// correlations that do not form a usable covariance.
    pub(crate) fn from_bytes(b: [u8; 12]) -> Option<Self> {
        let rho = [b[3], b[4], b[5], b[9], b[10], b[11]].map(|c| c as i8);
        if rho.contains(&i8::MIN) {
            return None;
        }
        let summary = CovarianceSummary {
            sigma: [b[0], b[1], b[2], b[6], b[7], b[8]],
            rho,
        };
        summary.is_valid().then_some(summary)
    }

    fn sigmas(&self) -> [f64; 6] {
        self.sigma.map(|c| log_value(c, SIGMA_BASE))
    }

    fn correlation_matrix(&self) -> [[f64; 6]; 6] {
        let mut r = [[0.0; 6]; 6];
        for (i, row) in r.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        for ((i, j), code) in pairs().into_iter().zip(self.rho) {
            r[i][j] = f64::from(code) / CORRELATION_SCALE;
            r[j][i] = r[i][j];
        }
        r
    }

    /// Whether the carried correlations form a positive definite matrix with margin.
    fn is_valid(&self) -> bool {
        cholesky_min_pivot(&self.correlation_matrix()) > MIN_PIVOT
    }

    /// `None` if `to_matrix() − p ⪰ 0`, else the direction (in decoded-sigma units) where it
    /// falls shortest.
    fn deficit(&self, p: &[[f64; 6]; 6]) -> Option<[f64; 6]> {
        let m = self.scaled_difference(p);
        if cholesky_min_pivot(&m) > 0.0 {
            return None;
        }
        Some(min_eigenvector(m))
    }

    /// `D⁻¹ (to_matrix() − p) D⁻¹ + slack · I`, `D` the decoded sigmas: scale-free, so one
    /// test serves metres and metres per second alike.
    fn scaled_difference(&self, p: &[[f64; 6]; 6]) -> [[f64; 6]; 6] {
        let r = self.correlation_matrix();
        let s = self.sigmas();
        core::array::from_fn(|i| {
            core::array::from_fn(|j| {
                let slack = if i == j { DOMINANCE_SLACK } else { 0.0 };
                let d = r[i][j] - p[i][j] / (s[i] * s[j]) + slack;
                // Non-finite input saturates: treat it as a large deficit on that entry.
                if d.is_finite() { d } else { -1.0 }
            })
        })
    }
}

fn pairs() -> [(usize, usize); 6] {
    let [a, b, c] = POS_PAIRS;
    let [d, e, f] = POS_VEL_PAIRS;
    [a, b, c, d, e, f]
}

fn quantise_rho(r: f64) -> i8 {
    (r * CORRELATION_SCALE)
        .round()
        .clamp(-CORRELATION_SCALE, CORRELATION_SCALE) as i8
}

/// Smallest squared pivot of a Cholesky factorisation of symmetric `m` (the first
/// non-positive one, or NaN, ends it): positive iff `m` is positive definite.
pub(crate) fn cholesky_min_pivot(m: &[[f64; 6]; 6]) -> f64 {
    let mut l = [[0.0f64; 6]; 6];
    let mut min_pivot = f64::INFINITY;
    for j in 0..6 {
        let d = m[j][j] - (0..j).map(|k| l[j][k] * l[j][k]).sum::<f64>();
        if d.is_nan() || d <= 0.0 {
            return if d.is_nan() { f64::NEG_INFINITY } else { d };
        }
        min_pivot = min_pivot.min(d);
        l[j][j] = d.sqrt();
        for i in j + 1..6 {
            let s = m[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            l[i][j] = s / l[j][j];
        }
    }
    min_pivot
}

/// Eigenvector of the smallest eigenvalue of symmetric `a`, by cyclic Jacobi rotations.
#[allow(clippy::needless_range_loop)] // rotations touch two entries per index
fn min_eigenvector(mut a: [[f64; 6]; 6]) -> [f64; 6] {
    let mut v = [[0.0f64; 6]; 6];
    for (i, row) in v.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    // The vector only steers which sigmas to raise (dominance itself is checked exactly by
    // Cholesky), so a few sweeps are plenty.
    for _ in 0..5 {
        let off: f64 = (0..6)
            .flat_map(|i| (i + 1..6).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off.is_nan() || off <= 1e-16 {
            break;
        }
        for p in 0..6 {
            for q in p + 1..6 {
                if a[p][q] == 0.0 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = if theta == 0.0 {
                    1.0
                } else {
                    theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt())
                };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..6 {
                    let (akp, akq) = (a[k][p], a[k][q]);
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for k in 0..6 {
                    let (apk, aqk) = (a[p][k], a[q][k]);
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for k in 0..6 {
                    let (vkp, vkq) = (v[k][p], v[k][q]);
                    v[k][p] = c * vkp - s * vkq;
                    v[k][q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let min = (0..6)
        .min_by(|&i, &j| a[i][i].total_cmp(&a[j][j]))
        .unwrap_or(0);
    core::array::from_fn(|k| v[k][min])
}
