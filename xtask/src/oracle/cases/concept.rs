//! The oracle's cases for gazu's `concept` module.

use kitsu::Kitsu;
use kitsu::ids::ProjectId;
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side: a concept, and
/// one to delete.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project = kitsu.project(world.id::<ProjectId>("project")?);
    let concept = project.new_concept("CO01").await?;
    world.set("concept", concept.id);
    world.set("concept_name", &concept.name);
    let gone = project.new_concept("CO_GONE").await?;
    world.set("concept_to_remove", gone.id);
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "concept.all_concepts",
            r#"gazu.concept.all_concepts()"#,
            |k, w| {
                k.concepts().list().await?;
            }
        ),
        case!(
            "concept.all_concepts_for_project",
            r#"gazu.concept.all_concepts_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).concepts().await?;
            }
        ),
        case!(
            "concept.get_concept",
            r#"gazu.concept.get_concept(w["concept"])"#,
            |k, w| {
                k.concept(w.id("concept")?).get().await?;
            }
        ),
        case!(
            "concept.get_concept_by_name",
            r#"gazu.concept.get_concept_by_name(w["project"], w["concept_name"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .concept_by_name(w.get("concept_name")?)
                    .await?
                    .ok_or("no concept of that name")?;
            }
        ),
        case!(
            "concept.all_previews_for_concept",
            r#"gazu.concept.all_previews_for_concept(w["concept"])"#,
            |k, w| {
                k.concept(w.id("concept")?).previews().await?;
            }
        ),
        case!(
            "concept.new_concept",
            r#"gazu.concept.new_concept(w["project"], "CO02", description="a sketch", data={"look": "dark"})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_concept("CO02")
                    .description("a sketch")
                    .data(json!({"look": "dark"}))
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "concept.update_concept",
            r#"gazu.concept.update_concept({"id": w["concept"], "description": "changed"})"#,
            |k, w| {
                k.concept(w.id("concept")?)
                    .update(&json!({"description": "changed"}))
                    .await?;
            }
        ),
        case!(
            "concept.remove_concept",
            r#"gazu.concept.remove_concept(w["concept_to_remove"], force=True)"#,
            |k, w| {
                k.concept(w.id("concept_to_remove")?)
                    .delete_forever()
                    .await?;
            }
        ),
    ]
}
