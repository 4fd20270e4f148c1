//! Batch updates: every shot of a project at once. `join_all` over clones is safe: the client
//! keeps at most 32 requests in flight.

#[path = "common/mod.rs"]
mod common;

use futures_util::future::try_join_all;

use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    kitsu
        .scoped(|kitsu| async move {
            let projects = kitsu.projects().open().await?;
            let Some(project) = projects.first() else {
                println!("no open project");
                return Ok(());
            };
            let shots = kitsu.project(project.id).shots().await?;
            let updated = try_join_all(shots.iter().map(|shot| async {
                kitsu
                    .shot(shot.id)
                    .update(&json!({"data": {"status": "active"}}))
                    .await
            }))
            .await?;
            println!("{} shots of {} updated", updated.len(), project.name);
            Ok(())
        })
        .await
}
