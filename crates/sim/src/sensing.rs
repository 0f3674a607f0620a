//! Sensors inside the engine: model instances, their random streams, scan scheduling state,
//! and the conversion of detections into records.
//!
//! Each sensor's streams are keyed by a hash of its *name*, not its position in the scenario,
//! so adding, removing or reordering other sensors never changes its detections.

use crate::input::Input;
use crate::log::DetectionRow;
use crate::summary::{OccupancySummary, SensorSummary};
use crate::world::World;
use base::rng::{MAX_ENTITY, StreamKind, stream};
use base::{NationId, ObjectId, SensorId, SimDuration, SimTime, SiteId};
use geodesy::{Site, Vec3};
use picture::{IffMode, IffResponse, Measurement};
use sensors::{Labeled, Radar, Scheduler, SensorParams, SensorRngs, SpaceIr, Target, TruthLabel};

/// A sensor model instance.
#[derive(Debug)]
pub(crate) enum Model {
    /// A radar (boxed: its precomputed tables dwarf the IR model).
    Radar(Box<Radar>),
    /// A space-based IR sensor.
    SpaceIr(SpaceIr),
}

/// One sensor's running state.
#[derive(Debug)]
pub(crate) struct SensorRuntime {
    pub(crate) name: String,
    pub(crate) nation: NationId,
    pub(crate) platform: ObjectId,
    pub(crate) model: Model,
    pub(crate) rngs: SensorRngs,
    pub(crate) seq: u64,
    /// First scan time: a deterministic, name-derived fraction of the period, so sensors do
    /// not all scan in lockstep.
    pub(crate) first_scan: SimTime,
    pub(crate) scans: u64,
    pub(crate) real: u64,
    pub(crate) false_alarms: u64,
    /// Index of the C2 node it reports to.
    pub(crate) node: usize,
    /// Radar measurements delivered, by the batch that measured them (a scan, or an
    /// interval's dedicated dwells); a batch goes to the node when its last plot can have
    /// arrived (`Ev::Flush`).
    pub(crate) pending: std::collections::BTreeMap<Batch, Vec<tracking::filter::Measurement>>,
    /// Tests: the objects behind each batch's delivered plots (`Batch` invariant).
    #[cfg(test)]
    pub(crate) batch_objects: std::collections::BTreeMap<Batch, Vec<ObjectId>>,
    /// A phased array's time budget (`None`: rotators, and arrays that only search).
    pub(crate) scheduler: Option<Scheduler>,
    /// Cued search sectors from space-IR launch reports, oldest first.
    pub(crate) sectors: Vec<IrSector>,
    /// Sectors ever opened (their keys).
    pub(crate) n_sectors: u64,
    /// On a fire unit's platform, reporting to its node: an own fire-control radar.
    pub(crate) fire_control: bool,
}

/// One batch of a radar's plots: a search frame, or one look of a planning interval — its
/// dedicated dwells (whose beams never overlap), or one cued sector's sweep. The tracker
/// counts misses only for a search frame (`Tracker::process_dwells`), and assigns at most one
/// plot of a batch to a track, so a batch must look at each object at most once: a sector
/// swept in the same batch as a dwell on one of its objects gave the tracker two plots of that
/// object, and the spare one started a second track (measured on the default scenario: IR-cued
/// sectors over a four-missile salvo started dozens of such tracks a minute).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Batch {
    /// When the frame or interval started.
    pub(crate) start: SimTime,
    /// Dedicated dwells (and cued sectors) rather than a search frame.
    pub(crate) dwells: bool,
    /// Which look of the interval: 0 for a frame or the dwells, 1 + k for the k-th sector.
    pub(crate) look: u32,
}

/// A search sector cued by a space-IR launch report: the azimuth of the reported launch point
/// from the radar, swept at the ballistic revisit until `until`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct IrSector {
    pub(crate) key: u64,
    pub(crate) center_az_rad: f64,
    pub(crate) until: SimTime,
}

/// Half-width of an IR-cued search sector, degrees (notional: a launch seen from a radar
/// hundreds of kilometres off is within a few degrees of where the missile rises into view;
/// the rest covers its heading, which one report does not give).
pub(crate) const IR_SECTOR_HALF_WIDTH_DEG: f64 = 10.0;

/// Height of an IR-cued sector above the field of regard's lowest elevation, degrees: a fence
/// low over the horizon, where a missile launched beyond it first rises into view (one
/// launched inside it is in the search frame's view from the start).
pub(crate) const IR_SECTOR_HEIGHT_DEG: f64 = 10.0;

/// Why a sensor could not be instantiated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("sensor {name:?}: {source}")]
pub struct SensorBuildError {
    /// Sensor name.
    pub name: String,
    /// What the model rejected.
    pub source: sensors::SensorError,
}

/// FNV-1a (64-bit) of a name, folded into the stream-entity range. Stable across platforms
/// and Rust versions, unlike `std`'s hasher.
pub(crate) fn name_entity(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h & MAX_ENTITY
}

impl SensorRuntime {
    pub(crate) fn build(
        input: &Input,
        world: &World,
        seed: u64,
    ) -> Result<Vec<SensorRuntime>, SensorBuildError> {
        input
            .sensors
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let id = SensorId::new(i);
                let err = |source| SensorBuildError {
                    name: s.name.clone(),
                    source,
                };
                let model = match s.params {
                    SensorParams::Radar(p) => {
                        Model::Radar(Box::new(Radar::new(id, s.nation, p).map_err(err)?))
                    }
                    SensorParams::SpaceIr(p) => {
                        Model::SpaceIr(SpaceIr::new(id, s.nation, p).map_err(err)?)
                    }
                };
                let entity = name_entity(&s.name);
                let period = match &model {
                    Model::Radar(r) => r.period(),
                    Model::SpaceIr(r) => r.period(),
                };
                // Phase in [0, period): the top bits of the name hash as a fraction.
                let fraction = (entity >> 16) as f64 / (1u64 << 32) as f64;
                let first_scan =
                    SimTime::from_nanos((period.as_nanos() as f64 * fraction.fract()) as i64);
                Ok(SensorRuntime {
                    name: s.name.clone(),
                    nation: s.nation,
                    platform: world.platform_objects[s.platform.index()],
                    model,
                    rngs: SensorRngs {
                        noise: stream(seed, StreamKind::SensorNoise, entity),
                        clutter: stream(seed, StreamKind::Clutter, entity),
                    },
                    seq: 0,
                    first_scan,
                    scans: 0,
                    real: 0,
                    false_alarms: 0,
                    node: s.node.index(),
                    pending: std::collections::BTreeMap::new(),
                    #[cfg(test)]
                    batch_objects: std::collections::BTreeMap::new(),
                    scheduler: match s.params {
                        SensorParams::Radar(p) => Scheduler::new(&p),
                        SensorParams::SpaceIr(_) => None,
                    },
                    sectors: Vec::new(),
                    n_sectors: 0,
                    fire_control: input
                        .fire_units
                        .iter()
                        .any(|u| u.platform == s.platform && u.node == s.node),
                })
            })
            .collect()
    }

    pub(crate) fn period(&self) -> SimDuration {
        match &self.model {
            Model::Radar(r) => r.period(),
            Model::SpaceIr(r) => r.period(),
        }
    }

    /// Delay from measurement to delivery at the sensor's node.
    pub(crate) fn latency(&self) -> SimDuration {
        match &self.model {
            Model::Radar(r) => r.latency(),
            Model::SpaceIr(r) => r.latency(),
        }
    }

    pub(crate) fn kind(&self) -> &'static str {
        match &self.model {
            Model::Radar(_) => "radar",
            Model::SpaceIr(_) => "space_ir",
        }
    }

    /// Runs one scan (or revisit) starting at `t` against every air target of the world;
    /// returns its detections and its length (a phased array's frame stretches under load).
    pub(crate) fn scan(&mut self, t: SimTime, world: &World) -> (Vec<Labeled>, SimDuration) {
        self.scans += 1;
        let frame = match self.scheduler.as_mut() {
            Some(s) => s.next_frame(),
            None => self.period(),
        };
        let targets = self.targets(t, t + frame, world);
        let platform = &world.objects[self.platform.index()].trajectory;
        let detections = match &self.model {
            Model::Radar(r) => {
                r.scan_frame(t, frame, platform, &targets, &mut self.rngs, &mut self.seq)
            }
            Model::SpaceIr(r) => r.revisit(t, platform, &targets, &mut self.rngs, &mut self.seq),
        };
        (detections, frame)
    }

    /// Every object with a signature that exists at some time in `[t, window_end]`, other
    /// than the sensor's own platform.
    pub(crate) fn targets<'w>(
        &self,
        t: SimTime,
        window_end: SimTime,
        world: &'w World,
    ) -> Vec<Target<'w>> {
        world
            .objects
            .iter()
            .filter(|o| o.id != self.platform)
            .filter_map(|o| {
                let tr = &o.trajectory;
                let alive = tr.start() <= window_end && (tr.holds_after_end() || tr.end() >= t);
                let signature = o.signature.filter(|_| alive)?;
                Some(Target {
                    object: o.id,
                    trajectory: tr,
                    signature,
                    transponder: o.transponder,
                    boost_end: o.boost_end,
                })
            })
            .collect()
    }

    /// The summary entry of this sensor.
    pub(crate) fn summary(&self) -> SensorSummary {
        SensorSummary {
            name: self.name.clone(),
            nation: self.nation.to_string(),
            kind: self.kind(),
            scans: self.scans,
            detections: self.real,
            false_alarms: self.false_alarms,
            occupancy: self
                .scheduler
                .as_ref()
                .map(|s| OccupancySummary::of(&s.occupancy(), s.nominal_frame().as_secs_f64())),
        }
    }

    /// The `detections.csv` row of a delivered detection.
    pub(crate) fn row(&self, labeled: &Labeled, delivered: SimTime, world: &World) -> DetectionRow {
        let d = &labeled.detection;
        let (truth, object) = match labeled.truth {
            TruthLabel::Target(id) => ("real", world.objects[id.index()].name.clone()),
            TruthLabel::FalseAlarm => ("false", String::new()),
        };
        let mut row = DetectionRow {
            t_s: d.time_measured.as_secs_f64(),
            t_delivered_s: delivered.as_secs_f64(),
            detection: format!("{}:{}", self.name, d.id.seq()),
            sensor: self.name.clone(),
            nation: self.nation.to_string(),
            sensor_kind: self.kind(),
            truth,
            object,
            range_m: None,
            az_deg: None,
            el_deg: None,
            range_rate_mps: None,
            sigma_range_m: None,
            sigma_az_deg: None,
            sigma_el_deg: None,
            los_x: None,
            los_y: None,
            los_z: None,
            snr_db: d.snr_db,
            iff: match d.iff {
                IffResponse::NotInterrogated => "not_interrogated",
                IffResponse::NoReply => "no_reply",
                IffResponse::Reply(IffMode::Military) => "military",
                IffResponse::Reply(IffMode::Civil) => "civil",
            },
            lat_deg: None,
            lon_deg: None,
            alt_m: None,
        };
        match d.measurement {
            Measurement::Radar {
                range_m,
                az_rad,
                el_rad,
                range_rate_mps,
                sigma_range_m,
                sigma_az_rad,
                sigma_el_rad,
                ..
            } => {
                row.range_m = Some(range_m);
                row.az_deg = Some(az_rad.to_degrees());
                row.el_deg = Some(el_rad.to_degrees());
                row.range_rate_mps = range_rate_mps;
                row.sigma_range_m = Some(sigma_range_m);
                row.sigma_az_deg = Some(sigma_az_rad.to_degrees());
                row.sigma_el_deg = Some(sigma_el_rad.to_degrees());
                // The measured point, through the sensor's ENU frame at measurement time.
                let site = Site::new(SiteId::new(0), d.sensor_position.to_wgs84());
                let (se, ce) = el_rad.sin_cos();
                let (sa, ca) = az_rad.sin_cos();
                let enu = site.enu(range_m * ce * sa, range_m * ce * ca, range_m * se);
                let at = site.enu_to_ecef().apply(enu).to_wgs84();
                row.lat_deg = Some(at.lat_deg());
                row.lon_deg = Some(at.lon_deg());
                row.alt_m = Some(at.alt_m());
            }
            Measurement::LineOfSight { direction_ecef, .. } => {
                let v = Vec3::from(direction_ecef);
                row.los_x = Some(v.x);
                row.los_y = Some(v.y);
                row.los_z = Some(v.z);
            }
            Measurement::LaunchEvent { position, .. } => {
                let at = position.to_wgs84();
                row.lat_deg = Some(at.lat_deg());
                row.lon_deg = Some(at.lon_deg());
                row.alt_m = Some(at.alt_m());
            }
        }
        row
    }
}
