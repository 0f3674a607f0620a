//! The run-size estimate: how many events a run will process and how much it will record,
//! computed from an [`Input`] before anything is built, so a front end can refuse an
//! impossible run or warn about a heavy one with numbers instead of exhausting memory.
//!
//! Every value in range can still multiply into an impossible run (a 10-ms frame period on
//! 40 nodes for 10 days is 3.5·10⁹ frames). The estimate counts what the engine schedules:
//! frames per node, radar scans and space-IR revisits per sensor (each delivered and tracked),
//! truth samples (each scoring every node's picture), decision epochs and adversary
//! injections; and what a recording front end keeps: truth, track and detection rows. It is
//! an order of magnitude, deliberately simple: detections assume every threat and flight is
//! seen by every sensor on every scan, which overestimates.
//!
//! Trackers cost more than events: every scan gates each live track against each plot, and
//! every false alarm not associated starts a tentative track that lives a few scans, so the
//! gating work grows with the square of the false alarms per scan. The estimate counts these
//! track–plot pairs per node, over the run (engine time) and in the busiest scan (tracker
//! memory), and refuses or warns on both. Measured with one radar in release builds (issue
//! 18): about 1,000, 3,100 and 10,000 false alarms per scan are 4·10⁶, 3.8·10⁷ and 4·10⁸
//! estimated pairs a scan and took 0.34 GB, 3.1 GB and more than 24 GB (killed) of memory —
//! about [`BYTES_PER_SCAN_PAIR`] per pair —, and the runs gated about 2.5·10⁶ estimated pairs
//! per second of CPU.
//!
//! It also reports the radars whose expected false alarms per scan exceed the engine's cap
//! ([`sensors::MAX_FALSE_ALARMS_PER_SCAN`]): such a radar runs, but with fewer false alarms
//! than its parameters say.

use crate::Input;
use base::SensorId;
use sensors::SensorParams;

/// Most agenda events a run may process: beyond this the run is refused (about an hour of
/// engine time on one core at the default scenario's event rate; memory grows with it).
pub const MAX_EVENTS: f64 = 1e9;
/// Events above which a run is only warned about.
pub const WARN_EVENTS: f64 = 5e7;
/// Bytes of records a recording run may keep in memory before it is refused (64 GiB).
pub const MAX_MEMORY_BYTES: f64 = 64.0 * 1024.0 * 1024.0 * 1024.0;
/// Bytes of kept records above which a run is warned about (4 GiB).
pub const WARN_MEMORY_BYTES: f64 = 4.0 * 1024.0 * 1024.0 * 1024.0;
/// Track–plot pairs the trackers may gate over a run before it is refused (about an hour of
/// engine time at the measured ~2.5·10⁶ estimated pairs per CPU second).
pub const MAX_ASSOCIATION_PAIRS: f64 = 1e10;
/// Pairs above which a run is warned about (minutes of engine time).
pub const WARN_ASSOCIATION_PAIRS: f64 = 1e9;
/// Tracker memory per estimated track–plot pair of one scan, bytes (measured, see above).
pub const BYTES_PER_SCAN_PAIR: f64 = 85.0;
/// Track–plot pairs one scan may gate before the run is refused (about 4 GiB of tracker
/// memory; 10,000 false alarms a scan are 4·10⁸).
pub const MAX_SCAN_PAIRS: f64 = 5e7;
/// Pairs of one scan above which a run is warned about (about 0.4 GiB).
pub const WARN_SCAN_PAIRS: f64 = 5e6;
/// Scans a tentative track from an unassociated plot lives (initiation plus the engine's
/// tracker's tentative misses, `sim::node`).
const TENTATIVE_LIFETIME_SCANS: f64 = 4.0;

/// Approximate in-memory size of one kept record (truth, track or detection row, or event):
/// its fields plus its heap strings.
const ROW_BYTES: f64 = 256.0;
/// Approximate size of one written CSV/JSON line.
const LINE_BYTES: f64 = 200.0;

/// What dominates the event count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Driver {
    /// Network frames (`[network] frame_period_s`, per node).
    Frames,
    /// Sensor scans and revisits (`scan_period_s`, `revisit_s`, per sensor).
    Scans,
    /// Truth samples (`[scenario] truth_sample_s`).
    TruthSamples,
    /// Decision epochs (`[c2] decision_period_s`).
    Decisions,
    /// Adversary injections (`period_s`).
    Injections,
    /// Detections (mostly false alarms).
    Detections,
    /// The trackers' gating of tentative tracks against plots (not events: the verdicts on
    /// [`RunEstimate::association_pairs`] name it).
    Association,
}

/// The estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct RunEstimate {
    /// Simulated seconds.
    pub seconds: f64,
    /// Events of each kind, by what drives them.
    pub events_by: Vec<(Driver, f64)>,
    /// Truth rows (objects × samples).
    pub truth_rows: f64,
    /// Track rows (nodes × objects × samples × two layers, at most).
    pub track_rows: f64,
    /// Detections, including false alarms.
    pub detections: f64,
    /// Radars whose expected false alarms per scan exceed the cap: (sensor, expected).
    pub capped_false_alarms: Vec<(SensorId, f64)>,
    /// Track–plot pairs the node trackers gate over the run.
    pub association_pairs: f64,
    /// Track–plot pairs of the busiest scan (tracker memory grows with it).
    pub scan_pairs: f64,
    /// The radar whose scans cost the trackers most, if any.
    pub costliest_radar: Option<SensorId>,
}

/// A verdict on the estimate, with what drives it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Verdict {
    /// Too large to run: the message says why, with numbers.
    Refuse(String, Driver),
    /// Runs, but heavy: the message says why, with numbers.
    Warn(String, Driver),
}

impl RunEstimate {
    /// Total agenda events.
    pub fn events(&self) -> f64 {
        self.events_by.iter().map(|(_, n)| n).sum()
    }
    /// The kind of event that dominates.
    pub fn driver(&self) -> Driver {
        self.events_by
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(Driver::Frames, |(d, _)| *d)
    }
    /// Logged events (decisions and the like; frames, scans and samples are not logged).
    fn logged_events(&self) -> f64 {
        self.events_by
            .iter()
            .filter(|(d, _)| matches!(d, Driver::Decisions | Driver::Injections))
            .map(|(_, n)| n)
            .sum()
    }
    /// Bytes of records a recording front end keeps in memory (the CLI keeps the logged
    /// events, truth and track rows for the report).
    pub fn memory_bytes(&self) -> f64 {
        (self.truth_rows + self.track_rows + self.logged_events()) * ROW_BYTES
    }
    /// Bytes written to disk by a recording run.
    pub fn output_bytes(&self) -> f64 {
        (self.truth_rows + self.track_rows + self.detections + self.logged_events()) * LINE_BYTES
    }
    /// Refusals first, then warnings; empty for an ordinary run.
    pub fn verdicts(&self) -> Vec<Verdict> {
        let mut out = Vec::new();
        let (events, memory) = (self.events(), self.memory_bytes());
        let what = format!(
            "about {} events over {} s of simulated time (mostly {}), {} of records in memory \
             and {} written",
            sci(events),
            sci(self.seconds),
            driver_name(self.driver()),
            bytes(memory),
            bytes(self.output_bytes())
        );
        let pairs = self.association_pairs;
        let gating = format!(
            "about {} track-plot pairs for the trackers to gate over {} s of simulated time \
             (false alarms start tentative tracks that every later scan gates)",
            sci(pairs),
            sci(self.seconds)
        );
        let scan = self.scan_pairs;
        let per_scan = format!(
            "the busiest scan gates about {} track-plot pairs, about {} of tracker memory \
             (every false alarm starts a tentative track that the next scans gate against all \
             their plots)",
            sci(scan),
            bytes(scan * BYTES_PER_SCAN_PAIR)
        );
        if scan > MAX_SCAN_PAIRS {
            out.push(Verdict::Refuse(
                format!(
                    "the run is too large: {per_scan}; the limit is {} pairs ({})",
                    sci(MAX_SCAN_PAIRS),
                    bytes(MAX_SCAN_PAIRS * BYTES_PER_SCAN_PAIR)
                ),
                Driver::Association,
            ));
        } else if scan > WARN_SCAN_PAIRS {
            out.push(Verdict::Warn(
                format!("a heavy run: {per_scan}"),
                Driver::Association,
            ));
        }
        if pairs > MAX_ASSOCIATION_PAIRS {
            out.push(Verdict::Refuse(
                format!(
                    "the run is too large: {gating}; the limit is {}",
                    sci(MAX_ASSOCIATION_PAIRS)
                ),
                Driver::Association,
            ));
        } else if pairs > WARN_ASSOCIATION_PAIRS {
            out.push(Verdict::Warn(
                format!("a heavy run: {gating}"),
                Driver::Association,
            ));
        }
        if events > MAX_EVENTS || memory > MAX_MEMORY_BYTES {
            out.push(Verdict::Refuse(
                format!(
                    "the run is too large: {what}; the limits are {} events and {} of records",
                    sci(MAX_EVENTS),
                    bytes(MAX_MEMORY_BYTES)
                ),
                self.driver(),
            ));
        } else if events > WARN_EVENTS || memory > WARN_MEMORY_BYTES {
            out.push(Verdict::Warn(format!("a heavy run: {what}"), self.driver()));
        }
        out
    }
}

fn driver_name(d: Driver) -> &'static str {
    match d {
        Driver::Frames => "network frames",
        Driver::Scans => "sensor scans",
        Driver::TruthSamples => "truth samples",
        Driver::Decisions => "decision epochs",
        Driver::Injections => "adversary injections",
        Driver::Detections => "detections",
        Driver::Association => "track-plot gating",
    }
}

/// `1.2e9`-style text for large counts, plain for small ones.
fn sci(x: f64) -> String {
    if x < 1e6 {
        format!("{x:.0}")
    } else {
        format!("{x:.1e}")
    }
}

fn bytes(b: f64) -> String {
    const GIB: f64 = 1024.0 * 1024.0 * 1024.0;
    if b >= GIB {
        format!("{:.1} GiB", b / GIB)
    } else {
        format!("{:.0} MiB", b / (1024.0 * 1024.0))
    }
}

/// Estimates the size of a run of `input` (to its full duration).
pub fn estimate(input: &Input) -> RunEstimate {
    let seconds = input.duration.as_secs_f64();
    let per = |period_s: f64| seconds / period_s.max(1e-9);
    let objects = (input.threats.len() + input.traffic.len() + input.platforms.len()).max(1) as f64;
    let targets = (input.threats.len() + input.traffic.len()) as f64;
    let nodes = input.nodes.len() as f64;
    let frames = nodes * per(input.network.frame_period.as_secs_f64());
    // Every frame reaches every other node (a broadcast), each a delivery event.
    let deliveries = frames * (nodes - 1.0).max(0.0);
    let mut scans = 0.0;
    let mut detections = 0.0;
    let mut capped = Vec::new();
    // Per radar: (node, scans over the run, plots per scan).
    let mut radars: Vec<(usize, SensorId, f64, f64)> = Vec::new();
    for (i, s) in input.sensors.iter().enumerate() {
        match &s.params {
            SensorParams::Radar(p) => {
                let n = per(p.scan_period_s);
                let id = SensorId::new(i);
                let false_alarms = sensors::Radar::new(id, s.nation, *p)
                    .map_or(0.0, |r| r.expected_false_alarms());
                if false_alarms > sensors::MAX_FALSE_ALARMS_PER_SCAN {
                    capped.push((id, false_alarms));
                }
                let plots = targets + false_alarms.min(sensors::MAX_FALSE_ALARMS_PER_SCAN);
                scans += n;
                detections += n * plots;
                radars.push((s.node.index(), id, n, plots));
            }
            SensorParams::SpaceIr(p) => {
                let n = per(p.revisit_s);
                scans += n;
                detections += n * input.threats.len() as f64;
            }
        }
    }
    // A node's tracker holds the tentative tracks its radars' plots start, plus the targets;
    // each scan of each of its radars gates all of them against that scan's plots.
    let mut association_pairs = 0.0;
    let mut scan_pairs: f64 = 0.0;
    let mut costliest: Option<(SensorId, f64)> = None;
    for &(node, id, n, plots) in &radars {
        let node_plots: f64 = radars
            .iter()
            .filter(|r| r.0 == node)
            .map(|r| r.3 - targets)
            .sum();
        let per_scan = (TENTATIVE_LIFETIME_SCANS * node_plots + targets) * plots;
        scan_pairs = scan_pairs.max(per_scan);
        let pairs = n * per_scan;
        association_pairs += pairs;
        if costliest.is_none_or(|(_, c)| pairs > c) {
            costliest = Some((id, pairs));
        }
    }
    let samples = per(input.truth_sample_period.as_secs_f64());
    let decisions = if input.fire_units.is_empty() {
        0.0
    } else {
        per(input.c2.decision_period.as_secs_f64())
    };
    let injections: f64 = input
        .adversaries
        .iter()
        .map(|a| per(a.period.as_secs_f64()))
        .sum();
    RunEstimate {
        seconds,
        events_by: vec![
            (Driver::Frames, frames + deliveries),
            // A scan, its delivery and its tracker update.
            (Driver::Scans, 3.0 * scans),
            (Driver::TruthSamples, samples * (1.0 + nodes)),
            (Driver::Decisions, decisions),
            (Driver::Injections, injections),
            (Driver::Detections, detections),
        ],
        truth_rows: samples * objects,
        track_rows: samples * nodes * 2.0 * objects,
        detections,
        capped_false_alarms: capped,
        association_pairs,
        scan_pairs,
        costliest_radar: costliest.map(|(id, _)| id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base::SimDuration;

    #[test]
    fn the_test_world_is_an_ordinary_run() {
        let input = crate::tests::small_input();
        let e = estimate(&input);
        assert!(e.verdicts().is_empty(), "{:?}", e.verdicts());
        assert!(e.capped_false_alarms.is_empty());
        // 900 s at 1 s frames on one node, 2 radars every 10 s, 5-s truth samples.
        assert!(e.events() > 900.0 && e.events() < 1e6, "{}", e.events());
    }

    /// Issue 18: 10-ms frames and truth samples on a ten-day scenario (each value in range)
    /// are refused with numbers before anything is built.
    #[test]
    fn issue_18_an_impossible_run_is_refused_with_numbers() {
        let mut input = crate::tests::small_input();
        input.duration = SimDuration::from_secs(864_000);
        input.network.frame_period = SimDuration::from_millis(10);
        input.truth_sample_period = SimDuration::from_millis(10);
        let e = estimate(&input);
        let v = e.verdicts();
        let [Verdict::Refuse(why, _)] = v.as_slice() else {
            panic!("refused: {v:?}")
        };
        assert!(why.contains("too large") && why.contains("events"), "{why}");
    }

    /// Issue 18: a radar whose cells times Pfa exceed the cap is reported (the engine draws
    /// at most the cap per scan), with its expected count.
    #[test]
    fn issue_18_capped_false_alarms_are_reported() {
        let mut input = crate::tests::small_input();
        if let SensorParams::Radar(p) = &mut input.sensors[1].params {
            p.beamwidth_deg = 0.1;
            p.range_resolution_m = 1.0;
        }
        let e = estimate(&input);
        assert_eq!(e.costliest_radar, Some(SensorId::new(1)));
        // (4 x 10^4 tentative + 4) tracks x 10^4 plots = 4e8 pairs in one scan: more than
        // 24 GB measured, refused whatever the duration; 90 scans = 3.6e10 pairs, refused too.
        let refusals: Vec<String> = e
            .verdicts()
            .into_iter()
            .filter_map(|v| match v {
                Verdict::Refuse(why, Driver::Association) => Some(why),
                _ => None,
            })
            .collect();
        assert_eq!(refusals.len(), 2, "{refusals:?}");
        assert!(
            refusals[0].contains("busiest scan gates about 4.0e8"),
            "{}",
            refusals[0]
        );
        assert!(
            refusals[0].contains("31.7 GiB of tracker memory"),
            "{}",
            refusals[0]
        );
        assert!(
            refusals[1].contains("3.6e10 track-plot pairs"),
            "{}",
            refusals[1]
        );
        assert_eq!(e.capped_false_alarms.len(), 1);
        let (id, n) = e.capped_false_alarms[0];
        assert_eq!(id, SensorId::new(1));
        assert!(n > sensors::MAX_FALSE_ALARMS_PER_SCAN, "{n}");
    }
}
