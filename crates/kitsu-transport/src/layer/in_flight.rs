//! Caps the number of requests in flight across every clone of a transport.

use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::future::BoxFuture;
use http::{Request, Response};
use tokio::sync::Semaphore;
use tower::Service;

use super::take_ready;
use crate::{Error, HttpService, RequestBody, ResponseBody};

/// Waits for a permit of a shared semaphore before each attempt, and keeps it in the response
/// body until the body is finished or dropped, so a stream of downloads is bounded as well as a
/// burst of small calls. Unlike tower's `ConcurrencyLimit`, the permit outlives the response head.
#[derive(Clone)]
pub(crate) struct InFlightLimit {
    pub(crate) inner: HttpService,
    pub(crate) permits: Arc<Semaphore>,
}

impl Service<Request<RequestBody>> for InFlightLimit {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
        let permits = self.permits.clone();
        let mut inner = take_ready(&mut self.inner);
        Box::pin(async move {
            let permit = permits
                .acquire_owned()
                .await
                .map_err(|closed| Error::Service(closed.into()))?;
            let response = inner.call(request).await?;
            Ok(response.map(|body| body.hold(permit)))
        })
    }
}
