//! [`ConceptHandle`]: one concept.

use std::collections::BTreeMap;

use kitsu_core::ids::{ConceptId, TaskTypeId};
use kitsu_core::routes;
use serde::Serialize;

use super::entity_common::update_entity;
use crate::models::{Concept, PreviewFile};
use crate::{ApiError, Client, Collection};

/// One concept (`kitsu.concept(id)`): get, change, delete; its previews.
#[derive(Clone, Debug)]
pub struct ConceptHandle {
    client: Client,
    id: ConceptId,
}

impl ConceptHandle {
    /// Its id.
    pub fn id(&self) -> ConceptId {
        self.id
    }

    fn rows(&self) -> Collection<Concept> {
        self.client.collection()
    }

    /// The concept, with its tasks in `other["tasks"]` and the entities it depicts.
    #[doc(alias = "get_concept")]
    pub async fn get(&self) -> Result<Concept, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`name`, `description`, `data`…). Sent as gazu sends it:
    /// `PUT data/entities/<id>`, the id in the body.
    #[doc(alias = "update_concept")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Concept, ApiError> {
        update_entity(&self.client, self.id.uuid(), changes).await
    }

    /// Deletes it: a concept with tasks is only marked canceled, one without is gone.
    #[doc(alias = "remove_concept")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Deletes it for good, tasks and all (gazu's `remove_concept(concept, force=True)`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.rows().delete_forever(self.id).await
    }

    /// Its preview files, by task type (newest revision first).
    #[doc(alias = "all_previews_for_concept")]
    pub async fn previews(&self) -> Result<BTreeMap<TaskTypeId, Vec<PreviewFile>>, ApiError> {
        self.client
            .get(routes::concept_preview_files(self.id))
            .await
    }
}

impl Client {
    /// One concept: its previews, changes.
    pub fn concept(&self, id: ConceptId) -> ConceptHandle {
        ConceptHandle {
            client: self.clone(),
            id,
        }
    }

    /// Every concept of every project: `kitsu.concepts().list()` (`data/concepts`); a
    /// project's with [`ProjectHandle::concepts`](super::ProjectHandle::concepts).
    #[doc(alias = "all_concepts")]
    pub fn concepts(&self) -> Collection<Concept> {
        self.collection()
    }
}
