//! gazu's higher-level helpers: fetch_all, fetch_one, fetch_first, and pagination. In kitsu-rs
//! the raw helpers take the path as it goes on the wire (`data/projects/open`), and the typed
//! CRUD handle (`kitsu.collection::<Asset>()`) does gazu's `fetch_one("assets", id)`.

#[path = "common/mod.rs"]
mod common;

use futures_util::TryStreamExt;
use kitsu::Query;
use kitsu::models::{Asset, Project, Task, TaskStatus};

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    kitsu
        .scoped(|kitsu| async move {
            let projects: Vec<Project> = kitsu.fetch_all("data/projects/open").await?;
            for project in &projects {
                let assets: Vec<Asset> = kitsu
                    .fetch_all(format!("data/projects/{}/assets", project.id))
                    .await?;
                println!("{}: {} assets", project.name, assets.len());
                if let Some(asset) = assets.first() {
                    let asset: Asset = kitsu.collection::<Asset>().get(asset.id).await?;
                    println!("  fetch_one: {}", asset.name);
                }
            }
            let done: Option<TaskStatus> = kitsu
                .fetch_first(
                    "data/task-status",
                    &Query::new().param("short_name", "done"),
                )
                .await?;
            println!("fetch_first: {:?}", done.map(|s| s.name));
            let tasks: Vec<Task> = kitsu
                .items("data/tasks", &Query::new(), 5)
                .try_collect()
                .await?;
            println!("{} tasks, read 5 to a page", tasks.len());
            Ok(())
        })
        .await
}
