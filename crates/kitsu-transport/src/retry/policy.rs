//! The tower retry policy: puts classify, backoff and budget together.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use futures_util::future::BoxFuture;
use http::{Request, Response};
use tower::retry::Policy;
use tower::retry::budget::{Budget, TpsBudget};

use super::classify::{Verdict, classify};
use super::{RetryConfig, backoff};
use crate::layer::clone_request;
use crate::{Attempts, Error, RequestBody, ResponseBody};

/// How much of a retried error response is read (so its connection goes back to the pool).
const DRAIN_LIMIT: usize = 64 * 1024;

/// The retry policy. Tower clones it for each request, so `attempts` counts one request's
/// attempts, while the budget is shared through its `Arc` by every request of every clone.
#[derive(Clone)]
pub(crate) struct RetryPolicy {
    config: Arc<RetryConfig>,
    budget: Arc<TpsBudget>,
    attempts: u32,
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
            attempts: 0,
        }
    }
}

impl Policy<Request<RequestBody>, Response<ResponseBody>, Error> for RetryPolicy {
    type Future = BoxFuture<'static, ()>;

    fn retry(
        &mut self,
        request: &mut Request<RequestBody>,
        result: &mut Result<Response<ResponseBody>, Error>,
    ) -> Option<Self::Future> {
        self.attempts += 1;
        let attempts = self.attempts;
        tracing::Span::current().record("attempt", attempts);
        if let Ok(response) = result {
            response.extensions_mut().insert(Attempts(attempts));
        }
        let Verdict::Transient { retry_after } =
            classify(request.method(), result, SystemTime::now())
        else {
            return None;
        };
        if attempts >= self.config.max_attempts {
            give_up(result, |source| Error::RetriesExhausted {
                attempts,
                source,
            });
            return None;
        }
        if !self.budget.withdraw() {
            tracing::warn!(attempts, "retry budget exhausted: not retrying");
            give_up(result, |source| Error::RetryBudgetExhausted {
                attempts,
                source,
            });
            return None;
        }
        let delay = backoff::delay(&self.config, attempts, retry_after, fastrand::f64());
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
        if self.attempts == 0 {
            self.budget.deposit();
        }
        clone_request(request)
    }
}

/// Wraps a final error in the reason retrying stopped; a final response is handed back as is.
fn give_up(
    result: &mut Result<Response<ResponseBody>, Error>,
    wrap: impl FnOnce(Box<Error>) -> Error,
) {
    if let Err(error) = result {
        let last = std::mem::replace(error, Error::Service("retry placeholder".into()));
        *error = wrap(Box::new(last));
    }
}
