//! A fault-injecting HTTP/1.1 proxy on 127.0.0.1, in front of a real Zou: it counts the client
//! connections it holds open (so a test sees how many sockets the client opened at once) and
//! answers a burst of `503` with `Retry-After` on demand, as a proxy in front of Zou does during
//! a restart.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use http::{Request, Response, Uri};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

type Body = BoxBody<Bytes, hyper::Error>;

#[derive(Default)]
struct Counters {
    open: AtomicUsize,
    peak: AtomicUsize,
    accepted: AtomicUsize,
    forwarded: AtomicUsize,
    failing: AtomicUsize,
    injected: AtomicUsize,
}

/// A running proxy; it stops when dropped.
pub struct FaultProxy {
    address: SocketAddr,
    counters: Arc<Counters>,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for FaultProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultProxy")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

/// Counts a connection as open for as long as it lives.
struct Open(Arc<Counters>);

impl Open {
    fn new(counters: Arc<Counters>) -> Open {
        counters.accepted.fetch_add(1, Ordering::SeqCst);
        let now = counters.open.fetch_add(1, Ordering::SeqCst) + 1;
        counters.peak.fetch_max(now, Ordering::SeqCst);
        Open(counters)
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (`http://127.0.0.1:5001`).
    pub async fn start(upstream: &str) -> std::io::Result<FaultProxy> {
        let upstream: Uri = upstream.parse().map_err(std::io::Error::other)?;
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let counters = Arc::new(Counters::default());
        let client: Client<HttpConnector, Incoming> =
            Client::builder(TokioExecutor::new()).build_http();
        let shared = counters.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let open = Open::new(shared.clone());
                let (client, upstream, counters) =
                    (client.clone(), upstream.clone(), shared.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        forward(client.clone(), upstream.clone(), counters.clone(), request)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                    drop(open);
                });
            }
        });
        Ok(FaultProxy {
            address,
            counters,
            task,
        })
    }

    /// The port the proxy listens on.
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The proxy's URL, to give a client instead of the upstream's.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Answers the next `count` requests `503 Service Unavailable` with `Retry-After: 1`.
    pub fn fail_next(&self, count: usize) {
        self.counters.failing.store(count, Ordering::SeqCst);
    }

    /// The most client connections open at once.
    pub fn peak_connections(&self) -> usize {
        self.counters.peak.load(Ordering::SeqCst)
    }

    /// Client connections accepted in all.
    pub fn accepted_connections(&self) -> usize {
        self.counters.accepted.load(Ordering::SeqCst)
    }

    /// Requests forwarded to the upstream.
    pub fn forwarded(&self) -> usize {
        self.counters.forwarded.load(Ordering::SeqCst)
    }

    /// Requests answered with an injected 503.
    pub fn injected(&self) -> usize {
        self.counters.injected.load(Ordering::SeqCst)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn forward(
    client: Client<HttpConnector, Incoming>,
    upstream: Uri,
    counters: Arc<Counters>,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let failing = counters
        .failing
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if failing {
        counters.injected.fetch_add(1, Ordering::SeqCst);
        return Ok(answer(
            503,
            &[("retry-after", "1"), ("content-type", "text/html")],
            "<html><body><h1>503 Service Unavailable</h1></body></html>",
        ));
    }
    counters.forwarded.fetch_add(1, Ordering::SeqCst);
    let (mut parts, body) = request.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let mut uri = upstream.into_parts();
    uri.path_and_query = path.parse().ok();
    let Ok(uri) = Uri::from_parts(uri) else {
        return Ok(answer(502, &[], "bad upstream URI"));
    };
    parts.uri = uri;
    parts.headers.remove(http::header::HOST);
    match client.request(Request::from_parts(parts, body)).await {
        Ok(response) => Ok(response.map(BodyExt::boxed)),
        Err(error) => Ok(answer(502, &[], &format!("upstream failed: {error}"))),
    }
}

fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Response<Body> {
    let mut response = Response::new(
        Full::new(Bytes::from(body.to_owned()))
            .map_err(|never| match never {})
            .boxed(),
    );
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    for (name, value) in headers {
        response.headers_mut().insert(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            http::HeaderValue::from_str(value).unwrap(),
        );
    }
    response
}
