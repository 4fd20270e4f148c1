//! Prints the task status changes of one project as they happen: Kitsu's live events as a
//! `Stream`, filtered by name and project, with each change's task and status looked up.
//!
//! Against the embedded mock (no `KITSU_HOST`), or with `KITSU_WATCH_DRIVE=1`, the example
//! also makes the changes it watches: it comments on the project's tasks with new statuses.
//! Otherwise it watches until `KITSU_WATCH_COUNT` changes (default 3) have arrived; make them
//! in Kitsu's web UI. `KITSU_EVENTS_URL` points at the event server when it is not at the
//! API's origin (a bare Zou serves it on its own port).

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use futures_util::StreamExt;
use kitsu::Query;
use kitsu::events::{EventData, EventName};
use kitsu::ids::{TaskId, TaskStatusId};
use kitsu::models::Task;

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, mock) = common::connect().await?;
    let drive = mock.is_some() || std::env::var("KITSU_WATCH_DRIVE").is_ok_and(|v| v == "1");
    let count: usize = std::env::var("KITSU_WATCH_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    kitsu
        .scoped(|kitsu| async move {
            let Some(project) = kitsu.projects().open().await?.into_iter().next() else {
                println!("no open project to watch");
                return Ok(());
            };
            let mut builder = kitsu
                .events()
                .name(EventName::TASK_STATUS_CHANGED)
                .project(project.id);
            if let Ok(url) = std::env::var("KITSU_EVENTS_URL") {
                builder = builder.url(url);
            }
            let mut events = builder.connect().await?;
            println!("watching task status changes in {}", project.name);

            let statuses = kitsu.task_statuses().list().await?;
            let name_of = |id: TaskStatusId| {
                statuses
                    .iter()
                    .find(|s| s.id == id)
                    .map_or_else(|| id.to_string(), |s| s.short_name.clone())
            };
            let driver = if drive {
                let tasks = kitsu
                    .collection::<Task>()
                    .list_with(&Query::new().param("project_id", project.id.to_string()))
                    .await?;
                let writer = kitsu.clone();
                let mut targets: Vec<(TaskId, Option<TaskStatusId>)> = tasks
                    .iter()
                    .map(|t| (t.id, t.task_status_id))
                    .take(count)
                    .collect();
                let cycle: Vec<TaskStatusId> = ["wip", "wfa", "retake"]
                    .iter()
                    .filter_map(|short| statuses.iter().find(|s| s.short_name == *short))
                    .map(|s| s.id)
                    .collect();
                if targets.is_empty() || cycle.len() < 2 {
                    println!("{} has no task to change: nothing to watch", project.name);
                    return Ok(());
                }
                Some(tokio::spawn(async move {
                    for n in 0..count {
                        let slot = n % targets.len();
                        let (task, current) = targets[slot];
                        // A status the task does not have yet: a comment that changes nothing
                        // publishes no status change.
                        let status = cycle
                            .iter()
                            .cycle()
                            .skip(n)
                            .find(|s| Some(**s) != current)
                            .copied()
                            .unwrap_or(cycle[0]);
                        writer
                            .task(task)
                            .comment(status, "from watch_events")
                            .await?;
                        targets[slot].1 = Some(status);
                    }
                    Ok::<_, kitsu::Error>(())
                }))
            } else {
                None
            };

            let mut seen = 0;
            while seen < count {
                let Ok(next) = tokio::time::timeout(Duration::from_secs(60), events.next()).await
                else {
                    println!("no change for a minute: stopping");
                    break;
                };
                let Some(event) = next else { break };
                if let EventData::TaskStatusChanged(change) = event?.data() {
                    println!(
                        "task {}: {} -> {}",
                        change.task_id,
                        change
                            .previous_task_status_id
                            .map_or_else(|| "?".to_owned(), name_of),
                        name_of(change.new_task_status_id),
                    );
                    seen += 1;
                }
            }
            if let Some(driver) = driver {
                match driver.await {
                    Ok(written) => written?,
                    Err(panicked) => std::panic::resume_unwind(panicked.into_panic()),
                }
            }
            println!("{seen} changes seen; stats: {:?}", events.stats());
            Ok(())
        })
        .await
}
