//! The async Rust client for [Kitsu](https://www.cg-wire.com/kitsu), the production tracker of
//! animation and VFX studios (its API server is Zou).
//!
//! What `gazu.aio` offers, typed, bounded, resilient, and testable without a server.
//!
//! # Start here
//!
//! [`create_session`] logs in and returns a [`Kitsu`]: every API call, tied to the
//! [`Session`] that refreshes its token and logs out. [`Kitsu::scoped`] always logs out, as
//! `async with gazu.aio.create_session(...)` does, even when its future is cancelled.
//!
//! ```no_run
//! use kitsu::prelude::*;
//!
//! #[tokio::main]
//! async fn main() -> Result<(), kitsu::Error> {
//!     let kitsu = kitsu::create_session("https://kitsu.mystudio.com/api", "me@mystudio.com", "password").await?;
//!     kitsu
//!         .scoped(|kitsu| async move {
//!             for project in kitsu.projects().open().await? {
//!                 let shots = kitsu.project(project.id).shots().await?;
//!                 println!("{}: {} shots", project.name, shots.len());
//!             }
//!             Ok(())
//!         })
//!         .await
//! }
//! ```
//!
//! # What a [`Kitsu`] offers
//!
//! A `Kitsu` derefs to the API [`Client`]: every call below is reached as `kitsu.call(…)`.
//!
//! - **The domain handles**, mirroring Zou's nested routes, with typed ids ([`ids`]: a
//!   `ShotId` is not a `TaskId`) and typed models ([`models`]): [`Client::projects`],
//!   [`Client::project`], [`Client::shot`], [`Client::task`], [`Client::preview_file`],
//!   [`Client::me`], lookups ([`Client::task_types`], [`Client::task_statuses`]…) and the generic
//!   typed CRUD handle [`Client::collection`]. gazu's function names are rustdoc aliases: search
//!   for `all_shots_for_project`.
//! - **The raw verbs**, for any route: [`Client::get`], [`Client::post`], [`Client::put`],
//!   [`Client::delete`], decoding into any `Deserialize` type (`serde_json::Value` for untyped
//!   JSON). Paths are relative to the base URL, as written on the wire (`data/projects/open`);
//!   [`routes`] builds the declared ones.
//! - **Fetch helpers and pages**: [`Client::fetch_all`] (decoded element by element as the answer
//!   arrives), [`Client::fetch_first`], and Zou's pagination as lazy streams ([`Client::pages`],
//!   [`Client::items`]).
//! - **Files**: [`Client::upload`] streams multipart bodies from disk with an exact
//!   `Content-Length`; [`Client::download`] writes atomically (a temporary file renamed into place
//!   only when complete).
//! - **Concurrency**: requests are bounded (32 in flight by default, however many futures you
//!   join), retried when transient, and the token is refreshed once, single-flight, shortly
//!   before it expires (and after, if the server refuses it early). [`concurrent::map`] fans out
//!   with a bound, results in input order.
//! - **Bounds and faults**: each call has a deadline (2 minutes by default) and each answer read
//!   whole a size limit (128 MiB); a redirect is an error, never followed; an answer cut mid-way
//!   is read again when the request may be repeated. `docs/reliability.md` lists every fault and
//!   what the client does.
//! - **Errors** are typed ([`ApiError`], [`SessionError`], [`transport::Error`]) and name the
//!   URL, the status and Zou's message; [`Error`] is any of them.
//! - **Tuning the transport**: build one with [`Transport::builder`] (limits, rate, retries,
//!   timeouts, TLS roots, your own tower layers) and log in with [`Kitsu::log_in`].
//! - **Live events**: [`Kitsu::events`] gives Kitsu's change feed as a `Stream` ([`events`]):
//!   filtered by name and project, typed payloads, pings answered, reconnected with a fresh
//!   token, and (opt-in) what a reconnect missed replayed from the event log.
//! - **An opt-in cache** ([`Kitsu::with_cache`]): reference data (task types, statuses,
//!   projects…) served from memory for a time to live, kept per user; conditional GETs
//!   (`If-None-Match`, `304`) on the routes where Zou gives an `ETag`; eviction by writes and
//!   events; counters in [`Kitsu::cache_stats`].
//! - **Testing**: `kitsu-mock` is a fake Kitsu on loopback (its event server included); every
//!   example of this crate runs against it.
//!
//! # Big lists and many small calls
//!
//! [`Client::fetch_all`] decodes a list element by element as it arrives, so 50,000 tasks are
//! never held twice (as text and as models). For a fan-out of many small calls, a
//! current-thread runtime (`#[tokio::main(flavor = "current_thread")]`) keeps each answer on
//! the thread that awaits it and is the fastest choice; the multi-thread default works as well,
//! at the cost of a wake-up across threads per answer. `docs/benchmarks.md` has the numbers.
#![deny(missing_docs)]

use std::future::Future;

pub use kitsu_api::{
    ApiError, Cache, CacheConfig, CacheStats, Client, Collection, DEFAULT_PAGE_CONCURRENCY, Page,
    Progress, Query, Resource, ServerError, Upload, concurrent, handles, ids, models, routes,
};
/// Kitsu's live events as a `Stream`: see [`Kitsu::events`].
pub use kitsu_events as events;
pub use kitsu_session::{
    Credentials, LogoutGuard, SecondFactor, Secret, Session, SessionError, SessionKind,
    SessionTokens, User, api_version, host_is_up, host_is_valid,
};
pub use kitsu_transport::{
    self as transport, BearerToken, Jitter, MaxResponseSize, RequestDeadline, RequestTimeout,
    RetryBudget, RetryConfig, Transport, TransportBuilder,
};

/// The common imports: `use kitsu::prelude::*;`.
pub mod prelude {
    pub use crate::ids::*;
    pub use crate::models::*;
    pub use crate::{
        ApiError, Collection, Credentials, Kitsu, Query, Resource, Session, SessionError,
        Transport, Upload,
    };
}

/// Any failure of the facade's calls.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An API call failed.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// Logging in, out, or refreshing failed.
    #[error(transparent)]
    Session(#[from] SessionError),
    /// The event stream failed.
    #[error(transparent)]
    Events(#[from] kitsu_events::EventsError),
    /// The transport could not be built or the request got no answer.
    #[error(transparent)]
    Transport(#[from] kitsu_transport::Error),
}

impl From<ids::InvalidId> for Error {
    fn from(error: ids::InvalidId) -> Self {
        Error::Api(error.into())
    }
}

/// A logged-in client: the domain handles, the raw verbs, files and pages, and its
/// [`Session`]. Cheap to clone; clones share the session, the connection pool and the limits.
#[derive(Clone, Debug)]
pub struct Kitsu {
    client: Client,
    session: Session,
}

impl Kitsu {
    /// Logs in through `transport` (built with [`Transport::builder`] to tune limits, retries, TLS).
    pub async fn log_in(transport: Transport, credentials: Credentials) -> Result<Kitsu, Error> {
        Ok(Kitsu::from_session(
            Session::log_in(transport, credentials).await?,
        ))
    }

    /// Wraps an existing session (from saved tokens, or a bot token).
    pub fn from_session(session: Session) -> Kitsu {
        Kitsu {
            client: Client::new(session.transport().clone()),
            session,
        }
    }

    /// This client with `cache` on its GETs: reference data answered from memory for the
    /// cache's time to live, conditional GETs where Zou gives an `ETag`, per user (see
    /// [`Cache`]). Off unless turned on here; clones made after share it.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), kitsu::Error> {
    /// use std::time::Duration;
    /// use kitsu::{Cache, CacheConfig};
    ///
    /// let kitsu = kitsu::create_session("https://kitsu.mystudio.com/api", "me@mystudio.com", "password")
    ///     .await?
    ///     .with_cache(Cache::new(CacheConfig::default().ttl(Duration::from_secs(300))));
    /// let statuses = kitsu.task_statuses().list().await?; // asks the server
    /// let again = kitsu.task_statuses().list().await?; // from memory
    /// # Ok(()) }
    /// ```
    pub fn with_cache(mut self, cache: Cache) -> Kitsu {
        self.client = self.client.with_cache(cache);
        self
    }

    /// The cache, if it is on ([`Kitsu::with_cache`]): for [`Cache::on_event`] or
    /// [`Cache::clear`].
    pub fn cache(&self) -> Option<&Cache> {
        self.client.cache()
    }

    /// What the cache has done (hits, misses, revalidations, evictions) and holds; `None` when
    /// it is off.
    ///
    /// ```no_run
    /// # async fn demo(kitsu: kitsu::Kitsu) -> Result<(), kitsu::Error> {
    /// let kitsu = kitsu.with_cache(kitsu::Cache::default());
    /// kitsu.task_types().list().await?;
    /// kitsu.task_types().list().await?;
    /// if let Some(stats) = kitsu.cache_stats() {
    ///     println!("{} hits, {} misses, {} answered 304", stats.hits, stats.misses, stats.revalidations);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn cache_stats(&self) -> Option<CacheStats> {
        self.client.cache().map(Cache::stats)
    }

    /// The API client underneath (what the handles hold).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Logs out.
    pub async fn close(self) -> Result<(), Error> {
        Ok(self.session.close().await?)
    }

    /// Runs `work` and logs out afterwards, whether it succeeded, failed, panicked or was
    /// cancelled (its future dropped: a best-effort logout is spawned). `work` may return its
    /// own error type, as long as a [`kitsu::Error`](Error) converts into it.
    ///
    /// ```no_run
    /// # async fn demo(kitsu: kitsu::Kitsu) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    /// let count = kitsu
    ///     .scoped(|kitsu| async move {
    ///         let projects = kitsu.projects().list().await?;
    ///         Ok::<_, Box<dyn std::error::Error + Send + Sync>>(projects.len())
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn scoped<F, Fut, T, E>(self, work: F) -> Result<T, E>
    where
        F: FnOnce(Kitsu) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: From<Error>,
    {
        let client = self.client;
        self.session
            .scoped_with(
                |session| work(Kitsu { client, session }),
                |error| E::from(Error::Session(error)),
            )
            .await
    }
}

/// The domain handles.
impl Kitsu {
    /// Kitsu's live events: filters, then [`connect`](events::EventsBuilder::connect) for a
    /// `Stream` of [`Event`](events::Event)s, with this session's token (refreshed when the
    /// event server refuses it).
    ///
    /// ```no_run
    /// # async fn demo(kitsu: kitsu::Kitsu, project: kitsu::ids::ProjectId) -> Result<(), kitsu::Error> {
    /// use futures_util::StreamExt;
    /// use kitsu::events::{EventData, EventName};
    ///
    /// let mut events = kitsu
    ///     .events()
    ///     .name(EventName::TASK_STATUS_CHANGED)
    ///     .project(project)
    ///     .replay_missed(true)
    ///     .connect()
    ///     .await?;
    /// while let Some(event) = events.next().await {
    ///     if let EventData::TaskStatusChanged(change) = event?.data() {
    ///         println!("task {} is now {}", change.task_id, change.new_task_status_id);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "init")]
    #[doc(alias = "add_listener")]
    #[doc(alias = "run_client")]
    pub fn events(&self) -> kitsu_events::EventsBuilder {
        kitsu_events::EventsBuilder::new(&self.client)
    }
}

/// Every call of the API: the domain handles (`kitsu.project(id).shots()`), the generic typed
/// CRUD handle, the raw verbs, fetch helpers, pages and files are [`Client`]'s, reached
/// through this `Deref`, so a `Kitsu` is used wherever the docs show a `Client`.
impl std::ops::Deref for Kitsu {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

/// Logs in to the Kitsu at `host` (`https://kitsu.mystudio.com/api`, or a bare Zou's
/// `http://127.0.0.1:5000`) with every default of the transport. To tune the transport, build
/// one with [`Transport::builder`] and use [`Kitsu::log_in`].
pub async fn create_session(
    host: &str,
    email: &str,
    password: impl Into<Secret>,
) -> Result<Kitsu, Error> {
    let transport = Transport::new(host)?;
    Kitsu::log_in(transport, Credentials::new(email, password)).await
}
