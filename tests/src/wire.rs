//! Counts what a client puts on the wire: a tower layer added with `TransportBuilder::layer`,
//! just above the HTTP client, sees every request that leaves (retries, replays, refreshes).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use kitsu::transport::{HttpService, TransportBuilder};
use tower::ServiceExt;

/// Requests that left, and the answers that were 401 (an expired or refused token).
#[derive(Clone, Debug, Default)]
pub struct WireCount {
    requests: Arc<AtomicUsize>,
    unauthorized: Arc<AtomicUsize>,
}

impl WireCount {
    /// `builder` with this counter just above its HTTP client.
    pub fn install(&self, builder: TransportBuilder) -> TransportBuilder {
        let counts = self.clone();
        builder.layer(tower::layer::layer_fn(move |inner: HttpService| {
            let (sent, answered) = (counts.clone(), counts.clone());
            inner
                .map_request(move |request| {
                    sent.requests.fetch_add(1, Ordering::SeqCst);
                    request
                })
                .map_response(move |response: http::Response<_>| {
                    if response.status() == http::StatusCode::UNAUTHORIZED {
                        answered.unauthorized.fetch_add(1, Ordering::SeqCst);
                    }
                    response
                })
        }))
    }

    /// Requests on the wire so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// 401 answers so far.
    pub fn unauthorized(&self) -> usize {
        self.unauthorized.load(Ordering::SeqCst)
    }

    /// Starts counting again from zero.
    pub fn reset(&self) {
        self.requests.store(0, Ordering::SeqCst);
        self.unauthorized.store(0, Ordering::SeqCst);
    }
}
