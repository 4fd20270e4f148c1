//! The task routes: the tasks of an entity (with the names Zou joins in), `create-tasks`, the
//! logged-in user's done tasks, and the task row builder the seeder shares.

use http::StatusCode;
use serde_json::{Value, json};

use super::{EntityKind, entities};
use crate::auth::Identity;
use crate::reply::{Reply, Req, is_uuid, try_reply};
use crate::store::{Row, obj, str_field};
use crate::world::World;

/// The tasks of an entity, with the names Zou joins in.
pub(super) fn task_rows(world: &World, entity_id: &str) -> Vec<Row> {
    let name_of = |table: &str, id: Option<&str>| {
        id.and_then(|id| world.db.get(table, id))
            .and_then(|r| str_field(r, "name"))
            .map(str::to_owned)
    };
    let entity = world.db.get("entities", entity_id);
    world
        .db
        .rows("tasks")
        .iter()
        .filter(|t| str_field(t, "entity_id") == Some(entity_id))
        .map(|task| {
            let mut task = task.clone();
            task.insert(
                "project_name".into(),
                json!(name_of("projects", str_field(&task, "project_id"))),
            );
            task.insert(
                "task_type_name".into(),
                json!(name_of("task_types", str_field(&task, "task_type_id"))),
            );
            task.insert(
                "task_status_name".into(),
                json!(name_of("task_status", str_field(&task, "task_status_id"))),
            );
            task.insert(
                "entity_name".into(),
                json!(entity.and_then(|e| str_field(e, "name"))),
            );
            task.insert(
                "entity_type_name".into(),
                json!(entity.and_then(|e| world.db.entity_type_name(e))),
            );
            task
        })
        .collect()
}

/// `GET data/{shots,sequences,episodes,assets}/{id}/tasks`.
pub(super) fn entity_tasks(world: &World, kind: EntityKind, id: &str) -> Reply {
    if !kind.has(&world.db, id) {
        return Reply::not_found();
    }
    Reply::ok(&Value::Array(
        task_rows(world, id)
            .into_iter()
            .map(Value::Object)
            .collect(),
    ))
}

/// `POST actions/projects/{id}/task-types/{id}/{shots,assets}/create-tasks`: a task of the type
/// on each entity listed in the body (all of the project's without a body) that has none yet.
pub(super) fn create_tasks(
    world: &mut World,
    project: &str,
    task_type: &str,
    kind: EntityKind,
    req: &Req,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    if !is_uuid(project)
        || world.db.get("projects", project).is_none()
        || world.db.get("task_types", task_type).is_none()
    {
        return Reply::not_found();
    }
    let wanted: Option<Vec<String>> = if req.body.is_empty() {
        None
    } else {
        match serde_json::from_slice::<Value>(&req.body) {
            Ok(Value::Array(ids)) => Some(
                ids.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
            ),
            _ => {
                return Reply::error_with_data(
                    StatusCode::BAD_REQUEST,
                    "Request body must be a JSON array.",
                );
            }
        }
    };
    let default_status = world
        .db
        .find_by("task_status", "is_default", "true")
        .or_else(|| world.db.rows("task_status").first())
        .and_then(|r| str_field(r, "id"))
        .map(str::to_owned);
    let targets: Vec<String> = entities::entities(world, kind, |row| {
        str_field(row, "project_id") == Some(project)
    })
    .iter()
    .filter_map(|row| str_field(row, "id").map(str::to_owned))
    .filter(|id| wanted.as_ref().is_none_or(|w| w.contains(id)))
    .collect();
    let mut created = Vec::new();
    for entity in targets {
        let exists = world.db.rows("tasks").iter().any(|t| {
            str_field(t, "entity_id") == Some(entity.as_str())
                && str_field(t, "task_type_id") == Some(task_type)
        });
        if exists {
            continue;
        }
        let row = insert_task(
            &mut world.db,
            project,
            task_type,
            default_status.as_deref(),
            &entity,
            &identity.person_id,
        );
        created.push(Value::Object(row));
    }
    Reply::created(&Value::Array(created))
}

/// Inserts a task with Zou's defaults.
pub(crate) fn insert_task(
    db: &mut crate::store::Db,
    project: &str,
    task_type: &str,
    status: Option<&str>,
    entity: &str,
    creator: &str,
) -> Row {
    let row = obj(json!({
        "name": "main", "description": null, "priority": 0, "difficulty": 3, "duration": 0, "estimation": 0,
        "completion_rate": 0, "retake_count": 0, "sort_order": 0, "start_date": null, "due_date": null,
        "real_start_date": null, "end_date": null, "done_date": null, "last_comment_date": null,
        "nb_assets_ready": 0, "data": null, "shotgun_id": null, "assigner_id": creator,
        "project_id": project, "task_type_id": task_type, "task_status_id": status,
        "entity_id": entity, "assignees": [],
    }));
    db.insert("tasks", "Task", row)
}

/// `GET data/projects/{id}/tasks`: every task of a project, with an `ETag` and `If-None-Match`
/// honoured (Zou's validator hashes the project's tasks and the caller).
pub(super) fn project_tasks(world: &World, project: &str, req: &Req, identity: &Identity) -> Reply {
    if !is_uuid(project) || world.db.get("projects", project).is_none() {
        return Reply::not_found();
    }
    let tasks: Vec<Value> = world
        .db
        .rows("tasks")
        .iter()
        .filter(|task| str_field(task, "project_id") == Some(project))
        .cloned()
        .map(Value::Object)
        .collect();
    Reply::ok(&Value::Array(tasks)).conditional(req, &identity.person_id, entities::REVALIDATE)
}

/// `GET data/tasks/{id}/full`: a task with the names and rows Zou joins in.
pub(super) fn task_full(world: &World, task: &str) -> Reply {
    let Some(row) = world.db.get("tasks", task) else {
        return Reply::not_found();
    };
    let entity = str_field(row, "entity_id").unwrap_or_default().to_owned();
    let mut full = task_rows(world, &entity)
        .into_iter()
        .find(|t| str_field(t, "id") == Some(task))
        .unwrap_or_else(|| row.clone());
    for (key, table, field) in [
        ("project", "projects", "project_id"),
        ("task_type", "task_types", "task_type_id"),
        ("task_status", "task_status", "task_status_id"),
        ("entity", "entities", "entity_id"),
    ] {
        let joined = str_field(row, field)
            .and_then(|id| world.db.get(table, id))
            .map(|r| Value::Object(r.clone()))
            .unwrap_or(Value::Null);
        full.insert(key.into(), joined);
    }
    let persons: Vec<Value> = row
        .get("assignees")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|id| world.db.get("persons", id))
        .map(|p| Value::Object(p.clone()))
        .collect();
    full.insert("persons".into(), Value::Array(persons));
    Reply::ok(&Value::Object(full))
}

/// The `task_ids` of a body.
fn body_task_ids(req: &Req) -> Result<Vec<String>, Reply> {
    let body = req.json_object()?;
    Ok(body
        .get("task_ids")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect())
}

/// `PUT actions/persons/{id}/assign`: adds a person to the assignees of tasks; answers the
/// tasks changed.
pub(super) fn assign(world: &mut World, person: &str, req: &Req, identity: &Identity) -> Reply {
    try_reply!(identity.require_manager());
    if world.db.get("persons", person).is_none() {
        return Reply::not_found();
    }
    let ids = try_reply!(body_task_ids(req));
    let mut changed = Vec::new();
    for id in ids {
        let Some(task) = world.db.get("tasks", &id) else {
            continue;
        };
        let mut assignees: Vec<Value> = task
            .get("assignees")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if !assignees.iter().any(|a| a.as_str() == Some(person)) {
            assignees.push(json!(person));
        }
        if let Some(row) = world.db.update(
            "tasks",
            &id,
            obj(json!({"assignees": assignees, "assigner_id": identity.person_id})),
        ) {
            changed.push(Value::Object(row));
        }
    }
    Reply::ok(&Value::Array(changed))
}

/// `PUT actions/tasks/clear-assignation`: removes everyone (or `person_id`) from the assignees
/// of tasks; answers the ids of the tasks changed.
pub(super) fn clear_assignation(world: &mut World, req: &Req, identity: &Identity) -> Reply {
    try_reply!(identity.require_manager());
    let body = try_reply!(req.json_object());
    let person = body
        .get("person_id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let ids = try_reply!(body_task_ids(req));
    let mut changed = Vec::new();
    for id in ids {
        let Some(task) = world.db.get("tasks", &id) else {
            continue;
        };
        let assignees: Vec<Value> = match &person {
            None => Vec::new(),
            Some(person) => task
                .get("assignees")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|a| a.as_str() != Some(person.as_str()))
                .cloned()
                .collect(),
        };
        world
            .db
            .update("tasks", &id, obj(json!({ "assignees": assignees })));
        changed.push(json!(id));
    }
    Reply::ok(&Value::Array(changed))
}

/// `POST data/entities/{id}/tasks`: a task of each type in `task_type_ids` on the entity
/// (types it has a task of are skipped); answers the tasks created.
pub(super) fn create_entity_tasks(
    world: &mut World,
    entity: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    let Some(project) = world
        .db
        .get("entities", entity)
        .and_then(|e| str_field(e, "project_id"))
        .map(str::to_owned)
    else {
        return Reply::not_found();
    };
    let body = try_reply!(req.json_object());
    let types: Vec<String> = body
        .get("task_type_ids")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let default_status = world
        .db
        .find_by("task_status", "is_default", "true")
        .or_else(|| world.db.rows("task_status").first())
        .and_then(|r| str_field(r, "id"))
        .map(str::to_owned);
    let mut created = Vec::new();
    for task_type in types {
        if world.db.get("task_types", &task_type).is_none() {
            return Reply::not_found();
        }
        let exists = world.db.rows("tasks").iter().any(|t| {
            str_field(t, "entity_id") == Some(entity)
                && str_field(t, "task_type_id") == Some(task_type.as_str())
        });
        if exists {
            continue;
        }
        let row = insert_task(
            &mut world.db,
            &project,
            &task_type,
            default_status.as_deref(),
            entity,
            &identity.person_id,
        );
        created.push(Value::Object(row));
    }
    Reply::created(&Value::Array(created))
}

/// `GET data/persons/{id}/tasks`: the tasks a person is assigned that are not done, in open
/// projects, with the names Zou joins in.
pub(super) fn person_tasks(world: &World, person: &str) -> Reply {
    if world.db.get("persons", person).is_none() {
        return Reply::not_found();
    }
    let is_done = |task: &Row| {
        str_field(task, "task_status_id")
            .and_then(|id| world.db.get("task_status", id))
            .and_then(|s| s.get("is_done"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    let is_open = |task: &Row| {
        str_field(task, "project_id")
            .and_then(|id| world.db.get("projects", id))
            .and_then(|p| str_field(p, "project_status_id"))
            .and_then(|id| world.db.get("project_status", id))
            .and_then(|s| str_field(s, "name"))
            .is_none_or(|name| name == "Open")
    };
    let tasks: Vec<Value> = world
        .db
        .rows("tasks")
        .iter()
        .filter(|task| {
            task.get("assignees")
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|p| p.as_str() == Some(person)))
        })
        .filter(|task| !is_done(task) && is_open(task))
        .filter_map(|task| {
            let id = str_field(task, "id")?;
            task_rows(world, str_field(task, "entity_id")?)
                .into_iter()
                .find(|t| str_field(t, "id") == Some(id))
        })
        .map(Value::Object)
        .collect();
    Reply::ok(&Value::Array(tasks))
}

/// `GET data/user/done-tasks`: the tasks assigned to the logged-in user whose status is a done
/// one, in the open projects whose team the user is in (Zou's `related_projects`), with the
/// names Zou joins in, latest end date first (then by task type and entity name, as Zou
/// orders them).
pub(super) fn user_tasks_done(world: &World, identity: &Identity) -> Reply {
    let db = &world.db;
    let person = identity.person_id.as_str();
    let open = db
        .find_by("project_status", "name", "Open")
        .and_then(|r| str_field(r, "id"));
    let in_list = |list: Option<&Value>, id: &str| {
        list.and_then(Value::as_array)
            .is_some_and(|ids| ids.iter().any(|i| i.as_str() == Some(id)))
    };
    let projects: Vec<&Row> = db
        .rows("projects")
        .iter()
        .filter(|p| str_field(p, "project_status_id") == open && in_list(p.get("team"), person))
        .collect();
    let field = |table: &str, id: Option<&str>, name: &str| {
        id.and_then(|id| db.get(table, id))
            .and_then(|r| r.get(name))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let mut done: Vec<Row> = db
        .rows("tasks")
        .iter()
        .filter(|t| in_list(t.get("assignees"), person))
        .filter(|t| {
            projects
                .iter()
                .any(|p| str_field(p, "id") == str_field(t, "project_id"))
        })
        .filter(|t| {
            field("task_status", str_field(t, "task_status_id"), "is_done") == Value::Bool(true)
        })
        .map(|task| {
            let mut task = task.clone();
            let entity = str_field(&task, "entity_id").and_then(|id| db.get("entities", id));
            let parent = entity
                .and_then(|e| str_field(e, "parent_id"))
                .and_then(|id| db.get("entities", id));
            let status = str_field(&task, "task_status_id").map(str::to_owned);
            let task_type = str_field(&task, "task_type_id").map(str::to_owned);
            let project = str_field(&task, "project_id").map(str::to_owned);
            let extra = json!({
                "project_name": field("projects", project.as_deref(), "name"),
                "entity_name": entity.and_then(|e| e.get("name")).cloned(),
                "entity_type_name": entity.and_then(|e| db.entity_type_name(e)),
                "sequence_name": parent.and_then(|p| p.get("name")).cloned(),
                "task_type_name": field("task_types", task_type.as_deref(), "name"),
                "task_type_color": field("task_types", task_type.as_deref(), "color"),
                "task_status_name": field("task_status", status.as_deref(), "name"),
                "task_status_short_name": field("task_status", status.as_deref(), "short_name"),
                "task_status_color": field("task_status", status.as_deref(), "color"),
            });
            task.extend(obj(extra));
            task
        })
        .collect();
    let key = |t: &Row, name: &str| str_field(t, name).unwrap_or_default().to_owned();
    done.sort_by(|a, b| {
        key(b, "end_date")
            .cmp(&key(a, "end_date"))
            .then_with(|| key(a, "task_type_name").cmp(&key(b, "task_type_name")))
            .then_with(|| key(a, "entity_name").cmp(&key(b, "entity_name")))
    });
    Reply::ok(&Value::Array(done.into_iter().map(Value::Object).collect()))
}
