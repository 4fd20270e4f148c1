//! Every route kitsu-rs calls, declared once.
//!
//! One line of the [`routes!`](crate::routes) table gives three things:
//! - a typed constructor (`routes::project_shots(project_id)` → `"data/projects/<id>/shots"`),
//!   taking typed ids, so a route is never built from an unchecked string;
//! - an entry of [`ROUTES`], with its methods, that the live suite checks against the server's
//!   OpenAPI description and that [`find`] matches concrete paths against;
//! - the constructor's doc line, with the methods and the template.
//!
//! Paths are relative to the API's base URL (`https://kitsu.mystudio.com/api`), as every raw
//! call of `kitsu-api` takes them.
//!
//! ```
//! use kitsu_core::{ids::ProjectId, routes};
//!
//! let project: ProjectId = "7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11".parse()?;
//! assert_eq!(
//!     routes::project_shots(project),
//!     "data/projects/7b3e5b8c-2f5a-4d3e-9c1a-0e6f2b9d4a11/shots"
//! );
//! let route = routes::find(&http::Method::GET, &routes::project_shots(project)).expect("declared");
//! assert_eq!(route.template, "data/projects/{project}/shots");
//! # Ok::<(), kitsu_core::ids::InvalidId>(())
//! ```

use http::Method;

use crate::ids::*;

/// A declared route: its constructor's name, the methods the client uses on it, and its path
/// template relative to the base URL (`{name}` marks a parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// The constructor's name in [`routes`](self).
    pub name: &'static str,
    /// The methods kitsu-rs sends to it.
    pub methods: &'static [Method],
    /// The template (`data/projects/{project}/shots`), relative to the base URL.
    pub template: &'static str,
}

impl Route {
    /// Whether a concrete path (without query) fits this template: the same literal text, each
    /// `{parameter}` standing for a non-empty run of characters other than `/`.
    pub fn matches(&self, path: &str) -> bool {
        let path = path.split('?').next().unwrap_or_default();
        let mut template = self.template.split('/');
        let mut concrete = path.trim_matches('/').split('/');
        loop {
            match (template.next(), concrete.next()) {
                (None, None) => return true,
                (Some(pattern), Some(segment)) if segment_matches(pattern, segment) => {}
                _ => return false,
            }
        }
    }

    /// The template with every parameter written `{}`, to compare with other descriptions.
    pub fn anonymous(&self) -> String {
        normalise(self.template)
    }

    /// Whether the template has a `{collection}` parameter (the generic CRUD routes), which
    /// stands for any collection name.
    pub fn is_generic(&self) -> bool {
        self.template.contains("{collection}")
    }
}

/// One segment of a template against one of a path: literal text must be equal, a parameter
/// takes at least one character (and, before a literal, stops at the first place it fits).
fn segment_matches(pattern: &str, segment: &str) -> bool {
    match pattern.find('{') {
        None => pattern == segment,
        Some(start) => {
            let Some(literal) = pattern.get(..start) else {
                return false;
            };
            let Some(rest) = segment.strip_prefix(literal) else {
                return false;
            };
            let after = pattern[start..]
                .find('}')
                .and_then(|end| pattern.get(start + end + 1..))
                .unwrap_or_default();
            if after.is_empty() {
                return !rest.is_empty();
            }
            let next_literal_end = after.find('{').unwrap_or(after.len());
            let next_literal = &after[..next_literal_end];
            (1..=rest.len()).any(|taken| {
                rest.is_char_boundary(taken)
                    && rest[taken..].starts_with(next_literal)
                    && segment_matches(after, &rest[taken..])
            })
        }
    }
}

/// A template with every parameter written `{}` and no slash at either end, for comparing
/// templates whatever their parameter names (`/data/projects/<project_id>/` → `data/projects/{}`).
pub fn normalise(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_parameter = false;
    for c in template.chars() {
        match c {
            '{' | '<' => {
                in_parameter = true;
                out.push_str("{}");
            }
            '}' | '>' => in_parameter = false,
            _ if !in_parameter => out.push(c),
            _ => {}
        }
    }
    out.trim_matches('/').to_owned()
}

/// The declared route that `method path` fits, if any. Specific routes win over the generic
/// `data/{collection}` ones (`data/projects/open` is not the project with id `open`).
pub fn find(method: &Method, path: &str) -> Option<&'static Route> {
    let fits = |route: &&Route| route.methods.contains(method) && route.matches(path);
    let specific = ROUTES.iter().filter(|route| !route.is_generic()).find(fits);
    specific.or_else(|| ROUTES.iter().filter(|route| route.is_generic()).find(fits))
}

/// Declares routes: `name(param: Type, …): METHOD… "template";`. Each parameter appears in
/// the template as `{param}` and is formatted with `Display` (typed ids, or the collection
/// names of the generic CRUD routes).
macro_rules! routes {
    ($(
        $(#[$doc:meta])*
        $name:ident $(( $($param:ident : $ty:ty),* ))? : $($method:ident)|+ $template:literal;
    )*) => {
        $(
            $(#[$doc])*
            #[doc = ""]
            #[doc = concat!("`", $(stringify!($method), " ",)+ "<base>/", $template, "`")]
            pub fn $name($($($param: $ty),*)?) -> String {
                format!($template)
            }
        )*

        /// Every declared route, in declaration order.
        pub static ROUTES: &[Route] = &[$(
            Route {
                name: stringify!($name),
                methods: &[$(Method::$method),+],
                template: $template,
            },
        )*];
    };
}

routes! {
    // ---- the server ----
    /// The API's root: `{"api": "Zou", "version": …}`.
    root: GET "";

    // ---- authentication ----
    /// Logs in with an email and password.
    login: POST "auth/login";
    /// Revokes the access token and its refresh token.
    logout: GET "auth/logout";
    /// A new access token, for the refresh token sent as the bearer.
    refresh_token: GET "auth/refresh-token";
    /// Who the token belongs to.
    authenticated: GET "auth/authenticated";

    // ---- events ----
    /// The stored event log, newest first (`after`, `before`, `cursor_event_id`, `limit` ≤ 1000,
    /// `project_id`, `name`, `name_prefixes`, `name_suffixes`); managers and admins only.
    last_events: GET "data/events/last";

    // ---- generic collections (the typed CRUD handle) ----
    /// Every row of a collection (filters in the query), or a new row.
    collection(collection: &str): GET | POST "data/{collection}";
    /// One row of a collection.
    collection_item(collection: &str, id: Uuid): GET | PUT | DELETE "data/{collection}/{id}";

    // ---- projects ----
    /// The open projects.
    open_projects: GET "data/projects/open";
    /// A project's sequences, or a new sequence in it.
    project_sequences(project: ProjectId): GET | POST "data/projects/{project}/sequences";
    /// A project's shots, or a new shot in it.
    project_shots(project: ProjectId): GET | POST "data/projects/{project}/shots";
    /// A project's assets.
    project_assets(project: ProjectId): GET "data/projects/{project}/assets";
    /// Adds a task type to a project's settings.
    project_task_types(project: ProjectId): POST "data/projects/{project}/settings/task-types";
    /// A new asset of a type in a project.
    new_asset(project: ProjectId, asset_type: AssetTypeId): POST
        "data/projects/{project}/asset-types/{asset_type}/assets/new";
    /// Creates tasks of a type for a project's shots.
    create_shot_tasks(project: ProjectId, task_type: TaskTypeId): POST
        "actions/projects/{project}/task-types/{task_type}/shots/create-tasks";
    /// Uploads a project's thumbnail.
    project_thumbnail_upload(project: ProjectId): POST "pictures/thumbnails/projects/{project}";
    /// A project's thumbnail picture.
    project_thumbnail(project: ProjectId): GET "pictures/thumbnails/projects/{project}.png";

    // ---- shots ----
    /// A shot's tasks, with their type, status and entity names.
    shot_tasks(shot: ShotId): GET "data/shots/{shot}/tasks";

    // ---- tasks, comments, previews ----
    /// Comments on a task, setting its status.
    task_comment(task: TaskId): POST "actions/tasks/{task}/comment";
    /// Adds a preview to a comment.
    comment_add_preview(task: TaskId, comment: CommentId): POST
        "actions/tasks/{task}/comments/{comment}/add-preview";
    /// Uploads a preview's file.
    preview_file_upload(preview: PreviewFileId): POST "pictures/preview-files/{preview}";
    /// A picture preview's original file.
    preview_original_picture(preview: PreviewFileId, extension: &str): GET
        "pictures/originals/preview-files/{preview}.{extension}";
    /// Makes a preview its entity's main preview (the thumbnail shown everywhere).
    set_main_preview(preview: PreviewFileId): PUT "actions/preview-files/{preview}/set-main-preview";
    /// A movie preview's original file.
    preview_original_movie(preview: PreviewFileId): GET "movies/originals/preview-files/{preview}.mp4";

    // ---- persons ----
    /// Changes a person's password (admins).
    change_password(person: PersonId): POST "actions/persons/{person}/change-password";

    // ---- project, studio, search ----
    /// The task types a project uses (the ones of its settings), by priority.
    project_task_types_in_use(project: ProjectId): GET "data/projects/{project}/task-types";
    /// A project's team, or a new member in it.
    project_team(project: ProjectId): GET | POST "data/projects/{project}/team";
    /// One member of a project's team: their role on it, or their leaving.
    project_team_member(project: ProjectId, person: PersonId): PUT | DELETE
        "data/projects/{project}/team/{person}";
    /// Adds an asset type to a project's settings.
    project_asset_types_setting(project: ProjectId): POST "data/projects/{project}/settings/asset-types";
    /// Removes an asset type from a project's settings.
    project_asset_type_setting(project: ProjectId, asset_type: AssetTypeId): DELETE
        "data/projects/{project}/settings/asset-types/{asset_type}";
    /// Removes a task type from a project's settings.
    project_task_type_setting(project: ProjectId, task_type: TaskTypeId): DELETE
        "data/projects/{project}/settings/task-types/{task_type}";
    /// A project's task statuses, or one more in its settings.
    project_task_statuses_setting(project: ProjectId): GET | POST
        "data/projects/{project}/settings/task-status";
    /// Removes a task status from a project's settings.
    project_task_status_setting(project: ProjectId, task_status: TaskStatusId): DELETE
        "data/projects/{project}/settings/task-status/{task_status}";
    /// A project's status automations, or one more in its settings.
    project_status_automations(project: ProjectId): GET | POST
        "data/projects/{project}/settings/status-automations";
    /// Removes a status automation from a project's settings.
    project_status_automation(project: ProjectId, automation: StatusAutomationId): DELETE
        "data/projects/{project}/settings/status-automations/{automation}";
    /// A project's preview background files, or one more in its settings.
    project_preview_background_files(project: ProjectId): GET | POST
        "data/projects/{project}/settings/preview-background-files";
    /// Removes a preview background file from a project's settings.
    project_preview_background_file(project: ProjectId, file: PreviewBackgroundFileId): DELETE
        "data/projects/{project}/settings/preview-background-files/{file}";
    /// A project's metadata descriptors, or a new one.
    project_metadata_descriptors(project: ProjectId): GET | POST
        "data/projects/{project}/metadata-descriptors";
    /// Orders a project's metadata descriptors of one entity type.
    project_metadata_descriptors_reorder(project: ProjectId): POST
        "data/projects/{project}/metadata-descriptors/reorder";
    /// One metadata descriptor of a project.
    project_metadata_descriptor(project: ProjectId, descriptor: MetadataDescriptorId): GET | PUT | DELETE
        "data/projects/{project}/metadata-descriptors/{descriptor}";
    /// A project's milestones.
    project_milestones(project: ProjectId): GET "data/projects/{project}/milestones";
    /// A project's quotas for a task type (`count_mode`, `studio_id`).
    project_quotas(project: ProjectId, task_type: TaskTypeId): GET
        "data/projects/{project}/quotas/{task_type}";
    /// A person's quotas in a project, by task type (`count_mode`, `studio_id`).
    project_person_quotas(project: ProjectId, person: PersonId): GET
        "data/projects/{project}/quotas/persons/{person}";
    /// A project's budgets, or a new one.
    project_budgets(project: ProjectId): GET | POST "data/projects/{project}/budgets";
    /// One budget of a project.
    project_budget(project: ProjectId, budget: BudgetId): GET | PUT | DELETE
        "data/projects/{project}/budgets/{budget}";
    /// A budget's entries, or a new one.
    budget_entries(project: ProjectId, budget: BudgetId): GET | POST
        "data/projects/{project}/budgets/{budget}/entries";
    /// One entry of a budget.
    budget_entry(project: ProjectId, budget: BudgetId, entry: BudgetEntryId): GET | PUT | DELETE
        "data/projects/{project}/budgets/{budget}/entries/{entry}";
    /// Searches assets, shots and persons by name.
    search: POST "data/search";

    // ---- shot, scene, edit, concept ----
    /// A project's episodes, or a new episode in it.
    project_episodes(project: ProjectId): GET | POST "data/projects/{project}/episodes";
    /// A project's scenes, or a new scene in it.
    project_scenes(project: ProjectId): GET | POST "data/projects/{project}/scenes";
    /// A project's edits, or a new edit in it.
    project_edits(project: ProjectId): GET | POST "data/projects/{project}/edits";
    /// A project's concepts, or a new concept in it.
    project_concepts(project: ProjectId): GET | POST "data/projects/{project}/concepts";
    /// An episode's sequences.
    episode_sequences(episode: EpisodeId): GET "data/episodes/{episode}/sequences";
    /// An episode's shots.
    episode_shots(episode: EpisodeId): GET "data/episodes/{episode}/shots";
    /// A sequence's shots.
    sequence_shots(sequence: SequenceId): GET "data/sequences/{sequence}/shots";
    /// A sequence's scenes.
    sequence_scenes(sequence: SequenceId): GET "data/sequences/{sequence}/scenes";
    /// Every shot, with the sequence and project names (filters in the query).
    all_shots: GET "data/shots/all";
    /// A shot's preview files.
    shot_preview_files(shot: ShotId): GET "data/shots/{shot}/preview-files";
    /// The asset instances cast in a shot, or one more.
    shot_asset_instances(shot: ShotId): GET | POST "data/shots/{shot}/asset-instances";
    /// An asset instance cast in a shot (to remove it).
    shot_asset_instance(shot: ShotId, asset_instance: AssetInstanceId): DELETE
        "data/shots/{shot}/asset-instances/{asset_instance}";
    /// Every scene, with the sequence and project names (filters in the query).
    all_scenes: GET "data/scenes/all";
    /// The asset instances of a scene, or a new one.
    scene_asset_instances(scene: SceneId): GET | POST "data/scenes/{scene}/asset-instances";
    /// The camera instances of a scene.
    scene_camera_instances(scene: SceneId): GET "data/scenes/{scene}/camera-instances";
    /// The shots made from a scene, or one more.
    scene_shots(scene: SceneId): GET | POST "data/scenes/{scene}/shots";
    /// A shot made from a scene (to unlink it).
    scene_shot(scene: SceneId, shot: ShotId): DELETE "data/scenes/{scene}/shots/{shot}";
    /// Every edit, with the project name (filters in the query).
    all_edits: GET "data/edits/all";
    /// An edit's preview files.
    edit_preview_files(edit: EditId): GET "data/edits/{edit}/preview-files";
    /// A concept's preview files.
    concept_preview_files(concept: ConceptId): GET "data/concepts/{concept}/preview-files";
    /// Imports a project's shots from a CSV file.
    import_shots_csv(project: ProjectId): POST "import/csv/projects/{project}/shots";
    /// Imports a project's shots from an OpenTimelineIO file.
    import_otio(project: ProjectId): POST "import/otio/projects/{project}";
    /// Imports an episode's shots from an OpenTimelineIO file.
    import_otio_episode(project: ProjectId, episode: EpisodeId): POST
        "import/otio/projects/{project}/episodes/{episode}";
    /// A project's shots as a CSV file (`episode_id`, `assigned_to` filters).
    export_shots_csv(project: ProjectId): GET "export/csv/projects/{project}/shots.csv";

    // ---- asset, casting, entity, context ----
    /// Every asset of every project (filters in the query: `project_id`, `name`,
    /// `entity_type_id`).
    all_assets: GET "data/assets/all";
    /// The assets cast in a shot.
    shot_assets(shot: ShotId): GET "data/shots/{shot}/assets";
    /// The asset types of the assets cast in a shot.
    shot_asset_types(shot: ShotId): GET "data/shots/{shot}/asset-types";
    /// The asset types used in a project.
    project_asset_types(project: ProjectId): GET "data/projects/{project}/asset-types";
    /// A project's assets of one type.
    project_asset_type_assets(project: ProjectId, asset_type: AssetTypeId): GET
        "data/projects/{project}/asset-types/{asset_type}/assets";
    /// The instances of an asset in shots, by shot.
    asset_shot_asset_instances(asset: AssetId): GET "data/assets/{asset}/shot-asset-instances";
    /// The instances of an asset in scenes, by scene.
    asset_scene_asset_instances(asset: AssetId): GET
        "data/assets/{asset}/scene-asset-instances";
    /// The asset instances placed in an asset, by instantiated asset; or a new one.
    asset_asset_instances(asset: AssetId): GET | POST "data/assets/{asset}/asset-asset-instances";
    /// Imports assets into a project from a CSV file.
    import_assets_csv(project: ProjectId): POST "import/csv/projects/{project}/assets";
    /// A project's assets as CSV (`episode_id`, `assigned_to`).
    export_assets_csv(project: ProjectId): GET "export/csv/projects/{project}/assets.csv";
    /// The shots (and assets) an asset is cast in.
    asset_cast_in(asset: AssetId): GET "data/assets/{asset}/cast-in";
    /// An entity's casting (the assets cast in it), or its new casting.
    entity_casting(project: ProjectId, entity: EntityId): GET | PUT
        "data/projects/{project}/entities/{entity}/casting";
    /// Casts one asset in several entities (or uncasts it, with `nb_occurences` 0).
    cast_asset(project: ProjectId, asset: AssetId): PUT
        "data/projects/{project}/entities/casting/assets/{asset}";
    /// The casting of a project's assets of one type, by asset.
    asset_type_casting(project: ProjectId, asset_type: AssetTypeId): GET
        "data/projects/{project}/asset-types/{asset_type}/casting";
    /// The casting of a project's episodes, by episode.
    episodes_casting(project: ProjectId): GET "data/projects/{project}/episodes/casting";
    /// The casting of a sequence's shots, by shot.
    sequence_casting(project: ProjectId, sequence: SequenceId): GET
        "data/projects/{project}/sequences/{sequence}/casting";
    /// The casting of an episode's shots, by shot.
    episode_shots_casting(project: ProjectId, episode: EpisodeId): GET
        "data/projects/{project}/episodes/{episode}/sequences/all/casting";
    /// The casting of a project's shots, by shot.
    project_shots_casting(project: ProjectId): GET "data/projects/{project}/sequences/all/casting";
    /// A project's entity links (casting links), paginated with `page` and `limit`.
    project_entity_links(project: ProjectId): GET "data/projects/{project}/entity-links";
    /// The entities a file path may be about, from the project's file tree.
    guess_from_path: POST "data/entities/guess_from_path";
    /// Deletes several entities of a project at once (`force=true` for good).
    delete_entities(project: ProjectId): POST "actions/projects/{project}/delete-entities";
    /// The entities linked to an entity that have tasks.
    entity_linked_with_tasks(entity: EntityId): GET
        "data/entities/{entity}/entities-linked/with-tasks";
    /// The task types of an asset's tasks.
    asset_task_types(asset: AssetId): GET "data/assets/{asset}/task-types";
    /// The task types of a shot's tasks.
    shot_task_types(shot: ShotId): GET "data/shots/{shot}/task-types";
    /// The task types of a scene's tasks.
    scene_task_types(scene: SceneId): GET "data/scenes/{scene}/task-types";
    /// The task types of a sequence's tasks.
    sequence_task_types(sequence: SequenceId): GET "data/sequences/{sequence}/task-types";
    /// The open projects the logged-in user has access to.
    user_open_projects: GET "data/user/projects/open";
    /// The asset types of a project the logged-in user has tasks in.
    user_project_asset_types(project: ProjectId): GET "data/user/projects/{project}/asset-types";
    /// The assets of a type in a project the logged-in user has tasks on.
    user_project_asset_type_assets(project: ProjectId, asset_type: AssetTypeId): GET
        "data/user/projects/{project}/asset-types/{asset_type}/assets";
    /// The task types of the logged-in user's tasks on an asset.
    user_asset_task_types(asset: AssetId): GET "data/user/assets/{asset}/task-types";
    /// The task types of the logged-in user's tasks on a shot.
    user_shot_task_types(shot: ShotId): GET "data/user/shots/{shot}/task-types";
    /// The task types of the logged-in user's tasks on a scene.
    user_scene_task_types(scene: SceneId): GET "data/user/scenes/{scene}/task-types";
    /// The task types of the logged-in user's tasks on a sequence.
    user_sequence_task_types(sequence: SequenceId): GET "data/user/sequences/{sequence}/task-types";
    /// The sequences of a project the logged-in user has tasks in.
    user_project_sequences(project: ProjectId): GET "data/user/projects/{project}/sequences";
    /// The episodes of a project the logged-in user has tasks in.
    user_project_episodes(project: ProjectId): GET "data/user/projects/{project}/episodes";
    /// The shots of a sequence the logged-in user has tasks on.
    user_sequence_shots(sequence: SequenceId): GET "data/user/sequences/{sequence}/shots";
    /// The scenes of a sequence the logged-in user has tasks on.
    user_sequence_scenes(sequence: SequenceId): GET "data/user/sequences/{sequence}/scenes";

    // ---- task ----
    /// A task with its entity, type, status, assignees and project joined in.
    task_full(task: TaskId): GET "data/tasks/{task}/full";
    /// A task's comments, newest first.
    task_comments(task: TaskId): GET "data/tasks/{task}/comments";
    /// A task's previews, by revision.
    task_previews(task: TaskId): GET "data/tasks/{task}/previews";
    /// Time spent on a task, per person (`total` in minutes).
    task_time_spents(task: TaskId): GET "actions/tasks/{task}/time-spents";
    /// Time spent on a task on one day (`YYYY-MM-DD`).
    task_time_spents_on(task: TaskId, date: &str): GET "actions/tasks/{task}/time-spents/{date}";
    /// Sets the time a person spent on a task on one day.
    set_time_spent(task: TaskId, date: &str, person: PersonId): POST
        "actions/tasks/{task}/time-spents/{date}/persons/{person}";
    /// Adds to the time a person spent on a task on one day.
    add_time_spent(task: TaskId, date: &str, person: PersonId): POST
        "actions/tasks/{task}/time-spents/{date}/persons/{person}/add";
    /// Adds attachment files to a comment.
    comment_add_attachment(task: TaskId, comment: CommentId): POST
        "actions/tasks/{task}/comments/{comment}/add-attachment";
    /// Adds a preview of the same revision as another one, or removes a preview, on a comment.
    comment_preview_file(task: TaskId, comment: CommentId, preview: PreviewFileId): POST | DELETE
        "actions/tasks/{task}/comments/{comment}/preview-files/{preview}";
    /// Moves a comment to another task of the same entity.
    comment_move(task: TaskId, comment: CommentId): POST
        "actions/tasks/{task}/comments/{comment}/move";
    /// Acknowledges a comment, or takes the acknowledgement back.
    comment_ack(task: TaskId, comment: CommentId): POST "data/tasks/{task}/comments/{comment}/ack";
    /// Replies to a comment.
    comment_reply(task: TaskId, comment: CommentId): POST
        "data/tasks/{task}/comments/{comment}/reply";
    /// Deletes a reply to a comment.
    comment_reply_item(task: TaskId, comment: CommentId, reply: Uuid): DELETE
        "data/tasks/{task}/comments/{comment}/reply/{reply}";
    /// Deletes an attachment of a comment.
    comment_attachment(task: TaskId, comment: CommentId, attachment: AttachmentFileId): DELETE
        "data/tasks/{task}/comments/{comment}/attachments/{attachment}";
    /// Several comments on one task, in one multipart request.
    task_batch_comment(task: TaskId): POST "actions/tasks/{task}/batch-comment";
    /// Several comments on several tasks, each naming its task.
    tasks_batch_comment: POST "actions/tasks/batch-comment";
    /// Several comments on tasks of a project, in one multipart request.
    project_comment_many(project: ProjectId): POST "actions/projects/{project}/tasks/comment-many";
    /// Assigns tasks to a person.
    person_assign(person: PersonId): PUT "actions/persons/{person}/assign";
    /// Clears the assignations of tasks (of everyone, or of one person).
    clear_assignation: PUT "actions/tasks/clear-assignation";
    /// A project's tasks (`task_type_id`, `episode_id` filters).
    project_tasks(project: ProjectId): GET "data/projects/{project}/tasks";
    /// The tasks of open projects that are not done, with filters and paging.
    open_tasks: GET "data/tasks/open-tasks";
    /// Counts of open tasks by project, task type and status.
    open_tasks_stats: GET "data/tasks/open-tasks/stats";
    /// A project's comments.
    project_comments(project: ProjectId): GET "data/projects/{project}/comments";
    /// A project's notifications.
    project_notifications(project: ProjectId): GET "data/projects/{project}/notifications";
    /// A project's preview files.
    project_preview_files(project: ProjectId): GET "data/projects/{project}/preview-files";
    /// A project's task subscriptions.
    project_subscriptions(project: ProjectId): GET "data/projects/{project}/subscriptions";
    /// For each person, the first start and last due dates of their tasks.
    persons_task_dates: GET "data/persons/task-dates";
    /// Deletes every task of a type in a project.
    project_task_type_delete_tasks(project: ProjectId, task_type: TaskTypeId): DELETE
        "actions/projects/{project}/task-types/{task_type}/delete-tasks";
    /// Deletes several tasks of a project.
    project_delete_tasks(project: ProjectId): POST "actions/projects/{project}/delete-tasks";
    /// Creates tasks of several types for an entity.
    entity_tasks(entity: EntityId): POST "data/entities/{entity}/tasks";
    /// An entity's tasks of one type.
    entity_task_type_tasks(entity: EntityId, task_type: TaskTypeId): GET
        "data/entities/{entity}/task-types/{task_type}/tasks";
    /// A person's tasks that are not done (open projects).
    person_tasks(person: PersonId): GET "data/persons/{person}/tasks";
    /// A person's done tasks (open projects).
    person_done_tasks(person: PersonId): GET "data/persons/{person}/done-tasks";
    /// The tasks of a type related to a person's tasks.
    person_related_tasks(person: PersonId, task_type: TaskTypeId): GET
        "data/persons/{person}/related-tasks/{task_type}";
    /// An asset's tasks.
    asset_tasks(asset: AssetId): GET "data/assets/{asset}/tasks";
    /// A sequence's own tasks.
    sequence_tasks(sequence: SequenceId): GET "data/sequences/{sequence}/tasks";
    /// The tasks of a sequence's shots.
    sequence_shot_tasks(sequence: SequenceId): GET "data/sequences/{sequence}/shot-tasks";
    /// An episode's own tasks.
    episode_tasks(episode: EpisodeId): GET "data/episodes/{episode}/tasks";
    /// The tasks of an episode's shots.
    episode_shot_tasks(episode: EpisodeId): GET "data/episodes/{episode}/shot-tasks";
    /// The tasks of an episode's assets.
    episode_asset_tasks(episode: EpisodeId): GET "data/episodes/{episode}/asset-tasks";
    /// A scene's tasks.
    scene_tasks(scene: SceneId): GET "data/scenes/{scene}/tasks";
    /// An edit's tasks.
    edit_tasks(edit: EditId): GET "data/edits/{edit}/tasks";
    /// A concept's tasks.
    concept_tasks(concept: ConceptId): GET "data/concepts/{concept}/tasks";
    /// Creates tasks of a type for a project's assets.
    create_asset_tasks(project: ProjectId, task_type: TaskTypeId): POST
        "actions/projects/{project}/task-types/{task_type}/assets/create-tasks";
    /// The task types of an episode's own tasks.
    episode_task_types(episode: EpisodeId): GET "data/episodes/{episode}/task-types";
    /// The task types of a concept's tasks.
    concept_task_types(concept: ConceptId): GET "data/concepts/{concept}/task-types";

    // ---- person, user ----
    /// A person's time spent entries between two days (`start_date`, `end_date`).
    person_time_spents(person: PersonId): GET "data/persons/{person}/time-spents";
    /// A person's time spent entries of one day (`YYYY-MM-DD`).
    person_day_time_spents(person: PersonId, date: &str): GET
        "data/persons/{person}/time-spents/{date}";
    /// A person's time spent entries of a year.
    person_year_time_spents(person: PersonId, year: i32): GET
        "data/persons/{person}/time-spents/year/{year}";
    /// A person's time spent entries of a month (`MM`), every entry.
    person_month_all_time_spents(person: PersonId, year: i32, month: &str): GET
        "data/persons/{person}/time-spents/month/all/{year}/{month}";
    /// A person's time spent entries of an ISO week.
    person_week_time_spents(person: PersonId, year: i32, week: u32): GET
        "data/persons/{person}/time-spents/week/{year}/{week}";
    /// A person's days off.
    person_day_offs(person: PersonId): GET "data/persons/{person}/day-offs";
    /// A person's days off of an ISO week.
    person_week_day_offs(person: PersonId, year: i32, week: u32): GET
        "data/persons/{person}/day-offs/week/{year}/{week}";
    /// A person's days off of a month (`MM`).
    person_month_day_offs(person: PersonId, year: i32, month: &str): GET
        "data/persons/{person}/day-offs/month/{year}/{month}";
    /// A person's days off of a year.
    person_year_day_offs(person: PersonId, year: i32): GET
        "data/persons/{person}/day-offs/year/{year}";
    /// The studio's presence log of a month (`YYYY-MM`), as CSV.
    presence_logs(month: &str): GET "data/persons/presence-logs/{month}";
    /// Emails a person an invitation to Kitsu.
    invite_person(person: PersonId): GET "actions/persons/{person}/invite";
    /// Adds a person to a department.
    person_add_department(person: PersonId): POST "actions/persons/{person}/departments/add";
    /// Removes a person from a department.
    person_department(person: PersonId, department: DepartmentId): DELETE
        "actions/persons/{person}/departments/{department}";
    /// Turns off a person's two-factor authentication (admins).
    person_disable_two_factor(person: PersonId): DELETE
        "actions/persons/{person}/disable-two-factor-authentication";
    /// Removes a person's avatar.
    person_clear_avatar(person: PersonId): DELETE "actions/persons/{person}/clear-avatar";
    /// Uploads a person's avatar picture.
    person_avatar_upload(person: PersonId): POST "pictures/thumbnails/persons/{person}";
    /// What the logged-in user may see: projects, types, statuses, custom actions…
    user_context: GET "data/user/context";
    /// The logged-in user's tasks on an asset.
    user_asset_tasks(asset: AssetId): GET "data/user/assets/{asset}/tasks";
    /// The logged-in user's tasks on a shot.
    user_shot_tasks(shot: ShotId): GET "data/user/shots/{shot}/tasks";
    /// The logged-in user's tasks on a scene.
    user_scene_tasks(scene: SceneId): GET "data/user/scenes/{scene}/tasks";
    /// The logged-in user's tasks on a sequence.
    user_sequence_tasks(sequence: SequenceId): GET "data/user/sequences/{sequence}/tasks";
    /// The logged-in user's unfinished tasks.
    user_tasks: GET "data/user/tasks";
    /// The tasks waiting for the logged-in user's feedback.
    user_tasks_to_check: GET "data/user/tasks-to-check";
    /// The logged-in user's finished tasks.
    user_done_tasks: GET "data/user/done-tasks";
    /// The logged-in user's saved searches, or a new one.
    user_filters: GET | POST "data/user/filters";
    /// One of the logged-in user's saved searches.
    user_filter(filter: SearchFilterId): PUT | DELETE "data/user/filters/{filter}";
    /// The logged-in user's groups of saved searches, or a new one.
    user_filter_groups: GET | POST "data/user/filter-groups";
    /// One of the logged-in user's groups of saved searches.
    user_filter_group(group: SearchFilterGroupId): GET | PUT | DELETE
        "data/user/filter-groups/{group}";
    /// The logged-in user's desktop logins, or a new one.
    user_desktop_login_logs: GET | POST "data/user/desktop-login-logs";
    /// The logged-in user's time spent entries between two days (`start_date`, `end_date`).
    user_time_spents: GET "data/user/time-spents";
    /// The logged-in user's time spent entries of one day (`YYYY-MM-DD`).
    user_day_time_spents(date: &str): GET "data/user/time-spents/{date}";
    /// The logged-in user's time spent on a task one day.
    user_task_time_spent(task: TaskId, date: &str): GET
        "data/user/tasks/{task}/time-spents/{date}";
    /// The logged-in user's day off on one day, if any.
    user_day_off(date: &str): GET "data/user/day-offs/{date}";
    /// The logged-in user's notifications.
    user_notifications: GET "data/user/notifications";
    /// One of the logged-in user's notifications (read or unread).
    user_notification(notification: NotificationId): GET | PUT
        "data/user/notifications/{notification}";
    /// Marks all the logged-in user's notifications as read.
    user_mark_all_notifications_read: POST "actions/user/notifications/mark-all-as-read";
    /// Whether the logged-in user follows a task.
    user_task_subscribed(task: TaskId): GET "data/user/tasks/{task}/subscribed";
    /// The logged-in user starts following a task.
    user_task_subscribe(task: TaskId): POST "actions/user/tasks/{task}/subscribe";
    /// The logged-in user stops following a task.
    user_task_unsubscribe(task: TaskId): DELETE "actions/user/tasks/{task}/unsubscribe";
    /// The chats the logged-in user joined.
    user_chats: GET "data/user/chats";
    /// The logged-in user joins (POST) or leaves (DELETE) an entity's chat.
    user_chat_join(entity: EntityId): POST | DELETE "actions/user/chats/{entity}/join";
    /// Removes the logged-in user's avatar.
    user_clear_avatar: DELETE "actions/user/clear-avatar";

    // ---- files ----
    /// A task's working files, every revision.
    task_working_files(task: TaskId): GET "data/tasks/{task}/working-files";
    /// A new working file revision for a task, its path built from the project's file tree.
    task_new_working_file(task: TaskId): POST "data/tasks/{task}/working-files/new";
    /// A task's last working file of each name (`{"main": {…}}`).
    task_last_working_files(task: TaskId): GET "data/tasks/{task}/working-files/last-revisions";
    /// A working file's path for a task, from the project's file tree.
    task_working_file_path(task: TaskId): POST "data/tasks/{task}/working-file-path";
    /// The files attached to a task's comments.
    task_attachment_files(task: TaskId): GET "data/tasks/{task}/attachment-files";
    /// The files attached to the comments of a project's tasks.
    project_attachment_files(project: ProjectId): GET "data/projects/{project}/attachment-files";
    /// A project's output files.
    project_output_files(project: ProjectId): GET "data/projects/{project}/output-files";
    /// An entity's working files (filters `task_id`, `name`).
    entity_working_files(entity: EntityId): GET "data/entities/{entity}/working-files";
    /// An entity's output files (filters `output_type_id`, `task_type_id`, `name`…).
    entity_output_files(entity: EntityId): GET "data/entities/{entity}/output-files";
    /// A new output file revision for an entity.
    entity_new_output_file(entity: EntityId): POST "data/entities/{entity}/output-files/new";
    /// The next output file revision of an entity (`{"next_revision": n}`).
    entity_next_output_revision(entity: EntityId): POST
        "data/entities/{entity}/output-files/next-revision";
    /// An entity's last output file revisions.
    entity_last_output_files(entity: EntityId): GET
        "data/entities/{entity}/output-files/last-revisions";
    /// The output types of an entity's output files.
    entity_output_types(entity: EntityId): GET "data/entities/{entity}/output-types";
    /// An output file's path for an entity, from the project's file tree.
    entity_output_file_path(entity: EntityId): POST "data/entities/{entity}/output-file-path";
    /// An asset instance's output files (filters `temporal_entity_id`, `output_type_id`…).
    asset_instance_output_files(asset_instance: AssetInstanceId): GET
        "data/asset-instances/{asset_instance}/output-files";
    /// The output types of an asset instance's output files in a shot or scene.
    asset_instance_output_types(asset_instance: AssetInstanceId, temporal_entity: EntityId): GET
        "data/asset-instances/{asset_instance}/entities/{temporal_entity}/output-types";
    /// A new output file revision for an asset instance in a shot or scene.
    asset_instance_new_output_file(asset_instance: AssetInstanceId, temporal_entity: EntityId): POST
        "data/asset-instances/{asset_instance}/entities/{temporal_entity}/output-files/new";
    /// The next output file revision of an asset instance in a shot or scene.
    asset_instance_next_output_revision(asset_instance: AssetInstanceId, temporal_entity: EntityId): POST
        "data/asset-instances/{asset_instance}/entities/{temporal_entity}/output-files/next-revision";
    /// An asset instance's last output file revisions in a shot or scene.
    asset_instance_last_output_files(asset_instance: AssetInstanceId, temporal_entity: EntityId): GET
        "data/asset-instances/{asset_instance}/entities/{temporal_entity}/output-files/last-revisions";
    /// An output file's path for an asset instance in a shot or scene.
    asset_instance_output_file_path(asset_instance: AssetInstanceId, temporal_entity: EntityId): POST
        "data/asset-instances/{asset_instance}/entities/{temporal_entity}/output-file-path";
    /// A working file's stored file: download it, or upload it.
    working_file_content(working_file: WorkingFileId): GET | POST
        "data/working-files/{working_file}/file";
    /// Changes a working file's comment.
    working_file_comment(working_file: WorkingFileId): PUT
        "actions/working-files/{working_file}/comment";
    /// Sets a working file's modification date to now.
    working_file_modified(working_file: WorkingFileId): PUT
        "actions/working-files/{working_file}/modified";
    /// An attachment file's content (`name` is the file's name).
    attachment_file_content(attachment: AttachmentFileId, name: &str): GET
        "data/attachment-files/{attachment}/file/{name}";
    /// An attachment file's thumbnail.
    attachment_thumbnail(attachment: AttachmentFileId): GET
        "pictures/thumbnails/attachment-files/{attachment}.png";
    /// A preview's thumbnail.
    preview_thumbnail(preview: PreviewFileId): GET "pictures/thumbnails/preview-files/{preview}.png";
    /// A preview's picture at its display size (1200 pixels wide; a movie's first frame).
    preview_picture(preview: PreviewFileId): GET "pictures/previews/preview-files/{preview}.png";
    /// A preview's square thumbnail.
    preview_square_thumbnail(preview: PreviewFileId): GET
        "pictures/thumbnails-square/preview-files/{preview}.png";
    /// A movie preview's low definition movie.
    preview_lowdef_movie(preview: PreviewFileId): GET "movies/low/preview-files/{preview}.mp4";
    /// One frame of a movie preview, as a picture (`frame_number`).
    preview_extract_frame(preview: PreviewFileId): GET
        "actions/preview-files/{preview}/extract-frame";
    /// A movie preview's tile (its frames side by side), as a picture.
    preview_extract_tile(preview: PreviewFileId): GET "actions/preview-files/{preview}/extract-tile";
    /// Moves a preview among its comment's previews (`position`).
    preview_update_position(preview: PreviewFileId): PUT
        "actions/preview-files/{preview}/update-position";
    /// Adds, changes and removes a preview's annotations.
    preview_update_annotations(preview: PreviewFileId): PUT
        "actions/preview-files/{preview}/update-annotations";
    /// The previews being processed.
    running_preview_files: GET "data/playlists/preview-files/running";
    /// A person's avatar.
    person_avatar(person: PersonId): GET "pictures/thumbnails/persons/{person}.png";
    /// The organisation's logo.
    organisation_avatar(organisation: OrganisationId): GET
        "pictures/thumbnails/organisations/{organisation}.png";
    /// Uploads the organisation's logo.
    organisation_avatar_upload(organisation: OrganisationId): POST
        "pictures/thumbnails/organisations/{organisation}";

    // ---- playlist, project_template, sync ----
    /// A project's playlists, a page at a time (`page`, `task_type_id`), newest change first.
    project_playlists(project: ProjectId): GET "data/projects/{project}/playlists";
    /// An episode's playlists, a page at a time (`page`, `task_type_id`, `for_entity`).
    episode_playlists(project: ProjectId, episode: EpisodeId): GET
        "data/projects/{project}/episodes/{episode}/playlists";
    /// An entity's preview files, by task type (newest revision first), for playlists.
    playlist_entity_preview_files(entity: EntityId): GET
        "data/playlists/entities/{entity}/preview-files";
    /// Adds an entity to a playlist (with `preview_file_id`, or its latest preview).
    playlist_add_entity(playlist: PlaylistId): POST "actions/playlists/{playlist}/add-entity";
    /// One build job of a playlist (a movie built from it), or its removal.
    playlist_build_job(playlist: PlaylistId, job: BuildJobId): GET | DELETE
        "data/playlists/{playlist}/jobs/{job}";
    /// A project's build jobs.
    project_build_jobs(project: ProjectId): GET "data/projects/{project}/build-jobs";
    /// Starts building a playlist's movie (`full`); answers the build job.
    playlist_build_movie(playlist: PlaylistId): GET "data/playlists/{playlist}/build/mp4";
    /// The movie a build job made.
    playlist_build_download(playlist: PlaylistId, job: BuildJobId): GET
        "data/playlists/{playlist}/jobs/{job}/build/mp4";
    /// A playlist's previews in a zip file.
    playlist_zip(playlist: PlaylistId): GET "data/playlists/{playlist}/download/zip";
    /// A temporary playlist of tasks or entities (`task_ids`, `entity_ids`; `sort`).
    project_temp_playlist(project: ProjectId): POST "data/projects/{project}/playlists/temp";
    /// Tells a playlist's clients it is ready (`studio_id`).
    playlist_notify_clients(playlist: PlaylistId): POST
        "data/playlists/{playlist}/notify-clients";
    /// A playlist's active share links, or a new one.
    playlist_share_links(playlist: PlaylistId): GET | POST "data/playlists/{playlist}/share";
    /// Revokes a share link of a playlist, by its token.
    playlist_share_link(playlist: PlaylistId, token: &str): DELETE
        "data/playlists/{playlist}/share/{token}";
    /// A new project template made from a project's settings.
    project_template_from_project(project: ProjectId): POST
        "data/project-templates/from-project/{project}";
    /// Applies a project template to a project (additive).
    project_apply_template(project: ProjectId, template: ProjectTemplateId): POST
        "data/projects/{project}/apply-template/{template}";
    /// A project template's task types, or one more.
    project_template_task_types(template: ProjectTemplateId): GET | POST
        "data/project-templates/{template}/task-types";
    /// Removes a task type from a project template.
    project_template_task_type(template: ProjectTemplateId, task_type: TaskTypeId): DELETE
        "data/project-templates/{template}/task-types/{task_type}";
    /// A project template's task statuses, or one more.
    project_template_task_statuses(template: ProjectTemplateId): GET | POST
        "data/project-templates/{template}/task-statuses";
    /// Removes a task status from a project template.
    project_template_task_status(template: ProjectTemplateId, task_status: TaskStatusId): DELETE
        "data/project-templates/{template}/task-statuses/{task_status}";
    /// A project template's asset types, or one more.
    project_template_asset_types(template: ProjectTemplateId): GET | POST
        "data/project-templates/{template}/asset-types";
    /// Removes an asset type from a project template.
    project_template_asset_type(template: ProjectTemplateId, asset_type: AssetTypeId): DELETE
        "data/project-templates/{template}/asset-types/{asset_type}";
    /// A project template's status automations, or one more.
    project_template_status_automations(template: ProjectTemplateId): GET | POST
        "data/project-templates/{template}/status-automations";
    /// Removes a status automation from a project template.
    project_template_status_automation(template: ProjectTemplateId, automation: StatusAutomationId): DELETE
        "data/project-templates/{template}/status-automations/{automation}";
    /// A project template's preview background files, or one more.
    project_template_backgrounds(template: ProjectTemplateId): GET | POST
        "data/project-templates/{template}/preview-background-files";
    /// Removes a preview background file from a project template.
    project_template_background(template: ProjectTemplateId, file: PreviewBackgroundFileId): DELETE
        "data/project-templates/{template}/preview-background-files/{file}";
    /// Sets (or clears) a project template's default preview background file.
    project_template_default_background(template: ProjectTemplateId): PUT
        "data/project-templates/{template}/default-preview-background-file";
    /// Replaces a project template's metadata descriptors.
    project_template_metadata_descriptors(template: ProjectTemplateId): PUT
        "data/project-templates/{template}/metadata-descriptors";
    /// Imports entities from another Kitsu, keeping their ids and dates (`silent`).
    import_kitsu_entities: POST "import/kitsu/entities";
    /// Imports tasks from another Kitsu, keeping their ids and dates (`silent`).
    import_kitsu_tasks: POST "import/kitsu/tasks";
    /// Imports entity links (casting) from another Kitsu, keeping their ids (`silent`).
    import_kitsu_entity_links: POST "import/kitsu/entity-links";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id<I: Id>() -> I {
        I::from_uuid(Uuid::from_u128(0x7b3e5b8c_2f5a_4d3e_9c1a_0e6f2b9d4a11))
    }

    #[test]
    fn constructors_fill_their_templates() {
        let project: ProjectId = id();
        let text = project.to_string();
        assert_eq!(
            project_shots(project),
            format!("data/projects/{text}/shots")
        );
        assert_eq!(
            preview_original_picture(id(), "png"),
            format!("pictures/originals/preview-files/{text}.png")
        );
        assert_eq!(collection("task-types"), "data/task-types");
        assert_eq!(root(), "");
    }

    #[test]
    fn concrete_paths_find_their_declaration() {
        let project: ProjectId = id();
        for (method, path, name) in [
            (Method::GET, project_shots(project), "project_shots"),
            (Method::POST, project_shots(project), "project_shots"),
            (Method::GET, open_projects(), "open_projects"),
            (
                Method::GET,
                preview_original_picture(id(), "jpg"),
                "preview_original_picture",
            ),
            (
                Method::GET,
                preview_original_movie(id()),
                "preview_original_movie",
            ),
            (Method::GET, project_thumbnail(project), "project_thumbnail"),
            (
                Method::POST,
                project_thumbnail_upload(project),
                "project_thumbnail_upload",
            ),
            (Method::GET, "data/task-types?name=x".into(), "collection"),
            (Method::GET, root(), "root"),
        ] {
            let found = find(&method, &path).map(|route| route.name);
            assert_eq!(found, Some(name), "{method} {path}");
        }
        for (method, path) in [
            (Method::DELETE, project_shots(project)),
            (Method::GET, "data/projects/x/y/z/w".into()),
            (Method::GET, "movies/originals/preview-files/.mp4".into()),
            (Method::GET, "elsewhere".into()),
        ] {
            assert_eq!(find(&method, &path), None, "{method} {path}");
        }
    }

    #[test]
    fn names_and_templates_are_unique() {
        let mut names: Vec<_> = ROUTES.iter().map(|route| route.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ROUTES.len());
        let mut templates: Vec<_> = ROUTES.iter().map(Route::anonymous).collect();
        templates.sort_unstable();
        templates.dedup();
        assert_eq!(templates.len(), ROUTES.len());
    }

    #[test]
    fn parameters_are_anonymous() {
        assert_eq!(
            normalise("/data/projects/{project_id}/shots"),
            "data/projects/{}/shots"
        );
        assert_eq!(
            normalise("/pictures/originals/preview-files/<instance_id>.<extension>"),
            "pictures/originals/preview-files/{}.{}"
        );
        assert_eq!(normalise("/data/projects/"), "data/projects");
    }
}
