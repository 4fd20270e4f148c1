//! Productions seeded on a real Zou, through kitsu-rs itself: the demo the examples run on
//! (`cargo xtask live`) and the 500 shots of the N+1 benchmark (`cargo xtask bench`, W6).

use std::path::Path;

use serde_json::{Value, json};

use kitsu::{ApiError, Kitsu, Query};

/// What to create: one project of `sequences × shots_per_sequence` shots, each with a task of
/// every type in `task_types`.
pub struct Production<'a> {
    /// The project's name.
    pub name: &'a str,
    /// Sequences, named SQ01, SQ02…
    pub sequences: usize,
    /// Shots per sequence, named SH0010, SH0020…
    pub shots_per_sequence: usize,
    /// Task types (from Zou's init data) every shot gets a task of.
    pub task_types: &'a [&'a str],
    /// A movie uploaded as a preview on the first task of this many shots.
    pub movies: Option<(&'a Path, usize)>,
    /// Assets created, one of each of the server's first asset types.
    pub assets: &'a [&'a str],
}

/// The production the examples expect, as the mock's `demo_data` has it.
pub fn examples(movie: &Path) -> Production<'_> {
    Production {
        name: "Demo Project",
        sequences: 2,
        shots_per_sequence: 5,
        task_types: &["Animation", "Compositing"],
        movies: Some((movie, 3)),
        assets: &["Hero", "Sword", "Forest"],
    }
}

/// Creates the production as the only open project (the examples and the benchmark take the
/// first open one, so every other project of this Zou is removed); returns its project id.
pub async fn seed(kitsu: &Kitsu, production: &Production<'_>) -> Result<String, kitsu::Error> {
    for old in kitsu.projects().await? {
        remove_project(kitsu, &old.id).await?;
    }
    let project = kitsu.new_project(production.name).await?;
    let mut shots = Vec::new();
    for sequence_number in 1..=production.sequences {
        let sequence = kitsu
            .new_sequence(&project.id, &format!("SQ{sequence_number:02}"))
            .await?;
        let created = kitsu::concurrent::try_map(1..=production.shots_per_sequence, 16, |n| {
            let (kitsu, project, sequence) =
                (kitsu.clone(), project.id.clone(), sequence.id.clone());
            async move {
                kitsu
                    .new_shot(&project, &sequence, &format!("SH{:04}", n * 10), Some(24))
                    .await
            }
        })
        .await?;
        shots.extend(created);
    }
    let mut first_tasks = Vec::new();
    for name in production.task_types {
        let task_type = kitsu
            .task_type_by_name(name)
            .await?
            .ok_or_else(|| missing("task type", name))?;
        let tasks = kitsu
            .create_shot_tasks(&project.id, &task_type.id, None)
            .await?;
        if first_tasks.is_empty() {
            first_tasks = tasks;
        }
    }
    if let Some((movie, count)) = production.movies {
        let wip = kitsu
            .task_status_by_short_name("wip")
            .await?
            .ok_or_else(|| missing("task status", "wip"))?;
        for task in first_tasks.iter().take(count) {
            let comment = kitsu.add_comment(&task.id, &wip.id, "first take").await?;
            let preview = kitsu.add_preview(&task.id, &comment.id).await?;
            let preview = kitsu.upload_preview(&preview.id, movie).await?;
            if preview.status.as_deref() == Some("broken") {
                return Err(ApiError::InvalidInput {
                    what: "movie",
                    value: movie.display().to_string(),
                    reason: "Zou could not process it (preview status `broken`)",
                }
                .into());
            }
        }
    }
    let asset_types = kitsu.asset_types().await?;
    for (name, asset_type) in production.assets.iter().zip(&asset_types) {
        kitsu
            .new_asset(&project.id, &asset_type.id, name, "seeded by cargo xtask")
            .await?;
    }
    Ok(project.id)
}

/// Closes a project, then deletes it with everything in it.
pub async fn remove_project(kitsu: &Kitsu, project: &str) -> Result<(), kitsu::Error> {
    let statuses: Vec<Value> = kitsu.fetch_all("project-status").await?;
    if let Some(closed) = statuses.iter().find(|s| s["name"] == "Closed") {
        let _: Value = kitsu
            .update(
                "projects",
                project,
                &json!({"project_status_id": closed["id"]}),
            )
            .await?;
    }
    Ok(kitsu
        .delete_with(
            &format!("data/projects/{project}"),
            &Query::new().param("force", true),
        )
        .await?)
}

fn missing(what: &'static str, value: &str) -> ApiError {
    ApiError::InvalidInput {
        what,
        value: value.to_owned(),
        reason: "missing on this Zou",
    }
}
