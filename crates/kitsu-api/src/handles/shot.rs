//! [`ShotHandle`]: one shot.

use std::collections::BTreeMap;

use kitsu_core::ids::{AssetId, AssetInstanceId, ShotId, TaskTypeId};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::json;

use super::entity_common::{update_entity, update_entity_data, web_root};
use crate::models::{AssetInstance, PreviewFile, Sequence, Shot, Task};
use crate::{ApiError, Client, Collection, Query};

/// One shot (`client.shot(id)`): get, change, delete, restore; its tasks, previews, asset
/// instances, sequence and web page.
#[derive(Clone, Debug)]
pub struct ShotHandle {
    client: Client,
    id: ShotId,
}

impl ShotHandle {
    pub(crate) fn new(client: Client, id: ShotId) -> Self {
        ShotHandle { client, id }
    }

    /// Its id.
    pub fn id(&self) -> ShotId {
        self.id
    }

    fn rows(&self) -> Collection<Shot> {
        self.client.collection()
    }

    /// The shot, with its tasks in `other["tasks"]` and `frame_in`, `frame_out` and `fps`
    /// lifted out of its `data`.
    #[doc(alias = "get_shot")]
    pub async fn get(&self) -> Result<Shot, ApiError> {
        self.rows().get(self.id).await
    }

    /// Its tasks, with their type, status and entity names.
    #[doc(alias = "all_tasks_for_shot")]
    pub async fn tasks(&self) -> Result<Vec<Task>, ApiError> {
        self.client.fetch_all(routes::shot_tasks(self.id)).await
    }

    /// Changes its fields (`description`, `nb_frames`, `data`…; `data` is replaced whole: see
    /// [`ShotHandle::update_data`]). Sent as gazu sends it: `PUT data/entities/<id>`, the id in
    /// the body.
    #[doc(alias = "update_shot")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Shot, ApiError> {
        update_entity(&self.client, self.id.uuid(), changes).await
    }

    /// Merges keys into its free `data` (keys not given are kept): reads it, then writes the
    /// merged data back.
    #[doc(alias = "update_shot_data")]
    pub async fn update_data(&self, data: &(impl Serialize + ?Sized)) -> Result<Shot, ApiError> {
        let route = routes::collection_item("shots", self.id.uuid());
        update_entity_data(&self.client, route, self.id.uuid(), data).await
    }

    /// Deletes it: a shot with tasks is only marked canceled (see [`ShotHandle::restore`]),
    /// one without is gone.
    #[doc(alias = "remove_shot")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Deletes it for good, tasks and all (gazu's `remove_shot(shot, force=True)`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.rows().delete_forever(self.id).await
    }

    /// Brings a canceled shot back.
    #[doc(alias = "restore_shot")]
    pub async fn restore(&self) -> Result<Shot, ApiError> {
        self.rows()
            .update(self.id, &json!({ "canceled": false }))
            .await
    }

    /// Its sequence (reads the shot for its parent, then the sequence).
    #[doc(alias = "get_sequence_from_shot")]
    pub async fn sequence(&self) -> Result<Sequence, ApiError> {
        let shot = self.get().await?;
        let sequence = shot.parent_id.ok_or_else(|| ApiError::InvalidInput {
            what: "shot",
            value: self.id.to_string(),
            reason: "the shot has no sequence",
        })?;
        self.client.collection::<Sequence>().get(sequence).await
    }

    /// Its preview files, by task type (newest revision first).
    #[doc(alias = "all_previews_for_shot")]
    pub async fn previews(&self) -> Result<BTreeMap<TaskTypeId, Vec<PreviewFile>>, ApiError> {
        self.client.get(routes::shot_preview_files(self.id)).await
    }

    /// The asset instances cast in it, by asset.
    #[doc(alias = "get_asset_instances_for_shot")]
    #[doc(alias = "shot.all_asset_instances_for_shot")]
    pub async fn asset_instances(&self) -> Result<BTreeMap<AssetId, Vec<AssetInstance>>, ApiError> {
        self.client.get(routes::shot_asset_instances(self.id)).await
    }

    /// Casts an asset instance in it; answers the shot.
    #[doc(alias = "add_asset_instance_to_shot")]
    pub async fn add_asset_instance(&self, instance: AssetInstanceId) -> Result<Shot, ApiError> {
        self.client
            .post(
                routes::shot_asset_instances(self.id),
                &json!({ "asset_instance_id": instance }),
            )
            .await
    }

    /// Removes an asset instance from its casting.
    #[doc(alias = "remove_asset_instance_from_shot")]
    pub async fn remove_asset_instance(&self, instance: AssetInstanceId) -> Result<(), ApiError> {
        self.client
            .delete(routes::shot_asset_instance(self.id, instance))
            .await
    }

    /// Its page in Kitsu's web UI (reads the shot for its project and episode).
    #[doc(alias = "get_shot_url")]
    pub async fn web_url(&self) -> Result<String, ApiError> {
        let shot = self.get().await?;
        Ok(shot_web_url(&web_root(&self.client), &shot))
    }
}

/// A shot's page: under its episode's when it has one.
fn shot_web_url(root: &str, shot: &Shot) -> String {
    let project = shot.project_id.map(|id| id.to_string()).unwrap_or_default();
    match shot.episode_id {
        Some(episode) => format!(
            "{root}/productions/{project}/episodes/{episode}/shots/{}/",
            shot.id
        ),
        None => format!("{root}/productions/{project}/shots/{}/", shot.id),
    }
}

/// Shots by name in a sequence (`data/shots/all?sequence_id=&name=`), for the sequence handle.
pub(crate) async fn shot_by_name(
    client: &Client,
    sequence: kitsu_core::ids::SequenceId,
    name: &str,
) -> Result<Option<Shot>, ApiError> {
    client
        .fetch_first(
            routes::all_shots(),
            &Query::new()
                .param("sequence_id", sequence)
                .param("name", name),
        )
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_follow_the_episode() {
        let mut shot: Shot = serde_json::from_value(json!({
            "id": "6093b5a1-8dda-4d99-a5c7-ff30aa9111f8", "name": "SH010",
            "project_id": "6ca3f4c2-0197-41ea-8e29-66b17ca65c4e", "episode_id": null
        }))
        .unwrap();
        assert_eq!(
            shot_web_url("https://k.studio", &shot),
            "https://k.studio/productions/6ca3f4c2-0197-41ea-8e29-66b17ca65c4e/shots/6093b5a1-8dda-4d99-a5c7-ff30aa9111f8/"
        );
        shot.episode_id = "540617f9-e08e-450c-9e99-554c86ac5597".parse().ok();
        assert_eq!(
            shot_web_url("https://k.studio", &shot),
            "https://k.studio/productions/6ca3f4c2-0197-41ea-8e29-66b17ca65c4e/episodes/540617f9-e08e-450c-9e99-554c86ac5597/shots/6093b5a1-8dda-4d99-a5c7-ff30aa9111f8/"
        );
    }
}
