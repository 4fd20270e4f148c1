//! [`TaskHandle`] and [`PreviewFileHandle`]: a task, its comments and previews.

use std::path::Path;

use kitsu_core::ids::{CommentId, PersonId, PreviewFileId, TaskId, TaskStatusId};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Value, json};

use super::{NewComment, NewRow};
use crate::models::{PreviewFile, Task};
use crate::{ApiError, Client, Collection, Upload};

/// One task (`client.task(id)`): comments, previews, changes.
///
/// ```no_run
/// # async fn demo(client: kitsu_api::Client, task: kitsu_api::ids::TaskId) -> Result<(), kitsu_api::ApiError> {
/// let wip = client.task_statuses().by_short_name("wip").await?.expect("a WIP status");
/// let comment = client.task(task).comment(wip.id, "Blocking done").await?;
/// let preview = client.task(task).add_preview(comment.id).await?;
/// let uploaded = client.preview_file(preview.id).upload("blocking.mp4").await?;
/// println!("{:?}", uploaded.status);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct TaskHandle {
    client: Client,
    id: TaskId,
}

impl TaskHandle {
    pub(crate) fn new(client: Client, id: TaskId) -> Self {
        TaskHandle { client, id }
    }

    /// Its id.
    pub fn id(&self) -> TaskId {
        self.id
    }

    fn rows(&self) -> Collection<Task> {
        self.client.collection()
    }

    /// The task.
    #[doc(alias = "get_task")]
    pub async fn get(&self) -> Result<Task, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`priority`, `due_date`, `assignees`…).
    #[doc(alias = "update_task")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Task, ApiError> {
        self.rows().update(self.id, changes).await
    }

    /// Comments on it, setting its status; add more on the builder, then `.await` it.
    #[doc(alias = "add_comment")]
    pub fn comment(&self, status: TaskStatusId, text: impl Into<String>) -> NewComment {
        NewRow::new(
            self.client.clone(),
            routes::task_comment(self.id),
            [
                ("task_status_id", json!(status)),
                ("comment", Value::from(text.into())),
            ],
        )
    }

    /// Adds a new, empty preview to one of its comments; upload its file with
    /// [`PreviewFileHandle::upload`].
    pub async fn add_preview(&self, comment: CommentId) -> Result<PreviewFile, ApiError> {
        self.client
            .post(routes::comment_add_preview(self.id, comment), &json!({}))
            .await
    }
}

impl NewComment {
    /// A checklist: `[{"text": "…", "checked": false}]`.
    pub fn checklist(self, items: Value) -> Self {
        self.field("checklist", items)
    }

    /// Who the comment is attributed to (an admin writing on someone's behalf).
    pub fn person(self, person: PersonId) -> Self {
        self.field("person_id", json!(person))
    }
}

/// One preview file (`client.preview_file(id)`).
#[derive(Clone, Debug)]
pub struct PreviewFileHandle {
    client: Client,
    id: PreviewFileId,
}

impl PreviewFileHandle {
    pub(crate) fn new(client: Client, id: PreviewFileId) -> Self {
        PreviewFileHandle { client, id }
    }

    /// Its id.
    pub fn id(&self) -> PreviewFileId {
        self.id
    }

    /// The preview file.
    #[doc(alias = "get_preview_file")]
    pub async fn get(&self) -> Result<PreviewFile, ApiError> {
        self.client.collection::<PreviewFile>().get(self.id).await
    }

    /// Uploads its picture or movie, streamed from disk. Check `status` on the answer: a movie
    /// that fails to process still answers 201, with `status: "broken"`.
    #[doc(alias = "upload_preview_file")]
    pub async fn upload(&self, file: impl AsRef<Path>) -> Result<PreviewFile, ApiError> {
        self.client
            .upload_as(
                routes::preview_file_upload(self.id),
                Upload::file(file.as_ref()),
            )
            .await
    }
}

// The client behind the handles, for the routes other files add to them (files.rs).
impl TaskHandle {
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }
}

impl PreviewFileHandle {
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }
}
