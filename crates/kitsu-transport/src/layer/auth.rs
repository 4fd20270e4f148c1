//! Injects the bearer token and turns an expired-token answer into refresh-and-replay.

use std::sync::{Arc, OnceLock, Weak};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::future::BoxFuture;
use http::header::AUTHORIZATION;
use http::{Request, Response, StatusCode};
use tower::{Service, ServiceExt};

use super::take_ready;
use crate::token::TokenCell;
use crate::transport::Inner;
use crate::url::BaseUrl;
use crate::{Error, HttpService, RequestBody, ResponseBody, Transport};

/// How much of a 401/422 body is read to tell an expired token from other refusals.
const EXPIRY_BODY_LIMIT: usize = 16 * 1024;

/// The message Zou (flask-jwt-extended) gives for an expired token.
const EXPIRED_MESSAGE: &str = "Signature has expired";

/// Where the auth layer finds the transport it belongs to, to hand it to the refresh hook.
/// Weak, so the stack does not keep its own transport alive.
pub(crate) type TransportSlot = Arc<OnceLock<Weak<Inner>>>;

/// Adds `Authorization: Bearer <token>` (marked sensitive) to requests for the base URL's origin,
/// and only those: a token is never sent to another host, even on an absolute URL.
///
/// A request that already carries `Authorization` is left entirely alone (that is how the refresh
/// hook sends the refresh token). When the server answers 401, or 422 "Signature has expired",
/// and a refresh hook is installed, the layer refreshes the token once (single-flight, see
/// [`TokenCell`]) and replays the request once with the new token, POST included: the server
/// refused it before acting.
#[derive(Clone)]
pub(crate) struct Auth {
    pub(crate) inner: HttpService,
    pub(crate) base: Arc<BaseUrl>,
    pub(crate) token: TokenCell,
    pub(crate) transport: TransportSlot,
}

impl Service<Request<RequestBody>> for Auth {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<RequestBody>) -> Self::Future {
        if request.headers().contains_key(AUTHORIZATION) || !self.base.same_origin(request.uri()) {
            return self.inner.call(request);
        }
        let Some(snapshot) = self.token.snapshot() else {
            return self.inner.call(request);
        };
        let replay = if self.token.has_refresh_hook() {
            clone_request(&request)
        } else {
            None
        };
        request
            .headers_mut()
            .insert(AUTHORIZATION, snapshot.header.clone());
        let mut inner = take_ready(&mut self.inner);
        let token = self.token.clone();
        let slot = self.transport.clone();
        Box::pin(async move {
            let response = inner.call(request).await?;
            let Some(mut replay) = replay else {
                return Ok(response);
            };
            if !matches!(
                response.status(),
                StatusCode::UNAUTHORIZED | StatusCode::UNPROCESSABLE_ENTITY
            ) {
                return Ok(response);
            }
            let (parts, body) = response.into_parts();
            let body = match body.bytes_limited(EXPIRY_BODY_LIMIT).await {
                Ok(Some(body)) => body,
                // Too large or unreadable: not one of Zou's token answers; hand it back as read.
                Ok(None) | Err(_) => return Ok(Response::from_parts(parts, ResponseBody::empty())),
            };
            if !token_expired(parts.status, &body) {
                return Ok(Response::from_parts(parts, ResponseBody::from(body)));
            }
            let Some(transport) = slot
                .get()
                .and_then(Weak::upgrade)
                .map(Transport::from_inner)
            else {
                return Ok(Response::from_parts(parts, ResponseBody::from(body)));
            };
            let fresh = token.refresh_after(snapshot.generation, transport).await?;
            replay.headers_mut().insert(AUTHORIZATION, fresh.header);
            tracing::debug!("replaying the request with the refreshed token");
            inner.ready().await?.call(replay).await
        })
    }
}

/// 401 with any body (the token we sent was refused), or 422 saying the signature expired.
fn token_expired(status: StatusCode, body: &Bytes) -> bool {
    match status {
        StatusCode::UNAUTHORIZED => true,
        StatusCode::UNPROCESSABLE_ENTITY => String::from_utf8_lossy(body).contains(EXPIRED_MESSAGE),
        _ => false,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_zou_expiry_answers() {
        let expired_422 = Bytes::from_static(br#"{"message": "Signature has expired"}"#);
        let other_422 = Bytes::from_static(br#"{"msg":"Not enough segments"}"#);
        assert!(token_expired(StatusCode::UNAUTHORIZED, &Bytes::new()));
        assert!(token_expired(
            StatusCode::UNPROCESSABLE_ENTITY,
            &expired_422
        ));
        assert!(!token_expired(StatusCode::UNPROCESSABLE_ENTITY, &other_422));
        assert!(!token_expired(StatusCode::FORBIDDEN, &expired_422));
    }
}
