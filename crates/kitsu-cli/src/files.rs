//! `kitsu download` and `kitsu upload`, with progress bars on stderr (hidden when it is not a
//! terminal).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kitsu::routes;
use kitsu::{Kitsu, Query, Upload, concurrent};
use serde_json::Value;

use crate::error::{CliError, Code, Result};
use crate::output::print_text;
use crate::resolve::{self, id_of, text};

/// A byte progress bar on stderr.
pub fn bar(length: u64, message: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(length), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message.to_owned());
    bar
}

/// A spinner on stderr.
pub fn spinner(message: &str) -> ProgressBar {
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    spinner.set_message(message.to_owned());
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}

/// `kitsu download`.
#[derive(Debug, Args)]
pub struct DownloadArgs {
    #[command(subcommand)]
    what: Download,
}

#[derive(Debug, Subcommand)]
enum Download {
    /// The previews of a project's tasks, several at once.
    #[command(after_help = "\
Examples:
  kitsu download previews --project 'Agent 327' --latest -j 8 --dir previews/
  kitsu download previews --project 'Agent 327' --type Animation --latest | xargs mpv

Files are named [SEQUENCE_]ENTITY_TASK-TYPE_vREVISION.EXT; one already there with the preview's size is
skipped. The paths (downloaded or skipped) are printed on stdout, one a line.")]
    Previews {
        /// The project (name or id; or KITSU_PROJECT).
        #[arg(short, long, env = "KITSU_PROJECT")]
        project: Option<String>,
        /// Only the latest revision of each task.
        #[arg(long)]
        latest: bool,
        /// Only tasks of this type.
        #[arg(short = 't', long = "type")]
        task_type: Option<String>,
        /// How many downloads at once.
        #[arg(short, long, default_value_t = 8)]
        jobs: usize,
        /// Where to write them.
        #[arg(short, long, default_value = ".")]
        dir: PathBuf,
    },
    /// Any file route to a file: `kitsu download file pictures/thumbnails/projects/<id>.png thumb.png`.
    File {
        /// The route, relative to the API's URL.
        route: String,
        /// Where to write it.
        destination: PathBuf,
    },
}

/// `kitsu upload`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu upload pictures/thumbnails/projects/<project-id> poster.png
  kitsu upload pictures/preview-files/<preview-id> shot.mp4
  kitsu upload actions/tasks/<task-id>/comment notes.pdf -F task_status_id=<id> -F comment='see notes'

Streams the files as multipart/form-data (the first as `file`, then `file-1`…) and prints the
server's JSON answer.")]
pub struct UploadArgs {
    /// The upload route, relative to the API's URL.
    route: String,
    /// The files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// A form field, `name=value` (repeat for several).
    #[arg(short = 'F', long = "field", value_name = "NAME=VALUE")]
    fields: Vec<String>,
}

/// Downloads.
pub async fn download(kitsu: &Kitsu, args: DownloadArgs) -> Result<()> {
    match args.what {
        Download::File { route, destination } => {
            let route = route.trim_start_matches('/').to_owned();
            let progress = bar(0, &format!("downloading {}", destination.display()));
            let reporter = progress.clone();
            let written = kitsu
                .download_with_progress(&route, &destination, move |done, total| {
                    reporter.set_length(total.max(done));
                    reporter.set_position(done);
                })
                .await
                .inspect_err(|_| progress.abandon())?;
            progress.finish_and_clear();
            eprintln!("Wrote {written} bytes to {}", destination.display());
            Ok(())
        }
        Download::Previews {
            project,
            latest,
            task_type,
            jobs,
            dir,
        } => {
            previews(
                kitsu,
                project.as_deref(),
                latest,
                task_type.as_deref(),
                jobs.max(1),
                &dir,
            )
            .await
        }
    }
}

fn safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The route of a preview's original file.
fn preview_route(preview: &Value) -> Result<String> {
    let id = id_of(preview).parse()?;
    let extension = match text(preview, "extension") {
        "" => "png",
        other => other,
    };
    Ok(match extension {
        "mp4" | "mov" | "avi" | "mkv" | "webm" | "wmv" | "m4v" => {
            routes::preview_original_movie(id)
        }
        other => routes::preview_original_picture(id, other),
    })
}

/// An entity's name for a file: a shot's with its sequence's (`SQ01_SH010`), an asset's alone.
fn entity_label(entities: &[Value], id: &str) -> String {
    let find = |id: &str| entities.iter().find(|row| id_of(row) == id);
    let Some(entity) = find(id) else {
        return id.to_owned();
    };
    let name = text(entity, "name");
    match find(text(entity, "parent_id")) {
        Some(parent) => format!("{}_{name}", text(parent, "name")),
        None => name.to_owned(),
    }
}

fn file_name(preview: &Value, entity: &str, task_type: &str) -> String {
    let extension = match text(preview, "extension") {
        "" => "png",
        "mov" | "avi" | "mkv" | "webm" | "wmv" | "m4v" => "mp4",
        other => other,
    };
    let revision = preview.get("revision").and_then(Value::as_i64).unwrap_or(0);
    format!(
        "{}_{}_v{revision:03}.{extension}",
        safe(entity),
        safe(task_type)
    )
}

enum Outcome {
    Downloaded(PathBuf, u64),
    Skipped(PathBuf),
    Failed(String),
}

async fn previews(
    kitsu: &Kitsu,
    project: Option<&str>,
    latest: bool,
    task_type: Option<&str>,
    jobs: usize,
    dir: &Path,
) -> Result<()> {
    let project = resolve::project_option(kitsu, project).await?;
    let mut query = Query::new().param("project_id", id_of(&project));
    if let Some(task_type) = task_type {
        query = query.param(
            "task_type_id",
            id_of(&resolve::task_type(kitsu, task_type).await?),
        );
    }
    let all = Query::new();
    let entities_query = Query::new().param("project_id", id_of(&project));
    let (tasks, types, entities) = futures_util::try_join!(
        resolve::rows(kitsu, "tasks", &query),
        resolve::rows(kitsu, "task-types", &all),
        resolve::rows(kitsu, "entities", &entities_query),
    )?;
    let name_of = |rows: &[Value], id: &str| {
        rows.iter()
            .find(|row| id_of(row) == id)
            .map(|row| text(row, "name").to_owned())
            .unwrap_or_else(|| id.to_owned())
    };
    // Every task's previews, listed concurrently.
    let listed = concurrent::map(tasks.iter(), jobs, |task| async move {
        let query = Query::new().param("task_id", id_of(task));
        resolve::rows(kitsu, "preview-files", &query).await
    })
    .await;
    let mut wanted = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (task, previews) in tasks.iter().zip(listed) {
        let mut previews = previews?;
        previews.retain(|p| text(p, "status") != "broken");
        previews.sort_by_key(|p| std::cmp::Reverse(p.get("revision").and_then(Value::as_i64)));
        if latest {
            previews.truncate(1);
        }
        let entity = entity_label(&entities, text(task, "entity_id"));
        let task_type = name_of(&types, text(task, "task_type_id"));
        for preview in previews {
            let mut path = dir.join(file_name(&preview, &entity, &task_type));
            if !used.insert(path.clone()) {
                // Two entities of one name under one parent: the preview's id tells them apart.
                let id = id_of(&preview);
                let short = id.get(..8).unwrap_or(&id);
                let name = file_name(&preview, &format!("{entity}_{short}"), &task_type);
                path = dir.join(name);
                used.insert(path.clone());
            }
            wanted.push((preview, path));
        }
    }
    if wanted.is_empty() {
        eprintln!("No previews to download");
        return Ok(());
    }
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|error| crate::error::io("create", dir, error))?;
    let total: u64 = wanted
        .iter()
        .map(|(p, _)| p.get("file_size").and_then(Value::as_u64).unwrap_or(0))
        .sum();
    let progress = bar(total, &format!("{} previews", wanted.len()));
    let outcomes = concurrent::map(wanted, jobs, |(preview, path)| {
        let progress = progress.clone();
        async move {
            let size = preview.get("file_size").and_then(Value::as_u64);
            if let (Ok(meta), Some(size)) = (tokio::fs::metadata(&path).await, size) {
                if meta.is_file() && meta.len() == size {
                    progress.inc(size);
                    return Outcome::Skipped(path);
                }
            }
            let route = match preview_route(&preview) {
                Ok(route) => route,
                Err(error) => return Outcome::Failed(error.message),
            };
            let seen = Arc::new(AtomicU64::new(0));
            let counter = seen.clone();
            let reporter = progress.clone();
            let result = kitsu
                .download_with_progress(&route, &path, move |done, _| {
                    let before = counter.swap(done, Ordering::Relaxed);
                    reporter.inc(done.saturating_sub(before));
                })
                .await;
            match result {
                Ok(written) => Outcome::Downloaded(path, written),
                Err(error) => Outcome::Failed(format!("{}: {error}", path.display())),
            }
        }
    })
    .await;
    progress.finish_and_clear();
    let (mut downloaded, mut bytes, mut skipped, mut failed) = (0, 0u64, 0, Vec::new());
    let mut paths = String::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Downloaded(path, written) => {
                downloaded += 1;
                bytes += written;
                paths.push_str(&format!("{}\n", path.display()));
            }
            Outcome::Skipped(path) => {
                skipped += 1;
                paths.push_str(&format!("{}\n", path.display()));
            }
            Outcome::Failed(message) => failed.push(message),
        }
    }
    print_text(&paths)?;
    eprintln!(
        "Downloaded {downloaded} previews ({bytes} bytes), skipped {skipped} already there, {} failed",
        failed.len()
    );
    if failed.is_empty() {
        return Ok(());
    }
    for message in &failed {
        eprintln!("failed: {message}");
    }
    Err(CliError::new(
        Code::Partial,
        format!("{} of the downloads failed", failed.len()),
    )
    .hint("run the same command again: the files already there are skipped"))
}

/// Uploads.
pub async fn upload(kitsu: &Kitsu, args: UploadArgs) -> Result<()> {
    let mut total = 0;
    for file in &args.files {
        let meta = std::fs::metadata(file)
            .map_err(|error| CliError::usage(format!("cannot read {}: {error}", file.display())))?;
        total += meta.len();
    }
    let mut upload = Upload::file(&args.files[0]);
    for file in &args.files[1..] {
        upload = upload.and_file(file);
    }
    for field in &args.fields {
        let Some((name, value)) = field.split_once('=') else {
            return Err(CliError::usage(format!("-F {field:?}: write NAME=VALUE")));
        };
        upload = upload.field(name, value);
    }
    let progress = bar(total, "uploading");
    let reporter = progress.clone();
    let upload = upload.progress(move |done, total| {
        reporter.set_length(total);
        reporter.set_position(done);
    });
    let answer = kitsu
        .upload(args.route.trim_start_matches('/'), upload)
        .await
        .inspect_err(|_| progress.abandon())?;
    progress.finish_and_clear();
    crate::output::print_json(&answer)
}
