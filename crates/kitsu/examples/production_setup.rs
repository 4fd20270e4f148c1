//! Sets up a TV show through the domain handles: episodes, sequences under them, shots with
//! frame ranges, assets of two types, their casting in the shots; then prints the breakdown
//! (each shot and what is cast in it) and where the hero appears.
//!
//! Every creation is gazu's get-or-create (`.get_or_create()`), so running it again finds what
//! the first run made instead of failing: against a real Kitsu (`KITSU_HOST`…) it builds the
//! production "Production setup example" once and reads it back after.
//!
//! ```sh
//! cargo run --example production_setup
//! ```

mod common;

use kitsu::ids::EntityId;
use kitsu::models::{CastLink, Shot};
use kitsu::prelude::*;

/// A shot's name and length in frames.
type ShotPlan = (&'static str, i64);
/// A sequence's name and shots.
type SequencePlan = (&'static str, [ShotPlan; 2]);

/// The show: episodes, each with sequences, each with shots of so many frames.
const EPISODES: [(&str, [SequencePlan; 2]); 2] = [
    (
        "E01",
        [
            ("SQ01", [("SH010", 48), ("SH020", 72)]),
            ("SQ02", [("SH010", 24), ("SH020", 96)]),
        ],
    ),
    (
        "E02",
        [
            ("SQ01", [("SH010", 60), ("SH020", 36)]),
            ("SQ02", [("SH010", 120), ("SH020", 12)]),
        ],
    ),
];

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    kitsu
        .scoped(|kitsu| async move { set_up(&kitsu).await })
        .await
}

async fn set_up(kitsu: &Kitsu) -> Result<(), kitsu::Error> {
    // The studio's asset types, and a TV show that uses them.
    let character = kitsu.asset_types().ensure("Character").await?;
    let prop = kitsu.asset_types().ensure("Prop").await?;
    let show = kitsu
        .projects()
        .new_project("Production setup example")
        .production_type("tvshow")
        .get_or_create()
        .await?;
    let project = kitsu.project(show.id);
    for asset_type in [character.id, prop.id] {
        project.settings().add_asset_type(asset_type).await?;
    }

    // Episodes, sequences under them, shots with their frame range.
    let mut shots: Vec<(String, Shot)> = Vec::new();
    for (episode_name, sequences) in EPISODES {
        let episode = project.new_episode(episode_name).get_or_create().await?;
        for (sequence_name, sequence_shots) in sequences {
            let sequence = project
                .new_sequence(sequence_name)
                .episode(episode.id)
                .get_or_create()
                .await?;
            for (shot_name, frames) in sequence_shots {
                let shot = project
                    .new_shot(sequence.id, shot_name)
                    .frame_in(1)
                    .frame_out(frames)
                    .nb_frames(frames)
                    .get_or_create()
                    .await?;
                shots.push((format!("{episode_name}/{sequence_name}/{shot_name}"), shot));
            }
        }
    }

    // Assets, then their casting: the hero everywhere, the sidekick in every other shot, the
    // sword twice in the first shot of each sequence.
    let hero = project
        .new_asset(character.id, "Hero")
        .description("the lead")
        .get_or_create()
        .await?;
    let sidekick = project
        .new_asset(character.id, "Sidekick")
        .get_or_create()
        .await?;
    let sword = project
        .new_asset(prop.id, "Sword")
        .data(serde_json::json!({ "material": "steel" }))
        .get_or_create()
        .await?;
    for (index, (_, shot)) in shots.iter().enumerate() {
        let mut cast = vec![CastLink::new(hero.id, 1)];
        if index % 2 == 1 {
            cast.push(CastLink::new(sidekick.id, 1));
        }
        if index % 2 == 0 {
            cast.push(CastLink::new(sword.id, 2).label("fixed"));
        }
        project.set_casting(shot.id, &cast).await?;
    }

    // The breakdown, read back in one request: every shot's casting, by shot.
    let casting = project.shots_casting().await?;
    println!("{} ({} shots, 3 assets)", show.name, shots.len());
    for (path, shot) in &shots {
        let cast = casting
            .get(&EntityId::from(shot.id))
            .map(|entries| {
                entries
                    .iter()
                    .map(|entry| {
                        let name = entry
                            .asset_name
                            .as_deref()
                            .or(entry.name.as_deref())
                            .unwrap_or("?");
                        match entry.nb_occurences {
                            Some(count) if count > 1 => format!("{name} ×{count}"),
                            _ => name.to_owned(),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let frames = shot.nb_frames.unwrap_or_default();
        println!("  {path:<16} {frames:>4} frames  {cast}");
    }
    let appearances = kitsu.asset(hero.id).cast_in().await?;
    println!("{} is cast in {} shots", hero.name, appearances.len());
    Ok(())
}
