//! [`TaskHandle`] and [`PreviewFileHandle`]: a task, its comments and previews.

use std::future::IntoFuture;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use kitsu_core::ids::{
    AttachmentFileId, CommentId, PersonId, PreviewFileId, TaskId, TaskStatusId, Uuid,
};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::entity_common::merge_data;
use crate::models::{AttachmentFile, Comment, Person, PreviewFile, Task, TaskStatus};
use crate::{ApiError, Client, Collection, Query, Upload};

/// One task (`client.task(id)`): comments, previews, changes.
///
/// ```no_run
/// # async fn demo(client: kitsu_api::Client, task: kitsu_api::ids::TaskId) -> Result<(), kitsu_api::ApiError> {
/// let wip = client.task_statuses().by_short_name("wip").await?.expect("a WIP status");
/// let comment = client
///     .task(task)
///     .comment(wip.id, "Blocking done")
///     .attach("notes.pdf")
///     .await?;
/// let preview = client
///     .task(task)
///     .on_comment(comment.id)
///     .preview("blocking.mp4")
///     .main_preview()
///     .await?;
/// let state = client
///     .preview_file(preview.id)
///     .wait_ready(std::time::Duration::from_secs(120))
///     .await?;
/// println!("{:?}", state.status());
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

    /// The task, with its entity, type, status, assignees and project joined in (in
    /// `other`: `entity`, `task_type`, `task_status`, `persons`, `project`…).
    #[doc(alias = "get_task")]
    pub async fn get(&self) -> Result<Task, ApiError> {
        self.client.get(routes::task_full(self.id)).await
    }

    /// Deletes it for good, with its comments, previews and time spent (`?force=true`, as
    /// gazu does).
    #[doc(alias = "remove_task")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete_forever(self.id).await
    }

    /// Merges `data` (an object) into its free `data`: keys not given are kept.
    #[doc(alias = "update_task_data")]
    pub async fn update_data(&self, data: &(impl Serialize + ?Sized)) -> Result<Task, ApiError> {
        let changes = serde_json::to_value(data).map_err(|error| ApiError::InvalidInput {
            what: "task data",
            value: error.to_string(),
            reason: "it cannot be written as JSON",
        })?;
        let current: Value = self.client.get(routes::task_full(self.id)).await?;
        let merged = merge_data(current.get("data"), changes);
        self.update(&json!({ "id": self.id, "data": merged })).await
    }

    /// Its page in Kitsu's web UI (reads the task for its project).
    #[doc(alias = "get_task_url")]
    pub async fn web_url(&self) -> Result<String, ApiError> {
        let task = self.rows().get(self.id).await?;
        let project = task.project_id.map(|id| id.to_string()).unwrap_or_default();
        Ok(format!(
            "{}/productions/{project}/shots/tasks/{}/",
            super::entity_common::web_root(&self.client),
            self.id
        ))
    }

    /// Assigns it to a person; answers the tasks changed.
    #[doc(alias = "assign_task")]
    pub async fn assign(&self, person: PersonId) -> Result<Vec<Task>, ApiError> {
        self.client
            .put(
                routes::person_assign(person),
                &json!({ "task_ids": [self.id] }),
            )
            .await
    }

    /// Unassigns it: everyone, or one person. Answers the ids of the tasks changed.
    pub async fn unassign(&self, person: Option<PersonId>) -> Result<Vec<TaskId>, ApiError> {
        self.rows().clear_assignations([self.id], person).await
    }

    /// Moves it to a status with an empty comment (by default `wip`), which sets its real
    /// start date.
    #[doc(alias = "start_task")]
    pub async fn start(&self, status: Option<TaskStatusId>) -> Result<Comment, ApiError> {
        let status = match status {
            Some(status) => status,
            None => self
                .client
                .collection::<TaskStatus>()
                .by_short_name("wip")
                .await?
                .map(|status| status.id)
                .ok_or(ApiError::InvalidInput {
                    what: "task status",
                    value: "wip".to_owned(),
                    reason: "the studio has no `wip` status: give one",
                })?,
        };
        self.comment(status, "").await
    }

    /// Its comments, newest first.
    #[doc(alias = "all_comments_for_task")]
    pub async fn comments(&self) -> Result<Vec<Comment>, ApiError> {
        self.client.fetch_all(routes::task_comments(self.id)).await
    }

    /// Its newest comment, if any.
    #[doc(alias = "get_last_comment_for_task")]
    pub async fn last_comment(&self) -> Result<Option<Comment>, ApiError> {
        self.client
            .fetch_first(routes::task_comments(self.id), &Query::new())
            .await
    }

    /// Its previews.
    #[doc(alias = "all_previews_for_task")]
    pub async fn previews(&self) -> Result<Vec<PreviewFile>, ApiError> {
        self.client.fetch_all(routes::task_previews(self.id)).await
    }

    /// Time spent on it, per person and in all (minutes): `{"total": …, "<person id>": …}`.
    #[doc(alias = "get_time_spent")]
    pub async fn time_spent(&self) -> Result<Value, ApiError> {
        self.client.get(routes::task_time_spents(self.id)).await
    }

    /// Time spent on it on one day (`YYYY-MM-DD`), per person and in all (minutes).
    #[doc(alias = "get_task_time_spent_for_date")]
    pub async fn time_spent_on(&self, date: &str) -> Result<Value, ApiError> {
        self.client
            .get(routes::task_time_spents_on(self.id, date))
            .await
    }

    /// Sets the time a person spent on it one day (`YYYY-MM-DD`), in minutes.
    #[doc(alias = "task.set_time_spent")]
    pub async fn set_time_spent(
        &self,
        person: PersonId,
        date: &str,
        minutes: u32,
    ) -> Result<Value, ApiError> {
        self.client
            .post(
                routes::set_time_spent(self.id, date, person),
                &json!({ "duration": minutes }),
            )
            .await
    }

    /// Adds minutes to the time a person spent on it one day (`YYYY-MM-DD`).
    #[doc(alias = "task.add_time_spent")]
    pub async fn add_time_spent(
        &self,
        person: PersonId,
        date: &str,
        minutes: u32,
    ) -> Result<Value, ApiError> {
        self.client
            .post(
                routes::add_time_spent(self.id, date, person),
                &json!({ "duration": minutes }),
            )
            .await
    }

    /// One of its comments: previews, attachments, replies, acknowledgement, move.
    pub fn on_comment(&self, comment: CommentId) -> TaskComment {
        TaskComment {
            client: self.client.clone(),
            task: self.id,
            id: comment,
        }
    }

    /// Changes its fields (`priority`, `due_date`, `assignees`…).
    #[doc(alias = "update_task")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Task, ApiError> {
        self.rows().update(self.id, changes).await
    }

    /// Comments on it, setting its status; add more on the builder, then `.await` it.
    #[doc(alias = "add_comment")]
    pub fn comment(&self, status: TaskStatusId, text: impl Into<String>) -> NewComment {
        NewComment {
            client: self.client.clone(),
            task: self.id,
            status,
            text: text.into(),
            fields: Map::new(),
            attachments: Vec::new(),
            progress: None,
        }
    }

    /// Adds a new, empty preview to one of its comments; upload its file with
    /// [`PreviewFileHandle::upload`] (or do both with [`TaskComment::preview`]).
    #[doc(alias = "create_preview")]
    pub async fn add_preview(&self, comment: CommentId) -> Result<PreviewFile, ApiError> {
        self.client
            .post(routes::comment_add_preview(self.id, comment), &json!({}))
            .await
    }
}

/// A new comment on a task, setting its status:
/// `task.comment(wip, "text").checklist(…).attach("a.pdf").attach("b.png").await`.
///
/// Without attachments it is posted as JSON; with some, as one multipart request (every file
/// streamed from disk, with an exact `Content-Length`), as gazu sends it.
#[must_use = "a builder does nothing until awaited"]
pub struct NewComment {
    client: Client,
    task: TaskId,
    status: TaskStatusId,
    text: String,
    fields: Map<String, Value>,
    attachments: Vec<PathBuf>,
    progress: Option<crate::Progress>,
}

impl std::fmt::Debug for NewComment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewComment")
            .field("task", &self.task)
            .field("status", &self.status)
            .field("text", &self.text)
            .field("fields", &self.fields)
            .field("attachments", &self.attachments)
            .finish_non_exhaustive()
    }
}

/// One item of a comment's checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// What to check.
    pub text: String,
    /// Whether it is done.
    pub checked: bool,
}

impl ChecklistItem {
    /// An unchecked item.
    pub fn new(text: impl Into<String>) -> Self {
        ChecklistItem {
            text: text.into(),
            checked: false,
        }
    }
}

impl NewComment {
    /// A checklist.
    pub fn checklist(mut self, items: impl IntoIterator<Item = ChecklistItem>) -> Self {
        let items: Vec<Value> = items
            .into_iter()
            .map(|item| json!({ "text": item.text, "checked": item.checked }))
            .collect();
        self.fields.insert("checklist".into(), Value::Array(items));
        self
    }

    /// Who the comment is attributed to (managers writing on someone's behalf; Zou ignores it
    /// for others).
    pub fn person(mut self, person: PersonId) -> Self {
        self.fields.insert("person_id".into(), json!(person));
        self
    }

    /// When it was written (`YYYY-MM-DDTHH:MM:SS`; managers only, as `person`).
    pub fn created_at(mut self, date: impl Into<String>) -> Self {
        self.fields
            .insert("created_at".into(), Value::from(date.into()));
        self
    }

    /// Links shown with it.
    pub fn links<S: Into<String>>(mut self, links: impl IntoIterator<Item = S>) -> Self {
        let links: Vec<Value> = links.into_iter().map(|l| Value::from(l.into())).collect();
        self.fields.insert("links".into(), Value::Array(links));
        self
    }

    /// Shown to the client (managers only).
    pub fn for_client(mut self) -> Self {
        self.fields.insert("for_client".into(), Value::Bool(true));
        self
    }

    /// Mentions a person: Zou finds mentions in the text, as `@First Last`; this appends it.
    pub fn mention(mut self, person: &Person) -> Self {
        let name = format!(
            "{} {}",
            person.first_name,
            person.last_name.as_deref().unwrap_or_default()
        );
        if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.text.push(' ');
        }
        self.text.push('@');
        self.text.push_str(name.trim());
        self
    }

    /// Attaches a file (call it again for more: all go in one multipart request).
    pub fn attach(mut self, file: impl Into<PathBuf>) -> Self {
        self.attachments.push(file.into());
        self
    }

    /// Reports the attachments' upload progress: (bytes sent, bytes in all).
    pub fn progress(mut self, progress: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }

    /// The JSON body, without attachments.
    fn body(&self) -> Map<String, Value> {
        let mut body = Map::new();
        body.insert("task_status_id".into(), json!(self.status));
        body.insert("comment".into(), Value::from(self.text.clone()));
        body.insert("checklist".into(), json!([]));
        body.insert("links".into(), json!([]));
        body.insert("for_client".into(), Value::Bool(false));
        body.extend(self.fields.clone());
        body
    }

    /// The multipart form, with attachments: lists as JSON text, `for_client` only when true
    /// (Zou reads any text as true).
    fn form(&self) -> Upload {
        let mut files = self.attachments.iter();
        let mut upload = match files.next() {
            Some(first) => Upload::file(first),
            None => Upload::default(),
        };
        for file in files {
            upload = upload.and_file(file);
        }
        for (name, value) in self.body() {
            match value {
                Value::Bool(false) if name == "for_client" => {}
                Value::String(text) => upload = upload.field(name, text),
                other => upload = upload.field(name, other.to_string()),
            }
        }
        if let Some(progress) = self.progress.clone() {
            upload = upload.progress(move |done, all| progress(done, all));
        }
        upload
    }
}

impl IntoFuture for NewComment {
    type Output = Result<Comment, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let route = routes::task_comment(self.task);
            if self.attachments.is_empty() {
                self.client.post(route, &self.body()).await
            } else {
                self.client.upload_as(route, self.form()).await
            }
        })
    }
}

/// One comment of a task (`kitsu.task(id).on_comment(comment)`): what Zou does under the
/// task's route.
#[derive(Clone, Debug)]
pub struct TaskComment {
    client: Client,
    task: TaskId,
    id: CommentId,
}

impl TaskComment {
    /// The comment's id.
    pub fn id(&self) -> CommentId {
        self.id
    }

    /// Adds a preview and uploads its file (a picture or a movie): set options on the
    /// builder, then `.await` it.
    #[doc(alias = "add_preview")]
    pub fn preview(&self, file: impl Into<PathBuf>) -> NewPreview {
        NewPreview {
            client: self.client.clone(),
            task: self.task,
            comment: self.id,
            file: file.into(),
            revision: None,
            beside: None,
            main: false,
            progress: None,
        }
    }

    /// Adds an empty preview of the same revision as `preview` (a second picture of one
    /// version); upload its file with [`PreviewFileHandle::upload`].
    #[doc(alias = "create_extra_preview")]
    pub async fn add_extra_preview(&self, preview: PreviewFileId) -> Result<PreviewFile, ApiError> {
        self.client
            .post(
                routes::comment_preview_file(self.task, self.id, preview),
                &json!({}),
            )
            .await
    }

    /// Removes a preview from the comment.
    #[doc(alias = "remove_preview_from_comment")]
    pub async fn remove_preview(&self, preview: PreviewFileId) -> Result<(), ApiError> {
        self.client
            .delete(routes::comment_preview_file(self.task, self.id, preview))
            .await
    }

    /// Attaches files to the comment, in one multipart request; answers its attachment files.
    #[doc(alias = "add_attachment_files_to_comment")]
    pub async fn attach<P: Into<PathBuf>>(
        &self,
        files: impl IntoIterator<Item = P>,
    ) -> Result<Vec<AttachmentFile>, ApiError> {
        let mut files = files.into_iter().map(Into::into);
        let Some(first) = files.next() else {
            return Err(ApiError::InvalidInput {
                what: "attachments",
                value: String::new(),
                reason: "give at least one file",
            });
        };
        let upload = files.fold(Upload::file(first), Upload::and_file);
        self.client
            .upload_as(routes::comment_add_attachment(self.task, self.id), upload)
            .await
    }

    /// Deletes one of its attachment files.
    #[doc(alias = "delete_comment_attachment")]
    pub async fn delete_attachment(&self, attachment: AttachmentFileId) -> Result<(), ApiError> {
        self.client
            .delete(routes::comment_attachment(self.task, self.id, attachment))
            .await
    }

    /// Moves it to another task of the same entity (managers).
    #[doc(alias = "move_comment_to_task")]
    pub async fn move_to(&self, target: TaskId) -> Result<Comment, ApiError> {
        self.client
            .post(
                routes::comment_move(self.task, self.id),
                &json!({ "target_task_id": target }),
            )
            .await
    }

    /// Acknowledges it, or takes the acknowledgement back when given.
    #[doc(alias = "acknowledge_comment")]
    pub async fn acknowledge(&self) -> Result<Comment, ApiError> {
        self.client
            .post(routes::comment_ack(self.task, self.id), &json!({}))
            .await
    }

    /// Replies to it (as `person` when given: managers); answers the reply (`id`, `text`,
    /// `person_id`, `date`…).
    #[doc(alias = "reply_to_comment")]
    pub async fn reply(&self, text: &str, person: Option<PersonId>) -> Result<Value, ApiError> {
        let mut body = json!({ "text": text });
        if let (Some(person), Some(map)) = (person, body.as_object_mut()) {
            map.insert("person_id".into(), json!(person));
        }
        self.client
            .post(routes::comment_reply(self.task, self.id), &body)
            .await
    }

    /// Deletes one of its replies.
    #[doc(alias = "delete_comment_reply")]
    pub async fn delete_reply(&self, reply: Uuid) -> Result<(), ApiError> {
        self.client
            .delete(routes::comment_reply_item(self.task, self.id, reply))
            .await
    }
}

/// A preview to add to a comment and upload: `.revision(3)`, `.beside(other)`,
/// `.main_preview()`, `.progress(…)`, then `.await` it for the uploaded [`PreviewFile`].
#[must_use = "a builder does nothing until awaited"]
pub struct NewPreview {
    client: Client,
    task: TaskId,
    comment: CommentId,
    file: PathBuf,
    revision: Option<i64>,
    beside: Option<PreviewFileId>,
    main: bool,
    progress: Option<crate::Progress>,
}

impl std::fmt::Debug for NewPreview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewPreview")
            .field("task", &self.task)
            .field("comment", &self.comment)
            .field("file", &self.file)
            .field("revision", &self.revision)
            .field("beside", &self.beside)
            .field("main", &self.main)
            .finish_non_exhaustive()
    }
}

impl NewPreview {
    /// Its revision number (by default, the next one).
    pub fn revision(mut self, revision: i64) -> Self {
        self.revision = Some(revision);
        self
    }

    /// Of the same revision as this preview (an extra picture of one version: gazu's
    /// `add_extra_preview`).
    #[doc(alias = "add_extra_preview")]
    pub fn beside(mut self, preview: PreviewFileId) -> Self {
        self.beside = Some(preview);
        self
    }

    /// Then makes it its entity's main preview (the thumbnail shown everywhere).
    pub fn main_preview(mut self) -> Self {
        self.main = true;
        self
    }

    /// Reports the upload's progress: (bytes sent, bytes in all).
    pub fn progress(mut self, progress: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }
}

impl IntoFuture for NewPreview {
    type Output = Result<PreviewFile, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let created: PreviewFile = match self.beside {
                Some(beside) => {
                    self.client
                        .post(
                            routes::comment_preview_file(self.task, self.comment, beside),
                            &json!({}),
                        )
                        .await?
                }
                None => {
                    let mut body = Map::new();
                    if let Some(revision) = self.revision {
                        body.insert("revision".into(), json!(revision));
                    }
                    self.client
                        .post(routes::comment_add_preview(self.task, self.comment), &body)
                        .await?
                }
            };
            let mut upload = Upload::file(&self.file);
            if let Some(progress) = self.progress {
                upload = upload.progress(move |done, all| progress(done, all));
            }
            let handle = PreviewFileHandle::new(self.client.clone(), created.id);
            let uploaded: PreviewFile = self
                .client
                .upload_as(routes::preview_file_upload(created.id), upload)
                .await?;
            if self.main {
                handle.set_main(None).await?;
            }
            Ok(uploaded)
        })
    }
}

/// Where a preview's processing stands ([`PreviewFile::status`], typed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreviewStatus {
    /// Zou is still making its variants (movies are transcoded).
    Processing,
    /// Ready to be shown.
    Ready,
    /// Processing failed.
    Broken,
    /// A status this version does not know.
    Other(String),
}

impl PreviewStatus {
    /// The status of a preview file (`Ready` when Zou sends none, as for pictures of old
    /// Zou versions).
    pub fn of(preview: &PreviewFile) -> PreviewStatus {
        match preview.status.as_deref() {
            Some("processing") => PreviewStatus::Processing,
            Some("ready") | None => PreviewStatus::Ready,
            Some("broken") => PreviewStatus::Broken,
            Some(other) => PreviewStatus::Other(other.to_owned()),
        }
    }
}

/// How waiting for a preview ended ([`PreviewFileHandle::wait_ready`]).
#[derive(Clone, Debug)]
pub enum PreviewWait {
    /// It is ready.
    Ready(PreviewFile),
    /// Its processing failed.
    Broken(PreviewFile),
    /// Still processing when the time was up (the last state read).
    TimedOut(PreviewFile),
}

impl PreviewWait {
    /// The preview file as last read.
    pub fn preview(&self) -> &PreviewFile {
        match self {
            PreviewWait::Ready(preview)
            | PreviewWait::Broken(preview)
            | PreviewWait::TimedOut(preview) => preview,
        }
    }

    /// Its status as last read.
    pub fn status(&self) -> PreviewStatus {
        PreviewStatus::of(self.preview())
    }

    /// Whether it is ready.
    pub fn is_ready(&self) -> bool {
        matches!(self, PreviewWait::Ready(_))
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

    /// [`PreviewFileHandle::upload`], reporting progress: (bytes sent, bytes in all).
    pub async fn upload_with_progress(
        &self,
        file: impl AsRef<Path>,
        progress: impl Fn(u64, u64) + Send + Sync + 'static,
    ) -> Result<PreviewFile, ApiError> {
        self.client
            .upload_as(
                routes::preview_file_upload(self.id),
                Upload::file(file.as_ref()).progress(progress),
            )
            .await
    }

    /// Makes it its entity's main preview (the thumbnail shown everywhere); for a movie, the
    /// picture of `frame` when given.
    #[doc(alias = "set_main_preview")]
    pub async fn set_main(&self, frame: Option<u32>) -> Result<Value, ApiError> {
        let mut body = Map::new();
        if let Some(frame) = frame {
            body.insert("frame_number".into(), json!(frame));
        }
        self.client
            .put(routes::set_main_preview(self.id), &body)
            .await
    }

    /// Reads it until Zou has processed it (movies are transcoded after the upload), every
    /// second, for at most `timeout`.
    pub async fn wait_ready(&self, timeout: Duration) -> Result<PreviewWait, ApiError> {
        self.wait_ready_every(timeout, Duration::from_secs(1)).await
    }

    /// [`PreviewFileHandle::wait_ready`], reading it every `interval` (gazu's
    /// `wait_for_preview_file` with its `poll_interval`).
    #[doc(alias = "files.wait_for_preview_file")]
    pub async fn wait_ready_every(
        &self,
        timeout: Duration,
        interval: Duration,
    ) -> Result<PreviewWait, ApiError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let preview = self.get().await?;
            match PreviewStatus::of(&preview) {
                PreviewStatus::Ready => return Ok(PreviewWait::Ready(preview)),
                PreviewStatus::Broken => return Ok(PreviewWait::Broken(preview)),
                _ => {}
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return Ok(PreviewWait::TimedOut(preview));
            }
            tokio::time::sleep(interval.min(deadline - now)).await;
        }
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
