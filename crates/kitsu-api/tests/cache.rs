//! The opt-in cache against the fake Kitsu: the memo and its time to live, identities,
//! conditional GETs, eviction by events and by writes, and what is never kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::Method;
use kitsu_api::models::{Project, Shot, TaskType};
use kitsu_api::{ApiError, Cache, CacheConfig, CacheStats, Client};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use kitsu_session::{Credentials, Session};
use kitsu_transport::{BearerToken, Transport};
use serde_json::{Value, json};

const TTL: Duration = Duration::from_secs(60);

async fn log_in(kitsu: &MockKitsu, email: &str, password: &str) -> Session {
    let transport = Transport::builder(kitsu.base_url()).build().unwrap();
    Session::log_in(transport, Credentials::new(email, password))
        .await
        .unwrap()
}

/// The demo production, and the admin's client with `cache`.
async fn demo(cache: &Cache) -> (MockKitsu, Client, Session) {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let session = log_in(&kitsu, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let client = Client::new(session.transport().clone()).with_cache(cache.clone());
    (kitsu, client, session)
}

fn stats(hits: u64, misses: u64, revalidations: u64, evictions: u64, cache: &Cache) -> CacheStats {
    let now = cache.stats();
    let mut expected = now;
    (
        expected.hits,
        expected.misses,
        expected.revalidations,
        expected.evictions,
    ) = (hits, misses, revalidations, evictions);
    expected
}

fn ttl_cache() -> Cache {
    Cache::new(CacheConfig::default().ttl(TTL))
}

/// The `If-None-Match` of every GET of `path` the server received, in order.
fn validators(kitsu: &MockKitsu, path: &str) -> Vec<Option<String>> {
    kitsu
        .requests()
        .into_iter()
        .filter(|r| r.method == Method::GET && r.path == path)
        .map(|r| {
            r.headers
                .get("if-none-match")
                .map(|v| v.to_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test(start_paused = true)]
async fn reference_data_is_served_from_memory_until_its_ttl() {
    let cache = ttl_cache();
    let (kitsu, client, _session) = demo(&cache).await;
    let first = client.task_types().list().await.unwrap();
    tokio::time::advance(TTL - Duration::from_secs(1)).await;
    let second = client.task_types().list().await.unwrap();
    assert_eq!(first, second);
    assert_eq!(kitsu.count(Method::GET, "data/task-types"), 1);
    assert_eq!(cache.stats(), stats(1, 1, 0, 0, &cache));
    assert_eq!(cache.stats().entries, 1);

    tokio::time::advance(Duration::from_secs(2)).await;
    client.task_types().list().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "data/task-types"), 2);
    assert_eq!(cache.stats(), stats(1, 2, 0, 0, &cache));
    // Replaced, not added.
    assert_eq!(cache.stats().entries, 1);
}

#[tokio::test]
async fn each_url_and_query_is_its_own_entry_and_other_routes_are_not_memoised() {
    let cache = ttl_cache();
    let (kitsu, client, _session) = demo(&cache).await;
    let animation = client
        .task_types()
        .by_name("Animation")
        .await
        .unwrap()
        .unwrap();
    let compositing = client
        .task_types()
        .by_name("Compositing")
        .await
        .unwrap()
        .unwrap();
    assert_ne!(animation.id, compositing.id);
    client.task_types().by_name("Animation").await.unwrap();
    client.task_types().get(animation.id).await.unwrap();
    client.task_types().get(animation.id).await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "data/task-types"), 2);
    assert_eq!(cache.stats(), stats(2, 3, 0, 0, &cache));

    // A project's shots change all day: asked for every time.
    let project = client.projects().list().await.unwrap()[0].id;
    client.project(project).shots().await.unwrap();
    client.project(project).shots().await.unwrap();
    assert_eq!(
        kitsu.count(Method::GET, &format!("data/projects/{project}/shots")),
        2
    );
}

#[tokio::test]
async fn without_a_cache_every_get_goes_to_the_server() {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let session = log_in(&kitsu, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let client = Client::new(session.transport().clone());
    assert!(client.cache().is_none());
    client.task_types().list().await.unwrap();
    client.task_types().list().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "data/task-types"), 2);
}

#[tokio::test]
async fn two_users_sharing_a_cache_never_see_each_others_answers() {
    let cache = ttl_cache();
    let (kitsu, admin, _session) = demo(&cache).await;
    kitsu.seed(|seed| {
        seed.person("Ann", "Artist", "ann@example.com", "ann-password", "user");
    });
    let ann_session = log_in(&kitsu, "ann@example.com", "ann-password").await;
    let ann = Client::new(ann_session.transport().clone()).with_cache(cache.clone());

    // The admin sees the demo project; Ann, an artist in no team, sees none.
    assert_eq!(admin.projects().list().await.unwrap().len(), 1);
    assert!(ann.projects().list().await.unwrap().is_empty());
    assert_eq!(admin.projects().list().await.unwrap().len(), 1);
    assert!(ann.projects().list().await.unwrap().is_empty());
    assert_eq!(kitsu.count(Method::GET, "data/projects"), 2);
    assert_eq!(cache.stats(), stats(2, 2, 0, 0, &cache));
    assert_eq!(cache.stats().entries, 2);
}

#[tokio::test]
async fn a_refreshed_token_keeps_its_identity() {
    let cache = ttl_cache();
    let (kitsu, client, session) = demo(&cache).await;
    client.task_types().list().await.unwrap();
    session.refresh().await.unwrap();
    // The new token is not vouched for yet: one trip to the server, then from memory; the
    // answer replaces the first user's entry (same identity) rather than adding one.
    client.task_types().list().await.unwrap();
    client.task_types().list().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "data/task-types"), 2);
    assert_eq!(cache.stats(), stats(1, 2, 0, 0, &cache));
    assert_eq!(cache.stats().entries, 1);
}

#[tokio::test]
async fn a_forged_token_naming_someone_else_gets_nothing_from_memory() {
    let cache = ttl_cache();
    let (kitsu, client, session) = demo(&cache).await;
    client.task_types().list().await.unwrap();
    client.task_types().list().await.unwrap();
    assert_eq!(cache.stats().hits, 1);

    // The admin's claims, another signature: the same identity to the cache, refused by the
    // server.
    let access = session.tokens().access.unwrap();
    let mut parts = access.expose().split('.');
    let (header, payload) = (parts.next().unwrap(), parts.next().unwrap());
    let forged = format!("{header}.{payload}.{}", URL_SAFE_NO_PAD.encode("forged"));
    let intruder = Client::new(
        Transport::builder(kitsu.base_url())
            .bearer_token(BearerToken::new(forged))
            .build()
            .unwrap(),
    )
    .with_cache(cache.clone());
    let refused = intruder.task_types().list().await.unwrap_err();
    assert!(matches!(refused, ApiError::Validation(_)), "{refused:?}");
    assert_eq!(cache.stats().hits, 1);
    // The refusal took the admin's entry away (an error for its URL), and nothing else.
    client.task_types().list().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "data/task-types"), 3);
}

#[tokio::test]
async fn errors_are_never_kept() {
    let cache = ttl_cache();
    let (kitsu, client, _session) = demo(&cache).await;
    kitsu
        .faults()
        .statuses(Method::GET, "data/task-status", [500]);
    assert!(client.task_statuses().list().await.is_err());
    client.task_statuses().list().await.unwrap();
    client.task_statuses().list().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "data/task-status"), 2);

    let missing = "data/task-types/00000000-0000-4000-8000-000000000000";
    for _ in 0..2 {
        let error = client.get::<Value>(missing).await.unwrap_err();
        assert!(matches!(error, ApiError::RouteNotFound(_)), "{error:?}");
    }
    assert_eq!(kitsu.count(Method::GET, missing), 2);
    assert_eq!(cache.stats(), stats(1, 4, 0, 0, &cache));
}

#[tokio::test]
async fn a_project_board_is_revalidated_and_served_on_304() {
    let cache = ttl_cache();
    let (kitsu, client, session) = demo(&cache).await;
    let project = client.projects().list().await.unwrap()[0].id;
    let board = format!("data/shots/with-tasks?project_id={project}");
    let first: Vec<Shot> = client.fetch_all(&board).await.unwrap();
    let second: Vec<Shot> = client.fetch_all(&board).await.unwrap();
    let third: Vec<Value> = client.get(&board).await.unwrap();
    assert_eq!(first.len(), 10);
    assert_eq!(first, second);
    assert_eq!(third.len(), 10);
    assert_eq!(third[0]["tasks"].as_array().unwrap().len(), 2);
    let sent = validators(&kitsu, "data/shots/with-tasks");
    assert_eq!(sent.len(), 3, "a board is always asked for again");
    assert!(sent[0].is_none());
    assert!(sent[1].is_some() && sent[1] == sent[2]);
    assert_eq!(cache.stats(), stats(0, 2, 2, 0, &cache));

    // Someone else changes a task: the next read is a miss with the new answer.
    let other = Client::new(session.transport().clone());
    let task = third[0]["tasks"][0]["id"].as_str().unwrap().to_owned();
    let _: Value = other
        .put(format!("data/tasks/{task}"), &json!({"priority": 5}))
        .await
        .unwrap();
    let changed: Vec<Value> = client.get(&board).await.unwrap();
    assert_eq!(changed[0]["tasks"][0]["priority"], 5);
    assert_eq!(cache.stats(), stats(0, 3, 2, 0, &cache));

    // The project's tasks too.
    let tasks = format!("data/projects/{project}/tasks");
    let once: Vec<Value> = client.get(&tasks).await.unwrap();
    let twice: Vec<Value> = client.get(&tasks).await.unwrap();
    assert_eq!(once, twice);
    assert_eq!(cache.stats().revalidations, 3);
}

#[tokio::test]
async fn a_preview_download_is_revalidated() {
    let cache = ttl_cache();
    let (kitsu, client, _session) = demo(&cache).await;
    let previews: Vec<Value> = client.get("data/preview-files").await.unwrap();
    let path = format!(
        "movies/originals/preview-files/{}.mp4",
        previews[0]["id"].as_str().unwrap()
    );
    let first = client.download_bytes(&path, 1 << 20).await.unwrap();
    let dir = std::env::temp_dir().join(format!("kitsu-cache-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let written = client.download(&path, dir.join("copy.mp4")).await.unwrap();
    assert_eq!(written, first.len() as u64);
    assert_eq!(std::fs::read(dir.join("copy.mp4")).unwrap(), first);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(first.len(), 64 * 1024);
    assert_eq!(cache.stats().revalidations, 1);
    assert_eq!(validators(&kitsu, &path[..path.len()]).len(), 2);
}

#[tokio::test]
async fn a_body_over_the_entry_limit_passes_through_unkept() {
    let cache = Cache::new(CacheConfig::default().max_entry_bytes(1024));
    let (kitsu, client, _session) = demo(&cache).await;
    let previews: Vec<Value> = client.get("data/preview-files").await.unwrap();
    let path = format!(
        "movies/originals/preview-files/{}.mp4",
        previews[0]["id"].as_str().unwrap()
    );
    for _ in 0..2 {
        assert_eq!(
            client.download_bytes(&path, 1 << 20).await.unwrap().len(),
            64 * 1024
        );
    }
    assert_eq!(validators(&kitsu, &path), vec![None, None]);
    assert_eq!(cache.stats().revalidations, 0);
}

#[tokio::test]
async fn events_evict_what_they_make_stale_and_nothing_else() {
    let cache = ttl_cache();
    let (kitsu, client, _session) = demo(&cache).await;
    client.task_types().list().await.unwrap();
    client.projects().list().await.unwrap();
    client.projects().open().await.unwrap();

    assert_eq!(cache.on_event("task:update", &json!({"task_id": "x"})), 0);
    assert_eq!(cache.on_event("comment:new", &json!({})), 0);
    assert_eq!(
        cache.on_event("task_type:update", &json!({"task_type_id": "x"})),
        1
    );
    assert_eq!(
        cache.on_event("project:update", &json!({"project_id": "x"})),
        2
    );
    assert_eq!(cache.on_event("project:update", &json!({})), 0);
    assert_eq!(cache.stats().evictions, 3);
    assert_eq!(cache.stats().entries, 0);

    client.task_types().list().await.unwrap();
    client.projects().list().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "data/task-types"), 2);
    assert_eq!(kitsu.count(Method::GET, "data/projects"), 2);

    assert_eq!(cache.clear(), 2);
    assert_eq!(cache.stats().evictions, 5);
}

#[tokio::test]
async fn a_write_through_the_client_evicts_its_collection() {
    let cache = ttl_cache();
    let (kitsu, client, _session) = demo(&cache).await;
    let before = client.task_types().list().await.unwrap();
    client.projects().list().await.unwrap();
    let created: TaskType = client
        .post(
            "data/task-types",
            &json!({"name": "Cache Grooming", "for_entity": "Shot"}),
        )
        .await
        .unwrap();
    let after = client.task_types().list().await.unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|t| t.id == created.id));
    // Projects were not touched.
    client.projects().list().await.unwrap();
    assert_eq!(kitsu.count(Method::GET, "data/projects"), 1);

    let project: Project = client
        .put(
            format!(
                "data/projects/{}",
                client.projects().list().await.unwrap()[0].id
            ),
            &json!({"name": "Renamed"}),
        )
        .await
        .unwrap();
    assert_eq!(client.projects().list().await.unwrap()[0].name, "Renamed");
    assert_eq!(project.name, "Renamed");
    client.task_types().delete(created.id).await.unwrap();
    assert_eq!(
        client.task_types().list().await.unwrap().len(),
        before.len()
    );
    assert_eq!(cache.stats().evictions, 3);
}

#[tokio::test]
async fn a_refusal_ends_a_kept_answer_and_a_server_failure_does_not() {
    let cache = ttl_cache();
    let (kitsu, client, _session) = demo(&cache).await;
    let project = client.projects().list().await.unwrap()[0].id;
    let tasks = format!("data/projects/{project}/tasks");
    client.get::<Value>(&tasks).await.unwrap();
    kitsu.faults().statuses(Method::GET, &tasks, [500, 404]);
    assert!(client.get::<Value>(&tasks).await.is_err());
    assert_eq!(cache.stats().entries, 2, "a 500 keeps the entry");
    assert!(client.get::<Value>(&tasks).await.is_err());
    assert_eq!(cache.stats().entries, 1, "a 404 ends it");
    client.get::<Value>(&tasks).await.unwrap();
    let sent = validators(&kitsu, &tasks);
    assert_eq!(sent.len(), 4);
    assert!(sent[0].is_none() && sent[3].is_none());
    assert!(sent[1].is_some() && sent[1] == sent[2]);
    assert_eq!(cache.stats(), stats(0, 5, 0, 1, &cache));
}
