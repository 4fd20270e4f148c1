//! The oracle's cases for gazu's `project` module.

use kitsu::Kitsu;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side.
pub async fn setup(_kitsu: &Kitsu, _world: &mut World) -> Result<(), BoxError> {
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "project.get_project",
            r#"gazu.project.get_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).get().await?;
            }
        ),
        case!(
            "project.all_open_projects",
            r#"gazu.project.all_open_projects()"#,
            |k, w| {
                k.projects().open().await?;
            }
        ),
        case!(
            "project.get_project_by_name",
            r#"gazu.project.get_project_by_name(w["project_name"])"#,
            |k, w| {
                k.projects().by_name(w.get("project_name")?).await?;
            }
        ),
    ]
}
