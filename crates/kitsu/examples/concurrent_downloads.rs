//! Concurrent file downloads: every preview movie, at most 4 at a time, each written atomically.

#[path = "common/mod.rs"]
mod common;

use kitsu::concurrent;
use kitsu::models::PreviewFile;

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    let directory = std::env::temp_dir().join("kitsu-rs-previews");
    tokio::fs::create_dir_all(&directory)
        .await
        .map_err(|source| kitsu::ApiError::Io {
            action: "create",
            path: directory.clone(),
            source,
        })?;
    kitsu
        .scoped(|kitsu| async move {
            let previews = kitsu.collection::<PreviewFile>().list().await?;
            let movies: Vec<PreviewFile> = previews
                .into_iter()
                .filter(|p| {
                    p.extension.as_deref() == Some("mp4") && p.status.as_deref() == Some("ready")
                })
                .collect();
            let sizes = concurrent::try_map(&movies, 4, |preview| {
                let destination = directory.join(format!("{}.mp4", preview.id));
                let kitsu = &kitsu;
                async move { kitsu.download_preview(preview, &destination).await }
            })
            .await?;
            println!(
                "{} movies, {} bytes, in {}",
                sizes.len(),
                sizes.iter().sum::<u64>(),
                directory.display()
            );
            Ok(())
        })
        .await
}
