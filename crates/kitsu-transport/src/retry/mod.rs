//! Retries of transient failures: *classify*, *back off*, *budget*, kept apart as the AWS SDK
//! keeps them.
//!
//! - [`classify`](self::classify): is this outcome transient, and is it safe to try again for
//!   this method? Connect errors are (any method: nothing reached the server); a pooled
//!   connection closed under the request, a per-attempt timeout, 429, 502, 503 and 504 are for
//!   idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) only.
//! - [`backoff`](self::backoff): full-jitter exponential delays, or the server's `Retry-After`
//!   (seconds or an HTTP date) clamped to a maximum.
//! - budget: tower's `TpsBudget`, shared by every clone of the transport, so that when a server
//!   is down the client stops retrying instead of multiplying its load.

pub(crate) mod backoff;
pub(crate) mod classify;
pub(crate) mod policy;
pub(crate) mod retry_after;

use std::time::Duration;

/// How the transport retries transient failures. See the [module docs](self).
#[derive(Clone, Debug, PartialEq)]
pub struct RetryConfig {
    /// Attempts in all, the first included (1 turns retries off).
    pub max_attempts: u32,
    /// The backoff's base: the first retry waits up to this long.
    pub base_delay: Duration,
    /// The backoff's cap: no computed delay exceeds it.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; longer ones are clamped to it.
    pub max_retry_after: Duration,
    /// How delays are randomised.
    pub jitter: Jitter,
    /// The shared retry budget.
    pub budget: RetryBudget,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            jitter: Jitter::Full,
            budget: RetryBudget::default(),
        }
    }
}

impl RetryConfig {
    /// No retries at all.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        }
    }
}

/// How backoff delays are randomised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jitter {
    /// A uniformly random delay between zero and the exponential bound (AWS "full jitter"):
    /// spreads retries of many clients best.
    Full,
    /// Exactly the exponential bound: deterministic, for tests.
    None,
}

/// The shared retry budget (tower's `TpsBudget`): retries may add at most `retry_ratio` of the
/// recent request rate, plus a floor of `min_per_second`, over a window of `window`.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryBudget {
    /// How long a deposit (a first attempt) stays in the budget.
    pub window: Duration,
    /// Retries allowed per second whatever the request rate.
    pub min_per_second: u32,
    /// Retries allowed as a fraction of first attempts (0.0 to 1000.0).
    pub retry_ratio: f32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget {
            window: Duration::from_secs(10),
            min_per_second: 10,
            retry_ratio: 0.2,
        }
    }
}
