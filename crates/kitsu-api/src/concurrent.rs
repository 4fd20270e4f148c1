//! Bounded fan-out: the N+1 pattern without flooding the server.
//!
//! `join_all` over clones of a [`Client`](crate::Client) is already bounded by the transport's
//! in-flight cap; these helpers also bound how many futures exist at once (memory, and fairness
//! to other work on the same client), and keep results in input order.

use std::future::IntoFuture;

use futures_util::stream::{self, StreamExt, TryStreamExt};

/// Runs `work` on every item, at most `limit` at a time, and returns every result in input order.
/// `work` returns a future, or anything awaitable (a builder such as `project.new_shot(…)`).
///
/// ```no_run
/// # async fn demo(client: kitsu_api::Client, shot_ids: Vec<kitsu_api::ids::ShotId>) {
/// // A handle's future borrows the handle: build both inside the async block.
/// let client = &client;
/// let tasks = kitsu_api::concurrent::map(shot_ids, 16, |id| async move {
///     client.shot(id).tasks().await
/// })
/// .await;
/// # }
/// ```
pub async fn map<I, F, Fut, T>(items: I, limit: usize, work: F) -> Vec<T>
where
    I: IntoIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: IntoFuture<Output = T>,
{
    let mut work = work;
    stream::iter(items)
        .map(|item| work(item).into_future())
        .buffered(limit.max(1))
        .collect()
        .await
}

/// Like [`map`], but stops at the first error (the work still running is dropped).
pub async fn try_map<I, F, Fut, T, E>(items: I, limit: usize, work: F) -> Result<Vec<T>, E>
where
    I: IntoIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: IntoFuture<Output = Result<T, E>>,
{
    let mut work = work;
    stream::iter(items)
        .map(|item| work(item).into_future())
        .buffered(limit.max(1))
        .try_collect()
        .await
}
