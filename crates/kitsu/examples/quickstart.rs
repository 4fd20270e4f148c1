//! The quick start of the gazu.aio page: projects, task types and task statuses, concurrently.
//!
//! `cargo run --example quickstart` (against an embedded mock Kitsu unless `KITSU_HOST` is set).

#[path = "common/mod.rs"]
mod common;

use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    kitsu
        .scoped(|kitsu| async move {
            let (projects, task_types, task_statuses) = tokio::try_join!(
                kitsu.fetch_all::<Value>("data/projects/open"),
                kitsu.fetch_all::<Value>("data/task-types"),
                kitsu.fetch_all::<Value>("data/task-status"),
            )?;
            println!(
                "{} projects, {} task types, {} task statuses",
                projects.len(),
                task_types.len(),
                task_statuses.len()
            );
            Ok(())
        })
        .await
}
