//! Named random streams: one independent ChaCha8 stream per `(kind, entity)`.
//!
//! Adding a sensor never changes another sensor's noise, and two architecture variants run on
//! the same seed see the same truth and the same sensor noise (common random numbers). ChaCha8
//! is a named, pinned algorithm; `StdRng` is not reproducible across `rand` versions.

pub use rand_chacha::ChaCha8Rng as Rng;
use rand_chacha::rand_core::SeedableRng;

/// What a stream is for. Values are part of the run identity: never renumber, only append.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u16)]
#[non_exhaustive]
pub enum StreamKind {
    /// Ballistic aim (impact) errors of one threat.
    AimError = 1,
    /// Launch-time jitter of one threat or departure jitter of one flight.
    TimingJitter = 2,
    /// Measurement noise of one sensor.
    SensorNoise = 3,
    /// False alarms of one sensor.
    Clutter = 4,
    /// Loss and jitter of one link.
    LinkLoss = 5,
    /// Kill assessment and intercept outcomes of one fire unit.
    KillAssessment = 6,
    /// Deterministic signing keys of one network node (when the scenario gives none).
    NodeKey = 7,
    /// Injection timing and choices of one adversary node.
    Adversary = 8,
}

/// Largest entity number a stream id can hold without aliasing another kind's streams.
pub const MAX_ENTITY: u64 = (1 << 48) - 1;

/// The stream for `(kind, entity)` under `master_seed`.
pub fn stream(master_seed: u64, kind: StreamKind, entity: u64) -> Rng {
    assert!(
        entity <= MAX_ENTITY,
        "entity id {entity} would alias another stream"
    );
    let mut rng = Rng::seed_from_u64(master_seed);
    rng.set_stream(((kind as u64) << 48) | entity);
    rng
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4)
            .map({
                let mut r = stream(7, StreamKind::SensorNoise, 3);
                move |_| r.random()
            })
            .collect();
        let b: Vec<u64> = (0..4)
            .map({
                let mut r = stream(7, StreamKind::SensorNoise, 3);
                move |_| r.random()
            })
            .collect();
        let c: u64 = stream(7, StreamKind::SensorNoise, 4).random();
        let d: u64 = stream(7, StreamKind::Clutter, 3).random();
        assert_eq!(a, b);
        assert_ne!(a[0], c);
        assert_ne!(a[0], d);
    }

    /// Pins the algorithm: if this changes, every stored run identity changes with it.
    #[test]
    fn regress_stream_values_are_pinned() {
        let v: u64 = stream(1, StreamKind::AimError, 0).random();
        let w: u64 = stream(1, StreamKind::AimError, 0).random();
        assert_eq!(v, w);
        assert_eq!(
            v, PINNED_FIRST_DRAW,
            "ChaCha8 stream output changed: run identities break"
        );
    }
    const PINNED_FIRST_DRAW: u64 = 16_211_689_357_093_010_036;
}
