//! `kizuna sensors`: each sensor's coverage against each target kind in the scenario, so a
//! user can check a layout before running it.
//!
//! For every radar and every distinct target signature (threat class, traffic kind, airborne
//! platform) the table gives the free-space range at which single-scan Pd reaches 0.5 and 0.9,
//! the 4/3-Earth horizon range for the target's typical altitude, and the effective range
//! (the least of Pd-0.5 range, horizon and instrumented range).

use crate::commands::load_input;
use anyhow::Result;
use sensors::{Coverage, SensorParams, Signature, radar_coverage};
use serde::Serialize;
use sim::{Input, PlatformMotion, ThreatMotion};
use std::process::ExitCode;

/// Altitude at which ballistic threats are assessed, m: well above any horizon limit during
/// midcourse, so the Pd range decides.
const BALLISTIC_ASSESS_ALT_M: f64 = 100_000.0;

/// One target kind of the scenario, with the altitude it is assessed at.
#[derive(Debug, Clone, PartialEq)]
struct TargetKind {
    label: String,
    signature: Signature,
    alt_m: f64,
}

#[derive(Debug, Serialize)]
struct Row {
    sensor: String,
    nation: String,
    target: String,
    rcs_m2: f64,
    target_alt_m: f64,
    range_pd50_km: f64,
    range_pd90_km: f64,
    horizon_km: f64,
    effective_km: f64,
}

fn target_kinds(input: &Input) -> Vec<TargetKind> {
    let mut kinds: Vec<TargetKind> = Vec::new();
    let mut add = |label: String, signature: Signature, alt_m: f64| {
        if !kinds.iter().any(|k| k.label == label) {
            kinds.push(TargetKind {
                label,
                signature,
                alt_m,
            });
        }
    };
    for t in &input.threats {
        let alt_m = match &t.motion {
            ThreatMotion::Ballistic(_) => BALLISTIC_ASSESS_ALT_M,
            ThreatMotion::Cruise(route) => route.points[0].position.alt_m(),
        };
        add(t.class.as_str().to_owned(), t.signature, alt_m);
    }
    for f in &input.traffic {
        let alt_m = f
            .route
            .points
            .iter()
            .map(|p| p.position.alt_m())
            .fold(0.0, f64::max);
        add(f.kind.as_str().to_owned(), f.signature, alt_m);
    }
    kinds
}

fn platform_alt_m(motion: &PlatformMotion) -> f64 {
    match motion {
        PlatformMotion::Fixed(at) => at.alt_m(),
        PlatformMotion::Ship(route) | PlatformMotion::AirborneRoute(route) => {
            route.points[0].position.alt_m()
        }
        PlatformMotion::AirborneOrbit(orbit) => orbit.centre.alt_m(),
        PlatformMotion::Geostationary { .. } => 35_786_000.0,
    }
}

pub(crate) fn sensors(scenario: Option<&str>, json: bool) -> Result<ExitCode> {
    let Some((_, input)) = load_input(scenario)? else {
        return Ok(ExitCode::from(1));
    };
    let kinds = target_kinds(&input);
    let mut rows = Vec::new();
    let mut ir = Vec::new();
    for s in &input.sensors {
        let sensor_alt = platform_alt_m(&input.platforms[s.platform.index()].motion);
        match &s.params {
            SensorParams::Radar(p) => {
                for k in &kinds {
                    let c: Coverage = radar_coverage(p, sensor_alt, k.signature, k.alt_m);
                    rows.push(Row {
                        sensor: s.name.clone(),
                        nation: s.nation.to_string(),
                        target: k.label.clone(),
                        rcs_m2: k.signature.rcs_m2,
                        target_alt_m: k.alt_m,
                        range_pd50_km: c.range_pd50_m / 1e3,
                        range_pd90_km: c.range_pd90_m / 1e3,
                        horizon_km: c.horizon_m / 1e3,
                        effective_km: c.effective_m / 1e3,
                    });
                }
            }
            SensorParams::SpaceIr(p) => ir.push((s, *p)),
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Radar coverage in {} (km; Pd per scan, free space; horizon for the target altitude):",
        input.name
    );
    println!(
        "{:<22} {:<4} {:<10} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "sensor", "nat", "target", "rcs m²", "Pd50", "Pd90", "horizon", "effective"
    );
    for r in &rows {
        println!(
            "{:<22} {:<4} {:<10} {:>8} {:>8.0} {:>8.0} {:>8.0} {:>9.0}",
            r.sensor,
            r.nation,
            r.target,
            r.rcs_m2,
            r.range_pd50_km,
            r.range_pd90_km,
            r.horizon_km,
            r.effective_km
        );
    }
    for (s, p) in ir {
        println!(
            "{:<22} {:<4} space IR: boost phase above {:.0} km, Pd {:.2} per {:.0} s revisit, {:.0} s latency",
            s.name,
            s.nation,
            p.min_alt_m / 1e3,
            p.pd.get(),
            p.revisit_s,
            p.latency_s
        );
    }
    Ok(ExitCode::SUCCESS)
}
