//! Bounds a whole call: every attempt, backoff and refresh, and the reading of its body.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, Uri};
use http_body::{Body, Frame, SizeHint};
use tokio::time::Sleep;

use super::{InnerService, Middleware, ResponseFuture};
use crate::call::CallState;
use crate::error::BoxError;
use crate::{Error, RequestBody, ResponseBody};

/// A per-request override of the whole-call deadline, as a request extension.
///
/// `RequestDeadline(None)` lifts the deadline for that request (a download of a large movie);
/// `RequestDeadline(Some(d))` replaces the layer's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestDeadline(pub Option<Duration>);

impl super::Override for RequestDeadline {
    type Value = Duration;
    fn value(&self) -> Option<Duration> {
        self.0
    }
}

/// Fails a call with [`Error::Deadline`] when it has not finished in time, counted from the
/// start of the call: waiting for a slot or a rate token, every attempt, every backoff sleep,
/// a token refresh, and reading the response body (a body still streaming at the deadline
/// fails with the same error). Above a [`RetryLayer`](super::RetryLayer), unlike the
/// [`TimeoutLayer`](super::TimeoutLayer), which bounds each attempt's wait for its response head.
///
/// The replays of [`Transport::send_and_read`](crate::Transport::send_and_read) share the
/// deadline of their call.
#[derive(Clone, Copy, Debug)]
pub struct DeadlineLayer {
    default: Option<Duration>,
}

impl DeadlineLayer {
    /// Each call must finish within `default` (`None`: no deadline), unless the request carries
    /// a [`RequestDeadline`].
    pub fn new(default: Option<Duration>) -> Self {
        DeadlineLayer { default }
    }
}

/// What the deadline error names.
struct Passed {
    method: Method,
    url: Uri,
    after: Duration,
    call: CallState,
}

impl Passed {
    fn error(&self) -> Error {
        Error::Deadline {
            method: self.method.clone(),
            url: self.url.clone(),
            after: self.after,
            attempts: self.call.attempts().max(1),
        }
    }
}

impl Middleware for DeadlineLayer {
    fn handle<S: InnerService>(
        &self,
        mut inner: S,
        mut request: Request<RequestBody>,
    ) -> ResponseFuture {
        let limit = super::setting::<RequestDeadline>(&request, self.default);
        let Some(limit) = limit else {
            return Box::pin(inner.call(request));
        };
        let call = CallState::of(&mut request);
        let deadline = call.started() + limit;
        let passed = Arc::new(Passed {
            method: request.method().clone(),
            url: request.uri().clone(),
            after: limit,
            call,
        });
        let response = inner.call(request);
        Box::pin(async move {
            match tokio::time::timeout_at(deadline, response).await {
                Ok(Ok(response)) => Ok(response.map(|body| {
                    ResponseBody::new(DeadlineBody {
                        body,
                        sleep: Box::pin(tokio::time::sleep_until(deadline)),
                        passed,
                    })
                })),
                Ok(Err(error)) => Err(error),
                Err(_) => Err(passed.error()),
            }
        })
    }
}

/// A response body that fails with [`Error::Deadline`] if it is still being read at the deadline.
struct DeadlineBody {
    body: ResponseBody,
    sleep: Pin<Box<Sleep>>,
    passed: Arc<Passed>,
}

impl Body for DeadlineBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if let Poll::Ready(frame) = Pin::new(&mut self.body).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        match self.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(self.passed.error().into()))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
