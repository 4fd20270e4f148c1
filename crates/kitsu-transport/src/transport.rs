//! The [`Transport`] handle.

use std::fmt;
use std::sync::{Arc, Weak};

use http::{Request, Response, Uri};
use tower::ServiceExt;

use crate::builder::TransportBuilder;
use crate::retry::policy::RetryPolicy;
use crate::token::TokenCell;
use crate::url::BaseUrl;
use crate::{Error, HttpService, RequestBody, ResponseBody};

/// A cheap, cloneable handle on the HTTP stack of one Kitsu server.
///
/// Clones share everything: the connection pool, the in-flight cap, the rate limiter, the retry
/// budget and the token cell. Send it to as many tasks as you like.
///
/// ```no_run
/// # async fn demo() -> Result<(), kitsu_transport::Error> {
/// use kitsu_transport::{Transport, RequestBody};
///
/// let transport = Transport::builder("https://kitsu.mystudio.com/api")
///     .max_in_flight(16)
///     .build()?;
/// let request = http::Request::get(transport.url("data/projects")?)
///     .body(RequestBody::empty())
///     .expect("a valid request");
/// let response = transport.send(request).await?;
/// println!("{}", response.status());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) service: HttpService,
    pub(crate) base: Arc<BaseUrl>,
    pub(crate) token: TokenCell,
    /// The retry layer's policy (and budget), for the replays of a cut body.
    pub(crate) replays: Option<RetryPolicy>,
}

impl Transport {
    /// Starts building a transport for the server at `base_url`, e.g.
    /// `https://kitsu.mystudio.com/api` (Kitsu) or `http://127.0.0.1:5000` (a bare Zou).
    pub fn builder(base_url: impl Into<String>) -> TransportBuilder {
        TransportBuilder::new(base_url)
    }

    /// A transport with every default. Must be called inside a tokio runtime's context.
    pub fn new(base_url: impl Into<String>) -> Result<Transport, Error> {
        TransportBuilder::new(base_url).build()
    }

    pub(crate) fn from_inner(inner: Arc<Inner>) -> Transport {
        Transport { inner }
    }

    /// The retry layer's policy, for the replays of a cut body (`None` with retries off).
    pub(crate) fn replays(&self) -> Option<&RetryPolicy> {
        self.inner.replays.as_ref()
    }

    /// A handle that does not keep the transport alive: what a [`RefreshHook`](crate::RefreshHook)
    /// holds to send its request through the transport whose token cell holds the hook (a
    /// `Transport` there would be a reference cycle: transport, stack, auth layer, token cell,
    /// hook, transport).
    pub fn downgrade(&self) -> WeakTransport {
        WeakTransport {
            inner: Arc::downgrade(&self.inner),
        }
    }

    /// The base URL every relative path is joined to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.inner.base
    }

    /// The token cell the auth layer reads (shared by every clone).
    pub fn token(&self) -> &TokenCell {
        &self.inner.token
    }

    /// Joins `path` (`data/projects?page=2`) to the base URL.
    pub fn url(&self, path: &str) -> Result<Uri, Error> {
        self.inner.base.join(path)
    }

    /// Sends a request through the whole stack. A relative URI is joined to the base URL.
    ///
    /// An error status is *not* an error here: look at `response.status()`. A redirect is
    /// ([`Error::Redirect`]). To read the body whole with replays when it is cut mid-way, see
    /// [`Transport::send_and_read`].
    pub async fn send(
        &self,
        request: Request<RequestBody>,
    ) -> Result<Response<ResponseBody>, Error> {
        self.inner.service.clone().oneshot(request).await
    }

    /// The whole stack as a tower service, to compose with other tower code.
    pub fn service(&self) -> HttpService {
        self.inner.service.clone()
    }
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.inner.base.to_string())
            .field("token", &self.inner.token)
            .finish_non_exhaustive()
    }
}

/// A weak handle on a [`Transport`], from [`Transport::downgrade`]: it does not keep the
/// transport alive.
#[derive(Clone)]
pub struct WeakTransport {
    inner: Weak<Inner>,
}

impl WeakTransport {
    /// The transport, if any clone of it is still alive.
    pub fn upgrade(&self) -> Option<Transport> {
        self.inner.upgrade().map(Transport::from_inner)
    }
}

impl fmt::Debug for WeakTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WeakTransport")
            .field("alive", &(self.inner.strong_count() > 0))
            .finish_non_exhaustive()
    }
}
