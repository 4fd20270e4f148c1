//! The few requests the session sends, and how their answers are read.

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{Method, Request, StatusCode};
use kitsu_core::zou::server_message;
use kitsu_transport::{BearerToken, BypassLimits, Idempotent, RequestBody, Transport};
use serde::de::DeserializeOwned;

use crate::SessionError;

/// An answer read whole.
pub(crate) struct Answer {
    pub(crate) url: String,
    pub(crate) status: StatusCode,
    pub(crate) body: Bytes,
}

impl Answer {
    /// Zou's message from the body, in any of its three shapes.
    pub(crate) fn message(&self) -> String {
        server_message(&self.body)
    }

    /// The body decoded as `T`, or an error naming the failing field path.
    pub(crate) fn decode<T: DeserializeOwned>(&self) -> Result<T, SessionError> {
        let deserializer = &mut serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(deserializer).map_err(|error| {
            SessionError::UnexpectedAnswer {
                url: self.url.clone(),
                detail: format!("at `{}`: {}", error.path(), error.inner()),
            }
        })
    }

    /// The answer as an error status.
    pub(crate) fn into_status_error(self, method: Method) -> SessionError {
        SessionError::Status {
            method,
            message: self.message(),
            url: self.url,
            status: self.status,
        }
    }
}

/// Sends `method path` with an optional JSON body and an optional explicit bearer token
/// (otherwise the transport injects the session's), and reads the whole answer.
///
/// Every request of a session may be repeated: logging in has no effect worth protecting, and
/// the others are GETs. So each is marked [`Idempotent`]: a login is retried on a 429, a 503 or
/// a reset as a GET is, and replayed when its answer is cut. The one request with a token of its
/// own is the refresh, which requests holding in-flight slots wait for: it skips the limits
/// ([`BypassLimits`]).
pub(crate) async fn call(
    transport: &Transport,
    method: Method,
    path: &str,
    json: Option<&serde_json::Value>,
    token: Option<&BearerToken>,
) -> Result<Answer, SessionError> {
    let url = transport.url(path)?;
    let mut request = Request::builder().method(method).uri(url.clone());
    request = request.extension(Idempotent);
    if let Some(token) = token {
        request = request
            .header(AUTHORIZATION, token.header_value()?)
            .extension(BypassLimits);
    }
    let body = match json {
        Some(json) => {
            request = request.header(CONTENT_TYPE, "application/json");
            RequestBody::from(json.to_string())
        }
        None => RequestBody::empty(),
    };
    let request = request
        .body(body)
        .map_err(|error| SessionError::UnexpectedAnswer {
            url: url.to_string(),
            detail: error.to_string(),
        })?;
    transport
        .send_and_read(request, |response| {
            let url = url.clone();
            async move {
                let status = response.status();
                let body = response.into_body().read_all(&url).await?;
                Ok(Answer {
                    url: url.to_string(),
                    status,
                    body,
                })
            }
        })
        .await
}
