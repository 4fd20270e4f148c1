//! Bounds each attempt's wait for a response head.

use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::future::BoxFuture;
use http::{Request, Response};
use tower::Service;

use crate::{Error, HttpService, RequestBody, ResponseBody};

/// A per-request override of the per-attempt timeout, as a request extension.
///
/// `RequestTimeout(None)` turns the timeout off for that request (a large upload whose response
/// only comes after the last byte); `RequestTimeout(Some(d))` replaces the transport's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestTimeout(pub Option<Duration>);

/// Fails an attempt with [`Error::Timeout`] when no response head arrives in time.
/// The body is not covered: it streams for as long as it needs.
#[derive(Clone)]
pub(crate) struct AttemptTimeout {
    pub(crate) inner: HttpService,
    pub(crate) default: Option<Duration>,
}

impl Service<Request<RequestBody>> for AttemptTimeout {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
        let limit = request
            .extensions()
            .get::<RequestTimeout>()
            .map_or(self.default, |custom| custom.0);
        let Some(limit) = limit else {
            return self.inner.call(request);
        };
        let method = request.method().clone();
        let url = request.uri().clone();
        let response = self.inner.call(request);
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
