//! Generic entities: [`EntityHandle`] (`kitsu.entity(id)`), the entity and entity type
//! collections' lookups, guessing entities from a path, deleting several at once.

use kitsu_core::ids::{EntityId, ProjectId};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::ProjectHandle;
use crate::models::{Entity, EntityType};
use crate::{ApiError, Client, Collection, Query};

impl Client {
    /// One entity of any kind (shot, asset, sequence…): get, update, delete, linked entities.
    pub fn entity(&self, id: impl Into<EntityId>) -> EntityHandle {
        EntityHandle {
            client: self.clone(),
            id: id.into(),
        }
    }

    /// Every entity (`data/entities`): `kitsu.entities().list()`, lookups by name.
    #[doc(alias = "all_entities")]
    pub fn entities(&self) -> Collection<Entity> {
        self.collection()
    }

    /// Every entity type (asset types and Zou's own: Shot, Sequence…):
    /// `kitsu.entity_types().list()`, `.get(id)`, `.delete(id)`, lookups by name.
    #[doc(alias = "all_entity_types")]
    #[doc(alias = "get_entity_type")]
    #[doc(alias = "remove_entity_type")]
    pub fn entity_types(&self) -> Collection<EntityType> {
        self.collection()
    }
}

impl Collection<Entity> {
    /// The first entity with this name (in this project, if given), if any.
    #[doc(alias = "get_entity_by_name")]
    pub async fn by_name(
        &self,
        name: &str,
        project: Option<ProjectId>,
    ) -> Result<Option<Entity>, ApiError> {
        let mut query = Query::new().param("name", name);
        if let Some(project) = project {
            query = query.param("project_id", project);
        }
        self.first(&query).await
    }
}

impl Collection<EntityType> {
    /// The entity type with this name, if any.
    #[doc(alias = "get_entity_type_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<EntityType>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }

    /// Creates an entity type with this name (gazu's `new_entity_type` only creates: Zou
    /// refuses a name that exists).
    #[doc(alias = "new_entity_type")]
    pub async fn create_named(&self, name: &str) -> Result<EntityType, ApiError> {
        self.create(&json!({ "name": name })).await
    }
}

/// One entity of any kind (`kitsu.entity(id)`).
#[derive(Clone, Debug)]
pub struct EntityHandle {
    client: Client,
    id: EntityId,
}

impl EntityHandle {
    /// Its id.
    pub fn id(&self) -> EntityId {
        self.id
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    fn rows(&self) -> Collection<Entity> {
        self.client.collection()
    }

    /// The entity, with the ids of what is cast in it and what it is cast in.
    #[doc(alias = "get_entity")]
    pub async fn get(&self) -> Result<Entity, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`PUT data/entities/<id>`).
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Entity, ApiError> {
        self.rows().update(self.id, changes).await
    }

    /// Deletes it: Zou marks an entity with tasks canceled, and deletes one without.
    #[doc(alias = "remove_entity")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Deletes it for good, tasks and all (gazu's `remove_entity(entity, force=True)`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.rows().delete_forever(self.id).await
    }

    /// The entities linked to it (its casting, both ways) that have tasks, with their tasks.
    #[doc(alias = "all_entities_with_tasks_linked_to_entity")]
    pub async fn linked_with_tasks(&self) -> Result<Vec<Entity>, ApiError> {
        self.client
            .fetch_all(routes::entity_linked_with_tasks(self.id))
            .await
    }
}

impl ProjectHandle {
    /// What a file path may be about, from its file tree: one map per matching template
    /// (`{"Template": "asset", "Project": <id>, "Asset": <id>}`). `sep` is the path separator
    /// (gazu's default is `/`).
    #[doc(alias = "entity.guess_from_path")]
    pub async fn guess_from_path(
        &self,
        path: &str,
        sep: &str,
    ) -> Result<Vec<Map<String, Value>>, ApiError> {
        self.client()
            .post(
                routes::guess_from_path(),
                &json!({ "project_id": self.id(), "file_path": path, "sep": sep }),
            )
            .await
    }

    /// Deletes several of its entities at once; with `force`, for good (tasks and all),
    /// otherwise Zou marks those with tasks canceled. Answers the ids of the entities removed.
    #[doc(alias = "remove_entities")]
    pub async fn delete_entities<I: Into<EntityId>>(
        &self,
        entities: impl IntoIterator<Item = I>,
        force: bool,
    ) -> Result<Vec<EntityId>, ApiError> {
        let ids = super::asset::entity_ids(entities);
        let route = routes::delete_entities(self.id());
        let path = if force {
            Query::new().param("force", true).append_to(&route)
        } else {
            route
        };
        self.client().post(path, &ids).await
    }
}
