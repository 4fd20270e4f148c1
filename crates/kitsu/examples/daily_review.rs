//! An artist's daily review: reads the logged-in user's to-do list, posts a comment with a
//! preview on the first task (asking for a review), makes the preview the shot's thumbnail,
//! and shows the preview's processing state while Zou makes its variants.
//!
//! With nothing to do (a fresh demo), it first assigns the user the first task it finds. The
//! preview is a small picture written for the occasion, or the file given as argument (Zou
//! transcodes a movie: the example waits up to a minute for it).
//!
//! ```sh
//! cargo run --example daily_review
//! cargo run --example daily_review -- take.mp4
//! ```

mod common;

use std::path::PathBuf;
use std::time::Duration;

use kitsu::handles::{ChecklistItem, PreviewWait};
use kitsu::prelude::*;

/// A 1×1 PNG picture, the default preview.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

fn missing(what: &'static str, reason: &'static str) -> ApiError {
    ApiError::InvalidInput {
        what,
        value: String::new(),
        reason,
    }
}

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    let me = kitsu.me().person().await?;
    println!("good morning, {}", me.first_name);

    // The to-do list: tasks assigned to me that are not done, in open projects.
    let mut todo = kitsu.tasks().for_person(me.id).await?;
    if todo.is_empty() {
        // The first task of an open production (the to-do list only shows those).
        let mut first = None;
        for project in kitsu.projects().open().await? {
            let tasks = kitsu.tasks().for_project(project.id, None, None).await?;
            if let Some(task) = tasks.into_iter().next() {
                first = Some(task);
                break;
            }
        }
        let first = first.ok_or(missing("task", "no task in an open production"))?;
        println!("nothing to do yet: assigning myself a task");
        kitsu.task(first.id).assign(me.id).await?;
        todo = kitsu.tasks().for_person(me.id).await?;
    }
    println!("to do ({}):", todo.len());
    for task in &todo {
        println!(
            "  {:<12} {:<14} {}",
            task.entity_name.as_deref().unwrap_or("?"),
            task.task_type_name.as_deref().unwrap_or("?"),
            task.task_status_name.as_deref().unwrap_or("?"),
        );
    }
    let task = todo
        .first()
        .ok_or(missing("task", "the to-do list is still empty"))?;

    // Ask for a review: "waiting for approval" when the studio has it, else "work in progress".
    let statuses = kitsu.task_statuses();
    let review = match statuses.by_short_name("wfa").await? {
        Some(status) => status,
        None => statuses
            .by_short_name("wip")
            .await?
            .ok_or(missing("task status", "neither `wfa` nor `wip` exists"))?,
    };

    let file = match std::env::args_os().nth(1) {
        Some(path) => PathBuf::from(path),
        None => {
            let path =
                std::env::temp_dir().join(format!("daily-review-{}.png", std::process::id()));
            tokio::fs::write(&path, PNG)
                .await
                .map_err(|source| ApiError::Io {
                    action: "write",
                    path: path.clone(),
                    source,
                })?;
            path
        }
    };

    let handle = kitsu.task(task.id);
    let comment = handle
        .comment(review.id, "New version for today's review")
        .checklist([ChecklistItem::new("timing"), ChecklistItem::new("contacts")])
        .await?;
    println!("commented, status now {}", review.name);
    let preview = handle
        .on_comment(comment.id)
        .preview(&file)
        .main_preview()
        .progress(|sent, total| {
            if sent == total {
                println!("  uploaded {total} bytes");
            }
        })
        .await?;
    println!(
        "preview {} (revision {}), {:?} after the upload",
        preview.id,
        preview.revision.unwrap_or_default(),
        preview.status.as_deref().unwrap_or("?")
    );
    match kitsu
        .preview_file(preview.id)
        .wait_ready(Duration::from_secs(60))
        .await?
    {
        PreviewWait::Ready(ready) => println!(
            "ready: {}×{}",
            ready.width.unwrap_or_default(),
            ready.height.unwrap_or_default()
        ),
        PreviewWait::Broken(_) => println!("Zou could not process the preview"),
        PreviewWait::TimedOut(_) => println!("still processing after a minute"),
    }
    // The full task joins in its entity, type and status.
    let task = handle.get().await?;
    let name_of = |key: &str| {
        task.other
            .get(key)
            .and_then(|row| row.get("name"))
            .and_then(|name| name.as_str())
            .unwrap_or("?")
            .to_owned()
    };
    println!(
        "{} / {}: {}",
        name_of("entity"),
        name_of("task_type"),
        name_of("task_status")
    );
    if std::env::args_os().nth(1).is_none() {
        let _ = tokio::fs::remove_file(&file).await;
    }
    kitsu.close().await
}
