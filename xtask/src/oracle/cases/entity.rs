//! The oracle's cases for gazu's `entity` module.

use kitsu::Kitsu;
use kitsu::ids::{ProjectId, ShotId};
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side: an entity type
/// to remove, two assets to remove (one alone, one with the project's batch delete), a name for
/// the entity type a case makes.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    // Entity type names are 30 characters at most.
    let spare = kitsu
        .entity_types()
        .create_named(&world.unique("ET"))
        .await?;
    world.set("entity_type_to_remove", spare.id);
    world.set("new_entity_type_name", world.unique("NT"));
    let project = kitsu.project(world.id::<ProjectId>("project")?);
    // guess_from_path reads the project's file tree (Zou fails without one).
    project
        .update(&json!({ "file_tree": {
            "working": {
                "mountpoint": "/studio",
                "root": "productions",
                "folder_path": {
                    "shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>",
                    "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>",
                    "style": "lowercase",
                },
                "file_name": {
                    "shot": "<Project>_<Sequence>_<Shot>_<TaskType>",
                    "asset": "<Project>_<AssetType>_<Asset>_<TaskType>",
                    "style": "lowercase",
                },
            },
        }}))
        .await?;
    world.set(
        "guess_path",
        format!(
            "/studio/productions/{}/shots/sq01/sh010/animation",
            world.get("project_name")?.to_lowercase()
        ),
    );
    // Edits, not assets: the asset and shot modules' CSV imports (run before) give every
    // asset and shot of the project tasks, and Zou 1.0.97 cannot delete an entity with tasks.
    for (key, name) in [
        ("entity_to_remove", "Gone"),
        ("entities_to_remove", "GoneToo"),
    ] {
        let edit = project.new_edit(name).await?;
        world.set(key, edit.id);
    }
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "entity.all_entities",
            r#"gazu.entity.all_entities()"#,
            |k, w| {
                k.entities().list().await?;
            }
        ),
        case!(
            "entity.all_entity_types",
            r#"gazu.entity.all_entity_types()"#,
            |k, w| {
                k.entity_types().list().await?;
            }
        ),
        case!(
            "entity.get_entity",
            r#"gazu.entity.get_entity(w["shot"])"#,
            |k, w| {
                k.entity(w.id::<ShotId>("shot")?).get().await?;
            }
        ),
        case!(
            "entity.get_entity_by_name",
            r#"gazu.entity.get_entity_by_name(w["shot_name"], w["project"])"#,
            |k, w| {
                k.entities()
                    .by_name(w.get("shot_name")?, Some(w.id("project")?))
                    .await?
                    .ok_or("no entity of that name")?;
            }
        ),
        case!(
            "entity.get_entity_type",
            r#"gazu.entity.get_entity_type(w["asset_type"])"#,
            |k, w| {
                k.entity_types().get(w.id("asset_type")?).await?;
            }
        ),
        case!(
            "entity.get_entity_type_by_name",
            r#"gazu.entity.get_entity_type_by_name(w["asset_type_name"])"#,
            |k, w| {
                k.entity_types()
                    .by_name(w.get("asset_type_name")?)
                    .await?
                    .ok_or("no entity type of that name")?;
            }
        ),
        case!(
            "entity.guess_from_path",
            r#"gazu.entity.guess_from_path(w["project"], w["guess_path"], sep="/")"#,
            |k, w| {
                k.project(w.id("project")?)
                    .guess_from_path(w.get("guess_path")?, "/")
                    .await?;
            }
        ),
        case!(
            "entity.new_entity_type",
            // The type made is removed at once, so runs do not pile entity types up.
            r#"gazu.entity.remove_entity_type(gazu.entity.new_entity_type(w["new_entity_type_name"]))"#,
            |k, w| {
                let types = k.entity_types();
                let made = types.create_named(w.get("new_entity_type_name")?).await?;
                types.delete(made.id).await?;
            }
        ),
        case!(
            "entity.remove_entity_type",
            r#"gazu.entity.remove_entity_type(w["entity_type_to_remove"])"#,
            |k, w| {
                k.entity_types()
                    .delete(w.id("entity_type_to_remove")?)
                    .await?;
            }
        ),
        case!(
            "entity.all_entities_with_tasks_linked_to_entity",
            r#"gazu.entity.all_entities_with_tasks_linked_to_entity(w["shot"])"#,
            |k, w| {
                k.entity(w.id::<ShotId>("shot")?)
                    .linked_with_tasks()
                    .await?;
            }
        ),
        case!(
            "entity.remove_entity",
            r#"gazu.entity.remove_entity(w["entity_to_remove"], force=True)"#,
            |k, w| {
                k.entity(w.id::<kitsu::ids::EditId>("entity_to_remove")?)
                    .delete_forever()
                    .await?;
            }
        ),
        case!(
            "entity.remove_entities",
            r#"gazu.entity.remove_entities(w["project"], [w["entities_to_remove"]], force=True)"#,
            |k, w| {
                k.project(w.id("project")?)
                    .delete_entities([w.id::<kitsu::ids::EditId>("entities_to_remove")?], true)
                    .await?;
            }
        ),
    ]
}
