//! Joins relative request URIs to the base URL.

use std::sync::Arc;

use http::Request;

use super::{InnerService, Middleware, ResponseFuture};
use crate::RequestBody;
use crate::url::BaseUrl;

/// Rewrites `/data/projects?x=1` into `<base>/data/projects?x=1`; absolute URIs pass unchanged.
/// A URI that cannot be joined fails with [`Error::InvalidUrl`](crate::Error::InvalidUrl).
#[derive(Clone, Debug)]
pub struct BaseUrlLayer {
    base: Arc<BaseUrl>,
}

impl BaseUrlLayer {
    /// A layer joining relative URIs to `base`.
    pub fn new(base: BaseUrl) -> Self {
        BaseUrlLayer {
            base: Arc::new(base),
        }
    }
}

impl Middleware for BaseUrlLayer {
    fn handle<S: InnerService>(&self, inner: S, request: Request<RequestBody>) -> ResponseFuture {
        let (mut inner, mut request) = (inner, request);
        match self.base.join_uri(request.uri()) {
            Ok(uri) => {
                *request.uri_mut() = uri;
                Box::pin(inner.call(request))
            }
            Err(error) => Box::pin(std::future::ready(Err(error))),
        }
    }
}
