//! Refuses redirects: a 3xx answer becomes a typed error, never followed.

use http::header::{IF_MODIFIED_SINCE, IF_NONE_MATCH, LOCATION};
use http::{Request, StatusCode};

use super::{InnerService, Middleware, ResponseFuture};
use crate::error::RedirectHint;
use crate::{Error, RequestBody};

/// Turns every 3xx answer (300 to 399) into [`Error::Redirect`], naming the status, the
/// `Location` and, when it points to HTTPS or to another host, what that suggests: a redirect is
/// never followed (the token must not travel to a URL the caller did not choose), and never
/// taken for success (a `DELETE` answered by a proxy's 302 deleted nothing).
///
/// The one 3xx that is an answer, `304 Not Modified` to a conditional request (`If-None-Match`
/// or `If-Modified-Since`), passes. Informational answers (1xx, such as `101 Switching
/// Protocols`) are not redirects and pass untouched, with their extensions.
#[derive(Clone, Copy, Debug, Default)]
pub struct RedirectLayer {
    _private: (),
}

impl RedirectLayer {
    /// The layer.
    pub fn new() -> Self {
        RedirectLayer::default()
    }
}

impl Middleware for RedirectLayer {
    fn handle<S: InnerService>(
        &self,
        mut inner: S,
        request: Request<RequestBody>,
    ) -> ResponseFuture {
        let conditional = request.headers().contains_key(IF_NONE_MATCH)
            || request.headers().contains_key(IF_MODIFIED_SINCE);
        let method = request.method().clone();
        let url = request.uri().clone();
        let response = inner.call(request);
        Box::pin(async move {
            let response = response.await?;
            let status = response.status();
            if !status.is_redirection() || (status == StatusCode::NOT_MODIFIED && conditional) {
                return Ok(response);
            }
            let location = response
                .headers()
                .get(LOCATION)
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
            let hint = location
                .as_deref()
                .map(|location| RedirectHint::of(&url, location));
            Err(Error::Redirect {
                method,
                url,
                status,
                location,
                hint,
            })
        })
    }
}
