//! Reading an answer whole to keep it, without losing anything of one that is too big.

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use http_body::{Body as _, Frame};
use http_body_util::{BodyExt, BodyStream, StreamBody};
use kitsu_transport::ResponseBody;

/// A body read whole, or given back as it was.
pub(crate) enum Buffered {
    /// The body ended cleanly within the limit.
    Whole(Bytes),
    /// The body is bigger than the limit, or failed: a body that yields everything read so far,
    /// then the rest (or the error), for the caller to read as if nothing had looked at it.
    Passed(ResponseBody),
}

/// Reads `body` whole if it ends within `limit` bytes. A body that says it is bigger (by its
/// `Content-Length`) is passed on at once, unread.
pub(crate) async fn buffer(mut body: ResponseBody, limit: usize) -> Buffered {
    if body.size_hint().lower() > limit as u64 {
        return Buffered::Passed(body);
    }
    let mut frames: Vec<Frame<Bytes>> = Vec::new();
    let mut size = 0;
    loop {
        match body.frame().await {
            None => {
                let mut whole = BytesMut::with_capacity(size);
                for frame in &frames {
                    if let Some(data) = frame.data_ref() {
                        whole.extend_from_slice(data);
                    }
                }
                return Buffered::Whole(whole.freeze());
            }
            Some(Ok(frame)) => {
                size += frame.data_ref().map_or(0, Bytes::len);
                frames.push(frame);
                if size > limit {
                    let read = futures_util::stream::iter(frames.into_iter().map(Ok));
                    return Buffered::Passed(ResponseBody::new(StreamBody::new(
                        read.chain(BodyStream::new(body)),
                    )));
                }
            }
            Some(Err(error)) => {
                let read = frames.into_iter().map(Ok).chain([Err(error)]);
                return Buffered::Passed(ResponseBody::new(StreamBody::new(
                    futures_util::stream::iter(read),
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(parts: &[&'static str]) -> ResponseBody {
        let frames = parts
            .iter()
            .map(|part| Ok::<_, std::io::Error>(Frame::data(Bytes::from_static(part.as_bytes()))))
            .collect::<Vec<_>>();
        ResponseBody::new(StreamBody::new(futures_util::stream::iter(frames)))
    }

    #[tokio::test]
    async fn a_small_body_is_read_whole() {
        match buffer(chunks(&["ab", "cd"]), 4).await {
            Buffered::Whole(bytes) => assert_eq!(bytes, "abcd"),
            Buffered::Passed(_) => panic!("within the limit"),
        }
    }

    #[tokio::test]
    async fn a_big_body_is_given_back_whole() {
        match buffer(chunks(&["ab", "cd", "ef"]), 3).await {
            Buffered::Whole(_) => panic!("over the limit"),
            Buffered::Passed(body) => assert_eq!(body.bytes().await.unwrap(), "abcdef"),
        }
    }

    #[tokio::test]
    async fn a_declared_length_over_the_limit_is_not_read() {
        match buffer(ResponseBody::from("abcdef"), 3).await {
            Buffered::Whole(_) => panic!("over the limit"),
            Buffered::Passed(body) => assert_eq!(body.bytes().await.unwrap(), "abcdef"),
        }
    }

    #[tokio::test]
    async fn a_failing_body_fails_for_the_caller() {
        let frames: Vec<Result<Frame<Bytes>, std::io::Error>> = vec![
            Ok(Frame::data(Bytes::from_static(b"ab"))),
            Err(std::io::Error::other("reset")),
        ];
        let body = ResponseBody::new(StreamBody::new(futures_util::stream::iter(frames)));
        match buffer(body, 100).await {
            Buffered::Whole(_) => panic!("it failed"),
            Buffered::Passed(body) => {
                let error = body.bytes().await.unwrap_err();
                assert!(error.to_string().contains("reset"), "{error}");
            }
        }
    }
}
