//! The oracle's cases for gazu's `context` module. gazu's `user_context` defaults to false: the
//! plain routes, which `kitsu.context_for(false)` takes (`kitsu.context()` would first ask Zou
//! who is logged in, a request gazu does not make).

use kitsu::Kitsu;
use kitsu::ids::ProjectId;
use serde_json::{Value, json};

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side: a scene in the
/// sequence.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project = world.id::<ProjectId>("project")?;
    let scene: Value = kitsu
        .post(
            format!("data/projects/{project}/scenes"),
            &json!({ "name": "SC01", "sequence_id": world.get("sequence")? }),
        )
        .await?;
    let id = scene
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("the new scene has no id: {scene}"))?;
    world.set("scene", id);
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "context.all_open_projects",
            r#"gazu.context.all_open_projects()"#,
            |k, w| {
                k.context_for(false).open_projects().await?;
            }
        ),
        case!(
            "context.all_assets_for_project",
            r#"gazu.context.all_assets_for_project(w["project"])"#,
            |k, w| {
                k.context_for(false).assets(w.id("project")?).await?;
            }
        ),
        case!(
            "context.all_asset_types_for_project",
            r#"gazu.context.all_asset_types_for_project(w["project"])"#,
            |k, w| {
                k.context_for(false).asset_types(w.id("project")?).await?;
            }
        ),
        case!(
            "context.all_assets_for_asset_type_and_project",
            r#"gazu.context.all_assets_for_asset_type_and_project(w["project"], w["asset_type"])"#,
            |k, w| {
                k.context_for(false)
                    .assets_of_type(w.id("project")?, w.id("asset_type")?)
                    .await?;
            }
        ),
        case!(
            "context.all_task_types_for_asset",
            r#"gazu.context.all_task_types_for_asset(w["asset"])"#,
            |k, w| {
                k.context_for(false)
                    .asset_task_types(w.id("asset")?)
                    .await?;
            }
        ),
        case!(
            "context.all_task_types_for_shot",
            r#"gazu.context.all_task_types_for_shot(w["shot"])"#,
            |k, w| {
                k.context_for(false).shot_task_types(w.id("shot")?).await?;
            }
        ),
        case!(
            "context.all_task_types_for_scene",
            r#"gazu.context.all_task_types_for_scene(w["scene"])"#,
            |k, w| {
                k.context_for(false)
                    .scene_task_types(w.id("scene")?)
                    .await?;
            }
        ),
        case!(
            "context.all_task_types_for_sequence",
            r#"gazu.context.all_task_types_for_sequence(w["sequence"])"#,
            |k, w| {
                k.context_for(false)
                    .sequence_task_types(w.id("sequence")?)
                    .await?;
            }
        ),
        case!(
            "context.all_sequences_for_project",
            r#"gazu.context.all_sequences_for_project(w["project"])"#,
            |k, w| {
                k.context_for(false).sequences(w.id("project")?).await?;
            }
        ),
        case!(
            "context.all_scenes_for_project",
            r#"gazu.context.all_scenes_for_project(w["project"])"#,
            |k, w| {
                k.context_for(false).scenes(w.id("project")?).await?;
            }
        ),
        case!(
            "context.all_shots_for_sequence",
            r#"gazu.context.all_shots_for_sequence(w["sequence"])"#,
            |k, w| {
                k.context_for(false).shots(w.id("sequence")?).await?;
            }
        ),
        case!(
            "context.all_scenes_for_sequence",
            r#"gazu.context.all_scenes_for_sequence(w["sequence"])"#,
            |k, w| {
                k.context_for(false)
                    .sequence_scenes(w.id("sequence")?)
                    .await?;
            }
        ),
        case!(
            "context.all_sequences_for_episode",
            r#"gazu.context.all_sequences_for_episode(w["episode"])"#,
            |k, w| {
                k.context_for(false)
                    .episode_sequences(w.id("episode")?)
                    .await?;
            }
        ),
        case!(
            "context.all_episodes_for_project",
            r#"gazu.context.all_episodes_for_project(w["project"])"#,
            |k, w| {
                k.context_for(false).episodes(w.id("project")?).await?;
            }
        ),
    ]
}
