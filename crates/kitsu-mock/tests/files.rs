//! Files: comments with a preview, multipart uploads, ranged downloads, and a chunked upload
//! arriving empty as under gunicorn.
//!
//! The mock answers as Zou does (bodies and statuses from shared/notes/zou.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use http::{Method, Request, StatusCode};
use kitsu_mock::MockKitsu;
use kitsu_transport::RequestBody;
use serde_json::json;
use support::{admin, id, multipart};

#[tokio::test]
async fn preview_upload_and_ranged_download() {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (_, tasks) = raw.get("data/tasks").await;
    let task = id(&tasks[0]);
    let (_, statuses) = raw.get("data/task-status?short_name=wip").await;
    let (status, comment) = raw
        .json(
            Method::POST,
            &format!("actions/tasks/{task}/comment"),
            json!({"task_status_id": id(&statuses[0]), "comment": "first take"}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, preview) = raw
        .json(
            Method::POST,
            &format!("actions/tasks/{task}/comments/{}/add-preview", id(&comment)),
            json!({}),
        )
        .await;
    assert_eq!(
        (status, preview["status"].clone()),
        (StatusCode::CREATED, json!("processing"))
    );
    let preview = id(&preview);
    let png: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
    let (content_type, body) = multipart("test.png", &png);
    let (status, uploaded) = raw
        .send(
            Method::POST,
            &format!("pictures/preview-files/{preview}"),
            Some(&content_type),
            body,
            None,
        )
        .await;
    assert_eq!(status, 201, "{uploaded}");
    assert_eq!(
        (
            uploaded["status"].clone(),
            uploaded["extension"].clone(),
            uploaded["file_size"].clone()
        ),
        (json!("ready"), json!("png"), json!(5000))
    );
    assert_eq!(kitsu.preview_file_bytes(&preview).unwrap(), png);

    let url = raw
        .transport
        .url(&format!("pictures/originals/preview-files/{preview}.png"))
        .unwrap();
    let token = format!("Bearer {}", raw.token.as_ref().unwrap());
    let request = Request::get(url.clone())
        .header("authorization", &token)
        .body(RequestBody::empty())
        .unwrap();
    let response = raw.transport.send(request).await.unwrap();
    assert_eq!(response.headers()["content-length"], "5000");
    assert_eq!(response.into_body().bytes().await.unwrap(), png);
    let request = Request::get(url)
        .header("authorization", &token)
        .header("range", "bytes=100-199")
        .body(RequestBody::empty())
        .unwrap();
    let response = raw.transport.send(request).await.unwrap();
    assert_eq!(response.status(), 206);
    assert_eq!(response.headers()["content-range"], "bytes 100-199/5000");
    assert_eq!(response.into_body().bytes().await.unwrap(), png[100..200]);

    let (content_type, body) = multipart("notes.xyz", b"x");
    assert_eq!(
        raw.send(
            Method::POST,
            &format!("pictures/preview-files/{preview}"),
            Some(&content_type),
            body,
            None
        )
        .await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": true, "message": "Wrong file format, extension: xyz", "data": null})
        )
    );
}

#[tokio::test]
async fn a_chunked_upload_arrives_empty_as_under_gunicorn() {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (_, projects) = raw.get("data/projects").await;
    let (content_type, body) = multipart("thumb.png", b"\x89PNG\r\n\x1a\n0000");
    let stream = futures_util::stream::iter([Ok(body)]);
    let request = Request::post(
        raw.transport
            .url(&format!(
                "pictures/thumbnails/projects/{}",
                id(&projects[0])
            ))
            .unwrap(),
    )
    .header("content-type", content_type)
    .header(
        "authorization",
        format!("Bearer {}", raw.token.as_ref().unwrap()),
    )
    .body(RequestBody::from_stream(stream, None))
    .unwrap();
    let response = raw.transport.send(request).await.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.into_body().bytes().await.unwrap(),
        r#"{"data":null,"error":true,"message":"File not provided."}"#
    );
    assert!(kitsu.requests().last().unwrap().chunked);
}
