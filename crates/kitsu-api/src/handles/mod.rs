//! The domain handles: one accessor per area of Kitsu on [`Client`], mirroring Zou's nested
//! routes (`client.project(id).shots()`, `client.task(id).comment(status, "…")`).
//!
//! - [`Collection`] is the generic typed CRUD handle; the named accessors (`projects()`,
//!   `task_types()`…) return one, with what is special to each collection added as inherent
//!   methods (`client.projects().open()`, `client.task_statuses().by_short_name("wip")`);
//! - a handle on one row ([`ProjectHandle`], [`ShotHandle`], [`TaskHandle`],
//!   [`PreviewFileHandle`]) holds its typed id and offers the routes under it;
//! - [`Me`] is the logged-in user.
//!
//! Calls with options are builders that you `.await` directly
//! (`project.new_shot(sequence, "SH010").nb_frames(48).await`): [`NewEntity`] for episodes,
//! sequences, shots, scenes, edits, concepts and assets (`.get_or_create()` is gazu's `new_*`:
//! the one of that name if it exists), [`NewRow`] for other rows, [`CreateShotTasks`] for task
//! creation.

mod lookups;
mod me;
mod new_row;
mod project;
mod shot;
mod task;

// ---- project, studio, search ----
mod budget;
mod metadata_descriptor;
mod project_settings;
mod studio;
pub use budget::{BudgetEntryHandle, BudgetHandle, NewBudget, NewBudgetEntry};
pub use metadata_descriptor::{MetadataDescriptorHandle, NewMetadataDescriptor};
pub use project::{NewProject, QuotaCount, QuotasQuery};
pub use project_settings::{AddTaskType, ProjectSettings};
pub use studio::{Search, SearchIndex};

// ---- shot, scene, edit, concept ----
mod concept;
mod edit;
mod entity_common;
mod episode;
mod new_entity;
mod production;
mod scene;
mod sequence;
pub use concept::ConceptHandle;
pub use edit::EditHandle;
pub use episode::EpisodeHandle;
pub use new_entity::{
    NewAsset, NewConcept, NewEdit, NewEntity, NewEpisode, NewScene, NewSequence, NewShot,
};
pub use production::{ImportOtio, OtioImport};
pub use scene::{NewSceneAssetInstance, SceneHandle};
pub use sequence::SequenceHandle;

// ---- asset, casting, entity, context ----
mod asset;
mod casting;
mod context;
mod entity;
pub use asset::{AssetHandle, AssetTypeHandle, ExportAssetsCsv, NewAssetInstance};
pub use casting::CastAsset;
pub use context::Context;
pub use entity::EntityHandle;

// ---- collections ----
mod collections;

// ---- task ----
mod tasks;
pub use task::{
    ChecklistItem, NewComment, NewPreview, PreviewFileHandle, PreviewStatus, PreviewWait,
    TaskComment, TaskHandle,
};
pub use tasks::{CommentHandle, CreateAssetTasks, NewTask, TaskStatusHandle, TaskTypeHandle};

// ---- person, user ----
mod person;
pub use me::{FilterGroupsByList, FiltersByList, NewFilter, NewFilterGroup};
pub use person::{
    DayOffHandle, DepartmentHandle, NewBot, NewDayOff, NewDepartment, NewPerson, PersonHandle,
};

// ---- files ----
mod files;
pub use files::{
    AnnotationChanges, AssetInstanceFiles, AttachmentFileHandle, BuildOutputFilePath,
    BuildWorkingFilePath, NewOutputFile, NewWorkingFile, OutputFileFilter, OutputFileHandle,
    Publish, Published, WorkingFileHandle,
};

// ---- playlist, project_template, sync ----
mod playlist;
mod project_template;
pub mod sync;
pub use playlist::{AddToPlaylist, NewPlaylist, NewShareLink, PlaylistHandle};
pub use project_template::{NewProjectTemplate, ProjectTemplateHandle};
pub use sync::{LastEvents, ProductionSync, PushedEntities};

pub use me::Me;
pub use new_row::NewRow;
pub use project::{CreateShotTasks, ProjectHandle};
pub use shot::ShotHandle;

use kitsu_core::ids::{PreviewFileId, ProjectId, ShotId, TaskId};

use crate::models::{AssetType, Person, Project, TaskStatus, TaskType};
use crate::{Client, Collection, Resource};

impl Client {
    /// The generic typed CRUD handle on a collection (`client.collection::<Person>()`).
    pub fn collection<K: Resource>(&self) -> Collection<K> {
        Collection::new(self.clone())
    }

    /// Every project: list, open ones, by name, create.
    pub fn projects(&self) -> Collection<Project> {
        self.collection()
    }

    /// One project and what is under it: sequences, shots, assets, task creation.
    pub fn project(&self, id: ProjectId) -> ProjectHandle {
        ProjectHandle::new(self.clone(), id)
    }

    /// One shot and its tasks.
    pub fn shot(&self, id: ShotId) -> ShotHandle {
        ShotHandle::new(self.clone(), id)
    }

    /// One task: comments, previews, changes.
    pub fn task(&self, id: TaskId) -> TaskHandle {
        TaskHandle::new(self.clone(), id)
    }

    /// One preview file: upload its picture or movie.
    pub fn preview_file(&self, id: PreviewFileId) -> PreviewFileHandle {
        PreviewFileHandle::new(self.clone(), id)
    }

    /// The logged-in user.
    pub fn me(&self) -> Me {
        Me::new(self.clone())
    }

    /// Every task type (Animation, Compositing…), and lookups by name.
    #[doc(alias = "all_task_types")]
    pub fn task_types(&self) -> Collection<TaskType> {
        self.collection()
    }

    /// Every task status (Todo, WIP, Done…), and lookups by short name.
    #[doc(alias = "all_task_statuses")]
    pub fn task_statuses(&self) -> Collection<TaskStatus> {
        self.collection()
    }

    /// Every asset type (Character, Prop…).
    #[doc(alias = "all_asset_types")]
    pub fn asset_types(&self) -> Collection<AssetType> {
        self.collection()
    }

    /// Every person of the studio.
    #[doc(alias = "all_persons")]
    pub fn persons(&self) -> Collection<Person> {
        self.collection()
    }
}
