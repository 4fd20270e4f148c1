//! The sockets a transport holds open never outnumber its in-flight cap, against a server that
//! closes connections after answering (as gunicorn's sync workers close them all). Its own test
//! binary: every socket of the process that is not the server's is the client's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::io;
use std::os::fd::AsRawFd;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use kitsu_transport::{RequestBody, Transport};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// The file descriptors the server holds (its listener and accepted connections), and when it
/// let each go, as a count of its claims and releases.
#[derive(Default)]
struct Fds {
    held: HashSet<i32>,
    released: HashMap<i32, u64>,
    epoch: u64,
}

impl Fds {
    fn claim(&mut self, fd: i32) {
        self.held.insert(fd);
        self.epoch += 1;
    }

    fn release(&mut self, fd: i32) {
        self.held.remove(&fd);
        self.released.insert(fd, self.epoch);
        self.epoch += 1;
    }

    /// Whether `fd` is the server's now, or was at some point since `epoch`.
    fn was_held_since(&self, fd: i32, epoch: u64) -> bool {
        self.held.contains(&fd) || self.released.get(&fd).is_some_and(|at| *at >= epoch)
    }
}

type ServerFds = Arc<Mutex<Fds>>;

/// An accepted connection, known as the server's until its descriptor is closed.
struct Tracked {
    stream: Option<TcpStream>,
    fd: i32,
    fds: ServerFds,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        // Close first, forget after: a sample in between never takes it for the client's.
        drop(self.stream.take());
        self.fds.lock().unwrap().release(self.fd);
    }
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(self.stream.as_mut().unwrap()).poll_read(cx, buf)
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(self.stream.as_mut().unwrap()).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(self.stream.as_mut().unwrap()).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(self.stream.as_mut().unwrap()).poll_shutdown(cx)
    }
}

/// The process's sockets that are not the server's: the client's, with the server's count
/// when the listing began. A descriptor the server held at any moment since is the server's.
fn client_sockets(server: &ServerFds) -> (Vec<i32>, u64) {
    let epoch = server.lock().unwrap().epoch;
    let sockets: Vec<i32> = std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| {
            std::fs::read_link(entry.path())
                .is_ok_and(|target| target.to_string_lossy().starts_with("socket:"))
        })
        .filter_map(|entry| entry.file_name().to_string_lossy().parse().ok())
        .collect();
    let fds = server.lock().unwrap();
    let client = sockets
        .into_iter()
        .filter(|fd| !fds.was_held_since(*fd, epoch))
        .collect();
    (client, epoch)
}

/// The client's sockets now, checked twice when more than `cap`: a connection the server has
/// just accepted is open before the server can say it is its own, and a descriptor the server
/// claims a moment later was its.
fn client_sockets_settled(server: &ServerFds, cap: usize) -> usize {
    let (seen, epoch) = client_sockets(server);
    if seen.len() <= cap {
        return seen.len();
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    let fds = server.lock().unwrap();
    seen.iter()
        .filter(|fd| !fds.was_held_since(**fd, epoch))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sockets_open_never_outnumber_the_in_flight_cap() {
    let fds: ServerFds = Arc::default();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    fds.lock().unwrap().claim(listener.as_raw_fd());
    let address = listener.local_addr().unwrap();
    let server_fds = fds.clone();
    let served_all = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        for n in 0.. {
            let (stream, _) = listener.accept().await.unwrap();
            let fd = stream.as_raw_fd();
            server_fds.lock().unwrap().claim(fd);
            let tracked = Tracked {
                stream: Some(stream),
                fd,
                fds: server_fds.clone(),
            };
            // As Zou behind a proxy during a restart: answers that take a while and close their
            // connection (gunicorn's sync workers), and bursts of instant 503s on kept-alive ones.
            let _ = n;
            let served = served_all.clone();
            let service = hyper::service::service_fn(move |_request: Request<Incoming>| {
                let k = served.fetch_add(1, Ordering::SeqCst);
                async move {
                    if (k / 100) % 2 == 1 {
                        let mut response = Response::new(Full::new(Bytes::from_static(b"busy")));
                        *response.status_mut() = http::StatusCode::SERVICE_UNAVAILABLE;
                        return Ok::<_, Infallible>(response);
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                    let mut response = Response::new(Full::new(Bytes::from_static(b"[]")));
                    response
                        .headers_mut()
                        .insert("connection", http::HeaderValue::from_static("close"));
                    Ok(response)
                }
            });
            tokio::spawn(
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tracked), service),
            );
        }
    });
    // Sockets that are neither the server's nor the client's (`cargo test` may hand some down):
    // counted as the server's.
    let (inherited, _) = client_sockets(&fds);
    for fd in inherited {
        fds.lock().unwrap().claim(fd);
    }
    let done = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicUsize::new(0));
    let sampler = {
        let (done, peak, fds) = (done.clone(), peak.clone(), fds.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                peak.fetch_max(client_sockets_settled(&fds, 8), Ordering::SeqCst);
            }
        })
    };
    let transport = Transport::builder(format!("http://{address}"))
        .max_in_flight(8)
        .no_retry()
        .build()
        .unwrap();
    let calls: Vec<_> = (0..3000)
        .map(|i| {
            let transport = transport.clone();
            tokio::spawn(async move {
                let request = Request::get(transport.url(&format!("x/{i}")).unwrap())
                    .body(RequestBody::empty())
                    .unwrap();
                transport
                    .send(request)
                    .await?
                    .into_body()
                    .bytes()
                    .await
                    .map_err(kitsu_transport::Error::Service)
            })
        })
        .collect();
    for call in calls {
        let body = call.await.unwrap().unwrap();
        assert!(body == "[]" || body == "busy", "{body:?}");
    }
    done.store(true, Ordering::SeqCst);
    sampler.join().unwrap();
    let peak = peak.load(Ordering::SeqCst);
    assert!(peak > 0, "the sampler saw the client's sockets");
    assert!(peak <= 8, "{peak} sockets open at once");
}
