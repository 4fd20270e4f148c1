//! The session lifecycle against the fake Kitsu.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::{Method, Request, StatusCode};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use kitsu_session::{
    Credentials, SecondFactor, Session, SessionError, SessionKind, api_version, host_is_up,
    host_is_valid,
};
use kitsu_transport::{BearerToken, Error, RequestBody, Transport};

fn transport(kitsu: &MockKitsu) -> Transport {
    Transport::builder(kitsu.base_url())
        .max_in_flight(64)
        .build()
        .unwrap()
}

async fn admin(kitsu: &MockKitsu) -> Session {
    Session::log_in(
        transport(kitsu),
        Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD),
    )
    .await
    .unwrap()
}

async fn status(session: &Session, path: &str) -> Result<u16, Error> {
    let request = Request::get(session.transport().url(path).unwrap())
        .body(RequestBody::empty())
        .unwrap();
    Ok(session.transport().send(request).await?.status().as_u16())
}

#[tokio::test]
async fn login_gives_the_user_and_organisation() {
    let kitsu = MockKitsu::start().await.unwrap();
    let session = Session::log_in(
        transport(&kitsu),
        Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD),
    )
    .await
    .unwrap();
    let user = session.user().unwrap();
    assert_eq!(user.email.as_deref(), Some(ADMIN_EMAIL));
    assert_eq!(user.role.as_deref(), Some("admin"));
    assert!(user.other.contains_key("first_name"));
    assert_eq!(session.organisation().unwrap()["name"], "Kitsu");
    assert_eq!(session.kind(), SessionKind::Password);
    assert_eq!(status(&session, "data/projects").await.unwrap(), 200);
    assert_eq!(session.authenticated_user().await.unwrap().id, user.id);
    session.close().await.unwrap();
}

#[tokio::test]
async fn login_failures_are_typed_with_zous_message() {
    let kitsu = MockKitsu::builder()
        .lockout(Duration::from_secs(60))
        .seed(|seed| {
            let gone = seed.person("Gone", "Away", "gone@example.com", "password1", "user");
            seed.deactivate(&gone);
            seed.person("New", "Hire", "new@example.com", "default", "user");
            seed.person(
                "Victim",
                "Locked",
                "victim@example.com",
                "password1",
                "user",
            );
        })
        .start()
        .await
        .unwrap();
    let login = |email: &'static str, password: &'static str| {
        let transport = transport(&kitsu);
        async move {
            Session::log_in(transport, Credentials::new(email, password))
                .await
                .unwrap_err()
        }
    };
    match login(ADMIN_EMAIL, "wrong").await {
        SessionError::WrongCredentials { message } => {
            assert_eq!(message, "Wrong email or password.")
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        login("gone@example.com", "password1").await,
        SessionError::InactiveUser { .. }
    ));
    assert!(matches!(
        login("new@example.com", "default").await,
        SessionError::DefaultPassword
    ));
    match login("", "x").await {
        SessionError::LoginRefused { status, message } => {
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert_eq!(message, "Validation error.");
        }
        other => panic!("{other:?}"),
    }
    for _ in 0..5 {
        assert!(matches!(
            login("victim@example.com", "bad").await,
            SessionError::WrongCredentials { .. }
        ));
    }
    let locked = login("victim@example.com", "password1").await;
    assert!(
        matches!(locked, SessionError::TooManyFailedAttempts { .. }),
        "{locked:?}"
    );
    assert!(
        locked
            .to_string()
            .contains("Too many failed login attempts"),
        "{locked}"
    );
}

#[tokio::test]
async fn a_missing_or_wrong_second_factor_is_typed() {
    let kitsu = MockKitsu::builder()
        .seed(|seed| {
            let app = seed.person("Two", "Factor", "2fa@example.com", "password1", "user");
            seed.require_second_factor(&app, "totp", "123456");
            let mail = seed.person("Mail", "Code", "mail@example.com", "password1", "user");
            seed.require_second_factor(&mail, "email_otp", "654321");
        })
        .start()
        .await
        .unwrap();
    let login = |credentials: Credentials| Session::log_in(transport(&kitsu), credentials);
    // No code: which method to ask for, and every method the account has.
    let missing = login(Credentials::new("2fa@example.com", "password1"))
        .await
        .unwrap_err();
    match &missing {
        SessionError::SecondFactorRequired {
            method,
            enabled,
            message,
        } => {
            assert_eq!(*method, Some(SecondFactor::Totp));
            assert_eq!(enabled, &[SecondFactor::RecoveryCode, SecondFactor::Totp]);
            assert_eq!(message, "A two-factor authentication code is required.");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        missing.to_string(),
        "login refused: A two-factor authentication code is required. (give a code from your authenticator app)"
    );
    // The password is checked first: a wrong one is still wrong credentials.
    assert!(matches!(
        login(Credentials::new("2fa@example.com", "bad").totp("123456"))
            .await
            .unwrap_err(),
        SessionError::WrongCredentials { .. }
    ));
    // A wrong code.
    match login(Credentials::new("2fa@example.com", "password1").totp("000000"))
        .await
        .unwrap_err()
    {
        SessionError::WrongSecondFactor { message } => {
            assert_eq!(message, "Wrong two-factor authentication code.")
        }
        other => panic!("{other:?}"),
    }
    // The right one logs in.
    let session = login(Credentials::new("2fa@example.com", "password1").totp("123456"))
        .await
        .unwrap();
    assert_eq!(
        session.user().unwrap().email.as_deref(),
        Some("2fa@example.com")
    );
    session.close().await.unwrap();
    // A code by email.
    match login(Credentials::new("mail@example.com", "password1"))
        .await
        .unwrap_err()
    {
        SessionError::SecondFactorRequired { method, .. } => {
            assert_eq!(method, Some(SecondFactor::EmailOtp));
            assert_eq!(SecondFactor::EmailOtp.zou_name(), "email_otp");
        }
        other => panic!("{other:?}"),
    }
    let session = login(Credentials::new("mail@example.com", "password1").email_otp("654321"))
        .await
        .unwrap();
    session.close().await.unwrap();
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let transport = Transport::builder(format!("http://{address}"))
        .no_retry()
        .build()
        .unwrap();
    let error = Session::log_in(transport.clone(), Credentials::new("a@b.c", "x"))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, SessionError::Transport(e) if e.is_connect()),
        "{error:?}"
    );
    assert!(!host_is_up(&transport).await);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_and_the_request_replayed() {
    for expired_status in [StatusCode::UNAUTHORIZED, StatusCode::UNPROCESSABLE_ENTITY] {
        let kitsu = MockKitsu::builder()
            .expired_token_status(expired_status)
            .access_token_lifetime(Duration::from_millis(1000))
            .start()
            .await
            .unwrap();
        let session = admin(&kitsu).await;
        let before = session.tokens().access.unwrap();
        // Forget when the token expires (as with a server that expires it early), so that the
        // request meets the expired token instead of refreshing ahead of it.
        session
            .transport()
            .token()
            .set(BearerToken::new(before.expose()))
            .unwrap();
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_eq!(
            status(&session, "data/projects").await.unwrap(),
            200,
            "after {expired_status}"
        );
        assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 1);
        assert_eq!(
            kitsu.count(Method::GET, "data/projects"),
            2,
            "one refused, one replayed"
        );
        assert_ne!(session.tokens().access.unwrap(), before);
        session.close().await.unwrap();
    }
}

#[tokio::test]
async fn five_hundred_concurrent_requests_across_an_expiry_refresh_once() {
    // The refreshed token lives as long: the whole burst, replays queued behind the in-flight
    // cap included, must fit in it even on a loaded machine.
    let kitsu = MockKitsu::builder()
        .access_token_lifetime(Duration::from_secs(3))
        .demo_data()
        .start()
        .await
        .unwrap();
    let session = admin(&kitsu).await;
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let calls: Vec<_> = (0..500)
        .map(|i| {
            let session = session.clone();
            let path = if i % 2 == 0 {
                "data/projects"
            } else {
                "data/tasks"
            };
            tokio::spawn(async move { status(&session, path).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap(), 200);
    }
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 1);
    assert_eq!(session.transport().token().refresh_count(), 1);
    session.close().await.unwrap();
}

#[tokio::test]
async fn a_failed_refresh_is_a_typed_session_expired() {
    let kitsu = MockKitsu::start().await.unwrap();
    let session = admin(&kitsu).await;
    kitsu.expire_all_tokens();
    let error = status(&session, "data/projects").await.unwrap_err();
    let Error::Refresh { source } = &error else {
        panic!("{error:?}")
    };
    let session_error = source
        .downcast_ref::<SessionError>()
        .expect("a SessionError inside");
    assert!(
        matches!(session_error, SessionError::SessionExpired { .. }),
        "{session_error:?}"
    );
    assert!(
        error.to_string().contains("Signature has expired"),
        "{error}"
    );
    assert!(matches!(
        session.refresh().await.unwrap_err(),
        SessionError::SessionExpired { .. }
    ));
}

#[tokio::test]
async fn without_auto_refresh_the_401_surfaces() {
    let kitsu = MockKitsu::start().await.unwrap();
    let session = admin(&kitsu).await;
    session.set_auto_refresh(false);
    kitsu.expire_all_tokens();
    assert_eq!(status(&session, "data/projects").await.unwrap(), 401);
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 0);
}

#[tokio::test]
async fn logout_revokes_and_twice_is_a_clear_error() {
    let kitsu = MockKitsu::start().await.unwrap();
    let session = admin(&kitsu).await;
    let tokens = session.tokens();
    session.log_out().await.unwrap();
    assert!(!session.is_logged_in());
    assert!(matches!(
        session.log_out().await.unwrap_err(),
        SessionError::NotLoggedIn
    ));
    let stale = Session::from_tokens(transport(&kitsu), tokens.access.unwrap(), None).unwrap();
    assert_eq!(status(&stale, "data/projects").await.unwrap(), 401);
    let with_refresh =
        Session::from_tokens(transport(&kitsu), BearerToken::new("x.y.z"), tokens.refresh).unwrap();
    assert!(matches!(
        with_refresh.refresh().await.unwrap_err(),
        SessionError::SessionExpired { .. }
    ));
    stale.close().await.unwrap();
    with_refresh.close().await.unwrap();
}

#[tokio::test]
async fn saved_tokens_resume_and_refresh() {
    let kitsu = MockKitsu::builder()
        .access_token_lifetime(Duration::from_millis(1000))
        .start()
        .await
        .unwrap();
    let first = admin(&kitsu).await;
    let saved = first.tokens();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let resumed =
        Session::from_tokens(transport(&kitsu), saved.access.unwrap(), saved.refresh).unwrap();
    assert_eq!(resumed.kind(), SessionKind::Tokens);
    assert_eq!(status(&resumed, "data/projects").await.unwrap(), 200);
    assert_eq!(
        resumed.authenticated_user().await.unwrap().email.as_deref(),
        Some(ADMIN_EMAIL)
    );
    resumed.close().await.unwrap();
    assert!(matches!(
        first.log_out().await,
        Ok(()) | Err(SessionError::NotLoggedIn)
    ));
}

#[tokio::test]
async fn bot_tokens_work_and_cannot_log_out() {
    let kitsu = MockKitsu::start().await.unwrap();
    let session = admin(&kitsu).await;
    let request = Request::post(session.transport().url("data/persons").unwrap())
        .header("content-type", "application/json")
        .body(RequestBody::from(
            r#"{"first_name":"ci-bot","last_name":"","is_bot":true,"role":"admin"}"#,
        ))
        .unwrap();
    let body = session
        .transport()
        .send(request)
        .await
        .unwrap()
        .into_body()
        .bytes()
        .await
        .unwrap();
    let token = serde_json::from_slice::<serde_json::Value>(&body).unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    session.close().await.unwrap();
    let bot = Session::from_bot_token(transport(&kitsu), BearerToken::new(token)).unwrap();
    kitsu.expire_all_tokens();
    assert_eq!(status(&bot, "data/projects").await.unwrap(), 200);
    assert!(matches!(
        bot.log_out().await.unwrap_err(),
        SessionError::CannotLogOut { .. }
    ));
    bot.close().await.unwrap();
    assert_eq!(
        kitsu.count(Method::GET, "auth/logout"),
        1,
        "only the admin's"
    );
}

#[tokio::test]
async fn scoped_logs_out_on_success_error_and_panic() {
    let kitsu = MockKitsu::start().await.unwrap();
    let ok: Result<u16, SessionError> = admin(&kitsu)
        .await
        .scoped(|session| async move { Ok(status(&session, "data/projects").await?) })
        .await;
    assert_eq!(ok.unwrap(), 200);
    assert_eq!(kitsu.count(Method::GET, "auth/logout"), 1);

    let failed: Result<(), SessionError> = admin(&kitsu)
        .await
        .scoped(|_session| async move { Err(SessionError::NotLoggedIn) })
        .await;
    assert!(matches!(failed.unwrap_err(), SessionError::NotLoggedIn));
    assert_eq!(kitsu.count(Method::GET, "auth/logout"), 2);

    let session = admin(&kitsu).await;
    let panicked = tokio::spawn(async move {
        let _: Result<(), SessionError> = session
            .scoped(|_session| async move { panic!("pipeline bug") })
            .await;
    })
    .await;
    assert!(panicked.unwrap_err().is_panic());
    assert_eq!(kitsu.count(Method::GET, "auth/logout"), 3);
}

/// Waits (in real time: the mock answers on its own socket) until `path` was called `n` times.
async fn until_called(kitsu: &MockKitsu, path: &str, n: usize) {
    for _ in 0..500 {
        if kitsu.count(Method::GET, path) >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "{path} was called {} times, not {n}",
        kitsu.count(Method::GET, path)
    );
}

#[tokio::test]
async fn scoped_logs_out_when_cancelled() {
    let kitsu = MockKitsu::start().await.unwrap();

    // Cancelled by a timeout while the work waits.
    let session = admin(&kitsu).await;
    let watched = session.clone();
    let cancelled = tokio::time::timeout(
        Duration::from_millis(50),
        session.scoped(|session| async move {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok::<_, SessionError>(status(&session, "data/projects").await?)
        }),
    )
    .await;
    assert!(cancelled.is_err(), "the timeout fired");
    until_called(&kitsu, "auth/logout", 1).await;
    assert!(!watched.is_logged_in());

    // Cancelled by a select! that another branch wins.
    let session = admin(&kitsu).await;
    tokio::select! {
        _ = session.scoped(|_session| async move {
            std::future::pending::<Result<(), SessionError>>().await
        }) => unreachable!("the work never ends"),
        () = tokio::time::sleep(Duration::from_millis(20)) => {}
    }
    until_called(&kitsu, "auth/logout", 2).await;

    // The caller's own error type, and a logout that is not repeated after the work ended.
    #[derive(Debug)]
    struct Mine(String);
    impl From<SessionError> for Mine {
        fn from(error: SessionError) -> Self {
            Mine(error.to_string())
        }
    }
    let session = admin(&kitsu).await;
    let mine: Result<(), Mine> = session
        .scoped(|_session| async move { Err(Mine("pipeline said no".into())) })
        .await;
    assert_eq!(mine.unwrap_err().0, "pipeline said no");
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        kitsu.count(Method::GET, "auth/logout"),
        3,
        "one logout each"
    );
}

#[tokio::test]
async fn server_checks() {
    let kitsu = MockKitsu::start().await.unwrap();
    let transport = transport(&kitsu);
    assert_eq!(
        api_version(&transport).await.unwrap(),
        kitsu_mock::ZOU_VERSION
    );
    assert!(host_is_up(&transport).await);
    assert!(host_is_valid(&transport).await);
    let wrong_prefix = Transport::builder(kitsu.base_url().replace("/api", "/nope"))
        .build()
        .unwrap();
    assert!(host_is_up(&wrong_prefix).await);
    assert!(!host_is_valid(&wrong_prefix).await);
}

/// A tracing writer that keeps everything written.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_never_show_in_debug_display_or_traces() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let kitsu = MockKitsu::builder()
        .access_token_lifetime(Duration::from_millis(600))
        .start()
        .await
        .unwrap();
    let credentials = Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD).totp("424242");
    let shown = format!("{credentials:?}");
    assert!(
        !shown.contains(ADMIN_PASSWORD) && !shown.contains("424242"),
        "{shown}"
    );
    let session = Session::log_in(
        transport(&kitsu),
        Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD),
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(status(&session, "data/projects").await.unwrap(), 200);
    let tokens = session.tokens();
    let access = tokens.access.clone().unwrap();
    let refresh = tokens.refresh.clone().unwrap();
    let shown = format!("{session:?} {tokens:?} {:?}", session.transport());
    session.close().await.unwrap();
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("kitsu.request"), "tracing did run: {logs}");
    for secret in [access.expose(), refresh.expose(), ADMIN_PASSWORD] {
        assert!(!shown.contains(secret), "Debug leaked a secret: {shown}");
        assert!(!logs.contains(secret), "tracing leaked a secret");
    }
}

#[tokio::test]
async fn the_refresh_hook_does_not_keep_the_transport_alive() {
    let kitsu = MockKitsu::start().await.unwrap();
    let session = Session::from_tokens(
        transport(&kitsu),
        BearerToken::new("access"),
        Some(BearerToken::new("refresh")),
    )
    .unwrap();
    assert!(session.transport().token().has_refresh_hook());
    let weak = session.transport().downgrade();
    // Dropped unclosed on purpose: only the hook could keep the transport alive now.
    drop(session);
    assert!(
        weak.upgrade().is_none(),
        "the refresh hook holds its transport"
    );
}
