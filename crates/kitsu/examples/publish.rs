//! A publication in one call: a working file revision, then an output file revision, a
//! comment and its preview (uploaded with progress), then the preview back in two sizes.
//!
//! Zou builds file paths from the project's file tree (and fails without one): the example
//! gives the task's project a simple one (Zou's `simple.json`, shortened) if it has none.

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

/// Working and output paths for shots and assets.
const FILE_TREE: &str = r#"{
  "working": {"mountpoint": "/simple", "root": "productions",
    "folder_path": {"shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>/<Software>",
      "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>/<Software>", "style": "lowercase"},
    "file_name": {"shot": "<Project>_<Sequence>_<Shot>_<TaskType>_<Name>_v<Version>",
      "asset": "<Project>_<AssetType>_<Asset>_<TaskType>_<Name>_v<Version>", "style": "lowercase"}},
  "output": {"mountpoint": "/simple", "root": "productions/export",
    "folder_path": {"shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>/<OutputType>",
      "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>/<OutputType>", "style": "lowercase"},
    "file_name": {"shot": "<Project>_<Sequence>_<Shot>_<TaskType>_<OutputType>_<Name>_v<Version>",
      "asset": "<Project>_<AssetType>_<Asset>_<TaskType>_<OutputType>_<Name>_v<Version>",
      "style": "lowercase"}}
}"#;

fn missing(what: &'static str) -> kitsu::ApiError {
    kitsu::ApiError::InvalidInput {
        what,
        value: String::new(),
        reason: "missing on this server",
    }
}

#[tokio::main]
async fn main() -> Result<(), kitsu::Error> {
    let (kitsu, _mock) = common::connect().await?;
    let directory = std::env::temp_dir().join(format!("kitsu-rs-publish-{}", std::process::id()));
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
    let render = directory.join("render.png");
    tokio::fs::write(&render, PNG).await.map_err(io(&render))?;
    let result = kitsu
        .scoped(|kitsu| {
            let (render, directory) = (render.clone(), directory.clone());
            async move {
                let tasks: Vec<Task> = kitsu.collection::<Task>().list().await?;
                let task = tasks.first().ok_or(missing("task"))?;
                let project = kitsu.project(task.project_id.ok_or(missing("project"))?);
                if project
                    .get()
                    .await?
                    .file_tree
                    .is_none_or(|tree| tree.is_null())
                {
                    println!("the project has no file tree: giving it a simple one");
                    let tree: serde_json::Value = serde_json::from_str(FILE_TREE)
                        .map_err(|_| missing("a valid file tree"))?;
                    project.set_file_tree(&tree).await?;
                }
                let wip = kitsu
                    .task_statuses()
                    .by_short_name("wip")
                    .await?
                    .ok_or(missing("wip status"))?;
                let blender = kitsu
                    .softwares()
                    .ensure("Blender", "blender", ".blend", None)
                    .await?;
                let cache = kitsu.output_types().ensure("Cache", "cache").await?;
                let working = kitsu
                    .task(task.id)
                    .new_working_file()
                    .software(blender.id)
                    .comment("blocking")
                    .await?;
                println!("working file r{:?} at {:?}", working.revision, working.path);
                let published = kitsu
                    .task(task.id)
                    .publish(wip.id, cache.id)
                    .comment("blocking for review")
                    .working_file(working.id)
                    .preview(&render)
                    .progress(|done, all| println!("  uploaded {done}/{all} bytes"))
                    .await?;
                println!(
                    "output file revision {} at {}",
                    published.output_file.revision.unwrap_or_default(),
                    published.output_file.path.as_deref().unwrap_or("(no path)")
                );
                if let Some(preview) = published.preview {
                    let preview = kitsu.preview_file(preview.id);
                    let original = directory.join("original.png");
                    let bytes = preview.download_original(&original, |_, _| {}).await?;
                    println!("original: {bytes} bytes");
                    let bytes = preview
                        .download_thumbnail(directory.join("thumbnail.png"))
                        .await?;
                    println!("thumbnail: {bytes} bytes");
                }
                Ok(())
            }
        })
        .await;
    let _ = tokio::fs::remove_dir_all(&directory).await;
    result
}
