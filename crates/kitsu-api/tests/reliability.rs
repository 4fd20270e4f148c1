//! The API client under faults and hostile answers, against the fake Kitsu: redirects are
//! errors, answers are bounded in size and time, cut answers are read again, and errors say how
//! many attempts they took and what Zou said, once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use http::Method;
use kitsu_api::models::Task;
use kitsu_api::{ApiError, Client, Query};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use kitsu_session::{Credentials, Session};
use kitsu_transport::{Error, Jitter, RetryConfig, RetryStopped, Transport, TransportBuilder};
use serde_json::{Value, json};

async fn client_over(builder: TransportBuilder) -> Client {
    let transport = builder
        .retry(
            RetryConfig::default()
                .max_attempts(4)
                .base_delay(Duration::from_millis(10))
                .max_delay(Duration::from_millis(50))
                .jitter(Jitter::None),
        )
        .build()
        .unwrap();
    let session = Session::log_in(transport, Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD))
        .await
        .unwrap();
    let client = Client::new(session.transport().clone());
    std::mem::forget(session); // the mock dies with the test; no logout needed
    client
}

/// The id of a task of the demo data.
async fn tasks_of(client: &Client) -> String {
    let tasks: Vec<Task> = client.get("data/tasks").await.unwrap();
    tasks[0].id.to_string()
}

async fn demo() -> (MockKitsu, Client) {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let client = client_over(Transport::builder(kitsu.base_url())).await;
    (kitsu, client)
}

#[tokio::test]
async fn a_redirect_is_an_error_never_a_success() {
    let (kitsu, client) = demo().await;
    let tasks: Vec<Task> = client.get("data/tasks").await.unwrap();
    let path = format!("data/tasks/{}", tasks[0].id);
    let to_sso = [("location", "https://sso.example.com/login")];
    kitsu
        .faults()
        .respond(Method::DELETE, &path, 302, to_sso, "", 1);
    let error = client.delete(&path).await.unwrap_err();
    let ApiError::Transport(Error::Redirect {
        status, location, ..
    }) = &error
    else {
        panic!("a DELETE answered 302 must fail: {error:?}");
    };
    assert_eq!(*status, 302);
    assert_eq!(location.as_deref(), Some("https://sso.example.com/login"));
    assert!(
        kitsu.row("tasks", &tasks[0].id.to_string()).is_some(),
        "nothing was deleted"
    );
    let to_https = [("location", "https://127.0.0.1/api/data/projects")];
    kitsu
        .faults()
        .respond(Method::GET, "data/projects", 301, to_https, "", 1);
    let error = client.get::<Value>("data/projects").await.unwrap_err();
    assert!(
        error.to_string().contains("use an https:// base URL"),
        "{error}"
    );
    kitsu.faults().respond(Method::PUT, &path, 307, [], "", 1);
    let error = client.put::<Value>(&path, &json!({})).await.unwrap_err();
    assert!(
        matches!(error, ApiError::Transport(Error::Redirect { .. })),
        "{error:?}"
    );
}

#[tokio::test]
async fn answers_past_the_size_limit_are_refused_but_downloads_are_not() {
    let (kitsu, client) = demo().await;
    let small = client.clone().with_max_response_size(Some(2_000));
    for error in [
        small.fetch_all::<Task>("data/tasks").await.unwrap_err(),
        small.get::<Value>("data/tasks").await.unwrap_err(),
    ] {
        let ApiError::Transport(Error::BodyTooLarge { url, limit }) = &error else {
            panic!("{error:?}");
        };
        assert_eq!(*limit, 2_000);
        assert!(url.to_string().ends_with("/api/data/tasks"), "{url}");
        assert!(error.to_string().contains("2000 bytes"), "{error}");
    }
    let page = small
        .page::<Task>("data/tasks", &Query::new(), 1, 1)
        .await
        .unwrap();
    assert_eq!(page.data.len(), 1, "a small page fits");

    // The transport's limit bounds what is read whole, not what streams to disk.
    let tiny =
        client_over(Transport::builder(kitsu.base_url()).max_response_size(Some(4_000))).await;
    let tasks: Result<Vec<Task>, _> = tiny.fetch_all("data/tasks").await;
    assert!(matches!(
        tasks,
        Err(ApiError::Transport(Error::BodyTooLarge {
            limit: 4_000,
            ..
        }))
    ));
    let task = tasks_of(&client).await;
    let preview = kitsu.seed(|seed| seed.preview(&task, "png", vec![7u8; 50_000]));
    let dir = std::env::temp_dir().join(format!("kitsu-api-limit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let route = format!("pictures/originals/preview-files/{preview}.png");
    let written = tiny.download(&route, dir.join("out.png")).await.unwrap();
    assert_eq!(written, 50_000);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_get_or_a_list_whose_answer_was_cut_is_read_again() {
    let (kitsu, client) = demo().await;
    let expected: Vec<Value> = client.get("data/projects").await.unwrap();
    kitsu.clear_requests();
    kitsu
        .faults()
        .reset_mid_body(Method::GET, "data/projects", 1);
    let again: Vec<Value> = client.get("data/projects").await.unwrap();
    assert_eq!(again, expected);
    assert_eq!(kitsu.count(Method::GET, "data/projects"), 2);

    let tasks: Vec<Task> = client.fetch_all("data/tasks").await.unwrap();
    kitsu.faults().truncate_body(Method::GET, "data/tasks", 1);
    kitsu.faults().reset_mid_body(Method::GET, "data/tasks", 1);
    let read: Vec<Task> = client.fetch_all("data/tasks").await.unwrap();
    assert_eq!(read, tasks, "every element once, none from the cut answers");
    assert_eq!(kitsu.count(Method::GET, "data/tasks"), 4);

    // A POST is not read again: the server may have acted.
    kitsu
        .faults()
        .reset_mid_body(Method::POST, "data/projects", 1);
    let error = client
        .post::<Value>("data/projects", &json!({"name": "Cut"}))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::Transport(Error::Body { .. })),
        "{error:?}"
    );
    assert_eq!(kitsu.count(Method::POST, "data/projects"), 1);
}

#[tokio::test]
async fn a_server_error_after_retries_says_how_many_attempts() {
    let (kitsu, client) = demo().await;
    kitsu
        .faults()
        .statuses(Method::GET, "data/projects", [503, 503, 503, 503]);
    let error = client.get::<Value>("data/projects").await.unwrap_err();
    let ApiError::Server(server) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(server.attempts, 4);
    assert_eq!(server.retry_stopped, Some(RetryStopped::MaxAttempts));
    assert!(
        error.to_string().ends_with("(gave up after 4 attempts)"),
        "{error}"
    );
    // One retry, then an answer that is no transient failure: the count is still told.
    kitsu
        .faults()
        .statuses(Method::GET, "data/projects", [503, 404]);
    let error = client.get::<Value>("data/projects").await.unwrap_err();
    assert_eq!(error.server_error().unwrap().attempts, 2);
    assert!(error.to_string().ends_with("(after 2 attempts)"), "{error}");
}

#[tokio::test]
async fn a_deadline_bounds_a_call_but_not_a_download() {
    let (kitsu, client) = demo().await;
    kitsu
        .faults()
        .latency("data/projects", Duration::from_millis(500));
    let quick = client
        .clone()
        .with_deadline(Some(Duration::from_millis(100)));
    let error = quick.get::<Value>("data/projects").await.unwrap_err();
    assert!(
        matches!(error, ApiError::Transport(Error::Deadline { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains("deadline of 100ms"), "{error}");

    let hurried = client_over(
        Transport::builder(kitsu.base_url()).deadline(Some(Duration::from_millis(200))),
    )
    .await;
    let task = tasks_of(&client).await;
    let preview = kitsu.seed(|seed| seed.preview(&task, "png", vec![7u8; 1_000]));
    let route = format!("pictures/originals/preview-files/{preview}.png");
    kitsu.faults().latency(&route, Duration::from_millis(400));
    let dir = std::env::temp_dir().join(format!("kitsu-api-deadline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    assert_eq!(
        hurried.download(&route, dir.join("out.png")).await.unwrap(),
        1_000
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn zous_404_says_its_status_line_once() {
    let (_kitsu, client) = demo().await;
    let error = client
        .get::<Value>("data/no-such-collection/at-all")
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::RouteNotFound(_)), "{error:?}");
    let text = error.to_string();
    assert_eq!(text.matches("404 Not Found").count(), 1, "{text}");
    assert!(
        text.contains("404 Not Found: The requested URL was not found on the server."),
        "{text}"
    );
    // Zou's own words are kept as they were.
    assert!(
        error
            .server_error()
            .unwrap()
            .message
            .starts_with("404 Not Found: ")
    );
}

#[tokio::test]
async fn through_the_cache_a_cut_answer_is_read_again_and_not_kept() {
    let (kitsu, client) = demo().await;
    let client = client.with_cache(kitsu_api::Cache::default());
    kitsu
        .faults()
        .reset_mid_body(Method::GET, "data/task-types", 1);
    let types: Vec<Value> = client.get("data/task-types").await.unwrap();
    assert!(!types.is_empty());
    assert_eq!(
        kitsu.count(Method::GET, "data/task-types"),
        2,
        "cut, then whole"
    );
    // The whole answer was kept, not the cut one: the next read is a hit.
    let again: Vec<Value> = client.get("data/task-types").await.unwrap();
    assert_eq!(again, types);
    assert_eq!(kitsu.count(Method::GET, "data/task-types"), 2);
    assert_eq!(client.cache().unwrap().stats().hits, 1);
}
