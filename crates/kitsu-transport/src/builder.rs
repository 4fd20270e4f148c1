//! [`TransportBuilder`]: every knob of the stack, with defaults a demanding user can live with.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use http::header::{ACCEPT, USER_AGENT};
use http::{HeaderValue, Request, Response};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use tokio::sync::Semaphore;
use tower::retry::Retry;
use tower::{Layer, Service};
use tower_http::set_header::SetRequestHeader;

use crate::connector::{ConnectorOptions, https_client};
use crate::layer::auth::{Auth, TransportSlot};
use crate::layer::base_url::JoinBaseUrl;
use crate::layer::in_flight::InFlightLimit;
use crate::layer::rate_limit::{RateLimit, limiter};
use crate::layer::timeout::AttemptTimeout;
use crate::layer::trace::Trace;
use crate::retry::RetryConfig;
use crate::retry::policy::RetryPolicy;
use crate::token::{BearerToken, TokenCell};
use crate::transport::{Inner, Transport};
use crate::url::BaseUrl;
use crate::{Error, HttpService, RequestBody, ResponseBody};

/// The default `User-Agent`: a product token, never a browser's (a browser-like agent makes Zou
/// answer with cookies instead of tokens).
pub const DEFAULT_USER_AGENT: &str = concat!("kitsu-rs/", env!("CARGO_PKG_VERSION"));

/// The default cap on requests in flight across all clones of a transport.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 32;

type LayerFn = Box<dyn FnOnce(HttpService) -> HttpService + Send>;

/// Builds a [`Transport`]. Start from [`Transport::builder`].
///
/// The stack, outermost first (why each sits where it does is in `docs/architecture.md`):
/// base-URL join → trace span → retry → auth (inject, refresh and replay) → rate limit →
/// in-flight cap → per-attempt timeout → `User-Agent`/`Accept` → your layers → the HTTP client
/// (hyper-util pool over rustls, gzip), or your inner service.
///
/// ```no_run
/// # fn demo() -> Result<(), kitsu_transport::Error> {
/// use std::time::Duration;
/// use kitsu_transport::{RetryConfig, Transport};
///
/// let transport = Transport::builder("https://kitsu.mystudio.com/api")
///     .max_in_flight(64)
///     .rate_limit(200, 50)
///     .attempt_timeout(Some(Duration::from_secs(30)))
///     .retry(RetryConfig { max_attempts: 6, ..RetryConfig::default() })
///     .build()?;
/// # Ok(()) }
/// ```
#[must_use]
pub struct TransportBuilder {
    base_url: String,
    user_agent: String,
    token: TokenCell,
    retry: RetryConfig,
    rate_limit: Option<(u32, u32)>,
    max_in_flight: usize,
    attempt_timeout: Option<Duration>,
    connector: ConnectorOptions,
    extra_root_errors: Vec<String>,
    layers: Vec<LayerFn>,
    inner: Option<HttpService>,
}

impl TransportBuilder {
    /// A builder for the server at `base_url`, with the defaults: 32 requests in flight, no rate
    /// limit, 4 attempts with full-jitter backoff from 200 ms to 10 s, a 60 s per-attempt
    /// timeout, a 10 s connect timeout, idle pooled connections dropped after 20 s, the bundled
    /// webpki roots.
    pub fn new(base_url: impl Into<String>) -> Self {
        TransportBuilder {
            base_url: base_url.into(),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            token: TokenCell::new(),
            retry: RetryConfig::default(),
            rate_limit: None,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            attempt_timeout: Some(Duration::from_secs(60)),
            connector: ConnectorOptions {
                connect_timeout: Duration::from_secs(10),
                pool_idle_timeout: Duration::from_secs(20),
                pool_max_idle_per_host: 64,
                webpki_roots: true,
                native_roots: false,
                extra_roots: Vec::new(),
            },
            extra_root_errors: Vec::new(),
            layers: Vec::new(),
            inner: None,
        }
    }

    /// Replaces the `User-Agent` (keep it a product token, not a browser's).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Shares an existing token cell (a session plugs in here).
    pub fn token_cell(mut self, token: TokenCell) -> Self {
        self.token = token;
        self
    }

    /// Starts with this access token in the cell.
    pub fn bearer_token(self, token: BearerToken) -> Self {
        let rejected = self.token.set(token).err();
        match rejected {
            Some(error) => self.record_error(error.to_string()),
            None => self,
        }
    }

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Turns retries off (one attempt per request).
    pub fn no_retry(self) -> Self {
        self.retry(RetryConfig::disabled())
    }

    /// Allows at most `per_second` requests a second on average, in bursts of up to `burst`,
    /// across every clone. Retries count. Zero for either is an error at build time.
    pub fn rate_limit(mut self, per_second: u32, burst: u32) -> Self {
        self.rate_limit = Some((per_second, burst));
        self
    }

    /// Caps requests in flight (from sending to the end of the response body) across every
    /// clone. Zero is an error at build time.
    pub fn max_in_flight(mut self, max: usize) -> Self {
        self.max_in_flight = max;
        self
    }

    /// How long one attempt may wait for its response head (`None`: forever). A request can
    /// override it with the [`RequestTimeout`](crate::RequestTimeout) extension.
    pub fn attempt_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// How long opening a TCP connection may take.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connector.connect_timeout = timeout;
        self
    }

    /// How long an idle pooled connection is kept (keep it below the server's keep-alive).
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.connector.pool_idle_timeout = timeout;
        self
    }

    /// How many idle connections per host the pool keeps.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.connector.pool_max_idle_per_host = max;
        self
    }

    /// Whether to trust the bundled webpki (Mozilla) roots. On by default.
    pub fn tls_built_in_roots(mut self, enabled: bool) -> Self {
        self.connector.webpki_roots = enabled;
        self
    }

    /// Whether to trust the operating system's roots (needs the `native-roots` feature).
    pub fn tls_native_roots(mut self, enabled: bool) -> Self {
        self.connector.native_roots = enabled;
        self
    }

    /// Trusts one more root certificate, DER-encoded (a studio's own CA).
    pub fn add_root_certificate_der(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.connector
            .extra_roots
            .push(CertificateDer::from(der.into()));
        self
    }

    /// Trusts the root certificates of a PEM file's contents (a studio's own CA).
    pub fn add_root_certificates_pem(mut self, pem: &[u8]) -> Self {
        let mut found = 0;
        for certificate in CertificateDer::pem_slice_iter(pem) {
            match certificate {
                Ok(certificate) => {
                    self.connector.extra_roots.push(certificate);
                    found += 1;
                }
                Err(error) => return self.record_error(format!("bad PEM certificate: {error}")),
            }
        }
        if found == 0 {
            return self.record_error("no certificate found in the PEM data".into());
        }
        self
    }

    /// Adds a tower layer just above the HTTP service: it sees every attempt as it goes on the
    /// wire (absolute URL, `Authorization`, `User-Agent`) and every raw response. Layers added
    /// first sit closest to the wire.
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<HttpService> + Send + 'static,
        L::Service: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as Service<Request<RequestBody>>>::Future: Send + 'static,
    {
        self.layers
            .push(Box::new(move |inner| HttpService::new(layer.layer(inner))));
        self
    }

    /// Replaces the HTTP client at the bottom of the stack (a proxy client, a recorder, a mock).
    /// Everything above it (retry, auth, limits, …) still applies.
    pub fn inner_service<S>(mut self, service: S) -> Self
    where
        S: Service<Request<RequestBody>, Response = Response<ResponseBody>, Error = Error>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send + 'static,
    {
        self.inner = Some(HttpService::new(service));
        self
    }

    fn record_error(mut self, error: String) -> Self {
        self.extra_root_errors.push(error);
        self
    }

    /// Checks every setting and builds the stack. Needs a tokio runtime only to send requests,
    /// not to build.
    pub fn build(self) -> Result<Transport, Error> {
        let base = Arc::new(BaseUrl::parse(&self.base_url)?);
        if let Some(error) = self.extra_root_errors.into_iter().next() {
            return Err(Error::TlsConfig(error));
        }
        let invalid = |reason: String| Error::InvalidBaseUrl {
            url: self.base_url.clone(),
            reason,
        };
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| invalid(format!("invalid User-Agent {:?}", self.user_agent)))?;
        if self.max_in_flight == 0 {
            return Err(invalid("max_in_flight must be at least 1".into()));
        }
        validate_retry(&self.retry).map_err(invalid)?;
        let rate = match self.rate_limit {
            None => None,
            Some((per_second, burst)) => Some(
                NonZeroU32::new(per_second)
                    .zip(NonZeroU32::new(burst))
                    .ok_or_else(|| {
                        invalid("a rate limit needs a rate and a burst of at least 1".into())
                    })?,
            ),
        };

        let mut service = match self.inner {
            Some(service) => service,
            None => https_client(&self.connector)?,
        };
        for layer in self.layers {
            service = layer(service);
        }
        service = HttpService::new(SetRequestHeader::if_not_present(
            SetRequestHeader::if_not_present(
                service,
                ACCEPT,
                HeaderValue::from_static("application/json"),
            ),
            USER_AGENT,
            user_agent,
        ));
        service = HttpService::new(AttemptTimeout {
            inner: service,
            default: self.attempt_timeout,
        });
        service = HttpService::new(InFlightLimit {
            inner: service,
            permits: Arc::new(Semaphore::new(self.max_in_flight)),
        });
        if let Some((per_second, burst)) = rate {
            service = HttpService::new(RateLimit {
                inner: service,
                limiter: limiter(per_second, burst),
            });
        }
        let slot = TransportSlot::default();
        service = HttpService::new(Auth {
            inner: service,
            base: base.clone(),
            token: self.token.clone(),
            transport: slot.clone(),
        });
        if self.retry.max_attempts > 1 {
            service = HttpService::new(Retry::new(RetryPolicy::new(self.retry), service));
        }
        service = HttpService::new(Trace { inner: service });
        service = HttpService::new(JoinBaseUrl {
            inner: service,
            base: base.clone(),
        });
        let inner = Arc::new(Inner {
            service,
            base,
            token: self.token,
        });
        // The slot is new and set once, here.
        let _ = slot.set(Arc::downgrade(&inner));
        Ok(Transport::from_inner(inner))
    }
}

fn validate_retry(retry: &RetryConfig) -> Result<(), String> {
    if retry.max_attempts == 0 {
        return Err("retry.max_attempts must be at least 1".into());
    }
    if retry.base_delay > retry.max_delay {
        return Err("retry.base_delay must not exceed retry.max_delay".into());
    }
    let window = retry.budget.window;
    if window < Duration::from_secs(1) || window > Duration::from_secs(60) {
        return Err("retry.budget.window must be between 1 s and 60 s".into());
    }
    if retry.budget.min_per_second >= i32::MAX as u32 {
        return Err("retry.budget.min_per_second is too large".into());
    }
    let ratio = retry.budget.retry_ratio;
    if !(0.0..=1000.0).contains(&ratio) {
        return Err("retry.budget.retry_ratio must be between 0 and 1000".into());
    }
    Ok(())
}

impl fmt::Debug for TransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportBuilder")
            .field("base_url", &self.base_url)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .field("rate_limit", &self.rate_limit)
            .field("max_in_flight", &self.max_in_flight)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("layers", &self.layers.len())
            .field("custom_inner_service", &self.inner.is_some())
            .finish_non_exhaustive()
    }
}
