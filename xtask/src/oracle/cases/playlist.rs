//! The oracle's cases for gazu's `playlist` module.
//!
//! Extra world keys (per side): `playlist`, `playlist_name` (a playlist of shots),
//! `playlist_to_remove`, `playlist_task` (the shot's task, with a comment), `preview_file` (a
//! preview of that comment, no file uploaded).

use kitsu::Kitsu;
use kitsu::ids::{EpisodeId, PlaylistId, ProjectId, ShotId, TaskStatusId, TaskTypeId};
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project = kitsu.project(world.id::<ProjectId>("project")?);
    let playlist = project.new_playlist("PL01").await?;
    world.set("playlist", playlist.id);
    world.set("playlist_name", &playlist.name);
    let gone = project.new_playlist("PL_GONE").await?;
    world.set("playlist_to_remove", gone.id);
    // The shot's task of the world's type: another module's setup may have made it already.
    let shot = world.id::<ShotId>("shot")?;
    let task_type = world.id::<TaskTypeId>("task_type")?;
    let mut tasks = kitsu.tasks().for_entity_and_type(shot, task_type).await?;
    if tasks.is_empty() {
        tasks = project.create_shot_tasks(task_type).only([shot]).await?;
    }
    let task = tasks.first().ok_or("no task was made for the shot")?;
    let comment = kitsu
        .task(task.id)
        .comment(world.id::<TaskStatusId>("task_status")?, "for the playlist")
        .await?;
    world.set("playlist_task", task.id);
    let preview = kitsu.task(task.id).add_preview(comment.id).await?;
    world.set("preview_file", preview.id);
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "playlist.all_playlists",
            r#"gazu.playlist.all_playlists()"#,
            |k, w| {
                k.playlists().all().await?;
            }
        ),
        case!(
            "playlist.all_playlists_for_project",
            r#"gazu.playlist.all_playlists_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).playlists(1).await?;
            }
        ),
        case!(
            "playlist.all_playlists_for_episode",
            r#"gazu.playlist.all_playlists_for_episode(w["episode"])"#,
            |k, w| {
                k.playlists()
                    .for_episode(w.id::<EpisodeId>("episode")?)
                    .await?;
            }
        ),
        case!(
            "playlist.get_playlist",
            r#"gazu.playlist.get_playlist(w["playlist"])"#,
            |k, w| {
                k.playlist(w.id("playlist")?).get().await?;
            }
        ),
        case!(
            "playlist.get_playlist_by_name",
            r#"gazu.playlist.get_playlist_by_name(w["project"], w["playlist_name"])"#,
            |k, w| {
                k.playlists()
                    .by_name(w.id("project")?, w.get("playlist_name")?)
                    .await?
                    .ok_or("no playlist of that name")?;
            }
        ),
        case!(
            "playlist.new_playlist",
            r#"gazu.playlist.new_playlist(w["project"], "PL02", episode=w["episode"], for_client=True)"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_playlist("PL02")
                    .episode(w.id("episode")?)
                    .for_client(true)
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "playlist.update_playlist",
            r#"gazu.playlist.update_playlist({"id": w["playlist"], "for_client": True})"#,
            |k, w| {
                k.playlist(w.id("playlist")?)
                    .update(&json!({"for_client": true}))
                    .await?;
            }
        ),
        case!(
            "playlist.get_entity_preview_files",
            r#"gazu.playlist.get_entity_preview_files(w["shot"])"#,
            |k, w| {
                k.playlists()
                    .entity_previews(w.id::<ShotId>("shot")?)
                    .await?;
            }
        ),
        case!(
            "playlist.add_entity_to_playlist",
            r#"gazu.playlist.add_entity_to_playlist({"id": w["playlist"]}, w["shot"])"#,
            |k, w| {
                k.playlist(w.id("playlist")?)
                    .add_entity(w.id::<ShotId>("shot")?)
                    .await?;
            }
        ),
        case!(
            "playlist.update_entity_preview",
            r#"gazu.playlist.update_entity_preview(gazu.playlist.get_playlist(w["playlist"]), w["shot"], w["preview_file"])"#,
            |k, w| {
                k.playlist(w.id("playlist")?)
                    .set_entity_preview(w.id::<ShotId>("shot")?, w.id("preview_file")?)
                    .await?;
            }
        ),
        case!(
            "playlist.all_shots_for_playlist",
            r#"gazu.playlist.all_shots_for_playlist(w["playlist"])"#,
            |k, w| {
                k.playlist(w.id("playlist")?).entries().await?;
            }
        ),
        case!(
            "playlist.remove_entity_from_playlist",
            r#"gazu.playlist.remove_entity_from_playlist(gazu.playlist.get_playlist(w["playlist"]), w["shot"])"#,
            |k, w| {
                k.playlist(w.id("playlist")?)
                    .remove_entity(w.id::<ShotId>("shot")?)
                    .await?;
            }
        ),
        case!(
            "playlist.build_playlist_movie",
            r#"gazu.playlist.build_playlist_movie(w["playlist"])"#,
            |k, w| {
                k.playlist(w.id("playlist")?).build_movie().await?;
            }
        ),
        case!(
            "playlist.all_build_jobs_for_project",
            r#"gazu.playlist.all_build_jobs_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).build_jobs().await?;
            }
        ),
        case!(
            "playlist.get_build_job",
            r#"gazu.playlist.get_build_job(w["playlist"], gazu.playlist.all_build_jobs_for_project(w["project"])[0])"#,
            |k, w| {
                let jobs = k.project(w.id("project")?).build_jobs().await?;
                let job = jobs.first().ok_or("no build job")?;
                k.playlist(w.id("playlist")?).build_job(job.id).await?;
            }
        ),
        case!(
            "playlist.download_playlist_build",
            r#"gazu.playlist.download_playlist_build(w["playlist"], gazu.playlist.all_build_jobs_for_project(w["project"])[0], "/tmp/oracle-build-gazu.mp4")"#,
            |k, w| {
                let jobs = k.project(w.id("project")?).build_jobs().await?;
                let job = jobs.first().ok_or("no build job")?;
                k.playlist(w.id("playlist")?)
                    .download_build(job.id, "/tmp/oracle-build-rust.mp4")
                    .await?;
            }
        ),
        case!(
            "playlist.remove_build_job",
            r#"gazu.playlist.remove_build_job(w["playlist"], gazu.playlist.all_build_jobs_for_project(w["project"])[0])"#,
            |k, w| {
                let jobs = k.project(w.id("project")?).build_jobs().await?;
                let job = jobs.first().ok_or("no build job")?;
                k.playlist(w.id("playlist")?)
                    .remove_build_job(job.id)
                    .await?;
            }
        ),
        case!(
            "playlist.download_playlist_zip",
            r#"gazu.playlist.download_playlist_zip(w["playlist"], "/tmp/oracle-playlist-gazu.zip")"#,
            |k, w| {
                k.playlist(w.id("playlist")?)
                    .download_zip("/tmp/oracle-playlist-rust.zip")
                    .await?;
            }
        ),
        case!(
            "playlist.generate_temp_playlist",
            r#"gazu.playlist.generate_temp_playlist(w["project"], {"entity_ids": [w["shot"]]})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .temp_playlist(&json!({"entity_ids": [w.get("shot")?]}))
                    .await?;
            }
        ),
        case!(
            "playlist.notify_clients_playlist_ready",
            r#"gazu.playlist.notify_clients_playlist_ready(w["playlist"])"#,
            |k, w| {
                k.playlist(w.id("playlist")?).notify_clients().await?;
            }
        ),
        case!(
            "playlist.new_share_link",
            r#"gazu.playlist.new_share_link(w["playlist"], can_comment=False)"#,
            |k, w| {
                k.playlist(w.id("playlist")?)
                    .share()
                    .can_comment(false)
                    .await?;
            }
        ),
        case!(
            "playlist.all_share_links_for_playlist",
            r#"gazu.playlist.all_share_links_for_playlist(w["playlist"])"#,
            |k, w| {
                k.playlist(w.id("playlist")?).share_links().await?;
            }
        ),
        case!(
            "playlist.remove_share_link",
            r#"gazu.playlist.remove_share_link(w["playlist"], gazu.playlist.all_share_links_for_playlist(w["playlist"])[0]["token"])"#,
            |k, w| {
                let playlist = k.playlist(w.id("playlist")?);
                let links = playlist.share_links().await?;
                let link = links.first().ok_or("no share link")?;
                playlist.revoke_share_link(&link.token).await?;
            }
        ),
        case!(
            "playlist.delete_playlist",
            r#"gazu.playlist.delete_playlist(w["playlist_to_remove"])"#,
            |k, w| {
                k.playlist(w.id::<PlaylistId>("playlist_to_remove")?)
                    .delete()
                    .await?;
            }
        ),
    ]
}
