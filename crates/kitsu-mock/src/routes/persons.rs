//! The person routes the mock has beyond generic CRUD: an admin changing someone's password,
//! and the logged-in user's tasks to do.

use http::StatusCode;
use serde_json::{Value, json};

use crate::auth::Identity;
use crate::reply::{Reply, Req, existing, try_reply};
use crate::store::str_field;
use crate::world::World;

use super::tasks::task_rows;

/// `POST actions/persons/{id}/change-password`: an admin sets someone's password.
pub(super) fn change_password(
    world: &mut World,
    person: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    if identity.role != "admin" {
        return Reply::forbidden();
    }
    try_reply!(existing(&world.db, "persons", person));
    let body = try_reply!(req.json_object());
    let password = body.get("password").and_then(Value::as_str).unwrap_or("");
    if body.get("password_2").and_then(Value::as_str) != Some(password) {
        return Reply::error(
            StatusCode::BAD_REQUEST,
            "Confirmation password doesn't match.",
        );
    }
    if password.chars().count() < 8 {
        return Reply::error(StatusCode::BAD_REQUEST, "Password is too short.");
    }
    world
        .db
        .accounts
        .entry(person.to_owned())
        .or_default()
        .password = Some(password.to_owned());
    Reply::ok(&json!({"success": true}))
}

/// `GET data/user/tasks`: the tasks assigned to the logged-in user whose status is not a done
/// one, in the open projects whose team the user is in, with the names Zou joins in.
pub(super) fn user_tasks_to_do(world: &World, identity: &Identity) -> Reply {
    let db = &world.db;
    let open = db
        .find_by("project_status", "name", "Open")
        .and_then(|row| str_field(row, "id"));
    let rows: Vec<Value> = db
        .rows("tasks")
        .iter()
        .filter(|task| {
            task.get("assignees")
                .and_then(Value::as_array)
                .is_some_and(|assignees| {
                    assignees
                        .iter()
                        .any(|a| a.as_str() == Some(identity.person_id.as_str()))
                })
        })
        .filter(|task| {
            str_field(task, "project_id")
                .and_then(|project| db.get("projects", project))
                .is_some_and(|project| {
                    str_field(project, "project_status_id") == open
                        && project
                            .get("team")
                            .and_then(Value::as_array)
                            .is_some_and(|team| {
                                team.iter()
                                    .any(|p| p.as_str() == Some(identity.person_id.as_str()))
                            })
                })
        })
        .filter(|task| {
            let is_done = str_field(task, "task_status_id")
                .and_then(|status| db.get("task_status", status))
                .and_then(|status| status.get("is_done"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
            !is_done
        })
        .filter_map(|task| {
            let id = str_field(task, "id")?;
            let entity = str_field(task, "entity_id")?;
            task_rows(world, entity)
                .into_iter()
                .find(|row| str_field(row, "id") == Some(id))
        })
        .map(Value::Object)
        .collect();
    Reply::ok(&Value::Array(rows))
}
