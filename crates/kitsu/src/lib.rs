//! The async Rust client for [Kitsu](https://www.cg-wire.com/kitsu), the production tracker of
//! animation and VFX studios (its API server is Zou).
//!
//! What `gazu.aio` offers, typed, bounded, resilient, and testable without a server:
//!
//! - [`create_session`] logs in and returns a [`Kitsu`]: a [`Client`] (every API call) tied to
//!   its [`Session`] (token refresh, logout). [`Kitsu::scoped`] always logs out, as
//!   `async with gazu.aio.create_session(...)` does.
//! - Requests are bounded (32 in flight by default, however many futures you join), retried
//!   when transient, and refreshed once, single-flight, when the token expires.
//! - Errors are typed ([`ApiError`], [`SessionError`]) and name the URL, the status and Zou's
//!   message.
//! - `kitsu-mock` is a fake Kitsu for your tests: every example here runs against it.
//!
//! ```no_run
//! use kitsu::prelude::*;
//!
//! #[tokio::main]
//! async fn main() -> Result<(), kitsu::Error> {
//!     let kitsu = kitsu::create_session("https://kitsu.mystudio.com/api", "me@mystudio.com", "password").await?;
//!     kitsu
//!         .scoped(|kitsu| async move {
//!             let (projects, task_types) = tokio::try_join!(
//!                 kitsu.fetch_all::<serde_json::Value>("projects/open"),
//!                 kitsu.fetch_all::<serde_json::Value>("task-types"),
//!             )?;
//!             println!("{} projects, {} task types", projects.len(), task_types.len());
//!             Ok(())
//!         })
//!         .await
//! }
//! ```
//!
//! ## Big lists and many small calls
//!
//! [`Client::fetch_all`] decodes a list element by element as it arrives, so 50,000 tasks are
//! never held twice (as text and as models). For a fan-out of many small calls, a
//! current-thread runtime (`#[tokio::main(flavor = "current_thread")]`) keeps each answer on
//! the thread that awaits it and is the fastest choice; the multi-thread default works as well,
//! at the cost of a wake-up across threads per answer. `docs/benchmarks.md` has the numbers.
#![deny(missing_docs)]

use std::future::Future;
use std::ops::Deref;

pub use kitsu_api::{
    ApiError, Client, DEFAULT_PAGE_CONCURRENCY, Page, Progress, Query, ServerError, Upload,
    check_id, concurrent, models, routes,
};
pub use kitsu_session::{
    Credentials, Secret, Session, SessionError, SessionKind, SessionTokens, User, api_version,
    host_is_up, host_is_valid,
};
pub use kitsu_transport::{
    self as transport, BearerToken, Jitter, RequestTimeout, RetryBudget, RetryConfig, Transport,
    TransportBuilder,
};

/// The common imports: `use kitsu::prelude::*;`.
pub mod prelude {
    pub use crate::models::*;
    pub use crate::{
        ApiError, Client, Credentials, Kitsu, Query, Session, SessionError, Transport, Upload,
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
    /// The transport could not be built or the request got no answer.
    #[error(transparent)]
    Transport(#[from] kitsu_transport::Error),
}

/// A logged-in client: every [`Client`] call (through `Deref`), plus its [`Session`].
/// Cheap to clone; clones share the session.
#[derive(Clone, Debug)]
pub struct Kitsu {
    client: Client,
    session: Session,
}

impl Deref for Kitsu {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
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

    /// The API client.
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

    /// Runs `work` and logs out afterwards, whether it succeeded, failed or panicked.
    pub async fn scoped<F, Fut, T>(self, work: F) -> Result<T, Error>
    where
        F: FnOnce(Kitsu) -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let client = self.client;
        self.session
            .scoped(|session| work(Kitsu { client, session }))
            .await
    }
}

/// Logs in to the Kitsu at `host` (`https://kitsu.mystudio.com/api`, or a bare Zou's
/// `http://127.0.0.1:5000`) with every default of the transport.
pub async fn create_session(host: &str, email: &str, password: &str) -> Result<Kitsu, Error> {
    let transport = Transport::new(host)?;
    Kitsu::log_in(transport, Credentials::new(email, password)).await
}
