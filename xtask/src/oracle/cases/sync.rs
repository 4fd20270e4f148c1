//! The oracle's cases for gazu's `sync` module.
//!
//! gazu's pushes take a source and a target client: both sides pass their one client twice and
//! push the world's project onto itself (Zou's import routes update the rows whose ids exist),
//! so the wire is that of a real push without a second Zou. Uses `playlist_task` (a task of the
//! shot, with a comment) from the playlist cases' setup.

use kitsu::Kitsu;
use kitsu::ids::{ProjectId, TaskId};
use kitsu::{Query, handles::sync, routes};
use serde_json::{Value, json};

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side.
pub async fn setup(_kitsu: &Kitsu, _world: &mut World) -> Result<(), BoxError> {
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "sync.get_last_events",
            r#"gazu.sync.get_last_events(limit=50, project=w["project"], name="shot:new")"#,
            |k, w| {
                k.last_events()
                    .limit(50)
                    .project(w.id("project")?)
                    .name("shot:new")
                    .await?;
            }
        ),
        case!(
            "sync.import_entities",
            r#"gazu.sync.import_entities(gazu.shot.all_shots_for_project(w["project"]))"#,
            |k, w| {
                let shots: Vec<Value> = k
                    .fetch_all(routes::project_shots(w.id::<ProjectId>("project")?))
                    .await?;
                k.import_entities(&shots).await?;
            }
        ),
        case!(
            "sync.import_tasks",
            r#"gazu.sync.import_tasks(gazu.client.fetch_all("tasks", {"project_id": w["project"]}))"#,
            |k, w| {
                let tasks: Vec<Value> = k
                    .fetch_all_with(
                        routes::collection("tasks"),
                        &Query::new().param("project_id", w.get("project")?),
                    )
                    .await?;
                k.import_tasks(&tasks).await?;
            }
        ),
        case!(
            "sync.import_entity_links",
            r#"gazu.sync.import_entity_links(gazu.casting.all_entity_links_for_project(w["project"]))"#,
            |k, w| {
                let links: Vec<Value> = k
                    .fetch_all(routes::project_entity_links(w.id::<ProjectId>("project")?))
                    .await?;
                k.import_entity_links(&links).await?;
            }
        ),
        case!(
            "sync.get_model_list_diff",
            r#"gazu.sync.get_model_list_diff([{"id": "a"}, {"id": "b"}], [{"id": "b"}])"#,
            |k, w| {
                let _ = &k; // no request: the Rust function is pure
                sync::model_list_diff(
                    &[json!({"id": "a"}), json!({"id": "b"})],
                    &[json!({"id": "b"})],
                    "id",
                );
            }
        ),
        case!(
            "sync.get_link_list_diff",
            r#"gazu.sync.get_link_list_diff([{"entity_in_id": "a", "entity_out_id": "b"}], [])"#,
            |k, w| {
                let _ = &k; // no request: the Rust function is pure
                sync::link_list_diff(&[json!({"entity_in_id": "a", "entity_out_id": "b"})], &[]);
            }
        ),
        case!(
            "sync.get_id_map_by_name",
            r#"gazu.sync.get_id_map_by_name([{"id": w["shot"], "name": "SH010"}], [{"id": w["shot"], "name": "sh010"}])"#,
            |k, w| {
                let _ = &k; // no request: the Rust function is pure
                let row = json!({"id": w.get("shot")?, "name": "SH010"});
                sync::id_map_by_name(std::slice::from_ref(&row), std::slice::from_ref(&row));
            }
        ),
        case!(
            "sync.get_id_map_by_id",
            r#"gazu.sync.get_id_map_by_id([{"id": w["shot"], "name": "SH010"}], [{"id": w["shot"], "name": "sh010"}])"#,
            |k, w| {
                let _ = &k; // no request: the Rust function is pure
                let row = json!({"id": w.get("shot")?, "name": "SH010"});
                sync::id_map_by_id(
                    std::slice::from_ref(&row),
                    std::slice::from_ref(&row),
                    "name",
                );
            }
        ),
        case!(
            "sync.is_changed",
            r#"gazu.sync.is_changed({"updated_at": "2026-01-02T00:00:00"}, {"updated_at": "2026-01-01T00:00:00"})"#,
            |k, w| {
                let _ = &k; // no request: the Rust function is pure
                sync::is_changed(
                    &json!({"updated_at": "2026-01-02T00:00:00"}),
                    &json!({"updated_at": "2026-01-01T00:00:00"}),
                );
            }
        ),
        case!(
            "sync.convert_id_list",
            r#"gazu.sync.convert_id_list([w["shot"]], {w["shot"]: w["sequence"]})"#,
            |k, w| {
                let _ = &k; // no request: the Rust function is pure
                let shot = w.id::<kitsu::ids::ShotId>("shot")?.uuid();
                let sequence = w.id::<kitsu::ids::SequenceId>("sequence")?.uuid();
                sync::convert_id_list(&[shot], &[(shot, sequence)].into_iter().collect())?;
            }
        ),
        case!(
            "sync.get_sync_department_id_map",
            r#"gazu.sync.get_sync_department_id_map(gazu.client.default_client, gazu.client.default_client)"#,
            |k, w| {
                k.sync_to(&k).department_id_map().await?;
            }
        ),
        case!(
            "sync.get_sync_asset_type_id_map",
            r#"gazu.sync.get_sync_asset_type_id_map(gazu.client.default_client, gazu.client.default_client)"#,
            |k, w| {
                k.sync_to(&k).asset_type_id_map().await?;
            }
        ),
        case!(
            "sync.get_sync_project_id_map",
            r#"gazu.sync.get_sync_project_id_map(gazu.client.default_client, gazu.client.default_client)"#,
            |k, w| {
                k.sync_to(&k).project_id_map().await?;
            }
        ),
        case!(
            "sync.get_sync_task_type_id_map",
            r#"gazu.sync.get_sync_task_type_id_map(gazu.client.default_client, gazu.client.default_client)"#,
            |k, w| {
                k.sync_to(&k).task_type_id_map().await?;
            }
        ),
        case!(
            "sync.get_sync_task_status_id_map",
            r#"gazu.sync.get_sync_task_status_id_map(gazu.client.default_client, gazu.client.default_client)"#,
            |k, w| {
                k.sync_to(&k).task_status_id_map().await?;
            }
        ),
        case!(
            "sync.get_sync_person_id_map",
            r#"gazu.sync.get_sync_person_id_map(gazu.client.default_client, gazu.client.default_client)"#,
            |k, w| {
                k.sync_to(&k).person_id_map().await?;
            }
        ),
        case!(
            "sync.push_assets",
            r#"c = gazu.client.default_client; gazu.sync.push_assets({"id": w["project"]}, {"id": w["project"]}, c, c)"#,
            |k, w| {
                let project = w.id("project")?;
                k.sync_to(&k).push_assets(project, project).await?;
            }
        ),
        case!(
            "sync.push_episodes",
            r#"c = gazu.client.default_client; gazu.sync.push_episodes({"id": w["project"]}, {"id": w["project"]}, c, c)"#,
            |k, w| {
                let project = w.id("project")?;
                k.sync_to(&k).push_episodes(project, project).await?;
            }
        ),
        case!(
            "sync.push_sequences",
            r#"c = gazu.client.default_client; gazu.sync.push_sequences({"id": w["project"]}, {"id": w["project"]}, c, c)"#,
            |k, w| {
                let project = w.id("project")?;
                k.sync_to(&k).push_sequences(project, project).await?;
            }
        ),
        case!(
            "sync.push_shots",
            r#"c = gazu.client.default_client; gazu.sync.push_shots({"id": w["project"]}, {"id": w["project"]}, c, c)"#,
            |k, w| {
                let project = w.id("project")?;
                k.sync_to(&k).push_shots(project, project).await?;
            }
        ),
        case!(
            "sync.push_entity_links",
            r#"c = gazu.client.default_client; gazu.sync.push_entity_links({"id": w["project"]}, {"id": w["project"]}, c, c)"#,
            |k, w| {
                k.sync_to(&k).push_entity_links(w.id("project")?).await?;
            }
        ),
        case!(
            "sync.push_project_entities",
            r#"c = gazu.client.default_client; gazu.sync.push_project_entities(gazu.project.get_project(w["project"]), {"id": w["project"]}, c, c)"#,
            |k, w| {
                let project = k.project(w.id("project")?).get().await?;
                k.sync_to(&k)
                    .push_project_entities(&project, project.id)
                    .await?;
            }
        ),
        case!(
            "sync.push_tasks",
            r#"c = gazu.client.default_client; gazu.sync.push_tasks({"id": w["project"]}, {"id": w["project"]}, w["task_status"], c, c)"#,
            |k, w| {
                let project = w.id("project")?;
                k.sync_to(&k)
                    .push_tasks(project, project, w.id("task_status")?)
                    .await?;
            }
        ),
        case!(
            "sync.push_task_comment",
            r#"c = gazu.client.default_client; gazu.sync.push_task_comment(gazu.sync.get_sync_task_status_id_map(c, c), gazu.sync.get_sync_person_id_map(c, c), w["playlist_task"], gazu.task.all_comments_for_task(w["playlist_task"])[0], c, c)"#,
            |k, w| {
                let push = k.sync_to(&k);
                let statuses = push.task_status_id_map().await?;
                let persons = push.person_id_map().await?;
                let task = w.id::<TaskId>("playlist_task")?;
                let comments: Vec<Value> = k.fetch_all(routes::task_comments(task)).await?;
                let comment = comments.into_iter().next().ok_or("no comment")?;
                push.push_task_comment(&statuses, &persons, task, comment)
                    .await?;
            }
        ),
        case!(
            "sync.push_task_comments",
            r#"c = gazu.client.default_client; gazu.sync.push_task_comments(gazu.sync.get_sync_task_status_id_map(c, c), gazu.sync.get_sync_person_id_map(c, c), w["playlist_task"], c, c)"#,
            |k, w| {
                let push = k.sync_to(&k);
                let statuses = push.task_status_id_map().await?;
                let persons = push.person_id_map().await?;
                push.push_task_comments(&statuses, &persons, w.id("playlist_task")?)
                    .await?;
            }
        ),
        case!(
            "sync.push_tasks_comments",
            r#"c = gazu.client.default_client; gazu.sync.push_tasks_comments({"id": w["project"]}, c, c)"#,
            |k, w| {
                k.sync_to(&k).push_tasks_comments(w.id("project")?).await?;
            }
        ),
    ]
}
