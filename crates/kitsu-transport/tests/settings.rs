//! Every bad setting is a typed error when the transport (or a layer) is built, naming it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use kitsu_transport::{
    BearerToken, Error, InFlightLayer, RateLimitLayer, RetryBudget, RetryConfig, RetryLayer,
    Transport, TransportBuilder,
};
use support::builder;

/// The setting an [`Error::Builder`] names; any other error fails the test.
fn setting_of(error: Error) -> &'static str {
    match error {
        Error::Builder { setting, .. } => setting,
        other => panic!("expected Error::Builder, got {other:?}"),
    }
}

fn budget(budget: RetryBudget) -> TransportBuilder {
    builder().retry(RetryConfig::default().budget(budget))
}

#[test]
fn each_bad_setting_is_a_builder_error_naming_it() {
    let cases = [
        (
            builder().bearer_token(BearerToken::new("bad\ntoken")),
            "bearer_token",
        ),
        (builder().max_in_flight(0), "max_in_flight"),
        (builder().deadline(Some(Duration::ZERO)), "deadline"),
        (builder().max_response_size(Some(0)), "max_response_size"),
        (builder().max_in_flight(usize::MAX), "max_in_flight"),
        (builder().rate_limit(0, 1), "rate_limit"),
        (builder().rate_limit(1, 0), "rate_limit"),
        (
            builder().retry(RetryConfig::default().max_attempts(0)),
            "retry.max_attempts",
        ),
        (
            builder().retry(RetryConfig::default().base_delay(Duration::from_secs(60))),
            "retry.base_delay",
        ),
        (
            budget(RetryBudget::default().window(Duration::ZERO)),
            "retry.budget.window",
        ),
        (
            budget(RetryBudget::default().window(Duration::from_secs(61))),
            "retry.budget.window",
        ),
        (
            budget(RetryBudget::default().min_per_second(u32::MAX)),
            "retry.budget.min_per_second",
        ),
        (
            budget(RetryBudget::default().retry_ratio(-1.0)),
            "retry.budget.retry_ratio",
        ),
        (
            budget(RetryBudget::default().retry_ratio(f32::NAN)),
            "retry.budget.retry_ratio",
        ),
        (builder().user_agent("bad\nagent"), "user_agent"),
        (
            builder().add_root_certificates_pem(b"not a pem"),
            "add_root_certificates_pem",
        ),
        (
            builder().add_root_certificates_pem(
                b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
            ),
            "add_root_certificates_pem",
        ),
        (
            builder().add_root_certificate_der(vec![1, 2, 3]),
            "add_root_certificate_der",
        ),
    ];
    for (builder, expected) in cases {
        let error = builder.build().unwrap_err();
        let shown = error.to_string();
        assert_eq!(setting_of(error), expected, "{shown}");
        assert!(
            shown.starts_with(&format!("invalid setting {expected}: ")),
            "{shown}"
        );
    }
}

#[test]
fn a_builder_error_says_the_setting_and_the_reason() {
    let error = builder().max_in_flight(0).build().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid setting max_in_flight: must be at least 1"
    );
}

#[test]
fn the_first_bad_setting_is_the_one_reported() {
    let error = builder()
        .bearer_token(BearerToken::new("bad\ntoken"))
        .add_root_certificates_pem(b"not a pem")
        .build()
        .unwrap_err();
    assert_eq!(setting_of(error), "bearer_token");
}

#[test]
fn layer_constructors_check_their_settings() {
    assert_eq!(
        setting_of(InFlightLayer::new(0).unwrap_err()),
        "max_in_flight"
    );
    assert_eq!(
        setting_of(RateLimitLayer::new(0, 5).unwrap_err()),
        "rate_limit"
    );
    assert_eq!(
        setting_of(RetryLayer::new(RetryConfig::default().max_attempts(0)).unwrap_err()),
        "retry.max_attempts"
    );
    assert!(InFlightLayer::new(1).is_ok());
    assert!(RateLimitLayer::new(1, 1).is_ok());
    assert!(RetryLayer::new(RetryConfig::disabled()).is_ok());
}

#[tokio::test]
async fn a_port_out_of_range_is_an_invalid_base_url_at_once() {
    match Transport::new("http://127.0.0.1:99999") {
        Err(Error::InvalidBaseUrl { url, reason }) => {
            assert_eq!(url, "http://127.0.0.1:99999");
            assert!(reason.contains("99999"), "{reason}");
        }
        other => panic!("expected an invalid base URL, got {other:?}"),
    }
}

#[test]
fn a_bad_base_url_is_reported_before_other_settings() {
    let error = Transport::builder("kitsu.example.com")
        .max_in_flight(0)
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::InvalidBaseUrl { .. }), "{error:?}");
}

#[test]
fn tls_config_is_for_assembling_tls_only() {
    let error = builder().tls_built_in_roots(false).build().unwrap_err();
    assert!(matches!(error, Error::TlsConfig(_)), "{error:?}");
}

#[test]
fn retry_settings_chain_from_the_defaults() {
    let retry = RetryConfig::default()
        .max_attempts(6)
        .base_delay(Duration::from_millis(100));
    assert_eq!(retry.max_attempts, 6);
    assert_eq!(retry.base_delay, Duration::from_millis(100));
    assert_eq!(retry.max_delay, RetryConfig::default().max_delay);
    assert_eq!(RetryConfig::disabled().max_attempts, 1);
}
