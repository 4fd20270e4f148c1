//! Batch updates: every shot of a project at once. `join_all` over clones is safe: the client
//! keeps at most 32 requests in flight.

#[path = "common/mod.rs"]
mod common;

use futures_util::future::try_join_all;
use kitsu::models::{Project, Shot};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    kitsu
        .scoped(|kitsu| async move {
            let projects: Vec<Project> = kitsu.fetch_all("projects/open").await?;
            let Some(project) = projects.first() else {
                println!("no open project");
                return Ok(());
            };
            let shots: Vec<Shot> = kitsu
                .fetch_all(&format!("projects/{}/shots", project.id))
                .await?;
            let updated = try_join_all(shots.iter().map(|shot| {
                let kitsu = kitsu.clone();
                async move {
                    kitsu
                        .put::<serde_json::Value>(
                            &format!("data/shots/{}", shot.id),
                            &json!({"data": {"status": "active"}}),
                        )
                        .await
                }
            }))
            .await?;
            println!("{} shots of {} updated", updated.len(), project.name);
            Ok(())
        })
        .await
}
