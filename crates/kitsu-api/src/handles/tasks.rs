//! Task lists and lookups (`kitsu.tasks().for_asset(id)`), task types and statuses
//! (`kitsu.task_type(id)`, `kitsu.task_statuses().default_status()`), task creation
//! ([`NewTask`]), and the project-wide lists of comments, notifications, previews and
//! subscriptions.

use std::future::IntoFuture;

use futures_util::future::BoxFuture;
use kitsu_core::ids::{
    AssetId, CommentId, ConceptId, EditId, EntityId, EpisodeId, PersonId, ProjectId, SceneId,
    SequenceId, TaskId, TaskStatusId, TaskTypeId, TimeSpentId,
};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::models::{
    Comment, Notification, PreviewFile, Subscription, Task, TaskStatus, TaskType, TimeSpent,
};
use crate::{ApiError, Client, Collection, Query};

impl Client {
    /// One task type: read, change, delete.
    pub fn task_type(&self, id: TaskTypeId) -> TaskTypeHandle {
        TaskTypeHandle {
            client: self.clone(),
            id,
        }
    }

    /// One task status: read, change, delete.
    pub fn task_status(&self, id: TaskStatusId) -> TaskStatusHandle {
        TaskStatusHandle {
            client: self.clone(),
            id,
        }
    }

    /// One comment: read, change, delete (the actions on a comment that need its task are on
    /// [`TaskHandle::on_comment`](super::TaskHandle::on_comment)).
    pub fn comment(&self, id: CommentId) -> CommentHandle {
        CommentHandle {
            client: self.clone(),
            id,
        }
    }
}

/// Task ids as Zou takes them in bodies.
fn task_ids(tasks: impl IntoIterator<Item = TaskId>) -> Vec<TaskId> {
    tasks.into_iter().collect()
}

impl Collection<Task> {
    /// An asset's tasks.
    #[doc(alias = "all_tasks_for_asset")]
    pub async fn for_asset(&self, asset: AssetId) -> Result<Vec<Task>, ApiError> {
        self.client().fetch_all(routes::asset_tasks(asset)).await
    }

    /// A sequence's own tasks (not its shots').
    #[doc(alias = "all_tasks_for_sequence")]
    pub async fn for_sequence(&self, sequence: SequenceId) -> Result<Vec<Task>, ApiError> {
        self.client()
            .fetch_all(routes::sequence_tasks(sequence))
            .await
    }

    /// The tasks of a sequence's shots.
    #[doc(alias = "all_shot_tasks_for_sequence")]
    pub async fn for_shots_of_sequence(&self, sequence: SequenceId) -> Result<Vec<Task>, ApiError> {
        self.client()
            .fetch_all(routes::sequence_shot_tasks(sequence))
            .await
    }

    /// An episode's own tasks.
    #[doc(alias = "all_tasks_for_episode")]
    pub async fn for_episode(&self, episode: EpisodeId) -> Result<Vec<Task>, ApiError> {
        self.client()
            .fetch_all(routes::episode_tasks(episode))
            .await
    }

    /// The tasks of an episode's shots.
    #[doc(alias = "all_shot_tasks_for_episode")]
    pub async fn for_shots_of_episode(&self, episode: EpisodeId) -> Result<Vec<Task>, ApiError> {
        self.client()
            .fetch_all(routes::episode_shot_tasks(episode))
            .await
    }

    /// The tasks of an episode's assets.
    #[doc(alias = "all_assets_tasks_for_episode")]
    pub async fn for_assets_of_episode(&self, episode: EpisodeId) -> Result<Vec<Task>, ApiError> {
        self.client()
            .fetch_all(routes::episode_asset_tasks(episode))
            .await
    }

    /// A scene's tasks.
    #[doc(alias = "all_tasks_for_scene")]
    pub async fn for_scene(&self, scene: SceneId) -> Result<Vec<Task>, ApiError> {
        self.client().fetch_all(routes::scene_tasks(scene)).await
    }

    /// An edit's tasks.
    #[doc(alias = "all_tasks_for_edit")]
    pub async fn for_edit(&self, edit: EditId) -> Result<Vec<Task>, ApiError> {
        self.client().fetch_all(routes::edit_tasks(edit)).await
    }

    /// A concept's tasks.
    #[doc(alias = "all_tasks_for_concept")]
    pub async fn for_concept(&self, concept: ConceptId) -> Result<Vec<Task>, ApiError> {
        self.client()
            .fetch_all(routes::concept_tasks(concept))
            .await
    }

    /// An entity's tasks of one type.
    #[doc(alias = "all_tasks_for_entity_and_task_type")]
    pub async fn for_entity_and_type(
        &self,
        entity: impl Into<EntityId>,
        task_type: TaskTypeId,
    ) -> Result<Vec<Task>, ApiError> {
        self.client()
            .fetch_all(routes::entity_task_type_tasks(entity.into(), task_type))
            .await
    }

    /// The task of this type and name (`main` by default in Kitsu) on an entity, if any.
    #[doc(alias = "get_task_by_entity")]
    pub async fn by_entity(
        &self,
        entity: impl Into<EntityId>,
        task_type: TaskTypeId,
        name: &str,
    ) -> Result<Option<Task>, ApiError> {
        self.first(
            &Query::new()
                .param("name", name)
                .param("task_type_id", task_type)
                .param("entity_id", entity.into()),
        )
        .await
    }

    /// A project's tasks of one type at one status.
    #[doc(alias = "all_tasks_for_task_status")]
    pub async fn with_status(
        &self,
        project: ProjectId,
        task_type: TaskTypeId,
        task_status: TaskStatusId,
    ) -> Result<Vec<Task>, ApiError> {
        self.list_with(
            &Query::new()
                .param("project_id", project)
                .param("task_type_id", task_type)
                .param("task_status_id", task_status),
        )
        .await
    }

    /// A project's tasks of one type, in one episode when given.
    #[doc(alias = "all_tasks_for_task_type")]
    pub async fn of_type(
        &self,
        project: ProjectId,
        task_type: TaskTypeId,
        episode: Option<EpisodeId>,
    ) -> Result<Vec<Task>, ApiError> {
        let mut query = Query::new()
            .param("project_id", project)
            .param("task_type_id", task_type);
        if let Some(episode) = episode {
            query = query.param("episode_id", episode);
        }
        self.list_with(&query).await
    }

    /// A project's tasks, of one type and in one episode when given.
    #[doc(alias = "all_tasks_for_project")]
    pub async fn for_project(
        &self,
        project: ProjectId,
        task_type: Option<TaskTypeId>,
        episode: Option<EpisodeId>,
    ) -> Result<Vec<Task>, ApiError> {
        let mut query = Query::new();
        if let Some(task_type) = task_type {
            query = query.param("task_type_id", task_type);
        }
        if let Some(episode) = episode {
            query = query.param("episode_id", episode);
        }
        self.client()
            .get_with(routes::project_tasks(project), &query)
            .await
    }

    /// A person's tasks that are not done, in open projects.
    #[doc(alias = "all_tasks_for_person")]
    pub async fn for_person(&self, person: PersonId) -> Result<Vec<Task>, ApiError> {
        self.client().fetch_all(routes::person_tasks(person)).await
    }

    /// A person's done tasks, in open projects.
    #[doc(alias = "all_done_tasks_for_person")]
    pub async fn done_for_person(&self, person: PersonId) -> Result<Vec<Task>, ApiError> {
        self.client()
            .fetch_all(routes::person_done_tasks(person))
            .await
    }

    /// The tasks of a type on the entities a person has tasks on.
    #[doc(alias = "all_tasks_for_person_and_type")]
    pub async fn related_to_person(
        &self,
        person: PersonId,
        task_type: TaskTypeId,
    ) -> Result<Vec<Task>, ApiError> {
        self.client()
            .fetch_all(routes::person_related_tasks(person, task_type))
            .await
    }

    /// The open tasks of open projects (not done), with Zou's counts: `{"data": […], "stats":
    /// …}`.
    #[doc(alias = "all_open_tasks")]
    pub async fn open(&self) -> Result<Value, ApiError> {
        self.client().get(routes::open_tasks()).await
    }

    /// Counts of the open tasks, by project, task type and status.
    #[doc(alias = "get_open_tasks_stats")]
    pub async fn open_stats(&self) -> Result<Value, ApiError> {
        self.client().get(routes::open_tasks_stats()).await
    }

    /// For each person, the first start and last due dates of their tasks.
    #[doc(alias = "get_persons_tasks_dates")]
    pub async fn dates_by_person(&self) -> Result<Value, ApiError> {
        self.client().get(routes::persons_task_dates()).await
    }

    /// Creates tasks of these types on an entity (a shot, an asset, an edit, a concept…);
    /// answers the tasks created.
    #[doc(alias = "create_entity_tasks")]
    pub async fn create_for(
        &self,
        entity: impl Into<EntityId>,
        task_types: impl IntoIterator<Item = TaskTypeId>,
    ) -> Result<Vec<Task>, ApiError> {
        let task_type_ids: Vec<TaskTypeId> = task_types.into_iter().collect();
        self.client()
            .post(
                routes::entity_tasks(entity.into()),
                &json!({ "task_type_ids": task_type_ids }),
            )
            .await
    }

    /// A task of a type on an entity of a project: set its name, status, assignees, then
    /// `.await` it (creates) or `.get_or_create()` (gazu's `new_task`).
    #[doc(alias = "task.new_task")]
    pub fn new_task(
        &self,
        project: ProjectId,
        entity: impl Into<EntityId>,
        task_type: TaskTypeId,
    ) -> NewTask {
        NewTask {
            client: self.client().clone(),
            project,
            entity: entity.into(),
            task_type,
            name: "main".to_owned(),
            status: None,
            assigner: None,
            assignees: Vec::new(),
        }
    }

    /// Clears the assignations of these tasks: everyone's, or one person's. Answers the ids
    /// of the tasks changed.
    #[doc(alias = "task.clear_assignations")]
    pub async fn clear_assignations(
        &self,
        tasks: impl IntoIterator<Item = TaskId>,
        person: Option<PersonId>,
    ) -> Result<Vec<TaskId>, ApiError> {
        let tasks = task_ids(tasks);
        if tasks.is_empty() {
            return Ok(Vec::new());
        }
        let mut body = json!({ "task_ids": tasks });
        if let (Some(person), Some(fields)) = (person, body.as_object_mut()) {
            fields.insert("person_id".into(), json!(person));
        }
        self.client().put(routes::clear_assignation(), &body).await
    }

    /// Assigns these tasks to a person; answers the tasks changed.
    #[doc(alias = "assign_tasks_to_person")]
    pub async fn assign_to(
        &self,
        tasks: impl IntoIterator<Item = TaskId>,
        person: PersonId,
    ) -> Result<Vec<Task>, ApiError> {
        self.client()
            .put(
                routes::person_assign(person),
                &json!({ "task_ids": task_ids(tasks) }),
            )
            .await
    }

    /// Deletes every task of a type in a project.
    #[doc(alias = "remove_tasks_for_type")]
    pub async fn delete_of_type(
        &self,
        project: ProjectId,
        task_type: TaskTypeId,
    ) -> Result<(), ApiError> {
        self.client()
            .delete(routes::project_task_type_delete_tasks(project, task_type))
            .await
    }

    /// Deletes several tasks of a project; answers Zou's report.
    #[doc(alias = "remove_tasks_batch")]
    pub async fn delete_many(
        &self,
        project: ProjectId,
        tasks: impl IntoIterator<Item = TaskId>,
    ) -> Result<Value, ApiError> {
        self.client()
            .post(routes::project_delete_tasks(project), &task_ids(tasks))
            .await
    }

    /// Posts the same comment on several tasks at once: `fields` holds at least `text`,
    /// `task_status_id` and `person_id`; each task gets its copy.
    #[doc(alias = "add_tasks_batch_comments")]
    pub async fn comment_all(
        &self,
        tasks: impl IntoIterator<Item = TaskId>,
        fields: &Map<String, Value>,
    ) -> Result<Vec<Comment>, ApiError> {
        let comments: Vec<Value> = tasks
            .into_iter()
            .map(|task| {
                let mut comment = fields.clone();
                comment.insert("task_id".into(), json!(task));
                Value::Object(comment)
            })
            .collect();
        self.client()
            .post(
                routes::tasks_batch_comment(),
                &json!({ "comments": comments }),
            )
            .await
    }
}

/// A new task: `kitsu.tasks().new_task(project, shot, animation).assignees([me]).await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct NewTask {
    client: Client,
    project: ProjectId,
    entity: EntityId,
    task_type: TaskTypeId,
    name: String,
    status: Option<TaskStatusId>,
    assigner: Option<PersonId>,
    assignees: Vec<PersonId>,
}

impl NewTask {
    /// Its name (`main` by default).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Its status (by default, the studio's default status).
    pub fn status(mut self, status: TaskStatusId) -> Self {
        self.status = Some(status);
        self
    }

    /// Who assigns it.
    pub fn assigner(mut self, person: PersonId) -> Self {
        self.assigner = Some(person);
        self
    }

    /// The people assigned.
    pub fn assignees(mut self, persons: impl IntoIterator<Item = PersonId>) -> Self {
        self.assignees = persons.into_iter().collect();
        self
    }

    /// The task of that entity, type and name if it exists (its status and assignees left as
    /// they are), else a new one: gazu's `new_task`.
    pub async fn get_or_create(self) -> Result<Task, ApiError> {
        let status = self.resolved_status().await?;
        let tasks: Collection<Task> = self.client.collection();
        match tasks
            .by_entity(self.entity, self.task_type, &self.name)
            .await?
        {
            Some(found) => Ok(found),
            None => self.post(status).await,
        }
    }

    async fn resolved_status(&self) -> Result<TaskStatusId, ApiError> {
        match self.status {
            Some(status) => Ok(status),
            None => self
                .client
                .collection::<TaskStatus>()
                .default_status()
                .await?
                .map(|status| status.id)
                .ok_or(ApiError::InvalidInput {
                    what: "task status",
                    value: String::new(),
                    reason: "no status is given and the studio has no default status",
                }),
        }
    }

    async fn post(self, status: TaskStatusId) -> Result<Task, ApiError> {
        let mut fields = json!({
            "project_id": self.project,
            "entity_id": self.entity,
            "task_type_id": self.task_type,
            "task_status_id": status,
            "assignees": self.assignees,
            "name": self.name,
        });
        if let (Some(assigner), Some(map)) = (self.assigner, fields.as_object_mut()) {
            map.insert("assigner_id".into(), json!(assigner));
        }
        self.client.collection::<Task>().create(&fields).await
    }
}

impl IntoFuture for NewTask {
    type Output = Result<Task, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let status = self.resolved_status().await?;
            self.post(status).await
        })
    }
}

impl super::ProjectHandle {
    /// Creates tasks of a type for its assets (every asset, or [`CreateAssetTasks::only`]
    /// some); assets that already have one are skipped. Answers the tasks created.
    pub fn create_asset_tasks(&self, task_type: TaskTypeId) -> CreateAssetTasks {
        CreateAssetTasks {
            client: self.client().clone(),
            project: self.id(),
            task_type,
            assets: None,
        }
    }
}

/// Task creation for a project's assets: `project.create_asset_tasks(modeling).only(&ids).await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct CreateAssetTasks {
    client: Client,
    project: ProjectId,
    task_type: TaskTypeId,
    assets: Option<Vec<AssetId>>,
}

impl CreateAssetTasks {
    /// Only for these assets (by default, every asset of the project).
    pub fn only(mut self, assets: impl IntoIterator<Item = AssetId>) -> Self {
        self.assets = Some(assets.into_iter().collect());
        self
    }
}

impl IntoFuture for CreateAssetTasks {
    type Output = Result<Vec<Task>, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let route = routes::create_asset_tasks(self.project, self.task_type);
            match &self.assets {
                Some(assets) => self.client.post(route, assets).await,
                // Zou reads "every asset" from an absent body, not from an empty list.
                None => self.client.post_empty(route).await,
            }
        })
    }
}

impl Collection<TaskType> {
    /// The task type with this short name (`anim`), if any.
    #[doc(alias = "get_task_type_by_short_name")]
    pub async fn by_short_name(&self, short_name: &str) -> Result<Option<TaskType>, ApiError> {
        self.first(&Query::new().param("short_name", short_name))
            .await
    }

    /// The task types a project uses, by priority.
    #[doc(alias = "all_task_types_for_project")]
    pub async fn for_project(&self, project: ProjectId) -> Result<Vec<TaskType>, ApiError> {
        self.client()
            .fetch_all(routes::project_task_types_in_use(project))
            .await
    }

    /// The task types of an asset's tasks.
    #[doc(alias = "all_task_types_for_asset")]
    pub async fn for_asset(&self, asset: AssetId) -> Result<Vec<TaskType>, ApiError> {
        self.client()
            .fetch_all(routes::asset_task_types(asset))
            .await
    }

    /// The task types of a shot's tasks.
    #[doc(alias = "all_task_types_for_shot")]
    pub async fn for_shot(&self, shot: kitsu_core::ids::ShotId) -> Result<Vec<TaskType>, ApiError> {
        self.client().fetch_all(routes::shot_task_types(shot)).await
    }

    /// The task types of a scene's tasks.
    #[doc(alias = "all_task_types_for_scene")]
    pub async fn for_scene(&self, scene: SceneId) -> Result<Vec<TaskType>, ApiError> {
        self.client()
            .fetch_all(routes::scene_task_types(scene))
            .await
    }

    /// The task types of a sequence's own tasks.
    #[doc(alias = "all_task_types_for_sequence")]
    pub async fn for_sequence(&self, sequence: SequenceId) -> Result<Vec<TaskType>, ApiError> {
        self.client()
            .fetch_all(routes::sequence_task_types(sequence))
            .await
    }

    /// The task types of an episode's own tasks.
    #[doc(alias = "all_task_types_for_episode")]
    pub async fn for_episode(&self, episode: EpisodeId) -> Result<Vec<TaskType>, ApiError> {
        self.client()
            .fetch_all(routes::episode_task_types(episode))
            .await
    }

    /// The task types of a concept's tasks.
    #[doc(alias = "all_task_types_for_concept")]
    pub async fn for_concept(&self, concept: ConceptId) -> Result<Vec<TaskType>, ApiError> {
        self.client()
            .fetch_all(routes::concept_task_types(concept))
            .await
    }

    /// The task type of this name for this kind of entity (`Shot`, `Asset`…), created (with
    /// this colour) if missing: gazu's `new_task_type`.
    #[doc(alias = "new_task_type")]
    pub async fn ensure(
        &self,
        name: &str,
        for_entity: &str,
        color: &str,
    ) -> Result<TaskType, ApiError> {
        let found = self
            .first(
                &Query::new()
                    .param("name", name)
                    .param("for_entity", for_entity),
            )
            .await?;
        match found {
            Some(found) => Ok(found),
            None => {
                self.create(&json!({ "name": name, "color": color, "for_entity": for_entity }))
                    .await
            }
        }
    }
}

impl Collection<TaskStatus> {
    /// The task status with this name, if any.
    #[doc(alias = "get_task_status_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<TaskStatus>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }

    /// The status new tasks get, if the studio has one.
    #[doc(alias = "get_default_task_status")]
    pub async fn default_status(&self) -> Result<Option<TaskStatus>, ApiError> {
        self.first(&Query::new().param("is_default", true)).await
    }

    /// The task statuses of a project's settings.
    #[doc(alias = "all_task_statuses_for_project")]
    pub async fn for_project(&self, project: ProjectId) -> Result<Vec<TaskStatus>, ApiError> {
        self.client()
            .fetch_all(routes::project_task_statuses_setting(project))
            .await
    }

    /// Creates a task status; the colour is `#rrggbb`.
    #[doc(alias = "new_task_status")]
    pub async fn create_named(
        &self,
        name: &str,
        short_name: &str,
        color: &str,
    ) -> Result<TaskStatus, ApiError> {
        check_color(color)?;
        self.create(&json!({ "name": name, "short_name": short_name, "color": color }))
            .await
    }
}

/// A colour as Zou shows it: `#` and hexadecimal digits.
fn check_color(color: &str) -> Result<(), ApiError> {
    let valid = color
        .strip_prefix('#')
        .is_some_and(|hex| !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()));
    if valid {
        Ok(())
    } else {
        Err(ApiError::InvalidInput {
            what: "colour",
            value: color.to_owned(),
            reason: "a colour is `#` and hexadecimal digits, like #00ff00",
        })
    }
}

/// One task type (`kitsu.task_type(id)`).
#[derive(Clone, Debug)]
pub struct TaskTypeHandle {
    client: Client,
    id: TaskTypeId,
}

impl TaskTypeHandle {
    /// Its id.
    pub fn id(&self) -> TaskTypeId {
        self.id
    }

    /// The task type.
    #[doc(alias = "get_task_type")]
    pub async fn get(&self) -> Result<TaskType, ApiError> {
        self.client.collection::<TaskType>().get(self.id).await
    }

    /// Changes its fields (`name`, `color`, `priority`…).
    #[doc(alias = "update_task_type")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<TaskType, ApiError> {
        self.client
            .collection::<TaskType>()
            .update(self.id, changes)
            .await
    }

    /// Deletes it; Zou refuses while tasks use it (see [`TaskTypeHandle::delete_forever`]).
    /// Detach it from projects first (`project.settings().remove_task_type`).
    #[doc(alias = "task.remove_task_type")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client.collection::<TaskType>().delete(self.id).await
    }

    /// Deletes it with its tasks (gazu's `remove_task_type(task_type, force=True)`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.client
            .collection::<TaskType>()
            .delete_forever(self.id)
            .await
    }
}

/// One task status (`kitsu.task_status(id)`).
#[derive(Clone, Debug)]
pub struct TaskStatusHandle {
    client: Client,
    id: TaskStatusId,
}

impl TaskStatusHandle {
    /// Its id.
    pub fn id(&self) -> TaskStatusId {
        self.id
    }

    /// The task status.
    #[doc(alias = "get_task_status")]
    pub async fn get(&self) -> Result<TaskStatus, ApiError> {
        self.client.collection::<TaskStatus>().get(self.id).await
    }

    /// Changes its fields (`name`, `color`, `is_done`…).
    #[doc(alias = "update_task_status")]
    pub async fn update(
        &self,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<TaskStatus, ApiError> {
        self.client
            .collection::<TaskStatus>()
            .update(self.id, changes)
            .await
    }

    /// Deletes it for good (`?force=true`, as gazu does).
    #[doc(alias = "task.remove_task_status")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client
            .collection::<TaskStatus>()
            .delete_forever(self.id)
            .await
    }
}

/// One comment (`kitsu.comment(id)`).
#[derive(Clone, Debug)]
pub struct CommentHandle {
    client: Client,
    id: CommentId,
}

impl CommentHandle {
    /// Its id.
    pub fn id(&self) -> CommentId {
        self.id
    }

    /// The comment, with its author, previews, mentions and attachment files.
    #[doc(alias = "get_comment")]
    pub async fn get(&self) -> Result<Comment, ApiError> {
        self.client.collection::<Comment>().get(self.id).await
    }

    /// Changes its fields (`text`, `checklist`, `pinned`…).
    #[doc(alias = "task.update_comment")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Comment, ApiError> {
        self.client
            .collection::<Comment>()
            .update(self.id, changes)
            .await
    }

    /// Deletes it with its previews, news and notifications.
    #[doc(alias = "remove_comment")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client.collection::<Comment>().delete(self.id).await
    }
}

impl Collection<Comment> {
    /// A project's comments.
    #[doc(alias = "all_comments_for_project")]
    pub async fn for_project(&self, project: ProjectId) -> Result<Vec<Comment>, ApiError> {
        self.client()
            .fetch_all(routes::project_comments(project))
            .await
    }

    /// Posts several comments in one request, on one task or (each naming its `task_id`) on
    /// several. Each comment holds `task_status_id`, `text`, and optionally `person_id`,
    /// `checklist`, `links`, `created_at`… Answers the comments created.
    #[doc(alias = "batch_comments")]
    pub async fn batch(
        &self,
        task: Option<TaskId>,
        comments: &[Value],
    ) -> Result<Vec<Comment>, ApiError> {
        let route = match task {
            Some(task) => routes::task_batch_comment(task),
            None => routes::tasks_batch_comment(),
        };
        self.client()
            .upload_as(route, comments_form(comments)?)
            .await
    }

    /// Posts several comments on tasks of a project in one request (each naming its
    /// `task_id`, with `task_status_id`, `text`…); each sets its task's status. Answers the
    /// comments created.
    #[doc(alias = "create_multiple_comments")]
    pub async fn create_many(
        &self,
        project: ProjectId,
        comments: &[Value],
    ) -> Result<Vec<Comment>, ApiError> {
        self.client()
            .post(routes::project_comment_many(project), comments)
            .await
    }
}

/// The multipart form of a batch of comments: their JSON in a `comments` field.
fn comments_form(comments: &[Value]) -> Result<crate::Upload, ApiError> {
    let json = serde_json::to_string(comments).map_err(|error| ApiError::InvalidInput {
        what: "comments",
        value: error.to_string(),
        reason: "the comments cannot be written as JSON",
    })?;
    Ok(crate::Upload::default().field("comments", json))
}

impl Collection<Notification> {
    /// A project's notifications.
    #[doc(alias = "all_notifications_for_project")]
    pub async fn for_project(&self, project: ProjectId) -> Result<Vec<Notification>, ApiError> {
        self.client()
            .fetch_all(routes::project_notifications(project))
            .await
    }
}

impl Collection<PreviewFile> {
    /// A project's preview files.
    #[doc(alias = "all_preview_files_for_project")]
    pub async fn for_project(&self, project: ProjectId) -> Result<Vec<PreviewFile>, ApiError> {
        self.client()
            .fetch_all(routes::project_preview_files(project))
            .await
    }
}

impl Collection<Subscription> {
    /// A project's task subscriptions.
    #[doc(alias = "all_subscriptions_for_project")]
    pub async fn for_project(&self, project: ProjectId) -> Result<Vec<Subscription>, ApiError> {
        self.client()
            .fetch_all(routes::project_subscriptions(project))
            .await
    }
}

impl Collection<TimeSpent> {
    /// Deletes a time spent entry.
    #[doc(alias = "remove_time_spent")]
    pub async fn remove(&self, id: TimeSpentId) -> Result<(), ApiError> {
        self.delete(id).await
    }
}

#[cfg(test)]
mod tests {
    use super::check_color;

    #[test]
    fn colours_are_hash_and_hex() {
        assert!(check_color("#00ff00").is_ok());
        assert!(check_color("#ABC").is_ok());
        assert!(check_color("00ff00").is_err());
        assert!(check_color("#").is_err());
        assert!(check_color("#00fg00").is_err());
    }
}
