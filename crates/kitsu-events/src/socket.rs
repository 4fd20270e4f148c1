//! One connection to the event server: the WebSocket upgrade through the transport, the Engine.IO
//! handshake, joining `/events` with the token, then frames in and pongs out.
//!
//! The upgrade is an ordinary request through the [`Transport`]: the same connector, TLS roots
//! and user agent as every API call (the connector sends upgrade requests over HTTP/1.1). The
//! token goes twice, as Zou reads either: an explicit `Authorization` header on the upgrade and
//! `{"token": …}` in the CONNECT payload.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use http::{HeaderValue, Request, StatusCode, Uri, header};
use http_body_util::BodyExt;
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use kitsu_transport::{BearerToken, RequestBody, Transport};
use tokio::time::Instant;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};

use crate::error::{EventsError, handshake_hint};
use crate::protocol::{self, Handshake, Incoming, NAMESPACE};

/// An open, joined connection.
pub(crate) struct Socket {
    ws: WebSocketStream<TokioIo<Upgraded>>,
    url: String,
    handshake: Handshake,
    /// When the last ping (or the handshake) arrived: the server is dead if none comes by
    /// `last_ping + ping_interval + ping_timeout`.
    last_ping: Instant,
    /// Binary frames still to skip (attachments of a binary packet).
    skip_binary: usize,
}

impl Socket {
    /// Opens the WebSocket, reads the handshake and joins `/events` with `token`.
    pub(crate) async fn open(
        transport: &Transport,
        url: &Uri,
        token: Option<&BearerToken>,
        timeout: Duration,
    ) -> Result<Socket, EventsError> {
        let display = url.to_string();
        tokio::time::timeout(timeout, Socket::open_now(transport, url, token))
            .await
            .unwrap_or(Err(EventsError::Timeout {
                url: display,
                timeout,
            }))
    }

    async fn open_now(
        transport: &Transport,
        url: &Uri,
        token: Option<&BearerToken>,
    ) -> Result<Socket, EventsError> {
        let display = url.to_string();
        let key = generate_key();
        let mut request = Request::get(url.clone())
            .header(header::CONNECTION, "Upgrade")
            .header(header::UPGRADE, "websocket")
            .header(header::SEC_WEBSOCKET_VERSION, "13")
            .header(header::SEC_WEBSOCKET_KEY, &key)
            .body(RequestBody::empty())
            .map_err(|error| EventsError::Url {
                url: display.clone(),
                reason: error.to_string(),
            })?;
        if let Some(token) = token {
            let value: HeaderValue =
                token
                    .header_value()
                    .map_err(|source| EventsError::Connect {
                        url: display.clone(),
                        source,
                    })?;
            request.headers_mut().insert(header::AUTHORIZATION, value);
        }
        let mut response =
            transport
                .send(request)
                .await
                .map_err(|source| EventsError::Connect {
                    url: display.clone(),
                    source,
                })?;
        if response.status() != StatusCode::SWITCHING_PROTOCOLS {
            let status = response.status();
            let body = response
                .into_body()
                .collect()
                .await
                .map(|collected| collected.to_bytes())
                .unwrap_or_default();
            let message: String = String::from_utf8_lossy(&body).chars().take(200).collect();
            return Err(EventsError::Handshake {
                url: display,
                status,
                message: message.trim().to_owned(),
                hint: handshake_hint(status),
            });
        }
        let accept = derive_accept_key(key.as_bytes());
        if response
            .headers()
            .get(header::SEC_WEBSOCKET_ACCEPT)
            .is_none_or(|value| value.as_bytes() != accept.as_bytes())
        {
            return Err(EventsError::Handshake {
                url: display,
                status: StatusCode::SWITCHING_PROTOCOLS,
                message: "wrong or missing Sec-WebSocket-Accept".into(),
                hint: " (something between the client and the server answered for it)",
            });
        }
        let upgraded =
            hyper::upgrade::on(&mut response)
                .await
                .map_err(|error| EventsError::WebSocket {
                    url: display.clone(),
                    source: tokio_tungstenite::tungstenite::Error::Io(std::io::Error::other(error)),
                })?;
        let mut config = WebSocketConfig::default();
        config.max_message_size = Some(64 << 20);
        let ws =
            WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Client, Some(config))
                .await;
        let mut socket = Socket {
            ws,
            url: display,
            handshake: Handshake {
                sid: String::new(),
                ping_interval: Duration::from_secs(25),
                ping_timeout: Duration::from_secs(20),
                max_payload: 0,
            },
            last_ping: Instant::now(),
            skip_binary: 0,
        };
        socket.handshake(token).await?;
        Ok(socket)
    }

    /// Reads the Engine.IO open packet, sends CONNECT, waits for the namespace's answer.
    async fn handshake(&mut self, token: Option<&BearerToken>) -> Result<(), EventsError> {
        let first = self.next_text().await?;
        match protocol::parse(&first).map_err(|source| self.protocol(source))? {
            Incoming::Open(handshake) => self.handshake = handshake,
            _ => {
                return Err(self.protocol(protocol::ProtocolError {
                    reason: "the first packet is not the Engine.IO handshake",
                    frame: first.chars().take(120).collect(),
                }));
            }
        }
        self.last_ping = Instant::now();
        self.send(protocol::connect(NAMESPACE, token.map(BearerToken::expose)))
            .await?;
        loop {
            let text = self.next_text().await?;
            match protocol::parse(&text).map_err(|source| self.protocol(source))? {
                Incoming::Connected { namespace } if namespace == NAMESPACE => return Ok(()),
                Incoming::ConnectError { namespace, message } if namespace == NAMESPACE => {
                    return Err(EventsError::Refused {
                        url: self.url.clone(),
                        message,
                        refreshed: false,
                    });
                }
                Incoming::Ping => self.pong().await?,
                Incoming::Close => {
                    return Err(self.lost("the server closed the session during the handshake"));
                }
                _ => {}
            }
        }
    }

    /// The next text frame (pings are the caller's to answer with [`pong`](Self::pong)), or why
    /// the socket ended: closed, failed, or silent past the ping deadline.
    pub(crate) async fn next_text(&mut self) -> Result<Utf8Bytes, EventsError> {
        loop {
            let deadline =
                self.last_ping + self.handshake.ping_interval + self.handshake.ping_timeout;
            let message = match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => {
                    return Err(self.lost(&format!(
                        "no ping for {:?} (ping interval + ping timeout): the server is gone",
                        self.handshake.ping_interval + self.handshake.ping_timeout
                    )));
                }
                Ok(None) => return Err(self.lost("the server closed the socket")),
                Ok(Some(Err(source))) => {
                    return Err(EventsError::WebSocket {
                        url: self.url.clone(),
                        source,
                    });
                }
                Ok(Some(Ok(message))) => message,
            };
            match message {
                Message::Text(text) => {
                    if text.as_str() == "2" {
                        self.last_ping = Instant::now();
                    }
                    return Ok(text);
                }
                Message::Binary(_) if self.skip_binary > 0 => self.skip_binary -= 1,
                Message::Close(_) => {
                    return Err(self.lost("the server closed the socket"));
                }
                _ => {}
            }
        }
    }

    /// Skips the binary frames of a binary packet.
    pub(crate) fn skip_attachments(&mut self, count: usize) {
        self.skip_binary += count;
    }

    /// Answers a ping.
    pub(crate) async fn pong(&mut self) -> Result<(), EventsError> {
        self.send(protocol::PONG.to_owned()).await
    }

    async fn send(&mut self, frame: String) -> Result<(), EventsError> {
        self.ws
            .send(Message::text(frame))
            .await
            .map_err(|source| EventsError::WebSocket {
                url: self.url.clone(),
                source,
            })
    }

    /// An error for a frame that broke the protocol.
    pub(crate) fn protocol(&self, source: protocol::ProtocolError) -> EventsError {
        EventsError::Protocol {
            url: self.url.clone(),
            source,
        }
    }

    /// An error for a socket that ended.
    pub(crate) fn lost(&self, why: &str) -> EventsError {
        EventsError::WebSocket {
            url: self.url.clone(),
            source: tokio_tungstenite::tungstenite::Error::Io(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                why.to_owned(),
            )),
        }
    }
}
