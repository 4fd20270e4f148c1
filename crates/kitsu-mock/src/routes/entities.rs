//! The entity routes: shots, sequences, episodes and assets of a project (list, create, get,
//! update, soft or forced delete), asset types, and the entity row builder the seeder shares.

use http::Method;
use serde_json::{Value, json};

use http::StatusCode;

use super::{EntityKind, casting, tasks};
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
            // Lists serialise without the relations.
            row.remove("entities_out");
            row.remove("instance_casting");
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

/// Rows sorted by name, case-insensitively (Zou's lists of entities).
fn by_name(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by_key(|row| str_field(row, "name").unwrap_or_default().to_lowercase());
    rows
}

/// A list of entities as Zou serialises them, by name.
pub(super) fn plain_list(rows: Vec<Row>) -> Reply {
    Reply::ok(&Value::Array(
        by_name(rows).into_iter().map(Value::Object).collect(),
    ))
}

/// A list of shots as `shots_service.get_shots` answers it: only shots in a sequence, each
/// with `project_name` and `sequence_name`, by name.
pub(super) fn shot_list(world: &World, rows: Vec<Row>) -> Reply {
    let name_of = |table: &str, id: Option<&str>| {
        id.and_then(|id| world.db.get(table, id))
            .and_then(|row| str_field(row, "name"))
            .map(str::to_owned)
    };
    let items: Vec<Value> = by_name(rows)
        .into_iter()
        .filter_map(|mut row| {
            let sequence = name_of("entities", str_field(&row, "parent_id"))?;
            let project = name_of("projects", str_field(&row, "project_id"));
            row.insert("project_name".into(), json!(project));
            row.insert("sequence_name".into(), json!(sequence));
            Some(Value::Object(row))
        })
        .collect();
    Reply::ok(&Value::Array(items))
}

/// `GET data/projects/{id}/{shots,sequences,episodes,assets}`: the project's entities of a
/// kind, as stored.
pub(super) fn project_entities(world: &World, project: &str, kind: EntityKind) -> Reply {
    try_reply!(existing(&world.db, "projects", project));
    plain_list(entities(world, kind, |row| {
        str_field(row, "project_id") == Some(project)
    }))
}

/// `GET data/projects/{id}/asset-types/{id}/assets`: the project's assets of a type.
pub(super) fn project_entities_of_type(world: &World, project: &str, asset_type: &str) -> Reply {
    try_reply!(existing(&world.db, "projects", project));
    plain_list(entities(world, EntityKind::Asset, |row| {
        str_field(row, "project_id") == Some(project)
            && str_field(row, "entity_type_id") == Some(asset_type)
    }))
}

/// `GET data/{shots,assets,sequences,episodes}[/all]`: the entities of a kind matching the
/// query's filters. `sequence_id` (shots) and `episode_id` (sequences) name the parent, which
/// must exist; shots come with their project and sequence names.
pub(super) fn entities_query(world: &World, kind: EntityKind, req: &Req) -> Reply {
    for (key, value) in &req.query {
        if (key == "id" || key.ends_with("_id")) && !value.starts_with('[') && !is_uuid(value) {
            if matches!(
                (kind, key.as_str()),
                (EntityKind::Shot, "sequence_id") | (EntityKind::Sequence, "episode_id")
            ) {
                return Reply::not_found();
            }
            return Reply::error_with_data(
                StatusCode::BAD_REQUEST,
                &format!("Invalid UUID value: {value}"),
            );
        }
    }
    let parent_key = match kind {
        EntityKind::Shot => Some(("sequence_id", EntityKind::Sequence)),
        EntityKind::Sequence => Some(("episode_id", EntityKind::Episode)),
        _ => None,
    };
    let mut query = Vec::new();
    for (key, value) in &req.query {
        match parent_key {
            Some((wanted, parent_kind)) if key == wanted => {
                if !parent_kind.has(&world.db, value) {
                    return Reply::not_found();
                }
                query.push(("parent_id".to_owned(), value.clone()));
            }
            _ => query.push((key.clone(), value.clone())),
        }
    }
    let filtered = Req {
        method: req.method.clone(),
        segments: req.segments.clone(),
        query,
        headers: req.headers.clone(),
        body: req.body.clone(),
    };
    let rows = try_reply!(entities_model_filter(
        entities(world, kind, |_| true),
        &filtered
    ));
    match kind {
        EntityKind::Shot => shot_list(world, rows),
        _ => plain_list(rows),
    }
}

/// `GET data/episodes/{id}/sequences`, `data/episodes/{id}/shots`, `data/sequences/{id}/shots`.
pub(super) fn children(world: &World, parent: EntityKind, id: &str, kind: EntityKind) -> Reply {
    if parent == EntityKind::Episode && kind == EntityKind::Sequence && !is_uuid(id) {
        return Reply::ok(&json!([]));
    }
    if !parent.has(&world.db, id) {
        return Reply::not_found();
    }
    match (parent, kind) {
        (EntityKind::Episode, EntityKind::Shot) => {
            let sequences: Vec<String> = entities(world, EntityKind::Sequence, |row| {
                str_field(row, "parent_id") == Some(id)
            })
            .iter()
            .filter_map(|row| str_field(row, "id").map(str::to_owned))
            .collect();
            plain_list(entities(world, kind, |row| {
                str_field(row, "parent_id").is_some_and(|p| sequences.iter().any(|s| s == p))
            }))
        }
        (_, EntityKind::Shot) => shot_list(
            world,
            entities(world, kind, |row| str_field(row, "parent_id") == Some(id)),
        ),
        _ => plain_list(entities(world, kind, |row| {
            str_field(row, "parent_id") == Some(id)
        })),
    }
}

/// Adds the names Zou joins into the `with-tasks` answers.
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

/// An entity with its relation lists as Zou's `serialize(relations=True)` gives them.
pub(super) fn with_relations(world: &World, mut row: Row) -> Row {
    let id = str_field(&row, "id").unwrap_or_default().to_owned();
    row.insert(
        "entities_out".into(),
        Value::Array(casting::entities_out(&world.db, &id)),
    );
    row.entry("instance_casting").or_insert_with(|| json!([]));
    row.insert("entity_concept_links".into(), json!([]));
    row.insert(
        "entities_in".into(),
        Value::Array(casting::entities_in(&world.db, &id)),
    );
    row
}

/// The name of a row of `table`, or null.
fn name_in(world: &World, table: &str, id: Option<&str>) -> Value {
    id.and_then(|id| world.db.get(table, id))
        .and_then(|row| str_field(row, "name"))
        .map_or(Value::Null, |name| json!(name))
}

/// `GET data/{shots,sequences,episodes,assets}/{id}`: the entity with what Zou joins in for
/// its kind (names, frame range, tasks, relation lists).
fn full_entity(world: &World, kind: EntityKind, mut row: Row) -> Row {
    let id = str_field(&row, "id").unwrap_or_default().to_owned();
    row.insert("type".into(), json!(kind.type_name()));
    let project_name = name_in(world, "projects", str_field(&row, "project_id"));
    row.insert("project_name".into(), project_name);
    let tasks = || -> Value {
        Value::Array(
            tasks::task_rows(world, &id)
                .into_iter()
                .map(Value::Object)
                .collect(),
        )
    };
    match kind {
        EntityKind::Shot => {
            let sequence = str_field(&row, "parent_id")
                .and_then(|id| world.db.get("entities", id))
                .cloned();
            let episode = sequence
                .as_ref()
                .and_then(|s| str_field(s, "parent_id"))
                .map(str::to_owned);
            let data = row.get("data").cloned().unwrap_or(Value::Null);
            let mut row = with_relations(world, row);
            row.insert(
                "sequence_id".into(),
                row.get("parent_id").cloned().unwrap_or(Value::Null),
            );
            row.insert(
                "sequence_name".into(),
                json!(sequence.as_ref().and_then(|s| str_field(s, "name"))),
            );
            row.insert(
                "episode_name".into(),
                name_in(world, "entities", episode.as_deref()),
            );
            row.insert("episode_id".into(), json!(episode));
            for key in ["fps", "frame_in", "frame_out"] {
                row.insert(key.into(), data.get(key).cloned().unwrap_or(Value::Null));
            }
            row.insert("tasks".into(), tasks());
            row
        }
        EntityKind::Sequence => {
            row.remove("entities_out");
            row.remove("instance_casting");
            let episode = str_field(&row, "parent_id").map(str::to_owned);
            row.insert(
                "episode_name".into(),
                name_in(world, "entities", episode.as_deref()),
            );
            row.insert("episode_id".into(), json!(episode));
            row
        }
        EntityKind::Episode => {
            row.remove("entities_out");
            row.remove("instance_casting");
            row
        }
        EntityKind::Asset => {
            let mut row = with_relations(world, row);
            let type_id = row.get("entity_type_id").cloned().unwrap_or(Value::Null);
            let type_name = world.db.entity_type_name(&row).map(str::to_owned);
            row.insert("asset_type_id".into(), type_id);
            row.insert("asset_type_name".into(), json!(type_name));
            // `get_assets_and_tasks` writes these with `str()`.
            let source = str_field(&row, "source_id").unwrap_or_default().to_owned();
            row.insert("episode_id".into(), json!(source));
            if row.get("preview_file_id").is_none_or(Value::is_null) {
                row.insert("preview_file_id".into(), json!(""));
            }
            if row.get("ready_for").is_none_or(Value::is_null) {
                row.insert("ready_for".into(), json!("None"));
            }
            row.remove("source_id");
            row.remove("nb_frames");
            let episodes: Vec<Value> = casting::entities_in(&world.db, &id)
                .into_iter()
                .filter(|entity| {
                    entity
                        .as_str()
                        .is_some_and(|e| EntityKind::Episode.has(&world.db, e))
                })
                .collect();
            row.insert("casting_episode_ids".into(), Value::Array(episodes));
            row.insert("tasks".into(), tasks());
            row
        }
    }
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
    // Zou validates the body, then finds the project, then checks the caller's role.
    let body = try_reply!(req.json_object());
    let name = match body.get("name") {
        None | Some(Value::Null) => return Reply::validation("name", "Field required"),
        Some(Value::String(name)) if name.is_empty() => {
            return Reply::validation("name", "String should have at least 1 character");
        }
        Some(Value::String(name)) => name.as_str(),
        Some(_) => return Reply::validation("name", "Input should be a valid string"),
    };
    let parent_field = match kind {
        EntityKind::Shot => Some("sequence_id"),
        EntityKind::Sequence => Some("episode_id"),
        _ => None,
    };
    for field in parent_field
        .into_iter()
        .chain((kind == EntityKind::Asset).then_some("episode_id"))
    {
        if let Some(id) = body.get(field).and_then(Value::as_str) {
            if !is_uuid(id) {
                return Reply::invalid_uuid(field, id);
            }
        }
    }
    try_reply!(existing(&world.db, "projects", project));
    try_reply!(identity.require_manager());
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
    if let Some(parent_id) = parent.as_str() {
        let parent_kind = if kind == EntityKind::Shot {
            EntityKind::Sequence
        } else {
            EntityKind::Episode
        };
        // Zou's services: an unknown parent, or one of another project, is a 404.
        let of_project = world
            .db
            .get("entities", parent_id)
            .is_some_and(|p| str_field(p, "project_id") == Some(project));
        if !parent_kind.has(&world.db, parent_id) || !of_project {
            return Reply::not_found();
        }
    }
    // Shots, sequences and episodes are get-or-create: the same name under the same parent
    // answers the existing row (still 201). Assets are not.
    if kind != EntityKind::Asset {
        let same = world.db.rows("entities").iter().find(|row| {
            str_field(row, "project_id") == Some(project)
                && str_field(row, "entity_type_id") == Some(entity_type_id.as_str())
                && str_field(row, "name") == Some(name)
                && row.get("parent_id").unwrap_or(&Value::Null) == &parent
        });
        if let Some(row) = same {
            let mut row = row.clone();
            for relation in ["entities_out", "instance_casting"] {
                row.remove(relation);
            }
            return Reply::created(&Value::Object(row));
        }
    }
    let fields = NewEntity {
        kind_name: kind.type_name(),
        project,
        entity_type_id: &entity_type_id,
        name,
        parent,
        // Zou's defaults: "" for a sequence's, an episode's and an asset's description, none
        // for a shot's.
        description: body
            .get("description")
            .cloned()
            .filter(|d| !d.is_null() || kind == EntityKind::Shot)
            .unwrap_or_else(|| {
                if kind == EntityKind::Shot {
                    Value::Null
                } else {
                    json!("")
                }
            }),
        nb_frames: body.get("nb_frames").cloned().unwrap_or(Value::Null),
        data: body
            .get("data")
            .cloned()
            .filter(|d| !d.is_null())
            .unwrap_or_else(|| json!({})),
        creator: &identity.person_id,
    };
    let mut row = insert_entity(&mut world.db, fields);
    for relation in ["entities_out", "instance_casting"] {
        row.remove(relation);
    }
    // What the asset and episode bodies may add: an asset shared or of an episode
    // (`source_id`), an episode's status.
    let mut extra = Row::new();
    if kind == EntityKind::Asset {
        if let Some(shared) = body.get("is_shared").filter(|v| v.is_boolean()) {
            extra.insert("is_shared".into(), shared.clone());
        }
        if let Some(episode) = body.get("episode_id").and_then(Value::as_str) {
            extra.insert("source_id".into(), json!(episode));
        }
    }
    if kind == EntityKind::Episode {
        if let Some(status) = body.get("status").and_then(Value::as_str) {
            let status = if ["running", "complete", "standby", "canceled"].contains(&status) {
                status
            } else {
                "running"
            };
            extra.insert("status".into(), json!(status));
        }
    }
    if !extra.is_empty() {
        let id = str_field(&row, "id").unwrap_or_default().to_owned();
        if let Some(stored) = world.db.get_mut("entities", &id) {
            stored.extend(extra.clone());
        }
        row.extend(extra);
    }
    Reply::created(&Value::Object(row))
}

/// The columns `PUT data/entities/{id}` never writes (Zou's protected fields).
const PROTECTED: &[&str] = &[
    "id",
    "created_at",
    "updated_at",
    "instance_casting",
    "project_id",
    "entities_in",
    "entities_out",
    "type",
    "shotgun_id",
    "created_by",
];

/// `GET`, `PUT` or `DELETE data/entities/{id}` (Zou's `EntityResource`): any entity, typed by
/// its kind, with its relation lists. An update merges `data` into the stored one, ignores
/// keys that are no column and refuses a name already taken under the same parent.
pub(super) fn generic_entity(world: &mut World, id: &str, req: &Req, identity: &Identity) -> Reply {
    if !is_uuid(id) {
        return Reply::malformed_id();
    }
    let Some(stored) = world.db.get("entities", id).cloned() else {
        return Reply::not_found();
    };
    let kind_name = str_field(&stored, "type").unwrap_or("Asset").to_owned();
    match req.method {
        Method::PUT => {
            try_reply!(identity.require_manager());
            let body = try_reply!(req.json_object());
            let Some(model) = model("entities") else {
                return Reply::not_found();
            };
            let mut changes: Row = body
                .into_iter()
                .filter(|(key, _)| {
                    !PROTECTED.contains(&key.as_str()) && model.columns.contains(&key.as_str())
                })
                .collect();
            if changes.get("data").is_some_and(Value::is_null) {
                changes.remove("data");
            }
            if changes.get("parent_id").and_then(Value::as_str) == Some("") {
                changes.insert("parent_id".into(), Value::Null);
            }
            let after = |key: &str| {
                changes
                    .get(key)
                    .or_else(|| stored.get(key))
                    .cloned()
                    .unwrap_or(Value::Null)
            };
            let (name, type_id, parent) =
                (after("name"), after("entity_type_id"), after("parent_id"));
            let moved = ["name", "entity_type_id", "parent_id"].iter().any(|key| {
                changes
                    .get(*key)
                    .is_some_and(|v| Some(v) != stored.get(*key))
            });
            let taken = moved
                && world.db.rows("entities").iter().any(|row| {
                    str_field(row, "id") != Some(id)
                        && row.get("name") == Some(&name)
                        && row.get("project_id") == stored.get("project_id")
                        && row.get("entity_type_id") == Some(&type_id)
                        && row.get("parent_id").unwrap_or(&Value::Null) == &parent
                });
            if taken {
                let text = |v: &Value| v.as_str().map_or("None".to_owned(), str::to_owned);
                return Reply::error_with_data(
                    StatusCode::BAD_REQUEST,
                    &format!(
                        "An entity with name '{}', project_id '{}', entity_type_id '{}', and parent_id '{}' already exists. The combination of these fields must be unique.",
                        text(&name),
                        text(stored.get("project_id").unwrap_or(&Value::Null)),
                        text(&type_id),
                        text(&parent),
                    ),
                );
            }
            match world.db.update("entities", id, changes) {
                Some(mut row) => {
                    row.insert("type".into(), json!(kind_name));
                    Reply::ok(&Value::Object(with_relations(world, row)))
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
            if has_tasks {
                // The database refuses to delete an entity its tasks point to.
                return Reply::error(
                    StatusCode::BAD_REQUEST,
                    "The entity could not be deleted: tasks are linked to it.",
                );
            }
            casting::forget_entity(&mut world.db, id);
            world.db.remove("entities", id);
            Reply::no_content()
        }
        _ => {
            let mut row = with_relations(world, stored);
            row.insert("type".into(), json!(kind_name));
            Reply::ok(&Value::Object(row))
        }
    }
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
                    // `shots_service.update_shot` serialises a plain Entity.
                    row.insert("type".into(), json!("Entity"));
                    row.remove("entities_out");
                    row.remove("instance_casting");
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
                casting::forget_entity(&mut world.db, id);
                world.db.remove("entities", id);
            }
            Reply::no_content()
        }
        _ => {
            let Some(row) = world.db.get("entities", id).cloned() else {
                return Reply::not_found();
            };
            Reply::ok(&Value::Object(full_entity(world, kind, row)))
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
    let rows: Vec<Row> = asset_types(world)
        .into_iter()
        .map(|mut row| {
            // The list shows each type's task types, as Zou's asset type resource does.
            row.entry("task_types").or_insert_with(|| json!([]));
            row
        })
        .collect();
    let Some(model) = model("entity-types") else {
        return Reply::not_found();
    };
    let mut query = req.query.clone();
    if req.param("relations").is_none() {
        query.push(("relations".into(), "true".into()));
    }
    let req = Req {
        method: req.method.clone(),
        segments: req.segments.clone(),
        query,
        headers: req.headers.clone(),
        body: req.body.clone(),
    };
    let mut reply = crud::list_reply(model, rows, &req);
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
