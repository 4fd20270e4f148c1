//! Working files and output files: a task's working files and their last revisions, a new
//! working file revision, an entity's new output file revision and its next revision number.
//!
//! Zou builds paths from the project's file tree; the mock writes a fixed layout,
//! `<project>/<entity>/<task type>/<name>_v<revision>` (lowercase, spaces as underscores),
//! so a path is stable and unique per revision.

use http::StatusCode;
use serde_json::{Map, Value, json};

use crate::auth::Identity;
use crate::reply::{Reply, Req, existing, try_reply};
use crate::store::{Db, Row, obj, str_field};
use crate::world::World;

/// `{"error": message}` with 400, as Zou's file routes answer a refused revision.
fn refused(message: &str) -> Reply {
    Reply::json(StatusCode::BAD_REQUEST, &json!({ "error": message }))
}

fn name_of(db: &Db, table: &str, id: Option<&str>) -> String {
    id.and_then(|id| db.get(table, id))
        .and_then(|row| str_field(row, "name"))
        .unwrap_or("none")
        .to_lowercase()
        .replace(' ', "_")
}

/// The mock's path for a revision of a task's or entity's file.
fn build_path(
    db: &Db,
    entity: Option<&str>,
    task_type: Option<&str>,
    name: &str,
    revision: i64,
    sep: &str,
) -> String {
    let project = entity
        .and_then(|id| db.get("entities", id))
        .and_then(|row| str_field(row, "project_id"));
    [
        name_of(db, "projects", project),
        name_of(db, "entities", entity),
        name_of(db, "task_types", task_type),
        format!("{name}_v{revision:03}"),
    ]
    .join(sep)
}

fn int_field(body: &Map<String, Value>, field: &str, default: i64) -> i64 {
    body.get(field).and_then(Value::as_i64).unwrap_or(default)
}

fn text_field<'a>(body: &'a Map<String, Value>, field: &str, default: &'a str) -> &'a str {
    body.get(field).and_then(Value::as_str).unwrap_or(default)
}

/// The software Zou falls back on (`Blender`), created when missing.
fn default_software(db: &mut Db) -> String {
    if let Some(row) = db.find_by("softwares", "name", "Blender") {
        return str_field(row, "id").unwrap_or_default().to_owned();
    }
    let row = obj(json!({
        "name": "Blender", "short_name": "blender", "file_extension": ".blend",
        "secondary_extensions": [], "version": null, "monthly_cost": null,
        "inventory_amount": null, "archived": false,
    }));
    let row = db.insert("softwares", "Software", row);
    str_field(&row, "id").unwrap_or_default().to_owned()
}

/// `GET data/tasks/{id}/working-files`: every revision of a task's working files.
pub(super) fn task_working_files(world: &World, task: &str) -> Reply {
    try_reply!(existing(&world.db, "tasks", task));
    let rows: Vec<Value> = world
        .db
        .rows("working_files")
        .iter()
        .filter(|row| str_field(row, "task_id") == Some(task))
        .map(|row| Value::Object(row.clone()))
        .collect();
    Reply::ok(&Value::Array(rows))
}

fn last_working_files(db: &Db, task: &str) -> Map<String, Value> {
    let mut last: Map<String, Value> = Map::new();
    for row in db
        .rows("working_files")
        .iter()
        .filter(|row| str_field(row, "task_id") == Some(task))
    {
        let name = str_field(row, "name").unwrap_or_default().to_owned();
        let revision = row.get("revision").and_then(Value::as_i64).unwrap_or(0);
        let newer = last
            .get(&name)
            .and_then(|kept| kept.get("revision"))
            .and_then(Value::as_i64)
            .is_none_or(|kept| revision > kept);
        if newer {
            last.insert(name, Value::Object(row.clone()));
        }
    }
    last
}

/// `GET data/tasks/{id}/working-files/last-revisions`: a task's last working file of each name.
pub(super) fn task_last_working_files(world: &World, task: &str) -> Reply {
    try_reply!(existing(&world.db, "tasks", task));
    Reply::ok(&Value::Object(last_working_files(&world.db, task)))
}

/// `POST data/tasks/{id}/working-files/new`: a new working file revision (revision 0: the
/// next), its path built, Blender when no software is given.
pub(super) fn new_working_file(
    world: &mut World,
    task: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    let task_row: Row = try_reply!(existing(&world.db, "tasks", task)).clone();
    let body = try_reply!(req.json_object());
    let name = text_field(&body, "name", "main").to_owned();
    let db = &mut world.db;
    let software = match body.get("software_id").and_then(Value::as_str) {
        Some(id) => {
            try_reply!(existing(db, "softwares", id));
            id.to_owned()
        }
        None => default_software(db),
    };
    let mut revision = int_field(&body, "revision", 0);
    if revision == 0 {
        revision = last_working_files(db, task)
            .get(&name)
            .and_then(|row| row.get("revision"))
            .and_then(Value::as_i64)
            .unwrap_or(0)
            + 1;
    }
    let taken = db.rows("working_files").iter().any(|row| {
        str_field(row, "task_id") == Some(task)
            && str_field(row, "name") == Some(name.as_str())
            && row.get("revision").and_then(Value::as_i64) == Some(revision)
    });
    if taken {
        return refused("The given working file already exists.");
    }
    let entity = str_field(&task_row, "entity_id");
    let path = build_path(
        db,
        entity,
        str_field(&task_row, "task_type_id"),
        &name,
        revision,
        text_field(&body, "sep", "/"),
    );
    let person = body
        .get("person_id")
        .and_then(Value::as_str)
        .unwrap_or(&identity.person_id);
    let row = obj(json!({
        "name": name, "description": body.get("description").cloned().unwrap_or(Value::Null),
        "comment": text_field(&body, "comment", ""), "revision": revision, "size": null,
        "checksum": null, "path": path, "data": null, "validation_status": "neutral",
        "task_id": task, "entity_id": entity, "person_id": person, "software_id": software,
        "shotgun_id": null,
    }));
    let row = db.insert("working_files", "WorkingFile", row);
    Reply::created(&Value::Object(row))
}

fn last_output_revision(
    db: &Db,
    entity: &str,
    output_type: &str,
    task_type: &str,
    name: &str,
) -> i64 {
    db.rows("output_files")
        .iter()
        .filter(|row| {
            str_field(row, "entity_id") == Some(entity)
                && str_field(row, "output_type_id") == Some(output_type)
                && str_field(row, "task_type_id") == Some(task_type)
                && str_field(row, "name") == Some(name)
        })
        .filter_map(|row| row.get("revision").and_then(Value::as_i64))
        .max()
        .unwrap_or(0)
}

/// The output type and task type of an output file request, both checked.
fn output_keys(db: &Db, body: &Map<String, Value>) -> Result<(String, String), Reply> {
    let output_type = text_field(body, "output_type_id", "");
    if !crate::reply::is_uuid(output_type) || db.get("output_types", output_type).is_none() {
        return Err(refused("Cannot find given output type."));
    }
    let task_type = text_field(body, "task_type_id", "");
    existing(db, "task_types", task_type)?;
    Ok((output_type.to_owned(), task_type.to_owned()))
}

/// `POST data/entities/{id}/output-files/next-revision`: `{"next_revision": n}`.
pub(super) fn next_output_revision(world: &World, entity: &str, req: &Req) -> Reply {
    try_reply!(existing(&world.db, "entities", entity));
    let body = try_reply!(req.json_object());
    let (output_type, task_type) = try_reply!(output_keys(&world.db, &body));
    let name = text_field(&body, "name", "main");
    let last = last_output_revision(&world.db, entity, &output_type, &task_type, name);
    Reply::ok(&json!({ "next_revision": last + 1 }))
}

/// `POST data/entities/{id}/output-files/new`: a new output file revision (revision 0: the
/// next), its path built, its source working file embedded.
pub(super) fn new_output_file(
    world: &mut World,
    entity: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    try_reply!(existing(&world.db, "entities", entity));
    let body = try_reply!(req.json_object());
    let db = &mut world.db;
    let (output_type, task_type) = try_reply!(output_keys(db, &body));
    let name = text_field(&body, "name", "main").to_owned();
    let person = match body.get("person_id").and_then(Value::as_str) {
        Some(id) if db.get("persons", id).is_none() => {
            return refused("Cannot find given person.");
        }
        Some(id) => id.to_owned(),
        None => identity.person_id.clone(),
    };
    let working_file = body
        .get("working_file_id")
        .and_then(Value::as_str)
        .and_then(|id| db.get("working_files", id))
        .cloned();
    let mut revision = int_field(&body, "revision", 0);
    if revision == 0 {
        revision = last_output_revision(db, entity, &output_type, &task_type, &name) + 1;
    } else if last_output_revision(db, entity, &output_type, &task_type, &name) >= revision {
        return refused("The given output file already exists.");
    }
    let path = build_path(
        db,
        Some(entity),
        Some(&task_type),
        &name,
        revision,
        text_field(&body, "sep", "/"),
    );
    let row = obj(json!({
        "name": name, "canceled": false, "size": null, "checksum": null, "description": null,
        "comment": text_field(&body, "comment", ""), "extension": text_field(&body, "extension", ""),
        "revision": revision, "representation": text_field(&body, "representation", ""),
        "nb_elements": int_field(&body, "nb_elements", 1), "source": null, "path": path,
        "data": null, "file_status_id": body.get("file_status_id").cloned().unwrap_or(Value::Null),
        "entity_id": entity, "asset_instance_id": null, "output_type_id": output_type,
        "task_type_id": task_type, "person_id": person,
        "source_file_id": working_file.as_ref().and_then(|row| row.get("id")).cloned(),
        "temporal_entity_id": null, "shotgun_id": null,
    }));
    let mut row = db.insert("output_files", "OutputFile", row);
    row.insert(
        "source_file".into(),
        working_file.map_or(Value::Null, Value::Object),
    );
    Reply::created(&Value::Object(row))
}
