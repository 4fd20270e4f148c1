//! The server itself: public routes, 404 and 405 before auth, the API prefix, and stopping
//! when dropped.
//!
//! The mock answers as Zou does (bodies and statuses from shared/notes/zou.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use http::{Method, Request, StatusCode};
use kitsu_mock::MockKitsu;
use kitsu_transport::{RequestBody, Transport};
use serde_json::json;
use support::Raw;

#[tokio::test]
async fn public_routes_and_routing_errors() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = Raw::new(&kitsu);
    assert_eq!(
        raw.get("").await,
        (StatusCode::OK, json!({"api": "Zou", "version": "1.0.97"}))
    );
    let (status, body) = raw.get("status").await;
    assert_eq!(
        (status, body["database-up"].clone()),
        (StatusCode::OK, json!(true))
    );
    let (status, body) = raw.get("data/nothing-here").await;
    assert_eq!(status, 404);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("404 Not Found")
    );
    let (status, body) = raw.json(Method::POST, "data/shots", json!({})).await;
    assert_eq!(
        (status, body["message"].clone()),
        (
            StatusCode::METHOD_NOT_ALLOWED,
            json!("The method is not allowed for the requested URL.")
        )
    );
}

#[tokio::test]
async fn the_server_stops_when_dropped_and_serves_a_bare_zou_prefix() {
    let kitsu = MockKitsu::builder().api_prefix("").start().await.unwrap();
    let base = kitsu.base_url();
    assert!(!base.ends_with("/api"));
    let raw = Raw::new(&kitsu);
    assert_eq!(raw.get("").await.0, 200);
    drop(kitsu);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let transport = Transport::builder(base).no_retry().build().unwrap();
    let error = transport
        .send(Request::get("/").body(RequestBody::empty()).unwrap())
        .await
        .unwrap_err();
    assert!(
        error.is_connect() || matches!(error, kitsu_transport::Error::Request { .. }),
        "{error:?}"
    );
}
