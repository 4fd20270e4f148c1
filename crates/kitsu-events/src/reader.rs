//! The opt-in reader task: an [`EventStream`] read promptly into a bounded channel.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::{Stream, StreamExt};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::error::EventsError;
use crate::event::Event;
use crate::stream::EventStream;

/// The receiving end of [`EventStream::spawn_reader`]: a [`Stream`] of the same items, fed by a
/// task that keeps the socket answered. Dropping it stops the task and closes the socket.
#[derive(Debug)]
pub struct EventReceiver {
    receiver: mpsc::Receiver<Result<Event, EventsError>>,
    task: JoinHandle<()>,
}

impl EventReceiver {
    pub(crate) fn spawn(mut stream: EventStream, capacity: usize) -> EventReceiver {
        let (sender, receiver) = mpsc::channel(capacity.max(1));
        let task = tokio::spawn(async move {
            while let Some(item) = stream.next().await {
                if sender.send(item).await.is_err() {
                    break;
                }
            }
        });
        EventReceiver { receiver, task }
    }

    /// The next item, or `None` once the stream ended.
    pub async fn recv(&mut self) -> Option<Result<Event, EventsError>> {
        self.receiver.recv().await
    }
}

impl Stream for EventReceiver {
    type Item = Result<Event, EventsError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.receiver.poll_recv(cx)
    }
}

impl Drop for EventReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}
