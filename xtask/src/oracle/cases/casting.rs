//! The oracle's cases for gazu's `casting` module.

use kitsu::Kitsu;
use kitsu::ids::{AssetTypeId, EntityId, EpisodeId, ProjectId, SequenceId, ShotId};
use kitsu::models::CastLink;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side: an asset cast
/// in the sequence, whose entity link the last case deletes (the cases rewrite the shot's,
/// the asset's and the episode's casting, not the sequence's).
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project = kitsu.project(world.id::<ProjectId>("project")?);
    let linked = project
        .new_asset(world.id::<AssetTypeId>("asset_type")?, "Linked")
        .await?;
    let sequence = world.id::<SequenceId>("sequence")?;
    project
        .set_casting(sequence, &[CastLink::new(linked.id, 1)])
        .await?;
    let link = project
        .entity_links()
        .await?
        .into_iter()
        .find(|link| link.entity_out_id == Some(EntityId::from(linked.id)))
        .ok_or("the sequence's casting made no entity link")?;
    world.set("entity_link", link.id);
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "casting.update_shot_casting",
            r#"gazu.casting.update_shot_casting(w["project"], w["shot"], [{"asset_id": w["asset"], "nb_occurences": 2}])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .set_casting(w.id::<ShotId>("shot")?, &[CastLink::new(w.id("asset")?, 2)])
                    .await?;
            }
        ),
        case!(
            "casting.update_asset_casting",
            r#"gazu.casting.update_asset_casting(w["project"], w["asset"], [{"asset_id": w["asset2"], "nb_occurences": 1, "label": "fixed"}])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .set_casting(
                        w.id::<kitsu::ids::AssetId>("asset")?,
                        &[CastLink::new(w.id("asset2")?, 1).label("fixed")],
                    )
                    .await?;
            }
        ),
        case!(
            "casting.update_episode_casting",
            r#"gazu.casting.update_episode_casting(w["project"], w["episode"], [{"asset_id": w["asset"], "nb_occurences": 1}])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .set_casting(
                        w.id::<EpisodeId>("episode")?,
                        &[CastLink::new(w.id("asset")?, 1)],
                    )
                    .await?;
            }
        ),
        case!(
            "casting.cast_asset",
            r#"gazu.casting.cast_asset(w["project"], [w["shot"]], w["asset2"], nb_occurences=3, label="animate")"#,
            |k, w| {
                k.project(w.id("project")?)
                    .cast_asset(w.id("asset2")?, [w.id::<ShotId>("shot")?])
                    .nb_occurences(3)
                    .label("animate")
                    .await?;
            }
        ),
        case!(
            "casting.uncast_asset",
            r#"gazu.casting.uncast_asset(w["project"], [w["shot"]], w["asset2"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .uncast_asset(w.id("asset2")?, [w.id::<ShotId>("shot")?])
                    .await?;
            }
        ),
        case!(
            "casting.get_asset_type_casting",
            r#"gazu.casting.get_asset_type_casting(w["project"], w["asset_type"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .asset_type_casting(w.id("asset_type")?)
                    .await?;
            }
        ),
        case!(
            "casting.get_sequence_casting",
            r#"gazu.casting.get_sequence_casting({"id": w["sequence"], "project_id": w["project"]})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .sequence_casting(w.id("sequence")?)
                    .await?;
            }
        ),
        case!(
            "casting.get_shot_casting",
            r#"gazu.casting.get_shot_casting({"id": w["shot"], "project_id": w["project"]})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .casting(w.id::<ShotId>("shot")?)
                    .await?;
            }
        ),
        case!(
            "casting.get_asset_casting",
            r#"gazu.casting.get_asset_casting({"id": w["asset"], "project_id": w["project"]})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .casting(w.id::<kitsu::ids::AssetId>("asset")?)
                    .await?;
            }
        ),
        case!(
            "casting.get_episode_casting",
            r#"gazu.casting.get_episode_casting({"id": w["episode"], "project_id": w["project"]})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .casting(w.id::<EpisodeId>("episode")?)
                    .await?;
            }
        ),
        case!(
            "casting.get_asset_cast_in",
            r#"gazu.casting.get_asset_cast_in(w["asset"])"#,
            |k, w| {
                k.asset(w.id("asset")?).cast_in().await?;
            }
        ),
        case!(
            "casting.all_entity_links_for_project",
            r#"gazu.casting.all_entity_links_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).entity_links().await?;
            }
        ),
        case!(
            "casting.get_episodes_casting",
            r#"gazu.casting.get_episodes_casting(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).episodes_casting().await?;
            }
        ),
        case!(
            "casting.get_sequence_shots_casting",
            r#"gazu.casting.get_sequence_shots_casting(w["project"], w["sequence"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .sequence_casting(w.id("sequence")?)
                    .await?;
            }
        ),
        case!(
            "casting.get_episode_shots_casting",
            r#"gazu.casting.get_episode_shots_casting(w["project"], w["episode"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .episode_shots_casting(w.id("episode")?)
                    .await?;
            }
        ),
        case!(
            "casting.get_project_shots_casting",
            r#"gazu.casting.get_project_shots_casting(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).shots_casting().await?;
            }
        ),
        case!(
            "casting.delete_entity_link",
            r#"gazu.casting.delete_entity_link(w["entity_link"])"#,
            |k, w| {
                k.entity_links().delete(w.id("entity_link")?).await?;
            }
        ),
    ]
}
