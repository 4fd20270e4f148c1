//! The WebSocket upgrade at `/socket.io/` and one connection's protocol, as Zou's event server
//! (python-socketio 5 / python-engineio 4) runs it.

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use http::{HeaderValue, Request, Response, StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::sync::broadcast::error::RecvError;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

use crate::auth::Kind;
use crate::reply::{Body, Reply};
use crate::server::Shared;
use crate::store::new_id;

/// What Zou answers every refused connection, whatever the cause.
const REFUSED: &str = r#"44/events,{"message":"Connection refused by server"}"#;

/// Answers the upgrade request and runs the connection in a task of its own.
pub(crate) fn serve_socket(shared: Arc<Shared>, mut request: Request<Incoming>) -> Response<Body> {
    if !shared.events.is_up() {
        return Reply::error(StatusCode::BAD_GATEWAY, "Bad Gateway").into_response();
    }
    let query = request.uri().query().unwrap_or("");
    let websocket = request
        .headers()
        .get(header::UPGRADE)
        .is_some_and(|u| u.as_bytes().eq_ignore_ascii_case(b"websocket"));
    let key = request.headers().get(header::SEC_WEBSOCKET_KEY).cloned();
    let (true, Some(key), true, true) = (
        websocket,
        key,
        query.contains("EIO=4"),
        query.contains("transport=websocket"),
    ) else {
        return Reply::json(
            StatusCode::BAD_REQUEST,
            &json!({"code": 0, "message": "Transport unknown"}),
        )
        .into_response();
    };
    let header_token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let upgrade = hyper::upgrade::on(&mut request);
    tokio::spawn(async move {
        let Ok(upgraded) = upgrade.await else { return };
        let ws = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        connection(&shared, ws, header_token).await;
    });
    let mut response = Response::new(Body::default());
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = response.headers_mut();
    headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(accept) = HeaderValue::from_str(&derive_accept_key(key.as_bytes())) {
        headers.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    }
    response
}

/// Whether `token` is a valid access token now (Zou checks at connect only).
fn accepted(shared: &Shared, token: Option<&str>) -> bool {
    let Some(token) = token else { return false };
    let world = shared.world();
    world
        .tokens
        .check(token, &world.db, &world.auth, Kind::Access)
        .is_ok()
}

async fn connection<S>(shared: &Shared, mut ws: WebSocketStream<S>, header_token: Option<String>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let hub = &shared.events;
    let mut killed = hub.killed();
    killed.borrow_and_update();
    let open = json!({
        "sid": new_id(), "upgrades": [], "maxPayload": 1_000_000,
        "pingInterval": hub.ping_interval.as_millis() as u64,
        "pingTimeout": hub.ping_timeout.as_millis() as u64,
    });
    if ws.send(Message::text(format!("0{open}"))).await.is_err() {
        return;
    }
    // The CONNECT packet, within the ping timeout.
    let connect = tokio::time::timeout(hub.ping_timeout, async {
        while let Some(Ok(message)) = ws.next().await {
            if let Message::Text(text) = message {
                if let Some(rest) = text.as_str().strip_prefix("40/events") {
                    return Some(rest.trim_start_matches(',').to_owned());
                }
            }
        }
        None
    })
    .await;
    let Ok(Some(payload)) = connect else { return };
    let payload_token = serde_json::from_str::<Value>(&payload)
        .ok()
        .and_then(|auth| auth.get("token").and_then(Value::as_str).map(str::to_owned));
    if !accepted(shared, header_token.as_deref()) && !accepted(shared, payload_token.as_deref()) {
        let _ = ws.send(Message::text(REFUSED)).await;
        let _ = ws.close(None).await;
        return;
    }
    let mut frames = hub.subscribe();
    let _joined = hub.joined();
    let joined = format!("40/events,{}", json!({"sid": new_id()}));
    if ws.send(Message::text(joined)).await.is_err() {
        return;
    }
    let mut ping = tokio::time::interval(hub.ping_interval);
    ping.reset();
    let mut pong_due: Option<tokio::time::Instant> = None;
    loop {
        let pong_deadline = async {
            match pong_due {
                Some(due) => tokio::time::sleep_until(due).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            _ = killed.changed() => return,
            _ = pong_deadline => return,
            _ = ping.tick() => {
                if hub.pings() {
                    if ws.send(Message::text("2")).await.is_err() {
                        return;
                    }
                    pong_due.get_or_insert(tokio::time::Instant::now() + hub.ping_timeout);
                }
            }
            frame = frames.recv() => match frame {
                Ok(frame) => {
                    // A stopped server delivers nothing, even what was queued before it stopped.
                    if !hub.is_up() || ws.send(Message::text(frame.as_ref())).await.is_err() {
                        return;
                    }
                }
                Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return,
            },
            message = ws.next() => match message {
                Some(Ok(Message::Text(text))) if text.as_str() == "3" => pong_due = None,
                Some(Ok(Message::Text(text))) if text.as_str().starts_with("41/events") => return,
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
        }
    }
}
