//! Casting: which assets appear in which shots, assets and episodes, on [`ProjectHandle`]
//! (every casting route is under a project), and the entity links behind it.

use std::future::IntoFuture;

use futures_util::future::BoxFuture;
use kitsu_core::ids::{AssetId, AssetTypeId, EntityId, EpisodeId, ProjectId, SequenceId};
use kitsu_core::routes;
use serde_json::{Map, Value};

use super::ProjectHandle;
use crate::models::{CastEntry, CastLink, CastingMap, EntityLink};
use crate::{ApiError, Client, Collection, Page, Query};

impl Client {
    /// Every entity link (casting link): `kitsu.entity_links().delete(id)`. A project's are
    /// [`ProjectHandle::entity_links`].
    #[doc(alias = "delete_entity_link")]
    pub fn entity_links(&self) -> Collection<EntityLink> {
        self.collection()
    }
}

impl ProjectHandle {
    /// The casting of one of its entities: the assets cast in a shot, an asset or an episode.
    #[doc(alias = "get_shot_casting")]
    #[doc(alias = "get_asset_casting")]
    #[doc(alias = "get_episode_casting")]
    pub async fn casting(&self, entity: impl Into<EntityId>) -> Result<Vec<CastEntry>, ApiError> {
        self.client()
            .get(routes::entity_casting(self.id(), entity.into()))
            .await
    }

    /// Replaces the casting of one of its entities (a shot, an asset, an episode) with
    /// `links`; answers the new casting.
    ///
    /// ```no_run
    /// # async fn demo(project: kitsu_api::handles::ProjectHandle, shot: kitsu_api::ids::ShotId, hero: kitsu_api::ids::AssetId) -> Result<(), kitsu_api::ApiError> {
    /// use kitsu_api::models::CastLink;
    /// project.set_casting(shot, &[CastLink::new(hero, 2).label("fixed")]).await?;
    /// # Ok(()) }
    /// ```
    #[doc(alias = "update_shot_casting")]
    #[doc(alias = "update_asset_casting")]
    #[doc(alias = "update_episode_casting")]
    pub async fn set_casting(
        &self,
        entity: impl Into<EntityId>,
        links: &[CastLink],
    ) -> Result<Vec<CastEntry>, ApiError> {
        self.client()
            .put(routes::entity_casting(self.id(), entity.into()), links)
            .await
    }

    /// Casts `asset` in each of `entities` (once, unless the builder says how many times);
    /// answers the new casting of each entity.
    #[doc(alias = "casting.cast_asset")]
    pub fn cast_asset<I: Into<EntityId>>(
        &self,
        asset: AssetId,
        entities: impl IntoIterator<Item = I>,
    ) -> CastAsset {
        CastAsset {
            client: self.client().clone(),
            project: self.id(),
            asset,
            entities: super::asset::entity_ids(entities),
            fields: Map::new(),
        }
    }

    /// Takes `asset` out of the casting of each of `entities`; answers their new casting.
    #[doc(alias = "casting.uncast_asset")]
    pub async fn uncast_asset<I: Into<EntityId>>(
        &self,
        asset: AssetId,
        entities: impl IntoIterator<Item = I>,
    ) -> Result<CastingMap, ApiError> {
        self.cast_asset(asset, entities).nb_occurences(0).await
    }

    /// The casting of its assets of one type, by asset.
    #[doc(alias = "get_asset_type_casting")]
    pub async fn asset_type_casting(
        &self,
        asset_type: AssetTypeId,
    ) -> Result<CastingMap, ApiError> {
        self.client()
            .get(routes::asset_type_casting(self.id(), asset_type))
            .await
    }

    /// The casting of a sequence's shots, by shot.
    #[doc(alias = "get_sequence_casting")]
    #[doc(alias = "get_sequence_shots_casting")]
    pub async fn sequence_casting(&self, sequence: SequenceId) -> Result<CastingMap, ApiError> {
        self.client()
            .get(routes::sequence_casting(self.id(), sequence))
            .await
    }

    /// The casting of its episodes, by episode.
    #[doc(alias = "get_episodes_casting")]
    pub async fn episodes_casting(&self) -> Result<CastingMap, ApiError> {
        self.client().get(routes::episodes_casting(self.id())).await
    }

    /// The casting of an episode's shots, by shot.
    #[doc(alias = "get_episode_shots_casting")]
    pub async fn episode_shots_casting(&self, episode: EpisodeId) -> Result<CastingMap, ApiError> {
        self.client()
            .get(routes::episode_shots_casting(self.id(), episode))
            .await
    }

    /// The casting of all its shots, by shot.
    #[doc(alias = "get_project_shots_casting")]
    pub async fn shots_casting(&self) -> Result<CastingMap, ApiError> {
        self.client()
            .get(routes::project_shots_casting(self.id()))
            .await
    }

    /// Its entity links (every casting link), in one list.
    #[doc(alias = "all_entity_links_for_project")]
    pub async fn entity_links(&self) -> Result<Vec<EntityLink>, ApiError> {
        self.client()
            .fetch_all(routes::project_entity_links(self.id()))
            .await
    }

    /// Page `page` (from 1) of `limit` of its entity links.
    pub async fn entity_links_page(
        &self,
        page: u64,
        limit: u64,
    ) -> Result<Page<EntityLink>, ApiError> {
        self.client()
            .page(
                routes::project_entity_links(self.id()),
                &Query::new(),
                page,
                limit,
            )
            .await
    }
}

/// One asset cast in several entities: `project.cast_asset(hero, [shot]).nb_occurences(2)`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct CastAsset {
    client: Client,
    project: ProjectId,
    asset: AssetId,
    entities: Vec<EntityId>,
    fields: Map<String, Value>,
}

impl CastAsset {
    /// How many times it appears in each (0 takes it out).
    pub fn nb_occurences(mut self, count: u32) -> Self {
        self.fields
            .insert("nb_occurences".to_owned(), Value::from(count));
        self
    }

    /// Its label in each (`fixed`, `animate`…).
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.fields
            .insert("label".to_owned(), Value::from(label.into()));
        self
    }
}

impl IntoFuture for CastAsset {
    type Output = Result<CastingMap, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            if self.entities.is_empty() {
                return Err(ApiError::InvalidInput {
                    what: "entities",
                    value: String::new(),
                    reason: "an asset is cast in at least one entity",
                });
            }
            let mut body = self.fields;
            body.insert(
                "entity_ids".to_owned(),
                Value::from(
                    self.entities
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>(),
                ),
            );
            self.client
                .put(routes::cast_asset(self.project, self.asset), &body)
                .await
        })
    }
}
