//! The HTTP engine of kitsu-rs: hyper + rustls under a tower stack. It knows HTTP, not Kitsu.
//!
//! A [`Transport`] is a cheap, cloneable handle on that stack: it joins relative paths to a base
//! URL, sends a product `User-Agent`, injects the bearer token of a shared [`TokenCell`] as the
//! request leaves (refreshing it, single-flight, before it expires when its expiry is known,
//! and, when a [`RefreshHook`] says an answer means the token expired, refreshing it and
//! replaying the request once), retries transient failures with full-jitter backoff under a
//! shared budget, honours `Retry-After`, caps requests in flight and their rate across every
//! clone, times out each attempt, bounds each call with a deadline and each response body with a
//! size limit, refuses redirects, decompresses gzip and traces every request.
//! [`Transport::send_and_read`] also replays an idempotent request whose body was cut mid-way.
//!
//! It knows nothing of Kitsu's routes (that is `kitsu-api`'s job), of passwords or of how Zou
//! says a token expired (that is `kitsu-session`'s, through its [`RefreshHook`]).
//!
//! - [`TransportBuilder`] sets every knob and checks it: a bad setting is an
//!   [`Error::Builder`] naming it.
//! - [`layer`] holds the stack's layers as public tower layers ([`BaseUrlLayer`],
//!   [`TraceLayer`], [`DeadlineLayer`], [`RedirectLayer`], [`BodyLimitLayer`], [`RetryLayer`],
//!   [`RateLimitLayer`], [`InFlightLayer`], [`AuthLayer`], [`TimeoutLayer`]), which the builder
//!   stacks and which work in any `tower::ServiceBuilder`.
//! - Request extensions change one request: [`RequestTimeout`], [`RequestDeadline`],
//!   [`MaxResponseSize`], [`Idempotent`], [`BypassLimits`]. Response extensions tell what
//!   happened: [`Attempts`], [`RetryStopped`].
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
mod call;
mod connector;
mod error;
pub mod layer;
mod replay;
mod retry;
mod token;
mod transport;
mod url;

pub use body::{ByteStream, RequestBody, ResponseBody};
pub use builder::{
    DEFAULT_DEADLINE, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_USER_AGENT,
    TransportBuilder,
};
pub use error::{BoxError, Error, RedirectHint, SharedError, StatusError};
pub use layer::{
    AuthLayer, BaseUrlLayer, BodyLimitLayer, BypassLimits, DeadlineLayer, InFlightLayer,
    MaxResponseSize, RateLimitLayer, RedirectLayer, RequestDeadline, RequestTimeout, RetryLayer,
    TimeoutLayer, TraceLayer,
};
pub use retry::{Idempotent, Jitter, RetryBudget, RetryConfig, RetryStopped};
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

/// How many attempts a response took, as a response extension (set when retries are on). The
/// replays of a cut body ([`Transport::send_and_read`]) count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempts(pub u32);

pub use http;
