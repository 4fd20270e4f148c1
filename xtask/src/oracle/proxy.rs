//! [`Recorder`]: a reverse proxy on 127.0.0.1 in front of Zou that writes down, for the case
//! being run, what each side sent: the method, the path with ids as `{}`, the query's keys and
//! the JSON body's keys (or a multipart body's field names).
//!
//! gazu marks the start and end of a case with `POST /__oracle__/begin?side=…&case=…` and
//! `POST /__oracle__/end`, answered by the proxy itself; the Rust side calls
//! [`Recorder::begin`] and [`Recorder::end`]. Requests outside a case (logging in) are
//! forwarded and not written down.

use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use http::{Request, Response, Uri, header};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use kitsu::ids::Uuid;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use super::case::Side;

type Body = BoxBody<Bytes, hyper::Error>;

/// What one request looked like, as the oracle compares it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Exchange {
    /// `GET`, `POST`…
    pub method: String,
    /// The path, ids written `{}` (`data/projects/{}/shots`).
    pub path: String,
    /// The path as sent, without its leading slash (not compared).
    pub raw_path: String,
    /// The query's keys, sorted.
    pub query: BTreeSet<String>,
    /// The body's shape.
    pub body: BodyShape,
    /// The status Zou answered (shown, not compared).
    pub status: u16,
}

impl Exchange {
    /// Whether `kitsu_core::routes` declares this request's route.
    pub fn is_declared(&self) -> bool {
        http::Method::from_bytes(self.method.as_bytes())
            .is_ok_and(|method| kitsu::routes::find(&method, &self.raw_path).is_some())
    }

    /// What is compared: everything but the status.
    pub fn key(&self) -> (String, String, BTreeSet<String>, BodyShape) {
        (
            self.method.clone(),
            self.path.clone(),
            self.query.clone(),
            self.body.clone(),
        )
    }
}

impl fmt::Display for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        if !self.query.is_empty() {
            let keys: Vec<&str> = self.query.iter().map(String::as_str).collect();
            write!(f, "?{}", keys.join("&"))?;
        }
        match &self.body {
            BodyShape::Empty => {}
            shape => write!(f, " {shape}")?,
        }
        write!(f, " → {}", self.status)
    }
}

/// A request body, as compared: its keys, not its values.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BodyShape {
    /// No body.
    Empty,
    /// A JSON object's keys.
    Object(BTreeSet<String>),
    /// A JSON array (its length is data, not shape).
    Array,
    /// Other JSON (a string, a number…).
    Scalar,
    /// A multipart form's field names.
    Multipart(BTreeSet<String>),
    /// Anything else, by content type.
    Other(String),
}

impl fmt::Display for BodyShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |keys: &BTreeSet<String>| keys.iter().cloned().collect::<Vec<_>>().join(",");
        match self {
            BodyShape::Empty => Ok(()),
            BodyShape::Object(keys) => write!(f, "{{{}}}", join(keys)),
            BodyShape::Array => f.write_str("[…]"),
            BodyShape::Scalar => f.write_str("<json scalar>"),
            BodyShape::Multipart(fields) => write!(f, "multipart({})", join(fields)),
            BodyShape::Other(kind) => write!(f, "<{kind}>"),
        }
    }
}

#[derive(Default)]
struct State {
    current: Option<(Side, String)>,
    log: BTreeMap<(String, Side), Vec<Exchange>>,
}

/// A running recording proxy; it stops when dropped.
pub struct Recorder {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl Recorder {
    /// Starts one in front of `upstream` (`http://127.0.0.1:5000`).
    pub async fn start(upstream: &str) -> Result<Recorder, String> {
        let upstream: Uri = upstream
            .parse()
            .map_err(|error| format!("oracle: upstream {upstream}: {error}"))?;
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|error| format!("oracle: cannot listen on loopback: {error}"))?;
        let address = listener
            .local_addr()
            .map_err(|error| format!("oracle: {error}"))?;
        let state = Arc::new(Mutex::new(State::default()));
        let client: Client<HttpConnector, Full<Bytes>> =
            Client::builder(TokioExecutor::new()).build_http();
        let shared = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (client, upstream, state) = (client.clone(), upstream.clone(), shared.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        handle(client.clone(), upstream.clone(), state.clone(), request)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Recorder {
            address,
            state,
            task,
        })
    }

    /// The proxy's URL, to give a client instead of Zou's.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// From now on, requests are `side`'s for `case`.
    pub fn begin(&self, side: Side, case: &str) {
        begin(&self.state, side, case);
    }

    /// Requests are no one's from now on.
    pub fn end(&self) {
        lock(&self.state).current = None;
    }

    /// What `side` sent for `case`, in order.
    pub fn exchanges(&self, case: &str, side: Side) -> Vec<Exchange> {
        lock(&self.state)
            .log
            .get(&(case.to_owned(), side))
            .cloned()
            .unwrap_or_default()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

fn begin(state: &Mutex<State>, side: Side, case: &str) {
    let mut state = lock(state);
    state.current = Some((side, case.to_owned()));
    state.log.entry((case.to_owned(), side)).or_default();
}

async fn handle(
    client: Client<HttpConnector, Full<Bytes>>,
    upstream: Uri,
    state: Arc<Mutex<State>>,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let (mut parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or_default().to_owned();
    if let Some(control) = path.strip_prefix("/__oracle__/") {
        return Ok(control_answer(&state, control, &query));
    }
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => return Ok(answer(400, &format!("oracle: unreadable body: {error}"))),
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut exchange = Exchange {
        method: parts.method.to_string(),
        path: anonymous_path(&path),
        raw_path: path.trim_start_matches('/').to_owned(),
        query: query_keys(&query),
        body: body_shape(&content_type, &body),
        status: 0,
    };
    let mut uri = upstream.into_parts();
    uri.path_and_query = parts.uri.path_and_query().cloned();
    let Ok(uri) = Uri::from_parts(uri) else {
        return Ok(answer(502, "oracle: bad upstream URI"));
    };
    parts.uri = uri;
    parts.headers.remove(header::HOST);
    let response = match client
        .request(Request::from_parts(parts, Full::new(body)))
        .await
    {
        Ok(response) => response.map(BodyExt::boxed),
        Err(error) => answer(502, &format!("oracle: upstream failed: {error}")),
    };
    exchange.status = response.status().as_u16();
    let mut state = lock(&state);
    if let Some(current) = state.current.clone() {
        state
            .log
            .entry((current.1, current.0))
            .or_default()
            .push(exchange);
    }
    Ok(response)
}

fn control_answer(state: &Mutex<State>, control: &str, query: &str) -> Response<Body> {
    let params: BTreeMap<String, String> = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(key, value)| (key.to_owned(), percent_decode(value)))
        .collect();
    match control {
        "begin" => {
            let side = match params.get("side").map(String::as_str) {
                Some("gazu") => Side::Gazu,
                Some("rust") => Side::Rust,
                _ => return answer(400, "oracle: begin needs side=gazu|rust"),
            };
            let Some(case) = params.get("case") else {
                return answer(400, "oracle: begin needs case=module.function");
            };
            begin(state, side, case);
            answer(200, "")
        }
        "end" => {
            lock(state).current = None;
            answer(200, "")
        }
        other => answer(404, &format!("oracle: no control `{other}`")),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let hex = || {
            let digits = std::str::from_utf8(bytes.get(index + 1..index + 3)?).ok()?;
            u8::from_str_radix(digits, 16).ok()
        };
        match (byte, hex()) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                index += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                index += 1;
            }
            _ => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The path without its leading slash, every UUID in it written `{}`.
pub fn anonymous_path(path: &str) -> String {
    let path = path.trim_start_matches('/');
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while !rest.is_empty() {
        if rest.len() >= 36 && rest.is_char_boundary(36) && Uuid::try_parse(&rest[..36]).is_ok() {
            out.push_str("{}");
            rest = &rest[36..];
        } else {
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                out.push(c);
            }
            rest = chars.as_str();
        }
    }
    out
}

fn query_keys(query: &str) -> BTreeSet<String> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| percent_decode(pair.split('=').next().unwrap_or_default()))
        .collect()
}

fn body_shape(content_type: &str, body: &[u8]) -> BodyShape {
    if body.is_empty() {
        return BodyShape::Empty;
    }
    if content_type.starts_with("multipart/") {
        return BodyShape::Multipart(multipart_fields(body));
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(map)) => BodyShape::Object(map.keys().cloned().collect()),
        Ok(serde_json::Value::Array(_)) => BodyShape::Array,
        Ok(_) => BodyShape::Scalar,
        Err(_) => BodyShape::Other(content_type.to_owned()),
    }
}

/// The `name="…"` of each part's `Content-Disposition`.
fn multipart_fields(body: &[u8]) -> BTreeSet<String> {
    let text = String::from_utf8_lossy(body);
    let mut fields = BTreeSet::new();
    for line in text.lines() {
        if !line
            .to_ascii_lowercase()
            .starts_with("content-disposition:")
        {
            continue;
        }
        if let Some(start) = line.find(" name=\"") {
            let name = &line[start + 7..];
            if let Some(end) = name.find('"') {
                fields.insert(name[..end].to_owned());
            }
        }
    }
    fields
}

fn answer(status: u16, body: &str) -> Response<Body> {
    let mut response = Response::new(
        Full::new(Bytes::from(body.to_owned()))
            .map_err(|never| match never {})
            .boxed(),
    );
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::BAD_GATEWAY);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_anonymous_wherever_they_are() {
        let id = "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11";
        assert_eq!(
            anonymous_path(&format!("/data/projects/{id}/shots")),
            "data/projects/{}/shots"
        );
        assert_eq!(
            anonymous_path(&format!("/pictures/thumbnails/projects/{id}.png")),
            "pictures/thumbnails/projects/{}.png"
        );
        assert_eq!(anonymous_path("/data/projects/open"), "data/projects/open");
    }

    #[test]
    fn bodies_are_compared_by_shape() {
        assert_eq!(
            body_shape("application/json", br#"{"name": "x", "data": {"a": 1}}"#),
            BodyShape::Object(["data".to_owned(), "name".to_owned()].into())
        );
        assert_eq!(body_shape("application/json", b"[1, 2]"), BodyShape::Array);
        assert_eq!(body_shape("", b""), BodyShape::Empty);
        let multipart = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx\r\n--b--\r\n";
        assert_eq!(
            body_shape("multipart/form-data; boundary=b", multipart),
            BodyShape::Multipart(["file".to_owned()].into())
        );
        assert_eq!(
            query_keys("project_id=1&name=a%20b&name=c"),
            ["name".to_owned(), "project_id".to_owned()].into()
        );
        assert_eq!(percent_decode("shot.get_shot%2Bx+y"), "shot.get_shot+x y");
    }
}
