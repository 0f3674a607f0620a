//! The run summary (`summary.json`): identity, counts and measures of effectiveness.
//!
//! Schema (version [`SCHEMA_VERSION`]); field meanings are documented on each field and in
//! `docs/outputs.md`. Additive changes keep the version; renames or removals bump it.

use crate::input::Input;
use crate::world::{Origin, World};
use base::{NationId, ObjectId, SimTime};
use serde::Serialize;
use std::collections::BTreeMap;
use std::collections::BTreeSet;

/// Probability that one leaker impacting inside a defended asset's radius destroys it
/// (notional lethality for the expected-surviving-value measure).
pub const LEAKER_LETHALITY: f64 = 0.5;

/// Version of the `summary.json` schema.
pub const SCHEMA_VERSION: u32 = 5;
/// Engine version reported in outputs (part of the run identity): the workspace version in the
/// root `Cargo.toml`, the same text `kizuna --version` prints. Bump it on behaviour changes.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a run accumulated, handed to [`Summary::new`] at the end.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tallies {
    /// Events by kind tag (every tag present, zeros included).
    pub(crate) events: BTreeMap<&'static str, u64>,
    /// Rows sampled for `truth.csv`.
    pub(crate) truth_rows: u64,
    /// Threat impacts in time order.
    pub(crate) impacts: Vec<ImpactRecord>,
    /// Per-sensor activity.
    pub(crate) sensors: Vec<SensorSummary>,
    /// First detection of each detected threat.
    pub(crate) first_detection: BTreeMap<ObjectId, FirstDetection>,
    /// Nations whose sensors detected each object.
    pub(crate) detected_by: BTreeMap<ObjectId, BTreeSet<NationId>>,
    /// Per-node picture quality.
    pub(crate) nodes: Vec<NodeSummary>,
    /// Network-wide measures.
    pub(crate) network: crate::net::NetworkSummary,
    /// What the command did.
    pub(crate) engagement: crate::command::EngagementMoe,
    /// Rows written to `tracks.csv`.
    pub(crate) track_rows: u64,
    /// When a fire unit's own radar first contributed to a confirmed track of each threat.
    pub(crate) own_track: BTreeMap<ObjectId, SimTime>,
    /// Per-threat decision, launch, intercept and impact times.
    pub(crate) timelines: crate::timeline::Timelines,
    /// First time any node's picture held each object.
    pub(crate) first_held: BTreeMap<ObjectId, SimTime>,
    /// Network-wide SIAP means.
    pub(crate) siap: crate::siap::SiapNetwork,
}

/// One threat's ground impact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImpactRecord {
    /// Threat name.
    pub object: String,
    /// Impact time, seconds.
    pub t_s: f64,
    /// Impact latitude, degrees.
    pub lat_deg: f64,
    /// Impact longitude, degrees.
    pub lon_deg: f64,
    /// Straight-line distance from the impact to the intended aim point, metres.
    pub miss_from_aim_m: Option<f64>,
    /// Defended asset whose radius contains the impact, if any.
    pub asset: Option<String>,
    /// Distance to the nearest defended asset's centre, metres.
    pub asset_distance_m: Option<f64>,
}

/// A threat's first detection by any sensor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FirstDetection {
    /// Threat name.
    pub object: String,
    /// Measurement time, seconds.
    pub t_s: f64,
    /// Seconds after launch.
    pub since_launch_s: f64,
    /// Sensor name.
    pub sensor: String,
    /// Sensor nation.
    pub nation: String,
}

/// Per-sensor activity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SensorSummary {
    /// Sensor name.
    pub name: String,
    /// Nation.
    pub nation: String,
    /// `radar` or `space_ir`.
    pub kind: &'static str,
    /// Scans (or revisits) performed.
    pub scans: u64,
    /// Real detections delivered.
    pub detections: u64,
    /// False alarms delivered.
    pub false_alarms: u64,
    /// A phased array's time budget: where its time went (`null`: rotators, space IR and
    /// arrays that only search).
    pub occupancy: Option<OccupancySummary>,
}

/// Where a phased array's time went (`sensors::Scheduler`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OccupancySummary {
    /// Share of the time on search.
    pub search_fraction: f64,
    /// Share on track dwells (tracks this radar holds).
    pub track_fraction: f64,
    /// Share on cued dwells (tracks its node holds that it did not).
    pub cue_fraction: f64,
    /// Share on IR-cued search sectors.
    pub sector_fraction: f64,
    /// Dwells served: track, cue, sector.
    pub track_dwells: u64,
    /// See `track_dwells`.
    pub cue_dwells: u64,
    /// See `track_dwells`.
    pub sector_sweeps: u64,
    /// Due dwells that did not fit their interval (overload).
    pub deferred_dwells: u64,
    /// Unloaded search frame (`scan_period_s`), s.
    pub nominal_frame_s: f64,
    /// Mean and longest search frame over the run, s: the stretch load costs search.
    pub mean_frame_s: f64,
    /// See `mean_frame_s`.
    pub max_frame_s: f64,
}

impl OccupancySummary {
    pub(crate) fn of(o: &sensors::Occupancy, nominal_frame_s: f64) -> Self {
        let share = |ns: i64| {
            if o.planned_ns > 0 {
                ns as f64 / o.planned_ns as f64
            } else {
                0.0
            }
        };
        OccupancySummary {
            search_fraction: 1.0 - o.dwell_fraction(),
            track_fraction: share(o.track_ns),
            cue_fraction: share(o.cue_ns),
            sector_fraction: share(o.sector_ns),
            track_dwells: o.n_track,
            cue_dwells: o.n_cue,
            sector_sweeps: o.n_sector,
            deferred_dwells: o.n_deferred,
            nominal_frame_s,
            mean_frame_s: if o.frames > 0 {
                o.frames_ns as f64 * 1e-9 / o.frames as f64
            } else {
                nominal_frame_s
            },
            max_frame_s: o.max_frame_ns as f64 * 1e-9,
        }
    }
}

/// One picture's quality against truth (GOSPA c = 5 km, p = 1, α = 2, every air object in
/// the theatre: what a node cannot see counts as missed).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PictureSummary {
    /// Distinct track numbers held over the run.
    pub tracks: u64,
    /// Mean GOSPA over truth samples, m.
    pub gospa_mean: f64,
    /// Mean localisation part, m.
    pub gospa_localisation_mean: f64,
    /// Mean number of missed objects.
    pub gospa_missed_mean: f64,
    /// Mean number of false tracks.
    pub gospa_false_mean: f64,
    /// Threats held by this picture within the cut-off at some sample.
    pub threats_tracked: u64,
    /// Mean seconds from the reference first detection of a threat to the first sample this
    /// picture held it (local: the node's own sensors; picture: any sensor — picture latency).
    pub mean_track_latency_s: Option<f64>,
    /// Track breaks (a held object losing its track while present).
    pub track_breaks: u64,
    /// Track-number changes on an object.
    pub track_id_changes: u64,
}

/// One C2 node: its trackers, its picture, its traffic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeSummary {
    /// Node name.
    pub node: String,
    /// Owning nation.
    pub nation: String,
    /// `combined`, `national` or `unit`.
    pub role: &'static str,
    /// Radar scans (and received plot batches) its tracker processed.
    pub scans_processed: u64,
    /// Tracks its tracker initiated (tentative included).
    pub tracks_initiated: u64,
    /// Out-of-sequence measurements reprocessed.
    pub oosm_reprocessed: u64,
    /// Out-of-sequence measurements too old to use (counted, never silent).
    pub oosm_dropped: u64,
    /// Tracks its tracker confirmed early on a space-IR launch cue.
    pub cued_confirmations: u64,
    /// Tracks its tracker deleted as diverged (velocity estimate faster than escape speed).
    pub tracks_implausible: u64,
    /// First-hand tracks (track sharing, nodes with radars).
    pub local: Option<PictureSummary>,
    /// The node's picture (common picture, composite tracks, or its local tracks when nothing
    /// is shared); null for a node that holds none.
    pub picture: Option<PictureSummary>,
    /// Common-picture bookkeeping (track sharing).
    pub picture_stats: Option<crate::net::PictureStatsSummary>,
    /// What the node sent and received.
    pub network: crate::net::NodeNetwork,
    /// (t_s, GOSPA of the node's picture in m) at every truth sample; empty if it holds none.
    /// Written to `series.json` ([`Summary::series`]), not to `summary.json`: the series are
    /// most of a summary's size.
    #[serde(skip)]
    pub gospa_series: Vec<(f64, f64)>,
    /// SIAP measures of the node's picture; null if it holds none.
    pub siap: Option<crate::siap::SiapSummary>,
}

/// Per-threat detection timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThreatSummary {
    /// Threat name.
    pub name: String,
    /// Threat class.
    pub class: &'static str,
    /// Launch area label.
    pub launch_area: String,
    /// Launch time, seconds.
    pub launch_t_s: f64,
    /// First detection, if any.
    pub first_detection: Option<FirstDetection>,
    /// Nations whose sensors detected it at least once.
    pub detected_by: Vec<String>,
    /// Detection-to-intercept timeline.
    pub timeline: crate::timeline::ThreatTimeline,
    /// Where its kill chain ended: `killed`, or the first link that failed
    /// ([`crate::ChainCause`]; the evidence each rests on is in `crate::attribution`).
    pub cause: crate::ChainCause,
    /// The reason behind `cause`: for `denied` the ROE reason code of the latest denial on
    /// it, for `late` the reason its latest order was called off (`pending_at_end`: the run
    /// ended with an order waiting), for `out_of_reach` how far the fire units got
    /// (`below_min_pk`, `no_window`, `no_fire_unit_track`); otherwise null.
    pub cause_reason: Option<&'static str>,
    /// Seconds from launch until a fire unit's own radar first contributed to a confirmed
    /// track of it at its node (null: never) — what launch-on-remote waits for.
    pub own_track_since_launch_s: Option<f64>,
}

/// Entity counts from the input and world.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityCounts {
    /// Nations.
    pub nations: u64,
    /// Defended assets.
    pub assets: u64,
    /// Platforms.
    pub platforms: u64,
    /// Sensors.
    pub sensors: u64,
    /// Fire units.
    pub fire_units: u64,
    /// Interceptors in inventory at start, all fire units.
    pub interceptors: u64,
    /// Threats (after salvo expansion).
    pub threats: u64,
    /// Air traffic flights.
    pub traffic: u64,
    /// C2 nodes.
    pub nodes: u64,
    /// Network links.
    pub links: u64,
    /// Truth objects simulated (platforms + threats + traffic).
    pub truth_objects: u64,
}

/// Measures of effectiveness. Later capabilities (sensors, tracking, engagement) add fields;
/// until interceptors fly, every threat that reaches the ground is a leaker.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Moe {
    /// Threats launched within the run.
    pub threats_launched: u64,
    /// Threats that reached the ground unintercepted within the run.
    pub leakers: u64,
    /// Leakers whose impact lies inside a defended asset's radius.
    pub leakers_on_assets: u64,
    /// Defended-asset value hit by at least one leaker, as a fraction of all asset value.
    pub asset_value_hit_fraction: f64,
    /// Threats detected at least once by any sensor.
    pub threats_detected: u64,
    /// Mean seconds from launch to first detection, over detected threats.
    pub mean_first_detection_s: Option<f64>,
    /// Threats in the scenario (after salvo expansion).
    pub threats: u64,
    /// Hostile objects destroyed by interceptors.
    pub intercepts: u64,
    /// Interceptors launched.
    pub interceptors_fired: u64,
    /// Interceptors launched per hostile kill (null without kills).
    pub shots_per_kill: Option<f64>,
    /// Total defended-asset value.
    pub defended_value_total: f64,
    /// Expected surviving defended-asset value: each asset keeps its value times
    /// `(1 − LEAKER_LETHALITY)` per leaker impacting inside its radius (PRIMER §8.1's
    /// `Σ w_k Π (1 − π_j)` with a notional π).
    pub defended_value_surviving: f64,
    /// Denied engagement decisions by ROE reason.
    pub engagements_denied: BTreeMap<String, u64>,
    /// Launches ordered on remote data (no own fire-control sensor in the track).
    pub engagements_on_remote: u64,
    /// Launches in self-defence.
    pub self_defence_launches: u64,
    /// Engagements whose target was truly friendly or neutral (must be zero).
    pub fratricides: u64,
    /// Engagements called off (any reason).
    pub engagements_aborted: u64,
    /// Engagements called off, by reason (`friend_or_neutral`, `target_assessed_killed`,
    /// `intercept_after_impact`, `left_envelope_<limit>`).
    pub engagements_aborted_by_reason: std::collections::BTreeMap<String, u64>,
    /// Intercepts whose seeker acquired another object than the one the guiding track followed.
    pub wrong_object_intercepts: u64,
    /// In-flight updates accepted.
    pub reaims: u64,
    /// In-flight updates refused (divert budget or reach: the round kept its aim).
    pub reaims_refused: u64,
    /// Kill assessments that reported the wrong outcome.
    pub kill_assessment_errors: u64,
    /// Mean time from order to launch (approval chain, reaction, waiting for the planned
    /// launch instant), s.
    pub mean_order_to_launch_s: Option<f64>,
    /// Per threat class launched within the run (`srbm`, `mrbm`, `irbm`, `cruise`): threats
    /// destroyed by interceptors / threats launched.
    pub intercept_probability: BTreeMap<String, f64>,
    /// Per threat class: mean seconds from launch until a fire unit's own radar first
    /// contributed to a confirmed track of the threat at its node, over the threats one did
    /// (what launch-on-remote waits for; radar cueing shortens it).
    pub own_track_since_launch_s: BTreeMap<String, f64>,
    /// Mean intervals between consecutive kill-chain stages of the per-threat timelines.
    pub stage_intervals: crate::timeline::StageIntervals,
    /// Every threat of the scenario by where its kill chain ended (`killed`, or the first
    /// link that failed), in chain order, zeros included: the causes partition the threats.
    pub leaker_causes: crate::ChainCauses,
    /// The threats counted `denied` in `leaker_causes`, by the ROE reason of the latest
    /// denial on each.
    pub leaker_denial_reasons: BTreeMap<String, u64>,
    /// The threats counted `late` in `leaker_causes`, by the reason the latest of their orders
    /// was called off (`engagement_aborted` reasons, or `pending_at_end`).
    pub leaker_late_reasons: BTreeMap<String, u64>,
    /// The threats counted `out_of_reach` in `leaker_causes`, by how far the fire units got
    /// (`below_min_pk`, `no_window`, `no_fire_unit_track`).
    pub leaker_out_of_reach_reasons: BTreeMap<String, u64>,
}

/// `summary.json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Schema version of this document.
    pub schema_version: u32,
    /// Scenario name.
    pub scenario: String,
    /// Master seed used.
    pub seed: u64,
    /// Engine version.
    pub version: &'static str,
    /// UTC time of simulation time 0.
    pub start_utc: String,
    /// Simulated seconds.
    pub sim_seconds: f64,
    /// Counts.
    pub counts: SummaryCounts,
    /// Measures of effectiveness.
    pub moe: Moe,
    /// Every threat impact, in time order.
    pub impacts: Vec<ImpactRecord>,
    /// Per-sensor activity, in scenario order.
    pub sensors: Vec<SensorSummary>,
    /// Per-threat detection timeline, in scenario order.
    pub threats: Vec<ThreatSummary>,
    /// Per C2 node, in scenario order.
    pub nodes: Vec<NodeSummary>,
    /// The alliance network: links, rejections, picture commonality.
    pub network: crate::net::NetworkSummary,
    /// Single-integrated-air-picture measures: means over the node pictures, and commonality.
    pub siap: crate::siap::SiapNetwork,
    /// Planned-Pk calibration per (interceptor type, class of the engaged object).
    pub calibration: Vec<crate::calibration::CalibrationRow>,
}

/// `series.json`: the time series of a run, kept out of `summary.json` (a summary stays a few
/// tens of kB; the series are hundreds). Same identity fields as the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series<'a> {
    /// Schema version (shared with `summary.json`).
    pub schema_version: u32,
    /// Scenario name.
    pub scenario: &'a str,
    /// Master seed used.
    pub seed: u64,
    /// Engine version.
    pub version: &'static str,
    /// GOSPA over time: `[t_s, GOSPA m]` at every truth sample.
    pub gospa: GospaSeries<'a>,
}

/// The GOSPA series of `series.json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GospaSeries<'a> {
    /// The network picture: the mean over the picture-holding nodes.
    pub network: &'a [(f64, f64)],
    /// Per node that holds a picture, in scenario order.
    pub nodes: Vec<NodeSeries<'a>>,
}

/// One node's series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeSeries<'a> {
    /// Node name.
    pub node: &'a str,
    /// `[t_s, GOSPA m]` of the node's picture.
    pub gospa: &'a [(f64, f64)],
}

impl Summary {
    /// The run's time series, for `series.json`.
    pub fn series(&self) -> Series<'_> {
        Series {
            schema_version: self.schema_version,
            scenario: &self.scenario,
            seed: self.seed,
            version: self.version,
            gospa: GospaSeries {
                network: &self.network.gospa_series,
                nodes: self
                    .nodes
                    .iter()
                    .filter(|n| !n.gospa_series.is_empty())
                    .map(|n| NodeSeries {
                        node: &n.node,
                        gospa: &n.gospa_series,
                    })
                    .collect(),
            },
        }
    }
}

/// `counts` in `summary.json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SummaryCounts {
    /// Entities by kind.
    pub entities: EntityCounts,
    /// Events by kind.
    pub events: BTreeMap<&'static str, u64>,
    /// Rows in `truth.csv`.
    pub truth_rows: u64,
    /// Rows in `detections.csv` (real + false).
    pub detections: u64,
    /// False alarms among them.
    pub false_alarms: u64,
    /// Rows in `tracks.csv`.
    pub track_rows: u64,
}

impl Summary {
    pub(crate) fn new(
        input: &Input,
        seed: u64,
        end: SimTime,
        world: &World,
        tallies: Tallies,
    ) -> Self {
        let Tallies {
            events,
            truth_rows,
            impacts,
            sensors,
            first_detection,
            detected_by,
            nodes,
            network,
            engagement,
            track_rows,
            own_track,
            timelines,
            first_held,
            siap,
        } = tallies;
        let threats: Vec<ThreatSummary> = world
            .objects
            .iter()
            .filter_map(|o| match o.origin {
                Origin::Threat(i) => Some((o, &input.threats[i])),
                _ => None,
            })
            .map(|(o, t)| {
                let evidence = timelines.evidence(o.id);
                let cause = evidence.cause(
                    first_detection.contains_key(&o.id),
                    first_held.contains_key(&o.id),
                );
                (o, t, cause, evidence.reason(cause))
            })
            .map(|(o, t, cause, reason)| ThreatSummary {
                name: o.name.clone(),
                class: t.class.as_str(),
                launch_area: t.launch_area.clone(),
                launch_t_s: o.trajectory.start().as_secs_f64(),
                first_detection: first_detection.get(&o.id).cloned(),
                detected_by: detected_by
                    .get(&o.id)
                    .map(|s| s.iter().map(ToString::to_string).collect())
                    .unwrap_or_default(),
                timeline: timelines.of(
                    o.id,
                    first_detection.get(&o.id).map(|f| f.t_s),
                    first_held.get(&o.id).copied(),
                ),
                cause,
                cause_reason: reason,
                own_track_since_launch_s: own_track
                    .get(&o.id)
                    .map(|t| (*t - o.trajectory.start()).as_secs_f64()),
            })
            .collect();
        let leaker_causes = crate::ChainCauses::of(threats.iter().map(|t| t.cause));
        let reasons = |cause: crate::ChainCause| {
            let mut by: BTreeMap<String, u64> = BTreeMap::new();
            for t in threats.iter().filter(|t| t.cause == cause) {
                let r = t
                    .cause_reason
                    .expect("denied, late and out-of-reach threats carry a reason");
                *by.entry(r.to_owned()).or_default() += 1;
            }
            by
        };
        let leaker_denial_reasons = reasons(crate::ChainCause::Denied);
        let leaker_late_reasons = reasons(crate::ChainCause::Late);
        let leaker_out_of_reach_reasons = reasons(crate::ChainCause::OutOfReach);
        let mut by_class: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        for t in threats.iter().filter(|t| t.launch_t_s <= end.as_secs_f64()) {
            let e = by_class.entry(t.class.to_owned()).or_default();
            e.0 += 1;
            e.1 += u64::from(t.timeline.intercept_t_s.is_some());
        }
        let intercept_probability = by_class
            .into_iter()
            .map(|(c, (launched, killed))| (c, killed as f64 / launched as f64))
            .collect();
        let mut own: BTreeMap<String, (f64, u64)> = BTreeMap::new();
        for t in &threats {
            if let Some(s) = t.own_track_since_launch_s {
                let e = own.entry(t.class.to_owned()).or_default();
                e.0 += s;
                e.1 += 1;
            }
        }
        let own_track_since_launch_s = own
            .into_iter()
            .map(|(c, (sum, n))| (c, sum / n as f64))
            .collect();
        let stage_intervals = crate::timeline::StageIntervals::of(
            threats
                .iter()
                .filter(|t| t.launch_t_s <= end.as_secs_f64())
                .map(|t| (t.launch_t_s, &t.timeline)),
        );
        let calibration = timelines.calibration();
        let delays: Vec<f64> = first_detection.values().map(|f| f.since_launch_s).collect();
        let n = |x: usize| x as u64;
        let total_value: f64 = input.assets.iter().map(|a| a.value).sum();
        let hit: std::collections::BTreeSet<&str> =
            impacts.iter().filter_map(|i| i.asset.as_deref()).collect();
        let hit_value: f64 = input
            .assets
            .iter()
            .filter(|a| hit.contains(a.name.as_str()))
            .map(|a| a.value)
            .sum();
        Summary {
            schema_version: SCHEMA_VERSION,
            scenario: input.name.clone(),
            seed,
            version: ENGINE_VERSION,
            start_utc: input.start_utc.clone(),
            sim_seconds: end.as_secs_f64(),
            moe: Moe {
                threats_launched: events.get("launch").copied().unwrap_or(0),
                leakers: n(impacts.len()),
                leakers_on_assets: n(impacts.iter().filter(|i| i.asset.is_some()).count()),
                asset_value_hit_fraction: if total_value > 0.0 {
                    hit_value / total_value
                } else {
                    0.0
                },
                threats_detected: n(first_detection.len()),
                mean_first_detection_s: (!delays.is_empty())
                    .then(|| delays.iter().sum::<f64>() / delays.len() as f64),
                threats: n(threats.len()),
                intercepts: engagement.kills,
                interceptors_fired: engagement.fired,
                shots_per_kill: (engagement.kills > 0)
                    .then(|| engagement.fired as f64 / engagement.kills as f64),
                defended_value_total: total_value,
                defended_value_surviving: input
                    .assets
                    .iter()
                    .map(|a| {
                        let n = impacts
                            .iter()
                            .filter(|i| i.asset.as_deref() == Some(a.name.as_str()))
                            .count();
                        a.value * (1.0 - LEAKER_LETHALITY).powi(n as i32)
                    })
                    .sum(),
                engagements_denied: engagement.denied.clone(),
                engagements_on_remote: engagement.on_remote,
                self_defence_launches: engagement.self_defence,
                fratricides: engagement.fratricides,
                engagements_aborted: engagement.aborted,
                engagements_aborted_by_reason: engagement.aborted_by_reason.clone(),
                wrong_object_intercepts: engagement.wrong_object,
                reaims: engagement.reaims,
                reaims_refused: engagement.reaims_refused,
                kill_assessment_errors: engagement.assessment_errors,
                mean_order_to_launch_s: (engagement.fired > 0)
                    .then(|| engagement.order_to_launch_sum_s / engagement.fired as f64),
                intercept_probability,
                own_track_since_launch_s,
                stage_intervals,
                leaker_causes,
                leaker_denial_reasons,
                leaker_late_reasons,
                leaker_out_of_reach_reasons,
            },
            counts: SummaryCounts {
                entities: EntityCounts {
                    nations: n(input.nations.len()),
                    assets: n(input.assets.len()),
                    platforms: n(input.platforms.len()),
                    sensors: n(input.sensors.len()),
                    fire_units: n(input.fire_units.len()),
                    interceptors: input
                        .fire_units
                        .iter()
                        .map(|f| u64::from(f.inventory))
                        .sum(),
                    threats: n(input.threats.len()),
                    traffic: n(input.traffic.len()),
                    nodes: n(input.nodes.len()),
                    links: n(input.links.len()),
                    truth_objects: n(world.objects.len()),
                },
                events,
                truth_rows,
                detections: sensors.iter().map(|s| s.detections + s.false_alarms).sum(),
                false_alarms: sensors.iter().map(|s| s.false_alarms).sum(),
                track_rows,
            },
            impacts,
            sensors,
            threats,
            nodes,
            network,
            siap,
            calibration,
        }
    }
}
