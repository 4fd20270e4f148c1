//! Joins relative request URIs to the base URL.

use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::future::{BoxFuture, FutureExt};
use http::{Request, Response};
use tower::Service;

use crate::url::BaseUrl;
use crate::{Error, HttpService, RequestBody, ResponseBody};

/// Rewrites `data/projects?x=1` into `<base>/data/projects?x=1`; absolute URIs pass unchanged.
#[derive(Clone)]
pub(crate) struct JoinBaseUrl {
    pub(crate) inner: HttpService,
    pub(crate) base: Arc<BaseUrl>,
}

impl Service<Request<RequestBody>> for JoinBaseUrl {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<RequestBody>) -> Self::Future {
        match self.base.join_uri(request.uri()) {
            Ok(uri) => {
                *request.uri_mut() = uri;
                self.inner.call(request)
            }
            Err(error) => futures_util::future::ready(Err(error)).boxed(),
        }
    }
}
