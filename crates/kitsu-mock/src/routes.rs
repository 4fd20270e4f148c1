//! The route table: which paths exist, with which methods, and what they do.

use http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::auth::{self, Identity, Kind};
use crate::crud;
use crate::files::{self, Upload};
use crate::reply::{Reply, Req, existing, is_uuid, try_reply};
use crate::store::{NON_ASSET_TYPES, Row, model, obj, str_field};
use crate::world::World;

/// What kind of entity a specialised route is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntityKind {
    Shot,
    Sequence,
    Episode,
    Asset,
}

impl EntityKind {
    fn from_plural(segment: &str) -> Option<EntityKind> {
        Some(match segment {
            "shots" => EntityKind::Shot,
            "sequences" => EntityKind::Sequence,
            "episodes" => EntityKind::Episode,
            "assets" => EntityKind::Asset,
            _ => return None,
        })
    }

    fn type_name(self) -> &'static str {
        match self {
            EntityKind::Shot => "Shot",
            EntityKind::Sequence => "Sequence",
            EntityKind::Episode => "Episode",
            EntityKind::Asset => "Asset",
        }
    }

    fn matches(self, type_name: Option<&str>) -> bool {
        match self {
            EntityKind::Asset => type_name.is_some_and(|t| !NON_ASSET_TYPES.contains(&t)),
            other => type_name == Some(other.type_name()),
        }
    }
}

/// A resolved route and its parameters.
#[derive(Debug)]
pub(crate) enum Route {
    Root,
    Status,
    Login,
    Logout,
    Refresh,
    Authenticated,
    OpenProjects,
    ProjectEntities {
        project: String,
        kind: EntityKind,
    },
    NewAsset {
        project: String,
        asset_type: String,
    },
    ProjectTaskTypes {
        project: String,
    },
    Entities {
        kind: EntityKind,
    },
    Entity {
        kind: EntityKind,
        id: String,
    },
    EntityTasks {
        kind: EntityKind,
        id: String,
    },
    AssetTypes,
    AssetType {
        id: String,
    },
    Collection {
        model: &'static str,
    },
    Item {
        model: &'static str,
        id: String,
    },
    CreateTasks {
        project: String,
        task_type: String,
        kind: EntityKind,
    },
    ChangePassword {
        person: String,
    },
    Comment {
        task: String,
    },
    TaskComments {
        task: String,
    },
    AddPreview {
        task: String,
        comment: String,
    },
    UploadPreview {
        preview: String,
    },
    UploadProjectThumbnail {
        project: String,
    },
    Download {
        path: Vec<String>,
    },
}

impl Route {
    /// Whether the route needs no token.
    fn is_public(&self) -> bool {
        matches!(
            self,
            Route::Root | Route::Status | Route::Login | Route::Refresh
        )
    }

    /// Whether the route takes a multipart upload (parsed before the world is locked).
    pub(crate) fn is_upload(&self) -> bool {
        matches!(
            self,
            Route::UploadPreview { .. } | Route::UploadProjectThumbnail { .. }
        )
    }
}

const GET: &[Method] = &[Method::GET];
const POST: &[Method] = &[Method::POST];
const GET_POST: &[Method] = &[Method::GET, Method::POST];
const ITEM: &[Method] = &[Method::GET, Method::PUT, Method::DELETE];

/// Finds the route for a path, with the methods it allows; `None` is a 404.
pub(crate) fn resolve(segments: &[String]) -> Option<(Route, &'static [Method])> {
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let owned = |text: &str| text.to_owned();
    Some(match s.as_slice() {
        [] => (Route::Root, GET),
        ["status"] => (Route::Status, GET),
        ["auth", "login"] => (Route::Login, POST),
        ["auth", "logout"] => (Route::Logout, GET),
        ["auth", "refresh-token"] => (Route::Refresh, GET),
        ["auth", "authenticated"] => (Route::Authenticated, GET),
        ["data", "projects", "open"] => (Route::OpenProjects, GET),
        [
            "data",
            "projects",
            project,
            "asset-types",
            asset_type,
            "assets",
            "new",
        ] => (
            Route::NewAsset {
                project: owned(project),
                asset_type: owned(asset_type),
            },
            POST,
        ),
        ["data", "projects", project, "settings", "task-types"] => (
            Route::ProjectTaskTypes {
                project: owned(project),
            },
            POST,
        ),
        ["data", "projects", project, plural] => {
            let kind = EntityKind::from_plural(plural)?;
            let methods = if kind == EntityKind::Asset {
                GET
            } else {
                GET_POST
            };
            (
                Route::ProjectEntities {
                    project: owned(project),
                    kind,
                },
                methods,
            )
        }
        ["data", "asset-types"] => (Route::AssetTypes, GET),
        ["data", "asset-types", id] => (Route::AssetType { id: owned(id) }, GET),
        ["data", plural] if EntityKind::from_plural(plural).is_some() => (
            Route::Entities {
                kind: EntityKind::from_plural(plural)?,
            },
            GET,
        ),
        ["data", plural, id] if EntityKind::from_plural(plural).is_some() => (
            Route::Entity {
                kind: EntityKind::from_plural(plural)?,
                id: owned(id),
            },
            ITEM,
        ),
        ["data", plural, id, "tasks"] if EntityKind::from_plural(plural).is_some() => (
            Route::EntityTasks {
                kind: EntityKind::from_plural(plural)?,
                id: owned(id),
            },
            GET,
        ),
        ["data", "tasks", task, "comments"] => (Route::TaskComments { task: owned(task) }, GET),
        ["data", name] => (
            Route::Collection {
                model: model(name)?.route,
            },
            GET_POST,
        ),
        ["data", name, id] => (
            Route::Item {
                model: model(name)?.route,
                id: owned(id),
            },
            ITEM,
        ),
        [
            "actions",
            "projects",
            project,
            "task-types",
            task_type,
            plural,
            "create-tasks",
        ] => (
            Route::CreateTasks {
                project: owned(project),
                task_type: owned(task_type),
                kind: EntityKind::from_plural(plural)
                    .filter(|k| matches!(k, EntityKind::Shot | EntityKind::Asset))?,
            },
            POST,
        ),
        ["actions", "tasks", task, "comment"] => (Route::Comment { task: owned(task) }, POST),
        ["actions", "persons", person, "change-password"] => (
            Route::ChangePassword {
                person: owned(person),
            },
            POST,
        ),
        ["actions", "tasks", task, "comments", comment, "add-preview"] => (
            Route::AddPreview {
                task: owned(task),
                comment: owned(comment),
            },
            POST,
        ),
        ["pictures", "preview-files", preview] => (
            Route::UploadPreview {
                preview: owned(preview),
            },
            POST,
        ),
        ["pictures", "thumbnails", "projects", project] if !project.contains('.') => (
            Route::UploadProjectThumbnail {
                project: owned(project),
            },
            POST,
        ),
        ["pictures" | "movies", ..] if files::is_download(&s) => (
            Route::Download {
                path: segments.to_vec(),
            },
            GET,
        ),
        _ => return None,
    })
}

/// Handles a request to a resolved route (the method already checked).
pub(crate) fn handle(world: &mut World, route: Route, req: &Req, upload: Option<Upload>) -> Reply {
    if route.is_public() {
        return match route {
            Route::Root => Reply::ok(&json!({"api": "Zou", "version": crate::ZOU_VERSION})),
            Route::Status => Reply::ok(&json!({
                "name": "Zou", "version": crate::ZOU_VERSION, "database-up": true,
                "key-value-store-up": true, "event-stream-up": false, "job-queue-up": false, "indexer-up": false,
            })),
            Route::Login => auth::login(req, &mut world.db, &mut world.tokens, &world.auth),
            Route::Refresh => match world
                .tokens
                .guard(req, &world.db, &world.auth, Kind::Refresh)
            {
                Ok(identity) => world.tokens.refresh(&world.auth, &identity),
                Err(reply) => reply,
            },
            _ => Reply::not_found(),
        };
    }
    let identity = try_reply!(
        world
            .tokens
            .guard(req, &world.db, &world.auth, Kind::Access)
    );
    match route {
        Route::Logout => world.tokens.logout(&identity),
        Route::Authenticated => {
            let user = world
                .db
                .get("persons", &identity.person_id)
                .map(auth::public_person);
            Reply::ok(
                &json!({"authenticated": true, "user": user, "organisation": world.db.organisation}),
            )
        }
        Route::OpenProjects => open_projects(world, &identity),
        Route::ProjectEntities { project, kind } if req.method == Method::GET => {
            let rows = entities(world, kind, |row| {
                str_field(row, "project_id") == Some(project.as_str())
            });
            entity_list(world, rows)
        }
        Route::ProjectEntities { project, kind } => {
            create_entity(world, &project, kind, None, req, &identity)
        }
        Route::NewAsset {
            project,
            asset_type,
        } => create_entity(
            world,
            &project,
            EntityKind::Asset,
            Some(&asset_type),
            req,
            &identity,
        ),
        Route::ProjectTaskTypes { project } => add_task_type(world, &project, req, &identity),
        Route::Entities { kind } => {
            let rows = entities(world, kind, |_| true);
            match entities_model_filter(rows, req) {
                Ok(rows) => entity_list(world, rows),
                Err(reply) => reply,
            }
        }
        Route::Entity { kind, id } => entity_item(world, kind, &id, req, &identity),
        Route::EntityTasks { kind, id } => entity_tasks(world, kind, &id),
        Route::AssetTypes => {
            let rows = asset_types(world);
            let Some(model) = model("entity-types") else {
                return Reply::not_found();
            };
            let mut reply = crud::list_reply(model, rows, req);
            retype(&mut reply, "EntityType", "AssetType");
            reply
        }
        Route::AssetType { id } => match asset_types(world)
            .into_iter()
            .find(|r| str_field(r, "id") == Some(id.as_str()))
        {
            Some(mut row) => {
                row.insert("type".into(), json!("AssetType"));
                Reply::ok(&Value::Object(row))
            }
            None => Reply::not_found(),
        },
        Route::Collection { model: name } => {
            let Some(model) = model(name) else {
                return Reply::not_found();
            };
            if req.method == Method::POST {
                crud::create(world, model, req, &identity)
            } else {
                let rows = crud::visible(&world.db, model, &identity);
                crud::list_reply(model, rows, req)
            }
        }
        Route::Item { model: name, id } => {
            let Some(model) = model(name) else {
                return Reply::not_found();
            };
            match req.method {
                Method::PUT => crud::update(world, model, &id, req, &identity),
                Method::DELETE => crud::delete(world, model, &id, req, &identity),
                _ => crud::get_one(&world.db, model, &id, req),
            }
        }
        Route::CreateTasks {
            project,
            task_type,
            kind,
        } => create_tasks(world, &project, &task_type, kind, req, &identity),
        Route::Comment { task } => comment(world, &task, req, &identity),
        Route::ChangePassword { person } => change_password(world, &person, req, &identity),
        Route::TaskComments { task } => {
            let rows: Vec<Value> = world
                .db
                .rows("comments")
                .iter()
                .filter(|c| str_field(c, "object_id") == Some(task.as_str()))
                .map(|c| Value::Object(c.clone()))
                .collect();
            Reply::ok(&Value::Array(rows))
        }
        Route::AddPreview { task, comment } => {
            files::add_preview(world, &task, &comment, &identity)
        }
        Route::UploadPreview { preview } => files::upload_preview(world, &preview, upload),
        Route::UploadProjectThumbnail { project } => {
            files::upload_project_thumbnail(world, &project, upload, &identity)
        }
        Route::Download { path } => files::download(world, &path, req),
        Route::Root | Route::Status | Route::Login | Route::Refresh => Reply::not_found(),
    }
}

/// Rewrites the `type` of every row in a JSON reply.
fn retype(reply: &mut Reply, from: &str, to: &str) {
    let from = format!("\"type\":\"{from}\"");
    let to = format!("\"type\":\"{to}\"");
    let text = String::from_utf8_lossy(&reply.body).replace(&from, &to);
    reply.body = bytes::Bytes::from(text);
}

fn asset_types(world: &World) -> Vec<Row> {
    world
        .db
        .rows("entity_types")
        .iter()
        .filter(|r| !str_field(r, "name").is_some_and(|n| NON_ASSET_TYPES.contains(&n)))
        .cloned()
        .collect()
}

fn open_projects(world: &World, identity: &Identity) -> Reply {
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
        .map(|mut p| {
            p.insert("descriptors".into(), json!([]));
            p.insert("task_statuses_link".into(), json!({}));
            p.insert("task_types_priority".into(), json!({}));
            p.insert("task_type_links".into(), json!({}));
            Value::Object(p)
        })
        .collect();
    Reply::ok(&Value::Array(rows))
}

/// The live (not canceled) entities of a kind, with `type` set to the kind.
fn entities(world: &World, kind: EntityKind, keep: impl Fn(&Row) -> bool) -> Vec<Row> {
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

fn entities_model_filter(rows: Vec<Row>, req: &Req) -> Result<Vec<Row>, Reply> {
    let Some(model) = model("entities") else {
        return Ok(rows);
    };
    crud::filter(model, rows, req)
}

fn entity_list(world: &World, rows: Vec<Row>) -> Reply {
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

fn create_entity(
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

fn entity_item(
    world: &mut World,
    kind: EntityKind,
    id: &str,
    req: &Req,
    identity: &Identity,
) -> Reply {
    // Specialised routes answer 404, not 400, to a malformed id.
    let found = is_uuid(id)
        && world
            .db
            .get("entities", id)
            .is_some_and(|row| kind.matches(world.db.entity_type_name(row)));
    if !found {
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
            let tasks: Vec<Value> = task_rows(world, id)
                .into_iter()
                .map(Value::Object)
                .collect();
            row.insert("tasks".into(), Value::Array(tasks));
            Reply::ok(&Value::Object(row))
        }
    }
}

/// The tasks of an entity, with the names Zou joins in.
fn task_rows(world: &World, entity_id: &str) -> Vec<Row> {
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

fn entity_tasks(world: &World, kind: EntityKind, id: &str) -> Reply {
    let found = is_uuid(id)
        && world
            .db
            .get("entities", id)
            .is_some_and(|row| kind.matches(world.db.entity_type_name(row)));
    if !found {
        return Reply::not_found();
    }
    Reply::ok(&Value::Array(
        task_rows(world, id)
            .into_iter()
            .map(Value::Object)
            .collect(),
    ))
}

fn add_task_type(world: &mut World, project: &str, req: &Req, identity: &Identity) -> Reply {
    try_reply!(identity.require_manager());
    let body = try_reply!(req.json_object());
    let Some(task_type) = body
        .get("task_type_id")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return Reply::message(StatusCode::BAD_REQUEST, "A required field is missing.");
    };
    try_reply!(existing(&world.db, "task_types", &task_type));
    let Some(row) = world.db.get_mut("projects", project) else {
        return Reply::not_found();
    };
    if let Some(Value::Array(list)) = row.get_mut("task_types") {
        if !list.iter().any(|v| v.as_str() == Some(task_type.as_str())) {
            list.push(json!(task_type));
        }
    }
    let row = row.clone();
    Reply::created(&Value::Object(row))
}

fn create_tasks(
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
    let targets: Vec<String> = entities(world, kind, |row| {
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

fn comment(world: &mut World, task: &str, req: &Req, identity: &Identity) -> Reply {
    try_reply!(existing(&world.db, "tasks", task));
    let body = try_reply!(req.json_object());
    let Some(status) = body
        .get("task_status_id")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return Reply::validation("task_status_id", "Field required");
    };
    try_reply!(existing(&world.db, "task_status", &status));
    let text = body.get("comment").and_then(Value::as_str).unwrap_or("");
    let row = obj(json!({
        "shotgun_id": null, "object_id": task, "object_type": "Task", "text": text, "data": null,
        "replies": [], "checklist": body.get("checklist").cloned().unwrap_or_else(|| json!([])),
        "pinned": null, "links": [], "task_status_id": status, "person_id": identity.person_id,
        "editor_id": null, "preview_file_id": null, "previews": [], "mentions": [], "acknowledgements": [],
        "department_mentions": [], "attachment_files": [],
    }));
    let row = world.db.insert("comments", "Comment", row);
    let now = row.get("created_at").cloned().unwrap_or(Value::Null);
    world.db.update(
        "tasks",
        task,
        obj(json!({"task_status_id": status, "last_comment_date": now})),
    );
    Reply::created(&Value::Object(row))
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

/// `POST actions/persons/{id}/change-password`: an admin sets someone's password.
fn change_password(world: &mut World, person: &str, req: &Req, identity: &Identity) -> Reply {
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
