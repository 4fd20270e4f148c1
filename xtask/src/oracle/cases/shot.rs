//! The oracle's cases for gazu's `shot` module.

use kitsu::Kitsu;
use kitsu::ids::{EpisodeId, ProjectId, SequenceId};
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// A timeline with no clip: enough for Zou to run an OpenTimelineIO import.
const EMPTY_OTIO: &str = r#"{"OTIO_SCHEMA": "Timeline.1", "metadata": {}, "name": "cut", "global_start_time": null, "tracks": {"OTIO_SCHEMA": "Stack.1", "metadata": {}, "name": "tracks", "source_range": null, "effects": [], "markers": [], "enabled": true, "children": []}}"#;

/// Rows this module's cases need beyond the common world, made for each side: rows to
/// delete, and the files the imports and the export use.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project = kitsu.project(world.id::<ProjectId>("project")?);
    let sequence: SequenceId = world.id("sequence")?;
    let episode: EpisodeId = world.id("episode")?;
    let gone = project.new_shot(sequence, "SH_GONE").await?;
    world.set("shot_to_remove", gone.id);
    let gone = project.new_sequence("SQ_GONE").episode(episode).await?;
    world.set("sequence_to_remove", gone.id);
    let gone = project.new_episode("E_GONE").await?;
    world.set("episode_to_remove", gone.id);
    let directory = std::env::temp_dir();
    let csv = directory.join(format!("{}.csv", world.unique("kitsu-oracle-shots")));
    world.set("shots_csv", csv.display());
    let otio = directory.join(format!("{}.otio", world.unique("kitsu-oracle-cut")));
    std::fs::write(&otio, EMPTY_OTIO)?;
    world.set("otio", otio.display());
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "shot.get_shot",
            r#"gazu.shot.get_shot(w["shot"])"#,
            |k, w| {
                k.shot(w.id("shot")?).get().await?;
            }
        ),
        case!(
            "shot.all_shots_for_project",
            r#"gazu.shot.all_shots_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).shots().await?;
            }
        ),
        case!(
            "shot.all_sequences_for_project",
            r#"gazu.shot.all_sequences_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).sequences().await?;
            }
        ),
        case!(
            "shot.all_episodes_for_project",
            r#"gazu.shot.all_episodes_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).episodes().await?;
            }
        ),
        case!(
            "shot.all_shots_for_episode",
            r#"gazu.shot.all_shots_for_episode(w["episode"])"#,
            |k, w| {
                k.episode(w.id("episode")?).shots().await?;
            }
        ),
        case!(
            "shot.all_shots_for_sequence",
            r#"gazu.shot.all_shots_for_sequence(w["sequence"])"#,
            |k, w| {
                k.sequence(w.id("sequence")?).shots().await?;
            }
        ),
        case!(
            "shot.all_sequences_for_episode",
            r#"gazu.shot.all_sequences_for_episode(w["episode"])"#,
            |k, w| {
                k.episode(w.id("episode")?).sequences().await?;
            }
        ),
        case!(
            "shot.all_previews_for_shot",
            r#"gazu.shot.all_previews_for_shot(w["shot"])"#,
            |k, w| {
                k.shot(w.id("shot")?).previews().await?;
            }
        ),
        case!(
            "shot.get_episode",
            r#"gazu.shot.get_episode(w["episode"])"#,
            |k, w| {
                k.episode(w.id("episode")?).get().await?;
            }
        ),
        case!(
            "shot.get_episode_by_name",
            r#"gazu.shot.get_episode_by_name(w["project"], w["episode_name"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .episode_by_name(w.get("episode_name")?)
                    .await?
                    .ok_or("no episode of that name")?;
            }
        ),
        case!(
            "shot.get_episode_from_sequence",
            r#"gazu.shot.get_episode_from_sequence(gazu.shot.get_sequence(w["sequence"]))"#,
            |k, w| {
                k.sequence(w.id("sequence")?)
                    .episode()
                    .await?
                    .ok_or("the sequence has no episode")?;
            }
        ),
        case!(
            "shot.get_sequence",
            r#"gazu.shot.get_sequence(w["sequence"])"#,
            |k, w| {
                k.sequence(w.id("sequence")?).get().await?;
            }
        ),
        case!(
            "shot.get_sequence_by_name",
            r#"gazu.shot.get_sequence_by_name(w["project"], w["sequence_name"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .sequence_by_name(w.get("sequence_name")?)
                    .await?
                    .ok_or("no sequence of that name")?;
            }
        ),
        case!(
            "shot.get_sequence_from_shot",
            r#"gazu.shot.get_sequence_from_shot(w["shot"])"#,
            |k, w| {
                k.shot(w.id("shot")?).sequence().await?;
            }
        ),
        case!(
            "shot.get_shot_by_name",
            r#"gazu.shot.get_shot_by_name(w["sequence"], w["shot_name"])"#,
            |k, w| {
                k.sequence(w.id("sequence")?)
                    .shot_by_name(w.get("shot_name")?)
                    .await?
                    .ok_or("no shot of that name")?;
            }
        ),
        case!(
            "shot.get_episode_url",
            r#"gazu.shot.get_episode_url(w["episode"])"#,
            |k, w| {
                k.episode(w.id("episode")?).web_url().await?;
            }
        ),
        case!(
            "shot.get_shot_url",
            r#"gazu.shot.get_shot_url(w["shot"])"#,
            |k, w| {
                k.shot(w.id("shot")?).web_url().await?;
            }
        ),
        case!(
            "shot.get_all_episodes_url",
            r#"gazu.shot.get_all_episodes_url(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).episodes_web_url();
            }
        ),
        case!(
            "shot.get_all_sequences_url",
            r#"gazu.shot.get_all_sequences_url(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).sequences_web_url();
            }
        ),
        case!(
            "shot.get_sequence_url",
            r#"gazu.shot.get_sequence_url(w["sequence"])"#,
            |k, w| {
                k.sequence(w.id("sequence")?).web_url().await?;
            }
        ),
        case!(
            "shot.new_episode",
            r#"gazu.shot.new_episode(w["project"], "E02")"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_episode("E02")
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "shot.new_sequence",
            r#"gazu.shot.new_sequence(w["project"], "SQ02", episode=w["episode"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_sequence("SQ02")
                    .episode(w.id("episode")?)
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "shot.new_shot",
            r#"gazu.shot.new_shot(w["project"], w["sequence"], "SH020", nb_frames=24, frame_in=1, frame_out=24, description="new", data={"look": "dark"})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_shot(w.id("sequence")?, "SH020")
                    .nb_frames(24)
                    .frame_in(1)
                    .frame_out(24)
                    .description("new")
                    .data(json!({"look": "dark"}))
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "shot.update_shot",
            r#"gazu.shot.update_shot({"id": w["shot"], "description": "changed"})"#,
            |k, w| {
                k.shot(w.id("shot")?)
                    .update(&json!({"description": "changed"}))
                    .await?;
            }
        ),
        case!(
            "shot.update_shot_data",
            r#"gazu.shot.update_shot_data(w["shot"], {"look": "bright"})"#,
            |k, w| {
                k.shot(w.id("shot")?)
                    .update_data(&json!({"look": "bright"}))
                    .await?;
            }
        ),
        case!(
            "shot.update_sequence",
            r#"gazu.shot.update_sequence({"id": w["sequence"], "description": "changed"})"#,
            |k, w| {
                k.sequence(w.id("sequence")?)
                    .update(&json!({"description": "changed"}))
                    .await?;
            }
        ),
        case!(
            "shot.update_sequence_data",
            r#"gazu.shot.update_sequence_data(w["sequence"], {"look": "bright"})"#,
            |k, w| {
                k.sequence(w.id("sequence")?)
                    .update_data(&json!({"look": "bright"}))
                    .await?;
            }
        ),
        case!(
            "shot.update_episode",
            r#"gazu.shot.update_episode({"id": w["episode"], "description": "changed"})"#,
            |k, w| {
                k.episode(w.id("episode")?)
                    .update(&json!({"description": "changed"}))
                    .await?;
            }
        ),
        case!(
            "shot.update_episode_data",
            r#"gazu.shot.update_episode_data(w["episode"], {"look": "bright"})"#,
            |k, w| {
                k.episode(w.id("episode")?)
                    .update_data(&json!({"look": "bright"}))
                    .await?;
            }
        ),
        case!(
            "shot.add_asset_instance_to_shot",
            r#"gazu.shot.add_asset_instance_to_shot(w["shot"], w["asset_instance"])"#,
            |k, w| {
                k.shot(w.id("shot")?)
                    .add_asset_instance(w.id("asset_instance")?)
                    .await?;
            }
        ),
        case!(
            "shot.get_asset_instances_for_shot",
            r#"gazu.shot.get_asset_instances_for_shot(w["shot"])"#,
            |k, w| {
                k.shot(w.id("shot")?).asset_instances().await?;
            }
        ),
        case!(
            "shot.all_asset_instances_for_shot",
            r#"gazu.shot.all_asset_instances_for_shot(w["shot"])"#,
            |k, w| {
                k.shot(w.id("shot")?).asset_instances().await?;
            }
        ),
        case!(
            "shot.remove_asset_instance_from_shot",
            r#"gazu.shot.remove_asset_instance_from_shot(w["shot"], w["asset_instance"])"#,
            |k, w| {
                k.shot(w.id("shot")?)
                    .remove_asset_instance(w.id("asset_instance")?)
                    .await?;
            }
        ),
        case!(
            "shot.remove_shot",
            r#"gazu.shot.remove_shot(w["shot_to_remove"])"#,
            |k, w| {
                k.shot(w.id("shot_to_remove")?).delete().await?;
            }
        ),
        case!(
            "shot.restore_shot",
            r#"gazu.shot.restore_shot(w["shot"])"#,
            |k, w| {
                k.shot(w.id("shot")?).restore().await?;
            }
        ),
        case!(
            "shot.remove_sequence",
            r#"gazu.shot.remove_sequence(w["sequence_to_remove"])"#,
            |k, w| {
                k.sequence(w.id("sequence_to_remove")?).delete().await?;
            }
        ),
        case!(
            "shot.remove_episode",
            r#"gazu.shot.remove_episode(w["episode_to_remove"], force=True)"#,
            |k, w| {
                k.episode(w.id("episode_to_remove")?)
                    .delete_forever()
                    .await?;
            }
        ),
        case!(
            "shot.export_shots_with_csv",
            r#"gazu.shot.export_shots_with_csv(w["project"], w["shots_csv"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .export_shots_csv(w.get("shots_csv")?, None, None)
                    .await?;
            }
        ),
        case!(
            "shot.import_shots_with_csv",
            r#"gazu.shot.import_shots_with_csv(w["project"], w["shots_csv"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .import_shots_csv(w.get("shots_csv")?)
                    .await?;
            }
        ),
        case!(
            "shot.import_otio",
            // The files of the imports and the export are removed after the last of them.
            r#"
gazu.shot.import_otio(w["project"], w["otio"], episode=w["episode"])
import os
os.remove(w["otio"])
os.remove(w["shots_csv"])
"#,
            |k, w| {
                k.project(w.id("project")?)
                    .import_otio(w.get("otio")?)
                    .episode(w.id("episode")?)
                    .await?;
                std::fs::remove_file(w.get("otio")?)?;
                std::fs::remove_file(w.get("shots_csv")?)?;
            }
        ),
    ]
}
