//! Projects and their statuses, settings, team roles, metadata descriptors, milestones, quotas
//! and budgets; studios.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kitsu_core::ids::{
    BudgetEntryId, BudgetId, DepartmentId, MetadataDescriptorId, MilestoneId,
    PreviewBackgroundFileId, ProductionScheduleVersionId, StatusAutomationId, StudioId,
};

use super::*;

/// Reads Zou's bare date (`2026-11-24`, or a date and time whose day is kept), absent as
/// `null`, `""` or `"None"`.
fn opt_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    opt_text(
        deserializer,
        format_args!("a date such as 2026-11-24"),
        |text| {
            text.parse::<NaiveDate>()
                .ok()
                .or_else(|| parse_datetime(text).map(|at| at.date()))
                .ok_or_else(|| format!("`{text}` is not a date such as 2026-11-24"))
        },
    )
}

model!(
    /// A production.
    Project: ProjectId in "projects" {
        /// Its name.
        name: String,
        /// Its code.
        code: Option<String>,
        /// Its description.
        description: Option<String>,
        /// Its id in Shotgun, when imported from there.
        shotgun_id: Option<i64>,
        /// Its file tree (the templates of working and output file paths).
        file_tree: Option<Value>,
        /// Free data (its custom fields, keyed by their metadata descriptor's field name).
        data: Option<Value>,
        /// Whether it has a thumbnail picture.
        has_avatar: Option<bool>,
        /// Frames per second, as Zou gives it (a string such as `"25"` or `"23.976"`).
        fps: Option<String> => opt_number_text,
        /// The aspect ratio (`"16:9"`).
        ratio: Option<String>,
        /// The resolution (`"1920x1080"`).
        resolution: Option<String>,
        /// `short`, `featurefilm`, `tvshow`…
        production_type: Option<String>,
        /// `2d`, `3d`, `2d3d`, `vfx`, `stop-motion`…
        production_style: Option<String>,
        /// When it starts.
        start_date: Option<NaiveDate> => opt_date,
        /// When it ends.
        end_date: Option<NaiveDate> => opt_date,
        /// Its planned work, in days.
        man_days: Option<i64>,
        /// How many episodes it plans (TV shows).
        nb_episodes: Option<i64>,
        /// How long an episode lasts, in days.
        episode_span: Option<i64>,
        /// How many retakes a task may take (0: no limit).
        max_retakes: Option<i64>,
        /// Whether clients see only their own comments.
        is_clients_isolated: Option<bool>,
        /// Whether clients see the statistics.
        is_client_stats_visible: Option<bool>,
        /// Whether clients see the task list.
        is_client_task_list_visible: Option<bool>,
        /// Whether clients see the task panel.
        is_client_task_panel_visible: Option<bool>,
        /// Whether previews may be downloaded.
        is_preview_download_allowed: Option<bool>,
        /// Whether a new preview becomes the entity's thumbnail by itself.
        is_set_preview_automated: Option<bool>,
        /// The page Kitsu opens first (`assets`, `shots`…).
        homepage: Option<String>,
        /// Whether artists' comments are publishes by default.
        is_publish_default_for_artists: Option<bool>,
        /// Whether bots may work on it.
        is_bot_collaboration_enabled: Option<bool>,
        /// Whether a revision has one preview only.
        is_single_preview_per_revision: Option<bool>,
        /// Whether frame numbers start at the shot's frame in.
        is_frame_in_numbering: Option<bool>,
        /// How many digits revision numbers take in file names.
        revision_padding: Option<i64>,
        /// The bitrate of HD movie previews (kbit/s), if not the default.
        hd_bitrate_compression: Option<i64>,
        /// The bitrate of LD movie previews (kbit/s), if not the default.
        ld_bitrate_compression: Option<i64>,
        /// Its status (Open, Closed).
        project_status_id: Option<ProjectStatusId> => opt_id,
        /// Its status's name, on the routes that join it in (`data/projects/{id}`).
        project_status_name: Option<String>,
        /// The background of 3D previews by default.
        default_preview_background_file_id: Option<PreviewBackgroundFileId> => opt_id,
        /// The schedule version it was planned from.
        from_schedule_version_id: Option<ProductionScheduleVersionId> => opt_id,
        /// Its first episode (TV shows, on the routes that read one project or create it).
        first_episode_id: Option<EpisodeId> => opt_id,
        /// Its team (empty on the routes that do not send relations, such as lists).
        team: Vec<PersonId>,
        /// The asset types of its settings (empty on routes without relations).
        asset_types: Vec<AssetTypeId>,
        /// The task statuses of its settings (empty on routes without relations).
        task_statuses: Vec<TaskStatusId>,
        /// The task types of its settings (empty on routes without relations).
        task_types: Vec<TaskTypeId>,
        /// The status automations of its settings (empty on routes without relations).
        status_automations: Vec<StatusAutomationId>,
        /// The preview background files of its settings (empty on routes without relations).
        preview_background_files: Vec<PreviewBackgroundFileId>,
        /// Its metadata descriptors (`data/projects/{id}` only).
        descriptors: Vec<MetadataDescriptor>,
        /// How each task type of its settings is set up (`data/projects/{id}` only).
        task_type_links: BTreeMap<TaskTypeId, TaskTypeSettings>,
        /// The priority of each task type of its settings (`data/projects/{id}` only).
        task_types_priority: BTreeMap<TaskTypeId, Option<i64>>,
        /// How each task status of its settings is set up (`data/projects/{id}` only).
        task_statuses_link: BTreeMap<TaskStatusId, TaskStatusSettings>,
    }
);

/// How a task type is set up in a project's settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskTypeSettings {
    /// Its rank among the project's task types.
    pub priority: Option<i64>,
    /// The bitrate of its HD movie previews (kbit/s), if not the project's.
    pub hd_bitrate_compression: Option<i64>,
    /// The bitrate of its LD movie previews (kbit/s), if not the project's.
    pub ld_bitrate_compression: Option<i64>,
    /// Whether clients see its tasks.
    pub is_client_visible: Option<bool>,
}

/// How a task status is set up in a project's settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskStatusSettings {
    /// Its rank among the project's task statuses.
    pub priority: Option<i64>,
    /// The roles that see it as a column of the board.
    pub roles_for_board: Vec<String>,
    /// Whether clients may set it, if not the studio-wide choice.
    pub is_client_allowed: Option<bool>,
}

model!(
    /// A project status (Open, Closed).
    ProjectStatus: ProjectStatusId in "project-status" {
        /// Its name.
        name: String,
        /// Its color (`#000000`).
        color: Option<String>,
    }
);

model!(
    /// A studio (a company or a site whose persons work on the productions).
    Studio: StudioId in "studios" {
        /// Its name.
        name: String,
        /// Its color (`#ff0000`).
        color: Option<String>,
        /// Whether it is archived.
        archived: Option<bool>,
    }
);

model!(
    /// A custom field of a project's entities (assets, shots, tasks…): its values go in their
    /// `data` under `field_name`.
    MetadataDescriptor: MetadataDescriptorId in "metadata-descriptors" {
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// The kind of entity it describes: `Asset`, `Shot`, `Edit`, `Episode`, `Sequence`,
        /// `Project` or `Task`.
        entity_type: Option<String>,
        /// The task type it is scoped to (`Task` descriptors only).
        task_type_id: Option<TaskTypeId> => opt_id,
        /// Its name, as shown.
        name: String,
        /// The key of its values in the entities' `data` (its name, slugified).
        field_name: Option<String>,
        /// `string`, `number`, `list`, `taglist`, `boolean`, `checklist`, `date`…
        data_type: Option<String>,
        /// The values it may take (`list`, `taglist`, `checklist`); empty for free values.
        choices: Vec<String>,
        /// Whether clients see it.
        for_client: Option<bool>,
        /// Its rank among the descriptors of its entity type.
        position: Option<i64>,
        /// The departments that see it (empty: every department).
        departments: Vec<DepartmentId>,
    }
);

model!(
    /// A rule that changes a task's status (or an asset's readiness) when another task of the
    /// same entity reaches a status.
    StatusAutomation: StatusAutomationId in "status-automations" {
        /// `asset`, `shot`…
        entity_type: Option<String>,
        /// The task type whose change triggers it.
        in_task_type_id: Option<TaskTypeId> => opt_id,
        /// The status that triggers it.
        in_task_status_id: Option<TaskStatusId> => opt_id,
        /// What it changes: `status` or `ready_for`.
        out_field_type: Option<String>,
        /// The task type it changes.
        out_task_type_id: Option<TaskTypeId> => opt_id,
        /// The status it sets.
        out_task_status_id: Option<TaskStatusId> => opt_id,
        /// Whether it brings the last revision's preview along.
        import_last_revision: Option<bool>,
        /// Whether it is archived.
        archived: Option<bool>,
    }
);

model!(
    /// A background picture (an HDR) for 3D previews.
    PreviewBackgroundFile: PreviewBackgroundFileId in "preview-background-files" {
        /// Its name.
        name: String,
        /// Whether it is archived.
        archived: Option<bool>,
        /// Whether it is the studio's default.
        is_default: Option<bool>,
        /// The name of the file uploaded.
        original_name: Option<String>,
        /// Its extension (`hdr`).
        extension: Option<String>,
        /// Its size in bytes.
        file_size: Option<i64>,
    }
);

model!(
    /// A dated milestone of a project's schedule.
    Milestone: MilestoneId in "milestones" {
        /// Its name.
        name: String,
        /// Its day.
        date: Option<NaiveDate> => opt_date,
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// The task type it is about, if any.
        task_type_id: Option<TaskTypeId> => opt_id,
    }
);

model!(
    /// A project's budget (one revision of it).
    Budget: BudgetId in "budgets" {
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// Its revision number.
        revision: Option<i64>,
        /// Its name.
        name: String,
        /// Its currency (`USD`, `EUR`).
        currency: Option<String>,
    }
);

model!(
    /// One line of a budget: a person or position of a department for some months.
    BudgetEntry: BudgetEntryId in "budget-entries" {
        /// Its budget.
        budget_id: Option<BudgetId> => opt_id,
        /// Its department.
        department_id: Option<DepartmentId> => opt_id,
        /// The person it pays, if named.
        person_id: Option<PersonId> => opt_id,
        /// When it starts.
        start_date: Option<NaiveDate> => opt_date,
        /// How many months it lasts.
        months_duration: Option<i64>,
        /// The daily salary.
        daily_salary: Option<f64>,
        /// `artist`, `supervisor`, `lead`…
        position: Option<String>,
        /// `junior`, `mid`, `senior`.
        seniority: Option<String>,
        /// Salary exceptions, by month.
        exceptions: Option<Value>,
    }
);

/// A person's role on one project, as Zou answers a role change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    /// The project.
    pub project_id: ProjectId,
    /// The person.
    pub person_id: PersonId,
    /// Their role on this project only (`user`, `supervisor`, `manager`, `client`, `vendor`);
    /// `None` when they keep their studio-wide role.
    #[serde(default)]
    pub role: Option<String>,
}

/// A person's role on one project, overriding their studio-wide role there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProjectRole {
    /// An artist.
    User,
    /// A supervisor.
    Supervisor,
    /// A production manager.
    Manager,
    /// A client.
    Client,
    /// A vendor (an outside artist who sees only their own tasks).
    Vendor,
}

/// Quotas: what was done, by person (or, for one person's quotas, by task type) and in total
/// (key `total`), per day, week, month and year.
pub type Quotas = BTreeMap<String, Quota>;

/// What one person (or task type, or the total) did, per period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Quota {
    /// Per day (`2026-11-24`).
    pub day: QuotaCounts,
    /// Per ISO week (`2026-48`).
    pub week: QuotaCounts,
    /// Per month (`2026-11`).
    pub month: QuotaCounts,
    /// Per year (`2026`).
    pub year: QuotaCounts,
}

/// Counts of one kind of period, keyed by the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuotaCounts {
    /// Frames done.
    pub frames: BTreeMap<String, f64>,
    /// Seconds done (frames over the project's fps).
    pub seconds: BTreeMap<String, f64>,
    /// Drawings done.
    pub drawings: BTreeMap<String, f64>,
    /// Shots done (a fraction when time spent is shared).
    pub count: BTreeMap<String, f64>,
}

/// What `data/search` found, by kind (only the kinds searched are present).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Persons found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<Vec<Person>>,
    /// Assets found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<Vec<Asset>>,
    /// Shots found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shots: Option<Vec<Shot>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_project_answer() {
        let project: Project = serde_json::from_str(
            r#"{"name":"P","fps":"25","start_date":"2026-01-05","end_date":null,
                "project_status_id":"d09d3aae-022b-4716-92ce-3d1f6885005c",
                "project_status_name":"Open","from_schedule_version_id":null,
                "team":["99d6a163-9255-463f-8d4b-7969fe35cace"],
                "descriptors":[{"id":"b5df6a35-d3f8-4df5-8571-8ff514d42495","name":"Difficulty","field_name":"difficulty","data_type":"list","choices":["easy","hard"],"for_client":false,"entity_type":"Shot","task_type_id":null,"position":null,"departments":[]}],
                "task_type_links":{"fae32542-7235-4911-8a93-16022d5b7912":{"priority":2,"hd_bitrate_compression":null,"ld_bitrate_compression":null,"is_client_visible":true}},
                "task_types_priority":{"fae32542-7235-4911-8a93-16022d5b7912":2},
                "task_statuses_link":{"9194064a-5be6-4a9f-a280-3e4ad469d1c4":{"priority":null,"roles_for_board":["user"],"is_client_allowed":null}},
                "id":"ce44e8e5-b0b7-4a3d-b03c-c4b0e010aa41","type":"Project"}"#,
        )
        .unwrap();
        assert_eq!(project.start_date, NaiveDate::from_ymd_opt(2026, 1, 5));
        assert_eq!(project.end_date, None);
        assert_eq!(project.team.len(), 1);
        assert_eq!(
            project.descriptors[0].field_name.as_deref(),
            Some("difficulty")
        );
        let task_type: TaskTypeId = "fae32542-7235-4911-8a93-16022d5b7912".parse().unwrap();
        assert_eq!(project.task_type_links[&task_type].priority, Some(2));
        assert_eq!(project.task_types_priority[&task_type], Some(2));
        assert!(project.other.is_empty(), "{:?}", project.other);
    }

    #[test]
    fn reads_quotas() {
        let quotas: Quotas = serde_json::from_str(
            r#"{"total":{"day":{"frames":{"2026-11-24":48},"seconds":{"2026-11-24":1.92},"drawings":{"2026-11-24":0},"count":{"2026-11-24":1}},"week":{},"month":{},"year":{}}}"#,
        )
        .unwrap();
        assert_eq!(quotas["total"].day.frames["2026-11-24"], 48.0);
    }
}
