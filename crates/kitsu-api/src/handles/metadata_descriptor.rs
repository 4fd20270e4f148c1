//! [`MetadataDescriptorHandle`]: one of a project's metadata descriptors (custom fields).

use kitsu_core::ids::{DepartmentId, MetadataDescriptorId, ProjectId, TaskTypeId};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::Value;

use super::NewRow;
use crate::models::MetadataDescriptor;
use crate::{ApiError, Client, Query};

/// A new metadata descriptor:
/// `project.new_metadata_descriptor("Difficulty", "Shot").data_type("list").choices(["easy", "hard"]).await`.
pub type NewMetadataDescriptor = NewRow<MetadataDescriptor>;

impl NewRow<MetadataDescriptor> {
    /// Its type of value: `string` (the default), `number`, `list`, `taglist`, `boolean`,
    /// `checklist`, `date`…
    pub fn data_type(self, data_type: impl Into<String>) -> Self {
        self.field("data_type", data_type.into())
    }

    /// The values it may take (`list`, `taglist`, `checklist`).
    pub fn choices<S: Into<String>>(self, choices: impl IntoIterator<Item = S>) -> Self {
        let choices: Vec<String> = choices.into_iter().map(Into::into).collect();
        self.field("choices", choices)
    }

    /// Whether clients see it (not by default).
    pub fn for_client(self, for_client: bool) -> Self {
        self.field("for_client", for_client)
    }

    /// Only these departments see it (by default, every department).
    pub fn departments(self, departments: impl IntoIterator<Item = DepartmentId>) -> Self {
        let ids: Vec<Value> = departments
            .into_iter()
            .map(|id| Value::from(id.to_string()))
            .collect();
        self.field("departments", ids)
    }

    /// The task type it is scoped to: required for `Task` descriptors, refused for others.
    pub fn task_type(self, task_type: TaskTypeId) -> Self {
        self.field("task_type_id", task_type.to_string())
    }
}

/// One metadata descriptor of a project (`project.metadata_descriptor(id)`).
#[derive(Clone, Debug)]
pub struct MetadataDescriptorHandle {
    client: Client,
    project: ProjectId,
    id: MetadataDescriptorId,
}

impl MetadataDescriptorHandle {
    pub(crate) fn new(client: Client, project: ProjectId, id: MetadataDescriptorId) -> Self {
        MetadataDescriptorHandle {
            client,
            project,
            id,
        }
    }

    /// Its id.
    pub fn id(&self) -> MetadataDescriptorId {
        self.id
    }

    fn route(&self) -> String {
        routes::project_metadata_descriptor(self.project, self.id)
    }

    /// The descriptor.
    #[doc(alias = "get_metadata_descriptor")]
    pub async fn get(&self) -> Result<MetadataDescriptor, ApiError> {
        self.client.get(self.route()).await
    }

    /// Changes it (`name`, `for_client`, `data_type`, `choices`, `departments`). Zou resets
    /// `data_type`, `choices`, `departments` and `for_client` to their defaults when absent:
    /// send them all.
    #[doc(alias = "update_metadata_descriptor")]
    pub async fn update(
        &self,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<MetadataDescriptor, ApiError> {
        self.client.put(self.route(), changes).await
    }

    /// Deletes it; the values stay in the entities' data.
    #[doc(alias = "remove_metadata_descriptor")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client.delete(self.route()).await
    }

    /// Deletes it and its values from the entities' data (`?force=true`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.client
            .delete_with(self.route(), &Query::new().param("force", true))
            .await
    }
}
