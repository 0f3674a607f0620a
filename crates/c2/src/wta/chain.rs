//! Exchange neighbourhoods for stacked targets: lift one unit from every engaged target and
//! re-place the lifted units by linear assignment, at most one per target.
//!
//! Each target then loses exactly one unit and gains at most one, so with the other units
//! fixed the objective change of the re-placement is exactly the sum of the per-target
//! changes (target value): the assignment solves this cyclic-exchange neighbourhood (Ahuja et
//! al. 2007) exactly, including long exchange cycles through targets holding two or three
//! units, which the weapon layers of [`super::lap::layers`] split apart.

use super::lap::reassign_units;
use super::state::State;

/// Which unit of each engaged target to lift.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pick {
    /// The `r`-th weakest unit there (lowest kill probability first; the strongest when the
    /// target holds fewer than `r + 1`).
    Rank(usize),
    /// A unit chosen by the given random word.
    Random(u64),
}

/// One unit per engaged target, chosen by `pick`; ties go to the lower weapon index.
pub(crate) fn one_per_target(state: &State<'_>, pick: Pick) -> Vec<(usize, usize)> {
    let p = state.problem;
    let mut out = Vec::new();
    let mut word = match pick {
        Pick::Random(w) => w,
        _ => 0,
    };
    for j in 0..p.n_targets() {
        let on: Vec<usize> = (0..p.n_weapons())
            .filter(|&i| state.x.get(i, j) > 0)
            .collect();
        let chosen = match pick {
            Pick::Rank(_) if on.is_empty() => None,
            Pick::Rank(r) => {
                let mut units: Vec<usize> = on
                    .iter()
                    .flat_map(|&i| std::iter::repeat_n(i, state.x.get(i, j) as usize))
                    .collect();
                units.sort_by(|&a, &b| p.ln_q(b, j).total_cmp(&p.ln_q(a, j)).then(a.cmp(&b)));
                Some(units[r.min(units.len() - 1)])
            }
            Pick::Random(_) if on.is_empty() => None,
            Pick::Random(_) => {
                let k = (word % on.len() as u64) as usize;
                word = word.rotate_left(7) ^ 0x9E37_79B9_7F4A_7C15_u64.wrapping_mul(j as u64 + 1);
                Some(on[k])
            }
        };
        if let Some(i) = chosen {
            out.push((i, j));
        }
    }
    out
}

/// Tries the exchanges lifting the weakest, second and third weakest unit of every target;
/// returns whether any improved.
pub(crate) fn exchange(state: &mut State<'_>, eps: f64) -> bool {
    let mut improved = false;
    for pick in [Pick::Rank(0), Pick::Rank(1), Pick::Rank(2)] {
        let lifted = one_per_target(state, pick);
        improved |= reassign_units(state, &lifted, eps);
    }
    improved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wta::{Assignment, Objective, Problem, Target, Weapon};

    fn problem() -> Problem {
        let w = |units| Weapon {
            units,
            channels: None,
        };
        let t = Target {
            value: 10.0,
            max_shots: None,
            threatens: None,
        };
        Problem::new(
            vec![w(1), w(1), w(1)],
            vec![t.clone(), t],
            vec![vec![0.9, 0.1], vec![0.1, 0.9], vec![0.5, 0.5]],
            Objective::TargetValue,
        )
        .expect("valid")
    }

    #[test]
    fn ranks_pick_the_weakest_then_the_next() {
        let p = problem();
        let mut x = Assignment::empty(3, 2);
        x.set(0, 0, 1);
        x.set(2, 0, 1);
        let s = State::new(&p, x);
        assert_eq!(one_per_target(&s, Pick::Rank(0)), vec![(2, 0)]);
        assert_eq!(one_per_target(&s, Pick::Rank(1)), vec![(0, 0)]);
        assert_eq!(one_per_target(&s, Pick::Rank(5)), vec![(0, 0)]);
        let r = one_per_target(&s, Pick::Random(3));
        assert!(r == vec![(0, 0)] || r == vec![(2, 0)]);
    }

    #[test]
    fn exchange_swaps_crossed_units_onto_their_good_targets() {
        let p = problem();
        let mut x = Assignment::empty(3, 2);
        x.set(0, 1, 1);
        x.set(1, 0, 1);
        x.set(2, 0, 1);
        let mut s = State::new(&p, x);
        // 10·0.9·0.5 + 10·0.9 = 13.5 before; A→0, B→1 with C staying: 10·0.1·0.5 + 10·0.1.
        assert!((s.objective() - 13.5).abs() < 1e-12);
        assert!(exchange(&mut s, 1e-12));
        assert!((s.objective() - 1.5).abs() < 1e-12, "{}", s.objective());
        assert!(!exchange(&mut s, 1e-12), "a second pass finds nothing");
    }
}
