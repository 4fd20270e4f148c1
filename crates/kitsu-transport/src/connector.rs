//! The inner HTTP service: hyper-util's pooled client over hyper-rustls (ring), with gzip.

use std::error::Error as StdError;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::future::BoxFuture;
use http::{Request, Response, Uri};
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use rustls::pki_types::CertificateDer;
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::Service;
use tower_http::decompression::Decompression;

use crate::error::BoxError;
use crate::{Error, HttpService, RequestBody, ResponseBody};

/// What the connector needs from the builder.
#[derive(Clone, Debug)]
pub(crate) struct ConnectorOptions {
    pub(crate) connect_timeout: Duration,
    pub(crate) pool_idle_timeout: Duration,
    pub(crate) pool_max_idle_per_host: usize,
    /// The most sockets open at once (the in-flight cap).
    pub(crate) max_connections: usize,
    pub(crate) webpki_roots: bool,
    pub(crate) native_roots: bool,
    pub(crate) extra_roots: Vec<CertificateDer<'static>>,
}

type HyperClient = Client<hyper_rustls::HttpsConnector<CappedConnector>, RequestBody>;

/// The pooled client, decompressing gzip, with hyper's errors classified into [`Error`].
#[derive(Clone)]
struct HyperService {
    client: Decompression<HyperClient>,
    /// The same TLS settings, HTTP/1.1 only: for requests asking for a protocol upgrade (a
    /// WebSocket), which HTTP/2 cannot carry as an upgrade.
    upgrades: HyperClient,
}

/// Builds the default inner service.
pub(crate) fn https_client(options: &ConnectorOptions) -> Result<HttpService, Error> {
    let tls = tls_config(options)?;
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_nodelay(true);
    http.set_connect_timeout(Some(options.connect_timeout));
    http.set_keepalive(Some(Duration::from_secs(60)));
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls.clone())
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .wrap_connector(CappedConnector::new(http.clone(), options.max_connections));
    // Upgraded connections (a WebSocket) live as long as their stream: they are capped apart,
    // so that event streams never take the places of requests.
    let http1_only = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(CappedConnector::new(http, options.max_connections));
    let client = || {
        let mut builder = Client::builder(TokioExecutor::new());
        builder
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .pool_idle_timeout(options.pool_idle_timeout)
            .pool_max_idle_per_host(options.pool_max_idle_per_host);
        builder
    };
    Ok(HttpService::new(HyperService {
        client: Decompression::new(client().build(https)).gzip(true),
        upgrades: client().build(http1_only),
    }))
}

/// Caps the sockets the pool holds open at once: a connection takes a permit before it connects
/// and gives it back when it is closed. The in-flight cap alone does not bound sockets: a
/// connection the server closed lingers until the pool's task drops it, and a connection that
/// lost the race to an idle one is kept idle; both add up above the cap under load.
#[derive(Clone)]
struct CappedConnector {
    inner: HttpConnector,
    permits: Arc<Semaphore>,
}

impl CappedConnector {
    /// `inner`, holding at most `max` sockets open.
    fn new(inner: HttpConnector, max: usize) -> Self {
        CappedConnector {
            inner,
            permits: Arc::new(Semaphore::new(max)),
        }
    }
}

impl Service<Uri> for CappedConnector {
    type Response = Capped<TokioIo<TcpStream>>;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<Self::Response, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        let permits = self.permits.clone();
        let mut inner = self.inner.clone();
        Box::pin(async move {
            let permit = permits.acquire_owned().await?;
            let io = inner.call(uri).await?;
            Ok(Capped {
                io,
                _permit: permit,
            })
        })
    }
}

/// A connection holding its permit of the [`CappedConnector`] until it is dropped.
struct Capped<T> {
    io: T,
    _permit: OwnedSemaphorePermit,
}

impl<T: Read + Unpin> Read for Capped<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl<T: Write + Unpin> Write for Capped<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }
}

impl<T: Connection> Connection for Capped<T> {
    fn connected(&self) -> Connected {
        self.io.connected()
    }
}

fn tls_config(options: &ConnectorOptions) -> Result<rustls::ClientConfig, Error> {
    let mut roots = rustls::RootCertStore::empty();
    if options.webpki_roots {
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    }
    if options.native_roots {
        add_native_roots(&mut roots)?;
    }
    for certificate in &options.extra_roots {
        roots
            .add(certificate.clone())
            .map_err(|error| Error::TlsConfig(format!("bad root certificate: {error}")))?;
    }
    if roots.is_empty() {
        return Err(Error::TlsConfig(
            "no root certificates: enable the built-in or native roots, or add one".into(),
        ));
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| Error::TlsConfig(error.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

#[cfg(feature = "native-roots")]
fn add_native_roots(roots: &mut rustls::RootCertStore) -> Result<(), Error> {
    let found = rustls_native_certs::load_native_certs();
    if found.certs.is_empty() {
        return Err(Error::TlsConfig(format!(
            "no native root certificates could be loaded: {:?}",
            found.errors
        )));
    }
    roots.add_parsable_certificates(found.certs);
    Ok(())
}

#[cfg(not(feature = "native-roots"))]
fn add_native_roots(_roots: &mut rustls::RootCertStore) -> Result<(), Error> {
    Err(Error::TlsConfig(
        "native roots need the `native-roots` feature of kitsu-transport".into(),
    ))
}

impl Service<Request<RequestBody>> for HyperService {
    type Response = Response<ResponseBody>;
    type Error = Error;
    type Future = BoxFuture<'static, Result<Response<ResponseBody>, Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.client
            .poll_ready(cx)
            .map_err(|error| Error::Service(error.into()))
    }

    fn call(&mut self, request: Request<RequestBody>) -> Self::Future {
        let method = request.method().clone();
        let url = request.uri().clone();
        if request.headers().contains_key(http::header::UPGRADE) {
            let response = self.upgrades.request(request);
            return Box::pin(async move {
                let response = response.await;
                response
                    .map(|response| response.map(ResponseBody::new))
                    .map_err(|error| classify_hyper_error(error, method, url))
            });
        }
        let response = self.client.call(request);
        Box::pin(async move {
            let response = response.await;
            response
                .map(|response| response.map(ResponseBody::new))
                .map_err(|error| classify_hyper_error(error, method, url))
        })
    }
}

/// Sorts hyper-util's error into connect, TLS, or request failures (with whether the
/// connection was closed under the request, which makes it transient).
fn classify_hyper_error(
    error: hyper_util::client::legacy::Error,
    method: http::Method,
    url: http::Uri,
) -> Error {
    let tls = any_cause(&error, &|cause| cause.is::<rustls::Error>());
    if error.is_connect() {
        return if tls {
            Error::Tls {
                url,
                source: Box::new(error),
            }
        } else {
            Error::Connect {
                url,
                source: Box::new(error),
            }
        };
    }
    Error::Request {
        method,
        url,
        connection_closed: connection_closed(&error),
        source: Box::new(error),
    }
}

/// Whether `error` (a request's, or a response body's) means the connection was closed or
/// reset under it: the message was cut, nothing says the server is at fault.
pub(crate) fn connection_closed(error: &(dyn StdError + 'static)) -> bool {
    any_cause(error, &|cause| {
        if let Some(hyper_error) = cause.downcast_ref::<hyper::Error>() {
            return hyper_error.is_incomplete_message()
                || hyper_error.is_canceled()
                || hyper_error.is_closed();
        }
        if let Some(io_error) = cause.downcast_ref::<io::Error>() {
            return matches!(
                io_error.kind(),
                io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
                    | io::ErrorKind::BrokenPipe
                    | io::ErrorKind::UnexpectedEof
            );
        }
        false
    })
}

/// Whether `test` holds for any error in the chain, looking inside `io::Error`s too
/// (whose `source` skips the error they wrap).
fn any_cause(
    error: &(dyn StdError + 'static),
    test: &dyn Fn(&(dyn StdError + 'static)) -> bool,
) -> bool {
    let mut current = Some(error);
    while let Some(cause) = current {
        if test(cause) {
            return true;
        }
        if let Some(wrapped) = cause
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
        {
            if test(wrapped) || any_cause(wrapped, test) {
                return true;
            }
        }
        current = cause.source();
    }
    false
}
