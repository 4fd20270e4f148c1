//! Spaces requests with a shared GCRA limiter (governor).

use std::num::NonZeroU32;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use futures_util::future::BoxFuture;
use governor::clock::{Clock, ReasonablyRealtime};
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use http::{Request, Response};
use tower::Service;

use super::take_ready;
use crate::{Error, HttpService, RequestBody, ResponseBody};

/// The limiter's clock: tokio's, so that paused-time tests see the limiter's waits.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokioClock;

impl Clock for TokioClock {
    type Instant = Instant;

    fn now(&self) -> Instant {
        tokio::time::Instant::now().into_std()
    }
}

impl ReasonablyRealtime for TokioClock {}

type Limiter = RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<Instant>>;

/// A limiter shared by every clone: `per_second` requests a second, bursts of up to `burst`.
pub(crate) fn limiter(per_second: NonZeroU32, burst: NonZeroU32) -> Arc<Limiter> {
    let quota = Quota::per_second(per_second).allow_burst(burst);
    Arc::new(RateLimiter::direct_with_clock(quota, TokioClock))
}

/// Waits for the shared limiter before each attempt (retries count against the rate too).
#[derive(Clone)]
pub(crate) struct RateLimit {
    pub(crate) inner: HttpService,
    pub(crate) limiter: Arc<Limiter>,
}

impl Service<Request<RequestBody>> for RateLimit {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
        let limiter = self.limiter.clone();
        let mut inner = take_ready(&mut self.inner);
        Box::pin(async move {
            while let Err(not_until) = limiter.check() {
                tokio::time::sleep(not_until.wait_time_from(TokioClock.now())).await;
            }
            inner.call(request).await
        })
    }
}
