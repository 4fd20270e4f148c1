//! The route table: which paths exist, with which methods ([`Route`], [`resolve`]).
//!
//! A path resolves to a [`Route`] before any token is checked, so unknown paths answer 404 and
//! wrong methods 405 as Flask does; [`handle`] (in `dispatch`) then runs the route. The handlers
//! live in one module per domain:
//!
//! - `dispatch`: the public routes, the token guard, and which handler a route goes to.
//! - `entities`: shots, sequences, episodes and assets (lists, create, get/update/delete) and
//!   asset types, with the names Zou joins into their answers; the shots or assets of a project
//!   with their tasks (`with-tasks`).
//! - `tasks`: the tasks of an entity or a project, one task in full, `create-tasks` and an
//!   entity's task creation, assigning and clearing assignations, a person's tasks, and the
//!   logged-in user's done tasks (`data/user/done-tasks`).
//! - `projects`: open projects, a project with Zou's extra keys, and a project's settings
//!   (adding task types, asset types and task statuses; its asset types).
//! - `casting`: the breakdown: an entity's casting (read, replace, cast one asset in several
//!   entities), the castings of a sequence's or a project's shots, of an asset type's assets,
//!   and where an asset is cast.
//! - `comments`: commenting on a task (which sets its status), listing its comments, and
//!   making a preview its entity's main preview.
//! - `persons`: an admin changing someone's password; the logged-in user's tasks to do.
//! - `file_revisions`: a task's working files (every revision, the last of each name, a new
//!   revision) and an entity's output files (a new revision, the next revision number).
//! - `imports`: rows from another Kitsu (`import/kitsu/…`), kept with their ids.
//! - `playlists`: a project's playlists (by page), an entity's previews by task type, adding an
//!   entity to a playlist (with its latest preview).
//!
//! The row builders [`insert_entity`] and [`insert_task`] are shared with the seeder.

use http::Method;

use crate::files;
use crate::store::{NON_ASSET_TYPES, model};

mod casting;
mod comments;
mod dispatch;
mod entities;
mod file_revisions;
mod imports;
mod persons;
mod playlists;
mod projects;
mod tasks;

pub(crate) use casting::seed_cast;
pub(crate) use dispatch::handle;
pub(crate) use entities::{NewEntity, insert_entity};
pub(crate) use tasks::insert_task;

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

    /// Whether `id` is an entity of this kind (a malformed id is none).
    fn has(self, db: &crate::store::Db, id: &str) -> bool {
        crate::reply::is_uuid(id)
            && db
                .get("entities", id)
                .is_some_and(|row| self.matches(db.entity_type_name(row)))
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
    ProjectPlaylists {
        project: String,
    },
    PlaylistEntityPreviews {
        entity: String,
    },
    PlaylistAddEntity {
        playlist: String,
    },
    ImportKitsu {
        import: imports::Import,
    },
    Root,
    Status,
    Login,
    Logout,
    Refresh,
    Authenticated,
    OpenProjects,
    /// The logged-in user's unfinished tasks (`data/user/tasks`).
    UserTasksToDo,
    UserTasksDone,
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
    ProjectSetting {
        project: String,
        setting: Setting,
    },
    ProjectAssetTypes {
        project: String,
    },
    ProjectList {
        project: String,
        relation: &'static str,
    },
    RemoveSetting {
        project: String,
        relation: &'static str,
        id: String,
    },
    Team {
        project: String,
    },
    TeamMember {
        project: String,
        person: String,
    },
    ShotAssets {
        shot: String,
        types: bool,
    },
    ProjectAssetTypeAssets {
        project: String,
        asset_type: String,
    },
    Project {
        id: String,
    },
    Children {
        parent: EntityKind,
        id: String,
        kind: EntityKind,
    },
    AllEntities {
        kind: EntityKind,
    },
    GenericEntity {
        id: String,
    },
    Casting {
        project: String,
        entity: String,
    },
    EntitiesCasting {
        project: String,
    },
    CastAsset {
        project: String,
        asset: String,
    },
    SequenceCasting {
        project: String,
        sequence: Option<String>,
        episode: Option<String>,
    },
    AssetTypeCasting {
        project: String,
        asset_type: String,
    },
    CastIn {
        asset: String,
    },
    EpisodesCasting {
        project: String,
    },
    ProjectEntityLinks {
        project: String,
    },
    ProjectEntityLink {
        project: String,
        link: String,
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
    EntitiesWithTasks {
        kind: EntityKind,
    },
    ProjectTasks {
        project: String,
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
    LastEvents,
    Comment {
        task: String,
    },
    TaskComments {
        task: String,
    },
    TaskFull {
        task: String,
    },
    Assign {
        person: String,
    },
    ClearAssignation,
    PersonTasks {
        person: String,
    },
    EntityCreateTasks {
        entity: String,
    },
    SetMainPreview {
        preview: String,
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
    TaskWorkingFiles {
        task: String,
    },
    TaskLastWorkingFiles {
        task: String,
    },
    NewWorkingFile {
        task: String,
    },
    NewOutputFile {
        entity: String,
    },
    NextOutputRevision {
        entity: String,
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

/// A project setting a list of ids is kept for (`data/projects/{id}/settings/<setting>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Setting {
    AssetTypes,
    TaskStatuses,
}

const GET: &[Method] = &[Method::GET];
const PUT: &[Method] = &[Method::PUT];
const DELETE: &[Method] = &[Method::DELETE];
const GET_PUT: &[Method] = &[Method::GET, Method::PUT];
const GET_DELETE: &[Method] = &[Method::GET, Method::DELETE];
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
        ["data", "projects", "open"] | ["data", "user", "projects", "open"] => {
            (Route::OpenProjects, GET)
        }
        ["data", "user", "tasks"] => (Route::UserTasksToDo, GET),
        ["data", "user", "done-tasks"] => (Route::UserTasksDone, GET),
        ["data", "projects", project, "playlists"] => (
            Route::ProjectPlaylists {
                project: owned(project),
            },
            GET,
        ),
        ["data", "playlists", "entities", entity, "preview-files"] => (
            Route::PlaylistEntityPreviews {
                entity: owned(entity),
            },
            GET,
        ),
        ["import", "kitsu", what] => (
            Route::ImportKitsu {
                import: imports::Import::from_segment(what)?,
            },
            POST,
        ),
        ["actions", "playlists", playlist, "add-entity"] => (
            Route::PlaylistAddEntity {
                playlist: owned(playlist),
            },
            POST,
        ),
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
        ["data", "projects", project, "settings", "asset-types"] => (
            Route::ProjectSetting {
                project: owned(project),
                setting: Setting::AssetTypes,
            },
            POST,
        ),
        ["data", "projects", project, "settings", "task-status"] => (
            Route::ProjectSetting {
                project: owned(project),
                setting: Setting::TaskStatuses,
            },
            GET_POST,
        ),
        ["data", "projects", project, "settings", setting, id] => (
            Route::RemoveSetting {
                project: owned(project),
                relation: match *setting {
                    "asset-types" => "asset_types",
                    "task-types" => "task_types",
                    "task-status" => "task_statuses",
                    _ => return None,
                },
                id: owned(id),
            },
            DELETE,
        ),
        ["data", "projects", project, "task-types"] => (
            Route::ProjectList {
                project: owned(project),
                relation: "task_types",
            },
            GET,
        ),
        ["data", "projects", project, "team"] => (
            Route::Team {
                project: owned(project),
            },
            GET_POST,
        ),
        ["data", "projects", project, "team", person] => (
            Route::TeamMember {
                project: owned(project),
                person: owned(person),
            },
            DELETE,
        ),
        [
            "data",
            "projects",
            project,
            "asset-types",
            asset_type,
            "assets",
        ] => (
            Route::ProjectAssetTypeAssets {
                project: owned(project),
                asset_type: owned(asset_type),
            },
            GET,
        ),
        ["data", "shots", shot, what @ ("assets" | "asset-types")] => (
            Route::ShotAssets {
                shot: owned(shot),
                types: *what == "asset-types",
            },
            GET,
        ),
        ["data", "projects", project, "asset-types"] => (
            Route::ProjectAssetTypes {
                project: owned(project),
            },
            GET,
        ),
        ["data", "projects", project, "entities", entity, "casting"] => (
            Route::Casting {
                project: owned(project),
                entity: owned(entity),
            },
            GET_PUT,
        ),
        ["data", "projects", project, "entities", "casting"] => (
            Route::EntitiesCasting {
                project: owned(project),
            },
            PUT,
        ),
        [
            "data",
            "projects",
            project,
            "entities",
            "casting",
            "assets",
            asset,
        ] => (
            Route::CastAsset {
                project: owned(project),
                asset: owned(asset),
            },
            PUT,
        ),
        [
            "data",
            "projects",
            project,
            "sequences",
            sequence,
            "casting",
        ] => (
            Route::SequenceCasting {
                project: owned(project),
                sequence: (*sequence != "all").then(|| owned(sequence)),
                episode: None,
            },
            GET,
        ),
        [
            "data",
            "projects",
            project,
            "episodes",
            episode,
            "sequences",
            "all",
            "casting",
        ] => (
            Route::SequenceCasting {
                project: owned(project),
                sequence: None,
                episode: Some(owned(episode)),
            },
            GET,
        ),
        [
            "data",
            "projects",
            project,
            "asset-types",
            asset_type,
            "casting",
        ] => (
            Route::AssetTypeCasting {
                project: owned(project),
                asset_type: owned(asset_type),
            },
            GET,
        ),
        ["data", "projects", project, "episodes", "casting"] => (
            Route::EpisodesCasting {
                project: owned(project),
            },
            GET,
        ),
        ["data", "projects", project, "entity-links"] => (
            Route::ProjectEntityLinks {
                project: owned(project),
            },
            GET,
        ),
        ["data", "projects", project, "entity-links", link] => (
            Route::ProjectEntityLink {
                project: owned(project),
                link: owned(link),
            },
            DELETE,
        ),
        ["data", "assets", asset, "cast-in"] => (
            Route::CastIn {
                asset: owned(asset),
            },
            GET,
        ),
        ["data", "projects", id] if !["open", "all"].contains(id) => {
            (Route::Project { id: owned(id) }, ITEM)
        }
        ["data", "entities", id] => (Route::GenericEntity { id: owned(id) }, ITEM),
        ["data", "entities", entity, "tasks"] => (
            Route::EntityCreateTasks {
                entity: owned(entity),
            },
            POST,
        ),
        ["data", plural @ ("shots" | "assets"), "all"] => (
            Route::AllEntities {
                kind: EntityKind::from_plural(plural)?,
            },
            GET,
        ),
        [
            "data",
            parent @ ("episodes" | "sequences"),
            id,
            plural @ ("sequences" | "shots"),
        ] if !(*parent == "sequences" && *plural == "sequences") => (
            Route::Children {
                parent: EntityKind::from_plural(parent)?,
                id: owned(id),
                kind: EntityKind::from_plural(plural)?,
            },
            GET,
        ),
        ["data", "projects", project, "tasks"] => (
            Route::ProjectTasks {
                project: owned(project),
            },
            GET,
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
        ["data", "events", "last"] => (Route::LastEvents, GET),
        ["data", "asset-types", id] => (Route::AssetType { id: owned(id) }, GET),
        ["data", plural] if EntityKind::from_plural(plural).is_some() => (
            Route::Entities {
                kind: EntityKind::from_plural(plural)?,
            },
            GET,
        ),
        ["data", plural @ ("shots" | "assets"), "with-tasks"] => (
            Route::EntitiesWithTasks {
                kind: EntityKind::from_plural(plural)?,
            },
            GET,
        ),
        ["data", plural, id] if EntityKind::from_plural(plural).is_some() => {
            let kind = EntityKind::from_plural(plural)?;
            // Zou updates a shot through its own route; the others only through
            // `data/entities/{id}`.
            let methods = if kind == EntityKind::Shot {
                ITEM
            } else {
                GET_DELETE
            };
            (
                Route::Entity {
                    kind,
                    id: owned(id),
                },
                methods,
            )
        }
        ["data", plural, id, "tasks"] if EntityKind::from_plural(plural).is_some() => (
            Route::EntityTasks {
                kind: EntityKind::from_plural(plural)?,
                id: owned(id),
            },
            GET,
        ),
        ["data", "tasks", task, "comments"] => (Route::TaskComments { task: owned(task) }, GET),
        ["data", "tasks", task, "full"] => (Route::TaskFull { task: owned(task) }, GET),
        ["data", "persons", person, "tasks"] => (
            Route::PersonTasks {
                person: owned(person),
            },
            GET,
        ),
        ["data", "tasks", task, "working-files"] => {
            (Route::TaskWorkingFiles { task: owned(task) }, GET)
        }
        ["data", "tasks", task, "working-files", "last-revisions"] => {
            (Route::TaskLastWorkingFiles { task: owned(task) }, GET)
        }
        ["data", "tasks", task, "working-files", "new"] => {
            (Route::NewWorkingFile { task: owned(task) }, POST)
        }
        ["data", "entities", entity, "output-files", "new"] => (
            Route::NewOutputFile {
                entity: owned(entity),
            },
            POST,
        ),
        ["data", "entities", entity, "output-files", "next-revision"] => (
            Route::NextOutputRevision {
                entity: owned(entity),
            },
            POST,
        ),
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
        ["actions", "tasks", "clear-assignation"] => (Route::ClearAssignation, PUT),
        ["actions", "persons", person, "assign"] => (
            Route::Assign {
                person: owned(person),
            },
            PUT,
        ),
        ["actions", "preview-files", preview, "set-main-preview"] => (
            Route::SetMainPreview {
                preview: owned(preview),
            },
            PUT,
        ),
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
