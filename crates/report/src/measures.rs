//! The measure catalogue: a human label, a unit and the better direction of every measure a
//! run summary or a study reports, by its dotted name (`moe.leakers`, `siap.completeness`,
//! `moe.intercept_probability.srbm`). Terminal tables and report pages read it, so a measure
//! reads the same everywhere; an unknown name falls back to the name itself.
//!
//! Also what a study table hides: measures constant over every run ([`constant_value`]) and
//! measures whose every value equals an earlier one's ([`duplicates`]).

/// Which way a measure is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    /// More is better (intercepts, completeness).
    Higher,
    /// Less is better (leakers, GOSPA, latency).
    Lower,
    /// Neither: a count that describes rather than scores (interceptors fired, frames sent).
    Neither,
}

impl Better {
    /// `↑ better`, `↓ better` or empty: the column terminal tables and reports show.
    pub fn arrow(self) -> &'static str {
        match self {
            Better::Higher => "↑",
            Better::Lower => "↓",
            Better::Neither => "",
        }
    }

    /// Whether a difference `d` (variant − baseline) is an improvement, a regression or
    /// neither (`None` for `Neither` or `d == 0`).
    pub fn improves(self, d: f64) -> Option<bool> {
        match self {
            _ if d == 0.0 || d.is_nan() => None,
            Better::Higher => Some(d > 0.0),
            Better::Lower => Some(d < 0.0),
            Better::Neither => None,
        }
    }
}

/// What the catalogue knows of a measure.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureInfo {
    /// Human label, unit-free (`leakers on defended assets`).
    pub label: String,
    /// Unit for display: `s`, `m`, `fraction`, `count`, `bytes`, `per s`, `value`.
    pub unit: &'static str,
    /// The better direction.
    pub better: Better,
}

use Better::{Higher, Lower, Neither};

/// (name, label, unit, better) of every fixed-name measure.
const CATALOGUE: &[(&str, &str, &str, Better)] = &[
    ("moe.threats_launched", "threats launched", "count", Neither),
    ("moe.threats", "threats", "count", Neither),
    ("moe.leakers", "leakers", "count", Lower),
    (
        "moe.leakers_on_assets",
        "leakers on defended assets",
        "count",
        Lower,
    ),
    (
        "moe.asset_value_hit_fraction",
        "defended value hit",
        "fraction",
        Lower,
    ),
    ("moe.threats_detected", "threats detected", "count", Higher),
    (
        "moe.mean_first_detection_s",
        "first detection after launch",
        "s",
        Lower,
    ),
    ("moe.intercepts", "intercepts", "count", Higher),
    (
        "moe.interceptors_fired",
        "interceptors fired",
        "count",
        Neither,
    ),
    ("moe.shots_per_kill", "shots per kill", "count", Lower),
    (
        "moe.defended_value_total",
        "defended value at start",
        "value",
        Neither,
    ),
    (
        "moe.defended_value_surviving",
        "defended value surviving",
        "value",
        Higher,
    ),
    (
        "moe.engagements_on_remote",
        "engagements on remote tracks",
        "count",
        Neither,
    ),
    (
        "moe.self_defence_launches",
        "self-defence launches",
        "count",
        Neither,
    ),
    ("moe.fratricides", "fratricides", "count", Lower),
    (
        "moe.engagements_aborted",
        "engagements aborted (hold fire)",
        "count",
        Neither,
    ),
    (
        "moe.kill_assessment_errors",
        "kill assessment errors",
        "count",
        Lower,
    ),
    (
        "moe.stage_intervals.launch_to_first_detection.mean_s",
        "launch → first detection",
        "s",
        Lower,
    ),
    (
        "moe.stage_intervals.launch_to_first_detection.n",
        "threats through launch → first detection",
        "count",
        Neither,
    ),
    (
        "moe.stage_intervals.first_detection_to_first_held.mean_s",
        "first detection → first held in a picture",
        "s",
        Lower,
    ),
    (
        "moe.stage_intervals.first_detection_to_first_held.n",
        "threats through first detection → first held in a picture",
        "count",
        Neither,
    ),
    (
        "moe.stage_intervals.first_held_to_hostile_declared.mean_s",
        "first held → hostile declaration",
        "s",
        Lower,
    ),
    (
        "moe.stage_intervals.first_held_to_hostile_declared.n",
        "threats through first held → hostile declaration",
        "count",
        Neither,
    ),
    (
        "moe.stage_intervals.hostile_declared_to_first_order.mean_s",
        "hostile declaration → first fire order",
        "s",
        Lower,
    ),
    (
        "moe.stage_intervals.hostile_declared_to_first_order.n",
        "threats through hostile declaration → first fire order",
        "count",
        Neither,
    ),
    (
        "moe.stage_intervals.first_order_to_first_launch.mean_s",
        "first fire order → first interceptor launch",
        "s",
        Neither,
    ),
    (
        "moe.stage_intervals.first_order_to_first_launch.n",
        "threats through first fire order → first interceptor launch",
        "count",
        Neither,
    ),
    (
        "moe.stage_intervals.first_launch_to_intercept.mean_s",
        "first interceptor launch → intercept",
        "s",
        Neither,
    ),
    (
        "moe.stage_intervals.first_launch_to_intercept.n",
        "threats through first interceptor launch → intercept",
        "count",
        Neither,
    ),
    ("moe.mean_order_to_launch_s", "order to launch", "s", Lower),
    ("network.frames_sent", "frames sent", "count", Neither),
    ("network.messages_sent", "messages sent", "count", Neither),
    ("network.bytes_sent", "bytes sent", "bytes", Neither),
    (
        "network.bytes_per_track_report",
        "bytes per track report",
        "bytes",
        Lower,
    ),
    (
        "network.withheld_releasability",
        "frames withheld by releasability",
        "count",
        Neither,
    ),
    (
        "network.unreachable",
        "unreachable deliveries",
        "count",
        Lower,
    ),
    (
        "network.guard_blocked",
        "releasability guard refusals",
        "count",
        Lower,
    ),
    (
        "network.releasability_violations",
        "releasability violations",
        "count",
        Lower,
    ),
    (
        "network.adversary_injections",
        "adversary frames injected",
        "count",
        Neither,
    ),
    (
        "network.mean_picture_gospa",
        "picture GOSPA (mean over nodes)",
        "m",
        Lower,
    ),
    ("network.commonality", "commonality", "fraction", Higher),
    ("network.dual_tracks", "dual-track episodes", "count", Lower),
    (
        "network.dual_track_mean_lifetime_s",
        "dual-track mean lifetime",
        "s",
        Lower,
    ),
    (
        "network.dual_track_max_lifetime_s",
        "dual-track longest lifetime",
        "s",
        Lower,
    ),
    (
        "network.track_number_changes",
        "track number changes",
        "count",
        Lower,
    ),
    (
        "network.mean_picture_latency_s",
        "picture latency after first detection",
        "s",
        Lower,
    ),
    ("siap.nodes", "SIAP: pictures scored", "count", Neither),
    ("siap.completeness", "SIAP completeness", "fraction", Higher),
    (
        "siap.ambiguity",
        "SIAP ambiguity (1 is ideal)",
        "ratio",
        Lower,
    ),
    ("siap.spuriousness", "SIAP spuriousness", "fraction", Lower),
    (
        "siap.position_accuracy_m",
        "SIAP position accuracy",
        "m",
        Lower,
    ),
    (
        "siap.continuity_rate_per_s",
        "SIAP track number change rate",
        "per s",
        Lower,
    ),
    (
        "siap.longest_segment_ratio",
        "SIAP longest track segment",
        "fraction",
        Higher,
    ),
    (
        "siap.id_completeness",
        "SIAP identification completeness",
        "fraction",
        Higher,
    ),
    (
        "siap.id_correctness",
        "SIAP identification correctness",
        "fraction",
        Higher,
    ),
    (
        "siap.id_ambiguity",
        "SIAP identification ambiguity",
        "fraction",
        Lower,
    ),
    ("siap.commonality", "SIAP commonality", "fraction", Higher),
    (
        "moe.leaker_causes.killed",
        "kill chain ended: killed",
        "count",
        Higher,
    ),
];

/// (prefix, label prefix, unit, better) of the measures keyed by a class or reason.
const FAMILIES: &[(&str, &str, &str, Better)] = &[
    (
        "moe.intercept_probability.",
        "intercept probability",
        "fraction",
        Higher,
    ),
    (
        "moe.engagements_denied.",
        "engagements denied",
        "count",
        Neither,
    ),
    ("network.rejected.", "frames rejected", "count", Neither),
    ("moe.leaker_causes.", "kill chain ended", "count", Neither),
    (
        "moe.leaker_denial_reasons.",
        "threats denied by",
        "count",
        Neither,
    ),
    (
        "moe.leaker_late_reasons.",
        "threats late for",
        "count",
        Neither,
    ),
    (
        "moe.leaker_out_of_reach_reasons.",
        "threats out of reach for",
        "count",
        Neither,
    ),
];

/// Label, unit and better direction of the measure `name`.
pub fn describe(name: &str) -> MeasureInfo {
    if let Some((_, label, unit, better)) = CATALOGUE.iter().find(|(n, ..)| *n == name) {
        return MeasureInfo {
            label: (*label).to_owned(),
            unit,
            better: *better,
        };
    }
    for (prefix, label, unit, better) in FAMILIES {
        if let Some(key) = name.strip_prefix(prefix) {
            return MeasureInfo {
                label: format!("{label}: {}", key.replace('_', " ")),
                unit,
                better: *better,
            };
        }
    }
    MeasureInfo {
        label: name.to_owned(),
        unit: crate::page::unit(name),
        better: Neither,
    }
}

/// `label (unit)` for tables, with the unit left out for plain counts and fractions.
pub fn label_with_unit(name: &str) -> String {
    let m = describe(name);
    match m.unit {
        "count" | "fraction" | "value" | "ratio" => m.label,
        u => format!("{} ({u})", m.label),
    }
}

/// The value every run took, when the measure is the same in all of them (a scenario
/// constant, not an outcome); `None` when it varies or was never measured.
pub fn constant_value(values: &[Option<f64>]) -> Option<f64> {
    let first = values.first().copied().flatten()?;
    values.iter().all(|v| *v == Some(first)).then_some(first)
}

/// For each measure (columns of per-run values, same runs in the same order), the index of
/// an earlier measure with exactly the same values in every run, if any.
pub fn duplicates(columns: &[Vec<Option<f64>>]) -> Vec<Option<usize>> {
    columns
        .iter()
        .enumerate()
        .map(|(i, col)| (0..i).find(|&j| columns[j] == *col))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_units_and_directions() {
        let m = describe("moe.leakers_on_assets");
        assert_eq!(m.label, "leakers on defended assets");
        assert_eq!(m.better, Better::Lower);
        assert_eq!(describe("network.commonality").better, Better::Higher);
        let p = describe("moe.intercept_probability.srbm");
        assert_eq!(
            (p.label.as_str(), p.better),
            ("intercept probability: srbm", Higher)
        );
        let d = describe("moe.engagements_denied.track_quality");
        assert_eq!(d.label, "engagements denied: track quality");
        assert_eq!(describe("something.new").label, "something.new");
        let c = describe("moe.leaker_causes.out_of_reach");
        assert_eq!(
            (c.label.as_str(), c.better),
            ("kill chain ended: out of reach", Neither)
        );
        assert_eq!(describe("moe.leaker_causes.killed").better, Higher);
        assert_eq!(
            label_with_unit("moe.mean_first_detection_s"),
            "first detection after launch (s)"
        );
        assert_eq!(label_with_unit("moe.leakers"), "leakers");
    }

    #[test]
    fn improvement_follows_the_direction() {
        assert_eq!(Lower.improves(-1.0), Some(true));
        assert_eq!(Higher.improves(-1.0), Some(false));
        assert_eq!(Neither.improves(3.0), None);
        assert_eq!(Higher.improves(0.0), None);
    }

    #[test]
    fn constants_and_duplicates_are_found() {
        assert_eq!(constant_value(&[Some(13.0), Some(13.0)]), Some(13.0));
        assert_eq!(constant_value(&[Some(13.0), Some(12.0)]), None);
        assert_eq!(constant_value(&[None, None]), None);
        let cols = vec![
            vec![Some(1.0), Some(2.0)],
            vec![Some(1.0), Some(3.0)],
            vec![Some(1.0), Some(2.0)],
        ];
        assert_eq!(duplicates(&cols), vec![None, None, Some(0)]);
    }

    #[test]
    fn every_catalogued_name_is_unique() {
        let mut names: Vec<&str> = CATALOGUE.iter().map(|(n, ..)| *n).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
    }
}
