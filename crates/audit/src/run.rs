//! A run assembled from its files: the scenario facts, truth, tracks, and the engagements and
//! decisions of the event log, cross-checked for consistency as they are joined.

use crate::facts::{Facts, FireUnit, ecef};
use crate::input::{self, AuditError, EVENTS_FILE, Event, RunFiles};
use crate::tracks::Tracks;
use crate::truth::{Truth, distance};
use geodesy::Wgs84;
use std::collections::BTreeMap;

/// An intercept as the log records it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Intercept {
    pub(crate) t_ns: i64,
    /// The object the engine says its end game met (not trusted: checked).
    pub(crate) object: Option<String>,
    pub(crate) killed: bool,
    /// Intercept point, ECEF m, and its altitude.
    pub(crate) point: [f64; 3],
    pub(crate) alt_m: f64,
    /// The engine's declared reason for a wrong-object intercept, if any.
    pub(crate) wrong_object: Option<String>,
}

/// One interceptor launched.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shot {
    pub(crate) engagement: u64,
    pub(crate) fire_unit: String,
    pub(crate) track: u32,
    pub(crate) launch_ns: i64,
    pub(crate) planned_intercept_ns: i64,
    pub(crate) intercept: Option<Intercept>,
    /// When it was destroyed in flight (hold fire), if it was.
    pub(crate) aborted_ns: Option<i64>,
}

impl Shot {
    /// When the engagement stopped occupying its target: intercept, in-flight abort, or (if the
    /// run ended first) the planned intercept.
    pub(crate) fn end_ns(&self) -> i64 {
        self.intercept
            .as_ref()
            .map(|i| i.t_ns)
            .or(self.aborted_ns)
            .unwrap_or(self.planned_intercept_ns)
    }
}

/// An engagement decision as logged.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Decision {
    pub(crate) t_ns: i64,
    pub(crate) fire_unit: String,
    pub(crate) track: u32,
    pub(crate) decision: String,
    pub(crate) reason: String,
}

/// Everything the checks read.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) scenario: Option<String>,
    pub(crate) seed: Option<u64>,
    pub(crate) facts: Facts,
    pub(crate) truth: Truth,
    pub(crate) tracks: Tracks,
    /// Launched interceptors by engagement number.
    pub(crate) shots: BTreeMap<u64, Shot>,
    /// First kill per object (the engine's claim: the object it says its end game destroyed).
    pub(crate) kills: BTreeMap<String, i64>,
    /// First time a kill assessment reported a kill of each object (what the command could
    /// know: an engagement's intercept destroyed it and its assessment said so).
    pub(crate) kills_reported: BTreeMap<String, i64>,
    /// Impact time per object.
    pub(crate) impacts: BTreeMap<String, i64>,
    pub(crate) decisions: Vec<Decision>,
}

impl Run {
    pub(crate) fn read(files: &RunFiles<'_>) -> Result<Run, AuditError> {
        let input =
            scenario::load(files.scenario_name, files.scenario).map_err(AuditError::Scenario)?;
        let facts = Facts::from_input(&input);
        let events = input::events(files.events)?;
        let truth = Truth::build(input::truth(files.truth)?)?;
        let tracks = Tracks::build(input::tracks(files.tracks)?);
        let mut run = Run {
            scenario: None,
            seed: None,
            facts,
            truth,
            tracks,
            shots: BTreeMap::new(),
            kills: BTreeMap::new(),
            kills_reported: BTreeMap::new(),
            impacts: BTreeMap::new(),
            decisions: Vec::new(),
        };
        for e in events {
            run.take(e)?;
        }
        Ok(run)
    }

    pub(crate) fn unit(&self, name: &str) -> &FireUnit {
        &self.facts.fire_units[name]
    }

    fn known_unit(&self, name: &str, line: u64) -> Result<(), AuditError> {
        if self.facts.fire_units.contains_key(name) {
            Ok(())
        } else {
            Err(inconsistent(
                line,
                format!("fire unit {name:?} is not in the run's scenario"),
            ))
        }
    }

    fn take(&mut self, e: input::Timed) -> Result<(), AuditError> {
        let (line, t_ns) = (e.line, e.t_ns);
        match e.event {
            Event::ScenarioStart { scenario, seed } => {
                self.scenario = Some(scenario);
                self.seed = Some(seed);
            }
            Event::Impact { object } => {
                self.impacts.entry(object).or_insert(t_ns);
            }
            Event::EngagementDecision {
                fire_unit,
                track,
                decision,
                reason,
            } => {
                self.known_unit(&fire_unit, line)?;
                self.decisions.push(Decision {
                    t_ns,
                    fire_unit,
                    track,
                    decision,
                    reason,
                });
            }
            Event::InterceptorLaunch {
                fire_unit,
                engagement,
                track,
                interceptor,
                intercept_t_s,
            } => {
                self.known_unit(&fire_unit, line)?;
                let declared = &self.unit(&fire_unit).envelope.name;
                if *declared != interceptor {
                    return Err(inconsistent(
                        line,
                        format!(
                            "fire unit {fire_unit:?} fires {interceptor:?}; its scenario says {declared:?}"
                        ),
                    ));
                }
                let planned = input::ns(intercept_t_s);
                if planned < t_ns {
                    return Err(inconsistent(
                        line,
                        format!("planned intercept at {intercept_t_s} s is before the launch"),
                    ));
                }
                let shot = Shot {
                    engagement,
                    fire_unit,
                    track,
                    launch_ns: t_ns,
                    planned_intercept_ns: planned,
                    intercept: None,
                    aborted_ns: None,
                };
                if self.shots.insert(engagement, shot).is_some() {
                    return Err(inconsistent(
                        line,
                        format!("engagement {engagement} launched twice"),
                    ));
                }
            }
            Event::Intercept {
                fire_unit,
                engagement,
                track,
                object,
                killed,
                lat_deg,
                lon_deg,
                alt_m,
                wrong_object,
            } => {
                let at = Wgs84::from_degrees(lat_deg, lon_deg, alt_m).map_err(|e| {
                    AuditError::Malformed {
                        file: EVENTS_FILE,
                        line,
                        message: format!("intercept point: {e}"),
                    }
                })?;
                if killed && object.is_none() {
                    return Err(inconsistent(line, "a kill that names no object".to_owned()));
                }
                let shot = self.launched(engagement, &fire_unit, track, line)?;
                if shot.intercept.is_some() {
                    return Err(inconsistent(
                        line,
                        format!("engagement {engagement} intercepts twice"),
                    ));
                }
                shot.intercept = Some(Intercept {
                    t_ns,
                    object: object.clone(),
                    killed,
                    point: ecef(&at),
                    alt_m,
                    wrong_object,
                });
                if killed && let Some(o) = object {
                    self.kills.entry(o).or_insert(t_ns);
                }
            }
            Event::EngagementAborted {
                engagement,
                launched,
            } => {
                if launched {
                    let shot = self.shots.get_mut(&engagement).ok_or_else(|| {
                        inconsistent(
                            line,
                            format!("engagement {engagement} aborted in flight but never launched"),
                        )
                    })?;
                    shot.aborted_ns = Some(t_ns);
                }
            }
            Event::KillAssessment {
                engagement,
                reported_killed,
            } => {
                let killed = self
                    .shots
                    .get(&engagement)
                    .and_then(|s| s.intercept.as_ref())
                    .filter(|i| i.killed)
                    .and_then(|i| i.object.clone());
                if reported_killed && let Some(o) = killed {
                    self.kills_reported.entry(o).or_insert(t_ns);
                }
            }
            Event::Other => {}
        }
        Ok(())
    }

    /// The launched engagement an intercept refers to, checked to be the same unit and track.
    fn launched(
        &mut self,
        engagement: u64,
        fire_unit: &str,
        track: u32,
        line: u64,
    ) -> Result<&mut Shot, AuditError> {
        let shot = self.shots.get_mut(&engagement).ok_or_else(|| {
            inconsistent(
                line,
                format!("intercept of engagement {engagement}, which never launched"),
            )
        })?;
        if shot.fire_unit != fire_unit || shot.track != track {
            return Err(inconsistent(
                line,
                format!(
                    "intercept of engagement {engagement} by {fire_unit:?} on track {track}; it \
                     launched from {:?} on track {}",
                    shot.fire_unit, shot.track
                ),
            ));
        }
        Ok(shot)
    }

    /// Distance from the intercept point to the object the engine names, from truth, m.
    pub(crate) fn truth_miss_m(&self, hit: &Intercept) -> Option<f64> {
        let object = self.truth.object(hit.object.as_deref()?)?;
        Some(distance(object.position_at(hit.t_ns)?, hit.point))
    }

    /// Where a fire unit's launcher was at `t_ns`, ECEF m: its platform's truth samples when
    /// it moves, the scenario's site when it is fixed.
    pub(crate) fn launcher_at(&self, unit: &FireUnit, t_ns: i64) -> Option<[f64; 3]> {
        match self.truth.object(&unit.platform) {
            Some(o) => o.position_at(t_ns),
            None => self.facts.fixed_sites.get(&unit.platform).copied(),
        }
    }
}

fn inconsistent(line: u64, message: String) -> AuditError {
    AuditError::Inconsistent {
        file: EVENTS_FILE,
        line,
        message,
    }
}
