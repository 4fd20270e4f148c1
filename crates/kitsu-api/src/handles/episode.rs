//! [`EpisodeHandle`]: one episode of a TV show.

use kitsu_core::ids::EpisodeId;
use kitsu_core::routes;
use serde::Serialize;

use super::entity_common::{by_name, update_entity, update_entity_data, web_root};
use crate::models::{Episode, Sequence, Shot};
use crate::{ApiError, Client, Collection, Query};

/// One episode (`kitsu.episode(id)`): get, change, delete; its sequences and shots.
#[derive(Clone, Debug)]
pub struct EpisodeHandle {
    client: Client,
    id: EpisodeId,
}

impl EpisodeHandle {
    /// Its id.
    pub fn id(&self) -> EpisodeId {
        self.id
    }

    fn rows(&self) -> Collection<Episode> {
        self.client.collection()
    }

    /// The episode, with its project's name.
    #[doc(alias = "get_episode")]
    pub async fn get(&self) -> Result<Episode, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`name`, `description`, `data`…; `data` is replaced whole: see
    /// [`EpisodeHandle::update_data`]). Sent as gazu sends it: `PUT data/entities/<id>`.
    #[doc(alias = "update_episode")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Episode, ApiError> {
        update_entity(&self.client, self.id.uuid(), changes).await
    }

    /// Merges keys into its free `data` (keys not given are kept).
    #[doc(alias = "update_episode_data")]
    pub async fn update_data(&self, data: &(impl Serialize + ?Sized)) -> Result<Episode, ApiError> {
        let route = routes::collection_item("episodes", self.id.uuid());
        update_entity_data(&self.client, route, self.id.uuid(), data).await
    }

    /// Deletes it; Zou refuses while sequences, shots or tasks hang on it (see
    /// [`EpisodeHandle::delete_forever`]).
    #[doc(alias = "remove_episode")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Deletes it with everything under it: sequences, shots, assets, playlists, tasks
    /// (gazu's `remove_episode(episode, force=True)`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.rows().delete_forever(self.id).await
    }

    /// Its sequences, sorted by name.
    #[doc(alias = "all_sequences_for_episode")]
    pub async fn sequences(&self) -> Result<Vec<Sequence>, ApiError> {
        let rows = self
            .client
            .fetch_all(routes::episode_sequences(self.id))
            .await?;
        Ok(by_name(rows, |row: &Sequence| &row.name))
    }

    /// Its shots, sorted by name.
    #[doc(alias = "all_shots_for_episode")]
    pub async fn shots(&self) -> Result<Vec<Shot>, ApiError> {
        let rows = self
            .client
            .fetch_all(routes::episode_shots(self.id))
            .await?;
        Ok(by_name(rows, |row: &Shot| &row.name))
    }

    /// Its sequence of that name, if any.
    pub async fn sequence_by_name(&self, name: &str) -> Result<Option<Sequence>, ApiError> {
        self.client
            .collection::<Sequence>()
            .first(
                &Query::new()
                    .param("episode_id", self.id)
                    .param("name", name),
            )
            .await
    }

    /// Its page in Kitsu's web UI, the list of its shots (reads the episode for its project).
    #[doc(alias = "get_episode_url")]
    pub async fn web_url(&self) -> Result<String, ApiError> {
        let episode = self.get().await?;
        let project = episode
            .project_id
            .map(|id| id.to_string())
            .unwrap_or_default();
        Ok(format!(
            "{}/productions/{project}/episodes/{}/shots",
            web_root(&self.client),
            episode.id
        ))
    }
}

impl Client {
    /// One episode: its sequences and shots, changes.
    pub fn episode(&self, id: EpisodeId) -> EpisodeHandle {
        EpisodeHandle {
            client: self.clone(),
            id,
        }
    }
}
