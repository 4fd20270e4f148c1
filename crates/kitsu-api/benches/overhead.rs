//! Per-request cost of the client over raw hyper, against one hyper server on 127.0.0.1:
//! `raw_hyper` (hyper-util's pooled client, no layers), `transport` (the whole tower stack with
//! a bearer token), `client_typed` (a kitsu-api call decoding five typed tasks).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::convert::Infallible;

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::{BodyExt, Empty, Full};
use hyper_util::client::legacy::Client as RawClient;
use hyper_util::rt::{TokioExecutor, TokioIo};
use kitsu_api::Client;
use kitsu_api::models::Task;
use kitsu_transport::{BearerToken, RequestBody, Transport};

const TASKS: &str = r#"[
{"id":"00000002-0000-4000-8000-000000000000","name":"main","priority":0,"estimation":2.5,"project_id":"00000009-0000-4000-8000-000000000000","task_type_id":"00000003-0000-4000-8000-000000000000","task_status_id":"00000004-0000-4000-8000-000000000000","entity_id":"00000001-0000-4000-8000-000000000000","assignees":[],"created_at":"2026-11-24T19:38:20","updated_at":"2026-11-24T19:38:21","type":"Task","task_type_name":"Animation","task_status_name":"WIP","entity_name":"SH0010"},
{"id":"00000002-0000-4000-8000-000000000001","name":"main","priority":0,"estimation":2.5,"project_id":"00000009-0000-4000-8000-000000000000","task_type_id":"00000003-0000-4000-8000-000000000001","task_status_id":"00000004-0000-4000-8000-000000000000","entity_id":"00000001-0000-4000-8000-000000000000","assignees":[],"created_at":"2026-11-24T19:38:20","updated_at":"2026-11-24T19:38:21","type":"Task","task_type_name":"Layout","task_status_name":"WIP","entity_name":"SH0010"},
{"id":"00000002-0000-4000-8000-000000000002","name":"main","priority":0,"estimation":2.5,"project_id":"00000009-0000-4000-8000-000000000000","task_type_id":"00000003-0000-4000-8000-000000000002","task_status_id":"00000004-0000-4000-8000-000000000000","entity_id":"00000001-0000-4000-8000-000000000000","assignees":[],"created_at":"2026-11-24T19:38:20","updated_at":"2026-11-24T19:38:21","type":"Task","task_type_name":"Lighting","task_status_name":"WIP","entity_name":"SH0010"},
{"id":"00000002-0000-4000-8000-000000000003","name":"main","priority":0,"estimation":2.5,"project_id":"00000009-0000-4000-8000-000000000000","task_type_id":"00000003-0000-4000-8000-000000000003","task_status_id":"00000004-0000-4000-8000-000000000000","entity_id":"00000001-0000-4000-8000-000000000000","assignees":[],"created_at":"2026-11-24T19:38:20","updated_at":"2026-11-24T19:38:21","type":"Task","task_type_name":"FX","task_status_name":"WIP","entity_name":"SH0010"},
{"id":"00000002-0000-4000-8000-000000000004","name":"main","priority":0,"estimation":2.5,"project_id":"00000009-0000-4000-8000-000000000000","task_type_id":"00000003-0000-4000-8000-000000000004","task_status_id":"00000004-0000-4000-8000-000000000000","entity_id":"00000001-0000-4000-8000-000000000000","assignees":[],"created_at":"2026-11-24T19:38:20","updated_at":"2026-11-24T19:38:21","type":"Task","task_type_name":"Compositing","task_status_name":"WIP","entity_name":"SH0010"}
]"#;

/// A keep-alive HTTP/1.1 server answering every request with the tasks, on its own thread.
fn serve() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(|_request| async {
                        Ok::<_, Infallible>(hyper::Response::new(Full::new(Bytes::from_static(
                            TASKS.as_bytes(),
                        ))))
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    format!("http://{address}")
}

fn per_request(c: &mut Criterion) {
    let base = serve();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let raw = RawClient::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let url: http::Uri = format!("{base}/data/shots/x/tasks").parse().unwrap();
    let transport = runtime.block_on(async {
        Transport::builder(&base)
            .bearer_token(BearerToken::new("eyJhbGciOiJIUzI1NiJ9.e30.c2ln"))
            .build()
            .unwrap()
    });
    let client = Client::new(transport.clone());
    let mut group = c.benchmark_group("per_request");
    group.bench_function("raw_hyper", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = raw.get(url.clone()).await.unwrap();
            response.into_body().collect().await.unwrap().to_bytes()
        })
    });
    group.bench_function("transport", |b| {
        b.to_async(&runtime).iter(|| async {
            let request = http::Request::get(url.clone())
                .body(RequestBody::empty())
                .unwrap();
            transport
                .send(request)
                .await
                .unwrap()
                .into_body()
                .bytes()
                .await
                .unwrap()
        })
    });
    group.bench_function("client_typed", |b| {
        b.to_async(&runtime)
            .iter(|| async { client.get::<Vec<Task>>("data/shots/x/tasks").await.unwrap() })
    });
    group.finish();
}

criterion_group!(benches, per_request);
criterion_main!(benches);
