//! The oracle's cases for gazu's `search` module.

use kitsu::Kitsu;
use kitsu::ids::ProjectId;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side.
pub async fn setup(_kitsu: &Kitsu, _world: &mut World) -> Result<(), BoxError> {
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![case!(
        "search.search_entities",
        r#"gazu.search.search_entities(w["asset_name"], project=w["project"])"#,
        |k, w| {
            k.search(w.get("asset_name")?)
                .project(w.id::<ProjectId>("project")?)
                .await?;
        }
    )]
}
