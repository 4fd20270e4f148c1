//! Persons and the logged-in user against the fake Kitsu: lookups by email and desktop login,
//! gazu's get-or-create `new_person`, the user's to-do list, done tasks and open projects.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use kitsu_api::Client;
use kitsu_mock::{ADMIN_EMAIL, MockKitsu};
use serde_json::json;

async fn demo() -> (MockKitsu, Client) {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let client = support::admin_client(&kitsu).await;
    (kitsu, client)
}

#[tokio::test]
async fn persons_are_found_by_email_and_desktop_login_and_made_once() {
    let (_kitsu, client) = demo().await;
    let jane = client
        .persons()
        .new_person("Jane", "Doe", "jane@example.com")
        .desktop_login("jdoe")
        .role("supervisor")
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(jane.email.as_deref(), Some("jane@example.com"));
    assert_eq!(jane.role.as_deref(), Some("supervisor"));
    let again = client
        .persons()
        .new_person("Jane", "Doe", "jane@example.com")
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(again.id, jane.id);

    let by_email = client.persons().by_email("jane@example.com").await.unwrap();
    assert_eq!(by_email.map(|p| p.id), Some(jane.id));
    let by_login = client.persons().by_desktop_login("jdoe").await.unwrap();
    assert_eq!(by_login.map(|p| p.id), Some(jane.id));
    assert!(
        client
            .persons()
            .by_email("nobody@example.com")
            .await
            .unwrap()
            .is_none()
    );
    let everyone = client.persons().list().await.unwrap();
    assert!(everyone.iter().any(|p| p.id == jane.id));
    assert!(
        everyone
            .iter()
            .any(|p| p.email.as_deref() == Some(ADMIN_EMAIL))
    );
    assert_eq!(
        client.person(jane.id).get().await.unwrap().map(|p| p.id),
        Some(jane.id)
    );
}

#[tokio::test]
async fn the_users_tasks_to_do_and_done() {
    let (_kitsu, client) = demo().await;
    let me = client.me().person().await.unwrap();
    let projects = client.me().open_projects().await.unwrap();
    assert!(!projects.is_empty(), "the admin sees the open projects");

    let task = client.tasks().list().await.unwrap().remove(0);
    // Zou lists the tasks of the projects whose team the user is in.
    let project = task.project_id.expect("the task's project");
    client.project(project).add_to_team(me.id).await.unwrap();
    let _: serde_json::Value = client
        .put(
            format!("data/tasks/{}", task.id),
            &json!({ "assignees": [me.id] }),
        )
        .await
        .unwrap();
    let todo = client.me().tasks().await.unwrap();
    let mine = todo
        .iter()
        .find(|t| t.id == task.id)
        .expect("on the to-do list");
    assert_eq!(mine.project_id, task.project_id);
    assert!(
        !client
            .me()
            .done_tasks()
            .await
            .unwrap()
            .iter()
            .any(|t| t.id == task.id)
    );

    let done = client
        .task_statuses()
        .list()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.is_done == Some(true))
        .expect("a done status");
    let _: serde_json::Value = client
        .put(
            format!("data/tasks/{}", task.id),
            &json!({ "task_status_id": done.id }),
        )
        .await
        .unwrap();
    assert!(
        client
            .me()
            .done_tasks()
            .await
            .unwrap()
            .iter()
            .any(|t| t.id == task.id)
    );
    assert!(
        !client
            .me()
            .tasks()
            .await
            .unwrap()
            .iter()
            .any(|t| t.id == task.id)
    );
}
