//! [`ShotHandle`]: one shot.

use kitsu_core::ids::ShotId;
use kitsu_core::routes;
use serde::Serialize;

use crate::models::{Shot, Task};
use crate::{ApiError, Client, Collection};

/// One shot (`client.shot(id)`).
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

    /// The shot, with its tasks in `other["tasks"]`.
    #[doc(alias = "get_shot")]
    pub async fn get(&self) -> Result<Shot, ApiError> {
        self.rows().get(self.id).await
    }

    /// Its tasks, with their type, status and entity names.
    #[doc(alias = "all_tasks_for_shot")]
    pub async fn tasks(&self) -> Result<Vec<Task>, ApiError> {
        self.client.fetch_all(routes::shot_tasks(self.id)).await
    }

    /// Changes its fields (`description`, `nb_frames`, `data`…).
    #[doc(alias = "update_shot")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Shot, ApiError> {
        self.rows().update(self.id, changes).await
    }

    /// Deletes it: the first time Zou marks it canceled, the second time it is gone.
    #[doc(alias = "remove_shot")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }
}
