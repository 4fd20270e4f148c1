//! The transport's own tower layers, one concept per module.
//!
//! Each wraps an [`HttpService`](crate::HttpService) and is `Clone` (clones share their state:
//! the limiter, the semaphore, the token cell), so the whole stack is erased into one
//! `BoxCloneSyncService` with no `Buffer` task.

pub(crate) mod auth;
pub(crate) mod base_url;
pub(crate) mod in_flight;
pub(crate) mod rate_limit;
pub(crate) mod timeout;
pub(crate) mod trace;

/// Takes the inner service that `poll_ready` just readied, leaving a fresh clone in its place:
/// the standard way for a `Clone` service to await something before calling its inner service.
pub(crate) fn take_ready<S: Clone>(inner: &mut S) -> S {
    let clone = inner.clone();
    std::mem::replace(inner, clone)
}
