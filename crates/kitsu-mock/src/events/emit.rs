//! Which events Zou publishes for the writes a request made (read from Zou 1.0.97's services
//! and its generic CRUD resource).
//!
//! Generic rows publish `<table>:new|update|delete` with `{<table>_id}` (the table's `_` written
//! `-` in the name); the services add their own: a comment publishes `comment:new` with its
//! task, status and author, and the status it set as `task:status-changed`; an uploaded preview
//! publishes `preview-file:add-file`; a new shot `shot:new` with its episode. Every payload gets
//! the row's `project_id`, as Zou's `emit` adds it.

use serde_json::{Map, Value, json};

use crate::store::{Action, Change, Db, Row, str_field};

/// An event to publish: its name and payload.
pub(crate) type Published = (String, Map<String, Value>);

/// `PreviewFile` → `preview-file` (the event's object) and `preview_file` (the id key's stem).
fn object_names(type_name: &str) -> (String, String) {
    let mut snake = String::new();
    for (i, c) in type_name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    (snake.replace('_', "-"), snake)
}

fn text(row: &Row, field: &str) -> Value {
    str_field(row, field).map_or(Value::Null, |t| Value::String(t.to_owned()))
}

/// The events of one request's writes, in order.
pub(crate) fn events_for(changes: &[Change], db: &Db) -> Vec<Published> {
    let comment_author = changes
        .iter()
        .find(|c| c.action == Action::New && str_field(&c.after, "type") == Some("Comment"))
        .map(|c| text(&c.after, "person_id"))
        .unwrap_or(Value::Null);
    let mut events = Vec::new();
    for change in changes {
        let row = &change.after;
        if let Some(name) = &change.event {
            events.push((name.clone(), row.clone()));
            continue;
        }
        let Some(type_name) = str_field(row, "type") else {
            continue;
        };
        let (object, stem) = object_names(type_name);
        let id = text(row, "id");
        let mut published: Vec<(String, Value)> = Vec::new();
        match (object.as_str(), change.action) {
            ("comment", Action::New) => published.push((
                "comment:new".into(),
                json!({
                    "comment_id": id, "task_id": text(row, "object_id"),
                    "task_status_id": text(row, "task_status_id"), "person_id": text(row, "person_id"),
                    "for_client": false,
                }),
            )),
            ("comment", Action::Update) => published.push((
                "comment:update".into(),
                json!({
                    "comment_id": id, "task_id": text(row, "object_id"),
                    "person_id": text(row, "person_id"), "for_client": false,
                }),
            )),
            ("task", Action::Update) => {
                published.push(("task:update".into(), json!({ "task_id": id })));
                let before = change.before.as_ref();
                let previous = before.map_or(Value::Null, |b| text(b, "task_status_id"));
                let now = text(row, "task_status_id");
                if previous != now {
                    published.push((
                        "task:status-changed".into(),
                        json!({
                            "task_id": id, "new_task_status_id": now,
                            "previous_task_status_id": previous, "person_id": comment_author,
                        }),
                    ));
                }
            }
            ("preview-file", Action::New) => {
                let comment = db
                    .rows("comments")
                    .iter()
                    .find(|c| c.get("previews").and_then(Value::as_array).is_some_and(|p| p.contains(&id)))
                    .map_or(Value::Null, |c| text(c, "id"));
                published.push((
                    "preview-file:new".into(),
                    json!({ "preview_file_id": id, "comment_id": comment }),
                ));
            }
            ("preview-file", Action::Update)
                if change.before.as_ref().and_then(|b| b.get("file_size"))
                    != row.get("file_size") =>
            {
                let comment = db
                    .rows("comments")
                    .iter()
                    .find(|c| c.get("preview_file_id") == Some(&id))
                    .map_or(Value::Null, |c| text(c, "id"));
                published.push((
                    "preview-file:add-file".into(),
                    json!({
                        "comment_id": comment, "task_id": text(row, "task_id"), "preview_file_id": id,
                        "revision": row.get("revision").cloned().unwrap_or(Value::Null),
                        "extension": text(row, "extension"), "status": text(row, "status"),
                    }),
                ));
            }
            ("shot", Action::New) => {
                let episode = str_field(row, "parent_id")
                    .and_then(|sequence| db.get("entities", sequence))
                    .map_or(Value::Null, |sequence| text(sequence, "parent_id"));
                published.push((
                    "shot:new".into(),
                    json!({ "shot_id": id, "episode_id": episode }),
                ));
            }
            ("asset", Action::New) => published.push((
                "asset:new".into(),
                json!({ "asset_id": id, "asset_type": text(row, "entity_type_id") }),
            )),
            ("entity-link", Action::New) => published.push((
                "entity-link:new".into(),
                json!({
                    "entity_link_id": id, "entity_in_id": text(row, "entity_in_id"),
                    "entity_out_id": text(row, "entity_out_id"),
                    "nb_occurences": row.get("nb_occurences").cloned().unwrap_or(Value::Null),
                }),
            )),
            ("entity-link", Action::Update) => published.push((
                "entity-link:update".into(),
                json!({
                    "entity_link_id": id,
                    "nb_occurences": row.get("nb_occurences").cloned().unwrap_or(Value::Null),
                }),
            )),
            (_, action) => {
                let verb = match action {
                    Action::New => "new",
                    Action::Update => "update",
                    Action::Delete | Action::Emit => "delete",
                };
                published.push((format!("{object}:{verb}"), json!({ format!("{stem}_id"): id })));
            }
        }
        // A link has no project: Zou gives the one of the entity it casts into.
        let project = str_field(row, "project_id")
            .or_else(|| {
                str_field(row, "entity_in_id")
                    .and_then(|entity| db.get("entities", entity))
                    .and_then(|entity| str_field(entity, "project_id"))
            })
            .map(str::to_owned);
        for (name, payload) in published {
            let Value::Object(mut payload) = payload else {
                continue;
            };
            if let Some(project) = &project {
                payload.insert("project_id".into(), Value::String(project.clone()));
            }
            events.push((name, payload));
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_become_zou_event_objects() {
        assert_eq!(
            object_names("PreviewFile"),
            ("preview-file".into(), "preview_file".into())
        );
        assert_eq!(object_names("Shot"), ("shot".into(), "shot".into()));
        assert_eq!(
            object_names("TaskStatus"),
            ("task-status".into(), "task_status".into())
        );
    }
}
