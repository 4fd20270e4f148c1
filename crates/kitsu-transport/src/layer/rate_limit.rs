//! Spaces requests with a shared GCRA limiter (governor).

use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Instant;

use governor::clock::{Clock, ReasonablyRealtime};
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use http::Request;

use super::{InnerService, Middleware, ResponseFuture};
use crate::{Error, RequestBody};

/// The limiter's clock: tokio's, so that paused-time tests see the limiter's waits.
#[derive(Clone, Copy, Debug, Default)]
struct TokioClock;

impl Clock for TokioClock {
    type Instant = Instant;

    fn now(&self) -> Instant {
        tokio::time::Instant::now().into_std()
    }
}

impl ReasonablyRealtime for TokioClock {}

type Limiter = RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<Instant>>;

/// Waits for a shared limiter before each attempt: below a [`RetryLayer`](super::RetryLayer),
/// retries count against the rate too. The limiter reads tokio's clock. A request marked
/// [`BypassLimits`](super::BypassLimits) does not wait.
///
/// Every service this layer makes, and every clone of them, shares the one limiter.
#[derive(Clone)]
pub struct RateLimitLayer {
    limiter: Arc<Limiter>,
}

impl RateLimitLayer {
    /// `per_second` requests a second on average, in bursts of up to `burst`. Fails with
    /// [`Error::Builder`] (setting `rate_limit`) when either is zero.
    pub fn new(per_second: u32, burst: u32) -> Result<Self, Error> {
        let (Some(per_second), Some(burst)) = (NonZeroU32::new(per_second), NonZeroU32::new(burst))
        else {
            return Err(Error::builder(
                "rate_limit",
                "a rate limit needs a rate and a burst of at least 1",
            ));
        };
        let quota = Quota::per_second(per_second).allow_burst(burst);
        Ok(RateLimitLayer {
            limiter: Arc::new(RateLimiter::direct_with_clock(quota, TokioClock)),
        })
    }
}

impl fmt::Debug for RateLimitLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimitLayer").finish_non_exhaustive()
    }
}

impl Middleware for RateLimitLayer {
    fn handle<S: InnerService>(
        &self,
        mut inner: S,
        request: Request<RequestBody>,
    ) -> ResponseFuture {
        if request.extensions().get::<super::BypassLimits>().is_some() {
            return Box::pin(inner.call(request));
        }
        let limiter = self.limiter.clone();
        Box::pin(async move {
            while let Err(not_until) = limiter.check() {
                tokio::time::sleep(not_until.wait_time_from(TokioClock.now())).await;
            }
            inner.call(request).await
        })
    }
}
