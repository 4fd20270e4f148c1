//! Project templates: [`ProjectTemplateHandle`] (`kitsu.project_template(id)`), the list,
//! [`NewProjectTemplate`], a template made from a project, and applying one to a project.

use std::fmt;
use std::future::IntoFuture;

use futures_util::future::BoxFuture;
use kitsu_core::ids::{
    AssetTypeId, PreviewBackgroundFileId, ProjectTemplateId, StatusAutomationId, TaskStatusId,
    TaskTypeId,
};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::{NewRow, ProjectHandle};
use crate::models::{
    AssetType, PreviewBackgroundFile, Project, ProjectTemplate, StatusAutomation, TaskStatus,
    TaskType,
};
use crate::{ApiError, Client, Collection, Query};

impl Collection<ProjectTemplate> {
    /// Every project template, by name.
    #[doc(alias = "all_project_templates")]
    pub async fn all(&self) -> Result<Vec<ProjectTemplate>, ApiError> {
        let mut templates = self.list().await?;
        templates.sort_by_key(|template| template.name.to_lowercase());
        Ok(templates)
    }

    /// The project template with this name, if any.
    #[doc(alias = "get_project_template_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<ProjectTemplate>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }

    /// A new, empty project template: `.description(…)`, `.fps("25")`, `.ratio("16:9")`,
    /// `.resolution("1920x1080")`, `.production_type("tvshow")`, `.production_style("3d")`.
    #[doc(alias = "new_project_template")]
    pub fn new_template(&self, name: impl Into<String>) -> NewProjectTemplate {
        let mut fields = Map::new();
        fields.insert("name".into(), Value::String(name.into()));
        fields.insert("description".into(), Value::Null);
        NewProjectTemplate {
            client: self.client().clone(),
            route: routes::collection("project-templates"),
            fields,
        }
    }
}

/// A new project template, posted when awaited.
#[must_use = "a builder does nothing until awaited"]
pub struct NewProjectTemplate {
    client: Client,
    route: String,
    fields: Map<String, Value>,
}

impl NewProjectTemplate {
    fn set(mut self, name: &str, value: &str) -> Self {
        self.fields.insert(name.to_owned(), json!(value));
        self
    }

    /// Its description.
    pub fn description(self, description: &str) -> Self {
        self.set("description", description)
    }

    /// Frames per second of new projects (`"25"`).
    pub fn fps(self, fps: &str) -> Self {
        self.set("fps", fps)
    }

    /// The aspect ratio of new projects (`"16:9"`).
    pub fn ratio(self, ratio: &str) -> Self {
        self.set("ratio", ratio)
    }

    /// The resolution of new projects (`"1920x1080"`).
    pub fn resolution(self, resolution: &str) -> Self {
        self.set("resolution", resolution)
    }

    /// The production type of new projects (`short`, `featurefilm`, `tvshow`…).
    pub fn production_type(self, production_type: &str) -> Self {
        self.set("production_type", production_type)
    }

    /// The production style of new projects (`2d`, `3d`, `2d3d`, `vfx`…).
    pub fn production_style(self, production_style: &str) -> Self {
        self.set("production_style", production_style)
    }
}

impl fmt::Debug for NewProjectTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewProjectTemplate")
            .field("route", &self.route)
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

impl IntoFuture for NewProjectTemplate {
    type Output = Result<ProjectTemplate, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.client.post(&self.route, &self.fields).await })
    }
}

impl ProjectHandle {
    /// A new project template from this project's settings (task types, task statuses, asset
    /// types, status automations, metadata descriptors, production settings; no production
    /// data): `.description(…)`.
    #[doc(alias = "new_project_template_from_project")]
    pub fn new_template(&self, name: impl Into<String>) -> NewProjectTemplate {
        let mut fields = Map::new();
        fields.insert("name".into(), Value::String(name.into()));
        fields.insert("description".into(), Value::Null);
        NewProjectTemplate {
            client: self.client().clone(),
            route: routes::project_template_from_project(self.id()),
            fields,
        }
    }

    /// Applies a template's settings to this project: added to what it has (links it already
    /// has are kept, none doubled). Answers the project.
    #[doc(alias = "apply_project_template")]
    pub async fn apply_template(&self, template: ProjectTemplateId) -> Result<Project, ApiError> {
        self.client()
            .post(
                routes::project_apply_template(self.id(), template),
                &json!({}),
            )
            .await
    }
}

/// One project template (`kitsu.project_template(id)`): read, change, delete; its task types,
/// task statuses, asset types, status automations, preview backgrounds and metadata
/// descriptors.
#[derive(Clone, Debug)]
pub struct ProjectTemplateHandle {
    client: Client,
    id: ProjectTemplateId,
}

impl Client {
    /// One project template.
    pub fn project_template(&self, id: ProjectTemplateId) -> ProjectTemplateHandle {
        ProjectTemplateHandle {
            client: self.clone(),
            id,
        }
    }
}

impl ProjectTemplateHandle {
    /// Its id.
    pub fn id(&self) -> ProjectTemplateId {
        self.id
    }

    fn rows(&self) -> Collection<ProjectTemplate> {
        self.client.collection()
    }

    /// The template.
    #[doc(alias = "get_project_template")]
    pub async fn get(&self) -> Result<ProjectTemplate, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields.
    #[doc(alias = "update_project_template")]
    pub async fn update(
        &self,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<ProjectTemplate, ApiError> {
        self.rows().update(self.id, changes).await
    }

    /// Deletes it.
    #[doc(alias = "remove_project_template")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Its task types.
    #[doc(alias = "all_task_types_for_project_template")]
    pub async fn task_types(&self) -> Result<Vec<TaskType>, ApiError> {
        self.client
            .fetch_all(routes::project_template_task_types(self.id))
            .await
    }

    /// Adds a task type (`.field("priority", 2)`); answers the link.
    #[doc(alias = "add_task_type_to_project_template")]
    pub fn add_task_type(&self, task_type: TaskTypeId) -> NewRow<Value> {
        NewRow::new(
            self.client.clone(),
            routes::project_template_task_types(self.id),
            [("task_type_id", json!(task_type))],
        )
    }

    /// Removes a task type.
    #[doc(alias = "remove_task_type_from_project_template")]
    pub async fn remove_task_type(&self, task_type: TaskTypeId) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_template_task_type(self.id, task_type))
            .await
    }

    /// Its task statuses.
    #[doc(alias = "all_task_statuses_for_project_template")]
    pub async fn task_statuses(&self) -> Result<Vec<TaskStatus>, ApiError> {
        self.client
            .fetch_all(routes::project_template_task_statuses(self.id))
            .await
    }

    /// Adds a task status (`.field("priority", 2)`, `.field("roles_for_board", json!([…]))`);
    /// answers the link.
    #[doc(alias = "add_task_status_to_project_template")]
    pub fn add_task_status(&self, task_status: TaskStatusId) -> NewRow<Value> {
        NewRow::new(
            self.client.clone(),
            routes::project_template_task_statuses(self.id),
            [("task_status_id", json!(task_status))],
        )
    }

    /// Removes a task status.
    #[doc(alias = "remove_task_status_from_project_template")]
    pub async fn remove_task_status(&self, task_status: TaskStatusId) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_template_task_status(self.id, task_status))
            .await
    }

    /// Its asset types.
    #[doc(alias = "all_asset_types_for_project_template")]
    pub async fn asset_types(&self) -> Result<Vec<AssetType>, ApiError> {
        self.client
            .fetch_all(routes::project_template_asset_types(self.id))
            .await
    }

    /// Adds an asset type; answers the link.
    #[doc(alias = "add_asset_type_to_project_template")]
    pub async fn add_asset_type(&self, asset_type: AssetTypeId) -> Result<Value, ApiError> {
        self.client
            .post(
                routes::project_template_asset_types(self.id),
                &json!({ "asset_type_id": asset_type }),
            )
            .await
    }

    /// Removes an asset type.
    #[doc(alias = "remove_asset_type_from_project_template")]
    pub async fn remove_asset_type(&self, asset_type: AssetTypeId) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_template_asset_type(self.id, asset_type))
            .await
    }

    /// Its status automations.
    #[doc(alias = "all_status_automations_for_project_template")]
    pub async fn status_automations(&self) -> Result<Vec<StatusAutomation>, ApiError> {
        self.client
            .fetch_all(routes::project_template_status_automations(self.id))
            .await
    }

    /// Adds a status automation; answers the link.
    #[doc(alias = "add_status_automation_to_project_template")]
    pub async fn add_status_automation(
        &self,
        automation: StatusAutomationId,
    ) -> Result<Value, ApiError> {
        self.client
            .post(
                routes::project_template_status_automations(self.id),
                &json!({ "status_automation_id": automation }),
            )
            .await
    }

    /// Removes a status automation.
    #[doc(alias = "remove_status_automation_from_project_template")]
    pub async fn remove_status_automation(
        &self,
        automation: StatusAutomationId,
    ) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_template_status_automation(
                self.id, automation,
            ))
            .await
    }

    /// Its preview background files.
    #[doc(alias = "all_preview_background_files_for_project_template")]
    pub async fn preview_background_files(&self) -> Result<Vec<PreviewBackgroundFile>, ApiError> {
        self.client
            .fetch_all(routes::project_template_backgrounds(self.id))
            .await
    }

    /// Adds a preview background file; answers the link.
    #[doc(alias = "add_preview_background_file_to_project_template")]
    pub async fn add_preview_background_file(
        &self,
        file: PreviewBackgroundFileId,
    ) -> Result<Value, ApiError> {
        self.client
            .post(
                routes::project_template_backgrounds(self.id),
                &json!({ "preview_background_file_id": file }),
            )
            .await
    }

    /// Removes a preview background file.
    #[doc(alias = "remove_preview_background_file_from_project_template")]
    pub async fn remove_preview_background_file(
        &self,
        file: PreviewBackgroundFileId,
    ) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_template_background(self.id, file))
            .await
    }

    /// Sets (`Some`) or clears (`None`) its default preview background file.
    #[doc(alias = "set_project_template_default_preview_background_file")]
    pub async fn set_default_preview_background_file(
        &self,
        file: Option<PreviewBackgroundFileId>,
    ) -> Result<ProjectTemplate, ApiError> {
        self.client
            .put(
                routes::project_template_default_background(self.id),
                &json!({ "default_preview_background_file_id": file }),
            )
            .await
    }

    /// Replaces its metadata descriptors (each with `name`, `entity_type`, `data_type`,
    /// `choices`, `for_client`, `departments`, `position`): what projects made from it get.
    #[doc(alias = "set_project_template_metadata_descriptors")]
    pub async fn set_metadata_descriptors(
        &self,
        descriptors: &(impl Serialize + ?Sized),
    ) -> Result<ProjectTemplate, ApiError> {
        self.client
            .put(
                routes::project_template_metadata_descriptors(self.id),
                &json!({ "metadata_descriptors": descriptors }),
            )
            .await
    }
}
