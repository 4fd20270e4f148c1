//! The cache on the request path: what a GET is answered with, and what a write evicts.

use http::header::{CONNECTION, ETAG, IF_NONE_MATCH, TRANSFER_ENCODING};
use http::{HeaderMap, Method, Request, Response, StatusCode};
use kitsu_transport::{Error, RequestBody, ResponseBody, Transport};
use tokio::time::Instant;

use super::Cache;
use super::body::{Buffered, buffer};
use super::identity::{Identity, fingerprint};
use super::kind::Kind;
use super::store::{Entry, Key};

impl Cache {
    /// Sends `request` through `transport`, answering or revalidating GETs from the store and
    /// evicting what a write changes.
    pub(crate) async fn exchange(
        &self,
        transport: &Transport,
        mut request: Request<RequestBody>,
    ) -> Result<Response<ResponseBody>, Error> {
        let base = transport.base_url();
        if !base.same_origin(request.uri()) {
            return transport.send(request).await;
        }
        // The path relative to the base URL; `None` for one outside it.
        let path = request
            .uri()
            .path()
            .strip_prefix(base.prefix())
            .map(str::to_owned);
        if request.method() != Method::GET {
            let written = path
                .as_deref()
                .filter(|_| !request.method().is_safe())
                .and_then(Kind::written);
            let answer = transport.send(request).await;
            // After the write, whatever its outcome: a read that raced it is not stored either
            // (the store's epochs).
            if let Some(kind) = written {
                self.evict(kind);
            }
            return answer;
        }
        let Some(token) = transport.token().get() else {
            return transport.send(request).await;
        };
        let inner = &self.inner;
        let identity = Identity::of(&token, &inner.hasher);
        let key = Key {
            identity: identity.clone(),
            url: request.uri().to_string(),
        };
        let kind = path
            .as_deref()
            .and_then(Kind::memoised)
            .filter(|_| !inner.config.ttl.is_zero());
        let epoch = kind.map_or(0, |kind| inner.store.epoch(kind));
        let stored = inner.store.get(&key);
        if let Some(entry) = &stored {
            if entry.kind.is_some()
                && entry.stored_at.elapsed() < inner.config.ttl
                && inner.store.is_vouched(fingerprint(&token, &inner.hasher))
            {
                inner.counters.hit();
                tracing::debug!(target: "kitsu.cache", path = path.as_deref().unwrap_or_default(), "hit");
                return Ok(served(entry));
            }
        }
        let validator = stored.as_ref().and_then(|entry| entry.etag.clone());
        if let Some(etag) = &validator {
            request.headers_mut().insert(IF_NONE_MATCH, etag.clone());
        }
        let response = transport.send(request).await?;
        let status = response.status();
        // The token the answer was made for: the one sent, or the one a refresh put in its
        // place. Only an answer for the same identity is kept.
        let same_identity = match transport.token().get() {
            Some(now) if Identity::of(&now, &inner.hasher) == identity => {
                if status.is_success() || status == StatusCode::NOT_MODIFIED {
                    inner.store.vouch(fingerprint(&now, &inner.hasher));
                }
                true
            }
            _ => false,
        };
        if status == StatusCode::NOT_MODIFIED {
            if let (Some(entry), Some(_)) = (stored, validator) {
                inner.counters.revalidation();
                tracing::debug!(target: "kitsu.cache", path = path.as_deref().unwrap_or_default(), "revalidated");
                let answer = served(&entry);
                if same_identity {
                    let renewed = Entry {
                        headers: entry.headers.clone(),
                        body: entry.body.clone(),
                        etag: entry.etag.clone(),
                        kind: entry.kind,
                        stored_at: Instant::now(),
                    };
                    let evicted = inner.store.insert(key, renewed, epoch);
                    inner.counters.evicted(evicted);
                }
                return Ok(answer);
            }
        }
        inner.counters.miss();
        if status != StatusCode::OK {
            // Never kept. A refusal (4xx: gone, or no longer this user's to read) also ends
            // what was kept for this URL; a server failure (5xx) says nothing of the data.
            if status.is_client_error() && inner.store.remove(&key) {
                inner.counters.evicted(1);
            }
            return Ok(response);
        }
        let etag = response.headers().get(ETAG).cloned();
        if !same_identity || (kind.is_none() && etag.is_none()) {
            return Ok(response);
        }
        let (parts, body) = response.into_parts();
        match buffer(body, inner.config.entry_limit()).await {
            Buffered::Passed(body) => Ok(Response::from_parts(parts, body)),
            Buffered::Whole(bytes) => {
                let entry = Entry {
                    headers: kept_headers(&parts.headers),
                    body: bytes.clone(),
                    etag,
                    kind,
                    stored_at: Instant::now(),
                };
                let evicted = inner.store.insert(key, entry, epoch);
                inner.counters.evicted(evicted);
                Ok(Response::from_parts(parts, ResponseBody::from(bytes)))
            }
        }
    }
}

/// A stored answer as a fresh `200` response.
fn served(entry: &Entry) -> Response<ResponseBody> {
    let mut response = Response::new(ResponseBody::from(entry.body.clone()));
    *response.headers_mut() = entry.headers.clone();
    response
}

/// The headers of an answer worth serving again (not the connection's own).
fn kept_headers(headers: &HeaderMap) -> HeaderMap {
    let mut kept = headers.clone();
    for name in [CONNECTION, TRANSFER_ENCODING] {
        kept.remove(name);
    }
    kept.remove("keep-alive");
    kept
}
