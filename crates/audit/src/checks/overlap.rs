//! `overlap`: no two engagements on one truth object overlapping in time (launch to intercept,
//! or to an in-flight abort) unless doctrine ordered them as one salvo.
//!
//! A salvo is recognised from what the log shows of an order: the same fire unit, the same
//! track and the same launch instant, with `[c2] salvo` > 1 and no more rounds in the group
//! than the salvo size. The target of each engagement is what its track followed at launch.

use crate::report::{Example, Kind, Report};
use crate::run::{Run, Shot};
use crate::tracks::Followed;
use std::collections::BTreeMap;

pub(super) fn check(run: &Run, report: &mut Report) {
    let mut on_object: BTreeMap<String, Vec<&Shot>> = BTreeMap::new();
    for shot in run.shots.values() {
        match super::engagement::target(run, shot) {
            Followed::Object { name, .. } => on_object.entry(name).or_default().push(shot),
            Followed::Nothing | Followed::NoRows => report.unresolved(Kind::Overlap),
        }
    }
    let group = |s: &Shot| (s.fire_unit.clone(), s.track, s.launch_ns);
    let mut group_sizes: BTreeMap<(String, u32, i64), u32> = BTreeMap::new();
    for shot in run.shots.values() {
        *group_sizes.entry(group(shot)).or_default() += 1;
    }
    let salvo = |a: &Shot, b: &Shot| {
        run.facts.salvo > 1 && group(a) == group(b) && group_sizes[&group(a)] <= run.facts.salvo
    };
    for (object, shots) in &on_object {
        for (i, a) in shots.iter().enumerate() {
            for b in &shots[i + 1..] {
                report.checked(Kind::Overlap);
                let overlaps = a.launch_ns < b.end_ns() && b.launch_ns < a.end_ns();
                if !overlaps {
                    continue;
                }
                if salvo(a, b) {
                    report.count("overlap.salvo_allowed".to_owned());
                    continue;
                }
                let (first, second) = if a.launch_ns <= b.launch_ns {
                    (a, b)
                } else {
                    (b, a)
                };
                let mut e = Example::new(
                    Kind::Overlap,
                    second.launch_ns,
                    format!(
                        "engagement {} ({}, track {}) launched while engagement {} ({}, track \
                         {}) was in flight on the same object",
                        second.engagement,
                        second.fire_unit,
                        second.track,
                        first.engagement,
                        first.fire_unit,
                        first.track
                    ),
                );
                e.engagement = Some(second.engagement);
                e.fire_unit = Some(second.fire_unit.clone());
                e.track = Some(second.track);
                e.object = Some(object.clone());
                e.values.insert("other_engagement", first.engagement as f64);
                e.values.insert(
                    "overlap_s",
                    (first.end_ns().min(second.end_ns()) - second.launch_ns) as f64 / 1e9,
                );
                report.count(format!(
                    "overlap.{}",
                    if first.track == second.track {
                        "same_track"
                    } else {
                        "different_tracks"
                    }
                ));
                report.violation(e);
            }
        }
    }
}
