//! One tracing span per logical request.

use http::Request;
use tokio::time::Instant;
use tracing::Instrument;

use super::{InnerService, Middleware, ResponseFuture};
use crate::RequestBody;

/// Opens a `kitsu.request` span with the method and the path (never the query, which may carry
/// filters, and never a header), and records the status, the attempts and the elapsed time.
/// A [`RetryLayer`](super::RetryLayer) below records `attempt` into it.
#[derive(Clone, Copy, Debug, Default)]
pub struct TraceLayer {
    _private: (),
}

impl TraceLayer {
    /// The tracing layer.
    pub fn new() -> Self {
        TraceLayer::default()
    }
}

impl Middleware for TraceLayer {
    fn handle<S: InnerService>(
        &self,
        mut inner: S,
        request: Request<RequestBody>,
    ) -> ResponseFuture {
        let span = tracing::debug_span!(
            "kitsu.request",
            method = %request.method(),
            path = request.uri().path(),
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let response = {
            let _entered = span.enter();
            inner.call(request)
        };
        let record_span = span.clone();
        Box::pin(
            async move {
                let result = response.await;
                let elapsed = started.elapsed();
                record_span.record("elapsed_ms", elapsed.as_secs_f64() * 1000.0);
                match &result {
                    Ok(response) => {
                        record_span.record("status", response.status().as_u16());
                        tracing::debug!(status = response.status().as_u16(), "response");
                    }
                    Err(error) => tracing::debug!(error = %error, "request failed"),
                }
                result
            }
            .instrument(span),
        )
    }
}
