//! Engine.IO v4 and Socket.IO v5 framing over WebSocket text frames: parsing and writing, no I/O.
//!
//! One WebSocket text frame is one Engine.IO packet: a type digit, then its data. A `4`
//! (message) carries one Socket.IO packet: a type digit, the namespace (`/events,`), an optional
//! acknowledgement id, then JSON. Zou's event server speaks exactly this:
//!
//! ```text
//! <- 0{"sid":"…","upgrades":[],"pingTimeout":20000,"pingInterval":25000,"maxPayload":1000000}
//! -> 40/events,{"token":"…"}
//! <- 40/events,{"sid":"…"}
//! <- 42/events,["task:update",{"task_id":"…","project_id":"…"}]
//! <- 2                       (ping)      -> 3 (pong)
//! <- 44/events,{"message":"Connection refused by server"}
//! ```

use std::borrow::Cow;
use std::time::Duration;

use serde::Deserialize;
use serde_json::value::RawValue;

/// The namespace Kitsu publishes on.
pub const NAMESPACE: &str = "/events";

/// The pong a client sends for every ping.
pub const PONG: &str = "3";

/// The Engine.IO handshake: the first packet the server sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handshake {
    /// The Engine.IO session id.
    pub sid: String,
    /// How often the server pings.
    pub ping_interval: Duration,
    /// How long the server waits for a pong (and the client for the next ping, on top of the
    /// interval) before it declares the other side dead.
    pub ping_timeout: Duration,
    /// The largest packet the server accepts.
    pub max_payload: u64,
}

/// One packet received from the server.
#[derive(Debug)]
pub enum Incoming<'a> {
    /// The Engine.IO handshake.
    Open(Handshake),
    /// The server closes the session.
    Close,
    /// A ping: answer [`PONG`].
    Ping,
    /// A pong (servers do not send them in v4, but it is harmless).
    Pong,
    /// A no-op.
    Noop,
    /// The namespace was joined.
    Connected {
        /// The namespace.
        namespace: &'a str,
    },
    /// The namespace refused the connection.
    ConnectError {
        /// The namespace.
        namespace: &'a str,
        /// The server's message (Zou: always `Connection refused by server`).
        message: String,
    },
    /// The server left the namespace (it disconnects a socket whose token it no longer takes).
    Disconnect {
        /// The namespace.
        namespace: &'a str,
    },
    /// An event, its payload still undecoded.
    Event {
        /// The namespace.
        namespace: &'a str,
        /// The event's name, as the server spelled it.
        name: Cow<'a, str>,
        /// The first argument (Kitsu sends exactly one: an object of ids), as raw JSON.
        payload: Option<&'a RawValue>,
    },
    /// A binary event or acknowledgement: this many binary frames follow and belong to it.
    Binary {
        /// The number of binary frames that follow.
        attachments: usize,
    },
    /// A packet this client has no use for (an acknowledgement, an upgrade probe).
    Other,
}

/// A frame that does not follow the protocol.
#[derive(Debug, thiserror::Error)]
#[error("not an Engine.IO/Socket.IO packet ({reason}): {frame:?}")]
pub struct ProtocolError {
    /// What was wrong.
    pub reason: &'static str,
    /// The start of the frame.
    pub frame: String,
}

fn error(reason: &'static str, frame: &str) -> ProtocolError {
    ProtocolError {
        reason,
        frame: frame.chars().take(120).collect(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OpenData {
    sid: String,
    ping_interval: u64,
    ping_timeout: u64,
    #[serde(default)]
    max_payload: u64,
}

#[derive(Deserialize)]
struct ErrorData {
    #[serde(default)]
    message: Option<String>,
}

/// Parses one WebSocket text frame.
pub fn parse(frame: &str) -> Result<Incoming<'_>, ProtocolError> {
    let Some(kind) = frame.chars().next() else {
        return Err(error("empty frame", frame));
    };
    let data = &frame[1..];
    Ok(match kind {
        '0' => {
            let open: OpenData =
                serde_json::from_str(data).map_err(|_| error("bad handshake", frame))?;
            Incoming::Open(Handshake {
                sid: open.sid,
                ping_interval: Duration::from_millis(open.ping_interval),
                ping_timeout: Duration::from_millis(open.ping_timeout),
                max_payload: open.max_payload,
            })
        }
        '1' => Incoming::Close,
        '2' => Incoming::Ping,
        '3' => Incoming::Pong,
        '6' => Incoming::Noop,
        '4' => parse_socket(data, frame)?,
        '5' => Incoming::Other,
        _ => return Err(error("unknown Engine.IO packet type", frame)),
    })
}

/// A Socket.IO packet (the data of an Engine.IO message).
fn parse_socket<'a>(packet: &'a str, frame: &str) -> Result<Incoming<'a>, ProtocolError> {
    let Some(kind) = packet.chars().next() else {
        return Err(error("empty Socket.IO packet", frame));
    };
    let mut rest = &packet[1..];
    let mut attachments = 0;
    if matches!(kind, '5' | '6') {
        let Some((count, after)) = rest.split_once('-') else {
            return Err(error("binary packet without its attachment count", frame));
        };
        attachments = count
            .parse()
            .map_err(|_| error("bad attachment count", frame))?;
        rest = after;
    }
    let (namespace, rest) = if rest.starts_with('/') {
        match rest.split_once(',') {
            Some((namespace, rest)) => (namespace, rest),
            None => (rest, ""),
        }
    } else {
        ("/", rest)
    };
    // An acknowledgement id: digits before the JSON.
    let json = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    Ok(match kind {
        '0' => Incoming::Connected { namespace },
        '1' => Incoming::Disconnect { namespace },
        '2' => {
            let arguments: Vec<&RawValue> =
                serde_json::from_str(json).map_err(|_| error("an event is not an array", frame))?;
            let Some(first) = arguments.first() else {
                return Err(error("an event without a name", frame));
            };
            let name: Cow<'a, str> = serde_json::from_str(first.get())
                .map_err(|_| error("an event name is not a string", frame))?;
            Incoming::Event {
                namespace,
                name,
                payload: arguments.get(1).copied(),
            }
        }
        '4' => {
            let message = serde_json::from_str::<ErrorData>(json)
                .ok()
                .and_then(|data| data.message)
                .or_else(|| serde_json::from_str::<String>(json).ok())
                .unwrap_or_else(|| json.to_owned());
            Incoming::ConnectError { namespace, message }
        }
        '5' | '6' => Incoming::Binary { attachments },
        '3' => Incoming::Other,
        _ => return Err(error("unknown Socket.IO packet type", frame)),
    })
}

/// The frame that joins `namespace`, with the access token in the CONNECT payload (Zou 1.0.97
/// reads `{"token": …}`; older servers read the handshake's `Authorization` header).
pub fn connect(namespace: &str, token: Option<&str>) -> String {
    match token {
        Some(token) => format!("40{namespace},{}", serde_json::json!({ "token": token })),
        None => format!("40{namespace},"),
    }
}

/// The frame that leaves `namespace`.
pub fn disconnect(namespace: &str) -> String {
    format!("41{namespace},")
}

/// An event frame, as a server writes it (the mock and the benchmarks use it).
pub fn event(namespace: &str, name: &str, payload: &serde_json::Value) -> String {
    format!(
        "42{namespace},{}",
        serde_json::Value::Array(vec![name.into(), payload.clone()])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handshake_gives_the_ping_settings() {
        let Incoming::Open(open) = parse(
            r#"0{"sid":"abc","upgrades":[],"pingTimeout":20000,"pingInterval":25000,"maxPayload":1000000}"#,
        )
        .unwrap() else {
            panic!("not an open packet")
        };
        assert_eq!(open.sid, "abc");
        assert_eq!(open.ping_interval, Duration::from_secs(25));
        assert_eq!(open.ping_timeout, Duration::from_secs(20));
        assert_eq!(open.max_payload, 1_000_000);
    }

    #[test]
    fn an_event_gives_its_name_and_raw_payload() {
        let frame = r#"42/events,["task:update",{"task_id":"t","project_id":"p"}]"#;
        let Incoming::Event {
            namespace,
            name,
            payload,
        } = parse(frame).unwrap()
        else {
            panic!("not an event")
        };
        assert_eq!(namespace, "/events");
        assert_eq!(name, "task:update");
        assert_eq!(
            payload.unwrap().get(),
            r#"{"task_id":"t","project_id":"p"}"#
        );
    }

    #[test]
    fn an_event_with_an_ack_id_and_an_escaped_name_parses() {
        let frame = r#"42/events,17["comment\u003anew"]"#;
        let Incoming::Event { name, payload, .. } = parse(frame).unwrap() else {
            panic!("not an event")
        };
        assert_eq!(name, "comment:new");
        assert!(payload.is_none());
    }

    #[test]
    fn connect_and_refusal_frames() {
        assert!(matches!(
            parse(r#"40/events,{"sid":"x"}"#).unwrap(),
            Incoming::Connected {
                namespace: "/events"
            }
        ));
        let Incoming::ConnectError { message, .. } =
            parse(r#"44/events,{"message":"Connection refused by server"}"#).unwrap()
        else {
            panic!("not a refusal")
        };
        assert_eq!(message, "Connection refused by server");
        assert!(matches!(
            parse("41/events,").unwrap(),
            Incoming::Disconnect { .. }
        ));
    }

    #[test]
    fn pings_and_binary_packets() {
        assert!(matches!(parse("2").unwrap(), Incoming::Ping));
        assert!(matches!(parse("6").unwrap(), Incoming::Noop));
        assert!(matches!(
            parse(r#"452-/events,["x",{"_placeholder":true,"num":0}]"#).unwrap(),
            Incoming::Binary { attachments: 2 }
        ));
    }

    #[test]
    fn garbage_is_an_error_naming_the_frame() {
        let error = parse("9what").unwrap_err();
        assert!(error.to_string().contains("9what"), "{error}");
        assert!(parse("").is_err());
        assert!(parse("42/events,{}").is_err());
    }

    #[test]
    fn written_frames_read_back() {
        assert_eq!(
            connect(NAMESPACE, Some("tok")),
            r#"40/events,{"token":"tok"}"#
        );
        let frame = event(NAMESPACE, "shot:new", &serde_json::json!({"shot_id": "s"}));
        let Incoming::Event { name, payload, .. } = parse(&frame).unwrap() else {
            panic!("not an event")
        };
        assert_eq!(name, "shot:new");
        assert_eq!(payload.unwrap().get(), r#"{"shot_id":"s"}"#);
    }
}
