//! Upload then download: a picture attached to a task's comment, and back.
//!
//! The mock serves the uploaded bytes; a real Zou re-saves pictures as PNG through Pillow, so
//! its original keeps every pixel but not always every byte.

#[path = "common/mod.rs"]
mod common;

use kitsu::models::Task;

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    let directory = std::env::temp_dir().join(format!("kitsu-rs-files-{}", std::process::id()));
    let io = |path: &std::path::Path| {
        let path = path.to_owned();
        move |source| {
            kitsu::Error::Api(kitsu::ApiError::Io {
                action: "write",
                path,
                source,
            })
        }
    };
    tokio::fs::create_dir_all(&directory)
        .await
        .map_err(io(&directory))?;
    let source = directory.join("take.png");
    tokio::fs::write(&source, PNG).await.map_err(io(&source))?;
    let result = kitsu
        .scoped(|kitsu| {
            let (source, directory) = (source.clone(), directory.clone());
            async move {
                let tasks: Vec<Task> = kitsu.collection::<Task>().list().await?;
                let task = tasks.first().ok_or(kitsu::ApiError::InvalidInput {
                    what: "task",
                    value: String::new(),
                    reason: "no task on this server",
                })?;
                let wip = kitsu.task_statuses().by_short_name("wip").await?.ok_or(
                    kitsu::ApiError::InvalidInput {
                        what: "task status",
                        value: "wip".into(),
                        reason: "missing",
                    },
                )?;
                let task = kitsu.task(task.id);
                let comment = task.comment(wip.id, "uploaded by kitsu-rs").await?;
                let preview = task.add_preview(comment.id).await?;
                let preview = kitsu.preview_file(preview.id).upload(&source).await?;
                println!(
                    "uploaded {} bytes: status {:?}",
                    preview.file_size.unwrap_or(0),
                    preview.status
                );
                let copy = directory.join("copy.png");
                let written = kitsu.download_preview(&preview, &copy).await?;
                let same = tokio::fs::read(&copy).await.map_err(io(&copy))? == PNG;
                println!("downloaded {written} bytes, byte-identical to the upload: {same}");
                Ok(())
            }
        })
        .await;
    let _ = tokio::fs::remove_dir_all(&directory).await;
    result
}
