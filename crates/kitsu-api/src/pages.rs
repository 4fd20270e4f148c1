//! Zou's pagination: `?page=N&limit=M` → `{data, total, nb_pages, limit, offset, page}`, as a
//! lazy stream of pages or items. Routes that ignore `page` answer a bare list: one page.

use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use http::Method;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::{ApiError, Client, Query};

/// One page of a paginated list.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Page<T> {
    /// The entries of this page.
    pub data: Vec<T>,
    /// Entries in all pages.
    pub total: u64,
    /// How many pages there are.
    pub nb_pages: u64,
    /// Entries per page.
    pub limit: u64,
    /// The offset of this page's first entry.
    pub offset: i64,
    /// This page's number (from 1).
    pub page: i64,
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.data.into_iter()
    }
}

impl Client {
    /// Page `page` (from 1) of `limit` entries of `path`. A route that ignores pagination
    /// answers every entry: that is page 1 of 1.
    pub async fn page<T: DeserializeOwned>(
        &self,
        path: impl AsRef<str>,
        query: &Query,
        page: u64,
        limit: u64,
    ) -> Result<Page<T>, ApiError> {
        let query = query.clone().param("page", page).param("limit", limit);
        let answer = self
            .call::<()>(Method::GET, path.as_ref(), &query, None)
            .await?;
        let bare = answer.body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
        if bare {
            let data: Vec<T> = answer.decode()?;
            let total = data.len() as u64;
            return Ok(Page {
                data,
                total,
                nb_pages: 1,
                limit: total,
                offset: 0,
                page: 1,
            });
        }
        answer.decode()
    }

    /// Every page of `path`, lazily: page 1 first, then, knowing `nb_pages`, the rest fetched a
    /// few at a time (see [`Client::with_page_concurrency`]) and yielded in order.
    pub fn pages<T>(
        &self,
        path: impl AsRef<str>,
        query: &Query,
        limit: u64,
    ) -> BoxStream<'static, Result<Page<T>, ApiError>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let client = self.clone();
        let path = path.as_ref().to_owned();
        let query = query.clone();
        let limit = limit.max(1);
        stream::once(async move {
            let first = client.page::<T>(&path, &query, 1, limit).await;
            let rest = match &first {
                Ok(first) if first.nb_pages > 1 => {
                    let concurrency = client.page_concurrency();
                    stream::iter(2..=first.nb_pages)
                        .map(move |number| {
                            let (client, path, query) =
                                (client.clone(), path.clone(), query.clone());
                            async move { client.page::<T>(&path, &query, number, limit).await }
                        })
                        .buffered(concurrency)
                        .boxed()
                }
                _ => stream::empty().boxed(),
            };
            stream::once(async move { first }).chain(rest)
        })
        .flatten()
        .boxed()
    }

    /// Every entry of `path`, page after page, lazily.
    pub fn items<T>(
        &self,
        path: impl AsRef<str>,
        query: &Query,
        limit: u64,
    ) -> BoxStream<'static, Result<T, ApiError>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.pages::<T>(path, query, limit)
            .map_ok(|page| stream::iter(page.data.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// Every entry of `path`, collected from all its pages.
    pub async fn fetch_all_pages<T>(
        &self,
        path: impl AsRef<str>,
        query: &Query,
        limit: u64,
    ) -> Result<Vec<T>, ApiError>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.items(path, query, limit).try_collect().await
    }
}
