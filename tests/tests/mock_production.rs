//! A production set up and broken down against kitsu-mock through the facade (typed handles
//! where they exist, the raw verbs for the rest): a TV show with episodes, sequences, shots
//! and assets, their casting, then the breakdown read back. What the `production_setup`
//! example does, hermetically; every answer decodes into our models.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kitsu::models::{Asset, AssetType, Project, Sequence, Shot};
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use serde_json::{Value, json};

fn id_of(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn production_setup_and_breakdown() {
    let mock = MockKitsu::start().await.unwrap();
    let kitsu = kitsu::create_session(&mock.base_url(), ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .unwrap();

    // The project: a TV show gets its first episode.
    let show: Value = kitsu
        .post(
            "data/projects",
            &json!({"name": "Setup", "production_type": "tvshow"}),
        )
        .await
        .unwrap();
    let project: Project = serde_json::from_value(show.clone()).unwrap();
    assert_eq!(kitsu.project(project.id).get().await.unwrap().name, "Setup");
    let handle = kitsu.project(project.id);

    // Episodes, then sequences under them (gazu's new_episode / new_sequence).
    let mut episodes = vec![show["first_episode_id"].as_str().unwrap().to_owned()];
    let second: Value = kitsu
        .post(
            format!("data/projects/{}/episodes", project.id),
            &json!({"name": "E02"}),
        )
        .await
        .unwrap();
    episodes.push(id_of(&second));
    let mut shots = Vec::new();
    for (number, episode) in episodes.iter().enumerate() {
        let sequence: Sequence = kitsu
            .post(
                format!("data/projects/{}/sequences", project.id),
                &json!({"name": format!("SQ{:02}", number + 1), "episode_id": episode}),
            )
            .await
            .unwrap();
        for shot in 1..=2 {
            let shot: Shot = handle
                .new_shot(sequence.id, format!("SH{:03}", shot * 10))
                .nb_frames(48)
                .data(json!({"frame_in": 1, "frame_out": 48}))
                .await
                .unwrap();
            shots.push(shot);
        }
    }
    assert_eq!(handle.shots().await.unwrap().len(), 4);
    assert_eq!(handle.sequences().await.unwrap().len(), 2);
    let listed: Vec<Value> = kitsu
        .get(format!("data/projects/{}/episodes", project.id))
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    let by_name: Vec<Shot> = kitsu
        .get(format!(
            "data/shots/all?sequence_id={}&name=SH010",
            shots[0].parent_id.unwrap()
        ))
        .await
        .unwrap();
    assert_eq!(by_name[0].id, shots[0].id);
    assert_eq!(by_name[0].sequence_name.as_deref(), Some("SQ01"));

    // Assets of two types, and the project's asset types.
    let types: Vec<AssetType> = kitsu.get("data/asset-types").await.unwrap();
    let type_named = |name: &str| types.iter().find(|t| t.name == name).unwrap().id;
    let hero: Asset = handle
        .new_asset(type_named("Character"), "Hero")
        .await
        .unwrap();
    let sword: Asset = handle
        .new_asset(type_named("Prop"), "Sword")
        .description("sharp")
        .await
        .unwrap();
    assert_eq!(handle.assets().await.unwrap().len(), 2);
    let project_types: Vec<AssetType> = kitsu
        .get(format!("data/projects/{}/asset-types", project.id))
        .await
        .unwrap();
    assert_eq!(project_types.len(), 2);

    // update_shot: `data` merges.
    let updated: Value = kitsu
        .put(
            format!("data/entities/{}", shots[0].id),
            &json!({"data": {"frame_out": 60}}),
        )
        .await
        .unwrap();
    assert_eq!(updated["data"], json!({"frame_in": 1, "frame_out": 60}));

    // Casting: the hero in every shot, the sword twice in the first one.
    for (index, shot) in shots.iter().enumerate() {
        let mut casting = vec![json!({"asset_id": hero.id, "nb_occurences": 1})];
        if index == 0 {
            casting.push(json!({"asset_id": sword.id, "nb_occurences": 2, "label": "fixed"}));
        }
        let _: Value = kitsu
            .put(
                format!("data/projects/{}/entities/{}/casting", project.id, shot.id),
                &casting,
            )
            .await
            .unwrap();
    }

    // The breakdown, read back.
    let all: Value = kitsu
        .get(format!(
            "data/projects/{}/sequences/all/casting",
            project.id
        ))
        .await
        .unwrap();
    assert_eq!(all.as_object().unwrap().len(), 4);
    let first: Value = kitsu
        .get(format!(
            "data/projects/{}/entities/{}/casting",
            project.id, shots[0].id
        ))
        .await
        .unwrap();
    let breakdown: Vec<(String, i64)> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["asset_name"].as_str().unwrap().to_owned(),
                c["nb_occurences"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(breakdown, [("Hero".to_owned(), 1), ("Sword".to_owned(), 2)]);
    let cast_in: Vec<Value> = kitsu
        .get(format!("data/assets/{}/cast-in", hero.id))
        .await
        .unwrap();
    assert_eq!(cast_in.len(), 4);
    let episode_casting: Value = kitsu
        .get(format!(
            "data/projects/{}/entities/{}/casting",
            project.id, episodes[0]
        ))
        .await
        .unwrap();
    assert_eq!(episode_casting.as_array().unwrap().len(), 2);
    let full: Value = kitsu
        .get(format!("data/shots/{}", shots[0].id))
        .await
        .unwrap();
    assert_eq!(full["nb_entities_out"], json!(2));
    assert_eq!(full["episode_id"], json!(episodes[0]));
}
