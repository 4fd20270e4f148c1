//! Projects against the fake Kitsu: get-or-create, data merging, closing, statuses.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use kitsu_api::{ApiError, Client};
use kitsu_mock::MockKitsu;
use serde_json::json;

async fn client() -> (MockKitsu, Client) {
    let kitsu = MockKitsu::builder().start().await.unwrap();
    let client = support::admin_client(&kitsu).await;
    (kitsu, client)
}

#[tokio::test]
async fn new_project_creates_and_get_or_create_finds_it_again() {
    let (_kitsu, client) = client().await;
    let created = client
        .projects()
        .new_project("Agent 327")
        .production_type("tvshow")
        .field("fps", "24")
        .await
        .unwrap();
    assert_eq!(created.production_type.as_deref(), Some("tvshow"));
    assert_eq!(created.production_style.as_deref(), Some("2d3d"));
    assert_eq!(created.fps.as_deref(), Some("24"));
    let again = client
        .projects()
        .new_project("Agent 327")
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(again.id, created.id);
    let other = client
        .projects()
        .new_project("Spring")
        .get_or_create()
        .await
        .unwrap();
    assert_ne!(other.id, created.id);
    let names: Vec<String> = client
        .projects()
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|project| project.name)
        .collect();
    assert_eq!(names, ["Agent 327", "Spring"]);
}

#[tokio::test]
async fn update_data_merges_into_what_is_there() {
    let (_kitsu, client) = client().await;
    let project = client
        .projects()
        .new_project("Merge")
        .field("data", json!({ "keep": 1, "change": "old" }))
        .await
        .unwrap();
    let handle = client.project(project.id);
    let updated = handle
        .update_data(json!({ "change": "new", "add": true }))
        .await
        .unwrap();
    assert_eq!(
        updated.data,
        Some(json!({ "keep": 1, "change": "new", "add": true }))
    );
    assert_eq!(handle.get().await.unwrap().data, updated.data);
    let error = handle.update_data(json!([1, 2])).await.unwrap_err();
    assert!(matches!(error, ApiError::InvalidInput { .. }), "{error}");
}

#[tokio::test]
async fn close_sets_the_closed_status_and_statuses_are_found_by_name() {
    let (_kitsu, client) = client().await;
    let statuses = client.project_statuses().all().await.unwrap();
    let names: Vec<&str> = statuses.iter().map(|status| status.name.as_str()).collect();
    assert_eq!(names, ["Closed", "Open"]);
    let closed = client
        .project_statuses()
        .by_name("Closed")
        .await
        .unwrap()
        .expect("a Closed status");
    let project = client.projects().new_project("Done").await.unwrap();
    let after = client.project(project.id).close().await.unwrap();
    assert_eq!(after.project_status_id, Some(closed.id));
    assert!(client.projects().open().await.unwrap().is_empty());
    assert!(
        client
            .project_statuses()
            .by_name("Paused")
            .await
            .unwrap()
            .is_none()
    );
}
