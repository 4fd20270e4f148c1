//! Errors of API calls: one variant per kind of server refusal, as gazu's exceptions, plus
//! what can go wrong around a call.

use std::fmt;
use std::path::PathBuf;

use http::{Method, StatusCode, Uri};
use kitsu_core::ids::InvalidId;
use kitsu_core::zou::{message_after_status, server_message};
use kitsu_transport::{Error as TransportError, RetryStopped};
use serde_json::Value;

/// What the server said when it refused a request.
#[derive(Clone, Debug)]
pub struct ServerError {
    /// The request method.
    pub method: Method,
    /// The request URL.
    pub url: Uri,
    /// The status.
    pub status: StatusCode,
    /// Zou's message (from `{"msg"}`, `{"error":true,"message"}` or `{"message"}`), or the body.
    pub message: String,
    /// Zou's `data` (validation errors list the failing fields there).
    pub data: Option<Value>,
    /// How many attempts were made (more than 1 when the transport retried a transient answer).
    pub attempts: u32,
    /// Why the transport stopped retrying, when this answer is a transient one it gave up on.
    pub retry_stopped: Option<RetryStopped>,
}

impl ServerError {
    /// Reads an error answer.
    pub(crate) fn new(method: Method, url: Uri, status: StatusCode, body: &[u8]) -> ServerError {
        let data = serde_json::from_slice::<Value>(body)
            .ok()
            .and_then(|value| value.get("data").cloned())
            .filter(|data| !data.is_null());
        ServerError {
            method,
            url,
            status,
            message: server_message(body),
            data,
            attempts: 1,
            retry_stopped: None,
        }
    }

    /// The same error, after `attempts` attempts that stopped for `stopped`.
    pub(crate) fn after(mut self, attempts: u32, stopped: Option<RetryStopped>) -> ServerError {
        self.attempts = attempts;
        self.retry_stopped = stopped;
        self
    }
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.method, self.url, self.status)?;
        // Zou's 404 message starts with the status line: say it once.
        let message = message_after_status(self.status, &self.message);
        if !message.is_empty() {
            write!(f, ": {message}")?;
        }
        if let Some(data) = &self.data {
            write!(f, " ({data})")?;
        }
        let attempts = match self.attempts {
            1 => "1 attempt".to_owned(),
            n => format!("{n} attempts"),
        };
        match self.retry_stopped {
            Some(RetryStopped::Budget) => {
                write!(f, " (not retried: retry budget exhausted after {attempts})")
            }
            Some(_) => write!(f, " (gave up after {attempts})"),
            None if self.attempts > 1 => write!(f, " (after {attempts})"),
            None => Ok(()),
        }
    }
}

/// An API call failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// 400: a bad parameter, a missing field, a duplicate, a malformed id.
    #[error("bad parameter: {0}")]
    Parameter(Box<ServerError>),
    /// 401: no valid token (not logged in, revoked, or expired with no way to refresh).
    #[error("not authenticated: {0}")]
    NotAuthenticated(Box<ServerError>),
    /// 403: the user's role does not allow this.
    #[error("not allowed: {0}")]
    NotAllowed(Box<ServerError>),
    /// 404: no such route or no such id.
    #[error("not found: {0}")]
    RouteNotFound(Box<ServerError>),
    /// 405: the route does not take this method.
    #[error("method not allowed: {0}")]
    MethodNotAllowed(Box<ServerError>),
    /// 413: the file is larger than the server accepts.
    #[error("file too big: {0}")]
    TooBigFile(Box<ServerError>),
    /// 422: the server could not process the request (a malformed token, a bad body).
    #[error("validation failed: {0}")]
    Validation(Box<ServerError>),
    /// 5xx: the server failed.
    #[error("server error: {0}")]
    Server(Box<ServerError>),
    /// Any other error status.
    #[error("unexpected status: {0}")]
    Status(Box<ServerError>),
    /// The token expired and could not be refreshed: log in again.
    #[error("session expired: {0}")]
    SessionExpired(TransportError),
    /// The answer was not what the call expects; `path` names the failing JSON field.
    #[error("cannot read the answer of {method} {url} at `{path}`: {message}")]
    Decode {
        /// The request method.
        method: Method,
        /// The request URL.
        url: Uri,
        /// The JSON path of the failing field (`.[3].nb_frames`).
        path: String,
        /// What was wrong.
        message: String,
    },
    /// A request body could not be encoded as JSON (a map with non-string keys, a failing
    /// `Serialize`).
    #[error("cannot encode the body of {method} {url}: {message}")]
    Encode {
        /// The request method.
        method: Method,
        /// The request URL.
        url: Uri,
        /// What serde said.
        message: String,
    },
    /// A string that should have been an id of some kind.
    #[error(transparent)]
    InvalidId(#[from] InvalidId),
    /// A value that cannot go into a request.
    #[error("invalid {what} {value:?}: {reason}")]
    InvalidInput {
        /// What it is (`id`, `model`).
        what: &'static str,
        /// The value given.
        value: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// The server answered an upload with success but reported an error in its body.
    #[error("upload to {url} failed: {message}")]
    UploadRejected {
        /// The upload URL.
        url: Uri,
        /// The server's message.
        message: String,
    },
    /// A download ended early or longer than announced; nothing was written at the destination.
    #[error("download of {url} is incomplete: {reason}")]
    IncompleteDownload {
        /// The URL.
        url: Uri,
        /// What was wrong.
        reason: String,
    },
    /// A local file could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done (`read`, `create`, `write`, `rename to`).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The failure.
        #[source]
        source: std::io::Error,
    },
    /// The request got no answer (connect, TLS, timeout, retries exhausted…).
    #[error(transparent)]
    Transport(TransportError),
}

impl From<TransportError> for ApiError {
    fn from(error: TransportError) -> Self {
        match error {
            TransportError::Refresh { .. } => ApiError::SessionExpired(error),
            other => ApiError::Transport(other),
        }
    }
}

impl ApiError {
    /// Maps an error status to its kind.
    pub(crate) fn from_status(error: ServerError) -> ApiError {
        let error = Box::new(error);
        match error.status.as_u16() {
            400 => ApiError::Parameter(error),
            401 => ApiError::NotAuthenticated(error),
            403 => ApiError::NotAllowed(error),
            404 => ApiError::RouteNotFound(error),
            405 => ApiError::MethodNotAllowed(error),
            413 => ApiError::TooBigFile(error),
            422 => ApiError::Validation(error),
            500..=599 => ApiError::Server(error),
            _ => ApiError::Status(error),
        }
    }

    /// What the server said, for the status kinds.
    pub fn server_error(&self) -> Option<&ServerError> {
        match self {
            ApiError::Parameter(e)
            | ApiError::NotAuthenticated(e)
            | ApiError::NotAllowed(e)
            | ApiError::RouteNotFound(e)
            | ApiError::MethodNotAllowed(e)
            | ApiError::TooBigFile(e)
            | ApiError::Validation(e)
            | ApiError::Server(e)
            | ApiError::Status(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status, for the status kinds.
    pub fn status(&self) -> Option<StatusCode> {
        self.server_error().map(|e| e.status)
    }
}
