//! [`Client`]: the four verbs and the fetch helpers, with Zou's errors typed.

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{Method, Request, Response, Uri};
use kitsu_transport::{RequestBody, ResponseBody, Transport};
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
    pub(crate) cache: Option<crate::Cache>,
}

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
            cache: None,
        }
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

    /// Sends a request and checks the status: an error status becomes its typed error, with
    /// the server's message. The response body is left to the caller.
    pub(crate) async fn send(
        &self,
        method: Method,
        url: Uri,
        body: Option<(RequestBody, &str)>,
        extensions: http::Extensions,
    ) -> Result<Response<ResponseBody>, ApiError> {
        let mut request = Request::builder().method(method.clone()).uri(url.clone());
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
        let response = crate::cache::send(self.cache.as_ref(), &self.transport, request).await?;
        if response.status().is_client_error() || response.status().is_server_error() {
            let status = response.status();
            let body = response.into_body().read_prefix(64 * 1024).await;
            return Err(ApiError::from_status(ServerError::new(
                method, url, status, &body,
            )));
        }
        Ok(response)
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
        self.exchange(method, url, body, http::Extensions::new())
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
        let response = self
            .send(method.clone(), url.clone(), body, extensions)
            .await?;
        let body = response.into_body().read_all(&url).await?;
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
        let response = self
            .send(Method::GET, url.clone(), None, http::Extensions::new())
            .await?;
        crate::json_array::decode_list(&Method::GET, &url, response.into_body()).await
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
