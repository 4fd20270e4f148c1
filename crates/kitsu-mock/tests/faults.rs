//! Fault injection (scripted statuses, `429` with `Retry-After`, latency, a reset or a truncation
//! mid-body) and the request log.
//!
//! The mock answers as Zou does (bodies and statuses from shared/notes/zou.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use http::{Method, Request};
use kitsu_mock::MockKitsu;
use kitsu_transport::RequestBody;
use support::admin;

#[tokio::test]
async fn faults_and_recording() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    kitsu
        .faults()
        .statuses(Method::GET, "data/projects", [503, 502]);
    kitsu
        .faults()
        .retry_after(Method::GET, "data/persons", 429, 3, 1);
    assert_eq!(raw.get("data/projects").await.0, 503);
    assert_eq!(raw.get("data/projects").await.0, 502);
    assert_eq!(raw.get("data/projects").await.0, 200);
    let request = Request::get(raw.transport.url("data/persons").unwrap())
        .header(
            "authorization",
            format!("Bearer {}", raw.token.as_ref().unwrap()),
        )
        .body(RequestBody::empty())
        .unwrap();
    let response = raw.transport.send(request).await.unwrap();
    assert_eq!(
        (
            response.status().as_u16(),
            response.headers()["retry-after"].to_str().unwrap()
        ),
        (429, "3")
    );
    assert_eq!(kitsu.count(Method::GET, "data/projects"), 3);

    kitsu
        .faults()
        .latency("data/task-types", Duration::from_millis(150));
    let started = std::time::Instant::now();
    raw.get("data/task-types").await;
    assert!(started.elapsed() >= Duration::from_millis(150));

    for fault in ["reset", "truncate"] {
        if fault == "reset" {
            kitsu
                .faults()
                .reset_mid_body(Method::GET, "data/task-status", 1);
        } else {
            kitsu
                .faults()
                .truncate_body(Method::GET, "data/task-status", 1);
        }
        let request = Request::get(raw.transport.url("data/task-status").unwrap())
            .header(
                "authorization",
                format!("Bearer {}", raw.token.as_ref().unwrap()),
            )
            .body(RequestBody::empty())
            .unwrap();
        let response = raw.transport.send(request).await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(
            response.into_body().bytes().await.is_err(),
            "{fault}: the body must fail"
        );
    }
    assert_eq!(
        raw.get("data/task-status").await.0,
        200,
        "faults are used up"
    );
    kitsu
        .faults()
        .close_connection(Method::GET, "data/task-status", 1);
    let request = Request::get(raw.transport.url("data/task-status").unwrap())
        .body(RequestBody::empty())
        .unwrap();
    let closed = raw.transport.send(request).await.unwrap_err();
    assert!(
        matches!(
            closed,
            kitsu_transport::Error::Request {
                connection_closed: true,
                ..
            }
        ),
        "{closed:?}"
    );
    kitsu.faults().respond(
        Method::POST,
        "auth/login",
        200,
        [("content-type", "text/html")],
        "<html>Welcome</html>",
        1,
    );
    let request = Request::post(raw.transport.url("auth/login").unwrap())
        .body(RequestBody::empty())
        .unwrap();
    let response = raw.transport.send(request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/html");
    assert_eq!(
        response.into_body().bytes().await.unwrap(),
        "<html>Welcome</html>"
    );
    let recorded = kitsu.requests();
    assert!(recorded.iter().all(|r| !r.path.starts_with('/')));
    assert_eq!(recorded[0].path, "auth/login");
}
