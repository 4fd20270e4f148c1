//! The [`EventStream`]: a socket read while polled, reconnected with jittered backoff, refreshed
//! when refused, and replayed from the event log after a gap.
//!
//! No task runs behind the stream: all the work (reading frames, answering pings, reconnecting,
//! replaying) happens inside `poll_next`. A consumer that stops polling for longer than the
//! server's ping interval plus ping timeout (45 s on Zou) is dropped by the server and
//! reconnects (and replays, when asked) on the next poll; one that cannot poll promptly uses
//! [`EventStream::spawn_reader`].

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::Stream;
use http::Uri;
use kitsu_api::Client;
use kitsu_transport::{BearerToken, RequestBody, Transport};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::EventsError;
use crate::event::{Event, Origin, project_of};
use crate::filter::Filter;
use crate::protocol::{self, Incoming, NAMESPACE};
use crate::reader::EventReceiver;
use crate::replay::{self, Ledger, Watermark, fingerprint};
use crate::socket::Socket;

/// Sees every event the socket receives (and every replayed one), before any filter: what
/// keeps a cache fresh.
pub type Observer = Arc<dyn Fn(&str, &Value) + Send + Sync>;

/// What a stream is set to do (from the builder).
pub(crate) struct Config {
    pub(crate) url: Uri,
    pub(crate) filter: Filter,
    pub(crate) replay: bool,
    pub(crate) handshake_timeout: Duration,
    pub(crate) backoff_base: Duration,
    pub(crate) backoff_max: Duration,
    pub(crate) max_reconnect_attempts: Option<u32>,
    pub(crate) observer: Option<Observer>,
    /// The client's cache: every event evicts what it makes stale.
    pub(crate) cache: Option<kitsu_api::Cache>,
}

impl Config {
    /// Whether anything watches every event (so payloads are decoded before the filters).
    fn watched(&self) -> bool {
        self.observer.is_some() || self.cache.is_some()
    }

    /// Tells the observer and the cache about an event.
    fn notify(&self, name: &str, payload: &Value) {
        if let Some(cache) = &self.cache {
            cache.on_event(name, payload);
        }
        if let Some(observer) = &self.observer {
            observer(name, payload);
        }
    }
}

/// Counters of one stream.
#[derive(Debug, Default)]
struct Counters {
    received: AtomicU64,
    delivered: AtomicU64,
    replayed: AtomicU64,
    reconnects: AtomicU64,
}

/// A snapshot of a stream's counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventStats {
    /// Events received on the socket, before filtering.
    pub received: u64,
    /// Events handed out (live and replayed).
    pub delivered: u64,
    /// Events handed out from the event log after a reconnect.
    pub replayed: u64,
    /// Successful reconnections.
    pub reconnects: u64,
}

/// Kitsu's events as a [`Stream`] of `Result<Event, EventsError>`, from
/// [`EventsBuilder::connect`](crate::EventsBuilder::connect).
///
/// It ends after a fatal error (see [`EventsError::is_fatal`]); dropping it closes the socket.
pub struct EventStream {
    inner: Pin<Box<dyn Stream<Item = Result<Event, EventsError>> + Send>>,
    counters: Arc<Counters>,
}

impl fmt::Debug for EventStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

impl EventStream {
    pub(crate) async fn connect(
        transport: Transport,
        client: Client,
        config: Config,
    ) -> Result<EventStream, EventsError> {
        let counters = Arc::new(Counters::default());
        let mut driver = Driver {
            transport,
            client,
            config,
            socket: None,
            pending: VecDeque::new(),
            ledger: Ledger::default(),
            watermark: None,
            failures: 0,
            done: false,
            counters: counters.clone(),
        };
        driver.socket = Some(driver.open().await?);
        if driver.config.replay {
            driver.watermark =
                replay::newest(&driver.client, driver.config.filter.single_project())
                    .await
                    .map_err(EventsError::Replay)?;
        }
        let inner = futures_util::stream::unfold(driver, |mut driver| async move {
            driver.next().await.map(|item| (item, driver))
        });
        Ok(EventStream {
            inner: Box::pin(inner),
            counters,
        })
    }

    /// The stream's counters so far.
    pub fn stats(&self) -> EventStats {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        EventStats {
            received: read(&self.counters.received),
            delivered: read(&self.counters.delivered),
            replayed: read(&self.counters.replayed),
            reconnects: read(&self.counters.reconnects),
        }
    }

    /// Moves the stream into a task of its own that reads it promptly into a channel of
    /// `capacity` events, for a consumer that cannot poll often (the server drops a socket that
    /// does not answer its pings). When the channel is full, the reader waits (and the server
    /// may drop it, which then costs a reconnect and, when on, a replay). Dropping the receiver
    /// stops the task.
    pub fn spawn_reader(self, capacity: usize) -> EventReceiver {
        EventReceiver::spawn(self, capacity)
    }
}

impl Stream for EventStream {
    type Item = Result<Event, EventsError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// The state the stream's future carries between items.
struct Driver {
    transport: Transport,
    client: Client,
    config: Config,
    socket: Option<Socket>,
    pending: VecDeque<Result<Event, EventsError>>,
    ledger: Ledger,
    watermark: Option<Watermark>,
    failures: u32,
    done: bool,
    counters: Arc<Counters>,
}

/// What one frame means for the stream.
enum Step {
    Nothing,
    Deliver(Event),
    Lost(EventsError),
}

impl Driver {
    /// Opens a socket with the current token and checks that token with the API; on a refusal
    /// by either, refreshes once and tries again.
    async fn open(&mut self) -> Result<Socket, EventsError> {
        let cell = self.transport.token();
        let token = cell.get();
        match open_checked(&self.transport, &self.config, token.as_ref()).await {
            Err(EventsError::Refused { url, message, .. }) => {
                if !cell.has_refresh_hook() {
                    return Err(EventsError::Refused {
                        url,
                        message,
                        refreshed: false,
                    });
                }
                tracing::debug!("event server refused the token: refreshing it once");
                let token = cell.refresh().await.map_err(EventsError::Refresh)?;
                match open_checked(&self.transport, &self.config, Some(&token)).await {
                    Err(EventsError::Refused { url, message, .. }) => Err(EventsError::Refused {
                        url,
                        message,
                        refreshed: true,
                    }),
                    other => other,
                }
            }
            other => other,
        }
    }

    async fn next(&mut self) -> Option<Result<Event, EventsError>> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                if item.is_ok() {
                    self.counters.delivered.fetch_add(1, Ordering::Relaxed);
                }
                return Some(item);
            }
            if self.done {
                return None;
            }
            match self.read_one().await {
                Step::Nothing => {}
                Step::Deliver(event) => {
                    self.counters.delivered.fetch_add(1, Ordering::Relaxed);
                    return Some(Ok(event));
                }
                Step::Lost(error) => {
                    tracing::warn!(%error, "lost the event socket; reconnecting");
                    self.socket = None;
                    self.reconnect().await;
                }
            }
        }
    }

    /// Reads and handles one frame.
    async fn read_one(&mut self) -> Step {
        let Some(socket) = self.socket.as_mut() else {
            return Step::Lost(EventsError::Url {
                url: self.config.url.to_string(),
                reason: "no socket".into(),
            });
        };
        let text = match socket.next_text().await {
            Ok(text) => text,
            Err(error) => return Step::Lost(error),
        };
        let incoming = match protocol::parse(&text) {
            Ok(incoming) => incoming,
            Err(source) => return Step::Lost(socket.protocol(source)),
        };
        match incoming {
            Incoming::Ping => match socket.pong().await {
                Ok(()) => Step::Nothing,
                Err(error) => Step::Lost(error),
            },
            Incoming::Event {
                namespace,
                name,
                payload,
            } if namespace == NAMESPACE => {
                let payload = payload.map_or("{}", RawValue::get);
                self.counters.received.fetch_add(1, Ordering::Relaxed);
                self.admit_live(&name, payload)
                    .map_or(Step::Nothing, Step::Deliver)
            }
            Incoming::Binary { attachments } => {
                socket.skip_attachments(attachments);
                Step::Nothing
            }
            Incoming::Disconnect { namespace } | Incoming::ConnectError { namespace, .. }
                if namespace == NAMESPACE =>
            {
                Step::Lost(socket.lost("the server left the namespace (it checks tokens at connect: reconnecting with a fresh one)"))
            }
            Incoming::Close => Step::Lost(socket.lost("the server closed the session")),
            _ => Step::Nothing,
        }
    }

    /// A live event through the observer, the replay ledger and the filter.
    fn admit_live(&mut self, name: &str, payload: &str) -> Option<Event> {
        if self.config.watched() || self.config.replay {
            let value: Value = serde_json::from_str(payload).unwrap_or(Value::Null);
            self.config.notify(name, &value);
            if self.config.replay && !self.ledger.saw_live(fingerprint(name, &value)) {
                return None;
            }
        }
        let filter = &self.config.filter;
        if !filter.admits_name(name) {
            return None;
        }
        let project = project_of(payload);
        if !filter.admits_project(project) {
            return None;
        }
        Some(Event::decode_in(name, payload, project, Origin::Live))
    }

    /// Reconnects with jittered exponential backoff; on success replays, when asked; on a
    /// refusal or too many failures, queues the fatal error and ends the stream.
    async fn reconnect(&mut self) {
        loop {
            tokio::time::sleep(self.backoff()).await;
            match self.open().await {
                Ok(socket) => {
                    self.socket = Some(socket);
                    self.failures = 0;
                    self.counters.reconnects.fetch_add(1, Ordering::Relaxed);
                    if self.config.replay {
                        self.replay().await;
                    }
                    return;
                }
                Err(error) if error.is_transient() => {
                    self.failures += 1;
                    tracing::warn!(%error, attempt = self.failures, "event server reconnection failed");
                    if self
                        .config
                        .max_reconnect_attempts
                        .is_some_and(|max| self.failures >= max)
                    {
                        self.fail(EventsError::Unreachable {
                            url: self.config.url.to_string(),
                            attempts: self.failures,
                            last: Box::new(error),
                        });
                        return;
                    }
                }
                Err(error) => {
                    self.fail(error);
                    return;
                }
            }
        }
    }

    fn fail(&mut self, error: EventsError) {
        self.pending.push_back(Err(error));
        self.done = true;
    }

    /// Full jitter: a random delay up to `base × 2^failures`, capped.
    fn backoff(&self) -> Duration {
        let ceiling = self
            .config
            .backoff_base
            .saturating_mul(1 << self.failures.min(16))
            .min(self.config.backoff_max);
        ceiling.mul_f64(fastrand::f64())
    }

    /// Reads what was missed from the event log and queues it.
    async fn replay(&mut self) {
        let project = self.config.filter.single_project();
        let fetched = match replay::since(&self.client, self.watermark.as_ref(), project).await {
            Ok(fetched) => fetched,
            Err(error) => {
                self.pending.push_back(Err(EventsError::Replay(error)));
                return;
            }
        };
        let (missed, watermark) = self.ledger.plan(fetched, self.watermark.as_ref());
        self.watermark = watermark;
        for stored in missed {
            self.config.notify(&stored.name, &stored.data);
            let filter = &self.config.filter;
            if !filter.admits_name(&stored.name) {
                continue;
            }
            let payload = stored.data.to_string();
            let project = project_of(&payload);
            if !filter.admits_project(project) {
                continue;
            }
            self.counters.replayed.fetch_add(1, Ordering::Relaxed);
            self.pending.push_back(Ok(Event::decode_in(
                &stored.name,
                &payload,
                project,
                Origin::Replayed {
                    id: stored.id,
                    created_at: stored.created_at,
                },
            )));
        }
    }
}

/// Opens a socket with `token`, then asks the API whether the token is valid.
///
/// Zou's event server means to refuse a bad token at connect, but 1.0.97 lets every socket in
/// (its connect handler raises Python's `ConnectionRefusedError`, not python-socketio's, and
/// its namespace error handler swallows it). The API's answer on `auth/authenticated`, sent
/// with the same token and no refresh, stands in for the refusal that never comes.
async fn open_checked(
    transport: &Transport,
    config: &Config,
    token: Option<&BearerToken>,
) -> Result<Socket, EventsError> {
    let socket = Socket::open(transport, &config.url, token, config.handshake_timeout).await?;
    check_token(transport, token, &config.url).await?;
    Ok(socket)
}

/// Whether the API takes `token` (`GET auth/authenticated`, with the token as an explicit
/// header so the auth layer neither replaces nor refreshes it): a 401 or 422 is a refusal.
async fn check_token(
    transport: &Transport,
    token: Option<&BearerToken>,
    socket_url: &Uri,
) -> Result<(), EventsError> {
    let refused = |message: String| EventsError::Refused {
        url: socket_url.to_string(),
        message,
        refreshed: false,
    };
    let Some(token) = token else {
        return Err(refused("no token: log in first".into()));
    };
    let url = transport.url(&kitsu_core::routes::authenticated());
    let request = url.ok().and_then(|url| {
        let header = token.header_value().ok()?;
        http::Request::get(url)
            .header(http::header::AUTHORIZATION, header)
            .body(RequestBody::empty())
            .ok()
    });
    let Some(request) = request else {
        return Err(refused("the token cannot be sent in a header".into()));
    };
    let connect = |source| EventsError::Connect {
        url: transport.base_url().to_string(),
        source,
    };
    let response = transport.send(request).await.map_err(connect)?;
    let status = response.status();
    if status != http::StatusCode::UNAUTHORIZED && status != http::StatusCode::UNPROCESSABLE_ENTITY
    {
        return Ok(());
    }
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .map(|collected| collected.to_bytes())
        .unwrap_or_default();
    let message = kitsu_core::zou::server_message(&body);
    Err(refused(format!(
        "the API refuses the token: {status}: {message}"
    )))
}
