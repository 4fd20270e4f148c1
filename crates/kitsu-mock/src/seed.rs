//! Seeding: Zou's `init-data`, the admin, and a builder-style [`Seeder`] for test data.

use serde_json::{Value, json};

use crate::routes::{NewEntity, insert_entity, insert_task, seed_cast};
use crate::store::{Db, Row, obj, str_field};

/// The admin every mock starts with (the address and password of Zou's own docs).
pub const ADMIN_EMAIL: &str = "admin@example.com";
/// The admin's password.
pub const ADMIN_PASSWORD: &str = "mysecretpassword";

/// Adds rows to a mock's database before it starts. Every method returns the new row's id.
///
/// ```
/// # async fn demo() -> std::io::Result<()> {
/// let kitsu = kitsu_mock::MockKitsu::builder()
///     .seed(|seed| {
///         let project = seed.project("Agent 327");
///         let sequence = seed.sequence(&project, "SQ01");
///         let shot = seed.shot(&project, &sequence, "SH010");
///         let animation = seed.task_type("Animation");
///         seed.task(&shot, &animation);
///         let hero = seed.asset(&project, "Character", "Hero");
///         seed.cast(&shot, &hero, 2);
///     })
///     .start()
///     .await?;
/// # Ok(()) }
/// ```
pub struct Seeder<'a> {
    db: &'a mut Db,
    admin_id: String,
}

impl std::fmt::Debug for Seeder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Seeder").finish_non_exhaustive()
    }
}

fn id_of(row: &Row) -> String {
    str_field(row, "id").unwrap_or_default().to_owned()
}

impl<'a> Seeder<'a> {
    pub(crate) fn new(db: &'a mut Db) -> Self {
        let admin_id = db
            .find_by("persons", "email", ADMIN_EMAIL)
            .map(id_of)
            .unwrap_or_default();
        Seeder { db, admin_id }
    }

    /// An open project.
    pub fn project(&mut self, name: &str) -> String {
        let open = self.db.find_by("project_status", "name", "Open").map(id_of);
        let row = obj(json!({
            "name": name, "code": null, "description": null, "shotgun_id": null, "file_tree": null,
            "data": null, "has_avatar": false, "fps": "25", "ratio": "16:9", "resolution": "1920x1080",
            "production_type": "short", "production_style": "2d3d", "start_date": null, "end_date": null,
            "man_days": null, "nb_episodes": 0, "episode_span": 0, "max_retakes": 0,
            "project_status_id": open, "is_clients_isolated": false, "homepage": "assets",
            "is_preview_download_allowed": false, "is_set_preview_automated": false,
            "is_client_stats_visible": true, "is_client_task_list_visible": true,
            "is_client_task_panel_visible": true, "is_publish_default_for_artists": false,
            "is_bot_collaboration_enabled": false, "is_single_preview_per_revision": false,
            "is_frame_in_numbering": false, "revision_padding": 0, "hd_bitrate_compression": null,
            "ld_bitrate_compression": null, "default_preview_background_file_id": null,
            "from_schedule_version_id": null,
            "team": [], "asset_types": [], "task_types": [], "task_statuses": [],
            "status_automations": [], "preview_background_files": [],
        }));
        id_of(&self.db.insert("projects", "Project", row))
    }

    /// Sets a project's status to Closed.
    pub fn close_project(&mut self, project: &str) {
        let closed = self
            .db
            .find_by("project_status", "name", "Closed")
            .map(id_of);
        self.db.update(
            "projects",
            project,
            obj(json!({"project_status_id": closed})),
        );
    }

    /// Adds a person to a project's team.
    pub fn add_to_team(&mut self, project: &str, person: &str) {
        if let Some(Value::Array(team)) = self
            .db
            .get_mut("projects", project)
            .and_then(|p| p.get_mut("team"))
        {
            team.push(json!(person));
        }
    }

    fn entity(
        &mut self,
        kind: &str,
        project: &str,
        type_name: &str,
        name: &str,
        parent: Value,
    ) -> String {
        let entity_type_id = self.db.entity_type_id(type_name);
        let row = insert_entity(
            self.db,
            NewEntity {
                kind_name: kind,
                project,
                entity_type_id: &entity_type_id,
                name,
                parent,
                description: if kind == "Shot" {
                    Value::Null
                } else {
                    json!("")
                },
                nb_frames: Value::Null,
                data: json!({}),
                creator: &self.admin_id,
            },
        );
        id_of(&row)
    }

    /// An episode (of a TV show).
    pub fn episode(&mut self, project: &str, name: &str) -> String {
        self.entity("Episode", project, "Episode", name, Value::Null)
    }

    /// A sequence.
    pub fn sequence(&mut self, project: &str, name: &str) -> String {
        self.entity("Sequence", project, "Sequence", name, Value::Null)
    }

    /// A shot in a sequence.
    pub fn shot(&mut self, project: &str, sequence: &str, name: &str) -> String {
        self.entity("Shot", project, "Shot", name, json!(sequence))
    }

    /// A sequence of an episode (a TV show's).
    pub fn episode_sequence(&mut self, project: &str, episode: &str, name: &str) -> String {
        self.entity("Sequence", project, "Sequence", name, json!(episode))
    }

    /// A TV show (`production_type: tvshow`), open, with no episode yet.
    pub fn tv_show(&mut self, name: &str) -> String {
        let project = self.project(name);
        self.db.update(
            "projects",
            &project,
            obj(json!({"production_type": "tvshow"})),
        );
        project
    }

    /// Sets a shot's frame range as gazu's `new_shot` does: `nb_frames` and
    /// `data.frame_in`/`data.frame_out`.
    pub fn frames(&mut self, shot: &str, frame_in: i64, frame_out: i64) {
        self.db.update(
            "entities",
            shot,
            obj(json!({
                "nb_frames": frame_out - frame_in + 1,
                "data": {"frame_in": frame_in, "frame_out": frame_out},
            })),
        );
    }

    /// Merges keys into an entity's free-form `data` (shot, sequence, episode, asset).
    pub fn entity_data(&mut self, entity: &str, data: Value) {
        self.db
            .update("entities", entity, obj(json!({ "data": data })));
    }

    /// Casts an asset in a shot, an asset or an episode `nb_occurences` times, as
    /// `PUT data/projects/{id}/entities/{id}/casting` does (a shot's episode gets the asset
    /// too). Returns the link's id (empty when either entity is unknown).
    pub fn cast(&mut self, entity: &str, asset: &str, nb_occurences: i64) -> String {
        self.cast_labeled(entity, asset, nb_occurences, "")
    }

    /// [`Seeder::cast`] with a label (`"animate"`, `"fixed"`…).
    pub fn cast_labeled(
        &mut self,
        entity: &str,
        asset: &str,
        nb_occurences: i64,
        label: &str,
    ) -> String {
        seed_cast(self.db, entity, asset, nb_occurences, label).unwrap_or_default()
    }

    /// Adds an asset type to a project's settings (`asset_types`).
    pub fn project_asset_type(&mut self, project: &str, asset_type: &str) {
        if let Some(Value::Array(types)) = self
            .db
            .get_mut("projects", project)
            .and_then(|p| p.get_mut("asset_types"))
        {
            if !types.iter().any(|t| t.as_str() == Some(asset_type)) {
                types.push(json!(asset_type));
            }
        }
    }

    /// An asset type (entity type), or the id of the existing one of that name.
    pub fn asset_type(&mut self, name: &str) -> String {
        self.db.entity_type_id(name)
    }

    /// An asset of an asset type (by name, created if missing).
    pub fn asset(&mut self, project: &str, asset_type: &str, name: &str) -> String {
        self.entity("Asset", project, asset_type, name, Value::Null)
    }

    /// The id of a task type by name, created (for shots) if missing.
    pub fn task_type(&mut self, name: &str) -> String {
        if let Some(row) = self.db.find_by("task_types", "name", name) {
            return id_of(row);
        }
        let row = obj(
            json!({"name": name, "short_name": name.to_lowercase(), "color": "#999999",
                             "priority": 1, "for_entity": "Shot", "allow_timelog": true, "archived": false,
                             "description": null, "department_id": null, "shotgun_id": null}),
        );
        id_of(&self.db.insert("task_types", "TaskType", row))
    }

    /// The id of a task status by short name (`todo`, `wip`, `wfa`, `done`, `retake`).
    pub fn task_status(&mut self, short_name: &str) -> Option<String> {
        self.db
            .find_by("task_status", "short_name", short_name)
            .map(id_of)
    }

    /// A task of a type on an entity, in the default status.
    pub fn task(&mut self, entity: &str, task_type: &str) -> String {
        let project = self
            .db
            .get("entities", entity)
            .and_then(|e| str_field(e, "project_id"))
            .unwrap_or_default()
            .to_owned();
        let status = self.task_status("todo");
        let row = insert_task(
            self.db,
            &project,
            task_type,
            status.as_deref(),
            entity,
            &self.admin_id,
        );
        id_of(&row)
    }

    /// The seeded administrator's id (who logs in with [`ADMIN_EMAIL`]).
    pub fn admin(&self) -> String {
        self.admin_id.clone()
    }

    /// Assigns a task to a person (added to the task's assignees).
    pub fn assign(&mut self, task: &str, person: &str) {
        let mut assignees = self
            .db
            .get("tasks", task)
            .and_then(|t| t.get("assignees"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if !assignees.iter().any(|a| a.as_str() == Some(person)) {
            assignees.push(json!(person));
        }
        self.db
            .update("tasks", task, obj(json!({ "assignees": assignees })));
    }

    /// Sets a task's status by its short name (`wip`, `wfa`, `done`…).
    pub fn set_task_status(&mut self, task: &str, short_name: &str) {
        if let Some(status) = self.task_status(short_name) {
            self.db
                .update("tasks", task, obj(json!({ "task_status_id": status })));
        }
    }

    /// A person who can log in. `role` is Zou's: `admin`, `manager`, `supervisor`, `user` (artist),
    /// `client`, `vendor`.
    pub fn person(
        &mut self,
        first_name: &str,
        last_name: &str,
        email: &str,
        password: &str,
        role: &str,
    ) -> String {
        let row = person_row(first_name, last_name, email, role);
        let id = id_of(&self.db.insert("persons", "Person", row));
        self.db.accounts.entry(id.clone()).or_default().password = Some(password.to_owned());
        id
    }

    /// Makes a person's login require a second factor, as Zou does once the person enabled it:
    /// `method` is Zou's name (`totp` for an authenticator app, `email_otp` for a code sent
    /// by email) and `code` the one code the mock accepts for it. The first method required
    /// is the person's preferred one. A login without a code is answered `missing_OTP`, one
    /// with a wrong code `wrong_OTP`, as Zou answers them.
    pub fn require_second_factor(&mut self, person: &str, method: &str, code: &str) {
        let account = self.db.accounts.entry(person.to_owned()).or_default();
        account
            .second_factors
            .push((method.to_owned(), code.to_owned()));
        let preferred = account.second_factors.first().map(|(m, _)| m.clone());
        self.db.update(
            "persons",
            person,
            obj(json!({
                format!("{method}_enabled"): true,
                "preferred_two_factor_authentication": preferred,
            })),
        );
    }

    /// Marks a person inactive (login then answers 401 "unactive").
    pub fn deactivate(&mut self, person: &str) {
        self.db
            .update("persons", person, obj(json!({"active": false})));
    }

    /// A comment on a task with a ready preview file holding `bytes` (extension `png`, `mp4`…).
    /// Returns the preview file's id.
    pub fn preview(
        &mut self,
        task: &str,
        extension: &str,
        bytes: impl Into<bytes::Bytes>,
    ) -> String {
        let bytes = bytes.into();
        let status = self.task_status("wip");
        let comment = self.db.insert(
            "comments",
            "Comment",
            obj(json!({"object_id": task, "object_type": "Task", "text": "", "task_status_id": status,
                       "person_id": self.admin_id, "previews": [], "checklist": [], "replies": []})),
        );
        let revision = self
            .db
            .rows("preview_files")
            .iter()
            .filter(|p| str_field(p, "task_id") == Some(task))
            .count()
            + 1;
        let preview = self.db.insert(
            "preview_files",
            "PreviewFile",
            obj(json!({"name": format!("v{revision}"), "original_name": "seed", "revision": revision,
                       "extension": extension, "file_size": bytes.len(), "status": "ready", "task_id": task,
                       "person_id": self.admin_id, "is_movie": extension == "mp4", "position": 1})),
        );
        let id = id_of(&preview);
        self.db.update(
            "comments",
            &id_of(&comment),
            obj(json!({"preview_file_id": id, "previews": [id]})),
        );
        self.db.files.insert(
            format!("preview-files/{id}"),
            crate::store::StoredFile {
                bytes,
                extension: extension.to_owned(),
            },
        );
        id
    }

    /// Inserts any row into a `data/<model>` collection (`"departments"`, `"comments"`…).
    pub fn insert(&mut self, model: &str, row: Value) -> Option<String> {
        let model = crate::store::model(model)?;
        Some(id_of(&self.db.insert(
            model.table,
            model.type_name,
            obj(row),
        )))
    }
}

fn person_row(first_name: &str, last_name: &str, email: &str, role: &str) -> Row {
    obj(json!({
        "first_name": first_name, "last_name": last_name, "full_name": format!("{first_name} {last_name}"),
        "email": email, "phone": null, "active": true, "archived": false, "last_presence": null,
        "desktop_login": "", "login_failed_attemps": 0, "last_login_failed": null, "totp_enabled": false,
        "email_otp_enabled": false, "fido_enabled": false, "shotgun_id": null, "timezone": "Europe/Paris",
        "locale": "en_US", "data": null, "role": role, "has_avatar": false, "notifications_enabled": false,
        "notifications_slack_enabled": false, "is_bot": false, "expiration_date": null,
        "contract_type": "open-ended", "studio_id": null, "departments": [],
    }))
}

/// What `zou init-data` and `zou create-admin` leave in a fresh database.
pub(crate) fn init_data(db: &mut Db) {
    for (name, color) in [("Open", "#000000"), ("Closed", "#000000")] {
        db.insert(
            "project_status",
            "ProjectStatus",
            obj(json!({"name": name, "color": color})),
        );
    }
    for name in [
        "Character",
        "Prop",
        "Environment",
        "FX",
        "Episode",
        "Sequence",
        "Shot",
    ] {
        db.entity_type_id(name);
    }
    for name in [
        "Modeling",
        "Animation",
        "FX",
        "Compositing",
        "Concept",
        "Layout",
    ] {
        db.insert(
            "departments",
            "Department",
            obj(json!({"name": name, "color": "#999999", "archived": false})),
        );
    }
    let task_types = [
        ("Concept", "Asset"),
        ("Modeling", "Asset"),
        ("Shading", "Asset"),
        ("Rigging", "Asset"),
        ("Storyboard", "Shot"),
        ("Layout", "Shot"),
        ("Animation", "Shot"),
        ("Lighting", "Shot"),
        ("FX", "Shot"),
        ("Rendering", "Shot"),
        ("Compositing", "Shot"),
    ];
    for (priority, (name, for_entity)) in task_types.into_iter().enumerate() {
        db.insert("task_types", "TaskType", obj(json!({
            "name": name, "short_name": name.chars().take(3).collect::<String>().to_lowercase(),
            "description": null, "color": "#999999", "priority": priority + 1, "for_entity": for_entity,
            "allow_timelog": true, "archived": false, "shotgun_id": null, "department_id": null,
        })));
    }
    let statuses = [
        ("Todo", "todo", true, false, false, false),
        ("Ready To Start", "ready", false, false, false, false),
        ("Work In Progress", "wip", false, false, false, true),
        ("Waiting For Approval", "wfa", false, false, true, false),
        ("Retake", "retake", false, false, false, false),
        ("Done", "done", false, true, false, false),
    ];
    for (name, short, is_default, is_done, feedback, wip) in statuses {
        db.insert("task_status", "TaskStatus", obj(json!({
            "name": name, "short_name": short, "description": null, "color": "#f5f5f5", "priority": 1,
            "is_done": is_done, "is_artist_allowed": true, "is_client_allowed": true, "is_retake": short == "retake",
            "is_feedback_request": feedback, "is_default": is_default, "is_wip": wip, "archived": false,
            "shotgun_id": null,
        })));
    }
    let admin = person_row("Super", "Admin", ADMIN_EMAIL, "admin");
    let admin_id = id_of(&db.insert("persons", "Person", admin));
    db.accounts.entry(admin_id).or_default().password = Some(ADMIN_PASSWORD.to_owned());
    db.organisation = obj(json!({
        "id": crate::store::new_id(), "name": "Kitsu", "hours_by_day": 8.0, "has_avatar": false,
        "use_original_file_name": false, "timesheets_locked": false, "format_duration_in_hours": false,
        "hd_by_default": false, "chat_token_slack": "", "chat_webhook_mattermost": "",
        "chat_token_discord": "", "dark_theme_by_default": false, "type": "Organisation",
    }));
}

/// A small production for the quick start and the examples: one project, two sequences of five
/// shots with Animation and Compositing tasks (three with a 64 KiB movie preview), and three assets.
pub(crate) fn demo_data(seed: &mut Seeder<'_>) {
    let project = seed.project("Demo Project");
    let animation = seed.task_type("Animation");
    let compositing = seed.task_type("Compositing");
    for sequence_number in 1..=2 {
        let sequence = seed.sequence(&project, &format!("SQ{sequence_number:02}"));
        for shot_number in 1..=5 {
            let shot = seed.shot(&project, &sequence, &format!("SH{:03}", shot_number * 10));
            let task = seed.task(&shot, &animation);
            seed.task(&shot, &compositing);
            if sequence_number == 1 && shot_number <= 3 {
                let movie: Vec<u8> = (0..64 * 1024u32).map(|i| (i % 241) as u8).collect();
                seed.preview(&task, "mp4", movie);
            }
        }
    }
    for (asset_type, name) in [
        ("Character", "Hero"),
        ("Prop", "Sword"),
        ("Environment", "Forest"),
    ] {
        seed.asset(&project, asset_type, name);
    }
}
