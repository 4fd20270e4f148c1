//! Injects the bearer token and turns an expired-token answer into refresh-and-replay.

use std::sync::Arc;

use http::header::AUTHORIZATION;
use http::{Request, Response};
use tower::ServiceExt;

use super::{InnerService, Middleware, ResponseFuture};
use crate::RequestBody;
use crate::token::TokenCell;
use crate::url::BaseUrl;

/// How much of a 4xx body is read to let the refresh hook tell an expired token from other
/// refusals.
const EXPIRY_BODY_LIMIT: usize = 16 * 1024;

/// Adds `Authorization: Bearer <token>` (marked sensitive) from a [`TokenCell`] to requests for
/// the base URL's origin, and only those: a token is never sent to another host, even on an
/// absolute URL. Put a [`BaseUrlLayer`](super::BaseUrlLayer) above it, so that it sees
/// absolute URIs, and put it below an [`InFlightLayer`](super::InFlightLayer): the token is then
/// read when the request leaves, not when it started waiting for its slot.
///
/// A request that already carries `Authorization` is left entirely alone (that is how a refresh
/// hook sends a refresh token). When a [`RefreshHook`](crate::RefreshHook) is installed:
///
/// - a token whose expiry is known ([`BearerToken::expires_in`](crate::BearerToken::expires_in))
///   is refreshed *before* it expires: a request that would leave with less than a quarter of
///   its validity left (at most a minute) refreshes it first, single-flight (see [`TokenCell`]);
/// - when the server answers a 4xx, the layer reads up to 16 KiB of the body and asks the hook's
///   [`is_expired`](crate::RefreshHook::is_expired) whether it means the token expired; if so, it
///   refreshes the token once (single-flight) and replays the request once with the new token,
///   POST included: the server refused it before acting. Any other answer is handed back with
///   its body whole.
///
/// A request waiting for a refresh keeps the in-flight slot it holds; the hook's own request
/// must therefore skip the limits ([`BypassLimits`](super::BypassLimits)).
#[derive(Clone, Debug)]
pub struct AuthLayer {
    base: Arc<BaseUrl>,
    token: TokenCell,
}

impl AuthLayer {
    /// Injects the token of `token` into requests for `base`'s origin.
    pub fn new(base: BaseUrl, token: TokenCell) -> Self {
        AuthLayer {
            base: Arc::new(base),
            token,
        }
    }
}

impl Middleware for AuthLayer {
    fn handle<S: InnerService>(&self, inner: S, request: Request<RequestBody>) -> ResponseFuture {
        let (mut inner, mut request) = (inner, request);
        if request.headers().contains_key(AUTHORIZATION) || !self.base.same_origin(request.uri()) {
            return Box::pin(inner.call(request));
        }
        let Some(mut snapshot) = self.token.snapshot() else {
            return Box::pin(inner.call(request));
        };
        let hooked = self.token.has_refresh_hook();
        let token = self.token.clone();
        Box::pin(async move {
            if hooked && snapshot.token.refresh_due() {
                match token.refresh_after(snapshot.generation).await {
                    Ok(fresh) => snapshot = fresh,
                    // Not expired yet: the server decides, and a refusal takes the path below.
                    Err(_) if !snapshot.token.expired() => {}
                    Err(error) => return Err(error),
                }
            }
            let replay = if hooked {
                clone_request(&request)
            } else {
                None
            };
            request.headers_mut().insert(AUTHORIZATION, snapshot.header);
            let response = inner.call(request).await?;
            let Some(mut replay) = replay else {
                return Ok(response);
            };
            if !response.status().is_client_error() {
                return Ok(response);
            }
            let Some(hook) = token.hook() else {
                return Ok(response);
            };
            let (parts, body) = response.into_parts();
            let (seen, body) = body.peek(EXPIRY_BODY_LIMIT).await;
            if !hook.is_expired(parts.status, &seen[..seen.len().min(EXPIRY_BODY_LIMIT)]) {
                return Ok(Response::from_parts(parts, body));
            }
            drop(body);
            let fresh = token.refresh_after(snapshot.generation).await?;
            replay.headers_mut().insert(AUTHORIZATION, fresh.header);
            tracing::debug!("replaying the request with the refreshed token");
            inner.ready().await?.call(replay).await
        })
    }
}

/// A copy of a request for another attempt: same method, URI, version, headers and extensions
/// of the kinds the transport uses, with a fresh body; `None` if the body cannot be had again.
pub(crate) fn clone_request(request: &Request<RequestBody>) -> Option<Request<RequestBody>> {
    let body = request.body().try_clone()?;
    let mut copy = Request::new(body);
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    *copy.extensions_mut() = request.extensions().clone();
    Some(copy)
}
