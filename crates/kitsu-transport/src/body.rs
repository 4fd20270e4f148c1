//! Request and response bodies.
//!
//! A [`RequestBody`] is either in memory (cheap to clone, so retried and replayed freely), a
//! *replayable stream* (a factory that makes the stream anew for every attempt: how a file upload
//! is retried without being cloned or read into memory), or a one-shot stream (sent once, never
//! retried). A body with a known length is sent with an exact `Content-Length`, never chunked, and
//! a stream that yields more or fewer bytes than it declared fails instead of sending a torn body.

use std::fmt;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt, stream::BoxStream};
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use http_body_util::combinators::UnsyncBoxBody;
use tokio::sync::OwnedSemaphorePermit;

use crate::error::BoxError;

/// A stream of body chunks.
pub type ByteStream = BoxStream<'static, io::Result<Bytes>>;

type StreamFactory = Arc<dyn Fn() -> ByteStream + Send + Sync>;

/// The body of a request sent through the transport.
pub struct RequestBody {
    kind: Kind,
}

enum Kind {
    Empty,
    Full {
        data: Bytes,
        sent: bool,
    },
    Stream {
        stream: ByteStream,
        length: Option<u64>,
        seen: u64,
        factory: Option<StreamFactory>,
    },
    Replayable {
        factory: StreamFactory,
        length: u64,
    },
}

impl RequestBody {
    /// An empty body (no `Content-Length` for GET, `Content-Length: 0` otherwise).
    pub fn empty() -> Self {
        RequestBody { kind: Kind::Empty }
    }

    /// A body held in memory. Cloneable, so requests with it are retried and replayed.
    pub fn from_bytes(data: impl Into<Bytes>) -> Self {
        RequestBody {
            kind: Kind::Full {
                data: data.into(),
                sent: false,
            },
        }
    }

    /// A one-shot stream. `length`, when known, is sent as `Content-Length` and enforced.
    /// Requests with such a body are never retried nor replayed.
    pub fn from_stream<S>(stream: S, length: Option<u64>) -> Self
    where
        S: Stream<Item = io::Result<Bytes>> + Send + 'static,
    {
        RequestBody {
            kind: Kind::Stream {
                stream: stream.boxed(),
                length,
                seen: 0,
                factory: None,
            },
        }
    }

    /// A stream that `factory` makes anew for every attempt, of exactly `length` bytes.
    ///
    /// This is how large uploads are retried and replayed after a token refresh: the request is
    /// rebuilt from its source (the file is opened again), never cloned or buffered.
    pub fn replayable<F, S>(length: u64, factory: F) -> Self
    where
        F: Fn() -> S + Send + Sync + 'static,
        S: Stream<Item = io::Result<Bytes>> + Send + 'static,
    {
        RequestBody {
            kind: Kind::Replayable {
                factory: Arc::new(move || factory().boxed()),
                length,
            },
        }
    }

    /// A fresh copy of this body for another attempt, if it can be had without buffering:
    /// `None` for a one-shot stream.
    pub fn try_clone(&self) -> Option<Self> {
        let kind = match &self.kind {
            Kind::Empty => Kind::Empty,
            Kind::Full { data, .. } => Kind::Full {
                data: data.clone(),
                sent: false,
            },
            Kind::Replayable { factory, length } => Kind::Replayable {
                factory: factory.clone(),
                length: *length,
            },
            Kind::Stream {
                factory: Some(factory),
                length: Some(length),
                seen: 0,
                ..
            } => Kind::Replayable {
                factory: factory.clone(),
                length: *length,
            },
            Kind::Stream { .. } => return None,
        };
        Some(RequestBody { kind })
    }

    /// The body's length, if known in advance.
    pub fn content_length(&self) -> Option<u64> {
        match &self.kind {
            Kind::Empty => Some(0),
            Kind::Full { data, .. } => Some(data.len() as u64),
            Kind::Stream { length, .. } => *length,
            Kind::Replayable { length, .. } => Some(*length),
        }
    }

    /// The bytes of an in-memory body (`None` for streams).
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.kind {
            Kind::Full { data, .. } => Some(data),
            _ => None,
        }
    }
}

impl Default for RequestBody {
    fn default() -> Self {
        RequestBody::empty()
    }
}

impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Empty => f.write_str("RequestBody::Empty"),
            Kind::Full { data, .. } => write!(f, "RequestBody::Bytes({} bytes)", data.len()),
            Kind::Stream { length, .. } => write!(f, "RequestBody::Stream(length {length:?})"),
            Kind::Replayable { length, .. } => write!(f, "RequestBody::Replayable({length} bytes)"),
        }
    }
}

impl From<Bytes> for RequestBody {
    fn from(data: Bytes) -> Self {
        RequestBody::from_bytes(data)
    }
}

impl From<Vec<u8>> for RequestBody {
    fn from(data: Vec<u8>) -> Self {
        RequestBody::from_bytes(data)
    }
}

impl From<String> for RequestBody {
    fn from(data: String) -> Self {
        RequestBody::from_bytes(data)
    }
}

impl From<&'static str> for RequestBody {
    fn from(data: &'static str) -> Self {
        RequestBody::from_bytes(data)
    }
}

impl From<()> for RequestBody {
    fn from((): ()) -> Self {
        RequestBody::empty()
    }
}

impl Body for RequestBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = &mut *self;
        if let Kind::Replayable { factory, length } = &this.kind {
            this.kind = Kind::Stream {
                stream: factory(),
                length: Some(*length),
                seen: 0,
                factory: Some(factory.clone()),
            };
        }
        match &mut this.kind {
            Kind::Empty => Poll::Ready(None),
            Kind::Full { data, sent } => {
                if *sent || data.is_empty() {
                    return Poll::Ready(None);
                }
                *sent = true;
                Poll::Ready(Some(Ok(Frame::data(data.clone()))))
            }
            Kind::Stream {
                stream,
                length,
                seen,
                ..
            } => match ready!(stream.poll_next_unpin(cx)) {
                Some(Ok(chunk)) => {
                    *seen += chunk.len() as u64;
                    match length {
                        Some(expected) if *seen > *expected => {
                            Poll::Ready(Some(Err(io::Error::other(format!(
                                "request body stream yielded more than its declared {expected} bytes"
                            )))))
                        }
                        _ => Poll::Ready(Some(Ok(Frame::data(chunk)))),
                    }
                }
                Some(Err(error)) => Poll::Ready(Some(Err(error))),
                None => match length {
                    Some(expected) if *seen != *expected => Poll::Ready(Some(Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!(
                            "request body stream ended after {seen} of its declared {expected} bytes"
                        ),
                    )))),
                    _ => Poll::Ready(None),
                },
            },
            Kind::Replayable { .. } => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            Kind::Empty => true,
            Kind::Full { data, sent } => *sent || data.is_empty(),
            Kind::Stream { length, seen, .. } => length.is_some_and(|l| l == 0 && *seen == 0),
            Kind::Replayable { length, .. } => *length == 0,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Empty => SizeHint::with_exact(0),
            Kind::Full { data, sent } => {
                SizeHint::with_exact(if *sent { 0 } else { data.len() as u64 })
            }
            Kind::Stream {
                length: Some(length),
                seen,
                ..
            } => SizeHint::with_exact(length.saturating_sub(*seen)),
            Kind::Stream { length: None, .. } => SizeHint::default(),
            Kind::Replayable { length, .. } => SizeHint::with_exact(*length),
        }
    }
}

/// The body of a response from the transport.
///
/// It holds the in-flight permit of its request: the request counts against the in-flight cap
/// until its body is read to the end or dropped, so streaming downloads are bounded too.
pub struct ResponseBody {
    inner: UnsyncBoxBody<Bytes, BoxError>,
    permit: Option<OwnedSemaphorePermit>,
}

impl ResponseBody {
    /// Wraps any body.
    pub fn new<B>(body: B) -> Self
    where
        B: Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        ResponseBody {
            inner: body.map_err(Into::into).boxed_unsync(),
            permit: None,
        }
    }

    /// An empty body.
    pub fn empty() -> Self {
        ResponseBody::new(http_body_util::Empty::<Bytes>::new())
    }

    /// Keeps `permit` until the body is finished or dropped.
    pub(crate) fn hold(mut self, permit: OwnedSemaphorePermit) -> Self {
        self.permit = Some(permit);
        self
    }

    /// Reads the whole body into memory.
    pub async fn bytes(self) -> Result<Bytes, BoxError> {
        Ok(self.collect().await?.to_bytes())
    }

    /// Reads the whole body into memory; a failure is [`Error::Body`](crate::Error::Body) naming
    /// `url` (or the transport's own error: the size limit or the deadline passed, see
    /// [`Error::from_body`](crate::Error::from_body)).
    pub async fn read_all(self, url: &http::Uri) -> Result<Bytes, crate::Error> {
        self.bytes()
            .await
            .map_err(|source| crate::Error::from_body(url, source))
    }

    /// Reads the whole body into memory, failing with `Ok(None)` as soon as it exceeds `limit` bytes.
    pub async fn bytes_limited(mut self, limit: usize) -> Result<Option<Bytes>, BoxError> {
        let mut buffer = BytesMut::new();
        while let Some(frame) = self.frame().await {
            if let Ok(data) = frame?.into_data() {
                if buffer.len() + data.len() > limit {
                    return Ok(None);
                }
                buffer.extend_from_slice(&data);
            }
        }
        Ok(Some(buffer.freeze()))
    }

    /// Reads at most `limit` bytes, ignoring read errors and the rest: for error snippets.
    pub async fn read_prefix(mut self, limit: usize) -> Bytes {
        let mut buffer = BytesMut::new();
        while buffer.len() < limit {
            match self.frame().await {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        let take = data.len().min(limit - buffer.len());
                        buffer.extend_from_slice(&data[..take]);
                    }
                }
                _ => break,
            }
        }
        buffer.freeze()
    }

    /// Reads the body until `limit` bytes have been seen (a frame may go past it), and gives back
    /// what was read together with a body that yields the same bytes and then the rest (or the
    /// read error), so that looking at a body loses nothing of it.
    pub(crate) async fn peek(mut self, limit: usize) -> (Bytes, ResponseBody) {
        let mut seen = BytesMut::new();
        let mut frames = Vec::new();
        while seen.len() < limit {
            match self.frame().await {
                None => {
                    let seen = seen.freeze();
                    let only_data = frames.iter().all(Frame::is_data);
                    let whole = if only_data {
                        ResponseBody::from(seen.clone())
                    } else {
                        replay(frames, None)
                    };
                    return (seen, whole);
                }
                Some(Ok(frame)) => {
                    if let Some(data) = frame.data_ref() {
                        seen.extend_from_slice(data);
                    }
                    frames.push(frame);
                }
                Some(Err(error)) => return (seen.freeze(), replay(frames, Some(Err(error)))),
            }
        }
        let rest = http_body_util::BodyStream::new(self);
        let body = ResponseBody::new(http_body_util::StreamBody::new(
            futures_util::stream::iter(frames.into_iter().map(Ok)).chain(rest),
        ));
        (seen.freeze(), body)
    }

    /// The body as a stream of data chunks.
    pub fn into_data_stream(self) -> impl Stream<Item = Result<Bytes, BoxError>> + Send {
        http_body_util::BodyDataStream::new(self)
    }
}

impl Default for ResponseBody {
    fn default() -> Self {
        ResponseBody::empty()
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseBody")
            .field("size_hint", &self.inner.size_hint())
            .finish_non_exhaustive()
    }
}

macro_rules! response_body_from {
    ($($ty:ty),*) => {$(
        impl From<$ty> for ResponseBody {
            fn from(data: $ty) -> Self {
                ResponseBody::new(http_body_util::Full::new(Bytes::from(data)))
            }
        }
    )*};
}
response_body_from!(Bytes, Vec<u8>, String, &'static str);

impl Body for ResponseBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let polled = ready!(Pin::new(&mut self.inner).poll_frame(cx));
        if polled.is_none() {
            self.permit = None;
        }
        Poll::Ready(polled)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// A body that yields `frames`, then `last` (a read error) if any.
fn replay(frames: Vec<Frame<Bytes>>, last: Option<Result<Frame<Bytes>, BoxError>>) -> ResponseBody {
    let frames = frames.into_iter().map(Ok).chain(last);
    ResponseBody::new(http_body_util::StreamBody::new(futures_util::stream::iter(
        frames,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::stream;

    async fn collect(body: RequestBody) -> Result<Bytes, io::Error> {
        Ok(body.collect().await?.to_bytes())
    }

    #[tokio::test]
    async fn full_body_clones_and_reports_exact_length() {
        let body = RequestBody::from("hello");
        assert_eq!(body.size_hint().exact(), Some(5));
        let copy = body.try_clone().expect("bytes clone");
        assert_eq!(collect(body).await.unwrap(), "hello");
        assert_eq!(collect(copy).await.unwrap(), "hello");
    }

    #[tokio::test]
    async fn one_shot_stream_is_not_cloneable() {
        let body = RequestBody::from_stream(stream::iter([Ok(Bytes::from("x"))]), Some(1));
        assert!(body.try_clone().is_none());
        assert_eq!(body.size_hint().exact(), Some(1));
    }

    #[tokio::test]
    async fn replayable_stream_is_made_anew_for_each_copy() {
        let made = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = made.clone();
        let body = RequestBody::replayable(6, move || {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            stream::iter([Ok(Bytes::from("abc")), Ok(Bytes::from("def"))])
        });
        let copy = body.try_clone().expect("replayable");
        assert_eq!(collect(body).await.unwrap(), "abcdef");
        assert_eq!(collect(copy).await.unwrap(), "abcdef");
        assert_eq!(made.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn stream_shorter_than_declared_fails() {
        let body = RequestBody::replayable(10, || stream::iter([Ok(Bytes::from("abc"))]));
        let error = collect(body).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        assert!(
            error.to_string().contains("3 of its declared 10"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn stream_longer_than_declared_fails() {
        let body = RequestBody::from_stream(stream::iter([Ok(Bytes::from("abcdef"))]), Some(2));
        let error = collect(body).await.unwrap_err();
        assert!(
            error.to_string().contains("more than its declared 2"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn response_body_limits() {
        let body = ResponseBody::from("0123456789");
        assert_eq!(body.bytes_limited(4).await.unwrap(), None);
        let body = ResponseBody::from("0123456789");
        assert_eq!(body.bytes_limited(10).await.unwrap().unwrap(), "0123456789");
        let body = ResponseBody::from("0123456789");
        assert_eq!(body.read_prefix(3).await, "012");
    }
}
