//! [`COLLECTIONS`]: which model reads which of Zou's `data/<collection>` collections.

use super::*;

/// Lists the models, each with its `Resource::COLLECTION`, so the table cannot lie.
macro_rules! registry {
    ($($model:ident),* $(,)?) => {
        /// Every model of [`models`](crate::models) with its collection, as
        /// `(collection, model name)`: `("task-types", "TaskType")`. A model's collection is
        /// what `client.collection::<Model>()` calls (`data/<collection>`).
        pub const COLLECTIONS: &[(&str, &str)] = &[
            $((<$model as Resource>::COLLECTION, stringify!($model)),)*
        ];
    };
}

registry!(
    // Projects and their settings.
    Project,
    ProjectStatus,
    Studio,
    MetadataDescriptor,
    StatusAutomation,
    PreviewBackgroundFile,
    Milestone,
    Budget,
    BudgetEntry,
    // Entities (Zou's own routes for each kind, beside the crud blueprint's `entities`).
    Sequence,
    Shot,
    Asset,
    AssetType,
    Entity,
    EntityType,
    AssetInstance,
    EntityLink,
    // Every other collection.
    ApiEvent,
    AttachmentFile,
    Chat,
    ChatMessage,
    Comment,
    CustomAction,
    DayOff,
    Department,
    FileStatus,
    HardwareItem,
    News,
    Notification,
    Organisation,
    OutputFile,
    OutputType,
    Person,
    Playlist,
    Plugin,
    PreviewFile,
    ProductionScheduleVersion,
    ProductionScheduleVersionTaskLink,
    ProjectTemplate,
    SalaryScale,
    ScheduleItem,
    SearchFilter,
    SearchFilterGroup,
    Software,
    Subscription,
    Task,
    TaskStatus,
    TaskStatusLink,
    TaskType,
    TaskTypeLink,
    TimeSpent,
    WorkingFile,
);

#[cfg(test)]
mod tests {
    use super::COLLECTIONS;

    /// Zou 1.0.97's `data/<collection>` collections: the `/data/<collection>` routes of
    /// `zou/app/blueprints/crud/__init__.py` (its `routes` list), in its order.
    const ZOU_1_0_97: [&str; 48] = [
        "persons",
        "projects",
        "project-status",
        "project-templates",
        "entity-types",
        "entities",
        "task-types",
        "task-type-links",
        "task-status",
        "task-status-links",
        "tasks",
        "departments",
        "organisations",
        "file-status",
        "softwares",
        "hardware-items",
        "output-files",
        "output-types",
        "preview-files",
        "working-files",
        "attachment-files",
        "comments",
        "time-spents",
        "day-offs",
        "custom-actions",
        "status-automations",
        "asset-instances",
        "playlists",
        "events",
        "notifications",
        "search-filters",
        "search-filter-groups",
        "schedule-items",
        "news",
        "milestones",
        "metadata-descriptors",
        "subscriptions",
        "entity-links",
        "chats",
        "chat-messages",
        "preview-background-files",
        "studios",
        "salary-scales",
        "budgets",
        "budget-entries",
        "plugins",
        "production-schedule-versions",
        "production-schedule-version-task-links",
    ];

    #[test]
    fn each_of_zous_collections_has_one_model() {
        let mut sorted = ZOU_1_0_97.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 48, "the list names a collection twice");
        let mut problems = Vec::new();
        for collection in ZOU_1_0_97 {
            let models: Vec<&str> = COLLECTIONS
                .iter()
                .filter(|(name, _)| *name == collection)
                .map(|(_, model)| *model)
                .collect();
            match models.as_slice() {
                [_] => {}
                [] => problems.push(format!("{collection}: no model")),
                many => problems.push(format!("{collection}: several models {many:?}")),
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn a_model_names_one_collection() {
        let mut models: Vec<&str> = COLLECTIONS.iter().map(|(_, model)| *model).collect();
        models.sort_unstable();
        let count = models.len();
        models.dedup();
        assert_eq!(models.len(), count, "a model is listed twice");
    }
}
