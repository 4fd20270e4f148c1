//! The N+1 pattern of the gazu.aio page: every shot of every open project, then the tasks of
//! every shot, concurrently — bounded, where gazu.aio fires every request at once. Written
//! with the domain handles and typed ids: `kitsu.project(id).shots()`, `kitsu.shot(id).tasks()`.

#[path = "common/mod.rs"]
mod common;

use kitsu::concurrent;
use kitsu::models::Shot;

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    kitsu
        .scoped(|kitsu| async move {
            let projects = kitsu.projects().open().await?;
            let shot_lists = concurrent::try_map(&projects, 8, |project| async {
                kitsu.project(project.id).shots().await
            })
            .await?;
            let shots: Vec<Shot> = shot_lists.into_iter().flatten().collect();
            let task_lists = concurrent::try_map(&shots, 16, |shot| async {
                kitsu.shot(shot.id).tasks().await
            })
            .await?;
            for (shot, tasks) in shots.iter().zip(&task_lists) {
                println!("{}: {} tasks", shot.name, tasks.len());
            }
            println!(
                "{} shots, {} tasks",
                shots.len(),
                task_lists.iter().map(Vec::len).sum::<usize>()
            );
            Ok(())
        })
        .await
}
