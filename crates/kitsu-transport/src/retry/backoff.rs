//! How long to wait before the next attempt.

use std::time::Duration;

use super::{Jitter, RetryConfig};

/// The delay before retry number `retry` (1 for the first retry).
///
/// With a `Retry-After` from the server, that delay clamped to `max_retry_after`; otherwise the
/// exponential bound `min(max_delay, base_delay · 2^(retry-1))`, fully jittered: a uniform draw
/// in `[0, bound]` (`random` is a draw in `[0, 1)`).
pub(crate) fn delay(
    config: &RetryConfig,
    retry: u32,
    retry_after: Option<Duration>,
    random: f64,
) -> Duration {
    if let Some(asked) = retry_after {
        return asked.min(config.max_retry_after);
    }
    let bound = exponential_bound(config, retry);
    match config.jitter {
        Jitter::None => bound,
        Jitter::Full => bound.mul_f64(random.clamp(0.0, 1.0)),
    }
}

/// `min(max_delay, base_delay · 2^(retry-1))`, without overflow.
pub(crate) fn exponential_bound(config: &RetryConfig, retry: u32) -> Duration {
    let exponent = retry.saturating_sub(1).min(31);
    config
        .base_delay
        .checked_mul(1u32 << exponent)
        .unwrap_or(config.max_delay)
        .min(config.max_delay)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(jitter: Jitter) -> RetryConfig {
        RetryConfig {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(30),
            jitter,
            ..RetryConfig::default()
        }
    }

    #[test]
    fn exponential_bounds_double_up_to_the_cap() {
        let config = config(Jitter::None);
        let bounds: Vec<_> = (1..=7).map(|n| delay(&config, n, None, 0.5)).collect();
        let millis: Vec<_> = bounds.iter().map(Duration::as_millis).collect();
        assert_eq!(millis, [100, 200, 400, 800, 1600, 2000, 2000]);
        assert_eq!(exponential_bound(&config, 1000), Duration::from_secs(2));
    }

    #[test]
    fn full_jitter_stays_within_zero_and_the_bound() {
        let config = config(Jitter::Full);
        for retry in 1..10 {
            let bound = exponential_bound(&config, retry);
            assert_eq!(delay(&config, retry, None, 0.0), Duration::ZERO);
            assert_eq!(delay(&config, retry, None, 0.5), bound / 2);
            for _ in 0..100 {
                assert!(delay(&config, retry, None, fastrand::f64()) <= bound);
            }
        }
    }

    #[test]
    fn retry_after_overrides_and_is_clamped() {
        let config = config(Jitter::Full);
        assert_eq!(
            delay(&config, 1, Some(Duration::from_secs(5)), 0.1),
            Duration::from_secs(5)
        );
        assert_eq!(
            delay(&config, 1, Some(Duration::from_secs(3600)), 0.1),
            Duration::from_secs(30)
        );
    }
}
