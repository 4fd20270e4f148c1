//! Every path a helper builds is a declared route: each handle's calls run against the fake
//! Kitsu, and every request it recorded must fit a declaration of `kitsu_core::routes`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use kitsu_api::models::{PreviewFile, Task};
use kitsu_api::{Client, Query, routes};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu, RecordedRequest};
use kitsu_session::{Credentials, Session};
use kitsu_transport::Transport;
use serde_json::json;

/// The recorded requests that fit no declared route, as `METHOD path`.
fn undeclared(requests: &[RecordedRequest]) -> Vec<String> {
    requests
        .iter()
        .filter(|request| routes::find(&request.method, &request.path).is_none())
        .map(|request| format!("{} {}", request.method, request.path))
        .collect()
}

/// Runs every handle call once.
async fn every_helper(client: &Client) {
    let projects = client.projects();
    let project = projects.open().await.unwrap().remove(0);
    projects.by_name(&project.name).await.unwrap().unwrap();
    projects.list().await.unwrap();
    let handle = client.project(project.id);
    handle.get().await.unwrap();
    handle
        .update(&json!({"description": "checked"}))
        .await
        .unwrap();
    let sequence = handle.new_sequence("SQ_ROUTES").await.unwrap();
    handle.sequences().await.unwrap();
    let shot = handle
        .new_shot(sequence.id, "SH_ROUTES")
        .nb_frames(12)
        .await
        .unwrap();
    handle.shots().await.unwrap();
    let asset_type = client.asset_types().list().await.unwrap().remove(0);
    handle
        .new_asset(asset_type.id, "Routes")
        .description("a route check")
        .await
        .unwrap();
    handle.assets().await.unwrap();
    let animation = client
        .task_types()
        .by_name("Animation")
        .await
        .unwrap()
        .unwrap();
    handle.add_task_type(animation.id).await.unwrap();
    let tasks: Vec<Task> = handle
        .create_shot_tasks(animation.id)
        .only([shot.id])
        .await
        .unwrap();
    handle.create_shot_tasks(animation.id).await.unwrap();

    let shot = client.shot(shot.id);
    shot.get().await.unwrap();
    shot.tasks().await.unwrap();
    shot.update(&json!({"nb_frames": 24})).await.unwrap();

    let wip = client
        .task_statuses()
        .by_short_name("wip")
        .await
        .unwrap()
        .unwrap();
    let task = client.task(tasks[0].id);
    task.get().await.unwrap();
    task.update(&json!({"priority": 2})).await.unwrap();
    let comment = task.comment(wip.id, "routes").await.unwrap();
    let preview = task.add_preview(comment.id).await.unwrap();
    let directory = std::env::temp_dir().join(format!("kitsu-routes-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let picture = directory.join("take.png");
    std::fs::write(&picture, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    let uploaded: PreviewFile = client
        .preview_file(preview.id)
        .upload(&picture)
        .await
        .unwrap();
    client.preview_file(preview.id).get().await.unwrap();
    client
        .download_preview(&uploaded, directory.join("copy.png"))
        .await
        .unwrap();
    handle.upload_thumbnail(&picture).await.unwrap();
    std::fs::remove_dir_all(&directory).unwrap();

    client.me().person().await.unwrap();
    client.persons().list().await.unwrap();
    client
        .collection::<Task>()
        .list_with(&Query::new().param("project_id", project.id))
        .await
        .unwrap();
    shot.delete().await.unwrap();
    handle.delete_forever().await.unwrap();
}

/// A fake Kitsu with demo data, and an admin's session and client on it.
async fn logged_in() -> (MockKitsu, Session, Client) {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let transport = Transport::new(kitsu.base_url()).unwrap();
    let session = Session::log_in(transport, Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD))
        .await
        .unwrap();
    let client = Client::new(session.transport().clone());
    (kitsu, session, client)
}

#[tokio::test]
async fn every_path_a_helper_builds_is_declared() {
    let (kitsu, session, client) = logged_in().await;
    every_helper(&client).await;
    session.close().await.unwrap();

    let requests = kitsu.requests();
    let used: BTreeSet<&str> = requests
        .iter()
        .filter_map(|request| routes::find(&request.method, &request.path))
        .map(|route| route.name)
        .collect();
    assert!(requests.len() > 30, "the helpers ran: {}", requests.len());
    assert_eq!(undeclared(&requests), Vec::<String>::new());
    for name in [
        "login",
        "logout",
        "open_projects",
        "project_shots",
        "new_asset",
        "create_shot_tasks",
        "comment_add_preview",
        "preview_original_picture",
        "project_thumbnail_upload",
        "collection",
        "collection_item",
    ] {
        assert!(used.contains(name), "{name} was not used: {used:?}");
    }
}

#[tokio::test]
async fn a_path_built_by_hand_is_caught() {
    let (kitsu, session, client) = logged_in().await;
    let project = client.projects().open().await.unwrap().remove(0);
    let _ = client
        .get::<serde_json::Value>(format!("data/projects/{}/shots-by-hand", project.id))
        .await;
    session.close().await.unwrap();
    assert_eq!(
        undeclared(&kitsu.requests()),
        vec![format!("GET data/projects/{}/shots-by-hand", project.id)]
    );
}
