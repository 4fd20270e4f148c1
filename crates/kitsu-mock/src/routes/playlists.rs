//! The playlist routes: a project's playlists (20 a page, most recently changed first, without
//! their entries, as Zou's list does), an entity's previews by task type, and adding an entity
//! to a playlist (with its latest preview when none is named). Playlists themselves are rows of
//! the generic `data/playlists` collection.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::auth::Identity;
use crate::reply::{Reply, Req, existing, is_uuid, try_reply};
use crate::store::{Row, obj, str_field};
use crate::world::World;

/// Zou's `PLAYLISTS_PAGE_SIZE`.
const PAGE_SIZE: usize = 20;

/// The columns Zou's playlist lists show (`_PLAYLIST_LIST_ATTRS`): no `shots`.
const LIST_COLUMNS: &[&str] = &[
    "id",
    "name",
    "project_id",
    "episode_id",
    "task_type_id",
    "for_client",
    "for_entity",
    "is_for_all",
    "created_at",
    "updated_at",
    "created_by",
];

/// `GET data/projects/{id}/playlists?page=`: a page of the project's playlists.
pub(super) fn project_playlists(world: &World, project: &str, req: &Req) -> Reply {
    try_reply!(existing(&world.db, "projects", project));
    let page = req
        .param("page")
        .and_then(|page| page.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let task_type = req.param("task_type_id").filter(|id| !id.is_empty());
    let mut rows: Vec<&Row> = world
        .db
        .rows("playlists")
        .iter()
        .filter(|row| str_field(row, "project_id") == Some(project))
        .filter(|row| task_type.is_none_or(|id| str_field(row, "task_type_id") == Some(id)))
        .collect();
    rows.sort_by(|a, b| str_field(b, "updated_at").cmp(&str_field(a, "updated_at")));
    let listed: Vec<Value> = rows
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|row| {
            let mut shown = serde_json::Map::new();
            shown.insert("type".into(), json!("Playlist"));
            for column in LIST_COLUMNS {
                shown.insert(
                    (*column).into(),
                    row.get(*column).cloned().unwrap_or(Value::Null),
                );
            }
            if shown.get("for_entity").is_none_or(Value::is_null) {
                shown.insert("for_entity".into(), json!("shot"));
            }
            Value::Object(shown)
        })
        .collect();
    Reply::ok(&Value::Array(listed))
}

/// The previews of an entity's tasks: (task type id, preview row), newest revision first.
fn entity_preview_rows<'a>(world: &'a World, entity: &str) -> Vec<(String, &'a Row)> {
    let tasks: BTreeMap<&str, &str> = world
        .db
        .rows("tasks")
        .iter()
        .filter(|task| str_field(task, "entity_id") == Some(entity))
        .filter_map(|task| Some((str_field(task, "id")?, str_field(task, "task_type_id")?)))
        .collect();
    let mut previews: Vec<(String, &Row)> = world
        .db
        .rows("preview_files")
        .iter()
        .filter_map(|preview| {
            let task_type = tasks.get(str_field(preview, "task_id")?)?;
            Some(((*task_type).to_owned(), preview))
        })
        .collect();
    let revision = |row: &Row| row.get("revision").and_then(Value::as_i64).unwrap_or(0);
    previews.sort_by(|(_, a), (_, b)| {
        revision(b)
            .cmp(&revision(a))
            .then_with(|| str_field(b, "created_at").cmp(&str_field(a, "created_at")))
    });
    previews
}

/// `GET data/playlists/entities/{id}/preview-files`: the entity's previews by task type.
pub(super) fn entity_previews(world: &World, entity: &str) -> Reply {
    let mut by_type: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (task_type, preview) in entity_preview_rows(world, entity) {
        let field = |name: &str| preview.get(name).cloned().unwrap_or(Value::Null);
        by_type.entry(task_type).or_default().push(json!({
            "id": field("id"), "revision": field("revision"), "position": field("position"),
            "original_name": field("original_name"), "extension": field("extension"),
            "width": field("width"), "height": field("height"),
            "duration": preview.get("duration").and_then(Value::as_f64).unwrap_or(0.0),
            "status": field("status"), "annotations": field("annotations"),
            "created_at": field("created_at"), "task_id": field("task_id"),
        }));
    }
    Reply::ok(&json!(by_type))
}

/// `POST actions/playlists/{id}/add-entity`: appends the (entity, preview) couple unless it is
/// there already; no preview named means the entity's latest. Answers the playlist.
pub(super) fn add_entity(
    world: &mut World,
    playlist: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    try_reply!(existing(&world.db, "playlists", playlist));
    let body = try_reply!(req.json_object());
    let Some(entity) = body.get("entity_id").and_then(Value::as_str) else {
        return Reply::validation("entity_id", "Field required");
    };
    if !is_uuid(entity) {
        return Reply::invalid_uuid("entity_id", entity);
    }
    let named = body
        .get("preview_file_id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let preview = named.or_else(|| {
        entity_preview_rows(world, entity)
            .first()
            .and_then(|(_, row)| str_field(row, "id"))
            .map(str::to_owned)
    });
    let mut shots: Vec<Value> = world
        .db
        .get("playlists", playlist)
        .and_then(|row| row.get("shots"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let present = shots.iter().any(|shot| {
        shot.get("entity_id").and_then(Value::as_str) == Some(entity)
            && shot.get("preview_file_id").and_then(Value::as_str) == preview.as_deref()
    });
    if !present {
        let mut shot = json!({ "entity_id": entity });
        if let (Some(preview), Some(fields)) = (&preview, shot.as_object_mut()) {
            fields.insert("preview_file_id".into(), json!(preview));
        }
        shots.push(shot);
        world
            .db
            .update("playlists", playlist, obj(json!({ "shots": shots })));
        let project = world
            .db
            .get("playlists", playlist)
            .and_then(|row| row.get("project_id").cloned())
            .unwrap_or(Value::Null);
        world.db.emit(
            "playlist:add_entity",
            obj(json!({
                "playlist_id": playlist, "entity_id": entity,
                "preview_file_id": preview, "project_id": project,
            })),
        );
    }
    let row = world
        .db
        .get("playlists", playlist)
        .cloned()
        .unwrap_or_default();
    Reply::ok(&Value::Object(row))
}
