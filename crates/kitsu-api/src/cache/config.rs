//! [`CacheConfig`]: the cache's knobs.

use std::time::Duration;

/// How a [`Cache`](crate::Cache) keeps answers. Start from [`CacheConfig::default`] and change
/// what you need; new settings may be added without a breaking change:
///
/// ```
/// use std::time::Duration;
/// use kitsu_api::CacheConfig;
///
/// let config = CacheConfig::default().ttl(Duration::from_secs(600));
/// assert_eq!(config.ttl, Duration::from_secs(600));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CacheConfig {
    /// How long reference data (task types, statuses, asset types, departments, projects,
    /// project statuses, persons) is served from memory before it is asked for again.
    /// 2 minutes by default, as gazu's cache. Zero keeps nothing in the memo (conditional GETs
    /// still work).
    pub ttl: Duration,
    /// The most body bytes held in all; past it, the oldest entries go. 128 MiB by default.
    pub max_bytes: usize,
    /// The largest body kept (bigger answers, a movie download, pass through untouched).
    /// 32 MiB by default; never more than [`max_bytes`](Self::max_bytes).
    pub max_entry_bytes: usize,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig {
            ttl: Duration::from_secs(120),
            max_bytes: 128 << 20,
            max_entry_bytes: 32 << 20,
        }
    }
}

impl CacheConfig {
    /// Sets how long reference data is served from memory.
    #[must_use]
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// Sets the most body bytes held in all.
    #[must_use]
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Sets the largest body kept.
    #[must_use]
    pub fn max_entry_bytes(mut self, max_entry_bytes: usize) -> Self {
        self.max_entry_bytes = max_entry_bytes;
        self
    }

    /// The largest body kept, within the budget.
    pub(crate) fn entry_limit(&self) -> usize {
        self.max_entry_bytes.min(self.max_bytes)
    }
}
