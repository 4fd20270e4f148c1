//! `kitsu ls` and `kitsu show`.

use std::collections::HashMap;

use clap::{Args, ValueEnum};
use kitsu::routes;
use kitsu::{Kitsu, Query};
use serde_json::Value;

use crate::error::{CliError, Result};
use crate::output::View;
use crate::resolve::{self, id_of, text};

/// What `ls` and `show` list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// Projects (open ones; `--all` for every one).
    Projects,
    /// Episodes of a project.
    Episodes,
    /// Sequences of a project.
    Sequences,
    /// Shots of a project.
    Shots,
    /// Assets of a project.
    Assets,
    /// Tasks of a project.
    Tasks,
    /// People.
    Persons,
    /// Playlists of a project.
    Playlists,
    /// Asset types.
    AssetTypes,
    /// Task types.
    TaskTypes,
    /// Task statuses.
    TaskStatuses,
    /// The assets cast in a shot (`--shot`).
    Casting,
}

/// The singular kinds `show` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum One {
    /// A project.
    Project,
    /// An episode.
    Episode,
    /// A sequence.
    Sequence,
    /// A shot (`SH010`, `SQ01/SH010`, or an id).
    Shot,
    /// An asset.
    Asset,
    /// A task (`SH010/Animation`, `SQ01/SH010/Animation`, or an id).
    Task,
    /// A person (`me`, an email, a full name, or an id).
    Person,
    /// A playlist.
    Playlist,
}

/// `kitsu ls`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu ls projects
  kitsu ls shots --project 'Agent 327' --sequence SQ01
  kitsu ls assets --project 'Agent 327' --type Character -o json | jq '.[].name'
  kitsu ls tasks --project 'Agent 327' --assignee me --status wip --type Animation
  kitsu ls tasks --assignee me                 # in every open project
  kitsu ls tasks --assignee me --done          # my done tasks (in my open projects)
  kitsu ls casting --shot SQ01/SH010 --project 'Agent 327'
  kitsu ls tasks --project 'Agent 327' -o tsv --fields entity_name,task_type_name,task_status_short_name
  for id in $(kitsu ls shots --project 'Agent 327' -o ids); do …; done")]
pub struct LsArgs {
    /// What to list.
    kind: Kind,
    /// The project (name or id; or KITSU_PROJECT).
    #[arg(short, long, env = "KITSU_PROJECT")]
    project: Option<String>,
    /// Tasks: only this status (short name, `wip`, or name).
    #[arg(short, long)]
    status: Option<String>,
    /// Tasks: only this task type; assets: only this asset type.
    #[arg(short = 't', long = "type")]
    type_: Option<String>,
    /// Tasks: only those assigned to this person (`me`, an email, a full name).
    #[arg(short, long)]
    assignee: Option<String>,
    /// Casting: the shot (`SH010`, `SQ01/SH010`, or an id).
    #[arg(long)]
    shot: Option<String>,
    /// Shots: only this sequence's.
    #[arg(long)]
    sequence: Option<String>,
    /// Sequences: only this episode's.
    #[arg(short, long)]
    episode: Option<String>,
    /// Projects: closed ones too.
    #[arg(long)]
    all: bool,
    /// Tasks, with `--assignee me`: the logged-in user's done tasks instead (in the open
    /// projects whose team they are in), latest first.
    #[arg(long)]
    done: bool,
}

/// `kitsu show`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu show project 'Agent 327'
  kitsu show shot SQ01/SH010 --project 'Agent 327' -o json
  kitsu show task SH010/Animation --project 'Agent 327'
  kitsu show person me")]
pub struct ShowArgs {
    /// What kind of entity.
    kind: One,
    /// Its name or id.
    name: String,
    /// The project, to find names in (name or id; or KITSU_PROJECT).
    #[arg(short, long, env = "KITSU_PROJECT")]
    project: Option<String>,
}

fn refuse(option: &str, value: &Option<String>, kind: &str) -> Result<()> {
    match value {
        Some(_) => Err(CliError::usage(format!(
            "--{option} does not apply to `ls {kind}`"
        ))),
        None => Ok(()),
    }
}

/// Lists.
pub async fn ls(kitsu: &Kitsu, args: LsArgs, view: &View) -> Result<()> {
    let kind_name = args
        .kind
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default();
    if args.kind != Kind::Tasks {
        refuse("status", &args.status, &kind_name)?;
        refuse("assignee", &args.assignee, &kind_name)?;
        if args.kind != Kind::Assets {
            refuse("type", &args.type_, &kind_name)?;
        }
    }
    if args.done {
        if args.kind != Kind::Tasks {
            return Err(CliError::usage(format!(
                "--done does not apply to `ls {kind_name}`"
            )));
        }
        if args.assignee.as_deref() != Some("me") {
            return Err(CliError::usage(
                "--done lists the logged-in user's done tasks: give it with --assignee me",
            ));
        }
        refuse("status", &args.status, "tasks --done")?;
    }
    if args.kind != Kind::Shots {
        refuse("sequence", &args.sequence, &kind_name)?;
    }
    if args.kind != Kind::Casting {
        refuse("shot", &args.shot, &kind_name)?;
    }
    if args.kind != Kind::Sequences {
        refuse("episode", &args.episode, &kind_name)?;
    }
    if args.all && args.kind != Kind::Projects {
        return Err(CliError::usage(format!(
            "--all does not apply to `ls {kind_name}`"
        )));
    }
    match args.kind {
        Kind::Projects => {
            let rows: Vec<Value> = if args.all {
                kitsu.fetch_all(routes::collection("projects")).await?
            } else {
                kitsu.fetch_all(routes::open_projects()).await?
            };
            view.list(&rows, &["name", "production_type", "id"])
        }
        Kind::Persons => {
            let mut rows = resolve::rows(kitsu, "persons", &Query::new()).await?;
            for row in &mut rows {
                let name = resolve::full_name(row);
                set(row, "full_name", name);
            }
            view.list(&rows, &["full_name", "email", "role", "id"])
        }
        Kind::AssetTypes => {
            let rows = resolve::rows(kitsu, "asset-types", &Query::new()).await?;
            view.list(&rows, &["name", "id"])
        }
        Kind::TaskTypes => {
            let rows = resolve::rows(kitsu, "task-types", &Query::new()).await?;
            view.list(&rows, &["name", "for_entity", "id"])
        }
        Kind::TaskStatuses => {
            let rows = resolve::rows(kitsu, "task-status", &Query::new()).await?;
            view.list(&rows, &["short_name", "name", "is_done", "id"])
        }
        Kind::Episodes => {
            let project = resolve::project_option(kitsu, args.project.as_deref()).await?;
            let rows = resolve::rows(
                kitsu,
                "episodes",
                &Query::new().param("project_id", id_of(&project)),
            )
            .await?;
            view.list(&rows, &["name", "description", "id"])
        }
        Kind::Sequences => {
            let project = resolve::project_option(kitsu, args.project.as_deref()).await?;
            let mut query = Query::new().param("project_id", id_of(&project));
            if let Some(episode) = &args.episode {
                let episode =
                    resolve::entity(kitsu, "episodes", "episode", Some(&project), episode).await?;
                query = query.param("parent_id", id_of(&episode));
            }
            let rows = resolve::rows(kitsu, "sequences", &query).await?;
            view.list(&rows, &["name", "description", "id"])
        }
        Kind::Shots => {
            let project = resolve::project_option(kitsu, args.project.as_deref()).await?;
            let project_id = id_of(&project);
            let route = routes::project_shots(project_id.parse()?);
            let by_project = Query::new().param("project_id", &project_id);
            // Zou's list of a project's shots does not name their sequences.
            let (mut rows, sequences) = futures_util::try_join!(
                async { Ok::<Vec<Value>, CliError>(kitsu.fetch_all(&route).await?) },
                resolve::rows(kitsu, "sequences", &by_project),
            )?;
            let sequence_names = names_by_id(&sequences, |s| text(s, "name").to_owned());
            for shot in &mut rows {
                if text(shot, "sequence_name").is_empty() {
                    let name = sequence_names
                        .get(text(shot, "parent_id"))
                        .cloned()
                        .unwrap_or_default();
                    set(shot, "sequence_name", name);
                }
            }
            if let Some(sequence) = &args.sequence {
                let sequence =
                    resolve::entity(kitsu, "sequences", "sequence", Some(&project), sequence)
                        .await?;
                let sequence_id = id_of(&sequence);
                rows.retain(|shot| text(shot, "parent_id") == sequence_id);
            }
            view.list(&rows, &["sequence_name", "name", "nb_frames", "id"])
        }
        Kind::Assets => {
            let project = resolve::project_option(kitsu, args.project.as_deref()).await?;
            let route = routes::project_assets(id_of(&project).parse()?);
            let all = Query::new();
            let (mut rows, types) = futures_util::try_join!(
                async { Ok::<Vec<Value>, CliError>(kitsu.fetch_all(&route).await?) },
                resolve::rows(kitsu, "asset-types", &all),
            )?;
            let type_names = names_by_id(&types, |t| text(t, "name").to_owned());
            for asset in &mut rows {
                let name = type_names
                    .get(text(asset, "entity_type_id"))
                    .cloned()
                    .unwrap_or_default();
                set(asset, "asset_type_name", name);
            }
            if let Some(asset_type) = &args.type_ {
                let asset_type = resolve::asset_type(kitsu, asset_type).await?;
                let type_id = id_of(&asset_type);
                rows.retain(|asset| text(asset, "entity_type_id") == type_id);
            }
            view.list(&rows, &["asset_type_name", "name", "description", "id"])
        }
        Kind::Playlists => {
            let project = resolve::project_option(kitsu, args.project.as_deref()).await?;
            let rows = resolve::rows(
                kitsu,
                "playlists",
                &Query::new().param("project_id", id_of(&project)),
            )
            .await?;
            view.list(&rows, &["name", "for_entity", "created_at", "id"])
        }
        Kind::Tasks => {
            let mut columns = vec![
                "entity_name",
                "task_type_name",
                "task_status_short_name",
                "assignee_names",
                "id",
            ];
            let rows = match (&args.project, &args.assignee) {
                _ if args.done => {
                    columns.insert(0, "project_name");
                    done_tasks(kitsu, &args).await?
                }
                (None, Some(_)) => {
                    // Someone's tasks in every open project (gazu-cli's `my-tasks`).
                    columns.insert(0, "project_name");
                    let projects: Vec<Value> = kitsu.fetch_all(routes::open_projects()).await?;
                    let mut rows = Vec::new();
                    for project in &projects {
                        let mut found = tasks(kitsu, project, &args).await?;
                        for task in &mut found {
                            set(task, "project_name", text(project, "name"));
                        }
                        rows.extend(found);
                    }
                    rows
                }
                _ => {
                    let project = resolve::project_option(kitsu, args.project.as_deref()).await?;
                    tasks(kitsu, &project, &args).await?
                }
            };
            view.list(&rows, &columns)
        }
        Kind::Casting => {
            let Some(shot) = &args.shot else {
                return Err(CliError::usage("which shot? give --shot"));
            };
            let project = match &args.project {
                Some(project) => Some(resolve::project(kitsu, project).await?),
                None => None,
            };
            let shot = resolve::shot(kitsu, project.as_ref(), shot).await?;
            let route = routes::entity_casting(
                text(&shot, "project_id").parse()?,
                id_of(&shot).parse::<kitsu::ids::EntityId>()?,
            );
            let rows: Vec<Value> = kitsu.fetch_all(route).await?;
            view.list(
                &rows,
                &["asset_type_name", "asset_name", "nb_occurences", "asset_id"],
            )
        }
    }
}

fn set(row: &mut Value, field: &str, value: impl Into<Value>) {
    if let Value::Object(object) = row {
        object.insert(field.to_owned(), value.into());
    }
}

fn names_by_id(rows: &[Value], name: impl Fn(&Value) -> String) -> HashMap<String, String> {
    rows.iter().map(|row| (id_of(row), name(row))).collect()
}

/// A project's tasks, filtered, each with the names of its entity, type, status and assignees
/// (`entity_name`, `task_type_name`, `task_status_short_name`, `task_status_name`,
/// `assignee_names`) added.
async fn tasks(kitsu: &Kitsu, project: &Value, args: &LsArgs) -> Result<Vec<Value>> {
    let project_id = id_of(project);
    let mut query = Query::new()
        .param("project_id", &project_id)
        .relations(true);
    let status = match &args.status {
        Some(status) => Some(resolve::task_status(kitsu, status).await?),
        None => None,
    };
    if let Some(status) = &status {
        query = query.param("task_status_id", id_of(status));
    }
    if let Some(task_type) = &args.type_ {
        let task_type = resolve::task_type(kitsu, task_type).await?;
        query = query.param("task_type_id", id_of(&task_type));
    }
    let assignee = match &args.assignee {
        Some(who) => Some(id_of(&resolve::person(kitsu, who).await?)),
        None => None,
    };
    let all = Query::new();
    let entities_query = Query::new().param("project_id", &project_id);
    let (tasks, types, statuses, persons, entities) = futures_util::try_join!(
        resolve::rows(kitsu, "tasks", &query),
        resolve::rows(kitsu, "task-types", &all),
        resolve::rows(kitsu, "task-status", &all),
        resolve::rows(kitsu, "persons", &all),
        resolve::rows(kitsu, "entities", &entities_query),
    )?;
    let type_names = names_by_id(&types, |t| text(t, "name").to_owned());
    let status_short = names_by_id(&statuses, |s| text(s, "short_name").to_owned());
    let status_names = names_by_id(&statuses, |s| text(s, "name").to_owned());
    let person_names = names_by_id(&persons, resolve::full_name);
    let entity_names = names_by_id(&entities, |e| text(e, "name").to_owned());
    let mut rows: Vec<Value> = tasks
        .into_iter()
        .filter(|task| match &assignee {
            Some(person) => task
                .get("assignees")
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|p| p.as_str() == Some(person))),
            None => true,
        })
        .collect();
    let lookup =
        |names: &HashMap<String, String>, id: &str| names.get(id).cloned().unwrap_or_default();
    for task in &mut rows {
        let entity = lookup(&entity_names, text(task, "entity_id"));
        let task_type = lookup(&type_names, text(task, "task_type_id"));
        let short = lookup(&status_short, text(task, "task_status_id"));
        let status_name = lookup(&status_names, text(task, "task_status_id"));
        let assignees: Vec<Value> = task
            .get("assignees")
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(Value::as_str)
                    .map(|id| Value::from(lookup(&person_names, id)))
                    .collect()
            })
            .unwrap_or_default();
        set(task, "entity_name", entity);
        set(task, "task_type_name", task_type);
        set(task, "task_status_short_name", short);
        set(task, "task_status_name", status_name);
        set(task, "assignee_names", assignees);
    }
    rows.sort_by(|a, b| {
        (text(a, "entity_name"), text(a, "task_type_name"))
            .cmp(&(text(b, "entity_name"), text(b, "task_type_name")))
    });
    Ok(rows)
}

/// The logged-in user's done tasks (Zou's `data/user/tasks-done`, names joined in by Zou,
/// latest first), with `assignee_names` added, narrowed to `--project` and `--type` if given.
async fn done_tasks(kitsu: &Kitsu, args: &LsArgs) -> Result<Vec<Value>> {
    let project = match &args.project {
        Some(project) => Some(id_of(&resolve::project(kitsu, project).await?)),
        None => None,
    };
    let task_type = match &args.type_ {
        Some(task_type) => Some(id_of(&resolve::task_type(kitsu, task_type).await?)),
        None => None,
    };
    let all = Query::new();
    let (tasks, persons) = futures_util::try_join!(
        async {
            kitsu
                .fetch_all::<Value>(routes::user_done_tasks())
                .await
                .map_err(CliError::from)
        },
        resolve::rows(kitsu, "persons", &all),
    )?;
    let person_names = names_by_id(&persons, resolve::full_name);
    let mut rows: Vec<Value> = tasks
        .into_iter()
        .filter(|task| {
            project
                .as_deref()
                .is_none_or(|p| text(task, "project_id") == p)
        })
        .filter(|task| {
            task_type
                .as_deref()
                .is_none_or(|t| text(task, "task_type_id") == t)
        })
        .collect();
    for task in &mut rows {
        let assignees: Vec<Value> = task
            .get("assignees")
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(Value::as_str)
                    .map(|id| Value::from(person_names.get(id).cloned().unwrap_or_default()))
                    .collect()
            })
            .unwrap_or_default();
        set(task, "assignee_names", assignees);
    }
    Ok(rows)
}

/// Shows one.
pub async fn show(kitsu: &Kitsu, args: ShowArgs, view: &View) -> Result<()> {
    let project = match (&args.project, args.kind) {
        (
            Some(project),
            One::Shot | One::Sequence | One::Episode | One::Asset | One::Task | One::Playlist,
        ) if !resolve::is_id(&args.name) => Some(resolve::project(kitsu, project).await?),
        _ => None,
    };
    let project = project.as_ref();
    let (row, columns): (Value, &[&str]) = match args.kind {
        One::Project => (
            resolve::project(kitsu, &args.name).await?,
            &[
                "name",
                "code",
                "production_type",
                "fps",
                "resolution",
                "ratio",
                "start_date",
                "end_date",
                "id",
            ],
        ),
        One::Episode => (
            resolve::entity(kitsu, "episodes", "episode", project, &args.name).await?,
            &["name", "description", "project_id", "id"],
        ),
        One::Sequence => (
            resolve::entity(kitsu, "sequences", "sequence", project, &args.name).await?,
            &["name", "description", "parent_id", "project_id", "id"],
        ),
        One::Shot => (
            resolve::shot(kitsu, project, &args.name).await?,
            &[
                "name",
                "description",
                "nb_frames",
                "parent_id",
                "project_id",
                "data",
                "id",
            ],
        ),
        One::Asset => (
            resolve::entity(kitsu, "assets", "asset", project, &args.name).await?,
            &[
                "name",
                "description",
                "entity_type_id",
                "project_id",
                "data",
                "id",
            ],
        ),
        One::Task => (
            resolve::task(kitsu, project, &args.name).await?,
            &[
                "entity_id",
                "task_type_id",
                "task_status_id",
                "assignees",
                "priority",
                "due_date",
                "project_id",
                "id",
            ],
        ),
        One::Person => {
            let mut person = resolve::person(kitsu, &args.name).await?;
            let name = resolve::full_name(&person);
            set(&mut person, "full_name", name);
            (person, &["full_name", "email", "role", "active", "id"])
        }
        One::Playlist => {
            let row = if resolve::is_id(&args.name) {
                resolve::by_id(kitsu, "playlists", "playlist", &args.name).await?
            } else {
                let Some(project) = project else {
                    return Err(CliError::usage(
                        "a playlist name needs --project (or KITSU_PROJECT)",
                    ));
                };
                let query = Query::new()
                    .param("project_id", id_of(project))
                    .param("name", &args.name);
                resolve::rows(kitsu, "playlists", &query)
                    .await?
                    .into_iter()
                    .next()
                    .ok_or_else(|| {
                        CliError::not_found(format!("no playlist named {:?}", args.name))
                    })?
            };
            (row, &["name", "for_entity", "created_at", "id"])
        }
    };
    view.one(&row, columns)
}

/// `kitsu search`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kitsu search hero
  kitsu search 'SH01' --project 'Agent 327' -o ids

Searches Kitsu's index (persons, assets, shots); the server needs its indexer running.")]
pub struct SearchArgs {
    /// What to look for.
    query: String,
    /// Only in this project (name or id; or KITSU_PROJECT).
    #[arg(short, long, env = "KITSU_PROJECT")]
    project: Option<String>,
}

/// Searches persons, assets and shots.
pub async fn search(kitsu: &Kitsu, args: SearchArgs, view: &View) -> Result<()> {
    let mut body = serde_json::json!({ "query": args.query });
    if let Some(project) = &args.project {
        body["project_id"] = Value::from(id_of(&resolve::project(kitsu, project).await?));
    }
    let found: Value = kitsu.post(routes::search(), &body).await?;
    let mut rows = Vec::new();
    for kind in ["persons", "assets", "shots"] {
        for row in found
            .get(kind)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let mut row = row.clone();
            let name = match text(&row, "name") {
                "" => resolve::full_name(&row),
                name => name.to_owned(),
            };
            set(&mut row, "kind", kind.trim_end_matches('s'));
            set(&mut row, "name", name);
            rows.push(row);
        }
    }
    view.list(&rows, &["kind", "name", "id"])
}
