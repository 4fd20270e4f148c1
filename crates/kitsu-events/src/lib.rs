//! Kitsu's live events as a [`Stream`](futures_util::Stream), for kitsu-rs.
//!
//! Kitsu publishes every change (a task's status, a comment, a preview processed, a shot
//! created…) over Socket.IO, namespace `/events`. This crate speaks Engine.IO v4 / Socket.IO
//! v5 over a WebSocket opened through the session's [`Transport`](kitsu_transport::Transport)
//! (same connector, TLS roots and user agent as every API call), and gives you a stream:
//!
//! - **filters** by name ([`EventName`] constants, or patterns such as `comment:*` and `*:new`,
//!   `_` and `-` alike, checked against the names Kitsu publishes so a typo is an error) and by
//!   project, applied before payloads are decoded;
//! - **typed payloads** ([`EventData`]) for the events pipelines watch, JSON for the rest;
//! - **auth** from the session: the token on the upgrade and in the CONNECT payload; a refusal
//!   refreshes once, then fails with [`EventsError::Refused`] (no reconnect loop);
//! - **keep-alive**: pings answered; a server silent past ping interval + timeout is dead and the
//!   stream reconnects with jittered backoff (a fresh token each time: Zou checks tokens only at
//!   connect);
//! - **replay** (opt-in): after a reconnect, what was missed is read back from the event log and
//!   handed out first, marked [`Origin::Replayed`], each event once;
//! - **no hidden task**: the work happens while the stream is polled;
//!   [`EventStream::spawn_reader`] moves it into a task for consumers that cannot poll promptly.
//!
//! ```no_run
//! # async fn demo(client: kitsu_api::Client, project: kitsu_core::ids::ProjectId) -> Result<(), kitsu_events::EventsError> {
//! use futures_util::StreamExt;
//! use kitsu_events::{EventData, EventName, EventsBuilder};
//!
//! let mut events = EventsBuilder::new(&client)
//!     .name(EventName::TASK_STATUS_CHANGED)
//!     .name("comment:*")
//!     .project(project)
//!     .replay_missed(true)
//!     .connect()
//!     .await?;
//! while let Some(event) = events.next().await {
//!     let event = event?;
//!     if let EventData::TaskStatusChanged(change) = event.data() {
//!         println!("task {} is now {}", change.task_id, change.new_task_status_id);
//!     }
//! }
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod builder;
mod error;
mod event;
mod filter;
pub mod names;
pub mod protocol;
mod reader;
mod replay;
mod socket;
mod stream;

pub use builder::{EventsBuilder, IntoNamePattern};
pub use error::EventsError;
pub use event::{
    CommentEvent, Event, EventData, Origin, PreviewFileAdded, PreviewFileNew, RowAction, RowEvent,
    TaskEvent, TaskStatusChanged,
};
pub use filter::Filter;
pub use names::{EventName, NamePattern, UnknownEventName};
pub use reader::EventReceiver;
pub use stream::{EventStats, EventStream, Observer};
