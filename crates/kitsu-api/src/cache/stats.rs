//! The cache's counters and their snapshot, [`CacheStats`].

use std::sync::atomic::{AtomicU64, Ordering};

/// What a [`Cache`](crate::Cache) has done since it was made: a snapshot, read with
/// [`Cache::stats`](crate::Cache::stats).
///
/// Every GET sent through a client while its cache is on is counted once, as a hit, a
/// revalidation or a miss, so `hits + revalidations + misses` is the number of GETs and
/// `revalidations + misses` the number that reached the server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CacheStats {
    /// GETs answered from memory without a request (reference data within its time to live).
    pub hits: u64,
    /// GETs the server answered in full (nothing stored, stored data expired or changed, or
    /// an error).
    pub misses: u64,
    /// GETs sent with `If-None-Match` that the server answered `304 Not Modified`: the stored
    /// body was served and the server sent none.
    pub revalidations: u64,
    /// Entries removed before their time: by an event ([`Cache::on_event`](crate::Cache::on_event)),
    /// by a write through the client, by [`Cache::clear`](crate::Cache::clear), by a 4xx
    /// answer for their URL, or to stay within the byte budget.
    pub evictions: u64,
    /// Entries held now.
    pub entries: usize,
    /// Body bytes held now.
    pub bytes: usize,
}

/// The counters, shared by every clone of a cache.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    hits: AtomicU64,
    misses: AtomicU64,
    revalidations: AtomicU64,
    evictions: AtomicU64,
}

impl Counters {
    pub(crate) fn hit(&self) {
        self.hits.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn miss(&self) {
        self.misses.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn revalidation(&self) {
        self.revalidations.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn evicted(&self, count: usize) {
        self.evictions.fetch_add(count as u64, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self, entries: usize, bytes: usize) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            revalidations: self.revalidations.load(Ordering::Relaxed),
            evictions: self.evictions.load(Ordering::Relaxed),
            entries,
            bytes,
        }
    }
}
