//! Kitsu's API for kitsu-rs: every call of gazu's async client, typed.
//!
//! A [`Client`] wraps a [`Transport`](kitsu_transport::Transport) (usually a logged-in
//! session's) and offers:
//!
//! - the four verbs, [`Client::get`], [`Client::post`], [`Client::put`], [`Client::delete`],
//!   decoding answers into any `Deserialize` type (`serde_json::Value` for untyped JSON);
//! - gazu's helpers under `data/`: [`Client::fetch_all`], [`Client::fetch_one`],
//!   [`Client::fetch_first`], [`Client::create`], [`Client::update`], with [`Query`] filters,
//!   `fields` and `relations`;
//! - Zou's pagination as a lazy stream of [`Page`]s or items ([`Client::pages`],
//!   [`Client::items`]) fetched a few pages at a time once the first says how many there are;
//! - streamed multipart uploads with an exact `Content-Length` ([`Client::upload`]) and
//!   atomic streamed downloads ([`Client::download`]);
//! - typed models ([`models`]) and helpers for projects, shots, tasks, comments and previews;
//! - typed errors ([`ApiError`]): one kind per refusal (400, 401, 403, 404, 405, 413, 422, 5xx),
//!   each with the URL, the status and Zou's message, and decode errors naming the JSON path;
//! - [`concurrent::map`], the N+1 pattern with a bound and results in input order.
//!
//! It knows nothing of passwords: log in with `kitsu-session` (or use the `kitsu` facade).
//!
//! ```no_run
//! # async fn demo(transport: kitsu_transport::Transport) -> Result<(), kitsu_api::ApiError> {
//! use kitsu_api::Client;
//!
//! let client = Client::new(transport);
//! for project in client.open_projects().await? {
//!     let shots = client.shots_of_project(&project.id).await?;
//!     println!("{}: {} shots", project.name, shots.len());
//! }
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod client;
pub mod concurrent;
mod domain;
mod error;
mod files;
mod ids;
mod json_array;
pub mod models;
mod pages;
mod query;
pub mod routes;

pub use client::{Client, DEFAULT_PAGE_CONCURRENCY};
pub use error::{ApiError, ServerError};
pub use files::{Progress, Upload};
pub use ids::{check_id, check_model};
pub use pages::Page;
pub use query::Query;
