//! The scenarios against kitsu-mock (hermetic).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use std::sync::Arc;

use kitsu_tests::backend::{Backend, EventOutage};
use kitsu_tests::{events, scenarios};

// Long enough for the 200-request burst after the refresh to fit in the new token's life.
const TTL: Duration = Duration::from_secs(2);

async fn backend() -> (Backend, MockKitsu, MockKitsu) {
    let kitsu = MockKitsu::start().await.unwrap();
    let short = MockKitsu::builder()
        .access_token_lifetime(TTL)
        .start()
        .await
        .unwrap();
    let backend = Backend {
        name: "mock",
        base_url: kitsu.base_url(),
        admin_email: ADMIN_EMAIL.into(),
        admin_password: ADMIN_PASSWORD.into(),
        short_ttl: Some((short.base_url(), TTL)),
        movie: Some(
            (0..50_000u32)
                .map(|i| {
                    if (4..8).contains(&i) {
                        b"ftyp"[i as usize - 4]
                    } else {
                        (i % 199) as u8
                    }
                })
                .collect(),
        ),
        transcodes: false,
        events_url: None,
        // One event server serves both of a Zou's API instances: an outage stops both mocks'.
        event_outage: Some(EventOutage {
            stop: Arc::new({
                let servers = [kitsu.event_server(), short.event_server()];
                move || servers.iter().for_each(|server| server.stop())
            }),
            start: Arc::new({
                let servers = [kitsu.event_server(), short.event_server()];
                move || servers.iter().for_each(|server| server.start())
            }),
        }),
    };
    (backend, kitsu, short)
}

#[tokio::test]
async fn quickstart() {
    let (backend, _kitsu, _short) = backend().await;
    scenarios::quickstart(&backend).await.unwrap();
}

#[tokio::test]
async fn production() {
    let (backend, _kitsu, _short) = backend().await;
    scenarios::production(&backend).await.unwrap();
}

#[tokio::test]
async fn previews() {
    let (backend, _kitsu, _short) = backend().await;
    scenarios::previews(&backend).await.unwrap();
}

#[tokio::test]
async fn error_kinds() {
    let (backend, _kitsu, _short) = backend().await;
    scenarios::error_kinds(&backend).await.unwrap();
}

#[tokio::test]
async fn logout_and_bots() {
    let (backend, _kitsu, _short) = backend().await;
    scenarios::logout_and_bots(&backend).await.unwrap();
}

#[tokio::test]
async fn cache() {
    let (backend, _kitsu, _short) = backend().await;
    scenarios::cache(&backend).await.unwrap();
}

#[tokio::test]
async fn refresh_under_load() {
    let (backend, _kitsu, short) = backend().await;
    scenarios::refresh_under_load(&backend).await.unwrap();
    assert_eq!(short.count(http::Method::GET, "auth/refresh-token"), 1);
}

#[tokio::test]
async fn events_live_and_after_an_outage() {
    let (backend, _kitsu, _short) = backend().await;
    events::events_live_and_after_an_outage(&backend)
        .await
        .unwrap();
}

#[tokio::test]
async fn events_after_token_expiry() {
    let (backend, _kitsu, _short) = backend().await;
    events::events_after_token_expiry(&backend).await.unwrap();
}

#[tokio::test]
async fn events_wrong_token() {
    let (backend, _kitsu, _short) = backend().await;
    events::events_wrong_token(&backend).await.unwrap();
}

#[tokio::test]
async fn no_expired_token_on_the_wire() {
    let (backend, _kitsu, short) = backend().await;
    let report = scenarios::no_expired_token_on_the_wire(&backend)
        .await
        .unwrap();
    assert_eq!(
        short.count(http::Method::GET, "auth/refresh-token") as u64,
        report.refreshes_until_closed
    );
}
