//! Tasks, their types and statuses, comments and previews.

use super::fields::or_default;
use super::*;

use kitsu_core::ids::{DepartmentId, OutputFileId};

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
        /// Its description.
        description: Option<String>,
        /// Whether time can be logged on its tasks.
        allow_timelog: Option<bool>,
        /// Whether it is archived.
        archived: Option<bool>,
        /// Its id in ShotGrid, for migrated studios.
        shotgun_id: Option<i64>,
        /// The department it belongs to.
        department_id: Option<DepartmentId> => opt_id,
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
        /// Its description.
        description: Option<String>,
        /// Its priority in lists.
        priority: Option<i64>,
        /// Whether it is archived.
        archived: Option<bool>,
        /// Whether artists may set it.
        is_artist_allowed: Option<bool>,
        /// Whether clients may set it.
        is_client_allowed: Option<bool>,
        /// Whether it counts as a retake.
        is_retake: Option<bool>,
        /// Whether it asks for a review (a preview is expected).
        is_feedback_request: Option<bool>,
        /// Whether it means work in progress.
        is_wip: Option<bool>,
        /// Whether it applies to concepts.
        for_concept: Option<bool>,
        /// Its id in ShotGrid, for migrated studios.
        shotgun_id: Option<i64>,
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
    ///
    /// One comment (`get`) and lists with `relations=true` add the ids of its `previews`,
    /// `mentions`, `department_mentions`, `acknowledgements` and `attachment_files`; one
    /// comment also embeds its author (`person`) and gives its attachment files as objects
    /// (`{"id", "name", "extension", "size"}`).
    Comment: CommentId in "comments" {
        /// The task.
        object_id: Option<TaskId> => opt_id,
        /// What `object_id` names (`Task`).
        object_type: Option<String>,
        /// The status the comment set.
        task_status_id: Option<TaskStatusId> => opt_id,
        /// The author.
        person_id: Option<PersonId> => opt_id,
        /// Who last edited it.
        editor_id: Option<PersonId> => opt_id,
        /// The text.
        text: Option<String>,
        /// Free data.
        data: Option<Value>,
        /// The replies: objects with their own `id`, `text`, `person_id`, `date`…
        replies: Vec<Value> => or_default,
        /// The checklist: objects with `text` and `checked`.
        checklist: Vec<Value> => or_default,
        /// Whether it is pinned on top of the task's comments.
        pinned: Option<bool>,
        /// Whether clients see it.
        for_client: Option<bool>,
        /// The links found in its text.
        links: Vec<String> => or_default,
        /// The preview it is about (a comment on a revision).
        preview_file_id: Option<PreviewFileId> => opt_id,
        /// Its id in ShotGrid, for migrated productions.
        shotgun_id: Option<i64>,
        /// Its previews: ids, or preview objects when asked `with_previews=true`.
        previews: Vec<PreviewFileRef> => or_default,
        /// The people it mentions.
        mentions: Vec<PersonId> => or_default,
        /// The departments it mentions.
        department_mentions: Vec<DepartmentId> => or_default,
        /// The people who acknowledged it.
        acknowledgements: Vec<PersonId> => or_default,
        /// Its attachment files: ids in lists, objects on one comment.
        attachment_files: Vec<AttachmentFileRef> => or_default,
        /// Its author, embedded on one comment (a short person).
        person: Option<Box<Person>>,
    }
);

model!(
    /// A preview file (a picture or movie attached to a comment).
    ///
    /// One preview file (`get`) and lists with `relations=true` add the ids of its
    /// `comments`.
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
        /// Its name (a short id made by Zou).
        name: Option<String>,
        /// Its place among the previews of the same revision.
        position: Option<i64>,
        /// Its description.
        description: Option<String>,
        /// Where it is stored, when not in Zou's own storage.
        path: Option<String>,
        /// Where it came from (`webgui`, `api`…).
        source: Option<String>,
        /// `validated`, `rejected` or `neutral`.
        validation_status: Option<String>,
        /// The drawings and texts drawn on it in the review room.
        annotations: Option<Value>,
        /// Length in seconds (movies).
        duration: Option<f64>,
        /// Free data.
        data: Option<Value>,
        /// Tokens read to generate it, when an AI pipeline made it.
        token_in: Option<i64>,
        /// Tokens written to generate it, when an AI pipeline made it.
        token_out: Option<i64>,
        /// Who uploaded it.
        person_id: Option<PersonId> => opt_id,
        /// The output file it was made from.
        source_file_id: Option<OutputFileId> => opt_id,
        /// Its id in ShotGrid, for migrated productions.
        shotgun_id: Option<i64>,
        /// Whether it is a movie (deprecated: see `extension`).
        is_movie: Option<bool>,
        /// Its URL (deprecated).
        url: Option<String>,
        /// Its movie's URL (deprecated).
        uploaded_movie_url: Option<String>,
        /// Its movie's name (deprecated).
        uploaded_movie_name: Option<String>,
        /// The comments it is attached to (on one preview file, or lists with
        /// `relations=true`).
        comments: Vec<CommentId> => or_default,
    }
);
