//! Retries transient failures: tower's `Retry` with the transport's policy.

use http::Request;
use tower::Service;
use tower::retry::Retry;

use super::{InnerService, Middleware, ResponseFuture};
use crate::call::CallState;
use crate::retry::RetryConfig;
use crate::retry::policy::RetryPolicy;
use crate::{Error, RequestBody};

/// Retries what is transient and safe for the method, with full-jitter backoff and
/// `Retry-After`, under a shared budget: see [`RetryConfig`]. Puts the number of attempts
/// into the response's extensions as [`Attempts`](crate::Attempts) (and, on a transient answer
/// it gave up on, why, as [`RetryStopped`](crate::RetryStopped)) and records `attempt` into the
/// current span.
///
/// Every service this layer makes, and every clone of them, shares the one retry budget.
/// With `max_attempts` 1 the layer passes requests through untouched.
#[derive(Clone, Debug)]
pub struct RetryLayer {
    policy: Option<RetryPolicy>,
}

impl RetryLayer {
    /// A layer retrying as `config` says. Fails with [`Error::Builder`] (naming the setting,
    /// e.g. `retry.max_attempts`) for a setting out of range.
    pub fn new(config: RetryConfig) -> Result<Self, Error> {
        config.validate()?;
        let policy = (config.max_attempts > 1).then(|| RetryPolicy::new(config));
        Ok(RetryLayer { policy })
    }

    /// The policy, for the replays of [`Transport::send_and_read`](crate::Transport::send_and_read).
    pub(crate) fn policy(&self) -> Option<&RetryPolicy> {
        self.policy.as_ref()
    }
}

impl Middleware for RetryLayer {
    fn handle<S: InnerService>(
        &self,
        mut inner: S,
        request: Request<RequestBody>,
    ) -> ResponseFuture {
        match &self.policy {
            // `inner` is ready, and `Retry::poll_ready` only asks it: `call` may go first.
            Some(policy) => {
                let mut request = request;
                CallState::of(&mut request);
                Box::pin(Retry::new(policy.clone(), inner).call(request))
            }
            None => Box::pin(inner.call(request)),
        }
    }
}
