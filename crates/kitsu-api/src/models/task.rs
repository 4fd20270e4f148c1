//! Tasks, their types and statuses, comments and previews.

use super::*;

model!(
    /// A task type (Animation, Compositing…).
    TaskType: TaskTypeId in "task-types" {
        /// Its name.
        name: String,
        /// Its short name.
        short_name: Option<String>,
        /// Its colour (`#rrggbb`).
        color: Option<String>,
        /// Its priority in lists.
        priority: Option<i64>,
        /// `Asset`, `Shot`, `Sequence`, `Episode`…
        for_entity: Option<String>,
    }
);

model!(
    /// A task status (Todo, WIP, Done…).
    TaskStatus: TaskStatusId in "task-status" {
        /// Its name.
        name: String,
        /// Its short name (`todo`, `wip`, `done`).
        short_name: String,
        /// Its colour.
        color: Option<String>,
        /// Whether it ends the task.
        is_done: Option<bool>,
        /// Whether new tasks get it.
        is_default: Option<bool>,
    }
);

model!(
    /// A task.
    Task: TaskId in "tasks" {
        /// Its name (`main` by default).
        name: Option<String>,
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// Its type.
        task_type_id: Option<TaskTypeId> => opt_id,
        /// Its status.
        task_status_id: Option<TaskStatusId> => opt_id,
        /// The shot, asset… it is on.
        entity_id: Option<EntityId> => opt_id,
        /// The people assigned (with `relations=true` on lists).
        assignees: Vec<PersonId>,
        /// Who assigned it.
        assigner_id: Option<PersonId> => opt_id,
        /// Its description.
        description: Option<String>,
        /// Its priority.
        priority: Option<i64>,
        /// Its difficulty (1 to 5).
        difficulty: Option<i64>,
        /// Its estimation in days.
        estimation: Option<f64>,
        /// Time spent, in days.
        duration: Option<f64>,
        /// How far along it is, in percent.
        completion_rate: Option<f64>,
        /// How many retakes it had.
        retake_count: Option<i64>,
        /// Its place in manual orderings.
        sort_order: Option<i64>,
        /// When it is planned to start.
        start_date: Option<NaiveDateTime> => opt_datetime,
        /// Its due date.
        due_date: Option<NaiveDateTime> => opt_datetime,
        /// When it really started.
        real_start_date: Option<NaiveDateTime> => opt_datetime,
        /// When it is planned to end.
        end_date: Option<NaiveDateTime> => opt_datetime,
        /// When it was done.
        done_date: Option<NaiveDateTime> => opt_datetime,
        /// When it was last commented on.
        last_comment_date: Option<NaiveDateTime> => opt_datetime,
        /// How many of the assets cast in its shot are ready for it.
        nb_assets_ready: Option<i64>,
        /// How many drawings it has (2D productions).
        nb_drawings: Option<i64>,
        /// Its latest preview.
        last_preview_file_id: Option<PreviewFileId> => opt_id,
        /// Its id in ShotGrid, for migrated productions.
        shotgun_id: Option<i64>,
        /// Free data.
        data: Option<Value>,
        /// Its type's name, when the route joins it in.
        task_type_name: Option<String>,
        /// Its status's name, when the route joins it in.
        task_status_name: Option<String>,
        /// Its entity's name, when the route joins it in.
        entity_name: Option<String>,
        /// Its entity type's name (`Shot`, `Character`…), when the route joins it in.
        entity_type_name: Option<String>,
        /// Its project's name, when the route joins it in.
        project_name: Option<String>,
    }
);

model!(
    /// A comment on a task.
    Comment: CommentId in "comments" {
        /// The task.
        object_id: Option<TaskId> => opt_id,
        /// The status the comment set.
        task_status_id: Option<TaskStatusId> => opt_id,
        /// The author.
        person_id: Option<PersonId> => opt_id,
        /// The text.
        text: Option<String>,
    }
);

model!(
    /// A preview file (a picture or movie attached to a comment).
    PreviewFile: PreviewFileId in "preview-files" {
        /// Its revision number.
        revision: Option<i64>,
        /// `png`, `mp4`…
        extension: Option<String>,
        /// `processing`, `ready` or `broken`: check it after a movie upload.
        status: Option<String>,
        /// Its size in bytes.
        file_size: Option<u64>,
        /// The uploaded file's name without extension.
        original_name: Option<String>,
        /// The task.
        task_id: Option<TaskId> => opt_id,
        /// Width in pixels.
        width: Option<i64>,
        /// Height in pixels.
        height: Option<i64>,
    }
);
