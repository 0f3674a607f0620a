//! A one-entry memo for `&self` queries that are asked again and again at the same instant
//! (a node's picture predicted to `now` is read by the frame, the status line, the sampler and
//! the command in one simulated instant).
//!
//! The owner clears the memo whenever the state the query reads changes ([`Memo::clear`]
//! takes `&mut self`, so it is free), and keys it by what the query takes (the time). A hit
//! returns a clone of exactly what the computation returned: records do not depend on
//! whether the memo hit. A `Mutex` rather than a `RefCell` keeps the owner `Sync`.

use std::sync::Mutex;

/// One remembered `(key, value)`.
pub struct Memo<K, V> {
    slot: Mutex<Option<(K, V)>>,
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    /// An empty memo.
    pub fn new() -> Self {
        Memo {
            slot: Mutex::new(None),
        }
    }

    /// The value remembered for `key`, else `compute()` (remembered in place of the last).
    pub fn get_or(&self, key: K, compute: impl FnOnce() -> V) -> V {
        if let Some((k, v)) = &*self.lock()
            && *k == key
        {
            return v.clone();
        }
        // Computed outside the lock: a panic in `compute` leaves the memo as it was.
        let v = compute();
        *self.lock() = Some((key, v.clone()));
        v
    }

    /// Forgets the remembered value (the state it was computed from changed).
    pub fn clear(&mut self) {
        *self.slot.get_mut().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(K, V)>> {
        // A poisoned lock only means a computation panicked elsewhere; the slot is whole.
        self.slot.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<K: PartialEq, V: Clone> Default for Memo<K, V> {
    fn default() -> Self {
        Memo::new()
    }
}

impl<K: Clone, V: Clone> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner()).clone();
        Memo {
            slot: Mutex::new(slot),
        }
    }
}

impl<K, V> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use std::cell::Cell;

    #[test]
    fn a_memo_computes_once_per_key_and_again_after_clear() {
        let calls = Cell::new(0);
        let mut m: Memo<u32, Vec<u32>> = Memo::new();
        let f = |k: u32| {
            calls.set(calls.get() + 1);
            vec![k; 3]
        };
        assert_eq!(m.get_or(1, || f(1)), vec![1, 1, 1]);
        assert_eq!(m.get_or(1, || f(1)), vec![1, 1, 1]);
        assert_eq!(calls.get(), 1);
        assert_eq!(m.get_or(2, || f(2)), vec![2, 2, 2]);
        assert_eq!(calls.get(), 2);
        m.clear();
        assert_eq!(m.get_or(2, || f(2)), vec![2, 2, 2]);
        assert_eq!(calls.get(), 3);
        let copy = m.clone();
        assert_eq!(copy.get_or(2, || f(2)), vec![2, 2, 2]);
        assert_eq!(calls.get(), 3, "a clone keeps the remembered value");
    }
}
