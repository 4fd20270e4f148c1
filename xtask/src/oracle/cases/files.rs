//! The oracle's cases for gazu's `files` module.

use std::path::PathBuf;
use std::process::Command;

use kitsu::Kitsu;
use kitsu::handles::{AnnotationChanges, OutputFileFilter};
use kitsu::ids::{AssetId, PersonId, ProjectId, ShotId, TaskId, TaskStatusId, TaskTypeId};
use kitsu::{Upload, routes};
use serde_json::{Value, json};

use crate::oracle::case::{BoxError, Case, World, case};

/// A file tree (Zou's `simple.json`, working and output parts) for the path routes.
const FILE_TREE: &str = r#"{"working": {"mountpoint": "/simple", "root": "productions", "folder_path": {"shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>/<Software>", "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>/<Software>", "style": "lowercase"}, "file_name": {"shot": "<Project>_<Sequence>_<Shot>_<TaskType>_<Name>_v<Version>", "asset": "<Project>_<AssetType>_<Asset>_<TaskType>_<Name>_v<Version>", "style": "lowercase"}}, "output": {"mountpoint": "/simple", "root": "productions/export", "folder_path": {"shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>/<OutputType>", "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>/<OutputType>", "instance_asset": "<Project>/assets/<TemporalEntityType>/<TemporalEntity>/<TaskType>/<OutputType>/<AssetType>/<Asset>/instance_<Instance.number>/<Representation>", "instance": "<Project>/<TemporalEntityType>/<Sequence>/<TemporalEntity>/<TaskType>/<OutputType>/<AssetType>/<Asset>/instance_<Instance.number>/<Representation>", "style": "lowercase"}, "file_name": {"shot": "<Project>_<Sequence>_<Shot>_<TaskType>_<OutputType>_<Name>_v<Version>", "asset": "<Project>_<AssetType>_<Asset>_<TaskType>_<OutputType>_<Name>_v<Version>", "instance_asset": "<Project>_<TemporalEntityType>_<TemporalEntity>_<TaskType>_<OutputType>_<Name>_<Instance.name>_v<Version>", "instance": "<Project>_<Sequence>_<TemporalEntity>_<TaskType>_<OutputType>_<Name>_<Instance.name>_v<Version>", "style": "lowercase"}}}"#;

fn ffmpeg(args: &[&str], output: &PathBuf) -> Result<(), BoxError> {
    let status = Command::new("ffmpeg")
        .args(["-y", "-loglevel", "error"])
        .args(args)
        .arg(output)
        .status()?;
    if !status.success() {
        return Err(format!("ffmpeg could not make {}", output.display()).into());
    }
    Ok(())
}

/// Rows this module's cases need beyond the common world, made for each side: a task of the
/// shot, the project's file tree, a software, an output type, a file status, a working file,
/// an output file, an asset instance, a picture and a movie preview, an attachment.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let directory = std::env::temp_dir().join(world.unique("kitsu-oracle-files"));
    std::fs::create_dir_all(&directory)?;
    world.set("files_dir", directory.display());
    let png = directory.join("picture.png");
    ffmpeg(
        &["-f", "lavfi", "-i", "color=c=red:s=64x48", "-frames:v", "1"],
        &png,
    )?;
    world.set("files_png", png.display());
    let movie = directory.join("movie.mp4");
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=1:size=64x48:rate=24",
            "-f",
            "lavfi",
            "-i",
            "sine=duration=1",
            "-c:a",
            "aac",
            "-shortest",
            "-pix_fmt",
            "yuv420p",
        ],
        &movie,
    )?;
    world.set("files_movie", movie.display());
    world.set("files_tree", FILE_TREE);

    let project: ProjectId = world.id("project")?;
    let shot: ShotId = world.id("shot")?;
    let task_type: TaskTypeId = world.id("task_type")?;
    let status: TaskStatusId = world.id("task_status")?;
    let tree: Value = serde_json::from_str(FILE_TREE)?;
    kitsu.project(project).set_file_tree(&tree).await?;
    kitsu
        .project(project)
        .create_shot_tasks(task_type)
        .only([shot])
        .await?;
    let task = kitsu
        .shot(shot)
        .tasks()
        .await?
        .into_iter()
        .find(|task| task.task_type_id == Some(task_type))
        .ok_or("the shot has no task of the world's task type")?;
    world.set("files_task", task.id);
    let blender = kitsu
        .softwares()
        .ensure("Blender", "blender", ".blend", None)
        .await?;
    world.set("files_software", blender.id);
    world.set("files_software_name", "Blender");
    world.set("files_new_software", world.unique("Soft"));
    let output_type = kitsu
        .output_types()
        .ensure(&world.unique("Cache"), "cache")
        .await?;
    world.set("files_output_type", output_type.id);
    world.set("files_output_type_name", &output_type.name);
    world.set("files_new_output_type", world.unique("Render"));
    let file_status = kitsu
        .file_statuses()
        .ensure(&world.unique("Approved"), "#22aa22")
        .await?;
    world.set("files_file_status", file_status.id);
    world.set("files_file_status_name", &file_status.name);
    world.set("files_new_file_status", world.unique("Review"));
    let working = kitsu
        .task(task.id)
        .new_working_file()
        .name("setup")
        .software(blender.id)
        .await?;
    world.set("files_working_file", working.id);
    let output = kitsu
        .entity(shot)
        .new_output_file(output_type.id, task_type, "setup")
        .name("setup")
        .working_file(working.id)
        .await?;
    world.set("files_output_file", output.id);
    world.set(
        "files_output_file_path",
        output.path.as_deref().unwrap_or_default(),
    );
    let asset: AssetId = world.id("asset")?;
    let instance = kitsu.asset(asset).new_asset_instance(asset).await?;
    world.set("files_asset_instance", instance.id);
    kitsu.project(project).upload_thumbnail(&png).await?;
    let organisation = kitsu
        .organisations()
        .current()
        .await?
        .ok_or("Zou has no organisation")?;
    world.set("files_organisation", organisation.id);

    let comment = kitsu.task(task.id).comment(status, "pictures").await?;
    let picture = kitsu.task(task.id).add_preview(comment.id).await?;
    kitsu.preview_file(picture.id).upload(&png).await?;
    world.set("files_preview", picture.id);
    let gone = kitsu.task(task.id).add_preview(comment.id).await?;
    world.set("files_preview_to_remove", gone.id);
    let comment = kitsu.task(task.id).comment(status, "movie").await?;
    let film = kitsu.task(task.id).add_preview(comment.id).await?;
    let film = kitsu.preview_file(film.id).upload(&movie).await?;
    if film.status.as_deref() != Some("ready") {
        return Err(format!("Zou could not process the movie: {:?}", film.status).into());
    }
    world.set("files_movie_preview", film.id);
    kitsu
        .upload(
            routes::task_comment(task.id),
            Upload::file(&png)
                .field("task_status_id", status.to_string())
                .field("comment", "attached"),
        )
        .await?;
    let attachment = kitsu
        .task(task.id)
        .attachment_files()
        .await?
        .into_iter()
        .next()
        .ok_or("the comment has no attachment")?;
    world.set("files_attachment", attachment.id);
    Ok(())
}

fn out(w: &World, name: &str) -> Result<PathBuf, BoxError> {
    Ok(PathBuf::from(w.get("files_dir")?).join(name))
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        // ---- softwares, output types, file statuses ----
        case!(
            "files.all_softwares",
            r#"gazu.files.all_softwares()"#,
            |k, w| {
                k.softwares().list().await?;
            }
        ),
        case!(
            "files.get_software",
            r#"gazu.files.get_software(w["files_software"])"#,
            |k, w| {
                k.softwares().get(w.id("files_software")?).await?;
            }
        ),
        case!(
            "files.get_software_by_name",
            r#"gazu.files.get_software_by_name(w["files_software_name"])"#,
            |k, w| {
                k.softwares().by_name(w.get("files_software_name")?).await?;
            }
        ),
        case!(
            "files.new_software",
            r#"gazu.files.new_software(w["files_new_software"], "soft", ".soft")"#,
            |k, w| {
                k.softwares()
                    .ensure(w.get("files_new_software")?, "soft", ".soft", None)
                    .await?;
            }
        ),
        case!(
            "files.update_software",
            r#"gazu.files.update_software({"id": w["files_software"], "secondary_extensions": ["blend1"]})"#,
            |k, w| {
                k.softwares()
                    .update(
                        w.id("files_software")?,
                        &json!({ "id": w.get("files_software")?, "secondary_extensions": ["blend1"] }),
                    )
                    .await?;
            }
        ),
        case!(
            "files.all_output_types",
            r#"gazu.files.all_output_types()"#,
            |k, w| {
                k.output_types().list().await?;
            }
        ),
        case!(
            "files.get_output_type",
            r#"gazu.files.get_output_type(w["files_output_type"])"#,
            |k, w| {
                k.output_types().get(w.id("files_output_type")?).await?;
            }
        ),
        case!(
            "files.get_output_type_by_name",
            r#"gazu.files.get_output_type_by_name(w["files_output_type_name"])"#,
            |k, w| {
                k.output_types()
                    .by_name(w.get("files_output_type_name")?)
                    .await?;
            }
        ),
        case!(
            "files.new_output_type",
            r#"gazu.files.new_output_type(w["files_new_output_type"], "render")"#,
            |k, w| {
                k.output_types()
                    .ensure(w.get("files_new_output_type")?, "render")
                    .await?;
            }
        ),
        case!(
            "files.get_file_status",
            r#"gazu.files.get_file_status(w["files_file_status"])"#,
            |k, w| {
                k.file_statuses().get(w.id("files_file_status")?).await?;
            }
        ),
        case!(
            "files.get_file_status_by_name",
            r#"gazu.files.get_file_status_by_name(w["files_file_status_name"])"#,
            |k, w| {
                k.file_statuses()
                    .by_name(w.get("files_file_status_name")?)
                    .await?;
            }
        ),
        case!(
            "files.new_file_status",
            r##"gazu.files.new_file_status(w["files_new_file_status"], "#3366ff")"##,
            |k, w| {
                k.file_statuses()
                    .ensure(w.get("files_new_file_status")?, "#3366ff")
                    .await?;
            }
        ),
        // ---- the project's file tree and paths ----
        case!(
            "files.update_project_file_tree",
            r#"gazu.files.update_project_file_tree(w["project"], __import__("json").loads(w["files_tree"]))"#,
            |k, w| {
                let tree: Value = serde_json::from_str(w.get("files_tree")?)?;
                k.project(w.id("project")?).set_file_tree(&tree).await?;
            }
        ),
        case!(
            "files.build_working_file_path",
            r#"gazu.files.build_working_file_path(w["files_task"], software=w["files_software"])"#,
            |k, w| {
                k.task(w.id("files_task")?)
                    .working_file_path()
                    .software(w.id("files_software")?)
                    .await?;
            }
        ),
        case!(
            "files.build_entity_output_file_path",
            r#"gazu.files.build_entity_output_file_path(w["shot"], w["files_output_type"], w["task_type"])"#,
            |k, w| {
                k.entity(w.id::<ShotId>("shot")?)
                    .output_file_path(w.id("files_output_type")?, w.id("task_type")?)
                    .await?;
            }
        ),
        case!(
            "files.build_asset_instance_output_file_path",
            r#"gazu.files.build_asset_instance_output_file_path(w["files_asset_instance"], w["shot"], w["files_output_type"], w["task_type"])"#,
            |k, w| {
                k.asset_instance_files(w.id("files_asset_instance")?, w.id::<ShotId>("shot")?)
                    .output_file_path(w.id("files_output_type")?, w.id("task_type")?)
                    .await?;
            }
        ),
        // ---- working files ----
        case!(
            "files.new_working_file",
            r#"gazu.files.new_working_file(w["files_task"], software=w["files_software"], comment="first")"#,
            |k, w| {
                k.task(w.id("files_task")?)
                    .new_working_file()
                    .comment("first")
                    .software(w.id("files_software")?)
                    .await?;
            }
        ),
        case!(
            "files.get_working_files_for_task",
            r#"gazu.files.get_working_files_for_task(w["files_task"])"#,
            |k, w| {
                k.task(w.id("files_task")?).working_files().await?;
            }
        ),
        case!(
            "files.get_last_working_files",
            r#"gazu.files.get_last_working_files(w["files_task"])"#,
            |k, w| {
                k.task(w.id("files_task")?).last_working_files().await?;
            }
        ),
        case!(
            "files.get_last_working_file_revision",
            r#"gazu.files.get_last_working_file_revision(w["files_task"])"#,
            |k, w| {
                k.task(w.id("files_task")?)
                    .last_working_file("main")
                    .await?;
            }
        ),
        case!(
            "files.get_all_working_files_for_entity",
            r#"gazu.files.get_all_working_files_for_entity(w["shot"], task=w["files_task"], name="main")"#,
            |k, w| {
                k.entity(w.id::<ShotId>("shot")?)
                    .working_files(Some(w.id::<TaskId>("files_task")?), Some("main"))
                    .await?;
            }
        ),
        case!(
            "files.get_working_file",
            r#"gazu.files.get_working_file(w["files_working_file"])"#,
            |k, w| {
                k.working_file(w.id("files_working_file")?).get().await?;
            }
        ),
        case!(
            "files.update_comment",
            r#"gazu.files.update_comment(w["files_working_file"], "changed")"#,
            |k, w| {
                k.working_file(w.id("files_working_file")?)
                    .set_comment("changed")
                    .await?;
            }
        ),
        case!(
            "files.update_modification_date",
            r#"gazu.files.update_modification_date(w["files_working_file"])"#,
            |k, w| {
                k.working_file(w.id("files_working_file")?).touch().await?;
            }
        ),
        case!(
            "files.upload_working_file",
            r#"gazu.files.upload_working_file(w["files_working_file"], w["files_png"])"#,
            |k, w| {
                k.working_file(w.id("files_working_file")?)
                    .upload(w.get("files_png")?)
                    .await?;
            }
        ),
        case!(
            "files.download_working_file",
            r#"gazu.files.download_working_file(w["files_working_file"], w["files_dir"] + "/working.png")"#,
            |k, w| {
                k.working_file(w.id("files_working_file")?)
                    .download(out(&w, "working.png")?)
                    .await?;
            }
        ),
        // ---- output files ----
        case!(
            "files.new_entity_output_file",
            r#"gazu.files.new_entity_output_file(w["shot"], w["files_output_type"], w["task_type"], "cache", working_file=w["files_working_file"])"#,
            |k, w| {
                k.entity(w.id::<ShotId>("shot")?)
                    .new_output_file(w.id("files_output_type")?, w.id("task_type")?, "cache")
                    .working_file(w.id("files_working_file")?)
                    .await?;
            }
        ),
        case!(
            "files.new_asset_instance_output_file",
            r#"f = gazu.files.new_asset_instance_output_file(w["files_asset_instance"], w["shot"], w["files_output_type"], w["task_type"], "instance cache"); gazu.client.delete("data/output-files/" + f["id"])"#,
            |k, w| {
                // Removed again (on both sides), or it would keep the world's asset
                // instance from being removed.
                let file = k
                    .asset_instance_files(w.id("files_asset_instance")?, w.id::<ShotId>("shot")?)
                    .new_output_file(
                        w.id("files_output_type")?,
                        w.id("task_type")?,
                        "instance cache",
                    )
                    .await?;
                k.output_files().delete(file.id).await?;
            }
        ),
        case!(
            "files.get_next_entity_output_revision",
            r#"gazu.files.get_next_entity_output_revision(w["shot"], w["files_output_type"], w["task_type"])"#,
            |k, w| {
                k.entity(w.id::<ShotId>("shot")?)
                    .next_output_revision(w.id("files_output_type")?, w.id("task_type")?, "main")
                    .await?;
            }
        ),
        case!(
            "files.get_last_entity_output_revision",
            r#"gazu.files.get_last_entity_output_revision(w["shot"], w["files_output_type"], w["task_type"])"#,
            |k, w| {
                k.entity(w.id::<ShotId>("shot")?)
                    .last_output_revision(w.id("files_output_type")?, w.id("task_type")?, "main")
                    .await?;
            }
        ),
        case!(
            "files.get_next_asset_instance_output_revision",
            r#"gazu.files.get_next_asset_instance_output_revision(w["files_asset_instance"], w["shot"], w["files_output_type"], w["task_type"])"#,
            |k, w| {
                k.asset_instance_files(w.id("files_asset_instance")?, w.id::<ShotId>("shot")?)
                    .next_output_revision(w.id("files_output_type")?, w.id("task_type")?, "master")
                    .await?;
            }
        ),
        case!(
            "files.get_last_asset_instance_output_revision",
            r#"gazu.files.get_last_asset_instance_output_revision(w["files_asset_instance"], w["shot"], w["files_output_type"], w["task_type"])"#,
            |k, w| {
                k.asset_instance_files(w.id("files_asset_instance")?, w.id::<ShotId>("shot")?)
                    .last_output_revision(w.id("files_output_type")?, w.id("task_type")?, "master")
                    .await?;
            }
        ),
        case!(
            "files.get_last_output_files_for_entity",
            r#"gazu.files.get_last_output_files_for_entity(w["shot"], output_type=w["files_output_type"], task_type=w["task_type"])"#,
            |k, w| {
                let filter = OutputFileFilter::new()
                    .output_type(w.id("files_output_type")?)
                    .task_type(w.id("task_type")?);
                k.entity(w.id::<ShotId>("shot")?)
                    .last_output_files(&filter)
                    .await?;
            }
        ),
        case!(
            "files.get_last_output_files_for_asset_instance",
            r#"gazu.files.get_last_output_files_for_asset_instance(w["files_asset_instance"], w["shot"])"#,
            |k, w| {
                k.asset_instance_files(w.id("files_asset_instance")?, w.id::<ShotId>("shot")?)
                    .last_output_files(&OutputFileFilter::new())
                    .await?;
            }
        ),
        case!(
            "files.all_output_files_for_entity",
            r#"gazu.files.all_output_files_for_entity(w["shot"], output_type=w["files_output_type"], name="main")"#,
            |k, w| {
                let filter = OutputFileFilter::new()
                    .output_type(w.id("files_output_type")?)
                    .name("main");
                k.entity(w.id::<ShotId>("shot")?)
                    .output_files(&filter)
                    .await?;
            }
        ),
        case!(
            "files.all_output_files_for_asset_instance",
            r#"gazu.files.all_output_files_for_asset_instance(w["files_asset_instance"], temporal_entity=w["shot"])"#,
            |k, w| {
                let filter = OutputFileFilter::new().temporal_entity(w.id::<ShotId>("shot")?);
                k.asset_instance_output_files(w.id("files_asset_instance")?, &filter)
                    .await?;
            }
        ),
        case!(
            "files.all_output_files_for_project",
            r#"gazu.files.all_output_files_for_project(w["project"], task_type=w["task_type"])"#,
            |k, w| {
                let filter = OutputFileFilter::new().task_type(w.id("task_type")?);
                k.project(w.id("project")?).output_files(&filter).await?;
            }
        ),
        case!(
            "files.all_output_types_for_entity",
            r#"gazu.files.all_output_types_for_entity(w["shot"])"#,
            |k, w| {
                k.entity(w.id::<ShotId>("shot")?).output_types().await?;
            }
        ),
        case!(
            "files.all_output_types_for_asset_instance",
            r#"gazu.files.all_output_types_for_asset_instance({"id": w["files_asset_instance"]}, {"id": w["shot"]})"#,
            |k, w| {
                k.asset_instance_files(w.id("files_asset_instance")?, w.id::<ShotId>("shot")?)
                    .output_types()
                    .await?;
            }
        ),
        case!(
            "files.get_output_file",
            r#"gazu.files.get_output_file(w["files_output_file"])"#,
            |k, w| {
                k.output_file(w.id("files_output_file")?).get().await?;
            }
        ),
        case!(
            "files.get_output_file_by_path",
            r#"gazu.files.get_output_file_by_path(w["files_output_file_path"])"#,
            |k, w| {
                k.output_files()
                    .by_path(w.get("files_output_file_path")?)
                    .await?;
            }
        ),
        case!(
            "files.update_output_file",
            r#"gazu.files.update_output_file(w["files_output_file"], {"comment": "checked", "file_status_id": w["files_file_status"]})"#,
            |k, w| {
                k.output_file(w.id("files_output_file")?)
                    .update(&json!({ "comment": "checked", "file_status_id": w.get("files_file_status")? }))
                    .await?;
            }
        ),
        // ---- attachments ----
        case!(
            "files.get_all_attachment_files_for_task",
            r#"gazu.files.get_all_attachment_files_for_task(w["files_task"])"#,
            |k, w| {
                k.task(w.id("files_task")?).attachment_files().await?;
            }
        ),
        case!(
            "files.get_all_attachment_files_for_project",
            r#"gazu.files.get_all_attachment_files_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).attachment_files().await?;
            }
        ),
        case!(
            "files.get_attachment_file",
            r#"gazu.files.get_attachment_file(w["files_attachment"])"#,
            |k, w| {
                k.attachment_file(w.id("files_attachment")?).get().await?;
            }
        ),
        case!(
            "files.download_attachment_file",
            r#"gazu.files.download_attachment_file(w["files_attachment"], w["files_dir"] + "/attachment.png")"#,
            |k, w| {
                k.attachment_file(w.id("files_attachment")?)
                    .download(out(&w, "attachment.png")?)
                    .await?;
            }
        ),
        case!(
            "files.get_attachment_thumbnail_url",
            r#"gazu.files.get_attachment_thumbnail_url(w["files_attachment"])"#,
            |k, w| {
                k.attachment_file(w.id("files_attachment")?)
                    .thumbnail_route();
            }
        ),
        case!(
            "files.download_attachment_thumbnail",
            r#"gazu.files.download_attachment_thumbnail(w["files_attachment"], w["files_dir"] + "/attachment-thumbnail.png")"#,
            |k, w| {
                k.attachment_file(w.id("files_attachment")?)
                    .download_thumbnail(out(&w, "attachment-thumbnail.png")?)
                    .await?;
            }
        ),
        // ---- previews ----
        case!(
            "files.get_preview_file",
            r#"gazu.files.get_preview_file(w["files_preview"])"#,
            |k, w| {
                k.preview_file(w.id("files_preview")?).get().await?;
            }
        ),
        case!(
            "files.get_all_preview_files_for_task",
            r#"gazu.files.get_all_preview_files_for_task(w["files_task"])"#,
            |k, w| {
                k.preview_files().for_task(w.id("files_task")?).await?;
            }
        ),
        case!(
            "files.wait_for_preview_file",
            r#"gazu.files.wait_for_preview_file(w["files_preview"], timeout=10, poll_interval=1)"#,
            |k, w| {
                k.preview_file(w.id("files_preview")?)
                    .wait_ready_every(
                        std::time::Duration::from_secs(10),
                        std::time::Duration::from_secs(1),
                    )
                    .await?;
            }
        ),
        case!(
            "files.get_preview_file_url",
            r#"gazu.files.get_preview_file_url(w["files_preview"])"#,
            |k, w| {
                k.preview_file(w.id("files_preview")?)
                    .original_route()
                    .await?;
            }
        ),
        case!(
            "files.download_preview_file",
            r#"gazu.files.download_preview_file(w["files_preview"], w["files_dir"] + "/original.png")"#,
            |k, w| {
                let preview = k.preview_file(w.id("files_preview")?).get().await?;
                k.download_preview(&preview, out(&w, "original.png")?)
                    .await?;
            }
        ),
        case!(
            "files.download_preview_file_thumbnail",
            r#"gazu.files.download_preview_file_thumbnail(w["files_preview"], w["files_dir"] + "/thumbnail.png")"#,
            |k, w| {
                k.preview_file(w.id("files_preview")?)
                    .download_thumbnail(out(&w, "thumbnail.png")?)
                    .await?;
            }
        ),
        case!(
            "files.download_preview_file_cover",
            r#"gazu.files.download_preview_file_cover(w["files_preview"], w["files_dir"] + "/cover.png")"#,
            |k, w| {
                k.preview_file(w.id("files_preview")?)
                    .download_cover(out(&w, "cover.png")?)
                    .await?;
            }
        ),
        case!(
            "files.get_preview_movie_url",
            r#"gazu.files.get_preview_movie_url(w["files_movie_preview"])"#,
            |k, w| {
                k.preview_file(w.id("files_movie_preview")?)
                    .movie_route(false)
                    .await?;
            }
        ),
        case!(
            "files.get_preview_lowdef_movie_url",
            r#"gazu.files.get_preview_lowdef_movie_url(w["files_movie_preview"])"#,
            |k, w| {
                k.preview_file(w.id("files_movie_preview")?)
                    .lowdef_movie_route()
                    .await?;
            }
        ),
        case!(
            "files.download_preview_movie",
            r#"gazu.files.download_preview_movie(w["files_movie_preview"], w["files_dir"] + "/movie.mp4")"#,
            |k, w| {
                k.preview_file(w.id("files_movie_preview")?)
                    .download_movie(out(&w, "movie.mp4")?, |_, _| {})
                    .await?;
            }
        ),
        case!(
            "files.download_preview_lowdef_movie",
            r#"gazu.files.download_preview_lowdef_movie(w["files_movie_preview"], w["files_dir"] + "/lowdef.mp4")"#,
            |k, w| {
                k.preview_file(w.id("files_movie_preview")?)
                    .download_lowdef_movie(out(&w, "lowdef.mp4")?, |_, _| {})
                    .await?;
            }
        ),
        case!(
            "files.extract_frame_from_preview",
            r#"gazu.files.extract_frame_from_preview(w["files_movie_preview"], 2, w["files_dir"] + "/frame.png")"#,
            |k, w| {
                k.preview_file(w.id("files_movie_preview")?)
                    .download_frame(2, out(&w, "frame.png")?)
                    .await?;
            }
        ),
        case!(
            "files.extract_tile_from_preview",
            r#"gazu.files.extract_tile_from_preview(w["files_movie_preview"], w["files_dir"] + "/tile.png")"#,
            |k, w| {
                k.preview_file(w.id("files_movie_preview")?)
                    .download_tile(out(&w, "tile.png")?)
                    .await?;
            }
        ),
        case!(
            "files.update_preview",
            r#"gazu.files.update_preview(w["files_preview"], {"validation_status": "neutral"})"#,
            |k, w| {
                k.preview_file(w.id("files_preview")?)
                    .update(&json!({ "validation_status": "neutral" }))
                    .await?;
            }
        ),
        case!(
            "files.update_preview_position",
            r#"gazu.files.update_preview_position(w["files_preview"], 1)"#,
            |k, w| {
                k.preview_file(w.id("files_preview")?)
                    .set_position(1)
                    .await?;
            }
        ),
        case!(
            "files.update_preview_annotations",
            r#"gazu.files.update_preview_annotations(w["files_preview"], additions=[])"#,
            |k, w| {
                let changes = AnnotationChanges {
                    additions: Some(vec![]),
                    ..Default::default()
                };
                k.preview_file(w.id("files_preview")?)
                    .update_annotations(&changes)
                    .await?;
            }
        ),
        case!(
            "files.get_running_preview_files",
            r#"gazu.files.get_running_preview_files()"#,
            |k, w| {
                k.running_preview_files().await?;
            }
        ),
        case!(
            "files.remove_preview_file",
            r#"gazu.files.remove_preview_file(w["files_preview_to_remove"])"#,
            |k, w| {
                k.preview_file(w.id("files_preview_to_remove")?)
                    .delete()
                    .await?;
            }
        ),
        // ---- avatars ----
        case!(
            "files.upload_person_avatar",
            r#"gazu.files.upload_person_avatar(w["person"], w["files_png"])"#,
            |k, w| {
                k.upload_person_avatar(w.id::<PersonId>("person")?, w.get("files_png")?)
                    .await?;
            }
        ),
        case!(
            "files.download_person_avatar",
            r#"gazu.files.download_person_avatar(w["person"], w["files_dir"] + "/person.png")"#,
            |k, w| {
                k.download_person_avatar(w.id("person")?, out(&w, "person.png")?)
                    .await?;
            }
        ),
        case!(
            "files.download_project_avatar",
            r#"gazu.files.download_project_avatar(w["project"], w["files_dir"] + "/project.png")"#,
            |k, w| {
                k.project(w.id("project")?)
                    .download_thumbnail(out(&w, "project.png")?)
                    .await?;
            }
        ),
        case!(
            "files.upload_organisation_avatar",
            r#"gazu.files.upload_organisation_avatar(w["files_organisation"], w["files_png"])"#,
            |k, w| {
                k.upload_organisation_avatar(w.id("files_organisation")?, w.get("files_png")?)
                    .await?;
            }
        ),
        case!(
            "files.download_organisation_avatar",
            r#"gazu.files.download_organisation_avatar(w["files_organisation"], w["files_dir"] + "/organisation.png"); __import__("shutil").rmtree(w["files_dir"])"#,
            |k, w| {
                k.download_organisation_avatar(
                    w.id("files_organisation")?,
                    out(&w, "organisation.png")?,
                )
                .await?;
                // The last case: the side's files go.
                std::fs::remove_dir_all(w.get("files_dir")?)?;
            }
        ),
    ]
}
