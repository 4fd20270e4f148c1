//! The in-memory database: rows as JSON objects, as Zou serialises them.

use std::collections::HashMap;

use bytes::Bytes;
use serde_json::{Map, Value, json};
use tokio::time::Instant;

/// A row.
pub(crate) type Row = Map<String, Value>;

/// How a CRUD collection behaves.
pub(crate) struct Model {
    /// The route segment, `data/<route>`.
    pub(crate) route: &'static str,
    /// Where its rows live.
    pub(crate) table: &'static str,
    /// The `type` Zou gives its rows.
    pub(crate) type_name: &'static str,
    /// Columns a create must carry.
    pub(crate) required: &'static [&'static str],
    /// Columns whose combined values must be unique.
    pub(crate) unique: &'static [&'static str],
    /// Every column a create may set.
    pub(crate) columns: &'static [&'static str],
    /// Relation lists, shown with `relations=true`.
    pub(crate) relations: &'static [&'static str],
}

const BASE: &[&str] = &["id", "created_at", "updated_at", "type"];

macro_rules! cols {
    ($($name:literal),* $(,)?) => { &[$($name),*] };
}

/// The generic CRUD collections the mock serves under `data/`.
pub(crate) const MODELS: &[Model] = &[
    Model {
        route: "projects",
        table: "projects",
        type_name: "Project",
        required: &["name"],
        unique: &["name"],
        columns: cols![
            "name",
            "code",
            "description",
            "shotgun_id",
            "file_tree",
            "data",
            "has_avatar",
            "fps",
            "ratio",
            "resolution",
            "production_type",
            "production_style",
            "start_date",
            "end_date",
            "man_days",
            "nb_episodes",
            "episode_span",
            "max_retakes",
            "project_status_id",
            "is_clients_isolated",
            "homepage",
            "is_preview_download_allowed",
            "is_set_preview_automated",
            "default_preview_background_file_id",
            "is_client_stats_visible",
            "is_client_task_list_visible",
            "is_client_task_panel_visible",
            "is_publish_default_for_artists",
            "is_bot_collaboration_enabled",
            "is_single_preview_per_revision",
            "is_frame_in_numbering",
            "revision_padding",
            "hd_bitrate_compression",
            "ld_bitrate_compression",
            "from_schedule_version_id",
        ],
        relations: &[
            "team",
            "asset_types",
            "task_types",
            "task_statuses",
            "status_automations",
            "preview_background_files",
        ],
    },
    Model {
        route: "project-status",
        table: "project_status",
        type_name: "ProjectStatus",
        required: &["name"],
        unique: &["name"],
        columns: cols!["name", "color"],
        relations: &[],
    },
    Model {
        route: "entity-types",
        table: "entity_types",
        type_name: "EntityType",
        required: &["name"],
        unique: &["name"],
        columns: cols!["name", "short_name", "description", "archived"],
        relations: &["task_types"],
    },
    Model {
        route: "entities",
        table: "entities",
        type_name: "Entity",
        required: &["name", "project_id", "entity_type_id"],
        unique: &[],
        columns: cols![
            "name",
            "code",
            "description",
            "shotgun_id",
            "canceled",
            "nb_frames",
            "nb_entities_out",
            "is_casting_standby",
            "status",
            "project_id",
            "entity_type_id",
            "parent_id",
            "source_id",
            "preview_file_id",
            "data",
            "ready_for",
            "is_shared"
        ],
        relations: &["entities_out", "instance_casting"],
    },
    Model {
        route: "task-types",
        table: "task_types",
        type_name: "TaskType",
        required: &["name"],
        unique: &["name", "for_entity"],
        columns: cols![
            "name",
            "short_name",
            "description",
            "color",
            "priority",
            "for_entity",
            "allow_timelog",
            "archived",
            "shotgun_id",
            "department_id"
        ],
        relations: &[],
    },
    Model {
        route: "task-status",
        table: "task_status",
        type_name: "TaskStatus",
        required: &["name", "short_name"],
        unique: &["short_name"],
        columns: cols![
            "name",
            "short_name",
            "description",
            "color",
            "priority",
            "is_done",
            "is_artist_allowed",
            "is_client_allowed",
            "is_retake",
            "is_feedback_request",
            "is_default",
            "is_wip",
            "archived",
            "shotgun_id"
        ],
        relations: &[],
    },
    Model {
        route: "tasks",
        table: "tasks",
        type_name: "Task",
        required: &["project_id", "task_type_id", "task_status_id", "entity_id"],
        unique: &["task_type_id", "entity_id", "name"],
        columns: cols![
            "name",
            "description",
            "priority",
            "difficulty",
            "duration",
            "estimation",
            "completion_rate",
            "retake_count",
            "sort_order",
            "start_date",
            "due_date",
            "real_start_date",
            "end_date",
            "done_date",
            "last_comment_date",
            "nb_assets_ready",
            "data",
            "shotgun_id",
            "project_id",
            "task_type_id",
            "task_status_id",
            "entity_id",
            "assigner_id"
        ],
        relations: &["assignees"],
    },
    Model {
        route: "persons",
        table: "persons",
        type_name: "Person",
        required: &["first_name", "last_name"],
        unique: &["email"],
        columns: cols![
            "first_name",
            "last_name",
            "email",
            "phone",
            "active",
            "archived",
            "last_presence",
            "desktop_login",
            "login_failed_attemps",
            "last_login_failed",
            "totp_enabled",
            "shotgun_id",
            "timezone",
            "locale",
            "data",
            "role",
            "has_avatar",
            "notifications_enabled",
            "is_bot",
            "expiration_date",
            "contract_type",
            "studio_id",
            "password"
        ],
        relations: &["departments"],
    },
    Model {
        route: "comments",
        table: "comments",
        type_name: "Comment",
        required: &["object_id", "person_id", "task_status_id"],
        unique: &[],
        columns: cols![
            "shotgun_id",
            "object_id",
            "object_type",
            "text",
            "data",
            "replies",
            "checklist",
            "pinned",
            "task_status_id",
            "person_id",
            "editor_id",
            "preview_file_id",
            "links"
        ],
        relations: &[
            "acknowledgements",
            "mentions",
            "department_mentions",
            "attachment_files",
        ],
    },
    Model {
        route: "preview-files",
        table: "preview_files",
        type_name: "PreviewFile",
        required: &["name"],
        unique: &[],
        columns: cols![
            "name",
            "original_name",
            "revision",
            "position",
            "extension",
            "description",
            "path",
            "source",
            "file_size",
            "status",
            "validation_status",
            "annotations",
            "width",
            "height",
            "duration",
            "task_id",
            "person_id",
            "source_file_id",
            "shotgun_id",
            "is_movie",
            "url",
            "uploaded_movie_url",
            "uploaded_movie_name",
            "data"
        ],
        relations: &[],
    },
    Model {
        route: "entity-links",
        table: "entity_links",
        type_name: "EntityLink",
        required: &["entity_in_id", "entity_out_id"],
        unique: &["entity_in_id", "entity_out_id"],
        columns: cols![
            "entity_in_id",
            "entity_out_id",
            "nb_occurences",
            "label",
            "data"
        ],
        relations: &[],
    },
    Model {
        route: "softwares",
        table: "softwares",
        type_name: "Software",
        required: &["name", "short_name", "file_extension"],
        unique: &["name"],
        columns: cols![
            "name",
            "short_name",
            "file_extension",
            "secondary_extensions",
            "version",
            "monthly_cost",
            "inventory_amount",
            "archived"
        ],
        relations: &[],
    },
    Model {
        route: "output-types",
        table: "output_types",
        type_name: "OutputType",
        required: &["name"],
        unique: &["name"],
        columns: cols!["name", "short_name"],
        relations: &[],
    },
    Model {
        route: "file-status",
        table: "file_status",
        type_name: "FileStatus",
        required: &["name"],
        unique: &["name"],
        columns: cols!["name", "color"],
        relations: &[],
    },
    Model {
        route: "working-files",
        table: "working_files",
        type_name: "WorkingFile",
        required: &["name", "task_id"],
        unique: &["name", "task_id", "revision"],
        columns: cols![
            "name",
            "description",
            "comment",
            "revision",
            "size",
            "checksum",
            "path",
            "data",
            "validation_status",
            "task_id",
            "entity_id",
            "person_id",
            "software_id",
            "shotgun_id"
        ],
        relations: &[],
    },
    Model {
        route: "output-files",
        table: "output_files",
        type_name: "OutputFile",
        required: &["name"],
        unique: &[],
        columns: cols![
            "name",
            "canceled",
            "size",
            "checksum",
            "description",
            "comment",
            "extension",
            "revision",
            "representation",
            "nb_elements",
            "source",
            "path",
            "data",
            "file_status_id",
            "entity_id",
            "asset_instance_id",
            "output_type_id",
            "task_type_id",
            "person_id",
            "source_file_id",
            "temporal_entity_id",
            "shotgun_id"
        ],
        relations: &[],
    },
    Model {
        route: "departments",
        table: "departments",
        type_name: "Department",
        required: &["name"],
        unique: &["name"],
        columns: cols!["name", "color", "archived"],
        relations: &[],
    },
];

/// The model of a `data/<route>` collection.
pub(crate) fn model(route: &str) -> Option<&'static Model> {
    MODELS.iter().find(|model| model.route == route)
}

/// Whether `column` is one a query may filter on.
pub(crate) fn is_column(model: &Model, column: &str) -> bool {
    BASE.contains(&column) || model.columns.contains(&column)
}

/// An uploaded file.
#[derive(Clone, Debug)]
pub(crate) struct StoredFile {
    pub(crate) bytes: Bytes,
    pub(crate) extension: String,
}

/// A person's login state.
#[derive(Debug, Default)]
pub(crate) struct Account {
    pub(crate) password: Option<String>,
    pub(crate) failed: u32,
    pub(crate) locked_until: Option<Instant>,
    /// Whether the person ever logged in (Zou then keeps data linked to them).
    pub(crate) logged_in: bool,
    /// The second factors the person must give, each with the one code the mock accepts
    /// (`totp`, `email_otp`), in the order they were required (the first is preferred).
    pub(crate) second_factors: Vec<(String, String)>,
}

/// What happened to a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    New,
    Update,
    Delete,
    /// An event a service publishes that is no row's write (`shot:casting-update`…).
    Emit,
}

/// One write, as the event publisher sees it.
#[derive(Clone, Debug)]
pub(crate) struct Change {
    pub(crate) action: Action,
    /// The row before an update.
    pub(crate) before: Option<Row>,
    /// The row after (for a delete: the row removed; for [`Action::Emit`]: the payload).
    pub(crate) after: Row,
    /// The event's name, for [`Action::Emit`].
    pub(crate) event: Option<String>,
}

/// Every table of the fake Zou.
#[derive(Default)]
pub(crate) struct Db {
    tables: HashMap<&'static str, Vec<Row>>,
    /// The writes since the last [`Db::take_changes`], for the events they publish.
    changes: Vec<Change>,
    pub(crate) files: HashMap<String, StoredFile>,
    pub(crate) accounts: HashMap<String, Account>,
    pub(crate) organisation: Row,
}

/// Zou's timestamp format: naive UTC, no fraction.
pub(crate) fn now_text() -> String {
    chrono::Utc::now()
        .naive_utc()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// A new id.
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Db {
    pub(crate) fn rows(&self, table: &str) -> &[Row] {
        self.tables.get(table).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn rows_mut(&mut self, table: &'static str) -> &mut Vec<Row> {
        self.tables.entry(table).or_default()
    }

    pub(crate) fn get(&self, table: &str, id: &str) -> Option<&Row> {
        self.rows(table)
            .iter()
            .find(|row| str_field(row, "id") == Some(id))
    }

    pub(crate) fn get_mut(&mut self, table: &'static str, id: &str) -> Option<&mut Row> {
        self.rows_mut(table)
            .iter_mut()
            .find(|row| str_field(row, "id") == Some(id))
    }

    /// Inserts a row, stamping `id`, `created_at`, `updated_at` and `type`.
    pub(crate) fn insert(&mut self, table: &'static str, type_name: &str, mut row: Row) -> Row {
        let now = now_text();
        row.entry("id").or_insert_with(|| Value::String(new_id()));
        row.entry("created_at")
            .or_insert_with(|| Value::String(now.clone()));
        row.insert("updated_at".into(), Value::String(now));
        row.insert("type".into(), Value::String(type_name.into()));
        self.rows_mut(table).push(row.clone());
        self.changes.push(Change {
            action: Action::New,
            before: None,
            after: row.clone(),
            event: None,
        });
        row
    }

    /// Records an event a service publishes (sent after the request succeeds, in order with
    /// the writes' events). `payload` carries `project_id` when Zou's `emit` gets one.
    pub(crate) fn emit(&mut self, name: &str, payload: Row) {
        self.changes.push(Change {
            action: Action::Emit,
            before: None,
            after: payload,
            event: Some(name.to_owned()),
        });
    }

    /// Moves the newest recorded write before the one that precedes it, for a service that
    /// publishes a follow-up write's event first (Zou's `post_creation` of a TV show).
    pub(crate) fn publish_newest_first(&mut self) {
        let len = self.changes.len();
        if len >= 2 {
            self.changes.swap(len - 1, len - 2);
        }
    }

    /// The writes since the last call.
    pub(crate) fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    /// Merges `changes` into a row and stamps `updated_at`.
    pub(crate) fn update(&mut self, table: &'static str, id: &str, changes: Row) -> Option<Row> {
        let row = self.get_mut(table, id)?;
        let before = row.clone();
        for (key, value) in changes {
            if key == "data" {
                if let (Some(Value::Object(existing)), Value::Object(new)) =
                    (row.get_mut("data"), &value)
                {
                    for (k, v) in new {
                        existing.insert(k.clone(), v.clone());
                    }
                    continue;
                }
            }
            row.insert(key, value);
        }
        row.insert("updated_at".into(), Value::String(now_text()));
        let after = row.clone();
        self.changes.push(Change {
            action: Action::Update,
            before: Some(before),
            after: after.clone(),
            event: None,
        });
        Some(after)
    }

    pub(crate) fn remove(&mut self, table: &'static str, id: &str) -> Option<Row> {
        let rows = self.rows_mut(table);
        let index = rows
            .iter()
            .position(|row| str_field(row, "id") == Some(id))?;
        let removed = rows.remove(index);
        self.changes.push(Change {
            action: Action::Delete,
            before: None,
            after: removed.clone(),
            event: None,
        });
        Some(removed)
    }

    /// The first row of `table` whose `column` equals `value`.
    pub(crate) fn find_by(&self, table: &str, column: &str, value: &str) -> Option<&Row> {
        self.rows(table)
            .iter()
            .find(|row| str_field(row, column) == Some(value))
    }

    /// The entity type named `name`, created if missing.
    pub(crate) fn entity_type_id(&mut self, name: &str) -> String {
        if let Some(id) = self
            .find_by("entity_types", "name", name)
            .and_then(|row| str_field(row, "id"))
        {
            return id.to_owned();
        }
        let row = self.insert(
            "entity_types",
            "EntityType",
            obj(json!({"name": name, "short_name": null, "description": null, "archived": false})),
        );
        str_field(&row, "id").unwrap_or_default().to_owned()
    }

    /// The name of an entity's type (`Shot`, `Sequence`, `Character`…).
    pub(crate) fn entity_type_name(&self, entity: &Row) -> Option<&str> {
        let type_id = str_field(entity, "entity_type_id")?;
        self.get("entity_types", type_id)
            .and_then(|row| str_field(row, "name"))
    }
}

/// The string value of a field.
pub(crate) fn str_field<'a>(row: &'a Row, field: &str) -> Option<&'a str> {
    row.get(field).and_then(Value::as_str)
}

/// A JSON object literal as a row.
pub(crate) fn obj(value: Value) -> Row {
    match value {
        Value::Object(map) => map,
        _ => Row::new(),
    }
}

/// Entity kinds that are not asset types.
pub(crate) const NON_ASSET_TYPES: &[&str] =
    &["Shot", "Sequence", "Episode", "Edit", "Scene", "Concept"];
