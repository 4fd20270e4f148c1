//! [`Wire`]: the answers a transport received, seen by a tower layer just above the HTTP
//! client (so a `304` is seen as a `304`, whatever the client made of it).

use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use futures_util::future::BoxFuture;
use kitsu::transport::http::{Method, Request, Response, StatusCode, header};
use kitsu::transport::{RequestBody, ResponseBody};

/// One answer as the server sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub method: Method,
    /// The URL's path (the base URL's prefix included), without the query.
    pub path: String,
    pub status: StatusCode,
    /// The body's length as the server declared it (`Content-Length`; 0 when absent).
    pub bytes: u64,
}

/// The answers a transport received, in order. Give [`Wire::layer`] to
/// [`kitsu::TransportBuilder::layer`].
#[derive(Clone, Debug, Default)]
pub struct Wire {
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Wire {
    /// The layer that records into this wire.
    pub fn layer<S>(&self) -> impl tower::Layer<S, Service = Recorder<S>> + Send + 'static {
        let seen = self.seen.clone();
        tower::layer::layer_fn(move |inner| Recorder {
            inner,
            seen: seen.clone(),
        })
    }

    /// How many answers came, in all.
    pub fn len(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// Whether no answer came yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many answers had `status`.
    pub fn with_status(&self, status: StatusCode) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|seen| seen.status == status)
            .count()
    }

    /// Forgets the answers seen so far.
    pub fn clear(&self) {
        self.seen.lock().unwrap().clear();
    }

    /// The answers to GETs of paths ending with `path`.
    pub fn to(&self, path: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|seen| seen.method == Method::GET && seen.path.ends_with(path))
            .cloned()
            .collect()
    }
}

/// The service of [`Wire::layer`].
#[derive(Clone, Debug)]
pub struct Recorder<S> {
    inner: S,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl<S> tower::Service<Request<RequestBody>> for Recorder<S>
where
    S: tower::Service<Request<RequestBody>, Response = Response<ResponseBody>>,
    S::Future: Send + 'static,
{
    type Response = Response<ResponseBody>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
        let (method, path) = (request.method().clone(), request.uri().path().to_owned());
        let seen = self.seen.clone();
        let answer = self.inner.call(request);
        Box::pin(async move {
            let response = answer.await?;
            let bytes = response
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.parse().ok())
                .unwrap_or(0);
            seen.lock().unwrap().push(Seen {
                method,
                path,
                status: response.status(),
                bytes,
            });
            Ok(response)
        })
    }
}
