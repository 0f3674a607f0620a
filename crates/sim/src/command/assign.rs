//! The alliance-wide weapon-target assignment over the permitted pairs, and the orders it gives.
//!
//! Doctrine: each engagement fires `salvo` rounds together; under shoot-look-shoot a threat
//! with rounds ordered or in flight gets no more until they are assessed. Rounds launched, and
//! orders still waiting for their launch, on any track of a threat count against its
//! `max_shots_per_threat`; an order called off before launch is given back (`engage::abort`).

use super::pairs::Pair;
use super::targets::Threat;
use super::{CommandRuntime, Engagement};
use crate::input::{Input, WtaObjective};
use base::SimTime;
use c2::wta::{Objective, Problem, SolveOptions, Target, Threatens, Weapon};

/// Local-search work per decision (deterministic budget; the real-time default solver).
const WTA_ROUNDS: u64 = 200;

impl CommandRuntime {
    /// Solves the WTA over `pairs` and orders what it assigns: (launch time, engagement id).
    pub(crate) fn assign(
        &mut self,
        now: SimTime,
        input: &Input,
        threats: &[Threat],
        pairs: &[Pair],
    ) -> Vec<(SimTime, u64)> {
        if pairs.is_empty() {
            return Vec::new();
        }
        let used_units = sorted_unique(pairs.iter().map(|p| p.unit));
        let used_threats = sorted_unique(pairs.iter().map(|p| p.threat));
        let weapons: Vec<Weapon> = used_units
            .iter()
            .map(|&u| {
                let unit = &self.units[u];
                Weapon {
                    units: unit.available(),
                    channels: Some(unit.channels.saturating_sub(unit.busy)),
                }
            })
            .collect();
        let targets: Vec<Target> = used_threats
            .iter()
            .map(|&t| self.wta_target(input, &threats[t]))
            .collect();
        let mut p = vec![vec![0.0; used_threats.len()]; used_units.len()];
        for pair in pairs {
            let i = used_units.binary_search(&pair.unit).expect("listed");
            let j = used_threats.binary_search(&pair.threat).expect("listed");
            p[i][j] = pair.p;
        }
        let objective = match input.c2.objective {
            WtaObjective::TargetValue => Objective::TargetValue,
            WtaObjective::AssetBased => Objective::AssetBased {
                asset_weights: if input.assets.is_empty() {
                    vec![0.0]
                } else {
                    input.assets.iter().map(|a| a.value).collect()
                },
            },
        };
        let Ok(problem) = Problem::new(weapons, targets, p, objective) else {
            return Vec::new();
        };
        let opts = SolveOptions {
            rounds: WTA_ROUNDS,
            ..SolveOptions::default()
        };
        let solution = c2::wta::solve(&problem, input.c2.solver, &opts);
        let mut launches = Vec::new();
        for (i, j, n) in solution.assignment.shots() {
            let (unit, ti) = (used_units[i], used_threats[j]);
            let Some(pair) = pairs.iter().find(|p| p.unit == unit && p.threat == ti) else {
                continue;
            };
            launches.extend(self.order(now, &threats[ti], pair, n));
        }
        launches
    }

    /// The WTA's view of a threat: its value, the asset it endangers most, and how many more
    /// rounds doctrine allows now.
    fn wta_target(&self, input: &Input, threat: &Threat) -> Target {
        let c2cfg = &input.c2;
        let assessed = &self.threat_cache[&threat.key()];
        let count = |m: &std::collections::BTreeMap<super::TargetKey, u32>| -> u32 {
            threat.members.iter().filter_map(|k| m.get(k)).sum()
        };
        let (fired, waiting) = (count(&self.shots), count(&self.pending));
        let room = c2cfg.max_shots_per_threat.saturating_sub(fired);
        // Shoot-look-shoot: nothing more until the rounds ordered or in flight are assessed.
        let now_max = if c2cfg.shoot_look_shoot && waiting > 0 {
            0
        } else {
            room.min(c2cfg.salvo)
        };
        let worst = assessed
            .assessment
            .endangered
            .iter()
            .copied()
            .max_by(|a, b| a.1.total_cmp(&b.1));
        Target {
            value: assessed.assessment.value.max(1e-6),
            max_shots: Some(now_max),
            threatens: worst.map(|(asset, p)| Threatens {
                asset,
                leak_kill: p.clamp(0.0, 1.0),
            }),
        }
    }

    /// Orders `n` rounds from `pair.unit` at `threat`, guided on `pair.track`.
    fn order(&mut self, now: SimTime, threat: &Threat, pair: &Pair, n: u32) -> Vec<(SimTime, u64)> {
        let mut launches = Vec::new();
        for _ in 0..n {
            let id = self.next_engagement;
            self.next_engagement += 1;
            let u = &mut self.units[pair.unit];
            u.committed += 1;
            u.busy += 1;
            *self.shots.entry(pair.track).or_default() += 1;
            *self.pending.entry(pair.track).or_default() += 1;
            let launch = pair.window.earliest.launch.max(now);
            self.engagements.insert(
                id,
                Engagement::ordered(
                    pair.unit,
                    pair.track,
                    threat.members.clone(),
                    pair.window.earliest,
                    pair.p,
                    pair.on_remote,
                    pair.self_defence,
                    now,
                ),
            );
            launches.push((launch, id));
        }
        launches
    }
}

fn sorted_unique(it: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = it.collect();
    v.sort_unstable();
    v.dedup();
    v
}
