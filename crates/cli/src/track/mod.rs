//! `kizuna track`: run the tracker on benchmark files shared with Stone Soup and score it
//! with the same GOSPA/OSPA conventions as `run_stonesoup.py` (c, p, α = 2, position only,
//! confirmed tracks as output online at each frame, mean over frames ≥ the warm-up).

use crate::TrackArgs;
use anyhow::{Context, Result, bail};
use base::SimTime;
use cli::bench_io::{Frame, Header, TruthFrame, limits, parse_measurements, parse_truth};
use geodesy::Vec3;
use serde_json::json;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use tracking::filter::{
    FilterConfig, FilterKind, Frame as TrackFrame, MeasVector, Measurement, MeasurementModel,
    MotionConfig, MotionModel,
};
use tracking::tracker::{AssociatorKind, Tracker, TrackerConfig};

/// Mirrors `run_stonesoup.py`'s defaults so both trackers run the same configuration.
const GATE_SIGMAS: f64 = 3.0;
const MIN_POINTS: u32 = 3;
const DELETE_MISSES: f64 = 5.0;
const TENTATIVE_MISSES: u32 = 2;
const INIT_VEL_SIGMA_MPS: f64 = 300.0;

fn models(h: &Header) -> Result<Vec<MeasurementModel>> {
    h.sensors
        .iter()
        .map(|s| {
            let sig = |k: &str| {
                s.sigma
                    .get(k)
                    .copied()
                    .with_context(|| format!("sensor {} lacks sigma {k:?}", s.id))
            };
            Ok(match (h.meas.as_str(), h.dim) {
                ("polar", 2) => MeasurementModel::Polar2 {
                    sensor_xy: [s.pos[0], s.pos[1]],
                    sigma: [sig("bearing")?, sig("range")?],
                },
                ("polar", _) => MeasurementModel::Polar3 {
                    sensor_position: Vec3::new(
                        s.pos[0],
                        s.pos[1],
                        s.pos.get(2).copied().unwrap_or(0.0),
                    ),
                    sigma: [sig("elevation")?, sig("bearing")?, sig("range")?],
                },
                _ => MeasurementModel::Position {
                    dim: h.dim,
                    sigma_m: sig(&h.z_fields[0])?,
                },
            })
        })
        .collect()
}

fn config(h: &Header, args: &TrackArgs) -> Result<TrackerConfig> {
    let kind = match args.filter.as_deref() {
        None if h.meas == "cartesian" => FilterKind::Kf,
        None | Some("ekf") => FilterKind::Ekf,
        Some("kf") if h.meas == "cartesian" => FilterKind::Kf,
        Some("kf") => bail!("--filter kf needs cartesian measurements; these are polar"),
        Some("ukf") => FilterKind::Ukf,
        Some(other) => bail!("unknown --filter {other:?} (kf, ekf, ukf)"),
    };
    let associator = match args.associator.as_str() {
        "gnn" => AssociatorKind::Gnn,
        "gnn-mahalanobis" => AssociatorKind::GnnMahalanobis,
        "jpda" => AssociatorKind::Jpda,
        other => bail!("unknown --associator {other:?} (gnn, gnn-mahalanobis, jpda)"),
    };
    // 2D files: z is unobserved and held at 0 with no vertical process noise.
    let q_vertical = if h.dim == 3 {
        h.q_z.unwrap_or(h.q)
    } else {
        0.0
    };
    Ok(TrackerConfig {
        filter: FilterConfig {
            frame: TrackFrame::Flat,
            kind,
            motion: MotionConfig::Single(MotionModel::ConstantVelocity {
                q_m2_s3: h.q,
                q_vertical_m2_s3: q_vertical,
            }),
        },
        associator,
        gate_d2: GATE_SIGMAS * GATE_SIGMAS,
        pd: h.pd,
        clutter_density: h.clutter_density,
        confirm_m: MIN_POINTS,
        confirm_n: MIN_POINTS + TENTATIVE_MISSES,
        init_velocity_sigma_mps: INIT_VEL_SIGMA_MPS,
        init_accel_sigma_mps2: 0.0,
        tentative_max_misses: TENTATIVE_MISSES,
        max_coast: base::SimDuration::from_secs_f64(DELETE_MISSES * h.dt),
        oosm_window: base::SimDuration::ZERO,
        // Flat benchmark frames have no Earth to stay above (and 2D ones do not observe z).
        surface: None,
    })
}

fn measurements(frame: &Frame, model: MeasurementModel) -> Vec<Measurement> {
    let time = SimTime::from_secs_f64(frame.t);
    frame
        .detections
        .iter()
        .map(|d| {
            let mut z = MeasVector::zeros();
            for (i, v) in d.z.iter().enumerate() {
                z[i] = *v;
            }
            Measurement {
                id: d.id,
                time,
                z,
                model,
            }
        })
        .collect()
}

/// Interleaved benchmark state `[x, vx, y, vy(, z, vz)]` from our `[p, v, a]`.
fn bench_state(x: &tracking::filter::StateVector, dim: usize) -> Vec<f64> {
    (0..dim).flat_map(|i| [x[i], x[3 + i]]).collect()
}

/// Reads and checks both files (every problem located; see `cli::bench_io`).
fn read_files(args: &TrackArgs) -> Result<(Header, Vec<Frame>, Vec<TruthFrame>)> {
    let read = |p: &Path, what: &str| crate::input::read_text(p, limits::MAX_FILE_BYTES, what);
    let text = read(&args.measurements, "measurement file")?;
    let (h, frames) = parse_measurements(&args.measurements.display().to_string(), &text)?;
    drop(text);
    let text = read(&args.truth, "truth file")?;
    let truth = parse_truth(&args.truth.display().to_string(), &text, &h, &frames)?;
    Ok((h, frames, truth))
}

/// The scoring arguments must be finite and sensible (GOSPA needs c > 0 and p ≥ 1).
fn check_args(args: &TrackArgs) -> Result<()> {
    if !(args.gospa_c.is_finite() && args.gospa_c > 0.0 && args.gospa_c <= 1e9) {
        bail!(
            "--gospa-c must be a distance in (0, 1e9] metres, got {}",
            args.gospa_c
        );
    }
    if !(args.gospa_p.is_finite() && (1.0..=100.0).contains(&args.gospa_p)) {
        bail!(
            "--gospa-p must be an order in [1, 100], got {}",
            args.gospa_p
        );
    }
    Ok(())
}

pub(crate) fn track(args: &TrackArgs) -> Result<ExitCode> {
    check_args(args)?;
    let (h, frames, truth) = read_files(args)?;
    let models = models(&h)?;
    let mut tracker = Tracker::new(config(&h, args)?);
    let staged = crate::staging::Staged::begin(&args.out, args.force)?;
    let tracks_path = staged.dir().join("tracks.jsonl");
    let mut out = BufWriter::new(
        std::fs::File::create(&tracks_path)
            .with_context(|| format!("cannot create {}", tracks_path.display()))?,
    );
    let fields: Vec<String> = ["x", "vx", "y", "vy", "z", "vz"][..2 * h.dim]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    writeln!(
        out,
        "{}",
        json!({"type": "header", "format": "iamd-bench-tracks/1", "state_fields": fields,
               "producer": format!("kizuna {}", env!("CARGO_PKG_VERSION")),
               "algo": args.associator, "input": args.measurements.display().to_string()})
    )?;
    let mut frame_ms = Vec::with_capacity(frames.len());
    let mut online: Vec<(Vec<u64>, Vec<Vec<f64>>)> = Vec::with_capacity(frames.len());
    let mut confirmed_ids = std::collections::BTreeSet::new();
    for f in &frames {
        let scan = measurements(f, models[f.sensor]);
        let t0 = Instant::now();
        tracker.process(&scan);
        let t = SimTime::from_secs_f64(f.t);
        tracker.advance(t);
        let reports = tracker.confirmed_at(t);
        frame_ms.push(t0.elapsed().as_secs_f64() * 1e3);
        let mut items = Vec::with_capacity(reports.len());
        let mut positions = Vec::with_capacity(reports.len());
        let ids: Vec<u64> = reports.iter().map(|r| u64::from(r.number.0)).collect();
        for r in &reports {
            confirmed_ids.insert(r.number);
            let state = bench_state(&r.estimate.x, h.dim);
            positions.push((0..h.dim).map(|i| state[2 * i]).collect());
            items.push(json!({"id": r.number.0, "state": state,
                              "det": if r.last_update == t { r.last_measurement } else { None }}));
        }
        online.push((ids, positions));
        writeln!(
            out,
            "{}",
            json!({"type": "tracks", "frame": f.frame, "t": f.t, "tracks": items})
        )?;
    }
    out.flush()?;
    let track_seconds: f64 = frame_ms.iter().sum::<f64>() / 1e3;
    let scores = score(&h, &truth, &online, args);
    let metrics = json!({
        "frames": frames.len(),
        "n_targets": h.n_targets,
        "filter": format!("{:?}", tracker.config().filter.kind).to_lowercase(),
        "associator": args.associator,
        "gospa_c": args.gospa_c, "gospa_p": args.gospa_p, "warmup_frames": args.warmup,
        "gospa_mean": scores.gospa_mean,
        "gospa_localisation_mean": scores.loc_mean,
        "gospa_missed_targets_mean": scores.missed_mean,
        "gospa_false_tracks_mean": scores.false_mean,
        "gospa_mean_all_frames": scores.gospa_mean_all,
        "ospa_mean": scores.ospa_mean,
        "track_breaks": scores.continuity.sum.breaks,
        "track_id_changes": scores.continuity.sum.id_changes,
        "track_transfers": scores.continuity.track_transfers,
        "longest_segment_ratio": scores.continuity.longest_segment_ratio(),
        "n_tracks_confirmed": confirmed_ids.len(),
        "track_seconds": track_seconds,
        "ms_per_frame_mean": 1e3 * track_seconds / frames.len().max(1) as f64,
    });
    drop(out);
    let metrics_path = staged.dir().join("metrics.json");
    std::fs::write(
        &metrics_path,
        serde_json::to_string_pretty(&metrics)? + "\n",
    )
    .with_context(|| format!("cannot write {}", metrics_path.display()))?;
    staged.commit()?;
    println!("{}", serde_json::to_string_pretty(&metrics)?);
    Ok(ExitCode::SUCCESS)
}

struct Scores {
    gospa_mean: f64,
    gospa_mean_all: f64,
    loc_mean: f64,
    missed_mean: f64,
    false_mean: f64,
    ospa_mean: f64,
    continuity: metrics::Continuity,
}

fn score(
    h: &Header,
    truth: &[TruthFrame],
    online: &[(Vec<u64>, Vec<Vec<f64>>)],
    args: &TrackArgs,
) -> Scores {
    let (c, p) = (args.gospa_c, args.gospa_p);
    let mut g_all = Vec::new();
    let mut after = Vec::new();
    let mut ospa = Vec::new();
    let mut continuity = metrics::ContinuityCounter::new();
    for (k, (track_ids, tracks)) in online.iter().enumerate() {
        let truths: Vec<Vec<f64>> = truth[k]
            .targets
            .iter()
            .map(|t| (0..h.dim).map(|i| t.state[2 * i]).collect())
            .collect();
        let g = metrics::gospa(&truths, tracks, c, p);
        let truth_ids: Vec<u64> = truth[k].targets.iter().map(|t| t.id).collect();
        continuity.record_gospa(&truth_ids, track_ids, &g);
        let o = metrics::ospa(&truths, tracks, c, p);
        g_all.push(g.total);
        if truth[k].frame >= args.warmup {
            // Missed/false reported as counts, as run_stonesoup.py does (value / (c^p / 2)).
            let half = c.powf(p) / 2.0;
            after.push((
                g.total,
                g.localisation,
                g.missed / half,
                g.false_tracks / half,
            ));
            ospa.push(o);
        }
    }
    let mean = |v: &[f64]| {
        if v.is_empty() {
            f64::NAN
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let col = |i: usize| {
        after
            .iter()
            .map(|r| [r.0, r.1, r.2, r.3][i])
            .collect::<Vec<_>>()
    };
    Scores {
        gospa_mean: mean(&col(0)),
        gospa_mean_all: mean(&g_all),
        loc_mean: mean(&col(1)),
        missed_mean: mean(&col(2)),
        false_mean: mean(&col(3)),
        ospa_mean: mean(&ospa),
        continuity: continuity.summary(),
    }
}
