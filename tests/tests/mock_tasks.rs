//! Tasks, comments and previews against kitsu-mock through the typed handles, as the
//! `daily_review` example uses them: task lookups by entity, type and status, creation (one
//! task get-or-create, several types on an entity), changes, assignation, comments setting a
//! status, previews uploaded and made the main preview, and waiting for a preview to be
//! ready. Hermetic proof of the most-used calls of gazu's task module; every answer decodes
//! into our models.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use kitsu::handles::{ChecklistItem, PreviewStatus};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use serde_json::json;

const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

#[tokio::test]
async fn tasks_comments_and_previews() {
    let mock = MockKitsu::start().await.unwrap();
    let kitsu = kitsu::create_session(&mock.base_url(), ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .unwrap();
    let me = kitsu.me().person().await.unwrap();

    // Lookups of types and statuses, by name and short name.
    let animation = kitsu
        .task_types()
        .by_name("Animation")
        .await
        .unwrap()
        .unwrap();
    let modeling = kitsu
        .task_types()
        .by_short_name("mod")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(modeling.name, "Modeling");
    let todo = kitsu
        .task_statuses()
        .default_status()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(todo.short_name, "todo");
    let wip = kitsu
        .task_statuses()
        .by_short_name("wip")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        kitsu
            .task_statuses()
            .by_name("Done")
            .await
            .unwrap()
            .unwrap()
            .short_name,
        "done"
    );
    assert_eq!(
        kitsu.task_type(animation.id).get().await.unwrap().id,
        animation.id
    );

    // A shot and an asset to put tasks on.
    let show = kitsu.projects().new_project("Review").await.unwrap();
    let project = kitsu.project(show.id);
    let sequence = project.new_sequence("SQ01").await.unwrap();
    let shot = project.new_shot(sequence.id, "SH010").await.unwrap();
    let character = kitsu
        .asset_types()
        .by_name("Character")
        .await
        .unwrap()
        .unwrap();
    let hero = project.new_asset(character.id, "Hero").await.unwrap();

    // One task, get-or-create (gazu's new_task); several types on an entity at once.
    let task = kitsu
        .tasks()
        .new_task(show.id, shot.id, animation.id)
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(task.task_status_id, Some(todo.id), "the default status");
    let again = kitsu
        .tasks()
        .new_task(show.id, shot.id, animation.id)
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(again.id, task.id, "get-or-create finds the task");
    let created = kitsu
        .tasks()
        .create_for(hero.id, [modeling.id])
        .await
        .unwrap();
    assert_eq!(created.len(), 1);
    assert_eq!(kitsu.tasks().for_asset(hero.id).await.unwrap().len(), 1);
    // In bulk: every asset of the project gets a task of the type it lacks.
    let shading = kitsu
        .task_types()
        .by_name("Shading")
        .await
        .unwrap()
        .unwrap();
    let bulk = project.create_asset_tasks(shading.id).await.unwrap();
    assert_eq!(bulk.len(), 1);
    assert!(
        project
            .create_asset_tasks(shading.id)
            .only([hero.id])
            .await
            .unwrap()
            .is_empty(),
        "assets that have one are skipped"
    );
    let on_shot = kitsu.shot(shot.id).tasks().await.unwrap();
    assert_eq!(on_shot.len(), 1);
    assert_eq!(on_shot[0].task_type_name.as_deref(), Some("Animation"));
    let found = kitsu
        .tasks()
        .by_entity(shot.id, animation.id, "main")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, task.id);

    // The full task, changes, estimates and due dates.
    let handle = kitsu.task(task.id);
    let full = handle.get().await.unwrap();
    assert_eq!(full.entity_name.as_deref(), Some("SH010"));
    assert!(full.other.contains_key("task_type"), "the type joined in");
    let changed = handle
        .update(&json!({ "estimation": 3.0, "due_date": "2026-12-01T00:00:00" }))
        .await
        .unwrap();
    assert_eq!(changed.estimation, Some(3.0));
    assert!(changed.due_date.is_some());

    // Assignation: the task joins the to-do list, and leaves it when cleared.
    assert!(kitsu.tasks().for_person(me.id).await.unwrap().is_empty());
    let assigned = handle.assign(me.id).await.unwrap();
    assert_eq!(assigned[0].assignees, vec![me.id]);
    let todo_list = kitsu.tasks().for_person(me.id).await.unwrap();
    assert_eq!(todo_list.len(), 1);
    assert_eq!(todo_list[0].id, task.id);
    let cleared = handle.unassign(None).await.unwrap();
    assert_eq!(cleared, vec![task.id]);
    assert!(
        kitsu
            .task(task.id)
            .get()
            .await
            .unwrap()
            .assignees
            .is_empty()
    );
    handle.assign(me.id).await.unwrap();

    // A comment sets the status, with a checklist.
    let comment = handle
        .comment(wip.id, "Blocking done")
        .checklist([ChecklistItem::new("feet contacts")])
        .await
        .unwrap();
    assert_eq!(comment.task_status_id, Some(wip.id));
    assert_eq!(comment.checklist.len(), 1);
    assert_eq!(handle.get().await.unwrap().task_status_id, Some(wip.id));
    let comments = handle.comments().await.unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].text.as_deref(), Some("Blocking done"));

    // Attachments: several files in one multipart request, with the other fields.
    let directory = std::env::temp_dir().join(format!("kitsu-mock-tasks-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let picture = directory.join("blocking.png");
    std::fs::write(&picture, PNG).unwrap();
    let notes = directory.join("notes.txt");
    std::fs::write(&notes, "feet slide at 1012\n").unwrap();
    let with_files = handle
        .comment(wip.id, "Notes attached")
        .mention(&me)
        .checklist([ChecklistItem::new("feet")])
        .attach(&notes)
        .attach(&picture)
        .await
        .unwrap();
    assert_eq!(
        with_files.text.as_deref(),
        Some(
            format!(
                "Notes attached @{} {}",
                me.first_name,
                me.last_name.clone().unwrap_or_default()
            )
            .trim()
        )
    );
    assert_eq!(with_files.checklist.len(), 1);
    assert_eq!(with_files.attachment_files.len(), 2);
    assert_eq!(handle.comments().await.unwrap().len(), 2);

    // A preview uploaded with progress, made the main preview, then waited for.
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let progress = sent.clone();
    let preview = handle
        .on_comment(comment.id)
        .preview(&picture)
        .main_preview()
        .progress(move |done, _| progress.store(done, std::sync::atomic::Ordering::SeqCst))
        .await
        .unwrap();
    assert!(
        sent.load(std::sync::atomic::Ordering::SeqCst) > 0,
        "progress reported"
    );
    assert_eq!(preview.extension.as_deref(), Some("png"));
    let state = kitsu
        .preview_file(preview.id)
        .wait_ready_every(Duration::from_secs(5), Duration::from_millis(10))
        .await
        .unwrap();
    assert!(state.is_ready());
    assert_eq!(state.status(), PreviewStatus::Ready);
    let entity = kitsu.entity(shot.id).get().await.unwrap();
    assert_eq!(entity.preview_file_id, Some(preview.id), "the main preview");

    // A preview created but never uploaded stays `processing`: the wait times out, typed.
    let empty = handle.add_preview(comment.id).await.unwrap();
    let state = kitsu
        .preview_file(empty.id)
        .wait_ready_every(Duration::from_millis(30), Duration::from_millis(10))
        .await
        .unwrap();
    assert!(matches!(state, kitsu::handles::PreviewWait::TimedOut(_)));
    assert_eq!(state.status(), PreviewStatus::Processing);

    std::fs::remove_dir_all(&directory).unwrap();
    kitsu.close().await.unwrap();
}
