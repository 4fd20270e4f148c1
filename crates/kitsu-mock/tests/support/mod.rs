//! What the mock's integration tests share: a raw client over `kitsu-transport` (every header
//! explicit, no retries, no refresh) and builders for the data they need.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use kitsu_transport::{RequestBody, Transport};
use serde_json::{Value, json};

/// A raw client: every header explicit, no retries, no refresh.
pub struct Raw {
    pub transport: Transport,
    pub token: Option<String>,
}

impl Raw {
    pub fn new(kitsu: &MockKitsu) -> Raw {
        Raw {
            transport: Transport::builder(kitsu.base_url())
                .no_retry()
                .build()
                .unwrap(),
            token: None,
        }
    }

    pub async fn send(
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

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None, Bytes::new(), None).await
    }

    pub async fn get_with(&self, path: &str, auth: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None, Bytes::new(), Some(auth))
            .await
    }

    pub async fn json(&self, method: Method, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(
            method,
            path,
            Some("application/json"),
            Bytes::from(body.to_string()),
            None,
        )
        .await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Value {
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

/// A raw client logged in as the admin.
pub async fn admin(kitsu: &MockKitsu) -> Raw {
    let mut raw = Raw::new(kitsu);
    raw.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    raw
}

/// The `id` of a row.
pub fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

/// A well-formed UUID no row has.
pub fn uuid_like() -> &'static str {
    "00000000-0000-4000-8000-000000000000"
}

/// A project with one sequence of `shots` shots, and an Animation task on each.
pub async fn production(raw: &Raw, shots: usize) -> (String, Vec<String>) {
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

/// A multipart body with one `file` field, and its content type.
pub fn multipart(filename: &str, content: &[u8]) -> (String, Bytes) {
    let boundary = "kitsu-test-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (
        format!("multipart/form-data; boundary={boundary}"),
        Bytes::from(body),
    )
}
