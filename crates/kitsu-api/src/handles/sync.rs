//! Moving a production's data between two Kitsu instances (gazu's `sync`): Zou's event log
//! ([`LastEvents`], `kitsu.last_events()`), its `import/kitsu/*` routes that keep ids and
//! dates, [`ProductionSync`] (`source.sync_to(&target)`: id maps by name or email, pushes of
//! assets, episodes, sequences, shots, casting, tasks and comments), and the comparison helpers
//! (`model_list_diff`, `link_list_diff`, `id_map_by_name`, `id_map_by_id`, `is_changed`,
//! `convert_id_list`).
//!
//! Rows travel as JSON (`serde_json::Value`), as Zou sends them: every column is kept, the
//! ids that differ between the instances are rewritten through the id maps (unlike gazu, the
//! entity types of episodes, sequences and shots too, so two independent instances work). The
//! route oracle runs every push on one Zou, from the world's project onto itself (the import
//! routes update a row whose id exists, create it otherwise); kitsu-api's tests push a
//! production from one fake Kitsu (kitsu-mock) to another.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::future::IntoFuture;

use chrono::NaiveDateTime;
use futures_util::future::BoxFuture;
use kitsu_core::ids::{CommentId, EventId, PreviewFileId, ProjectId, TaskId, TaskStatusId, Uuid};
use kitsu_core::routes;
use serde_json::{Value, json};

use crate::models::{ApiEvent, Project};
use crate::{ApiError, Client, Query};

/// A map from the source instance's ids to the target's, for one kind of row.
pub type IdMap = BTreeMap<Uuid, Uuid>;

/// The largest page Zou answers on `data/events/last`.
const EVENTS_PAGE_MAX: u32 = 1000;

impl Client {
    /// The event log, newest first: `.project(id)`, `.after(t)`, `.before(t)`,
    /// `.only_files(true)`, `.name("task:update")`, `.limit(n)` (Zou answers at most 1000 a
    /// page); `.await` one page, or [`LastEvents::all`] for every page (by cursor). Managers and
    /// admins only.
    #[doc(alias = "get_last_events")]
    pub fn last_events(&self) -> LastEvents {
        LastEvents {
            client: self.clone(),
            limit: EVENTS_PAGE_MAX,
            project: None,
            after: None,
            before: None,
            only_files: false,
            name: None,
            cursor: None,
        }
    }

    /// Imports entities (assets, episodes, sequences, shots…) as another Kitsu sent them:
    /// their ids and dates are kept; a row whose id exists is updated. Admins only.
    #[doc(alias = "sync.import_entities")]
    pub async fn import_entities(&self, entities: &[Value]) -> Result<Vec<Value>, ApiError> {
        self.post(routes::import_kitsu_entities(), entities).await
    }

    /// Imports tasks as another Kitsu sent them (ids and dates kept). Admins only.
    #[doc(alias = "sync.import_tasks")]
    pub async fn import_tasks(&self, tasks: &[Value]) -> Result<Vec<Value>, ApiError> {
        self.post(routes::import_kitsu_tasks(), tasks).await
    }

    /// Imports entity links (casting) as another Kitsu sent them (ids kept). Admins only.
    #[doc(alias = "sync.import_entity_links")]
    pub async fn import_entity_links(&self, links: &[Value]) -> Result<Vec<Value>, ApiError> {
        self.post(routes::import_kitsu_entity_links(), links).await
    }

    /// Pushes this instance's production data to `target` (another instance, or this one).
    pub fn sync_to(&self, target: &Client) -> ProductionSync {
        ProductionSync {
            source: self.clone(),
            target: target.clone(),
        }
    }
}

/// A read of the event log, awaited for one page (`kitsu.last_events().project(id).await`).
#[must_use = "a builder does nothing until awaited"]
pub struct LastEvents {
    client: Client,
    limit: u32,
    project: Option<ProjectId>,
    after: Option<NaiveDateTime>,
    before: Option<NaiveDateTime>,
    only_files: bool,
    name: Option<String>,
    cursor: Option<EventId>,
}

impl fmt::Debug for LastEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LastEvents")
            .field("query", &self.query().encoded())
            .finish_non_exhaustive()
    }
}

impl LastEvents {
    /// How many events a page holds (Zou answers at most 1000).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = limit.max(1);
        self
    }

    /// Only the events of this project.
    pub fn project(mut self, project: ProjectId) -> Self {
        self.project = Some(project);
        self
    }

    /// Only the events after this time (naive UTC).
    pub fn after(mut self, time: NaiveDateTime) -> Self {
        self.after = Some(time);
        self
    }

    /// Only the events before this time (naive UTC).
    pub fn before(mut self, time: NaiveDateTime) -> Self {
        self.before = Some(time);
        self
    }

    /// Only the events of files (`preview-file:add-file` and the thumbnails).
    pub fn only_files(mut self, only_files: bool) -> Self {
        self.only_files = only_files;
        self
    }

    /// Only the events of this name (`task:update`).
    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    /// Only the events older than this one (the cursor of the next page).
    pub fn older_than(mut self, event: EventId) -> Self {
        self.cursor = Some(event);
        self
    }

    fn query(&self) -> Query {
        let format = |time: &NaiveDateTime| time.format("%Y-%m-%dT%H:%M:%S").to_string();
        let mut query = Query::new()
            .param("limit", self.limit)
            .param("only_files", self.only_files);
        if let Some(project) = self.project {
            query = query.param("project_id", project);
        }
        if let Some(after) = &self.after {
            query = query.param("after", format(after));
        }
        if let Some(before) = &self.before {
            query = query.param("before", format(before));
        }
        if let Some(name) = &self.name {
            query = query.param("name", name);
        }
        if let Some(cursor) = self.cursor {
            query = query.param("cursor_event_id", cursor);
        }
        query
    }

    /// Every page, newest first, until one is short (each next page starts after the last
    /// event of the previous, with `cursor_event_id`).
    pub async fn all(mut self) -> Result<Vec<ApiEvent>, ApiError> {
        let mut events = Vec::new();
        loop {
            let page: Vec<ApiEvent> = self
                .client
                .get_with(routes::last_events(), &self.query())
                .await?;
            let short = page.len() < self.limit as usize;
            self.cursor = page.last().map(|event| event.id);
            events.extend(page);
            if short || self.cursor.is_none() {
                return Ok(events);
            }
        }
    }
}

impl IntoFuture for LastEvents {
    type Output = Result<Vec<ApiEvent>, ApiError>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.client
                .get_with(routes::last_events(), &self.query())
                .await
        })
    }
}

fn text<'a>(row: &'a Value, field: &str) -> Option<&'a str> {
    row.get(field).and_then(Value::as_str)
}

fn uuid(row: &Value, field: &str) -> Option<Uuid> {
    text(row, field).and_then(|id| id.parse().ok())
}

/// The rows of `source` missing from `target`, and those of `target` not in `source`,
/// compared by `id_field` (`"id"`).
#[doc(alias = "get_model_list_diff")]
pub fn model_list_diff(
    source: &[Value],
    target: &[Value],
    id_field: &str,
) -> (Vec<Value>, Vec<Value>) {
    let ids = |rows: &[Value]| -> BTreeSet<String> {
        rows.iter()
            .filter_map(|row| row.get(id_field).map(Value::to_string))
            .collect()
    };
    let (source_ids, target_ids) = (ids(source), ids(target));
    let absent = |known: &BTreeSet<String>, rows: &[Value]| -> Vec<Value> {
        rows.iter()
            .filter(|row| {
                !row.get(id_field)
                    .is_some_and(|id| known.contains(&id.to_string()))
            })
            .cloned()
            .collect()
    };
    (absent(&target_ids, source), absent(&source_ids, target))
}

/// The links of `source` missing from `target`, and those of `target` not in `source`,
/// compared by their ends (`entity_in_id`, `entity_out_id`).
#[doc(alias = "get_link_list_diff")]
pub fn link_list_diff(source: &[Value], target: &[Value]) -> (Vec<Value>, Vec<Value>) {
    let key = |link: &Value| {
        (
            text(link, "entity_in_id").unwrap_or_default().to_owned(),
            text(link, "entity_out_id").unwrap_or_default().to_owned(),
        )
    };
    let keys = |links: &[Value]| -> BTreeSet<(String, String)> { links.iter().map(key).collect() };
    let (source_keys, target_keys) = (keys(source), keys(target));
    let missing = source
        .iter()
        .filter(|link| !target_keys.contains(&key(link)))
        .cloned()
        .collect();
    let unexpected = target
        .iter()
        .filter(|link| !source_keys.contains(&key(link)))
        .cloned()
        .collect();
    (missing, unexpected)
}

/// Each source row's name mapped to the id of the target row of the same name (case
/// ignored); names without a match are left out.
#[doc(alias = "get_id_map_by_name")]
pub fn id_map_by_name(source: &[Value], target: &[Value]) -> BTreeMap<String, Uuid> {
    let by_name: BTreeMap<String, Uuid> = target
        .iter()
        .filter_map(|row| Some((text(row, "name")?.to_lowercase(), uuid(row, "id")?)))
        .collect();
    source
        .iter()
        .filter_map(|row| {
            let name = text(row, "name")?;
            Some((name.to_owned(), *by_name.get(&name.to_lowercase())?))
        })
        .collect()
}

/// Each source row's id mapped to the id of the target row with the same `field` (`"name"`,
/// `"email"`; case ignored); rows without a match are left out.
#[doc(alias = "get_id_map_by_id")]
pub fn id_map_by_id(source: &[Value], target: &[Value], field: &str) -> IdMap {
    let by_field: BTreeMap<String, Uuid> = target
        .iter()
        .filter_map(|row| Some((text(row, field)?.to_lowercase(), uuid(row, "id")?)))
        .collect();
    source
        .iter()
        .filter_map(|row| {
            let key = text(row, field)?.to_lowercase();
            Some((uuid(row, "id")?, *by_field.get(&key)?))
        })
        .collect()
}

/// Whether the source row changed after the target row (`updated_at`, Zou's sortable text).
#[doc(alias = "sync.is_changed")]
pub fn is_changed(source: &Value, target: &Value) -> bool {
    text(source, "updated_at").unwrap_or_default() > text(target, "updated_at").unwrap_or_default()
}

/// The ids through an id map; fails on the first id the map does not have.
#[doc(alias = "sync.convert_id_list")]
pub fn convert_id_list(ids: &[Uuid], map: &IdMap) -> Result<Vec<Uuid>, ApiError> {
    ids.iter()
        .map(|id| {
            map.get(id).copied().ok_or_else(|| ApiError::InvalidInput {
                what: "id",
                value: id.to_string(),
                reason: "the id map has no such id",
            })
        })
        .collect()
}

/// What [`ProductionSync::push_project_entities`] pushed, as the target answered.
#[derive(Clone, Debug, Default)]
pub struct PushedEntities {
    /// The assets.
    pub assets: Vec<Value>,
    /// The episodes (TV shows only).
    pub episodes: Vec<Value>,
    /// The sequences.
    pub sequences: Vec<Value>,
    /// The shots.
    pub shots: Vec<Value>,
    /// The entity links (casting).
    pub entity_links: Vec<Value>,
}

/// Pushes production data from a source Kitsu to a target (`source.sync_to(&target)`), as
/// gazu's `sync` does: rows keep their ids and dates; studio-wide rows (asset types, task types,
/// statuses, persons) are matched by name (persons by email) and their ids rewritten.
#[derive(Clone, Debug)]
pub struct ProductionSync {
    source: Client,
    target: Client,
}

impl ProductionSync {
    async fn id_map(&self, route: String, field: &str) -> Result<IdMap, ApiError> {
        let source: Vec<Value> = self.source.fetch_all(&route).await?;
        let target: Vec<Value> = self.target.fetch_all(&route).await?;
        Ok(id_map_by_id(&source, &target, field))
    }

    /// The source's departments mapped to the target's, by name.
    #[doc(alias = "get_sync_department_id_map")]
    pub async fn department_id_map(&self) -> Result<IdMap, ApiError> {
        self.id_map(routes::collection("departments"), "name").await
    }

    /// The source's asset types mapped to the target's, by name.
    #[doc(alias = "get_sync_asset_type_id_map")]
    pub async fn asset_type_id_map(&self) -> Result<IdMap, ApiError> {
        self.id_map(routes::collection("asset-types"), "name").await
    }

    /// The source's projects mapped to the target's, by name.
    #[doc(alias = "get_sync_project_id_map")]
    pub async fn project_id_map(&self) -> Result<IdMap, ApiError> {
        self.id_map(routes::collection("projects"), "name").await
    }

    /// The source's task types mapped to the target's, by name.
    #[doc(alias = "get_sync_task_type_id_map")]
    pub async fn task_type_id_map(&self) -> Result<IdMap, ApiError> {
        self.id_map(routes::collection("task-types"), "name").await
    }

    /// The source's task statuses mapped to the target's, by name.
    #[doc(alias = "get_sync_task_status_id_map")]
    pub async fn task_status_id_map(&self) -> Result<IdMap, ApiError> {
        self.id_map(routes::collection("task-status"), "name").await
    }

    /// The source's persons mapped to the target's, by email.
    #[doc(alias = "get_sync_person_id_map")]
    pub async fn person_id_map(&self) -> Result<IdMap, ApiError> {
        self.id_map(routes::collection("persons"), "email").await
    }

    /// Copies the source project's assets into the target project (ids and dates kept; asset
    /// types and `ready_for` task types mapped by name; assets of an unmapped type skipped).
    #[doc(alias = "sync.push_assets")]
    pub async fn push_assets(
        &self,
        source: ProjectId,
        target: ProjectId,
    ) -> Result<Vec<Value>, ApiError> {
        let asset_types = self.asset_type_id_map().await?;
        let task_types = self.task_type_id_map().await?;
        let assets: Vec<Value> = self
            .source
            .fetch_all(routes::project_assets(source))
            .await?;
        let mut mapped = Vec::new();
        for mut asset in assets {
            let Some(asset_type) =
                uuid(&asset, "entity_type_id").and_then(|id| asset_types.get(&id).copied())
            else {
                continue;
            };
            let ready_for = uuid(&asset, "ready_for").and_then(|id| task_types.get(&id).copied());
            if let Some(fields) = asset.as_object_mut() {
                fields.insert("entity_type_id".into(), json!(asset_type));
                if fields
                    .get("ready_for")
                    .is_some_and(|value| !value.is_null())
                {
                    fields.insert("ready_for".into(), json!(ready_for));
                }
                fields.insert("project_id".into(), json!(target));
            }
            mapped.push(asset);
        }
        self.target.import_entities(&mapped).await
    }

    /// Episodes, sequences and shots keep their entity type (`Episode`, `Sequence`, `Shot`),
    /// whose id differs between two instances: mapped by name (gazu sends the source's id,
    /// which only works when the target was cloned from the source).
    async fn push_rows(&self, route: String, target: ProjectId) -> Result<Vec<Value>, ApiError> {
        let entity_types = self
            .id_map(routes::collection("entity-types"), "name")
            .await?;
        let mut rows: Vec<Value> = self.source.fetch_all(route).await?;
        for row in &mut rows {
            let entity_type =
                uuid(row, "entity_type_id").and_then(|id| entity_types.get(&id).copied());
            if let Some(fields) = row.as_object_mut() {
                if let Some(entity_type) = entity_type {
                    fields.insert("entity_type_id".into(), json!(entity_type));
                }
                fields.insert("project_id".into(), json!(target));
            }
        }
        self.target.import_entities(&rows).await
    }

    /// Copies the source project's episodes into the target project (ids and dates kept).
    #[doc(alias = "sync.push_episodes")]
    pub async fn push_episodes(
        &self,
        source: ProjectId,
        target: ProjectId,
    ) -> Result<Vec<Value>, ApiError> {
        self.push_rows(routes::project_episodes(source), target)
            .await
    }

    /// Copies the source project's sequences into the target project (ids and dates kept).
    #[doc(alias = "sync.push_sequences")]
    pub async fn push_sequences(
        &self,
        source: ProjectId,
        target: ProjectId,
    ) -> Result<Vec<Value>, ApiError> {
        self.push_rows(routes::project_sequences(source), target)
            .await
    }

    /// Copies the source project's shots into the target project (ids and dates kept).
    #[doc(alias = "sync.push_shots")]
    pub async fn push_shots(
        &self,
        source: ProjectId,
        target: ProjectId,
    ) -> Result<Vec<Value>, ApiError> {
        self.push_rows(routes::project_shots(source), target).await
    }

    /// Copies the source project's entity links (casting) to the target (ids kept; the linked
    /// entities must have been pushed).
    #[doc(alias = "sync.push_entity_links")]
    pub async fn push_entity_links(&self, source: ProjectId) -> Result<Vec<Value>, ApiError> {
        let links: Vec<Value> = self
            .source
            .fetch_all(routes::project_entity_links(source))
            .await?;
        self.target.import_entity_links(&links).await
    }

    /// Copies the source project's assets, episodes (TV shows), sequences, shots and casting
    /// into the target project, in that order.
    #[doc(alias = "sync.push_project_entities")]
    pub async fn push_project_entities(
        &self,
        source: &Project,
        target: ProjectId,
    ) -> Result<PushedEntities, ApiError> {
        let assets = self.push_assets(source.id, target).await?;
        let episodes = if source.production_type.as_deref() == Some("tvshow") {
            self.push_episodes(source.id, target).await?
        } else {
            Vec::new()
        };
        let sequences = self.push_sequences(source.id, target).await?;
        let shots = self.push_shots(source.id, target).await?;
        let entity_links = self.push_entity_links(source.id).await?;
        Ok(PushedEntities {
            assets,
            episodes,
            sequences,
            shots,
            entity_links,
        })
    }

    async fn source_tasks(&self, project: ProjectId) -> Result<Vec<Value>, ApiError> {
        self.source.fetch_all(routes::project_tasks(project)).await
    }

    /// Copies the source project's tasks into the target project, all with `default_status`
    /// (ids and dates kept; task types mapped by name, assigner and assignees by email; tasks
    /// of an unmapped type skipped).
    #[doc(alias = "sync.push_tasks")]
    pub async fn push_tasks(
        &self,
        source: ProjectId,
        target: ProjectId,
        default_status: TaskStatusId,
    ) -> Result<Vec<Value>, ApiError> {
        let task_types = self.task_type_id_map().await?;
        let persons = self.person_id_map().await?;
        let tasks = self.source_tasks(source).await?;
        let mut mapped = Vec::new();
        for mut task in tasks {
            let Some(task_type) =
                uuid(&task, "task_type_id").and_then(|id| task_types.get(&id).copied())
            else {
                continue;
            };
            let assigner = uuid(&task, "assigner_id").and_then(|id| persons.get(&id).copied());
            let assignees: Vec<Uuid> = task
                .get("assignees")
                .and_then(Value::as_array)
                .map(|ids| {
                    ids.iter()
                        .filter_map(|id| id.as_str()?.parse::<Uuid>().ok())
                        .filter_map(|id| persons.get(&id).copied())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(fields) = task.as_object_mut() {
                fields.insert("task_type_id".into(), json!(task_type));
                fields.insert("task_status_id".into(), json!(default_status));
                fields.insert("assigner_id".into(), json!(assigner));
                fields.insert("project_id".into(), json!(target));
                fields.insert("assignees".into(), json!(assignees));
            }
            mapped.push(task);
        }
        self.target.import_tasks(&mapped).await
    }

    /// Re-posts, on the target, every comment of every task of the source project (see
    /// [`ProductionSync::push_task_comment`]); answers the source's tasks.
    #[doc(alias = "sync.push_tasks_comments")]
    pub async fn push_tasks_comments(&self, source: ProjectId) -> Result<Vec<Value>, ApiError> {
        let statuses = self.task_status_id_map().await?;
        let persons = self.person_id_map().await?;
        let tasks = self.source_tasks(source).await?;
        for task in &tasks {
            if let Some(id) = uuid(task, "id") {
                self.push_task_comments(&statuses, &persons, TaskId::from_uuid(id))
                    .await?;
            }
        }
        Ok(tasks)
    }

    /// Re-posts, on the target, a source task's comments, oldest first; answers the source
    /// comments pushed.
    #[doc(alias = "sync.push_task_comments")]
    pub async fn push_task_comments(
        &self,
        statuses: &IdMap,
        persons: &IdMap,
        task: TaskId,
    ) -> Result<Vec<Value>, ApiError> {
        // With relations, from the comments collection: each comment's previews come as rows
        // (with their extension and annotations), which copying them needs; gazu reads
        // data/tasks/{id}/comments and then each preview.
        let mut comments: Vec<Value> = self
            .source
            .fetch_all_with(
                routes::collection("comments"),
                &Query::new().param("object_id", task).relations(true),
            )
            .await?;
        comments.sort_by(|a, b| text(a, "created_at").cmp(&text(b, "created_at")));
        let mut pushed = Vec::new();
        for comment in comments {
            if let Some(comment) = self
                .push_task_comment(statuses, persons, task, comment)
                .await?
            {
                pushed.push(comment);
            }
        }
        Ok(pushed)
    }

    /// Posts a source comment on the same task of the target: its text, checklist, creation
    /// date, author (mapped by email; else the logged-in user) and status (mapped by name; a
    /// comment whose status has no match is skipped: `None`). Its previews are copied (the
    /// original file downloaded from the source, uploaded to the target, annotations kept;
    /// previews without a file are skipped, as gazu does); attachments are not copied (gazu
    /// re-uploads them). Answers the source comment.
    #[doc(alias = "sync.push_task_comment")]
    pub async fn push_task_comment(
        &self,
        statuses: &IdMap,
        persons: &IdMap,
        task: TaskId,
        comment: Value,
    ) -> Result<Option<Value>, ApiError> {
        let Some(status) =
            uuid(&comment, "task_status_id").and_then(|id| statuses.get(&id).copied())
        else {
            return Ok(None);
        };
        let mut fields = serde_json::Map::new();
        fields.insert("task_status_id".into(), json!(status));
        fields.insert(
            "comment".into(),
            comment.get("text").cloned().unwrap_or(Value::Null),
        );
        fields.insert(
            "checklist".into(),
            comment
                .get("checklist")
                .filter(|list| !list.is_null())
                .cloned()
                .unwrap_or_else(|| json!([])),
        );
        fields.insert("links".into(), json!([]));
        fields.insert("for_client".into(), json!(false));
        if let Some(created_at) = comment.get("created_at") {
            fields.insert("created_at".into(), created_at.clone());
        }
        if let Some(person) = uuid(&comment, "person_id").and_then(|id| persons.get(&id).copied()) {
            fields.insert("person_id".into(), json!(person));
        }
        let posted: Value = self
            .target
            .post(routes::task_comment(task), &fields)
            .await?;
        let previews: Vec<Uuid> = comment
            .get("previews")
            .and_then(Value::as_array)
            .map(|previews| {
                previews
                    .iter()
                    .filter_map(|preview| match preview {
                        Value::String(id) => id.parse().ok(),
                        other => uuid(other, "id"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        if let (false, Some(new_comment)) = (previews.is_empty(), uuid(&posted, "id")) {
            let directory = std::env::temp_dir().join(format!("kitsu-sync-{new_comment}"));
            tokio::fs::create_dir_all(&directory)
                .await
                .map_err(|source| ApiError::Io {
                    action: "create",
                    path: directory.clone(),
                    source,
                })?;
            for preview in previews {
                let original = self
                    .source
                    .preview_files()
                    .get(PreviewFileId::from_uuid(preview))
                    .await?;
                // A preview without a file (no original name or extension) has nothing to copy.
                let has_name = original
                    .other
                    .get("original_name")
                    .is_some_and(|name| name.is_string());
                let Some(extension) = original.extension.clone().filter(|_| has_name) else {
                    continue;
                };
                let path = directory.join(format!("{preview}.{extension}"));
                self.source.download_preview(&original, &path).await?;
                let added = self
                    .target
                    .task(task)
                    .add_preview(CommentId::from_uuid(new_comment))
                    .await?;
                self.target.preview_file(added.id).upload(&path).await?;
                let annotations = original
                    .other
                    .get("annotations")
                    .cloned()
                    .unwrap_or_else(|| json!([]));
                let _: Value = self
                    .target
                    .put(
                        routes::collection_item("preview-files", added.id.uuid()),
                        &json!({ "annotations": annotations }),
                    )
                    .await?;
                let _ = tokio::fs::remove_file(&path).await;
            }
            let _ = tokio::fs::remove_dir(&directory).await;
        }
        Ok(Some(comment))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "00000000-0000-0000-0000-00000000000a";
    const B: &str = "00000000-0000-0000-0000-00000000000b";
    const C: &str = "00000000-0000-0000-0000-00000000000c";

    fn id(text: &str) -> Uuid {
        text.parse().expect("a uuid")
    }

    #[test]
    fn diffs_find_the_missing_and_the_unexpected() {
        let source = [json!({"id": A}), json!({"id": B})];
        let target = [json!({"id": B}), json!({"id": C})];
        let (missing, unexpected) = model_list_diff(&source, &target, "id");
        assert_eq!(missing, vec![json!({"id": A})]);
        assert_eq!(unexpected, vec![json!({"id": C})]);
        let links = [json!({"entity_in_id": A, "entity_out_id": B})];
        let other = [json!({"entity_in_id": A, "entity_out_id": C})];
        let (missing, unexpected) = link_list_diff(&links, &other);
        assert_eq!((missing.len(), unexpected.len()), (1, 1));
        assert_eq!(link_list_diff(&links, &links).0.len(), 0);
    }

    #[test]
    fn id_maps_match_names_and_emails_whatever_the_case() {
        let source = [
            json!({"id": A, "name": "Props", "email": "Ann@x.org"}),
            json!({"id": B, "name": "Lone"}),
        ];
        let target = [json!({"id": C, "name": "props", "email": "ann@x.org"})];
        let by_name = id_map_by_name(&source, &target);
        assert_eq!(by_name.get("Props"), Some(&id(C)));
        assert_eq!(by_name.len(), 1);
        let by_id = id_map_by_id(&source, &target, "email");
        assert_eq!(by_id.get(&id(A)), Some(&id(C)));
        assert_eq!(by_id.len(), 1);
        assert_eq!(
            convert_id_list(&[id(A)], &by_id).expect("mapped"),
            vec![id(C)]
        );
        assert!(convert_id_list(&[id(B)], &by_id).is_err());
    }

    #[test]
    fn a_row_changed_when_its_source_is_newer() {
        let old = json!({"updated_at": "2026-01-01T10:00:00"});
        let new = json!({"updated_at": "2026-01-02T09:00:00"});
        assert!(is_changed(&new, &old));
        assert!(!is_changed(&old, &new));
        assert!(!is_changed(&old, &old));
    }
}
