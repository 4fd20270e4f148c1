//! Refresh-and-replay through the token cell's hook: single-flight, typed failures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::future::BoxFuture;
use http::header::AUTHORIZATION;
use http::{Request, Response, StatusCode};
use kitsu_transport::{
    BearerToken, BoxError, Error, RefreshHook, RequestBody, ResponseBody, Transport, WeakTransport,
};
use support::*;
use tower::Service;

/// A server whose only valid access token is `current`; `auth/refresh-token` with
/// `Bearer refresh` hands out `fresh`.
#[derive(Clone)]
struct TokenServer {
    valid: Arc<std::sync::Mutex<String>>,
    expired_status: u16,
    hits: Arc<AtomicUsize>,
    bodies: Arc<std::sync::Mutex<Vec<bytes::Bytes>>>,
}

impl TokenServer {
    fn new(valid: &str, expired_status: u16) -> Self {
        TokenServer {
            valid: Arc::new(std::sync::Mutex::new(valid.into())),
            expired_status,
            hits: Arc::default(),
            bodies: Arc::default(),
        }
    }
}

impl Service<Request<RequestBody>> for TokenServer {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move {
            this.hits.fetch_add(1, Ordering::SeqCst);
            let auth = request
                .headers()
                .get(AUTHORIZATION)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            let path = request.uri().path().to_owned();
            let body = http_body_util::BodyExt::collect(request.into_body())
                .await
                .unwrap()
                .to_bytes();
            if path.ends_with("/auth/refresh-token") {
                tokio::time::sleep(Duration::from_millis(50)).await;
                if auth == "Bearer refresh" {
                    *this.valid.lock().unwrap() = "fresh".into();
                    return Ok(Response::new(ResponseBody::from(
                        r#"{"access_token":"fresh"}"#,
                    )));
                }
                return Ok(Response::builder()
                    .status(401)
                    .body(ResponseBody::from(r#"{"msg":"Token has been revoked"}"#))
                    .unwrap());
            }
            let valid = format!("Bearer {}", this.valid.lock().unwrap());
            if auth != valid {
                let body = match this.expired_status {
                    422 => r#"{"message": "Signature has expired"}"#,
                    403 => r#"{"error":"stale credentials"}"#,
                    _ => r#"{"error":true,"message":"Signature has expired"}"#,
                };
                return Ok(Response::builder()
                    .status(this.expired_status)
                    .body(ResponseBody::from(body))
                    .unwrap());
            }
            this.bodies.lock().unwrap().push(body);
            Ok(Response::new(ResponseBody::from("[]")))
        })
    }
}

/// A hook that asks the server, through its transport, for a new token, counting its calls;
/// `expired` says which answers mean an expired token.
struct ServerHook {
    transport: WeakTransport,
    calls: Arc<AtomicUsize>,
    refresh_token: &'static str,
    expired: fn(StatusCode, &[u8]) -> bool,
}

/// As Zou says it: any 401, or a 422 "Signature has expired".
fn zou_expired(status: StatusCode, body: &[u8]) -> bool {
    status == 401
        || (status == 422 && String::from_utf8_lossy(body).contains("Signature has expired"))
}

impl RefreshHook for ServerHook {
    fn refresh(&self) -> BoxFuture<'static, Result<BearerToken, BoxError>> {
        let transport = self.transport.upgrade();
        let refresh_token = self.refresh_token;
        self.calls.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move {
            let transport = transport.ok_or("the transport is gone")?;
            let request = Request::get("/auth/refresh-token")
                .header(AUTHORIZATION, format!("Bearer {refresh_token}"))
                .body(RequestBody::empty())?;
            let response = transport.send(request).await?;
            if !response.status().is_success() {
                return Err::<BearerToken, BoxError>(
                    format!("refresh refused: {}", response.status()).into(),
                );
            }
            let body = response.into_body().bytes().await?;
            let value: serde_json::Value = serde_json::from_slice(&body)?;
            Ok(BearerToken::new(
                value["access_token"].as_str().unwrap_or_default(),
            ))
        })
    }

    fn is_expired(&self, status: StatusCode, body: &[u8]) -> bool {
        (self.expired)(status, body)
    }
}

/// A [`ServerHook`] through `transport` that knows Zou's expired-token answers.
fn hook(transport: &Transport, calls: Arc<AtomicUsize>, refresh_token: &'static str) -> ServerHook {
    ServerHook {
        transport: transport.downgrade(),
        calls,
        refresh_token,
        expired: zou_expired,
    }
}

fn transport(
    server: &TokenServer,
    calls: &Arc<AtomicUsize>,
    refresh_token: &'static str,
) -> Transport {
    let transport = builder()
        .max_in_flight(64)
        .bearer_token(BearerToken::new("stale"))
        .inner_service(server.clone())
        .build()
        .unwrap();
    transport
        .token()
        .set_refresh_hook(hook(&transport, calls.clone(), refresh_token));
    transport
}

#[tokio::test(start_paused = true)]
async fn five_hundred_concurrent_requests_on_an_expired_token_refresh_once() {
    for expired_status in [401, 422] {
        let server = TokenServer::new("fresh-is-not-yet-issued", expired_status);
        let calls = Arc::new(AtomicUsize::new(0));
        let transport = transport(&server, &calls, "refresh");
        let requests: Vec<_> = (0..500)
            .map(|i| {
                let transport = transport.clone();
                tokio::spawn(
                    async move { status_of(&transport, get(&format!("data/tasks/{i}"))).await },
                )
            })
            .collect();
        for request in requests {
            assert_eq!(
                request.await.unwrap().unwrap(),
                200,
                "after a {expired_status}"
            );
        }
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "refreshes after a {expired_status}"
        );
        assert_eq!(transport.token().refresh_count(), 1);
        assert_eq!(transport.token().get().unwrap().expose(), "fresh");
    }
}

#[tokio::test(start_paused = true)]
async fn a_refused_post_is_replayed_with_its_body() {
    let server = TokenServer::new("not-stale", 401);
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = transport(&server, &calls, "refresh");
    assert_eq!(
        status_of(&transport, post("data/tasks", "{\"name\":\"x\"}"))
            .await
            .unwrap(),
        200
    );
    assert_eq!(
        server.bodies.lock().unwrap().as_slice(),
        ["{\"name\":\"x\"}"]
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_refresh_is_one_typed_error_for_every_waiter() {
    let server = TokenServer::new("never", 401);
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = transport(&server, &calls, "revoked-refresh");
    let requests: Vec<_> = (0..50)
        .map(|_| {
            let transport = transport.clone();
            tokio::spawn(async move { transport.send(get("data/projects")).await })
        })
        .collect();
    for request in requests {
        let error = request.await.unwrap().unwrap_err();
        assert!(matches!(error, Error::Refresh { .. }), "{error:?}");
        assert!(
            error.to_string().contains("refresh refused: 401"),
            "{error}"
        );
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test(start_paused = true)]
async fn without_a_hook_the_401_is_handed_back() {
    let server = TokenServer::new("other", 401);
    let transport = builder()
        .bearer_token(BearerToken::new("stale"))
        .inner_service(server.clone())
        .build()
        .unwrap();
    assert_eq!(
        status_of(&transport, get("data/projects")).await.unwrap(),
        401
    );
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test(start_paused = true)]
async fn other_422s_are_not_mistaken_for_expiry() {
    let script = Scripted::new([Step::StatusWith(
        422,
        vec![],
        r#"{"msg":"Not enough segments"}"#,
    )]);
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = builder()
        .bearer_token(BearerToken::new("garbage"))
        .inner_service(script.clone())
        .build()
        .unwrap();
    transport
        .token()
        .set_refresh_hook(hook(&transport, calls.clone(), "refresh"));
    let response = transport.send(get("data/projects")).await.unwrap();
    assert_eq!(response.status(), 422);
    assert_eq!(
        response.into_body().bytes().await.unwrap(),
        r#"{"msg":"Not enough segments"}"#
    );
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

/// A closure hook (so the default `is_expired`) that counts its calls and answers `token`.
fn counting_hook(calls: Arc<AtomicUsize>, token: &'static str) -> impl RefreshHook {
    move || {
        let calls = calls.clone();
        async move {
            calls.fetch_add(1, Ordering::SeqCst);
            Ok::<_, BoxError>(BearerToken::new(token))
        }
    }
}

#[tokio::test(start_paused = true)]
async fn a_request_is_replayed_once_at_most() {
    // Every token is refused: one refresh, one replay, then the 401 comes back.
    let script = Scripted::new((0..10).map(|_| Step::Status(401)));
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = builder()
        .bearer_token(BearerToken::new("a"))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let counter = calls.clone();
    transport
        .token()
        .set_refresh_hook(counting_hook(counter, "b"));
    assert_eq!(status_of(&transport, get("x")).await.unwrap(), 401);
    assert_eq!(script.count(), 2);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn debug_output_never_shows_the_token() {
    let transport = builder()
        .bearer_token(BearerToken::new("super-secret"))
        .build()
        .unwrap();
    let shown = format!(
        "{transport:?} {:?} {:?}",
        transport.token(),
        transport.token().get()
    );
    assert!(!shown.contains("super-secret"), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
}

#[tokio::test(start_paused = true)]
async fn a_hook_decides_which_answers_mean_expired() {
    // This server says "expired" with a 403 and a body of its own.
    let server = TokenServer::new("fresh-is-not-yet-issued", 403);
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = transport(&server, &calls, "refresh");
    transport.token().set_refresh_hook(ServerHook {
        expired: |status, body| status == 403 && body == br#"{"error":"stale credentials"}"#,
        ..hook(&transport, calls.clone(), "refresh")
    });
    assert_eq!(
        status_of(&transport, get("data/projects")).await.unwrap(),
        200
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(transport.token().get().unwrap().expose(), "fresh");
    // stale → 403, refresh, replay.
    assert_eq!(server.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test(start_paused = true)]
async fn by_default_only_a_401_means_expired() {
    // A closure hook keeps the default `is_expired`: a 422 "Signature has expired" is Zou's
    // way, not HTTP's, and the transport alone does not refresh it.
    let server = TokenServer::new("fresh-is-not-yet-issued", 422);
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = builder()
        .bearer_token(BearerToken::new("stale"))
        .inner_service(server.clone())
        .build()
        .unwrap();
    let counter = calls.clone();
    transport
        .token()
        .set_refresh_hook(counting_hook(counter, "fresh"));
    let response = transport.send(get("data/projects")).await.unwrap();
    assert_eq!(response.status(), 422);
    assert_eq!(
        response.into_body().bytes().await.unwrap(),
        r#"{"message": "Signature has expired"}"#
    );
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test(start_paused = true)]
async fn a_large_refusal_is_handed_back_whole() {
    // The hook looks at the first 16 KiB only; the caller still gets every byte.
    let big: &'static str = Box::leak("x".repeat(100_000).into_boxed_str());
    let script = Scripted::new([Step::StatusWith(404, vec![], big)]);
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = builder()
        .bearer_token(BearerToken::new("a"))
        .inner_service(script.clone())
        .build()
        .unwrap();
    transport
        .token()
        .set_refresh_hook(hook(&transport, calls.clone(), "refresh"));
    let response = transport.send(get("data/projects")).await.unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(response.into_body().bytes().await.unwrap(), big);
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[tokio::test(start_paused = true)]
async fn a_hook_holding_its_transport_weakly_does_not_keep_it_alive() {
    let server = TokenServer::new("fresh-is-not-yet-issued", 401);
    let calls = Arc::new(AtomicUsize::new(0));
    let transport = transport(&server, &calls, "refresh");
    let weak = transport.downgrade();
    assert!(weak.upgrade().is_some());
    assert!(format!("{weak:?}").contains("WeakTransport"));
    drop(transport);
    assert!(
        weak.upgrade().is_none(),
        "the hook kept its transport alive"
    );
}
