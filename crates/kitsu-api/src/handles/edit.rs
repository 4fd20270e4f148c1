//! [`EditHandle`]: one edit.

use std::collections::BTreeMap;

use kitsu_core::ids::{EditId, TaskTypeId};
use kitsu_core::routes;
use serde::Serialize;

use super::entity_common::{update_entity, update_entity_data, web_root};
use crate::models::{Edit, PreviewFile};
use crate::{ApiError, Client, Collection};

/// One edit (`kitsu.edit(id)`): get, change, delete; its previews and web page.
#[derive(Clone, Debug)]
pub struct EditHandle {
    client: Client,
    id: EditId,
}

impl EditHandle {
    /// Its id.
    pub fn id(&self) -> EditId {
        self.id
    }

    fn rows(&self) -> Collection<Edit> {
        self.client.collection()
    }

    /// The edit, with its tasks in `other["tasks"]` and its project's and episode's names.
    #[doc(alias = "get_edit")]
    pub async fn get(&self) -> Result<Edit, ApiError> {
        self.rows().get(self.id).await
    }

    /// Changes its fields (`name`, `description`, `data`…; `data` is replaced whole: see
    /// [`EditHandle::update_data`]). Sent as gazu sends it: `PUT data/entities/<id>`.
    #[doc(alias = "update_edit")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Edit, ApiError> {
        update_entity(&self.client, self.id.uuid(), changes).await
    }

    /// Merges keys into its free `data` (keys not given are kept).
    #[doc(alias = "update_edit_data")]
    pub async fn update_data(&self, data: &(impl Serialize + ?Sized)) -> Result<Edit, ApiError> {
        let route = routes::collection_item("edits", self.id.uuid());
        update_entity_data(&self.client, route, self.id.uuid(), data).await
    }

    /// Deletes it: an edit with tasks is only marked canceled, one without is gone.
    #[doc(alias = "remove_edit")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Deletes it for good, tasks and all (gazu's `remove_edit(edit, force=True)`).
    pub async fn delete_forever(&self) -> Result<(), ApiError> {
        self.rows().delete_forever(self.id).await
    }

    /// Its preview files, by task type (newest revision first).
    #[doc(alias = "all_previews_for_edit")]
    pub async fn previews(&self) -> Result<BTreeMap<TaskTypeId, Vec<PreviewFile>>, ApiError> {
        self.client.get(routes::edit_preview_files(self.id)).await
    }

    /// Its page in Kitsu's web UI (reads the edit for its project and episode).
    #[doc(alias = "get_edit_url")]
    pub async fn web_url(&self) -> Result<String, ApiError> {
        let edit = self.get().await?;
        let root = web_root(&self.client);
        let project = edit.project_id.map(|id| id.to_string()).unwrap_or_default();
        Ok(match edit.episode_id {
            Some(episode) => format!(
                "{root}/productions/{project}/episodes/{episode}/edits/{}/",
                edit.id
            ),
            None => format!("{root}/productions/{project}/edits/{}/", edit.id),
        })
    }
}

impl Client {
    /// One edit: its previews, changes.
    pub fn edit(&self, id: EditId) -> EditHandle {
        EditHandle {
            client: self.clone(),
            id,
        }
    }
}
