//! The oracle's cases for gazu's `project` module.
//!
//! Extra world keys (per side): `descriptor`, `descriptor_field` (a `Shot` metadata descriptor of
//! the side's project), `budget`, `budget_entry`, `department`, `other_task_type`,
//! `other_task_status` (studio-wide rows outside the world project's settings, for the
//! add/remove cases), `status_automation`, `preview_background_file`, `new_project_name` (the
//! project `new_project` creates, then `close_project` closes and `remove_project` removes).

use kitsu::Kitsu;
use kitsu::Query;
use kitsu::ids::{
    BudgetEntryId, BudgetId, DepartmentId, MetadataDescriptorId, PersonId, PreviewBackgroundFileId,
    ProjectId, StatusAutomationId, TaskStatusId, TaskTypeId,
};
use kitsu::models::{PreviewBackgroundFile, ProjectRole, StatusAutomation, TaskStatus, TaskType};
use serde_json::{Value, json};

use crate::oracle::case::{BoxError, Case, World, case};

/// The first row of `collection` named `name`, created with `fields` if missing.
async fn ensure<T: kitsu::Resource + serde::de::DeserializeOwned + Send + 'static>(
    kitsu: &Kitsu,
    name: &str,
    fields: serde_json::Value,
) -> Result<T, BoxError> {
    let rows = kitsu.collection::<T>();
    if let Some(row) = rows.first(&Query::new().param("name", name)).await? {
        return Ok(row);
    }
    Ok(rows.create(&fields).await?)
}

/// Rows this module's cases need beyond the common world, made for each side.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let project = kitsu.project(world.id::<ProjectId>("project")?);
    let descriptor = project
        .new_metadata_descriptor("Difficulty", "Shot")
        .data_type("list")
        .choices(["easy", "hard"])
        .await?;
    world.set("descriptor", descriptor.id);
    world.set(
        "descriptor_field",
        descriptor.field_name.unwrap_or_default(),
    );

    // Departments are another helper's model: read as JSON here.
    let department: Option<Value> = kitsu
        .fetch_first("data/departments", &Query::new().param("name", "Animation"))
        .await?;
    let department = match department {
        Some(row) => row,
        None => {
            kitsu
                .post::<Value>(
                    "data/departments",
                    &json!({ "name": "Animation", "color": "#009688" }),
                )
                .await?
        }
    };
    let department: DepartmentId = department
        .get("id")
        .and_then(Value::as_str)
        .ok_or("a department without id")?
        .parse()?;
    world.set("department", department);
    let budget = project.new_budget("Oracle budget").await?;
    world.set("budget", budget.id);
    let entry = project
        .budget(budget.id)
        .new_entry(department, "2027-01-01".parse()?, 2, 300.0)
        .await?;
    world.set("budget_entry", entry.id);

    let other_task_type: TaskType = ensure(
        kitsu,
        "Layout",
        json!({ "name": "Layout", "for_entity": "Shot", "short_name": "lay" }),
    )
    .await?;
    world.set("other_task_type", other_task_type.id);
    let other_task_status: TaskStatus = ensure(
        kitsu,
        "Oracle WFA",
        json!({ "name": "Oracle WFA", "short_name": "owfa", "color": "#ab26ff" }),
    )
    .await?;
    world.set("other_task_status", other_task_status.id);
    let automation = match kitsu
        .collection::<StatusAutomation>()
        .first(&Query::new())
        .await?
    {
        Some(automation) => automation,
        None => {
            kitsu
                .collection::<StatusAutomation>()
                .create(&json!({
                    "entity_type": "asset",
                    "in_task_type_id": world.get("task_type")?,
                    "in_task_status_id": world.get("task_status")?,
                    "out_field_type": "status",
                    "out_task_type_id": world.get("task_type")?,
                    "out_task_status_id": world.get("task_status")?,
                }))
                .await?
        }
    };
    world.set("status_automation", automation.id);
    let background: PreviewBackgroundFile = ensure(
        kitsu,
        "oracle-background",
        json!({ "name": "oracle-background" }),
    )
    .await?;
    world.set("preview_background_file", background.id);
    let new_project_name = world.unique("oracle-new");
    world.set("new_project_name", new_project_name);
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "project.all_project_status",
            r#"gazu.project.all_project_status()"#,
            |k, w| {
                k.project_statuses().all().await?;
            }
        ),
        case!(
            "project.get_project_status_by_name",
            r#"gazu.project.get_project_status_by_name("Open")"#,
            |k, w| {
                k.project_statuses().by_name("Open").await?;
            }
        ),
        case!(
            "project.all_projects",
            r#"gazu.project.all_projects()"#,
            |k, w| {
                k.projects().all().await?;
            }
        ),
        case!(
            "project.all_open_projects",
            r#"gazu.project.all_open_projects()"#,
            |k, w| {
                k.projects().open().await?;
            }
        ),
        case!(
            "project.get_project",
            r#"gazu.project.get_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).get().await?;
            }
        ),
        case!(
            "project.get_project_url",
            r#"gazu.project.get_project_url(w["project"], "shots")"#,
            |k, w| {
                let url = k.project(w.id("project")?).web_url("shots");
                let expected = format!("/productions/{}/shots/", w.get("project")?);
                if !url.ends_with(&expected) {
                    return Err(format!("web_url gave {url}").into());
                }
            }
        ),
        case!(
            "project.get_project_by_name",
            r#"gazu.project.get_project_by_name(w["project_name"])"#,
            |k, w| {
                k.projects().by_name(w.get("project_name")?).await?;
            }
        ),
        case!(
            "project.new_project",
            r#"gazu.project.new_project(w["new_project_name"])"#,
            |k, w| {
                k.projects()
                    .new_project(w.get("new_project_name")?)
                    .get_or_create()
                    .await?;
            }
        ),
        case!(
            "project.update_project",
            r#"gazu.project.update_project({"id": w["project"], "code": "ORA"})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .update(&json!({ "code": "ORA" }))
                    .await?;
            }
        ),
        case!(
            "project.update_project_data",
            r#"gazu.project.update_project_data(w["project"], {"oracle": True})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .update_data(json!({ "oracle": true }))
                    .await?;
            }
        ),
        case!(
            "project.close_project",
            r#"gazu.project.close_project(gazu.project.get_project_by_name(w["new_project_name"])["id"])"#,
            |k, w| {
                let created = k
                    .projects()
                    .by_name(w.get("new_project_name")?)
                    .await?
                    .ok_or("new_project made no project")?;
                k.project(created.id).close().await?;
            }
        ),
        case!(
            "project.remove_project",
            r#"gazu.project.remove_project(gazu.project.get_project_by_name(w["new_project_name"])["id"])"#,
            |k, w| {
                let created = k
                    .projects()
                    .by_name(w.get("new_project_name")?)
                    .await?
                    .ok_or("new_project made no project")?;
                k.project(created.id).delete().await?;
            }
        ),
        case!(
            "project.add_asset_type",
            r#"gazu.project.add_asset_type(w["project"], w["asset_type"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .add_asset_type(w.id("asset_type")?)
                    .await?;
            }
        ),
        case!(
            "project.add_task_type",
            r#"gazu.project.add_task_type(w["project"], w["other_task_type"], 3)"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .add_task_type(w.id::<TaskTypeId>("other_task_type")?)
                    .priority(3)
                    .await?;
            }
        ),
        case!(
            "project.add_task_status",
            r#"gazu.project.add_task_status(w["project"], w["other_task_status"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .add_task_status(w.id::<TaskStatusId>("other_task_status")?)
                    .await?;
            }
        ),
        case!(
            "project.get_project_task_types",
            r#"gazu.project.get_project_task_types(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).settings().task_types().await?;
            }
        ),
        case!(
            "project.get_project_task_statuses",
            r#"gazu.project.get_project_task_statuses(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .task_statuses()
                    .await?;
            }
        ),
        case!(
            "project.remove_task_type",
            r#"gazu.project.remove_task_type(w["project"], w["other_task_type"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .remove_task_type(w.id::<TaskTypeId>("other_task_type")?)
                    .await?;
            }
        ),
        case!(
            "project.remove_task_status",
            r#"gazu.project.remove_task_status(w["project"], w["other_task_status"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .remove_task_status(w.id::<TaskStatusId>("other_task_status")?)
                    .await?;
            }
        ),
        case!(
            "project.add_metadata_descriptor",
            r#"gazu.project.add_metadata_descriptor(w["project"], "Notes", "Asset", choices=["a", "b"], departments=[w["department"]])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_metadata_descriptor("Notes", "Asset")
                    .choices(["a", "b"])
                    .departments([w.id::<DepartmentId>("department")?])
                    .await?;
            }
        ),
        case!(
            "project.get_metadata_descriptor",
            r#"gazu.project.get_metadata_descriptor(w["project"], w["descriptor"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .metadata_descriptor(w.id::<MetadataDescriptorId>("descriptor")?)
                    .get()
                    .await?;
            }
        ),
        case!(
            "project.get_metadata_descriptor_by_field_name",
            r#"gazu.project.get_metadata_descriptor_by_field_name(w["project"], w["descriptor_field"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .metadata_descriptor_by_field_name(w.get("descriptor_field")?)
                    .await?;
            }
        ),
        case!(
            "project.all_metadata_descriptors",
            r#"gazu.project.all_metadata_descriptors(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).metadata_descriptors().await?;
            }
        ),
        case!(
            "project.update_metadata_descriptor",
            r#"gazu.project.update_metadata_descriptor(w["project"], {"id": w["descriptor"], "name": "Difficulty", "data_type": "list", "choices": ["easy", "hard", "insane"]})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .metadata_descriptor(w.id::<MetadataDescriptorId>("descriptor")?)
                    .update(&json!({
                        "name": "Difficulty",
                        "data_type": "list",
                        "choices": ["easy", "hard", "insane"],
                    }))
                    .await?;
            }
        ),
        case!(
            "project.reorder_metadata_descriptors",
            r#"gazu.project.reorder_metadata_descriptors(w["project"], "Shot", [w["descriptor"]])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .reorder_metadata_descriptors(
                        "Shot",
                        [w.id::<MetadataDescriptorId>("descriptor")?],
                    )
                    .await?;
            }
        ),
        case!(
            "project.remove_metadata_descriptor",
            r#"gazu.project.remove_metadata_descriptor(w["project"], w["descriptor"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .metadata_descriptor(w.id::<MetadataDescriptorId>("descriptor")?)
                    .delete()
                    .await?;
            }
        ),
        case!(
            "project.add_person_to_team",
            r#"gazu.project.add_person_to_team(w["project"], w["person"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .add_to_team(w.id::<PersonId>("person")?)
                    .await?;
            }
        ),
        case!(
            "project.get_team",
            r#"gazu.project.get_team(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).team().await?;
            }
        ),
        case!(
            "project.update_team_member_role",
            r#"gazu.project.update_team_member_role(w["project"], w["person"], "supervisor")"#,
            |k, w| {
                k.project(w.id("project")?)
                    .set_team_role(w.id::<PersonId>("person")?, Some(ProjectRole::Supervisor))
                    .await?;
            }
        ),
        case!(
            "project.remove_person_from_team",
            r#"gazu.project.remove_person_from_team(w["project"], w["person"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .remove_from_team(w.id::<PersonId>("person")?)
                    .await?;
            }
        ),
        case!(
            "project.add_status_automation",
            r#"gazu.project.add_status_automation(w["project"], {"status_automation_id": w["status_automation"]})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .add_status_automation(w.id::<StatusAutomationId>("status_automation")?)
                    .await?;
            }
        ),
        case!(
            "project.all_status_automations",
            r#"gazu.project.all_status_automations(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .status_automations()
                    .await?;
            }
        ),
        case!(
            "project.remove_status_automation",
            r#"gazu.project.remove_status_automation(w["project"], w["status_automation"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .remove_status_automation(w.id::<StatusAutomationId>("status_automation")?)
                    .await?;
            }
        ),
        case!(
            "project.add_preview_background_file",
            r#"gazu.project.add_preview_background_file(w["project"], {"preview_background_file_id": w["preview_background_file"]})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .add_preview_background_file(
                        w.id::<PreviewBackgroundFileId>("preview_background_file")?,
                    )
                    .await?;
            }
        ),
        case!(
            "project.get_preview_background_files",
            r#"gazu.project.get_preview_background_files(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .preview_background_files()
                    .await?;
            }
        ),
        case!(
            "project.remove_preview_background_file",
            r#"gazu.project.remove_preview_background_file(w["project"], w["preview_background_file"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .settings()
                    .remove_preview_background_file(
                        w.id::<PreviewBackgroundFileId>("preview_background_file")?,
                    )
                    .await?;
            }
        ),
        case!(
            "project.get_milestones",
            r#"gazu.project.get_milestones(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).milestones().await?;
            }
        ),
        case!(
            "project.get_project_quotas",
            r#"gazu.project.get_project_quotas(w["project"], w["task_type"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .quotas(w.id("task_type")?)
                    .await?;
            }
        ),
        case!(
            "project.get_project_person_quotas",
            r#"gazu.project.get_project_person_quotas(w["project"], w["person"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .person_quotas(w.id("person")?)
                    .await?;
            }
        ),
        case!(
            "project.get_budgets",
            r#"gazu.project.get_budgets(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).budgets().await?;
            }
        ),
        case!(
            "project.create_budget",
            r#"gazu.project.create_budget(w["project"], "Second budget", currency="EUR")"#,
            |k, w| {
                k.project(w.id("project")?)
                    .new_budget("Second budget")
                    .currency("EUR")
                    .await?;
            }
        ),
        case!(
            "project.get_budget",
            r#"gazu.project.get_budget(w["project"], w["budget"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .budget(w.id::<BudgetId>("budget")?)
                    .get()
                    .await?;
            }
        ),
        case!(
            "project.update_budget",
            r#"gazu.project.update_budget(w["project"], w["budget"], {"name": "Renamed budget"})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .budget(w.id::<BudgetId>("budget")?)
                    .update(&json!({ "name": "Renamed budget" }))
                    .await?;
            }
        ),
        case!(
            "project.get_budget_entries",
            r#"gazu.project.get_budget_entries(w["project"], w["budget"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .budget(w.id::<BudgetId>("budget")?)
                    .entries()
                    .await?;
            }
        ),
        case!(
            "project.create_budget_entry",
            r#"gazu.project.create_budget_entry(w["project"], w["budget"], "Animator", amount=600)"#,
            |k, w| {
                k.project(w.id("project")?)
                    .budget(w.id::<BudgetId>("budget")?)
                    .new_entry(
                        w.id::<DepartmentId>("department")?,
                        "2027-01-01".parse()?,
                        1,
                        250.0,
                    )
                    .await?;
            }
        ),
        case!(
            "project.get_budget_entry",
            r#"gazu.project.get_budget_entry(w["project"], w["budget"], w["budget_entry"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .budget(w.id::<BudgetId>("budget")?)
                    .entry(w.id::<BudgetEntryId>("budget_entry")?)
                    .get()
                    .await?;
            }
        ),
        case!(
            "project.update_budget_entry",
            // Zou 1.0.97 writes every field absent from the body as null: send them all.
            r#"gazu.project.update_budget_entry(w["project"], w["budget"], w["budget_entry"], {"department_id": w["department"], "start_date": "2027-02-01", "months_duration": 3, "daily_salary": 320.0, "position": "artist", "seniority": "senior"})"#,
            |k, w| {
                k.project(w.id("project")?)
                    .budget(w.id::<BudgetId>("budget")?)
                    .entry(w.id::<BudgetEntryId>("budget_entry")?)
                    .update(&json!({
                        "department_id": w.get("department")?,
                        "start_date": "2027-02-01",
                        "months_duration": 3,
                        "daily_salary": 320.0,
                        "position": "artist",
                        "seniority": "senior",
                    }))
                    .await?;
            }
        ),
        case!(
            "project.remove_budget_entry",
            r#"gazu.project.remove_budget_entry(w["project"], w["budget"], w["budget_entry"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .budget(w.id::<BudgetId>("budget")?)
                    .entry(w.id::<BudgetEntryId>("budget_entry")?)
                    .delete()
                    .await?;
            }
        ),
        case!(
            "project.remove_budget",
            r#"gazu.project.remove_budget(w["project"], w["budget"])"#,
            |k, w| {
                k.project(w.id("project")?)
                    .budget(w.id::<BudgetId>("budget")?)
                    .delete()
                    .await?;
            }
        ),
    ]
}
