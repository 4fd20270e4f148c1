//! Zou's event server, in process: the Socket.IO `/events` namespace over a WebSocket, fed by
//! the writes the API receives, and the stored event log (`data/events/last`).
//!
//! - `emit`: which events Zou publishes for a request's writes.
//! - `socket`: the WebSocket upgrade and one connection (Engine.IO v4 / Socket.IO v5).
//! - `log`: the `data/events/last` route.
//!
//! The hub also does what a test needs of a real event server: stop it (every socket dropped,
//! new ones answered 502 as by nginx, events stored but not delivered), start it again, and
//! stop its pings (a server that hangs without closing).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::{Map, Value, json};
use tokio::sync::{broadcast, watch};

use crate::store::{new_id, now_text};

mod emit;
mod log;
mod socket;

pub(crate) use emit::events_for;
pub(crate) use log::last_events;
pub(crate) use socket::serve_socket;

/// One stored event.
#[derive(Clone, Debug)]
pub(crate) struct StoredEvent {
    pub(crate) id: String,
    pub(crate) created_at: String,
    pub(crate) name: String,
    pub(crate) project_id: Option<String>,
    pub(crate) data: Map<String, Value>,
}

impl StoredEvent {
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id, "created_at": self.created_at, "name": self.name, "user_id": null,
            "project_id": self.project_id, "data": self.data,
        })
    }
}

/// The event server's state, shared by the API (which publishes) and the sockets.
pub(crate) struct EventHub {
    frames: broadcast::Sender<Arc<str>>,
    log: Mutex<Vec<StoredEvent>>,
    up: AtomicBool,
    pings: AtomicBool,
    /// Bumped to drop every open socket.
    kill: watch::Sender<u64>,
    connections: AtomicUsize,
    pub(crate) ping_interval: Duration,
    pub(crate) ping_timeout: Duration,
}

impl EventHub {
    pub(crate) fn new(ping_interval: Duration, ping_timeout: Duration) -> EventHub {
        EventHub {
            frames: broadcast::channel(65_536).0,
            log: Mutex::new(Vec::new()),
            up: AtomicBool::new(true),
            pings: AtomicBool::new(true),
            kill: watch::channel(0).0,
            connections: AtomicUsize::new(0),
            ping_interval,
            ping_timeout,
        }
    }

    /// Publishes an event to every joined socket, then stores it, as Zou's `emit` does.
    pub(crate) fn publish(&self, name: &str, data: Map<String, Value>) {
        let frame = format!("42/events,{}", json!([name, data]));
        let _ = self.frames.send(Arc::from(frame));
        let project_id = data
            .get("project_id")
            .and_then(Value::as_str)
            .map(str::to_owned);
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(StoredEvent {
                id: new_id(),
                created_at: now_text(),
                name: name.to_owned(),
                project_id,
                data,
            });
    }

    /// The stored events, newest first.
    pub(crate) fn newest_first(&self) -> Vec<StoredEvent> {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.iter().rev().cloned().collect()
    }

    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Arc<str>> {
        self.frames.subscribe()
    }

    pub(crate) fn killed(&self) -> watch::Receiver<u64> {
        self.kill.subscribe()
    }

    pub(crate) fn is_up(&self) -> bool {
        self.up.load(Ordering::SeqCst)
    }

    pub(crate) fn pings(&self) -> bool {
        self.pings.load(Ordering::SeqCst)
    }

    /// Stops the server: every socket dropped, new ones refused until [`start`](Self::start).
    pub(crate) fn stop(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.kill.send_modify(|generation| *generation += 1);
    }

    pub(crate) fn start(&self) {
        self.up.store(true, Ordering::SeqCst);
    }

    pub(crate) fn set_pings(&self, on: bool) {
        self.pings.store(on, Ordering::SeqCst);
    }

    pub(crate) fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub(crate) fn joined(&self) -> ConnectionGuard<'_> {
        self.connections.fetch_add(1, Ordering::SeqCst);
        ConnectionGuard(self)
    }
}

/// Counts a joined socket while it lives.
pub(crate) struct ConnectionGuard<'a>(&'a EventHub);

impl Drop for ConnectionGuard<'_> {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::SeqCst);
    }
}
