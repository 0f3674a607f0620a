//! The world: every truth object with its precomputed trajectory, built from the [`Input`].
//!
//! Random draws that shape truth (aim errors, launch and departure jitter) happen here, once,
//! from named streams, so the same seed always builds the same world and architecture
//! variants on one seed share it (common random numbers).

use crate::input::{Input, PlatformMotion, ThreatClass, ThreatMotion, TrafficKind};
use base::rng::{StreamKind, stream};
use base::{NationId, ObjectId, PlatformId, Probability, Side, SimDuration, SimTime, SiteId};
use dynamics::{ForceModel, Trajectory, fly_ballistic, fly_orbit, fly_route};
use geodesy::{Position, Site, Wgs84, wgs84};
use rand_distr::{Distribution, StandardNormal};
use sensors::{Signature, Transponder};

/// Probability that an airborne sensor platform's military transponder answers (platforms
/// have no per-aircraft key in the scenario format; notional, like everything else).
const PLATFORM_IFF_RELIABILITY: f64 = 0.99;

/// CEP = 1.1774 σ for a circular Gaussian (median radius of a Rayleigh distribution, √(2 ln 2)).
const CEP_PER_SIGMA: f64 = 1.177_410_022_515_474_7;
/// Geostationary orbit radius, metres (from GM and the sidereal rotation rate).
fn geostationary_radius_m() -> f64 {
    (wgs84::GM_M3_S2 / (wgs84::OMEGA_RAD_S * wgs84::OMEGA_RAD_S)).cbrt()
}

/// What a truth object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ObjectKind {
    /// A ballistic missile of a class.
    BallisticMissile(ThreatClass),
    /// A cruise missile.
    CruiseMissile,
    /// An aircraft (traffic or an airborne sensor platform).
    Aircraft(TrafficKind),
    /// A ship.
    Ship,
    /// A fixed land site.
    Site,
    /// A satellite.
    Satellite,
}

impl ObjectKind {
    /// Stable lower-case name for files.
    pub fn name(&self) -> &'static str {
        match self {
            ObjectKind::BallisticMissile(c) => match c {
                ThreatClass::Srbm => "srbm",
                ThreatClass::Mrbm => "mrbm",
                ThreatClass::Irbm => "irbm",
                ThreatClass::Cruise => "ballistic",
            },
            ObjectKind::CruiseMissile => "cruise_missile",
            ObjectKind::Aircraft(k) => k.as_str(),
            ObjectKind::Ship => "ship",
            ObjectKind::Site => "site",
            ObjectKind::Satellite => "satellite",
        }
    }
    /// True for hostile missiles.
    pub fn is_threat(&self) -> bool {
        matches!(
            self,
            ObjectKind::BallisticMissile(_) | ObjectKind::CruiseMissile
        )
    }
}

/// Where an object came from in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `input.platforms[i]`.
    Platform(PlatformId),
    /// `input.threats[i]`.
    Threat(usize),
    /// `input.traffic[i]`.
    Traffic(usize),
}

/// One simulated truth object.
#[derive(Clone, Debug)]
pub struct TruthObject {
    /// Dense id (index in [`World::objects`]).
    pub id: ObjectId,
    /// Name from the scenario.
    pub name: String,
    /// Kind.
    pub kind: ObjectKind,
    /// True side.
    pub side: Side,
    /// Nation, if any.
    pub nation: Option<NationId>,
    /// Where it came from.
    pub origin: Origin,
    /// Its motion.
    pub trajectory: Trajectory,
    /// True for objects whose state changes (written to `truth.csv`).
    pub moves: bool,
    /// For ballistic threats: the aim point after the drawn aim error.
    pub actual_aim: Option<Wgs84>,
    /// How radars see it; `None` for objects that are not air targets (sites, ships,
    /// satellites).
    pub signature: Option<Signature>,
    /// What its IFF transponder does.
    pub transponder: Transponder,
    /// Motor burn-out time of a ballistic missile (its plume is visible until then).
    pub boost_end: Option<SimTime>,
}

/// Why a world could not be built from an input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A motion specification could not be flown.
    #[error("{what} {name:?}: {source}")]
    Motion {
        /// Entity kind ("threat", "traffic", "platform").
        what: &'static str,
        /// Entity name.
        name: String,
        /// The dynamics error.
        source: dynamics::DynamicsError,
    },
    /// A sensor's parameters were rejected by its model.
    #[error(transparent)]
    Sensor(#[from] crate::sensing::SensorBuildError),
    /// The network (links, keys) could not be built.
    #[error(transparent)]
    Network(#[from] crate::net::NetBuildError),
}

/// All truth objects of a run.
#[derive(Clone, Debug)]
pub struct World {
    /// Objects, platforms first, then threats, then traffic (scenario order within each).
    pub objects: Vec<TruthObject>,
    /// The object carrying each platform, by `PlatformId` index.
    pub platform_objects: Vec<ObjectId>,
}

impl World {
    /// Builds every trajectory. Deterministic in `(input, seed)`.
    pub fn build(input: &Input, seed: u64) -> Result<World, BuildError> {
        let mut objects = Vec::new();
        let mut platform_objects = Vec::new();
        let model = ForceModel::standard();
        for (i, p) in input.platforms.iter().enumerate() {
            let id = ObjectId::new(objects.len());
            let motion_err = |source| BuildError::Motion {
                what: "platform",
                name: p.name.clone(),
                source,
            };
            let (kind, trajectory, moves) = match &p.motion {
                PlatformMotion::Fixed(at) => (
                    ObjectKind::Site,
                    Trajectory::stationary(SimTime::ZERO, at.to_ecef()),
                    false,
                ),
                PlatformMotion::Ship(route) => (
                    ObjectKind::Ship,
                    fly_route(route).map_err(motion_err)?,
                    true,
                ),
                PlatformMotion::AirborneOrbit(orbit) => (
                    ObjectKind::Aircraft(TrafficKind::Patrol),
                    fly_orbit(orbit).map_err(motion_err)?,
                    true,
                ),
                PlatformMotion::AirborneRoute(route) => (
                    ObjectKind::Aircraft(TrafficKind::Patrol),
                    fly_route(route).map_err(motion_err)?,
                    true,
                ),
                PlatformMotion::Geostationary { lon_deg } => {
                    let r = geostationary_radius_m();
                    let lon = lon_deg.to_radians();
                    let at = Position::ecef(r * lon.cos(), r * lon.sin(), 0.0);
                    (
                        ObjectKind::Satellite,
                        Trajectory::stationary(SimTime::ZERO, at),
                        false,
                    )
                }
            };
            platform_objects.push(id);
            objects.push(TruthObject {
                id,
                name: p.name.clone(),
                kind,
                side: Side::Friendly,
                nation: Some(p.nation),
                origin: Origin::Platform(PlatformId::new(i)),
                trajectory,
                moves,
                actual_aim: None,
                signature: p.signature,
                transponder: match p.signature {
                    Some(_) => Transponder::Military(
                        Probability::new(PLATFORM_IFF_RELIABILITY).expect("constant in [0, 1]"),
                    ),
                    None => Transponder::None,
                },
                boost_end: None,
            });
        }
        for (i, t) in input.threats.iter().enumerate() {
            let id = ObjectId::new(objects.len());
            let entity = id.get() as u64;
            let jitter = draw_jitter(seed, entity, t.launch_jitter_s);
            let motion_err = |source| BuildError::Motion {
                what: "threat",
                name: t.name.clone(),
                source,
            };
            let (kind, trajectory, actual_aim) = match &t.motion {
                ThreatMotion::Ballistic(spec) => {
                    let mut spec = *spec;
                    spec.launch_time = jittered(spec.launch_time, jitter);
                    spec.aim = draw_aim(seed, entity, spec.aim, t.aim_cep_m);
                    let solution = fly_ballistic(&spec, &model).map_err(motion_err)?;
                    (
                        ObjectKind::BallisticMissile(t.class),
                        solution.trajectory,
                        Some(spec.aim),
                    )
                }
                ThreatMotion::Cruise(route) => {
                    let mut route = route.clone();
                    route.start_time = jittered(route.start_time, jitter);
                    (
                        ObjectKind::CruiseMissile,
                        fly_route(&route).map_err(motion_err)?,
                        None,
                    )
                }
            };
            let boost_end = trajectory
                .milestones()
                .iter()
                .find(|(_, m)| matches!(m, dynamics::Milestone::Burnout))
                .map(|(t, _)| *t);
            objects.push(TruthObject {
                id,
                name: t.name.clone(),
                kind,
                side: Side::Hostile,
                nation: None,
                origin: Origin::Threat(i),
                trajectory,
                moves: true,
                actual_aim,
                signature: Some(t.signature),
                // Hostiles never answer an allied interrogation correctly.
                transponder: Transponder::None,
                boost_end,
            });
        }
        for (i, f) in input.traffic.iter().enumerate() {
            let id = ObjectId::new(objects.len());
            let jitter = draw_jitter(seed, id.get() as u64, f.departure_jitter_s);
            let mut route = f.route.clone();
            route.start_time = jittered(route.start_time, jitter);
            let trajectory = fly_route(&route).map_err(|source| BuildError::Motion {
                what: "traffic",
                name: f.name.clone(),
                source,
            })?;
            objects.push(TruthObject {
                id,
                name: f.name.clone(),
                kind: ObjectKind::Aircraft(f.kind),
                side: f.side,
                nation: f.nation,
                origin: Origin::Traffic(i),
                trajectory,
                moves: true,
                actual_aim: None,
                signature: Some(f.signature),
                transponder: match f.side {
                    Side::Friendly => Transponder::Military(f.iff_reliability),
                    Side::Neutral | Side::Hostile => Transponder::Civil(f.iff_reliability),
                },
                boost_end: None,
            });
        }
        Ok(World {
            objects,
            platform_objects,
        })
    }
}

fn draw_jitter(seed: u64, entity: u64, sigma_s: f64) -> SimDuration {
    if sigma_s <= 0.0 {
        return SimDuration::ZERO;
    }
    let z: f64 = StandardNormal.sample(&mut stream(seed, StreamKind::TimingJitter, entity));
    SimDuration::from_secs_f64(z * sigma_s)
}

/// Jitter never moves an event before the scenario epoch.
fn jittered(t: SimTime, jitter: SimDuration) -> SimTime {
    let shifted = t.as_nanos().saturating_add(jitter.as_nanos());
    SimTime::from_nanos(shifted.max(0))
}

/// Displaces the aim point by a circular Gaussian with the given CEP, in the aim point's
/// local horizontal plane.
pub(crate) fn draw_aim(seed: u64, entity: u64, aim: Wgs84, cep_m: f64) -> Wgs84 {
    if cep_m <= 0.0 {
        return aim;
    }
    let sigma = cep_m / CEP_PER_SIGMA;
    let mut rng = stream(seed, StreamKind::AimError, entity);
    let east: f64 = StandardNormal.sample(&mut rng);
    let north: f64 = StandardNormal.sample(&mut rng);
    // The anchor id is irrelevant: the site only lives inside this function.
    let site = Site::new(SiteId::new(0), aim);
    let moved = site
        .enu_to_ecef()
        .apply(site.enu(east * sigma, north * sigma, 0.0));
    moved.to_wgs84().with_alt(aim.alt_m())
}
