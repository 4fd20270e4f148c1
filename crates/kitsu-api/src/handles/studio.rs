//! Studios (`kitsu.studios()`) and the search (`kitsu.search("hero")`).

use std::future::IntoFuture;

use futures_util::future::BoxFuture;
use kitsu_core::ids::ProjectId;
use kitsu_core::routes;
use serde_json::{Map, Value, json};

use crate::models::{SearchResults, Studio};
use crate::{ApiError, Client, Collection, Query};

impl Client {
    /// Every studio: `kitsu.studios().all()`, `.get(id)`, `.by_name("…")`, `.create(…)`,
    /// `.update(id, …)`, `.delete(id)`, `.delete_forever(id)`.
    #[doc(alias = "get_studio")]
    #[doc(alias = "update_studio")]
    #[doc(alias = "remove_studio")]
    pub fn studios(&self) -> Collection<Studio> {
        self.collection()
    }

    /// Searches assets, shots and persons whose name fits `query` (3 characters at least; a
    /// shorter one finds nothing): set the project, the kinds and the page on the builder, then
    /// `.await` it.
    #[doc(alias = "search_entities")]
    pub fn search(&self, query: impl Into<String>) -> Search {
        Search {
            client: self.clone(),
            body: Map::from_iter([("query".to_owned(), Value::from(query.into()))]),
        }
    }
}

impl Collection<Studio> {
    /// Every studio, by name.
    #[doc(alias = "all_studios")]
    pub async fn all(&self) -> Result<Vec<Studio>, ApiError> {
        let mut studios = self.list().await?;
        studios.sort_by_cached_key(|row| row.name.to_lowercase());
        Ok(studios)
    }

    /// The studio with this name, if any.
    #[doc(alias = "get_studio_by_name")]
    pub async fn by_name(&self, name: &str) -> Result<Option<Studio>, ApiError> {
        self.first(&Query::new().param("name", name)).await
    }
}

/// What Zou's search looks through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchIndex {
    /// Assets.
    Assets,
    /// Shots.
    Shots,
    /// Persons.
    Persons,
}

impl SearchIndex {
    fn name(self) -> &'static str {
        match self {
            SearchIndex::Assets => "assets",
            SearchIndex::Shots => "shots",
            SearchIndex::Persons => "persons",
        }
    }
}

/// A search: `kitsu.search("hero").project(id).only([SearchIndex::Assets]).limit(10).await`.
#[derive(Debug)]
#[must_use = "a builder does nothing until awaited"]
pub struct Search {
    client: Client,
    body: Map<String, Value>,
}

impl Search {
    /// Only in this project (by default, every open project the user can see).
    pub fn project(mut self, project: ProjectId) -> Self {
        self.body.insert("project_id".to_owned(), json!(project));
        self
    }

    /// Only these kinds (by default assets, shots and persons).
    pub fn only(mut self, indexes: impl IntoIterator<Item = SearchIndex>) -> Self {
        let names: Vec<&str> = indexes.into_iter().map(SearchIndex::name).collect();
        self.body.insert("index_names".to_owned(), json!(names));
        self
    }

    /// At most this many of each kind (Zou's default: 3).
    pub fn limit(mut self, limit: u32) -> Self {
        self.body.insert("limit".to_owned(), json!(limit));
        self
    }

    /// Skipping this many of each kind.
    pub fn offset(mut self, offset: u32) -> Self {
        self.body.insert("offset".to_owned(), json!(offset));
        self
    }
}

impl IntoFuture for Search {
    type Output = Result<SearchResults, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.client.post(routes::search(), &self.body).await })
    }
}
