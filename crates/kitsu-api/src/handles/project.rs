//! [`ProjectHandle`]: one project and the routes under it; the project collection's get-or-create
//! ([`NewProject`]), project statuses.

use std::path::Path;

use kitsu_core::ids::{
    AssetTypeId, BudgetId, MetadataDescriptorId, PersonId, ProjectId, ProjectTemplateId, ShotId,
    StudioId, TaskTypeId,
};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::entity_common::web_root;
use super::{
    BudgetHandle, MetadataDescriptorHandle, NewAsset, NewBudget, NewMetadataDescriptor, NewRow,
    ProjectSettings,
};
use crate::models::{
    Asset, Budget, MetadataDescriptor, Milestone, Person, Project, ProjectRole, ProjectStatus,
    Quotas, Sequence, Shot, Task, TeamMember,
};
use crate::{ApiError, Client, Collection, Query, Upload};

/// One project (`client.project(id)`): its sequences, shots and assets and what creates them;
/// its [`settings`](Self::settings), team, metadata descriptors, milestones, quotas and
/// [`budgets`](Self::budget); closing, deleting, merging into its `data`.
///
/// ```no_run
/// # async fn demo(client: kitsu_api::Client, id: kitsu_api::ids::ProjectId) -> Result<(), kitsu_api::ApiError> {
/// let project = client.project(id);
/// let sequence = project.new_sequence("SQ01").await?;
/// let shot = project.new_shot(sequence.id, "SH010").nb_frames(48).await?;
/// println!("{} has {} shots", project.get().await?.name, project.shots().await?.len());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct ProjectHandle {
    client: Client,
    id: ProjectId,
}

impl ProjectHandle {
    pub(crate) fn new(client: Client, id: ProjectId) -> Self {
        ProjectHandle { client, id }
    }

    /// Its id.
    pub fn id(&self) -> ProjectId {
        self.id
    }

    /// The client it calls through (for the handles' other files).
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    fn rows(&self) -> Collection<Project> {
        self.client.collection()
    }

    /// The project.
    #[doc(alias = "get_project")]
    pub async fn get(&self) -> Result<Project, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`name`, `fps`, `project_status_id`…).
    #[doc(alias = "update_project")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Project, ApiError> {
        self.rows().update(self.id, changes).await
    }

    /// Deletes it (`DELETE data/projects/{id}`): Zou deletes only closed projects ([`close`]
    /// it first) and, without [`delete_forever`](Self::delete_forever), only empty ones.
    ///
    /// [`close`]: Self::close
    #[doc(alias = "remove_project")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Deletes it for good, with everything in it: closes it first (Zou deletes only closed
    /// projects), as gazu's `remove_project(project, force=True)` on a closed project.
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        let closed = self
            .client
            .collection::<ProjectStatus>()
            .first(&Query::new().param("name", "Closed"))
            .await?;
        if let Some(closed) = closed {
            self.update(&json!({ "project_status_id": closed.id }))
                .await?;
        }
        self.rows().delete_forever(self.id).await
    }

    /// Its sequences.
    #[doc(alias = "all_sequences_for_project")]
    pub async fn sequences(&self) -> Result<Vec<Sequence>, ApiError> {
        self.client
            .fetch_all(routes::project_sequences(self.id))
            .await
    }

    /// Its shots.
    #[doc(alias = "all_shots_for_project")]
    pub async fn shots(&self) -> Result<Vec<Shot>, ApiError> {
        self.client.fetch_all(routes::project_shots(self.id)).await
    }

    /// Its assets.
    #[doc(alias = "all_assets_for_project")]
    pub async fn assets(&self) -> Result<Vec<Asset>, ApiError> {
        self.client.fetch_all(routes::project_assets(self.id)).await
    }

    /// A new asset of a type in it, with `description`, `data`, `episode`, `shared` on the
    /// builder: `.await` creates it, [`NewEntity::get_or_create`](super::NewEntity::get_or_create)
    /// first looks for one of that name and type in the project, as gazu's `new_asset`.
    #[doc(alias = "asset.new_asset")]
    pub fn new_asset(&self, asset_type: AssetTypeId, name: impl Into<String>) -> NewAsset {
        let name = name.into();
        super::NewEntity::new(
            self.client.clone(),
            routes::new_asset(self.id, asset_type),
            name.clone(),
        )
        .with_empty_data()
        .field("is_shared", false)
        .lookup(
            routes::all_assets(),
            [
                ("project_id", self.id.to_string()),
                ("name", name),
                ("entity_type_id", asset_type.to_string()),
            ],
        )
    }

    /// Adds a task type to its settings (so its tasks show in the project's views); the same as
    /// `project.settings().add_task_type(task_type)`.
    pub fn add_task_type(&self, task_type: TaskTypeId) -> super::AddTaskType {
        self.settings().add_task_type(task_type)
    }

    /// Closes it (sets its status to Closed, the status of that name in any case): closed
    /// projects leave the open lists, and only they can be deleted.
    #[doc(alias = "close_project")]
    pub async fn close(&self) -> Result<Project, ApiError> {
        let statuses = self.client.collection::<ProjectStatus>().list().await?;
        let closed = statuses
            .into_iter()
            .find(|status| status.name.eq_ignore_ascii_case("closed"))
            .ok_or_else(|| ApiError::InvalidInput {
                what: "project status",
                value: "Closed".to_owned(),
                reason: "Zou has no project status of that name to close the project with",
            })?;
        self.update(&json!({ "project_status_id": closed.id }))
            .await
    }

    /// Merges `data` into its free `data` dict (read, merge, write): keys given replace theirs,
    /// the others stay. `data` must be a JSON object.
    ///
    /// Only `data` is written back, not every field read, so concurrent changes of its other
    /// fields are kept.
    #[doc(alias = "update_project_data")]
    pub async fn update_data(&self, data: Value) -> Result<Project, ApiError> {
        let Value::Object(changes) = data else {
            return Err(ApiError::InvalidInput {
                what: "project data",
                value: data.to_string(),
                reason: "the changes of a data dict must be a JSON object",
            });
        };
        let current = self.get().await?;
        let merged = merge_data(current.data, changes);
        self.update(&json!({ "data": merged })).await
    }

    /// Its page in Kitsu's web interface, at `section` (`assets`, `shots`, `sequences`,
    /// `edits`, `breakdown`, `schedule`…): `https://kitsu.mystudio.com/productions/{id}/assets/`,
    /// built from the client's base URL without its `/api` suffix. No request is sent.
    #[doc(alias = "get_project_url")]
    pub fn web_url(&self, section: &str) -> String {
        format!(
            "{}/productions/{}/{}/",
            web_root(&self.client),
            self.id,
            section.trim_matches('/')
        )
    }

    /// Its settings: the task types, task statuses, asset types, status automations and preview
    /// backgrounds it uses.
    pub fn settings(&self) -> ProjectSettings {
        ProjectSettings::new(self.client.clone(), self.id)
    }

    /// Its team: the persons working on it (each with its `project_role` among `other`).
    #[doc(alias = "get_team")]
    pub async fn team(&self) -> Result<Vec<Person>, ApiError> {
        self.client.fetch_all(routes::project_team(self.id)).await
    }

    /// Adds a person to its team, keeping their studio-wide role.
    #[doc(alias = "add_person_to_team")]
    pub async fn add_to_team(&self, person: PersonId) -> Result<Project, ApiError> {
        self.client
            .post(
                routes::project_team(self.id),
                &json!({ "person_id": person }),
            )
            .await
    }

    /// Adds a person to its team with a role on this project only.
    #[doc(alias = "add_person_to_team")]
    pub async fn add_to_team_as(
        &self,
        person: PersonId,
        role: ProjectRole,
    ) -> Result<Project, ApiError> {
        self.client
            .post(
                routes::project_team(self.id),
                &json!({ "person_id": person, "role": role }),
            )
            .await
    }

    /// Sets the role a team member has on this project only; `None` gives them back their
    /// studio-wide role.
    #[doc(alias = "update_team_member_role")]
    pub async fn set_team_role(
        &self,
        person: PersonId,
        role: Option<ProjectRole>,
    ) -> Result<TeamMember, ApiError> {
        self.client
            .put(
                routes::project_team_member(self.id, person),
                &json!({ "role": role }),
            )
            .await
    }

    /// Removes a person from its team.
    #[doc(alias = "remove_person_from_team")]
    pub async fn remove_from_team(&self, person: PersonId) -> Result<(), ApiError> {
        self.client
            .delete(routes::project_team_member(self.id, person))
            .await
    }

    /// Its metadata descriptors (the custom fields of its entities), of every entity type.
    #[doc(alias = "all_metadata_descriptors")]
    pub async fn metadata_descriptors(&self) -> Result<Vec<MetadataDescriptor>, ApiError> {
        self.client
            .fetch_all(routes::project_metadata_descriptors(self.id))
            .await
    }

    /// Its metadata descriptors for one kind of entity (`Asset`, `Shot`, `Task`…, as Zou
    /// spells it), as gazu's `all_metadata_descriptors(project, entity_type=…)`: the same
    /// request, filtered here.
    pub async fn metadata_descriptors_for(
        &self,
        entity_type: &str,
    ) -> Result<Vec<MetadataDescriptor>, ApiError> {
        let mut descriptors = self.metadata_descriptors().await?;
        descriptors.retain(|descriptor| descriptor.entity_type.as_deref() == Some(entity_type));
        Ok(descriptors)
    }

    /// One of its metadata descriptors: read, change, delete it.
    pub fn metadata_descriptor(&self, id: MetadataDescriptorId) -> MetadataDescriptorHandle {
        MetadataDescriptorHandle::new(self.client.clone(), self.id, id)
    }

    /// Its metadata descriptor whose values go under `field_name` in the entities' data, if
    /// any.
    #[doc(alias = "get_metadata_descriptor_by_field_name")]
    pub async fn metadata_descriptor_by_field_name(
        &self,
        field_name: &str,
    ) -> Result<Option<MetadataDescriptor>, ApiError> {
        self.client
            .collection::<MetadataDescriptor>()
            .first(
                &Query::new()
                    .param("project_id", self.id)
                    .param("field_name", field_name),
            )
            .await
    }

    /// Creates a metadata descriptor (a custom field) for one kind of its entities (`Asset`,
    /// `Shot`, `Edit`, `Episode`, `Sequence`, `Project`, `Task`); a free `string` field unless
    /// the builder says otherwise.
    #[doc(alias = "add_metadata_descriptor")]
    pub fn new_metadata_descriptor(
        &self,
        name: impl Into<String>,
        entity_type: impl Into<String>,
    ) -> NewMetadataDescriptor {
        NewRow::new(
            self.client.clone(),
            routes::project_metadata_descriptors(self.id),
            [
                ("name", Value::from(name.into())),
                ("data_type", Value::from("string")),
                ("choices", json!([])),
                ("for_client", Value::from(false)),
                ("entity_type", Value::from(entity_type.into())),
                ("departments", json!([])),
            ],
        )
    }

    /// Orders its metadata descriptors of one entity type as `descriptors` lists them;
    /// answers them in their new order.
    #[doc(alias = "project.reorder_metadata_descriptors")]
    pub async fn reorder_metadata_descriptors(
        &self,
        entity_type: &str,
        descriptors: impl IntoIterator<Item = MetadataDescriptorId>,
    ) -> Result<Vec<MetadataDescriptor>, ApiError> {
        let ids: Vec<MetadataDescriptorId> = descriptors.into_iter().collect();
        self.client
            .post(
                routes::project_metadata_descriptors_reorder(self.id),
                &json!({ "entity_type": entity_type, "descriptor_ids": ids }),
            )
            .await
    }

    /// Its milestones.
    #[doc(alias = "get_milestones")]
    pub async fn milestones(&self) -> Result<Vec<Milestone>, ApiError> {
        self.client
            .fetch_all(routes::project_milestones(self.id))
            .await
    }

    /// What its team did on tasks of a type, by person: shots counted at their first feedback
    /// request and weighted by time spent, unless [`QuotasQuery::count`] says otherwise.
    #[doc(alias = "get_project_quotas")]
    pub fn quotas(&self, task_type: TaskTypeId) -> QuotasQuery {
        QuotasQuery::new(
            self.client.clone(),
            routes::project_quotas(self.id, task_type),
        )
    }

    /// What one person did on it, by task type (counted as [`quotas`](Self::quotas) does).
    #[doc(alias = "get_project_person_quotas")]
    pub fn person_quotas(&self, person: PersonId) -> QuotasQuery {
        QuotasQuery::new(
            self.client.clone(),
            routes::project_person_quotas(self.id, person),
        )
    }

    /// Its budgets.
    #[doc(alias = "get_budgets")]
    pub async fn budgets(&self) -> Result<Vec<Budget>, ApiError> {
        self.client
            .fetch_all(routes::project_budgets(self.id))
            .await
    }

    /// Creates a budget (in US dollars unless [`NewBudget::currency`] says otherwise).
    #[doc(alias = "create_budget")]
    pub fn new_budget(&self, name: impl Into<String>) -> NewBudget {
        NewRow::new(
            self.client.clone(),
            routes::project_budgets(self.id),
            [("name", Value::from(name.into()))],
        )
    }

    /// One of its budgets: read, change, delete it, and its entries.
    pub fn budget(&self, id: BudgetId) -> BudgetHandle {
        BudgetHandle::new(self.client.clone(), self.id, id)
    }

    /// Creates tasks of a type for its shots (every shot, or [`CreateShotTasks::only`] some);
    /// shots that already have one are skipped. Answers the tasks created.
    #[doc(alias = "create_tasks")]
    pub fn create_shot_tasks(&self, task_type: TaskTypeId) -> CreateShotTasks {
        CreateShotTasks {
            client: self.client.clone(),
            project: self.id,
            task_type,
            shots: None,
        }
    }

    /// Uploads its thumbnail picture.
    #[doc(alias = "upload_project_thumbnail")]
    pub async fn upload_thumbnail(&self, file: impl AsRef<Path>) -> Result<Value, ApiError> {
        self.client
            .upload(
                routes::project_thumbnail_upload(self.id),
                Upload::file(file.as_ref()),
            )
            .await
    }
}

/// Task creation for a project's shots: `project.create_shot_tasks(animation).only(&ids).await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct CreateShotTasks {
    client: Client,
    project: ProjectId,
    task_type: TaskTypeId,
    shots: Option<Vec<ShotId>>,
}

impl CreateShotTasks {
    /// Only for these shots (by default, every shot of the project).
    pub fn only(mut self, shots: impl IntoIterator<Item = ShotId>) -> Self {
        self.shots = Some(shots.into_iter().collect());
        self
    }
}

impl std::future::IntoFuture for CreateShotTasks {
    type Output = Result<Vec<Task>, ApiError>;
    type IntoFuture = futures_util::future::BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let route = routes::create_shot_tasks(self.project, self.task_type);
            match &self.shots {
                Some(shots) => self.client.post(route, shots).await,
                // Zou reads "every shot" from an absent body, not from an empty list.
                None => self.client.post_empty(route).await,
            }
        })
    }
}

/// How quotas count a shot as done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum QuotaCount {
    /// At its first feedback request, weighted by the time spent on it (Zou's default).
    #[default]
    Weighted,
    /// When done, weighted by the time spent on it.
    WeightedDone,
    /// At its first feedback request, whole.
    Feedback,
    /// When done, whole.
    Done,
}

impl QuotaCount {
    fn name(self) -> &'static str {
        match self {
            QuotaCount::Weighted => "weighted",
            QuotaCount::WeightedDone => "weighteddone",
            QuotaCount::Feedback => "feedback",
            QuotaCount::Done => "done",
        }
    }
}

/// Quotas to read: `project.quotas(animation).count(QuotaCount::Done).studio(id).await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct QuotasQuery {
    client: Client,
    route: String,
    query: Query,
}

impl QuotasQuery {
    fn new(client: Client, route: String) -> Self {
        QuotasQuery {
            client,
            route,
            query: Query::new(),
        }
    }

    /// How a shot counts as done.
    pub fn count(mut self, count: QuotaCount) -> Self {
        self.query = self.query.param("count_mode", count.name());
        self
    }

    /// Only the work of this studio's persons.
    pub fn studio(mut self, studio: StudioId) -> Self {
        self.query = self.query.param("studio_id", studio);
        self
    }
}

impl std::future::IntoFuture for QuotasQuery {
    type Output = Result<Quotas, ApiError>;
    type IntoFuture = futures_util::future::BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.client.get_with(&self.route, &self.query).await })
    }
}

/// `current` (a project's `data`, maybe absent or not an object) with `changes` merged in.
fn merge_data(current: Option<Value>, changes: Map<String, Value>) -> Value {
    let mut merged = match current {
        Some(Value::Object(current)) => current,
        _ => Map::new(),
    };
    merged.extend(changes);
    Value::Object(merged)
}

impl Client {
    /// Every project status (Open, Closed…), and lookups by name.
    pub fn project_statuses(&self) -> Collection<ProjectStatus> {
        self.collection()
    }
}

impl Collection<Project> {
    /// Every project, open or closed, by name.
    #[doc(alias = "all_projects")]
    pub async fn all(&self) -> Result<Vec<Project>, ApiError> {
        let mut projects = self.list().await?;
        projects.sort_by_cached_key(|row| row.name.to_lowercase());
        Ok(projects)
    }

    /// A new project named `name` (a `short` in `2d3d` unless the builder says otherwise):
    /// `.await` creates it, [`NewProject::get_or_create`] gives back the project of that name if
    /// there is one (gazu's `new_project`).
    pub fn new_project(&self, name: impl Into<String>) -> NewProject {
        NewProject {
            client: self.client().clone(),
            name: name.into(),
            production_type: "short".to_owned(),
            production_style: "2d3d".to_owned(),
            team: Vec::new(),
            asset_types: Vec::new(),
            task_statuses: Vec::new(),
            task_types: Vec::new(),
            template: None,
            fields: Map::new(),
        }
    }
}

impl Collection<ProjectStatus> {
    /// Every project status, by name.
    #[doc(alias = "all_project_status")]
    pub async fn all(&self) -> Result<Vec<ProjectStatus>, ApiError> {
        let mut statuses = self.list().await?;
        statuses.sort_by_cached_key(|row| row.name.to_lowercase());
        Ok(statuses)
    }

    /// The project status with this name (`Open`, `Closed`), if any.
    #[doc(alias = "get_project_status_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<ProjectStatus>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }
}

/// A project to create: `kitsu.projects().new_project("Agent 327").production_type("tvshow")`,
/// then `.await` (create) or `.get_or_create().await` (the project of that name if there is one).
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct NewProject {
    client: Client,
    name: String,
    production_type: String,
    production_style: String,
    team: Vec<PersonId>,
    asset_types: Vec<AssetTypeId>,
    task_statuses: Vec<kitsu_core::ids::TaskStatusId>,
    task_types: Vec<TaskTypeId>,
    template: Option<ProjectTemplateId>,
    fields: Map<String, Value>,
}

impl NewProject {
    /// `short` (the default), `featurefilm`, `tvshow`…
    pub fn production_type(mut self, production_type: impl Into<String>) -> Self {
        self.production_type = production_type.into();
        self
    }

    /// `2d3d` (the default), `2d`, `3d`, `vfx`, `stop-motion`, `motion-design`, `archviz`,
    /// `commercial`, `catalog`, `immersive`, `nft`, `video-game`, `vr`…
    pub fn production_style(mut self, production_style: impl Into<String>) -> Self {
        self.production_style = production_style.into();
        self
    }

    /// Its team.
    pub fn team(mut self, persons: impl IntoIterator<Item = PersonId>) -> Self {
        self.team = persons.into_iter().collect();
        self
    }

    /// The asset types of its settings.
    pub fn asset_types(mut self, asset_types: impl IntoIterator<Item = AssetTypeId>) -> Self {
        self.asset_types = asset_types.into_iter().collect();
        self
    }

    /// The task statuses of its settings.
    pub fn task_statuses(
        mut self,
        task_statuses: impl IntoIterator<Item = kitsu_core::ids::TaskStatusId>,
    ) -> Self {
        self.task_statuses = task_statuses.into_iter().collect();
        self
    }

    /// The task types of its settings.
    pub fn task_types(mut self, task_types: impl IntoIterator<Item = TaskTypeId>) -> Self {
        self.task_types = task_types.into_iter().collect();
        self
    }

    /// A project template to apply after creation (the fields set here win over the
    /// template's).
    pub fn template(mut self, template: ProjectTemplateId) -> Self {
        self.template = Some(template);
        self
    }

    /// Sets any other field by name (`fps`, `ratio`, `resolution`, `description`…).
    pub fn field(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(name.to_owned(), value.into());
        self
    }

    /// The project of this name if there is one (left as it is), else a new one: gazu's
    /// `new_project` (a lookup by name, then the creation).
    #[doc(alias = "new_project")]
    pub async fn get_or_create(self) -> Result<Project, ApiError> {
        let found = self
            .client
            .collection::<Project>()
            .first(&Query::new().param("name", &self.name))
            .await?;
        match found {
            Some(project) => Ok(project),
            None => self.create().await,
        }
    }

    fn body(&self) -> Map<String, Value> {
        let mut body = Map::new();
        body.insert("name".to_owned(), json!(self.name));
        body.insert("production_type".to_owned(), json!(self.production_type));
        body.insert("team".to_owned(), json!(self.team));
        body.insert("asset_types".to_owned(), json!(self.asset_types));
        body.insert("task_statuses".to_owned(), json!(self.task_statuses));
        body.insert("task_types".to_owned(), json!(self.task_types));
        body.insert("production_style".to_owned(), json!(self.production_style));
        if let Some(template) = self.template {
            body.insert("project_template_id".to_owned(), json!(template));
        }
        body.extend(self.fields.clone());
        body
    }

    async fn create(self) -> Result<Project, ApiError> {
        let body = self.body();
        self.client
            .post(routes::collection("projects"), &body)
            .await
    }
}

impl std::future::IntoFuture for NewProject {
    type Output = Result<Project, ApiError>;
    type IntoFuture = futures_util::future::BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.create())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kitsu_transport::Transport;

    fn client(base: &str) -> Client {
        Client::new(Transport::new(base).unwrap())
    }

    #[test]
    fn merges_data_over_what_is_there() {
        let changes = json!({ "b": 3, "c": { "x": 1 } });
        let Value::Object(changes) = changes else {
            unreachable!()
        };
        assert_eq!(
            merge_data(Some(json!({ "a": 1, "b": 2 })), changes.clone()),
            json!({ "a": 1, "b": 3, "c": { "x": 1 } })
        );
        assert_eq!(
            merge_data(None, changes.clone()),
            json!({ "b": 3, "c": { "x": 1 } })
        );
        assert_eq!(
            merge_data(Some(json!("junk")), changes),
            json!({ "b": 3, "c": { "x": 1 } })
        );
    }

    #[test]
    fn web_urls_drop_the_api_suffix() {
        let id: ProjectId = "ce44e8e5-b0b7-4a3d-b03c-c4b0e010aa41".parse().unwrap();
        assert_eq!(
            client("https://kitsu.example.com/api")
                .project(id)
                .web_url("assets"),
            "https://kitsu.example.com/productions/ce44e8e5-b0b7-4a3d-b03c-c4b0e010aa41/assets/"
        );
        assert_eq!(
            client("http://127.0.0.1:5000")
                .project(id)
                .web_url("/shots/"),
            "http://127.0.0.1:5000/productions/ce44e8e5-b0b7-4a3d-b03c-c4b0e010aa41/shots/"
        );
    }

    #[test]
    fn a_new_project_sends_what_gazu_sends() {
        let kitsu = client("http://127.0.0.1:5000");
        let body = kitsu
            .projects()
            .new_project("P")
            .production_type("tvshow")
            .field("fps", "24")
            .body();
        let keys: Vec<&str> = body.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "asset_types",
                "fps",
                "name",
                "production_style",
                "production_type",
                "task_statuses",
                "task_types",
                "team"
            ]
        );
        assert_eq!(body["production_type"], "tvshow");
        assert_eq!(body["production_style"], "2d3d");
    }
}
