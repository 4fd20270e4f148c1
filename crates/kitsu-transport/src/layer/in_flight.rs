//! Caps the number of requests in flight across every service of one layer.

use std::sync::Arc;

use http::Request;
use tokio::sync::Semaphore;

use super::{InnerService, Middleware, ResponseFuture};
use crate::{Error, RequestBody};

/// A request extension: the request skips the in-flight cap and the rate limit, and goes at
/// once. For a [`RefreshHook`](crate::RefreshHook)'s own request, which requests already
/// holding in-flight slots wait for: queued behind them it would never leave.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BypassLimits;

/// Waits for a permit of a shared semaphore before each attempt, and keeps it in the response
/// body until the body is finished or dropped, so a stream of downloads is bounded as well as a
/// burst of small calls. Unlike tower's `ConcurrencyLimit`, the permit outlives the response head.
/// A request marked [`BypassLimits`] takes no permit.
///
/// Every service this layer makes, and every clone of them, shares the one semaphore.
#[derive(Clone, Debug)]
pub struct InFlightLayer {
    permits: Arc<Semaphore>,
}

impl InFlightLayer {
    /// At most `max` requests in flight. Fails with [`Error::Builder`] (setting `max_in_flight`)
    /// for zero, or more than tokio's semaphore can count.
    pub fn new(max: usize) -> Result<Self, Error> {
        if max == 0 {
            return Err(Error::builder("max_in_flight", "must be at least 1"));
        }
        if max > Semaphore::MAX_PERMITS {
            return Err(Error::builder(
                "max_in_flight",
                format!("must be at most {}", Semaphore::MAX_PERMITS),
            ));
        }
        Ok(InFlightLayer {
            permits: Arc::new(Semaphore::new(max)),
        })
    }
}

impl Middleware for InFlightLayer {
    fn handle<S: InnerService>(
        &self,
        mut inner: S,
        request: Request<RequestBody>,
    ) -> ResponseFuture {
        if request.extensions().get::<BypassLimits>().is_some() {
            return Box::pin(inner.call(request));
        }
        let permits = self.permits.clone();
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
