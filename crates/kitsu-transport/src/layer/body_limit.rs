//! Bounds the size of response bodies.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Request, Uri};
use http_body::{Body, Frame, SizeHint};

use super::{InnerService, Middleware, ResponseFuture};
use crate::error::BoxError;
use crate::{Error, RequestBody, ResponseBody};

/// A per-request override of the response-size limit, as a request extension.
///
/// `MaxResponseSize(None)` lifts the limit for that request (a download streamed to disk);
/// `MaxResponseSize(Some(bytes))` replaces the layer's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxResponseSize(pub Option<usize>);

impl super::Override for MaxResponseSize {
    type Value = usize;
    fn value(&self) -> Option<usize> {
        self.0
    }
}

/// Fails the reading of a response body with [`Error::BodyTooLarge`] (naming the URL and the
/// limit) as soon as it passes the limit, or at once when its `Content-Length` already does, so
/// a hostile or runaway answer cannot take the process's memory. The head still arrives: an
/// error status stays readable for what fits.
#[derive(Clone, Copy, Debug)]
pub struct BodyLimitLayer {
    default: Option<usize>,
}

impl BodyLimitLayer {
    /// Response bodies may be at most `default` bytes (`None`: no limit), unless the request
    /// carries a [`MaxResponseSize`].
    pub fn new(default: Option<usize>) -> Self {
        BodyLimitLayer { default }
    }
}

impl Middleware for BodyLimitLayer {
    fn handle<S: InnerService>(
        &self,
        mut inner: S,
        request: Request<RequestBody>,
    ) -> ResponseFuture {
        let limit = super::setting::<MaxResponseSize>(&request, self.default);
        let Some(limit) = limit else {
            return Box::pin(inner.call(request));
        };
        let url = request.uri().clone();
        let response = inner.call(request);
        Box::pin(async move {
            let response = response.await?;
            Ok(response.map(|body| {
                ResponseBody::new(LimitedBody {
                    body,
                    limit,
                    seen: 0,
                    url,
                })
            }))
        })
    }
}

/// A body that fails once more than `limit` bytes came, or would come.
struct LimitedBody {
    body: ResponseBody,
    limit: usize,
    seen: usize,
    url: Uri,
}

impl LimitedBody {
    fn too_large(&self) -> BoxError {
        Error::BodyTooLarge {
            url: self.url.clone(),
            limit: self.limit,
        }
        .into()
    }
}

impl Body for LimitedBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if self.seen > self.limit {
            // Failed already: nothing more comes.
            return Poll::Ready(None);
        }
        if self.seen == 0 && self.body.size_hint().lower() > self.limit as u64 {
            self.seen = self.limit.saturating_add(1);
            return Poll::Ready(Some(Err(self.too_large())));
        }
        let frame = std::task::ready!(Pin::new(&mut self.body).poll_frame(cx));
        if let Some(data) = frame.as_ref().and_then(|f| f.as_ref().ok()?.data_ref()) {
            self.seen = self.seen.saturating_add(data.len());
            if self.seen > self.limit {
                return Poll::Ready(Some(Err(self.too_large())));
            }
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
