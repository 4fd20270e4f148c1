//! Assets: [`AssetHandle`] (`kitsu.asset(id)`), [`AssetTypeHandle`], the asset and asset type
//! collections' lookups, asset instances, and the project's asset lists and creators.

use std::future::IntoFuture;
use std::path::{Path, PathBuf};

use futures_util::future::BoxFuture;
use kitsu_core::ids::{
    AssetId, AssetInstanceId, AssetTypeId, EntityId, EpisodeId, PersonId, ProjectId, ShotId,
};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::entity_common::web_root;
use super::{NewAsset, NewRow, ProjectHandle};
use crate::models::{
    Asset, AssetInstance, AssetInstancesBy, AssetType, CastIn, Entity, Episode, Project,
};
use crate::{ApiError, Client, Collection, Query, Upload};

impl Client {
    /// One asset: get, update, delete, its instances, where it is cast.
    pub fn asset(&self, id: AssetId) -> AssetHandle {
        AssetHandle {
            client: self.clone(),
            id,
        }
    }

    /// Every asset (`data/assets`): `kitsu.assets().get(id)`, lookups by name, by episode, by
    /// shot. A project's assets are [`ProjectHandle::assets`].
    pub fn assets(&self) -> Collection<Asset> {
        self.collection()
    }

    /// One asset type: get, rename, delete.
    pub fn asset_type(&self, id: AssetTypeId) -> AssetTypeHandle {
        AssetTypeHandle {
            client: self.clone(),
            id,
        }
    }

    /// Every asset instance: `kitsu.asset_instances().get(id)`, enable, disable, a shot's.
    #[doc(alias = "get_asset_instance")]
    pub fn asset_instances(&self) -> Collection<AssetInstance> {
        self.collection()
    }
}

/// The part of a project's web URLs under `productions/<id>/` that lists assets: TV shows keep
/// them under an episode (`main` for the shared ones).
fn assets_page(project: &Project, episode: Option<EpisodeId>) -> String {
    if project.production_type.as_deref() == Some("tvshow") {
        let episode = episode.map_or_else(|| "main".to_owned(), |id| id.to_string());
        format!("episodes/{episode}/assets")
    } else {
        "assets".to_owned()
    }
}

impl Collection<Asset> {
    /// Every asset of every open project, sorted by name (one request per open project).
    #[doc(alias = "all_assets_for_open_projects")]
    pub async fn for_open_projects(&self) -> Result<Vec<Asset>, ApiError> {
        let mut assets = Vec::new();
        for project in self.client().projects().open().await? {
            assets.extend(self.client().project(project.id).assets().await?);
        }
        assets.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(assets)
    }

    /// Every asset of every project (`data/assets/all`).
    pub async fn everywhere(&self) -> Result<Vec<Asset>, ApiError> {
        self.client().fetch_all(routes::all_assets()).await
    }

    /// The assets of an episode.
    #[doc(alias = "all_assets_for_episode")]
    pub async fn for_episode(&self, episode: EpisodeId) -> Result<Vec<Asset>, ApiError> {
        self.list_with(&Query::new().param("source_id", episode))
            .await
    }

    /// The assets cast in a shot.
    #[doc(alias = "all_assets_for_shot")]
    pub async fn for_shot(&self, shot: ShotId) -> Result<Vec<Asset>, ApiError> {
        self.client().fetch_all(routes::shot_assets(shot)).await
    }

    /// The asset of a project with this name (and of this type, if given), if any.
    #[doc(alias = "get_asset_by_name")]
    pub async fn by_name(
        &self,
        project: ProjectId,
        name: &str,
        asset_type: Option<AssetTypeId>,
    ) -> Result<Option<Asset>, ApiError> {
        let mut query = Query::new()
            .param("project_id", project)
            .param("name", name);
        if let Some(asset_type) = asset_type {
            query = query.param("entity_type_id", asset_type);
        }
        self.client()
            .fetch_first(routes::all_assets(), &query)
            .await
    }
}

impl Collection<AssetType> {
    /// The asset type with this name, if any (looked up among the entity types, as gazu does).
    #[doc(alias = "get_asset_type_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<AssetType>, ApiError> {
        self.client()
            .fetch_first(
                routes::collection("entity-types"),
                &Query::new().param("name", name),
            )
            .await
    }

    /// Creates an asset type with this name (Zou refuses a name that exists).
    pub async fn create_named(&self, name: &str) -> Result<AssetType, ApiError> {
        self.client()
            .post(routes::collection("entity-types"), &json!({ "name": name }))
            .await
    }

    /// The asset type with this name, created if there is none: gazu's `new_asset_type`
    /// (a lookup, then a creation if needed).
    #[doc(alias = "new_asset_type")]
    pub async fn ensure(&self, name: &str) -> Result<AssetType, ApiError> {
        match self.by_name(name).await? {
            Some(found) => Ok(found),
            None => self.create_named(name).await,
        }
    }

    /// The asset types of the assets cast in a shot.
    #[doc(alias = "all_asset_types_for_shot")]
    pub async fn for_shot(&self, shot: ShotId) -> Result<Vec<AssetType>, ApiError> {
        self.client()
            .fetch_all(routes::shot_asset_types(shot))
            .await
    }
}

impl Collection<AssetInstance> {
    /// Marks an asset instance active.
    #[doc(alias = "enable_asset_instance")]
    pub async fn enable(&self, id: AssetInstanceId) -> Result<AssetInstance, ApiError> {
        self.update(id, &json!({ "active": true })).await
    }

    /// Marks an asset instance inactive.
    #[doc(alias = "disable_asset_instance")]
    pub async fn disable(&self, id: AssetInstanceId) -> Result<AssetInstance, ApiError> {
        self.update(id, &json!({ "active": false })).await
    }

    /// The asset instances placed in a shot, by instantiated asset id.
    #[doc(alias = "asset.all_asset_instances_for_shot")]
    pub async fn for_shot(&self, shot: ShotId) -> Result<AssetInstancesBy, ApiError> {
        self.client().get(routes::shot_asset_instances(shot)).await
    }
}

/// One asset (`kitsu.asset(id)`).
///
/// ```no_run
/// # async fn demo(kitsu: kitsu_api::Client, id: kitsu_api::ids::AssetId) -> Result<(), kitsu_api::ApiError> {
/// let asset = kitsu.asset(id);
/// asset.update_data(serde_json::json!({ "rig": "v2" })).await?;
/// for place in asset.cast_in().await? {
///     println!("{:?} x{:?}", place.shot_name, place.nb_occurences);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct AssetHandle {
    client: Client,
    id: AssetId,
}

impl AssetHandle {
    /// Its id.
    pub fn id(&self) -> AssetId {
        self.id
    }

    fn rows(&self) -> Collection<Asset> {
        self.client.collection()
    }

    /// The asset, with its type's and project's names, its episode and its tasks.
    #[doc(alias = "get_asset")]
    pub async fn get(&self) -> Result<Asset, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`name`, `description`, `data`, `episode_id`…), as gazu does:
    /// `PUT data/entities/<id>`, with `episode_id` also sent as Zou's `source_id`.
    #[doc(alias = "update_asset")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Asset, ApiError> {
        let mut changes = to_object(changes)?;
        if let Some(episode) = changes.get("episode_id").cloned() {
            changes.insert("source_id".to_owned(), episode);
        }
        self.client
            .put(
                routes::collection_item("entities", self.id.uuid()),
                &changes,
            )
            .await
    }

    /// Merges `data` into its free data (keys not given keep their value): reads the asset,
    /// then writes the merged data back.
    #[doc(alias = "update_asset_data")]
    pub async fn update_data(&self, data: Value) -> Result<Asset, ApiError> {
        let current = self.get().await?;
        let merged = merge_data(current.data, data)?;
        self.update(&json!({ "id": self.id, "data": merged })).await
    }

    /// Deletes it: Zou marks an asset with tasks canceled, and deletes one without.
    #[doc(alias = "remove_asset")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Deletes it for good, tasks and all (gazu's `remove_asset(asset, force=True)`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.rows().delete_forever(self.id).await
    }

    /// Its asset type (reads the asset, then its type).
    #[doc(alias = "get_asset_type_from_asset")]
    pub async fn asset_type(&self) -> Result<AssetType, ApiError> {
        let asset = self.get().await?;
        let asset_type = asset
            .entity_type_id
            .or(asset.asset_type_id)
            .ok_or_else(|| ApiError::InvalidInput {
                what: "asset",
                value: self.id.to_string(),
                reason: "Zou sent no asset type for it",
            })?;
        self.client.asset_type(asset_type).get().await
    }

    /// The episode it belongs to, or `None` for the main pack (reads the asset, then the
    /// episode).
    #[doc(alias = "get_episode_from_asset")]
    pub async fn episode(&self) -> Result<Option<Episode>, ApiError> {
        let asset = self.get().await?;
        match asset.source_id.or(asset.episode_id) {
            Some(episode) => Ok(Some(self.client.episode(episode).get().await?)),
            None => Ok(None),
        }
    }

    /// Where it is cast: the shots (and assets) it appears in.
    #[doc(alias = "get_asset_cast_in")]
    pub async fn cast_in(&self) -> Result<Vec<CastIn>, ApiError> {
        self.client.get(routes::asset_cast_in(self.id)).await
    }

    /// Its instances in shots, by shot id.
    #[doc(alias = "all_shot_asset_instances_for_asset")]
    pub async fn shot_instances(&self) -> Result<AssetInstancesBy, ApiError> {
        self.client
            .get(routes::asset_shot_asset_instances(self.id))
            .await
    }

    /// Its instances in scenes, by scene id (`"None"` for those in no scene).
    #[doc(alias = "all_scene_asset_instances_for_asset")]
    pub async fn scene_instances(&self) -> Result<AssetInstancesBy, ApiError> {
        self.client
            .get(routes::asset_scene_asset_instances(self.id))
            .await
    }

    /// The asset instances placed in it, by instantiated asset id.
    #[doc(alias = "all_asset_instances_for_asset")]
    pub async fn asset_instances(&self) -> Result<AssetInstancesBy, ApiError> {
        self.client
            .get(routes::asset_asset_instances(self.id))
            .await
    }

    /// Places a new instance of `asset` in it (Zou numbers it); set a description on the
    /// builder, then `.await` it.
    #[doc(alias = "new_asset_asset_instance")]
    pub fn new_asset_instance(&self, asset: AssetId) -> NewAssetInstance {
        NewRow::new(
            self.client.clone(),
            routes::asset_asset_instances(self.id),
            [("asset_to_instantiate_id", Value::from(asset.to_string()))],
        )
    }

    /// Its page in Kitsu's web interface (reads the asset and its project).
    #[doc(alias = "get_asset_url")]
    pub async fn web_url(&self) -> Result<String, ApiError> {
        let asset = self.get().await?;
        let project_id = asset.project_id.ok_or_else(|| ApiError::InvalidInput {
            what: "asset",
            value: self.id.to_string(),
            reason: "Zou sent no project for it",
        })?;
        let project = self.client.project(project_id).get().await?;
        Ok(format!(
            "{}/productions/{project_id}/{}/{}/",
            web_root(&self.client),
            assets_page(&project, asset.episode_id.or(asset.source_id)),
            self.id
        ))
    }
}

/// A new asset instance: `kitsu.asset(set).new_asset_instance(prop).description("…").await`.
pub type NewAssetInstance = NewRow<AssetInstance>;

impl NewAssetInstance {
    /// Its description.
    pub fn description(self, text: impl Into<String>) -> Self {
        self.field("description", text.into())
    }
}

/// `changes` as a JSON object, or a typed error.
fn to_object(changes: &(impl Serialize + ?Sized)) -> Result<Map<String, Value>, ApiError> {
    match serde_json::to_value(changes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(ApiError::InvalidInput {
            what: "changes",
            value: other.to_string(),
            reason: "changes must be a JSON object of fields",
        }),
        Err(error) => Err(ApiError::InvalidInput {
            what: "changes",
            value: error.to_string(),
            reason: "changes could not be written as JSON",
        }),
    }
}

/// `current` free data with `changes`' keys set (gazu's `{**current, **data}`).
pub(crate) fn merge_data(current: Option<Value>, changes: Value) -> Result<Value, ApiError> {
    let Value::Object(changes) = changes else {
        return Err(ApiError::InvalidInput {
            what: "data",
            value: changes.to_string(),
            reason: "free data must be a JSON object",
        });
    };
    let mut merged = match current {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    merged.extend(changes);
    Ok(Value::Object(merged))
}

/// One asset type (`kitsu.asset_type(id)`).
#[derive(Clone, Debug)]
pub struct AssetTypeHandle {
    client: Client,
    id: AssetTypeId,
}

impl AssetTypeHandle {
    /// Its id.
    pub fn id(&self) -> AssetTypeId {
        self.id
    }

    fn entity_type_route(&self) -> String {
        routes::collection_item("entity-types", self.id.uuid())
    }

    /// The asset type (`data/asset-types/<id>`).
    #[doc(alias = "get_asset_type")]
    pub async fn get(&self) -> Result<AssetType, ApiError> {
        self.client.collection::<AssetType>().get(self.id).await
    }

    /// Renames it (`PUT data/entity-types/<id>`, gazu's `update_asset_type`, which sends the
    /// name only).
    #[doc(alias = "update_asset_type")]
    pub async fn rename(&self, name: &str) -> Result<AssetType, ApiError> {
        self.client
            .put(self.entity_type_route(), &json!({ "name": name }))
            .await
    }

    /// Deletes it (`DELETE data/entity-types/<id>`).
    #[doc(alias = "remove_asset_type")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.client.delete(self.entity_type_route()).await
    }
}

impl ProjectHandle {
    /// The asset types used in it.
    #[doc(alias = "all_asset_types_for_project")]
    pub async fn asset_types(&self) -> Result<Vec<AssetType>, ApiError> {
        self.client()
            .fetch_all(routes::project_asset_types(self.id()))
            .await
    }

    /// Its assets of one type.
    #[doc(alias = "all_assets_for_project_and_type")]
    pub async fn assets_of_type(&self, asset_type: AssetTypeId) -> Result<Vec<Asset>, ApiError> {
        self.client()
            .fetch_all(routes::project_asset_type_assets(self.id(), asset_type))
            .await
    }

    /// Imports assets from a CSV file (Kitsu's export format); answers the assets made.
    #[doc(alias = "import_assets_with_csv")]
    pub async fn import_assets_csv(&self, file: impl AsRef<Path>) -> Result<Vec<Entity>, ApiError> {
        self.client()
            .upload_as(
                routes::import_assets_csv(self.id()),
                Upload::file(file.as_ref()),
            )
            .await
    }

    /// Exports its assets as CSV into `destination`; narrow it on the builder, then `.await` it
    /// (the bytes written).
    #[doc(alias = "export_assets_with_csv")]
    pub fn export_assets_csv(&self, destination: impl Into<PathBuf>) -> ExportAssetsCsv {
        ExportAssetsCsv {
            client: self.client().clone(),
            project: self.id(),
            destination: destination.into(),
            query: Query::new(),
        }
    }

    /// The page listing its assets in Kitsu's web interface (reads the project).
    #[doc(alias = "get_all_assets_url")]
    pub async fn assets_web_url(&self) -> Result<String, ApiError> {
        let project = self.get().await?;
        Ok(format!(
            "{}/productions/{}/{}/",
            web_root(self.client()),
            self.id(),
            assets_page(&project, None)
        ))
    }

    /// The page listing its assets of one type in Kitsu's web interface (reads the project and
    /// the asset type's name).
    #[doc(alias = "get_asset_type_url")]
    pub async fn asset_type_web_url(&self, asset_type: AssetTypeId) -> Result<String, ApiError> {
        let project = self.get().await?;
        let asset_type = self.client().asset_type(asset_type).get().await?;
        let search = Query::new()
            .param("search", format!("type=[{}]", asset_type.name))
            .encoded();
        Ok(format!(
            "{}/productions/{}/{}?{search}",
            web_root(self.client()),
            self.id(),
            assets_page(&project, None)
        ))
    }
}

impl NewAsset {
    /// The episode it belongs to (TV shows; none for the main pack).
    pub fn episode(self, episode: EpisodeId) -> Self {
        self.field("episode_id", episode.to_string())
    }

    /// Whether it is shared with the studio's other projects.
    pub fn shared(self, shared: bool) -> Self {
        self.field("is_shared", shared)
    }
}

/// A project's assets as CSV: `project.export_assets_csv("assets.csv").episode(e).await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct ExportAssetsCsv {
    client: Client,
    project: ProjectId,
    destination: PathBuf,
    query: Query,
}

impl ExportAssetsCsv {
    /// Only the assets of this episode.
    pub fn episode(mut self, episode: EpisodeId) -> Self {
        self.query = self.query.param("episode_id", episode);
        self
    }

    /// Only the assets with a task assigned to this person.
    pub fn assigned_to(mut self, person: PersonId) -> Self {
        self.query = self.query.param("assigned_to", person);
        self
    }
}

impl IntoFuture for ExportAssetsCsv {
    type Output = Result<u64, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let path = self
                .query
                .append_to(&routes::export_assets_csv(self.project));
            self.client.download(path, &self.destination).await
        })
    }
}

/// An entity id from any entity's id, for the casting calls.
pub(crate) fn entity_ids<I: Into<EntityId>>(
    entities: impl IntoIterator<Item = I>,
) -> Vec<EntityId> {
    entities.into_iter().map(Into::into).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_free_data_like_gazu() {
        let merged = merge_data(Some(json!({"a": 1, "b": 2})), json!({"b": 3, "c": 4})).unwrap();
        assert_eq!(merged, json!({"a": 1, "b": 3, "c": 4}));
        assert_eq!(merge_data(None, json!({"k": 1})).unwrap(), json!({"k": 1}));
        assert_eq!(merge_data(Some(Value::Null), json!({})).unwrap(), json!({}));
        let error = merge_data(None, json!([1])).unwrap_err();
        assert!(error.to_string().contains("JSON object"), "{error}");
    }

    #[test]
    fn changes_must_be_an_object() {
        assert!(to_object(&json!({"name": "x"})).is_ok());
        assert!(to_object(&json!("x")).is_err());
        assert!(to_object(&[1, 2]).is_err());
    }

    fn project(kind: &str) -> Project {
        serde_json::from_value(json!({
            "id": "ae52ba21-03ff-4bcb-ad1a-45853dff2305",
            "name": "P",
            "production_type": kind,
        }))
        .unwrap()
    }

    #[test]
    fn web_pages_follow_the_production_type() {
        let episode: EpisodeId = "2ec754c4-d08b-4439-ae48-bfdcc0fb740a".parse().unwrap();
        assert_eq!(assets_page(&project("short"), Some(episode)), "assets");
        assert_eq!(
            assets_page(&project("tvshow"), None),
            "episodes/main/assets"
        );
        assert_eq!(
            assets_page(&project("tvshow"), Some(episode)),
            format!("episodes/{episode}/assets")
        );
    }
}
