//! `kitsu comment`, `set-status`, `assign`, `publish`, `new`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use kitsu::handles::PreviewWait;
use kitsu::routes;
use kitsu::{Kitsu, Query, Upload};
use serde_json::{Map, Value, json};

use crate::error::{CliError, Code, Result};
use crate::files::{bar, spinner};
use crate::output::View;
use crate::resolve::{self, id_of, text};

/// `kitsu comment`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu comment SH010/Animation 'Blocking done' --status wfa --project 'Agent 327'
  kitsu comment 5f1c…-task-id 'See the notes' --attach notes.pdf --attach ref.png
  kitsu comment SQ01/SH010/Compositing - --project 'Agent 327' < review_notes.txt

The task is an id or ENTITY/TASK-TYPE in the project; `-` as the text reads it from stdin.")]
pub struct CommentArgs {
    /// The task: an id, or ENTITY/TASK-TYPE (`SH010/Animation`, `SQ01/SH010/Animation`).
    task: String,
    /// The comment (`-` reads it from standard input).
    text: String,
    /// The new status (short name like `wfa`, or name); the task's current one if omitted.
    #[arg(short, long)]
    status: Option<String>,
    /// A file to attach (repeat for several).
    #[arg(long = "attach", value_name = "FILE")]
    attachments: Vec<PathBuf>,
    /// The project, to find the task by name (name or id; or KITSU_PROJECT).
    #[arg(short, long, env = "KITSU_PROJECT")]
    project: Option<String>,
}

/// `kitsu set-status`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu set-status SH010/Animation wip --project 'Agent 327'
  kitsu ls tasks --project 'Agent 327' --status wfa -o ids | xargs -I{} kitsu set-status {} done")]
pub struct SetStatusArgs {
    /// The task: an id, or ENTITY/TASK-TYPE.
    task: String,
    /// The status: a short name (`wip`, `wfa`, `done`), a name, or an id.
    status: String,
    /// A comment to go with it.
    #[arg(short, long, default_value = "")]
    message: String,
    /// The project, to find the task by name (name or id; or KITSU_PROJECT).
    #[arg(short, long, env = "KITSU_PROJECT")]
    project: Option<String>,
}

/// `kitsu assign`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu assign SH010/Animation me --project 'Agent 327'
  kitsu assign SH010/Animation alice@mystudio.com 'Bob Smith' --project 'Agent 327'
  kitsu assign SH010/Animation bob@mystudio.com --remove --project 'Agent 327'")]
pub struct AssignArgs {
    /// The task: an id, or ENTITY/TASK-TYPE.
    task: String,
    /// The people: `me`, emails, full names or ids.
    #[arg(required = true)]
    persons: Vec<String>,
    /// Unassign them instead.
    #[arg(long)]
    remove: bool,
    /// The project, to find the task by name (name or id; or KITSU_PROJECT).
    #[arg(short, long, env = "KITSU_PROJECT")]
    project: Option<String>,
}

/// `kitsu publish`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu publish SH010/Animation blocking_v3.mp4 --comment 'Blocking v3' --status wfa --project 'Agent 327'
  kitsu publish 5f1c…-task-id render.png --no-wait -o ids

Posts a comment (with the status), adds a preview to it, uploads the file with a progress bar,
waits until Kitsu has transcoded it, and makes it the entity's main preview.")]
pub struct PublishArgs {
    /// The task: an id, or ENTITY/TASK-TYPE.
    task: String,
    /// The movie or picture.
    file: PathBuf,
    /// The comment's text.
    #[arg(short, long, default_value = "")]
    comment: String,
    /// The new status (short name or name); the task's current one if omitted.
    #[arg(short, long)]
    status: Option<String>,
    /// Do not wait for the transcoding (nor set the main preview).
    #[arg(long)]
    no_wait: bool,
    /// Do not make it the entity's main preview.
    #[arg(long)]
    no_main: bool,
    /// How long to wait for the transcoding, in seconds.
    #[arg(long, default_value_t = 600)]
    timeout: u64,
    /// The project, to find the task by name (name or id; or KITSU_PROJECT).
    #[arg(short, long, env = "KITSU_PROJECT")]
    project: Option<String>,
}

/// `kitsu new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    what: New,
}

#[derive(Debug, Subcommand)]
enum New {
    /// An episode (TV shows): `kitsu new episode E02 --project 'Agent 327'`.
    Episode {
        /// Its name.
        name: String,
        #[command(flatten)]
        common: NewCommon,
    },
    /// A sequence: `kitsu new sequence SQ02 --project 'Agent 327'`.
    Sequence {
        /// Its name.
        name: String,
        /// The episode it belongs to (TV shows).
        #[arg(short, long)]
        episode: Option<String>,
        #[command(flatten)]
        common: NewCommon,
    },
    /// A shot: `kitsu new shot SH020 --sequence SQ01 --frames 48 --project 'Agent 327'`.
    Shot {
        /// Its name.
        name: String,
        /// Its sequence (name or id).
        #[arg(short, long)]
        sequence: String,
        /// Its number of frames.
        #[arg(long)]
        frames: Option<i64>,
        #[command(flatten)]
        common: NewCommon,
    },
    /// An asset: `kitsu new asset Hero --type Character --project 'Agent 327'`.
    Asset {
        /// Its name.
        name: String,
        /// Its asset type (name or id).
        #[arg(short = 't', long = "type")]
        asset_type: String,
        #[command(flatten)]
        common: NewCommon,
    },
}

#[derive(Debug, Args)]
struct NewCommon {
    /// Its description.
    #[arg(short, long)]
    description: Option<String>,
    /// If one of that name exists already, print it and succeed (get-or-create, as gazu's
    /// `new_*` do).
    #[arg(long)]
    exist_ok: bool,
    /// The project (name or id; or KITSU_PROJECT).
    #[arg(short, long, env = "KITSU_PROJECT")]
    project: Option<String>,
}

async fn optional_project(kitsu: &Kitsu, project: Option<&str>) -> Result<Option<Value>> {
    match project {
        Some(project) => Ok(Some(resolve::project(kitsu, project).await?)),
        None => Ok(None),
    }
}

fn uuid(row: &Value, what: &str) -> Result<uuid::Uuid> {
    uuid::Uuid::parse_str(&id_of(row))
        .map_err(|_| CliError::new(Code::Failure, format!("the server's {what} has no id")))
}

async fn post_comment(
    kitsu: &Kitsu,
    task: &Value,
    status_id: &str,
    text: &str,
    attachments: &[PathBuf],
) -> Result<Value> {
    let task_id = id_of(task).parse()?;
    let route = routes::task_comment(task_id);
    if attachments.is_empty() {
        return Ok(kitsu
            .post(
                route,
                &json!({"task_status_id": status_id, "comment": text}),
            )
            .await?);
    }
    for file in attachments {
        if !file.is_file() {
            return Err(CliError::usage(format!("no file at {}", file.display())));
        }
    }
    let mut upload = Upload::file(&attachments[0]);
    for file in &attachments[1..] {
        upload = upload.and_file(file);
    }
    let upload = upload
        .field("task_status_id", status_id)
        .field("comment", text)
        .field("checklist", "[]")
        .field("links", "[]");
    Ok(kitsu.upload(route, upload).await?)
}

fn read_text(text: String) -> Result<String> {
    if text != "-" {
        return Ok(text);
    }
    let mut all = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut all)
        .map_err(|error| CliError::new(Code::Failure, format!("cannot read stdin: {error}")))?;
    Ok(all.trim_end().to_owned())
}

async fn status_or_current(kitsu: &Kitsu, task: &Value, status: Option<&str>) -> Result<Value> {
    match status {
        Some(status) => resolve::task_status(kitsu, status).await,
        None => {
            resolve::by_id(
                kitsu,
                "task-status",
                "task status",
                text(task, "task_status_id"),
            )
            .await
        }
    }
}

/// Comments on a task.
pub async fn comment(kitsu: &Kitsu, args: CommentArgs, view: &View) -> Result<()> {
    let text_body = read_text(args.text)?;
    let project = optional_project(kitsu, args.project.as_deref()).await?;
    let task = resolve::task(kitsu, project.as_ref(), &args.task).await?;
    let status = status_or_current(kitsu, &task, args.status.as_deref()).await?;
    let comment =
        post_comment(kitsu, &task, &id_of(&status), &text_body, &args.attachments).await?;
    eprintln!(
        "Commented on task {} (status {})",
        id_of(&task),
        text(&status, "short_name")
    );
    view.one(&comment, &["id", "task_status_id", "text"])
}

/// Changes a task's status.
pub async fn set_status(kitsu: &Kitsu, args: SetStatusArgs, view: &View) -> Result<()> {
    let project = optional_project(kitsu, args.project.as_deref()).await?;
    let task = resolve::task(kitsu, project.as_ref(), &args.task).await?;
    let status = resolve::task_status(kitsu, &args.status).await?;
    let comment = post_comment(kitsu, &task, &id_of(&status), &args.message, &[]).await?;
    eprintln!(
        "Task {} is now {}",
        id_of(&task),
        text(&status, "short_name")
    );
    view.one(&comment, &["id", "task_status_id", "text"])
}

/// Assigns people to a task, or unassigns them.
pub async fn assign(kitsu: &Kitsu, args: AssignArgs, view: &View) -> Result<()> {
    let project = optional_project(kitsu, args.project.as_deref()).await?;
    let task = resolve::task(kitsu, project.as_ref(), &args.task).await?;
    let mut assignees: Vec<String> = task
        .get("assignees")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    for who in &args.persons {
        let person = id_of(&resolve::person(kitsu, who).await?);
        if args.remove {
            assignees.retain(|p| *p != person);
        } else if !assignees.contains(&person) {
            assignees.push(person);
        }
    }
    let updated: Value = kitsu
        .put(
            routes::collection_item("tasks", uuid(&task, "task")?),
            &json!({ "assignees": assignees }),
        )
        .await?;
    view.one(&updated, &["id", "assignees"])
}

/// Publishes a preview on a task.
pub async fn publish(kitsu: &Kitsu, args: PublishArgs, view: &View) -> Result<()> {
    if !args.file.is_file() {
        return Err(CliError::usage(format!(
            "no file at {}",
            args.file.display()
        )));
    }
    let project = optional_project(kitsu, args.project.as_deref()).await?;
    let task = resolve::task(kitsu, project.as_ref(), &args.task).await?;
    let status = status_or_current(kitsu, &task, args.status.as_deref()).await?;
    let comment = post_comment(kitsu, &task, &id_of(&status), &args.comment, &[]).await?;
    let task_id = id_of(&task).parse()?;
    let preview: Value = kitsu
        .post(
            routes::comment_add_preview(task_id, id_of(&comment).parse()?),
            &json!({}),
        )
        .await?;
    let preview_id = id_of(&preview).parse()?;
    let size = std::fs::metadata(&args.file).map(|m| m.len()).unwrap_or(0);
    let progress = bar(size, &format!("uploading {}", args.file.display()));
    let reporter = progress.clone();
    let upload = Upload::file(&args.file).progress(move |done, total| {
        reporter.set_length(total);
        reporter.set_position(done);
    });
    let uploaded: Value = kitsu
        .upload(routes::preview_file_upload(preview_id), upload)
        .await
        .inspect_err(|_| progress.abandon())?;
    progress.finish_and_clear();
    let mut preview = uploaded;
    if !args.no_wait {
        preview = wait_for_transcoding(kitsu, preview, Duration::from_secs(args.timeout)).await?;
        if !args.no_main {
            kitsu
                .put::<Value>(routes::set_main_preview(preview_id), &Map::new())
                .await?;
        }
    }
    eprintln!(
        "Published {} on task {} (preview {}, status {})",
        args.file.display(),
        id_of(&task),
        id_of(&preview),
        text(&preview, "status"),
    );
    view.one(&preview, &["id", "revision", "extension", "status"])
}

async fn wait_for_transcoding(kitsu: &Kitsu, preview: Value, timeout: Duration) -> Result<Value> {
    if text(&preview, "status") != "processing" && text(&preview, "status") != "broken" {
        return Ok(preview);
    }
    let id: kitsu::ids::PreviewFileId = id_of(&preview).parse()?;
    let spin = spinner("waiting for Kitsu to transcode");
    let waited = kitsu
        .preview_file(id)
        .wait_ready_every(timeout, Duration::from_secs(1))
        .await;
    match waited? {
        PreviewWait::Ready(ready) => {
            spin.finish_and_clear();
            Ok(serde_json::to_value(ready).unwrap_or(Value::Null))
        }
        PreviewWait::Broken(_) => {
            spin.abandon();
            Err(CliError::new(
                Code::Server,
                format!("Kitsu could not transcode the preview {id} (status broken)"),
            )
            .hint("check the file plays (ffprobe), then publish again"))
        }
        PreviewWait::TimedOut(_) => {
            spin.abandon();
            Err(CliError::new(
                Code::Server,
                format!(
                    "the preview {id} was still processing after {}s",
                    timeout.as_secs()
                ),
            )
            .hint("raise --timeout, or check Kitsu's transcoding queue"))
        }
    }
}

/// Creates an episode, sequence, shot or asset.
pub async fn new(kitsu: &Kitsu, args: NewArgs, view: &View) -> Result<()> {
    let columns: &[&str] = &["name", "id"];
    match args.what {
        New::Episode { name, common } => {
            let project = resolve::project_option(kitsu, common.project.as_deref()).await?;
            if common.exist_ok {
                if let Some(found) = existing(kitsu, "episodes", &project, &name, None).await? {
                    return view.one(&found, columns);
                }
            }
            let mut body = json!({ "name": name });
            if let Some(description) = common.description {
                body["description"] = Value::from(description);
            }
            let row: Value = kitsu
                .post(routes::project_episodes(id_of(&project).parse()?), &body)
                .await?;
            view.one(&row, columns)
        }
        New::Sequence {
            name,
            episode,
            common,
        } => {
            let project = resolve::project_option(kitsu, common.project.as_deref()).await?;
            if common.exist_ok {
                if let Some(found) = existing(kitsu, "sequences", &project, &name, None).await? {
                    return view.one(&found, columns);
                }
            }
            let mut body = json!({ "name": name });
            if let Some(episode) = episode {
                let episode =
                    resolve::entity(kitsu, "episodes", "episode", Some(&project), &episode).await?;
                body["episode_id"] = Value::from(id_of(&episode));
            }
            if let Some(description) = common.description {
                body["description"] = Value::from(description);
            }
            let row: Value = kitsu
                .post(routes::project_sequences(id_of(&project).parse()?), &body)
                .await?;
            view.one(&row, columns)
        }
        New::Shot {
            name,
            sequence,
            frames,
            common,
        } => {
            let project = resolve::project_option(kitsu, common.project.as_deref()).await?;
            let sequence =
                resolve::entity(kitsu, "sequences", "sequence", Some(&project), &sequence).await?;
            if common.exist_ok {
                let parent = id_of(&sequence);
                if let Some(found) =
                    existing(kitsu, "shots", &project, &name, Some(&parent)).await?
                {
                    return view.one(&found, columns);
                }
            }
            let mut body = json!({ "name": name, "sequence_id": id_of(&sequence) });
            if let Some(frames) = frames {
                body["nb_frames"] = Value::from(frames);
            }
            if let Some(description) = common.description {
                body["description"] = Value::from(description);
            }
            let row: Value = kitsu
                .post(routes::project_shots(id_of(&project).parse()?), &body)
                .await?;
            view.one(&row, columns)
        }
        New::Asset {
            name,
            asset_type,
            common,
        } => {
            let project = resolve::project_option(kitsu, common.project.as_deref()).await?;
            let asset_type = resolve::asset_type(kitsu, &asset_type).await?;
            if common.exist_ok {
                if let Some(found) = existing(kitsu, "assets", &project, &name, None).await? {
                    return view.one(&found, columns);
                }
            }
            let body = json!({
                "name": name,
                "description": common.description.unwrap_or_default(),
            });
            let row: Value = kitsu
                .post(
                    routes::new_asset(id_of(&project).parse()?, id_of(&asset_type).parse()?),
                    &body,
                )
                .await?;
            view.one(&row, columns)
        }
    }
}

async fn existing(
    kitsu: &Kitsu,
    collection: &str,
    project: &Value,
    name: &str,
    parent: Option<&str>,
) -> Result<Option<Value>> {
    let mut query = Query::new()
        .param("project_id", id_of(project))
        .param("name", name);
    if let Some(parent) = parent {
        query = query.param("parent_id", parent);
    }
    let found = resolve::rows(kitsu, collection, &query).await?;
    if let Some(row) = found.first() {
        eprintln!("{name} exists already ({})", id_of(row));
    }
    Ok(found.into_iter().next())
}
