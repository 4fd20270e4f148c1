//! The oracle's cases for gazu's `asset` module.

use kitsu::Kitsu;
use kitsu::ids::{AssetId, AssetTypeId, ProjectId};
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side: a second asset
/// (in the episode) instantiated in the first, an asset to remove, an asset type to rename then
/// remove, names for the rows the cases create, a CSV file path.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project = kitsu.project(world.id::<ProjectId>("project")?);
    let asset_type = world.id::<AssetTypeId>("asset_type")?;
    let prop = project
        .new_asset(asset_type, "Prop")
        .episode(world.id("episode")?)
        .await?;
    world.set("asset2", prop.id);
    world.set("asset2_name", "Prop");
    let doomed = project.new_asset(asset_type, "Doomed").await?;
    world.set("asset_to_remove", doomed.id);
    let instance = kitsu
        .asset(world.id::<AssetId>("asset")?)
        .new_asset_instance(prop.id)
        .await?;
    world.set("asset_instance", instance.id);
    let types = kitsu.asset_types();
    // Asset type names are 30 characters at most. The spare type is renamed, then removed.
    let spare = types.create_named(&world.unique("AT")).await?;
    world.set("spare_asset_type", spare.id);
    world.set("spare_asset_type_name", world.unique("AR"));
    world.set("new_asset_type_name", world.unique("AN"));
    world.set("new_asset_name", "NewProp");
    world.set(
        "assets_csv",
        std::env::temp_dir()
            .join(format!("{}.csv", world.unique("kitsu-oracle-assets")))
            .display(),
    );
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "asset.all_assets_for_open_projects",
            r#"gazu.asset.all_assets_for_open_projects()"#,
            |k, w| {
                k.assets().for_open_projects().await?;
            }
        ),
        case!(
            "asset.all_assets_for_project",
            r#"gazu.asset.all_assets_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).assets().await?;
            }
        ),
        case!(
            "asset.all_assets_for_episode",
            r#"gazu.asset.all_assets_for_episode(w["episode"])"#,
            |k, w| {
                k.assets().for_episode(w.id("episode")?).await?;
            }
        ),
        case!(
            "asset.all_assets_for_shot",
            r#"gazu.asset.all_assets_for_shot(w["shot"])"#,
            |k, w| {
                k.assets().for_shot(w.id("shot")?).await?;
            }
        ),
        case!(
            "asset.all_assets_for_project_and_type",
            r#"gazu.asset.all_assets_for_project_and_type(w["project"], w["asset_type"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .assets_of_type(w.id("asset_type")?)
                    .await?;
            }
        ),
        case!(
            "asset.get_asset_by_name",
            r#"gazu.asset.get_asset_by_name(w["project"], w["asset_name"], w["asset_type"])"#,
            |k, w| {
                k.assets()
                    .by_name(
                        w.id("project")?,
                        w.get("asset_name")?,
                        Some(w.id("asset_type")?),
                    )
                    .await?
                    .ok_or("no asset of that name")?;
            }
        ),
        case!(
            "asset.get_asset",
            r#"gazu.asset.get_asset(w["asset"])"#,
            |k, w| {
                k.asset(w.id("asset")?).get().await?;
            }
        ),
        case!(
            "asset.get_asset_url",
            r#"gazu.asset.get_asset_url(w["asset2"])"#,
            |k, w| {
                k.asset(w.id("asset2")?).web_url().await?;
            }
        ),
        case!(
            "asset.get_all_assets_url",
            r#"gazu.asset.get_all_assets_url(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).assets_web_url().await?;
            }
        ),
        case!(
            "asset.get_asset_type_url",
            r#"gazu.asset.get_asset_type_url(w["project"], w["asset_type"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .asset_type_web_url(w.id("asset_type")?)
                    .await?;
            }
        ),
        case!(
            "asset.new_asset",
            r#"gazu.asset.new_asset(w["project"], w["asset_type"], w["new_asset_name"], description="made by the oracle", extra_data={"k": 1})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_asset(w.id("asset_type")?, w.get("new_asset_name")?)
                    .description("made by the oracle")
                    .data(json!({"k": 1}))
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "asset.update_asset",
            r#"gazu.asset.update_asset({"id": w["asset"], "description": "changed"})"#,
            |k, w| {
                let asset = k.asset(w.id("asset")?);
                asset
                    .update(&json!({"id": asset.id(), "description": "changed"}))
                    .await?;
            }
        ),
        case!(
            "asset.update_asset_data",
            r#"gazu.asset.update_asset_data(w["asset"], {"rig": "v2"})"#,
            |k, w| {
                k.asset(w.id("asset")?)
                    .update_data(json!({"rig": "v2"}))
                    .await?;
            }
        ),
        case!(
            "asset.all_asset_types",
            r#"gazu.asset.all_asset_types()"#,
            |k, w| {
                k.asset_types().list().await?;
            }
        ),
        case!(
            "asset.all_asset_types_for_project",
            r#"gazu.asset.all_asset_types_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).asset_types().await?;
            }
        ),
        case!(
            "asset.all_asset_types_for_shot",
            r#"gazu.asset.all_asset_types_for_shot(w["shot"])"#,
            |k, w| {
                k.asset_types().for_shot(w.id("shot")?).await?;
            }
        ),
        case!(
            "asset.get_asset_type",
            r#"gazu.asset.get_asset_type(w["asset_type"])"#,
            |k, w| {
                k.asset_type(w.id("asset_type")?).get().await?;
            }
        ),
        case!(
            "asset.get_asset_type_by_name",
            r#"gazu.asset.get_asset_type_by_name(w["asset_type_name"])"#,
            |k, w| {
                k.asset_types()
                    .by_name(w.get("asset_type_name")?)
                    .await?
                    .ok_or("no asset type of that name")?;
            }
        ),
        case!(
            "asset.new_asset_type",
            // The type made is removed at once, so runs do not pile asset types up.
            r#"gazu.asset.remove_asset_type(gazu.asset.new_asset_type(w["new_asset_type_name"]))"#,
            |k, w| {
                let made = k
                    .asset_types()
                    .ensure(w.get("new_asset_type_name")?)
                    .await?;
                k.asset_type(made.id).delete().await?;
            }
        ),
        case!(
            "asset.update_asset_type",
            r#"gazu.asset.update_asset_type({"id": w["spare_asset_type"], "name": w["spare_asset_type_name"]})"#,
            |k, w| {
                k.asset_type(w.id("spare_asset_type")?)
                    .rename(w.get("spare_asset_type_name")?)
                    .await?;
            }
        ),
        case!(
            "asset.remove_asset_type",
            r#"gazu.asset.remove_asset_type(w["spare_asset_type"])"#,
            |k, w| {
                k.asset_type(w.id("spare_asset_type")?).delete().await?;
            }
        ),
        case!(
            "asset.get_asset_instance",
            r#"gazu.asset.get_asset_instance(w["asset_instance"])"#,
            |k, w| {
                k.asset_instances().get(w.id("asset_instance")?).await?;
            }
        ),
        case!(
            "asset.all_shot_asset_instances_for_asset",
            r#"gazu.asset.all_shot_asset_instances_for_asset(w["asset2"])"#,
            |k, w| {
                k.asset(w.id("asset2")?).shot_instances().await?;
            }
        ),
        case!(
            "asset.disable_asset_instance",
            r#"gazu.asset.disable_asset_instance(w["asset_instance"])"#,
            |k, w| {
                k.asset_instances().disable(w.id("asset_instance")?).await?;
            }
        ),
        case!(
            "asset.enable_asset_instance",
            r#"gazu.asset.enable_asset_instance(w["asset_instance"])"#,
            |k, w| {
                k.asset_instances().enable(w.id("asset_instance")?).await?;
            }
        ),
        case!(
            "asset.all_scene_asset_instances_for_asset",
            r#"gazu.asset.all_scene_asset_instances_for_asset(w["asset2"])"#,
            |k, w| {
                k.asset(w.id("asset2")?).scene_instances().await?;
            }
        ),
        case!(
            "asset.all_asset_instances_for_shot",
            r#"gazu.asset.all_asset_instances_for_shot(w["shot"])"#,
            |k, w| {
                k.asset_instances().for_shot(w.id("shot")?).await?;
            }
        ),
        case!(
            "asset.all_asset_instances_for_asset",
            r#"gazu.asset.all_asset_instances_for_asset(w["asset"])"#,
            |k, w| {
                k.asset(w.id("asset")?).asset_instances().await?;
            }
        ),
        case!(
            "asset.new_asset_asset_instance",
            // Both instances are deleted at once: Zou 1.0.97 cannot delete a project whose
            // assets have instances (a foreign key it does not cascade).
            r#"
i = gazu.asset.new_asset_asset_instance(w["asset"], w["asset2"], description="a second one")
gazu.client.delete("data/asset-instances/" + i["id"])
gazu.client.delete("data/asset-instances/" + w["asset_instance"])
"#,
            |k, w| {
                let made = k
                    .asset(w.id("asset")?)
                    .new_asset_instance(w.id("asset2")?)
                    .description("a second one")
                    .await?;
                let instances = k.asset_instances();
                instances.delete(made.id).await?;
                instances.delete(w.id("asset_instance")?).await?;
            }
        ),
        case!(
            "asset.export_assets_with_csv",
            r#"gazu.asset.export_assets_with_csv(w["project"], w["assets_csv"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .export_assets_csv(w.get("assets_csv")?)
                    .await?;
            }
        ),
        case!(
            "asset.import_assets_with_csv",
            r#"gazu.asset.import_assets_with_csv(w["project"], w["assets_csv"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .import_assets_csv(w.get("assets_csv")?)
                    .await?;
            }
        ),
        case!(
            "asset.get_episode_from_asset",
            r#"gazu.asset.get_episode_from_asset(gazu.asset.get_asset(w["asset2"]))"#,
            |k, w| {
                k.asset(w.id("asset2")?)
                    .episode()
                    .await?
                    .ok_or("the asset has no episode")?;
            }
        ),
        case!(
            "asset.get_asset_type_from_asset",
            r#"gazu.asset.get_asset_type_from_asset(gazu.asset.get_asset(w["asset"]))"#,
            |k, w| {
                k.asset(w.id("asset")?).asset_type().await?;
            }
        ),
        case!(
            "asset.remove_asset",
            r#"gazu.asset.remove_asset(w["asset_to_remove"], force=True)"#,
            |k, w| {
                k.asset(w.id("asset_to_remove")?).delete_forever().await?;
            }
        ),
    ]
}
