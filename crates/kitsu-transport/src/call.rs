//! What the attempts and replays of one call share: when the call began and how many attempts
//! it has made. A request extension, so that copies of the request (retries, replays after a
//! token refresh or a cut body) carry the same state.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use http::Request;
use tokio::time::Instant;

/// The shared state of one call (cheap to clone: an `Arc`).
#[derive(Clone, Debug)]
pub(crate) struct CallState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    started: Instant,
    attempts: AtomicU32,
}

impl CallState {
    /// The state `request` carries, inserting a fresh one (the call begins now) if it has none.
    pub(crate) fn of<B>(request: &mut Request<B>) -> CallState {
        if let Some(state) = request.extensions().get::<CallState>() {
            return state.clone();
        }
        let state = CallState {
            inner: Arc::new(Inner {
                started: Instant::now(),
                attempts: AtomicU32::new(0),
            }),
        };
        request.extensions_mut().insert(state.clone());
        state
    }

    /// The state `request` carries, if any.
    pub(crate) fn get<B>(request: &Request<B>) -> Option<&CallState> {
        request.extensions().get::<CallState>()
    }

    /// When the call began.
    pub(crate) fn started(&self) -> Instant {
        self.inner.started
    }

    /// How many attempts the call has started.
    pub(crate) fn attempts(&self) -> u32 {
        self.inner.attempts.load(Ordering::Acquire)
    }

    /// Counts an attempt about to start; returns its number (1 for the first).
    pub(crate) fn begin_attempt(&self) -> u32 {
        self.inner.attempts.fetch_add(1, Ordering::AcqRel) + 1
    }
}
