//! The oracle's cases for gazu's `studio` module.
//!
//! Extra world keys (per side): `studio`, `studio_name` (a studio made for the side, removed by
//! the last case).

use kitsu::Kitsu;
use kitsu::ids::StudioId;
use serde_json::json;

use crate::oracle::case::{BoxError, Case, World, case};

/// Rows this module's cases need beyond the common world, made for each side.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let name = world.unique("oracle-studio");
    let studio = kitsu
        .studios()
        .create(&json!({ "name": name, "color": "#ff0000" }))
        .await?;
    world.set("studio", studio.id);
    world.set("studio_name", name);
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "studio.all_studios",
            r#"gazu.studio.all_studios()"#,
            |k, w| {
                k.studios().all().await?;
            }
        ),
        case!(
            "studio.get_studio",
            r#"gazu.studio.get_studio(w["studio"])"#,
            |k, w| {
                k.studios().get(w.id::<StudioId>("studio")?).await?;
            }
        ),
        case!(
            "studio.get_studio_by_name",
            r#"gazu.studio.get_studio_by_name(w["studio_name"])"#,
            |k, w| {
                k.studios().by_name(w.get("studio_name")?).await?;
            }
        ),
        case!(
            "studio.update_studio",
            r##"gazu.studio.update_studio({"id": w["studio"], "color": "#00ff00"})"##,
            |k, w| {
                k.studios()
                    .update(w.id::<StudioId>("studio")?, &json!({ "color": "#00ff00" }))
                    .await?;
            }
        ),
        case!(
            "studio.remove_studio",
            r#"gazu.studio.remove_studio(w["studio"], force=True)"#,
            |k, w| {
                k.studios()
                    .delete_forever(w.id::<StudioId>("studio")?)
                    .await?;
            }
        ),
    ]
}
