//! [`EventsBuilder`]: which events, from where, with what recovery.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::Uri;
use kitsu_api::Client;
use kitsu_core::ids::ProjectId;
use serde_json::Value;

use crate::error::EventsError;
use crate::filter::Filter;
use crate::names::{EventName, NamePattern, UnknownEventName};
use crate::stream::{Config, EventStream, Observer};

/// Something that names events: an [`EventName`], a [`NamePattern`], or a pattern as text
/// (`"task:status-changed"`, `"comment:*"`, `"*:new"`), checked against Kitsu's names.
pub trait IntoNamePattern {
    /// The pattern, or why it matches nothing Kitsu publishes.
    fn into_pattern(self) -> Result<NamePattern, UnknownEventName>;
}

impl IntoNamePattern for EventName {
    fn into_pattern(self) -> Result<NamePattern, UnknownEventName> {
        Ok(self.into())
    }
}

impl IntoNamePattern for NamePattern {
    fn into_pattern(self) -> Result<NamePattern, UnknownEventName> {
        Ok(self)
    }
}

impl IntoNamePattern for &str {
    fn into_pattern(self) -> Result<NamePattern, UnknownEventName> {
        NamePattern::parse(self)
    }
}

impl IntoNamePattern for String {
    fn into_pattern(self) -> Result<NamePattern, UnknownEventName> {
        NamePattern::parse(&self)
    }
}

/// Configures an [`EventStream`]: filters first, then [`connect`](Self::connect).
///
/// Defaults: every event; the event server at the API's origin under `/socket.io/`; no replay;
/// a 20 s handshake timeout; reconnection forever with full-jitter backoff from 250 ms up to
/// 30 s.
#[must_use]
pub struct EventsBuilder {
    client: Client,
    url: Option<String>,
    names: Vec<Result<NamePattern, UnknownEventName>>,
    projects: Vec<ProjectId>,
    replay: bool,
    handshake_timeout: Duration,
    backoff_base: Duration,
    backoff_max: Duration,
    max_reconnect_attempts: Option<u32>,
    observer: Option<Observer>,
    cache: Option<kitsu_api::Cache>,
}

impl fmt::Debug for EventsBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventsBuilder")
            .field("url", &self.url)
            .field("names", &self.names)
            .field("projects", &self.projects)
            .field("replay", &self.replay)
            .finish_non_exhaustive()
    }
}

impl EventsBuilder {
    /// Events of the Kitsu `client` talks to, with its token and session. When the client has
    /// a [`Cache`](kitsu_api::Cache), every event received (filtered out or not, replayed
    /// too) evicts what it makes stale there (`task-type:update` the task types…).
    pub fn new(client: &Client) -> EventsBuilder {
        EventsBuilder {
            client: client.clone(),
            url: None,
            names: Vec::new(),
            projects: Vec::new(),
            replay: false,
            handshake_timeout: Duration::from_secs(20),
            backoff_base: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
            max_reconnect_attempts: None,
            observer: None,
            cache: client.cache().cloned(),
        }
    }

    /// Only events named so (any of the names given; `_` and `-` alike). A text name that
    /// Kitsu never publishes makes [`connect`](Self::connect) fail with a suggestion.
    pub fn name(mut self, name: impl IntoNamePattern) -> Self {
        self.names.push(name.into_pattern());
        self
    }

    /// Only events named by any of these.
    pub fn names<N: IntoNamePattern>(mut self, names: impl IntoIterator<Item = N>) -> Self {
        self.names
            .extend(names.into_iter().map(IntoNamePattern::into_pattern));
        self
    }

    /// Only events about this project (any of the projects given). Events without a project
    /// (persons, settings) are then left out.
    pub fn project(mut self, project: ProjectId) -> Self {
        self.projects.push(project);
        self
    }

    /// The event server's URL, when it is not the API's origin: a bare Zou serves it on its
    /// own port (`http://127.0.0.1:5002`). Only the scheme, host and port count, unless the
    /// path names `socket.io` itself.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// After a reconnect, read what was missed from Kitsu's event log (`data/events/last`, a
    /// manager's or admin's right) and hand it out first, marked
    /// [`Origin::Replayed`](crate::Origin::Replayed), so that each event is seen once.
    pub fn replay_missed(mut self, replay: bool) -> Self {
        self.replay = replay;
        self
    }

    /// How long opening the socket may take, handshake included.
    pub fn handshake_timeout(mut self, timeout: Duration) -> Self {
        self.handshake_timeout = timeout;
        self
    }

    /// The reconnection backoff: a random delay up to `base × 2^failures`, at most `max`.
    pub fn reconnect_backoff(mut self, base: Duration, max: Duration) -> Self {
        self.backoff_base = base;
        self.backoff_max = max.max(base);
        self
    }

    /// Ends the stream with [`EventsError::Unreachable`] after this many failed reconnection
    /// attempts in a row (default: never give up).
    pub fn max_reconnect_attempts(mut self, attempts: u32) -> Self {
        self.max_reconnect_attempts = Some(attempts.max(1));
        self
    }

    /// Calls `observer` with every event received (and replayed), before the filters: to keep
    /// something else fresh (a cache) from the same socket. It must be quick: it runs inside
    /// the stream's poll.
    pub fn observe(mut self, observer: impl Fn(&str, &Value) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// Opens the socket, joins Kitsu's `/events` namespace with the session's token (refreshing
    /// it once if the server refuses it) and, with [`replay_missed`](Self::replay_missed), reads
    /// the event log's newest entry.
    pub async fn connect(self) -> Result<EventStream, EventsError> {
        let names = self.names.into_iter().collect::<Result<Vec<_>, _>>()?;
        let transport = self.client.transport().clone();
        let url = socket_url(self.url.as_deref(), &transport.base_url().root())?;
        let config = Config {
            url,
            filter: Filter {
                names,
                projects: self.projects,
            },
            replay: self.replay,
            handshake_timeout: self.handshake_timeout,
            backoff_base: self.backoff_base,
            backoff_max: self.backoff_max,
            max_reconnect_attempts: self.max_reconnect_attempts,
            observer: self.observer,
            cache: self.cache,
        };
        EventStream::connect(transport, self.client, config).await
    }
}

/// The WebSocket URL: the given one or the API's, reduced to its origin plus `/socket.io/`
/// unless its path names `socket.io`, with Engine.IO's query.
fn socket_url(given: Option<&str>, api_root: &Uri) -> Result<Uri, EventsError> {
    let text = given.map_or_else(|| api_root.to_string(), str::to_owned);
    let invalid = |reason: &str| EventsError::Url {
        url: text.clone(),
        reason: reason.to_owned(),
    };
    let uri: Uri = text.parse().map_err(|_| invalid("not a URL"))?;
    let scheme = uri
        .scheme_str()
        .ok_or_else(|| invalid("no scheme: write http:// or https://"))?;
    if !matches!(scheme, "http" | "https") {
        return Err(invalid(
            "the scheme must be http or https (ws and wss are implied)",
        ));
    }
    let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
    let path = if uri.path().contains("socket.io") {
        format!("{}/", uri.path().trim_end_matches('/'))
    } else {
        "/socket.io/".to_owned()
    };
    format!("{scheme}://{authority}{path}?EIO=4&transport=websocket")
        .parse()
        .map_err(|_| invalid("cannot build the socket URL from it"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(given: Option<&str>, api: &str) -> String {
        socket_url(given, &api.parse().unwrap()).map_or_else(|e| e.to_string(), |u| u.to_string())
    }

    #[test]
    fn the_socket_lives_at_the_api_origin() {
        assert_eq!(
            url(None, "https://kitsu.studio.com/api/"),
            "https://kitsu.studio.com/socket.io/?EIO=4&transport=websocket"
        );
        assert_eq!(
            url(Some("http://127.0.0.1:5002"), "http://127.0.0.1:5000/"),
            "http://127.0.0.1:5002/socket.io/?EIO=4&transport=websocket"
        );
        assert_eq!(
            url(Some("https://k.studio/events/socket.io"), "http://x/"),
            "https://k.studio/events/socket.io/?EIO=4&transport=websocket"
        );
    }

    #[test]
    fn a_bad_url_says_what_is_wrong() {
        assert!(url(Some("ws://x"), "http://x/").contains("http or https"));
        assert!(url(Some("kitsu.studio.com"), "http://x/").contains("no scheme"));
    }
}
