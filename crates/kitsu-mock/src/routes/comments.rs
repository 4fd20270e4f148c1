//! The comment routes: commenting on a task (which sets its status), and a task's comments.

use serde_json::{Value, json};

use crate::auth::Identity;
use crate::reply::{Reply, Req, existing, try_reply};
use crate::store::{obj, str_field};
use crate::world::World;

/// One part of a multipart form: its name, its file name if it is a file, its bytes.
struct Part {
    name: String,
    filename: Option<String>,
    bytes: Vec<u8>,
}

/// The parts of a `multipart/form-data` body held in memory, or `None` when it is not one.
fn form_parts(req: &Req) -> Option<Vec<Part>> {
    let content_type = req.content_type();
    if !content_type.starts_with("multipart/form-data") {
        return None;
    }
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))?
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let body = &req.body[..];
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(start) = find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
        let header_end = find(rest, b"\r\n\r\n")?;
        let headers = String::from_utf8_lossy(&rest[..header_end]).into_owned();
        let content = &rest[header_end + 4..];
        let end = find(content, delimiter.as_bytes())?;
        let bytes = content[..end.saturating_sub(2)].to_vec();
        let attribute = |key: &str| {
            headers.split(';').find_map(|p| {
                p.trim()
                    .strip_prefix(&format!("{key}=\""))
                    .and_then(|v| v.strip_suffix('"').or_else(|| v.split('"').next()))
                    .map(str::to_owned)
            })
        };
        parts.push(Part {
            name: attribute("name").unwrap_or_default(),
            filename: attribute("filename"),
            bytes,
        });
        rest = &content[end..];
    }
    Some(parts)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A comment's fields from a multipart form: lists as JSON text, files kept apart.
fn form_fields(parts: &[Part]) -> (serde_json::Map<String, Value>, Vec<&Part>) {
    let mut fields = serde_json::Map::new();
    let mut files = Vec::new();
    for part in parts {
        if part.filename.is_some() {
            files.push(part);
            continue;
        }
        let text = String::from_utf8_lossy(&part.bytes).into_owned();
        let value = match part.name.as_str() {
            "checklist" | "links" => serde_json::from_str(&text).unwrap_or(Value::Null),
            "for_client" => Value::Bool(!text.is_empty()),
            _ => Value::String(text),
        };
        fields.insert(part.name.clone(), value);
    }
    (fields, files)
}

/// `POST actions/tasks/{id}/comment`: comments on a task and sets its status; a multipart
/// form carries attachment files, stored as the comment's attachment files.
pub(super) fn comment(world: &mut World, task: &str, req: &Req, identity: &Identity) -> Reply {
    try_reply!(existing(&world.db, "tasks", task));
    let parts = form_parts(req);
    let (body, files) = match &parts {
        Some(parts) => form_fields(parts),
        None => (try_reply!(req.json_object()), Vec::new()),
    };
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
    let mut row = world.db.insert("comments", "Comment", row);
    let comment_id = str_field(&row, "id").unwrap_or_default().to_owned();
    let mut attachments = Vec::new();
    for file in files {
        let filename = file.filename.clone().unwrap_or_default();
        let (name, extension) = match filename.rsplit_once('.') {
            Some((name, extension)) => (name.to_owned(), extension.to_owned()),
            None => (filename.clone(), String::new()),
        };
        let attachment = world.db.insert(
            "attachment_files",
            "AttachmentFile",
            obj(json!({
                "name": name, "extension": extension, "size": file.bytes.len(),
                "mimetype": "application/octet-stream", "comment_id": comment_id,
                "chat_message_id": null,
            })),
        );
        attachments.push(Value::Object(attachment));
    }
    if !attachments.is_empty() {
        row.insert("attachment_files".into(), Value::Array(attachments));
    }
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
