//! The HTTP engine of kitsu-rs.
//!
//! A [`Transport`] is a cheap, cloneable handle on a tower stack over hyper: it joins relative
//! paths to a base URL, sends a product `User-Agent`, injects the bearer token of a shared
//! [`TokenCell`] (and refreshes it through a [`RefreshHook`] when the server says it expired,
//! single-flight), retries transient failures with full-jitter backoff under a shared budget,
//! honours `Retry-After`, caps requests in flight and their rate across every clone, times out
//! each attempt, decompresses gzip and traces every request.
//!
//! It knows nothing of Kitsu's routes: that is `kitsu-api`'s job. It knows nothing of
//! passwords: that is `kitsu-session`'s.
//!
//! ```no_run
//! # async fn demo() -> Result<(), kitsu_transport::Error> {
//! use kitsu_transport::{BearerToken, RequestBody, Transport};
//!
//! let transport = Transport::builder("http://127.0.0.1:5000")
//!     .bearer_token(BearerToken::new("eyJ…"))
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
mod layer;
mod retry;
mod token;
mod transport;
mod url;

pub use body::{ByteStream, RequestBody, ResponseBody};
pub use builder::{DEFAULT_MAX_IN_FLIGHT, DEFAULT_USER_AGENT, TransportBuilder};
pub use error::{BoxError, Error, SharedError, StatusError, server_message};
pub use layer::timeout::RequestTimeout;
pub use retry::{Jitter, RetryBudget, RetryConfig};
pub use token::{BearerToken, RefreshHook, TokenCell};
pub use transport::Transport;
pub use url::BaseUrl;

/// The type-erased service every layer wraps: requests with a [`RequestBody`] in, responses
/// with a [`ResponseBody`] out, [`Error`] on failure. `Clone + Send + Sync`, no `Buffer` task.
pub type HttpService = tower::util::BoxCloneSyncService<
    http::Request<RequestBody>,
    http::Response<ResponseBody>,
    Error,
>;

/// How many attempts a response took, as a response extension (set when retries are on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempts(pub u32);

pub use http;
