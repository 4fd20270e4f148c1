//! Every policy decision of the stack, against test doubles, in paused time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use http::header::AUTHORIZATION;
use http::{Request, Response};
use kitsu_transport::{
    Attempts, BearerToken, Error, Jitter, RequestBody, RequestTimeout, ResponseBody, RetryBudget,
    RetryConfig,
};
use support::*;
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn transient_statuses_are_retried_until_success() {
    let script = Scripted::new([
        Step::Status(503),
        Step::Status(502),
        Step::Status(429),
        Step::Status(200),
    ]);
    let transport = builder()
        .retry(fast_retry(4))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let response = transport.send(get("data/projects")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(4)));
    assert_eq!(script.count(), 4);
}

#[tokio::test(start_paused = true)]
async fn attempts_stop_at_the_maximum_and_hand_back_the_last_response() {
    let script = Scripted::new((0..10).map(|_| Step::Status(503)));
    let transport = builder()
        .retry(fast_retry(3))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let response = transport.send(get("data/projects")).await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(3)));
    assert_eq!(script.count(), 3);
}

#[tokio::test(start_paused = true)]
async fn persistent_connect_errors_end_in_retries_exhausted() {
    let script = Scripted::new((0..10).map(|_| Step::ConnectError));
    let transport = builder()
        .retry(fast_retry(3))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let error = transport.send(get("data/projects")).await.unwrap_err();
    assert!(
        matches!(error, Error::RetriesExhausted { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(error.is_connect());
    let text = error.to_string();
    assert!(
        text.contains("http://kitsu.test/api/data/projects"),
        "{text}"
    );
    assert!(text.contains("gave up after 3 attempts"), "{text}");
    assert_eq!(script.count(), 3);
}

#[tokio::test(start_paused = true)]
async fn exponential_backoff_waits_the_bound_without_jitter() {
    let script = Scripted::new((0..5).map(|_| Step::Status(503)));
    let config = fast_retry(5).max_delay(Duration::from_millis(500));
    let transport = builder()
        .retry(config)
        .inner_service(script.clone())
        .build()
        .unwrap();
    transport.send(get("x")).await.unwrap();
    let gaps: Vec<u128> = script.gaps().iter().map(Duration::as_millis).collect();
    assert_eq!(gaps, [100, 200, 400, 500]);
}

#[tokio::test(start_paused = true)]
async fn full_jitter_keeps_every_wait_within_its_bound() {
    for _ in 0..20 {
        let script = Scripted::new((0..4).map(|_| Step::Status(504)));
        let config = fast_retry(4).jitter(Jitter::Full);
        let transport = builder()
            .retry(config)
            .inner_service(script.clone())
            .build()
            .unwrap();
        transport.send(get("x")).await.unwrap();
        let gaps = script.gaps();
        assert_eq!(gaps.len(), 3);
        for (retry, gap) in gaps.iter().enumerate() {
            let bound = Duration::from_millis(100 << retry);
            assert!(*gap <= bound, "retry {retry} waited {gap:?} > {bound:?}");
        }
    }
}

#[tokio::test(start_paused = true)]
async fn retry_after_in_seconds_is_honoured() {
    let script = Scripted::new([
        Step::StatusWith(429, vec![("retry-after", "7".into())], "{}"),
        Step::Status(200),
    ]);
    let transport = builder()
        .retry(fast_retry(3))
        .inner_service(script.clone())
        .build()
        .unwrap();
    assert_eq!(status_of(&transport, get("x")).await.unwrap(), 200);
    assert_eq!(script.gaps(), [Duration::from_secs(7)]);
}

#[tokio::test(start_paused = true)]
async fn retry_after_as_an_http_date_is_honoured() {
    let in_twelve = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(12));
    let script = Scripted::new([
        Step::StatusWith(503, vec![("retry-after", in_twelve)], "{}"),
        Step::Status(200),
    ]);
    let transport = builder()
        .retry(fast_retry(3))
        .inner_service(script.clone())
        .build()
        .unwrap();
    assert_eq!(status_of(&transport, get("x")).await.unwrap(), 200);
    let gap = script.gaps()[0];
    // An HTTP date has one-second resolution.
    assert!(
        gap > Duration::from_secs(10) && gap <= Duration::from_secs(12),
        "{gap:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_clamped_to_the_maximum() {
    let script = Scripted::new([
        Step::StatusWith(503, vec![("retry-after", "86400".into())], "{}"),
        Step::Status(200),
    ]);
    let config = fast_retry(3).max_retry_after(Duration::from_secs(5));
    let transport = builder()
        .retry(config)
        .inner_service(script.clone())
        .build()
        .unwrap();
    assert_eq!(status_of(&transport, get("x")).await.unwrap(), 200);
    assert_eq!(script.gaps(), [Duration::from_secs(5)]);
}

#[tokio::test(start_paused = true)]
async fn an_empty_budget_stops_retries_of_a_dead_server() {
    let script = Scripted::new((0..100).map(|_| Step::ConnectError));
    let config = fast_retry(5).budget(
        RetryBudget::default()
            .window(Duration::from_secs(10))
            .min_per_second(0)
            .retry_ratio(0.0),
    );
    let transport = builder()
        .retry(config)
        .inner_service(script.clone())
        .build()
        .unwrap();
    let error = transport.send(get("x")).await.unwrap_err();
    assert!(
        matches!(error, Error::RetryBudgetExhausted { attempts: 1, .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("retry budget exhausted"),
        "{error}"
    );
    assert_eq!(script.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn the_budget_is_shared_across_clones_and_runs_out() {
    // A floor of 1 retry/s over a 10 s window: 10 retries in all, then first attempts only.
    let script = Scripted::new((0..1000).map(|_| Step::ConnectError));
    let config = fast_retry(3).budget(
        RetryBudget::default()
            .window(Duration::from_secs(10))
            .min_per_second(1)
            .retry_ratio(0.0),
    );
    let transport = builder()
        .retry(config)
        .inner_service(script.clone())
        .build()
        .unwrap();
    let mut budget_errors = 0;
    for _ in 0..20 {
        let clone = transport.clone();
        if let Err(Error::RetryBudgetExhausted { .. }) = clone.send(get("x")).await {
            budget_errors += 1;
        }
    }
    // 20 first attempts + 10 retries allowed by the budget.
    assert_eq!(script.count(), 30, "requests seen");
    assert!(
        budget_errors >= 10,
        "{budget_errors} requests stopped by the budget"
    );
}

#[tokio::test(start_paused = true)]
async fn post_is_not_retried_once_the_request_was_sent() {
    let (transport, mut handle) = mocked(builder().retry(fast_retry(4)));
    let sent = tokio::spawn(async move { transport.send(post("data/tasks", "{}")).await });
    let (request, reply) = handle.next_request().await.unwrap();
    assert_eq!(request.method(), http::Method::POST);
    reply.send_response(
        Response::builder()
            .status(503)
            .body(ResponseBody::empty())
            .unwrap(),
    );
    let response = sent.await.unwrap().unwrap();
    assert_eq!(response.status(), 503);
    // Nothing else arrives.
    tokio::time::sleep(Duration::from_secs(60)).await;
    let another = futures_util::FutureExt::now_or_never(handle.next_request());
    assert!(!matches!(another, Some(Some(_))), "the POST was sent again");
}

#[tokio::test(start_paused = true)]
async fn post_over_a_closed_connection_is_not_retried() {
    let script = Scripted::new([Step::ClosedError, Step::Status(200)]);
    let transport = builder()
        .retry(fast_retry(4))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let error = transport.send(post("data/tasks", "{}")).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Request {
                connection_closed: true,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(script.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn post_that_never_connected_is_retried_with_its_body() {
    let script = Scripted::new([Step::ConnectError, Step::Status(201)]);
    let transport = builder()
        .retry(fast_retry(4))
        .inner_service(script.clone())
        .build()
        .unwrap();
    assert_eq!(
        status_of(&transport, post("data/tasks", "{\"a\":1}"))
            .await
            .unwrap(),
        201
    );
    let seen = script.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].body, "{\"a\":1}");
}

#[tokio::test(start_paused = true)]
async fn get_over_a_closed_pooled_connection_is_retried() {
    let script = Scripted::new([Step::ClosedError, Step::Status(200)]);
    let transport = builder()
        .retry(fast_retry(4))
        .inner_service(script.clone())
        .build()
        .unwrap();
    assert_eq!(status_of(&transport, get("x")).await.unwrap(), 200);
    assert_eq!(script.count(), 2);
}

#[tokio::test(start_paused = true)]
async fn one_shot_streams_are_sent_once() {
    let script = Scripted::new([Step::ConnectError, Step::Status(200)]);
    let transport = builder()
        .retry(fast_retry(4))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let stream = futures_util::stream::iter([Ok(bytes::Bytes::from("abc"))]);
    let request = Request::put("/x")
        .body(RequestBody::from_stream(stream, Some(3)))
        .unwrap();
    assert!(transport.send(request).await.unwrap_err().is_connect());
    assert_eq!(script.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn replayable_streams_are_rebuilt_for_each_attempt() {
    let script = Scripted::new([Step::Status(503), Step::Status(200)]);
    let transport = builder()
        .retry(fast_retry(4))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let made = Arc::new(AtomicUsize::new(0));
    let counter = made.clone();
    let body = RequestBody::replayable(6, move || {
        counter.fetch_add(1, Ordering::SeqCst);
        futures_util::stream::iter([Ok(bytes::Bytes::from("abc")), Ok(bytes::Bytes::from("def"))])
    });
    let request = Request::put("/x").body(body).unwrap();
    assert_eq!(status_of(&transport, request).await.unwrap(), 200);
    assert_eq!(made.load(Ordering::SeqCst), 2);
    assert!(script.seen().iter().all(|s| s.body == "abcdef"));
}

#[tokio::test(start_paused = true)]
async fn retries_can_be_turned_off() {
    let script = Scripted::new([Step::Status(503), Step::Status(200)]);
    let transport = builder()
        .no_retry()
        .inner_service(script.clone())
        .build()
        .unwrap();
    assert_eq!(status_of(&transport, get("x")).await.unwrap(), 503);
    assert_eq!(script.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn the_in_flight_cap_bounds_a_thousand_concurrent_calls() {
    #[derive(Clone, Default)]
    struct Gauge {
        now: Arc<AtomicUsize>,
        peak: Arc<AtomicUsize>,
        total: Arc<AtomicUsize>,
    }
    let gauge = Gauge::default();
    let service_gauge = gauge.clone();
    let inner = tower::service_fn(move |_request: Request<RequestBody>| {
        let gauge = service_gauge.clone();
        async move {
            let now = gauge.now.fetch_add(1, Ordering::SeqCst) + 1;
            gauge.peak.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(10)).await;
            gauge.now.fetch_sub(1, Ordering::SeqCst);
            gauge.total.fetch_add(1, Ordering::SeqCst);
            Ok::<_, Error>(Response::new(ResponseBody::from("{}")))
        }
    });
    let transport = builder()
        .max_in_flight(8)
        .inner_service(inner)
        .build()
        .unwrap();
    let calls: Vec<_> = (0..1000)
        .map(|i| {
            let transport = transport.clone();
            tokio::spawn(async move { transport.send(get(&format!("data/shots/{i}"))).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().status(), 200);
    }
    assert_eq!(gauge.total.load(Ordering::SeqCst), 1000);
    assert_eq!(gauge.peak.load(Ordering::SeqCst), 8, "peak concurrency");
}

#[tokio::test(start_paused = true)]
async fn an_unread_response_body_keeps_its_in_flight_permit() {
    let script = Scripted::default();
    let transport = builder()
        .max_in_flight(1)
        .inner_service(script.clone())
        .build()
        .unwrap();
    let held = transport.send(get("a")).await.unwrap();
    let second = tokio::spawn({
        let transport = transport.clone();
        async move { transport.send(get("b")).await }
    });
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        script.count(),
        1,
        "the second request waits for the first body"
    );
    held.into_body().bytes().await.unwrap();
    second.await.unwrap().unwrap();
    assert_eq!(script.count(), 2);
}

#[tokio::test(start_paused = true)]
async fn the_rate_limit_spaces_calls() {
    let script = Scripted::default();
    let transport = builder()
        .rate_limit(10, 1)
        .inner_service(script.clone())
        .build()
        .unwrap();
    let started = Instant::now();
    let calls: Vec<_> = (0..5)
        .map(|_| {
            let transport = transport.clone();
            tokio::spawn(async move { transport.send(get("x")).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    for gap in script.gaps() {
        assert!(gap >= Duration::from_millis(99), "gap {gap:?}");
    }
    assert!(
        started.elapsed() >= Duration::from_millis(399),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(start_paused = true)]
async fn the_rate_limit_allows_its_burst_at_once() {
    let script = Scripted::default();
    let transport = builder()
        .rate_limit(1, 5)
        .inner_service(script.clone())
        .build()
        .unwrap();
    let started = Instant::now();
    for _ in 0..5 {
        transport.send(get("x")).await.unwrap();
    }
    assert_eq!(started.elapsed(), Duration::ZERO);
    transport.send(get("x")).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(999));
}

#[tokio::test(start_paused = true)]
async fn auth_header_goes_to_the_base_origin_only() {
    let script = Scripted::default();
    let transport = builder()
        .bearer_token(BearerToken::new("secret-token"))
        .inner_service(script.clone())
        .build()
        .unwrap();
    transport.send(get("data/projects")).await.unwrap();
    transport
        .send(get("http://kitsu.test/api/data/x"))
        .await
        .unwrap();
    transport
        .send(get("http://kitsu.test:80/other"))
        .await
        .unwrap();
    transport
        .send(get("https://cdn.example.org/movie.mp4"))
        .await
        .unwrap();
    transport
        .send(get("https://kitsu.test/api/data/x"))
        .await
        .unwrap();
    transport
        .send(get("http://kitsu.test:8080/api/data/x"))
        .await
        .unwrap();
    let seen = script.seen();
    let auth: Vec<_> = seen
        .iter()
        .map(|s| s.headers.get(AUTHORIZATION).cloned())
        .collect();
    for sent in &auth[..3] {
        let value = sent.as_ref().expect("token on the base origin");
        assert_eq!(value, "Bearer secret-token");
        assert!(value.is_sensitive());
    }
    for (not_sent, seen) in auth[3..].iter().zip(&seen[3..]) {
        assert!(not_sent.is_none(), "token leaked to {}", seen.uri);
    }
}

#[tokio::test(start_paused = true)]
async fn an_explicit_authorization_header_is_left_alone() {
    let script = Scripted::default();
    let transport = builder()
        .bearer_token(BearerToken::new("access"))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let request = Request::get("/auth/refresh-token")
        .header(AUTHORIZATION, "Bearer refresh")
        .body(RequestBody::empty())
        .unwrap();
    transport.send(request).await.unwrap();
    assert_eq!(script.seen()[0].headers[AUTHORIZATION], "Bearer refresh");
}

#[tokio::test(start_paused = true)]
async fn default_headers_are_set_but_not_forced() {
    let script = Scripted::default();
    let transport = builder().inner_service(script.clone()).build().unwrap();
    transport.send(get("x")).await.unwrap();
    let custom = Request::get("/x")
        .header("user-agent", "pipeline/2")
        .body(RequestBody::empty())
        .unwrap();
    transport.send(custom).await.unwrap();
    let seen = script.seen();
    assert_eq!(
        seen[0].headers["user-agent"],
        kitsu_transport::DEFAULT_USER_AGENT
    );
    assert!(kitsu_transport::DEFAULT_USER_AGENT.starts_with("kitsu-rs/"));
    assert_eq!(seen[0].headers["accept"], "application/json");
    assert_eq!(seen[1].headers["user-agent"], "pipeline/2");
    assert_eq!(seen[0].uri, "http://kitsu.test/api/x");
}

#[tokio::test(start_paused = true)]
async fn the_per_attempt_timeout_fires_and_is_retried_for_get() {
    let script = Scripted::new([Step::Hang, Step::Hang, Step::Status(200)]);
    let transport = builder()
        .retry(fast_retry(3))
        .attempt_timeout(Some(Duration::from_secs(5)))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let started = Instant::now();
    assert_eq!(status_of(&transport, get("x")).await.unwrap(), 200);
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(10) + Duration::from_millis(300)
    );
}

#[tokio::test(start_paused = true)]
async fn a_timed_out_post_is_a_typed_error_naming_the_url() {
    let script = Scripted::new([Step::Hang]);
    let transport = builder()
        .attempt_timeout(Some(Duration::from_secs(2)))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let error = transport.send(post("data/tasks", "{}")).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(
        error.to_string(),
        "POST http://kitsu.test/api/data/tasks timed out after 2s"
    );
}

#[tokio::test(start_paused = true)]
async fn a_request_can_override_the_timeout() {
    let inner = tower::service_fn(|_request: Request<RequestBody>| async {
        tokio::time::sleep(Duration::from_secs(600)).await;
        Ok::<_, Error>(Response::new(ResponseBody::empty()))
    });
    let transport = builder()
        .attempt_timeout(Some(Duration::from_secs(1)))
        .inner_service(inner)
        .build()
        .unwrap();
    let mut request = get("upload");
    // Ten minutes is past the whole-call deadline too: lift both, as an upload does.
    request.extensions_mut().insert(RequestTimeout(None));
    request
        .extensions_mut()
        .insert(kitsu_transport::RequestDeadline(None));
    assert_eq!(status_of(&transport, request).await.unwrap(), 200);
}

#[tokio::test(start_paused = true)]
async fn user_layers_see_every_attempt_on_the_wire() {
    let script = Scripted::new([Step::Status(503), Step::Status(200)]);
    let attempts = Arc::new(AtomicUsize::new(0));
    let counter = attempts.clone();
    let layer = tower::layer::layer_fn(move |inner: kitsu_transport::HttpService| {
        let counter = counter.clone();
        tower::ServiceExt::map_request(inner, move |mut request: Request<RequestBody>| {
            counter.fetch_add(1, Ordering::SeqCst);
            assert!(request.uri().scheme().is_some(), "layers see absolute URLs");
            request
                .headers_mut()
                .insert("x-studio", http::HeaderValue::from_static("tokyo"));
            request
        })
    });
    let transport = builder()
        .retry(fast_retry(3))
        .layer(layer)
        .inner_service(script.clone())
        .build()
        .unwrap();
    assert_eq!(status_of(&transport, get("x")).await.unwrap(), 200);
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
    assert!(
        script
            .seen()
            .iter()
            .all(|s| s.headers["x-studio"] == "tokyo")
    );
}

#[tokio::test]
async fn invalid_settings_are_errors_at_build_time() {
    let cases = [
        (builder().max_in_flight(0), "max_in_flight"),
        (builder().rate_limit(0, 1), "rate limit"),
        (
            builder().retry(RetryConfig::default().max_attempts(0)),
            "max_attempts",
        ),
        (
            builder().retry(
                RetryConfig::default().budget(RetryBudget::default().window(Duration::ZERO)),
            ),
            "window",
        ),
        (builder().user_agent("bad\nagent"), "User-Agent"),
        (
            builder().add_root_certificates_pem(b"not a pem"),
            "no certificate",
        ),
        (
            kitsu_transport::Transport::builder("kitsu.example.com"),
            "no scheme",
        ),
    ];
    for (builder, expected) in cases {
        let error = builder.build().unwrap_err();
        assert!(
            error.to_string().contains(expected),
            "{error} should mention {expected}"
        );
    }
}
