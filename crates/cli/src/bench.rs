//! `kizuna bench`: the engine's speed on a scenario, measured on this machine.
//!
//! Reports the median over runs of world build time and event-loop time (records discarded),
//! simulated seconds per wall second, and the cost of one truth-state query (interpolating a
//! precomputed trajectory) at pseudo-random times over all moving objects.

use crate::BenchArgs;
use crate::commands::load_input;
use anyhow::{Context, Result};
use base::SimTime;
use sim::{NullRecorder, Simulation};
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

pub(crate) fn bench(args: &BenchArgs) -> Result<ExitCode> {
    let Some((_, input)) = load_input(args.scenario.as_deref())? else {
        return Ok(ExitCode::from(1));
    };
    let mut builds = Vec::new();
    let mut loops = Vec::new();
    let mut last = None;
    for _ in 0..args.runs {
        let t0 = Instant::now();
        let sim = Simulation::new(&input, input.seed, None).context("building the world")?;
        let t1 = Instant::now();
        let world = sim.world().clone();
        let summary = sim.finish(&mut NullRecorder);
        let t2 = Instant::now();
        builds.push((t1 - t0).as_secs_f64());
        loops.push((t2 - t1).as_secs_f64());
        last = Some((world, summary));
    }
    let (world, summary) = last.expect("runs >= 1");
    let build = median(&mut builds);
    let run = median(&mut loops);
    let sim_s = summary.sim_seconds;

    // Deterministic query times (SplitMix64), spread over each object's lifetime.
    let movers: Vec<_> = world.objects.iter().filter(|o| o.moves).collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut hits = 0u64;
    let t0 = Instant::now();
    for i in 0..args.queries {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let o = movers[i as usize % movers.len()];
        let (a, b) = (
            o.trajectory.start().as_nanos(),
            o.trajectory.end().as_nanos(),
        );
        let t = SimTime::from_nanos(a + (z % ((b - a).max(1) as u64)) as i64);
        hits += u64::from(black_box(o.trajectory.state_at(t)).is_some());
    }
    let query_ns = t0.elapsed().as_secs_f64() * 1e9 / f64::from(args.queries.max(1));
    let samples: usize = movers.iter().map(|o| o.trajectory.n_samples()).sum();

    println!("scenario               {}", summary.scenario);
    println!(
        "truth objects          {} ({} moving, {} trajectory samples)",
        world.objects.len(),
        movers.len(),
        samples
    );
    println!("world build (median)   {:.1} ms", build * 1e3);
    println!(
        "event loop (median)    {:.1} ms for {:.0} simulated s",
        run * 1e3,
        sim_s
    );
    println!(
        "whole run              {:.0} simulated s per wall s",
        sim_s / (build + run)
    );
    println!(
        "event loop only        {:.0} simulated s per wall s",
        sim_s / run.max(1e-12)
    );
    println!(
        "truth-state query      {query_ns:.1} ns ({hits} of {} inside lifetimes)",
        args.queries
    );
    Ok(ExitCode::SUCCESS)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
