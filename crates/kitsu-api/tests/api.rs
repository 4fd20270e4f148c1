//! Every helper against the fake Kitsu.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use http::Method;
use kitsu_api::ids::{ProjectId, ShotId};
use kitsu_api::models::{Project, Shot, Task, TaskStatus};
use kitsu_api::{ApiError, Client, Page, Query, Upload, concurrent};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use kitsu_session::{Credentials, Session};
use kitsu_transport::{Error, RequestBody, ResponseBody, Transport};
use serde_json::{Value, json};

async fn client_for(kitsu: &MockKitsu, email: &str, password: &str) -> Client {
    let transport = Transport::builder(kitsu.base_url()).build().unwrap();
    let session = Session::log_in(transport, Credentials::new(email, password))
        .await
        .unwrap();
    let client = Client::new(session.transport().clone());
    std::mem::forget(session); // the mock dies with the test; no logout needed
    client
}

async fn demo() -> (MockKitsu, Client) {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let client = client_for(&kitsu, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    (kitsu, client)
}

#[tokio::test]
async fn the_four_verbs() {
    let (kitsu, client) = demo().await;
    let projects: Vec<Value> = client.get("data/projects").await.unwrap();
    assert_eq!(projects.len(), 1);
    let project: Project = client
        .post("data/projects", &json!({"name": "Second"}))
        .await
        .unwrap();
    assert_eq!(project.fps.as_deref(), Some("25"));
    let tasks: Vec<Task> = client.get("data/tasks").await.unwrap();
    let updated: Task = client
        .put(
            format!("data/tasks/{}", tasks[0].id),
            &json!({"priority": 1}),
        )
        .await
        .unwrap();
    assert_eq!(updated.priority, Some(1));
    client
        .delete(format!("data/tasks/{}", tasks[0].id))
        .await
        .unwrap();
    assert!(kitsu.row("tasks", &tasks[0].id.to_string()).is_none());
    let page: Page<Value> = client
        .get_with(
            "data/tasks",
            &Query::new().param("page", 1).param("limit", 2),
        )
        .await
        .unwrap();
    assert_eq!(page.data.len(), 2);
}

#[tokio::test]
async fn fetch_helpers() {
    let (_kitsu, client) = demo().await;
    let open: Vec<Project> = client.fetch_all("data/projects/open").await.unwrap();
    assert_eq!(client.projects().open().await.unwrap(), open);
    let project: Project = client.project(open[0].id).get().await.unwrap();
    assert_eq!(project.name, "Demo Project");
    let wip: Option<TaskStatus> = client
        .fetch_first("data/task-status", &Query::new().param("short_name", "wip"))
        .await
        .unwrap();
    assert_eq!(wip.unwrap().name, "Work In Progress");
    let none = client.task_statuses().by_short_name("nope").await.unwrap();
    assert!(none.is_none());
    let statuses = client.task_statuses();
    let created = statuses
        .create(&json!({"name": "On Hold", "short_name": "hold", "color": "#999999"}))
        .await
        .unwrap();
    let updated = statuses
        .update(created.id, &json!({"color": "#000000"}))
        .await
        .unwrap();
    assert_eq!(updated.color.as_deref(), Some("#000000"));
    assert_eq!(statuses.get(created.id).await.unwrap(), updated);
    statuses.delete(created.id).await.unwrap();
    assert!(matches!(
        statuses.get(created.id).await.unwrap_err(),
        ApiError::RouteNotFound(_)
    ));
    let slim: Vec<Value> = client
        .fetch_all_with("data/tasks", &Query::new().fields(["id", "name"]))
        .await
        .unwrap();
    assert_eq!(slim[0].as_object().unwrap().len(), 3);
    let with_relations: Vec<Value> = client
        .fetch_all_with("data/tasks", &Query::new().relations(true))
        .await
        .unwrap();
    assert!(with_relations[0].get("assignees").is_some());
    let shots = client.project(project.id).shots().await.unwrap();
    assert_eq!(shots.len(), 10);
    let tasks = client.shot(shots[0].id).tasks().await.unwrap();
    assert_eq!(tasks.len(), 2);
    assert!(
        tasks
            .iter()
            .all(|t| t.entity_name.as_deref() == Some(shots[0].name.as_str()))
    );
}

#[tokio::test]
async fn pagination_streams_every_item_in_order_and_handles_bare_lists() {
    let (kitsu, client) = demo().await;
    let client = client.with_page_concurrency(3);
    let expected: Vec<_> = {
        let mut all = Vec::new();
        for number in 1..=7 {
            let page: Page<Task> = client
                .page("data/tasks", &Query::new(), number, 3)
                .await
                .unwrap();
            all.extend(page.data.into_iter().map(|t| t.id));
        }
        all
    };
    assert_eq!(expected.len(), 20);
    kitsu.clear_requests();
    let streamed: Vec<_> = client
        .items::<Task>("data/tasks", &Query::new(), 3)
        .map_ok(|t| t.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed, expected);
    assert_eq!(
        kitsu.count(Method::GET, "data/tasks"),
        7,
        "one request per page"
    );
    let pages: Vec<Page<Task>> = client
        .pages("data/tasks", &Query::new(), 3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(|p| p.page).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6, 7]
    );
    assert_eq!(pages[0].nb_pages, 7);
    // data/shots ignores page: a bare list is one page holding everything.
    let shots: Vec<Page<Shot>> = client
        .pages("data/shots", &Query::new(), 3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!((shots.len(), shots[0].data.len()), (1, 10));
    // Lazy: taking two items fetches one page.
    kitsu.clear_requests();
    let first_two: Vec<Task> = client
        .items("data/tasks", &Query::new(), 3)
        .take(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first_two.len(), 2);
    assert_eq!(kitsu.count(Method::GET, "data/tasks"), 1);
    let all = client
        .fetch_all_pages::<Task>("data/tasks", &Query::new(), 6)
        .await
        .unwrap();
    assert_eq!(all.len(), 20);
}

fn server(error: &ApiError) -> &kitsu_api::ServerError {
    error
        .server_error()
        .unwrap_or_else(|| panic!("not a status error: {error:?}"))
}

#[tokio::test]
async fn every_error_kind_carries_the_url_status_and_zous_message() {
    let kitsu = MockKitsu::builder()
        .demo_data()
        .seed(|seed| {
            seed.person("Ann", "Artist", "ann@example.com", "password1", "user");
        })
        .start()
        .await
        .unwrap();
    let client = client_for(&kitsu, ADMIN_EMAIL, ADMIN_PASSWORD).await;

    let error = client
        .get::<Value>("data/tasks/not-a-uuid")
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Parameter(_)), "{error:?}");
    assert_eq!(server(&error).message, "Malformed ID.");
    assert!(
        error
            .to_string()
            .contains("/api/data/tasks/not-a-uuid: 400 Bad Request: Malformed ID."),
        "{error}"
    );

    let error = client
        .get::<Value>("data/tasks/00000000-0000-4000-8000-000000000000")
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::RouteNotFound(_)), "{error:?}");

    let error = client
        .post::<Value>("data/shots", &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::MethodNotAllowed(_)), "{error:?}");

    let error = client
        .post::<Value>("data/projects", &json!({"name": "Demo Project"}))
        .await
        .unwrap_err();
    assert_eq!(
        server(&error).message,
        "A record with the same unique values already exists."
    );

    let shots: Vec<Shot> = client.get("data/shots").await.unwrap();
    let project = shots[0].project_id.unwrap();
    let error = client
        .project(project)
        .new_shot(shots[0].parent_id.unwrap(), "")
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Parameter(_)));
    assert_eq!(
        server(&error).data.as_ref().unwrap()["errors"][0]["field"],
        "name"
    );

    let anonymous = Client::new(Transport::new(kitsu.base_url()).unwrap());
    let error = anonymous.get::<Value>("data/projects").await.unwrap_err();
    assert!(matches!(error, ApiError::NotAuthenticated(_)), "{error:?}");
    assert!(
        server(&error)
            .message
            .contains("Missing Authorization Header")
    );

    let garbage = Client::new(
        Transport::builder(kitsu.base_url())
            .bearer_token(kitsu_transport::BearerToken::new("garbage"))
            .build()
            .unwrap(),
    );
    let error = garbage.get::<Value>("data/projects").await.unwrap_err();
    assert!(matches!(error, ApiError::Validation(_)), "{error:?}");
    assert_eq!(server(&error).message, "Not enough segments");

    let artist = client_for(&kitsu, "ann@example.com", "password1").await;
    let error = artist.projects().create_named("Mine").await.unwrap_err();
    assert!(matches!(error, ApiError::NotAllowed(_)), "{error:?}");

    kitsu.faults().statuses(Method::GET, "data/persons", [500]);
    let error = client.no_retry_get_persons().await;
    assert!(matches!(error, ApiError::Server(_)), "{error:?}");

    kitsu
        .faults()
        .statuses(Method::POST, "data/projects", [413]);
    let error = client.projects().create_named("Big").await.unwrap_err();
    assert!(matches!(error, ApiError::TooBigFile(_)), "{error:?}");

    let error = client.get::<Vec<u32>>("data/projects").await.unwrap_err();
    match &error {
        ApiError::Decode { path, .. } => assert_eq!(path, "[0]"),
        other => panic!("{other:?}"),
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Strict {
        id: String,
        nb_frames: String,
    }
    let error = client.get::<Vec<Strict>>("data/shots").await.unwrap_err();
    assert!(error.to_string().contains("at `[0].nb_frames`"), "{error}");
}

trait NoRetry {
    async fn no_retry_get_persons(&self) -> ApiError;
}

impl NoRetry for Client {
    /// 500 is not retried (not transient), so one injected 500 is the answer.
    async fn no_retry_get_persons(&self) -> ApiError {
        self.get::<Value>("data/persons").await.unwrap_err()
    }
}

#[tokio::test]
async fn ids_are_checked_before_anything_is_sent() {
    // A user's string becomes an id only by parsing; a bad one never reaches a route.
    for bad in ["../../auth/logout", "42", "x?force=true"] {
        let error = ApiError::from(bad.parse::<ShotId>().unwrap_err());
        assert!(
            error
                .to_string()
                .contains(&format!("`{bad}` is not a valid shot id")),
            "{error}"
        );
        assert!(matches!(error, ApiError::InvalidId(_)));
    }
    // A body that cannot be JSON is an encoding error, not a decode error, and is not sent.
    let (kitsu, client) = demo().await;
    kitsu.clear_requests();
    let mut not_json = std::collections::HashMap::new();
    not_json.insert(vec![1u8], "keys must be strings");
    let error = client
        .post::<Value>("data/projects", &not_json)
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Encode { .. }), "{error:?}");
    assert!(
        error.to_string().contains("cannot encode the body of POST"),
        "{error}"
    );
    assert!(kitsu.requests().is_empty());
    let project: ProjectId = "00000000-0000-4000-8000-000000000000".parse().unwrap();
    assert!(matches!(
        client.project(project).get().await.unwrap_err(),
        ApiError::RouteNotFound(_)
    ));
}

async fn preview(client: &Client) -> kitsu_api::models::PreviewFile {
    let tasks: Vec<Task> = client.get("data/tasks").await.unwrap();
    let wip = client
        .task_statuses()
        .by_short_name("wip")
        .await
        .unwrap()
        .unwrap();
    let task = client.task(tasks[0].id);
    let comment = task.comment(wip.id, "first take").await.unwrap();
    task.add_preview(comment.id).await.unwrap()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kitsu-api-{name}-{}", uuid_simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn uuid_simple() -> String {
    format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

#[tokio::test]
async fn uploads_stream_with_an_exact_length_and_report_progress() {
    let (kitsu, client) = demo().await;
    let preview = preview(&client).await;
    let dir = temp_dir("upload");
    let file = dir.join("take.png");
    let content: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(&file, &content).unwrap();
    let reported = Arc::new(AtomicU64::new(0));
    let seen = reported.clone();
    let upload = Upload::file(&file).progress(move |done, total| {
        assert_eq!(total, 300_000);
        seen.store(done, Ordering::SeqCst);
    });
    kitsu.clear_requests();
    let answer = client
        .upload(format!("pictures/preview-files/{}", preview.id), upload)
        .await
        .unwrap();
    assert_eq!(answer["status"], "ready");
    assert_eq!(answer["file_size"], 300_000);
    assert_eq!(
        kitsu.preview_file_bytes(&preview.id.to_string()).unwrap(),
        content
    );
    assert_eq!(reported.load(Ordering::SeqCst), 300_000);
    let recorded = kitsu.requests();
    let upload = recorded
        .iter()
        .find(|r| r.path.starts_with("pictures/"))
        .unwrap();
    assert!(!upload.chunked, "never chunked");
    assert_eq!(
        upload.headers["content-length"]
            .to_str()
            .unwrap()
            .parse::<usize>()
            .unwrap(),
        upload.body_len
    );
    assert!(
        upload.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("multipart/form-data; boundary=")
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn an_upload_is_replayed_whole_after_a_token_refresh() {
    let kitsu = MockKitsu::builder()
        .demo_data()
        .access_token_lifetime(Duration::from_millis(1500))
        .start()
        .await
        .unwrap();
    let client = client_for(&kitsu, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    // Forget when the token expires (as with a server that expires it early): the client then
    // meets the expired token instead of refreshing ahead of it.
    let token = client.transport().token().get().unwrap();
    client
        .transport()
        .token()
        .set(kitsu_transport::BearerToken::new(token.expose()))
        .unwrap();
    let preview = preview(&client).await;
    let dir = temp_dir("replay");
    let file = dir.join("take.png");
    std::fs::write(&file, vec![42u8; 100_000]).unwrap();
    tokio::time::sleep(Duration::from_millis(1600)).await;
    let uploaded = client.preview_file(preview.id).upload(&file).await.unwrap();
    assert_eq!(uploaded.file_size, Some(100_000));
    assert_eq!(
        kitsu.count(
            Method::POST,
            &format!("pictures/preview-files/{}", preview.id)
        ),
        2,
        "refused, then replayed"
    );
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 1);
    assert!(
        kitsu
            .requests()
            .iter()
            .filter(|r| r.path.starts_with("pictures/"))
            .all(|r| r.body_len > 100_000)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn an_upload_answered_with_an_error_message_fails() {
    let inner = tower::service_fn(|_request: http::Request<RequestBody>| async {
        Ok::<_, Error>(
            http::Response::builder()
                .status(201)
                .body(ResponseBody::from(
                    r#"{"message":"Preview file is broken."}"#,
                ))
                .unwrap(),
        )
    });
    let client = Client::new(
        Transport::builder("http://kitsu.test/api")
            .inner_service(inner)
            .build()
            .unwrap(),
    );
    let dir = temp_dir("rejected");
    let file = dir.join("a.png");
    std::fs::write(&file, b"png").unwrap();
    let error = client
        .upload("pictures/preview-files/x", Upload::file(&file))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ApiError::UploadRejected { message, .. } if message == "Preview file is broken."),
        "{error:?}"
    );
    let error = client
        .upload("x", Upload::file(dir.join("missing.png")))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ApiError::Io { action: "read", .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("missing.png"), "{error}");
    std::fs::remove_dir_all(dir).unwrap();
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "out.png")
        .collect()
}

#[tokio::test]
async fn downloads_are_atomic() {
    let (kitsu, client) = demo().await;
    let preview = preview(&client).await;
    let dir = temp_dir("download");
    let source = dir.join("source.png");
    let content: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
    std::fs::write(&source, &content).unwrap();
    let preview = client
        .preview_file(preview.id)
        .upload(&source)
        .await
        .unwrap();
    std::fs::remove_file(&source).unwrap();
    let destination = dir.join("out.png");
    std::fs::write(&destination, b"previous content").unwrap();
    let route = format!("pictures/originals/preview-files/{}.png", preview.id);

    kitsu.faults().reset_mid_body(Method::GET, &route, 1);
    let error = client.download(&route, &destination).await.unwrap_err();
    assert!(
        matches!(error, ApiError::IncompleteDownload { .. }),
        "{error:?}"
    );
    assert_eq!(std::fs::read(&destination).unwrap(), b"previous content");
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));

    kitsu.faults().truncate_body(Method::GET, &route, 1);
    assert!(client.download(&route, &destination).await.is_err());
    assert_eq!(std::fs::read(&destination).unwrap(), b"previous content");
    assert!(leftovers(&dir).is_empty());

    let error = client
        .download(
            "pictures/originals/preview-files/00000000-0000-4000-8000-000000000000.png",
            &destination,
        )
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::RouteNotFound(_)));
    assert_eq!(
        std::fs::read(&destination).unwrap(),
        b"previous content",
        "an error body is never written"
    );

    let progress = Arc::new(AtomicU64::new(0));
    let seen = progress.clone();
    let written = client
        .download_with_progress(&route, &destination, move |done, total| {
            assert_eq!(total, 200_000);
            seen.store(done, Ordering::SeqCst);
        })
        .await
        .unwrap();
    assert_eq!(written, 200_000);
    assert_eq!(progress.load(Ordering::SeqCst), 200_000);
    assert_eq!(std::fs::read(&destination).unwrap(), content);
    assert!(leftovers(&dir).is_empty());
    assert_eq!(
        client
            .download_preview(&preview, dir.join("again.png"))
            .await
            .unwrap(),
        200_000
    );
    assert_eq!(
        client.download_bytes(&route, 1 << 20).await.unwrap(),
        content
    );
    assert!(client.download_bytes(&route, 10).await.is_err());
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_ten_thousand_wide_join_stays_within_the_in_flight_cap() {
    let now = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (gauge_now, gauge_peak) = (now.clone(), peak.clone());
    let inner = tower::service_fn(move |_request: http::Request<RequestBody>| {
        let (now, peak) = (gauge_now.clone(), gauge_peak.clone());
        async move {
            let current = now.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(current, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(5)).await;
            now.fetch_sub(1, Ordering::SeqCst);
            Ok::<_, Error>(http::Response::new(ResponseBody::from("[]")))
        }
    });
    let client = Client::new(
        Transport::builder("http://kitsu.test/api")
            .max_in_flight(16)
            .inner_service(inner)
            .build()
            .unwrap(),
    );
    let calls = (0..10_000).map(|i| {
        let client = client.clone();
        async move {
            client
                .get::<Vec<Value>>(&format!("data/shots/{i}/tasks"))
                .await
        }
    });
    let results = futures_util::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(peak.load(Ordering::SeqCst), 16);
}

#[tokio::test]
async fn concurrent_map_keeps_input_order_and_bounds_work() {
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let results = concurrent::map(0..100u64, 7, |i| {
        let (running, peak) = (running.clone(), peak.clone());
        async move {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(100 - i)).await;
            running.fetch_sub(1, Ordering::SeqCst);
            i * 2
        }
    })
    .await;
    assert_eq!(results, (0..100).map(|i| i * 2).collect::<Vec<_>>());
    assert!(peak.load(Ordering::SeqCst) <= 7);
    let failed: Result<Vec<u64>, String> = concurrent::try_map(0..10u64, 3, |i| async move {
        if i == 4 {
            Err(format!("item {i}"))
        } else {
            Ok(i)
        }
    })
    .await;
    assert_eq!(failed.unwrap_err(), "item 4");
}

/// A client whose every request is answered 200 with `chunks`, one body frame each, then a
/// read error if `then_fail`.
fn answering_in_chunks(chunks: Vec<Vec<u8>>, then_fail: bool) -> Client {
    let inner = tower::service_fn(move |_request: http::Request<RequestBody>| {
        let mut frames: Vec<Result<hyper::body::Frame<bytes::Bytes>, Error>> = chunks
            .iter()
            .map(|chunk| Ok(hyper::body::Frame::data(bytes::Bytes::from(chunk.clone()))))
            .collect();
        if then_fail {
            frames.push(Err(Error::Service("connection reset".into())));
        }
        let body = http_body_util::StreamBody::new(futures_util::stream::iter(frames));
        async move { Ok::<_, Error>(http::Response::new(ResponseBody::new(body))) }
    });
    Client::new(
        Transport::builder("http://kitsu.test/api")
            .inner_service(inner)
            .no_retry()
            .build()
            .unwrap(),
    )
}

fn chunked(text: &[u8], size: usize) -> Vec<Vec<u8>> {
    text.chunks(size).map(<[u8]>::to_vec).collect()
}

#[tokio::test]
async fn fetch_all_decodes_a_list_as_it_arrives_whatever_the_chunking() {
    let tasks: Vec<Value> = (0..2_000)
        .map(|n| {
            json!({"id": format!("00000000-0000-4000-8000-{n:012}"), "name": "main", "priority": n,
                   "description": format!("quote \" bracket ] brace }} comma , n{n}"),
                   "due_date": "2026-12-31T00:00:00", "type": "Task", "data": {"k": [n, {}]}})
        })
        .collect();
    let text = serde_json::to_vec(&tasks).unwrap();
    let expected: Vec<Task> = serde_json::from_slice(&text).unwrap();
    for size in [1, 7, 4096, text.len()] {
        let client = answering_in_chunks(chunked(&text, size), false);
        let got: Vec<Task> = client.fetch_all("data/tasks").await.unwrap();
        assert_eq!(got, expected, "chunks of {size}");
    }
    assert_eq!(expected[1999].priority, Some(1999));
    assert_eq!(expected[5].kind.as_deref(), Some("Task"));
    assert!(expected[5].other.is_empty());
    let empty: Vec<Task> = answering_in_chunks(vec![b" [ \n] ".to_vec()], false)
        .fetch_all("data/tasks")
        .await
        .unwrap();
    assert!(empty.is_empty());
}

#[tokio::test]
async fn fetch_all_names_the_element_and_field_that_is_wrong() {
    let decode_error = |error: ApiError| match error {
        ApiError::Decode {
            path, message, url, ..
        } => {
            assert_eq!(url.to_string(), "http://kitsu.test/api/data/tasks");
            (path, message)
        }
        other => panic!("{other:?}"),
    };
    let bad_field = br#"[{"id":"00000000-0000-4000-8000-00000000000a"},{"id":"00000000-0000-4000-8000-00000000000b","due_date":"soon"}]"#;
    let client = answering_in_chunks(chunked(bad_field, 5), false);
    let (path, _) = decode_error(client.fetch_all::<Task>("data/tasks").await.unwrap_err());
    assert_eq!(path, "[1].due_date");

    let cut = br#"[{"id":"00000000-0000-4000-8000-00000000000a"},{"id":"00000000-0000-4000-8000-00000000000b","na"#;
    let client = answering_in_chunks(chunked(cut, 5), false);
    let (path, message) = decode_error(client.fetch_all::<Task>("data/tasks").await.unwrap_err());
    assert_eq!(path, "[1]");
    assert!(message.contains("ended inside the list"), "{message}");

    let envelope = br#"{"data":[],"total":0}"#;
    let client = answering_in_chunks(chunked(envelope, 4), false);
    let (_, message) = decode_error(client.fetch_all::<Task>("data/tasks").await.unwrap_err());
    assert!(message.contains("expected a sequence"), "{message}");

    let trailing = br#"[{"id":"00000000-0000-4000-8000-00000000000a"}] {"#;
    let client = answering_in_chunks(chunked(trailing, 3), false);
    let (_, message) = decode_error(client.fetch_all::<Task>("data/tasks").await.unwrap_err());
    assert!(message.contains("trailing characters"), "{message}");

    let client = answering_in_chunks(Vec::new(), false);
    let (_, message) = decode_error(client.fetch_all::<Task>("data/tasks").await.unwrap_err());
    assert!(message.contains("expected a sequence"), "{message}");

    let client = answering_in_chunks(
        chunked(br#"[{"id":"00000000-0000-4000-8000-00000000000a"},{"#, 4),
        true,
    );
    let error = client.fetch_all::<Task>("data/tasks").await.unwrap_err();
    assert!(
        matches!(&error, ApiError::Transport(Error::Body { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains("connection reset"), "{error}");
}
