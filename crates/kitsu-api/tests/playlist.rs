//! Playlists and the event log against the fake Kitsu: gazu's get-or-create `new_playlist`, a
//! project's playlists, adding shots with their latest preview, removing them, a playlist built
//! from shots, and `get_last_events` with its filters, paged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use kitsu_api::Client;
use kitsu_api::ids::EntityId;
use kitsu_mock::MockKitsu;

async fn demo() -> (MockKitsu, Client) {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let client = support::admin_client(&kitsu).await;
    (kitsu, client)
}

#[tokio::test]
async fn playlists_are_made_once_listed_and_filled_with_latest_previews() {
    let (_kitsu, client) = demo().await;
    let project = client.projects().list().await.unwrap().remove(0);
    let project = client.project(project.id);

    let playlist = project
        .new_playlist("Dailies")
        .for_client(true)
        .get_or_create()
        .await
        .unwrap();
    let again = project
        .new_playlist("Dailies")
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(playlist.id, again.id);
    assert_eq!(playlist.for_client, Some(true));
    assert_eq!(playlist.for_entity.as_deref(), Some("shot"));
    let listed = project.playlists(1).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "Dailies");
    assert!(
        listed[0].shots.is_none(),
        "Zou's list leaves the entries out"
    );
    assert!(project.playlists(2).await.unwrap().is_empty());
    assert_eq!(project.all_playlists().await.unwrap().len(), 1);
    assert_eq!(
        client
            .playlists()
            .by_name(project.id(), "Dailies")
            .await
            .unwrap()
            .unwrap()
            .id,
        playlist.id
    );

    // A shot with a preview, another without.
    let shots = project.shots().await.unwrap();
    let (first, second) = (&shots[0], &shots[1]);
    let task_type = client.task_types().list().await.unwrap().remove(0);
    let status = client.task_statuses().list().await.unwrap().remove(0);
    let tasks = project
        .create_shot_tasks(task_type.id)
        .only([first.id])
        .await
        .unwrap();
    let task = match tasks.first() {
        Some(task) => task.clone(),
        None => client
            .shot(first.id)
            .tasks()
            .await
            .unwrap()
            .into_iter()
            .find(|task| task.task_type_id == Some(task_type.id))
            .unwrap(),
    };
    let comment = client.task(task.id).comment(status.id, "v1").await.unwrap();
    let older = client.task(task.id).add_preview(comment.id).await.unwrap();
    let newer = client.task(task.id).add_preview(comment.id).await.unwrap();
    let previews = client.playlists().entity_previews(first.id).await.unwrap();
    let revisions = previews.get(&task_type.id).unwrap();
    assert_eq!(revisions[0].id, newer.id, "newest revision first");
    // gazu's pick: the newest of the latest revisions of each task type (the demo's shots may
    // have previews of other task types).
    let latest = previews
        .values()
        .filter_map(|revisions| revisions.first())
        .fold(
            None,
            |best: Option<&kitsu_api::models::PreviewFile>, candidate| match best {
                Some(best) if best.created_at >= candidate.created_at => Some(best),
                _ => Some(candidate),
            },
        )
        .map(|preview| preview.id);

    let handle = client.playlist(playlist.id);
    let filled = handle.add_entity(first.id).await.unwrap();
    let entries = filled.entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].entity_id, EntityId::from(first.id));
    assert_eq!(entries[0].preview_file_id, latest);
    let filled = handle.add_entity(second.id).await.unwrap();
    assert_eq!(filled.entries()[1].preview_file_id, None);
    // The same couple twice is kept once.
    let filled = handle.add_entity(first.id).await.unwrap();
    assert_eq!(filled.entries().len(), 2);

    let changed = handle.set_entity_preview(first.id, older.id).await.unwrap();
    assert_eq!(changed.entries()[0].preview_file_id, Some(older.id));
    assert!(changed.entries()[1].preview_file_id.is_none());
    let removed = handle.remove_entity(first.id).await.unwrap();
    assert_eq!(removed.entries().len(), 1);
    assert_eq!(handle.entries().await.unwrap().len(), 1);

    // Built from shots: each with its latest preview, in order.
    let built = project
        .playlist_from_shots("Review", [first.id, second.id])
        .await
        .unwrap();
    let entries = built.entries();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].preview_file_id, latest);
    assert_eq!(project.all_playlists().await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_event_log_is_read_with_its_filters_and_paged() {
    let (_kitsu, client) = demo().await;
    let project = client.projects().list().await.unwrap().remove(0);
    let handle = client.project(project.id);
    let sequence = handle.sequences().await.unwrap().remove(0);
    for name in ["SH901", "SH902", "SH903"] {
        handle.new_shot(sequence.id, name).await.unwrap();
    }
    let shots = client
        .last_events()
        .project(project.id)
        .name("shot:new")
        .await
        .unwrap();
    assert!(shots.len() >= 3, "{shots:?}");
    assert!(shots.iter().all(|event| event.name == "shot:new"));
    let one = client
        .last_events()
        .name("shot:new")
        .limit(1)
        .await
        .unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].id, shots[0].id, "newest first");
    let paged = client
        .last_events()
        .project(project.id)
        .name("shot:new")
        .limit(2)
        .all()
        .await
        .unwrap();
    let ids = |events: &[kitsu_api::models::ApiEvent]| -> Vec<_> {
        events.iter().map(|event| event.id).collect()
    };
    assert_eq!(ids(&paged), ids(&shots));
}

#[tokio::test]
async fn a_playlists_movies_download_concurrently_in_its_order() {
    let (_kitsu, client) = demo().await;
    let project = client.projects().list().await.unwrap().remove(0);
    let project = client.project(project.id);
    let shots = project.shots().await.unwrap();
    let task_type = client.task_types().list().await.unwrap().remove(0);
    let status = client.task_statuses().list().await.unwrap().remove(0);
    let dir = std::env::temp_dir().join(format!("kitsu-playlist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let playlist = project.new_playlist("Movies").await.unwrap();
    let handle = client.playlist(playlist.id);
    let mut expected = Vec::new();
    for (n, shot) in shots.iter().take(3).enumerate() {
        let _ = project
            .create_shot_tasks(task_type.id)
            .only([shot.id])
            .await
            .unwrap();
        let task = client
            .shot(shot.id)
            .tasks()
            .await
            .unwrap()
            .into_iter()
            .find(|task| task.task_type_id == Some(task_type.id))
            .unwrap();
        let comment = client
            .task(task.id)
            .comment(status.id, "take")
            .await
            .unwrap();
        let preview = client.task(task.id).add_preview(comment.id).await.unwrap();
        let movie = dir.join(format!("take{n}.mp4"));
        std::fs::write(&movie, vec![n as u8; 1000 + n]).unwrap();
        client
            .preview_file(preview.id)
            .upload(&movie)
            .await
            .unwrap();
        std::fs::remove_file(&movie).unwrap();
        handle
            .add_entity(shot.id)
            .preview(preview.id)
            .await
            .unwrap();
        expected.push((preview.id, 1000 + n));
    }
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let paths = handle.download_movies(&out, 2).await.unwrap();
    assert_eq!(paths.len(), expected.len());
    for (path, (preview, size)) in paths.iter().zip(&expected) {
        assert_eq!(path, &out.join(format!("{preview}.mp4")));
        assert_eq!(std::fs::metadata(path).unwrap().len(), *size as u64);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
