//! [`Context`]: gazu's `context` module, the lists a tool shows, from the logged-in user's
//! point of view or the studio's.
//!
//! Zou has two sets of routes for these lists: the plain ones (`data/projects/<id>/sequences`)
//! answer everything a manager may see, the `data/user/…` ones only what the logged-in user has
//! tasks in. gazu leaves the choice to each call (`user_context=True`); here a [`Context`] makes
//! it once: [`Client::context`] asks Zou who is logged in and picks the user's routes for
//! anyone but an admin or a manager, [`Client::context_for`] takes the choice explicitly.

use kitsu_core::ids::{AssetId, AssetTypeId, EpisodeId, ProjectId, SceneId, SequenceId, ShotId};
use kitsu_core::routes;
use serde::de::DeserializeOwned;

use crate::models::{Asset, AssetType, Episode, Project, Scene, Sequence, Shot, TaskType};
use crate::{ApiError, Client};

impl Client {
    /// The lists a tool shows, through the user's routes for anyone but an admin or a manager
    /// (asks Zou who is logged in, once).
    pub async fn context(&self) -> Result<Context, ApiError> {
        let me = self.me().person().await?;
        Ok(self.context_for(user_routes_for(me.role.as_deref())))
    }

    /// The lists a tool shows, through the user's routes (`data/user/…`: only what the
    /// logged-in user has tasks in) when `user` is true, through the plain ones otherwise
    /// (gazu's `user_context` argument).
    pub fn context_for(&self, user: bool) -> Context {
        Context {
            client: self.clone(),
            user,
        }
    }
}

/// Whether someone of this role sees the lists through the user's routes: anyone but an admin
/// or a manager (who see the whole studio through the plain ones).
fn user_routes_for(role: Option<&str>) -> bool {
    !matches!(role, Some("admin" | "manager"))
}

/// gazu's `context` module (`kitsu.context().await?` or `kitsu.context_for(user)`): each list
/// through the user's routes or the plain ones, as chosen once.
#[derive(Clone, Debug)]
pub struct Context {
    client: Client,
    user: bool,
}

impl Context {
    /// Whether it goes through the user's routes.
    pub fn is_user(&self) -> bool {
        self.user
    }

    async fn list<T: DeserializeOwned>(
        &self,
        user: String,
        plain: String,
    ) -> Result<Vec<T>, ApiError> {
        self.client
            .fetch_all(if self.user { user } else { plain })
            .await
    }

    /// The open projects (the user's: those they have access to).
    #[doc(alias = "context.all_open_projects")]
    pub async fn open_projects(&self) -> Result<Vec<Project>, ApiError> {
        self.list(routes::user_open_projects(), routes::open_projects())
            .await
    }

    /// A project's assets (the same list either way: Zou filters it for the user).
    #[doc(alias = "context.all_assets_for_project")]
    pub async fn assets(&self, project: ProjectId) -> Result<Vec<Asset>, ApiError> {
        self.client.fetch_all(routes::project_assets(project)).await
    }

    /// A project's asset types.
    #[doc(alias = "context.all_asset_types_for_project")]
    pub async fn asset_types(&self, project: ProjectId) -> Result<Vec<AssetType>, ApiError> {
        self.list(
            routes::user_project_asset_types(project),
            routes::project_asset_types(project),
        )
        .await
    }

    /// A project's assets of one type.
    #[doc(alias = "context.all_assets_for_asset_type_and_project")]
    pub async fn assets_of_type(
        &self,
        project: ProjectId,
        asset_type: AssetTypeId,
    ) -> Result<Vec<Asset>, ApiError> {
        self.list(
            routes::user_project_asset_type_assets(project, asset_type),
            routes::project_asset_type_assets(project, asset_type),
        )
        .await
    }

    /// The task types of an asset's tasks.
    #[doc(alias = "context.all_task_types_for_asset")]
    pub async fn asset_task_types(&self, asset: AssetId) -> Result<Vec<TaskType>, ApiError> {
        self.list(
            routes::user_asset_task_types(asset),
            routes::asset_task_types(asset),
        )
        .await
    }

    /// The task types of a shot's tasks.
    #[doc(alias = "context.all_task_types_for_shot")]
    pub async fn shot_task_types(&self, shot: ShotId) -> Result<Vec<TaskType>, ApiError> {
        self.list(
            routes::user_shot_task_types(shot),
            routes::shot_task_types(shot),
        )
        .await
    }

    /// The task types of a scene's tasks.
    #[doc(alias = "context.all_task_types_for_scene")]
    pub async fn scene_task_types(&self, scene: SceneId) -> Result<Vec<TaskType>, ApiError> {
        self.list(
            routes::user_scene_task_types(scene),
            routes::scene_task_types(scene),
        )
        .await
    }

    /// The task types of a sequence's tasks.
    #[doc(alias = "context.all_task_types_for_sequence")]
    pub async fn sequence_task_types(
        &self,
        sequence: SequenceId,
    ) -> Result<Vec<TaskType>, ApiError> {
        self.list(
            routes::user_sequence_task_types(sequence),
            routes::sequence_task_types(sequence),
        )
        .await
    }

    /// A project's sequences.
    #[doc(alias = "context.all_sequences_for_project")]
    pub async fn sequences(&self, project: ProjectId) -> Result<Vec<Sequence>, ApiError> {
        self.list(
            routes::user_project_sequences(project),
            routes::project_sequences(project),
        )
        .await
    }

    /// A project's scenes (the same list either way, as in gazu).
    #[doc(alias = "context.all_scenes_for_project")]
    pub async fn scenes(&self, project: ProjectId) -> Result<Vec<Scene>, ApiError> {
        self.client.fetch_all(routes::project_scenes(project)).await
    }

    /// A sequence's shots.
    #[doc(alias = "context.all_shots_for_sequence")]
    pub async fn shots(&self, sequence: SequenceId) -> Result<Vec<Shot>, ApiError> {
        self.list(
            routes::user_sequence_shots(sequence),
            routes::sequence_shots(sequence),
        )
        .await
    }

    /// A sequence's scenes.
    #[doc(alias = "context.all_scenes_for_sequence")]
    pub async fn sequence_scenes(&self, sequence: SequenceId) -> Result<Vec<Scene>, ApiError> {
        self.list(
            routes::user_sequence_scenes(sequence),
            routes::sequence_scenes(sequence),
        )
        .await
    }

    /// An episode's sequences (the same list either way, as in gazu).
    #[doc(alias = "context.all_sequences_for_episode")]
    pub async fn episode_sequences(&self, episode: EpisodeId) -> Result<Vec<Sequence>, ApiError> {
        self.client
            .fetch_all(routes::episode_sequences(episode))
            .await
    }

    /// A project's episodes.
    #[doc(alias = "context.all_episodes_for_project")]
    pub async fn episodes(&self, project: ProjectId) -> Result<Vec<Episode>, ApiError> {
        self.list(
            routes::user_project_episodes(project),
            routes::project_episodes(project),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_and_managers_take_the_plain_routes() {
        for (role, user) in [
            (Some("admin"), false),
            (Some("manager"), false),
            (Some("supervisor"), true),
            (Some("user"), true),
            (Some("client"), true),
            (Some("vendor"), true),
            (None, true),
        ] {
            assert_eq!(user_routes_for(role), user, "{role:?}");
        }
    }
}
