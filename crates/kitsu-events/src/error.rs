//! What can go wrong with the event stream.

use std::time::Duration;

use http::StatusCode;

use crate::names::UnknownEventName;
use crate::protocol::ProtocolError;

/// An error of the event stream: at [`connect`](crate::EventsBuilder::connect), or as an item of
/// the stream. Only [`EventsError::Replay`] is a notice the stream goes on after (see
/// [`is_fatal`](Self::is_fatal)); after any other, the stream ends.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EventsError {
    /// A name filter that matches nothing Kitsu publishes (a typo, most often).
    #[error(transparent)]
    UnknownName(#[from] UnknownEventName),

    /// The event server's URL is not usable.
    #[error("the event server URL {url:?} is not usable: {reason}")]
    Url {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },

    /// The HTTP request that opens the WebSocket failed before any answer.
    #[error("cannot reach Kitsu's event server at {url}: {source}")]
    Connect {
        /// The URL.
        url: String,
        /// The transport's error.
        #[source]
        source: kitsu_transport::Error,
    },

    /// The server answered the WebSocket upgrade with something else than `101`.
    #[error("Kitsu's event server at {url} did not open a WebSocket: {status}{}{hint}", if message.is_empty() { String::new() } else { format!(": {message}") })]
    Handshake {
        /// The URL.
        url: String,
        /// The status it answered.
        status: StatusCode,
        /// The start of its body.
        message: String,
        /// What usually causes this status.
        hint: &'static str,
    },

    /// The WebSocket failed.
    #[error("the event socket to {url} failed: {source}")]
    WebSocket {
        /// The URL.
        url: String,
        /// tungstenite's error.
        #[source]
        source: tokio_tungstenite::tungstenite::Error,
    },

    /// The server sent something that is not Engine.IO / Socket.IO.
    #[error("Kitsu's event server at {url} broke the protocol: {source}")]
    Protocol {
        /// The URL.
        url: String,
        /// What was wrong.
        #[source]
        source: ProtocolError,
    },

    /// The server did not finish the handshake in time.
    #[error("Kitsu's event server at {url} did not finish the handshake within {timeout:?}")]
    Timeout {
        /// The URL.
        url: String,
        /// The limit.
        timeout: Duration,
    },

    /// The server refused the token, and a fresh one too (or none could be had).
    #[error("Kitsu's event server at {url} refused the connection ({message}){}", if *refreshed { " after a token refresh: the session is no longer valid (log in again)" } else { ": the token is not valid and the session cannot refresh it (log in again, or check the bot token)" })]
    Refused {
        /// The URL.
        url: String,
        /// The server's message (Zou: `Connection refused by server`, whatever the cause).
        message: String,
        /// Whether a refresh was tried between the two refusals.
        refreshed: bool,
    },

    /// Refreshing the token after a refusal failed.
    #[error("Kitsu's event server refused the token and refreshing it failed: {0}")]
    Refresh(#[source] kitsu_transport::Error),

    /// Reconnecting failed too many times in a row.
    #[error(
        "lost Kitsu's event server at {url} and {attempts} reconnection attempts failed; the last: {last}"
    )]
    Unreachable {
        /// The URL.
        url: String,
        /// How many attempts were made.
        attempts: u32,
        /// The last attempt's error.
        last: Box<EventsError>,
    },

    /// Reading the event log (to replay what was missed) failed. At `connect` this is fatal (replay
    /// was asked for and cannot work: the log is for managers and admins); after a reconnect it is
    /// a notice that events may have been missed, and the stream goes on.
    #[error("cannot read Kitsu's event log to replay missed events: {0}")]
    Replay(#[source] kitsu_api::ApiError),
}

impl EventsError {
    /// Whether the stream ends after this error (every error but a failed replay).
    pub fn is_fatal(&self) -> bool {
        !matches!(self, EventsError::Replay(_))
    }

    /// Whether another connection attempt may succeed (network trouble, a restarting server), as
    /// opposed to a refusal or a mistake in the request.
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            EventsError::Connect { .. }
            | EventsError::WebSocket { .. }
            | EventsError::Timeout { .. }
            | EventsError::Protocol { .. } => true,
            EventsError::Handshake { status, .. } => {
                status.is_server_error() || *status == StatusCode::TOO_MANY_REQUESTS
            }
            _ => false,
        }
    }
}

/// What usually causes a non-101 answer to the upgrade.
pub(crate) fn handshake_hint(status: StatusCode) -> &'static str {
    match status.as_u16() {
        404 => {
            " (no event server at this URL: Kitsu serves it at the site's origin under /socket.io/, a bare Zou on its own port; set it with EventsBuilder::url)"
        }
        400 => " (the server does not speak Engine.IO v4 / Socket.IO v5 here)",
        500 => {
            " (a Zou event server under a plain gevent worker cannot upgrade: run it with the gevent-websocket worker)"
        }
        502..=504 => {
            " (the proxy in front of the event server cannot reach it, or it is restarting)"
        }
        _ => "",
    }
}
