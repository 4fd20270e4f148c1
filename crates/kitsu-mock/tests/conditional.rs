//! Conditional GETs, as Zou answers them: an `ETag` on the project boards (`with-tasks`), a
//! project's tasks and files, and `304 Not Modified` with no body for a matching
//! `If-None-Match`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use http::{Method, Request, StatusCode};
use kitsu_mock::MockKitsu;
use kitsu_transport::RequestBody;
use serde_json::{Value, json};
use support::{Raw, admin, id};

/// GETs `path` with `If-None-Match: tag` if given: the status, the `ETag`, the body bytes.
async fn conditional(
    raw: &Raw,
    path: &str,
    tag: Option<&str>,
) -> (StatusCode, Option<String>, Vec<u8>) {
    let mut request = Request::get(raw.transport.url(path).unwrap()).header(
        "authorization",
        format!("Bearer {}", raw.token.as_ref().unwrap()),
    );
    if let Some(tag) = tag {
        request = request.header("if-none-match", tag);
    }
    let response = raw
        .transport
        .send(request.body(RequestBody::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let tag = response
        .headers()
        .get("etag")
        .map(|value| value.to_str().unwrap().to_owned());
    if tag.is_some() {
        let control = response.headers()["cache-control"].to_str().unwrap();
        assert!(control.contains("private"), "{control}");
    }
    let body = response.into_body().bytes().await.unwrap().to_vec();
    (status, tag, body)
}

#[tokio::test]
async fn a_project_board_revalidates_until_it_changes() {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (_, projects) = raw.get("data/projects").await;
    let project = id(&projects[0]);
    for path in [
        format!("data/shots/with-tasks?project_id={project}"),
        format!("data/assets/with-tasks?project_id={project}"),
        format!("data/projects/{project}/tasks"),
    ] {
        let (status, tag, body) = conditional(&raw, &path, None).await;
        assert_eq!(status, 200, "{path}");
        let tag = tag.unwrap_or_else(|| panic!("{path} has no ETag"));
        let list: Vec<Value> = serde_json::from_slice(&body).unwrap();
        assert!(!list.is_empty(), "{path}");

        let (status, again, body) = conditional(&raw, &path, Some(&tag)).await;
        assert_eq!(
            (status, again.as_deref(), body.len()),
            (StatusCode::NOT_MODIFIED, Some(tag.as_str()), 0),
            "{path}"
        );
        let (status, _, _) = conditional(&raw, &path, Some("\"another\", *")).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}: `*` matches");
        let (status, _, _) = conditional(&raw, &path, Some("\"another\"")).await;
        assert_eq!(status, 200, "{path}");
    }

    // The shots board lists each shot with its tasks; a change to a task changes its tag.
    let path = format!("data/shots/with-tasks?project_id={project}");
    let (_, tag, body) = conditional(&raw, &path, None).await;
    let shots: Vec<Value> = serde_json::from_slice(&body).unwrap();
    assert_eq!(shots.len(), 10);
    assert_eq!(shots[0]["type"], "Shot");
    assert_eq!(shots[0]["tasks"].as_array().unwrap().len(), 2);
    let task = id(&shots[0]["tasks"][0]);
    let (status, _) = raw
        .json(
            Method::PUT,
            &format!("data/tasks/{task}"),
            json!({"priority": 3}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, changed, _) = conditional(&raw, &path, tag.as_deref()).await;
    assert_eq!(status, 200);
    assert_ne!(changed, tag);

    // Across projects there is no validator, as in Zou.
    let (status, tag, _) = conditional(&raw, "data/shots/with-tasks", None).await;
    assert_eq!((status, tag), (StatusCode::OK, None));
}

#[tokio::test]
async fn a_tag_is_for_one_user() {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    kitsu.seed(|seed| {
        seed.person(
            "Ann",
            "Manager",
            "ann@example.com",
            "ann-password",
            "manager",
        );
    });
    let admin = admin(&kitsu).await;
    let mut ann = Raw::new(&kitsu);
    ann.login("ann@example.com", "ann-password").await;
    let (_, projects) = admin.get("data/projects").await;
    let path = format!("data/projects/{}/tasks", id(&projects[0]));
    let (_, admins, _) = conditional(&admin, &path, None).await;
    let (_, anns, _) = conditional(&ann, &path, None).await;
    assert_ne!(admins, anns);
    let (status, _, _) = conditional(&ann, &path, admins.as_deref()).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_file_revalidates() {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (_, previews) = raw.get("data/preview-files").await;
    let path = format!("movies/originals/preview-files/{}.mp4", id(&previews[0]));
    let (status, tag, body) = conditional(&raw, &path, None).await;
    assert_eq!((status, body.len()), (StatusCode::OK, 64 * 1024));
    let (status, _, body) = conditional(&raw, &path, tag.as_deref()).await;
    assert_eq!((status, body.len()), (StatusCode::NOT_MODIFIED, 0));
}
