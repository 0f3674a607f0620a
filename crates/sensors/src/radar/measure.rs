//! Radar measurement noise: registration biases plus Gaussian errors whose standard deviations
//! may scale with the measured SNR; the reported sigmas are the ones actually drawn with.

use crate::geometry::wrap_two_pi;
use crate::model::Radar;
use base::rng::Rng;
use core::f64::consts::FRAC_PI_2;
use picture::Measurement;
use rand::RngExt;
use rand_distr::StandardNormal;

/// Smallest factor SNR scaling may apply to the reference sigmas: beyond ~20 dB above the
/// reference, real radars are limited by glint, quantisation and calibration rather than
/// thermal noise (notional floor, cf. Skolnik §4.2 on accuracy limits).
pub const MIN_NOISE_SCALE: f64 = 0.1;
/// Largest factor: a detection barely above threshold is still located within a few
/// beamwidths (notional ceiling; keeps a single weak plot from carrying an absurd sigma).
pub const MAX_NOISE_SCALE: f64 = 10.0;

impl Radar {
    /// The noise scale for a measured SNR: `√(SNR_ref/SNR)` clamped to
    /// `[MIN_NOISE_SCALE, MAX_NOISE_SCALE]` when the noise scales with SNR (thermal-noise
    /// limited accuracy, `σ ∝ 1/√SNR`, PRIMER §6.5), else 1.
    pub(crate) fn noise_scale(&self, snr: f64) -> f64 {
        if self.params.noise_scales_with_snr {
            (self.derived.noise_ref_snr / snr)
                .sqrt()
                .clamp(MIN_NOISE_SCALE, MAX_NOISE_SCALE)
        } else {
            1.0
        }
    }

    /// A radar measurement from the true `[range, az, el, range_rate]` at measured SNR `snr`:
    /// `value = truth + bias + σ·N(0, 1)` per axis (range rate unbiased, σ fixed). Azimuth is
    /// wrapped to `[0, 2π)`, elevation clamped to `[−π/2, π/2]`, range to `≥ 0` (both clamps
    /// bind only for absurd sigmas). Draw order: range, azimuth, elevation, range rate.
    pub(crate) fn measure(&self, truth: [f64; 4], snr: f64, rng: &mut Rng) -> Measurement {
        let d = &self.derived;
        let scale = self.noise_scale(snr);
        let sigma = d.sigma.map(|s| s * scale);
        let mut normal = || -> f64 { rng.sample(StandardNormal) };
        let range_m = (truth[0] + d.bias[0] + sigma[0] * normal()).max(0.0);
        let az_rad = wrap_two_pi(truth[1] + d.bias[1] + sigma[1] * normal());
        let el_rad = (truth[2] + d.bias[2] + sigma[2] * normal()).clamp(-FRAC_PI_2, FRAC_PI_2);
        let range_rate_mps = self
            .params
            .sigma_range_rate_mps
            .map(|s| truth[3] + s * normal());
        self.plot(range_m, az_rad, el_rad, range_rate_mps, sigma)
    }

    /// A radar plot with the given values and sigmas (range, azimuth, elevation).
    pub(crate) fn plot(
        &self,
        range_m: f64,
        az_rad: f64,
        el_rad: f64,
        range_rate_mps: Option<f64>,
        sigma: [f64; 3],
    ) -> Measurement {
        Measurement::Radar {
            range_m,
            az_rad,
            el_rad,
            range_rate_mps,
            sigma_range_m: sigma[0],
            sigma_az_rad: sigma[1],
            sigma_el_rad: sigma[2],
            sigma_range_rate_mps: self.params.sigma_range_rate_mps,
        }
    }
}
