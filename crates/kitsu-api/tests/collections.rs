//! Every model of the collections of Zou (`data/<collection>`) decodes Zou 1.0.97's real
//! answers: one row, a creation, a plain list's row and a row of a list with
//! `relations=true`, captured from a live Zou by `fixtures/capture_collections.py` into
//! `fixtures/collections.json`.
//!
//! Each model must name every field Zou sends (nothing left in `other`), read Zou's own
//! model name (`type`), and give back what it read when serialised again; then each test
//! checks a few typed values (dates, ids, embedded rows).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::NaiveDate;
use kitsu_api::Resource;
use kitsu_api::models::*;
use serde_json::Value;

static FIXTURE: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("fixtures/collections.json")).expect("the fixture is JSON")
});

/// Each answer captured for `collection`, named (`departments get`, `events list[2]`…).
fn answers(collection: &str) -> Vec<(String, String)> {
    let entry = FIXTURE[collection]
        .as_object()
        .unwrap_or_else(|| panic!("no answers of {collection} in the fixture"));
    let mut answers = Vec::new();
    for (kind, answer) in entry {
        match answer {
            Value::Array(rows) => {
                for (index, row) in rows.iter().enumerate() {
                    answers.push((format!("{collection} {kind}[{index}]"), row.to_string()));
                }
            }
            row => answers.push((format!("{collection} {kind}"), row.to_string())),
        }
    }
    assert!(!answers.is_empty(), "no answers of {collection}");
    answers
}

/// Decodes every captured answer of `$model`'s collection, checks nothing is left in
/// `other`, that `type` is `$kind` and that serialising gives the same row back; evaluates
/// to the rows, by the answer's name.
macro_rules! decoded {
    ($model:ty, $kind:literal) => {{
        let mut rows: Vec<(String, $model)> = Vec::new();
        for (what, text) in answers(<$model as Resource>::COLLECTION) {
            let row: $model = serde_json::from_str(&text)
                .unwrap_or_else(|error| panic!("{what} does not decode: {error}\n{text}"));
            assert!(
                row.other.is_empty(),
                "{what}: fields not named by {}: {:?}",
                stringify!($model),
                row.other.keys().collect::<Vec<_>>()
            );
            assert_eq!(row.kind.as_deref(), Some($kind), "{what}");
            let again: $model = serde_json::from_value(serde_json::to_value(&row).unwrap())
                .unwrap_or_else(|error| panic!("{what} does not decode once serialised: {error}"));
            assert_eq!(again, row, "{what} changes once serialised");
            rows.push((what, row));
        }
        rows
    }};
}

/// The row of one kind of answer (`get`, `post`, `list`, `list_relations`).
fn answer<'a, T>(rows: &'a [(String, T)], kind: &str) -> &'a T {
    rows.iter()
        .find(|(what, _)| what.ends_with(&format!(" {kind}")))
        .map(|(_, row)| row)
        .unwrap_or_else(|| panic!("no {kind} answer"))
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn the_fixture_is_the_collections_sections_models() {
    let captured: BTreeSet<&str> = FIXTURE
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for collection in &captured {
        assert!(
            COLLECTIONS.iter().any(|(name, _)| name == collection),
            "{collection} is captured but has no model"
        );
    }
    assert_eq!(captured.len(), 35, "{captured:?}");
}

#[test]
fn attachment_files() {
    let rows = decoded!(AttachmentFile, "AttachmentFile");
    let file = answer(&rows, "get");
    assert_eq!(file.name.as_deref(), Some("notes"));
    assert_eq!(file.size, Some(12));
    let comment = file.comment.as_deref().expect("the comment, embedded");
    assert_eq!(Some(comment.id), file.comment_id);
    assert_eq!(comment.text.as_deref(), Some("first take @Super Admin"));
    assert_eq!(file.chat_message, None);
    assert_eq!(file.reply_id, None);
}

#[test]
fn chats_and_their_messages() {
    let chats = decoded!(Chat, "Chat");
    let chat = answer(&chats, "get");
    assert_eq!(chat.object_type.as_deref(), Some("entity"));
    assert_eq!(chat.participants.len(), 1);
    assert!(answer(&chats, "list").participants.is_empty());
    let messages = decoded!(ChatMessage, "ChatMessage");
    let message = answer(&messages, "get");
    assert_eq!(message.chat_id, Some(chat.id));
    assert_eq!(message.text.as_deref(), Some("hello"));
    assert_eq!(Some(chat.participants[0]), message.person_id);
}

#[test]
fn comments() {
    let rows = decoded!(Comment, "Comment");
    let comment = answer(&rows, "get");
    assert_eq!(comment.object_type.as_deref(), Some("Task"));
    assert_eq!(comment.checklist.len(), 1);
    assert_eq!(comment.checklist[0]["text"], "fix");
    assert_eq!(comment.mentions, vec![comment.person_id.unwrap()]);
    assert_eq!(
        comment
            .person
            .as_ref()
            .and_then(|person| person.full_name.as_deref()),
        Some("Super Admin")
    );
    let [AttachmentFileRef::File(file)] = comment.attachment_files.as_slice() else {
        panic!(
            "one attachment file, as an object: {:?}",
            comment.attachment_files
        );
    };
    assert_eq!(file.extension.as_deref(), Some("txt"));
    let listed = answer(&rows, "list_relations");
    assert!(
        matches!(listed.attachment_files.as_slice(), [AttachmentFileRef::Id(id)] if *id == file.id)
    );
    assert!(matches!(
        listed.previews.as_slice(),
        [PreviewFileRef::Id(_)]
    ));
    let with_previews = answer(&rows, "get_with_previews");
    let [PreviewFileRef::File(preview)] = with_previews.previews.as_slice() else {
        panic!("one preview, as an object: {:?}", with_previews.previews);
    };
    assert_eq!(preview.extension.as_deref(), Some("mp4"));
    assert!(answer(&rows, "list").mentions.is_empty());
}

#[test]
fn custom_actions() {
    let rows = decoded!(CustomAction, "CustomAction");
    let action = answer(&rows, "get");
    assert_eq!(action.url.as_deref(), Some("http://localhost/hook"));
    assert_eq!(action.is_ajax, Some(true));
}

#[test]
fn day_offs() {
    let rows = decoded!(DayOff, "DayOff");
    let day_off = answer(&rows, "get");
    assert_eq!(day_off.date, Some(date("2031-01-02")));
    assert_eq!(day_off.end_date, Some(date("2031-01-03")));
}

#[test]
fn departments() {
    let rows = decoded!(Department, "Department");
    assert_eq!(answer(&rows, "post").color.as_deref(), Some("#123456"));
    assert_eq!(answer(&rows, "get").archived, Some(false));
}

#[test]
fn events() {
    let rows = decoded!(ApiEvent, "ApiEvent");
    assert!(rows.len() >= 4);
    for (what, event) in &rows {
        assert!(event.name.contains(':'), "{what}: {}", event.name);
        assert!(event.data.as_ref().is_some_and(Value::is_object), "{what}");
    }
}

#[test]
fn file_statuses() {
    let rows = decoded!(FileStatus, "FileStatus");
    assert_eq!(answer(&rows, "get").color.as_deref(), Some("#654321"));
}

#[test]
fn hardware_items() {
    let rows = decoded!(HardwareItem, "HardwareItem");
    let item = answer(&rows, "get");
    assert_eq!(
        (item.monthly_cost, item.inventory_amount),
        (Some(10), Some(2))
    );
}

#[test]
fn news() {
    let rows = decoded!(News, "News");
    let news = answer(&rows, "post");
    assert_eq!(news.change, Some(true));
    assert!(news.preview_file_id.is_some() && news.comment_id.is_some());
}

#[test]
fn notifications() {
    let rows = decoded!(Notification, "Notification");
    let notification = answer(&rows, "get");
    assert_eq!(notification.notification_type.as_deref(), Some("comment"));
    assert_eq!(notification.read, Some(false));
    assert_eq!(notification.playlist_id, None);
}

#[test]
fn organisations() {
    let rows = decoded!(Organisation, "Organisation");
    let organisation = answer(&rows, "get");
    assert_eq!(organisation.hours_by_day, Some(8.0));
    assert_eq!(organisation.chat_token_slack.as_deref(), Some(""));
}

#[test]
fn output_files_and_types() {
    let rows = decoded!(OutputFile, "OutputFile");
    let output = answer(&rows, "get");
    assert_eq!(output.quality.as_deref(), Some("high"));
    assert_eq!(output.data, Some(serde_json::json!({"k": 1})));
    let source = output
        .source_file
        .as_deref()
        .expect("the working file, embedded");
    assert_eq!(Some(source.id), output.source_file_id);
    assert_eq!(source.path.as_deref(), Some("/prod/hero_v001.blend"));
    assert_eq!(output.asset_instance_id, None);
    let types = decoded!(OutputType, "OutputType");
    assert_eq!(Some(answer(&types, "get").id), output.output_type_id);
}

#[test]
fn persons() {
    let rows = decoded!(Person, "Person");
    let person = answer(&rows, "get");
    assert_eq!(person.role.as_deref(), Some("admin"));
    assert_eq!(person.timezone.as_deref(), Some("Europe/Paris"));
    assert_eq!(person.contract_type.as_deref(), Some("open-ended"));
    assert_eq!(person.last_presence, None);
    assert!(person.departments.is_empty());
}

#[test]
fn playlists() {
    let rows = decoded!(Playlist, "Playlist");
    let playlist = answer(&rows, "get");
    assert_eq!(playlist.for_entity.as_deref(), Some("asset"));
    assert!(
        playlist
            .shots
            .as_ref()
            .is_some_and(|shots| shots[0]["entity_id"].is_string())
    );
    assert!(playlist.created_by.is_some());
    assert!(playlist.build_jobs.is_empty());
}

#[test]
fn plugins() {
    let rows = decoded!(Plugin, "Plugin");
    let plugin = answer(&rows, "get");
    assert_eq!(plugin.plugin_id, "collfix-plugin");
    assert_eq!(plugin.maintainer_email.as_deref(), Some("me@example.com"));
}

#[test]
fn preview_files() {
    let rows = decoded!(PreviewFile, "PreviewFile");
    let preview = answer(&rows, "get");
    assert_eq!(preview.status.as_deref(), Some("processing"));
    assert_eq!(preview.validation_status.as_deref(), Some("neutral"));
    assert_eq!(preview.duration, Some(0.0));
    assert_eq!(preview.comments.len(), 1);
    assert!(answer(&rows, "list").comments.is_empty());
}

#[test]
fn production_schedules() {
    let versions = decoded!(ProductionScheduleVersion, "ProductionScheduleVersion");
    let version = answer(&versions, "get");
    assert_eq!(version.locked, Some(false));
    let links = decoded!(
        ProductionScheduleVersionTaskLink,
        "ProductionScheduleVersionTaskLink"
    );
    let link = answer(&links, "get");
    assert_eq!(link.production_schedule_version_id, Some(version.id));
    assert_eq!(link.estimation, Some(2.5));
    assert_eq!(
        link.due_date.map(|at| at.to_string()).as_deref(),
        Some("2031-01-05 00:00:00")
    );
}

#[test]
fn project_templates() {
    let rows = decoded!(ProjectTemplate, "ProjectTemplate");
    let template = answer(&rows, "get");
    assert_eq!(template.fps.as_deref(), Some("25"));
    assert_eq!(template.production_style.as_deref(), Some("2d3d"));
    assert_eq!(template.metadata_descriptors, Some(serde_json::json!([])));
    assert!(template.task_types.is_empty() && template.asset_types.is_empty());
}

#[test]
fn salary_scales() {
    let rows = decoded!(SalaryScale, "SalaryScale");
    assert!(answer(&rows, "get").department_id.is_some());
}

#[test]
fn schedule_items() {
    let rows = decoded!(ScheduleItem, "ScheduleItem");
    let item = answer(&rows, "get");
    assert_eq!(item.start_date, Some(date("2031-01-02")));
    assert_eq!(item.man_days, Some(5));
    assert!(item.object_id.is_some());
}

#[test]
fn search_filters_and_groups() {
    let groups = decoded!(SearchFilterGroup, "SearchFilterGroup");
    let filters = decoded!(SearchFilter, "SearchFilter");
    let filter = answer(&filters, "get");
    assert_eq!(
        filter.search_filter_group_id,
        Some(answer(&groups, "get").id)
    );
    assert_eq!(filter.search_query.as_deref(), Some("hero"));
    assert_eq!(filter.is_shared, Some(false));
}

#[test]
fn softwares() {
    let rows = decoded!(Software, "Software");
    let software = answer(&rows, "get");
    assert_eq!(software.file_extension.as_deref(), Some("blend"));
    assert_eq!(
        software.secondary_extensions,
        Some(serde_json::json!(["blend1"]))
    );
}

#[test]
fn subscriptions() {
    let rows = decoded!(Subscription, "Subscription");
    let subscription = answer(&rows, "get");
    assert!(subscription.task_id.is_some());
    assert_eq!(subscription.entity_id, None);
}

#[test]
fn task_statuses_and_types() {
    let statuses = decoded!(TaskStatus, "TaskStatus");
    assert_eq!(answer(&statuses, "get").is_wip, Some(false));
    let types = decoded!(TaskType, "TaskType");
    assert_eq!(answer(&types, "get").allow_timelog, Some(true));
}

#[test]
fn task_type_and_status_links() {
    let type_links = decoded!(TaskTypeLink, "ProjectTaskTypeLink");
    let type_link = answer(&type_links, "post");
    assert_eq!(type_link.priority, Some(2));
    assert_eq!(type_link.is_client_visible, Some(true));
    let status_links = decoded!(TaskStatusLink, "ProjectTaskStatusLink");
    let status_link = answer(&status_links, "post");
    assert_eq!(status_link.roles_for_board, ["user", "admin"]);
    assert_eq!(status_link.is_client_allowed, None);
}

#[test]
fn tasks() {
    let rows = decoded!(Task, "Task");
    let task = answer(&rows, "get");
    assert_eq!(task.assignees.len(), 1);
    assert_eq!(task.data, Some(serde_json::json!({"k": 1})));
    assert!(task.real_start_date.is_some());
    assert!(answer(&rows, "list").assignees.is_empty());
}

#[test]
fn time_spents() {
    let rows = decoded!(TimeSpent, "TimeSpent");
    let spent = answer(&rows, "get");
    assert_eq!(spent.date, Some(date("2031-01-02")));
    assert_eq!(spent.duration, Some(120.0));
}

#[test]
fn working_files() {
    let rows = decoded!(WorkingFile, "WorkingFile");
    let file = answer(&rows, "get");
    assert_eq!(file.revision, Some(1));
    assert_eq!(file.validation_status.as_deref(), Some("neutral"));
    assert_eq!(file.outputs.len(), 1);
    assert!(file.software_id.is_some());
}

/// The named accessors and lookups reach their collection (against the fake Kitsu, which
/// knows departments).
#[tokio::test]
async fn accessors_reach_their_collections() {
    use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
    use kitsu_session::{Credentials, Session};
    use kitsu_transport::Transport;

    let kitsu = MockKitsu::builder().demo_data().start().await.unwrap();
    let transport = Transport::builder(kitsu.base_url()).build().unwrap();
    let session = Session::log_in(transport, Credentials::new(ADMIN_EMAIL, ADMIN_PASSWORD))
        .await
        .unwrap();
    let client = kitsu_api::Client::new(session.transport().clone());
    std::mem::forget(session); // the mock dies with the test; no logout needed

    let departments = client.departments();
    let layout = departments
        .create(&serde_json::json!({"name": "Matte painting", "color": "#00ff00"}))
        .await
        .unwrap();
    assert_eq!(layout.color.as_deref(), Some("#00ff00"));
    let found = departments
        .by_name("Matte painting")
        .await
        .unwrap()
        .expect("found by name");
    assert_eq!(found.id, layout.id);
    assert!(departments.by_name("Nope").await.unwrap().is_none());
    assert!(
        departments
            .list()
            .await
            .unwrap()
            .iter()
            .any(|d| d.id == layout.id)
    );
    assert_eq!(
        format!("{:?}", client.softwares()),
        r#"Collection { collection: "softwares", .. }"#
    );
    assert_eq!(
        format!("{:?}", client.api_events()),
        r#"Collection { collection: "events", .. }"#
    );
}
