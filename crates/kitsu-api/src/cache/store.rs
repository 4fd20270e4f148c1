//! The stored answers, behind one lock that is never held across an await.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use bytes::Bytes;
use http::{HeaderMap, HeaderValue};
use tokio::time::Instant;

use super::identity::Identity;
use super::kind::Kind;

/// Where an answer is kept: who asked, and the absolute URL with its query.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    pub(crate) identity: Identity,
    pub(crate) url: String,
}

/// A `200` answer, kept whole.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The validator to send back as `If-None-Match`, if the server gave one.
    pub(crate) etag: Option<HeaderValue>,
    /// The reference collection it belongs to, if the memo may serve it without asking.
    pub(crate) kind: Option<Kind>,
    pub(crate) stored_at: Instant,
}

/// How many vouched tokens are remembered before the set starts afresh (a refresh every few
/// minutes for days, or many users in one process).
const MAX_VOUCHED: usize = 4096;

#[derive(Debug, Default)]
struct State {
    entries: HashMap<Key, Arc<Entry>>,
    bytes: usize,
    /// Bumped by every eviction of a kind, so that an answer read before the eviction is not
    /// stored after it.
    epochs: [u64; Kind::COUNT],
    /// Fingerprints of the tokens the server has accepted through this cache.
    vouched: HashSet<u64>,
}

#[derive(Debug)]
pub(crate) struct Store {
    state: Mutex<State>,
    max_bytes: usize,
}

impl Store {
    pub(crate) fn new(max_bytes: usize) -> Store {
        Store {
            state: Mutex::default(),
            max_bytes,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn get(&self, key: &Key) -> Option<Arc<Entry>> {
        self.state().entries.get(key).cloned()
    }

    /// The current epoch of `kind` (see [`Store::insert`]).
    pub(crate) fn epoch(&self, kind: Kind) -> u64 {
        self.state().epochs[kind.index()]
    }

    /// Keeps `entry` under `key`, unless its kind was evicted since `epoch` was read (the
    /// answer may predate the change that evicted it). Returns how many older entries went to
    /// stay within the byte budget.
    pub(crate) fn insert(&self, key: Key, entry: Entry, epoch: u64) -> usize {
        let mut state = self.state();
        if entry
            .kind
            .is_some_and(|kind| state.epochs[kind.index()] != epoch)
        {
            return 0;
        }
        state.bytes += entry.body.len();
        if let Some(old) = state.entries.insert(key, Arc::new(entry)) {
            state.bytes -= old.body.len();
        }
        let mut evicted = 0;
        while state.bytes > self.max_bytes {
            let Some(oldest) = state
                .entries
                .iter()
                .min_by_key(|(_, entry)| entry.stored_at)
                .map(|(key, _)| key.clone())
            else {
                break;
            };
            remove(&mut state, &oldest);
            evicted += 1;
        }
        evicted
    }

    /// Removes the entry under `key`; whether there was one.
    pub(crate) fn remove(&self, key: &Key) -> bool {
        remove(&mut self.state(), key)
    }

    /// Removes every entry of `kind`, whoever stored it; how many.
    pub(crate) fn evict(&self, kind: Kind) -> usize {
        let mut state = self.state();
        state.epochs[kind.index()] += 1;
        let before = state.entries.len();
        let mut freed = 0;
        state.entries.retain(|_, entry| {
            let keep = entry.kind != Some(kind);
            if !keep {
                freed += entry.body.len();
            }
            keep
        });
        state.bytes -= freed;
        before - state.entries.len()
    }

    /// Removes everything; how many entries.
    pub(crate) fn clear(&self) -> usize {
        let mut state = self.state();
        for epoch in &mut state.epochs {
            *epoch += 1;
        }
        state.bytes = 0;
        let count = state.entries.len();
        state.entries.clear();
        count
    }

    /// Records that the server accepted the token with this fingerprint.
    pub(crate) fn vouch(&self, fingerprint: u64) {
        let mut state = self.state();
        if state.vouched.len() >= MAX_VOUCHED && !state.vouched.contains(&fingerprint) {
            state.vouched.clear();
        }
        state.vouched.insert(fingerprint);
    }

    /// Whether the server has accepted this token through this cache. The memo serves only
    /// such tokens: an identity is read from a JWT's payload without checking its signature,
    /// so a forged token naming someone else's `sub` must first get past the server (which
    /// refuses it) before it can be answered from memory.
    pub(crate) fn is_vouched(&self, fingerprint: u64) -> bool {
        self.state().vouched.contains(&fingerprint)
    }

    /// Entries and body bytes held.
    pub(crate) fn size(&self) -> (usize, usize) {
        let state = self.state();
        (state.entries.len(), state.bytes)
    }
}

fn remove(state: &mut State, key: &Key) -> bool {
    match state.entries.remove(key) {
        Some(entry) => {
            state.bytes -= entry.body.len();
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(url: &str) -> Key {
        Key {
            identity: Identity::Token(1),
            url: url.into(),
        }
    }

    fn entry(size: usize, kind: Option<Kind>) -> Entry {
        Entry {
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; size]),
            etag: None,
            kind,
            stored_at: Instant::now(),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_oldest_entries_go_to_stay_within_the_budget() {
        let store = Store::new(10);
        assert_eq!(store.insert(key("a"), entry(4, None), 0), 0);
        tokio::time::advance(std::time::Duration::from_secs(1)).await;
        assert_eq!(store.insert(key("b"), entry(4, None), 0), 0);
        tokio::time::advance(std::time::Duration::from_secs(1)).await;
        assert_eq!(store.insert(key("c"), entry(4, None), 0), 1);
        assert!(store.get(&key("a")).is_none());
        assert_eq!(store.size(), (2, 8));
        // Replacing an entry counts its size once.
        assert_eq!(store.insert(key("c"), entry(2, None), 0), 0);
        assert_eq!(store.size(), (2, 6));
    }

    #[test]
    fn an_answer_read_before_an_eviction_is_not_stored_after_it() {
        let store = Store::new(100);
        let epoch = store.epoch(Kind::TaskTypes);
        assert_eq!(store.evict(Kind::TaskTypes), 0);
        store.insert(key("a"), entry(1, Some(Kind::TaskTypes)), epoch);
        assert!(store.get(&key("a")).is_none());
        let epoch = store.epoch(Kind::TaskTypes);
        store.insert(key("a"), entry(1, Some(Kind::TaskTypes)), epoch);
        assert!(store.get(&key("a")).is_some());
    }

    #[test]
    fn eviction_takes_one_kind_only() {
        let store = Store::new(100);
        store.insert(key("types"), entry(3, Some(Kind::TaskTypes)), 0);
        store.insert(key("projects"), entry(5, Some(Kind::Projects)), 0);
        store.insert(key("board"), entry(7, None), 0);
        assert_eq!(store.evict(Kind::Projects), 1);
        assert_eq!(store.size(), (2, 10));
        assert_eq!(store.clear(), 2);
        assert_eq!(store.size(), (0, 0));
    }

    #[test]
    fn the_vouched_set_is_bounded() {
        let store = Store::new(100);
        for fingerprint in 0..MAX_VOUCHED as u64 {
            store.vouch(fingerprint);
        }
        assert!(store.is_vouched(0));
        store.vouch(u64::MAX);
        assert!(store.is_vouched(u64::MAX));
        assert!(!store.is_vouched(0));
    }
}
