//! The project routes: the open projects, a project with Zou's extra keys (and a TV show's
//! first episode), and a project's settings (task types, asset types, task statuses).

use http::{Method, StatusCode};
use serde_json::{Value, json};

use super::Setting;
use crate::auth::Identity;
use crate::crud;
use crate::reply::{Reply, Req, existing, is_uuid, try_reply};
use crate::store::{NON_ASSET_TYPES, Row, model, str_field};
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
        .map(|p| Value::Object(with_extra_data(world, p)))
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
    let body = try_reply!(req.json_object());
    let Some(task_type) = body
        .get("task_type_id")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return Reply::validation("task_type_id", "Field required");
    };
    try_reply!(identity.require_manager());
    if !is_uuid(&task_type) {
        return Reply::error_with_data(
            StatusCode::BAD_REQUEST,
            "task_type_id is required and must be a valid UUID",
        );
    }
    try_reply!(existing(&world.db, "projects", project));
    if world.db.get("task_types", &task_type).is_none() {
        // Zou links the id without looking it up: the database refuses it.
        return Reply::error(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error.");
    }
    let mut list = world
        .db
        .get("projects", project)
        .and_then(|row| row.get("task_types"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if !list.iter().any(|v| v.as_str() == Some(task_type.as_str())) {
        list.push(json!(task_type));
    }
    let mut changes = Row::new();
    changes.insert("task_types".into(), Value::Array(list));
    match world.db.update("projects", project, changes) {
        Some(row) => Reply::created(&Value::Object(without_relations(row))),
        None => Reply::not_found(),
    }
}

/// A project as Zou's settings routes answer it: without its relation lists.
fn without_relations(mut project: Row) -> Row {
    if let Some(model) = model("projects") {
        for relation in model.relations {
            project.remove(*relation);
        }
    }
    project
}

/// The first episode of a TV show (by creation), as Zou's project answers name it.
fn first_episode(world: &World, project: &Row) -> Option<String> {
    if str_field(project, "production_type") != Some("tvshow") {
        return None;
    }
    let id = str_field(project, "id")?;
    let episode_type = world
        .db
        .find_by("entity_types", "name", "Episode")
        .and_then(|r| str_field(r, "id"))?;
    world
        .db
        .rows("entities")
        .iter()
        .filter(|e| {
            str_field(e, "project_id") == Some(id)
                && str_field(e, "entity_type_id") == Some(episode_type)
        })
        .min_by_key(|e| {
            (
                str_field(e, "created_at").unwrap_or_default().to_owned(),
                str_field(e, "name").unwrap_or_default().to_owned(),
            )
        })
        .and_then(|e| str_field(e, "id"))
        .map(str::to_owned)
}

/// The keys Zou's project answers add to the row (descriptors, task type and status links,
/// the first episode of a TV show).
pub(super) fn with_extra_data(world: &World, mut project: Row) -> Row {
    project.insert("descriptors".into(), json!([]));
    project.insert("task_statuses_link".into(), json!({}));
    project.insert("task_types_priority".into(), json!({}));
    project.insert("task_type_links".into(), json!({}));
    if let Some(episode) = first_episode(world, &project) {
        project.insert("first_episode_id".into(), json!(episode));
    }
    project
}

/// `GET`, `PUT`, `DELETE data/projects/{id}`: a read answers the row with Zou's extra keys and
/// the name of its status.
pub(super) fn project_item(world: &mut World, id: &str, req: &Req, identity: &Identity) -> Reply {
    let Some(model) = model("projects") else {
        return Reply::not_found();
    };
    match req.method {
        Method::PUT => {
            let reply = crud::update(world, model, id, req, identity);
            first_episode_of(world, id, identity, reply).0
        }
        Method::DELETE => {
            // Zou's cascade drops the casting of the project's entities too.
            let reply = crud::delete(world, model, id, req, identity);
            if reply.status.is_success() {
                let entities: Vec<String> = world
                    .db
                    .rows("entities")
                    .iter()
                    .filter_map(|e| str_field(e, "id").map(str::to_owned))
                    .collect();
                world.db.rows_mut("entity_links").retain(|link| {
                    str_field(link, "entity_in_id").is_some_and(|e| entities.iter().any(|x| x == e))
                });
            }
            reply
        }
        _ => {
            let reply = crud::get_one(&world.db, model, id, req);
            if reply.status != StatusCode::OK || req.param("fields").is_some() {
                return reply;
            }
            let Ok(Value::Object(project)) = serde_json::from_slice::<Value>(&reply.body) else {
                return reply;
            };
            let status = name_of(
                world,
                "project_status",
                str_field(&project, "project_status_id"),
            );
            let mut project = with_extra_data(world, project);
            project.insert("project_status_name".into(), json!(status));
            Reply::ok(&Value::Object(project))
        }
    }
}

fn name_of(world: &World, table: &str, id: Option<&str>) -> Option<String> {
    id.and_then(|id| world.db.get(table, id))
        .and_then(|r| str_field(r, "name"))
        .map(str::to_owned)
}

/// A TV show gets its first episode, `E01`, when created or updated without one (Zou's
/// `post_creation`/`post_update`); the answer names it.
/// Answers whether the episode was created.
fn first_episode_of(
    world: &mut World,
    id: &str,
    identity: &Identity,
    reply: Reply,
) -> (Reply, bool) {
    if !reply.status.is_success() {
        return (reply, false);
    }
    let Ok(Value::Object(mut project)) = serde_json::from_slice::<Value>(&reply.body) else {
        return (reply, false);
    };
    if str_field(&project, "production_type") != Some("tvshow") {
        return (reply, false);
    }
    let mut created = false;
    let episode = match first_episode(world, &project) {
        Some(episode) => episode,
        None => {
            created = true;
            let episode_type = world.db.entity_type_id("Episode");
            let row = super::insert_entity(
                &mut world.db,
                super::NewEntity {
                    kind_name: "Episode",
                    project: id,
                    entity_type_id: &episode_type,
                    name: "E01",
                    parent: Value::Null,
                    description: json!(""),
                    nb_frames: Value::Null,
                    data: json!({}),
                    creator: &identity.person_id,
                },
            );
            str_field(&row, "id").unwrap_or_default().to_owned()
        }
    };
    project.insert("first_episode_id".into(), json!(episode));
    (Reply::json(reply.status, &Value::Object(project)), created)
}

/// `POST data/projects`: the generic create, then a TV show's first episode.
pub(super) fn create_project(world: &mut World, req: &Req, identity: &Identity) -> Reply {
    let Some(model) = model("projects") else {
        return Reply::not_found();
    };
    let reply = crud::create(world, model, req, identity);
    let id = serde_json::from_slice::<Value>(&reply.body)
        .ok()
        .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_owned));
    match id {
        Some(id) => {
            let (reply, created) = first_episode_of(world, &id, identity, reply);
            if created {
                // Zou creates the first episode before it announces the project.
                world.db.publish_newest_first();
            }
            reply
        }
        None => reply,
    }
}

/// `POST data/projects/{id}/settings/{asset-types,task-status}`: adds an asset type or a task
/// status to the project's settings; answers the project without its relation lists.
pub(super) fn add_setting(
    world: &mut World,
    project: &str,
    setting: Setting,
    req: &Req,
    identity: &Identity,
) -> Reply {
    let body = try_reply!(req.json_object());
    let (field, relation, table, class) = match setting {
        Setting::AssetTypes => ("asset_type_id", "asset_types", "entity_types", "EntityType"),
        Setting::TaskStatuses => (
            "task_status_id",
            "task_statuses",
            "task_status",
            "TaskStatus",
        ),
    };
    let Some(wanted) = body.get(field).and_then(Value::as_str).map(str::to_owned) else {
        return Reply::validation(field, "Field required");
    };
    try_reply!(identity.require_manager());
    try_reply!(existing(&world.db, "projects", project));
    if !is_uuid(&wanted) {
        // Zou's lookup fails in the database.
        return Reply::error(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error.");
    }
    let known = world.db.get(table, &wanted).is_some_and(|row| {
        setting == Setting::TaskStatuses
            || !str_field(row, "name").is_some_and(|n| NON_ASSET_TYPES.contains(&n))
    });
    if !known {
        return Reply::error_with_data(
            StatusCode::BAD_REQUEST,
            &format!("{class} with id {wanted} not found"),
        );
    }
    let before = world
        .db
        .get("projects", project)
        .cloned()
        .unwrap_or_default();
    let mut list = before
        .get(relation)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if !list.iter().any(|v| v.as_str() == Some(wanted.as_str())) {
        list.push(json!(wanted));
    }
    let mut changes = Row::new();
    changes.insert(relation.into(), Value::Array(list));
    match world.db.update("projects", project, changes) {
        Some(row) => Reply::created(&Value::Object(without_relations(row))),
        None => Reply::not_found(),
    }
}

/// `GET data/projects/{id}/asset-types`: the types of the project's assets, by name (an
/// unknown project has none).
pub(super) fn project_asset_types(world: &World, project: &str) -> Reply {
    if !is_uuid(project) {
        return Reply::error_with_data(
            StatusCode::BAD_REQUEST,
            &format!("Invalid UUID value: {project}"),
        );
    }
    let mut types: Vec<Row> = world
        .db
        .rows("entity_types")
        .iter()
        .filter(|t| !str_field(t, "name").is_some_and(|n| NON_ASSET_TYPES.contains(&n)))
        .filter(|t| {
            world.db.rows("entities").iter().any(|e| {
                str_field(e, "project_id") == Some(project)
                    && str_field(e, "entity_type_id") == str_field(t, "id")
            })
        })
        .map(|t| {
            let mut t = t.clone();
            t.remove("task_types");
            t.insert("type".into(), json!("AssetType"));
            t
        })
        .collect();
    types.sort_by_key(|t| str_field(t, "name").unwrap_or_default().to_owned());
    Reply::ok(&Value::Array(
        types.into_iter().map(Value::Object).collect(),
    ))
}

/// Where a project's list of ids points.
fn list_table(relation: &str) -> &'static str {
    match relation {
        "task_types" => "task_types",
        "task_statuses" => "task_status",
        "asset_types" => "entity_types",
        _ => "persons",
    }
}

/// `GET data/projects/{id}/task-types`, `.../settings/task-status`, `.../team`: the rows a
/// project's list points to, in its order (persons without their secrets).
pub(super) fn project_list(world: &World, project: &str, relation: &str) -> Reply {
    let row = try_reply!(existing(&world.db, "projects", project));
    let table = list_table(relation);
    let rows: Vec<Value> = row
        .get(relation)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|id| world.db.get(table, id.as_str()?))
        .map(|row| {
            if table == "persons" {
                crate::auth::public_person(row)
            } else {
                let mut row = row.clone();
                row.remove("task_types");
                Value::Object(row)
            }
        })
        .collect();
    Reply::ok(&Value::Array(rows))
}

/// `DELETE data/projects/{id}/settings/{asset-types,task-types,task-status}/{id}` and
/// `DELETE data/projects/{id}/team/{id}`: takes an id out of a project's list.
pub(super) fn remove_from_list(
    world: &mut World,
    project: &str,
    relation: &str,
    id: &str,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    let row = try_reply!(existing(&world.db, "projects", project));
    let list: Vec<Value> = row
        .get(relation)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|v| v.as_str() != Some(id))
        .collect();
    let mut changes = Row::new();
    changes.insert(relation.to_owned(), Value::Array(list));
    world.db.update("projects", project, changes);
    Reply::no_content()
}

/// `POST data/projects/{id}/team`: adds a person to the team; answers the project without
/// its relation lists.
pub(super) fn add_team_member(
    world: &mut World,
    project: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    let body = try_reply!(req.json_object());
    let Some(person) = body
        .get("person_id")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return Reply::validation("person_id", "Field required");
    };
    if !is_uuid(&person) {
        return Reply::invalid_uuid("person_id", &person);
    }
    try_reply!(identity.require_manager());
    let row = try_reply!(existing(&world.db, "projects", project));
    if world.db.get("persons", &person).is_none() {
        return Reply::not_found();
    }
    let mut team = row
        .get("team")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if !team.iter().any(|v| v.as_str() == Some(person.as_str())) {
        team.push(json!(person));
    }
    let mut changes = Row::new();
    changes.insert("team".into(), Value::Array(team));
    match world.db.update("projects", project, changes) {
        Some(row) => Reply::created(&Value::Object(without_relations(row))),
        None => Reply::not_found(),
    }
}
