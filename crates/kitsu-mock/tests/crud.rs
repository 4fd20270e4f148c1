//! Data routes: generic CRUD and its errors, shots and tasks, filters, `fields`, `relations`,
//! the pagination envelope, updates and soft deletes.
//!
//! The mock answers as Zou does (bodies and statuses from shared/notes/zou.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use bytes::Bytes;
use http::{Method, StatusCode};
use kitsu_mock::MockKitsu;
use serde_json::json;
use support::{admin, id, production, uuid_like};

#[tokio::test]
async fn crud_create_and_its_errors() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (status, project) = raw
        .json(
            Method::POST,
            "data/projects",
            json!({"name": "Test Project"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        (project["fps"].clone(), project["type"].clone()),
        (json!("25"), json!("Project"))
    );
    assert!(
        project["created_at"].as_str().unwrap().len() == 19,
        "naive timestamp: {}",
        project["created_at"]
    );
    assert_eq!(
        raw.json(
            Method::POST,
            "data/projects",
            json!({"name": "Test Project"})
        )
        .await,
        (
            StatusCode::BAD_REQUEST,
            json!({"message": "A record with the same unique values already exists."})
        )
    );
    assert_eq!(
        raw.json(
            Method::POST,
            "data/projects",
            json!({"name": "X", "bogus": 1})
        )
        .await,
        (
            StatusCode::BAD_REQUEST,
            json!({"message": "'bogus' is an invalid keyword argument for Project"})
        )
    );
    assert_eq!(
        raw.json(Method::POST, "data/task-status", json!({"name": "On Hold"}))
            .await,
        (
            StatusCode::BAD_REQUEST,
            json!({"message": "A required field is missing."})
        )
    );
    let (status, body) = raw
        .send(
            Method::POST,
            "data/projects",
            Some("text/plain"),
            Bytes::from("{}"),
            None,
        )
        .await;
    assert_eq!(status, 415);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Content-Type was not 'application/json'")
    );
    assert_eq!(
        raw.get("data/tasks/not-a-uuid").await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "message": "Malformed ID.", "data": null})
        )
    );
    assert_eq!(raw.get(&format!("data/tasks/{}", uuid_like())).await.0, 404);
    let (status, got) = raw.get(&format!("data/projects/{}", id(&project))).await;
    assert_eq!(status, 200);
    assert_eq!(
        got["team"],
        json!([]),
        "relations by default on a single GET"
    );
}

#[tokio::test]
async fn shots_tasks_and_the_pagination_envelope() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (project, shots) = production(&raw, 6).await;
    let (_, types) = raw.get("data/task-types?name=animation").await;
    let animation = id(&types[0]);
    let route = format!("actions/projects/{project}/task-types/{animation}/shots/create-tasks");
    let (status, created) = raw.json(Method::POST, &route, json!(shots[..2])).await;
    assert_eq!(
        (status, created.as_array().unwrap().len()),
        (StatusCode::CREATED, 2)
    );
    let (status, created) = raw
        .send(Method::POST, &route, None, Bytes::new(), None)
        .await;
    assert_eq!(
        (status, created.as_array().unwrap().len()),
        (StatusCode::CREATED, 4),
        "no body: every shot without one"
    );
    assert_eq!(
        raw.send(Method::POST, &route, None, Bytes::new(), None)
            .await
            .1,
        json!([])
    );
    assert_eq!(
        raw.json(Method::POST, &route, json!({"ids": []})).await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "message": "Request body must be a JSON array.", "data": null})
        )
    );

    let (_, tasks) = raw.get(&format!("data/shots/{}/tasks", shots[0])).await;
    assert_eq!(tasks[0]["task_type_name"], json!("Animation"));
    assert_eq!(tasks[0]["entity_name"], json!("SH000"));

    let (status, page) = raw.get("data/tasks?page=1&limit=4").await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            page["total"].clone(),
            page["nb_pages"].clone(),
            page["limit"].clone(),
            page["offset"].clone(),
            page["page"].clone()
        ),
        (json!(6), json!(2), json!(4), json!(0), json!(1))
    );
    assert_eq!(page["data"].as_array().unwrap().len(), 4);
    let (_, last) = raw.get("data/tasks?page=2&limit=4").await;
    assert_eq!(last["data"].as_array().unwrap().len(), 2);
    let (_, beyond) = raw.get("data/tasks?page=99").await;
    assert_eq!(
        (
            beyond["data"].clone(),
            beyond["offset"].clone(),
            beyond["nb_pages"].clone()
        ),
        (json!([]), json!(9800), json!(1))
    );
    assert_eq!(raw.get("data/tasks?page=0").await.1["offset"], json!(-100));
    assert_eq!(
        raw.get("data/tasks?page=1&limit=0").await.1["limit"],
        json!(100)
    );
    assert_eq!(
        raw.get("data/tasks?limit=2")
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        6,
        "limit without page: a bare list"
    );
    assert_eq!(
        raw.get("data/tasks?page=abc").await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "message": "page must be an integer.", "data": null})
        )
    );
    assert_eq!(
        raw.get("data/tasks?page=1&limit=abc").await.1["message"],
        json!("limit must be an integer.")
    );
    let (_, slim) = raw.get("data/tasks?fields=id,name&page=1&limit=2").await;
    let keys: Vec<_> = slim["data"][0]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert_eq!(
        raw.get(&format!("data/shots?page=1&limit=2&project_id={project}"))
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        6,
        "specialised routes ignore page"
    );
    assert_eq!(
        raw.get(&format!(
            "data/tasks?entity_id=%5B%22{}%22%2C%22{}%22%5D",
            shots[0], shots[1]
        ))
        .await
        .1
        .as_array()
        .unwrap()
        .len(),
        2
    );
    assert_eq!(raw.get("data/tasks?entity_id=nope").await.0, 400);
    assert!(raw.get("data/tasks").await.1[0].get("assignees").is_none());
    assert_eq!(
        raw.get("data/tasks?relations=true").await.1[0]["assignees"],
        json!([])
    );
}

#[tokio::test]
async fn shot_update_and_soft_delete() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (project, shots) = production(&raw, 2).await;
    let (status, updated) = raw
        .json(
            Method::PUT,
            &format!("data/shots/{}", shots[0]),
            json!({"description": "updated", "nb_frames": 96, "data": {"fps": 24}}),
        )
        .await;
    assert_eq!(
        (
            status,
            updated["type"].clone(),
            updated["nb_frames"].clone()
        ),
        (StatusCode::OK, json!("Entity"), json!(96))
    );
    let (_, full) = raw.get(&format!("data/shots/{}", shots[0])).await;
    assert_eq!(
        (full["sequence_name"].clone(), full["type"].clone()),
        (json!("SQ01"), json!("Shot"))
    );
    assert_eq!(raw.get("data/shots/not-a-uuid").await.0, 404);
    let task_type = kitsu.seed(|seed| seed.task_type("Animation"));
    let route = format!("actions/projects/{project}/task-types/{task_type}/shots/create-tasks");
    raw.json(Method::POST, &route, json!([shots[0]])).await;
    assert_eq!(
        raw.send(
            Method::DELETE,
            &format!("data/shots/{}", shots[0]),
            None,
            Bytes::new(),
            None
        )
        .await
        .0,
        204
    );
    assert_eq!(
        raw.get(&format!("data/shots/{}", shots[0])).await.1["canceled"],
        json!(true),
        "soft delete keeps a shot with tasks"
    );
    assert_eq!(
        raw.send(
            Method::DELETE,
            &format!("data/shots/{}?force=true", shots[0]),
            None,
            Bytes::new(),
            None
        )
        .await
        .0,
        204
    );
    assert_eq!(raw.get(&format!("data/shots/{}", shots[0])).await.0, 404);
    let (status, body) = raw
        .send(
            Method::DELETE,
            &format!("data/projects/{project}"),
            None,
            Bytes::new(),
            None,
        )
        .await;
    assert_eq!(
        (status, body["message"].clone()),
        (
            StatusCode::BAD_REQUEST,
            json!("Only closed projects can be deleted")
        )
    );
}
