//! Planning and production setup: playlists, schedule items, production schedule versions,
//! project templates, and the links of task types and statuses to projects.

use super::fields::{opt_date, opt_uuid, or_default};
use super::*;

use chrono::NaiveDate;
use kitsu_core::ids::{
    BuildJobId, PlaylistId, ProductionScheduleVersionId, ProductionScheduleVersionTaskLinkId,
    ProjectTemplateId, ScheduleItemId, ShareLinkId, TaskStatusLinkId, TaskTypeLinkId, Uuid,
};

model!(
    /// A playlist: previews gathered for a review.
    ///
    /// One playlist (`get`) and lists with `relations=true` add the ids of its `build_jobs`
    /// (the movies built from it).
    Playlist: PlaylistId in "playlists" {
        /// Its name.
        name: String,
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// Its episode (TV shows).
        episode_id: Option<EpisodeId> => opt_id,
        /// The task type it reviews, if only one.
        task_type_id: Option<TaskTypeId> => opt_id,
        /// What it holds: objects with `entity_id` and `preview_file_id`, in order.
        shots: Option<Value>,
        /// Whether clients see it.
        for_client: Option<bool>,
        /// `shot`, `asset`, `sequence`…
        for_entity: Option<String>,
        /// Whether it is for every episode.
        is_for_all: Option<bool>,
        /// Who made it.
        created_by: Option<PersonId> => opt_id,
        /// The movies built from it (build job ids).
        build_jobs: Vec<Uuid> => or_default,
    }
);

impl Playlist {
    /// What it holds, in order: each entity with the preview under review (entries Zou sent
    /// in another shape are skipped).
    pub fn entries(&self) -> Vec<PlaylistEntry> {
        self.shots
            .as_ref()
            .and_then(Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|entry| serde_json::from_value(entry.clone()).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// One entry of a playlist: an entity and the preview of it under review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaylistEntry {
    /// The entity (shot, asset, sequence…).
    pub entity_id: EntityId,
    /// The preview under review (none: the entity has no preview yet).
    #[serde(
        default,
        deserialize_with = "opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub preview_file_id: Option<PreviewFileId>,
    /// Every other field Zou keeps on the entry.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

model!(
    /// A build job: a movie being built (or built) from a playlist's previews.
    BuildJob: BuildJobId in "build-jobs" {
        /// `running`, `failed` or `succeeded`.
        status: Option<String>,
        /// `movie` or `archive`.
        job_type: Option<String>,
        /// When it finished.
        ended_at: Option<NaiveDateTime> => opt_datetime,
        /// Why it failed, if it did.
        message: Option<String>,
        /// The playlist.
        playlist_id: Option<PlaylistId> => opt_id,
    }
);

model!(
    /// A link sharing a playlist with guests (its `token` is the secret part of the URL).
    PlaylistShareLink: ShareLinkId in "playlist-share-links" {
        /// The token of the link.
        token: String,
        /// The playlist.
        playlist_id: Option<PlaylistId> => opt_id,
        /// Who made it.
        created_by: Option<PersonId> => opt_id,
        /// When it stops working.
        expiration_date: Option<NaiveDateTime> => opt_datetime,
        /// Whether it still works.
        is_active: Option<bool>,
        /// Whether guests may comment.
        can_comment: Option<bool>,
    }
);

model!(
    /// A schedule item: the planned dates of a task type on a project, sequence, episode
    /// or asset type.
    ScheduleItem: ScheduleItemId in "schedule-items" {
        /// The project.
        project_id: Option<ProjectId> => opt_id,
        /// The task type.
        task_type_id: Option<TaskTypeId> => opt_id,
        /// The sequence, episode or asset type it is for (none: the whole project).
        object_id: Option<Uuid> => opt_uuid,
        /// The first day.
        start_date: Option<NaiveDate> => opt_date,
        /// The last day.
        end_date: Option<NaiveDate> => opt_date,
        /// The planned work, in man-days.
        man_days: Option<i64>,
    }
);

model!(
    /// A version of a project's production schedule.
    ProductionScheduleVersion: ProductionScheduleVersionId in "production-schedule-versions" {
        /// Its name.
        name: String,
        /// The project.
        project_id: Option<ProjectId> => opt_id,
        /// The version it was copied from.
        production_schedule_from: Option<ProductionScheduleVersionId> => opt_id,
        /// Whether it is locked.
        locked: Option<bool>,
        /// Whether it was canceled.
        canceled: Option<bool>,
    }
);

model!(
    /// A task's planning in a production schedule version.
    ///
    /// One link (`get`) and lists with `relations=true` add its `assignees`.
    ProductionScheduleVersionTaskLink: ProductionScheduleVersionTaskLinkId
        in "production-schedule-version-task-links" {
        /// The schedule version.
        production_schedule_version_id: Option<ProductionScheduleVersionId> => opt_id,
        /// The task.
        task_id: Option<TaskId> => opt_id,
        /// When it starts, in this version.
        start_date: Option<NaiveDateTime> => opt_datetime,
        /// When it is due, in this version.
        due_date: Option<NaiveDateTime> => opt_datetime,
        /// Its estimation in days, in this version.
        estimation: Option<f64>,
        /// The people assigned, in this version.
        assignees: Vec<PersonId> => or_default,
    }
);

model!(
    /// A project template: a project's settings to start new projects from (no production
    /// data).
    ///
    /// One template (`get`) and lists with `relations=true` add the ids of its `task_types`,
    /// `task_statuses`, `asset_types`, `status_automations` and `preview_background_files`.
    ProjectTemplate: ProjectTemplateId in "project-templates" {
        /// Its name.
        name: String,
        /// Its description.
        description: Option<String>,
        /// Frames per second, as Zou gives it (a string such as `"25"`).
        fps: Option<String> => opt_number_text,
        /// The aspect ratio (`"16:9"`).
        ratio: Option<String>,
        /// The resolution (`"1920x1080"`).
        resolution: Option<String>,
        /// `short`, `featurefilm`, `tvshow`…
        production_type: Option<String>,
        /// `2d`, `3d`, `2d3d`…
        production_style: Option<String>,
        /// How many retakes a task may have (0: no limit).
        max_retakes: Option<i64>,
        /// Whether clients only see their own studio's comments.
        is_clients_isolated: Option<bool>,
        /// Whether clients see the statistics.
        is_client_stats_visible: Option<bool>,
        /// Whether clients see the task list.
        is_client_task_list_visible: Option<bool>,
        /// Whether clients see the task panel.
        is_client_task_panel_visible: Option<bool>,
        /// Whether previews may be downloaded.
        is_preview_download_allowed: Option<bool>,
        /// Whether a new preview becomes the entity's thumbnail.
        is_set_preview_automated: Option<bool>,
        /// Whether artists' comments publish by default.
        is_publish_default_for_artists: Option<bool>,
        /// Whether a revision holds one preview only.
        is_single_preview_per_revision: Option<bool>,
        /// Whether frame numbers start at the frame in.
        is_frame_in_numbering: Option<bool>,
        /// How many digits revision numbers take.
        revision_padding: Option<i64>,
        /// The project's first page in Kitsu (`assets`, `shots`…).
        homepage: Option<String>,
        /// Bitrate of HD movies, in Mbit/s.
        hd_bitrate_compression: Option<i64>,
        /// Bitrate of LD movies, in Mbit/s.
        ld_bitrate_compression: Option<i64>,
        /// The file tree of new projects.
        file_tree: Option<Value>,
        /// Free data.
        data: Option<Value>,
        /// The metadata descriptors of new projects (objects with `entity_type`, `name`,
        /// `field_name`, `data_type`, `choices`…).
        metadata_descriptors: Option<Value>,
        /// The default background of the 3D previews (a preview background file id).
        default_preview_background_file_id: Option<Uuid> => opt_uuid,
        /// Its task types.
        task_types: Vec<TaskTypeId> => or_default,
        /// Its task statuses.
        task_statuses: Vec<TaskStatusId> => or_default,
        /// Its asset types.
        asset_types: Vec<AssetTypeId> => or_default,
        /// Its status automations (status automation ids).
        status_automations: Vec<Uuid> => or_default,
        /// Its preview backgrounds (preview background file ids).
        preview_background_files: Vec<Uuid> => or_default,
    }
);

model!(
    /// A task type's link to a project: its place and settings there. Zou's
    /// `data/task-type-links` only creates (`POST`; it answers the link); Zou names the model
    /// `ProjectTaskTypeLink`.
    TaskTypeLink: TaskTypeLinkId in "task-type-links" {
        /// The project.
        project_id: Option<ProjectId> => opt_id,
        /// The task type.
        task_type_id: Option<TaskTypeId> => opt_id,
        /// Its place in the project's task types.
        priority: Option<i64>,
        /// Bitrate of HD movies, in Mbit/s (none: the project's).
        hd_bitrate_compression: Option<i64>,
        /// Bitrate of LD movies, in Mbit/s (none: the project's).
        ld_bitrate_compression: Option<i64>,
        /// Whether clients see it.
        is_client_visible: Option<bool>,
    }
);

model!(
    /// A task status's link to a project: its place and settings there. Zou's
    /// `data/task-status-links` only creates (`POST`; it answers the link); Zou names the
    /// model `ProjectTaskStatusLink`.
    TaskStatusLink: TaskStatusLinkId in "task-status-links" {
        /// The project.
        project_id: Option<ProjectId> => opt_id,
        /// The task status.
        task_status_id: Option<TaskStatusId> => opt_id,
        /// Its place in the project's task statuses.
        priority: Option<i64>,
        /// The roles that see it on the board (`user`, `admin`…).
        roles_for_board: Vec<String> => or_default,
        /// Whether clients may set it (none: the studio's setting).
        is_client_allowed: Option<bool>,
    }
);
