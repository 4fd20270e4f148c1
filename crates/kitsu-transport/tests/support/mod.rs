//! Test doubles for the transport's inner service.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::BoxFuture;
use http::{HeaderMap, Method, Request, Response, Uri};
use kitsu_transport::{
    Error, Jitter, RequestBody, ResponseBody, RetryBudget, RetryConfig, Transport, TransportBuilder,
};
use tokio::time::Instant;
use tower::{Service, ServiceExt};

/// What the scripted server does with the next request.
pub enum Step {
    Status(u16),
    StatusWith(u16, Vec<(&'static str, String)>, &'static str),
    ConnectError,
    ClosedError,
    Hang,
    /// 200 with this body announced, but only its first half sent before the connection resets.
    Cut(&'static str),
    /// 200 with the first half of this body, then nothing, ever.
    Stall(&'static str),
}

/// A request as the inner service saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
    pub at: Instant,
}

/// An inner service that plays a script, then answers 200 `{}`; and records every request.
#[derive(Clone, Default)]
pub struct Scripted {
    pub steps: Arc<Mutex<VecDeque<Step>>>,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Scripted {
    pub fn new(steps: impl IntoIterator<Item = Step>) -> Self {
        Scripted {
            steps: Arc::new(Mutex::new(steps.into_iter().collect())),
            seen: Arc::default(),
        }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// Gaps between consecutive requests.
    pub fn gaps(&self) -> Vec<Duration> {
        let seen = self.seen();
        seen.windows(2).map(|w| w[1].at - w[0].at).collect()
    }
}

impl Service<Request<RequestBody>> for Scripted {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
        let step = self.steps.lock().unwrap().pop_front();
        let seen = self.seen.clone();
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body = http_body_util::BodyExt::collect(body)
                .await
                .unwrap()
                .to_bytes();
            seen.lock().unwrap().push(Seen {
                method: parts.method.clone(),
                uri: parts.uri.clone(),
                headers: parts.headers.clone(),
                body,
                at: Instant::now(),
            });
            match step {
                None | Some(Step::Status(200)) => Ok(Response::new(ResponseBody::from("{}"))),
                Some(Step::Status(code)) => Ok(Response::builder()
                    .status(code)
                    .body(ResponseBody::from("{\"message\":\"scripted\"}"))
                    .unwrap()),
                Some(Step::StatusWith(code, headers, body)) => {
                    let mut response = Response::builder().status(code);
                    for (name, value) in headers {
                        response = response.header(name, value);
                    }
                    Ok(response.body(ResponseBody::from(body)).unwrap())
                }
                Some(Step::ConnectError) => Err(Error::Connect {
                    url: parts.uri,
                    source: "connection refused".into(),
                }),
                Some(Step::ClosedError) => Err(Error::Request {
                    method: parts.method,
                    url: parts.uri,
                    connection_closed: true,
                    source: "connection closed before message completed".into(),
                }),
                Some(Step::Hang) => std::future::pending().await,
                Some(Step::Cut(text)) => Ok(half_then(text, true)),
                Some(Step::Stall(text)) => Ok(half_then(text, false)),
            }
        })
    }
}

/// A 200 whose body is the first half of `text`, then a connection reset (`reset`) or nothing
/// ever again.
pub fn half_then(text: &'static str, reset: bool) -> Response<ResponseBody> {
    use futures_util::StreamExt;
    let half = bytes::Bytes::from_static(&text.as_bytes()[..text.len() / 2]);
    let first = futures_util::stream::iter([Ok::<_, std::io::Error>(http_body::Frame::data(half))]);
    let rest = if reset {
        futures_util::stream::iter([Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection reset by peer",
        ))])
        .boxed()
    } else {
        futures_util::stream::pending().boxed()
    };
    Response::builder()
        .header("content-length", text.len())
        .body(ResponseBody::new(http_body_util::StreamBody::new(
            first.chain(rest),
        )))
        .unwrap()
}

pub const BASE: &str = "http://kitsu.test/api";

/// Retries fast and without jitter, so that paused-time tests can tell each wait.
pub fn fast_retry(max_attempts: u32) -> RetryConfig {
    RetryConfig::default()
        .max_attempts(max_attempts)
        .base_delay(Duration::from_millis(100))
        .max_delay(Duration::from_secs(1))
        .max_retry_after(Duration::from_secs(30))
        .jitter(Jitter::None)
        .budget(RetryBudget::default())
}

pub fn builder() -> TransportBuilder {
    Transport::builder(BASE)
}

/// `data/x` as a request URI: `http::Uri` needs the leading slash of the origin form.
pub fn uri(path: &str) -> String {
    if path.starts_with("http") || path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    }
}

pub fn get(path: &str) -> Request<RequestBody> {
    Request::get(uri(path)).body(RequestBody::empty()).unwrap()
}

pub fn post(path: &str, body: &'static str) -> Request<RequestBody> {
    Request::post(uri(path))
        .body(RequestBody::from(body))
        .unwrap()
}

/// Sends and returns the status, or the error.
pub async fn status_of(transport: &Transport, request: Request<RequestBody>) -> Result<u16, Error> {
    transport.send(request).await.map(|r| r.status().as_u16())
}

/// A transport over a tower-test mock.
pub fn mocked(
    builder: TransportBuilder,
) -> (
    Transport,
    tower_test::mock::Handle<Request<RequestBody>, Response<ResponseBody>>,
) {
    let (mock, handle) = tower_test::mock::pair::<Request<RequestBody>, Response<ResponseBody>>();
    let transport = builder
        .inner_service(mock.map_err(Error::from_boxed))
        .build()
        .unwrap();
    (transport, handle)
}
