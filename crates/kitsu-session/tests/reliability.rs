//! The session under faults: tokens refreshed ahead of their expiry, a refresh that never
//! queues, logins retried like GETs, and a URL that is no Kitsu API said to be one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use http::{Method, Request};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use kitsu_session::{Credentials, Session, SessionError};
use kitsu_transport::{Jitter, RequestBody, RetryConfig, Transport, TransportBuilder};

fn fast(builder: TransportBuilder) -> TransportBuilder {
    builder.retry(
        RetryConfig::default()
            .base_delay(Duration::from_millis(10))
            .max_delay(Duration::from_millis(50))
            .jitter(Jitter::None),
    )
}

async fn log_in(transport: Transport) -> Result<Session, SessionError> {
    Session::log_in(transport, Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD)).await
}

async fn status(session: &Session, path: &str) -> u16 {
    let request = Request::get(session.transport().url(path).unwrap())
        .body(RequestBody::empty())
        .unwrap();
    session
        .transport()
        .send(request)
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_access_token_is_refreshed_before_its_exp() {
    let kitsu = MockKitsu::builder()
        .access_token_lifetime(Duration::from_secs(2))
        .start()
        .await
        .unwrap();
    let session = log_in(fast(Transport::builder(kitsu.base_url())).build().unwrap())
        .await
        .unwrap();
    let left = session.tokens().access.unwrap().time_left().unwrap();
    assert!(
        left > Duration::from_millis(900) && left <= Duration::from_secs(2),
        "the session reads the token's exp: {left:?} left"
    );
    // Past three quarters of its life: still valid on the server, refreshed before it is sent.
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(status(&session, "data/projects").await, 200);
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 1);
    assert_eq!(
        kitsu.count(Method::GET, "data/projects"),
        1,
        "no request met an expired token"
    );
    session.close().await.unwrap();
}

#[tokio::test]
async fn the_refresh_does_not_wait_for_the_slot_its_waiters_hold() {
    // One slot: the request that holds it waits for the refresh, which must go past it.
    let kitsu = MockKitsu::builder()
        .access_token_lifetime(Duration::from_secs(2))
        .start()
        .await
        .unwrap();
    let transport = Transport::builder(kitsu.base_url())
        .max_in_flight(1)
        .build()
        .unwrap();
    let session = log_in(transport).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1600)).await;
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let session = session.clone();
            tokio::spawn(async move { status(&session, "data/projects").await })
        })
        .collect();
    let all = async {
        for call in calls {
            assert_eq!(call.await.unwrap(), 200);
        }
    };
    tokio::time::timeout(Duration::from_secs(20), all)
        .await
        .expect("the refresh queued behind the requests waiting for it");
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 1);
    session.close().await.unwrap();
}

#[tokio::test]
async fn login_is_retried_on_503_429_and_a_reset_like_a_get() {
    let kitsu = MockKitsu::start().await.unwrap();
    kitsu.faults().statuses(Method::POST, "auth/login", [503]);
    kitsu
        .faults()
        .retry_after(Method::POST, "auth/login", 429, 0, 1);
    kitsu
        .faults()
        .close_connection(Method::POST, "auth/login", 1);
    let transport = fast(Transport::builder(kitsu.base_url()))
        .retry(
            RetryConfig::default()
                .max_attempts(5)
                .base_delay(Duration::from_millis(10))
                .max_delay(Duration::from_millis(50)),
        )
        .build()
        .unwrap();
    let session = log_in(transport).await.unwrap();
    assert_eq!(kitsu.count(Method::POST, "auth/login"), 4);
    // An answer cut mid-way is read again.
    kitsu.faults().reset_mid_body(Method::POST, "auth/login", 1);
    let again = log_in(fast(Transport::builder(kitsu.base_url())).build().unwrap())
        .await
        .unwrap();
    assert_eq!(kitsu.count(Method::POST, "auth/login"), 6);
    again.close().await.unwrap();
    session.close().await.unwrap();
}

#[tokio::test]
async fn refresh_and_logout_are_retried_on_503_and_a_cut_answer() {
    let kitsu = MockKitsu::start().await.unwrap();
    let session = log_in(fast(Transport::builder(kitsu.base_url())).build().unwrap())
        .await
        .unwrap();
    kitsu
        .faults()
        .statuses(Method::GET, "auth/refresh-token", [503]);
    kitsu
        .faults()
        .reset_mid_body(Method::GET, "auth/refresh-token", 1);
    session.refresh().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 3);
    kitsu
        .faults()
        .statuses(Method::GET, "auth/logout", [503, 429]);
    kitsu.faults().reset_mid_body(Method::GET, "auth/logout", 1);
    session.close().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "auth/logout"), 4);
}

#[tokio::test]
async fn a_url_that_is_no_kitsu_api_is_named_with_what_to_try() {
    // A bare Zou (routes at the root) addressed with `/api`.
    let bare = MockKitsu::builder().api_prefix("").start().await.unwrap();
    let url = format!("{}/api", bare.base_url());
    let error = log_in(Transport::new(&url).unwrap()).await.unwrap_err();
    let SessionError::NotKitsuApi { seen, hint, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(seen, "404 Not Found");
    assert!(hint.contains("without `/api`"), "{hint}");
    let text = error.to_string();
    assert!(text.contains("does not answer like a Kitsu API"), "{text}");
    assert!(text.contains(&format!("{url}/auth/login")), "{text}");
    assert!(text.contains(&bare.base_url()), "{text}");

    // Kitsu (API under `/api`) addressed without it.
    let kitsu = MockKitsu::start().await.unwrap();
    let root = kitsu.base_url().trim_end_matches("/api").to_owned();
    let error = log_in(Transport::new(&root).unwrap()).await.unwrap_err();
    let SessionError::NotKitsuApi { hint, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(hint.contains(&format!("try {root}/api")), "{hint}");

    // A web page where the API should be.
    kitsu.faults().respond(
        Method::POST,
        "auth/login",
        200,
        [("content-type", "text/html")],
        "<!doctype html>\n<html><body>Welcome to our intranet</body></html>",
        1,
    );
    let error = log_in(Transport::new(kitsu.base_url()).unwrap())
        .await
        .unwrap_err();
    let SessionError::NotKitsuApi { seen, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(
        seen.contains("200 OK with a body that is not JSON"),
        "{seen}"
    );
    assert!(seen.contains("<!doctype html>"), "{seen}");

    // Zou's own refusals keep their kinds.
    let error = Session::log_in(
        Transport::new(kitsu.base_url()).unwrap(),
        Credentials::new(ADMIN_EMAIL, "wrong"),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, SessionError::WrongCredentials { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_status_error_says_zous_status_line_once() {
    let kitsu = MockKitsu::start().await.unwrap();
    kitsu.faults().respond(
        Method::GET,
        "auth/authenticated",
        404,
        [("content-type", "application/json")],
        r#"{"error":true,"message":"404 Not Found: The requested URL was not found on the server."}"#,
        1,
    );
    let session = log_in(Transport::new(kitsu.base_url()).unwrap())
        .await
        .unwrap();
    let error = session.authenticated_user().await.unwrap_err();
    let text = error.to_string();
    assert_eq!(text.matches("404 Not Found").count(), 1, "{text}");
    assert!(
        text.ends_with("404 Not Found: The requested URL was not found on the server."),
        "{text}"
    );
    session.close().await.unwrap();
}
