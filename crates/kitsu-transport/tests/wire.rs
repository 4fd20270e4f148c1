//! End to end over real sockets: a small hyper server on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::convert::Infallible;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use kitsu_transport::{Error, Jitter, RequestBody, RetryConfig, Transport};
use tokio::net::TcpListener;

async fn handle(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let response = match request.uri().path() {
        "/gzip" => {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(br#"{"compressed":true}"#).unwrap();
            Response::builder()
                .header("content-encoding", "gzip")
                .body(Full::new(Bytes::from(encoder.finish().unwrap())))
        }
        "/version" => {
            Response::builder().body(Full::new(Bytes::from(format!("{:?}", request.version()))))
        }
        "/headers" => {
            let agent = request
                .headers()
                .get("user-agent")
                .map(|v| v.to_str().unwrap().to_owned());
            let length = request
                .headers()
                .get("content-length")
                .map(|v| v.to_str().unwrap().to_owned());
            Response::builder().body(Full::new(Bytes::from(format!("{agent:?} {length:?}"))))
        }
        "/upgrade" => {
            // Answers 101 (with the version the request came in) and echoes what follows.
            let version = format!("{:?}", request.version());
            let mut request = request;
            let upgrade = hyper::upgrade::on(&mut request);
            tokio::spawn(async move {
                use tokio::io::{AsyncReadExt, AsyncWriteExt};
                let Ok(upgraded) = upgrade.await else { return };
                let mut io = TokioIo::new(upgraded);
                let mut buffer = [0u8; 4];
                if io.read_exact(&mut buffer).await.is_ok() {
                    let _ = io.write_all(&buffer).await;
                }
            });
            Response::builder()
                .status(101)
                .header("connection", "upgrade")
                .header("upgrade", "echo")
                .header("x-version", version)
                .body(Full::new(Bytes::new()))
        }
        _ => Response::builder().body(Full::new(Bytes::from_static(b"hello"))),
    };
    Ok(response.unwrap())
}

/// Serves plain HTTP/1.1; `idle_close` makes it close connections idle for that long.
async fn serve_http1(idle_close: Option<Duration>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder.timer(TokioTimer::new());
                if let Some(idle) = idle_close {
                    builder.header_read_timeout(idle);
                }
                let _ = builder
                    .serve_connection(TokioIo::new(stream), hyper::service::service_fn(handle))
                    .await;
            });
        }
    });
    (format!("http://{address}"), connections)
}

fn quick_retry() -> RetryConfig {
    RetryConfig::default()
        .max_attempts(3)
        .base_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(50))
        .jitter(Jitter::None)
}

async fn text(transport: &Transport, path: &str) -> Result<String, Error> {
    let request = Request::get(transport.url(path)?)
        .body(RequestBody::empty())
        .unwrap();
    let body = transport
        .send(request)
        .await?
        .into_body()
        .bytes()
        .await
        .map_err(Error::Service)?;
    Ok(String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn keep_alive_reuses_one_connection() {
    let (base, connections) = serve_http1(None).await;
    let transport = Transport::new(base).unwrap();
    for _ in 0..20 {
        assert_eq!(text(&transport, "hello").await.unwrap(), "hello");
    }
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_server_closing_idle_connections_costs_no_failure() {
    let (base, connections) = serve_http1(Some(Duration::from_millis(100))).await;
    let transport = Transport::builder(base)
        .retry(quick_retry())
        .build()
        .unwrap();
    for _ in 0..5 {
        assert_eq!(text(&transport, "hello").await.unwrap(), "hello");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(
        connections.load(Ordering::SeqCst) >= 2,
        "the server did close idle connections"
    );
}

#[tokio::test]
async fn gzip_bodies_are_decompressed() {
    let (base, _) = serve_http1(None).await;
    let transport = Transport::new(base).unwrap();
    assert_eq!(
        text(&transport, "gzip").await.unwrap(),
        r#"{"compressed":true}"#
    );
}

#[tokio::test]
async fn bodies_go_with_an_exact_content_length_and_the_product_agent() {
    let (base, _) = serve_http1(None).await;
    let transport = Transport::new(base).unwrap();
    let body = RequestBody::replayable(11, || {
        futures_util::stream::iter([Ok(Bytes::from("hello ")), Ok(Bytes::from("world"))])
    });
    let request = Request::post(transport.url("headers").unwrap())
        .body(body)
        .unwrap();
    let response = transport
        .send(request)
        .await
        .unwrap()
        .into_body()
        .bytes()
        .await
        .unwrap();
    let expected = format!(
        "Some({:?}) Some(\"11\")",
        kitsu_transport::DEFAULT_USER_AGENT
    );
    assert_eq!(response, expected);
}

#[tokio::test]
async fn a_closed_port_is_a_connect_error_naming_the_url() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let transport = Transport::builder(format!("http://{address}/api"))
        .retry(quick_retry())
        .build()
        .unwrap();
    let error = text(&transport, "data/projects").await.unwrap_err();
    assert!(error.is_connect(), "{error:?}");
    assert!(
        matches!(error, Error::RetriesExhausted { attempts: 3, .. }),
        "{error:?}"
    );
    let shown = error.to_string();
    assert!(
        shown.contains(&format!("http://{address}/api/data/projects")),
        "{shown}"
    );
}

mod tls {
    use super::*;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

    /// Serves HTTP/1.1 and HTTP/2 over TLS with a self-signed certificate for `localhost`.
    async fn serve_tls() -> (String, CertificateDer<'static>) {
        let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
        let cert = certified.cert.der().clone();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
            certified.signing_key.serialize_der(),
        ));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert.clone()], key)
            .unwrap();
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(stream) = acceptor.accept(stream).await else {
                        return;
                    };
                    let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                        .serve_connection_with_upgrades(
                            TokioIo::new(stream),
                            hyper::service::service_fn(handle),
                        )
                        .await;
                });
            }
        });
        (format!("https://localhost:{port}"), cert)
    }

    #[tokio::test]
    async fn http2_is_negotiated_by_alpn() {
        let (base, cert) = serve_tls().await;
        let transport = Transport::builder(base)
            .add_root_certificate_der(cert.to_vec())
            .build()
            .unwrap();
        assert_eq!(text(&transport, "version").await.unwrap(), "HTTP/2.0");
        assert_eq!(text(&transport, "hello").await.unwrap(), "hello");
    }

    /// The event socket's way in: an upgrade request through the whole stack goes over
    /// HTTP/1.1 (an upgrade cannot ride HTTP/2) with the transport's own TLS roots, while the
    /// same server gives ordinary requests HTTP/2.
    #[tokio::test]
    async fn an_upgrade_goes_over_http1_with_the_same_roots() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let (base, cert) = serve_tls().await;
        let transport = Transport::builder(base)
            .add_root_certificate_der(cert.to_vec())
            .build()
            .unwrap();
        assert_eq!(text(&transport, "version").await.unwrap(), "HTTP/2.0");
        let request = Request::get(transport.url("upgrade").unwrap())
            .header("connection", "upgrade")
            .header("upgrade", "echo")
            .body(RequestBody::empty())
            .unwrap();
        let mut response = transport.send(request).await.unwrap();
        assert_eq!(response.status(), 101);
        assert_eq!(response.headers()["x-version"], "HTTP/1.1");
        let upgraded = hyper::upgrade::on(&mut response).await.unwrap();
        let mut io = TokioIo::new(upgraded);
        io.write_all(b"ping").await.unwrap();
        let mut echoed = [0u8; 4];
        io.read_exact(&mut echoed).await.unwrap();
        assert_eq!(&echoed, b"ping");
    }

    #[tokio::test]
    async fn an_untrusted_certificate_is_a_tls_error() {
        let (base, _) = serve_tls().await;
        let transport = Transport::builder(base).no_retry().build().unwrap();
        let error = text(&transport, "hello").await.unwrap_err();
        assert!(matches!(error, Error::Tls { .. }), "{error:?}");
        assert!(
            error
                .to_string()
                .contains("TLS handshake with https://localhost"),
            "{error}"
        );
    }
}
