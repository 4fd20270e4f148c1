//! The HTTP engine of kitsu-rs: hyper + rustls under a tower stack. It knows HTTP, not Kitsu.
//!
//! A [`Transport`] is a cheap, cloneable handle on that stack: it joins relative paths to a base
//! URL, sends a product `User-Agent`, injects the bearer token of a shared [`TokenCell`] (and,
//! when a [`RefreshHook`] says an answer means the token expired, refreshes it single-flight and
//! replays the request once), retries transient failures with full-jitter backoff under a shared
//! budget, honours `Retry-After`, caps requests in flight and their rate across every clone,
//! times out each attempt, decompresses gzip and traces every request.
//!
//! It knows nothing of Kitsu's routes (that is `kitsu-api`'s job), of passwords or of how Zou
//! says a token expired (that is `kitsu-session`'s, through its [`RefreshHook`]).
//!
//! - [`TransportBuilder`] sets every knob and checks it: a bad setting is an
//!   [`Error::Builder`] naming it.
//! - [`layer`] holds the stack's layers as public tower layers ([`BaseUrlLayer`],
//!   [`TraceLayer`], [`RetryLayer`], [`AuthLayer`], [`RateLimitLayer`], [`InFlightLayer`],
//!   [`TimeoutLayer`]), which the builder stacks and which work in any `tower::ServiceBuilder`.
//! - [`RetryConfig`] and [`RetryBudget`] are built from their defaults with setters.
//!
//! ```no_run
//! # async fn demo() -> Result<(), kitsu_transport::Error> {
//! use kitsu_transport::{BearerToken, RequestBody, RetryConfig, Transport};
//!
//! let transport = Transport::builder("http://127.0.0.1:5000")
//!     .bearer_token(BearerToken::new("eyJ…"))
//!     .retry(RetryConfig::default().max_attempts(6))
//!     .build()?;
//! // Relative URIs (origin form: a leading slash) are joined to the base URL;
//! // `transport.url("data/projects")` builds the absolute one.
//! let request = http::Request::get("/data/projects")
//!     .body(RequestBody::empty())
//!     .expect("a valid request");
//! let response = transport.send(request).await?;
//! let body = response.into_body().bytes().await.map_err(kitsu_transport::Error::Service)?;
//! println!("{}", String::from_utf8_lossy(&body));
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod body;
mod builder;
mod connector;
mod error;
pub mod layer;
mod retry;
mod token;
mod transport;
mod url;

pub use body::{ByteStream, RequestBody, ResponseBody};
pub use builder::{DEFAULT_MAX_IN_FLIGHT, DEFAULT_USER_AGENT, TransportBuilder};
pub use error::{BoxError, Error, SharedError, StatusError};
pub use layer::{
    AuthLayer, BaseUrlLayer, InFlightLayer, RateLimitLayer, RequestTimeout, RetryLayer,
    TimeoutLayer, TraceLayer,
};
pub use retry::{Jitter, RetryBudget, RetryConfig};
pub use token::{BearerToken, RefreshHook, TokenCell};
pub use transport::{Transport, WeakTransport};
pub use url::BaseUrl;

/// A type-erased [`layer::InnerService`]: requests with a [`RequestBody`] in, responses with a
/// [`ResponseBody`] out, [`Error`] on failure. `Clone + Send + Sync`, no `Buffer` task. The whole
/// stack ([`Transport::service`]) is one, and so is what a layer added with
/// [`TransportBuilder::layer`] wraps.
pub type HttpService = tower::util::BoxCloneSyncService<
    http::Request<RequestBody>,
    http::Response<ResponseBody>,
    Error,
>;

/// How many attempts a response took, as a response extension (set when retries are on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempts(pub u32);

pub use http;
