//! One event: its name, where it came from, and its payload, typed where the name is known.
//!
//! Zou's payloads carry ids only (consumers refetch the entity), plus the `project_id` its
//! `emit` adds. The common ones decode into the structs below; any other stays JSON, and a
//! payload that does not fit its struct (a newer Zou) stays JSON too rather than failing.

use std::sync::Arc;

use kitsu_core::ids::{CommentId, PersonId, PreviewFileId, ProjectId, TaskId, TaskStatusId};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

use crate::names::{EventName, normalise};

/// Where an event came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Received live on the socket (Zou publishes before it stores: no id, no timestamp).
    Live,
    /// Read back from the stored event log after a reconnect: it happened while the socket was
    /// down.
    Replayed {
        /// The stored event's id.
        id: Uuid,
        /// When Zou stored it (UTC, as Zou writes it: `2026-11-25T13:31:23`).
        created_at: String,
    },
}

/// One event from Kitsu.
#[derive(Clone, Debug)]
pub struct Event {
    name: Arc<str>,
    project_id: Option<ProjectId>,
    data: EventData,
    payload: Arc<str>,
    origin: Origin,
}

impl Event {
    /// Builds an event from its name and raw JSON payload.
    #[cfg(test)]
    pub(crate) fn decode(name: &str, payload: &str, origin: Origin) -> Event {
        Event::decode_in(name, payload, project_of(payload), origin)
    }

    /// Like [`decode`](Self::decode) with the project already read (the filter reads it first).
    pub(crate) fn decode_in(
        name: &str,
        payload: &str,
        project_id: Option<ProjectId>,
        origin: Origin,
    ) -> Event {
        Event {
            data: EventData::decode(name, payload),
            name: Arc::from(name),
            project_id,
            payload: Arc::from(payload),
            origin,
        }
    }

    /// The name as Zou spelled it (`task:status-changed`, `asset_instance:add-to-shot`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this is the event `name` (`_` and `-` alike).
    pub fn is(&self, name: EventName) -> bool {
        normalise(&self.name) == normalise(name.as_str())
    }

    /// The project the event is about, when Zou says (most events; not persons, not settings).
    pub fn project_id(&self) -> Option<ProjectId> {
        self.project_id
    }

    /// The payload, typed when the name is one this crate knows.
    pub fn data(&self) -> &EventData {
        &self.data
    }

    /// The payload as Zou sent it (JSON text).
    pub fn payload(&self) -> &str {
        &self.payload
    }

    /// The payload decoded into any type of yours.
    pub fn payload_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.payload)
    }

    /// Live, or replayed from the event log after a reconnect.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Whether the event was read back from the event log after a reconnect.
    pub fn is_replayed(&self) -> bool {
        matches!(self.origin, Origin::Replayed { .. })
    }
}

/// The `project_id` of a payload, read without decoding the rest.
pub(crate) fn project_of(payload: &str) -> Option<ProjectId> {
    #[derive(Deserialize)]
    struct Project {
        #[serde(default, deserialize_with = "kitsu_api::models::opt_id")]
        project_id: Option<ProjectId>,
    }
    serde_json::from_str::<Project>(payload)
        .ok()
        .and_then(|p| p.project_id)
}

/// An event's payload: typed for the events most pipelines watch, JSON for the others.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EventData {
    /// `task:status-changed`.
    TaskStatusChanged(TaskStatusChanged),
    /// `comment:new` and `comment:update`.
    Comment(CommentEvent),
    /// `preview-file:add-file`.
    PreviewFileAdded(PreviewFileAdded),
    /// `preview-file:new`.
    PreviewFileNew(PreviewFileNew),
    /// `task:new`, `task:update`, `task:delete`, `task:to-review`, `task:assign`,
    /// `task:unassign`.
    Task(TaskEvent),
    /// A row created, changed or deleted: `<object>:new|update|delete` with `<object>_id`
    /// (`shot:new {shot_id}`, `task-type:update {task_type_id}`…).
    Row(RowEvent),
    /// Anything else, as JSON.
    Other(Value),
}

/// `task:status-changed`: a comment set a new status.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TaskStatusChanged {
    /// The task.
    pub task_id: TaskId,
    /// Its new status.
    pub new_task_status_id: TaskStatusId,
    /// Its status before.
    #[serde(default, deserialize_with = "kitsu_api::models::opt_id")]
    pub previous_task_status_id: Option<TaskStatusId>,
    /// Who changed it.
    #[serde(default, deserialize_with = "kitsu_api::models::opt_id")]
    pub person_id: Option<PersonId>,
}

/// `comment:new` / `comment:update`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CommentEvent {
    /// The comment.
    pub comment_id: CommentId,
    /// The task it is on.
    pub task_id: TaskId,
    /// The status the comment set (`comment:new` only).
    #[serde(default, deserialize_with = "kitsu_api::models::opt_id")]
    pub task_status_id: Option<TaskStatusId>,
    /// Its author.
    #[serde(default, deserialize_with = "kitsu_api::models::opt_id")]
    pub person_id: Option<PersonId>,
    /// Whether the client (customer) sees it.
    #[serde(default)]
    pub for_client: bool,
}

/// `preview-file:add-file`: a preview's file was uploaded.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PreviewFileAdded {
    /// The preview.
    pub preview_file_id: PreviewFileId,
    /// The comment it is attached to.
    #[serde(default, deserialize_with = "kitsu_api::models::opt_id")]
    pub comment_id: Option<CommentId>,
    /// The task.
    #[serde(default, deserialize_with = "kitsu_api::models::opt_id")]
    pub task_id: Option<TaskId>,
    /// The revision.
    #[serde(default)]
    pub revision: Option<i64>,
    /// The file's extension (`mp4`, `png`).
    #[serde(default)]
    pub extension: Option<String>,
    /// Processing state: `processing`, `ready`, `broken`.
    #[serde(default)]
    pub status: Option<String>,
}

/// `preview-file:new`: a preview revision was created on a comment.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PreviewFileNew {
    /// The preview.
    pub preview_file_id: PreviewFileId,
    /// The comment it belongs to.
    #[serde(default, deserialize_with = "kitsu_api::models::opt_id")]
    pub comment_id: Option<CommentId>,
}

/// A task event other than a status change.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TaskEvent {
    /// The task.
    pub task_id: TaskId,
    /// The person assigned or unassigned (`task:assign`, `task:unassign`).
    #[serde(default, deserialize_with = "kitsu_api::models::opt_id")]
    pub person_id: Option<PersonId>,
}

/// What happened to a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    /// `:new`.
    Created,
    /// `:update`.
    Updated,
    /// `:delete`.
    Deleted,
}

/// `<object>:new|update|delete` with `<object>_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RowEvent {
    /// The object, normalised (`shot`, `task-type`).
    pub object: String,
    /// What happened.
    pub action: RowAction,
    /// The row's id.
    pub id: Uuid,
}

impl EventData {
    fn decode(name: &str, payload: &str) -> EventData {
        let normalised = normalise(name);
        let typed = match normalised.as_str() {
            "task:status-changed" => typed(payload, EventData::TaskStatusChanged),
            "comment:new" | "comment:update" => typed(payload, EventData::Comment),
            "preview-file:add-file" => typed(payload, EventData::PreviewFileAdded),
            "preview-file:new" => typed(payload, EventData::PreviewFileNew),
            "task:new" | "task:update" | "task:delete" | "task:to-review" | "task:assign"
            | "task:unassign" => typed(payload, EventData::Task),
            other => row_event(other, payload),
        };
        typed.unwrap_or_else(|| {
            EventData::Other(serde_json::from_str(payload).unwrap_or(Value::Null))
        })
    }
}

fn typed<T: DeserializeOwned>(payload: &str, wrap: fn(T) -> EventData) -> Option<EventData> {
    serde_json::from_str(payload).ok().map(wrap)
}

fn row_event(name: &str, payload: &str) -> Option<EventData> {
    let (object, action) = name.split_once(':')?;
    let action = match action {
        "new" => RowAction::Created,
        "update" => RowAction::Updated,
        "delete" => RowAction::Deleted,
        _ => return None,
    };
    let key = format!("{}_id", object.replace('-', "_"));
    let fields: serde_json::Map<String, Value> = serde_json::from_str(payload).ok()?;
    let id = fields.get(&key)?.as_str()?.parse().ok()?;
    Some(EventData::Row(RowEvent {
        object: object.to_owned(),
        action,
        id,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TASK: &str = "2f0c5f5e-1c1a-4b0e-9d8e-4d2b7b3c1a01";
    const STATUS: &str = "3f0c5f5e-1c1a-4b0e-9d8e-4d2b7b3c1a02";
    const PROJECT: &str = "4f0c5f5e-1c1a-4b0e-9d8e-4d2b7b3c1a03";

    #[test]
    fn a_status_change_decodes_typed_with_its_project() {
        let payload = format!(
            r#"{{"task_id":"{TASK}","new_task_status_id":"{STATUS}","previous_task_status_id":"{STATUS}","person_id":null,"project_id":"{PROJECT}"}}"#
        );
        let event = Event::decode("task:status-changed", &payload, Origin::Live);
        assert!(event.is(EventName::TASK_STATUS_CHANGED));
        assert_eq!(event.project_id().unwrap().to_string(), PROJECT);
        let EventData::TaskStatusChanged(change) = event.data() else {
            panic!("{:?}", event.data())
        };
        assert_eq!(change.task_id.to_string(), TASK);
        assert_eq!(change.person_id, None);
    }

    #[test]
    fn generic_row_events_give_object_action_and_id() {
        let payload = format!(r#"{{"task_type_id":"{TASK}"}}"#);
        let event = Event::decode("task-type:update", &payload, Origin::Live);
        let EventData::Row(row) = event.data() else {
            panic!("{:?}", event.data())
        };
        assert_eq!(
            (row.object.as_str(), row.action),
            ("task-type", RowAction::Updated)
        );
        assert_eq!(row.id.to_string(), TASK);
        assert_eq!(event.project_id(), None);
    }

    #[test]
    fn a_payload_that_does_not_fit_stays_json() {
        let event = Event::decode("comment:new", r#"{"comment_id":"nope"}"#, Origin::Live);
        assert_eq!(
            event.data(),
            &EventData::Other(serde_json::json!({"comment_id": "nope"}))
        );
        let event = Event::decode("chat:joined", r#"{"x":1}"#, Origin::Live);
        assert!(matches!(event.data(), EventData::Other(_)));
        assert_eq!(event.payload_as::<Value>().unwrap()["x"], 1);
    }
}
