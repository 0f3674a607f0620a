//! Statistics of Monte Carlo studies: mean, sample standard deviation, Student-t confidence
//! intervals of a mean and of a paired mean difference, and the Wilson score interval of a
//! binomial proportion.
//!
//! The t quantile is exact to ~1e-10: the t CDF is written with the regularised incomplete
//! beta function (Lentz continued fraction, Numerical Recipes §6.4) and inverted by bisection,
//! so any number of degrees of freedom works, not only tabulated ones.

/// The 95 % two-sided level used throughout the studies.
pub const LEVEL_95: f64 = 0.95;

/// A sample mean with its two-sided Student-t confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeanCi {
    /// Values in the sample.
    pub n: usize,
    /// Sample mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1 in the denominator; 0 for one value).
    pub sd: f64,
    /// Lower end of the interval (−∞ with fewer than two values: no spread is known).
    pub low: f64,
    /// Upper end (+∞ with fewer than two values).
    pub high: f64,
}

impl MeanCi {
    /// True when the interval excludes zero (a difference distinguishable from none).
    pub fn excludes_zero(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }

    /// Width of the interval.
    pub fn width(&self) -> f64 {
        self.high - self.low
    }
}

/// Arithmetic mean (`None` for an empty slice).
pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Sample standard deviation with Bessel's correction (0 for fewer than two values).
pub fn sample_sd(xs: &[f64]) -> f64 {
    let Some(m) = mean(xs) else { return 0.0 };
    if xs.len() < 2 {
        return 0.0;
    }
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    (ss / (xs.len() - 1) as f64).sqrt()
}

/// Mean and two-sided confidence interval at `level` (e.g. [`LEVEL_95`]); `None` when empty.
pub fn mean_ci(xs: &[f64], level: f64) -> Option<MeanCi> {
    let mean = mean(xs)?;
    let n = xs.len();
    let sd = sample_sd(xs);
    let (low, high) = if n < 2 {
        (f64::NEG_INFINITY, f64::INFINITY)
    } else {
        let t = student_t_quantile(0.5 + level / 2.0, (n - 1) as f64);
        let half = t * sd / (n as f64).sqrt();
        (mean - half, mean + half)
    };
    Some(MeanCi {
        n,
        mean,
        sd,
        low,
        high,
    })
}

/// Paired differences `variant − baseline` over the indices where both have a value, with
/// their confidence interval (a paired t interval); `None` when no pair exists.
///
/// # Panics
/// If the slices differ in length (they must be indexed by the same seeds).
pub fn paired_diff(
    variant: &[Option<f64>],
    baseline: &[Option<f64>],
    level: f64,
) -> Option<MeanCi> {
    assert_eq!(
        variant.len(),
        baseline.len(),
        "paired samples share their seeds"
    );
    let d: Vec<f64> = variant
        .iter()
        .zip(baseline)
        .filter_map(|(v, b)| Some((*v)? - (*b)?))
        .collect();
    mean_ci(&d, level)
}

/// The Wilson score interval of a binomial proportion: `successes` out of `trials`, two-sided
/// at `level`; `None` without trials.
///
/// Unlike the normal ("Wald") interval it stays inside [0, 1] and keeps close to its nominal
/// coverage for small samples and proportions near 0 or 1 (Brown, Cai & DasGupta 2001), which
/// is where kill rates of a few dozen shots live.
///
/// # Panics
/// If `successes > trials` or `level` is not in (0, 1).
pub fn wilson(successes: u64, trials: u64, level: f64) -> Option<(f64, f64)> {
    assert!(
        successes <= trials,
        "{successes} successes in {trials} trials"
    );
    assert!(level > 0.0 && level < 1.0, "level {level} outside (0, 1)");
    if trials == 0 {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z = student_t_quantile(0.5 + level / 2.0, f64::INFINITY);
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // At 0 or n successes the bound on that side is exactly 0 or 1; rounding must not move it.
    let low = if successes == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if successes == trials {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    Some((low, high))
}

/// The `p` quantile of Student's t distribution with `dof` degrees of freedom (`dof` may be
/// fractional or `f64::INFINITY`, which gives the standard normal).
///
/// # Panics
/// Unless `0 < p < 1` and `dof > 0`.
pub fn student_t_quantile(p: f64, dof: f64) -> f64 {
    assert!(p > 0.0 && p < 1.0, "quantile level {p} outside (0, 1)");
    assert!(dof > 0.0, "degrees of freedom {dof} must be positive");
    if p < 0.5 {
        return -student_t_quantile(1.0 - p, dof);
    }
    if p == 0.5 {
        return 0.0;
    }
    let cdf = |t: f64| {
        if dof.is_infinite() {
            normal_cdf(t)
        } else {
            student_t_cdf(t, dof)
        }
    };
    let mut hi = 1.0;
    while cdf(hi) < p {
        hi *= 2.0;
    }
    let mut lo = 0.0;
    // Bisection to the last bit: 200 halvings are far more than f64 can resolve.
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// CDF of Student's t: for `t ≥ 0`, `1 − ½ I_{ν/(ν+t²)}(ν/2, ½)`.
pub fn student_t_cdf(t: f64, dof: f64) -> f64 {
    let x = dof / (dof + t * t);
    let tail = 0.5 * regularized_beta(x, dof / 2.0, 0.5);
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// Standard normal CDF via `erfc`.
fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// Complementary error function as the regularised upper incomplete gamma `Q(½, x²)`, from its
/// continued fraction (x ≥ 1) or series (x < 1): accurate to ~1e-15.
fn erfc(x: f64) -> f64 {
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    let a = 0.5;
    let z = x * x;
    let ln_pref = a * z.ln() - z - ln_gamma(a);
    if z < a + 1.0 {
        // Series for P(a, z).
        let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..500 {
            ap += 1.0;
            term *= z / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        1.0 - sum * ln_pref.exp()
    } else {
        // Lentz continued fraction for Q(a, z).
        let tiny = 1e-300;
        let mut b = z + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..500 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-16 {
                break;
            }
        }
        ln_pref.exp() * h
    }
}

/// Regularised incomplete beta `I_x(a, b)`.
fn regularized_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    // The continued fraction converges fast on this side of the mean; use symmetry otherwise.
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * beta_cf(x, a, b) / a
    } else {
        1.0 - ln_front.exp() * beta_cf(1.0 - x, b, a) / b
    }
}

/// Continued fraction of the incomplete beta (modified Lentz).
fn beta_cf(x: f64, a: f64, b: f64) -> f64 {
    let tiny = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..1000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        for aa in [
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ] {
            d = 1.0 + aa * d;
            if d.abs() < tiny {
                d = tiny;
            }
            c = 1.0 + aa / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            h *= d * c;
        }
        if (d * c - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// `ln Γ(x)` for `x > 0` (Lanczos, g = 7, n = 9: ~1e-15 relative).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection keeps the series in its accurate range.
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

#[cfg(test)]
mod tests;
