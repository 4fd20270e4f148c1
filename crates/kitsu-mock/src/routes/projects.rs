//! The project routes: the open projects, and a project's task types.

use http::StatusCode;
use serde_json::{Value, json};

use crate::auth::Identity;
use crate::crud;
use crate::reply::{Reply, Req, existing, try_reply};
use crate::store::{model, str_field};
use crate::world::World;

/// `GET data/projects/open`: the projects whose status is Open, with the keys Zou adds.
pub(super) fn open_projects(world: &World, identity: &Identity) -> Reply {
    let Some(model) = model("projects") else {
        return Reply::not_found();
    };
    let open = world
        .db
        .find_by("project_status", "name", "Open")
        .and_then(|r| str_field(r, "id"));
    let rows: Vec<Value> = crud::visible(&world.db, model, identity)
        .into_iter()
        .filter(|p| str_field(p, "project_status_id") == open)
        .map(|mut p| {
            p.insert("descriptors".into(), json!([]));
            p.insert("task_statuses_link".into(), json!({}));
            p.insert("task_types_priority".into(), json!({}));
            p.insert("task_type_links".into(), json!({}));
            Value::Object(p)
        })
        .collect();
    Reply::ok(&Value::Array(rows))
}

/// `POST data/projects/{id}/settings/task-types`: adds a task type to a project.
pub(super) fn add_task_type(
    world: &mut World,
    project: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    let body = try_reply!(req.json_object());
    let Some(task_type) = body
        .get("task_type_id")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return Reply::message(StatusCode::BAD_REQUEST, "A required field is missing.");
    };
    try_reply!(existing(&world.db, "task_types", &task_type));
    let Some(row) = world.db.get_mut("projects", project) else {
        return Reply::not_found();
    };
    if let Some(Value::Array(list)) = row.get_mut("task_types") {
        if !list.iter().any(|v| v.as_str() == Some(task_type.as_str())) {
            list.push(json!(task_type));
        }
    }
    let row = row.clone();
    Reply::created(&Value::Object(row))
}
