//! Decoding a JSON array while its bytes arrive.
//!
//! [`Splitter`] finds where each top-level element of an array starts and ends, chunk by
//! chunk; [`decode_list`] decodes every element as soon as it is whole and forgets its text. A
//! list of 50,000 tasks is then never held twice (as 46 MB of text and as values), and decoding
//! overlaps the transfer. Whatever is not an array (an error body, a page envelope, `null`) is
//! read whole and decoded as before, so it fails with the same typed error.

use bytes::{Buf, Bytes, BytesMut};
use http::{Method, Uri};
use http_body_util::BodyExt;
use kitsu_transport::ResponseBody;
use serde::de::DeserializeOwned;

use crate::ApiError;
use crate::client::{DecodeFailure, decode_json};

/// Where the scan is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the opening `[`.
    Start,
    /// After `[`: an element or `]` comes next.
    First,
    /// After `,`: an element comes next.
    Next,
    /// Inside an element, outside any string.
    Element,
    /// Inside a string of an element.
    String,
    /// After the backslash of an escape inside a string.
    Escape,
    /// After the closing `]`: only whitespace may follow.
    Done,
}

/// What one scan step found.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    /// The bytes `0..end` of the buffer are one element (surrounding whitespace included).
    Element(usize),
    /// The body is not an array: decode it whole.
    NotAnArray,
    /// Nothing whole yet: feed more bytes.
    More,
}

/// Splits a JSON array into the text of its elements, however its bytes are chunked.
///
/// It only tracks strings, escapes and nesting: each element's text is checked by serde_json
/// when it is decoded, so a malformed element fails there, with its index in the path.
#[derive(Debug)]
pub(crate) struct Splitter {
    buffer: BytesMut,
    state: State,
    /// How far into `buffer` the scan has gone.
    scanned: usize,
    depth: usize,
}

impl Splitter {
    pub(crate) fn new() -> Self {
        Splitter {
            buffer: BytesMut::new(),
            state: State::Start,
            scanned: 0,
            depth: 0,
        }
    }

    fn push(&mut self, chunk: &[u8]) {
        self.buffer.extend_from_slice(chunk);
    }

    /// Scans what was pushed; on `Found::Element(end)`, the element is `buffer[..end]` and the
    /// caller calls [`Splitter::consume`] before scanning again.
    fn scan(&mut self) -> Found {
        while self.scanned < self.buffer.len() {
            let byte = self.buffer[self.scanned];
            match self.state {
                // Between elements nothing is kept: whitespace and brackets are dropped, and
                // the scan stays at the start of the buffer.
                State::Start | State::First | State::Next | State::Done
                    if byte.is_ascii_whitespace() =>
                {
                    self.buffer.advance(1);
                    continue;
                }
                State::Start if byte == b'[' => {
                    self.buffer.advance(1);
                    self.state = State::First;
                    continue;
                }
                State::First if byte == b']' => {
                    self.buffer.advance(1);
                    self.state = State::Done;
                    continue;
                }
                State::Start | State::Done => return Found::NotAnArray,
                State::First | State::Next => {
                    // The element starts here: scan this byte again as its first.
                    self.state = State::Element;
                    continue;
                }
                State::Element => match byte {
                    b'"' => self.state = State::String,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' if self.depth > 0 => self.depth -= 1,
                    b',' | b']' if self.depth == 0 => {
                        self.state = if byte == b',' {
                            State::Next
                        } else {
                            State::Done
                        };
                        return Found::Element(self.scanned);
                    }
                    _ => {}
                },
                State::String => {
                    // Most of a Zou answer is string text: jump to the next quote or backslash.
                    match memchr::memchr2(b'"', b'\\', &self.buffer[self.scanned..]) {
                        Some(offset) => {
                            self.scanned += offset;
                            self.state = if self.buffer[self.scanned] == b'"' {
                                State::Element
                            } else {
                                State::Escape
                            };
                        }
                        None => {
                            self.scanned = self.buffer.len();
                            return Found::More;
                        }
                    }
                }
                State::Escape => self.state = State::String,
            }
            self.scanned += 1;
        }
        Found::More
    }

    /// Drops the element `..end` and its separator from the buffer.
    fn consume(&mut self, end: usize) {
        self.buffer.advance(end + 1);
        self.scanned = 0;
    }

    /// Whether the array was closed (and nothing but whitespace followed so far).
    fn finished(&self) -> bool {
        self.state == State::Done && self.buffer.is_empty()
    }
}

/// Reads `body` as a JSON array of `T`, decoding each element as it arrives.
pub(crate) async fn decode_list<T: DeserializeOwned>(
    method: &Method,
    url: &Uri,
    mut body: ResponseBody,
) -> Result<Vec<T>, ApiError> {
    let mut splitter = Splitter::new();
    let mut items = Vec::new();
    loop {
        match splitter.scan() {
            Found::Element(end) => {
                let item = decode_json(&splitter.buffer[..end]).map_err(|failure| {
                    DecodeFailure {
                        path: element_path(items.len(), &failure.path),
                        message: failure.message,
                    }
                    .into_error(method, url)
                })?;
                items.push(item);
                splitter.consume(end);
                continue;
            }
            Found::NotAnArray => break,
            Found::More => {}
        }
        match next_chunk(&mut body, url).await? {
            Some(data) => splitter.push(&data),
            None if splitter.finished() => return Ok(items),
            None if splitter.state == State::Start && splitter.buffer.is_empty() => break,
            None => {
                return Err(DecodeFailure {
                    path: format!("[{}]", items.len()),
                    message: format!(
                        "the answer ended inside the list, after {} whole elements",
                        items.len()
                    ),
                }
                .into_error(method, url));
            }
        }
    }
    // Not an array (or garbage after one): read the rest and let serde_json name the problem.
    let mut rest = splitter.buffer;
    while let Some(data) = next_chunk(&mut body, url).await? {
        rest.extend_from_slice(&data);
    }
    if splitter.state == State::Done {
        let message = format!(
            "trailing characters after the list: {}",
            String::from_utf8_lossy(&rest[..rest.len().min(40)])
        );
        return Err(DecodeFailure {
            path: String::new(),
            message,
        }
        .into_error(method, url));
    }
    decode_json(&rest).map_err(|failure| failure.into_error(method, url))
}

/// The next chunk of data of `body` (trailers are skipped); `None` at its end.
async fn next_chunk(body: &mut ResponseBody, url: &Uri) -> Result<Option<Bytes>, ApiError> {
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|source| kitsu_transport::Error::from_body(url, source))?;
        if let Ok(data) = frame.into_data() {
            return Ok(Some(data));
        }
    }
    Ok(None)
}

/// The path of a field of element `index`, from the path inside the element.
fn element_path(index: usize, inner: &str) -> String {
    match inner {
        "" | "." => format!("[{index}]"),
        _ if inner.starts_with('[') => format!("[{index}]{inner}"),
        _ => format!("[{index}].{inner}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every element's text, feeding `text` in chunks of `size` bytes.
    fn split(text: &str, size: usize) -> Result<Vec<String>, &'static str> {
        let mut splitter = Splitter::new();
        let mut elements = Vec::new();
        for chunk in text.as_bytes().chunks(size.max(1)) {
            splitter.push(chunk);
            loop {
                match splitter.scan() {
                    Found::Element(end) => {
                        elements.push(
                            String::from_utf8(splitter.buffer[..end].to_vec())
                                .unwrap()
                                .trim()
                                .to_owned(),
                        );
                        splitter.consume(end);
                    }
                    Found::NotAnArray => return Err("not an array"),
                    Found::More => break,
                }
            }
        }
        if splitter.finished() {
            Ok(elements)
        } else {
            Err("unfinished")
        }
    }

    #[test]
    fn splits_whatever_the_chunking() {
        let text = r#" [ {"a": "x,]}\"y", "b": [1, {"c": "\\"}]}, 2 , "s[t]", null,
            [[], {}], {"d": "\u005d"} ] "#;
        let expected = vec![
            r#"{"a": "x,]}\"y", "b": [1, {"c": "\\"}]}"#,
            "2",
            r#""s[t]""#,
            "null",
            "[[], {}]",
            r#"{"d": "\u005d"}"#,
        ];
        for size in 1..=text.len() {
            assert_eq!(split(text, size).unwrap(), expected, "chunks of {size}");
        }
    }

    #[test]
    fn empty_arrays_and_non_arrays() {
        assert_eq!(split("[]", 1).unwrap(), Vec::<String>::new());
        assert_eq!(split(" [ \n ] \n", 2).unwrap(), Vec::<String>::new());
        assert_eq!(split(r#"{"data": []}"#, 3), Err("not an array"));
        assert_eq!(split("[1, 2", 3), Err("unfinished"));
        assert_eq!(split("[1] x", 3), Err("not an array"));
    }

    #[test]
    fn element_paths() {
        assert_eq!(element_path(3, "."), "[3]");
        assert_eq!(element_path(3, "due_date"), "[3].due_date");
        assert_eq!(element_path(3, "[0].x"), "[3][0].x");
    }
}
