//! The tower retry policy: puts classify, backoff and budget together.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::future::BoxFuture;
use http::{Request, Response};
use tower::retry::Policy;
use tower::retry::budget::{Budget, TpsBudget};

use super::classify::{Verdict, classify, repeatable};
use super::{RetryConfig, RetryStopped, backoff};
use crate::call::CallState;
use crate::layer::clone_request;
use crate::{Attempts, Error, RequestBody, ResponseBody};

/// How much of a retried error response is read (so its connection goes back to the pool).
const DRAIN_LIMIT: usize = 64 * 1024;

/// The retry policy. Tower clones it for each request; the attempts of a call are counted in
/// the request's [`CallState`] (so replays of a cut body count too), while the budget is shared
/// through its `Arc` by every request of every clone.
#[derive(Clone)]
pub(crate) struct RetryPolicy {
    config: Arc<RetryConfig>,
    budget: Arc<TpsBudget>,
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl RetryPolicy {
    pub(crate) fn new(config: RetryConfig) -> RetryPolicy {
        let budget = TpsBudget::new(
            config.budget.window,
            config.budget.min_per_second,
            config.budget.retry_ratio,
        );
        RetryPolicy {
            config: Arc::new(config),
            budget: Arc::new(budget),
        }
    }

    /// Whether a call that made `attempts` attempts may make one more, and after how long
    /// (the server's `retry_after`, or the backoff). A retry spends from the shared budget.
    pub(crate) fn next_try(
        &self,
        attempts: u32,
        retry_after: Option<Duration>,
    ) -> Result<Duration, RetryStopped> {
        if attempts >= self.config.max_attempts {
            return Err(RetryStopped::MaxAttempts);
        }
        if !self.budget.withdraw() {
            tracing::warn!(attempts, "retry budget exhausted: not retrying");
            return Err(RetryStopped::Budget);
        }
        Ok(backoff::delay(
            &self.config,
            attempts,
            retry_after,
            fastrand::f64(),
        ))
    }
}

impl Policy<Request<RequestBody>, Response<ResponseBody>, Error> for RetryPolicy {
    type Future = BoxFuture<'static, ()>;

    fn retry(
        &mut self,
        request: &mut Request<RequestBody>,
        result: &mut Result<Response<ResponseBody>, Error>,
    ) -> Option<Self::Future> {
        let attempts = CallState::get(request)
            .map_or(1, CallState::attempts)
            .max(1);
        if attempts == 1 {
            // A first attempt funds the budget once it was made, not when its call began: the
            // calls of a wide fan-out wait for their slots far longer than the budget's window.
            self.budget.deposit();
        }
        tracing::Span::current().record("attempt", attempts);
        if let Ok(response) = result {
            response.extensions_mut().insert(Attempts(attempts));
        }
        let Verdict::Transient { retry_after } =
            classify(repeatable(request), result, SystemTime::now())
        else {
            return None;
        };
        let delay = match self.next_try(attempts, retry_after) {
            Ok(delay) => delay,
            Err(stopped) => {
                give_up(result, attempts, stopped);
                return None;
            }
        };
        tracing::debug!(
            attempt = attempts,
            delay_ms = delay.as_millis() as u64,
            "transient failure: retrying"
        );
        let unread = match result {
            Ok(response) => Some(std::mem::take(response.body_mut())),
            Err(_) => None,
        };
        Some(Box::pin(async move {
            let drain = async move {
                if let Some(body) = unread {
                    body.read_prefix(DRAIN_LIMIT).await;
                }
            };
            futures_util::future::join(drain, tokio::time::sleep(delay)).await;
        }))
    }

    fn clone_request(&mut self, request: &Request<RequestBody>) -> Option<Request<RequestBody>> {
        // Called before every attempt.
        if let Some(call) = CallState::get(request) {
            call.begin_attempt();
        }
        clone_request(request)
    }
}

/// Says why retrying stopped: on a final response as a [`RetryStopped`] extension, on a final
/// error by wrapping it.
fn give_up(
    result: &mut Result<Response<ResponseBody>, Error>,
    attempts: u32,
    stopped: RetryStopped,
) {
    match result {
        Ok(response) => {
            response.extensions_mut().insert(stopped);
        }
        Err(error) => {
            let last = std::mem::replace(error, Error::Service("retry placeholder".into()));
            *error = stopped.wrap(attempts, last);
        }
    }
}
