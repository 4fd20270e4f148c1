//! [`NewEntity`]: the builder behind `new_episode`, `new_sequence`, `new_shot`, `new_scene`,
//! `new_edit`, `new_concept` and `new_asset`, with gazu's get-or-create named explicitly.

use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;

use futures_util::future::BoxFuture;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::models::{Asset, Concept, Edit, Episode, Scene, Sequence, Shot};
use crate::{ApiError, Client, Query};

/// An entity to create (an episode, a sequence, a shot…): its route and fields, posted when
/// awaited. [`NewEntity::get_or_create`] first looks for one of the same name where gazu's
/// `new_*` looks, and creates it only if there is none (gazu's `new_*` semantics).
///
/// ```no_run
/// # async fn demo(kitsu: kitsu_api::Client, project: kitsu_api::ids::ProjectId) -> Result<(), kitsu_api::ApiError> {
/// let project = kitsu.project(project);
/// let episode = project.new_episode("E01").get_or_create().await?;
/// let sequence = project.new_sequence("SQ01").episode(episode.id).get_or_create().await?;
/// let shot = project
///     .new_shot(sequence.id, "SH010")
///     .frame_in(1)
///     .frame_out(48)
///     .nb_frames(48)
///     .await?; // creates it, or fails if the sequence has one of that name
/// # Ok(()) }
/// ```
#[must_use = "a builder does nothing until awaited"]
pub struct NewEntity<T> {
    client: Client,
    route: String,
    fields: Map<String, Value>,
    /// The free `data`, sent when set (always for the kinds gazu always sends it for).
    data: Option<Map<String, Value>>,
    /// Where an entity of the same name is looked up, and with which filters.
    lookup: Option<(String, Vec<(String, String)>)>,
    kind: PhantomData<fn() -> T>,
}

/// A new episode: `project.new_episode("E01")`.
pub type NewEpisode = NewEntity<Episode>;
/// A new sequence: `project.new_sequence("SQ01").episode(episode)`.
pub type NewSequence = NewEntity<Sequence>;
/// A new shot: `project.new_shot(sequence, "SH010").frame_in(1).frame_out(48).nb_frames(48)`.
pub type NewShot = NewEntity<Shot>;
/// A new scene: `project.new_scene(sequence, "SC01")`.
pub type NewScene = NewEntity<Scene>;
/// A new edit: `project.new_edit("Cut").episode(episode)`.
pub type NewEdit = NewEntity<Edit>;
/// A new concept: `project.new_concept("Hero sketch").links([asset.entity()])`.
pub type NewConcept = NewEntity<Concept>;
/// A new asset: `project.new_asset(character, "Hero").description("…")`.
pub type NewAsset = NewEntity<Asset>;

impl<T> NewEntity<T> {
    pub(crate) fn new(client: Client, route: String, name: String) -> Self {
        let mut fields = Map::new();
        fields.insert("name".into(), Value::from(name));
        NewEntity {
            client,
            route,
            fields,
            data: None,
            lookup: None,
            kind: PhantomData,
        }
    }

    /// Sends `data` even when empty, as gazu does for this kind.
    pub(crate) fn with_empty_data(mut self) -> Self {
        self.data.get_or_insert_with(Map::new);
        self
    }

    /// Where [`NewEntity::get_or_create`] looks for one of the same name.
    pub(crate) fn lookup<const N: usize>(
        mut self,
        route: String,
        filters: [(&str, String); N],
    ) -> Self {
        let filters = filters
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
        self.lookup = Some((route, filters));
        self
    }

    /// Sets a field by name (one the typed setters do not cover).
    pub fn field(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(name.to_owned(), value.into());
        self
    }

    /// Its description.
    pub fn description(self, text: impl Into<String>) -> Self {
        self.field("description", text.into())
    }

    /// Its free data: the keys of `data` (an object) are added to what is set so far
    /// (`frame_in`, `frame_out`); anything but an object is ignored.
    pub fn data(mut self, data: Value) -> Self {
        if let Value::Object(entries) = data {
            self.data.get_or_insert_with(Map::new).extend(entries);
        }
        self
    }

    /// One key of its free data.
    pub fn data_entry(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.data
            .get_or_insert_with(Map::new)
            .insert(key.to_owned(), value.into());
        self
    }

    /// The body it posts.
    fn body(&self) -> Map<String, Value> {
        let mut body = self.fields.clone();
        if let Some(data) = &self.data {
            body.insert("data".into(), Value::Object(data.clone()));
        }
        body
    }
}

impl<T: DeserializeOwned + Send + 'static> NewEntity<T> {
    /// gazu's `new_*`: the entity of that name if there is one (looked up where gazu looks:
    /// in the project, the episode or the sequence), otherwise a new one. Safe to re-run.
    pub async fn get_or_create(self) -> Result<T, ApiError> {
        if let Some((route, filters)) = &self.lookup {
            let query: Query = filters.iter().map(|(k, v)| (k.as_str(), v)).collect();
            if let Some(found) = self.client.fetch_first(route, &query).await? {
                return Ok(found);
            }
        }
        self.create().await
    }

    /// Creates it (what awaiting the builder does).
    pub async fn create(self) -> Result<T, ApiError> {
        self.client.post(&self.route, &self.body()).await
    }
}

impl<T> fmt::Debug for NewEntity<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewEntity")
            .field("route", &self.route)
            .field("body", &self.body())
            .field("lookup", &self.lookup)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for NewEntity<T> {
    type Output = Result<T, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.create())
    }
}

impl NewShot {
    /// Its length in frames.
    pub fn nb_frames(self, frames: i64) -> Self {
        self.field("nb_frames", frames)
    }

    /// Its first frame (kept in its `data`, as gazu does).
    pub fn frame_in(self, frame: i64) -> Self {
        self.data_entry("frame_in", frame)
    }

    /// Its last frame (kept in its `data`, as gazu does).
    pub fn frame_out(self, frame: i64) -> Self {
        self.data_entry("frame_out", frame)
    }
}

impl NewSequence {
    /// In this episode (a TV show's sequences belong to one); the lookup of
    /// [`NewEntity::get_or_create`] is then by episode, as gazu's.
    pub fn episode(self, episode: kitsu_core::ids::EpisodeId) -> Self {
        self.field("episode_id", episode.to_string())
            .replace_lookup_filter("project_id", "episode_id", episode)
    }
}

impl NewEdit {
    /// In this episode.
    pub fn episode(self, episode: kitsu_core::ids::EpisodeId) -> Self {
        self.field("parent_id", episode.to_string())
    }
}

impl NewConcept {
    /// The entities it depicts (assets, shots…).
    pub fn links(self, entities: impl IntoIterator<Item = kitsu_core::ids::EntityId>) -> Self {
        let links: Vec<Value> = entities
            .into_iter()
            .map(|id| Value::from(id.to_string()))
            .collect();
        self.field("entity_concept_links", links)
    }
}

impl<T> NewEntity<T> {
    /// The lookup filtered by `new` instead of `old` (a sequence by episode, not project),
    /// `new` first as gazu sends it.
    fn replace_lookup_filter(mut self, old: &str, new: &str, value: impl ToString) -> Self {
        if let Some((_, filters)) = &mut self.lookup {
            filters.retain(|(name, _)| name != old);
            filters.insert(0, (new.to_owned(), value.to_string()));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder<T>() -> NewEntity<T> {
        let transport = kitsu_transport::Transport::new("http://127.0.0.1:9").unwrap();
        NewEntity::new(Client::new(transport), "data/x".into(), "SH010".into())
    }

    #[test]
    fn frames_go_into_data() {
        let shot: NewShot = builder()
            .with_empty_data()
            .data(serde_json::json!({"frame_in": 5, "look": "dark"}))
            .frame_in(1)
            .frame_out(48)
            .nb_frames(48);
        let body = Value::Object(shot.body());
        assert_eq!(
            body,
            serde_json::json!({"name": "SH010", "nb_frames": 48,
                "data": {"frame_in": 1, "frame_out": 48, "look": "dark"}})
        );
        let bare: NewShot = builder();
        assert_eq!(
            Value::Object(bare.body()),
            serde_json::json!({"name": "SH010"})
        );
    }

    #[test]
    fn a_sequence_in_an_episode_is_looked_up_by_episode() {
        let episode: kitsu_core::ids::EpisodeId =
            "540617f9-e08e-450c-9e99-554c86ac5597".parse().unwrap();
        let sequence: NewSequence = builder::<Sequence>()
            .lookup(
                "data/sequences".into(),
                [("project_id", "p".into()), ("name", "SQ01".into())],
            )
            .episode(episode);
        let (_, filters) = sequence.lookup.as_ref().unwrap();
        assert_eq!(
            filters,
            &[
                ("episode_id".to_owned(), episode.to_string()),
                ("name".to_owned(), "SQ01".to_owned())
            ]
        );
        assert_eq!(
            sequence.body()["episode_id"],
            Value::from(episode.to_string())
        );
    }
}
