//! Every module's cases, one file per gazu module.

mod asset;
mod casting;
mod concept;
mod context;
mod edit;
mod entity;
mod project;
mod scene;
mod search;
mod shot;
mod studio;

use kitsu::Kitsu;

use super::case::{BoxError, Case, World};

/// The modules the oracle proves, with their cases.
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
    Ok(())
}
