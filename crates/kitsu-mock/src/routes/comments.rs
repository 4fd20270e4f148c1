//! The comment routes: commenting on a task (which sets its status), and a task's comments.

use serde_json::{Value, json};

use crate::auth::Identity;
use crate::reply::{Reply, Req, existing, try_reply};
use crate::store::{obj, str_field};
use crate::world::World;

/// `POST actions/tasks/{id}/comment`: comments on a task and sets its status.
pub(super) fn comment(world: &mut World, task: &str, req: &Req, identity: &Identity) -> Reply {
    try_reply!(existing(&world.db, "tasks", task));
    let body = try_reply!(req.json_object());
    let Some(status) = body
        .get("task_status_id")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return Reply::validation("task_status_id", "Field required");
    };
    try_reply!(existing(&world.db, "task_status", &status));
    let text = body.get("comment").and_then(Value::as_str).unwrap_or("");
    let row = obj(json!({
        "shotgun_id": null, "object_id": task, "object_type": "Task", "text": text, "data": null,
        "replies": [], "checklist": body.get("checklist").cloned().unwrap_or_else(|| json!([])),
        "pinned": null, "links": [], "task_status_id": status, "person_id": identity.person_id,
        "editor_id": null, "preview_file_id": null, "previews": [], "mentions": [], "acknowledgements": [],
        "department_mentions": [], "attachment_files": [],
    }));
    let row = world.db.insert("comments", "Comment", row);
    let now = row.get("created_at").cloned().unwrap_or(Value::Null);
    world.db.update(
        "tasks",
        task,
        obj(json!({"task_status_id": status, "last_comment_date": now})),
    );
    Reply::created(&Value::Object(row))
}

/// `GET data/tasks/{id}/comments`: the comments on a task.
pub(super) fn task_comments(world: &World, task: &str) -> Reply {
    let rows: Vec<Value> = world
        .db
        .rows("comments")
        .iter()
        .filter(|c| str_field(c, "object_id") == Some(task))
        .map(|c| Value::Object(c.clone()))
        .collect();
    Reply::ok(&Value::Array(rows))
}

/// `PUT actions/preview-files/{id}/set-main-preview`: makes a preview its task's entity's
/// thumbnail; answers the entity.
pub(super) fn set_main_preview(world: &mut World, preview: &str) -> Reply {
    let Some(entity) = world
        .db
        .get("preview_files", preview)
        .and_then(|p| str_field(p, "task_id"))
        .and_then(|task| world.db.get("tasks", task))
        .and_then(|t| str_field(t, "entity_id"))
        .map(str::to_owned)
    else {
        return Reply::not_found();
    };
    match world.db.update(
        "entities",
        &entity,
        crate::store::obj(json!({ "preview_file_id": preview })),
    ) {
        Some(row) => Reply::ok(&Value::Object(row)),
        None => Reply::not_found(),
    }
}
