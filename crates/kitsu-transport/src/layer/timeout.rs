//! Bounds each attempt's wait for a response head.

use std::time::Duration;

use http::Request;

use super::{InnerService, Middleware, ResponseFuture};
use crate::{Error, RequestBody};

/// A per-request override of the per-attempt timeout, as a request extension.
///
/// `RequestTimeout(None)` turns the timeout off for that request (a large upload whose response
/// only comes after the last byte); `RequestTimeout(Some(d))` replaces the layer's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestTimeout(pub Option<Duration>);

impl super::Override for RequestTimeout {
    type Value = Duration;
    fn value(&self) -> Option<Duration> {
        self.0
    }
}

/// Fails an attempt with [`Error::Timeout`] when no response head arrives in time.
/// The body is not covered: it streams for as long as it needs. Below a
/// [`RetryLayer`](super::RetryLayer), each attempt gets a fresh timeout.
#[derive(Clone, Copy, Debug)]
pub struct TimeoutLayer {
    default: Option<Duration>,
}

impl TimeoutLayer {
    /// Each attempt may wait `default` for its response head (`None`: forever), unless the
    /// request carries a [`RequestTimeout`].
    pub fn new(default: Option<Duration>) -> Self {
        TimeoutLayer { default }
    }
}

impl Middleware for TimeoutLayer {
    fn handle<S: InnerService>(
        &self,
        mut inner: S,
        request: Request<RequestBody>,
    ) -> ResponseFuture {
        let limit = super::setting::<RequestTimeout>(&request, self.default);
        let Some(limit) = limit else {
            return Box::pin(inner.call(request));
        };
        let method = request.method().clone();
        let url = request.uri().clone();
        let response = inner.call(request);
        Box::pin(async move {
            match tokio::time::timeout(limit, response).await {
                Ok(result) => result,
                Err(_) => Err(Error::Timeout {
                    method,
                    url,
                    after: limit,
                }),
            }
        })
    }
}
