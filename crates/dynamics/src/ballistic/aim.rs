//! The inner targeting solve: for a fixed thrust elevation, the azimuth and thrust that put the
//! impact on the aim point.
//!
//! Unknowns (azimuth rad, ln(thrust/thrust₀)), residual the impact's (east, north) offset from
//! the aim in metres. The Kepler guess ignores drag, which can cost a light re-entry vehicle
//! on a short burn half its range, so the thrust alone is first rescaled until the range is
//! within [`PREFIT_TOLERANCE`]. Newton's method then runs with a forward-difference Jacobian
//! (or the previous solve's, when warm-started) and Broyden rank-one updates, refreshing the
//! finite differences whenever a step gains less than half; steps are capped and halved until
//! |F| decreases. Close to the solution the convergence is superlinear.

use super::flight::{FlightFailure, Outcome};
use super::guess::MAX_THRUST_ACCEL_MPS2;
use super::targeting::{MISS_TOLERANCE_M, Targeting};
use core::f64::consts::LN_2;
use nalgebra::{Matrix2, Vector2};

/// Newton/Broyden iterations (each one step or one Jacobian refresh) per inner solve.
const MAX_AIM_ITERATIONS: u32 = 25;
/// Forward-difference step in both unknowns (radians; ln thrust). It moves a 3000 km impact
/// by ~30 m: far above the flight map's numerical noise (estimated ≲ 1e-4 m: 1 ns events,
/// step-band switches) and small enough for a ~1e-5 relative truncation error.
const FD_STEP: f64 = 1e-5;
/// A step that leaves more than this fraction of |F| gets a fresh finite-difference Jacobian
/// instead of a Broyden update (a Broyden model that only crawls costs more flights than it
/// saves).
const SLOW_PROGRESS: f64 = 0.5;
/// Step halvings tried before a step is declared a failure.
const MAX_HALVINGS: u32 = 10;
/// Largest Newton step: azimuth (rad) and ln thrust (a factor of 1.5). Keeps a poor
/// Jacobian from throwing the flight into orbit or into the ground.
const MAX_STEP: [f64; 2] = [0.3, 0.405];
/// Thrust-only range fits before Newton (each one flight).
const PREFIT_ITERATIONS: u32 = 12;
/// The range fit stops within this fraction of the launch–aim distance.
const PREFIT_TOLERANCE: f64 = 0.02;
/// Smallest ln-thrust change of a one-sided range-fit step, so a flat response still moves.
const PREFIT_MIN_STEP: f64 = 0.01;
/// Smallest thrust acceleration tried, m/s² (a bound for the iteration only: it cannot lift
/// off).
const MIN_THRUST_ACCEL_MPS2: f64 = 1.0;

/// One end of the range bracket: (ln thrust, overshoot in metres if the flight came down).
type BracketEnd = Option<(f64, Option<f64>)>;

/// A shot that hits the aim at a given elevation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pinned {
    /// Thrust azimuth, radians.
    pub(crate) az: f64,
    /// ln(thrust / [`Targeting::accel_scale_mps2`]).
    pub(crate) ln_thrust: f64,
    /// The last Jacobian ∂(east, north)/∂(az, ln thrust), for warm starts.
    pub(crate) jacobian: Matrix2<f64>,
    /// The flight's outcome.
    pub(crate) outcome: Outcome,
}

impl Targeting<'_> {
    fn clamp_ln_thrust(&self, y: f64) -> f64 {
        let scale = self.accel_scale_mps2;
        y.clamp(
            (MIN_THRUST_ACCEL_MPS2 / scale).ln(),
            (MAX_THRUST_ACCEL_MPS2 / scale).ln(),
        )
    }

    fn fd_jacobian(
        &self,
        el: f64,
        x: &Vector2<f64>,
        f: &Vector2<f64>,
    ) -> Result<Matrix2<f64>, String> {
        let mut j = Matrix2::zeros();
        for k in 0..2 {
            let mut step = Vector2::zeros();
            step[k] = FD_STEP;
            let column = match self.evaluate_at(el, &(x + step)) {
                Ok((fp, _)) => (fp - f) / FD_STEP,
                // Backward where the forward flight fails (e.g. at the edge of orbit).
                Err(_) => {
                    let (fm, _) = self
                        .evaluate_at(el, &(x - step))
                        .map_err(|e| format!("flights next to the current one fail: {e}"))?;
                    (f - fm) / FD_STEP
                }
            };
            j.set_column(k, &column);
        }
        Ok(j)
    }

    fn evaluate_at(
        &self,
        el: f64,
        x: &Vector2<f64>,
    ) -> Result<(Vector2<f64>, Outcome), FlightFailure> {
        self.evaluate(x[0], el, x[1])
    }

    /// Metres beyond the aim along the launch→aim direction of a miss (negative: short).
    fn overshoot_m(&self, miss_en: &Vector2<f64>) -> f64 {
        let g = &self.geometry;
        let d = g.aim_r - g.launch_r;
        let downrange = Vector2::new(d.dot(&g.aim_axes.east), d.dot(&g.aim_axes.north)).normalize();
        miss_en.dot(&downrange)
    }

    /// Rescales the thrust alone until the range is within [`PREFIT_TOLERANCE`]. Range grows
    /// monotonically with thrust below orbital speed, so: steps of ½·ln(range/distance flown)
    /// (range ∝ v² ∝ thrust² for short shots), at most a factor 2, until the range is
    /// bracketed; then Illinois regula falsi, or bisection where an end failed. A flight that
    /// never comes down counts as too long, one that never gets going as too short. Returns
    /// the best ln-thrust flown and its result, if any flight succeeded.
    fn prefit_thrust(&self, az: f64, el: f64, y0: f64) -> (f64, Option<(Vector2<f64>, Outcome)>) {
        let range_m = (self.geometry.aim_r - self.geometry.launch_r).norm();
        let mut y = y0;
        let mut best: Option<(f64, f64, (Vector2<f64>, Outcome))> = None;
        // Bracket ends: (ln thrust, overshoot if the flight came down).
        let (mut short, mut long): (BracketEnd, BracketEnd) = (None, None);
        let mut last_was_short = None;
        for _ in 0..PREFIT_ITERATIONS {
            let landing = self.evaluate(az, el, y);
            let (is_short, value) = match &landing {
                Ok((miss, _)) => {
                    let over = self.overshoot_m(miss);
                    (over < 0.0, Some(over))
                }
                Err(FlightFailure::NoDescent) => (false, None),
                Err(_) => (true, None),
            };
            if let (Ok(result), Some(over)) = (landing, value) {
                if best.as_ref().is_none_or(|(b, _, _)| over.abs() < *b) {
                    best = Some((over.abs(), y, result));
                }
                if over.abs() <= PREFIT_TOLERANCE * range_m {
                    break;
                }
            }
            let (replaced, retained) = if is_short {
                (&mut short, &mut long)
            } else {
                (&mut long, &mut short)
            };
            *replaced = Some((y, value));
            // Illinois: the same end replaced twice running halves the other end's value, so
            // regula falsi cannot stall on one side.
            if last_was_short == Some(is_short)
                && let Some((_, Some(v))) = retained.as_mut()
            {
                *v *= 0.5;
            }
            last_was_short = Some(is_short);
            let flown_ratio = |over: Option<f64>| over.map(|o| (range_m + o) / range_m);
            let next = match (short, long) {
                (Some((ys, Some(fs))), Some((yl, Some(fl)))) => ys - fs * (yl - ys) / (fl - fs),
                (Some((ys, _)), Some((yl, _))) => 0.5 * (ys + yl),
                (Some((ys, fs)), None) => {
                    let up = flown_ratio(fs)
                        .filter(|r| *r > 0.0)
                        .map_or(LN_2, |r| -0.5 * r.ln());
                    ys + up.clamp(PREFIT_MIN_STEP, LN_2)
                }
                (None, Some((yl, fl))) => {
                    let down = flown_ratio(fl).map_or(LN_2, |r| 0.5 * r.ln());
                    yl - down.clamp(PREFIT_MIN_STEP, LN_2)
                }
                (None, None) => break, // not reached: one end was just set
            };
            let next = self.clamp_ln_thrust(next);
            if next == y {
                break; // at a thrust bound: Newton will report it
            }
            y = next;
        }
        match best {
            Some((_, y, result)) => (y, Some(result)),
            None => (y0, None),
        }
    }

    /// Hits the aim with thrust elevation `el`, starting from (`az0`, `y0`) and, when given,
    /// a Jacobian from a nearby solve. `Err` says why it could not.
    pub(crate) fn solve_pinned(
        &self,
        el: f64,
        az0: f64,
        y0: f64,
        warm: Option<Matrix2<f64>>,
    ) -> Result<Pinned, String> {
        let (y, first) = self.prefit_thrust(az0, el, y0);
        let Some((mut f, mut outcome)) = first else {
            let e = self
                .evaluate(az0, el, y)
                .err()
                .map_or(String::new(), |e| e.to_string());
            return Err(format!(
                "no flight near the first guess comes down on the Earth: {e}"
            ));
        };
        let mut x = Vector2::new(az0, y);
        let (mut j, mut fresh) = match warm {
            Some(j) => (j, false),
            None => (self.fd_jacobian(el, &x, &f)?, true),
        };
        for _ in 0..MAX_AIM_ITERATIONS {
            if f.norm() <= MISS_TOLERANCE_M {
                return Ok(Pinned {
                    az: x[0],
                    ln_thrust: x[1],
                    jacobian: j,
                    outcome,
                });
            }
            let step = j
                .lu()
                .solve(&-f)
                .filter(|s| s.iter().all(|v| v.is_finite()));
            let accepted = step.and_then(|dx| {
                let over = (0..2)
                    .map(|k| dx[k].abs() / MAX_STEP[k])
                    .fold(1.0, f64::max);
                let dx = dx / over;
                (0..=MAX_HALVINGS).find_map(|halvings| {
                    let lambda = 0.5_f64.powi(halvings as i32);
                    let mut xt = x + dx * lambda;
                    xt[1] = self.clamp_ln_thrust(xt[1]);
                    let (ft, ot) = self.evaluate_at(el, &xt).ok()?;
                    (ft.norm() < (1.0 - 1e-4 * lambda) * f.norm()).then_some((xt, ft, ot))
                })
            });
            match accepted {
                Some((xt, ft, ot)) if ft.norm() > SLOW_PROGRESS * f.norm() => {
                    j = self.fd_jacobian(el, &xt, &ft)?;
                    (x, f, outcome, fresh) = (xt, ft, ot, true);
                }
                Some((xt, ft, ot)) => {
                    // Broyden's ("good") rank-one update: J s = y afterwards.
                    let s = xt - x;
                    if s.norm_squared() > 0.0 {
                        j += (ft - f - j * s) * s.transpose() / s.norm_squared();
                    }
                    (x, f, outcome, fresh) = (xt, ft, ot, false);
                }
                None if !fresh => {
                    j = self.fd_jacobian(el, &x, &f)?;
                    fresh = true;
                }
                None => break,
            }
        }
        if f.norm() <= MISS_TOLERANCE_M {
            return Ok(Pinned {
                az: x[0],
                ln_thrust: x[1],
                jacobian: j,
                outcome,
            });
        }
        let at_limit = x[1] >= self.clamp_ln_thrust(f64::INFINITY) - 1e-9;
        Err(format!(
            "the impact stays {:.0} m from the aim{}",
            f.norm(),
            if at_limit {
                format!(" with the thrust at its {MAX_THRUST_ACCEL_MPS2} m/s² limit")
            } else {
                String::new()
            }
        ))
    }
}
