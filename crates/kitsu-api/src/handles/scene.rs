//! [`SceneHandle`]: one layout scene, its asset instances and the shots made from it.

use std::collections::BTreeMap;

use kitsu_core::ids::{AssetId, AssetInstanceId, SceneId, ShotId};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Value, json};

use super::entity_common::{by_name, update_entity};
use crate::models::{AssetInstance, Scene, Sequence, Shot};
use crate::{ApiError, Client, Collection, Query};

/// One layout scene (`kitsu.scene(id)`): get, change; its asset and camera instances, the
/// shots made from it, its sequence.
#[derive(Clone, Debug)]
pub struct SceneHandle {
    client: Client,
    id: SceneId,
}

impl SceneHandle {
    /// Its id.
    pub fn id(&self) -> SceneId {
        self.id
    }

    fn rows(&self) -> Collection<Scene> {
        self.client.collection()
    }

    /// The scene, with its project's, sequence's and episode's names.
    #[doc(alias = "get_scene")]
    pub async fn get(&self) -> Result<Scene, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`name`, `description`, `data`…). Sent as gazu sends it:
    /// `PUT data/entities/<id>`, the id in the body.
    #[doc(alias = "update_scene")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Scene, ApiError> {
        update_entity(&self.client, self.id.uuid(), changes).await
    }

    /// Its sequence (reads the scene for its parent, then the sequence).
    #[doc(alias = "get_sequence_from_scene")]
    pub async fn sequence(&self) -> Result<Sequence, ApiError> {
        let scene = self.get().await?;
        let sequence = scene.parent_id.ok_or_else(|| ApiError::InvalidInput {
            what: "scene",
            value: self.id.to_string(),
            reason: "the scene has no sequence",
        })?;
        self.client.collection::<Sequence>().get(sequence).await
    }

    /// Its asset instances, by asset.
    #[doc(alias = "all_asset_instances_for_scene")]
    pub async fn asset_instances(&self) -> Result<BTreeMap<AssetId, Vec<AssetInstance>>, ApiError> {
        self.client
            .get(routes::scene_asset_instances(self.id))
            .await
    }

    /// Its camera instances (instances of assets of the Camera type), by asset.
    #[doc(alias = "all_camera_instances_for_scene")]
    pub async fn camera_instances(
        &self,
    ) -> Result<BTreeMap<AssetId, Vec<AssetInstance>>, ApiError> {
        self.client
            .get(routes::scene_camera_instances(self.id))
            .await
    }

    /// Adds an instance of an asset to it (numbered after the asset's last one in the scene,
    /// named `<Asset>_<number>`); set a description on the builder, then `.await` it.
    #[doc(alias = "new_scene_asset_instance")]
    pub fn new_asset_instance(&self, asset: AssetId) -> NewSceneAssetInstance {
        NewSceneAssetInstance {
            client: self.client.clone(),
            scene: self.id,
            asset,
            description: None,
        }
    }

    /// Its asset instance of that name, if any.
    #[doc(alias = "get_asset_instance_by_name")]
    pub async fn asset_instance_by_name(
        &self,
        name: &str,
    ) -> Result<Option<AssetInstance>, ApiError> {
        self.client
            .collection::<AssetInstance>()
            .first(&Query::new().param("name", name).param("scene_id", self.id))
            .await
    }

    /// The shots made from it.
    #[doc(alias = "all_shots_for_scene")]
    pub async fn shots(&self) -> Result<Vec<Shot>, ApiError> {
        let rows = self.client.fetch_all(routes::scene_shots(self.id)).await?;
        Ok(by_name(rows, |row: &Shot| &row.name))
    }

    /// Marks a shot as made from it (the shot's `source_id`); answers the shot.
    #[doc(alias = "add_shot_to_scene")]
    pub async fn add_shot(&self, shot: ShotId) -> Result<Shot, ApiError> {
        self.client
            .post(routes::scene_shots(self.id), &json!({ "shot_id": shot }))
            .await
    }

    /// Unlinks a shot made from it.
    #[doc(alias = "remove_shot_from_scene")]
    pub async fn remove_shot(&self, shot: ShotId) -> Result<(), ApiError> {
        self.client.delete(routes::scene_shot(self.id, shot)).await
    }
}

/// A new asset instance in a scene: `scene.new_asset_instance(asset).description("…").await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct NewSceneAssetInstance {
    client: Client,
    scene: SceneId,
    asset: AssetId,
    description: Option<String>,
}

impl NewSceneAssetInstance {
    /// Its description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }
}

impl std::future::IntoFuture for NewSceneAssetInstance {
    type Output = Result<AssetInstance, ApiError>;
    type IntoFuture = futures_util::future::BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let mut body = json!({ "asset_id": self.asset });
            if let (Some(text), Value::Object(fields)) = (self.description, &mut body) {
                fields.insert("description".into(), Value::from(text));
            }
            self.client
                .post(routes::scene_asset_instances(self.scene), &body)
                .await
        })
    }
}

impl Collection<AssetInstance> {
    /// Renames an asset instance.
    #[doc(alias = "update_asset_instance_name")]
    pub async fn rename(
        &self,
        instance: AssetInstanceId,
        name: &str,
    ) -> Result<AssetInstance, ApiError> {
        self.update(instance, &json!({ "name": name })).await
    }

    /// Replaces an asset instance's free `data` (whole: nothing is merged, as gazu).
    #[doc(alias = "update_asset_instance_data")]
    pub async fn set_data(
        &self,
        instance: AssetInstanceId,
        data: &(impl Serialize + ?Sized),
    ) -> Result<AssetInstance, ApiError> {
        #[derive(Serialize)]
        struct Data<'a, D: ?Sized> {
            data: &'a D,
        }
        self.update(instance, &Data { data }).await
    }
}

impl Client {
    /// One layout scene: its asset instances and shots.
    pub fn scene(&self, id: SceneId) -> SceneHandle {
        SceneHandle {
            client: self.clone(),
            id,
        }
    }

    /// Every scene of every project, sorted by name (`data/scenes/all`); a project's with
    /// [`ProjectHandle::scenes`](super::ProjectHandle::scenes).
    #[doc(alias = "scene.all_scenes")]
    pub async fn all_scenes(&self) -> Result<Vec<Scene>, ApiError> {
        let rows = self.fetch_all(routes::all_scenes()).await?;
        Ok(by_name(rows, |row: &Scene| &row.name))
    }
}
