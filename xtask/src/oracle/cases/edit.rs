//! The oracle's cases for gazu's `edit` module.

use kitsu::Kitsu;
use kitsu::ids::ProjectId;
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side: an edit, and
/// one to delete.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project = kitsu.project(world.id::<ProjectId>("project")?);
    let edit = project.new_edit("ED01").await?;
    world.set("edit", edit.id);
    world.set("edit_name", &edit.name);
    let gone = project.new_edit("ED_GONE").await?;
    world.set("edit_to_remove", gone.id);
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "edit.get_edit",
            r#"gazu.edit.get_edit(w["edit"])"#,
            |k, w| {
                k.edit(w.id("edit")?).get().await?;
            }
        ),
        case!(
            "edit.get_edit_by_name",
            r#"gazu.edit.get_edit_by_name(w["project"], w["edit_name"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .edit_by_name(w.get("edit_name")?)
                    .await?
                    .ok_or("no edit of that name")?;
            }
        ),
        case!(
            "edit.get_edit_url",
            r#"gazu.edit.get_edit_url(w["edit"])"#,
            |k, w| {
                k.edit(w.id("edit")?).web_url().await?;
            }
        ),
        case!(
            "edit.all_edits_for_project",
            r#"gazu.edit.all_edits_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).edits().await?;
            }
        ),
        case!(
            "edit.all_previews_for_edit",
            r#"gazu.edit.all_previews_for_edit(w["edit"])"#,
            |k, w| {
                k.edit(w.id("edit")?).previews().await?;
            }
        ),
        case!(
            "edit.new_edit",
            r#"gazu.edit.new_edit(w["project"], "ED02", description="the cut", data={"look": "dark"}, episode=w["episode"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_edit("ED02")
                    .description("the cut")
                    .data(json!({"look": "dark"}))
                    .episode(w.id("episode")?)
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "edit.update_edit",
            r#"gazu.edit.update_edit({"id": w["edit"], "description": "changed"})"#,
            |k, w| {
                k.edit(w.id("edit")?)
                    .update(&json!({"description": "changed"}))
                    .await?;
            }
        ),
        case!(
            "edit.update_edit_data",
            r#"gazu.edit.update_edit_data(w["edit"], {"look": "bright"})"#,
            |k, w| {
                k.edit(w.id("edit")?)
                    .update_data(&json!({"look": "bright"}))
                    .await?;
            }
        ),
        case!(
            "edit.remove_edit",
            r#"gazu.edit.remove_edit(w["edit_to_remove"], force=True)"#,
            |k, w| {
                k.edit(w.id("edit_to_remove")?).delete_forever().await?;
            }
        ),
    ]
}
