//! A project's breakdown of episodes, sequences, shots, scenes, edits and concepts: lists,
//! lookups by name, creation (with gazu's get-or-create as [`NewEntity::get_or_create`]),
//! CSV and OpenTimelineIO imports, the CSV export, and the web UI's list pages.

use std::path::Path;

use kitsu_core::ids::{EpisodeId, PersonId, SequenceId};
use kitsu_core::routes;
use serde_json::Value;

use super::ProjectHandle;
use super::entity_common::{by_name, web_root};
use super::{NewConcept, NewEdit, NewEntity, NewEpisode, NewScene, NewSequence, NewShot};
use crate::models::{Concept, Edit, Episode, Scene, Sequence, Shot};
use crate::{ApiError, Query, Upload};

impl ProjectHandle {
    /// Its episodes (TV shows), sorted by name.
    #[doc(alias = "all_episodes_for_project")]
    pub async fn episodes(&self) -> Result<Vec<Episode>, ApiError> {
        let rows = self
            .client()
            .fetch_all(routes::project_episodes(self.id()))
            .await?;
        Ok(by_name(rows, |row: &Episode| &row.name))
    }

    /// Its episode of that name, if any.
    #[doc(alias = "get_episode_by_name")]
    pub async fn episode_by_name(&self, name: &str) -> Result<Option<Episode>, ApiError> {
        self.client()
            .collection::<Episode>()
            .first(
                &Query::new()
                    .param("project_id", self.id())
                    .param("name", name),
            )
            .await
    }

    /// A new episode: `.await` creates it, [`NewEntity::get_or_create`] first looks for one
    /// of that name in the project (gazu's `new_episode`).
    #[doc(alias = "shot.new_episode")]
    pub fn new_episode(&self, name: impl Into<String>) -> NewEpisode {
        let name = name.into();
        NewEntity::new(
            self.client().clone(),
            routes::project_episodes(self.id()),
            name.clone(),
        )
        .lookup(
            routes::collection("episodes"),
            [("project_id", self.id().to_string()), ("name", name)],
        )
    }

    /// Its sequence of that name, if any (any episode's; an episode's with
    /// [`EpisodeHandle::sequence_by_name`](super::EpisodeHandle::sequence_by_name)).
    #[doc(alias = "get_sequence_by_name")]
    pub async fn sequence_by_name(&self, name: &str) -> Result<Option<Sequence>, ApiError> {
        self.client()
            .collection::<Sequence>()
            .first(
                &Query::new()
                    .param("project_id", self.id())
                    .param("name", name),
            )
            .await
    }

    /// A new sequence, in an episode with [`NewSequence::episode`]: `.await` creates it,
    /// [`NewEntity::get_or_create`] first looks for one of that name in the project (in the
    /// episode, when given), as gazu's `new_sequence`.
    #[doc(alias = "shot.new_sequence")]
    pub fn new_sequence(&self, name: impl Into<String>) -> NewSequence {
        let name = name.into();
        NewEntity::new(
            self.client().clone(),
            routes::project_sequences(self.id()),
            name.clone(),
        )
        .lookup(
            routes::collection("sequences"),
            [("project_id", self.id().to_string()), ("name", name)],
        )
    }

    /// A new shot in one of its sequences, with `frame_in`, `frame_out` (kept in its `data`),
    /// `nb_frames`, `description`, `data` on the builder: `.await` creates it,
    /// [`NewEntity::get_or_create`] first looks for one of that name in the sequence, as
    /// gazu's `new_shot`.
    #[doc(alias = "shot.new_shot")]
    pub fn new_shot(&self, sequence: SequenceId, name: impl Into<String>) -> NewShot {
        let name = name.into();
        NewEntity::new(
            self.client().clone(),
            routes::project_shots(self.id()),
            name.clone(),
        )
        .with_empty_data()
        .field("sequence_id", sequence.to_string())
        .lookup(
            routes::all_shots(),
            [("sequence_id", sequence.to_string()), ("name", name)],
        )
    }

    /// Its layout scenes, sorted by name.
    #[doc(alias = "all_scenes_for_project")]
    pub async fn scenes(&self) -> Result<Vec<Scene>, ApiError> {
        let rows = self
            .client()
            .fetch_all(routes::project_scenes(self.id()))
            .await?;
        Ok(by_name(rows, |row: &Scene| &row.name))
    }

    /// A new layout scene in one of its sequences: `.await` creates it (as gazu's
    /// `new_scene`, which does not look first); [`NewEntity::get_or_create`] first looks for
    /// one of that name in the sequence.
    #[doc(alias = "scene.new_scene")]
    pub fn new_scene(&self, sequence: SequenceId, name: impl Into<String>) -> NewScene {
        let name = name.into();
        NewEntity::new(
            self.client().clone(),
            routes::project_scenes(self.id()),
            name.clone(),
        )
        .field("sequence_id", sequence.to_string())
        .lookup(
            routes::all_scenes(),
            [("parent_id", sequence.to_string()), ("name", name)],
        )
    }

    /// Its edits, sorted by name.
    #[doc(alias = "all_edits_for_project")]
    pub async fn edits(&self) -> Result<Vec<Edit>, ApiError> {
        let rows = self
            .client()
            .fetch_all(routes::project_edits(self.id()))
            .await?;
        Ok(by_name(rows, |row: &Edit| &row.name))
    }

    /// Its edit of that name, if any.
    #[doc(alias = "get_edit_by_name")]
    pub async fn edit_by_name(&self, name: &str) -> Result<Option<Edit>, ApiError> {
        self.client()
            .fetch_first(
                routes::all_edits(),
                &Query::new()
                    .param("project_id", self.id())
                    .param("name", name),
            )
            .await
    }

    /// A new edit, in an episode with [`NewEdit::episode`]: `.await` creates it,
    /// [`NewEntity::get_or_create`] first looks for one of that name in the project, as
    /// gazu's `new_edit`.
    #[doc(alias = "edit.new_edit")]
    pub fn new_edit(&self, name: impl Into<String>) -> NewEdit {
        let name = name.into();
        NewEntity::new(
            self.client().clone(),
            routes::project_edits(self.id()),
            name.clone(),
        )
        .with_empty_data()
        .lookup(
            routes::all_edits(),
            [("project_id", self.id().to_string()), ("name", name)],
        )
    }

    /// Its concepts, sorted by name.
    #[doc(alias = "all_concepts_for_project")]
    pub async fn concepts(&self) -> Result<Vec<Concept>, ApiError> {
        let rows = self
            .client()
            .fetch_all(routes::project_concepts(self.id()))
            .await?;
        Ok(by_name(rows, |row: &Concept| &row.name))
    }

    /// Its concept of that name, if any.
    #[doc(alias = "get_concept_by_name")]
    pub async fn concept_by_name(&self, name: &str) -> Result<Option<Concept>, ApiError> {
        self.client()
            .collection::<Concept>()
            .first(
                &Query::new()
                    .param("project_id", self.id())
                    .param("name", name),
            )
            .await
    }

    /// A new concept, linked to the entities it depicts with [`NewConcept::links`]: `.await`
    /// creates it, [`NewEntity::get_or_create`] first looks for one of that name in the
    /// project, as gazu's `new_concept`.
    #[doc(alias = "concept.new_concept")]
    pub fn new_concept(&self, name: impl Into<String>) -> NewConcept {
        let name = name.into();
        NewEntity::new(
            self.client().clone(),
            routes::project_concepts(self.id()),
            name.clone(),
        )
        .with_empty_data()
        .field("entity_concept_links", Vec::<Value>::new())
        .lookup(
            routes::collection("concepts"),
            [("project_id", self.id().to_string()), ("name", name)],
        )
    }

    /// Imports shots from a CSV file (as Kitsu exports it); answers the shots made or changed.
    #[doc(alias = "import_shots_with_csv")]
    pub async fn import_shots_csv(&self, file: impl AsRef<Path>) -> Result<Vec<Shot>, ApiError> {
        self.client()
            .upload_as(
                routes::import_shots_csv(self.id()),
                Upload::file(file.as_ref()),
            )
            .await
    }

    /// Imports shots from an OpenTimelineIO file (any format OTIO reads, by its extension):
    /// set the episode, naming convention and case matching on the builder, then `.await` it.
    #[doc(alias = "shot.import_otio")]
    pub fn import_otio(&self, file: impl AsRef<Path>) -> ImportOtio {
        ImportOtio {
            project: self.clone(),
            file: file.as_ref().to_owned(),
            episode: None,
            naming_convention: None,
            match_case: true,
        }
    }

    /// Writes its shots as CSV into `destination` (atomically, as [`crate::Client::download`]),
    /// only an episode's and only those with tasks assigned to someone when given. Answers the
    /// number of bytes written.
    #[doc(alias = "export_shots_with_csv")]
    pub async fn export_shots_csv(
        &self,
        destination: impl AsRef<Path>,
        episode: Option<EpisodeId>,
        assigned_to: Option<PersonId>,
    ) -> Result<u64, ApiError> {
        let mut query = Query::new();
        if let Some(episode) = episode {
            query = query.param("episode_id", episode);
        }
        if let Some(person) = assigned_to {
            query = query.param("assigned_to", person);
        }
        let mut path = routes::export_shots_csv(self.id());
        if !query.is_empty() {
            path = format!("{path}?{}", query.encoded());
        }
        self.client().download(path, destination).await
    }

    /// The page of its episodes in Kitsu's web UI (no request).
    #[doc(alias = "get_all_episodes_url")]
    pub fn episodes_web_url(&self) -> String {
        format!(
            "{}/productions/{}/episodes/",
            web_root(self.client()),
            self.id()
        )
    }

    /// The page of its sequences in Kitsu's web UI (no request).
    #[doc(alias = "get_all_sequences_url")]
    pub fn sequences_web_url(&self) -> String {
        format!(
            "{}/productions/{}/sequences/",
            web_root(self.client()),
            self.id()
        )
    }
}

/// An OpenTimelineIO import: `project.import_otio("cut.otio").episode(e).await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct ImportOtio {
    project: ProjectHandle,
    file: std::path::PathBuf,
    episode: Option<EpisodeId>,
    naming_convention: Option<String>,
    match_case: bool,
}

impl ImportOtio {
    /// Into this episode's sequences (the default naming convention then has the episode).
    pub fn episode(mut self, episode: EpisodeId) -> Self {
        self.episode = Some(episode);
        self
    }

    /// How clip names map to shots (`${project_name}_${sequence_name}-${shot_name}` by
    /// default, `${project_name}_${episode_name}-${sequence_name}-${shot_name}` in an episode).
    pub fn naming_convention(mut self, template: impl Into<String>) -> Self {
        self.naming_convention = Some(template.into());
        self
    }

    /// Whether shot names match case-sensitively (they do by default).
    pub fn match_case(mut self, match_case: bool) -> Self {
        self.match_case = match_case;
        self
    }

    /// The naming convention sent: the one set, or gazu's default for the import's target.
    fn convention(&self) -> String {
        self.naming_convention.clone().unwrap_or_else(|| {
            if self.episode.is_some() {
                "${project_name}_${episode_name}-${sequence_name}-${shot_name}".into()
            } else {
                "${project_name}_${sequence_name}-${shot_name}".into()
            }
        })
    }
}

impl std::future::IntoFuture for ImportOtio {
    /// The shots made and changed (`created_shots`, `updated_shots`).
    type Output = Result<OtioImport, ApiError>;
    type IntoFuture = futures_util::future::BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let project = self.project.id();
            let route = match self.episode {
                Some(episode) => routes::import_otio_episode(project, episode),
                None => routes::import_otio(project),
            };
            let upload = Upload::file(&self.file)
                .field("naming_convention", self.convention())
                // As Python's form encoding writes a boolean.
                .field("match_case", if self.match_case { "True" } else { "False" });
            self.project.client().upload_as(route, upload).await
        })
    }
}

/// What an OpenTimelineIO import did.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize, PartialEq)]
pub struct OtioImport {
    /// The shots it made.
    #[serde(default)]
    pub created_shots: Vec<Shot>,
    /// The shots it changed (frame ranges…).
    #[serde(default)]
    pub updated_shots: Vec<Shot>,
}

#[cfg(test)]
mod tests {

    #[test]
    fn otio_naming_follows_the_episode() {
        let client =
            crate::Client::new(kitsu_transport::Transport::new("https://k.studio/api").unwrap());
        let project = client.project("6ca3f4c2-0197-41ea-8e29-66b17ca65c4e".parse().unwrap());
        let import = project.import_otio("cut.otio");
        assert_eq!(
            import.convention(),
            "${project_name}_${sequence_name}-${shot_name}"
        );
        let import = import.episode("540617f9-e08e-450c-9e99-554c86ac5597".parse().unwrap());
        assert_eq!(
            import.convention(),
            "${project_name}_${episode_name}-${sequence_name}-${shot_name}"
        );
        assert_eq!(
            project.episodes_web_url(),
            "https://k.studio/productions/6ca3f4c2-0197-41ea-8e29-66b17ca65c4e/episodes/"
        );
        assert_eq!(
            project.sequences_web_url(),
            "https://k.studio/productions/6ca3f4c2-0197-41ea-8e29-66b17ca65c4e/sequences/"
        );
    }
}
