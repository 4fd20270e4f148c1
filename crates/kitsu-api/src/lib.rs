//! Kitsu's API for kitsu-rs: every call of gazu's async client, typed.
//!
//! A [`Client`] wraps a [`Transport`](kitsu_transport::Transport) (usually a logged-in
//! session's) and offers:
//!
//! - the four verbs, [`Client::get`], [`Client::post`], [`Client::put`], [`Client::delete`],
//!   decoding answers into any `Deserialize` type (`serde_json::Value` for untyped JSON);
//! - gazu's fetch helpers: [`Client::fetch_all`] (decoded as the list arrives) and
//!   [`Client::fetch_first`], with [`Query`] filters, `fields` and `relations`; every raw call
//!   takes its path relative to the base URL, as on the wire (`data/projects/open`);
//! - Zou's pagination as a lazy stream of [`Page`]s or items ([`Client::pages`],
//!   [`Client::items`]) fetched a few pages at a time once the first says how many there are;
//! - streamed multipart uploads with an exact `Content-Length` ([`Client::upload`]) and
//!   atomic streamed downloads ([`Client::download`]);
//! - typed ids ([`ids`]: a `ShotId` is not a `TaskId`) and typed models ([`models`]);
//! - the domain handles, mirroring Zou's nested routes: [`Client::projects`],
//!   [`Client::project`], [`Client::shot`], [`Client::task`], [`Client::me`], and the generic
//!   typed CRUD handle [`Client::collection`] ([`Collection`]);
//! - every route declared once, in [`routes`] (typed constructors, the list the contract test
//!   checks);
//! - typed errors ([`ApiError`]): one kind per refusal (400, 401, 403, 404, 405, 413, 422, 5xx),
//!   each with the URL, the status and Zou's message, and decode errors naming the JSON path;
//! - [`concurrent::map`], the N+1 pattern with a bound and results in input order;
//! - an opt-in [`Cache`] ([`Client::with_cache`]): reference data memoised per user with a time
//!   to live, conditional GETs where Zou answers `ETag`, eviction by writes and events.
//!
//! It knows nothing of passwords: log in with `kitsu-session` (or use the `kitsu` facade).
//!
//! ```no_run
//! # async fn demo(transport: kitsu_transport::Transport) -> Result<(), kitsu_api::ApiError> {
//! use kitsu_api::Client;
//!
//! let client = Client::new(transport);
//! for project in client.projects().open().await? {
//!     let shots = client.project(project.id).shots().await?;
//!     println!("{}: {} shots", project.name, shots.len());
//! }
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod cache;
mod client;
mod collection;
pub mod concurrent;
mod error;
mod files;
pub mod handles;
mod json_array;
pub mod models;
mod pages;
mod query;
mod resource;

pub use cache::{Cache, CacheConfig, CacheStats};
pub use client::{Client, DEFAULT_PAGE_CONCURRENCY};
pub use collection::Collection;
pub use error::{ApiError, ServerError};
pub use files::{Progress, Upload};
pub use kitsu_core::{ids, routes};
pub use pages::Page;
pub use query::Query;
pub use resource::Resource;
