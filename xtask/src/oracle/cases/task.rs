//! The oracle's cases for gazu's `task` module.

use kitsu::Kitsu;
use kitsu::ids::{PersonId, ProjectId, ShotId, TaskStatusId, TaskTypeId};
use serde_json::{Map, Value, json};

use crate::oracle::case::{BoxError, Case, World, case};

/// A 1×1 PNG picture, for previews.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// Rows this module's cases need beyond the common world, made for each side: a shot of its
/// own with tasks (one to comment on, one to move a comment to, one to remove, one to remove
/// in a batch, one of a type whose tasks are all removed)
/// and on the asset, the `wip` status in the project, comments (to read, remove, move), a
/// preview, an attachment, a reply, a time spent entry, a spare task type and status, names
/// for the rows the cases create, a picture and a text file.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project_id = world.id::<ProjectId>("project")?;
    let task_type = world.id::<TaskTypeId>("task_type")?;
    let todo = world.id::<TaskStatusId>("task_status")?;
    let person = world.id::<PersonId>("person")?;
    let statuses = kitsu.task_statuses();
    let wip = match statuses.by_short_name("wip").await? {
        Some(wip) => wip,
        None => statuses.create_named("WIP", "wip", "#3273dc").await?,
    };
    kitsu
        .project(project_id)
        .settings()
        .add_task_status(wip.id)
        .await?;
    world.set("wip", wip.id);

    let production = kitsu.project(project_id);
    let scene = production.new_scene(world.id("sequence")?, "SC01").await?;
    world.set("scene", scene.id);
    let edit = production.new_edit("ED01").await?;
    world.set("edit", edit.id);
    let concept = production.new_concept("CO01").await?;
    world.set("concept", concept.id);

    // This module's tasks are on a shot of its own: other modules' cases use the tasks of the
    // world's shot (and their comments, previews and attachments).
    let task_shot = production
        .new_shot(world.id("sequence")?, "SH990")
        .await?
        .id;
    world.set("task_shot", task_shot);
    let tasks = kitsu.tasks();
    for (key, name, on) in [
        ("task", "main", task_shot),
        ("task2", "second", task_shot),
        ("task_to_remove", "doomed", task_shot),
        ("task_batch", "batch", task_shot),
    ] {
        let task = tasks
            .new_task(project_id, on, task_type)
            .name(name)
            .status(todo)
            .assignees([person])
            .await?;
        world.set(key, task.id);
    }
    let modeling = kitsu
        .task_types()
        .ensure("Modeling", "Asset", "#78909c")
        .await?;
    kitsu
        .project(project_id)
        .settings()
        .add_task_type(modeling.id)
        .await?;
    world.set("asset_task_type", modeling.id);
    // `remove_tasks_for_type` deletes every task of a type in the project: a type of its own,
    // so the other modules' tasks (and their previews) stay.
    let doomed_type = kitsu
        .task_types()
        .ensure("Oracle cleanup", "Shot", "#999999")
        .await?;
    kitsu
        .project(project_id)
        .settings()
        .add_task_type(doomed_type.id)
        .await?;
    tasks
        .new_task(project_id, task_shot, doomed_type.id)
        .status(todo)
        .await?;
    world.set("doomed_task_type", doomed_type.id);
    let asset_task = tasks
        .new_task(
            project_id,
            world.id::<kitsu::ids::AssetId>("asset")?,
            modeling.id,
        )
        .status(todo)
        .await?;
    world.set("asset_task", asset_task.id);

    let directory = std::env::temp_dir().join(world.unique("kitsu-oracle-task"));
    std::fs::create_dir_all(&directory)?;
    let png = directory.join("take.png");
    std::fs::write(&png, PNG)?;
    let txt = directory.join("notes.txt");
    std::fs::write(&txt, "notes\n")?;
    world.set("png_path", png.display());
    world.set("txt_path", txt.display());

    let task = kitsu.task(world.id("task")?);
    let comment = task.comment(todo, "oracle comment").await?;
    world.set("comment", comment.id);
    for key in ["comment_to_remove", "comment_to_move"] {
        let comment = task.comment(todo, key).await?;
        world.set(key, comment.id);
    }
    let on_comment = task.on_comment(comment.id);
    let preview = on_comment.preview(&png).await?;
    world.set("preview", preview.id);
    let spare = on_comment.preview(&png).await?;
    world.set("preview_to_remove", spare.id);
    let empty = task.add_preview(comment.id).await?;
    world.set("preview_empty", empty.id);
    let attachments = on_comment.attach([&txt]).await?;
    let attachment = attachments.first().ok_or("no attachment file answered")?;
    world.set("attachment", attachment.id);
    let reply = on_comment.reply("a reply", None).await?;
    world.set(
        "reply",
        reply
            .get("id")
            .and_then(Value::as_str)
            .ok_or("no reply id answered")?,
    );
    world.set("date", "2026-01-05");
    let spent = task.set_time_spent(person, "2026-01-06", 30).await?;
    world.set(
        "time_spent",
        spent
            .get("id")
            .and_then(Value::as_str)
            .ok_or("no time spent id answered")?,
    );

    let spare_type = kitsu
        .task_types()
        .create(&json!({ "name": world.unique("TT"), "for_entity": "Shot" }))
        .await?;
    world.set("spare_task_type", spare_type.id);
    let spare_status = statuses
        .create_named(&world.unique("TS"), &short(world, "s"), "#00ff00")
        .await?;
    world.set("spare_task_status", spare_status.id);
    world.set("new_task_type_name", world.unique("NT"));
    world.set("new_task_status_name", world.unique("NS"));
    world.set("new_task_status_short", short(world, "n"));
    Ok(())
}

/// A short name unique to the side and run: Zou keeps 10 characters of a status's short
/// name.
fn short(world: &World, base: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    world.unique(base).hash(&mut hasher);
    format!("{base}{:08x}", hasher.finish() as u32)
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    let mut cases = lookups();
    cases.extend(lists());
    cases.extend(changes());
    cases.extend(comments());
    cases.extend(removals());
    cases
}

/// Task types and statuses.
fn lookups() -> Vec<Case> {
    vec![
        case!(
            "task.all_task_statuses",
            r#"gazu.task.all_task_statuses()"#,
            |k, w| {
                k.task_statuses().list().await?;
            }
        ),
        case!(
            "task.all_task_types",
            r#"gazu.task.all_task_types()"#,
            |k, w| {
                k.task_types().list().await?;
            }
        ),
        case!(
            "task.all_task_types_for_project",
            r#"gazu.task.all_task_types_for_project(w["project"])"#,
            |k, w| {
                k.task_types().for_project(w.id("project")?).await?;
            }
        ),
        case!(
            "task.all_task_statuses_for_project",
            r#"gazu.task.all_task_statuses_for_project(w["project"])"#,
            |k, w| {
                k.task_statuses().for_project(w.id("project")?).await?;
            }
        ),
        case!(
            "task.get_task_type",
            r#"gazu.task.get_task_type(w["task_type"])"#,
            |k, w| {
                k.task_type(w.id("task_type")?).get().await?;
            }
        ),
        case!(
            "task.get_task_type_by_name",
            r#"gazu.task.get_task_type_by_name(w["task_type_name"])"#,
            |k, w| {
                k.task_types().by_name(w.get("task_type_name")?).await?;
            }
        ),
        case!(
            "task.get_task_type_by_short_name",
            r#"gazu.task.get_task_type_by_short_name("anim")"#,
            |k, w| {
                k.task_types().by_short_name("anim").await?;
            }
        ),
        case!(
            "task.get_default_task_status",
            r#"gazu.task.get_default_task_status()"#,
            |k, w| {
                k.task_statuses().default_status().await?;
            }
        ),
        case!(
            "task.get_task_status",
            r#"gazu.task.get_task_status(w["task_status"])"#,
            |k, w| {
                k.task_status(w.id("task_status")?).get().await?;
            }
        ),
        case!(
            "task.get_task_status_by_name",
            r#"gazu.task.get_task_status_by_name("Todo")"#,
            |k, w| {
                k.task_statuses().by_name("Todo").await?;
            }
        ),
        case!(
            "task.get_task_status_by_short_name",
            r#"gazu.task.get_task_status_by_short_name(w["task_status_short_name"])"#,
            |k, w| {
                k.task_statuses()
                    .by_short_name(w.get("task_status_short_name")?)
                    .await?;
            }
        ),
        case!(
            "task.new_task_type",
            r#"gazu.task.new_task_type(w["new_task_type_name"], for_entity="Shot")"#,
            |k, w| {
                k.task_types()
                    .ensure(w.get("new_task_type_name")?, "Shot", "#000000")
                    .await?;
            }
        ),
        case!(
            "task.new_task_status",
            r##"gazu.task.new_task_status(w["new_task_status_name"], w["new_task_status_short"], "#00ff00")"##,
            |k, w| {
                k.task_statuses()
                    .create_named(
                        w.get("new_task_status_name")?,
                        w.get("new_task_status_short")?,
                        "#00ff00",
                    )
                    .await?;
            }
        ),
        case!(
            "task.update_task_type",
            r#"gazu.task.update_task_type({"id": w["spare_task_type"], "priority": 3})"#,
            |k, w| {
                k.task_type(w.id("spare_task_type")?)
                    .update(&json!({ "priority": 3 }))
                    .await?;
            }
        ),
        case!(
            "task.update_task_status",
            r#"gazu.task.update_task_status({"id": w["spare_task_status"], "priority": 3})"#,
            |k, w| {
                k.task_status(w.id("spare_task_status")?)
                    .update(&json!({ "priority": 3 }))
                    .await?;
            }
        ),
    ]
}

/// Task lists.
fn lists() -> Vec<Case> {
    vec![
        case!(
            "task.all_tasks_for_shot",
            r#"gazu.task.all_tasks_for_shot(w["task_shot"])"#,
            |k, w| {
                k.shot(w.id("task_shot")?).tasks().await?;
            }
        ),
        case!(
            "task.all_tasks_for_asset",
            r#"gazu.task.all_tasks_for_asset(w["asset"])"#,
            |k, w| {
                k.tasks().for_asset(w.id("asset")?).await?;
            }
        ),
        case!(
            "task.all_tasks_for_sequence",
            r#"gazu.task.all_tasks_for_sequence(w["sequence"])"#,
            |k, w| {
                k.tasks().for_sequence(w.id("sequence")?).await?;
            }
        ),
        case!(
            "task.all_tasks_for_episode",
            r#"gazu.task.all_tasks_for_episode(w["episode"])"#,
            |k, w| {
                k.tasks().for_episode(w.id("episode")?).await?;
            }
        ),
        case!(
            "task.all_shot_tasks_for_sequence",
            r#"gazu.task.all_shot_tasks_for_sequence(w["sequence"])"#,
            |k, w| {
                k.tasks().for_shots_of_sequence(w.id("sequence")?).await?;
            }
        ),
        case!(
            "task.all_shot_tasks_for_episode",
            r#"gazu.task.all_shot_tasks_for_episode(w["episode"])"#,
            |k, w| {
                k.tasks().for_shots_of_episode(w.id("episode")?).await?;
            }
        ),
        case!(
            "task.all_assets_tasks_for_episode",
            r#"gazu.task.all_assets_tasks_for_episode(w["episode"])"#,
            |k, w| {
                k.tasks().for_assets_of_episode(w.id("episode")?).await?;
            }
        ),
        case!(
            "task.all_tasks_for_scene",
            r#"gazu.task.all_tasks_for_scene(w["scene"])"#,
            |k, w| {
                k.tasks().for_scene(w.id("scene")?).await?;
            }
        ),
        case!(
            "task.all_tasks_for_edit",
            r#"gazu.task.all_tasks_for_edit(w["edit"])"#,
            |k, w| {
                k.tasks().for_edit(w.id("edit")?).await?;
            }
        ),
        case!(
            "task.all_tasks_for_concept",
            r#"gazu.task.all_tasks_for_concept(w["concept"])"#,
            |k, w| {
                k.tasks().for_concept(w.id("concept")?).await?;
            }
        ),
        case!(
            "task.all_task_types_for_shot",
            r#"gazu.task.all_task_types_for_shot(w["task_shot"])"#,
            |k, w| {
                k.task_types().for_shot(w.id("task_shot")?).await?;
            }
        ),
        case!(
            "task.all_task_types_for_asset",
            r#"gazu.task.all_task_types_for_asset(w["asset"])"#,
            |k, w| {
                k.task_types().for_asset(w.id("asset")?).await?;
            }
        ),
        case!(
            "task.all_task_types_for_scene",
            r#"gazu.task.all_task_types_for_scene(w["scene"])"#,
            |k, w| {
                k.task_types().for_scene(w.id("scene")?).await?;
            }
        ),
        case!(
            "task.all_task_types_for_sequence",
            r#"gazu.task.all_task_types_for_sequence(w["sequence"])"#,
            |k, w| {
                k.task_types().for_sequence(w.id("sequence")?).await?;
            }
        ),
        case!(
            "task.all_task_types_for_episode",
            r#"gazu.task.all_task_types_for_episode(w["episode"])"#,
            |k, w| {
                k.task_types().for_episode(w.id("episode")?).await?;
            }
        ),
        case!(
            "task.all_task_types_for_concept",
            r#"gazu.task.all_task_types_for_concept(w["concept"])"#,
            |k, w| {
                k.task_types().for_concept(w.id("concept")?).await?;
            }
        ),
        case!(
            "task.all_tasks_for_entity_and_task_type",
            r#"gazu.task.all_tasks_for_entity_and_task_type(w["task_shot"], w["task_type"])"#,
            |k, w| {
                k.tasks()
                    .for_entity_and_type(w.id::<ShotId>("task_shot")?, w.id("task_type")?)
                    .await?;
            }
        ),
        case!(
            "task.all_tasks_for_task_status",
            r#"gazu.task.all_tasks_for_task_status(w["project"], w["task_type"], w["task_status"])"#,
            |k, w| {
                k.tasks()
                    .with_status(w.id("project")?, w.id("task_type")?, w.id("task_status")?)
                    .await?;
            }
        ),
        case!(
            "task.all_tasks_for_task_type",
            r#"gazu.task.all_tasks_for_task_type(w["project"], w["task_type"], w["episode"])"#,
            |k, w| {
                k.tasks()
                    .of_type(w.id("project")?, w.id("task_type")?, Some(w.id("episode")?))
                    .await?;
            }
        ),
        case!(
            "task.all_tasks_for_project",
            r#"gazu.task.all_tasks_for_project(w["project"], w["task_type"])"#,
            |k, w| {
                k.tasks()
                    .for_project(w.id("project")?, Some(w.id("task_type")?), None)
                    .await?;
            }
        ),
        case!(
            "task.all_tasks_for_person",
            r#"gazu.task.all_tasks_for_person(w["person"])"#,
            |k, w| {
                k.tasks().for_person(w.id("person")?).await?;
            }
        ),
        case!(
            "task.all_done_tasks_for_person",
            r#"gazu.task.all_done_tasks_for_person(w["person"])"#,
            |k, w| {
                k.tasks().done_for_person(w.id("person")?).await?;
            }
        ),
        case!(
            "task.all_tasks_for_person_and_type",
            r#"gazu.task.all_tasks_for_person_and_type(w["person"], w["task_type"])"#,
            |k, w| {
                k.tasks()
                    .related_to_person(w.id("person")?, w.id("task_type")?)
                    .await?;
            }
        ),
        case!(
            "task.get_task_by_entity",
            r#"gazu.task.get_task_by_entity(w["task_shot"], w["task_type"])"#,
            |k, w| {
                k.tasks()
                    .by_entity(w.id::<ShotId>("task_shot")?, w.id("task_type")?, "main")
                    .await?;
            }
        ),
        case!(
            "task.get_task",
            r#"gazu.task.get_task(w["task"])"#,
            |k, w| {
                k.task(w.id("task")?).get().await?;
            }
        ),
        case!(
            "task.all_open_tasks",
            r#"gazu.task.all_open_tasks()"#,
            |k, w| {
                k.tasks().open().await?;
            }
        ),
        case!(
            "task.get_open_tasks_stats",
            r#"gazu.task.get_open_tasks_stats()"#,
            |k, w| {
                k.tasks().open_stats().await?;
            }
        ),
        case!(
            "task.get_persons_tasks_dates",
            r#"gazu.task.get_persons_tasks_dates()"#,
            |k, w| {
                k.tasks().dates_by_person().await?;
            }
        ),
        case!(
            "task.all_comments_for_project",
            r#"gazu.task.all_comments_for_project(w["project"])"#,
            |k, w| {
                k.comments().for_project(w.id("project")?).await?;
            }
        ),
        case!(
            "task.all_notifications_for_project",
            r#"gazu.task.all_notifications_for_project(w["project"])"#,
            |k, w| {
                k.notifications().for_project(w.id("project")?).await?;
            }
        ),
        case!(
            "task.all_preview_files_for_project",
            r#"gazu.task.all_preview_files_for_project(w["project"])"#,
            |k, w| {
                k.preview_files().for_project(w.id("project")?).await?;
            }
        ),
        case!(
            "task.all_subscriptions_for_project",
            r#"gazu.task.all_subscriptions_for_project(w["project"])"#,
            |k, w| {
                k.subscriptions().for_project(w.id("project")?).await?;
            }
        ),
        case!(
            "task.get_task_url",
            r#"gazu.task.get_task_url({"id": w["task"], "project_id": w["project"]})"#,
            |k, w| {
                k.task(w.id("task")?).web_url().await?;
            }
        ),
    ]
}

/// Task creation, changes, assignation, time spent.
fn changes() -> Vec<Case> {
    vec![
        case!(
            "task.new_task",
            r#"gazu.task.new_task({"id": w["task_shot"], "project_id": w["project"]}, w["task_type"], name="created", task_status={"id": w["task_status"]})"#,
            |k, w| {
                k.tasks()
                    .new_task(
                        w.id("project")?,
                        w.id::<ShotId>("task_shot")?,
                        w.id("task_type")?,
                    )
                    .name("created")
                    .status(w.id("task_status")?)
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "task.create_entity_tasks",
            r#"gazu.task.create_entity_tasks(w["task_shot"], [w["task_type"]])"#,
            |k, w| {
                k.tasks()
                    .create_for(w.id::<ShotId>("task_shot")?, [w.id("task_type")?])
                    .await?;
            }
        ),
        case!(
            "task.update_task",
            r#"gazu.task.update_task({"id": w["task"], "priority": 2})"#,
            |k, w| {
                k.task(w.id("task")?)
                    .update(&json!({ "priority": 2 }))
                    .await?;
            }
        ),
        case!(
            "task.update_task_data",
            r#"gazu.task.update_task_data(w["task"], {"frames": 48})"#,
            |k, w| {
                k.task(w.id("task")?)
                    .update_data(&json!({ "frames": 48 }))
                    .await?;
            }
        ),
        case!(
            "task.assign_task",
            r#"gazu.task.assign_task(w["task"], w["person"])"#,
            |k, w| {
                k.task(w.id("task")?).assign(w.id("person")?).await?;
            }
        ),
        case!(
            "task.assign_tasks_to_person",
            r#"gazu.task.assign_tasks_to_person([w["task2"]], w["person"])"#,
            |k, w| {
                k.tasks()
                    .assign_to([w.id("task2")?], w.id("person")?)
                    .await?;
            }
        ),
        case!(
            "task.clear_assignations",
            r#"gazu.task.clear_assignations([w["task2"]], w["person"])"#,
            |k, w| {
                k.tasks()
                    .clear_assignations([w.id("task2")?], Some(w.id("person")?))
                    .await?;
            }
        ),
        case!(
            "task.set_time_spent",
            r#"gazu.task.set_time_spent(w["task"], w["person"], w["date"], 60)"#,
            |k, w| {
                k.task(w.id("task")?)
                    .set_time_spent(w.id("person")?, w.get("date")?, 60)
                    .await?;
            }
        ),
        case!(
            "task.add_time_spent",
            r#"gazu.task.add_time_spent(w["task"], w["person"], w["date"], 30)"#,
            |k, w| {
                k.task(w.id("task")?)
                    .add_time_spent(w.id("person")?, w.get("date")?, 30)
                    .await?;
            }
        ),
        case!(
            "task.get_time_spent",
            r#"gazu.task.get_time_spent(w["task"])"#,
            |k, w| {
                k.task(w.id("task")?).time_spent().await?;
            }
        ),
        case!(
            "task.get_task_time_spent_for_date",
            r#"gazu.task.get_task_time_spent_for_date(w["task"], w["date"])"#,
            |k, w| {
                k.task(w.id("task")?).time_spent_on(w.get("date")?).await?;
            }
        ),
    ]
}

/// Comments and previews.
fn comments() -> Vec<Case> {
    vec![
        case!(
            "task.add_comment",
            r#"gazu.task.add_comment(w["task"], w["task_status"], "looks good", checklist=[{"text": "hands", "checked": False}], attachments=[w["txt_path"], w["png_path"]])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .comment(w.id("task_status")?, "looks good")
                    .checklist([kitsu::handles::ChecklistItem::new("hands")])
                    .attach(w.get("png_path")?)
                    .attach(w.get("txt_path")?)
                    .await?;
            }
        ),
        case!(
            "task.start_task",
            r#"gazu.task.start_task(w["task2"])"#,
            |k, w| {
                k.task(w.id("task2")?).start(None).await?;
            }
        ),
        case!(
            "task.get_comment",
            r#"gazu.task.get_comment(w["comment"])"#,
            |k, w| {
                k.comment(w.id("comment")?).get().await?;
            }
        ),
        case!(
            "task.update_comment",
            r#"gazu.task.update_comment({"id": w["comment"], "text": "changed"})"#,
            |k, w| {
                k.comment(w.id("comment")?)
                    .update(&json!({ "text": "changed" }))
                    .await?;
            }
        ),
        case!(
            "task.all_comments_for_task",
            r#"gazu.task.all_comments_for_task(w["task"])"#,
            |k, w| {
                k.task(w.id("task")?).comments().await?;
            }
        ),
        case!(
            "task.get_last_comment_for_task",
            r#"gazu.task.get_last_comment_for_task(w["task"])"#,
            |k, w| {
                k.task(w.id("task")?).last_comment().await?;
            }
        ),
        case!(
            "task.add_attachment_files_to_comment",
            r#"gazu.task.add_attachment_files_to_comment(w["task"], w["comment"], [w["txt_path"]])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment")?)
                    .attach([w.get("txt_path")?])
                    .await?;
            }
        ),
        case!(
            "task.create_preview",
            r#"gazu.task.create_preview(w["task"], w["comment"])"#,
            |k, w| {
                k.task(w.id("task")?).add_preview(w.id("comment")?).await?;
            }
        ),
        case!(
            "task.create_extra_preview",
            r#"gazu.task.create_extra_preview(w["task"], w["comment"], w["preview"])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment")?)
                    .add_extra_preview(w.id("preview")?)
                    .await?;
            }
        ),
        case!(
            "task.upload_preview_file",
            r#"gazu.task.upload_preview_file(w["preview_empty"], w["png_path"])"#,
            |k, w| {
                k.preview_file(w.id("preview_empty")?)
                    .upload(w.get("png_path")?)
                    .await?;
            }
        ),
        case!(
            "task.add_preview",
            r#"gazu.task.add_preview(w["task"], w["comment"], w["png_path"])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment")?)
                    .preview(w.get("png_path")?)
                    .await?;
            }
        ),
        case!(
            "task.add_extra_preview",
            r#"gazu.task.add_extra_preview(w["task"], w["comment"], w["preview"], w["png_path"])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment")?)
                    .preview(w.get("png_path")?)
                    .beside(w.id("preview")?)
                    .await?;
            }
        ),
        case!(
            "task.set_main_preview",
            r#"gazu.task.set_main_preview(w["preview"])"#,
            |k, w| {
                k.preview_file(w.id("preview")?).set_main(None).await?;
            }
        ),
        case!(
            "task.all_previews_for_task",
            r#"gazu.task.all_previews_for_task(w["task"])"#,
            |k, w| {
                k.task(w.id("task")?).previews().await?;
            }
        ),
        case!(
            "task.acknowledge_comment",
            r#"gazu.task.acknowledge_comment(w["task"], w["comment"])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment")?)
                    .acknowledge()
                    .await?;
            }
        ),
        case!(
            "task.reply_to_comment",
            r#"gazu.task.reply_to_comment(w["task"], w["comment"], "thanks")"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment")?)
                    .reply("thanks", None)
                    .await?;
            }
        ),
        case!(
            "task.move_comment_to_task",
            r#"gazu.task.move_comment_to_task(w["task"], w["comment_to_move"], w["task2"])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment_to_move")?)
                    .move_to(w.id("task2")?)
                    .await?;
            }
        ),
        case!(
            "task.batch_comments",
            r#"gazu.task.batch_comments([{"task_status_id": w["task_status"], "text": "batch"}], w["task"])"#,
            |k, w| {
                k.comments()
                    .batch(
                        Some(w.id("task")?),
                        &[json!({ "task_status_id": w.get("task_status")?, "text": "batch" })],
                    )
                    .await?;
            }
        ),
        case!(
            "task.create_multiple_comments",
            r#"gazu.task.create_multiple_comments(w["project"], [{"task_id": w["task"], "task_status_id": w["task_status"], "text": "many"}])"#,
            |k, w| {
                k.comments()
                    .create_many(
                        w.id("project")?,
                        &[json!({
                            "task_id": w.get("task")?,
                            "task_status_id": w.get("task_status")?,
                            "text": "many",
                        })],
                    )
                    .await?;
            }
        ),
        case!(
            "task.add_tasks_batch_comments",
            r#"gazu.task.add_tasks_batch_comments([w["task"], w["task2"]], {"text": "same", "task_status_id": w["task_status"], "person_id": w["person"]})"#,
            |k, w| {
                let mut fields = Map::new();
                fields.insert("text".into(), json!("same"));
                fields.insert("task_status_id".into(), json!(w.get("task_status")?));
                fields.insert("person_id".into(), json!(w.get("person")?));
                k.tasks()
                    .comment_all([w.id("task")?, w.id("task2")?], &fields)
                    .await?;
            }
        ),
    ]
}

/// What deletes, last.
fn removals() -> Vec<Case> {
    vec![
        case!(
            "task.delete_comment_reply",
            r#"gazu.task.delete_comment_reply(w["task"], w["comment"], w["reply"])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment")?)
                    .delete_reply(w.get("reply")?.parse()?)
                    .await?;
            }
        ),
        case!(
            "task.delete_comment_attachment",
            r#"gazu.task.delete_comment_attachment(w["task"], w["comment"], w["attachment"])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment")?)
                    .delete_attachment(w.id("attachment")?)
                    .await?;
            }
        ),
        case!(
            "task.remove_preview_from_comment",
            r#"gazu.task.remove_preview_from_comment(w["task"], w["comment"], w["preview_to_remove"])"#,
            |k, w| {
                k.task(w.id("task")?)
                    .on_comment(w.id("comment")?)
                    .remove_preview(w.id("preview_to_remove")?)
                    .await?;
            }
        ),
        case!(
            "task.remove_comment",
            r#"gazu.task.remove_comment(w["comment_to_remove"])"#,
            |k, w| {
                k.comment(w.id("comment_to_remove")?).delete().await?;
            }
        ),
        case!(
            "task.remove_time_spent",
            r#"gazu.task.remove_time_spent(w["time_spent"])"#,
            |k, w| {
                k.time_spents().remove(w.id("time_spent")?).await?;
            }
        ),
        case!(
            "task.remove_task",
            r#"gazu.task.remove_task(w["task_to_remove"])"#,
            |k, w| {
                k.task(w.id("task_to_remove")?).delete().await?;
            }
        ),
        case!(
            "task.remove_tasks_batch",
            r#"gazu.task.remove_tasks_batch(w["project"], [w["task_batch"]])"#,
            |k, w| {
                k.tasks()
                    .delete_many(w.id("project")?, [w.id("task_batch")?])
                    .await?;
            }
        ),
        case!(
            "task.remove_task_type",
            r#"gazu.task.remove_task_type(w["spare_task_type"])"#,
            |k, w| {
                k.task_type(w.id("spare_task_type")?).delete().await?;
            }
        ),
        case!(
            "task.remove_task_status",
            r#"gazu.task.remove_task_status(w["spare_task_status"])"#,
            |k, w| {
                k.task_status(w.id("spare_task_status")?).delete().await?;
            }
        ),
        case!(
            "task.remove_tasks_for_type",
            r#"gazu.task.remove_tasks_for_type(w["project"], w["doomed_task_type"])"#,
            |k, w| {
                k.tasks()
                    .delete_of_type(w.id("project")?, w.id("doomed_task_type")?)
                    .await?;
            }
        ),
    ]
}
