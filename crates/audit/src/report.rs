//! The audit's findings: per check kind how many things were checked, how many violated it
//! and how many could not be decided, with a few examples each; as JSON or as text.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Examples kept per kind (the earliest in run time).
pub const EXAMPLES_PER_KIND: usize = 5;

/// What is checked. The `snake_case` names are stable output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// An intercept outside its interceptor type's envelope: altitude, slant range from the
    /// launcher at launch, or distance beyond what the speed profile flies in the time of
    /// flight.
    Envelope,
    /// A launch at an object already killed or already impacted.
    DeadOrImpactedTarget,
    /// A launch whose planned intercept falls after the target's observed impact.
    LateShot,
    /// Two engagements on one truth object overlapping in time (launch to intercept) that no
    /// salvo order explains.
    Overlap,
    /// An end game (killing or not) against an object other than the one the engaged track
    /// followed at launch, not declared as a wrong-object intercept by the run.
    WrongObject,
    /// A track below the surface by more than 3 σ.
    UndergroundTrack,
    /// A friendly or neutral object engaged.
    Fratricide,
    /// A denied engagement decision without a known reason code.
    DeniedWithoutReason,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 8] = [
        Kind::Envelope,
        Kind::DeadOrImpactedTarget,
        Kind::LateShot,
        Kind::Overlap,
        Kind::WrongObject,
        Kind::UndergroundTrack,
        Kind::Fratricide,
        Kind::DeniedWithoutReason,
    ];

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Envelope => "envelope",
            Kind::DeadOrImpactedTarget => "dead_or_impacted_target",
            Kind::LateShot => "late_shot",
            Kind::Overlap => "overlap",
            Kind::WrongObject => "wrong_object",
            Kind::UndergroundTrack => "underground_track",
            Kind::Fratricide => "fratricide",
            Kind::DeniedWithoutReason => "denied_without_reason",
        }
    }

    /// What one checked item is, for the text report.
    fn unit(self) -> &'static str {
        match self {
            Kind::Envelope | Kind::WrongObject => "intercepts",
            Kind::DeadOrImpactedTarget | Kind::LateShot | Kind::Fratricide => "launches",
            Kind::Overlap => "engagement pairs on one object",
            Kind::UndergroundTrack => "tracks",
            Kind::DeniedWithoutReason => "denials",
        }
    }
}

/// One violation, for people: where, who, and the numbers that decided it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Example {
    /// The check it violates.
    pub kind: Kind,
    /// Simulation time, seconds.
    pub t_s: f64,
    /// Engagement number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engagement: Option<u64>,
    /// Fire unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fire_unit: Option<String>,
    /// Node holding the track.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Track number (in the node's picture).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<u32>,
    /// The truth object concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// What is wrong, in words.
    pub message: String,
    /// The numbers behind it (SI units, named with their unit).
    pub values: BTreeMap<&'static str, f64>,
}

impl Example {
    pub(crate) fn new(kind: Kind, t_ns: i64, message: String) -> Example {
        Example {
            kind,
            t_s: t_ns as f64 / 1e9,
            engagement: None,
            fire_unit: None,
            node: None,
            track: None,
            object: None,
            message,
            values: BTreeMap::new(),
        }
    }
}

/// Everything the audit found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Scenario name (from the run's `scenario_start` event).
    pub scenario: Option<String>,
    /// Seed of the run.
    pub seed: Option<u64>,
    /// Violations per kind (every kind listed).
    pub violations: BTreeMap<Kind, u64>,
    /// Items checked per kind.
    pub checked: BTreeMap<Kind, u64>,
    /// Items the audit could not decide per kind (e.g. no track rows to say what a track
    /// followed): neither passed nor violated.
    pub unresolved: BTreeMap<Kind, u64>,
    /// Finer counts (`kind.detail`): which envelope limit, which layer, declared wrong-object
    /// intercepts, …
    pub breakdown: BTreeMap<String, u64>,
    /// Up to [`EXAMPLES_PER_KIND`] violations per kind, in run-time order within a kind.
    pub examples: Vec<Example>,
}

impl Report {
    pub(crate) fn new(scenario: Option<String>, seed: Option<u64>) -> Report {
        let zero = || Kind::ALL.iter().map(|k| (*k, 0)).collect();
        Report {
            scenario,
            seed,
            violations: zero(),
            checked: zero(),
            unresolved: zero(),
            breakdown: BTreeMap::new(),
            examples: Vec::new(),
        }
    }

    pub(crate) fn checked(&mut self, kind: Kind) {
        *self.checked.entry(kind).or_default() += 1;
    }

    pub(crate) fn unresolved(&mut self, kind: Kind) {
        *self.unresolved.entry(kind).or_default() += 1;
    }

    pub(crate) fn count(&mut self, detail: String) {
        *self.breakdown.entry(detail).or_default() += 1;
    }

    pub(crate) fn violation(&mut self, example: Example) {
        let kind = example.kind;
        *self.violations.entry(kind).or_default() += 1;
        if self.examples.iter().filter(|e| e.kind == kind).count() < EXAMPLES_PER_KIND {
            self.examples.push(example);
        }
    }

    /// Sorts examples by kind, then time (the checks run kind by kind, some not in time
    /// order).
    pub(crate) fn finish(mut self) -> Report {
        self.examples
            .sort_by(|a, b| a.kind.cmp(&b.kind).then(a.t_s.total_cmp(&b.t_s)));
        self
    }

    /// Violations of every kind together.
    pub fn total_violations(&self) -> u64 {
        self.violations.values().sum()
    }

    /// True when nothing was violated.
    pub fn is_clean(&self) -> bool {
        self.total_violations() == 0
    }

    /// The JSON form: `{"violations": {kind: n}, "checked": {kind: n}, "unresolved": …,
    /// "breakdown": …, "examples": […], "scenario", "seed"}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a report is plain data with string keys")
    }

    /// The human summary: a table of kinds, the breakdown and the examples.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let run = match (&self.scenario, self.seed) {
            (Some(name), Some(seed)) => format!("{name}, seed {seed}"),
            (Some(name), None) => name.clone(),
            _ => "run".to_owned(),
        };
        let _ = writeln!(s, "audit of {run}");
        let _ = writeln!(
            s,
            "{:<24} {:>10} {:>8} {:>10}  checked items",
            "check", "violations", "checked", "unresolved"
        );
        for kind in Kind::ALL {
            let _ = writeln!(
                s,
                "{:<24} {:>10} {:>8} {:>10}  {}",
                kind.as_str(),
                self.violations[&kind],
                self.checked[&kind],
                self.unresolved[&kind],
                kind.unit()
            );
        }
        if !self.breakdown.is_empty() {
            let _ = writeln!(s, "\nbreakdown:");
            for (detail, n) in &self.breakdown {
                let _ = writeln!(s, "  {detail:<44} {n:>6}");
            }
        }
        if !self.examples.is_empty() {
            let _ = writeln!(s, "\nexamples:");
            for e in &self.examples {
                let mut who = Vec::new();
                if let Some(id) = e.engagement {
                    who.push(format!("engagement {id}"));
                }
                if let Some(u) = &e.fire_unit {
                    who.push(u.clone());
                }
                if let Some(n) = &e.node {
                    who.push(format!("node {n}"));
                }
                if let Some(t) = e.track {
                    who.push(format!("track {t}"));
                }
                if let Some(o) = &e.object {
                    who.push(format!("object {o}"));
                }
                let _ = writeln!(
                    s,
                    "  {:<24} t = {:>8.1} s  {}: {}",
                    e.kind.as_str(),
                    e.t_s,
                    who.join(", "),
                    e.message
                );
            }
        }
        let n = self.total_violations();
        let _ = writeln!(
            s,
            "\n{}",
            if n == 0 {
                "no violations".to_owned()
            } else {
                format!("{n} violation{}", if n == 1 { "" } else { "s" })
            }
        );
        s
    }
}
