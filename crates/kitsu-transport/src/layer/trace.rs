//! One tracing span per logical request.

use std::task::{Context, Poll};

use futures_util::future::BoxFuture;
use http::{Request, Response};
use tokio::time::Instant;
use tower::Service;
use tracing::Instrument;

use crate::{Error, HttpService, RequestBody, ResponseBody};

/// Opens a `kitsu.request` span with the method and the path (never the query, which may carry
/// filters, and never a header), and records the status, the attempts and the elapsed time.
/// The retry layer below records `attempt` into it.
#[derive(Clone)]
pub(crate) struct Trace {
    pub(crate) inner: HttpService,
}

impl Service<Request<RequestBody>> for Trace {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
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
            self.inner.call(request)
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
