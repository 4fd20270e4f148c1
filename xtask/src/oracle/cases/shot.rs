//! The oracle's cases for gazu's `shot` module.

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
            "shot.get_shot",
            r#"gazu.shot.get_shot(w["shot"])"#,
            |k, w| {
                k.shot(w.id("shot")?).get().await?;
            }
        ),
        case!(
            "shot.all_shots_for_project",
            r#"gazu.shot.all_shots_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).shots().await?;
            }
        ),
        case!(
            "shot.all_sequences_for_project",
            r#"gazu.shot.all_sequences_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).sequences().await?;
            }
        ),
    ]
}
