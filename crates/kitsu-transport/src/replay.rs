//! [`Transport::send_and_read`]: a call read whole, replayed when its body is cut mid-way.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use http::{Request, Response};
use http_body::{Body, Frame, SizeHint};

use crate::call::CallState;
use crate::connector::connection_closed;
use crate::error::{BoxError, chain};
use crate::layer::clone_request;
use crate::retry::classify::repeatable;
use crate::{Error, RequestBody, ResponseBody, Transport};

impl Transport {
    /// Sends a request through the whole stack, as [`Transport::send`], and hands the response to
    /// `read`, which reads its body whole (or decodes it as it arrives) into a `T`.
    ///
    /// When the body is cut mid-way (the connection closed or reset after the head), `read`'s
    /// failure is not final: a request that may be repeated (GET, HEAD, PUT, DELETE, OPTIONS, or
    /// one marked [`Idempotent`](crate::Idempotent)) whose body can be sent again is replayed
    /// and read anew, from the start, under the retry policy: the attempts count against
    /// `max_attempts` (with the ones the retry layer made), each replay spends from the retry
    /// budget and waits its backoff, and the call's deadline still holds. Whatever `read` had
    /// made of the cut answer is dropped, so nothing from a broken answer reaches the caller.
    /// When no replay is left, the failure says how many attempts were made
    /// ([`Error::RetriesExhausted`] or [`Error::RetryBudgetExhausted`] over [`Error::Body`]).
    ///
    /// Any other failure of `read` (a decoding error, an error status it refuses) is returned
    /// as it is.
    ///
    /// ```no_run
    /// # async fn demo(transport: kitsu_transport::Transport) -> Result<(), kitsu_transport::Error> {
    /// use kitsu_transport::{Error, RequestBody};
    ///
    /// let request = http::Request::get("/data/projects").body(RequestBody::empty()).expect("valid");
    /// let url = transport.url("data/projects")?;
    /// let body = transport
    ///     .send_and_read(request, |response| {
    ///         let url = url.clone();
    ///         async move { response.into_body().read_all(&url).await }
    ///     })
    ///     .await?;
    /// println!("{} bytes", body.len());
    /// # Ok::<(), Error>(()) }
    /// ```
    pub async fn send_and_read<T, E, F, Fut>(
        &self,
        request: Request<RequestBody>,
        read: F,
    ) -> Result<T, E>
    where
        F: FnMut(Response<ResponseBody>) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: From<Error>,
    {
        self.send_and_read_via(request, |request| self.send(request), read)
            .await
    }

    /// [`Transport::send_and_read`], each attempt sent by `send` instead of [`Transport::send`]:
    /// something in front of the transport that answers some requests itself or sends them
    /// through it (a cache). A cut is told by the body `send` hands back, so a `send` that reads
    /// a body before handing it on must hand on its error as it came.
    pub async fn send_and_read_via<T, E, S, SendFut, F, Fut>(
        &self,
        mut request: Request<RequestBody>,
        mut send: S,
        mut read: F,
    ) -> Result<T, E>
    where
        S: FnMut(Request<RequestBody>) -> SendFut,
        SendFut: Future<Output = Result<Response<ResponseBody>, Error>>,
        F: FnMut(Response<ResponseBody>) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: From<Error>,
    {
        let call = CallState::of(&mut request);
        let url = self
            .base_url()
            .join_uri(request.uri())
            .unwrap_or_else(|_| request.uri().clone());
        let policy = self.replays();
        loop {
            let again = match policy {
                Some(_) if repeatable(&request) => clone_request(&request),
                _ => None,
            };
            let response = send(request).await?;
            let cut = Arc::new(Cut::default());
            let watched = response.map(|body| {
                ResponseBody::new(Watched {
                    body,
                    cut: cut.clone(),
                })
            });
            let failure = match read(watched).await {
                Ok(value) => return Ok(value),
                Err(failure) => failure,
            };
            let (Some(reason), Some(again), Some(policy)) = (cut.take(), again, policy) else {
                return Err(failure);
            };
            let attempts = call.attempts().max(1);
            match policy.next_try(attempts, None) {
                Ok(delay) => {
                    tracing::debug!(
                        attempt = attempts,
                        delay_ms = delay.as_millis() as u64,
                        "response body cut: replaying"
                    );
                    tokio::time::sleep(delay).await;
                    request = again;
                }
                Err(stopped) => {
                    let cut = Error::Body {
                        url,
                        source: reason.into(),
                    };
                    return Err(stopped.wrap(attempts, cut).into());
                }
            }
        }
    }
}

/// How a watched body was cut, if it was.
#[derive(Debug, Default)]
struct Cut(Mutex<Option<String>>);

impl Cut {
    fn record(&self, error: &BoxError) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(chain(error.as_ref()));
    }

    fn take(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

/// A response body that records whether it failed because its connection was cut.
struct Watched {
    body: ResponseBody,
    cut: Arc<Cut>,
}

impl Body for Watched {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let frame = ready!(Pin::new(&mut self.body).poll_frame(cx));
        if let Some(Err(error)) = &frame {
            if connection_closed(error.as_ref()) {
                self.cut.record(error);
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
