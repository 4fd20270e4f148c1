//! Requests as handlers see them, and replies in Zou's shapes.

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use serde_json::{Value, json};

use crate::store::{Db, Row};

/// The body type the mock answers with.
pub(crate) type Body = BoxBody<Bytes, std::io::Error>;

/// A request, read whole, with its path split below the API prefix.
#[derive(Debug)]
pub(crate) struct Req {
    pub(crate) method: Method,
    pub(crate) segments: Vec<String>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Req {
    /// The first value of a query parameter.
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// `?name=true` (Zou reads "true" case-insensitively).
    pub(crate) fn flag(&self, name: &str) -> Option<bool> {
        self.param(name)
            .map(|value| value.eq_ignore_ascii_case("true"))
    }

    pub(crate) fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }

    /// The JSON body of a POST/PUT, or Zou's 415/400 answer.
    pub(crate) fn json(&self) -> Result<Value, Reply> {
        if !self.content_type().starts_with("application/json") {
            return Err(Reply::error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
            ));
        }
        if self.body.is_empty() {
            return Ok(Value::Object(Default::default()));
        }
        serde_json::from_slice(&self.body).map_err(|_| {
            Reply::error(
                StatusCode::BAD_REQUEST,
                "The browser (or proxy) sent a request that this server could not understand.",
            )
        })
    }

    /// The JSON object body of a POST/PUT.
    pub(crate) fn json_object(&self) -> Result<serde_json::Map<String, Value>, Reply> {
        match self.json()? {
            Value::Object(map) => Ok(map),
            _ => Err(Reply::error(
                StatusCode::BAD_REQUEST,
                "Request body must be a JSON object.",
            )),
        }
    }
}

/// A reply under construction.
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Reply {
    pub(crate) fn json(status: StatusCode, value: &Value) -> Reply {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        Reply {
            status,
            headers,
            body: Bytes::from(value.to_string()),
        }
    }

    pub(crate) fn ok(value: &Value) -> Reply {
        Reply::json(StatusCode::OK, value)
    }

    pub(crate) fn created(value: &Value) -> Reply {
        Reply::json(StatusCode::CREATED, value)
    }

    /// 204 with an empty body and `text/html`, as Zou's DELETE answers.
    pub(crate) fn no_content() -> Reply {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        Reply {
            status: StatusCode::NO_CONTENT,
            headers,
            body: Bytes::new(),
        }
    }

    /// Zou's handler shape: `{"error": true, "message": …}`.
    pub(crate) fn error(status: StatusCode, message: &str) -> Reply {
        Reply::json(status, &json!({"error": true, "message": message}))
    }

    /// Zou's handler shape with `data: null`.
    pub(crate) fn error_with_data(status: StatusCode, message: &str) -> Reply {
        Reply::json(
            status,
            &json!({"error": true, "message": message, "data": null}),
        )
    }

    /// flask-jwt-extended's shape: `{"msg": …}`.
    pub(crate) fn msg(status: StatusCode, message: &str) -> Reply {
        Reply::json(status, &json!({"msg": message}))
    }

    /// The CRUD layer's shape: `{"message": …}`.
    pub(crate) fn message(status: StatusCode, message: &str) -> Reply {
        Reply::json(status, &json!({"message": message}))
    }

    pub(crate) fn not_found() -> Reply {
        Reply::error(
            StatusCode::NOT_FOUND,
            "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
        )
    }

    pub(crate) fn method_not_allowed() -> Reply {
        Reply::error(
            StatusCode::METHOD_NOT_ALLOWED,
            "The method is not allowed for the requested URL.",
        )
    }

    pub(crate) fn forbidden() -> Reply {
        Reply::error(
            StatusCode::FORBIDDEN,
            "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
        )
    }

    pub(crate) fn malformed_id() -> Reply {
        Reply::error_with_data(StatusCode::BAD_REQUEST, "Malformed ID.")
    }

    /// Pydantic's refusal of a malformed UUID in a body field.
    pub(crate) fn invalid_uuid(field: &str, text: &str) -> Reply {
        let bad = text
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_hexdigit() || *c == '-'));
        let message = match bad {
            Some((index, c)) => format!(
                "Input should be a valid UUID, invalid character: found `{c}` at {}",
                index + 1
            ),
            None => format!(
                "Input should be a valid UUID, invalid length: expected length 32 for simple format, found {}",
                text.chars().filter(|c| *c != '-').count()
            ),
        };
        Reply::validation(field, &message)
    }

    pub(crate) fn validation(field: &str, message: &str) -> Reply {
        Reply::json(
            StatusCode::BAD_REQUEST,
            &json!({"error": true, "message": "Validation error.",
                    "data": {"errors": [{"field": field, "message": message}]}}),
        )
    }

    /// Zou's conditional GET (`zou.app.utils.http_cache`, and werkzeug's `send_file` for
    /// files): an `ETag` that changes with the answer and with who it is for (`salt`), the
    /// given `Cache-Control`, and `304 Not Modified` with no body when the request's
    /// `If-None-Match` carries that tag (or `*`). Only for a `200`.
    pub(crate) fn conditional(
        mut self,
        req: &Req,
        salt: &str,
        cache_control: &'static str,
    ) -> Reply {
        if self.status != StatusCode::OK {
            return self;
        }
        let tag = etag(&self.body, salt);
        let fresh = req
            .headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .any(|candidate| matches!(candidate.trim(), "*") || candidate.trim() == tag);
        if let Ok(value) = HeaderValue::from_str(&tag) {
            self.headers.insert(header::ETAG, value);
        }
        self.headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        if fresh {
            self.status = StatusCode::NOT_MODIFIED;
            self.body = Bytes::new();
            self.headers.remove(header::CONTENT_TYPE);
        }
        self
    }

    pub(crate) fn into_response(self) -> http::Response<Body> {
        let mut response =
            http::Response::new(Full::new(self.body).map_err(|never| match never {}).boxed());
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

/// An entity tag (quoted) for `body` as served to `salt` (a caller, a file).
pub(crate) fn etag(body: &[u8], salt: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    salt.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

/// `?` for handlers, which answer a [`Reply`] either way: the value in `Ok`, or the refusal in
/// `Err` returned at once as the handler's answer.
macro_rules! try_reply {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(reply) => return reply,
        }
    };
}
pub(crate) use try_reply;

/// The row `id` of `table`, or Zou's 404 (also for an id that is not a UUID).
pub(crate) fn existing<'a>(db: &'a Db, table: &str, id: &str) -> Result<&'a Row, Reply> {
    if !is_uuid(id) {
        return Err(Reply::not_found());
    }
    db.get(table, id).ok_or_else(Reply::not_found)
}

/// Whether `text` is a UUID as Zou's ids are.
pub(crate) fn is_uuid(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok()
}
