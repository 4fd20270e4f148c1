//! Typed helpers for what pipelines do most: projects, shots, tasks, comments, previews.

use std::path::Path;

use serde_json::{Value, json};

use crate::ids::check_id;
use crate::models::{
    Asset, AssetType, Comment, PreviewFile, Project, Sequence, Shot, Task, TaskStatus, TaskType,
};
use crate::{ApiError, Client, Query, Upload};

impl Client {
    /// Every project.
    pub async fn projects(&self) -> Result<Vec<Project>, ApiError> {
        self.fetch_all("projects").await
    }

    /// The open projects.
    pub async fn open_projects(&self) -> Result<Vec<Project>, ApiError> {
        self.fetch_all("projects/open").await
    }

    /// One project.
    pub async fn project(&self, id: &str) -> Result<Project, ApiError> {
        self.fetch_one("projects", id).await
    }

    /// The first project with this name, if any.
    pub async fn project_by_name(&self, name: &str) -> Result<Option<Project>, ApiError> {
        self.fetch_first("projects", &Query::new().param("name", name))
            .await
    }

    /// Creates a project.
    pub async fn new_project(&self, name: &str) -> Result<Project, ApiError> {
        self.create("projects", &json!({"name": name})).await
    }

    /// Every task type.
    pub async fn task_types(&self) -> Result<Vec<TaskType>, ApiError> {
        self.fetch_all("task-types").await
    }

    /// The task type with this name, if any.
    pub async fn task_type_by_name(&self, name: &str) -> Result<Option<TaskType>, ApiError> {
        self.fetch_first("task-types", &Query::new().param("name", name))
            .await
    }

    /// Every task status.
    pub async fn task_statuses(&self) -> Result<Vec<TaskStatus>, ApiError> {
        self.fetch_all("task-status").await
    }

    /// The task status with this short name (`todo`, `wip`, `done`), if any.
    pub async fn task_status_by_short_name(
        &self,
        short_name: &str,
    ) -> Result<Option<TaskStatus>, ApiError> {
        self.fetch_first("task-status", &Query::new().param("short_name", short_name))
            .await
    }

    /// Every asset type.
    pub async fn asset_types(&self) -> Result<Vec<AssetType>, ApiError> {
        self.fetch_all("asset-types").await
    }

    /// The sequences of a project.
    pub async fn sequences_of_project(&self, project_id: &str) -> Result<Vec<Sequence>, ApiError> {
        self.fetch_all(&format!("projects/{}/sequences", check_id(project_id)?))
            .await
    }

    /// The shots of a project.
    pub async fn shots_of_project(&self, project_id: &str) -> Result<Vec<Shot>, ApiError> {
        self.fetch_all(&format!("projects/{}/shots", check_id(project_id)?))
            .await
    }

    /// The assets of a project.
    pub async fn assets_of_project(&self, project_id: &str) -> Result<Vec<Asset>, ApiError> {
        self.fetch_all(&format!("projects/{}/assets", check_id(project_id)?))
            .await
    }

    /// One shot, with its tasks in `other["tasks"]`.
    pub async fn shot(&self, id: &str) -> Result<Shot, ApiError> {
        self.fetch_one("shots", id).await
    }

    /// The tasks of a shot, with their type, status and entity names.
    pub async fn tasks_of_shot(&self, shot_id: &str) -> Result<Vec<Task>, ApiError> {
        self.fetch_all(&format!("shots/{}/tasks", check_id(shot_id)?))
            .await
    }

    /// Creates a sequence in a project.
    pub async fn new_sequence(&self, project_id: &str, name: &str) -> Result<Sequence, ApiError> {
        self.post(
            &format!("data/projects/{}/sequences", check_id(project_id)?),
            &json!({"name": name}),
        )
        .await
    }

    /// Creates a shot in a sequence.
    pub async fn new_shot(
        &self,
        project_id: &str,
        sequence_id: &str,
        name: &str,
        nb_frames: Option<i64>,
    ) -> Result<Shot, ApiError> {
        let body =
            json!({"name": name, "sequence_id": check_id(sequence_id)?, "nb_frames": nb_frames});
        self.post(
            &format!("data/projects/{}/shots", check_id(project_id)?),
            &body,
        )
        .await
    }

    /// Updates a shot (`description`, `nb_frames`, `data`…).
    pub async fn update_shot(&self, shot_id: &str, changes: &Value) -> Result<Shot, ApiError> {
        self.put(&format!("data/shots/{}", check_id(shot_id)?), changes)
            .await
    }

    /// Creates an asset of a type in a project.
    pub async fn new_asset(
        &self,
        project_id: &str,
        asset_type_id: &str,
        name: &str,
        description: &str,
    ) -> Result<Asset, ApiError> {
        let path = format!(
            "data/projects/{}/asset-types/{}/assets/new",
            check_id(project_id)?,
            check_id(asset_type_id)?
        );
        self.post(&path, &json!({"name": name, "description": description}))
            .await
    }

    /// Creates tasks of a type for these shots (existing ones are skipped); `None` for every
    /// shot of the project. Returns the tasks created.
    pub async fn create_shot_tasks(
        &self,
        project_id: &str,
        task_type_id: &str,
        shot_ids: Option<&[String]>,
    ) -> Result<Vec<Task>, ApiError> {
        let path = format!(
            "actions/projects/{}/task-types/{}/shots/create-tasks",
            check_id(project_id)?,
            check_id(task_type_id)?
        );
        match shot_ids {
            Some(ids) => {
                for id in ids {
                    check_id(id)?;
                }
                self.post(&path, ids).await
            }
            None => self
                .call::<()>(http::Method::POST, &path, &Query::new(), None)
                .await?
                .decode(),
        }
    }

    /// Comments on a task, setting its status.
    pub async fn add_comment(
        &self,
        task_id: &str,
        task_status_id: &str,
        text: &str,
    ) -> Result<Comment, ApiError> {
        let body = json!({"task_status_id": check_id(task_status_id)?, "comment": text});
        self.post(
            &format!("actions/tasks/{}/comment", check_id(task_id)?),
            &body,
        )
        .await
    }

    /// Attaches a new (empty) preview to a comment; upload its file with [`Client::upload_preview`].
    pub async fn add_preview(
        &self,
        task_id: &str,
        comment_id: &str,
    ) -> Result<PreviewFile, ApiError> {
        let path = format!(
            "actions/tasks/{}/comments/{}/add-preview",
            check_id(task_id)?,
            check_id(comment_id)?
        );
        self.post(&path, &json!({})).await
    }

    /// Uploads a picture or movie into a preview. Check `status == "ready"` on the answer: a movie
    /// that fails to process still answers 201, with `status: "broken"`.
    pub async fn upload_preview(
        &self,
        preview_id: &str,
        file: impl AsRef<Path>,
    ) -> Result<PreviewFile, ApiError> {
        let path = format!("pictures/preview-files/{}", check_id(preview_id)?);
        let answer = self.upload(&path, Upload::file(file.as_ref())).await?;
        serde_json::from_value(answer).map_err(|error| ApiError::Decode {
            method: http::Method::POST,
            url: self.url(&path, &Query::new()).unwrap_or_default(),
            path: String::new(),
            message: error.to_string(),
        })
    }

    /// Uploads a project's thumbnail picture.
    pub async fn upload_project_thumbnail(
        &self,
        project_id: &str,
        file: impl AsRef<Path>,
    ) -> Result<Value, ApiError> {
        let path = format!("pictures/thumbnails/projects/{}", check_id(project_id)?);
        self.upload(&path, Upload::file(file.as_ref())).await
    }

    /// Downloads a preview's original file (`pictures/…png` or `movies/…mp4`, by its extension).
    pub async fn download_preview(
        &self,
        preview: &PreviewFile,
        destination: impl AsRef<Path>,
    ) -> Result<u64, ApiError> {
        let id = check_id(&preview.id)?;
        let extension = preview.extension.as_deref().unwrap_or("png");
        let kind = if matches!(extension, "png" | "jpg" | "jpeg" | "gif") {
            "pictures"
        } else {
            "movies"
        };
        self.download(
            &format!("{kind}/originals/preview-files/{id}.{extension}"),
            destination,
        )
        .await
    }
}
