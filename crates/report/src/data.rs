//! What a single-run report reads: borrowed views of a run's records, and the joins the map,
//! timeline and exports share (per-object trajectories, the picture shown, intercepts).

use std::collections::BTreeMap;

/// Everything a single-run report shows (borrowed from the run's records).
#[derive(Clone, Copy, Debug)]
pub struct RunData<'a> {
    /// The validated scenario.
    pub input: &'a sim::Input,
    /// The run's summary.
    pub summary: &'a sim::Summary,
    /// Every event, in processing order.
    pub events: &'a [sim::LogEvent],
    /// Truth samples.
    pub truth: &'a [sim::TruthRow],
    /// Track samples of every node.
    pub tracks: &'a [sim::TrackRow],
}

/// A node's GOSPA-over-time series `(t_s, GOSPA m)` (empty when it holds no picture).
pub(crate) fn gospa_series(node: &sim::NodeSummary) -> &[(f64, f64)] {
    &node.gospa_series
}

/// One truth object's samples, in time order.
pub(crate) struct Trajectory<'a> {
    pub(crate) name: &'a str,
    pub(crate) side: &'static str,
    pub(crate) rows: Vec<&'a sim::TruthRow>,
}

impl<'a> RunData<'a> {
    /// Truth trajectories by object id.
    pub(crate) fn trajectories(&self) -> Vec<Trajectory<'a>> {
        let mut by: BTreeMap<u32, Trajectory<'a>> = BTreeMap::new();
        for r in self.truth {
            by.entry(r.object_id)
                .or_insert_with(|| Trajectory {
                    name: &r.object,
                    side: r.side,
                    rows: Vec::new(),
                })
                .rows
                .push(r);
        }
        by.into_values().collect()
    }

    /// The node whose picture the map and CZML show: the first `combined` node holding a
    /// picture, else the first node with picture rows.
    pub(crate) fn picture_node(&self) -> Option<&'a str> {
        let nodes = &self.summary.nodes;
        nodes
            .iter()
            .find(|n| n.role == "combined" && n.picture.is_some())
            .or_else(|| nodes.iter().find(|n| n.picture.is_some()))
            .map(|n| n.node.as_str())
            .or_else(|| {
                self.tracks
                    .iter()
                    .find(|t| t.layer == "picture")
                    .map(|t| t.node.as_str())
            })
    }

    /// That node's picture tracks by track number, each in time order.
    pub(crate) fn picture_tracks(&self) -> BTreeMap<u32, Vec<&'a sim::TrackRow>> {
        let mut by: BTreeMap<u32, Vec<&'a sim::TrackRow>> = BTreeMap::new();
        if let Some(node) = self.picture_node() {
            for t in self
                .tracks
                .iter()
                .filter(|t| t.layer == "picture" && t.node == node)
            {
                by.entry(t.track).or_default().push(t);
            }
        }
        by
    }

    /// Intercepts: (t_s, lat, lon, alt, killed, label).
    pub(crate) fn intercepts(&self) -> Vec<Point<'a>> {
        self.events
            .iter()
            .filter_map(|e| match &e.kind {
                sim::EventKind::Intercept {
                    lat_deg,
                    lon_deg,
                    alt_m,
                    killed,
                    object,
                    fire_unit,
                    ..
                } => Some(Point {
                    t_s: e.t_s,
                    lat_deg: *lat_deg,
                    lon_deg: *lon_deg,
                    alt_m: *alt_m,
                    killed: *killed,
                    label: fire_unit,
                    object: object.as_deref(),
                }),
                _ => None,
            })
            .collect()
    }

    /// Leaker impacts.
    pub(crate) fn impacts(&self) -> Vec<Point<'a>> {
        self.events
            .iter()
            .filter_map(|e| match &e.kind {
                sim::EventKind::Impact {
                    object,
                    lat_deg,
                    lon_deg,
                    ..
                } => Some(Point {
                    t_s: e.t_s,
                    lat_deg: *lat_deg,
                    lon_deg: *lon_deg,
                    alt_m: 0.0,
                    killed: false,
                    label: &object.object,
                    object: Some(&object.object),
                }),
                _ => None,
            })
            .collect()
    }

    /// Radar sites: (name, lat, lon, max range m, boresight az°, half width°).
    pub(crate) fn radars(&self) -> Vec<Radar<'a>> {
        self.input
            .sensors
            .iter()
            .filter_map(|s| {
                let sensors::SensorParams::Radar(r) = &s.params else {
                    return None;
                };
                let pos = match &self.input.platforms.get(s.platform.index())?.motion {
                    sim::PlatformMotion::Fixed(w) => *w,
                    sim::PlatformMotion::Ship(route)
                    | sim::PlatformMotion::AirborneRoute(route) => route.points.first()?.position,
                    sim::PlatformMotion::AirborneOrbit(o) => o.centre,
                    sim::PlatformMotion::Geostationary { .. } => return None,
                };
                Some(Radar {
                    name: &s.name,
                    lat_deg: pos.lat_deg(),
                    lon_deg: pos.lon_deg(),
                    range_m: r.max_range_m,
                    boresight_deg: r.field.boresight_az_deg,
                    half_width_deg: r.field.az_half_width_deg,
                })
            })
            .collect()
    }
}

/// A point event on the map.
pub(crate) struct Point<'a> {
    pub(crate) t_s: f64,
    pub(crate) lat_deg: f64,
    pub(crate) lon_deg: f64,
    pub(crate) alt_m: f64,
    pub(crate) killed: bool,
    pub(crate) label: &'a str,
    pub(crate) object: Option<&'a str>,
}

/// A radar's coverage (at its initial position for moving platforms).
pub(crate) struct Radar<'a> {
    pub(crate) name: &'a str,
    pub(crate) lat_deg: f64,
    pub(crate) lon_deg: f64,
    pub(crate) range_m: f64,
    pub(crate) boresight_deg: f64,
    pub(crate) half_width_deg: f64,
}
