//! Retries of transient failures: *classify*, *back off*, *budget*, kept apart as the AWS SDK
//! keeps them. The public knobs are [`RetryConfig`] and [`RetryBudget`]; the layer is
//! [`RetryLayer`](crate::RetryLayer).

pub(crate) mod backoff;
pub(crate) mod classify;
pub(crate) mod policy;
pub(crate) mod retry_after;

use std::fmt;
use std::time::Duration;

use crate::Error;

/// A request extension: the request may be repeated like a GET (retried on a 429, 502, 503,
/// 504, a timeout or a closed connection, and replayed when its body was cut), whatever its
/// method. For a POST that has no effect worth protecting, such as a login.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Idempotent;

/// Why the retry layer handed back a transient answer (a 429, 502, 503 or 504) instead of
/// trying again: a response extension, next to [`Attempts`](crate::Attempts). A failure
/// without an answer says the same with [`Error::RetriesExhausted`] or
/// [`Error::RetryBudgetExhausted`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryStopped {
    /// Every attempt [`RetryConfig::max_attempts`] allows was made.
    MaxAttempts,
    /// The shared [`RetryBudget`] is spent: too many retries across the client recently (the
    /// server is likely down).
    Budget,
}

impl RetryStopped {
    /// `error`, the last attempt's failure, wrapped in the reason retrying stopped.
    pub(crate) fn wrap(self, attempts: u32, error: Error) -> Error {
        let source = Box::new(error);
        match self {
            RetryStopped::MaxAttempts => Error::RetriesExhausted { attempts, source },
            RetryStopped::Budget => Error::RetryBudgetExhausted { attempts, source },
        }
    }
}

impl fmt::Display for RetryStopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RetryStopped::MaxAttempts => "no attempt left",
            RetryStopped::Budget => "not retried: retry budget exhausted",
        })
    }
}

/// How the transport retries transient failures, in three parts kept apart:
///
/// - *classify*: is this outcome transient, and is it safe to try again for this method?
///   Connect errors are, for any method (nothing reached the server); a pooled connection closed
///   under the request, a per-attempt timeout, 429, 502, 503 and 504 are, for idempotent methods
///   (GET, HEAD, PUT, DELETE, OPTIONS, TRACE, or any request marked [`Idempotent`]) only. A
///   one-shot stream body is never sent again. A body cut mid-way is replayed by
///   [`Transport::send_and_read`](crate::Transport::send_and_read) under the same rules.
/// - *back off*: full-jitter exponential delays from [`base_delay`](Self::base_delay) up to
///   [`max_delay`](Self::max_delay), or the server's `Retry-After` (seconds or an HTTP date)
///   clamped to [`max_retry_after`](Self::max_retry_after).
/// - *budget*: a [`RetryBudget`] shared by every clone of the transport, so that when a server is
///   down the client stops retrying instead of multiplying its load.
///
/// Start from [`RetryConfig::default`] (4 attempts, 200 ms to 10 s, `Retry-After` up to 60 s,
/// full jitter) and change what you need; new settings may be added without a breaking change:
///
/// ```
/// use std::time::Duration;
/// use kitsu_transport::RetryConfig;
///
/// let retry = RetryConfig::default()
///     .max_attempts(6)
///     .base_delay(Duration::from_millis(100));
/// assert_eq!(retry.max_attempts, 6);
/// ```
///
/// Settings are checked when the layer is built: zero attempts, a base delay above the maximum
/// or a budget out of range is an [`Error::Builder`] naming the setting.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
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
        RetryConfig::default().max_attempts(1)
    }

    /// Sets the number of attempts in all, the first included (1 turns retries off).
    #[must_use]
    pub fn max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// Sets the backoff's base: the first retry waits up to this long.
    #[must_use]
    pub fn base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self
    }

    /// Sets the backoff's cap.
    #[must_use]
    pub fn max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// Sets the longest `Retry-After` honoured.
    #[must_use]
    pub fn max_retry_after(mut self, max_retry_after: Duration) -> Self {
        self.max_retry_after = max_retry_after;
        self
    }

    /// Sets how delays are randomised.
    #[must_use]
    pub fn jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }

    /// Sets the shared retry budget.
    #[must_use]
    pub fn budget(mut self, budget: RetryBudget) -> Self {
        self.budget = budget;
        self
    }

    /// Checks every setting; an [`Error::Builder`] names the first one out of range.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.max_attempts == 0 {
            return Err(Error::builder("retry.max_attempts", "must be at least 1"));
        }
        if self.base_delay > self.max_delay {
            return Err(Error::builder(
                "retry.base_delay",
                "must not exceed retry.max_delay",
            ));
        }
        let window = self.budget.window;
        if window < Duration::from_secs(1) || window > Duration::from_secs(60) {
            return Err(Error::builder(
                "retry.budget.window",
                "must be between 1 s and 60 s",
            ));
        }
        if self.budget.min_per_second >= i32::MAX as u32 {
            return Err(Error::builder(
                "retry.budget.min_per_second",
                "is too large",
            ));
        }
        if !(0.0..=1000.0).contains(&self.budget.retry_ratio) {
            return Err(Error::builder(
                "retry.budget.retry_ratio",
                "must be between 0 and 1000",
            ));
        }
        Ok(())
    }
}

/// How backoff delays are randomised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Jitter {
    /// A uniformly random delay between zero and the exponential bound (AWS "full jitter"):
    /// spreads retries of many clients best.
    Full,
    /// Exactly the exponential bound: deterministic, for tests.
    None,
}

/// The shared retry budget (tower's `TpsBudget`): retries may add at most
/// [`retry_ratio`](Self::retry_ratio) of the recent request rate, plus a floor of
/// [`min_per_second`](Self::min_per_second), over a window of [`window`](Self::window).
///
/// ```
/// use std::time::Duration;
/// use kitsu_transport::{RetryBudget, RetryConfig};
///
/// let retry = RetryConfig::default()
///     .budget(RetryBudget::default().min_per_second(1).retry_ratio(0.1));
/// assert_eq!(retry.budget.window, Duration::from_secs(10));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RetryBudget {
    /// How long a deposit (a first attempt, counted once it was made, not when its call began
    /// waiting for a slot) stays in the budget (1 s to 60 s).
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

impl RetryBudget {
    /// Sets how long a first attempt stays in the budget (1 s to 60 s).
    #[must_use]
    pub fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Sets the retries allowed per second whatever the request rate.
    #[must_use]
    pub fn min_per_second(mut self, min_per_second: u32) -> Self {
        self.min_per_second = min_per_second;
        self
    }

    /// Sets the retries allowed as a fraction of first attempts (0.0 to 1000.0).
    #[must_use]
    pub fn retry_ratio(mut self, retry_ratio: f32) -> Self {
        self.retry_ratio = retry_ratio;
        self
    }
}
