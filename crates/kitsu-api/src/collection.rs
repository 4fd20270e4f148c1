//! [`Collection`]: the generic typed CRUD handle over `data/<collection>`.

use std::fmt;
use std::marker::PhantomData;

use futures_util::stream::BoxStream;
use kitsu_core::ids::Id;
use kitsu_core::routes;
use serde::Serialize;

use crate::{ApiError, Client, Page, Query, Resource};

/// Every row of one of Zou's `data/<collection>` tables, typed: list with filters, get, create,
/// update, delete, page through. `kitsu.collection::<Person>()`, or the named accessors
/// (`kitsu.projects()`, `kitsu.task_types()`…), which add what is special to each.
///
/// Cheap to clone; it holds a [`Client`].
///
/// ```no_run
/// # async fn demo(client: kitsu_api::Client) -> Result<(), kitsu_api::ApiError> {
/// use kitsu_api::{Query, models::Person};
///
/// let persons = client.collection::<Person>();
/// let supervisors = persons.list_with(&Query::new().param("role", "supervisor")).await?;
/// if let Some(first) = supervisors.first() {
///     let same = persons.get(first.id).await?;
///     println!("{}", same.first_name);
/// }
/// # Ok(()) }
/// ```
pub struct Collection<K> {
    client: Client,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for Collection<K> {
    fn clone(&self) -> Self {
        Collection {
            client: self.client.clone(),
            kind: PhantomData,
        }
    }
}

impl<K: Resource> fmt::Debug for Collection<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Collection")
            .field("collection", &K::COLLECTION)
            .finish_non_exhaustive()
    }
}

impl<K: Resource> Collection<K> {
    pub(crate) fn new(client: Client) -> Self {
        Collection {
            client,
            kind: PhantomData,
        }
    }

    /// The client it calls through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Every row (`GET data/<collection>`).
    #[doc(alias = "fetch_all")]
    pub async fn list(&self) -> Result<Vec<K>, ApiError> {
        self.list_with(&Query::new()).await
    }

    /// The rows that match `query`'s filters (`project_id=…`), with its `fields`/`relations`.
    pub async fn list_with(&self, query: &Query) -> Result<Vec<K>, ApiError> {
        self.client
            .fetch_all_with(routes::collection(K::COLLECTION), query)
            .await
    }

    /// The first row that matches `query`, if any.
    #[doc(alias = "fetch_first")]
    pub async fn first(&self, query: &Query) -> Result<Option<K>, ApiError> {
        self.client
            .fetch_first(routes::collection(K::COLLECTION), query)
            .await
    }

    /// One row (`GET data/<collection>/<id>`).
    #[doc(alias = "fetch_one")]
    pub async fn get(&self, id: K::Id) -> Result<K, ApiError> {
        self.get_with(id, &Query::new()).await
    }

    /// One row, with a query (`fields`, `relations=true`).
    pub async fn get_with(&self, id: K::Id, query: &Query) -> Result<K, ApiError> {
        self.client.get_with(Self::item(id), query).await
    }

    /// Creates a row (`POST data/<collection>`) from its fields.
    pub async fn create(&self, fields: &(impl Serialize + ?Sized)) -> Result<K, ApiError> {
        self.client
            .post(routes::collection(K::COLLECTION), fields)
            .await
    }

    /// Changes a row's fields (`PUT data/<collection>/<id>`).
    pub async fn update(
        &self,
        id: K::Id,
        changes: &(impl Serialize + ?Sized),
    ) -> Result<K, ApiError> {
        self.client.put(Self::item(id), changes).await
    }

    /// Deletes a row (`DELETE data/<collection>/<id>`). Zou only marks some rows as canceled
    /// the first time: see [`Collection::delete_forever`].
    #[doc(alias = "remove")]
    pub async fn delete(&self, id: K::Id) -> Result<(), ApiError> {
        self.client.delete(Self::item(id)).await
    }

    /// Deletes a row for good (`?force=true`), with what hangs on it.
    pub async fn delete_forever(&self, id: K::Id) -> Result<(), ApiError> {
        self.client
            .delete_with(Self::item(id), &Query::new().param("force", true))
            .await
    }

    /// The rows that match `query`, page after page (`limit` a page), lazily.
    pub fn pages(
        &self,
        query: &Query,
        limit: u64,
    ) -> BoxStream<'static, Result<Page<K>, ApiError>> {
        self.client
            .pages(routes::collection(K::COLLECTION), query, limit)
    }

    /// The rows that match `query`, one by one, fetched `limit` a page, lazily.
    pub fn items(&self, query: &Query, limit: u64) -> BoxStream<'static, Result<K, ApiError>> {
        self.client
            .items(routes::collection(K::COLLECTION), query, limit)
    }

    fn item(id: K::Id) -> String {
        routes::collection_item(K::COLLECTION, id.uuid())
    }
}
