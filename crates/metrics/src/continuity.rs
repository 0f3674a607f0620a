//! Track continuity against truth from per-step truth → track associations (SIAP continuity,
//! Votruba et al. 2001, PRIMER §8.2), counted in steps.
//!
//! Definitions, for truth `j` (a *step* is one call of [`ContinuityCounter::record`]):
//! - `T_j` (`steps`): steps in which `j` is present.
//! - `TT_j` (`tracked_steps`): present steps in which `j` has a track.
//! - *segment*: a maximal run of consecutive steps in which `j` has the same track. A step in
//!   which `j` is absent or untracked, or has another track, ends it. `NU_j` (`segments`) counts
//!   them (a track re-acquiring `j` after a gap starts a new one, as in Stone Soup's SIAP).
//! - `TL_j` (`longest_segment_steps`): the longest segment.
//! - *break*: `j` had a track in the previous step and is present without one now. A truth that
//!   disappears does not break.
//! - *id change*: `j` gets a track other than the last one it had (even across a gap).
//! - *track transfer* (counted per track): a track is assigned to a truth other than the last
//!   one it had. A crossing swap gives two id changes and two transfers.
//!
//! Totals: rate of track number changes `R = Σ_j (NU_j − 1) / Σ_j TT_j` over truths with
//! `NU_j > 0`, longest-segment ratio `LS = Σ_j TL_j / Σ_j T_j`.

use std::collections::BTreeMap;

/// Continuity of one truth. Fields are defined in the module docs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TruthContinuity {
    /// `T_j`: steps present.
    pub steps: u64,
    /// `TT_j`: steps present with a track.
    pub tracked_steps: u64,
    /// `NU_j`: segments.
    pub segments: u64,
    /// `TL_j`: longest segment.
    pub longest_segment_steps: u64,
    /// Tracked → untracked while present.
    pub breaks: u64,
    /// Assigned a different track than the last one.
    pub id_changes: u64,
}

/// Totals over all truths seen, plus the track-side transfers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Continuity {
    /// Truths seen in any step.
    pub n_truths: u64,
    /// Truths tracked in at least one step.
    pub n_truths_tracked: u64,
    /// Sums of the per-truth counts.
    pub sum: TruthContinuity,
    /// Tracks assigned to a truth other than the last one they had.
    pub track_transfers: u64,
}

impl Continuity {
    /// `R = Σ (NU_j − 1) / Σ TT_j` over tracked truths; 0 when nothing was tracked.
    pub fn rate_of_track_number_changes(&self) -> f64 {
        if self.sum.tracked_steps == 0 {
            return 0.0;
        }
        (self.sum.segments - self.n_truths_tracked) as f64 / self.sum.tracked_steps as f64
    }

    /// `LS = Σ TL_j / Σ T_j`; 0 when no truth was seen.
    pub fn longest_segment_ratio(&self) -> f64 {
        if self.sum.steps == 0 {
            return 0.0;
        }
        self.sum.longest_segment_steps as f64 / self.sum.steps as f64
    }
}

#[derive(Clone, Debug, Default)]
struct TruthState {
    stats: TruthContinuity,
    /// Index of the last step `j` was present in.
    last_step: u64,
    /// Track and length of the running segment, if `j` was tracked in its last step.
    current: Option<(u64, u64)>,
    /// The last track `j` ever had.
    last_track: Option<u64>,
}

/// Accumulates continuity over time steps; feed it one [`record`](Self::record) per step.
#[derive(Clone, Debug, Default)]
pub struct ContinuityCounter {
    /// Steps recorded so far (the current step's index is this after increment).
    step: u64,
    truths: BTreeMap<u64, TruthState>,
    /// Last truth of each track.
    track_truth: BTreeMap<u64, u64>,
    track_transfers: u64,
    /// Scratch for the uniqueness checks.
    ids: Vec<u64>,
}

impl ContinuityCounter {
    /// An empty counter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one step: every truth present, once, with its track (`None`: untracked). A
    /// track may appear at most once (a one-to-one assignment, e.g. GOSPA's pairs with `d < c`).
    ///
    /// # Panics
    /// If a truth id or a track id appears twice.
    pub fn record(&mut self, associations: &[(u64, Option<u64>)]) {
        self.assert_unique(associations.iter().map(|a| a.0), "truth");
        self.assert_unique(associations.iter().filter_map(|a| a.1), "track");
        self.step += 1;
        let step = self.step;
        for &(truth, track) in associations {
            let state = self.truths.entry(truth).or_default();
            if state.stats.steps > 0 && state.last_step + 1 != step {
                state.current = None; // absent in between: the segment ended without a break
            }
            state.stats.steps += 1;
            state.last_step = step;
            let Some(track) = track else {
                if state.current.take().is_some() {
                    state.stats.breaks += 1;
                }
                continue;
            };
            state.stats.tracked_steps += 1;
            if state.last_track.is_some_and(|last| last != track) {
                state.stats.id_changes += 1;
            }
            state.last_track = Some(track);
            let length = match state.current {
                Some((same, length)) if same == track => length + 1,
                _ => {
                    state.stats.segments += 1;
                    1
                }
            };
            state.current = Some((track, length));
            state.stats.longest_segment_steps = state.stats.longest_segment_steps.max(length);
            if self
                .track_truth
                .insert(track, truth)
                .is_some_and(|last| last != truth)
            {
                self.track_transfers += 1;
            }
        }
    }

    /// Records the step scored by `gospa`: truth `i` has id `truth_ids[i]`, track `k` has id
    /// `track_ids[k]`, and a truth is tracked by its GOSPA partner closer than `c`.
    ///
    /// # Panics
    /// If the id slices do not match the GOSPA sets, or as [`record`](Self::record).
    pub fn record_gospa(&mut self, truth_ids: &[u64], track_ids: &[u64], gospa: &crate::Gospa) {
        assert_eq!(
            truth_ids.len(),
            gospa.assignment.len(),
            "one id per GOSPA truth"
        );
        let associations: Vec<(u64, Option<u64>)> = truth_ids
            .iter()
            .zip(&gospa.assignment)
            .map(|(&truth, track)| {
                let id = track.map(|k| *track_ids.get(k).expect("one id per GOSPA track"));
                (truth, id)
            })
            .collect();
        self.record(&associations);
    }

    /// Continuity of each truth seen, by ascending id.
    pub fn per_truth(&self) -> impl Iterator<Item = (u64, TruthContinuity)> + '_ {
        self.truths.iter().map(|(&id, state)| (id, state.stats))
    }

    /// Totals so far.
    pub fn summary(&self) -> Continuity {
        let mut out = Continuity {
            track_transfers: self.track_transfers,
            ..Continuity::default()
        };
        for (_, t) in self.per_truth() {
            out.n_truths += 1;
            out.n_truths_tracked += u64::from(t.tracked_steps > 0);
            out.sum.steps += t.steps;
            out.sum.tracked_steps += t.tracked_steps;
            out.sum.segments += t.segments;
            out.sum.longest_segment_steps += t.longest_segment_steps;
            out.sum.breaks += t.breaks;
            out.sum.id_changes += t.id_changes;
        }
        out
    }

    fn assert_unique(&mut self, ids: impl Iterator<Item = u64>, what: &str) {
        self.ids.clear();
        self.ids.extend(ids);
        self.ids.sort_unstable();
        if let Some(w) = self.ids.windows(2).find(|w| w[0] == w[1]) {
            panic!("{what} id {} appears twice in one step", w[0]);
        }
    }
}
