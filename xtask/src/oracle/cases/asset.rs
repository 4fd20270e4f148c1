//! The oracle's cases for gazu's `asset` module.

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
            "asset.all_assets_for_project",
            r#"gazu.asset.all_assets_for_project(w["project"])"#,
            |k, w| {
                k.project(w.id("project")?).assets().await?;
            }
        ),
        case!(
            "asset.all_asset_types",
            r#"gazu.asset.all_asset_types()"#,
            |k, w| {
                k.asset_types().list().await?;
            }
        ),
    ]
}
