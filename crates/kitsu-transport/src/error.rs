//! The one error type of the transport.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode, Uri};

/// A boxed error, as tower and hyper pass them around.
pub type BoxError = Box<dyn StdError + Send + Sync>;

/// A shared error, for failures that many waiters observe at once (a failed token refresh).
pub type SharedError = Arc<dyn StdError + Send + Sync>;

/// Everything that can go wrong between building a request and reading its response.
///
/// Every variant names what was wrong: the URL, the method, the status, the server's words.
/// An HTTP error *status* is not an `Error` at this layer: the transport hands back the response
/// and the caller decides (see [`StatusError::from_response`] to turn one into an error).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A setting given to the builder or to a layer's constructor is out of range or malformed
    /// (`max_in_flight(0)`, a zero rate limit, a bad retry setting, a `User-Agent` or bearer
    /// token that cannot be a header value, PEM data with no certificate, …).
    #[error("invalid setting {setting}: {reason}")]
    Builder {
        /// The setting, as the builder method names it (`max_in_flight`, `retry.max_attempts`).
        setting: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The base URL given to the builder cannot be used.
    #[error("invalid base URL `{url}`: {reason}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A request URL could not be built or joined to the base URL.
    #[error("invalid request URL `{url}`: {reason}")]
    InvalidUrl {
        /// The URL or path as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The TLS configuration could not be assembled (no usable roots, a root the store refuses).
    #[error("TLS configuration failed: {0}")]
    TlsConfig(String),
    /// The TCP connection could not be opened (refused, unreachable, DNS failure, connect timeout).
    #[error("could not connect to {url}: {}", chain(.source.as_ref()))]
    Connect {
        /// The URL of the request.
        url: Uri,
        /// The underlying failure.
        #[source]
        source: BoxError,
    },
    /// The TLS handshake failed (unknown issuer, bad certificate, protocol mismatch).
    #[error("TLS handshake with {url} failed: {}", chain(.source.as_ref()))]
    Tls {
        /// The URL of the request.
        url: Uri,
        /// The underlying failure.
        #[source]
        source: BoxError,
    },
    /// No response head arrived within the per-attempt timeout.
    #[error("{method} {url} timed out after {after:?}")]
    Timeout {
        /// The request method.
        method: Method,
        /// The URL of the request.
        url: Uri,
        /// The timeout that expired.
        after: Duration,
    },
    /// The request was sent (or partly sent) and failed before a response head arrived.
    #[error("{method} {url} failed: {}", chain(.source.as_ref()))]
    Request {
        /// The request method.
        method: Method,
        /// The URL of the request.
        url: Uri,
        /// Whether the connection was closed under the request (a transient failure).
        connection_closed: bool,
        /// The underlying failure.
        #[source]
        source: BoxError,
    },
    /// Reading the response body failed.
    #[error("reading the response body of {url} failed: {}", chain(.source.as_ref()))]
    Body {
        /// The URL of the request.
        url: Uri,
        /// The underlying failure.
        #[source]
        source: BoxError,
    },
    /// The response body was larger than the caller allowed (see
    /// [`TransportBuilder::max_response_size`](crate::TransportBuilder::max_response_size)).
    #[error(
        "the response body of {url} exceeds the limit of {limit} bytes (raise it with \
         `max_response_size`, or read the list page by page)"
    )]
    BodyTooLarge {
        /// The URL of the request.
        url: Uri,
        /// The limit in bytes.
        limit: usize,
    },
    /// The server answered a redirect (a 3xx). Redirects are never followed, so that the token
    /// never travels to a URL the caller did not choose; the base URL is likely wrong.
    #[error(
        "{method} {url} was answered {status}{}, which is not followed{}",
        .location.as_ref().map(|l| format!(" to {l}")).unwrap_or_default(),
        .hint.map(|h| format!(": {h}")).unwrap_or_default()
    )]
    Redirect {
        /// The request method.
        method: Method,
        /// The request URL.
        url: Uri,
        /// The 3xx status.
        status: StatusCode,
        /// The `Location` header, if any.
        location: Option<String>,
        /// What the `Location` suggests about the base URL.
        hint: Option<RedirectHint>,
    },
    /// The call did not finish within its deadline (see
    /// [`TransportBuilder::deadline`](crate::TransportBuilder::deadline)): every attempt, backoff,
    /// token refresh and the reading of the response body count against it.
    #[error("{method} {url} did not finish within its deadline of {after:?} ({} made)", attempts_text(*.attempts))]
    Deadline {
        /// The request method.
        method: Method,
        /// The URL of the request.
        url: Uri,
        /// The deadline, from the start of the call.
        after: Duration,
        /// How many attempts were started.
        attempts: u32,
    },
    /// A transient failure persisted through every attempt the retry policy allows.
    #[error("{source} (gave up after {})", attempts_text(*.attempts))]
    RetriesExhausted {
        /// How many attempts were made.
        attempts: u32,
        /// The failure of the last attempt.
        #[source]
        source: Box<Error>,
    },
    /// A transient failure was not retried because the shared retry budget is spent
    /// (too many retries across the client recently: the server is likely down).
    #[error("{source} (not retried: retry budget exhausted after {})", attempts_text(*.attempts))]
    RetryBudgetExhausted {
        /// How many attempts were made.
        attempts: u32,
        /// The failure of the last attempt.
        #[source]
        source: Box<Error>,
    },
    /// The access token expired and the refresh hook failed to get a new one.
    #[error("the access token expired and refreshing it failed: {}", chain(.source.as_ref()))]
    Refresh {
        /// Why the refresh failed (shared by every request that waited on it).
        #[source]
        source: SharedError,
    },
    /// An error status, turned into an error by [`StatusError::from_response`].
    #[error(transparent)]
    Status(Box<StatusError>),
    /// An error raised by a user-supplied layer or inner service.
    #[error("{}", chain(.0.as_ref()))]
    Service(BoxError),
}

/// What a redirect's `Location` suggests about the base URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectHint {
    /// To the same host over HTTPS: the base URL should start with `https://`.
    Https,
    /// To another host (a single sign-on page, a proxy's login): the token is not sent there.
    OtherHost,
    /// Elsewhere on the same origin: the base URL's path is likely wrong (a missing or extra
    /// `/api`, a trailing slash the server adds).
    SameOrigin,
}

impl RedirectHint {
    /// The hint for a redirect of `url` to `location` (absolute or relative).
    pub(crate) fn of(url: &Uri, location: &str) -> RedirectHint {
        let Ok(target) = location.parse::<Uri>() else {
            return RedirectHint::SameOrigin;
        };
        let Some(host) = target.host() else {
            return RedirectHint::SameOrigin;
        };
        if !host.eq_ignore_ascii_case(url.host().unwrap_or_default()) {
            RedirectHint::OtherHost
        } else if target.scheme_str() == Some("https") && url.scheme_str() != Some("https") {
            RedirectHint::Https
        } else {
            RedirectHint::SameOrigin
        }
    }
}

impl fmt::Display for RedirectHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RedirectHint::Https => "the server wants HTTPS: use an https:// base URL",
            RedirectHint::OtherHost => {
                "it points to another host (a login page, a proxy?), where the token is never sent: \
                 check the base URL"
            }
            RedirectHint::SameOrigin => {
                "check the base URL's path (a missing or extra `/api`?)"
            }
        })
    }
}

/// "1 attempt", "3 attempts".
fn attempts_text(attempts: u32) -> String {
    match attempts {
        1 => "1 attempt".into(),
        n => format!("{n} attempts"),
    }
}

impl Error {
    /// An [`Error::Builder`] for `setting`.
    pub(crate) fn builder(setting: &'static str, reason: impl Into<String>) -> Error {
        Error::Builder {
            setting,
            reason: reason.into(),
        }
    }

    /// The HTTP status, if this error is an error status.
    pub fn status(&self) -> Option<StatusCode> {
        match self.root() {
            Error::Status(status) => Some(status.status),
            _ => None,
        }
    }

    /// Whether the error is a per-attempt timeout (possibly after retries) or the call's
    /// deadline.
    pub fn is_timeout(&self) -> bool {
        matches!(self.root(), Error::Timeout { .. } | Error::Deadline { .. })
    }

    /// Whether the error is a connection failure (possibly after retries).
    pub fn is_connect(&self) -> bool {
        matches!(self.root(), Error::Connect { .. } | Error::Tls { .. })
    }

    /// The error under any retry wrapper: what the last attempt failed with.
    pub fn root(&self) -> &Error {
        match self {
            Error::RetriesExhausted { source, .. } | Error::RetryBudgetExhausted { source, .. } => {
                source.root()
            }
            other => other,
        }
    }

    /// Turns an error from a user layer back into an [`Error`]: ours pass through unchanged.
    pub fn from_boxed(error: BoxError) -> Error {
        match error.downcast::<Error>() {
            Ok(ours) => *ours,
            Err(other) => Error::Service(other),
        }
    }

    /// The error of reading the response body of `url`: the body passed its size limit
    /// ([`Error::BodyTooLarge`]) or its call's deadline ([`Error::Deadline`]), or else it failed
    /// ([`Error::Body`]).
    pub fn from_body(url: &Uri, source: BoxError) -> Error {
        match source.downcast::<Error>() {
            Ok(ours) if matches!(*ours, Error::BodyTooLarge { .. } | Error::Deadline { .. }) => {
                *ours
            }
            Ok(other) => Error::Body {
                url: url.clone(),
                source: other,
            },
            Err(source) => Error::Body {
                url: url.clone(),
                source,
            },
        }
    }

    /// How many attempts the call made, when the error says (it gave up retrying, or passed
    /// its deadline).
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::RetriesExhausted { attempts, .. }
            | Error::RetryBudgetExhausted { attempts, .. }
            | Error::Deadline { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }
}

/// An HTTP error status with the start of its body.
#[derive(Clone)]
pub struct StatusError {
    /// The request method.
    pub method: Method,
    /// The request URL.
    pub url: Uri,
    /// The response status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The first [`StatusError::SNIPPET_LIMIT`] bytes of the response body.
    pub body: Bytes,
}

impl StatusError {
    /// How much of an error body is kept.
    pub const SNIPPET_LIMIT: usize = 4096;

    /// Reads up to [`Self::SNIPPET_LIMIT`] bytes of an error response into a [`StatusError`].
    pub async fn from_response(
        method: Method,
        url: Uri,
        response: http::Response<crate::ResponseBody>,
    ) -> StatusError {
        let (parts, body) = response.into_parts();
        let body = body.read_prefix(Self::SNIPPET_LIMIT).await;
        StatusError {
            method,
            url,
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }

    /// The body as text, lossily decoded and trimmed.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).trim().to_owned()
    }
}

impl fmt::Debug for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StatusError")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("status", &self.status)
            .field("body", &self.body_text())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.method, self.url, self.status)?;
        let text = self.body_text();
        if !text.is_empty() {
            write!(f, ": {text}")?;
        }
        Ok(())
    }
}

impl StdError for StatusError {}

/// Renders an error with its sources, `outer: inner: innermost`, skipping repeats.
pub(crate) fn chain(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        let inner_text = inner.to_string();
        if !text.contains(&inner_text) {
            text.push_str(": ");
            text.push_str(&inner_text);
        }
        source = inner.source();
    }
    text
}
