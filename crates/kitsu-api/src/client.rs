//! [`Client`]: the four verbs and the fetch helpers, with Zou's errors typed.

use std::future::Future;
use std::time::Duration;

use bytes::Bytes;
use futures_util::FutureExt;
use futures_util::future::Either;
use http::header::CONTENT_TYPE;
use http::{Method, Request, Response, StatusCode, Uri};
use kitsu_transport::{
    Attempts, MaxResponseSize, RequestBody, RequestDeadline, ResponseBody, RetryStopped, Transport,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{ApiError, Query, ServerError};

/// The default number of pages fetched at once once the first page is known.
pub const DEFAULT_PAGE_CONCURRENCY: usize = 4;

/// A handle on Kitsu's API: cheap to clone, every clone shares the transport (and so the
/// session, the pool and the limits).
///
/// **One rule for paths**: every call that takes a path (the verbs, the fetch helpers, the page
/// streams, uploads and downloads) takes it relative to the API's base URL, exactly as it goes
/// on the wire after the base: `data/projects`, `data/projects/open`,
/// `actions/tasks/<id>/comment`. None adds a prefix (unlike gazu's `fetch_all("projects")`,
/// which adds `data/`). Paths are taken by value, so `format!` results can be passed as they
/// are, and the typed constructors of [`routes`](crate::routes) build the declared ones.
///
/// For the domain, prefer the handles: [`Client::projects`], [`Client::project`],
/// [`Client::shot`], [`Client::task`], [`Client::me`], and the generic
/// [`Client::collection`].
///
/// ```no_run
/// # async fn demo(client: kitsu_api::Client, ids: Vec<kitsu_api::ids::ShotId>) -> Result<(), kitsu_api::ApiError> {
/// use futures_util::future::try_join_all;
/// use serde_json::{Value, json};
///
/// let projects: Vec<Value> = client.get("data/projects").await?;
/// let task: Value = client.put("data/tasks/7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11", &json!({"priority": 1})).await?;
/// // As a Python user writes it, bounded by the transport's in-flight cap:
/// let tasks: Vec<Value> = try_join_all(ids.iter().map(|id| client.get::<Value>(format!("data/shots/{id}/tasks")))).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    transport: Transport,
    page_concurrency: usize,
    limits: Limits,
    pub(crate) cache: Option<crate::Cache>,
}

/// The per-call limits a client sets instead of the transport's (`None`: the transport's).
#[derive(Clone, Copy, Debug, Default)]
struct Limits {
    deadline: Option<Option<Duration>>,
    max_response_size: Option<Option<usize>>,
}

/// How much of an error answer is read for Zou's message.
const REFUSAL_LIMIT: usize = 64 * 1024;

/// An answer read whole.
pub(crate) struct Answer {
    pub(crate) method: Method,
    pub(crate) url: Uri,
    pub(crate) body: Bytes,
}

impl Answer {
    /// Decodes the body, naming the failing field path on error. An empty body reads as `null`.
    pub(crate) fn decode<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        decode_json(&self.body).map_err(|failure| failure.into_error(&self.method, &self.url))
    }
}

/// Why JSON did not decode: where (`[3].due_date`, empty for the whole answer) and serde's
/// message. [`DecodeFailure::into_error`] makes it the [`ApiError::Decode`] of a request.
#[derive(Debug)]
pub(crate) struct DecodeFailure {
    pub(crate) path: String,
    pub(crate) message: String,
}

impl DecodeFailure {
    pub(crate) fn into_error(self, method: &Method, url: &Uri) -> ApiError {
        ApiError::Decode {
            method: method.clone(),
            url: url.clone(),
            path: self.path,
            message: self.message,
        }
    }
}

/// Decodes JSON (an empty body reads as `null`), naming the failing field on failure. Paths
/// are tracked only once decoding has failed (a second pass over the same bytes), so a
/// successful decode pays nothing for them.
pub(crate) fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeFailure> {
    let bytes: &[u8] = if bytes.is_empty() { b"null" } else { bytes };
    serde_json::from_slice(bytes).map_err(|_| {
        let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
        match serde_path_to_error::deserialize::<_, T>(deserializer) {
            Err(error) => DecodeFailure {
                path: error.path().to_string(),
                message: error.inner().to_string(),
            },
            // Not reachable for a deterministic `Deserialize`; say so rather than panic.
            Ok(_) => DecodeFailure {
                path: String::new(),
                message: "the answer decoded only on a second try".into(),
            },
        }
    })
}

impl Client {
    /// A client over a transport (logged in through a session, or with a bot token).
    pub fn new(transport: Transport) -> Self {
        Client {
            transport,
            page_concurrency: DEFAULT_PAGE_CONCURRENCY,
            limits: Limits::default(),
            cache: None,
        }
    }

    /// This client with another deadline for each of its calls (`None`: no deadline) instead of
    /// the transport's ([`TransportBuilder::deadline`](kitsu_transport::TransportBuilder::deadline),
    /// 2 minutes by default). Downloads and uploads have none unless set here.
    ///
    /// ```no_run
    /// # async fn demo(client: kitsu_api::Client) -> Result<(), kitsu_api::ApiError> {
    /// use std::time::Duration;
    /// let quick = client.clone().with_deadline(Some(Duration::from_secs(5)));
    /// let projects: serde_json::Value = quick.get("data/projects").await?;
    /// # Ok(()) }
    /// ```
    pub fn with_deadline(mut self, deadline: Option<Duration>) -> Self {
        self.limits.deadline = Some(deadline);
        self
    }

    /// This client with another limit on each answer it reads (`None`: no limit) instead of the
    /// transport's ([`TransportBuilder::max_response_size`](kitsu_transport::TransportBuilder::max_response_size),
    /// 128 MiB by default). Downloads to disk have none unless set here.
    pub fn with_max_response_size(mut self, bytes: Option<usize>) -> Self {
        self.limits.max_response_size = Some(bytes);
        self
    }

    /// The request extensions of this client's limits. `streamed` calls (downloads to disk,
    /// uploads) lift the transport's deadline and size limit unless the client sets its own.
    pub(crate) fn extensions(&self, streamed: bool) -> http::Extensions {
        let mut extensions = http::Extensions::new();
        if let Some(deadline) = self.limits.deadline.or(streamed.then_some(None)) {
            extensions.insert(RequestDeadline(deadline));
        }
        if let Some(size) = self.limits.max_response_size.or(streamed.then_some(None)) {
            extensions.insert(MaxResponseSize(size));
        }
        extensions
    }

    /// How many pages [`Client::pages`] fetches at once after the first (at least 1).
    pub fn with_page_concurrency(mut self, concurrency: usize) -> Self {
        self.page_concurrency = concurrency.max(1);
        self
    }

    pub(crate) fn page_concurrency(&self) -> usize {
        self.page_concurrency
    }

    /// The transport underneath.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// The URL of `path` with `query`.
    pub fn url(&self, path: &str, query: &Query) -> Result<Uri, ApiError> {
        Ok(self.transport.url(&query.append_to(path))?)
    }

    /// Builds a request, with an optional body of a content type.
    fn request(
        method: Method,
        url: Uri,
        body: Option<(RequestBody, &str)>,
        extensions: http::Extensions,
    ) -> Result<Request<RequestBody>, ApiError> {
        let mut request = Request::builder().method(method).uri(url.clone());
        let body = match body {
            Some((body, content_type)) => {
                request = request.header(CONTENT_TYPE, content_type);
                body
            }
            None => RequestBody::empty(),
        };
        let mut request = request.body(body).map_err(|error| ApiError::InvalidInput {
            what: "request",
            value: url.to_string(),
            reason: if error.is::<http::header::InvalidHeaderValue>() {
                "bad header"
            } else {
                "bad request"
            },
        })?;
        *request.extensions_mut() = extensions;
        Ok(request)
    }

    /// Sends a request and checks the status: an error status becomes its typed error, with
    /// the server's message. The response body is left to the caller.
    pub(crate) async fn send(
        &self,
        method: Method,
        url: Uri,
        body: Option<(RequestBody, &str)>,
        extensions: http::Extensions,
    ) -> Result<Response<ResponseBody>, ApiError> {
        let request = Client::request(method.clone(), url.clone(), body, extensions)?;
        let response = crate::cache::send(self.cache.as_ref(), &self.transport, request).await?;
        if refused(response.status()) {
            return Err(refusal(method, url, response).await);
        }
        Ok(response)
    }

    /// Sends a request (through the cache, if the client has one) and hands a successful answer
    /// to `read` (an error status becomes its typed error, as [`Client::send`] does). When the
    /// body is cut mid-way, the transport replays an idempotent request and `read` starts over
    /// on the new answer ([`Transport::send_and_read_via`]).
    pub(crate) async fn send_and_read<T, F, Fut>(
        &self,
        method: Method,
        url: Uri,
        body: Option<(RequestBody, &str)>,
        extensions: http::Extensions,
        mut read: F,
    ) -> Result<T, ApiError>
    where
        F: FnMut(Response<ResponseBody>) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let request = Client::request(method.clone(), url.clone(), body, extensions)?;
        let cache = self.cache.as_ref();
        self.transport
            .send_and_read_via(
                request,
                |request| crate::cache::send(cache, &self.transport, request),
                |response| {
                    if refused(response.status()) {
                        Either::Left(refusal(method.clone(), url.clone(), response).map(Err))
                    } else {
                        Either::Right(read(response))
                    }
                },
            )
            .await
    }

    /// Sends a request with an optional JSON body and reads the whole answer.
    pub(crate) async fn call<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &Query,
        json: Option<&B>,
    ) -> Result<Answer, ApiError> {
        let url = self.url(path, query)?;
        let body = match json {
            Some(json) => {
                let bytes = serde_json::to_vec(json).map_err(|error| ApiError::Encode {
                    method: method.clone(),
                    url: url.clone(),
                    message: error.to_string(),
                })?;
                Some((RequestBody::from(bytes), "application/json"))
            }
            None => None,
        };
        self.exchange(method, url, body, self.extensions(false))
            .await
    }

    /// Sends a request (see [`Client::send`]) and reads the whole answer.
    pub(crate) async fn exchange(
        &self,
        method: Method,
        url: Uri,
        body: Option<(RequestBody, &str)>,
        extensions: http::Extensions,
    ) -> Result<Answer, ApiError> {
        let body = self
            .send_and_read(method.clone(), url.clone(), body, extensions, |response| {
                let url = url.clone();
                async move { Ok(response.into_body().read_all(&url).await?) }
            })
            .await?;
        Ok(Answer { method, url, body })
    }

    /// `GET path`, decoded as `T` (`serde_json::Value` for untyped JSON).
    pub async fn get<T: DeserializeOwned>(&self, path: impl AsRef<str>) -> Result<T, ApiError> {
        self.get_with(path, &Query::new()).await
    }

    /// `GET path?query`, decoded as `T`.
    pub async fn get_with<T: DeserializeOwned>(
        &self,
        path: impl AsRef<str>,
        query: &Query,
    ) -> Result<T, ApiError> {
        self.call::<()>(Method::GET, path.as_ref(), query, None)
            .await?
            .decode()
    }

    /// `POST path` with a JSON body, the answer decoded as `T`.
    pub async fn post<T: DeserializeOwned>(
        &self,
        path: impl AsRef<str>,
        body: &(impl Serialize + ?Sized),
    ) -> Result<T, ApiError> {
        self.call(Method::POST, path.as_ref(), &Query::new(), Some(body))
            .await?
            .decode()
    }

    /// `POST path` with no body at all (some of Zou's actions read an absent body as "all").
    pub async fn post_empty<T: DeserializeOwned>(
        &self,
        path: impl AsRef<str>,
    ) -> Result<T, ApiError> {
        self.call::<()>(Method::POST, path.as_ref(), &Query::new(), None)
            .await?
            .decode()
    }

    /// `PUT path` with a JSON body, the answer decoded as `T`.
    pub async fn put<T: DeserializeOwned>(
        &self,
        path: impl AsRef<str>,
        body: &(impl Serialize + ?Sized),
    ) -> Result<T, ApiError> {
        self.call(Method::PUT, path.as_ref(), &Query::new(), Some(body))
            .await?
            .decode()
    }

    /// `DELETE path` (Zou answers 204 with an empty `text/html` body).
    pub async fn delete(&self, path: impl AsRef<str>) -> Result<(), ApiError> {
        self.delete_with(path, &Query::new()).await
    }

    /// `DELETE path?query` (`force=true` for a hard delete).
    pub async fn delete_with(&self, path: impl AsRef<str>, query: &Query) -> Result<(), ApiError> {
        self.call::<()>(Method::DELETE, path.as_ref(), query, None)
            .await
            .map(drop)
    }

    /// Every entry of the list at `path` (`data/projects/open`), decoded element by element as
    /// the answer arrives. gazu's `fetch_all("projects/open")` is `fetch_all("data/projects/open")`.
    pub async fn fetch_all<T: DeserializeOwned>(
        &self,
        path: impl AsRef<str>,
    ) -> Result<Vec<T>, ApiError> {
        self.fetch_all_with(path, &Query::new()).await
    }

    /// Every entry of the list at `path?query` (filters, `fields`, `relations`).
    pub async fn fetch_all_with<T: DeserializeOwned>(
        &self,
        path: impl AsRef<str>,
        query: &Query,
    ) -> Result<Vec<T>, ApiError> {
        let url = self.url(path.as_ref(), query)?;
        let extensions = self.extensions(false);
        self.send_and_read(Method::GET, url.clone(), None, extensions, |response| {
            let url = url.clone();
            // Nothing is handed out before the whole list is decoded: a cut answer starts over.
            async move { crate::json_array::decode_list(&Method::GET, &url, response.into_body()).await }
        })
        .await
    }

    /// The first entry of the list at `path?query`, if any, as gazu's `fetch_first`.
    pub async fn fetch_first<T: DeserializeOwned>(
        &self,
        path: impl AsRef<str>,
        query: &Query,
    ) -> Result<Option<T>, ApiError> {
        Ok(self.fetch_all_with(path, query).await?.into_iter().next())
    }
}

/// Whether a status is a refusal (4xx, 5xx).
fn refused(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// A refusal as its typed error: the status, Zou's message (from the start of the body), and how
/// many attempts were made and why they stopped, when the transport retried.
async fn refusal(method: Method, url: Uri, response: Response<ResponseBody>) -> ApiError {
    let status = response.status();
    let attempts = response.extensions().get::<Attempts>().map_or(1, |a| a.0);
    let stopped = response.extensions().get::<RetryStopped>().copied();
    let body = response.into_body().read_prefix(REFUSAL_LIMIT).await;
    ApiError::from_status(ServerError::new(method, url, status, &body).after(attempts, stopped))
}
