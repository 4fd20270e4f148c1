//! The oracle's cases for gazu's `project_template` module.
//!
//! Extra world keys (per side): `template`, `template_name` (a studio-wide project template of
//! this side and run), `new_template_name` (the one `new_project_template` makes, then
//! `remove_project_template` removes), `from_project_template_name` (the one made from the
//! world's project). Templates are studio-wide: the run leaves `template` and the one made from
//! the project, under names unique to the side and run.

use kitsu::Kitsu;
use kitsu::ids::{
    AssetTypeId, PreviewBackgroundFileId, ProjectTemplateId, StatusAutomationId, TaskStatusId,
    TaskTypeId,
};
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let name = world.unique("template");
    let template = kitsu
        .project_templates()
        .new_template(name.as_str())
        .description("the oracle's")
        .await?;
    world.set("template", template.id);
    world.set("template_name", &template.name);
    world.set("new_template_name", world.unique("new-template"));
    world.set("from_project_template_name", world.unique("from-project"));
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "project_template.all_project_templates",
            r#"gazu.project_template.all_project_templates()"#,
            |k, w| {
                k.project_templates().all().await?;
            }
        ),
        case!(
            "project_template.get_project_template",
            r#"gazu.project_template.get_project_template(w["template"])"#,
            |k, w| {
                k.project_template(w.id("template")?).get().await?;
            }
        ),
        case!(
            "project_template.get_project_template_by_name",
            r#"gazu.project_template.get_project_template_by_name(w["template_name"])"#,
            |k, w| {
                k.project_templates()
                    .by_name(w.get("template_name")?)
                    .await?
                    .ok_or("no template of that name")?;
            }
        ),
        case!(
            "project_template.new_project_template",
            r#"gazu.project_template.new_project_template(w["new_template_name"], fps="25", production_type="tvshow")"#,
            |k, w| {
                k.project_templates()
                    .new_template(w.get("new_template_name")?)
                    .fps("25")
                    .production_type("tvshow")
                    .await?;
            }
        ),
        case!(
            "project_template.update_project_template",
            r#"gazu.project_template.update_project_template({"id": w["template"], "description": "changed"})"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .update(&json!({"description": "changed"}))
                    .await?;
            }
        ),
        case!(
            "project_template.new_project_template_from_project",
            r#"gazu.project_template.new_project_template_from_project(w["project"], w["from_project_template_name"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_template(w.get("from_project_template_name")?)
                    .await?;
            }
        ),
        case!(
            "project_template.add_task_type_to_project_template",
            r#"gazu.project_template.add_task_type_to_project_template(w["template"], w["task_type"], priority=2)"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .add_task_type(w.id::<TaskTypeId>("task_type")?)
                    .field("priority", 2)
                    .await?;
            }
        ),
        case!(
            "project_template.all_task_types_for_project_template",
            r#"gazu.project_template.all_task_types_for_project_template(w["template"])"#,
            |k, w| {
                k.project_template(w.id("template")?).task_types().await?;
            }
        ),
        case!(
            "project_template.add_task_status_to_project_template",
            r#"gazu.project_template.add_task_status_to_project_template(w["template"], w["task_status"], roles_for_board=["admin"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .add_task_status(w.id::<TaskStatusId>("task_status")?)
                    .field("roles_for_board", json!(["admin"]))
                    .await?;
            }
        ),
        case!(
            "project_template.all_task_statuses_for_project_template",
            r#"gazu.project_template.all_task_statuses_for_project_template(w["template"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .task_statuses()
                    .await?;
            }
        ),
        case!(
            "project_template.add_asset_type_to_project_template",
            r#"gazu.project_template.add_asset_type_to_project_template(w["template"], w["asset_type"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .add_asset_type(w.id::<AssetTypeId>("asset_type")?)
                    .await?;
            }
        ),
        case!(
            "project_template.all_asset_types_for_project_template",
            r#"gazu.project_template.all_asset_types_for_project_template(w["template"])"#,
            |k, w| {
                k.project_template(w.id("template")?).asset_types().await?;
            }
        ),
        case!(
            "project_template.add_status_automation_to_project_template",
            r#"gazu.project_template.add_status_automation_to_project_template(w["template"], w["status_automation"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .add_status_automation(w.id::<StatusAutomationId>("status_automation")?)
                    .await?;
            }
        ),
        case!(
            "project_template.all_status_automations_for_project_template",
            r#"gazu.project_template.all_status_automations_for_project_template(w["template"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .status_automations()
                    .await?;
            }
        ),
        case!(
            "project_template.add_preview_background_file_to_project_template",
            r#"gazu.project_template.add_preview_background_file_to_project_template(w["template"], w["preview_background_file"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .add_preview_background_file(
                        w.id::<PreviewBackgroundFileId>("preview_background_file")?,
                    )
                    .await?;
            }
        ),
        case!(
            "project_template.all_preview_background_files_for_project_template",
            r#"gazu.project_template.all_preview_background_files_for_project_template(w["template"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .preview_background_files()
                    .await?;
            }
        ),
        case!(
            "project_template.set_project_template_default_preview_background_file",
            r#"gazu.project_template.set_project_template_default_preview_background_file(w["template"], w["preview_background_file"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .set_default_preview_background_file(Some(w.id("preview_background_file")?))
                    .await?;
            }
        ),
        case!(
            "project_template.set_project_template_metadata_descriptors",
            r#"gazu.project_template.set_project_template_metadata_descriptors(w["template"], [{"name": "Difficulty", "entity_type": "Shot", "data_type": "list", "choices": ["easy", "hard"]}])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .set_metadata_descriptors(&json!([{
                        "name": "Difficulty",
                        "entity_type": "Shot",
                        "data_type": "list",
                        "choices": ["easy", "hard"],
                    }]))
                    .await?;
            }
        ),
        case!(
            "project_template.apply_project_template",
            r#"gazu.project_template.apply_project_template(w["project"], w["template"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .apply_template(w.id::<ProjectTemplateId>("template")?)
                    .await?;
            }
        ),
        case!(
            "project_template.remove_task_type_from_project_template",
            r#"gazu.project_template.remove_task_type_from_project_template(w["template"], w["task_type"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .remove_task_type(w.id("task_type")?)
                    .await?;
            }
        ),
        case!(
            "project_template.remove_task_status_from_project_template",
            r#"gazu.project_template.remove_task_status_from_project_template(w["template"], w["task_status"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .remove_task_status(w.id("task_status")?)
                    .await?;
            }
        ),
        case!(
            "project_template.remove_asset_type_from_project_template",
            r#"gazu.project_template.remove_asset_type_from_project_template(w["template"], w["asset_type"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .remove_asset_type(w.id("asset_type")?)
                    .await?;
            }
        ),
        case!(
            "project_template.remove_status_automation_from_project_template",
            r#"gazu.project_template.remove_status_automation_from_project_template(w["template"], w["status_automation"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .remove_status_automation(w.id("status_automation")?)
                    .await?;
            }
        ),
        case!(
            "project_template.remove_preview_background_file_from_project_template",
            r#"gazu.project_template.remove_preview_background_file_from_project_template(w["template"], w["preview_background_file"])"#,
            |k, w| {
                k.project_template(w.id("template")?)
                    .remove_preview_background_file(w.id("preview_background_file")?)
                    .await?;
            }
        ),
        case!(
            "project_template.remove_project_template",
            r#"gazu.project_template.remove_project_template(gazu.project_template.get_project_template_by_name(w["new_template_name"]))"#,
            |k, w| {
                let templates = k.project_templates();
                let template = templates
                    .by_name(w.get("new_template_name")?)
                    .await?
                    .ok_or("no template of that name")?;
                k.project_template(template.id).delete().await?;
            }
        ),
    ]
}
