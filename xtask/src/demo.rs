//! Productions seeded on a real Zou, through kitsu-rs itself: the demo the examples run on
//! (`cargo xtask live`) and the 500 shots of the N+1 and repeated-read benchmarks (`cargo xtask
//! bench`, W6 and W7).

use std::path::Path;

use kitsu::ids::ProjectId;
use kitsu::{ApiError, Kitsu};

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
pub async fn seed(kitsu: &Kitsu, production: &Production<'_>) -> Result<ProjectId, kitsu::Error> {
    for old in kitsu.projects().list().await? {
        kitsu.project(old.id).delete_forever().await?;
    }
    create(kitsu, production).await
}

/// Creates the production beside whatever else that Zou holds; returns its project id.
pub async fn create(kitsu: &Kitsu, production: &Production<'_>) -> Result<ProjectId, kitsu::Error> {
    let project = kitsu.projects().create_named(production.name).await?;
    let handle = kitsu.project(project.id);
    let mut shots = Vec::new();
    for sequence_number in 1..=production.sequences {
        let sequence = handle
            .new_sequence(format!("SQ{sequence_number:02}"))
            .await?;
        let created = kitsu::concurrent::try_map(1..=production.shots_per_sequence, 16, |n| {
            handle
                .new_shot(sequence.id, format!("SH{:04}", n * 10))
                .nb_frames(24)
        })
        .await?;
        shots.extend(created);
    }
    let mut first_tasks = Vec::new();
    for name in production.task_types {
        let task_type = kitsu
            .task_types()
            .by_name(name)
            .await?
            .ok_or_else(|| missing("task type", name))?;
        let tasks = handle.create_shot_tasks(task_type.id).await?;
        if first_tasks.is_empty() {
            first_tasks = tasks;
        }
    }
    if let Some((movie, count)) = production.movies {
        let wip = kitsu
            .task_statuses()
            .by_short_name("wip")
            .await?
            .ok_or_else(|| missing("task status", "wip"))?;
        for task in first_tasks.iter().take(count) {
            let comment = kitsu.task(task.id).comment(wip.id, "first take").await?;
            let preview = kitsu.task(task.id).add_preview(comment.id).await?;
            let preview = kitsu.preview_file(preview.id).upload(movie).await?;
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
    let asset_types = kitsu.asset_types().list().await?;
    for (name, asset_type) in production.assets.iter().zip(&asset_types) {
        handle
            .new_asset(asset_type.id, *name)
            .description("seeded by cargo xtask")
            .await?;
    }
    Ok(project.id)
}

fn missing(what: &'static str, value: &str) -> ApiError {
    ApiError::InvalidInput {
        what,
        value: value.to_owned(),
        reason: "missing on this Zou",
    }
}
