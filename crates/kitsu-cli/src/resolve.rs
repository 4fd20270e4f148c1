//! Names or ids, wherever an entity is named: a UUID is fetched by id, anything else is looked
//! up by name (in the project, where names are per project).

use kitsu::routes;
use kitsu::{Kitsu, Query};
use serde_json::Value;

use crate::error::{CliError, Code, Result};

/// Whether `text` is a UUID (an id) rather than a name.
pub fn is_id(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok()
}

/// The `id` field of a row.
pub fn id_of(row: &Value) -> String {
    row.get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// A field of a row as text.
pub fn text<'a>(row: &'a Value, field: &str) -> &'a str {
    row.get(field).and_then(Value::as_str).unwrap_or_default()
}

/// Rows of a collection matching the query.
pub async fn rows(kitsu: &Kitsu, collection: &str, query: &Query) -> Result<Vec<Value>> {
    Ok(kitsu
        .fetch_all_with(routes::collection(collection), query)
        .await?)
}

/// One row by id, 404 being "not found".
pub async fn by_id(kitsu: &Kitsu, collection: &str, what: &str, id: &str) -> Result<Value> {
    let uuid =
        uuid::Uuid::parse_str(id).map_err(|_| CliError::usage(format!("{id:?} is not an id")))?;
    match kitsu
        .get::<Value>(routes::collection_item(collection, uuid))
        .await
    {
        Ok(row) => Ok(row),
        Err(error) if error.status().map(|s| s.as_u16()) == Some(404) => {
            Err(CliError::not_found(format!("no {what} with id {id}")))
        }
        Err(error) => Err(error.into()),
    }
}

fn exactly_one(found: Vec<Value>, what: &str, name: &str, hint: &str) -> Result<Value> {
    let mut found = found.into_iter();
    match (found.next(), found.next()) {
        (Some(row), None) => Ok(row),
        (None, _) => Err(CliError::not_found(format!("no {what} named {name:?}")).hint(hint)),
        (Some(_), Some(_)) => Err(CliError::new(
            Code::Usage,
            format!("several {what}s are named {name:?}"),
        )
        .hint("name it by id instead (`-o ids` lists ids)")),
    }
}

/// A project by name or id.
pub async fn project(kitsu: &Kitsu, name_or_id: &str) -> Result<Value> {
    if is_id(name_or_id) {
        return by_id(kitsu, "projects", "project", name_or_id).await;
    }
    let found = rows(kitsu, "projects", &Query::new().param("name", name_or_id)).await?;
    exactly_one(
        found,
        "project",
        name_or_id,
        "`kitsu ls projects --all` lists the projects",
    )
}

/// The project of `--project` or `KITSU_PROJECT`.
pub async fn project_option(kitsu: &Kitsu, option: Option<&str>) -> Result<Value> {
    let Some(name) = option else {
        return Err(
            CliError::usage("which project? give --project, or set KITSU_PROJECT")
                .hint("`kitsu ls projects` lists the open projects"),
        );
    };
    project(kitsu, name).await
}

/// An entity of a project (`sequences`, `shots`, `assets`, `episodes`) by name or id.
pub async fn entity(
    kitsu: &Kitsu,
    collection: &str,
    what: &str,
    project: Option<&Value>,
    name_or_id: &str,
) -> Result<Value> {
    if is_id(name_or_id) {
        return by_id(kitsu, collection, what, name_or_id).await;
    }
    let Some(project) = project else {
        return Err(CliError::usage(format!(
            "{what} {name_or_id:?} is a name: give --project (or KITSU_PROJECT), or the id"
        )));
    };
    let query = Query::new()
        .param("project_id", id_of(project))
        .param("name", name_or_id);
    let found = rows(kitsu, collection, &query).await?;
    exactly_one(
        found,
        what,
        name_or_id,
        &format!("`kitsu ls {collection} --project …` lists them"),
    )
}

/// A shot by id, name, or `SEQUENCE/SHOT`.
pub async fn shot(kitsu: &Kitsu, project: Option<&Value>, name_or_id: &str) -> Result<Value> {
    if let Some((sequence, shot)) = name_or_id.split_once('/') {
        let sequence = entity(kitsu, "sequences", "sequence", project, sequence).await?;
        let query = Query::new()
            .param("parent_id", id_of(&sequence))
            .param("name", shot);
        let found = rows(kitsu, "shots", &query).await?;
        return exactly_one(found, "shot", name_or_id, "`kitsu ls shots` lists them");
    }
    entity(kitsu, "shots", "shot", project, name_or_id).await
}

/// A task status by short name (`wfa`), name, or id.
pub async fn task_status(kitsu: &Kitsu, name_or_id: &str) -> Result<Value> {
    if is_id(name_or_id) {
        return by_id(kitsu, "task-status", "task status", name_or_id).await;
    }
    let all = rows(kitsu, "task-status", &Query::new()).await?;
    let found: Vec<Value> = all
        .into_iter()
        .filter(|s| {
            text(s, "short_name").eq_ignore_ascii_case(name_or_id)
                || text(s, "name").eq_ignore_ascii_case(name_or_id)
        })
        .collect();
    exactly_one(
        found,
        "task status",
        name_or_id,
        "`kitsu ls task-statuses` lists them",
    )
}

/// A task type by name or id.
pub async fn task_type(kitsu: &Kitsu, name_or_id: &str) -> Result<Value> {
    if is_id(name_or_id) {
        return by_id(kitsu, "task-types", "task type", name_or_id).await;
    }
    let all = rows(kitsu, "task-types", &Query::new()).await?;
    let found: Vec<Value> = all
        .into_iter()
        .filter(|t| text(t, "name").eq_ignore_ascii_case(name_or_id))
        .collect();
    exactly_one(
        found,
        "task type",
        name_or_id,
        "`kitsu ls task-types` lists them",
    )
}

/// An asset type by name or id.
pub async fn asset_type(kitsu: &Kitsu, name_or_id: &str) -> Result<Value> {
    if is_id(name_or_id) {
        return by_id(kitsu, "asset-types", "asset type", name_or_id).await;
    }
    let all: Vec<Value> = kitsu.fetch_all(routes::collection("asset-types")).await?;
    let found: Vec<Value> = all
        .into_iter()
        .filter(|t| text(t, "name").eq_ignore_ascii_case(name_or_id))
        .collect();
    exactly_one(
        found,
        "asset type",
        name_or_id,
        "`kitsu ls asset-types` lists them",
    )
}

/// The logged-in person.
pub async fn me(kitsu: &Kitsu) -> Result<Value> {
    let answer: Value = kitsu.get(routes::authenticated()).await?;
    Ok(answer.get("user").cloned().unwrap_or(Value::Null))
}

/// A person by `me`, id, email, or full name.
pub async fn person(kitsu: &Kitsu, who: &str) -> Result<Value> {
    if who == "me" {
        return me(kitsu).await;
    }
    if is_id(who) {
        return by_id(kitsu, "persons", "person", who).await;
    }
    let all = rows(kitsu, "persons", &Query::new()).await?;
    let found: Vec<Value> = all
        .into_iter()
        .filter(|p| {
            text(p, "email").eq_ignore_ascii_case(who)
                || full_name(p).eq_ignore_ascii_case(who)
                || text(p, "desktop_login").eq_ignore_ascii_case(who)
        })
        .collect();
    exactly_one(found, "person", who, "`kitsu ls persons` lists them")
}

/// A person's full name.
pub fn full_name(person: &Value) -> String {
    match person.get("full_name").and_then(Value::as_str) {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => format!(
            "{} {}",
            text(person, "first_name"),
            text(person, "last_name")
        )
        .trim()
        .to_owned(),
    }
}

/// A task by id, or by `ENTITY/TASK TYPE` in the project (`SH010/Animation`,
/// `SQ01/SH010/Animation`, `Hero/Modeling`).
pub async fn task(kitsu: &Kitsu, project: Option<&Value>, name_or_id: &str) -> Result<Value> {
    if is_id(name_or_id) {
        return by_id(kitsu, "tasks", "task", name_or_id).await;
    }
    let Some((entity_path, task_type_name)) = name_or_id.rsplit_once('/') else {
        return Err(CliError::usage(format!(
            "{name_or_id:?} is neither a task id nor ENTITY/TASK-TYPE (`SH010/Animation`, `SQ01/SH010/Animation`, `Hero/Modeling`)"
        )));
    };
    if project.is_none() {
        return Err(CliError::usage(format!(
            "task {name_or_id:?} is a name: give --project (or KITSU_PROJECT), or the task's id"
        )));
    }
    let task_type = task_type(kitsu, task_type_name).await?;
    let entity = if entity_path.contains('/') {
        shot(kitsu, project, entity_path).await?
    } else {
        // A shot or an asset of that name.
        let query = Query::new()
            .param("project_id", project.map(id_of).unwrap_or_default())
            .param("name", entity_path);
        let shots = rows(kitsu, "shots", &query).await?;
        let assets = rows(kitsu, "assets", &query).await?;
        exactly_one(
            shots.into_iter().chain(assets).collect(),
            "shot or asset",
            entity_path,
            "`kitsu ls shots` and `kitsu ls assets` list them",
        )?
    };
    let query = Query::new()
        .param("entity_id", id_of(&entity))
        .param("task_type_id", id_of(&task_type));
    let found = rows(kitsu, "tasks", &query).await?;
    exactly_one(
        found,
        "task",
        name_or_id,
        "`kitsu ls tasks --project …` lists them",
    )
}
