//! The hyper server: accept loop, one request's journey, faults applied on the way.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use futures_util::StreamExt;
use http::{HeaderValue, Request, Response, StatusCode, header};
use http_body::Frame;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::json;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use crate::events::{EventHub, events_for, serve_socket};
use crate::faults::{Fault, Faults, RecordedRequest, Recorder};
use crate::reply::{Body, Reply, Req};
use crate::routes::{self, resolve};
use crate::world::World;

/// What every connection shares.
pub(crate) struct Shared {
    pub(crate) world: Mutex<World>,
    pub(crate) faults: Faults,
    pub(crate) recorder: Recorder,
    /// The API prefix without a trailing slash (`/api`, or `""` for a bare Zou).
    pub(crate) prefix: String,
    /// The event server (at the origin's `/socket.io/`, whatever the prefix).
    pub(crate) events: EventHub,
}

impl Shared {
    pub(crate) fn world(&self) -> std::sync::MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Accepts connections until the task is aborted; dropping the task drops every connection.
pub(crate) async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let shared = shared.clone();
                connections.spawn(async move {
                    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                        let shared = shared.clone();
                        // An error closes the connection without an answer.
                        async move {
                            if request.uri().path().starts_with("/socket.io") {
                                return Ok(serve_socket(shared, request));
                            }
                            serve(&shared, request).await.ok_or(Closed)
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .with_upgrades()
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

fn percent_decode(segment: &str) -> String {
    form_urlencoded::parse(format!("x={segment}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// Why a connection was closed without an answer: a [`Fault::CloseConnection`].
#[derive(Debug)]
struct Closed;

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection closed by an injected fault")
    }
}

impl std::error::Error for Closed {}

/// One request, start to finish; `None` to close the connection without answering.
async fn serve(shared: &Shared, request: Request<Incoming>) -> Option<Response<Body>> {
    let (parts, body) = request.into_parts();
    // Under gunicorn, a chunked body (no Content-Length) reaches Flask empty.
    let chunked = parts.headers.get(header::CONTENT_LENGTH).is_none()
        && parts.headers.get(header::TRANSFER_ENCODING).is_some();
    let body = match body.collect().await {
        Ok(collected) if !chunked => collected.to_bytes(),
        Ok(_) => Bytes::new(),
        Err(_) => {
            return Some(
                Reply::error(StatusCode::BAD_REQUEST, "Incomplete request body.").into_response(),
            );
        }
    };
    let path = parts.uri.path();
    let Some(relative) = path
        .strip_prefix(shared.prefix.as_str())
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
    else {
        return Some(Reply::not_found().into_response());
    };
    let relative = relative.trim_matches('/').to_owned();
    shared.recorder.push(RecordedRequest {
        method: parts.method.clone(),
        path: relative.clone(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers.clone(),
        body_len: body.len(),
        chunked,
    });
    let plan = shared.faults.plan(&parts.method, &relative);
    if !plan.latency.is_zero() {
        tokio::time::sleep(plan.latency).await;
    }
    if let Some(fault) = plan.replace {
        return injected(fault).map(Reply::into_response);
    }
    let req = Req {
        method: parts.method.clone(),
        segments: relative
            .split('/')
            .filter(|s| !s.is_empty())
            .map(percent_decode)
            .collect(),
        query: parts
            .uri
            .query()
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default(),
        headers: parts.headers,
        body,
    };
    let reply = match resolve(&req.segments) {
        None => Reply::not_found(),
        Some((_, methods))
            if !methods.contains(&req.method) && req.method != http::Method::HEAD =>
        {
            Reply::method_not_allowed()
        }
        Some((route, _)) => {
            let upload = if route.is_upload() {
                match crate::files::parse_upload(&req, chunked).await {
                    Ok(upload) => Some(upload),
                    Err(reply) => {
                        // Zou checks the token before the file: answer auth errors first.
                        let world = shared.world();
                        let guard = world.tokens.guard(
                            &req,
                            &world.db,
                            &world.auth,
                            crate::auth::Kind::Access,
                        );
                        return Some(guard.err().unwrap_or(reply).into_response());
                    }
                }
            } else {
                None
            };
            let mut world = shared.world();
            let reply = routes::handle(&mut world, &shared.events, route, &req, upload);
            // Zou publishes the events of a write that succeeded.
            let changes = world.db.take_changes();
            if reply.status.is_success() {
                for (name, payload) in events_for(&changes, &world.db) {
                    shared.events.publish(&name, payload);
                }
            }
            reply
        }
    };
    Some(match plan.body {
        Some(fault) => broken(reply, &fault),
        None => reply.into_response(),
    })
}

/// The answer of a status fault, in Zou's shape (or as given); `None` to close the connection.
fn injected(fault: Fault) -> Option<Reply> {
    let (status, retry_after) = match fault {
        Fault::Status(status) => (status, None),
        Fault::RetryAfter { status, seconds } => (status, Some(seconds)),
        Fault::CloseConnection => return None,
        Fault::Respond {
            status,
            headers,
            body,
        } => {
            let mut reply = Reply::json(
                StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                &serde_json::Value::Null,
            );
            reply.headers.clear();
            for (name, value) in headers {
                if let (Ok(name), Ok(value)) = (
                    header::HeaderName::from_bytes(name.as_bytes()),
                    HeaderValue::from_str(&value),
                ) {
                    reply.headers.append(name, value);
                }
            }
            reply.body = body;
            return Some(reply);
        }
        _ => (500, None),
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let message = status.canonical_reason().unwrap_or("Injected fault");
    let mut reply = Reply::json(
        status,
        &json!({"error": true, "message": message, "injected": true}),
    );
    if let Some(seconds) = retry_after {
        reply
            .headers
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    Some(reply)
}

/// The reply with its body cut halfway: by an error (a reset) or by an early end (truncation).
fn broken(reply: Reply, fault: &Fault) -> Response<Body> {
    let total = reply.body.len();
    let half = reply.body.slice(..total / 2);
    let reset = *fault == Fault::ResetMidBody;
    // Let the head and the first half reach the client before the connection breaks.
    let pause =
        futures_util::stream::once(tokio::time::sleep(std::time::Duration::from_millis(30)))
            .filter_map(|()| async { None::<Result<Frame<Bytes>, io::Error>> });
    let tail = futures_util::stream::iter(reset.then(|| {
        Err::<Frame<Bytes>, _>(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "injected reset",
        ))
    }));
    let stream = futures_util::stream::iter([Ok::<_, io::Error>(Frame::data(half))])
        .chain(pause)
        .chain(tail);
    let mut response = Response::new(BodyExt::boxed(StreamBody::new(stream)));
    *response.status_mut() = reply.status;
    *response.headers_mut() = reply.headers;
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(total));
    response
}
