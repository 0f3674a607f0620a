//! A track's ballistic coefficient, estimated from what the track itself shows: the part of
//! its velocity change that the vacuum forces (gravity + J2, Coriolis, centrifugal) do not
//! explain, along the velocity, is drag.
//!
//! Drag deceleration is linear in the inverse ballistic coefficient κ = 1/β:
//! `a_D = ρ(h)·|v|²/2 · κ`, so κ is estimated by a scalar Kalman filter. Each observation pairs
//! two track states at least [`MIN_SPAN_S`] apart (fresh data behind each): the measured drag
//! deceleration is `z = −(Δv/Δt − a_vac)·v̂`, with `H = ρ|v|²/2` at the midpoint and a noise
//! variance from the two velocity variances along v̂ over Δt² (their correlation, which only
//! lowers it, is ignored: conservative). Above the atmosphere `H ≈ 0` and the estimate stays at
//! its prior; in re-entry it converges within a few observations. A small process noise lets
//! it follow a vehicle whose drag changes (staging, tumbling).
//!
//! The prior is notional, as every number here: β₀ = 5000 kg/m² with a standard deviation of
//! κ equal to κ₀ (β between 2500 kg/m² and no drag at one sigma), clamped to
//! `[MIN_BETA, MAX_BETA]`. The trackers themselves fly drag-free models, so their velocities
//! lag a strong deceleration and the estimate leans towards less drag than the truth.

use super::TrackEstimate;
use super::flight::{density_kg_m3, free_acceleration};
use base::SimTime;
use geodesy::Vec3;

/// Prior ballistic coefficient, kg/m².
pub(crate) const PRIOR_BETA_KG_M2: f64 = 5_000.0;
/// Smallest ballistic coefficient the estimate may reach, kg/m² (a very draggy body).
pub(crate) const MIN_BETA_KG_M2: f64 = 300.0;
/// Largest, kg/m² (effectively drag-free).
pub(crate) const MAX_BETA_KG_M2: f64 = 100_000.0;
/// Shortest time between the two states of an observation, s: shorter spans divide the
/// velocity noise by too little time to see drag.
pub(crate) const MIN_SPAN_S: f64 = 4.0;
/// Longest, s: beyond this the midpoint density no longer represents the span.
pub(crate) const MAX_SPAN_S: f64 = 30.0;
/// Process noise on κ per second, (m²/kg)²/s.
const KAPPA_RATE_VAR: f64 = 1e-12;

/// The running estimate for one track.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DragEstimate {
    kappa: f64,
    var: f64,
    last: Option<Fix>,
    observations: u32,
}

/// A track state kept for the next observation.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Fix {
    time: SimTime,
    r: Vec3,
    v: Vec3,
    /// Velocity covariance (ECEF, m²/s²).
    pvv: [[f64; 3]; 3],
}

impl Default for DragEstimate {
    fn default() -> Self {
        Self::prior()
    }
}

impl DragEstimate {
    /// The notional prior, before the track has shown anything.
    pub fn prior() -> Self {
        let k0 = 1.0 / PRIOR_BETA_KG_M2;
        DragEstimate {
            kappa: k0,
            var: k0 * k0,
            last: None,
            observations: 0,
        }
    }

    /// The estimate, kg/m².
    pub fn ballistic_coefficient_kg_m2(&self) -> f64 {
        (1.0 / self.kappa).clamp(MIN_BETA_KG_M2, MAX_BETA_KG_M2)
    }

    /// Standard deviation of the inverse ballistic coefficient, m²/kg.
    pub fn kappa_sigma(&self) -> f64 {
        self.var.sqrt()
    }

    /// Observations that updated the estimate (spans with drag visible or not).
    pub fn observations(&self) -> u32 {
        self.observations
    }

    /// Takes a fresh track state (call it when the track had new data; a state only predicted
    /// forward carries no drag information). States closer than [`MIN_SPAN_S`] to the kept one
    /// are skipped; states farther than [`MAX_SPAN_S`] restart the pairing.
    pub fn observe(&mut self, t: &TrackEstimate) {
        let fix = Fix {
            time: t.time,
            r: Vec3::new(
                t.position_ecef_m[0],
                t.position_ecef_m[1],
                t.position_ecef_m[2],
            ),
            v: Vec3::new(
                t.velocity_ecef_mps[0],
                t.velocity_ecef_mps[1],
                t.velocity_ecef_mps[2],
            ),
            pvv: core::array::from_fn(|i| core::array::from_fn(|j| t.covariance[3 + i][3 + j])),
        };
        let Some(prev) = self.last else {
            self.last = Some(fix);
            return;
        };
        let dt = (fix.time - prev.time).as_secs_f64();
        if dt < MIN_SPAN_S {
            return;
        }
        self.last = Some(fix);
        if dt > MAX_SPAN_S {
            return;
        }
        let v_mid = (prev.v + fix.v) * 0.5;
        let speed = v_mid.norm();
        if speed < 1.0 {
            return;
        }
        let u = v_mid / speed;
        let a_vac = (free_acceleration(prev.r, prev.v) + free_acceleration(fix.r, fix.v)) * 0.5;
        let a_obs = (fix.v - prev.v) / dt;
        let z = -(a_obs - a_vac).dot(&u);
        let h = 0.5 * density_kg_m3((prev.r + fix.r) * 0.5) * speed * speed;
        let along = |p: &[[f64; 3]; 3]| {
            let uu = [u.x, u.y, u.z];
            (0..3)
                .flat_map(|i| (0..3).map(move |j| (i, j)))
                .map(|(i, j)| uu[i] * p[i][j] * uu[j])
                .sum::<f64>()
                .max(0.0)
        };
        let r = (along(&prev.pvv) + along(&fix.pvv)) / (dt * dt);
        self.var += KAPPA_RATE_VAR * dt;
        let s = h * h * self.var + r;
        if !(s > 0.0 && s.is_finite() && z.is_finite()) {
            return;
        }
        let k = self.var * h / s;
        self.kappa = (self.kappa + k * (z - h * self.kappa))
            .clamp(1.0 / MAX_BETA_KG_M2, 1.0 / MIN_BETA_KG_M2);
        self.var *= 1.0 - k * h;
        self.observations += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base::SimDuration;
    use dynamics::{Atmosphere, ForceModel};

    /// States of a body re-entering with ballistic coefficient `beta`, sampled every `dt_s`
    /// from 60 km down, integrated finely (RK4, 10 ms) under the truth's forces.
    fn reentry(beta: f64, dt_s: f64, n: usize) -> Vec<(SimTime, Vec3, Vec3)> {
        let model = ForceModel::standard();
        let site = geodesy::Wgs84::from_degrees(35.0, 139.0, 60_000.0).expect("valid");
        let mut r = site.to_ecef().xyz_m();
        let (east, _) = super::super::east_north(&site);
        let up = r / r.norm();
        let mut v = east * 2_000.0 - up * 1_500.0;
        let h = 0.01;
        let per = (dt_s / h).round() as usize;
        let mut out = Vec::new();
        let mut t = SimTime::ZERO;
        for _ in 0..n {
            out.push((t, r, v));
            for _ in 0..per {
                let a = |r: Vec3, v: Vec3| model.acceleration(r, v, Some(beta));
                let k1 = a(r, v);
                let k2 = a(r + v * (h / 2.0), v + k1 * (h / 2.0));
                let k3 = a(r + (v + k1 * (h / 2.0)) * (h / 2.0), v + k2 * (h / 2.0));
                let k4 = a(r + (v + k2 * (h / 2.0)) * h, v + k3 * h);
                r += (v + (v + k1 * (h / 2.0)) * 2.0 + (v + k2 * (h / 2.0)) * 2.0 + (v + k3 * h))
                    * (h / 6.0);
                v += (k1 + (k2 + k3) * 2.0 + k4) * (h / 6.0);
            }
            t += SimDuration::from_secs_f64(dt_s);
        }
        let _ = Atmosphere::SCALE_HEIGHT_M;
        out
    }

    fn estimate(t: SimTime, r: Vec3, v: Vec3, sigma_v: f64) -> TrackEstimate {
        let mut p = [[0.0; 6]; 6];
        for (i, row) in p.iter_mut().enumerate() {
            row[i] = if i < 3 { 100.0 } else { sigma_v * sigma_v };
        }
        TrackEstimate {
            time: t,
            position_ecef_m: [r.x, r.y, r.z],
            velocity_ecef_mps: [v.x, v.y, v.z],
            covariance: p,
            ballistic_coefficient_kg_m2: None,
        }
    }

    #[test]
    fn converges_on_the_true_coefficient_from_clean_states() {
        for beta in [2_000.0, 5_000.0, 12_000.0] {
            let mut e = DragEstimate::prior();
            for (t, r, v) in reentry(beta, 4.0, 6) {
                e.observe(&estimate(t, r, v, 1.0));
            }
            let got = e.ballistic_coefficient_kg_m2();
            assert!(
                (got - beta).abs() / beta < 0.05,
                "β {beta}: estimated {got} after {} observations",
                e.observations()
            );
        }
    }

    #[test]
    fn noisy_velocities_move_it_only_as_far_as_they_can_be_trusted() {
        // With 50 m/s velocity noise declared, a span of 4 s sees drag only to ±18 m/s²: the
        // estimate stays near the prior high up and still moves towards the truth low down.
        let mut e = DragEstimate::prior();
        let states = reentry(1_500.0, 4.0, 6);
        e.observe(&estimate(states[0].0, states[0].1, states[0].2, 50.0));
        e.observe(&estimate(states[1].0, states[1].1, states[1].2, 50.0));
        let first = e.ballistic_coefficient_kg_m2();
        assert!(first < PRIOR_BETA_KG_M2 && first > 1_500.0, "{first}");
        for (t, r, v) in &states[2..] {
            e.observe(&estimate(*t, *r, *v, 50.0));
        }
        assert!(e.kappa_sigma() < 1.0 / PRIOR_BETA_KG_M2);
        assert!(e.ballistic_coefficient_kg_m2() < first);
    }

    #[test]
    fn vacuum_flight_keeps_the_prior_and_short_spans_are_skipped() {
        let mut e = DragEstimate::prior();
        let site = geodesy::Wgs84::from_degrees(30.0, 130.0, 400_000.0).expect("valid");
        let r = site.to_ecef().xyz_m();
        let v = Vec3::new(1_000.0, 2_000.0, 500.0);
        let t0 = SimTime::ZERO;
        e.observe(&estimate(t0, r, v, 5.0));
        // 2 s later: too short, skipped.
        e.observe(&estimate(
            t0 + SimDuration::from_secs(2),
            r + v * 2.0,
            v,
            5.0,
        ));
        assert_eq!(e.observations(), 0);
        let dt = 8.0;
        let a = free_acceleration(r, v);
        let r2 = r + v * dt + a * (0.5 * dt * dt);
        let v2 = v + a * dt;
        e.observe(&estimate(t0 + SimDuration::from_secs(8), r2, v2, 5.0));
        assert_eq!(e.observations(), 1);
        assert!((e.ballistic_coefficient_kg_m2() - PRIOR_BETA_KG_M2).abs() < 1.0);
    }
}
