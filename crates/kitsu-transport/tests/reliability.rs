//! Faults and hostile answers: redirects, expiring tokens under load, oversized and cut bodies,
//! deadlines, and what the final answer says about the attempts made. Paused time throughout.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::BoxFuture;
use http::header::AUTHORIZATION;
use http::{Method, Request, Response, StatusCode};
use kitsu_transport::{
    Attempts, BearerToken, BoxError, BypassLimits, DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_SIZE,
    Error, Idempotent, MaxResponseSize, RedirectHint, RefreshHook, RequestBody, RequestDeadline,
    ResponseBody, RetryBudget, RetryStopped, Transport, WeakTransport,
};
use support::*;
use tokio::time::Instant;
use tower::Service;

fn with(
    request: Request<RequestBody>,
    extension: impl Clone + Send + Sync + 'static,
) -> Request<RequestBody> {
    let mut request = request;
    request.extensions_mut().insert(extension);
    request
}

// ---------------------------------------------------------------------------------------------
// 1. A 3xx is a typed error, never followed, never a success.

fn redirect(status: u16, location: Option<&str>) -> Step {
    let headers = location
        .map(|location| vec![("location", location.to_owned())])
        .unwrap_or_default();
    Step::StatusWith(status, headers, "")
}

#[tokio::test(start_paused = true)]
async fn a_redirect_is_a_typed_error_naming_the_status_location_and_hint() {
    let cases = [
        (
            redirect(302, Some("https://kitsu.test/api/data/shots/1")),
            Some(RedirectHint::Https),
            "the server wants HTTPS",
        ),
        (
            redirect(302, Some("https://sso.example.com/login?next=/api")),
            Some(RedirectHint::OtherHost),
            "another host",
        ),
        (
            redirect(308, Some("/data/shots/1/")),
            Some(RedirectHint::SameOrigin),
            "`/api`",
        ),
        (redirect(300, None), None, ""),
    ];
    for (step, hint, words) in cases {
        let script = Scripted::new([step]);
        let transport = builder()
            .bearer_token(BearerToken::new("secret"))
            .inner_service(script.clone())
            .build()
            .unwrap();
        let request = Request::delete("/data/shots/1")
            .body(RequestBody::empty())
            .unwrap();
        let error = transport.send(request).await.unwrap_err();
        let Error::Redirect {
            method,
            url,
            status,
            location,
            hint: found,
        } = &error
        else {
            panic!("a redirect must be an error, got {error:?}");
        };
        assert_eq!(method, Method::DELETE);
        assert_eq!(url, "http://kitsu.test/api/data/shots/1");
        assert!(status.is_redirection());
        assert_eq!(*found, hint, "{error}");
        let text = error.to_string();
        assert!(text.contains(status.as_str()), "{text}");
        assert!(text.contains("not followed"), "{text}");
        assert!(text.contains(words), "{text}");
        if let Some(location) = location {
            assert!(text.contains(location.as_str()), "{text}");
        }
        // Never followed, never retried.
        assert_eq!(script.count(), 1);
    }
}

#[tokio::test(start_paused = true)]
async fn a_not_modified_answer_to_a_conditional_request_passes() {
    let script = Scripted::new([Step::Status(304), Step::Status(304)]);
    let transport = builder().inner_service(script.clone()).build().unwrap();
    let conditional = Request::get("/data/projects")
        .header("if-none-match", "\"v1\"")
        .body(RequestBody::empty())
        .unwrap();
    assert_eq!(status_of(&transport, conditional).await.unwrap(), 304);
    // The same answer to a request that asked nothing of the kind is not an answer.
    let error = transport.send(get("data/projects")).await.unwrap_err();
    assert!(matches!(error, Error::Redirect { .. }), "{error:?}");
}

#[tokio::test(start_paused = true)]
async fn switching_protocols_passes_with_its_extensions() {
    #[derive(Clone, Debug, PartialEq)]
    struct Upgrade(&'static str);
    let inner = tower::service_fn(|_request: Request<RequestBody>| async {
        let mut response = Response::new(ResponseBody::empty());
        *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
        response.extensions_mut().insert(Upgrade("the connection"));
        Ok::<_, Error>(response)
    });
    let transport = builder().inner_service(inner).build().unwrap();
    let request = Request::get("/events")
        .header("connection", "upgrade")
        .header("upgrade", "websocket")
        .body(RequestBody::empty())
        .unwrap();
    let response = transport.send(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::SWITCHING_PROTOCOLS);
    assert_eq!(
        response.extensions().get::<Upgrade>(),
        Some(&Upgrade("the connection"))
    );
}

// ---------------------------------------------------------------------------------------------
// 2. The token is read as the request leaves, refreshed before it expires, and the refresh does
//    not queue behind data requests.

#[tokio::test(start_paused = true)]
async fn the_token_is_read_when_the_request_leaves_not_when_it_queued() {
    let script = Scripted::default();
    let transport = builder()
        .max_in_flight(1)
        .bearer_token(BearerToken::new("first"))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let held = transport.send(get("a")).await.unwrap();
    let queued = tokio::spawn({
        let transport = transport.clone();
        async move { transport.send(get("b")).await }
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(script.count(), 1, "the second request waits for the slot");
    transport.token().set(BearerToken::new("second")).unwrap();
    drop(held);
    queued.await.unwrap().unwrap();
    let seen = script.seen();
    assert_eq!(seen[1].headers[AUTHORIZATION], "Bearer second");
}

/// A server whose tokens (`t0`, `t1`, …) live `lifetime` from their issue; data requests take
/// `latency`; `auth/refresh-token` with `Bearer refresh` issues the next token.
#[derive(Clone)]
struct ExpiringServer {
    lifetime: Duration,
    latency: Duration,
    issued: Arc<Mutex<Vec<Instant>>>,
    wire: Arc<AtomicUsize>,
    refreshes: Arc<AtomicUsize>,
    unauthorized: Arc<AtomicUsize>,
    refresh_seen_at: Arc<Mutex<Vec<usize>>>,
}

impl ExpiringServer {
    fn new(lifetime: Duration, latency: Duration) -> Self {
        ExpiringServer {
            lifetime,
            latency,
            issued: Arc::new(Mutex::new(vec![Instant::now()])),
            wire: Arc::default(),
            refreshes: Arc::default(),
            unauthorized: Arc::default(),
            refresh_seen_at: Arc::default(),
        }
    }

    fn valid(&self, header: &str) -> bool {
        let issued = self.issued.lock().unwrap();
        header
            .strip_prefix("Bearer t")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| issued.get(n).copied())
            .is_some_and(|at| Instant::now() < at + self.lifetime)
    }
}

impl Service<Request<RequestBody>> for ExpiringServer {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move {
            let position = this.wire.fetch_add(1, Ordering::SeqCst);
            let auth = request
                .headers()
                .get(AUTHORIZATION)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            if request.uri().path().ends_with("/auth/refresh-token") {
                assert_eq!(auth, "Bearer refresh");
                this.refresh_seen_at.lock().unwrap().push(position);
                this.refreshes.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(this.latency).await;
                let mut issued = this.issued.lock().unwrap();
                issued.push(Instant::now());
                let token = format!("t{}", issued.len() - 1);
                return Ok(Response::new(ResponseBody::from(token)));
            }
            // The check happens when the request arrives, as a server does.
            let valid = this.valid(&auth);
            tokio::time::sleep(this.latency).await;
            if !valid {
                this.unauthorized.fetch_add(1, Ordering::SeqCst);
                return Ok(Response::builder()
                    .status(401)
                    .body(ResponseBody::from(r#"{"msg":"Signature has expired"}"#))
                    .unwrap());
            }
            Ok(Response::new(ResponseBody::from("[]")))
        })
    }
}

/// Refreshes through the transport, as a session does: an explicit `Authorization`, past the
/// limits; the new token says when it expires.
struct BypassingHook {
    transport: WeakTransport,
    lifetime: Duration,
}

impl RefreshHook for BypassingHook {
    fn refresh(&self) -> BoxFuture<'static, Result<BearerToken, BoxError>> {
        let transport = self.transport.upgrade();
        let lifetime = self.lifetime;
        Box::pin(async move {
            let transport = transport.ok_or("the transport is gone")?;
            let request = Request::get("/auth/refresh-token")
                .header(AUTHORIZATION, "Bearer refresh")
                .extension(BypassLimits)
                .body(RequestBody::empty())?;
            let response = transport.send(request).await?;
            let token = response.into_body().bytes().await?;
            Ok(BearerToken::new(String::from_utf8(token.to_vec())?).expires_in(lifetime))
        })
    }
}

fn expiring_transport(server: &ExpiringServer, max_in_flight: usize) -> Transport {
    let transport = builder()
        .max_in_flight(max_in_flight)
        .bearer_token(BearerToken::new("t0").expires_in(server.lifetime))
        .inner_service(server.clone())
        .build()
        .unwrap();
    transport.token().set_refresh_hook(BypassingHook {
        transport: transport.downgrade(),
        lifetime: server.lifetime,
    });
    transport
}

#[tokio::test(start_paused = true)]
async fn a_steady_workload_across_expiries_meets_no_expired_token() {
    let server = ExpiringServer::new(Duration::from_secs(2), Duration::from_millis(20));
    let transport = expiring_transport(&server, 4);
    let made = 1000;
    let calls: Vec<_> = (0..made)
        .map(|i| {
            let transport = transport.clone();
            tokio::spawn(
                async move { status_of(&transport, get(&format!("data/tasks/{i}"))).await },
            )
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap(), 200);
    }
    let refreshes = server.refreshes.load(Ordering::SeqCst);
    // 1000 calls, 4 at a time, 20 ms each: 5 s, over tokens that live 2 s.
    assert!(refreshes >= 2, "{refreshes} refreshes");
    assert_eq!(server.unauthorized.load(Ordering::SeqCst), 0, "401s");
    assert_eq!(
        server.wire.load(Ordering::SeqCst),
        made + refreshes,
        "requests on the wire"
    );
    assert_eq!(transport.token().refresh_count(), refreshes as u64);
}

#[tokio::test(start_paused = true)]
async fn a_token_with_time_left_is_not_refreshed() {
    let server = ExpiringServer::new(Duration::from_secs(100), Duration::from_millis(20));
    let transport = expiring_transport(&server, 4);
    // A quarter of 100 s is the margin: at 70 s, 30 s are left.
    tokio::time::sleep(Duration::from_secs(70)).await;
    assert_eq!(status_of(&transport, get("a")).await.unwrap(), 200);
    assert_eq!(server.refreshes.load(Ordering::SeqCst), 0);
    // At 80 s, 20 s are left: the next request refreshes first, and goes with the new token.
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert_eq!(status_of(&transport, get("b")).await.unwrap(), 200);
    assert_eq!(server.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(transport.token().get().unwrap().expose(), "t1");
    assert_eq!(server.wire.load(Ordering::SeqCst), 3);
}

#[tokio::test(start_paused = true)]
async fn the_refresh_request_does_not_queue_behind_data_requests() {
    // Two slots and forty requests queued for them. When the slots free up, the two requests
    // that take them find the token expired and wait for the refresh, holding their slots: the
    // refresh goes past the queue, or nothing ever moves again.
    let server = ExpiringServer::new(Duration::from_secs(2), Duration::from_millis(20));
    let transport = expiring_transport(&server, 2);
    let held = [
        transport.send(get("a")).await.unwrap(),
        transport.send(get("b")).await.unwrap(),
    ];
    let calls: Vec<_> = (0..40)
        .map(|i| {
            let transport = transport.clone();
            tokio::spawn(
                async move { status_of(&transport, get(&format!("data/tasks/{i}"))).await },
            )
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        server.wire.load(Ordering::SeqCst),
        2,
        "the forty wait for a slot"
    );
    drop(held);
    let all = async {
        for call in calls {
            assert_eq!(call.await.unwrap().unwrap(), 200);
        }
    };
    tokio::time::timeout(Duration::from_secs(60), all)
        .await
        .expect("the refresh waited for a slot the waiting requests hold");
    assert_eq!(*server.refresh_seen_at.lock().unwrap(), [2]);
    assert_eq!(server.unauthorized.load(Ordering::SeqCst), 0);
}

// ---------------------------------------------------------------------------------------------
// 3. Response bodies are bounded.

#[tokio::test(start_paused = true)]
async fn a_body_over_the_limit_is_a_typed_error_naming_the_url_and_limit() {
    for step in [
        // Known length: refused before reading.
        Step::StatusWith(200, vec![], "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"),
        // Unknown length: refused once past the limit.
        Step::Stall("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]"),
    ] {
        let script = Scripted::new([step]);
        let transport = builder()
            .max_response_size(Some(16))
            .inner_service(script)
            .build()
            .unwrap();
        let response = transport.send(get("data/tasks")).await.unwrap();
        let url = transport.url("data/tasks").unwrap();
        let error = response.into_body().read_all(&url).await.unwrap_err();
        assert!(
            matches!(&error, Error::BodyTooLarge { url, limit: 16 } if url == "http://kitsu.test/api/data/tasks"),
            "{error:?}"
        );
        let text = error.to_string();
        assert!(text.contains("http://kitsu.test/api/data/tasks"), "{text}");
        assert!(text.contains("16 bytes"), "{text}");
    }
}

#[tokio::test(start_paused = true)]
async fn the_default_limit_holds_and_a_request_can_lift_it() {
    assert_eq!(DEFAULT_MAX_RESPONSE_SIZE, 128 * 1024 * 1024);
    let chunk = bytes::Bytes::from(vec![b' '; 1 << 20]);
    let inner = tower::service_fn(move |_request: Request<RequestBody>| {
        let chunk = chunk.clone();
        async move {
            // 129 MiB of one shared chunk, of unannounced length.
            let frames = futures_util::stream::iter(
                (0..129)
                    .map(move |_| Ok::<_, std::io::Error>(http_body::Frame::data(chunk.clone()))),
            );
            Ok::<_, Error>(Response::new(ResponseBody::new(
                http_body_util::StreamBody::new(frames),
            )))
        }
    });
    let transport = builder().inner_service(inner).build().unwrap();
    let count = |response: Response<ResponseBody>| async move {
        use futures_util::StreamExt;
        let mut stream = std::pin::pin!(response.into_body().into_data_stream());
        let mut total = 0usize;
        while let Some(chunk) = stream.next().await {
            total += chunk
                .map_err(|e| Error::from_body(&http::Uri::from_static("http://x/"), e))?
                .len();
        }
        Ok::<_, Error>(total)
    };
    let error = count(transport.send(get("big")).await.unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::BodyTooLarge { limit, .. } if limit == DEFAULT_MAX_RESPONSE_SIZE),
        "{error:?}"
    );
    let lifted = with(get("big"), MaxResponseSize(None));
    let total = count(transport.send(lifted).await.unwrap()).await.unwrap();
    assert_eq!(total, 129 << 20);
}

// ---------------------------------------------------------------------------------------------
// 4. A request marked idempotent (a login) is retried like a GET.

#[tokio::test(start_paused = true)]
async fn a_post_marked_idempotent_is_retried_like_a_get() {
    let script = Scripted::new([
        Step::Status(503),
        Step::StatusWith(429, vec![("retry-after", "1".into())], "{}"),
        Step::ClosedError,
        Step::Status(200),
    ]);
    let transport = builder()
        .retry(fast_retry(4))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let login = with(post("auth/login", "{\"email\":\"a\"}"), Idempotent);
    assert_eq!(status_of(&transport, login).await.unwrap(), 200);
    let seen = script.seen();
    assert_eq!(seen.len(), 4);
    assert!(seen.iter().all(|s| s.body == "{\"email\":\"a\"}"));
}

// ---------------------------------------------------------------------------------------------
// 5. A body cut mid-way is replayed, from the start, within the retry policy.

const LIST: &str = r#"[{"id": 1, "name": "SH010"}, {"id": 2, "name": "SH020"}]"#;

async fn read_whole(
    transport: &Transport,
    request: Request<RequestBody>,
) -> Result<bytes::Bytes, Error> {
    let url = transport
        .url(request.uri().path().trim_start_matches('/'))
        .unwrap();
    transport
        .send_and_read(request, |response| {
            let url = url.clone();
            async move { response.into_body().read_all(&url).await }
        })
        .await
}

#[tokio::test(start_paused = true)]
async fn a_get_whose_body_was_cut_is_replayed_and_read_from_the_start() {
    let script = Scripted::new([
        Step::Cut(LIST),
        Step::Status(503),
        Step::StatusWith(200, vec![], LIST),
    ]);
    let transport = builder()
        .retry(fast_retry(4))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let body = read_whole(&transport, get("data/shots")).await.unwrap();
    assert_eq!(body, LIST);
    assert_eq!(script.count(), 3, "cut, 503, whole");
}

#[tokio::test(start_paused = true)]
async fn a_cut_post_is_not_replayed() {
    let script = Scripted::new([Step::Cut(LIST), Step::StatusWith(200, vec![], LIST)]);
    let transport = builder()
        .retry(fast_retry(4))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let error = read_whole(&transport, post("data/shots", "{}"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Body { .. }), "{error:?}");
    assert_eq!(script.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn replays_stop_at_the_attempts_allowed_and_say_how_many() {
    let script = Scripted::new((0..10).map(|_| Step::Cut(LIST)));
    let transport = builder()
        .retry(fast_retry(3))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let error = read_whole(&transport, get("data/shots")).await.unwrap_err();
    assert!(
        matches!(&error, Error::RetriesExhausted { attempts: 3, source } if matches!(**source, Error::Body { .. })),
        "{error:?}"
    );
    assert_eq!(error.attempts(), Some(3));
    let text = error.to_string();
    assert!(text.contains("gave up after 3 attempts"), "{text}");
    assert!(text.contains("connection reset"), "{text}");
    assert_eq!(script.count(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_read_failure_that_is_no_cut_is_final() {
    let script = Scripted::new([Step::StatusWith(200, vec![], "not json")]);
    let transport = builder()
        .retry(fast_retry(3))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let outcome: Result<(), Error> = transport
        .send_and_read(get("data/shots"), |_response| async {
            Err(Error::Service("cannot decode".into()))
        })
        .await;
    assert!(matches!(outcome, Err(Error::Service(_))));
    assert_eq!(script.count(), 1);
}

// ---------------------------------------------------------------------------------------------
// 6. A transient answer handed back says how many attempts were made, and why they stopped.

#[tokio::test(start_paused = true)]
async fn a_transient_answer_given_up_on_says_how_many_attempts_and_why() {
    let script = Scripted::new((0..10).map(|_| Step::Status(503)));
    let transport = builder()
        .retry(fast_retry(3))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let response = transport.send(get("x")).await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(3)));
    assert_eq!(
        response.extensions().get::<RetryStopped>(),
        Some(&RetryStopped::MaxAttempts)
    );

    let script = Scripted::new((0..10).map(|_| Step::Status(503)));
    let broke = fast_retry(3).budget(RetryBudget::default().min_per_second(0).retry_ratio(0.0));
    let transport = builder()
        .retry(broke)
        .inner_service(script.clone())
        .build()
        .unwrap();
    let response = transport.send(get("x")).await.unwrap();
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(1)));
    assert_eq!(
        response.extensions().get::<RetryStopped>(),
        Some(&RetryStopped::Budget)
    );
    // A final answer that is no transient failure carries no reason.
    let script = Scripted::new([Step::Status(404)]);
    let transport = builder()
        .retry(fast_retry(3))
        .inner_service(script)
        .build()
        .unwrap();
    let response = transport.send(get("x")).await.unwrap();
    assert_eq!(response.extensions().get::<RetryStopped>(), None);
}

// ---------------------------------------------------------------------------------------------
// 8. A whole-call deadline, distinct from the per-attempt timeout.

#[tokio::test(start_paused = true)]
async fn the_deadline_bounds_the_whole_call_across_attempts() {
    let script = Scripted::new((0..10).map(|_| Step::Hang));
    let transport = builder()
        .retry(fast_retry(4))
        .attempt_timeout(Some(Duration::from_secs(60)))
        .deadline(Some(Duration::from_secs(90)))
        .inner_service(script.clone())
        .build()
        .unwrap();
    let started = Instant::now();
    let error = transport.send(get("data/projects")).await.unwrap_err();
    assert_eq!(started.elapsed(), Duration::from_secs(90));
    assert!(
        matches!(&error, Error::Deadline { after, attempts: 2, .. } if *after == Duration::from_secs(90)),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_eq!(
        error.to_string(),
        "GET http://kitsu.test/api/data/projects did not finish within its deadline of 90s (2 attempts made)"
    );
}

#[tokio::test(start_paused = true)]
async fn the_default_deadline_holds_a_hung_server_for_two_minutes() {
    assert_eq!(DEFAULT_DEADLINE, Duration::from_secs(120));
    let script = Scripted::new((0..10).map(|_| Step::Hang));
    let transport = builder().inner_service(script.clone()).build().unwrap();
    let started = Instant::now();
    let error = transport.send(get("data/projects")).await.unwrap_err();
    assert!(matches!(error, Error::Deadline { .. }), "{error:?}");
    assert_eq!(started.elapsed(), DEFAULT_DEADLINE);
    assert_eq!(script.count(), 2, "the 60 s attempts that fit");
}

#[tokio::test(start_paused = true)]
async fn a_body_still_streaming_at_the_deadline_fails() {
    let script = Scripted::new([Step::Stall(LIST)]);
    let transport = builder()
        .deadline(Some(Duration::from_secs(10)))
        .inner_service(script)
        .build()
        .unwrap();
    let started = Instant::now();
    let read = tokio::time::timeout(
        Duration::from_secs(3600),
        read_whole(&transport, get("data/shots")),
    );
    let error = read.await.expect("the body stalls forever").unwrap_err();
    assert!(
        matches!(error, Error::Deadline { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(started.elapsed(), Duration::from_secs(10));
}

#[tokio::test(start_paused = true)]
async fn a_request_can_change_or_lift_the_deadline() {
    let inner = tower::service_fn(|_request: Request<RequestBody>| async {
        tokio::time::sleep(Duration::from_secs(600)).await;
        Ok::<_, Error>(Response::new(ResponseBody::empty()))
    });
    let transport = builder()
        .attempt_timeout(None)
        .inner_service(inner)
        .build()
        .unwrap();
    let started = Instant::now();
    let shorter = with(get("x"), RequestDeadline(Some(Duration::from_secs(5))));
    let error = transport.send(shorter).await.unwrap_err();
    assert!(matches!(error, Error::Deadline { .. }), "{error:?}");
    assert_eq!(started.elapsed(), Duration::from_secs(5));
    let lifted = with(get("x"), RequestDeadline(None));
    assert_eq!(status_of(&transport, lifted).await.unwrap(), 200);
}

// ---------------------------------------------------------------------------------------------
// The retry budget under a fan-out far wider than the in-flight cap (found by the live soak).

#[tokio::test(start_paused = true)]
async fn the_calls_of_a_wide_fan_out_fund_retries_when_they_are_made() {
    // 300 calls joined at once, one at a time, 100 ms each: the last ones leave 30 s after
    // they began, long past the budget's 10 s window. A burst of 503s near the end must still
    // find the retries that the recent first attempts paid for.
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let inner = tower::service_fn(move |_request: Request<RequestBody>| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let status = if (250..260).contains(&n) { 503 } else { 200 };
            Ok::<_, Error>(
                Response::builder()
                    .status(status)
                    .body(ResponseBody::from("{}"))
                    .unwrap(),
            )
        }
    });
    let budget = RetryBudget::default()
        .window(Duration::from_secs(10))
        .min_per_second(0)
        .retry_ratio(0.5);
    let transport = builder()
        .max_in_flight(1)
        .deadline(None)
        .retry(fast_retry(4).budget(budget))
        .inner_service(inner)
        .build()
        .unwrap();
    let calls: Vec<_> = (0..300)
        .map(|i| {
            let transport = transport.clone();
            tokio::spawn(
                async move { status_of(&transport, get(&format!("data/tasks/{i}"))).await },
            )
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap(), 200);
    }
    assert_eq!(seen.load(Ordering::SeqCst), 310, "300 calls and 10 retries");
}
