//! The layers as public tower layers, in stacks of the user's own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use http::header::AUTHORIZATION;
use http::{Request, Response};
use kitsu_transport::{
    Attempts, AuthLayer, BaseUrl, BaseUrlLayer, BearerToken, Error, InFlightLayer, RateLimitLayer,
    RequestBody, ResponseBody, RetryConfig, RetryLayer, TimeoutLayer, TokenCell, TraceLayer,
};
use support::*;
use tokio::time::Instant;
use tower::{Layer, ServiceBuilder, ServiceExt};

fn base() -> BaseUrl {
    BaseUrl::parse(BASE).unwrap()
}

#[tokio::test(start_paused = true)]
async fn a_user_stack_of_our_layers_retries_and_times_out() {
    let script = Scripted::new([Step::Hang, Step::Status(200)]);
    let retry = RetryConfig::default()
        .base_delay(Duration::from_millis(100))
        .jitter(kitsu_transport::Jitter::None);
    let service = ServiceBuilder::new()
        .layer(BaseUrlLayer::new(base()))
        .layer(TraceLayer::new())
        .layer(RetryLayer::new(retry).unwrap())
        .layer(TimeoutLayer::new(Some(Duration::from_secs(1))))
        .service(script.clone());
    let started = Instant::now();
    let response = service.oneshot(get("data/projects")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(2)));
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(1) + Duration::from_millis(100)
    );
    assert!(
        script
            .seen()
            .iter()
            .all(|seen| seen.uri == "http://kitsu.test/api/data/projects")
    );
}

#[tokio::test(start_paused = true)]
async fn one_in_flight_layer_bounds_every_service_it_makes() {
    let now = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let inner = {
        let (now, peak) = (now.clone(), peak.clone());
        tower::service_fn(move |_request: Request<RequestBody>| {
            let (now, peak) = (now.clone(), peak.clone());
            async move {
                peak.fetch_max(now.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(10)).await;
                now.fetch_sub(1, Ordering::SeqCst);
                Ok::<_, Error>(Response::new(ResponseBody::from("{}")))
            }
        })
    };
    let layer = InFlightLayer::new(3).unwrap();
    let first = layer.layer(inner.clone());
    let second = ServiceBuilder::new().layer(layer).service(inner);
    let mut calls = Vec::new();
    for _ in 0..20 {
        calls.push(tokio::spawn(first.clone().oneshot(get("/a"))));
        calls.push(tokio::spawn(second.clone().oneshot(get("/b"))));
    }
    for call in calls {
        call.await
            .unwrap()
            .unwrap()
            .into_body()
            .bytes()
            .await
            .unwrap();
    }
    assert_eq!(peak.load(Ordering::SeqCst), 3, "peak across both services");
}

#[tokio::test(start_paused = true)]
async fn one_rate_limit_layer_spends_one_limiter() {
    let script = Scripted::default();
    let layer = RateLimitLayer::new(1, 1).unwrap();
    let first = layer.layer(script.clone());
    let second = layer.layer(script.clone());
    let started = Instant::now();
    first.oneshot(get("/a")).await.unwrap();
    assert_eq!(started.elapsed(), Duration::ZERO);
    second.oneshot(get("/b")).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(999));
}

#[tokio::test(start_paused = true)]
async fn the_auth_layer_alone_injects_the_token_for_its_origin_only() {
    let script = Scripted::default();
    let token = TokenCell::new();
    token.set(BearerToken::new("secret")).unwrap();
    let service = ServiceBuilder::new()
        .layer(AuthLayer::new(base(), token.clone()))
        .service(script.clone());
    service
        .clone()
        .oneshot(get("http://kitsu.test/api/data/projects"))
        .await
        .unwrap();
    service
        .oneshot(get("https://cdn.example.org/movie.mp4"))
        .await
        .unwrap();
    let seen = script.seen();
    assert_eq!(seen[0].headers[AUTHORIZATION], "Bearer secret");
    assert!(seen[1].headers.get(AUTHORIZATION).is_none());
}
