//! The oracle's cases for gazu's `scene` module.

use kitsu::Kitsu;
use kitsu::ids::{AssetId, ProjectId, SequenceId};
use kitsu::models::AssetInstance;
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side: a layout scene
/// in the sequence, an instance of the asset in it, and a shot to link to it.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project = kitsu.project(world.id::<ProjectId>("project")?);
    let sequence: SequenceId = world.id("sequence")?;
    let scene = project.new_scene(sequence, "SC01").await?;
    world.set("scene", scene.id);
    world.set("scene_name", &scene.name);
    let instance = kitsu
        .scene(scene.id)
        .new_asset_instance(world.id::<AssetId>("asset")?)
        .await?;
    world.set("asset_instance", instance.id);
    world.set("asset_instance_name", instance.name.unwrap_or_default());
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "scene.new_scene",
            r#"gazu.scene.new_scene(w["project"], w["sequence"], "SC02")"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_scene(w.id("sequence")?, "SC02")
                    .await?;
            }
        ),
        case!("scene.all_scenes", r#"gazu.scene.all_scenes()"#, |k, w| {
            k.all_scenes().await?;
        }),
        case!(
            "scene.all_scenes_for_project",
            r#"gazu.scene.all_scenes_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).scenes().await?;
            }
        ),
        case!(
            "scene.all_scenes_for_sequence",
            r#"gazu.scene.all_scenes_for_sequence(w["sequence"])"#,
            |k, w| {
                k.sequence(w.id("sequence")?).scenes().await?;
            }
        ),
        case!(
            "scene.get_scene",
            r#"gazu.scene.get_scene(w["scene"])"#,
            |k, w| {
                k.scene(w.id("scene")?).get().await?;
            }
        ),
        case!(
            "scene.get_scene_by_name",
            r#"gazu.scene.get_scene_by_name(w["sequence"], w["scene_name"])"#,
            |k, w| {
                k.sequence(w.id("sequence")?)
                    .scene_by_name(w.get("scene_name")?)
                    .await?
                    .ok_or("no scene of that name")?;
            }
        ),
        case!(
            "scene.update_scene",
            r#"gazu.scene.update_scene({"id": w["scene"], "description": "changed"})"#,
            |k, w| {
                k.scene(w.id("scene")?)
                    .update(&json!({"description": "changed"}))
                    .await?;
            }
        ),
        case!(
            "scene.get_sequence_from_scene",
            r#"gazu.scene.get_sequence_from_scene(w["scene"])"#,
            |k, w| {
                k.scene(w.id("scene")?).sequence().await?;
            }
        ),
        case!(
            "scene.new_scene_asset_instance",
            r#"gazu.scene.new_scene_asset_instance(w["scene"], w["asset"], description="second")"#,
            |k, w| {
                k.scene(w.id("scene")?)
                    .new_asset_instance(w.id("asset")?)
                    .description("second")
                    .await?;
            }
        ),
        case!(
            "scene.all_asset_instances_for_scene",
            r#"gazu.scene.all_asset_instances_for_scene(w["scene"])"#,
            |k, w| {
                k.scene(w.id("scene")?).asset_instances().await?;
            }
        ),
        case!(
            "scene.get_asset_instance_by_name",
            r#"gazu.scene.get_asset_instance_by_name(w["scene"], w["asset_instance_name"])"#,
            |k, w| {
                k.scene(w.id("scene")?)
                    .asset_instance_by_name(w.get("asset_instance_name")?)
                    .await?
                    .ok_or("no asset instance of that name")?;
            }
        ),
        case!(
            "scene.all_camera_instances_for_scene",
            r#"gazu.scene.all_camera_instances_for_scene(w["scene"])"#,
            |k, w| {
                k.scene(w.id("scene")?).camera_instances().await?;
            }
        ),
        case!(
            "scene.update_asset_instance_name",
            r#"gazu.scene.update_asset_instance_name({"id": w["asset_instance"]}, "renamed")"#,
            |k, w| {
                k.collection::<AssetInstance>()
                    .rename(w.id("asset_instance")?, "renamed")
                    .await?;
            }
        ),
        case!(
            "scene.update_asset_instance_data",
            // The scene's instances are deleted after: Zou 1.0.97 cannot delete a project
            // whose assets have instances (a foreign key it does not cascade).
            r#"
gazu.scene.update_asset_instance_data(w["asset_instance"], {"look": "dark"})
for instances in gazu.scene.all_asset_instances_for_scene(w["scene"]).values():
    for instance in instances:
        gazu.client.delete("data/asset-instances/" + instance["id"])
"#,
            |k, w| {
                let instances = k.collection::<AssetInstance>();
                instances
                    .set_data(w.id("asset_instance")?, &json!({"look": "dark"}))
                    .await?;
                for list in k.scene(w.id("scene")?).asset_instances().await?.values() {
                    for instance in list {
                        instances.delete(instance.id).await?;
                    }
                }
            }
        ),
        case!(
            "scene.add_shot_to_scene",
            r#"gazu.scene.add_shot_to_scene(w["scene"], w["shot"])"#,
            |k, w| {
                k.scene(w.id("scene")?).add_shot(w.id("shot")?).await?;
            }
        ),
        case!(
            "scene.all_shots_for_scene",
            r#"gazu.scene.all_shots_for_scene(w["scene"])"#,
            |k, w| {
                k.scene(w.id("scene")?).shots().await?;
            }
        ),
        case!(
            "scene.remove_shot_from_scene",
            r#"gazu.scene.remove_shot_from_scene(w["scene"], w["shot"])"#,
            |k, w| {
                k.scene(w.id("scene")?).remove_shot(w.id("shot")?).await?;
            }
        ),
    ]
}
