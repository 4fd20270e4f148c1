//! The mock answers as Zou does (bodies and statuses from shared/notes/zou.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use kitsu_transport::{RequestBody, Transport};
use serde_json::{Value, json};

/// A raw client: every header explicit, no retries, no refresh.
struct Raw {
    transport: Transport,
    token: Option<String>,
}

impl Raw {
    fn new(kitsu: &MockKitsu) -> Raw {
        Raw {
            transport: Transport::builder(kitsu.base_url())
                .no_retry()
                .build()
                .unwrap(),
            token: None,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Bytes,
        auth: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(method)
            .uri(self.transport.url(path).unwrap());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        if let Some(auth) = auth
            .map(str::to_owned)
            .or_else(|| self.token.as_ref().map(|t| format!("Bearer {t}")))
        {
            request = request.header("authorization", auth);
        }
        let response = self
            .transport
            .send(request.body(RequestBody::from(body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().bytes().await.unwrap();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        (status, value)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None, Bytes::new(), None).await
    }

    async fn get_with(&self, path: &str, auth: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None, Bytes::new(), Some(auth))
            .await
    }

    async fn json(&self, method: Method, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(
            method,
            path,
            Some("application/json"),
            Bytes::from(body.to_string()),
            None,
        )
        .await
    }

    async fn login(&mut self, email: &str, password: &str) -> Value {
        let (status, body) = self
            .json(
                Method::POST,
                "auth/login",
                json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        self.token = Some(body["access_token"].as_str().unwrap().to_owned());
        body
    }
}

async fn admin(kitsu: &MockKitsu) -> Raw {
    let mut raw = Raw::new(kitsu);
    raw.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    raw
}

fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn public_routes_and_routing_errors() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = Raw::new(&kitsu);
    assert_eq!(
        raw.get("").await,
        (StatusCode::OK, json!({"api": "Zou", "version": "1.0.97"}))
    );
    let (status, body) = raw.get("status").await;
    assert_eq!(
        (status, body["database-up"].clone()),
        (StatusCode::OK, json!(true))
    );
    let (status, body) = raw.get("data/nothing-here").await;
    assert_eq!(status, 404);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("404 Not Found")
    );
    let (status, body) = raw.json(Method::POST, "data/shots", json!({})).await;
    assert_eq!(
        (status, body["message"].clone()),
        (
            StatusCode::METHOD_NOT_ALLOWED,
            json!("The method is not allowed for the requested URL.")
        )
    );
}

#[tokio::test]
async fn token_answers_match_flask_jwt_extended() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = Raw::new(&kitsu);
    let (status, body) = raw.get("data/projects").await;
    assert_eq!(status, 401);
    assert!(
        body["msg"]
            .as_str()
            .unwrap()
            .contains("Missing Authorization Header")
    );
    let (status, body) = raw.get_with("data/projects", "Token abc").await;
    assert_eq!(status, 401);
    assert!(
        body["msg"]
            .as_str()
            .unwrap()
            .contains("Missing 'Bearer' type")
    );
    assert_eq!(
        raw.get_with("data/projects", "Bearer ").await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'"})
        )
    );
    assert_eq!(
        raw.get_with("data/projects", "Bearer garbage").await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Not enough segments"})
        )
    );
    assert_eq!(
        raw.get_with("data/projects", "Bearer a.b.c").await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Signature verification failed"})
        )
    );
}

#[tokio::test]
async fn login_failures_carry_zous_bodies_and_lock_after_five() {
    let kitsu = MockKitsu::builder()
        .lockout(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let raw = Raw::new(&kitsu);
    let wrong = json!({"login": false, "message": "Wrong email or password."});
    assert_eq!(
        raw.json(
            Method::POST,
            "auth/login",
            json!({"email": "nobody@example.com", "password": "x"})
        )
        .await,
        (StatusCode::BAD_REQUEST, wrong.clone())
    );
    let (status, body) = raw.json(Method::POST, "auth/login", json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(
        body["data"]["errors"][0],
        json!({"field": "email", "message": "Field required"})
    );
    for _ in 0..5 {
        assert_eq!(
            raw.json(
                Method::POST,
                "auth/login",
                json!({"email": ADMIN_EMAIL, "password": "bad"})
            )
            .await,
            (StatusCode::BAD_REQUEST, wrong.clone())
        );
    }
    let (status, body) = raw
        .json(
            Method::POST,
            "auth/login",
            json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(status, 400, "locked even with the right password");
    assert_eq!(body["too_many_failed_login_attemps"], json!(true));
    tokio::time::sleep(Duration::from_millis(350)).await;
    let form = Bytes::from(format!(
        "email={}&password={}",
        ADMIN_EMAIL.replace('@', "%40"),
        ADMIN_PASSWORD
    ));
    let (status, body) = raw
        .send(
            Method::POST,
            "auth/login",
            Some("application/x-www-form-urlencoded"),
            form,
            None,
        )
        .await;
    assert_eq!(status, 200, "form-encoded login after the lockout: {body}");
    assert_eq!(body["login"], json!(true));
    assert_eq!(body["user"]["email"], json!(ADMIN_EMAIL));
    assert!(body["user"].get("password").is_none());
    assert_eq!(body["organisation"]["type"], json!("Organisation"));
}

#[tokio::test]
async fn inactive_and_default_password_users() {
    let kitsu = MockKitsu::builder()
        .seed(|seed| {
            let gone = seed.person("Gone", "Away", "gone@example.com", "password1", "user");
            seed.deactivate(&gone);
            seed.person("New", "Hire", "new@example.com", "default", "user");
        })
        .start()
        .await
        .unwrap();
    let raw = Raw::new(&kitsu);
    let (status, body) = raw
        .json(
            Method::POST,
            "auth/login",
            json!({"email": "gone@example.com", "password": "password1"}),
        )
        .await;
    assert_eq!(
        (status, body["unactive"].clone()),
        (StatusCode::UNAUTHORIZED, json!(true))
    );
    let (status, body) = raw
        .json(
            Method::POST,
            "auth/login",
            json!({"email": "new@example.com", "password": "default"}),
        )
        .await;
    assert_eq!(
        (status, body["default_password"].clone()),
        (StatusCode::BAD_REQUEST, json!(true))
    );
}

#[tokio::test]
async fn refresh_logout_and_expiry() {
    let kitsu = MockKitsu::builder()
        .access_token_lifetime(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    let mut raw = Raw::new(&kitsu);
    let login = raw.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let access = format!("Bearer {}", login["access_token"].as_str().unwrap());
    let refresh = format!("Bearer {}", login["refresh_token"].as_str().unwrap());
    assert_eq!(raw.get("data/projects").await.0, 200);
    assert_eq!(
        raw.get_with("auth/refresh-token", &access).await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Only refresh tokens are allowed"})
        )
    );
    assert_eq!(
        raw.get_with("data/projects", &refresh).await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"msg": "Only non-refresh tokens are allowed"})
        )
    );
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(
        raw.get("data/projects").await,
        (
            StatusCode::UNAUTHORIZED,
            json!({"error": true, "message": "Signature has expired"})
        )
    );
    let (status, body) = raw.get_with("auth/refresh-token", &refresh).await;
    assert_eq!(status, 200);
    let fresh = format!("Bearer {}", body["access_token"].as_str().unwrap());
    assert_eq!(raw.get_with("data/projects", &fresh).await.0, 200);
    assert_eq!(
        raw.get_with("auth/logout", &fresh).await,
        (StatusCode::OK, json!({"logout": true}))
    );
    let revoked = (
        StatusCode::UNAUTHORIZED,
        json!({"msg": "Token has been revoked"}),
    );
    assert_eq!(raw.get_with("data/projects", &fresh).await, revoked);
    assert_eq!(raw.get_with("auth/refresh-token", &refresh).await, revoked);
    assert_eq!(kitsu.count(Method::GET, "auth/refresh-token"), 3);
}

#[tokio::test]
async fn expiry_can_answer_422_and_be_forced() {
    let kitsu = MockKitsu::builder()
        .expired_token_status(StatusCode::UNPROCESSABLE_ENTITY)
        .start()
        .await
        .unwrap();
    let raw = admin(&kitsu).await;
    assert_eq!(
        raw.get("auth/authenticated").await.1["authenticated"],
        json!(true)
    );
    kitsu.expire_all_tokens();
    assert_eq!(
        raw.get("data/projects").await,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"message": "Signature has expired"})
        )
    );
}

#[tokio::test]
async fn bot_tokens_never_expire_and_cannot_log_out() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    let (status, bot) = raw
        .json(
            Method::POST,
            "data/persons",
            json!({"first_name": "ci-bot", "last_name": "", "is_bot": true, "role": "admin"}),
        )
        .await;
    assert_eq!(status, 201);
    let token = format!("Bearer {}", bot["access_token"].as_str().unwrap());
    kitsu.expire_all_tokens();
    assert_eq!(raw.get_with("data/projects", &token).await.0, 200);
    assert_eq!(raw.get_with("auth/logout", &token).await.0, 403);
}

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

fn uuid_like() -> &'static str {
    "00000000-0000-4000-8000-000000000000"
}

/// A project with one sequence of `shots` shots, and an Animation task on each.
async fn production(raw: &Raw, shots: usize) -> (String, Vec<String>) {
    let (_, project) = raw
        .json(Method::POST, "data/projects", json!({"name": "Prod"}))
        .await;
    let project = id(&project);
    let (status, sequence) = raw
        .json(
            Method::POST,
            &format!("data/projects/{project}/sequences"),
            json!({"name": "SQ01"}),
        )
        .await;
    assert_eq!(
        (status, sequence["type"].clone()),
        (StatusCode::CREATED, json!("Sequence"))
    );
    let mut ids = Vec::new();
    for n in 0..shots {
        let (status, shot) = raw
            .json(
                Method::POST,
                &format!("data/projects/{project}/shots"),
                json!({"name": format!("SH{n:03}"), "sequence_id": id(&sequence), "nb_frames": 48}),
            )
            .await;
        assert_eq!(status, 201);
        assert_eq!(shot["parent_id"], json!(id(&sequence)));
        ids.push(id(&shot));
    }
    (project, ids)
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

fn multipart(filename: &str, content: &[u8]) -> (String, Bytes) {
    let boundary = "kitsu-test-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (
        format!("multipart/form-data; boundary={boundary}"),
        Bytes::from(body),
    )
}

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

#[tokio::test]
async fn artists_are_refused_writes_and_see_only_their_work() {
    let kitsu = MockKitsu::builder()
        .demo_data()
        .seed(|seed| {
            seed.person("Ann", "Artist", "ann@example.com", "password1", "user");
        })
        .start()
        .await
        .unwrap();
    let mut raw = Raw::new(&kitsu);
    raw.login("ann@example.com", "password1").await;
    assert_eq!(raw.get("data/tasks").await, (StatusCode::OK, json!([])));
    let (status, body) = raw
        .json(Method::POST, "data/projects", json!({"name": "Mine"}))
        .await;
    assert_eq!(status, 403);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("You don't have the permission")
    );
}

#[tokio::test]
async fn faults_and_recording() {
    let kitsu = MockKitsu::start().await.unwrap();
    let raw = admin(&kitsu).await;
    kitsu
        .faults()
        .statuses(Method::GET, "data/projects", [503, 502]);
    kitsu
        .faults()
        .retry_after(Method::GET, "data/persons", 429, 3, 1);
    assert_eq!(raw.get("data/projects").await.0, 503);
    assert_eq!(raw.get("data/projects").await.0, 502);
    assert_eq!(raw.get("data/projects").await.0, 200);
    let request = Request::get(raw.transport.url("data/persons").unwrap())
        .header(
            "authorization",
            format!("Bearer {}", raw.token.as_ref().unwrap()),
        )
        .body(RequestBody::empty())
        .unwrap();
    let response = raw.transport.send(request).await.unwrap();
    assert_eq!(
        (
            response.status().as_u16(),
            response.headers()["retry-after"].to_str().unwrap()
        ),
        (429, "3")
    );
    assert_eq!(kitsu.count(Method::GET, "data/projects"), 3);

    kitsu
        .faults()
        .latency("data/task-types", Duration::from_millis(150));
    let started = std::time::Instant::now();
    raw.get("data/task-types").await;
    assert!(started.elapsed() >= Duration::from_millis(150));

    for fault in ["reset", "truncate"] {
        if fault == "reset" {
            kitsu
                .faults()
                .reset_mid_body(Method::GET, "data/task-status", 1);
        } else {
            kitsu
                .faults()
                .truncate_body(Method::GET, "data/task-status", 1);
        }
        let request = Request::get(raw.transport.url("data/task-status").unwrap())
            .header(
                "authorization",
                format!("Bearer {}", raw.token.as_ref().unwrap()),
            )
            .body(RequestBody::empty())
            .unwrap();
        let response = raw.transport.send(request).await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(
            response.into_body().bytes().await.is_err(),
            "{fault}: the body must fail"
        );
    }
    assert_eq!(
        raw.get("data/task-status").await.0,
        200,
        "faults are used up"
    );
    let recorded = kitsu.requests();
    assert!(recorded.iter().all(|r| !r.path.starts_with('/')));
    assert_eq!(recorded[0].path, "auth/login");
}

#[tokio::test]
async fn the_server_stops_when_dropped_and_serves_a_bare_zou_prefix() {
    let kitsu = MockKitsu::builder().api_prefix("").start().await.unwrap();
    let base = kitsu.base_url();
    assert!(!base.ends_with("/api"));
    let raw = Raw::new(&kitsu);
    assert_eq!(raw.get("").await.0, 200);
    drop(kitsu);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let transport = Transport::builder(base).no_retry().build().unwrap();
    let error = transport
        .send(Request::get("/").body(RequestBody::empty()).unwrap())
        .await
        .unwrap_err();
    assert!(
        error.is_connect() || matches!(error, kitsu_transport::Error::Request { .. }),
        "{error:?}"
    );
}
