//! [`ProjectSettings`]: what a project uses (task types, task statuses, asset types, status
//! automations, preview backgrounds), under `data/projects/{id}/settings`.

use std::future::IntoFuture;

use futures_util::future::BoxFuture;
use kitsu_core::ids::{
    AssetTypeId, PreviewBackgroundFileId, ProjectId, StatusAutomationId, TaskStatusId, TaskTypeId,
};
use kitsu_core::routes;
use serde_json::json;

use crate::models::{PreviewBackgroundFile, Project, StatusAutomation, TaskStatus, TaskType};
use crate::{ApiError, Client};

/// A project's settings (`project.settings()`): the studio-wide task types, task statuses,
/// asset types, status automations and preview backgrounds it uses. The additions answer the
/// project.
///
/// ```no_run
/// # async fn demo(kitsu: kitsu_api::Client, id: kitsu_api::ids::ProjectId,
/// #     animation: kitsu_api::ids::TaskTypeId) -> Result<(), kitsu_api::ApiError> {
/// let settings = kitsu.project(id).settings();
/// settings.add_task_type(animation).priority(2).await?;
/// for task_type in settings.task_types().await? {
///     println!("{}", task_type.name);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct ProjectSettings {
    client: Client,
    project: ProjectId,
}

impl ProjectSettings {
    pub(crate) fn new(client: Client, project: ProjectId) -> Self {
        ProjectSettings { client, project }
    }

    /// The task types it uses.
    ///
    /// gazu reads `GET data/projects/{id}/settings/task-types`, which Zou does not serve
    /// (405); this reads the same list from `data/projects/{id}/task-types`.
    #[doc(alias = "get_project_task_types")]
    pub async fn task_types(&self) -> Result<Vec<TaskType>, ApiError> {
        self.client
            .fetch_all(routes::project_task_types_in_use(self.project))
            .await
    }

    /// Adds a task type (set its rank with [`AddTaskType::priority`]), then `.await` it.
    #[doc(alias = "project.add_task_type")]
    pub fn add_task_type(&self, task_type: TaskTypeId) -> AddTaskType {
        AddTaskType {
            client: self.client.clone(),
            project: self.project,
            task_type,
            priority: None,
        }
    }

    /// Removes a task type.
    #[doc(alias = "project.remove_task_type")]
    pub async fn remove_task_type(&self, task_type: TaskTypeId) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_task_type_setting(self.project, task_type))
            .await
    }

    /// The task statuses it uses.
    #[doc(alias = "get_project_task_statuses")]
    pub async fn task_statuses(&self) -> Result<Vec<TaskStatus>, ApiError> {
        self.client
            .fetch_all(routes::project_task_statuses_setting(self.project))
            .await
    }

    /// Adds a task status.
    #[doc(alias = "project.add_task_status")]
    pub async fn add_task_status(&self, task_status: TaskStatusId) -> Result<Project, ApiError> {
        self.client
            .post(
                routes::project_task_statuses_setting(self.project),
                &json!({ "task_status_id": task_status }),
            )
            .await
    }

    /// Removes a task status.
    #[doc(alias = "project.remove_task_status")]
    pub async fn remove_task_status(&self, task_status: TaskStatusId) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_task_status_setting(
                self.project,
                task_status,
            ))
            .await
    }

    /// Adds an asset type.
    #[doc(alias = "project.add_asset_type")]
    pub async fn add_asset_type(&self, asset_type: AssetTypeId) -> Result<Project, ApiError> {
        self.client
            .post(
                routes::project_asset_types_setting(self.project),
                &json!({ "asset_type_id": asset_type }),
            )
            .await
    }

    /// Removes an asset type.
    pub async fn remove_asset_type(&self, asset_type: AssetTypeId) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_asset_type_setting(self.project, asset_type))
            .await
    }

    /// The status automations it uses.
    #[doc(alias = "all_status_automations")]
    pub async fn status_automations(&self) -> Result<Vec<StatusAutomation>, ApiError> {
        self.client
            .fetch_all(routes::project_status_automations(self.project))
            .await
    }

    /// Adds a status automation.
    #[doc(alias = "project.add_status_automation")]
    pub async fn add_status_automation(
        &self,
        automation: StatusAutomationId,
    ) -> Result<Project, ApiError> {
        self.client
            .post(
                routes::project_status_automations(self.project),
                &json!({ "status_automation_id": automation }),
            )
            .await
    }

    /// Removes a status automation.
    #[doc(alias = "project.remove_status_automation")]
    pub async fn remove_status_automation(
        &self,
        automation: StatusAutomationId,
    ) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_status_automation(self.project, automation))
            .await
    }

    /// The preview background files (3D preview HDRs) it uses.
    #[doc(alias = "get_preview_background_files")]
    pub async fn preview_background_files(&self) -> Result<Vec<PreviewBackgroundFile>, ApiError> {
        self.client
            .fetch_all(routes::project_preview_background_files(self.project))
            .await
    }

    /// Adds a preview background file.
    #[doc(alias = "project.add_preview_background_file")]
    pub async fn add_preview_background_file(
        &self,
        file: PreviewBackgroundFileId,
    ) -> Result<Project, ApiError> {
        self.client
            .post(
                routes::project_preview_background_files(self.project),
                &json!({ "preview_background_file_id": file }),
            )
            .await
    }

    /// Removes a preview background file.
    #[doc(alias = "project.remove_preview_background_file")]
    pub async fn remove_preview_background_file(
        &self,
        file: PreviewBackgroundFileId,
    ) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_preview_background_file(self.project, file))
            .await
    }
}

/// A task type to add to a project's settings:
/// `project.settings().add_task_type(animation).priority(2).await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct AddTaskType {
    client: Client,
    project: ProjectId,
    task_type: TaskTypeId,
    priority: Option<i64>,
}

impl AddTaskType {
    /// Its rank among the project's task types (by default, Zou's choice).
    pub fn priority(mut self, priority: i64) -> Self {
        self.priority = Some(priority);
        self
    }
}

impl IntoFuture for AddTaskType {
    type Output = Result<Project, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.client
                .post(
                    routes::project_task_types(self.project),
                    &json!({ "task_type_id": self.task_type, "priority": self.priority }),
                )
                .await
        })
    }
}
