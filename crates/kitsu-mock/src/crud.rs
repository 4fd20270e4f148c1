//! Generic CRUD on `data/<model>` with Zou's filters, `fields`, `relations` and pagination.

use http::StatusCode;
use serde_json::{Map, Value, json};

use crate::auth::{Identity, public_person};
use crate::reply::{Reply, Req, is_uuid, try_reply};
use crate::store::{Db, Model, Row, is_column, obj, str_field};
use crate::world::World;

/// Query keys that are not filters.
const RESERVED: &[&str] = &[
    "page",
    "limit",
    "fields",
    "relations",
    "force",
    "cursor_created_at",
];

/// Zou's default page size (`NB_RECORDS_PER_PAGE`).
const PAGE_SIZE: i64 = 100;

/// A filter value as text, the way Zou compares it.
fn as_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => "None".into(),
        other => other.to_string(),
    }
}

/// Applies `?column=value` filters: equality, case-insensitive for `name`, `["a","b"]` for IN.
pub(crate) fn filter(model: &Model, rows: Vec<Row>, req: &Req) -> Result<Vec<Row>, Reply> {
    let invalid = || {
        Reply::error(
            StatusCode::BAD_REQUEST,
            "One of the provided values has an invalid format.",
        )
    };
    let mut rows = rows;
    for (key, wanted) in &req.query {
        if RESERVED.contains(&key.as_str()) || !is_column(model, key) {
            continue;
        }
        let choices: Vec<String> = if wanted.starts_with('[') {
            serde_json::from_str::<Vec<Value>>(wanted)
                .map_err(|_| invalid())?
                .iter()
                .map(as_text)
                .collect()
        } else {
            vec![wanted.clone()]
        };
        if (key == "id" || key.ends_with("_id")) && choices.iter().any(|c| !is_uuid(c)) {
            return Err(invalid());
        }
        rows.retain(|row| {
            let value = row.get(key).map(as_text).unwrap_or_else(|| "None".into());
            choices.iter().any(|choice| {
                if key == "name" || value == "true" || value == "false" {
                    choice.eq_ignore_ascii_case(&value)
                } else {
                    *choice == value
                }
            })
        });
    }
    Ok(rows)
}

/// A row as the API shows it: relation lists only when asked for, only the `fields` asked for.
pub(crate) fn present(
    model: &Model,
    row: &Row,
    relations: bool,
    fields: Option<&[String]>,
) -> Value {
    let mut shown = if model.route == "persons" {
        obj(public_person(row))
    } else {
        row.clone()
    };
    if !relations {
        for relation in model.relations {
            shown.remove(*relation);
        }
    }
    if let Some(fields) = fields {
        shown.retain(|key, _| key == "type" || fields.iter().any(|f| f == key));
    }
    Value::Object(shown)
}

fn fields(req: &Req) -> Option<Vec<String>> {
    req.param("fields").map(|list| {
        list.split(',')
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty())
            .collect()
    })
}

/// A list answer: a bare array, or the page envelope when `page` is given.
pub(crate) fn list_reply(model: &Model, rows: Vec<Row>, req: &Req) -> Reply {
    let rows = try_reply!(filter(model, rows, req));
    let relations = req.flag("relations").unwrap_or(false);
    let fields = fields(req);
    let Some(page) = req.param("page") else {
        let items: Vec<Value> = rows
            .iter()
            .map(|r| present(model, r, relations, fields.as_deref()))
            .collect();
        return Reply::ok(&Value::Array(items));
    };
    let Ok(page) = page.parse::<i64>() else {
        return Reply::error_with_data(StatusCode::BAD_REQUEST, "page must be an integer.");
    };
    let limit = match req.param("limit") {
        None => PAGE_SIZE,
        Some(limit) => match limit.parse::<i64>() {
            Ok(limit) if limit > 0 => limit,
            Ok(_) => PAGE_SIZE,
            Err(_) => {
                return Reply::error_with_data(
                    StatusCode::BAD_REQUEST,
                    "limit must be an integer.",
                );
            }
        },
    };
    let mut rows = rows;
    rows.sort_by(|a, b| {
        let key = |row: &Row| {
            (
                str_field(row, "updated_at").unwrap_or("").to_owned(),
                str_field(row, "created_at").unwrap_or("").to_owned(),
            )
        };
        key(b)
            .cmp(&key(a))
            .then_with(|| str_field(a, "id").cmp(&str_field(b, "id")))
    });
    let total = rows.len() as i64;
    let offset = (page - 1) * limit;
    let data: Vec<Value> = if offset < 0 {
        Vec::new()
    } else {
        rows.iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .map(|r| present(model, r, relations, fields.as_deref()))
            .collect()
    };
    let nb_pages = (total + limit - 1) / limit;
    Reply::ok(&json!({
        "data": data, "total": total, "nb_pages": nb_pages,
        "limit": limit, "offset": offset, "page": page,
    }))
}

/// The rows of a collection that `identity` may see.
pub(crate) fn visible(db: &Db, model: &Model, identity: &Identity) -> Vec<Row> {
    let rows = db.rows(model.table).to_vec();
    if identity.can_manage() {
        return rows;
    }
    let member = |list: Option<&Value>| {
        list.and_then(Value::as_array).is_some_and(|ids| {
            ids.iter()
                .any(|id| id.as_str() == Some(identity.person_id.as_str()))
        })
    };
    match model.route {
        "projects" => rows.into_iter().filter(|p| member(p.get("team"))).collect(),
        "tasks" => rows
            .into_iter()
            .filter(|t| member(t.get("assignees")))
            .collect(),
        _ => rows,
    }
}

/// `GET data/<model>/<id>`.
pub(crate) fn get_one(db: &Db, model: &Model, id: &str, req: &Req) -> Reply {
    if !is_uuid(id) {
        return Reply::malformed_id();
    }
    match db.get(model.table, id) {
        Some(row) => Reply::ok(&present(
            model,
            row,
            req.flag("relations").unwrap_or(true),
            fields(req).as_deref(),
        )),
        None => Reply::not_found(),
    }
}

/// Checks a create or update body against the model's columns.
fn check_columns(model: &Model, body: &Map<String, Value>) -> Result<(), Reply> {
    for key in body.keys() {
        if key != "id"
            && !model.columns.contains(&key.as_str())
            && !model.relations.contains(&key.as_str())
        {
            return Err(Reply::message(
                StatusCode::BAD_REQUEST,
                &format!(
                    "'{key}' is an invalid keyword argument for {}",
                    model.type_name
                ),
            ));
        }
    }
    Ok(())
}

fn violates_unique(db: &Db, model: &Model, row: &Row, except: Option<&str>) -> bool {
    if model.unique.is_empty() {
        return false;
    }
    db.rows(model.table).iter().any(|other| {
        str_field(other, "id") != except
            && model.unique.iter().all(|column| {
                let mine = row.get(*column).unwrap_or(&Value::Null);
                let theirs = other.get(*column).unwrap_or(&Value::Null);
                match (mine, theirs) {
                    (Value::String(a), Value::String(b))
                        if *column == "name" || *column == "email" =>
                    {
                        a.eq_ignore_ascii_case(b)
                    }
                    _ => mine == theirs,
                }
            })
    })
}

/// Zou's defaults for a new row of `model`.
fn defaults(world: &World, model: &Model) -> Row {
    let mut row = Row::new();
    for relation in model.relations {
        row.insert((*relation).into(), json!([]));
    }
    match model.route {
        "projects" => {
            let open = world.db.find_by("project_status", "name", "Open").and_then(|r| str_field(r, "id"));
            row.extend(obj(json!({
                "code": null, "description": null, "shotgun_id": null, "file_tree": null, "data": null,
                "has_avatar": false, "fps": "25", "ratio": "16:9", "resolution": "1920x1080",
                "production_type": "short", "production_style": "2d3d", "start_date": null, "end_date": null,
                "man_days": null, "nb_episodes": 0, "episode_span": 0, "max_retakes": 0,
                "project_status_id": open, "is_clients_isolated": false, "homepage": "assets",
                "is_preview_download_allowed": false, "is_set_preview_automated": false,
                "is_client_stats_visible": true, "is_client_task_list_visible": true,
                "is_client_task_panel_visible": true, "is_publish_default_for_artists": false,
                "is_bot_collaboration_enabled": false, "is_single_preview_per_revision": false,
                "is_frame_in_numbering": false, "revision_padding": 0, "hd_bitrate_compression": null,
                "ld_bitrate_compression": null, "default_preview_background_file_id": null,
                "from_schedule_version_id": null,
            })));
        }
        "tasks" => row.extend(obj(json!({
            "name": "main", "description": null, "priority": 0, "difficulty": 3, "duration": 0,
            "estimation": 0, "completion_rate": 0, "retake_count": 0, "sort_order": 0, "start_date": null,
            "due_date": null, "real_start_date": null, "end_date": null, "done_date": null,
            "last_comment_date": null, "nb_assets_ready": 0, "data": null, "shotgun_id": null, "assigner_id": null,
        }))),
        "persons" => row.extend(obj(json!({
            "email": null, "phone": null, "active": true, "archived": false,
            "role": "user", "has_avatar": false, "notifications_enabled": false, "is_bot": false,
            "timezone": "Europe/Paris", "locale": "en_US", "data": null, "desktop_login": "",
            "login_failed_attemps": 0, "totp_enabled": false,
        }))),
        "task-status" => row.extend(obj(json!({
            "is_done": false, "is_artist_allowed": true, "is_client_allowed": true, "is_retake": false,
            "is_feedback_request": false, "is_default": false, "is_wip": false, "archived": false, "priority": 1,
        }))),
        "task-types" => row.extend(obj(json!({
            "short_name": "", "description": null, "priority": 1, "for_entity": "Asset",
            "allow_timelog": true, "archived": false, "department_id": null,
        }))),
        _ => {}
    }
    row
}

/// `POST data/<model>`.
pub(crate) fn create(world: &mut World, model: &Model, req: &Req, identity: &Identity) -> Reply {
    try_reply!(identity.require_manager());
    let body = try_reply!(req.json_object());
    if let Err(reply) = check_columns(model, &body) {
        return reply;
    }
    let mut row = defaults(world, model);
    let password = body
        .get("password")
        .and_then(Value::as_str)
        .map(str::to_owned);
    row.extend(body.into_iter().filter(|(key, _)| key != "password"));
    let missing = model
        .required
        .iter()
        .any(|column| row.get(*column).is_none_or(Value::is_null));
    if missing {
        return Reply::message(StatusCode::BAD_REQUEST, "A required field is missing.");
    }
    if violates_unique(&world.db, model, &row, None) {
        return Reply::message(
            StatusCode::BAD_REQUEST,
            "A record with the same unique values already exists.",
        );
    }
    if model.route == "persons" {
        if let (Some(first), Some(last)) =
            (str_field(&row, "first_name"), str_field(&row, "last_name"))
        {
            let full = format!("{first} {last}").trim().to_owned();
            row.insert("full_name".into(), json!(full));
        }
    }
    let row = world.db.insert(model.table, model.type_name, row);
    let mut shown = present(model, &row, true, None);
    if model.route == "persons" {
        let id = str_field(&row, "id").unwrap_or_default().to_owned();
        world.db.accounts.entry(id.clone()).or_default().password = password;
        if row.get("is_bot") == Some(&Value::Bool(true)) {
            shown["access_token"] = json!(world.tokens.bot(&world.auth, &id));
        }
    }
    Reply::created(&shown)
}

/// `PUT data/<model>/<id>`.
pub(crate) fn update(
    world: &mut World,
    model: &Model,
    id: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    if !is_uuid(id) {
        return Reply::malformed_id();
    }
    let body = try_reply!(req.json_object());
    if let Err(reply) = check_columns(model, &body) {
        return reply;
    }
    let Some(existing) = world.db.get(model.table, id).cloned() else {
        return Reply::not_found();
    };
    let mut merged = existing;
    merged.extend(body.clone());
    if violates_unique(&world.db, model, &merged, Some(id)) {
        return Reply::message(
            StatusCode::BAD_REQUEST,
            "A record with the same unique values already exists.",
        );
    }
    match world.db.update(model.table, id, body) {
        Some(row) => Reply::ok(&present(model, &row, true, None)),
        None => Reply::not_found(),
    }
}

/// `DELETE data/<model>/<id>` (projects: only closed ones; with children only with `force`).
pub(crate) fn delete(
    world: &mut World,
    model: &Model,
    id: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    if !is_uuid(id) {
        return Reply::malformed_id();
    }
    let Some(row) = world.db.get(model.table, id).cloned() else {
        return Reply::not_found();
    };
    let force = req.flag("force").unwrap_or(false);
    if model.route == "projects" {
        let closed = world
            .db
            .find_by("project_status", "name", "Closed")
            .and_then(|r| str_field(r, "id"));
        if str_field(&row, "project_status_id") != closed {
            return Reply::error(
                StatusCode::BAD_REQUEST,
                "Only closed projects can be deleted",
            );
        }
        let has_children = ["entities", "tasks"].iter().any(|table| {
            world
                .db
                .rows(table)
                .iter()
                .any(|r| str_field(r, "project_id") == Some(id))
        });
        if has_children && !force {
            return Reply::error(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error.");
        }
        for table in ["entities", "tasks"] {
            world
                .db
                .rows_mut(table)
                .retain(|r| str_field(r, "project_id") != Some(id));
        }
    }
    if model.route == "persons" && !force && world.db.accounts.get(id).is_some_and(|a| a.logged_in)
    {
        return Reply::error(
            StatusCode::BAD_REQUEST,
            "Some data are still linked to given person.",
        );
    }
    world.db.remove(model.table, id);
    Reply::no_content()
}
