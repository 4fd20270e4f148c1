//! The breakdown (Zou's `breakdown_service`): which assets are cast in a shot, an asset or an
//! episode, as entity links (`entity_in_id` casts `entity_out_id`, `nb_occurences` times, with
//! a `label`).
//!
//! Casting an asset in a shot also casts it in the shot's episode (an `auto` link), and taking
//! it out of the last shot of the episode takes it out of the episode. Every change publishes
//! what Zou publishes: `entity-link:new|update`, `asset:update` for an episode's assets, and
//! `<kind>:casting-update` with the added and removed assets.

use std::collections::BTreeSet;

use http::StatusCode;
use serde_json::{Map, Value, json};

use super::EntityKind;
use crate::auth::Identity;
use crate::reply::{Reply, Req, existing, is_uuid, try_reply};
use crate::store::{Db, Row, obj, str_field};
use crate::world::World;

const LINKS: &str = "entity_links";

fn text(row: &Row, field: &str) -> Value {
    row.get(field).cloned().unwrap_or(Value::Null)
}

fn is_canceled(row: &Row) -> bool {
    row.get("canceled") == Some(&Value::Bool(true))
}

/// The links cast into `entity`, with the entity each casts (skipping canceled ones).
fn live_links<'a>(db: &'a Db, entity: &str) -> Vec<(&'a Row, &'a Row)> {
    db.rows(LINKS)
        .iter()
        .filter(|link| str_field(link, "entity_in_id") == Some(entity))
        .filter_map(|link| {
            let cast = db.get("entities", str_field(link, "entity_out_id")?)?;
            (!is_canceled(cast)).then_some((link, cast))
        })
        .collect()
}

fn link_between<'a>(db: &'a Db, entity: &str, asset: &str) -> Option<&'a Row> {
    db.rows(LINKS).iter().find(|link| {
        str_field(link, "entity_in_id") == Some(entity)
            && str_field(link, "entity_out_id") == Some(asset)
    })
}

fn type_name(db: &Db, row: &Row) -> String {
    db.entity_type_name(row).unwrap_or_default().to_owned()
}

fn name(row: &Row) -> String {
    str_field(row, "name").unwrap_or_default().to_owned()
}

/// `breakdown_service.get_casting`: the assets cast in an entity, by type then name.
pub(crate) fn casting_of(db: &Db, entity: &str) -> Vec<Value> {
    let mut links = live_links(db, entity);
    links.sort_by_key(|(_, cast)| (type_name(db, cast), name(cast)));
    links
        .into_iter()
        .map(|(link, cast)| {
            json!({
                "asset_id": text(link, "entity_out_id"), "asset_name": text(cast, "name"),
                "asset_type_name": type_name(db, cast), "ready_for": text(cast, "ready_for"),
                "episode_id": text(cast, "source_id"), "preview_file_id": text(cast, "preview_file_id"),
                "nb_occurences": text(link, "nb_occurences"), "label": text(link, "label"),
                "is_shared": text(cast, "is_shared"), "project_id": text(cast, "project_id"),
            })
        })
        .collect()
}

/// The entity `id` of the project, or Zou's 404 (unknown) / 403 (another project's).
fn entity_of_project<'a>(db: &'a Db, project: &str, id: &str) -> Result<&'a Row, Reply> {
    let entity = existing(db, "entities", id)?;
    if str_field(entity, "project_id") != Some(project) {
        return Err(Reply::forbidden());
    }
    Ok(entity)
}

/// `GET data/projects/{id}/entities/{id}/casting`.
pub(super) fn get_casting(world: &World, project: &str, entity: &str) -> Reply {
    try_reply!(entity_of_project(&world.db, project, entity));
    Reply::ok(&Value::Array(casting_of(&world.db, entity)))
}

/// `PUT data/projects/{id}/entities/{id}/casting`: replaces the casting; answers the body.
pub(super) fn put_casting(
    world: &mut World,
    project: &str,
    entity: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    let body = try_reply!(req.json());
    let Value::Array(casting) = body else {
        return Reply::error(StatusCode::BAD_REQUEST, "Request body must be a JSON array");
    };
    try_reply!(identity.require_manager());
    try_reply!(entity_of_project(&world.db, project, entity));
    update_casting(&mut world.db, entity, &casting);
    Reply::ok(&Value::Array(casting))
}

/// `PUT data/projects/{id}/entities/casting`: several castings at once, `{entity_id: [...]}`.
pub(super) fn put_castings(
    world: &mut World,
    project: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    let body = try_reply!(req.json());
    let castings = match body {
        Value::Object(map) if map.values().all(Value::is_array) => map,
        _ => {
            return Reply::error(
                StatusCode::BAD_REQUEST,
                "Request body must be a JSON object mapping entity ids to casting arrays",
            );
        }
    };
    try_reply!(identity.require_manager());
    for entity in castings.keys() {
        try_reply!(entity_of_project(&world.db, project, entity));
    }
    let mut answer = Map::new();
    for (entity, casting) in castings {
        let list = casting.as_array().cloned().unwrap_or_default();
        update_casting(&mut world.db, &entity, &list);
        answer.insert(entity, Value::Array(list));
    }
    Reply::ok(&Value::Object(answer))
}

/// `PUT data/projects/{id}/entities/casting/assets/{id}`: casts one asset in several entities
/// (`nb_occurences: 0` takes it out), leaving their other assets alone; answers each entity's
/// casting.
pub(super) fn cast_asset_in(
    world: &mut World,
    project: &str,
    asset: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    let body = try_reply!(req.json_object());
    let entity_ids: Vec<String> = match body.get("entity_ids") {
        None | Some(Value::Null) => return Reply::validation("entity_ids", "Field required"),
        Some(Value::Array(ids)) if ids.is_empty() => {
            return Reply::validation(
                "entity_ids",
                "List should have at least 1 item after validation, not 0",
            );
        }
        Some(Value::Array(ids)) => {
            let mut valid = Vec::new();
            for id in ids {
                match id.as_str() {
                    Some(id) if is_uuid(id) => valid.push(id.to_owned()),
                    Some(id) => return Reply::invalid_uuid("entity_ids", id),
                    None => {
                        return Reply::validation(
                            "entity_ids",
                            "UUID input should be a string, bytes or UUID object",
                        );
                    }
                }
            }
            valid
        }
        Some(_) => return Reply::validation("entity_ids", "Input should be a valid list"),
    };
    let nb_occurences = match body.get("nb_occurences") {
        None | Some(Value::Null) => None,
        Some(value) => match value.as_i64() {
            Some(n) if n >= 0 => Some(n),
            Some(_) => {
                return Reply::validation(
                    "nb_occurences",
                    "Input should be greater than or equal to 0",
                );
            }
            None => {
                return Reply::validation("nb_occurences", "Input should be a valid integer");
            }
        },
    };
    let label = match body.get("label") {
        None | Some(Value::Null) => None,
        Some(Value::String(label)) => Some(label.clone()),
        Some(_) => return Reply::validation("label", "Input should be a valid string"),
    };
    try_reply!(identity.require_manager());
    if !EntityKind::Asset.has(&world.db, asset) {
        return Reply::not_found();
    }
    for entity in &entity_ids {
        try_reply!(entity_of_project(&world.db, project, entity));
    }
    let mut answer = Map::new();
    for entity in entity_ids {
        let db = &mut world.db;
        if nb_occurences == Some(0) {
            uncast(db, &entity, asset);
        } else {
            cast(db, &entity, asset, nb_occurences, label.clone());
        }
        answer.insert(entity.clone(), Value::Array(casting_of(db, &entity)));
    }
    Reply::ok(&Value::Object(answer))
}

/// The kind of an entity row, as Zou's `get_base_entity_type_name` names it.
fn kind_of(db: &Db, entity: &Row) -> Option<EntityKind> {
    [
        EntityKind::Shot,
        EntityKind::Sequence,
        EntityKind::Episode,
        EntityKind::Asset,
    ]
    .into_iter()
    .find(|kind| kind.matches(db.entity_type_name(entity)))
}

fn kind_is(db: &Db, id: &str, kind: EntityKind) -> bool {
    db.get("entities", id)
        .is_some_and(|row| kind_of(db, row) == Some(kind))
}

/// The shots of an episode (through its sequences).
fn episode_shots(db: &Db, episode: &str) -> Vec<String> {
    let sequences: Vec<&str> = db
        .rows("entities")
        .iter()
        .filter(|row| str_field(row, "parent_id") == Some(episode))
        .filter_map(|row| str_field(row, "id"))
        .collect();
    db.rows("entities")
        .iter()
        .filter(|row| str_field(row, "parent_id").is_some_and(|p| sequences.contains(&p)))
        .filter(|row| kind_of(db, row) == Some(EntityKind::Shot))
        .filter_map(|row| str_field(row, "id").map(str::to_owned))
        .collect()
}

/// The episode of a shot (its sequence's parent).
fn episode_of_shot(db: &Db, shot: &Row) -> Option<String> {
    let sequence = db.get("entities", str_field(shot, "parent_id")?)?;
    str_field(sequence, "parent_id").map(str::to_owned)
}

fn project_of(db: &Db, entity: &str) -> Value {
    db.get("entities", entity)
        .map_or(Value::Null, |row| text(row, "project_id"))
}

fn emit_asset_update(db: &mut Db, asset: &str, project: &Value) {
    db.emit(
        "asset:update",
        obj(json!({"asset_id": asset, "project_id": project})),
    );
}

/// Removes the links of `entity` casting `asset` (every one when `asset` is `None`), silently
/// (Zou deletes them through the relation, with no event of their own).
fn drop_links(db: &mut Db, entity: &str, asset: Option<&str>) {
    db.rows_mut(LINKS).retain(|link| {
        !(str_field(link, "entity_in_id") == Some(entity)
            && asset.is_none_or(|asset| str_field(link, "entity_out_id") == Some(asset)))
    });
}

/// `breakdown_service.update_casting`.
fn update_casting(db: &mut Db, entity: &str, casting: &[Value]) {
    let previous: BTreeSet<String> = db
        .rows(LINKS)
        .iter()
        .filter(|link| str_field(link, "entity_in_id") == Some(entity))
        .filter_map(|link| str_field(link, "entity_out_id").map(str::to_owned))
        .collect();
    let wanted: Vec<(String, Value, Value)> = casting
        .iter()
        .filter_map(|cast| {
            let asset = cast.get("asset_id")?.as_str()?.to_owned();
            let nb = cast.get("nb_occurences")?.clone();
            let label = cast.get("label").cloned().unwrap_or_else(|| json!(""));
            Some((asset, nb, label))
        })
        .collect();
    let new: BTreeSet<String> = wanted.iter().map(|(asset, _, _)| asset.clone()).collect();
    let added: Vec<String> = new.difference(&previous).cloned().collect();
    let removed: Vec<String> = previous.difference(&new).cloned().collect();
    let is_episode = kind_is(db, entity, EntityKind::Episode);
    let project = project_of(db, entity);
    if is_episode {
        for asset in &removed {
            for shot in episode_shots(db, entity) {
                drop_links(db, &shot, Some(asset));
            }
        }
    }
    drop_links(db, entity, None);
    for (asset, nb, label) in wanted {
        create_link(db, entity, &asset, nb, label);
        if is_episode {
            emit_asset_update(db, &asset, &project);
        }
    }
    announce(db, entity, added, removed);
}

/// `breakdown_service.cast_asset`.
fn cast(db: &mut Db, entity: &str, asset: &str, nb: Option<i64>, label: Option<String>) {
    let link = link_between(db, entity, asset).cloned();
    let nb = nb.map_or_else(
        || link.as_ref().map_or(json!(1), |l| text(l, "nb_occurences")),
        |n| json!(n),
    );
    let label = label.map_or_else(
        || link.as_ref().map_or(json!(""), |l| text(l, "label")),
        |l| json!(l),
    );
    create_link(db, entity, asset, nb, label);
    if kind_is(db, entity, EntityKind::Episode) {
        let project = project_of(db, entity);
        emit_asset_update(db, asset, &project);
    }
    let added = if link.is_some() {
        Vec::new()
    } else {
        vec![asset.to_owned()]
    };
    announce(db, entity, added, Vec::new());
}

/// `breakdown_service.uncast_asset`.
fn uncast(db: &mut Db, entity: &str, asset: &str) {
    if link_between(db, entity, asset).is_none() {
        return;
    }
    if kind_is(db, entity, EntityKind::Episode) {
        for shot in episode_shots(db, entity) {
            drop_links(db, &shot, Some(asset));
        }
    }
    drop_links(db, entity, Some(asset));
    announce(db, entity, Vec::new(), vec![asset.to_owned()]);
}

/// `breakdown_service.create_casting_link`: a new link (and the episode's automatic one), or
/// the existing one updated. A link to no asset is not made (Zou's database refuses it).
fn create_link(db: &mut Db, entity: &str, asset: &str, nb: Value, label: Value) {
    if !is_uuid(asset) || db.get("entities", asset).is_none() {
        return;
    }
    let existing = link_between(db, entity, asset)
        .and_then(|link| str_field(link, "id"))
        .map(str::to_owned);
    match existing {
        Some(id) => {
            db.update(
                LINKS,
                &id,
                obj(json!({"nb_occurences": nb, "label": label})),
            );
        }
        None => {
            episode_link(db, entity, asset, &label);
            db.insert(
                LINKS,
                "EntityLink",
                obj(json!({
                    "entity_in_id": entity, "entity_out_id": asset, "nb_occurences": nb,
                    "label": label, "data": null,
                })),
            );
        }
    }
}

/// Casting an asset in a shot of an episode casts it in the episode too.
fn episode_link(db: &mut Db, entity: &str, asset: &str, label: &Value) {
    let Some(shot) = db.get("entities", entity).cloned() else {
        return;
    };
    if kind_of(db, &shot) != Some(EntityKind::Shot) {
        return;
    }
    let Some(episode) = episode_of_shot(db, &shot) else {
        return;
    };
    if link_between(db, &episode, asset).is_some() {
        return;
    }
    db.rows_mut(LINKS).push(obj(json!({
        "id": crate::store::new_id(), "entity_in_id": episode, "entity_out_id": asset,
        "nb_occurences": 1, "label": label, "data": {"auto": true},
        "created_at": crate::store::now_text(), "updated_at": crate::store::now_text(),
        "type": "EntityLink",
    })));
    set_links(db, &episode, None);
    let project = text(&shot, "project_id");
    emit_asset_update(db, asset, &project);
}

/// Refreshes an entity's `entities_out` (every link) and, when given, its `nb_entities_out`;
/// without a count, the episode's counter goes up by one (Zou's automatic link).
fn set_links(db: &mut Db, entity: &str, count: Option<usize>) {
    let out: Vec<Value> = db
        .rows(LINKS)
        .iter()
        .filter(|link| str_field(link, "entity_in_id") == Some(entity))
        .map(|link| text(link, "entity_out_id"))
        .collect();
    if let Some(row) = db.get_mut("entities", entity) {
        let count = count.unwrap_or_else(|| {
            usize::try_from(
                row.get("nb_entities_out")
                    .and_then(Value::as_i64)
                    .unwrap_or(0),
            )
            .unwrap_or(0)
                + 1
        });
        row.insert("entities_out".into(), Value::Array(out));
        row.insert("nb_entities_out".into(), json!(count));
    }
}

/// `_announce_casting_change`: the new count, `<kind>:casting-update`, and for a shot that
/// lost assets, the episode's automatic links no shot needs any more.
fn announce(db: &mut Db, entity: &str, added: Vec<String>, removed: Vec<String>) {
    let count = live_links(db, entity).len();
    set_links(db, entity, Some(count));
    let Some(row) = db.get("entities", entity).cloned() else {
        return;
    };
    let project = text(&row, "project_id");
    let kind = kind_of(db, &row);
    let (name, key) = match kind {
        Some(EntityKind::Shot) => ("shot:casting-update", "shot_id"),
        Some(EntityKind::Episode) => ("episode:casting-update", "episode_id"),
        _ => ("asset:casting-update", "asset_id"),
    };
    db.emit(
        name,
        obj(json!({
            key: entity, "nb_entities_out": count, "added_asset_ids": added,
            "removed_asset_ids": removed, "project_id": project,
        })),
    );
    if kind != Some(EntityKind::Shot) || removed.is_empty() {
        return;
    }
    let Some(episode) = episode_of_shot(db, &row) else {
        return;
    };
    for asset in removed {
        let shots = episode_shots(db, &episode);
        if shots
            .iter()
            .any(|shot| link_between(db, shot, &asset).is_some())
        {
            continue;
        }
        let auto = link_between(db, &episode, &asset)
            .is_some_and(|link| link.get("data").and_then(|d| d.get("auto")) == Some(&json!(true)));
        if !auto {
            continue;
        }
        drop_links(db, &episode, Some(&asset));
        let left = db
            .get("entities", &episode)
            .and_then(|e| e.get("nb_entities_out"))
            .and_then(Value::as_i64)
            .unwrap_or(1)
            .saturating_sub(1)
            .max(0);
        set_links(db, &episode, Some(usize::try_from(left).unwrap_or(0)));
        db.emit(
            "episode:casting-update",
            obj(json!({
                "episode_id": episode, "nb_entities_out": left, "added_asset_ids": [],
                "removed_asset_ids": [asset], "project_id": project,
            })),
        );
        emit_asset_update(db, &asset, &project);
    }
}

/// `GET data/projects/{id}/sequences/{id|all}/casting` and
/// `GET data/projects/{id}/episodes/{id}/sequences/all/casting`: the castings of the shots,
/// `{shot_id: [...]}`.
pub(super) fn sequence_casting(
    world: &World,
    project: &str,
    sequence: Option<&str>,
    episode: Option<&str>,
) -> Reply {
    let db = &world.db;
    if let Some(sequence) = sequence {
        if !EntityKind::Sequence.has(db, sequence) {
            return Reply::not_found();
        }
        if db
            .get("entities", sequence)
            .and_then(|s| str_field(s, "project_id"))
            != Some(project)
        {
            return Reply::forbidden();
        }
    }
    if episode == Some("main") {
        return Reply::ok(&json!({}));
    }
    let mut rows: Vec<(String, String, String, String, Value, Value)> = Vec::new();
    for link in db.rows(LINKS) {
        let Some(shot) = str_field(link, "entity_in_id").and_then(|id| db.get("entities", id))
        else {
            continue;
        };
        let Some(parent) = str_field(shot, "parent_id").and_then(|id| db.get("entities", id))
        else {
            continue;
        };
        let Some(cast) = str_field(link, "entity_out_id").and_then(|id| db.get("entities", id))
        else {
            continue;
        };
        if is_canceled(cast)
            || sequence.is_some_and(|s| str_field(shot, "parent_id") != Some(s))
            || (sequence.is_none() && str_field(shot, "project_id") != Some(project))
            || episode.is_some_and(|e| str_field(parent, "parent_id") != Some(e))
        {
            continue;
        }
        let entry = json!({
            "asset_id": text(link, "entity_out_id"), "name": text(cast, "name"),
            "asset_name": text(cast, "name"), "asset_type_name": type_name(db, cast),
            "sequence_name": text(parent, "name"), "preview_file_id": text(cast, "preview_file_id"),
            "nb_occurences": text(link, "nb_occurences"), "label": text(link, "label"),
            "is_shared": text(cast, "is_shared"), "project_id": text(cast, "project_id"),
        });
        rows.push((
            name(parent),
            name(shot),
            type_name(db, cast),
            name(cast),
            text(link, "entity_in_id"),
            entry,
        ));
    }
    rows.sort_by(|a, b| (&a.0, &a.1, &a.2, &a.3).cmp(&(&b.0, &b.1, &b.2, &b.3)));
    let mut castings = Map::new();
    for (_, _, _, _, shot, entry) in rows {
        let key = shot.as_str().unwrap_or_default().to_owned();
        if let Value::Array(list) = castings.entry(key).or_insert_with(|| json!([])) {
            list.push(entry);
        }
    }
    Reply::ok(&Value::Object(castings))
}

/// `GET data/projects/{id}/asset-types/{id}/casting`: the castings of the assets of a type,
/// `{asset_id: [...]}`.
pub(super) fn asset_type_casting(world: &World, project: &str, asset_type: &str) -> Reply {
    let db = &world.db;
    let mut rows: Vec<(String, String, String, Value)> = Vec::new();
    for link in db.rows(LINKS) {
        let Some(asset) = str_field(link, "entity_in_id").and_then(|id| db.get("entities", id))
        else {
            continue;
        };
        let Some(cast) = str_field(link, "entity_out_id").and_then(|id| db.get("entities", id))
        else {
            continue;
        };
        if is_canceled(cast)
            || str_field(asset, "project_id") != Some(project)
            || str_field(asset, "entity_type_id") != Some(asset_type)
        {
            continue;
        }
        let entry = json!({
            "asset_id": text(link, "entity_out_id"), "name": text(cast, "name"),
            "asset_name": text(cast, "name"), "asset_type_name": type_name(db, cast),
            "preview_file_id": text(cast, "preview_file_id"),
            "nb_occurences": text(link, "nb_occurences"), "label": text(link, "label"),
        });
        rows.push((
            type_name(db, cast),
            name(cast),
            str_field(asset, "id").unwrap_or_default().to_owned(),
            entry,
        ));
    }
    rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let mut castings = Map::new();
    for (_, _, asset, entry) in rows {
        if let Value::Array(list) = castings.entry(asset).or_insert_with(|| json!([])) {
            list.push(entry);
        }
    }
    Reply::ok(&Value::Object(castings))
}

/// `GET data/assets/{id}/cast-in`: the shots an asset is cast in (by episode, sequence and
/// shot name), then the assets it is cast in.
pub(super) fn cast_in(world: &World, asset: &str) -> Reply {
    let db = &world.db;
    if !EntityKind::Asset.has(db, asset) {
        return Reply::not_found();
    }
    let links: Vec<(&Row, &Row)> = db
        .rows(LINKS)
        .iter()
        .filter(|link| str_field(link, "entity_out_id") == Some(asset))
        .filter_map(|link| {
            let entity = db.get("entities", str_field(link, "entity_in_id")?)?;
            (!is_canceled(entity)).then_some((link, entity))
        })
        .collect();
    let mut shots: Vec<(String, String, String, Value)> = Vec::new();
    for (link, shot) in &links {
        let Some(sequence) = str_field(shot, "parent_id").and_then(|id| db.get("entities", id))
        else {
            continue;
        };
        let episode = str_field(sequence, "parent_id").and_then(|id| db.get("entities", id));
        let episode_name = episode.map_or(Value::Null, |e| text(e, "name"));
        shots.push((
            episode.map(name).unwrap_or_default(),
            name(sequence),
            name(shot),
            json!({
                "shot_id": text(link, "entity_in_id"), "shot_name": text(shot, "name"),
                "sequence_name": text(sequence, "name"),
                // Zou writes `str(episode_id)`: "None" for a shot of no episode.
                "episode_id": episode.and_then(|e| str_field(e, "id")).unwrap_or("None"),
                "episode_name": episode_name, "preview_file_id": text(shot, "preview_file_id"),
                "nb_occurences": text(link, "nb_occurences"),
            }),
        ));
    }
    shots.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    let mut assets: Vec<(String, String, Value)> = links
        .iter()
        .filter(|(_, entity)| kind_of(db, entity) == Some(EntityKind::Asset))
        .map(|(link, entity)| {
            (
                type_name(db, entity),
                name(entity),
                json!({
                    "asset_id": text(link, "entity_in_id"), "asset_name": text(entity, "name"),
                    "asset_type_name": type_name(db, entity),
                    "preview_file_id": text(entity, "preview_file_id"),
                    "nb_occurences": text(link, "nb_occurences"),
                }),
            )
        })
        .collect();
    assets.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let list: Vec<Value> = shots
        .into_iter()
        .map(|(_, _, _, v)| v)
        .chain(assets.into_iter().map(|(_, _, v)| v))
        .collect();
    Reply::ok(&Value::Array(list))
}

/// Drops every link to or from an entity being deleted (silently, as Zou's cascade does).
pub(super) fn forget_entity(db: &mut Db, entity: &str) {
    db.rows_mut(LINKS).retain(|link| {
        str_field(link, "entity_in_id") != Some(entity)
            && str_field(link, "entity_out_id") != Some(entity)
    });
}

/// `GET data/shots/{id}/assets` (the assets cast in a shot, as rows) and
/// `GET data/shots/{id}/asset-types` (their types, by name).
pub(super) fn shot_assets(world: &World, shot: &str, types: bool) -> Reply {
    let db = &world.db;
    if !EntityKind::Shot.has(db, shot) {
        return Reply::not_found();
    }
    let assets: Vec<Row> = live_links(db, shot)
        .into_iter()
        .map(|(_, asset)| {
            let mut asset = asset.clone();
            asset.remove("entities_out");
            asset.remove("instance_casting");
            asset.insert("type".into(), json!("Asset"));
            asset
        })
        .collect();
    if !types {
        return Reply::ok(&Value::Array(
            assets.into_iter().map(Value::Object).collect(),
        ));
    }
    let mut kinds: Vec<Row> = Vec::new();
    for asset in &assets {
        let Some(kind) =
            str_field(asset, "entity_type_id").and_then(|id| db.get("entity_types", id))
        else {
            continue;
        };
        if !kinds.iter().any(|k| k.get("id") == kind.get("id")) {
            let mut kind = kind.clone();
            kind.remove("task_types");
            kind.insert("type".into(), json!("AssetType"));
            kinds.push(kind);
        }
    }
    kinds.sort_by_key(name);
    Reply::ok(&Value::Array(
        kinds.into_iter().map(Value::Object).collect(),
    ))
}

/// The ids of the assets cast in `entity` (Zou's `entities_out`).
pub(super) fn entities_out(db: &Db, entity: &str) -> Vec<Value> {
    db.rows(LINKS)
        .iter()
        .filter(|link| str_field(link, "entity_in_id") == Some(entity))
        .map(|link| text(link, "entity_out_id"))
        .collect()
}

/// `GET data/projects/{id}/episodes/casting`: the castings of the project's entities (Zou
/// means its episodes, but joins no type), `{entity_id: [...]}`, by asset type and name.
pub(super) fn episodes_casting(world: &World, project: &str) -> Reply {
    let db = &world.db;
    let mut rows: Vec<(String, String, String, Value)> = Vec::new();
    for link in db.rows(LINKS) {
        let Some(entity) = str_field(link, "entity_in_id").and_then(|id| db.get("entities", id))
        else {
            continue;
        };
        let Some(cast) = str_field(link, "entity_out_id").and_then(|id| db.get("entities", id))
        else {
            continue;
        };
        if is_canceled(cast) || str_field(entity, "project_id") != Some(project) {
            continue;
        }
        rows.push((
            type_name(db, cast),
            name(cast),
            str_field(entity, "id").unwrap_or_default().to_owned(),
            json!({
                "asset_id": text(link, "entity_out_id"), "name": text(cast, "name"),
                "asset_name": text(cast, "name"), "asset_type_name": type_name(db, cast),
                "preview_file_id": text(cast, "preview_file_id"),
                "nb_occurences": text(link, "nb_occurences"), "label": text(link, "label"),
                "is_shared": text(cast, "is_shared"), "project_id": text(cast, "project_id"),
            }),
        ));
    }
    rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let mut castings = Map::new();
    for (_, _, entity, entry) in rows {
        if let Value::Array(list) = castings.entry(entity).or_insert_with(|| json!([])) {
            list.push(entry);
        }
    }
    Reply::ok(&Value::Object(castings))
}

/// `GET data/projects/{id}/entity-links`: the project's links by creation, as
/// `entities_service.get_entity_links_for_project` lists them (`created_at` with
/// microseconds); with `page`, the generic pagination envelope of the stored rows.
pub(super) fn project_links(world: &World, project: &str, req: &Req, identity: &Identity) -> Reply {
    try_reply!(identity.require_manager());
    try_reply!(existing(&world.db, "projects", project));
    let db = &world.db;
    let mut links: Vec<Row> = db
        .rows(LINKS)
        .iter()
        .filter(|link| {
            str_field(link, "entity_in_id")
                .and_then(|id| db.get("entities", id))
                .is_some_and(|e| str_field(e, "project_id") == Some(project))
        })
        .cloned()
        .collect();
    // By creation: the mock's timestamps have no fraction, so rows of one second keep the
    // order they were made in (a stable sort).
    links.sort_by(|a, b| str_field(a, "created_at").cmp(&str_field(b, "created_at")));
    let limit = req
        .param("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .filter(|l| *l > 0);
    let page = req
        .param("page")
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|p| *p > 0);
    if let Some(page) = page {
        let limit = limit.unwrap_or(100);
        let total = links.len();
        let data: Vec<Value> = links
            .into_iter()
            .skip((page - 1) * limit)
            .take(limit)
            .map(Value::Object)
            .collect();
        return Reply::ok(&json!({
            "data": data, "total": total, "nb_pages": total.div_ceil(limit), "limit": limit,
            "offset": (page - 1) * limit, "page": page,
        }));
    }
    let list: Vec<Value> = links
        .into_iter()
        .take(limit.unwrap_or(usize::MAX))
        .map(|link| {
            let created = format!(
                "{}.000000",
                str_field(&link, "created_at").unwrap_or_default()
            );
            json!({
                "id": text(&link, "id"), "entity_in_id": text(&link, "entity_in_id"),
                "entity_out_id": text(&link, "entity_out_id"),
                "nb_occurences": text(&link, "nb_occurences"), "label": text(&link, "label"),
                "data": text(&link, "data"), "created_at": created, "type": "EntityLink",
            })
        })
        .collect();
    Reply::ok(&Value::Array(list))
}

/// `DELETE data/projects/{id}/entity-links/{id}`: uncasts the link's asset (an episode's shots
/// keep theirs); answers the link.
pub(super) fn remove_link(
    world: &mut World,
    project: &str,
    link: &str,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    let Some(row) = world.db.get(LINKS, link).cloned() else {
        return Reply::not_found();
    };
    let entity = str_field(&row, "entity_in_id")
        .unwrap_or_default()
        .to_owned();
    let asset = str_field(&row, "entity_out_id")
        .unwrap_or_default()
        .to_owned();
    try_reply!(entity_of_project(&world.db, project, &entity));
    drop_links(&mut world.db, &entity, Some(&asset));
    announce(&mut world.db, &entity, Vec::new(), vec![asset]);
    Reply::ok(&Value::Object(row))
}

/// The ids of the entities casting `entity` (Zou's `entities_in`).
pub(super) fn entities_in(db: &Db, entity: &str) -> Vec<Value> {
    db.rows(LINKS)
        .iter()
        .filter(|link| str_field(link, "entity_out_id") == Some(entity))
        .map(|link| text(link, "entity_in_id"))
        .collect()
}

/// Seeds a link: `nb` occurrences of `asset` in `entity`, with the episode's automatic link
/// for a shot. The id of the link, `None` when either entity is unknown.
pub(crate) fn seed_cast(
    db: &mut Db,
    entity: &str,
    asset: &str,
    nb: i64,
    label: &str,
) -> Option<String> {
    db.get("entities", entity)?;
    create_link(db, entity, asset, json!(nb), json!(label));
    let count = live_links(db, entity).len();
    set_links(db, entity, Some(count));
    link_between(db, entity, asset)
        .and_then(|link| str_field(link, "id"))
        .map(str::to_owned)
}
