//! A production set up and broken down against kitsu-mock through the typed handles, as the
//! `production_setup` example does: a TV show with episodes, sequences, shots and assets,
//! their casting, then the breakdown read back. Hermetic proof of the most-used calls of
//! gazu's project, shot, asset, casting and entity modules; every answer decodes into our
//! models.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kitsu::ids::EntityId;
use kitsu::models::CastLink;
use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
use serde_json::json;

#[tokio::test]
async fn production_setup_and_breakdown() {
    let mock = MockKitsu::start().await.unwrap();
    let kitsu = kitsu::create_session(&mock.base_url(), ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .unwrap();

    // The project: a TV show gets its first episode, so gazu's get-or-create finds it.
    let show = kitsu
        .projects()
        .new_project("Setup")
        .production_type("tvshow")
        .get_or_create()
        .await
        .unwrap();
    let again = kitsu
        .projects()
        .new_project("Setup")
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(again.id, show.id, "get-or-create finds the project");
    assert_eq!(
        kitsu.projects().by_name("Setup").await.unwrap().unwrap().id,
        show.id
    );
    let project = kitsu.project(show.id);
    assert_eq!(project.get().await.unwrap().name, "Setup");
    let first = project.new_episode("E01").get_or_create().await.unwrap();
    assert_eq!(Some(first.id), show.first_episode_id);
    let second = project.new_episode("E02").await.unwrap();
    let episodes = [first.id, second.id];
    assert_eq!(project.episodes().await.unwrap().len(), 2);
    assert_eq!(
        project.episode_by_name("E02").await.unwrap().unwrap().id,
        second.id
    );

    // Sequences under the episodes, shots with frame ranges (gazu's new_sequence, new_shot).
    let mut shots = Vec::new();
    let mut sequences = Vec::new();
    for (number, episode) in episodes.iter().enumerate() {
        let sequence = project
            .new_sequence(format!("SQ{:02}", number + 1))
            .episode(*episode)
            .get_or_create()
            .await
            .unwrap();
        sequences.push(sequence.id);
        for shot in 1..=2 {
            let shot = project
                .new_shot(sequence.id, format!("SH{:03}", shot * 10))
                .frame_in(1)
                .frame_out(48)
                .nb_frames(48)
                .await
                .unwrap();
            shots.push(shot);
        }
    }
    assert_eq!(project.shots().await.unwrap().len(), 4);
    assert_eq!(project.sequences().await.unwrap().len(), 2);
    assert_eq!(
        kitsu.episode(episodes[0]).sequences().await.unwrap().len(),
        1
    );
    assert_eq!(kitsu.sequence(sequences[0]).shots().await.unwrap().len(), 2);
    let by_name = kitsu
        .sequence(sequences[0])
        .shot_by_name("SH010")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_name.id, shots[0].id);
    assert_eq!(by_name.sequence_name.as_deref(), Some("SQ01"));
    let same = project
        .new_shot(sequences[0], "SH010")
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(same.id, shots[0].id, "get-or-create finds the shot");

    // Assets of two types, and the project's asset types.
    let character = kitsu
        .asset_types()
        .by_name("Character")
        .await
        .unwrap()
        .unwrap();
    let prop = kitsu.asset_types().by_name("Prop").await.unwrap().unwrap();
    let hero = project.new_asset(character.id, "Hero").await.unwrap();
    let sword = project
        .new_asset(prop.id, "Sword")
        .description("sharp")
        .get_or_create()
        .await
        .unwrap();
    assert_eq!(project.assets().await.unwrap().len(), 2);
    assert_eq!(project.asset_types().await.unwrap().len(), 2);
    let found = kitsu
        .assets()
        .by_name(show.id, "Sword", Some(prop.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, sword.id);
    assert_eq!(kitsu.asset(sword.id).get().await.unwrap().name, "Sword");

    // update_shot_data: `data` merges.
    let updated = kitsu
        .shot(shots[0].id)
        .update_data(&json!({"frame_out": 60}))
        .await
        .unwrap();
    let data = updated.data.unwrap();
    assert_eq!(data["frame_out"], json!(60));
    assert_eq!(data["frame_in"], json!(1));

    // Casting: the hero in every shot, the sword twice in the first one.
    for (index, shot) in shots.iter().enumerate() {
        let mut cast = vec![CastLink::new(hero.id, 1)];
        if index == 0 {
            cast.push(CastLink::new(sword.id, 2).label("fixed"));
        }
        project.set_casting(shot.id, &cast).await.unwrap();
    }

    // The breakdown, read back.
    let all = project.shots_casting().await.unwrap();
    assert_eq!(all.len(), 4);
    let first_cast: Vec<(String, Option<i64>)> = project
        .casting(shots[0].id)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| (entry.asset_name.unwrap_or_default(), entry.nb_occurences))
        .collect();
    assert_eq!(
        first_cast,
        [("Hero".to_owned(), Some(1)), ("Sword".to_owned(), Some(2))]
    );
    assert_eq!(all[&EntityId::from(shots[1].id)].len(), 1);
    assert_eq!(kitsu.asset(hero.id).cast_in().await.unwrap().len(), 4);
    assert_eq!(project.casting(episodes[0]).await.unwrap().len(), 2);
    let full = kitsu.shot(shots[0].id).get().await.unwrap();
    assert_eq!(full.nb_entities_out, Some(2));
    assert_eq!(full.episode_id, Some(episodes[0]));
    let entity = kitsu.entity(shots[0].id.entity()).get().await.unwrap();
    assert_eq!(entity.name, "SH010");
}
