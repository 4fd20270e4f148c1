//! Dispatch: answers the public routes, checks the token, and hands every other [`Route`] to
//! its handler (generic collections to [`crate::crud`], files to [`crate::files`]).

use http::Method;
use serde_json::json;

use super::{
    EntityKind, Route, casting, comments, entities, file_revisions, imports, persons, playlists,
    projects, tasks,
};
use crate::auth::{self, Kind};
use crate::crud;
use crate::events::EventHub;
use crate::files::{self, Upload};
use crate::reply::{Reply, Req, try_reply};
use crate::store::model;
use crate::world::World;

/// Handles a request to a resolved route (the method already checked).
pub(crate) fn handle(
    world: &mut World,
    events: &EventHub,
    route: Route,
    req: &Req,
    upload: Option<Upload>,
) -> Reply {
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
        Route::OpenProjects => projects::open_projects(world, &identity),
        Route::UserTasksToDo => persons::user_tasks_to_do(world, &identity),
        Route::UserTasksDone => tasks::user_tasks_done(world, &identity),
        Route::ProjectEntities { project, kind } if req.method == Method::GET => {
            entities::project_entities(world, &project, kind)
        }
        Route::ProjectEntities { project, kind } => {
            entities::create_entity(world, &project, kind, None, req, &identity)
        }
        Route::NewAsset {
            project,
            asset_type,
        } => entities::create_entity(
            world,
            &project,
            EntityKind::Asset,
            Some(&asset_type),
            req,
            &identity,
        ),
        Route::ProjectTaskTypes { project } => {
            projects::add_task_type(world, &project, req, &identity)
        }
        Route::Entities { kind } | Route::AllEntities { kind } => {
            entities::entities_query(world, kind, req)
        }
        Route::Children { parent, id, kind } => entities::children(world, parent, &id, kind),
        Route::GenericEntity { id } => entities::generic_entity(world, &id, req, &identity),
        Route::Project { id } => projects::project_item(world, &id, req, &identity),
        Route::ProjectSetting { project, .. } if req.method == Method::GET => {
            projects::project_list(world, &project, "task_statuses")
        }
        Route::ProjectList { project, relation } => {
            projects::project_list(world, &project, relation)
        }
        Route::RemoveSetting {
            project,
            relation,
            id,
        } => projects::remove_from_list(world, &project, relation, &id, &identity),
        Route::Team { project } if req.method == Method::GET => {
            projects::project_list(world, &project, "team")
        }
        Route::Team { project } => projects::add_team_member(world, &project, req, &identity),
        Route::TeamMember { project, person } => {
            projects::remove_from_list(world, &project, "team", &person, &identity)
        }
        Route::ShotAssets { shot, types } => casting::shot_assets(world, &shot, types),
        Route::ProjectAssetTypeAssets {
            project,
            asset_type,
        } => entities::project_entities_of_type(world, &project, &asset_type),
        Route::ProjectSetting { project, setting } => {
            projects::add_setting(world, &project, setting, req, &identity)
        }
        Route::ProjectAssetTypes { project } => projects::project_asset_types(world, &project),
        Route::Casting { project, entity } if req.method == Method::GET => {
            casting::get_casting(world, &project, &entity)
        }
        Route::Casting { project, entity } => {
            casting::put_casting(world, &project, &entity, req, &identity)
        }
        Route::EntitiesCasting { project } => {
            casting::put_castings(world, &project, req, &identity)
        }
        Route::CastAsset { project, asset } => {
            casting::cast_asset_in(world, &project, &asset, req, &identity)
        }
        Route::SequenceCasting {
            project,
            sequence,
            episode,
        } => casting::sequence_casting(world, &project, sequence.as_deref(), episode.as_deref()),
        Route::AssetTypeCasting {
            project,
            asset_type,
        } => casting::asset_type_casting(world, &project, &asset_type),
        Route::CastIn { asset } => casting::cast_in(world, &asset),
        Route::EpisodesCasting { project } => casting::episodes_casting(world, &project),
        Route::ProjectEntityLinks { project } => {
            casting::project_links(world, &project, req, &identity)
        }
        Route::ProjectEntityLink { project, link } => {
            casting::remove_link(world, &project, &link, &identity)
        }
        Route::Entity { kind, id } => entities::entity_item(world, kind, &id, req, &identity),
        Route::EntityTasks { kind, id } => tasks::entity_tasks(world, kind, &id),
        Route::EntitiesWithTasks { kind } => entities::with_tasks(world, kind, req, &identity),
        Route::ProjectTasks { project } => tasks::project_tasks(world, &project, req, &identity),
        Route::AssetTypes => entities::asset_type_list(world, req),
        Route::AssetType { id } => entities::asset_type(world, &id),
        Route::Collection { model: name } => {
            let Some(model) = model(name) else {
                return Reply::not_found();
            };
            if req.method == Method::POST && model.route == "projects" {
                projects::create_project(world, req, &identity)
            } else if req.method == Method::POST {
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
        } => tasks::create_tasks(world, &project, &task_type, kind, req, &identity),
        Route::Comment { task } => comments::comment(world, &task, req, &identity),
        Route::ChangePassword { person } => {
            persons::change_password(world, &person, req, &identity)
        }
        Route::TaskComments { task } => comments::task_comments(world, &task),
        Route::TaskFull { task } => tasks::task_full(world, &task),
        Route::PersonTasks { person } => tasks::person_tasks(world, &person),
        Route::Assign { person } => tasks::assign(world, &person, req, &identity),
        Route::ClearAssignation => tasks::clear_assignation(world, req, &identity),
        Route::EntityCreateTasks { entity } => {
            tasks::create_entity_tasks(world, &entity, req, &identity)
        }
        Route::SetMainPreview { preview } => comments::set_main_preview(world, &preview),
        Route::AddPreview { task, comment } => {
            files::add_preview(world, &task, &comment, &identity)
        }
        Route::UploadPreview { preview } => files::upload_preview(world, &preview, upload),
        Route::UploadProjectThumbnail { project } => {
            files::upload_project_thumbnail(world, &project, upload, &identity)
        }
        Route::Download { path } => files::download(world, &path, req),
        Route::TaskWorkingFiles { task } => file_revisions::task_working_files(world, &task),
        Route::TaskLastWorkingFiles { task } => {
            file_revisions::task_last_working_files(world, &task)
        }
        Route::NewWorkingFile { task } => {
            file_revisions::new_working_file(world, &task, req, &identity)
        }
        Route::NewOutputFile { entity } => {
            file_revisions::new_output_file(world, &entity, req, &identity)
        }
        Route::NextOutputRevision { entity } => {
            file_revisions::next_output_revision(world, &entity, req)
        }
        Route::LastEvents => crate::events::last_events(events, req, &identity),
        Route::ProjectPlaylists { project } => playlists::project_playlists(world, &project, req),
        Route::PlaylistEntityPreviews { entity } => playlists::entity_previews(world, &entity),
        Route::ImportKitsu { import } => imports::import(world, import, req, &identity),
        Route::PlaylistAddEntity { playlist } => {
            playlists::add_entity(world, &playlist, req, &identity)
        }
        Route::Root | Route::Status | Route::Login | Route::Refresh => Reply::not_found(),
    }
}
