//! [`ProjectHandle`]: one project and the routes under it.

use std::path::Path;

use kitsu_core::ids::{AssetTypeId, ProjectId, SequenceId, ShotId, TaskTypeId};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Value, json};

use super::{NewAsset, NewRow, NewShot};
use crate::models::{Asset, Project, ProjectStatus, Sequence, Shot, Task};
use crate::{ApiError, Client, Collection, Query, Upload};

/// One project (`client.project(id)`): its sequences, shots and assets, and what creates them.
///
/// ```no_run
/// # async fn demo(client: kitsu_api::Client, id: kitsu_api::ids::ProjectId) -> Result<(), kitsu_api::ApiError> {
/// let project = client.project(id);
/// let sequence = project.new_sequence("SQ01").await?;
/// let shot = project.new_shot(sequence.id, "SH010").nb_frames(48).await?;
/// println!("{} has {} shots", project.get().await?.name, project.shots().await?.len());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct ProjectHandle {
    client: Client,
    id: ProjectId,
}

impl ProjectHandle {
    pub(crate) fn new(client: Client, id: ProjectId) -> Self {
        ProjectHandle { client, id }
    }

    /// Its id.
    pub fn id(&self) -> ProjectId {
        self.id
    }

    /// The client it calls through (for the handles' other files).
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    fn rows(&self) -> Collection<Project> {
        self.client.collection()
    }

    /// The project.
    #[doc(alias = "get_project")]
    pub async fn get(&self) -> Result<Project, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`name`, `fps`, `project_status_id`…).
    #[doc(alias = "update_project")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Project, ApiError> {
        self.rows().update(self.id, changes).await
    }

    /// Deletes it for good, with everything in it: closes it first (Zou deletes only closed
    /// projects), as gazu's `remove_project(project, force=True)`.
    #[doc(alias = "remove_project")]
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        let closed = self
            .client
            .collection::<ProjectStatus>()
            .first(&Query::new().param("name", "Closed"))
            .await?;
        if let Some(closed) = closed {
            self.update(&json!({ "project_status_id": closed.id }))
                .await?;
        }
        self.rows().delete_forever(self.id).await
    }

    /// Its sequences.
    #[doc(alias = "all_sequences_for_project")]
    pub async fn sequences(&self) -> Result<Vec<Sequence>, ApiError> {
        self.client
            .fetch_all(routes::project_sequences(self.id))
            .await
    }

    /// Its shots.
    #[doc(alias = "all_shots_for_project")]
    pub async fn shots(&self) -> Result<Vec<Shot>, ApiError> {
        self.client.fetch_all(routes::project_shots(self.id)).await
    }

    /// Its assets.
    #[doc(alias = "all_assets_for_project")]
    pub async fn assets(&self) -> Result<Vec<Asset>, ApiError> {
        self.client.fetch_all(routes::project_assets(self.id)).await
    }

    /// Creates a sequence in it.
    pub async fn new_sequence(&self, name: &str) -> Result<Sequence, ApiError> {
        self.client
            .post(routes::project_sequences(self.id), &json!({ "name": name }))
            .await
    }

    /// Creates a shot in one of its sequences; set more fields on the builder, then `.await` it.
    pub fn new_shot(&self, sequence: SequenceId, name: impl Into<String>) -> NewShot {
        NewRow::new(
            self.client.clone(),
            routes::project_shots(self.id),
            [
                ("name", Value::from(name.into())),
                ("sequence_id", Value::from(sequence.to_string())),
            ],
        )
    }

    /// Creates an asset of a type in it; set more fields on the builder, then `.await` it.
    pub fn new_asset(&self, asset_type: AssetTypeId, name: impl Into<String>) -> NewAsset {
        NewRow::new(
            self.client.clone(),
            routes::new_asset(self.id, asset_type),
            [("name", Value::from(name.into()))],
        )
    }

    /// Adds a task type to its settings (so its tasks show in the project's views).
    pub async fn add_task_type(&self, task_type: TaskTypeId) -> Result<Project, ApiError> {
        self.client
            .post(
                routes::project_task_types(self.id),
                &json!({ "task_type_id": task_type }),
            )
            .await
    }

    /// Creates tasks of a type for its shots (every shot, or [`CreateShotTasks::only`] some);
    /// shots that already have one are skipped. Answers the tasks created.
    #[doc(alias = "create_tasks")]
    pub fn create_shot_tasks(&self, task_type: TaskTypeId) -> CreateShotTasks {
        CreateShotTasks {
            client: self.client.clone(),
            project: self.id,
            task_type,
            shots: None,
        }
    }

    /// Uploads its thumbnail picture.
    #[doc(alias = "upload_project_thumbnail")]
    pub async fn upload_thumbnail(&self, file: impl AsRef<Path>) -> Result<Value, ApiError> {
        self.client
            .upload(
                routes::project_thumbnail_upload(self.id),
                Upload::file(file.as_ref()),
            )
            .await
    }
}

impl NewShot {
    /// Its length in frames.
    pub fn nb_frames(self, frames: i64) -> Self {
        self.field("nb_frames", frames)
    }

    /// Its description.
    pub fn description(self, text: impl Into<String>) -> Self {
        self.field("description", text.into())
    }

    /// Its free data (`frame_in`, `frame_out`, custom fields).
    pub fn data(self, data: Value) -> Self {
        self.field("data", data)
    }
}

impl NewAsset {
    /// Its description.
    pub fn description(self, text: impl Into<String>) -> Self {
        self.field("description", text.into())
    }

    /// Its free data (custom fields).
    pub fn data(self, data: Value) -> Self {
        self.field("data", data)
    }
}

/// Task creation for a project's shots: `project.create_shot_tasks(animation).only(&ids).await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct CreateShotTasks {
    client: Client,
    project: ProjectId,
    task_type: TaskTypeId,
    shots: Option<Vec<ShotId>>,
}

impl CreateShotTasks {
    /// Only for these shots (by default, every shot of the project).
    pub fn only(mut self, shots: impl IntoIterator<Item = ShotId>) -> Self {
        self.shots = Some(shots.into_iter().collect());
        self
    }
}

impl std::future::IntoFuture for CreateShotTasks {
    type Output = Result<Vec<Task>, ApiError>;
    type IntoFuture = futures_util::future::BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let route = routes::create_shot_tasks(self.project, self.task_type);
            match &self.shots {
                Some(shots) => self.client.post(route, shots).await,
                // Zou reads "every shot" from an absent body, not from an empty list.
                None => self.client.post_empty(route).await,
            }
        })
    }
}
