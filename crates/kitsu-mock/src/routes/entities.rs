//! The entity routes: shots, sequences, episodes and assets of a project (list, create, get,
//! update, soft or forced delete), asset types, and the entity row builder the seeder shares.

use http::Method;
use serde_json::{Value, json};

use super::{EntityKind, tasks};
use crate::auth::Identity;
use crate::crud;
use crate::reply::{Reply, Req, existing, is_uuid, try_reply};
use crate::store::{NON_ASSET_TYPES, Row, model, obj, str_field};
use crate::world::World;

/// The live (not canceled) entities of a kind, with `type` set to the kind.
pub(super) fn entities(world: &World, kind: EntityKind, keep: impl Fn(&Row) -> bool) -> Vec<Row> {
    world
        .db
        .rows("entities")
        .iter()
        .filter(|row| kind.matches(world.db.entity_type_name(row)) && keep(row))
        .filter(|row| row.get("canceled") != Some(&Value::Bool(true)))
        .map(|row| {
            let mut row = row.clone();
            row.insert("type".into(), json!(kind.type_name()));
            row
        })
        .collect()
}

/// The rows kept by the generic `data/entities` filters of the query string.
pub(super) fn entities_model_filter(rows: Vec<Row>, req: &Req) -> Result<Vec<Row>, Reply> {
    let Some(model) = model("entities") else {
        return Ok(rows);
    };
    crud::filter(model, rows, req)
}

/// A list of entities, each with the names Zou joins in.
pub(super) fn entity_list(world: &World, rows: Vec<Row>) -> Reply {
    let items: Vec<Value> = rows
        .into_iter()
        .map(|row| Value::Object(with_names(world, row)))
        .collect();
    Reply::ok(&Value::Array(items))
}

/// Adds the names Zou joins into entity answers.
fn with_names(world: &World, mut row: Row) -> Row {
    let parent = str_field(&row, "parent_id")
        .and_then(|id| world.db.get("entities", id))
        .cloned();
    let project_name = str_field(&row, "project_id")
        .and_then(|id| world.db.get("projects", id))
        .and_then(|p| str_field(p, "name"))
        .map(str::to_owned);
    row.insert("project_name".into(), json!(project_name));
    if str_field(&row, "type") == Some("Shot") {
        row.insert(
            "sequence_id".into(),
            json!(parent.as_ref().and_then(|p| str_field(p, "id"))),
        );
        row.insert(
            "sequence_name".into(),
            json!(parent.as_ref().and_then(|p| str_field(p, "name"))),
        );
        row.insert(
            "episode_id".into(),
            json!(parent.as_ref().and_then(|p| str_field(p, "parent_id"))),
        );
    }
    if str_field(&row, "type") == Some("Asset") {
        let type_name = world.db.entity_type_name(&row).map(str::to_owned);
        row.insert("asset_type_name".into(), json!(type_name));
        row.insert(
            "asset_type_id".into(),
            row.get("entity_type_id").cloned().unwrap_or(Value::Null),
        );
    }
    row
}

/// `POST data/projects/{id}/{shots,sequences,episodes}` and
/// `POST data/projects/{id}/asset-types/{id}/assets/new`: creates an entity of the project.
pub(super) fn create_entity(
    world: &mut World,
    project: &str,
    kind: EntityKind,
    asset_type: Option<&str>,
    req: &Req,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    try_reply!(existing(&world.db, "projects", project));
    let body = try_reply!(req.json_object());
    let name = body.get("name").and_then(Value::as_str).unwrap_or("");
    if name.is_empty() {
        return Reply::validation("name", "String should have at least 1 character");
    }
    let entity_type_id = match asset_type {
        Some(id) => {
            try_reply!(existing(&world.db, "entity_types", id));
            id.to_owned()
        }
        None => world.db.entity_type_id(kind.type_name()),
    };
    let parent = match kind {
        EntityKind::Shot => body.get("sequence_id").cloned(),
        EntityKind::Sequence => body.get("episode_id").cloned(),
        _ => None,
    }
    .unwrap_or(Value::Null);
    let fields = NewEntity {
        kind_name: kind.type_name(),
        project,
        entity_type_id: &entity_type_id,
        name,
        parent,
        description: body.get("description").cloned().unwrap_or(Value::Null),
        nb_frames: body.get("nb_frames").cloned().unwrap_or(Value::Null),
        data: body.get("data").cloned().unwrap_or_else(|| json!({})),
        creator: &identity.person_id,
    };
    let row = insert_entity(&mut world.db, fields);
    Reply::created(&Value::Object(row))
}

/// `GET`, `PUT` or `DELETE data/{shots,sequences,episodes,assets}/{id}` (a delete of an entity
/// with tasks only cancels it unless `force=true`).
pub(super) fn entity_item(
    world: &mut World,
    kind: EntityKind,
    id: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    // Specialised routes answer 404, not 400, to a malformed id.
    if !kind.has(&world.db, id) {
        return Reply::not_found();
    }
    match req.method {
        Method::PUT => {
            try_reply!(identity.require_manager());
            let body = try_reply!(req.json_object());
            match world.db.update("entities", id, body) {
                Some(mut row) => {
                    row.insert("type".into(), json!("Entity"));
                    Reply::ok(&Value::Object(row))
                }
                None => Reply::not_found(),
            }
        }
        Method::DELETE => {
            try_reply!(identity.require_manager());
            let has_tasks = world
                .db
                .rows("tasks")
                .iter()
                .any(|t| str_field(t, "entity_id") == Some(id));
            if has_tasks && !req.flag("force").unwrap_or(false) {
                world
                    .db
                    .update("entities", id, obj(json!({"canceled": true})));
            } else {
                world
                    .db
                    .rows_mut("tasks")
                    .retain(|t| str_field(t, "entity_id") != Some(id));
                world.db.remove("entities", id);
            }
            Reply::no_content()
        }
        _ => {
            let Some(mut row) = world.db.get("entities", id).cloned() else {
                return Reply::not_found();
            };
            row.insert("type".into(), json!(kind.type_name()));
            let mut row = with_names(world, row);
            let tasks: Vec<Value> = tasks::task_rows(world, id)
                .into_iter()
                .map(Value::Object)
                .collect();
            row.insert("tasks".into(), Value::Array(tasks));
            Reply::ok(&Value::Object(row))
        }
    }
}

/// What a new entity row needs.
pub(crate) struct NewEntity<'a> {
    pub(crate) kind_name: &'a str,
    pub(crate) project: &'a str,
    pub(crate) entity_type_id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) parent: Value,
    pub(crate) description: Value,
    pub(crate) nb_frames: Value,
    pub(crate) data: Value,
    pub(crate) creator: &'a str,
}

/// Inserts an entity (shot, sequence, episode, asset) with Zou's columns.
pub(crate) fn insert_entity(db: &mut crate::store::Db, new: NewEntity<'_>) -> Row {
    let row = obj(json!({
        "name": new.name, "code": null, "description": new.description, "shotgun_id": null,
        "canceled": false, "nb_frames": new.nb_frames, "nb_entities_out": 0, "is_casting_standby": false,
        "is_shared": false, "status": "running", "project_id": new.project, "entity_type_id": new.entity_type_id,
        "parent_id": new.parent, "source_id": null, "preview_file_id": null, "data": new.data,
        "ready_for": null, "created_by": new.creator, "entities_out": [], "instance_casting": [],
    }));
    db.insert("entities", new.kind_name, row)
}

/// `GET data/asset-types`: the asset types, as the generic collection answers them but typed
/// `AssetType`.
pub(super) fn asset_type_list(world: &World, req: &Req) -> Reply {
    let rows = asset_types(world);
    let Some(model) = model("entity-types") else {
        return Reply::not_found();
    };
    let mut reply = crud::list_reply(model, rows, req);
    retype(&mut reply, "EntityType", "AssetType");
    reply
}

/// `GET data/asset-types/{id}`: one asset type.
pub(super) fn asset_type(world: &World, id: &str) -> Reply {
    match asset_types(world)
        .into_iter()
        .find(|r| str_field(r, "id") == Some(id))
    {
        Some(mut row) => {
            row.insert("type".into(), json!("AssetType"));
            Reply::ok(&Value::Object(row))
        }
        None => Reply::not_found(),
    }
}

/// Rewrites the `type` of every row in a JSON reply.
fn retype(reply: &mut Reply, from: &str, to: &str) {
    let from = format!("\"type\":\"{from}\"");
    let to = format!("\"type\":\"{to}\"");
    let text = String::from_utf8_lossy(&reply.body).replace(&from, &to);
    reply.body = bytes::Bytes::from(text);
}

/// The entity types that are asset types (not Shot, Sequence, Episode…).
fn asset_types(world: &World) -> Vec<Row> {
    world
        .db
        .rows("entity_types")
        .iter()
        .filter(|r| !str_field(r, "name").is_some_and(|n| NON_ASSET_TYPES.contains(&n)))
        .cloned()
        .collect()
}

/// Zou's `Cache-Control` on the answers it validates with an `ETag`.
pub(super) const REVALIDATE: &str = "private, no-cache";

/// `GET data/{shots,assets}/with-tasks`: the entities (of `?project_id=` if given), each with
/// its tasks. Scoped to one project, the answer carries an `ETag` and honours `If-None-Match`
/// (Zou's board validator); across projects it does not.
pub(super) fn with_tasks(world: &World, kind: EntityKind, req: &Req, identity: &Identity) -> Reply {
    let project = req.param("project_id");
    if project.is_some_and(|id| !is_uuid(id)) {
        return Reply::malformed_id();
    }
    let rows = entities(world, kind, |row| {
        project.is_none_or(|id| str_field(row, "project_id") == Some(id))
    });
    let items: Vec<Value> = rows
        .into_iter()
        .map(|row| {
            let id = str_field(&row, "id").unwrap_or_default().to_owned();
            let mut row = with_names(world, row);
            let tasks: Vec<Value> = world
                .db
                .rows("tasks")
                .iter()
                .filter(|task| str_field(task, "entity_id") == Some(id.as_str()))
                .cloned()
                .map(Value::Object)
                .collect();
            row.insert("tasks".into(), Value::Array(tasks));
            Value::Object(row)
        })
        .collect();
    let reply = Reply::ok(&Value::Array(items));
    match project {
        Some(_) => reply.conditional(req, &identity.person_id, REVALIDATE),
        None => reply,
    }
}
