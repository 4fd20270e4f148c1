//! [`TransportBuilder`]: every knob of the stack, with defaults a demanding user can live with.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderValue;
use http::header::{ACCEPT, USER_AGENT};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use tower::{Layer, ServiceBuilder};
use tower_http::set_header::SetRequestHeaderLayer;

use crate::connector::{ConnectorOptions, https_client};
use crate::layer::{
    AuthLayer, BaseUrlLayer, BodyLimitLayer, DeadlineLayer, InFlightLayer, InnerService,
    RateLimitLayer, RedirectLayer, RetryLayer, TimeoutLayer, TraceLayer,
};
use crate::retry::RetryConfig;
use crate::token::{BearerToken, TokenCell};
use crate::transport::{Inner, Transport};
use crate::url::BaseUrl;
use crate::{Error, HttpService};

/// The default `User-Agent`: a product token, never a browser's (a browser-like agent makes Zou
/// answer with cookies instead of tokens).
pub const DEFAULT_USER_AGENT: &str = concat!("kitsu-rs/", env!("CARGO_PKG_VERSION"));

/// The default cap on requests in flight across all clones of a transport.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 32;

/// The default limit on a response body: 128 MiB. Zou's largest answers are lists read whole
/// (about 0.9 KiB of JSON per task: 140,000 tasks in one unpaginated list fit), and decoding
/// 128 MiB of JSON costs about 200 MiB as typed models, about 1.1 GiB as `serde_json::Value`:
/// past that, a runaway or hostile answer is refused rather than allowed to take the machine's
/// memory. Downloads to disk are not bounded by it (`kitsu-api` lifts it for them).
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 128 * 1024 * 1024;

/// The default deadline of a whole call (every attempt, backoff, refresh, and reading the
/// body): 2 minutes, two attempts' worth of the default 60 s per-attempt timeout.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);

type LayerFn = Box<dyn FnOnce(HttpService) -> HttpService + Send>;

/// Builds a [`Transport`]. Start from [`Transport::builder`].
///
/// `build` stacks the layers of [`kitsu_transport::layer`](crate::layer), outermost first (why
/// each sits where it does is in `docs/architecture.md`): [`BaseUrlLayer`] → [`TraceLayer`] →
/// [`DeadlineLayer`] (whole call) → [`RedirectLayer`] → [`BodyLimitLayer`] → [`RetryLayer`] →
/// [`RateLimitLayer`] → [`InFlightLayer`] → [`AuthLayer`] (inject as the request leaves,
/// refresh and replay) → [`TimeoutLayer`] (per attempt) → `User-Agent`/`Accept` → your layers →
/// the HTTP client (hyper-util pool over rustls, gzip), or your inner service.
///
/// Every setting is checked by `build`: a bad one is an [`Error::Builder`] naming it (a bad base
/// URL is an [`Error::InvalidBaseUrl`]).
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
///     .retry(RetryConfig::default().max_attempts(6))
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
    deadline: Option<Duration>,
    max_response_size: Option<usize>,
    connector: ConnectorOptions,
    /// The first bad setting met by a setter that checks at once.
    setting_error: Option<Error>,
    layers: Vec<LayerFn>,
    inner: Option<HttpService>,
}

impl TransportBuilder {
    /// A builder for the server at `base_url`, with the defaults: 32 requests in flight, no rate
    /// limit, 4 attempts with full-jitter backoff from 200 ms to 10 s, a 60 s per-attempt
    /// timeout, a 2 minute deadline per call ([`DEFAULT_DEADLINE`]), response bodies of at most
    /// 128 MiB ([`DEFAULT_MAX_RESPONSE_SIZE`]), a 10 s connect timeout, idle pooled connections
    /// dropped after 20 s, the bundled webpki roots.
    pub fn new(base_url: impl Into<String>) -> Self {
        TransportBuilder {
            base_url: base_url.into(),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            token: TokenCell::new(),
            retry: RetryConfig::default(),
            rate_limit: None,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            attempt_timeout: Some(Duration::from_secs(60)),
            deadline: Some(DEFAULT_DEADLINE),
            max_response_size: Some(DEFAULT_MAX_RESPONSE_SIZE),
            connector: ConnectorOptions {
                connect_timeout: Duration::from_secs(10),
                pool_idle_timeout: Duration::from_secs(20),
                pool_max_idle_per_host: 64,
                max_connections: DEFAULT_MAX_IN_FLIGHT,
                webpki_roots: true,
                native_roots: false,
                extra_roots: Vec::new(),
            },
            setting_error: None,
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
        match self.token.set(token) {
            Ok(()) => self,
            Err(error) => self.record_error(error),
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
    /// clone, and the sockets the default HTTP client holds open. Zero is an error at build time.
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

    /// How long a whole call may take (`None`: no deadline), from the moment it is sent:
    /// waiting for an in-flight slot or a rate token, every attempt and backoff, a token
    /// refresh, and reading the response body. Distinct from the per-attempt
    /// [`attempt_timeout`](Self::attempt_timeout). A request can override it with the
    /// [`RequestDeadline`](crate::RequestDeadline) extension. Default: [`DEFAULT_DEADLINE`].
    ///
    /// The wait for a slot counts: a fan-out far wider than the in-flight cap (tens of
    /// thousands of calls joined at once) may need a longer deadline, or a bounded fan-out.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// The largest response body read (`None`: no limit); a larger one fails with
    /// [`Error::BodyTooLarge`]. A request can override it with the
    /// [`MaxResponseSize`](crate::MaxResponseSize) extension. Default:
    /// [`DEFAULT_MAX_RESPONSE_SIZE`].
    pub fn max_response_size(mut self, bytes: Option<usize>) -> Self {
        self.max_response_size = bytes;
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
        let certificate = CertificateDer::from(der.into());
        // Parsed now, so that a bad certificate is named as the setting it is.
        if let Err(error) = rustls::RootCertStore::empty().add(certificate.clone()) {
            return self.record_error(Error::builder(
                "add_root_certificate_der",
                format!("bad DER certificate: {error}"),
            ));
        }
        self.connector.extra_roots.push(certificate);
        self
    }

    /// Trusts the root certificates of a PEM file's contents (a studio's own CA).
    pub fn add_root_certificates_pem(mut self, pem: &[u8]) -> Self {
        let invalid = |reason: String| Error::builder("add_root_certificates_pem", reason);
        let mut found = 0;
        for certificate in CertificateDer::pem_slice_iter(pem) {
            match certificate {
                Ok(certificate) => {
                    self.connector.extra_roots.push(certificate);
                    found += 1;
                }
                Err(error) => {
                    return self.record_error(invalid(format!("bad PEM certificate: {error}")));
                }
            }
        }
        if found == 0 {
            return self.record_error(invalid("no certificate found in the PEM data".into()));
        }
        self
    }

    /// Adds a tower layer just above the HTTP service: it sees every attempt as it goes on the
    /// wire (absolute URL, `Authorization`, `User-Agent`) and every raw response. Layers added
    /// first sit closest to the wire.
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<HttpService> + Send + 'static,
        L::Service: InnerService,
    {
        self.layers
            .push(Box::new(move |inner| HttpService::new(layer.layer(inner))));
        self
    }

    /// Replaces the HTTP client at the bottom of the stack (a proxy client, a recorder, a mock).
    /// Everything above it (retry, auth, limits, …) still applies.
    pub fn inner_service<S: InnerService>(mut self, service: S) -> Self {
        self.inner = Some(HttpService::new(service));
        self
    }

    fn record_error(mut self, error: Error) -> Self {
        self.setting_error.get_or_insert(error);
        self
    }

    /// Checks every setting and builds the stack. Needs a tokio runtime only to send requests,
    /// not to build.
    pub fn build(self) -> Result<Transport, Error> {
        let base = BaseUrl::parse(&self.base_url)?;
        if let Some(error) = self.setting_error {
            return Err(error);
        }
        let user_agent = HeaderValue::from_str(&self.user_agent).map_err(|_| {
            Error::builder(
                "user_agent",
                format!(
                    "{:?} is not a valid User-Agent header value",
                    self.user_agent
                ),
            )
        })?;
        let in_flight = InFlightLayer::new(self.max_in_flight)?;
        let rate_limit = self
            .rate_limit
            .map(|(per_second, burst)| RateLimitLayer::new(per_second, burst))
            .transpose()?;
        let retry = RetryLayer::new(self.retry)?;
        if self.deadline == Some(Duration::ZERO) {
            return Err(Error::builder(
                "deadline",
                "must be more than zero (None for no deadline)",
            ));
        }
        if self.max_response_size == Some(0) {
            return Err(Error::builder(
                "max_response_size",
                "must be at least 1 byte (None for no limit)",
            ));
        }
        let replays = retry.policy().cloned();

        let connector = ConnectorOptions {
            max_connections: self.max_in_flight,
            ..self.connector
        };
        let mut service = match self.inner {
            Some(service) => service,
            None => https_client(&connector)?,
        };
        for layer in self.layers {
            service = layer(service);
        }
        // Outermost first; why each layer sits where it does is in `docs/architecture.md`.
        let stack = ServiceBuilder::new()
            .layer(BaseUrlLayer::new(base.clone()))
            .layer(TraceLayer::new())
            .layer(DeadlineLayer::new(self.deadline))
            .layer(RedirectLayer::new())
            .layer(BodyLimitLayer::new(self.max_response_size))
            .layer(retry)
            .option_layer(rate_limit)
            .layer(in_flight)
            .layer(AuthLayer::new(base.clone(), self.token.clone()))
            .layer(TimeoutLayer::new(self.attempt_timeout))
            .layer(SetRequestHeaderLayer::if_not_present(
                USER_AGENT, user_agent,
            ))
            .layer(SetRequestHeaderLayer::if_not_present(
                ACCEPT,
                HeaderValue::from_static("application/json"),
            ))
            .service(service);
        Ok(Transport::from_inner(Arc::new(Inner {
            service: HttpService::new(stack),
            base: Arc::new(base),
            token: self.token,
            replays,
        })))
    }
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
            .field("deadline", &self.deadline)
            .field("max_response_size", &self.max_response_size)
            .field("layers", &self.layers.len())
            .field("custom_inner_service", &self.inner.is_some())
            .finish_non_exhaustive()
    }
}
