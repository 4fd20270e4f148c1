//! Files against the fake Kitsu: softwares and output types (get-or-create, lookups), working
//! file revisions, output file revisions, and a publication whose preview is downloaded back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use kitsu_api::Client;
use kitsu_api::models::Task;
use kitsu_mock::MockKitsu;

async fn demo() -> (MockKitsu, Client) {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let client = support::admin_client(&kitsu).await;
    (kitsu, client)
}

async fn a_task(client: &Client) -> Task {
    client.tasks().list().await.unwrap().remove(0)
}

#[tokio::test]
async fn softwares_and_output_types_are_got_or_created() {
    let (_kitsu, client) = demo().await;
    let maya = client
        .softwares()
        .ensure("Maya", "maya", ".ma", Some(&["mb"]))
        .await
        .unwrap();
    let again = client
        .softwares()
        .ensure("Maya", "other", ".mb", None)
        .await
        .unwrap();
    assert_eq!(maya.id, again.id);
    assert_eq!(
        client
            .softwares()
            .by_name("Maya")
            .await
            .unwrap()
            .unwrap()
            .id,
        maya.id
    );
    assert!(
        client
            .softwares()
            .by_name("Houdini")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        client
            .softwares()
            .list()
            .await
            .unwrap()
            .iter()
            .any(|s| s.id == maya.id)
    );
    let cache = client
        .output_types()
        .ensure("Cache", "cache")
        .await
        .unwrap();
    assert_eq!(
        client.output_types().ensure("Cache", "c").await.unwrap().id,
        cache.id
    );
    assert_eq!(
        client
            .output_types()
            .by_name("Cache")
            .await
            .unwrap()
            .unwrap()
            .id,
        cache.id
    );
    assert_eq!(client.output_types().list().await.unwrap().len(), 1);
    let done = client
        .file_statuses()
        .ensure("Done", "#00ff00")
        .await
        .unwrap();
    assert_eq!(done.color.as_deref(), Some("#00ff00"));
}

#[tokio::test]
async fn working_files_count_revisions_per_name() {
    let (_kitsu, client) = demo().await;
    let task = client.task(a_task(&client).await.id);
    assert!(task.last_working_file("main").await.unwrap().is_none());
    let first = task.new_working_file().comment("blocking").await.unwrap();
    assert_eq!(first.revision, Some(1));
    assert!(first.path.as_deref().unwrap().ends_with("main_v001"));
    let blender = client
        .softwares()
        .by_name("Blender")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.software_id, Some(blender.id));
    let second = task.new_working_file().software(blender.id).await.unwrap();
    assert_eq!(second.revision, Some(2));
    let other = task.new_working_file().name("layout").await.unwrap();
    assert_eq!(other.revision, Some(1));
    let refused = task.new_working_file().revision(2).await;
    assert!(refused.is_err(), "{refused:?}");
    let last = task.last_working_file("main").await.unwrap().unwrap();
    assert_eq!(last.id, second.id);
    let names: Vec<String> = task
        .last_working_files()
        .await
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(names, ["layout", "main"]);
    assert_eq!(task.working_files().await.unwrap().len(), 3);
    assert_eq!(
        client
            .working_file(first.id)
            .get()
            .await
            .unwrap()
            .comment
            .as_deref(),
        Some("blocking")
    );
}

#[tokio::test]
async fn output_files_take_the_next_revision() {
    let (_kitsu, client) = demo().await;
    let task = a_task(&client).await;
    let (entity, task_type) = (task.entity_id.unwrap(), task.task_type_id.unwrap());
    let cache = client
        .output_types()
        .ensure("Cache", "cache")
        .await
        .unwrap();
    let entity = client.entity(entity);
    assert_eq!(
        entity
            .next_output_revision(cache.id, task_type, "main")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        entity
            .last_output_revision(cache.id, task_type, "main")
            .await
            .unwrap(),
        0
    );
    let working = client.task(task.id).new_working_file().await.unwrap();
    let output = entity
        .new_output_file(cache.id, task_type, "first cache")
        .working_file(working.id)
        .representation("abc")
        .await
        .unwrap();
    assert_eq!(output.revision, Some(1));
    assert_eq!(output.source_file_id, Some(working.id));
    assert_eq!(output.source_file.unwrap().id, working.id);
    assert_eq!(output.representation.as_deref(), Some("abc"));
    let again = entity
        .new_output_file(cache.id, task_type, "second cache")
        .await
        .unwrap();
    assert_eq!(again.revision, Some(2));
    assert_eq!(
        entity
            .last_output_revision(cache.id, task_type, "main")
            .await
            .unwrap(),
        2
    );
    let refused = entity
        .new_output_file(cache.id, task_type, "again")
        .revision(1)
        .await;
    assert!(refused.is_err(), "{refused:?}");
}

#[tokio::test]
async fn a_publication_downloads_back_byte_for_byte() {
    let (_kitsu, client) = demo().await;
    let task = a_task(&client).await;
    let wip = client
        .task_statuses()
        .by_short_name("wip")
        .await
        .unwrap()
        .unwrap();
    let cache = client
        .output_types()
        .ensure("Cache", "cache")
        .await
        .unwrap();
    let directory = std::env::temp_dir().join(format!("kitsu-api-publish-{}", task.id));
    std::fs::create_dir_all(&directory).unwrap();
    let picture = directory.join("render.png");
    let bytes: Vec<u8> = (0..70_000u32).map(|i| (i % 253) as u8).collect();
    std::fs::write(&picture, &bytes).unwrap();
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let published = client
        .task(task.id)
        .publish(wip.id, cache.id)
        .comment("v1 for review")
        .preview(&picture)
        .progress({
            let seen = seen.clone();
            move |done, _| seen.store(done, std::sync::atomic::Ordering::Relaxed)
        })
        .await
        .unwrap();
    assert_eq!(published.output_file.revision, Some(1));
    assert_eq!(published.comment.task_status_id, Some(wip.id));
    let preview = published.preview.unwrap();
    assert_eq!(preview.status.as_deref(), Some("ready"));
    assert_eq!(seen.load(std::sync::atomic::Ordering::Relaxed), 70_000);
    let back = directory.join("back.png");
    let written = client
        .preview_file(preview.id)
        .download_original(&back, |_, _| {})
        .await
        .unwrap();
    assert_eq!(written, 70_000);
    assert_eq!(std::fs::read(&back).unwrap(), bytes);
    let again = directory.join("again.png");
    client.download_preview(&preview, &again).await.unwrap();
    assert_eq!(std::fs::read(&again).unwrap(), bytes);
    std::fs::remove_dir_all(&directory).unwrap();
}
