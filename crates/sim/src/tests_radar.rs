//! Radar resource management in the engine: a phased array cued by a track its node holds
//! acquires the target sooner than its own search frame would; its dwells and the stretch of
//! its frame show in the sensor summary; runs stay deterministic; a tracker batch never holds
//! two plots of one object.

use crate::tests::{radar, small_input};
use crate::*;
use base::SimTime;

/// `small_input` with radar-2 turned into a shorter-range phased array with a time budget:
/// its search sees a 0.1 m² re-entry vehicle at ≈ 70 km, its 10 ms dwells (≈ 34 × a search
/// look's energy) at ≈ 160 km. Radar-1, a long-range rotator at the same node, finds the
/// missiles first, so the node holds tracks radar-2 does not.
pub(crate) fn cued_world(cueing: bool) -> Input {
    let mut input = small_input();
    let mut array = radar("radar-2", 1);
    if let sensors::SensorParams::Radar(p) = &mut array.params {
        p.scan = sensors::ScanKind::PhasedArray;
        p.scan_period_s = 4.0;
        p.beamwidth_deg = 1.5;
        p.max_range_m = 300_000.0;
        p.detection = sensors::DetectionModel::RadarEquation {
            ref_range_m: 120_000.0,
            ref_snr_db: 13.0,
            pfa: 1e-8,
        };
        p.budget = sensors::DwellBudget::DEFAULT;
    }
    input.sensors[1] = array;
    // Radar-1 sees a 0.1 m² vehicle at ≈ 450 km: the node holds the missiles early.
    if let sensors::SensorParams::Radar(p) = &mut input.sensors[0].params {
        p.detection = sensors::DetectionModel::RadarEquation {
            ref_range_m: 800_000.0,
            ref_snr_db: 13.0,
            pfa: 1e-8,
        };
    }
    input.network.radar_cueing = cueing;
    input
}

/// First measurement time of each SRBM by radar-2, s.
fn first_by_array(input: &Input, seed: u64) -> (Vec<f64>, Summary) {
    let mut rec = MemoryRecorder::default();
    let s = run(input, seed, None, &mut rec).expect("builds");
    let first = ["srbm-1", "srbm-2"]
        .iter()
        .map(|name| {
            rec.detections
                .iter()
                .filter(|d| d.sensor == "radar-2" && d.object == *name)
                .map(|d| d.t_s)
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    (first, s)
}

#[test]
fn a_cued_array_acquires_sooner_than_its_search_frame() {
    for seed in [1, 2, 3] {
        let (cued, s_cued) = first_by_array(&cued_world(true), seed);
        let (plain, s_plain) = first_by_array(&cued_world(false), seed);
        let occ = |s: &Summary| {
            s.sensors[1]
                .occupancy
                .clone()
                .expect("radar-2 has a budget")
        };
        assert!(occ(&s_cued).cue_dwells > 0, "seed {seed}: cued dwells");
        assert_eq!(occ(&s_plain).cue_dwells, 0, "seed {seed}");
        assert!(
            s_cued.sensors[0].occupancy.is_none(),
            "rotators have no budget"
        );
        // Never later; for at least one missile measurably earlier (by more than a search
        // frame; search alone may never see it: infinite).
        for (c, p) in cued.iter().zip(&plain) {
            assert!(c.is_finite(), "seed {seed}: {cued:?} {plain:?}");
            assert!(
                c <= p,
                "seed {seed}: cued {cued:?} vs search only {plain:?}"
            );
        }
        assert!(
            cued.iter().zip(&plain).any(|(c, p)| c + 4.0 < *p),
            "seed {seed}: cued {cued:?} vs search only {plain:?}"
        );
    }
}

#[test]
fn dwells_cost_search_time_and_runs_stay_deterministic() {
    let input = cued_world(true);
    let (a, s) = first_by_array(&input, 5);
    let (b, t) = first_by_array(&input, 5);
    assert_eq!(a, b);
    assert_eq!(s, t);
    let o = s.sensors[1].occupancy.clone().expect("budget");
    assert!(o.track_dwells > 0 && o.track_fraction > 0.0);
    assert!(o.mean_frame_s > o.nominal_frame_s, "{o:?}");
    let dwelt = o.track_fraction + o.cue_fraction + o.sector_fraction;
    assert!((o.search_fraction + dwelt - 1.0).abs() < 1e-12);
}

#[test]
fn a_sector_sweep_and_a_dwell_on_one_object_are_separate_batches() {
    // The cued array also sweeps a sector toward each space-IR launch report, over missiles
    // it already dwells on.
    let mut input = cued_world(true);
    let ir = crate::tests::ir_watched();
    input.platforms.push(ir.platforms[2].clone());
    input.sensors.push(ir.sensors[2].clone());
    // Far enough from the launch area for the missiles to stay low in its sector, with the
    // reach to see them there.
    input.platforms[1].motion = PlatformMotion::Fixed(crate::tests::deg(36.0, 130.5, 80.0));
    if let sensors::SensorParams::Radar(p) = &mut input.sensors[1].params {
        p.max_range_m = 1_000_000.0;
        // Dwells and sweeps due every planning interval, so they share some.
        p.budget.revisit_ballistic_s = 0.5;
        p.detection = sensors::DetectionModel::RadarEquation {
            ref_range_m: 900_000.0,
            ref_snr_db: 13.0,
            pfa: 1e-8,
        };
    }
    let mut sim = Simulation::new(&input, 4, None).expect("builds");
    let mut rec = MemoryRecorder::default();
    sim.run_until(SimTime::from_secs(1_200), &mut rec);
    let batches = sim.batch_objects(1).clone();
    let mut looks_at: std::collections::BTreeMap<(SimTime, base::ObjectId), Vec<u32>> =
        std::collections::BTreeMap::new();
    for (batch, objects) in &batches {
        let mut sorted = objects.clone();
        sorted.sort_unstable();
        let n = sorted.len();
        sorted.dedup();
        assert_eq!(
            n,
            sorted.len(),
            "{batch:?} holds two plots of one object: {objects:?}"
        );
        if batch.dwells {
            for o in sorted {
                looks_at
                    .entry((batch.start, o))
                    .or_default()
                    .push(batch.look);
            }
        }
    }
    // The situation arises: some interval saw an object in its dwells and in a sector.
    assert!(
        looks_at
            .values()
            .any(|looks| looks.len() > 1 && looks.contains(&0)),
        "no interval looked at one object twice: the test proves nothing"
    );
}
