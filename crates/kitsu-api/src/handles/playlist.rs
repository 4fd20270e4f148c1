//! Playlists: [`PlaylistHandle`] (`kitsu.playlist(id)`), the project's and episode's lists,
//! [`NewPlaylist`] (gazu's get-or-create `new_playlist`), adding entities with their latest
//! preview, building a playlist from shots, and downloading its movies concurrently.

use std::collections::BTreeMap;
use std::fmt;
use std::future::IntoFuture;
use std::path::{Path, PathBuf};

use futures_util::future::BoxFuture;
use kitsu_core::ids::{
    BuildJobId, EntityId, EpisodeId, PlaylistId, PreviewFileId, ProjectId, TaskTypeId,
};
use kitsu_core::routes;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::ProjectHandle;
use crate::models::{BuildJob, Episode, Playlist, PlaylistEntry, PlaylistShareLink, PreviewFile};
use crate::{ApiError, Client, Collection, Query};

/// gazu's `sort_by_name`: by name, case-insensitively.
fn sorted_by_name(mut playlists: Vec<Playlist>) -> Vec<Playlist> {
    playlists.sort_by_key(|playlist| playlist.name.to_lowercase());
    playlists
}

/// The newest preview among the first (latest) of each task type, as gazu's
/// `add_entity_to_playlist` picks it.
pub(crate) fn latest_preview(
    by_task_type: &BTreeMap<TaskTypeId, Vec<PreviewFile>>,
) -> Option<&PreviewFile> {
    by_task_type
        .values()
        .filter_map(|revisions| revisions.first())
        .fold(None, |best: Option<&PreviewFile>, candidate| match best {
            Some(best) if best.created_at >= candidate.created_at => Some(best),
            _ => Some(candidate),
        })
}

impl Collection<Playlist> {
    /// Every playlist of every project, by name.
    #[doc(alias = "all_playlists")]
    pub async fn all(&self) -> Result<Vec<Playlist>, ApiError> {
        Ok(sorted_by_name(self.list().await?))
    }

    /// The playlist of this name in a project, if any.
    #[doc(alias = "get_playlist_by_name")]
    pub async fn by_name(
        &self,
        project: ProjectId,
        name: &str,
    ) -> Result<Option<Playlist>, ApiError> {
        self.first(
            &Query::new()
                .param("project_id", project)
                .param("name", name),
        )
        .await
    }

    /// An episode's playlists, by name (reads the episode for its project).
    #[doc(alias = "all_playlists_for_episode")]
    pub async fn for_episode(&self, episode: EpisodeId) -> Result<Vec<Playlist>, ApiError> {
        let episode: Episode = self.client().collection::<Episode>().get(episode).await?;
        let project = episode.project_id.ok_or_else(|| ApiError::InvalidInput {
            what: "episode",
            value: episode.id.to_string(),
            reason: "Zou gave the episode no project",
        })?;
        let playlists = self
            .client()
            .fetch_all(routes::episode_playlists(project, episode.id))
            .await?;
        Ok(sorted_by_name(playlists))
    }

    /// An entity's preview files, by task type, newest revision first: what a playlist can
    /// show of it.
    #[doc(alias = "get_entity_preview_files")]
    pub async fn entity_previews(
        &self,
        entity: impl Into<EntityId>,
    ) -> Result<BTreeMap<TaskTypeId, Vec<PreviewFile>>, ApiError> {
        self.client()
            .get(routes::playlist_entity_preview_files(entity.into()))
            .await
    }
}

impl ProjectHandle {
    /// One page of the project's playlists (Zou pages them, most recently changed first;
    /// pages start at 1), sorted by name. [`ProjectHandle::all_playlists`] reads every page.
    #[doc(alias = "all_playlists_for_project")]
    pub async fn playlists(&self, page: u32) -> Result<Vec<Playlist>, ApiError> {
        let playlists = self
            .client()
            .fetch_all_with(
                routes::project_playlists(self.id()),
                &Query::new().param("page", page.max(1)),
            )
            .await?;
        Ok(sorted_by_name(playlists))
    }

    /// Every playlist of the project, every page read, sorted by name.
    pub async fn all_playlists(&self) -> Result<Vec<Playlist>, ApiError> {
        let mut all = Vec::new();
        for page in 1u32.. {
            let playlists: Vec<Playlist> = self
                .client()
                .fetch_all_with(
                    routes::project_playlists(self.id()),
                    &Query::new().param("page", page),
                )
                .await?;
            let seen = all.len();
            for playlist in playlists {
                if !all.iter().any(|known: &Playlist| known.id == playlist.id) {
                    all.push(playlist);
                }
            }
            if all.len() == seen {
                break;
            }
        }
        Ok(sorted_by_name(all))
    }

    /// A new playlist in the project (of shots by default); `.get_or_create()` is gazu's
    /// `new_playlist` (the one of that name if it exists).
    #[doc(alias = "playlist.new_playlist")]
    pub fn new_playlist(&self, name: impl Into<String>) -> NewPlaylist {
        let mut fields = Map::new();
        fields.insert("name".into(), Value::String(name.into()));
        fields.insert("project_id".into(), json!(self.id()));
        fields.insert("for_entity".into(), json!("shot"));
        fields.insert("for_client".into(), json!(false));
        fields.insert("is_for_all".into(), json!(false));
        NewPlaylist {
            client: self.client().clone(),
            project: self.id(),
            fields,
            get_or_create: false,
        }
    }

    /// A playlist of these shots (or other entities), each with its latest preview: the one
    /// of that name if it exists, with the entities added in order.
    pub async fn playlist_from_shots(
        &self,
        name: impl Into<String>,
        shots: impl IntoIterator<Item = impl Into<EntityId>>,
    ) -> Result<Playlist, ApiError> {
        let playlist = self.new_playlist(name).get_or_create().await?;
        let handle = self.client().playlist(playlist.id);
        let mut current = playlist;
        for shot in shots {
            current = handle.add_entity(shot).await?;
        }
        Ok(current)
    }

    /// The project's build jobs (movies built from its playlists).
    #[doc(alias = "all_build_jobs_for_project")]
    pub async fn build_jobs(&self) -> Result<Vec<BuildJob>, ApiError> {
        self.client()
            .fetch_all(routes::project_build_jobs(self.id()))
            .await
    }

    /// A temporary playlist (not saved) of tasks or entities: `{"task_ids": […]}` or
    /// `{"entity_ids": […]}`; answers its entries.
    #[doc(alias = "generate_temp_playlist")]
    pub async fn temp_playlist(
        &self,
        selection: &(impl Serialize + ?Sized),
    ) -> Result<Vec<Value>, ApiError> {
        self.client()
            .post(routes::project_temp_playlist(self.id()), selection)
            .await
    }
}

/// A new playlist: `project.new_playlist("Dailies").episode(id).for_client(true).await`;
/// `.get_or_create()` returns the one of that name if it exists.
#[must_use = "a builder does nothing until awaited"]
pub struct NewPlaylist {
    client: Client,
    project: ProjectId,
    fields: Map<String, Value>,
    get_or_create: bool,
}

impl NewPlaylist {
    /// Puts it under an episode (TV shows).
    pub fn episode(mut self, episode: EpisodeId) -> Self {
        self.fields.insert("episode_id".into(), json!(episode));
        self
    }

    /// What it holds: `shot` (the default), `asset`, `sequence`, `edit` or `episode`.
    pub fn for_entity(mut self, kind: &str) -> Self {
        self.fields.insert("for_entity".into(), json!(kind));
        self
    }

    /// Whether clients see it.
    pub fn for_client(mut self, for_client: bool) -> Self {
        self.fields.insert("for_client".into(), json!(for_client));
        self
    }

    /// Without an episode: under "All Assets" rather than "Main Pack" in Kitsu.
    pub fn is_for_all(mut self, is_for_all: bool) -> Self {
        self.fields.insert("is_for_all".into(), json!(is_for_all));
        self
    }

    /// Sets any other field Zou takes.
    pub fn field(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(name.to_owned(), value.into());
        self
    }

    /// Returns the playlist of that name in the project if there is one, else creates it
    /// (gazu's `new_playlist`).
    pub fn get_or_create(mut self) -> Self {
        self.get_or_create = true;
        self
    }
}

impl fmt::Debug for NewPlaylist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewPlaylist")
            .field("fields", &self.fields)
            .field("get_or_create", &self.get_or_create)
            .finish_non_exhaustive()
    }
}

impl IntoFuture for NewPlaylist {
    type Output = Result<Playlist, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let playlists = self.client.playlists();
            if self.get_or_create {
                let name = self
                    .fields
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                if let Some(found) = playlists.by_name(self.project, name).await? {
                    return Ok(found);
                }
            }
            playlists.create(&self.fields).await
        })
    }
}

/// One playlist (`kitsu.playlist(id)`): read, change, add and remove entities, build and
/// download its movies, share it.
#[derive(Clone, Debug)]
pub struct PlaylistHandle {
    client: Client,
    id: PlaylistId,
}

impl Client {
    /// One playlist: its entities, movies, share links.
    pub fn playlist(&self, id: PlaylistId) -> PlaylistHandle {
        PlaylistHandle {
            client: self.clone(),
            id,
        }
    }
}

impl PlaylistHandle {
    /// Its id.
    pub fn id(&self) -> PlaylistId {
        self.id
    }

    fn rows(&self) -> Collection<Playlist> {
        self.client.collection()
    }

    /// The playlist, with its entries in `shots` ([`Playlist::entries`]) and its build jobs.
    #[doc(alias = "get_playlist")]
    pub async fn get(&self) -> Result<Playlist, ApiError> {
        self.rows().get(self.id).await
    }

    /// Its entries: each entity with the preview under review, in order.
    #[doc(alias = "all_shots_for_playlist")]
    pub async fn entries(&self) -> Result<Vec<PlaylistEntry>, ApiError> {
        Ok(self.get().await?.entries())
    }

    /// Changes its fields (`name`, `for_client`, `shots`…: `shots` is replaced whole).
    #[doc(alias = "update_playlist")]
    pub async fn update(&self, changes: &(impl Serialize + ?Sized)) -> Result<Playlist, ApiError> {
        self.rows().update(self.id, changes).await
    }

    /// Deletes it.
    #[doc(alias = "delete_playlist")]
    pub async fn delete(&self) -> Result<(), ApiError> {
        self.rows().delete(self.id).await
    }

    /// Adds an entity with its latest preview (the newest of the latest revisions of each
    /// task type); `.preview(id)` reviews a given one. Answers the changed playlist.
    #[doc(alias = "add_entity_to_playlist")]
    pub fn add_entity(&self, entity: impl Into<EntityId>) -> AddToPlaylist {
        AddToPlaylist {
            playlist: self.clone(),
            entity: entity.into(),
            preview: None,
        }
    }

    /// Removes every occurrence of an entity (reads the playlist, writes its entries back).
    #[doc(alias = "remove_entity_from_playlist")]
    pub async fn remove_entity(&self, entity: impl Into<EntityId>) -> Result<Playlist, ApiError> {
        let entity = entity.into();
        self.rewrite_entries(|entries| entries.retain(|entry| entry.entity_id != entity))
            .await
    }

    /// Reviews another preview of an entity already in it (reads the playlist, writes its
    /// entries back).
    #[doc(alias = "update_entity_preview")]
    pub async fn set_entity_preview(
        &self,
        entity: impl Into<EntityId>,
        preview: PreviewFileId,
    ) -> Result<Playlist, ApiError> {
        let entity = entity.into();
        self.rewrite_entries(|entries| {
            for entry in entries.iter_mut().filter(|entry| entry.entity_id == entity) {
                entry.preview_file_id = Some(preview);
            }
        })
        .await
    }

    async fn rewrite_entries(
        &self,
        change: impl FnOnce(&mut Vec<PlaylistEntry>),
    ) -> Result<Playlist, ApiError> {
        let mut entries = self.get().await?.entries();
        change(&mut entries);
        self.update(&json!({ "shots": entries })).await
    }

    /// One of its build jobs.
    #[doc(alias = "get_build_job")]
    pub async fn build_job(&self, job: BuildJobId) -> Result<BuildJob, ApiError> {
        self.client
            .get(routes::playlist_build_job(self.id, job))
            .await
    }

    /// Removes one of its build jobs (and the movie).
    #[doc(alias = "playlist.remove_build_job")]
    pub async fn remove_build_job(&self, job: BuildJobId) -> Result<(), ApiError> {
        self.client
            .delete(routes::playlist_build_job(self.id, job))
            .await
    }

    /// Starts building its movie (managers); answers the build job. Without Zou's job queue
    /// the movie is built before Zou answers.
    #[doc(alias = "build_playlist_movie")]
    pub async fn build_movie(&self) -> Result<BuildJob, ApiError> {
        self.client.get(routes::playlist_build_movie(self.id)).await
    }

    /// Downloads the movie a build job made, atomically (as [`Client::download`]).
    #[doc(alias = "download_playlist_build")]
    pub async fn download_build(
        &self,
        job: BuildJobId,
        destination: impl AsRef<Path>,
    ) -> Result<u64, ApiError> {
        self.client
            .download(routes::playlist_build_download(self.id, job), destination)
            .await
    }

    /// Downloads its previews as one zip file, atomically.
    #[doc(alias = "download_playlist_zip")]
    pub async fn download_zip(&self, destination: impl AsRef<Path>) -> Result<u64, ApiError> {
        self.client
            .download(routes::playlist_zip(self.id), destination)
            .await
    }

    /// Downloads the preview under review of each entry into `directory` (named
    /// `<preview id>.<extension>`), at most `limit` at a time (the client's in-flight cap
    /// bounds them too), each atomic. Answers the paths, in the playlist's order; entries
    /// without a preview are skipped.
    pub async fn download_movies(
        &self,
        directory: impl AsRef<Path>,
        limit: usize,
    ) -> Result<Vec<PathBuf>, ApiError> {
        let directory = directory.as_ref();
        let previews: Vec<PreviewFileId> = self
            .entries()
            .await?
            .into_iter()
            .filter_map(|entry| entry.preview_file_id)
            .collect();
        let client = &self.client;
        crate::concurrent::try_map(previews, limit, |preview| async move {
            let preview: PreviewFile = client.preview_files().get(preview).await?;
            let extension = preview.extension.clone().unwrap_or_else(|| "mp4".into());
            let path = directory.join(format!("{}.{extension}", preview.id));
            client.download_preview(&preview, &path).await?;
            Ok(path)
        })
        .await
    }

    /// Tells its clients it is ready (a `playlist-ready` notification).
    #[doc(alias = "notify_clients_playlist_ready")]
    pub async fn notify_clients(&self) -> Result<Value, ApiError> {
        self.client
            .post(routes::playlist_notify_clients(self.id), &json!({}))
            .await
    }

    /// A new share link (managers): `.expires(date)`, `.password("…")`, `.can_comment(false)`.
    #[doc(alias = "new_share_link")]
    pub fn share(&self) -> NewShareLink {
        let mut fields = Map::new();
        fields.insert("can_comment".into(), json!(true));
        NewShareLink {
            client: self.client.clone(),
            route: routes::playlist_share_links(self.id),
            fields,
        }
    }

    /// Its active share links.
    #[doc(alias = "all_share_links_for_playlist")]
    pub async fn share_links(&self) -> Result<Vec<PlaylistShareLink>, ApiError> {
        self.client
            .fetch_all(routes::playlist_share_links(self.id))
            .await
    }

    /// Revokes a share link, by its token.
    #[doc(alias = "remove_share_link")]
    pub async fn revoke_share_link(&self, token: &str) -> Result<(), ApiError> {
        self.client
            .delete(routes::playlist_share_link(self.id, token))
            .await
    }
}

/// Adding an entity to a playlist: awaited, it posts it with `.preview(id)` or its latest
/// preview.
#[must_use = "a builder does nothing until awaited"]
#[derive(Debug)]
pub struct AddToPlaylist {
    playlist: PlaylistHandle,
    entity: EntityId,
    preview: Option<PreviewFileId>,
}

impl AddToPlaylist {
    /// Reviews this preview rather than the latest.
    pub fn preview(mut self, preview: PreviewFileId) -> Self {
        self.preview = Some(preview);
        self
    }
}

impl IntoFuture for AddToPlaylist {
    type Output = Result<Playlist, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let client = &self.playlist.client;
            let preview = match self.preview {
                Some(preview) => Some(preview),
                None => {
                    let previews = client.playlists().entity_previews(self.entity).await?;
                    latest_preview(&previews).map(|preview| preview.id)
                }
            };
            let mut entry = json!({ "entity_id": self.entity });
            if let (Some(preview), Some(fields)) = (preview, entry.as_object_mut()) {
                fields.insert("preview_file_id".into(), json!(preview));
            }
            client
                .post(routes::playlist_add_entity(self.playlist.id), &entry)
                .await
        })
    }
}

/// A new share link of a playlist, posted when awaited.
#[must_use = "a builder does nothing until awaited"]
#[derive(Debug)]
pub struct NewShareLink {
    client: Client,
    route: String,
    fields: Map<String, Value>,
}

impl NewShareLink {
    /// When it stops working (`2026-12-31` or an ISO date and time).
    pub fn expires(mut self, date: &str) -> Self {
        self.fields.insert("expiration_date".into(), json!(date));
        self
    }

    /// Whether guests may comment (yes by default).
    pub fn can_comment(mut self, can_comment: bool) -> Self {
        self.fields.insert("can_comment".into(), json!(can_comment));
        self
    }

    /// Protects it with a password.
    pub fn password(mut self, password: &str) -> Self {
        self.fields.insert("password".into(), json!(password));
        self
    }
}

impl IntoFuture for NewShareLink {
    type Output = Result<PlaylistShareLink, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.client.post(&self.route, &self.fields).await })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preview(id: &str, created_at: &str) -> PreviewFile {
        serde_json::from_value(json!({ "id": id, "created_at": created_at })).expect("a preview")
    }

    #[test]
    fn the_latest_preview_is_the_newest_first_revision_of_any_task_type() {
        let a: TaskTypeId = "00000000-0000-0000-0000-00000000000a".parse().expect("id");
        let b: TaskTypeId = "00000000-0000-0000-0000-00000000000b".parse().expect("id");
        let mut by_type = BTreeMap::new();
        by_type.insert(
            a,
            vec![
                preview(
                    "00000000-0000-0000-0000-000000000001",
                    "2026-01-02T00:00:00",
                ),
                preview(
                    "00000000-0000-0000-0000-000000000002",
                    "2026-03-01T00:00:00",
                ),
            ],
        );
        by_type.insert(
            b,
            vec![preview(
                "00000000-0000-0000-0000-000000000003",
                "2026-01-05T00:00:00",
            )],
        );
        let latest = latest_preview(&by_type).expect("a preview");
        assert_eq!(
            latest.id.to_string(),
            "00000000-0000-0000-0000-000000000003"
        );
        by_type.insert(b, vec![]);
        let latest = latest_preview(&by_type).expect("a preview");
        assert_eq!(
            latest.id.to_string(),
            "00000000-0000-0000-0000-000000000001"
        );
        assert!(latest_preview(&BTreeMap::new()).is_none());
    }

    #[test]
    fn entries_skip_what_is_not_an_entry() {
        let playlist: Playlist = serde_json::from_value(json!({
            "id": "00000000-0000-0000-0000-0000000000ff",
            "name": "Dailies",
            "shots": [
                {"entity_id": "00000000-0000-0000-0000-000000000001", "preview_file_id": null},
                {"nothing": true},
                {"entity_id": "00000000-0000-0000-0000-000000000002",
                 "preview_file_id": "00000000-0000-0000-0000-000000000003"}
            ]
        }))
        .expect("a playlist");
        let entries = playlist.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].preview_file_id, None);
        assert!(entries[1].preview_file_id.is_some());
    }
}
