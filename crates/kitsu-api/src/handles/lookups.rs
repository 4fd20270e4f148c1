//! What is special to some collections: the open projects, lookups by name.

use kitsu_core::routes;
use serde_json::json;

use crate::models::{Project, TaskStatus, TaskType};
use crate::{ApiError, Collection, Query};

impl Collection<Project> {
    /// The open projects.
    #[doc(alias = "all_open_projects")]
    pub async fn open(&self) -> Result<Vec<Project>, ApiError> {
        self.client().fetch_all(routes::open_projects()).await
    }

    /// The project with this name, if any.
    #[doc(alias = "get_project_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<Project>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }

    /// Creates a project with this name.
    #[doc(alias = "new_project")]
    pub async fn create_named(&self, name: &str) -> Result<Project, ApiError> {
        self.create(&json!({ "name": name })).await
    }
}

impl Collection<TaskType> {
    /// The task type with this name, if any.
    #[doc(alias = "get_task_type_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<TaskType>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }
}

impl Collection<TaskStatus> {
    /// The task status with this short name (`todo`, `wip`, `done`), if any.
    #[doc(alias = "get_task_status_by_short_name")]
    pub async fn by_short_name(&self, short_name: &str) -> Result<Option<TaskStatus>, ApiError> {
        self.first(&Query::new().param("short_name", short_name))
            .await
    }
}
