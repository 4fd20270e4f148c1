//! The transport's layers, as public tower layers.
//!
//! [`TransportBuilder::build`](crate::TransportBuilder::build) stacks these same layers (see its
//! docs for the order); they can as well be used alone, or in a `tower::ServiceBuilder` of your
//! own, over any [`InnerService`]: a service of `Request<RequestBody>` to
//! `Response<ResponseBody>` failing with [`Error`], `Clone + Send + Sync`.
//!
//! | layer | what it does |
//! |---|---|
//! | [`BaseUrlLayer`] | joins relative request URIs to the base URL |
//! | [`TraceLayer`] | one `kitsu.request` span per request |
//! | [`DeadlineLayer`] | bounds a whole call, body included |
//! | [`RedirectLayer`] | turns a 3xx into a typed error, never followed |
//! | [`BodyLimitLayer`] | bounds the size of response bodies |
//! | [`RetryLayer`] | retries transient failures (see [`RetryConfig`](crate::RetryConfig)) |
//! | [`RateLimitLayer`] | spaces requests with a GCRA limiter |
//! | [`InFlightLayer`] | caps requests in flight, until their response body ends |
//! | [`AuthLayer`] | injects the bearer token of a [`TokenCell`](crate::TokenCell) as the request leaves, refreshes (ahead of expiry, or after an expired-token answer) and replays |
//! | [`TimeoutLayer`] | bounds each attempt's wait for a response head |
//!
//! A layer keeps its state behind an `Arc`: every service one layer value makes (and every clone
//! of those services) shares one semaphore, one limiter, one retry budget, one token cell.
//! Build a second layer value for separate state.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), kitsu_transport::Error> {
//! use http::{Request, Response};
//! use kitsu_transport::{BaseUrl, BaseUrlLayer, Error, InFlightLayer, RequestBody, ResponseBody};
//! use tower::{ServiceBuilder, ServiceExt, service_fn};
//!
//! let service = ServiceBuilder::new()
//!     .layer(BaseUrlLayer::new(BaseUrl::parse("http://kitsu.test/api")?))
//!     .layer(InFlightLayer::new(4)?)
//!     .service(service_fn(|request: Request<RequestBody>| async move {
//!         assert_eq!(request.uri(), "http://kitsu.test/api/data/projects");
//!         Ok::<_, Error>(Response::new(ResponseBody::from("[]")))
//!     }));
//! let request = Request::get("/data/projects")
//!     .body(RequestBody::empty())
//!     .map_err(|error| Error::Service(error.into()))?;
//! let response = service.oneshot(request).await?;
//! let body = response.into_body().bytes().await.map_err(Error::Service)?;
//! assert_eq!(body, "[]");
//! # Ok(()) }
//! ```

use std::task::{Context, Poll};

use futures_util::future::BoxFuture;
use http::{Request, Response};
use tower::Service;

use crate::{Error, RequestBody, ResponseBody};

mod auth;
mod base_url;
mod body_limit;
mod deadline;
mod in_flight;
mod rate_limit;
mod redirect;
mod retry;
mod timeout;
mod trace;

pub use auth::AuthLayer;
pub use base_url::BaseUrlLayer;
pub use body_limit::{BodyLimitLayer, MaxResponseSize};
pub use deadline::{DeadlineLayer, RequestDeadline};
pub use in_flight::{BypassLimits, InFlightLayer};
pub use rate_limit::RateLimitLayer;
pub use redirect::RedirectLayer;
pub use retry::RetryLayer;
pub use timeout::{RequestTimeout, TimeoutLayer};
pub use trace::TraceLayer;

pub(crate) use auth::clone_request;

/// A per-request override of a layer's default setting, carried as a request extension:
/// `Some(value)` replaces the default, `None` lifts the setting for that request.
pub(crate) trait Override: Clone + Send + Sync + 'static {
    /// The setting's value.
    type Value: Copy;
    /// The override's value.
    fn value(&self) -> Option<Self::Value>;
}

/// The setting that holds for `request`: its override if it carries one, else `default`.
pub(crate) fn setting<O: Override>(
    request: &Request<RequestBody>,
    default: Option<O::Value>,
) -> Option<O::Value> {
    request
        .extensions()
        .get::<O>()
        .map_or(default, Override::value)
}

/// The future every layer's service returns.
pub type ResponseFuture = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

/// A service the layers of this module can wrap: requests with a [`RequestBody`] in, responses
/// with a [`ResponseBody`] out, [`Error`] on failure, `Clone + Send + Sync + 'static`, with a
/// `Send` future. Implemented for every such service
/// ([`HttpService`](crate::HttpService), a `tower::service_fn`, a layer's service, …).
pub trait InnerService:
    Service<
        Request<RequestBody>,
        Response = Response<ResponseBody>,
        Error = Error,
        Future: Send + 'static,
    > + Clone
    + Send
    + Sync
    + 'static
{
}

impl<S> InnerService for S where
    S: Service<
            Request<RequestBody>,
            Response = Response<ResponseBody>,
            Error = Error,
            Future: Send + 'static,
        > + Clone
        + Send
        + Sync
        + 'static
{
}

mod sealed {
    pub trait Sealed {}
}

/// What one layer of this module does with a request. Implemented by the layers themselves
/// (sealed): a layer value is the shared state its services use.
pub trait Middleware: sealed::Sealed + Clone + Send + Sync + 'static {
    /// Handles one request with `inner`, which is ready to take it.
    fn handle<S: InnerService>(&self, inner: S, request: Request<RequestBody>) -> ResponseFuture;
}

/// The service of every layer of this module: the layer's [`Middleware`] over an inner service.
/// `poll_ready` asks the inner service; `call` hands the middleware the readied inner service.
/// Each layer names its own alias ([`AuthService`], [`RetryService`], …).
#[derive(Clone, Debug)]
pub struct LayerService<M, S> {
    middleware: M,
    inner: S,
}

impl<M, S> LayerService<M, S> {
    /// Wraps `inner` with `middleware` (what the layer's `Layer::layer` does).
    pub fn new(middleware: M, inner: S) -> Self {
        LayerService { middleware, inner }
    }

    /// The inner service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The inner service, unwrapped.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<M: Middleware, S: InnerService> Service<Request<RequestBody>> for LayerService<M, S> {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = ResponseFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<RequestBody>) -> ResponseFuture {
        // Take the service `poll_ready` readied, leaving a fresh clone in its place: the
        // middleware may call it later, from its future.
        let clone = self.inner.clone();
        let ready = std::mem::replace(&mut self.inner, clone);
        self.middleware.handle(ready, request)
    }
}

/// Makes a layer type of this module a tower `Layer` whose service is `LayerService<Layer, S>`,
/// named by the alias `$service`.
macro_rules! middleware_layer {
    ($layer:ident, $service:ident) => {
        #[doc = concat!("The service [`", stringify!($layer), "`] makes.")]
        pub type $service<S> = LayerService<$layer, S>;

        impl<S> tower::Layer<S> for $layer {
            type Service = $service<S>;

            fn layer(&self, inner: S) -> $service<S> {
                LayerService::new(self.clone(), inner)
            }
        }

        impl sealed::Sealed for $layer {}
    };
}

middleware_layer!(BaseUrlLayer, BaseUrlService);
middleware_layer!(TraceLayer, TraceService);
middleware_layer!(DeadlineLayer, DeadlineService);
middleware_layer!(RedirectLayer, RedirectService);
middleware_layer!(BodyLimitLayer, BodyLimitService);
middleware_layer!(RetryLayer, RetryService);
middleware_layer!(AuthLayer, AuthService);
middleware_layer!(RateLimitLayer, RateLimitService);
middleware_layer!(InFlightLayer, InFlightService);
middleware_layer!(TimeoutLayer, TimeoutService);
