//! [`SequenceHandle`]: one sequence.

use kitsu_core::ids::SequenceId;
use kitsu_core::routes;
use serde::Serialize;

use super::entity_common::{by_name, update_entity, update_entity_data, web_root};
use crate::models::{Episode, Scene, Sequence, Shot};
use crate::{ApiError, Client, Collection, Query};

/// One sequence (`kitsu.sequence(id)`): get, change, delete; its shots, scenes and episode.
#[derive(Clone, Debug)]
pub struct SequenceHandle {
    client: Client,
    id: SequenceId,
}

impl SequenceHandle {
    /// Its id.
    pub fn id(&self) -> SequenceId {
        self.id
    }

    fn rows(&self) -> Collection<Sequence> {
        self.client.collection()
    }

    /// The sequence, with its project's and episode's names.
    #[doc(alias = "get_sequence")]
    pub async fn get(&self) -> Result<Sequence, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`name`, `description`, `data`…; `data` is replaced whole: see
    /// [`SequenceHandle::update_data`]). Sent as gazu sends it: `PUT data/entities/<id>`.
    #[doc(alias = "update_sequence")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Sequence, ApiError> {
        update_entity(&self.client, self.id.uuid(), changes).await
    }

    /// Merges keys into its free `data` (keys not given are kept).
    #[doc(alias = "update_sequence_data")]
    pub async fn update_data(
        &self,
        data: &(impl Serialize + ?Sized),
    ) -> Result<Sequence, ApiError> {
        let route = routes::collection_item("sequences", self.id.uuid());
        update_entity_data(&self.client, route, self.id.uuid(), data).await
    }

    /// Deletes it; Zou refuses while shots or tasks hang on it (see
    /// [`SequenceHandle::delete_forever`]).
    #[doc(alias = "remove_sequence")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Deletes it with its shots and tasks (gazu's `remove_sequence(sequence, force=True)`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.rows().delete_forever(self.id).await
    }

    /// Its shots, sorted by name.
    #[doc(alias = "all_shots_for_sequence")]
    pub async fn shots(&self) -> Result<Vec<Shot>, ApiError> {
        let rows = self
            .client
            .fetch_all(routes::sequence_shots(self.id))
            .await?;
        Ok(by_name(rows, |row: &Shot| &row.name))
    }

    /// Its shot of that name, if any.
    #[doc(alias = "get_shot_by_name")]
    pub async fn shot_by_name(&self, name: &str) -> Result<Option<Shot>, ApiError> {
        super::shot::shot_by_name(&self.client, self.id, name).await
    }

    /// Its layout scenes, sorted by name.
    #[doc(alias = "all_scenes_for_sequence")]
    pub async fn scenes(&self) -> Result<Vec<Scene>, ApiError> {
        let rows = self
            .client
            .fetch_all(routes::sequence_scenes(self.id))
            .await?;
        Ok(by_name(rows, |row: &Scene| &row.name))
    }

    /// Its scene of that name, if any.
    #[doc(alias = "get_scene_by_name")]
    pub async fn scene_by_name(&self, name: &str) -> Result<Option<Scene>, ApiError> {
        self.client
            .fetch_first(
                routes::all_scenes(),
                &Query::new().param("parent_id", self.id).param("name", name),
            )
            .await
    }

    /// Its episode, if it has one (reads the sequence for its parent, then the episode).
    #[doc(alias = "get_episode_from_sequence")]
    pub async fn episode(&self) -> Result<Option<Episode>, ApiError> {
        match self.get().await?.parent_id {
            Some(episode) => Ok(Some(
                self.client.collection::<Episode>().get(episode).await?,
            )),
            None => Ok(None),
        }
    }

    /// Its page in Kitsu's web UI (reads the sequence for its project and episode).
    #[doc(alias = "get_sequence_url")]
    pub async fn web_url(&self) -> Result<String, ApiError> {
        let sequence = self.get().await?;
        let root = web_root(&self.client);
        let project = sequence
            .project_id
            .map(|id| id.to_string())
            .unwrap_or_default();
        Ok(match sequence.parent_id {
            Some(episode) => format!(
                "{root}/productions/{project}/episodes/{episode}/sequences/{}/",
                sequence.id
            ),
            None => format!("{root}/productions/{project}/sequences/{}/", sequence.id),
        })
    }
}

impl Client {
    /// One sequence: its shots and scenes, changes.
    pub fn sequence(&self, id: SequenceId) -> SequenceHandle {
        SequenceHandle {
            client: self.clone(),
            id,
        }
    }
}
