//! An opt-in cache of GET answers, [`Cache`]: a memo of reference data with a time to live,
//! conditional GETs where Zou answers `ETag`, and eviction by events and writes.
//!
//! - `config`: [`CacheConfig`]; `stats`: [`CacheStats`] and the counters.
//! - `kind`: which reference collections the memo keeps, by path and by event name.
//! - `identity`: who a token speaks for (a JWT's subject, or the token's hash).
//! - `store`: the stored answers behind one lock; `body`: reading an answer whole to keep it.
//! - `exchange`: the cache on the request path.

mod body;
mod config;
mod exchange;
mod identity;
mod kind;
mod stats;
mod store;

use std::fmt;
use std::hash::RandomState;
use std::sync::Arc;

use http::{Request, Response};
use kitsu_transport::{Error, RequestBody, ResponseBody, Transport};

pub use config::CacheConfig;
pub use stats::CacheStats;

use kind::Kind;
use stats::Counters;
use store::Store;

use crate::Client;

/// A cache of GET answers, off unless a client is given one ([`Client::with_cache`], or
/// `Kitsu::with_cache` in the facade). Cheap to clone; clones share the answers and the
/// counters, so one cache may serve several clients, several users included.
///
/// It does three things:
///
/// - **A memo of reference data**: task types, task statuses, asset types (entity types),
///   departments, projects (the lists, the open and all projects, one by id), project statuses
///   and persons are answered from memory for [`CacheConfig::ttl`] (2 minutes by default) after
///   the server last gave them. Nothing else is memoised: a project's shots or tasks change all
///   day.
/// - **Conditional GETs**: an answer that carries an `ETag` is kept, and the next GET of the
///   same URL sends `If-None-Match`; on `304 Not Modified` the kept body is served and the
///   server sent none. Zou 1.0.97 answers so for `data/shots/with-tasks?project_id=…`,
///   `data/assets/with-tasks?project_id=…`, `data/projects/<id>/tasks` and preview files
///   (pictures, movies, downloads); these are always asked for again, never served unasked.
/// - **Eviction**: a write through the client (POST, PUT, PATCH, DELETE) under a memoised collection
///   evicts that collection once the write has been answered, whatever the answer; events of
///   the server evict what they make stale ([`Cache::on_event`]).
///
/// What holds, always:
///
/// - **Answers are kept per identity**: the key is the URL (with its query) and who the token
///   speaks for (the `identity_type` and `sub` of Zou's JWT, which survive a refresh; any
///   other token is its own identity). Two users never see each other's answers, and the memo
///   serves a token only once the server has accepted it through this cache (so a forged JWT
///   naming someone else gets nothing from memory).
/// - **Only `200` answers to GETs are kept**; errors never are (a 4xx for a URL also evicts
///   what was kept for it), nor answers to any other method, nor answers to a URL outside the
///   base URL's origin, nor requests without a token.
/// - **Memory is bounded**: bodies over [`CacheConfig::max_entry_bytes`] pass through
///   untouched (a movie is never held), and past [`CacheConfig::max_bytes`] the oldest entries
///   go.
///
/// Two identical GETs at once both go to the server (there is no single flight).
///
/// ```
/// use kitsu_api::{Cache, CacheConfig, Client};
/// use kitsu_transport::Transport;
/// use std::time::Duration;
///
/// # fn demo() -> Result<(), kitsu_transport::Error> {
/// let cache = Cache::new(CacheConfig::default().ttl(Duration::from_secs(300)));
/// let client = Client::new(Transport::new("https://kitsu.mystudio.com/api")?).with_cache(cache.clone());
/// // … use the client; then:
/// let stats = cache.stats();
/// println!("{} hits, {} misses, {} revalidated", stats.hits, stats.misses, stats.revalidations);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Cache {
    inner: Arc<Inner>,
}

struct Inner {
    config: CacheConfig,
    store: Store,
    counters: Counters,
    /// Random keys for the tokens' fingerprints: a token is never stored, only its hash.
    hasher: RandomState,
}

impl Cache {
    /// A cache with these settings.
    pub fn new(config: CacheConfig) -> Cache {
        Cache {
            inner: Arc::new(Inner {
                store: Store::new(config.max_bytes),
                config,
                counters: Counters::default(),
                hasher: RandomState::new(),
            }),
        }
    }

    /// Its settings.
    pub fn config(&self) -> &CacheConfig {
        &self.inner.config
    }

    /// What it has done so far, and what it holds.
    pub fn stats(&self) -> CacheStats {
        let (entries, bytes) = self.inner.store.size();
        self.inner.counters.snapshot(entries, bytes)
    }

    /// Evicts what a server event makes stale; returns how many entries went.
    ///
    /// `name` is the event's name as Zou emits it: the table before the colon decides, `_` and
    /// `-` alike (`task-type:update` and `task_type:new` evict task types). Task types, task
    /// statuses, asset types (`asset-type:*`, `entity-type:*`), departments, projects
    /// (`project:*`, which Zou also emits when a project's settings change), project statuses
    /// and persons have events; any other event evicts nothing, at the cost of a string
    /// comparison and no lock. Every entry of the collection goes, whoever stored it (a list
    /// embeds the changed row). `payload` is not read today: it is taken so that finer
    /// eviction can come without a change for callers.
    ///
    /// It is synchronous and cheap (a short lock over the entries), for an event stream to call
    /// on every event it receives:
    ///
    /// ```
    /// use kitsu_api::Cache;
    /// use serde_json::json;
    ///
    /// let cache = Cache::default();
    /// cache.on_event("task-type:update", &json!({"task_type_id": "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11"}));
    /// cache.on_event("task:update", &json!({})); // not reference data: nothing to do
    /// ```
    pub fn on_event(&self, name: &str, payload: &serde_json::Value) -> usize {
        let _ = payload;
        Kind::of_event(name).map_or(0, |kind| self.evict(kind))
    }

    /// Removes every entry (after a gap in the events, say); returns how many went.
    pub fn clear(&self) -> usize {
        let count = self.inner.store.clear();
        self.inner.counters.evicted(count);
        count
    }

    fn evict(&self, kind: Kind) -> usize {
        let count = self.inner.store.evict(kind);
        self.inner.counters.evicted(count);
        count
    }
}

impl Default for Cache {
    /// A cache with [`CacheConfig::default`].
    fn default() -> Self {
        Cache::new(CacheConfig::default())
    }
}

impl fmt::Debug for Cache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cache")
            .field("config", &self.inner.config)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

/// Sends a request through the client's cache, if it has one.
pub(crate) async fn send(
    cache: Option<&Cache>,
    transport: &Transport,
    request: Request<RequestBody>,
) -> Result<Response<ResponseBody>, Error> {
    match cache {
        Some(cache) => cache.exchange(transport, request).await,
        None => transport.send(request).await,
    }
}

impl Client {
    /// This client with `cache` on its GETs (see [`Cache`]). Clones made after share it; a
    /// cache may be shared with other clients, of other users too.
    ///
    /// ```no_run
    /// # async fn demo(client: kitsu_api::Client) -> Result<(), kitsu_api::ApiError> {
    /// use kitsu_api::Cache;
    ///
    /// let client = client.with_cache(Cache::default());
    /// let first = client.task_types().list().await?; // asks the server
    /// let again = client.task_types().list().await?; // from memory
    /// assert_eq!(client.cache().map(|cache| cache.stats().hits), Some(1));
    /// # Ok(()) }
    /// ```
    pub fn with_cache(mut self, cache: Cache) -> Self {
        self.cache = Some(cache);
        self
    }

    /// The client's cache, if it has one: its [`stats`](Cache::stats), and
    /// [`on_event`](Cache::on_event) for an event stream.
    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }
}
