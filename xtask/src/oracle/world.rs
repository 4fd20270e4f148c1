//! The world both sides start from: per side, a TV-show project of its own with an episode, a
//! sequence in it, a shot, an asset, and the studio-wide types and statuses they use.
//!
//! Keys (strings in Python's `w`, typed with `w.id::<…>(key)` in Rust):
//! `project`, `project_name`, `episode`, `episode_name`, `sequence`, `sequence_name`, `shot`,
//! `shot_name`, `asset_type`, `asset_type_name`, `asset`, `asset_name`, `task_type`,
//! `task_type_name`, `task_status`, `task_status_short_name`, `person` (the logged-in user),
//! `person_email`, `project_status_open`, `project_status_closed`.

use kitsu::Kitsu;
use kitsu::Query;
use serde_json::{Value, json};

use super::case::{BoxError, World};

fn id_of(row: &Value, what: &str) -> Result<String, BoxError> {
    row.get("id")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{what}: the answer has no id: {row}").into())
}

/// The studio-wide row of `collection` named `name`, created if missing.
async fn ensure_named(
    kitsu: &Kitsu,
    collection: &str,
    name: &str,
    extra: Value,
) -> Result<Value, BoxError> {
    let path = format!("data/{collection}");
    let found: Option<Value> = kitsu
        .fetch_first(&path, &Query::new().param("name", name))
        .await?;
    if let Some(row) = found {
        return Ok(row);
    }
    let mut fields = json!({ "name": name });
    if let (Some(fields), Value::Object(extra)) = (fields.as_object_mut(), extra) {
        fields.extend(extra);
    }
    Ok(kitsu.post(&path, &fields).await?)
}

/// Builds one side's world.
pub async fn build(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let me: Value = kitsu.get("auth/authenticated").await?;
    let user = me.get("user").cloned().unwrap_or(Value::Null);
    world.set("person", id_of(&user, "auth/authenticated")?);
    world.set(
        "person_email",
        user.get("email")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    );
    for (key, name) in [
        ("project_status_open", "Open"),
        ("project_status_closed", "Closed"),
    ] {
        let status = ensure_named(kitsu, "project-status", name, json!({})).await?;
        world.set(key, id_of(&status, "project status")?);
    }

    let task_type = ensure_named(
        kitsu,
        "task-types",
        "Animation",
        json!({ "for_entity": "Shot", "short_name": "anim" }),
    )
    .await?;
    world.set("task_type", id_of(&task_type, "task type")?);
    world.set("task_type_name", "Animation");
    let status = ensure_named(
        kitsu,
        "task-status",
        "Todo",
        json!({ "short_name": "todo", "color": "#f5f5f5" }),
    )
    .await?;
    world.set("task_status", id_of(&status, "task status")?);
    world.set(
        "task_status_short_name",
        status
            .get("short_name")
            .and_then(Value::as_str)
            .unwrap_or("todo"),
    );
    let asset_type = ensure_named(kitsu, "entity-types", "Character", json!({})).await?;
    world.set("asset_type", id_of(&asset_type, "asset type")?);
    world.set("asset_type_name", "Character");

    let project_name = world.unique("oracle");
    let project: Value = kitsu
        .post(
            "data/projects",
            &json!({ "name": project_name, "production_type": "tvshow" }),
        )
        .await?;
    let project_id = id_of(&project, "project")?;
    world.set("project", &project_id);
    world.set("project_name", &project_name);
    let settings = format!("data/projects/{project_id}/settings");
    let _: Value = kitsu
        .post(
            format!("{settings}/task-types"),
            &json!({ "task_type_id": world.get("task_type")? }),
        )
        .await?;
    let _: Value = kitsu
        .post(
            format!("{settings}/asset-types"),
            &json!({ "asset_type_id": world.get("asset_type")? }),
        )
        .await?;
    let _: Value = kitsu
        .post(
            format!("{settings}/task-status"),
            &json!({ "task_status_id": world.get("task_status")? }),
        )
        .await?;

    let episode: Value = kitsu
        .post(
            format!("data/projects/{project_id}/episodes"),
            &json!({ "name": "E01" }),
        )
        .await?;
    world.set("episode", id_of(&episode, "episode")?);
    world.set("episode_name", "E01");
    let sequence: Value = kitsu
        .post(
            format!("data/projects/{project_id}/sequences"),
            &json!({ "name": "SQ01", "episode_id": world.get("episode")? }),
        )
        .await?;
    world.set("sequence", id_of(&sequence, "sequence")?);
    world.set("sequence_name", "SQ01");
    let shot: Value = kitsu
        .post(
            format!("data/projects/{project_id}/shots"),
            &json!({ "name": "SH010", "sequence_id": world.get("sequence")?, "nb_frames": 48 }),
        )
        .await?;
    world.set("shot", id_of(&shot, "shot")?);
    world.set("shot_name", "SH010");
    let asset: Value = kitsu
        .post(
            format!(
                "data/projects/{project_id}/asset-types/{}/assets/new",
                world.get("asset_type")?
            ),
            &json!({ "name": "Hero", "description": "the hero" }),
        )
        .await?;
    world.set("asset", id_of(&asset, "asset")?);
    world.set("asset_name", "Hero");
    Ok(())
}

/// Removes a side's project with everything in it (closed first: Zou deletes only closed
/// projects; its assets' instances first: Zou 1.0.97 cannot delete a project whose assets
/// have some, whichever cases ran).
pub async fn tear_down(kitsu: &Kitsu, world: &World) -> Result<(), BoxError> {
    let project = world.get("project")?;
    let assets: Vec<Value> = kitsu
        .fetch_all(format!("data/projects/{project}/assets"))
        .await?;
    for asset in &assets {
        let instances: Vec<Value> = kitsu
            .fetch_all_with(
                "data/asset-instances",
                &Query::new().param("asset_id", id_of(asset, "asset")?),
            )
            .await?;
        for instance in &instances {
            kitsu
                .delete(format!(
                    "data/asset-instances/{}",
                    id_of(instance, "asset instance")?
                ))
                .await?;
        }
    }
    let _: Value = kitsu
        .put(
            format!("data/projects/{project}"),
            &json!({ "project_status_id": world.get("project_status_closed")? }),
        )
        .await?;
    kitsu
        .delete_with(
            format!("data/projects/{project}"),
            &Query::new().param("force", true),
        )
        .await?;
    Ok(())
}
