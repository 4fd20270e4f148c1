//! Episodes, sequences and shots against the fake Kitsu: gazu's get-or-create, the
//! read-merge-write of `data`, updates through `data/entities`, web URLs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use kitsu_api::Client;
use kitsu_mock::MockKitsu;
use serde_json::json;

async fn demo() -> (MockKitsu, Client) {
    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let client = support::admin_client(&kitsu).await;
    (kitsu, client)
}

#[tokio::test]
async fn get_or_create_finds_what_exists() {
    let (_kitsu, client) = demo().await;
    let project = client.projects().list().await.unwrap().remove(0);
    let project = client.project(project.id);
    let episode = project.new_episode("E42").get_or_create().await.unwrap();
    let again = project.new_episode("E42").get_or_create().await.unwrap();
    assert_eq!(episode.id, again.id);
    assert_eq!(
        project.episode_by_name("E42").await.unwrap().unwrap().id,
        episode.id
    );
    assert!(
        project
            .episodes()
            .await
            .unwrap()
            .iter()
            .any(|e| e.id == episode.id)
    );
    let sequence = project
        .new_sequence("SQ42")
        .episode(episode.id)
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(sequence.parent_id, Some(episode.id));
    let again = project
        .new_sequence("SQ42")
        .episode(episode.id)
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(sequence.id, again.id);
    assert_eq!(
        client.sequence(sequence.id).get().await.unwrap().name,
        "SQ42"
    );
    assert_eq!(client.episode(episode.id).get().await.unwrap().name, "E42");

    let shot = project
        .new_shot(sequence.id, "SH420")
        .frame_in(1)
        .frame_out(24)
        .nb_frames(24)
        .data(json!({"look": "dark"}))
        .await
        .unwrap();
    assert_eq!(shot.nb_frames, Some(24));
    assert_eq!(
        shot.data,
        Some(json!({"frame_in": 1, "frame_out": 24, "look": "dark"}))
    );
    let handle = client.shot(shot.id);
    let updated = handle
        .update_data(&json!({"look": "bright"}))
        .await
        .unwrap();
    assert_eq!(
        updated.data,
        Some(json!({"frame_in": 1, "frame_out": 24, "look": "bright"}))
    );
    let updated = handle
        .update(&json!({"description": "wide"}))
        .await
        .unwrap();
    assert_eq!(updated.description.as_deref(), Some("wide"));
    assert_eq!(handle.sequence().await.unwrap().id, sequence.id);
    let url = handle.web_url().await.unwrap();
    assert!(url.ends_with(&format!("/shots/{}/", shot.id)), "{url}");
    assert!(url.contains("/productions/"), "{url}");
}

#[tokio::test]
async fn a_breakdown_reads_back_by_episode_and_sequence() {
    let (_kitsu, client) = demo().await;
    let project = client.projects().list().await.unwrap().remove(0);
    let project = client.project(project.id);
    let episode = project.new_episode("E77").await.unwrap();
    let sequence = project
        .new_sequence("SQ77")
        .episode(episode.id)
        .await
        .unwrap();
    let first = project
        .new_shot(sequence.id, "SH020")
        .get_or_create()
        .await
        .unwrap();
    project.new_shot(sequence.id, "sh010").await.unwrap();
    let again = project
        .new_shot(sequence.id, "SH020")
        .nb_frames(99)
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(first.id, again.id, "an existing shot is found, not created");
    assert_eq!(again.nb_frames, None, "and not changed");

    let names = |shots: Vec<kitsu_api::models::Shot>| -> Vec<String> {
        shots.into_iter().map(|shot| shot.name).collect()
    };
    let in_sequence = client.sequence(sequence.id).shots().await.unwrap();
    assert_eq!(
        names(in_sequence),
        ["sh010", "SH020"],
        "sorted by name, as gazu"
    );
    let in_episode = client.episode(episode.id).shots().await.unwrap();
    assert_eq!(names(in_episode), ["sh010", "SH020"]);
    let sequences = client.episode(episode.id).sequences().await.unwrap();
    assert_eq!(sequences.len(), 1);
    assert_eq!(sequences[0].id, sequence.id);
    let found = client
        .sequence(sequence.id)
        .shot_by_name("SH020")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, first.id);
    assert!(
        client
            .sequence(sequence.id)
            .shot_by_name("SH999")
            .await
            .unwrap()
            .is_none()
    );

    let sequence_handle = client.sequence(sequence.id);
    sequence_handle.update_data(&json!({"a": 1})).await.unwrap();
    let merged = sequence_handle.update_data(&json!({"b": 2})).await.unwrap();
    assert_eq!(merged.data, Some(json!({"a": 1, "b": 2})));
    let episode_handle = client.episode(episode.id);
    let renamed = episode_handle
        .update(&json!({"description": "pilot"}))
        .await
        .unwrap();
    assert_eq!(renamed.description.as_deref(), Some("pilot"));
    assert_eq!(
        sequence_handle.episode().await.unwrap().map(|e| e.id),
        Some(episode.id)
    );
    client.shot(first.id).delete_forever().await.unwrap();
    let left = client.sequence(sequence.id).shots().await.unwrap();
    assert_eq!(names(left), ["sh010"]);
}
