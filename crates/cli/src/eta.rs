//! Time-left estimates for the progress bars (wall clock: the edge only).
//!
//! A run's cost per simulated second is not uniform (the raid builds up, so later slices cost
//! more than early ones): the estimate uses the rate over the last [`WINDOW_S`] seconds of
//! wall time, falling back to the rate since the start while the window holds too little.

use std::collections::VecDeque;

/// Wall-clock seconds of history the rate is measured over.
pub(crate) const WINDOW_S: f64 = 8.0;
/// No estimate before this much wall time has passed (the first slices say little).
const MIN_ELAPSED_S: f64 = 0.5;

/// Progress samples `(wall seconds since start, work done)` towards `total` work.
#[derive(Debug)]
pub(crate) struct Eta {
    total: f64,
    samples: VecDeque<(f64, f64)>,
}

impl Eta {
    pub(crate) fn new(total: f64) -> Self {
        let mut samples = VecDeque::new();
        samples.push_back((0.0, 0.0));
        Eta { total, samples }
    }

    /// Records that `done` work was done at `wall_s`; returns the estimated seconds left.
    pub(crate) fn update(&mut self, wall_s: f64, done: f64) -> Option<f64> {
        self.samples.push_back((wall_s, done));
        // Keep the oldest sample still inside the window, plus one before it as the anchor.
        while self.samples.len() > 2 && wall_s - self.samples[1].0 >= WINDOW_S {
            self.samples.pop_front();
        }
        if wall_s < MIN_ELAPSED_S {
            return None;
        }
        let (w0, d0) = self.samples[0];
        let rate = if done > d0 && wall_s > w0 {
            (done - d0) / (wall_s - w0)
        } else if done > 0.0 {
            done / wall_s
        } else {
            return None;
        };
        Some(((self.total - done).max(0.0)) / rate)
    }
}

/// The estimate for a bar of `len` equal jobs with `pos` done after `elapsed_s`.
pub(crate) fn uniform_jobs_left(elapsed_s: f64, pos: u64, len: u64) -> Option<f64> {
    (pos > 0 && elapsed_s >= MIN_ELAPSED_S)
        .then(|| elapsed_s * (len.saturating_sub(pos)) as f64 / pos as f64)
}

/// `about 35 s left`, `about 2 min 05 s left`, `under 1 s left`, or `estimating time left`.
pub(crate) fn format_left(left: Option<f64>) -> String {
    match left {
        None => "estimating time left".to_owned(),
        Some(s) if s < 1.0 => "under 1 s left".to_owned(),
        Some(s) if s < 90.0 => format!("about {s:.0} s left"),
        Some(s) => {
            let s = s.round() as u64;
            format!("about {} min {:02} s left", s / 60, s % 60)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_follows_the_recent_rate() {
        // 10 units per second for 10 s, then 1 unit per second: the window forgets the fast
        // start, so 80 units left read as about 80 s rather than 8 s.
        let mut eta = Eta::new(200.0);
        let mut done = 0.0;
        let mut last = None;
        for step in 1..=200 {
            let t = f64::from(step) * 0.1;
            done += if t <= 10.0 { 1.0 } else { 0.1 };
            last = eta.update(t, done);
        }
        let left = last.expect("an estimate");
        assert!((done - 110.0).abs() < 1e-9, "{done}");
        assert!((left - 90.0).abs() < 2.0, "{left}");
    }

    #[test]
    fn no_estimate_before_any_progress() {
        let mut eta = Eta::new(10.0);
        assert_eq!(eta.update(0.1, 0.0), None);
        assert_eq!(eta.update(2.0, 0.0), None);
        let left = eta.update(4.0, 5.0).expect("estimate");
        assert!((left - 4.0).abs() < 1e-9, "{left}");
    }

    #[test]
    fn uniform_jobs_and_formatting() {
        assert_eq!(uniform_jobs_left(10.0, 0, 8), None);
        assert_eq!(uniform_jobs_left(10.0, 2, 8), Some(30.0));
        assert_eq!(format_left(None), "estimating time left");
        assert_eq!(format_left(Some(0.2)), "under 1 s left");
        assert_eq!(format_left(Some(34.6)), "about 35 s left");
        assert_eq!(format_left(Some(125.0)), "about 2 min 05 s left");
    }
}
