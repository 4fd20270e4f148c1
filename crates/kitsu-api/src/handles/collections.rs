//! The named accessors of the studio's collections (`kitsu.departments()`,
//! `kitsu.softwares()`…), each a [`Collection`], and what some of them add (lookups by name,
//! the organisation).

use crate::models::{
    ApiEvent, AttachmentFile, Chat, ChatMessage, Comment, CustomAction, DayOff, Department,
    HardwareItem, News, Notification, Organisation, OutputFile, OutputType, Playlist, Plugin,
    PreviewFile, ProductionScheduleVersion, ProductionScheduleVersionTaskLink, ProjectTemplate,
    SalaryScale, ScheduleItem, SearchFilter, SearchFilterGroup, Software, Subscription, Task,
    TaskStatusLink, TaskTypeLink, TimeSpent, WorkingFile,
};
use crate::{ApiError, Client, Collection, Query};

/// `impl Client` accessors, one per collection: `$name() -> Collection<$model>`.
macro_rules! accessors {
    ($($(#[$meta:meta])* $name:ident -> $model:ident;)*) => {
        impl Client {
            $(
                $(#[$meta])*
                pub fn $name(&self) -> Collection<$model> {
                    self.collection()
                }
            )*
        }
    };
}

accessors! {
    /// The studio's departments (Modeling, Animation…): `kitsu.departments().list()`,
    /// `.by_name("Animation")`.
    departments -> Department;
    /// The organisation (the studio's settings): `kitsu.organisations().current()`.
    organisations -> Organisation;
    /// The salary scales of the departments, for budgets.
    salary_scales -> SalaryScale;
    /// The studio's hardware items.
    hardware_items -> HardwareItem;
    /// The custom actions of Kitsu's web UI.
    custom_actions -> CustomAction;
    /// The plugins installed in Zou.
    plugins -> Plugin;
    /// The project templates.
    project_templates -> ProjectTemplate;
    /// Every task (filter them: `list_with(&Query::new().param("project_id", id))`); one
    /// task's routes are on [`Client::task`].
    tasks -> Task;
    /// Every comment (filter them: `object_id` is the task).
    comments -> Comment;
    /// Every preview file; one preview's uploads are on [`Client::preview_file`].
    preview_files -> PreviewFile;
    /// Every attachment file (of comments and chat messages).
    attachment_files -> AttachmentFile;
    /// Every working file.
    working_files -> WorkingFile;
    /// Every output file.
    output_files -> OutputFile;
    /// Every playlist.
    playlists -> Playlist;
    /// Every day off.
    day_offs -> DayOff;
    /// Every time spent entry.
    time_spents -> TimeSpent;
    /// The schedule items: planned dates of task types on projects, sequences, episodes or
    /// asset types.
    schedule_items -> ScheduleItem;
    /// The versions of the projects' production schedules.
    production_schedule_versions -> ProductionScheduleVersion;
    /// The tasks' plannings in the production schedule versions.
    production_schedule_version_task_links -> ProductionScheduleVersionTaskLink;
    /// The links of task types to projects. Zou only creates them on this route
    /// (`kitsu.task_type_links().create(…)`); it refuses to list, get, change or delete them.
    task_type_links -> TaskTypeLink;
    /// The links of task statuses to projects. Zou only creates them on this route
    /// (`kitsu.task_status_links().create(…)`); it refuses to list, get, change or delete them.
    task_status_links -> TaskStatusLink;
    /// Zou's event log (`data/events`, rows of `ApiEvent`; the live events are
    /// `kitsu.events()` on the facade).
    api_events -> ApiEvent;
    /// Every notification (the logged-in user's are on [`Client::me`]).
    notifications -> Notification;
    /// The productions' news feeds.
    news -> News;
    /// Who follows which task.
    subscriptions -> Subscription;
    /// The saved searches of Kitsu's lists.
    search_filters -> SearchFilter;
    /// The groups of saved searches.
    search_filter_groups -> SearchFilterGroup;
    /// The chats of the entities.
    chats -> Chat;
    /// The messages of the chats.
    chat_messages -> ChatMessage;
}

/// `impl Collection<$model> { by_name }` for collections whose rows have a `name`.
macro_rules! by_name {
    ($($model:ident: $what:literal;)*) => {$(
        impl Collection<$model> {
            #[doc = concat!("The ", $what, " with this name, if any.")]
            pub async fn by_name(&self, name: &str) -> Result<Option<$model>, ApiError> {
                self.first(&Query::new().param("name", name)).await
            }
        }
    )*};
}

by_name! {
    Department: "department";
    HardwareItem: "hardware item";
    CustomAction: "custom action";
    ProjectTemplate: "project template";
}

impl Collection<Software> {
    /// The software with this short name (`blend`), if any.
    pub async fn by_short_name(&self, short_name: &str) -> Result<Option<Software>, ApiError> {
        self.first(&Query::new().param("short_name", short_name))
            .await
    }
}

impl Collection<OutputType> {
    /// The output type with this short name, if any.
    pub async fn by_short_name(&self, short_name: &str) -> Result<Option<OutputType>, ApiError> {
        self.first(&Query::new().param("short_name", short_name))
            .await
    }
}

impl Collection<Plugin> {
    /// The plugin with this plugin id (its name as a plugin, `my-plugin`), if installed.
    pub async fn by_plugin_id(&self, plugin_id: &str) -> Result<Option<Plugin>, ApiError> {
        self.first(&Query::new().param("plugin_id", plugin_id))
            .await
    }
}

impl Collection<Organisation> {
    /// The organisation: the studio's settings (Zou keeps one row, made at its setup).
    pub async fn current(&self) -> Result<Option<Organisation>, ApiError> {
        self.first(&Query::new()).await
    }
}
