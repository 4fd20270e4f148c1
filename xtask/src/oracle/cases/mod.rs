//! Every module's cases, one file per gazu module.

mod asset;
mod casting;
mod concept;
mod context;
mod edit;
mod entity;
mod files;
mod person;
mod playlist;
mod project;
mod project_template;
mod scene;
mod search;
mod shot;
mod studio;
mod sync;
mod task;
mod user;

use kitsu::Kitsu;

use super::case::{BoxError, Case, World};

/// Every module with cases: the proven ones, and those in progress.
pub fn all() -> Vec<(&'static str, Vec<Case>)> {
    vec![
        ("project", project::cases()),
        ("studio", studio::cases()),
        ("search", search::cases()),
        ("shot", shot::cases()),
        ("scene", scene::cases()),
        ("edit", edit::cases()),
        ("concept", concept::cases()),
        ("asset", asset::cases()),
        ("casting", casting::cases()),
        ("entity", entity::cases()),
        ("context", context::cases()),
        ("task", task::cases()),
        ("person", person::cases()),
        ("user", user::cases()),
        ("files", files::cases()),
        ("playlist", playlist::cases()),
        ("project_template", project_template::cases()),
        ("sync", sync::cases()),
    ]
}

/// Every module's extra rows, for one side.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    project::setup(kitsu, world).await?;
    studio::setup(kitsu, world).await?;
    search::setup(kitsu, world).await?;
    shot::setup(kitsu, world).await?;
    scene::setup(kitsu, world).await?;
    edit::setup(kitsu, world).await?;
    concept::setup(kitsu, world).await?;
    asset::setup(kitsu, world).await?;
    casting::setup(kitsu, world).await?;
    entity::setup(kitsu, world).await?;
    context::setup(kitsu, world).await?;
    task::setup(kitsu, world).await?;
    person::setup(kitsu, world).await?;
    user::setup(kitsu, world).await?;
    files::setup(kitsu, world).await?;
    playlist::setup(kitsu, world).await?;
    project_template::setup(kitsu, world).await?;
    sync::setup(kitsu, world).await?;
    Ok(())
}
