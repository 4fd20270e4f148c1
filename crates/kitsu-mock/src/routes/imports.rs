//! `POST import/kitsu/{entities,tasks,entity-links}`: rows from another Kitsu, kept with their
//! ids and creation dates (Zou's `create_from_import`): a row whose id exists (an entity link:
//! whose ends exist) is updated, any other created. Admins only; answers the rows.

use http::StatusCode;
use serde_json::Value;

use crate::auth::Identity;
use crate::reply::{Reply, Req, try_reply};
use crate::store::{Row, str_field};
use crate::world::World;

/// What one import route writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Import {
    /// Entities (assets, episodes, sequences, shots…).
    Entities,
    /// Tasks.
    Tasks,
    /// Entity links (casting), found by their two ends.
    EntityLinks,
}

impl Import {
    pub(super) fn from_segment(segment: &str) -> Option<Import> {
        Some(match segment {
            "entities" => Import::Entities,
            "tasks" => Import::Tasks,
            "entity-links" => Import::EntityLinks,
            _ => return None,
        })
    }

    fn table(self) -> &'static str {
        match self {
            Import::Entities => "entities",
            Import::Tasks => "tasks",
            Import::EntityLinks => "entity_links",
        }
    }
}

/// The row already stored for an imported one, by id (links: by their ends).
fn existing_id(world: &World, import: Import, entry: &Row) -> Option<String> {
    let rows = world.db.rows(import.table());
    let found = match import {
        Import::EntityLinks => rows.iter().find(|row| {
            str_field(row, "entity_in_id") == str_field(entry, "entity_in_id")
                && str_field(row, "entity_out_id") == str_field(entry, "entity_out_id")
        }),
        _ => rows.iter().find(|row| {
            str_field(row, "id").is_some() && str_field(row, "id") == str_field(entry, "id")
        }),
    };
    found
        .and_then(|row| str_field(row, "id"))
        .map(str::to_owned)
}

/// Imports the posted rows.
pub(super) fn import(world: &mut World, import: Import, req: &Req, identity: &Identity) -> Reply {
    if identity.role != "admin" {
        return Reply::forbidden();
    }
    let body = try_reply!(req.json());
    let Value::Array(entries) = body else {
        return Reply::error(StatusCode::BAD_REQUEST, "A list of entities is expected.");
    };
    let mut imported = Vec::new();
    for entry in entries {
        let Value::Object(mut entry) = entry else {
            return Reply::error(StatusCode::BAD_REQUEST, "A list of entities is expected.");
        };
        let type_name = match import {
            Import::Entities => str_field(&entry, "type").unwrap_or("Entity").to_owned(),
            Import::Tasks => "Task".to_owned(),
            Import::EntityLinks => "EntityLink".to_owned(),
        };
        entry.remove("type");
        entry.remove("project_name");
        let row = match existing_id(world, import, &entry) {
            Some(id) => {
                entry.remove("id");
                world.db.update(import.table(), &id, entry)
            }
            None => Some(world.db.insert(import.table(), &type_name, entry)),
        };
        if let Some(row) = row {
            imported.push(Value::Object(row));
        }
    }
    Reply::ok(&Value::Array(imported))
}
