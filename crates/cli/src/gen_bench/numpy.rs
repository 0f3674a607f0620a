//! The parts of numpy's `Generator(PCG64(SeedSequence(seed)))` the tracking-benchmark generator
//! draws from, re-implemented from numpy's documented algorithms so that `kizuna gen-bench`
//! consumes the same random stream as `gen_scenario.py` and makes the same choices.
//!
//! - `SeedSequence` (entropy pool of four 32-bit words, hashmix/mix) → 128-bit PCG64 state and
//!   increment; PCG64 is the XSL-RR 128/64 generator; `next_uint32` halves a 64-bit draw and
//!   keeps the high half for the next call, as numpy does.
//! - `random` and `uniform`: 53-bit doubles; `integers` (scalar, range < 2³²): Lemire's
//!   bounded method; `permutation`: Fisher–Yates with numpy's masked rejection interval;
//!   `poisson`: multiplication for λ < 10, PTRS (Hörmann 1993) above.
//! - `standard_normal`: numpy's 256-layer ziggurat (Marsaglia & Tsang), tail and wedge
//!   included. Its tables are computed here from the ziggurat's definition (right edge
//!   r = 3.6541528853610088, layer area v = 0.0049286732339746519); numpy ships tables
//!   generated with a different rounding history, so layer widths agree to ~1e-14 relative:
//!   every uniform, integer and branch decision is the same, a normal draw can differ in its
//!   last one or two bits (the cross-check test in `tests/it/gen_bench.rs` states the bound).
//!
//! Bit-exact parts are verified against numpy itself by that test when python3 with numpy
//! is present (`testkit::NUMPY`), and by the pinned values in this module's tests.

use std::sync::OnceLock;

const MASK32: u32 = u32::MAX;

/// numpy's `SeedSequence(seed).generate_state(n_words, uint32)` for an integer seed ≥ 0 and
/// the default pool size of 4.
pub(crate) fn seed_sequence_words(seed: u64, n_words: usize) -> Vec<u32> {
    const INIT_A: u32 = 0x43b0_d7e5;
    const MULT_A: u32 = 0x931e_8875;
    const INIT_B: u32 = 0x8b51_f9dd;
    const MULT_B: u32 = 0x58f3_8ded;
    const MIX_MULT_L: u32 = 0xca01_f9dd;
    const MIX_MULT_R: u32 = 0x4973_f715;
    const POOL: usize = 4;
    let entropy: Vec<u32> = if seed == 0 {
        vec![0]
    } else if seed >> 32 == 0 {
        vec![seed as u32]
    } else {
        vec![seed as u32, (seed >> 32) as u32]
    };
    let mut hash_const = INIT_A;
    let mut hashmix = |value: u32| {
        let mut v = value ^ hash_const;
        hash_const = hash_const.wrapping_mul(MULT_A);
        v = v.wrapping_mul(hash_const);
        v ^ (v >> 16)
    };
    let mix = |x: u32, y: u32| {
        let r = MIX_MULT_L
            .wrapping_mul(x)
            .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
        r ^ (r >> 16)
    };
    let mut pool = [0u32; POOL];
    for (i, p) in pool.iter_mut().enumerate() {
        *p = hashmix(entropy.get(i).copied().unwrap_or(0));
    }
    for src in 0..POOL {
        for dst in 0..POOL {
            if src != dst {
                let h = hashmix(pool[src]);
                pool[dst] = mix(pool[dst], h);
            }
        }
    }
    for &e in entropy.iter().skip(POOL) {
        for p in pool.iter_mut() {
            let h = hashmix(e);
            *p = mix(*p, h);
        }
    }
    let mut hash_b = INIT_B;
    (0..n_words)
        .map(|i| {
            let mut v = pool[i % POOL] ^ hash_b;
            hash_b = hash_b.wrapping_mul(MULT_B);
            v = v.wrapping_mul(hash_b);
            v ^ (v >> 16)
        })
        .collect()
}

/// numpy's `default_rng(seed)`: PCG64 seeded through `SeedSequence`, with the distributions
/// `gen_scenario.py` uses.
#[derive(Clone, Debug)]
pub(crate) struct Generator {
    state: u128,
    inc: u128,
    /// numpy's buffered upper half of a 64-bit draw for the next 32-bit request.
    buffered: Option<u32>,
}

const PCG_MULT: u128 = (2_549_297_995_355_413_924u128 << 64) + 4_865_540_595_714_422_341;

impl Generator {
    pub(crate) fn new(seed: u64) -> Self {
        let w = seed_sequence_words(seed, 8);
        let word64 = |i: usize| u128::from(w[2 * i]) | (u128::from(w[2 * i + 1]) << 32);
        let init_state = (word64(0) << 64) | word64(1);
        let init_seq = (word64(2) << 64) | word64(3);
        let mut g = Generator {
            state: 0,
            inc: (init_seq << 1) | 1,
            buffered: None,
        };
        g.step();
        g.state = g.state.wrapping_add(init_state);
        g.step();
        g
    }

    fn step(&mut self) {
        self.state = self.state.wrapping_mul(PCG_MULT).wrapping_add(self.inc);
    }

    /// The PCG64 128-bit state (for tests against numpy's `bit_generator.state`).
    #[cfg(test)]
    pub(crate) fn state(&self) -> (u128, u128) {
        (self.state, self.inc)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.step();
        let s = self.state;
        let v = ((s >> 64) as u64) ^ (s as u64);
        v.rotate_right((s >> 122) as u32)
    }

    fn next_u32(&mut self) -> u32 {
        if let Some(u) = self.buffered.take() {
            return u;
        }
        let n = self.next_u64();
        self.buffered = Some((n >> 32) as u32);
        (n & u64::from(MASK32)) as u32
    }

    /// `Generator.random()`: a double in [0, 1) from the top 53 bits.
    pub(crate) fn random(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `Generator.uniform(low, high)`.
    pub(crate) fn uniform(&mut self, low: f64, high: f64) -> f64 {
        let range = high - low;
        low + range * self.random()
    }

    /// `Generator.integers(low, high)` (int64, high exclusive) for ranges below 2³².
    pub(crate) fn integers(&mut self, low: i64, high: i64) -> i64 {
        assert!(low < high, "integers: low {low} >= high {high}");
        let rng = (high - low - 1) as u64;
        assert!(
            rng < u64::from(MASK32),
            "integers: range {rng} beyond 32 bits"
        );
        if rng == 0 {
            return low;
        }
        low + i64::from(self.bounded_lemire_u32(rng as u32))
    }

    fn bounded_lemire_u32(&mut self, rng: u32) -> u32 {
        let rng_excl = rng + 1;
        let mut m = u64::from(self.next_u32()) * u64::from(rng_excl);
        let mut leftover = m as u32;
        if leftover < rng_excl {
            let threshold = (MASK32 - rng) % rng_excl;
            while leftover < threshold {
                m = u64::from(self.next_u32()) * u64::from(rng_excl);
                leftover = m as u32;
            }
        }
        (m >> 32) as u32
    }

    /// numpy's `random_interval(max)`: uniform in [0, max] by masked rejection.
    fn interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mut mask = max;
        for shift in [1, 2, 4, 8, 16, 32] {
            mask |= mask >> shift;
        }
        loop {
            let v = if max <= u64::from(MASK32) {
                u64::from(self.next_u32()) & mask
            } else {
                self.next_u64() & mask
            };
            if v <= max {
                return v;
            }
        }
    }

    /// `Generator.permutation(n)`.
    pub(crate) fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut a: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.interval(i as u64) as usize;
            a.swap(i, j);
        }
        a
    }

    /// `Generator.choice([a, b])` (uniform, with replacement): `integers(0, 2)` picks.
    pub(crate) fn choice2(&mut self, a: f64, b: f64) -> f64 {
        if self.integers(0, 2) == 0 { a } else { b }
    }

    /// `Generator.standard_normal()`: the 256-layer ziggurat.
    pub(crate) fn standard_normal(&mut self) -> f64 {
        let z = ziggurat();
        loop {
            let mut r = self.next_u64();
            let idx = (r & 0xff) as usize;
            r >>= 8;
            let sign = r & 1;
            let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
            let mut x = rabs as f64 * z.wi[idx];
            if sign == 1 {
                x = -x;
            }
            if rabs < z.ki[idx] {
                return x;
            }
            if idx == 0 {
                loop {
                    let xx = -ZIGGURAT_NOR_INV_R * (-self.random()).ln_1p();
                    let yy = -(-self.random()).ln_1p();
                    if yy + yy > xx * xx {
                        return if (rabs >> 8) & 1 == 1 {
                            -(ZIGGURAT_NOR_R + xx)
                        } else {
                            ZIGGURAT_NOR_R + xx
                        };
                    }
                }
            } else if (z.fi[idx - 1] - z.fi[idx]) * self.random() + z.fi[idx] < (-0.5 * x * x).exp()
            {
                return x;
            }
        }
    }

    /// `Generator.poisson(lam)`.
    pub(crate) fn poisson(&mut self, lam: f64) -> u64 {
        if lam >= 10.0 {
            self.poisson_ptrs(lam)
        } else if lam == 0.0 {
            0
        } else {
            let enlam = (-lam).exp();
            let mut x = 0;
            let mut prod = 1.0;
            loop {
                prod *= self.random();
                if prod > enlam {
                    x += 1;
                } else {
                    return x;
                }
            }
        }
    }

    /// Hörmann's transformed rejection with squeeze (PTRS), as numpy's `random_poisson_ptrs`.
    fn poisson_ptrs(&mut self, lam: f64) -> u64 {
        let slam = lam.sqrt();
        let loglam = lam.ln();
        let b = 0.931 + 2.53 * slam;
        let a = -0.059 + 0.02483 * b;
        let invalpha = 1.1239 + 1.1328 / (b - 3.4);
        let vr = 0.9277 - 3.6224 / (b - 2.0);
        loop {
            let u = self.random() - 0.5;
            let v = self.random();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + lam + 0.43).floor();
            if us >= 0.07 && v <= vr {
                return k as u64;
            }
            if k < 0.0 || (us < 0.013 && v > us) {
                continue;
            }
            if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
                <= -lam + k * loglam - loggam(k + 1.0)
            {
                return k as u64;
            }
        }
    }
}

/// log Γ(x) as numpy's `random_loggam` (Stirling series with 10 terms, shifted up to 7).
fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333_333_333_333_333e-2,
        -2.777_777_777_777_778e-3,
        7.936_507_936_507_937e-4,
        -5.952_380_952_380_952e-4,
        8.417_508_417_508_418e-4,
        -1.917_526_917_526_918e-3,
        6.410_256_410_256_41e-3,
        -2.955_065_359_477_124e-2,
        1.796_443_723_688_307e-1,
        -1.392_432_216_905_9,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.837_877_066_409_345_3;
    let mut gl0 = A[9];
    for k in (0..9).rev() {
        gl0 *= x2;
        gl0 += A[k];
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// Right edge of the ziggurat's base layer and its inverse.
const ZIGGURAT_NOR_R: f64 = 3.654_152_885_361_009;
const ZIGGURAT_NOR_INV_R: f64 = 0.273_661_237_329_758_3;
/// Area of each of the 256 layers (and of the base strip with its tail).
const ZIGGURAT_V: f64 = 0.004_928_673_233_974_652;

/// The ziggurat's tables: `ki` (acceptance thresholds, 52-bit), `wi` (layer widths / 2⁵²),
/// `fi` (density at the layer edges).
struct Ziggurat {
    ki: [u64; 256],
    wi: [f64; 256],
    fi: [f64; 256],
}

fn ziggurat() -> &'static Ziggurat {
    static TABLES: OnceLock<Ziggurat> = OnceLock::new();
    TABLES.get_or_init(|| {
        let pdf = |x: f64| (-0.5 * x * x).exp();
        let scale = 4_503_599_627_370_496.0; // 2^52
        let mut x = [0.0f64; 256];
        x[255] = ZIGGURAT_NOR_R;
        for i in (2..=255).rev() {
            x[i - 1] = (-2.0 * (pdf(x[i]) + ZIGGURAT_V / x[i]).ln()).sqrt();
        }
        let mut z = Ziggurat {
            ki: [0; 256],
            wi: [0.0; 256],
            fi: [0.0; 256],
        };
        for (i, xi) in x.iter().enumerate() {
            z.wi[i] = xi / scale;
            z.fi[i] = pdf(*xi);
        }
        z.wi[0] = ZIGGURAT_V / pdf(ZIGGURAT_NOR_R) / scale;
        for i in 1..256 {
            z.ki[i] = (x[i - 1] / x[i] * scale).round() as u64;
        }
        z.ki[0] = (ZIGGURAT_NOR_R * pdf(ZIGGURAT_NOR_R) / ZIGGURAT_V * scale).round() as u64;
        z
    })
}

/// One row of a 2×2 matrix times a 2-vector as numpy's matmul computes it on this platform
/// (OpenBLAS gemv: the second product rounded, then fused with the first).
pub(crate) fn dot2(a0: f64, a1: f64, x0: f64, x1: f64) -> f64 {
    a0.mul_add(x0, a1 * x1)
}

/// numpy's `linalg.cholesky` of a 2×2 SPD matrix `[[a00, a10], [a10, a11]]` as OpenBLAS's
/// potf2 computes it: `l10 = a10 · (1 / l00)`, `l11 = sqrt(a11 − l10²)`.
pub(crate) fn cholesky2(a00: f64, a10: f64, a11: f64) -> [[f64; 2]; 2] {
    let l00 = a00.sqrt();
    let l10 = a10 * (1.0 / l00);
    let l11 = (a11 - l10 * l10).sqrt();
    [[l00, 0.0], [l10, l11]]
}

/// `np.linalg.norm` of a short vector: the square root of the sum of squares, in order.
pub(crate) fn norm(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |acc, x| acc + x * x).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Values printed by numpy 2.4 (`np.random.PCG64(seed).state`, `random_raw`, and the
    // Generator methods); they pin the bit-exact parts without needing Python.

    const PINNED_STATE_42: u128 = 0xcea4_4f67_9879_8f2a_acbc_7c9d_6886_0ac8;
    const PINNED_INC_42: u128 = 0xfa50_5436_c9a8_416e_66ca_f2e2_8d25_abff;
    const PINNED_RAW_42: [u64; 3] = [
        0xc621_fbcd_16d9_2688,
        0x705a_5661_a791_ffc1,
        0xdbcd_12c2_6eda_1624,
    ];

    #[test]
    fn pcg64_state_and_raw_draws_match_numpy() {
        let mut g = Generator::new(42);
        let (state, inc) = g.state();
        assert_eq!(state, PINNED_STATE_42);
        assert_eq!(inc, PINNED_INC_42);
        let raw: Vec<u64> = (0..3).map(|_| g.next_u64()).collect();
        assert_eq!(raw, PINNED_RAW_42);
    }

    #[test]
    fn the_ziggurat_tables_are_a_ziggurat() {
        let z = ziggurat();
        // Layers shrink upwards, every layer has the same area v, and the acceptance ratio of
        // layer i is x[i-1]/x[i] in 52-bit fixed point.
        for i in 2..256 {
            assert!(z.wi[i] > z.wi[i - 1] && z.fi[i] < z.fi[i - 1], "layer {i}");
            let area = z.wi[i] * 4_503_599_627_370_496.0 * (z.fi[i - 1] - z.fi[i]);
            assert!((area - ZIGGURAT_V).abs() < 1e-12, "layer {i}: area {area}");
        }
        assert_eq!(z.ki[1], 0);
        assert!(z.ki.iter().skip(2).all(|&k| k < 1 << 52));
    }

    #[test]
    fn normals_have_unit_variance() {
        let mut g = Generator::new(7);
        let n = 200_000;
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..n {
            let x = g.standard_normal();
            s += x;
            s2 += x * x;
        }
        let mean = s / f64::from(n);
        let var = s2 / f64::from(n) - mean * mean;
        assert!(
            mean.abs() < 0.01 && (var - 1.0).abs() < 0.01,
            "{mean} {var}"
        );
    }

    #[test]
    fn poisson_means_match_lambda_on_both_branches() {
        let mut g = Generator::new(3);
        for lam in [0.5, 3.0, 10.0, 100.0] {
            let n = 20_000u32;
            let m = (0..n).map(|_| g.poisson(lam) as f64).sum::<f64>() / f64::from(n);
            assert!((m - lam).abs() < 0.05 * lam.max(1.0), "λ {lam}: mean {m}");
        }
        assert_eq!(g.poisson(0.0), 0);
    }

    #[test]
    fn permutations_are_permutations() {
        let mut g = Generator::new(1);
        for n in [0, 1, 2, 17] {
            let mut p = g.permutation(n);
            p.sort_unstable();
            assert_eq!(p, (0..n).collect::<Vec<_>>());
        }
    }
}
