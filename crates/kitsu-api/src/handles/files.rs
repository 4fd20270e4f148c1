//! Files: working files and output files (new revisions, lists, last revisions, paths from the
//! project's file tree), softwares, output types, file statuses, attachments, preview
//! downloads in every size, avatars, and [`Publish`]: an output file, a comment and a preview
//! in one call.
//!
//! ```no_run
//! # async fn demo(kitsu: kitsu_api::Client, task: kitsu_api::ids::TaskId) -> Result<(), kitsu_api::ApiError> {
//! let blender = kitsu.softwares().by_name("Blender").await?.expect("Blender");
//! let path = kitsu.task(task).working_file_path().software(blender.id).await?;
//! let file = kitsu.task(task).new_working_file().software(blender.id).comment("blocking").await?;
//! println!("{} r{:?}: {:?}", path.joined("/"), file.revision, file.path);
//! # Ok(()) }
//! ```

use std::future::IntoFuture;
use std::path::{Path, PathBuf};

use futures_util::future::BoxFuture;
use kitsu_core::ids::{
    AssetInstanceId, AttachmentFileId, EntityId, FileStatusId, OrganisationId, OutputFileId,
    OutputTypeId, PersonId, SoftwareId, TaskId, TaskStatusId, TaskTypeId, WorkingFileId,
};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::{EntityHandle, NewRow, PreviewFileHandle, ProjectHandle, TaskHandle};
use crate::files::Progress;
use crate::models::{
    AttachmentFile, Comment, FileStatus, NextRevision, OutputFile, OutputFilePath, OutputType,
    PreviewFile, Project, Software, Task, ThumbnailPath, WorkingFile, WorkingFilePath,
};
use crate::{ApiError, Client, Collection, Query, Upload};

// ---- the collections -------------------------------------------------------------------

impl Client {
    /// The software the studio uses: `kitsu.softwares().by_name("Blender")`; one by id is
    /// `.get(id)`, a change `.update(id, &changes)`.
    #[doc(alias("files.all_softwares", "files.get_software", "files.update_software"))]
    pub fn softwares(&self) -> Collection<Software> {
        self.collection()
    }

    /// The types of output files (Geometry, Cache…): `kitsu.output_types().by_name("Cache")`;
    /// one by id is `.get(id)`.
    #[doc(alias("files.all_output_types", "files.get_output_type"))]
    pub fn output_types(&self) -> Collection<OutputType> {
        self.collection()
    }

    /// The statuses of output files: `kitsu.file_statuses().by_name("Done")`; one by id is
    /// `.get(id)`.
    #[doc(alias = "files.get_file_status")]
    pub fn file_statuses(&self) -> Collection<FileStatus> {
        self.collection()
    }

    /// One working file: its comment, its stored file.
    pub fn working_file(&self, id: WorkingFileId) -> WorkingFileHandle {
        WorkingFileHandle {
            client: self.clone(),
            id,
        }
    }

    /// One output file.
    pub fn output_file(&self, id: OutputFileId) -> OutputFileHandle {
        OutputFileHandle {
            client: self.clone(),
            id,
        }
    }

    /// One attachment file (of a comment or a chat message): download it or its thumbnail.
    pub fn attachment_file(&self, id: AttachmentFileId) -> AttachmentFileHandle {
        AttachmentFileHandle {
            client: self.clone(),
            id,
        }
    }

    /// The output files of an asset instance in a shot or scene (`temporal_entity`).
    pub fn asset_instance_files(
        &self,
        asset_instance: AssetInstanceId,
        temporal_entity: impl Into<EntityId>,
    ) -> AssetInstanceFiles {
        AssetInstanceFiles {
            client: self.clone(),
            asset_instance,
            temporal_entity: temporal_entity.into(),
        }
    }

    /// The output files of an asset instance in every shot or scene (filter them with
    /// [`OutputFileFilter::temporal_entity`]).
    #[doc(alias = "files.all_output_files_for_asset_instance")]
    pub async fn asset_instance_output_files(
        &self,
        asset_instance: AssetInstanceId,
        filter: &OutputFileFilter,
    ) -> Result<Vec<OutputFile>, ApiError> {
        self.fetch_all_with(
            routes::asset_instance_output_files(asset_instance),
            &filter.query(),
        )
        .await
    }

    /// The previews being processed (movies Zou is transcoding).
    #[doc(alias = "files.get_running_preview_files")]
    pub async fn running_preview_files(&self) -> Result<Vec<PreviewFile>, ApiError> {
        self.fetch_all(routes::running_preview_files()).await
    }

    /// Downloads a person's avatar (a PNG thumbnail). Atomic, as [`Client::download`].
    #[doc(alias = "files.download_person_avatar")]
    pub async fn download_person_avatar(
        &self,
        person: PersonId,
        destination: impl AsRef<Path>,
    ) -> Result<u64, ApiError> {
        self.download(routes::person_avatar(person), destination)
            .await
    }

    /// Uploads a person's avatar (a picture Zou turns into a thumbnail).
    #[doc(alias = "files.upload_person_avatar")]
    pub async fn upload_person_avatar(
        &self,
        person: PersonId,
        file: impl AsRef<Path>,
    ) -> Result<ThumbnailPath, ApiError> {
        self.upload_as(
            routes::person_avatar_upload(person),
            Upload::file(file.as_ref()),
        )
        .await
    }

    /// Downloads the organisation's logo (a PNG thumbnail). Atomic, as [`Client::download`].
    #[doc(alias = "files.download_organisation_avatar")]
    pub async fn download_organisation_avatar(
        &self,
        organisation: OrganisationId,
        destination: impl AsRef<Path>,
    ) -> Result<u64, ApiError> {
        self.download(routes::organisation_avatar(organisation), destination)
            .await
    }

    /// Uploads the organisation's logo.
    #[doc(alias = "files.upload_organisation_avatar")]
    pub async fn upload_organisation_avatar(
        &self,
        organisation: OrganisationId,
        file: impl AsRef<Path>,
    ) -> Result<ThumbnailPath, ApiError> {
        self.upload_as(
            routes::organisation_avatar_upload(organisation),
            Upload::file(file.as_ref()),
        )
        .await
    }
}

impl Collection<Software> {
    /// The software with this name, if any.
    #[doc(alias = "files.get_software_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<Software>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }

    /// The software of this name, created (with its short name and main file extension,
    /// `.blend`) if there is none.
    #[doc(alias = "files.new_software")]
    pub async fn ensure(
        &self,
        name: &str,
        short_name: &str,
        file_extension: &str,
        secondary_extensions: Option<&[&str]>,
    ) -> Result<Software, ApiError> {
        if let Some(software) = self.by_name(name).await? {
            return Ok(software);
        }
        let mut fields = json!({
            "name": name,
            "short_name": short_name,
            "file_extension": file_extension,
        });
        if let Some(extensions) = secondary_extensions {
            fields["secondary_extensions"] = json!(extensions);
        }
        self.create(&fields).await
    }
}

impl Collection<OutputType> {
    /// The output type with this name, if any.
    #[doc(alias = "files.get_output_type_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<OutputType>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }

    /// The output type of this name, created if there is none.
    #[doc(alias = "files.new_output_type")]
    pub async fn ensure(&self, name: &str, short_name: &str) -> Result<OutputType, ApiError> {
        match self.by_name(name).await? {
            Some(found) => Ok(found),
            None => {
                self.create(&json!({ "name": name, "short_name": short_name }))
                    .await
            }
        }
    }
}

impl Collection<FileStatus> {
    /// The file status with this name, if any.
    #[doc(alias = "files.get_file_status_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<FileStatus>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }

    /// The file status of this name, created (with its `#rrggbb` colour) if there is none.
    #[doc(alias = "files.new_file_status")]
    pub async fn ensure(&self, name: &str, color: &str) -> Result<FileStatus, ApiError> {
        match self.by_name(name).await? {
            Some(found) => Ok(found),
            None => self.create(&json!({ "name": name, "color": color })).await,
        }
    }
}

impl Collection<OutputFile> {
    /// The output file at this path, if any.
    #[doc(alias = "files.get_output_file_by_path")]
    pub async fn by_path(&self, path: &str) -> Result<Option<OutputFile>, ApiError> {
        self.first(&Query::new().param("path", path)).await
    }
}

impl Collection<PreviewFile> {
    /// A task's previews.
    #[doc(alias = "files.get_all_preview_files_for_task")]
    pub async fn for_task(&self, task: TaskId) -> Result<Vec<PreviewFile>, ApiError> {
        self.list_with(&Query::new().param("task_id", task)).await
    }
}

// ---- output file filters -----------------------------------------------------------------

/// The filters of the output file lists (`output_type_id`, `task_type_id`, `name`,
/// `representation`, `file_status_id`, and `temporal_entity_id` for asset instances).
#[derive(Clone, Debug, Default)]
pub struct OutputFileFilter {
    temporal_entity: Option<EntityId>,
    output_type: Option<OutputTypeId>,
    task_type: Option<TaskTypeId>,
    representation: Option<String>,
    name: Option<String>,
    file_status: Option<FileStatusId>,
}

impl OutputFileFilter {
    /// No filter: every output file.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only files of this output type.
    pub fn output_type(mut self, output_type: OutputTypeId) -> Self {
        self.output_type = Some(output_type);
        self
    }

    /// Only files of this task type.
    pub fn task_type(mut self, task_type: TaskTypeId) -> Self {
        self.task_type = Some(task_type);
        self
    }

    /// Only files of this name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Only files of this representation (`abc`).
    pub fn representation(mut self, representation: impl Into<String>) -> Self {
        self.representation = Some(representation.into());
        self
    }

    /// Only files of this status.
    pub fn file_status(mut self, file_status: FileStatusId) -> Self {
        self.file_status = Some(file_status);
        self
    }

    /// Only files of an asset instance in this shot or scene.
    pub fn temporal_entity(mut self, entity: impl Into<EntityId>) -> Self {
        self.temporal_entity = Some(entity.into());
        self
    }

    /// The query, parameters in gazu's order.
    pub fn query(&self) -> Query {
        let mut query = Query::new();
        if let Some(id) = self.temporal_entity {
            query = query.param("temporal_entity_id", id);
        }
        if let Some(id) = self.output_type {
            query = query.param("output_type_id", id);
        }
        if let Some(id) = self.task_type {
            query = query.param("task_type_id", id);
        }
        if let Some(text) = &self.representation {
            query = query.param("representation", text);
        }
        if let Some(text) = &self.name {
            query = query.param("name", text);
        }
        if let Some(id) = self.file_status {
            query = query.param("file_status_id", id);
        }
        query
    }
}

// ---- builders ----------------------------------------------------------------------------

/// A new working file revision: `task.new_working_file().software(id).comment("…").await`.
/// Zou builds its path from the project's file tree; revision 0 (the default) means the next.
pub type NewWorkingFile = NewRow<WorkingFile>;

impl NewWorkingFile {
    /// Its name (`main` by default).
    pub fn name(self, name: &str) -> Self {
        self.field("name", name)
    }

    /// The file tree's template to use (`working` by default).
    pub fn mode(self, mode: &str) -> Self {
        self.field("mode", mode)
    }

    /// The software it is made with (Zou picks Blender when none is given).
    pub fn software(self, software: SoftwareId) -> Self {
        self.field("software_id", json!(software))
    }

    /// The artist's comment.
    pub fn comment(self, comment: &str) -> Self {
        self.field("comment", comment)
    }

    /// Who made it (the logged-in user by default).
    pub fn person(self, person: PersonId) -> Self {
        self.field("person_id", json!(person))
    }

    /// Its revision (0, the default: the next one).
    pub fn revision(self, revision: i64) -> Self {
        self.field("revision", revision)
    }

    /// The path separator (`/` by default).
    pub fn sep(self, sep: &str) -> Self {
        self.field("sep", sep)
    }
}

/// A working file's path from the project's file tree:
/// `task.working_file_path().software(id).revision(3).await?.joined("/")`.
pub type BuildWorkingFilePath = NewRow<WorkingFilePath>;

impl BuildWorkingFilePath {
    /// Its name (`main` by default).
    pub fn name(self, name: &str) -> Self {
        self.field("name", name)
    }

    /// The file tree's template to use (`working` by default).
    pub fn mode(self, mode: &str) -> Self {
        self.field("mode", mode)
    }

    /// The software it is made with.
    pub fn software(self, software: SoftwareId) -> Self {
        self.field("software_id", json!(software))
    }

    /// Its revision (1 by default; 0: the next one).
    pub fn revision(self, revision: i64) -> Self {
        self.field("revision", revision)
    }

    /// The path separator (`/` by default).
    pub fn separator(self, sep: &str) -> Self {
        self.field("separator", sep)
    }
}

/// A new output file revision of an entity or asset instance:
/// `kitsu.entity(shot).new_output_file(cache, animation, "v2").working_file(id).await`.
pub type NewOutputFile = NewRow<OutputFile>;

impl NewOutputFile {
    /// Its name (`main` for an entity, `master` for an asset instance, by default).
    pub fn name(self, name: &str) -> Self {
        self.field("name", name)
    }

    /// The file tree's template to use (`output` by default).
    pub fn mode(self, mode: &str) -> Self {
        self.field("mode", mode)
    }

    /// The working file it was made from.
    pub fn working_file(self, working_file: WorkingFileId) -> Self {
        self.field("working_file_id", json!(working_file))
    }

    /// Who made it (the logged-in user by default).
    pub fn person(self, person: PersonId) -> Self {
        self.field("person_id", json!(person))
    }

    /// Its revision (0, the default: the next one).
    pub fn revision(self, revision: i64) -> Self {
        self.field("revision", revision)
    }

    /// How many files it is (an image sequence is many; 1 by default).
    pub fn nb_elements(self, nb_elements: i64) -> Self {
        self.field("nb_elements", nb_elements)
    }

    /// Its representation (`abc`, `exr`…), which file trees can use as a folder.
    pub fn representation(self, representation: &str) -> Self {
        self.field("representation", representation)
    }

    /// The path separator (`/` by default).
    pub fn sep(self, sep: &str) -> Self {
        self.field("sep", sep)
    }

    /// Its status.
    pub fn file_status(self, file_status: FileStatusId) -> Self {
        self.field("file_status_id", json!(file_status))
    }
}

/// An output file's path from the project's file tree:
/// `kitsu.entity(shot).output_file_path(cache, animation).representation("abc").await?`.
pub type BuildOutputFilePath = NewRow<OutputFilePath>;

impl BuildOutputFilePath {
    /// Its name (`main` by default).
    pub fn name(self, name: &str) -> Self {
        self.field("name", name)
    }

    /// The file tree's template to use (`output` by default).
    pub fn mode(self, mode: &str) -> Self {
        self.field("mode", mode)
    }

    /// Its representation (`abc`).
    pub fn representation(self, representation: &str) -> Self {
        self.field("representation", representation)
    }

    /// Its revision (0 by default).
    pub fn revision(self, revision: i64) -> Self {
        self.field("revision", revision)
    }

    /// How many files it is (1 by default).
    pub fn nb_elements(self, nb_elements: i64) -> Self {
        self.field("nb_elements", nb_elements)
    }

    /// The path separator (`/` by default).
    pub fn separator(self, sep: &str) -> Self {
        self.field("separator", sep)
    }
}

fn output_file_fields(
    client: &Client,
    route: String,
    output_type: OutputTypeId,
    task_type: TaskTypeId,
    comment: &str,
    name: &str,
) -> NewOutputFile {
    NewRow::new(
        client.clone(),
        route,
        [
            ("output_type_id", json!(output_type)),
            ("task_type_id", json!(task_type)),
            ("comment", Value::from(comment)),
            ("revision", json!(0)),
            ("representation", json!("")),
            ("name", Value::from(name)),
            ("nb_elements", json!(1)),
            ("sep", json!("/")),
        ],
    )
}

fn output_path_fields(
    client: &Client,
    route: String,
    output_type: OutputTypeId,
    task_type: TaskTypeId,
) -> BuildOutputFilePath {
    NewRow::new(
        client.clone(),
        route,
        [
            ("task_type_id", json!(task_type)),
            ("output_type_id", json!(output_type)),
            ("mode", json!("output")),
            ("name", json!("main")),
            ("representation", json!("")),
            ("revision", json!(0)),
            ("nb_elements", json!(1)),
            ("separator", json!("/")),
        ],
    )
}

async fn next_revision(
    client: &Client,
    route: String,
    output_type: OutputTypeId,
    task_type: TaskTypeId,
    name: &str,
) -> Result<i64, ApiError> {
    let answer: NextRevision = client
        .post(
            route,
            &json!({
                "name": name,
                "output_type_id": output_type,
                "task_type_id": task_type,
            }),
        )
        .await?;
    Ok(answer.next_revision)
}

// ---- a task's files ----------------------------------------------------------------------

impl TaskHandle {
    /// Its working files, every revision.
    #[doc(alias = "files.get_working_files_for_task")]
    pub async fn working_files(&self) -> Result<Vec<WorkingFile>, ApiError> {
        self.client()
            .get(routes::task_working_files(self.id()))
            .await
    }

    /// Its last working file of each name (`"main"` → the file).
    #[doc(alias = "files.get_last_working_files")]
    pub async fn last_working_files(&self) -> Result<Map<String, Value>, ApiError> {
        self.client()
            .get(routes::task_last_working_files(self.id()))
            .await
    }

    /// Its last working file of this name (`main`), if any.
    #[doc(alias = "files.get_last_working_file_revision")]
    pub async fn last_working_file(&self, name: &str) -> Result<Option<WorkingFile>, ApiError> {
        let mut files = self.last_working_files().await?;
        match files.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(file) => {
                serde_json::from_value(file)
                    .map(Some)
                    .map_err(|error| ApiError::Decode {
                        method: http::Method::GET,
                        url: self
                            .client()
                            .url(&routes::task_last_working_files(self.id()), &Query::new())
                            .unwrap_or_default(),
                        path: name.to_owned(),
                        message: error.to_string(),
                    })
            }
        }
    }

    /// A new working file revision (named `main`, the next revision, by default); set more
    /// on the builder, then `.await` it.
    #[doc(alias = "files.new_working_file")]
    pub fn new_working_file(&self) -> NewWorkingFile {
        NewRow::new(
            self.client().clone(),
            routes::task_new_working_file(self.id()),
            [
                ("name", json!("main")),
                ("comment", json!("")),
                ("task_id", json!(self.id())),
                ("revision", json!(0)),
                ("mode", json!("working")),
            ],
        )
    }

    /// A working file's path from the project's file tree (named `main`, revision 1, by
    /// default); `.await` it, then [`WorkingFilePath::joined`].
    #[doc(alias = "files.build_working_file_path")]
    pub fn working_file_path(&self) -> BuildWorkingFilePath {
        NewRow::new(
            self.client().clone(),
            routes::task_working_file_path(self.id()),
            [
                ("mode", json!("working")),
                ("name", json!("main")),
                ("revision", json!(1)),
                ("separator", json!("/")),
            ],
        )
    }

    /// The files attached to its comments.
    #[doc(alias = "files.get_all_attachment_files_for_task")]
    pub async fn attachment_files(&self) -> Result<Vec<AttachmentFile>, ApiError> {
        self.client()
            .fetch_all(routes::task_attachment_files(self.id()))
            .await
    }

    /// Publishes: a new output file revision of its entity (for its task type), a comment
    /// setting its status, and, if given, a preview uploaded on that comment with progress.
    /// Set more on the builder, then `.await` it.
    pub fn publish(&self, status: TaskStatusId, output_type: OutputTypeId) -> Publish {
        Publish {
            client: self.client().clone(),
            task: self.id(),
            status,
            output_type,
            comment: String::new(),
            name: None,
            representation: None,
            working_file: None,
            preview: None,
            progress: None,
        }
    }
}

/// A publication: `task.publish(wip, cache).comment("v2").preview("playblast.mp4").await`.
#[must_use = "a builder does nothing until awaited"]
pub struct Publish {
    client: Client,
    task: TaskId,
    status: TaskStatusId,
    output_type: OutputTypeId,
    comment: String,
    name: Option<String>,
    representation: Option<String>,
    working_file: Option<WorkingFileId>,
    preview: Option<PathBuf>,
    progress: Option<Progress>,
}

impl std::fmt::Debug for Publish {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publish")
            .field("task", &self.task)
            .field("output_type", &self.output_type)
            .field("comment", &self.comment)
            .field("preview", &self.preview)
            .finish_non_exhaustive()
    }
}

/// What [`Publish`] made.
#[derive(Clone, Debug)]
pub struct Published {
    /// The new output file revision.
    pub output_file: OutputFile,
    /// The comment.
    pub comment: Comment,
    /// The preview, when one was uploaded (check its `status`: `broken` if Zou could not
    /// process it).
    pub preview: Option<PreviewFile>,
}

impl Publish {
    /// The comment's text (also the output file's comment).
    pub fn comment(mut self, text: impl Into<String>) -> Self {
        self.comment = text.into();
        self
    }

    /// The output file's name (`main` by default).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The output file's representation (`abc`).
    pub fn representation(mut self, representation: impl Into<String>) -> Self {
        self.representation = Some(representation.into());
        self
    }

    /// The working file the output was made from.
    pub fn working_file(mut self, working_file: WorkingFileId) -> Self {
        self.working_file = Some(working_file);
        self
    }

    /// A picture or movie to upload as the comment's preview.
    pub fn preview(mut self, file: impl Into<PathBuf>) -> Self {
        self.preview = Some(file.into());
        self
    }

    /// Reports the preview's upload: (bytes sent, bytes in all).
    pub fn progress(mut self, progress: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
        self.progress = Some(std::sync::Arc::new(progress));
        self
    }

    async fn run(self) -> Result<Published, ApiError> {
        let task: Task = self.client.collection::<Task>().get(self.task).await?;
        let (Some(entity), Some(task_type)) = (task.entity_id, task.task_type_id) else {
            return Err(ApiError::InvalidInput {
                what: "task",
                value: self.task.to_string(),
                reason: "it has no entity or no task type",
            });
        };
        let mut output = output_file_fields(
            &self.client,
            routes::entity_new_output_file(entity),
            self.output_type,
            task_type,
            &self.comment,
            self.name.as_deref().unwrap_or("main"),
        );
        if let Some(representation) = &self.representation {
            output = output.representation(representation);
        }
        if let Some(working_file) = self.working_file {
            output = output.working_file(working_file);
        }
        let output_file = output.await?;
        let handle = self.client.task(self.task);
        let comment = handle.comment(self.status, self.comment.clone()).await?;
        let preview = match &self.preview {
            None => None,
            Some(file) => {
                let preview = handle.add_preview(comment.id).await?;
                let mut upload = Upload::file(file.clone());
                if let Some(progress) = self.progress.clone() {
                    upload = upload.progress(move |done, all| progress(done, all));
                }
                Some(
                    self.client
                        .upload_as(routes::preview_file_upload(preview.id), upload)
                        .await?,
                )
            }
        };
        Ok(Published {
            output_file,
            comment,
            preview,
        })
    }
}

impl IntoFuture for Publish {
    type Output = Result<Published, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

// ---- an entity's files -------------------------------------------------------------------

impl EntityHandle {
    /// Its working files (filtered by task and name when given).
    #[doc(alias = "files.get_all_working_files_for_entity")]
    pub async fn working_files(
        &self,
        task: Option<TaskId>,
        name: Option<&str>,
    ) -> Result<Vec<WorkingFile>, ApiError> {
        let mut query = Query::new();
        if let Some(task) = task {
            query = query.param("task_id", task);
        }
        if let Some(name) = name {
            query = query.param("name", name);
        }
        self.client()
            .fetch_all_with(routes::entity_working_files(self.id()), &query)
            .await
    }

    /// Its output files, filtered.
    #[doc(alias = "files.all_output_files_for_entity")]
    pub async fn output_files(
        &self,
        filter: &OutputFileFilter,
    ) -> Result<Vec<OutputFile>, ApiError> {
        self.client()
            .fetch_all_with(routes::entity_output_files(self.id()), &filter.query())
            .await
    }

    /// Its last output file revisions, filtered.
    #[doc(alias = "files.get_last_output_files_for_entity")]
    pub async fn last_output_files(
        &self,
        filter: &OutputFileFilter,
    ) -> Result<Vec<OutputFile>, ApiError> {
        self.client()
            .fetch_all_with(routes::entity_last_output_files(self.id()), &filter.query())
            .await
    }

    /// The output types of its output files.
    #[doc(alias = "files.all_output_types_for_entity")]
    pub async fn output_types(&self) -> Result<Vec<OutputType>, ApiError> {
        self.client()
            .fetch_all(routes::entity_output_types(self.id()))
            .await
    }

    /// A new output file revision (named `main`, the next revision, by default); set more on
    /// the builder, then `.await` it.
    #[doc(alias = "files.new_entity_output_file")]
    pub fn new_output_file(
        &self,
        output_type: OutputTypeId,
        task_type: TaskTypeId,
        comment: &str,
    ) -> NewOutputFile {
        output_file_fields(
            self.client(),
            routes::entity_new_output_file(self.id()),
            output_type,
            task_type,
            comment,
            "main",
        )
    }

    /// The next output file revision of this name, output type and task type (1 when there
    /// is none yet).
    #[doc(alias = "files.get_next_entity_output_revision")]
    pub async fn next_output_revision(
        &self,
        output_type: OutputTypeId,
        task_type: TaskTypeId,
        name: &str,
    ) -> Result<i64, ApiError> {
        next_revision(
            self.client(),
            routes::entity_next_output_revision(self.id()),
            output_type,
            task_type,
            name,
        )
        .await
    }

    /// The last output file revision of this name, output type and task type (0 when there
    /// is none yet).
    #[doc(alias = "files.get_last_entity_output_revision")]
    pub async fn last_output_revision(
        &self,
        output_type: OutputTypeId,
        task_type: TaskTypeId,
        name: &str,
    ) -> Result<i64, ApiError> {
        Ok(self
            .next_output_revision(output_type, task_type, name)
            .await?
            - 1)
    }

    /// An output file's path from the project's file tree (named `main`, revision 0, by
    /// default); `.await` it, then [`OutputFilePath::joined`].
    #[doc(alias = "files.build_entity_output_file_path")]
    pub fn output_file_path(
        &self,
        output_type: OutputTypeId,
        task_type: TaskTypeId,
    ) -> BuildOutputFilePath {
        output_path_fields(
            self.client(),
            routes::entity_output_file_path(self.id()),
            output_type,
            task_type,
        )
    }
}

// ---- an asset instance's files -----------------------------------------------------------

/// The output files of an asset instance in a shot or scene
/// (`kitsu.asset_instance_files(instance, shot)`).
#[derive(Clone, Debug)]
pub struct AssetInstanceFiles {
    client: Client,
    asset_instance: AssetInstanceId,
    temporal_entity: EntityId,
}

impl AssetInstanceFiles {
    /// The output types of its output files.
    #[doc(alias = "files.all_output_types_for_asset_instance")]
    pub async fn output_types(&self) -> Result<Vec<OutputType>, ApiError> {
        self.client
            .fetch_all(routes::asset_instance_output_types(
                self.asset_instance,
                self.temporal_entity,
            ))
            .await
    }

    /// Its last output file revisions, filtered.
    #[doc(alias = "files.get_last_output_files_for_asset_instance")]
    pub async fn last_output_files(
        &self,
        filter: &OutputFileFilter,
    ) -> Result<Vec<OutputFile>, ApiError> {
        self.client
            .fetch_all_with(
                routes::asset_instance_last_output_files(self.asset_instance, self.temporal_entity),
                &filter.query(),
            )
            .await
    }

    /// A new output file revision (named `master`, the next revision, by default); set more
    /// on the builder, then `.await` it.
    #[doc(alias = "files.new_asset_instance_output_file")]
    pub fn new_output_file(
        &self,
        output_type: OutputTypeId,
        task_type: TaskTypeId,
        comment: &str,
    ) -> NewOutputFile {
        output_file_fields(
            &self.client,
            routes::asset_instance_new_output_file(self.asset_instance, self.temporal_entity),
            output_type,
            task_type,
            comment,
            "master",
        )
    }

    /// The next output file revision of this name (1 when there is none yet).
    #[doc(alias = "files.get_next_asset_instance_output_revision")]
    pub async fn next_output_revision(
        &self,
        output_type: OutputTypeId,
        task_type: TaskTypeId,
        name: &str,
    ) -> Result<i64, ApiError> {
        next_revision(
            &self.client,
            routes::asset_instance_next_output_revision(self.asset_instance, self.temporal_entity),
            output_type,
            task_type,
            name,
        )
        .await
    }

    /// The last output file revision of this name (0 when there is none yet).
    #[doc(alias = "files.get_last_asset_instance_output_revision")]
    pub async fn last_output_revision(
        &self,
        output_type: OutputTypeId,
        task_type: TaskTypeId,
        name: &str,
    ) -> Result<i64, ApiError> {
        Ok(self
            .next_output_revision(output_type, task_type, name)
            .await?
            - 1)
    }

    /// An output file's path from the project's file tree; `.await` it, then
    /// [`OutputFilePath::joined`].
    #[doc(alias = "files.build_asset_instance_output_file_path")]
    pub fn output_file_path(
        &self,
        output_type: OutputTypeId,
        task_type: TaskTypeId,
    ) -> BuildOutputFilePath {
        output_path_fields(
            &self.client,
            routes::asset_instance_output_file_path(self.asset_instance, self.temporal_entity),
            output_type,
            task_type,
        )
    }
}

// ---- a project's files -------------------------------------------------------------------

impl ProjectHandle {
    /// Its output files, filtered.
    #[doc(alias = "files.all_output_files_for_project")]
    pub async fn output_files(
        &self,
        filter: &OutputFileFilter,
    ) -> Result<Vec<OutputFile>, ApiError> {
        self.client()
            .fetch_all_with(routes::project_output_files(self.id()), &filter.query())
            .await
    }

    /// The files attached to the comments on its tasks.
    #[doc(alias = "files.get_all_attachment_files_for_project")]
    pub async fn attachment_files(&self) -> Result<Vec<AttachmentFile>, ApiError> {
        self.client()
            .fetch_all(routes::project_attachment_files(self.id()))
            .await
    }

    /// Sets its file tree: the templates Zou builds working and output file paths from
    /// (Zou's own examples are `zou/app/file_trees/*.json`).
    #[doc(alias = "files.update_project_file_tree")]
    pub async fn set_file_tree(&self, file_tree: &Value) -> Result<Project, ApiError> {
        self.client()
            .collection::<Project>()
            .update(self.id(), &json!({ "file_tree": file_tree }))
            .await
    }

    /// Downloads its thumbnail picture (PNG). Atomic, as [`Client::download`].
    #[doc(alias = "files.download_project_avatar")]
    pub async fn download_thumbnail(&self, destination: impl AsRef<Path>) -> Result<u64, ApiError> {
        self.client()
            .download(routes::project_thumbnail(self.id()), destination)
            .await
    }
}

// ---- one working file, output file, attachment -------------------------------------------

/// One working file (`kitsu.working_file(id)`).
#[derive(Clone, Debug)]
pub struct WorkingFileHandle {
    client: Client,
    id: WorkingFileId,
}

impl WorkingFileHandle {
    /// Its id.
    pub fn id(&self) -> WorkingFileId {
        self.id
    }

    /// The working file.
    #[doc(alias = "files.get_working_file")]
    pub async fn get(&self) -> Result<WorkingFile, ApiError> {
        self.client.collection::<WorkingFile>().get(self.id).await
    }

    /// Changes its comment.
    #[doc(alias = "files.update_comment")]
    pub async fn set_comment(&self, comment: &str) -> Result<WorkingFile, ApiError> {
        self.client
            .put(
                routes::working_file_comment(self.id),
                &json!({ "comment": comment }),
            )
            .await
    }

    /// Sets its modification date to now.
    #[doc(alias = "files.update_modification_date")]
    pub async fn touch(&self) -> Result<WorkingFile, ApiError> {
        self.client
            .put(routes::working_file_modified(self.id), &json!({}))
            .await
    }

    /// Uploads its file to Zou's storage, streamed from disk.
    #[doc(alias = "files.upload_working_file")]
    pub async fn upload(&self, file: impl AsRef<Path>) -> Result<WorkingFile, ApiError> {
        self.client
            .upload_as(
                routes::working_file_content(self.id),
                Upload::file(file.as_ref()),
            )
            .await
    }

    /// Downloads its stored file. Atomic, as [`Client::download`]. (gazu downloads to the
    /// file's own `path` when given none: pass `file.path` for that.)
    #[doc(alias = "files.download_working_file")]
    pub async fn download(&self, destination: impl AsRef<Path>) -> Result<u64, ApiError> {
        self.client
            .download(routes::working_file_content(self.id), destination)
            .await
    }
}

/// One output file (`kitsu.output_file(id)`).
#[derive(Clone, Debug)]
pub struct OutputFileHandle {
    client: Client,
    id: OutputFileId,
}

impl OutputFileHandle {
    /// Its id.
    pub fn id(&self) -> OutputFileId {
        self.id
    }

    /// The output file.
    #[doc(alias = "files.get_output_file")]
    pub async fn get(&self) -> Result<OutputFile, ApiError> {
        self.client.collection::<OutputFile>().get(self.id).await
    }

    /// Changes its fields (`comment`, `file_status_id`, `data`…).
    #[doc(alias = "files.update_output_file")]
    pub async fn update(
        &self,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<OutputFile, ApiError> {
        self.client
            .collection::<OutputFile>()
            .update(self.id, changes)
            .await
    }
}

/// One attachment file (`kitsu.attachment_file(id)`).
#[derive(Clone, Debug)]
pub struct AttachmentFileHandle {
    client: Client,
    id: AttachmentFileId,
}

impl AttachmentFileHandle {
    /// Its id.
    pub fn id(&self) -> AttachmentFileId {
        self.id
    }

    /// The attachment file.
    #[doc(alias = "files.get_attachment_file")]
    pub async fn get(&self) -> Result<AttachmentFile, ApiError> {
        self.client
            .collection::<AttachmentFile>()
            .get(self.id)
            .await
    }

    /// Downloads it (its route names the file: it is read first). Atomic, as
    /// [`Client::download`].
    #[doc(alias = "files.download_attachment_file")]
    pub async fn download(&self, destination: impl AsRef<Path>) -> Result<u64, ApiError> {
        let file = self.get().await?;
        let name = file.name.unwrap_or_default();
        self.client
            .download(routes::attachment_file_content(self.id, &name), destination)
            .await
    }

    /// Its thumbnail's route (no request).
    #[doc(alias = "files.get_attachment_thumbnail_url")]
    pub fn thumbnail_route(&self) -> String {
        routes::attachment_thumbnail(self.id)
    }

    /// Downloads its thumbnail (PNG). Atomic, as [`Client::download`].
    #[doc(alias = "files.download_attachment_thumbnail")]
    pub async fn download_thumbnail(&self, destination: impl AsRef<Path>) -> Result<u64, ApiError> {
        self.client
            .download(self.thumbnail_route(), destination)
            .await
    }
}

// ---- one preview file --------------------------------------------------------------------

/// The annotation changes of [`PreviewFileHandle::update_annotations`]: objects added,
/// changed, and the ids of those removed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AnnotationChanges {
    /// New annotations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additions: Option<Vec<Value>>,
    /// Changed annotations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updates: Option<Vec<Value>>,
    /// The ids of removed annotations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletions: Option<Vec<String>>,
}

/// The route of a preview's original file as gazu names it: `movies/…` for an `mp4`,
/// `pictures/…<extension>` for anything else.
fn original_route(preview: &PreviewFile) -> String {
    match preview.extension.as_deref() {
        Some("mp4") => routes::preview_original_movie(preview.id),
        Some(extension) => routes::preview_original_picture(preview.id, extension),
        None => routes::preview_original_picture(preview.id, "png"),
    }
}

impl PreviewFileHandle {
    fn previews(&self) -> Collection<PreviewFile> {
        self.client().collection()
    }

    /// The route of its original file (read first, for its extension).
    #[doc(alias = "files.get_preview_file_url")]
    pub async fn original_route(&self) -> Result<String, ApiError> {
        Ok(original_route(&self.get().await?))
    }

    /// Downloads its original file (read first, for its extension), streamed with progress
    /// (bytes done, bytes in all). Atomic, as [`Client::download`].
    pub async fn download_original(
        &self,
        destination: impl AsRef<Path>,
        progress: impl Fn(u64, u64) + Send,
    ) -> Result<u64, ApiError> {
        let route = self.original_route().await?;
        self.client()
            .download_with_progress(route, destination, progress)
            .await
    }

    /// The route of its movie: the original (read first), or the low definition one.
    #[doc(alias = "files.get_preview_movie_url")]
    pub async fn movie_route(&self, lowdef: bool) -> Result<String, ApiError> {
        let preview = self.get().await?;
        Ok(if lowdef {
            routes::preview_lowdef_movie(preview.id)
        } else {
            routes::preview_original_movie(preview.id)
        })
    }

    /// The route of its low definition movie (read first, as gazu does).
    #[doc(alias = "files.get_preview_lowdef_movie_url")]
    pub async fn lowdef_movie_route(&self) -> Result<String, ApiError> {
        self.movie_route(true).await
    }

    /// Downloads its original movie (`mp4`), streamed with progress. Atomic.
    #[doc(alias = "files.download_preview_movie")]
    pub async fn download_movie(
        &self,
        destination: impl AsRef<Path>,
        progress: impl Fn(u64, u64) + Send,
    ) -> Result<u64, ApiError> {
        let route = self.movie_route(false).await?;
        self.client()
            .download_with_progress(route, destination, progress)
            .await
    }

    /// Downloads its low definition movie, streamed with progress. Atomic.
    #[doc(alias = "files.download_preview_lowdef_movie")]
    pub async fn download_lowdef_movie(
        &self,
        destination: impl AsRef<Path>,
        progress: impl Fn(u64, u64) + Send,
    ) -> Result<u64, ApiError> {
        self.client()
            .download_with_progress(
                routes::preview_lowdef_movie(self.id()),
                destination,
                progress,
            )
            .await
    }

    /// Downloads its thumbnail (PNG). Atomic.
    #[doc(alias = "files.download_preview_file_thumbnail")]
    pub async fn download_thumbnail(&self, destination: impl AsRef<Path>) -> Result<u64, ApiError> {
        self.client()
            .download(routes::preview_thumbnail(self.id()), destination)
            .await
    }

    /// Downloads its picture at display size (PNG, 1200 pixels wide; a movie's first frame).
    /// Atomic.
    pub async fn download_picture(&self, destination: impl AsRef<Path>) -> Result<u64, ApiError> {
        self.client()
            .download(routes::preview_picture(self.id()), destination)
            .await
    }

    /// Downloads its square thumbnail (PNG). Atomic.
    pub async fn download_square_thumbnail(
        &self,
        destination: impl AsRef<Path>,
    ) -> Result<u64, ApiError> {
        self.client()
            .download(routes::preview_square_thumbnail(self.id()), destination)
            .await
    }

    /// Downloads its cover: the original picture, as PNG (a movie's first frame). Atomic.
    #[doc(alias = "files.download_preview_file_cover")]
    pub async fn download_cover(&self, destination: impl AsRef<Path>) -> Result<u64, ApiError> {
        self.client()
            .download(
                routes::preview_original_picture(self.id(), "png"),
                destination,
            )
            .await
    }

    /// Downloads one frame of its movie as a picture. Atomic.
    #[doc(alias = "files.extract_frame_from_preview")]
    pub async fn download_frame(
        &self,
        frame_number: u64,
        destination: impl AsRef<Path>,
    ) -> Result<u64, ApiError> {
        let route = Query::new()
            .param("frame_number", frame_number)
            .append_to(&routes::preview_extract_frame(self.id()));
        self.client().download(route, destination).await
    }

    /// Downloads its movie's tile (its frames side by side) as a picture. Atomic.
    #[doc(alias = "files.extract_tile_from_preview")]
    pub async fn download_tile(&self, destination: impl AsRef<Path>) -> Result<u64, ApiError> {
        self.client()
            .download(routes::preview_extract_tile(self.id()), destination)
            .await
    }

    /// Changes its fields.
    #[doc(alias = "files.update_preview")]
    pub async fn update(
        &self,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<PreviewFile, ApiError> {
        self.previews().update(self.id(), changes).await
    }

    /// Deletes it (whether its stored files go too depends on Zou's settings).
    #[doc(alias = "files.remove_preview_file")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.previews().delete(self.id()).await
    }

    /// Deletes it and its stored files, whatever Zou's settings.
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.previews().delete_forever(self.id()).await
    }

    /// Moves it among its comment's previews.
    #[doc(alias = "files.update_preview_position")]
    pub async fn set_position(&self, position: i64) -> Result<Value, ApiError> {
        self.client()
            .put(
                routes::preview_update_position(self.id()),
                &json!({ "position": position }),
            )
            .await
    }

    /// Adds, changes and removes its annotations.
    #[doc(alias = "files.update_preview_annotations")]
    pub async fn update_annotations(
        &self,
        changes: &AnnotationChanges,
    ) -> Result<PreviewFile, ApiError> {
        self.client()
            .put(routes::preview_update_annotations(self.id()), changes)
            .await
    }
}
