//! What the scenario declares that the checks hold the run to: interceptor envelopes and speed
//! profiles, which platform and node each fire unit belongs to, fixed sites, and doctrine.
//!
//! The scenario text is parsed and validated by the `scenario` crate (the same rules a run
//! starts from); the audit reads only the declared numbers out of the result.

use geodesy::Wgs84;
use std::collections::BTreeMap;

/// An interceptor type's declared envelope and speed profile.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Envelope {
    pub(crate) name: String,
    pub(crate) speed_mps: f64,
    pub(crate) boost_s: f64,
    pub(crate) min_range_m: f64,
    pub(crate) max_range_m: f64,
    pub(crate) min_alt_m: f64,
    pub(crate) max_alt_m: f64,
}

impl Envelope {
    /// Largest distance the declared speed profile covers in `t_s` seconds: linear
    /// acceleration from rest to `speed_mps` over `boost_s`, then constant speed (the profile
    /// the scenario format documents for `[[interceptor]]`).
    pub(crate) fn profile_distance_m(&self, t_s: f64) -> f64 {
        if t_s <= 0.0 {
            0.0
        } else if t_s < self.boost_s {
            0.5 * self.speed_mps * t_s * t_s / self.boost_s
        } else {
            0.5 * self.speed_mps * self.boost_s + self.speed_mps * (t_s - self.boost_s)
        }
    }
}

/// One fire unit as declared.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FireUnit {
    /// Carrier platform name (also its `truth.csv` object name when it moves).
    pub(crate) platform: String,
    /// Its C2 node (whose picture the unit engages from).
    pub(crate) node: String,
    pub(crate) envelope: Envelope,
}

/// The scenario facts the checks need.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Facts {
    pub(crate) fire_units: BTreeMap<String, FireUnit>,
    /// Platforms that never move, ECEF metres.
    pub(crate) fixed_sites: BTreeMap<String, [f64; 3]>,
    /// `[c2] salvo`: interceptors one order may put on one threat at once.
    pub(crate) salvo: u32,
}

impl Facts {
    pub(crate) fn from_input(input: &sim::Input) -> Facts {
        let envelopes: Vec<Envelope> = input
            .interceptors
            .iter()
            .map(|i| Envelope {
                name: i.name.clone(),
                speed_mps: i.speed_mps,
                boost_s: i.boost_s,
                min_range_m: i.min_range_m,
                max_range_m: i.max_range_m,
                min_alt_m: i.min_alt_m,
                max_alt_m: i.max_alt_m,
            })
            .collect();
        let fire_units = input
            .fire_units
            .iter()
            .map(|f| {
                (
                    f.name.clone(),
                    FireUnit {
                        platform: input.platforms[f.platform.index()].name.clone(),
                        node: input.nodes[f.node.index()].name.clone(),
                        envelope: envelopes[f.interceptor.index()].clone(),
                    },
                )
            })
            .collect();
        let fixed_sites = input
            .platforms
            .iter()
            .filter_map(|p| match p.motion {
                sim::PlatformMotion::Fixed(at) => Some((p.name.clone(), ecef(&at))),
                _ => None,
            })
            .collect();
        Facts {
            fire_units,
            fixed_sites,
            salvo: input.c2.salvo,
        }
    }
}

/// ECEF metres of a geodetic point.
pub(crate) fn ecef(p: &Wgs84) -> [f64; 3] {
    let v = p.to_ecef().xyz_m();
    [v.x, v.y, v.z]
}
