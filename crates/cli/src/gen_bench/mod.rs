//! `kizuna gen-bench`: the tracking benchmark generator, so `kizuna track` can be tried from a
//! clone. Same arguments, same semantics and the same files (format `iamd-bench/1`) as the
//! Python generator `gen_scenario.py` that is shared with Stone Soup (kept beside the
//! repository in `../shared/bench`): the same numpy random stream is consumed in the same
//! order, so targets, detections, clutter counts, ids and origins are identical; numbers agree
//! to the last one or two bits at most: our ziggurat tables are rounded differently (see
//! [`numpy`]), and on a CPU with AVX-512 numpy's SIMD `arctan2`/`hypot`/`sin` kernels are not
//! correctly rounded, so about 4 % of the numbers differ there in their last bit.
//!
//! The model, in brief (the Python docstring is the specification): targets move with nearly
//! constant velocity in a square `[-L, L]²` sized for a constant density; a fraction of them in
//! crossing pairs that meet exactly; one sensor look per frame, sensors taking turns; polar
//! (bearing/range, elevation in 3D) or Cartesian measurements with Gaussian noise; detection
//! probability `pd`; Poisson clutter uniform over the measurement space.

pub(crate) mod numpy;
mod pyjson;

use anyhow::{Context, Result, bail};
use numpy::{Generator, cholesky2, dot2, norm};
use pyjson::{Py, float_repr, py_mod, py_round};
use std::f64::consts::PI;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The file format written (the same string as the Python generator's).
pub(crate) const FORMAT: &str = "iamd-bench/1";
/// Largest inputs accepted: beyond these the files would be many gigabytes.
const MAX_TARGETS: i64 = 100_000;
const MAX_SCANS: i64 = 100_000;
const MAX_RADARS: i64 = 64;
const MAX_CLUTTER: f64 = 100_000.0;
/// Most target states (`--n-targets` × `--scans`) and expected detections ((`--n-targets` +
/// `--clutter`) × `--scans`) one file set may hold: measured at up to 156 bytes a truth state
/// and 81 bytes a detection, about 0.8 GB each, within the 1 GiB `kizuna track` reads
/// (`bench_io::limits::MAX_FILE_BYTES`); the truth is held in memory while it is written.
/// Each bound alone let 100,000 targets × 100,000 scans through (10¹⁰ states: memory ran out).
const MAX_TARGET_STATES: f64 = 5e6;
const MAX_DETECTIONS: f64 = 1e7;

/// Arguments of `kizuna gen-bench`: the names, short flags and defaults of `gen_scenario.py`.
#[derive(Debug, clap::Args)]
pub(crate) struct GenBenchArgs {
    /// Number of targets.
    #[arg(long, short = 'n')]
    n_targets: i64,
    /// Number of frames.
    #[arg(long, short = 's', default_value_t = 100)]
    scans: i64,
    /// Poisson mean false alarms per frame.
    #[arg(long, short = 'c', default_value_t = 10.0)]
    clutter: f64,
    /// Detection probability.
    #[arg(long, default_value_t = 0.9)]
    pd: f64,
    /// Seed of numpy's default_rng.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// 2 or 3 dimensions.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(i64).range(2..=3))]
    dim: i64,
    /// Measurements: polar or cartesian.
    #[arg(long, default_value = "polar", value_parser = ["polar", "cartesian"])]
    meas: String,
    /// Number of radars (1 at the origin, else evenly on a circle of radius L/2).
    #[arg(long, default_value_t = 2)]
    radars: i64,
    /// Time between frames, s.
    #[arg(long, default_value_t = 1.0)]
    dt: f64,
    /// Targets per km².
    #[arg(long, default_value_t = 0.01)]
    density: f64,
    /// Override L (m); default from --density.
    #[arg(long)]
    half_width: Option<f64>,
    /// Slowest target speed, m/s.
    #[arg(long, default_value_t = 100.0)]
    speed_min: f64,
    /// Fastest target speed, m/s.
    #[arg(long, default_value_t = 300.0)]
    speed_max: f64,
    /// Truth process noise, m²/s³.
    #[arg(long, default_value_t = 1.0)]
    q: f64,
    /// Vertical process noise (3D), m²/s³.
    #[arg(long, default_value_t = 0.01)]
    q_z: f64,
    /// Fraction of targets in exactly-crossing pairs.
    #[arg(long, default_value_t = 0.2)]
    crossing_fraction: f64,
    /// Range noise σ, m.
    #[arg(long, default_value_t = 20.0)]
    sigma_range: f64,
    /// Bearing noise σ, degrees.
    #[arg(long, default_value_t = 0.1)]
    sigma_bearing_deg: f64,
    /// Elevation noise σ, degrees.
    #[arg(long, default_value_t = 0.1)]
    sigma_elevation_deg: f64,
    /// Highest clutter elevation (3D polar), degrees.
    #[arg(long, default_value_t = 10.0)]
    clutter_el_max_deg: f64,
    /// Cartesian measurement σ, m.
    #[arg(long, default_value_t = 50.0)]
    sigma_pos: f64,
    /// Output directory (measurements.jsonl and truth.jsonl).
    #[arg(long, short = 'o')]
    out: PathBuf,
}

impl GenBenchArgs {
    fn check(&self) -> Result<()> {
        // The Python generator's own checks, then bounds it does not have.
        if self.scans < 2
            || self.n_targets < 0
            || !(0.0..=1.0).contains(&self.pd)
            || self.radars < 1
        {
            bail!("bad arguments: need --scans ≥ 2, --n-targets ≥ 0, 0 ≤ --pd ≤ 1, --radars ≥ 1");
        }
        if self.n_targets > MAX_TARGETS || self.scans > MAX_SCANS || self.radars > MAX_RADARS {
            bail!("at most {MAX_TARGETS} targets, {MAX_SCANS} scans and {MAX_RADARS} radars");
        }
        let positive = [
            ("--dt", self.dt),
            ("--density", self.density),
            ("--speed-max", self.speed_max),
        ];
        for (name, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                bail!("{name} must be a positive number, got {v}");
            }
        }
        let non_negative = [
            ("--clutter", self.clutter),
            ("--speed-min", self.speed_min),
            ("--q", self.q),
            ("--q-z", self.q_z),
            ("--sigma-range", self.sigma_range),
            ("--sigma-bearing-deg", self.sigma_bearing_deg),
            ("--sigma-elevation-deg", self.sigma_elevation_deg),
            ("--clutter-el-max-deg", self.clutter_el_max_deg),
            ("--sigma-pos", self.sigma_pos),
            ("--half-width", self.half_width.unwrap_or(0.0)),
        ];
        for (name, v) in non_negative {
            if !(v.is_finite() && v >= 0.0) {
                bail!("{name} must be a non-negative number, got {v}");
            }
        }
        if self.clutter > MAX_CLUTTER {
            bail!(
                "--clutter {} is above {MAX_CLUTTER} per frame",
                self.clutter
            );
        }
        let states = self.n_targets as f64 * self.scans as f64;
        if states > MAX_TARGET_STATES {
            bail!(
                "--n-targets × --scans = {states} target states; at most {MAX_TARGET_STATES} \
                 (the truth file would be larger than `kizuna track` reads)"
            );
        }
        let detections = (self.n_targets as f64 + self.clutter) * self.scans as f64;
        if detections > MAX_DETECTIONS {
            bail!(
                "(--n-targets + --clutter) × --scans = {detections} expected detections; at most \
                 {MAX_DETECTIONS} (the measurement file would be larger than `kizuna track` reads)"
            );
        }
        if self.speed_min > self.speed_max || !(0.0..=1.0).contains(&self.crossing_fraction) {
            bail!("need --speed-min ≤ --speed-max and 0 ≤ --crossing-fraction ≤ 1");
        }
        Ok(())
    }

    /// `generator_args` of the header: every argument but `--out`, in definition order.
    fn header_args(&self) -> Py {
        Py::dict([
            ("n_targets", Py::Int(self.n_targets)),
            ("scans", Py::Int(self.scans)),
            ("clutter", Py::Float(self.clutter)),
            ("pd", Py::Float(self.pd)),
            ("seed", Py::Int(self.seed as i64)),
            ("dim", Py::Int(self.dim)),
            ("meas", Py::Str(self.meas.clone())),
            ("radars", Py::Int(self.radars)),
            ("dt", Py::Float(self.dt)),
            ("density", Py::Float(self.density)),
            ("half_width", self.half_width.map_or(Py::Null, Py::Float)),
            ("speed_min", Py::Float(self.speed_min)),
            ("speed_max", Py::Float(self.speed_max)),
            ("q", Py::Float(self.q)),
            ("q_z", Py::Float(self.q_z)),
            ("crossing_fraction", Py::Float(self.crossing_fraction)),
            ("sigma_range", Py::Float(self.sigma_range)),
            ("sigma_bearing_deg", Py::Float(self.sigma_bearing_deg)),
            ("sigma_elevation_deg", Py::Float(self.sigma_elevation_deg)),
            ("clutter_el_max_deg", Py::Float(self.clutter_el_max_deg)),
            ("sigma_pos", Py::Float(self.sigma_pos)),
        ])
    }

    fn polar(&self) -> bool {
        self.meas == "polar"
    }
    fn three_d(&self) -> bool {
        self.dim == 3
    }
}

/// One sensor: position, noise per measured field and clutter region, in field order.
struct Sensor {
    pos: Vec<f64>,
    /// (field, σ) in the header's order.
    sigma: Vec<(&'static str, f64)>,
    r_max: f64,
    /// (field, [lo, hi]) in the header's order.
    region: Vec<(&'static str, [f64; 2])>,
}

impl Sensor {
    fn sigma(&self, field: &str) -> f64 {
        self.sigma
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, s)| *s)
            .expect("every measured field has a sigma")
    }
    fn region(&self, field: &str) -> [f64; 2] {
        self.region
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, r)| *r)
            .expect("every measured field has a clutter range")
    }
    fn to_py(&self, id: usize) -> Py {
        Py::dict([
            ("id", Py::Int(id as i64)),
            ("pos", Py::floats(&self.pos)),
            (
                "sigma",
                Py::Dict(
                    self.sigma
                        .iter()
                        .map(|(k, v)| ((*k).to_owned(), Py::Float(*v)))
                        .collect(),
                ),
            ),
            ("r_max", Py::Float(self.r_max)),
            (
                "clutter_region",
                Py::Dict(
                    self.region
                        .iter()
                        .map(|(k, v)| ((*k).to_owned(), Py::floats(v)))
                        .collect(),
                ),
            ),
        ])
    }
}

fn make_sensors(a: &GenBenchArgs, l: f64) -> Vec<Sensor> {
    let n = a.radars;
    let positions: Vec<(f64, f64)> = if n == 1 {
        vec![(0.0, 0.0)]
    } else {
        (0..n)
            .map(|r| {
                let angle = PI + 2.0 * PI * r as f64 / n as f64;
                (0.5 * l * angle.cos(), 0.5 * l * angle.sin())
            })
            .collect()
    };
    let r_max = 2.5 * l;
    positions
        .into_iter()
        .map(|(x, y)| {
            let mut pos = vec![py_round(x, 6) + 0.0, py_round(y, 6) + 0.0];
            if a.three_d() {
                pos.push(0.0);
            }
            let (sigma, region) = if a.polar() {
                let mut sigma = vec![
                    ("bearing", a.sigma_bearing_deg.to_radians()),
                    ("range", a.sigma_range),
                ];
                let mut region = vec![("range", [0.0, r_max]), ("bearing", [-PI, PI])];
                if a.three_d() {
                    sigma.insert(0, ("elevation", a.sigma_elevation_deg.to_radians()));
                    region.push(("elevation", [0.0, a.clutter_el_max_deg.to_radians()]));
                }
                (sigma, region)
            } else {
                let mut sigma = vec![("x", a.sigma_pos), ("y", a.sigma_pos)];
                let mut region = vec![("x", [-r_max, r_max]), ("y", [-r_max, r_max])];
                if a.three_d() {
                    sigma.push(("z", a.sigma_pos));
                    region.push(("z", [0.0, 15000.0]));
                }
                (sigma, region)
            };
            Sensor {
                pos,
                sigma,
                r_max,
                region,
            }
        })
        .collect()
}

fn z_fields(a: &GenBenchArgs) -> Vec<&'static str> {
    match (a.polar(), a.three_d()) {
        (true, true) => vec!["elevation", "bearing", "range"],
        (true, false) => vec!["bearing", "range"],
        (false, true) => vec!["x", "y", "z"],
        (false, false) => vec!["x", "y"],
    }
}

/// A target's state at every frame: `[x, vx, y, vy(, z, vz)]`.
type Trajectory = Vec<Vec<f64>>;

/// Nearly-constant-velocity truth from `state0` at frame `k0`, forwards and backwards.
fn propagate(
    state0: Vec<f64>,
    k0: usize,
    n: usize,
    dt: f64,
    qs: &[f64],
    rng: &mut Generator,
) -> Trajectory {
    let chols: Vec<[[f64; 2]; 2]> = qs
        .iter()
        .map(|&q| cholesky2(q * (dt.powf(3.0) / 3.0), q * (dt.powf(2.0) / 2.0), q * dt))
        .collect();
    let mut out = vec![Vec::new(); n];
    out[k0] = state0;
    let step = |prev: &[f64], f01: f64, rng: &mut Generator| -> Vec<f64> {
        let mut next = Vec::with_capacity(prev.len());
        for (axis, c) in chols.iter().enumerate() {
            let (p0, p1) = (prev[2 * axis], prev[2 * axis + 1]);
            let f0 = dot2(1.0, f01, p0, p1);
            let f1 = dot2(0.0, 1.0, p0, p1);
            let z0 = rng.standard_normal();
            let z1 = rng.standard_normal();
            next.push(f0 + dot2(c[0][0], c[0][1], z0, z1));
            next.push(f1 + dot2(c[1][0], c[1][1], z0, z1));
        }
        next
    };
    for k in k0 + 1..n {
        out[k] = step(&out[k - 1], dt, rng);
    }
    for k in (0..k0).rev() {
        out[k] = step(&out[k + 1], -dt, rng);
    }
    out
}

fn inside(x: f64, y: f64, l: f64) -> bool {
    x.abs() <= l && y.abs() <= l
}

fn make_targets(a: &GenBenchArgs, l: f64, rng: &mut Generator) -> Vec<Trajectory> {
    let s = a.scans as usize;
    let dt = a.dt;
    let t_end = (s - 1) as f64 * dt;
    let mut qs = vec![a.q, a.q];
    if a.three_d() {
        qs.push(a.q_z);
    }
    let n = a.n_targets as usize;
    let mut n_cross = (n as f64 * a.crossing_fraction).round_ties_even() as usize;
    n_cross -= n_cross % 2;
    let altitude = |rng: &mut Generator| -> Vec<f64> {
        if a.three_d() {
            vec![rng.uniform(1000.0, 12000.0), 0.0]
        } else {
            Vec::new()
        }
    };
    let mut trajs = Vec::with_capacity(n);
    for _ in 0..n_cross / 2 {
        let mut shrink = 1.0;
        let (mut p, mut kc, mut h1, mut h2, mut v1, mut v2) = ([0.0; 2], 0, 0.0, 0.0, 0.0, 0.0);
        for attempt in 0..10_000 {
            if attempt > 0 && attempt % 200 == 0 {
                shrink *= 0.8;
            }
            p = [
                rng.uniform(-0.5 * l, 0.5 * l),
                rng.uniform(-0.5 * l, 0.5 * l),
            ];
            let lo = (0.3 * (s - 1) as f64) as i64;
            let hi = (0.7 * (s - 1) as f64) as i64 + 1;
            kc = rng.integers(lo, hi) as usize;
            let tc = kc as f64 * dt;
            h1 = rng.uniform(-PI, PI);
            let side = rng.choice2(-1.0, 1.0);
            h2 = h1 + side * rng.uniform(30.0, 150.0).to_radians();
            v1 = shrink * rng.uniform(a.speed_min, a.speed_max);
            v2 = shrink * rng.uniform(a.speed_min, a.speed_max);
            let ok = [(h1, v1), (h2, v2)].iter().all(|&(h, v)| {
                let vel = [v * h.cos(), v * h.sin()];
                inside(p[0] - vel[0] * tc, p[1] - vel[1] * tc, l)
                    && inside(
                        p[0] + vel[0] * (t_end - tc),
                        p[1] + vel[1] * (t_end - tc),
                        l,
                    )
            });
            if ok {
                break;
            }
        }
        for (h, v) in [(h1, v1), (h2, v2)] {
            let (vx, vy) = (v * h.cos(), v * h.sin());
            let mut s0 = vec![p[0], vx, p[1], vy];
            s0.extend(altitude(rng));
            trajs.push(propagate(s0, kc, s, dt, &qs, rng));
        }
    }
    for _ in 0..n - n_cross {
        let v = rng.uniform(a.speed_min, a.speed_max);
        let h = rng.uniform(-PI, PI);
        let (mut vx, mut vy) = (v * h.cos(), v * h.sin());
        let span = 0.95 * 2.0 * l;
        let scale = 1.0f64
            .min(span / (vx.abs() * t_end).max(1e-9))
            .min(span / (vy.abs() * t_end).max(1e-9));
        vx *= scale;
        vy *= scale;
        let (hx, hy) = (vx.abs() * t_end / 2.0, vy.abs() * t_end / 2.0);
        let cx = rng.uniform(-l + hx, l - hx);
        let cy = rng.uniform(-l + hy, l - hy);
        let mut s0 = vec![cx - vx * t_end / 2.0, vx, cy - vy * t_end / 2.0, vy];
        s0.extend(altitude(rng));
        trajs.push(propagate(s0, 0, s, dt, &qs, rng));
    }
    let order = rng.permutation(trajs.len());
    let mut slots: Vec<Option<Trajectory>> = trajs.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|i| {
            slots[i]
                .take()
                .expect("a permutation names each target once")
        })
        .collect()
}

/// `(a + π) mod 2π − π` with Python's `%`.
fn wrap(a: f64) -> f64 {
    py_mod(a + PI, 2.0 * PI) - PI
}

/// A noisy measurement of `state` by `sensor`, ordered as the z fields.
fn measure(state: &[f64], sensor: &Sensor, a: &GenBenchArgs, rng: &mut Generator) -> Vec<f64> {
    let mut p = vec![state[0], state[2]];
    if a.three_d() {
        p.push(state[4]);
    }
    if a.polar() {
        let rel: Vec<f64> = p.iter().zip(&sensor.pos).map(|(p, s)| p - s).collect();
        let range_true = norm(&rel);
        let bearing = rel[1].atan2(rel[0]);
        let b = wrap(bearing + sensor.sigma("bearing") * rng.standard_normal());
        let r = range_true + sensor.sigma("range") * rng.standard_normal();
        if a.three_d() {
            let el =
                (rel[2] / range_true).asin() + sensor.sigma("elevation") * rng.standard_normal();
            return vec![el, b, r];
        }
        return vec![b, r];
    }
    z_fields(a)
        .iter()
        .enumerate()
        .map(|(i, f)| p[i] + sensor.sigma(f) * rng.standard_normal())
        .collect()
}

fn clutter_point(sensor: &Sensor, a: &GenBenchArgs, rng: &mut Generator) -> Vec<f64> {
    let mut draw = |f: &str| {
        let [lo, hi] = sensor.region(f);
        rng.uniform(lo, hi)
    };
    if a.polar() {
        let r = draw("range");
        let b = draw("bearing");
        if a.three_d() {
            return vec![draw("elevation"), b, r];
        }
        return vec![b, r];
    }
    z_fields(a).iter().map(|f| draw(f)).collect()
}

/// What a generation wrote.
#[derive(Debug, PartialEq)]
pub(crate) struct Written {
    pub(crate) half_width_m: f64,
    pub(crate) target_detections: u64,
    pub(crate) clutter_detections: u64,
}

/// Writes `measurements.jsonl` and `truth.jsonl` into `a.out`.
pub(crate) fn generate(a: &GenBenchArgs) -> Result<Written> {
    a.check()?;
    let mut rng = Generator::new(a.seed);
    let l = match a.half_width {
        Some(h) if h != 0.0 => h,
        _ => 0.5 * (a.n_targets as f64 / a.density).sqrt() * 1000.0,
    };
    let l = l.max(1000.0);
    let sensors = make_sensors(a, l);
    let truth = if a.n_targets > 0 {
        make_targets(a, l, &mut rng)
    } else {
        Vec::new()
    };
    let mut state_fields = vec!["x", "vx", "y", "vy"];
    if a.three_d() {
        state_fields.extend(["z", "vz"]);
    }
    let volume = sensors[0]
        .region
        .iter()
        .fold(1.0, |v, (_, [lo, hi])| v * (hi - lo));
    let strings = |xs: &[&str]| Py::List(xs.iter().map(|s| Py::Str((*s).to_owned())).collect());
    let header = |file: &str| {
        Py::dict([
            ("type", Py::Str("header".into())),
            ("format", Py::Str(FORMAT.into())),
            ("file", Py::Str(file.into())),
            ("dim", Py::Int(a.dim)),
            ("meas", Py::Str(a.meas.clone())),
            ("z_fields", strings(&z_fields(a))),
            ("state_fields", strings(&state_fields)),
            ("t0", Py::Float(0.0)),
            ("dt", Py::Float(a.dt)),
            ("n_frames", Py::Int(a.scans)),
            ("n_targets", Py::Int(a.n_targets)),
            ("seed", Py::Int(a.seed as i64)),
            ("pd", Py::Float(a.pd)),
            ("clutter_rate", Py::Float(a.clutter)),
            ("clutter_density", Py::Float(a.clutter / volume)),
            ("half_width", Py::Float(l)),
            ("q", Py::Float(a.q)),
            (
                "q_z",
                if a.three_d() {
                    Py::Float(a.q_z)
                } else {
                    Py::Null
                },
            ),
            (
                "sensors",
                Py::List(
                    sensors
                        .iter()
                        .enumerate()
                        .map(|(i, s)| s.to_py(i))
                        .collect(),
                ),
            ),
            ("generator_args", a.header_args()),
        ])
    };
    std::fs::create_dir_all(&a.out)
        .with_context(|| format!("cannot create output directory {}", a.out.display()))?;
    // Each file is written under a hidden name and renamed into place when whole, so an
    // interrupted run never leaves a truncated file a benchmark would read.
    let partial = |name: &str| {
        a.out
            .join(format!(".{name}.partial-{}", std::process::id()))
    };
    let open = |name: &str| {
        let p = partial(name);
        std::fs::File::create(&p)
            .map(BufWriter::new)
            .with_context(|| format!("cannot create {}", p.display()))
    };
    let mut fm = open("measurements.jsonl")?;
    let mut ft = open("truth.jsonl")?;
    writeln!(fm, "{}", header("measurements").dumps())?;
    writeln!(ft, "{}", header("truth").dumps())?;
    let (mut det_id, mut n_det, mut n_clut) = (0i64, 0u64, 0u64);
    for k in 0..a.scans as usize {
        let t = 0.0 + k as f64 * a.dt;
        let s = k % sensors.len();
        let sensor = &sensors[s];
        let mut dets: Vec<(Vec<f64>, Option<usize>)> = Vec::new();
        for (i, traj) in truth.iter().enumerate() {
            if rng.random() < a.pd {
                dets.push((measure(&traj[k], sensor, a, &mut rng), Some(i)));
            }
        }
        let nc = rng.poisson(a.clutter);
        for _ in 0..nc {
            dets.push((clutter_point(sensor, a, &mut rng), None));
        }
        let order = rng.permutation(dets.len());
        let mut det_objs = Vec::with_capacity(dets.len());
        let mut origin = Vec::new();
        for j in order {
            let (z, o) = &dets[j];
            det_objs.push(Py::dict([("id", Py::Int(det_id)), ("z", Py::floats(z))]));
            match o {
                Some(i) => {
                    origin.push(Py::List(vec![Py::Int(det_id), Py::Int(*i as i64)]));
                    n_det += 1;
                }
                None => n_clut += 1,
            }
            det_id += 1;
        }
        let frame = Py::dict([
            ("type", Py::Str("frame".into())),
            ("frame", Py::Int(k as i64)),
            ("t", Py::Float(t)),
            ("sensor", Py::Int(s as i64)),
            ("detections", Py::List(det_objs)),
        ]);
        writeln!(fm, "{}", frame.dumps())?;
        let targets = truth
            .iter()
            .enumerate()
            .map(|(i, traj)| Py::dict([("id", Py::Int(i as i64)), ("state", Py::floats(&traj[k]))]))
            .collect();
        let truth_line = Py::dict([
            ("type", Py::Str("truth".into())),
            ("frame", Py::Int(k as i64)),
            ("t", Py::Float(t)),
            ("sensor", Py::Int(s as i64)),
            ("targets", Py::List(targets)),
            ("det_origin", Py::List(origin)),
        ]);
        writeln!(ft, "{}", truth_line.dumps())?;
    }
    fm.flush().context("writing measurements.jsonl")?;
    ft.flush().context("writing truth.jsonl")?;
    drop((fm, ft));
    for name in ["measurements.jsonl", "truth.jsonl"] {
        std::fs::rename(partial(name), a.out.join(name))
            .with_context(|| format!("cannot write {}", a.out.join(name).display()))?;
    }
    Ok(Written {
        half_width_m: l,
        target_detections: n_det,
        clutter_detections: n_clut,
    })
}

pub(crate) fn gen_bench(a: &GenBenchArgs) -> Result<ExitCode> {
    let w = generate(a)?;
    let m = a.out.join("measurements.jsonl");
    let t = a.out.join("truth.jsonl");
    // The same one-line JSON report the Python generator prints (on stderr).
    eprintln!(
        "{}",
        Py::dict([
            ("measurements", Py::Str(m.display().to_string())),
            ("truth", Py::Str(t.display().to_string())),
            ("half_width_m", Py::Float(w.half_width_m)),
            ("frames", Py::Int(a.scans)),
            ("targets", Py::Int(a.n_targets)),
            ("target_detections", Py::Int(w.target_detections as i64)),
            ("clutter_detections", Py::Int(w.clutter_detections as i64)),
        ])
        .dumps()
    );
    println!(
        "{} frames of {} targets ({} target detections, {} false alarms, L = {} m) written to {}",
        a.scans,
        a.n_targets,
        w.target_detections,
        w.clutter_detections,
        float_repr(w.half_width_m),
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
