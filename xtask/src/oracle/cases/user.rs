//! The oracle's cases for gazu's `user` module: the logged-in user (the admin) on the side's
//! project.
//!
//! Extra world keys (per side): `user_task` (a task on the shot, assigned to the logged-in
//! user, with an hour logged on 2026-01-05), `user_notification` (one of theirs, about that
//! task), `user_filter`, `user_filter_group` (saved searches on the side's project, removed by
//! the cases).

use kitsu::Kitsu;
use kitsu::ids::EntityId;
use serde_json::{Value, json};

use crate::oracle::case::{BoxError, Case, World, case};

fn id_of(row: &Value, what: &str) -> Result<String, BoxError> {
    row.get("id")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{what}: the answer has no id: {row}").into())
}

/// Rows this module's cases need beyond the common world, made for each side: a task of the
/// user's, a notification, a saved search and a group of them.
pub async fn setup(kitsu: &Kitsu, world: &mut World) -> Result<(), BoxError> {
    let task: Value = kitsu
        .post(
            "data/tasks",
            &json!({
                "name": "user",
                "project_id": world.get("project")?,
                "task_type_id": world.get("task_type")?,
                "task_status_id": world.get("task_status")?,
                "entity_id": world.get("shot")?,
                "assignees": [world.get("person")?],
            }),
        )
        .await?;
    world.set("user_task", id_of(&task, "task")?);
    // Zou 1.0.97 answers 500 to a day with no time spent on the task: log an hour that day.
    let _: Value = kitsu
        .post(
            format!(
                "actions/tasks/{}/time-spents/2026-01-05/persons/{}",
                world.get("user_task")?,
                world.get("person")?
            ),
            &json!({ "duration": 60 }),
        )
        .await?;
    let notification: Value = kitsu
        .post(
            "data/notifications",
            &json!({
                "person_id": world.get("person")?,
                "author_id": world.get("person")?,
                "task_id": world.get("user_task")?,
                "type": "comment",
            }),
        )
        .await?;
    world.set("user_notification", id_of(&notification, "notification")?);
    let filter: Value = kitsu
        .post(
            "data/user/filters",
            &json!({
                "name": "oracle",
                "query": "SH",
                "list_type": "shot",
                "project_id": world.get("project")?,
            }),
        )
        .await?;
    world.set("user_filter", id_of(&filter, "filter")?);
    let group: Value = kitsu
        .post(
            "data/user/filter-groups",
            &json!({
                "name": "oracle",
                "list_type": "shot",
                "project_id": world.get("project")?,
            }),
        )
        .await?;
    world.set("user_filter_group", id_of(&group, "filter group")?);
    Ok(())
}

/// One case per covered function, run in this order on both sides.
pub fn cases() -> Vec<Case> {
    vec![
        case!(
            "user.is_authenticated",
            r#"gazu.user.is_authenticated()"#,
            |k, w| {
                k.me().is_authenticated().await?;
            }
        ),
        case!("user.get_context", r#"gazu.user.get_context()"#, |k, w| {
            k.me().context().await?;
        }),
        case!(
            "user.all_open_projects",
            r#"gazu.user.all_open_projects()"#,
            |k, w| {
                k.me().open_projects().await?;
            }
        ),
        case!(
            "user.all_asset_types_for_project",
            r#"gazu.user.all_asset_types_for_project(w["project"])"#,
            |k, w| {
                k.me().asset_types(w.id("project")?).await?;
            }
        ),
        case!(
            "user.all_assets_for_asset_type_and_project",
            r#"gazu.user.all_assets_for_asset_type_and_project(w["project"], w["asset_type"])"#,
            |k, w| {
                k.me()
                    .assets_of_type(w.id("project")?, w.id("asset_type")?)
                    .await?;
            }
        ),
        case!(
            "user.all_sequences_for_project",
            r#"gazu.user.all_sequences_for_project(w["project"])"#,
            |k, w| {
                k.me().sequences(w.id("project")?).await?;
            }
        ),
        case!(
            "user.all_episodes_for_project",
            r#"gazu.user.all_episodes_for_project(w["project"])"#,
            |k, w| {
                k.me().episodes(w.id("project")?).await?;
            }
        ),
        case!(
            "user.all_shots_for_sequence",
            r#"gazu.user.all_shots_for_sequence(w["sequence"])"#,
            |k, w| {
                k.me().shots(w.id("sequence")?).await?;
            }
        ),
        case!(
            "user.all_scenes_for_sequence",
            r#"gazu.user.all_scenes_for_sequence(w["sequence"])"#,
            |k, w| {
                k.me().sequence_scenes(w.id("sequence")?).await?;
            }
        ),
        case!(
            "user.all_tasks_for_asset",
            r#"gazu.user.all_tasks_for_asset(w["asset"])"#,
            |k, w| {
                k.me().asset_tasks(w.id("asset")?).await?;
            }
        ),
        case!(
            "user.all_tasks_for_shot",
            r#"gazu.user.all_tasks_for_shot(w["shot"])"#,
            |k, w| {
                k.me().shot_tasks(w.id("shot")?).await?;
            }
        ),
        case!(
            "user.all_tasks_for_scene",
            r#"gazu.user.all_tasks_for_scene(w["scene"])"#,
            |k, w| {
                k.me().scene_tasks(w.id("scene")?).await?;
            }
        ),
        case!(
            "user.all_tasks_for_sequence",
            r#"gazu.user.all_tasks_for_sequence(w["sequence"])"#,
            |k, w| {
                k.me().sequence_tasks(w.id("sequence")?).await?;
            }
        ),
        case!(
            "user.all_task_types_for_asset",
            r#"gazu.user.all_task_types_for_asset(w["asset"])"#,
            |k, w| {
                k.me().asset_task_types(w.id("asset")?).await?;
            }
        ),
        case!(
            "user.all_task_types_for_shot",
            r#"gazu.user.all_task_types_for_shot(w["shot"])"#,
            |k, w| {
                k.me().shot_task_types(w.id("shot")?).await?;
            }
        ),
        case!(
            "user.all_task_types_for_scene",
            r#"gazu.user.all_task_types_for_scene(w["scene"])"#,
            |k, w| {
                k.me().scene_task_types(w.id("scene")?).await?;
            }
        ),
        case!(
            "user.all_task_types_for_sequence",
            r#"gazu.user.all_task_types_for_sequence(w["sequence"])"#,
            |k, w| {
                k.me().sequence_task_types(w.id("sequence")?).await?;
            }
        ),
        case!(
            "user.all_tasks_to_do",
            r#"gazu.user.all_tasks_to_do()"#,
            |k, w| {
                k.me().tasks().await?;
            }
        ),
        case!(
            "user.all_done_tasks",
            r#"gazu.user.all_done_tasks()"#,
            |k, w| {
                k.me().done_tasks().await?;
            }
        ),
        case!(
            "user.all_tasks_requiring_feedback",
            r#"gazu.user.all_tasks_requiring_feedback()"#,
            |k, w| {
                k.me().tasks_to_check().await?;
            }
        ),
        case!(
            "user.get_timespents_range",
            r#"gazu.user.get_timespents_range("2026-01-01", "2026-01-31")"#,
            |k, w| {
                k.me()
                    .time_spents("2026-01-01".parse()?, "2026-01-31".parse()?)
                    .await?;
            }
        ),
        case!(
            "user.get_time_spents_by_date",
            r#"gazu.user.get_time_spents_by_date("2026-01-05")"#,
            |k, w| {
                k.me().time_spents_on("2026-01-05".parse()?).await?;
            }
        ),
        case!(
            "user.get_task_time_spent",
            r#"gazu.user.get_task_time_spent(w["user_task"], "2026-01-05")"#,
            |k, w| {
                k.me()
                    .task_time_spent(w.id("user_task")?, "2026-01-05".parse()?)
                    .await?;
            }
        ),
        case!(
            "user.get_day_off",
            r#"gazu.user.get_day_off("2026-01-05")"#,
            |k, w| {
                k.me().day_off("2026-01-05".parse()?).await?;
            }
        ),
        case!(
            "user.log_desktop_session_log_in",
            r#"gazu.user.log_desktop_session_log_in()"#,
            |k, w| {
                k.me().log_desktop_login().await?;
            }
        ),
        case!(
            "user.all_desktop_login_logs",
            r#"gazu.user.all_desktop_login_logs()"#,
            |k, w| {
                k.me().desktop_login_logs().await?;
            }
        ),
        case!("user.all_filters", r#"gazu.user.all_filters()"#, |k, w| {
            k.me().filters().await?;
        }),
        case!(
            "user.new_filter",
            r#"gazu.user.new_filter("oracle new", "SH01", "shot", project=w["project"], entity_type="Shot")"#,
            |k, w| {
                k.me()
                    .new_filter("oracle new", "SH01", "shot")
                    .project(w.id("project")?)
                    .entity_type("Shot")
                    .await?;
            }
        ),
        case!(
            "user.update_filter",
            r#"gazu.user.update_filter({"id": w["user_filter"], "name": "oracle renamed"})"#,
            |k, w| {
                k.me()
                    .update_filter(
                        w.id("user_filter")?,
                        &json!({ "id": w.get("user_filter")?, "name": "oracle renamed" }),
                    )
                    .await?;
            }
        ),
        case!(
            "user.remove_filter",
            r#"gazu.user.remove_filter(w["user_filter"])"#,
            |k, w| {
                k.me().delete_filter(w.id("user_filter")?).await?;
            }
        ),
        case!(
            "user.all_filter_groups",
            r#"gazu.user.all_filter_groups()"#,
            |k, w| {
                k.me().filter_groups().await?;
            }
        ),
        case!(
            "user.new_filter_group",
            r#"gazu.user.new_filter_group("oracle new", project=w["project"])"#,
            |k, w| {
                k.me()
                    .new_filter_group("oracle new")
                    .project(w.id("project")?)
                    .await?;
            }
        ),
        case!(
            "user.get_filter_group",
            r#"gazu.user.get_filter_group(w["user_filter_group"])"#,
            |k, w| {
                k.me().filter_group(w.id("user_filter_group")?).await?;
            }
        ),
        case!(
            "user.update_filter_group",
            r#"gazu.user.update_filter_group({"id": w["user_filter_group"], "name": "oracle renamed"})"#,
            |k, w| {
                k.me()
                    .update_filter_group(
                        w.id("user_filter_group")?,
                        &json!({ "id": w.get("user_filter_group")?, "name": "oracle renamed" }),
                    )
                    .await?;
            }
        ),
        case!(
            "user.remove_filter_group",
            r#"gazu.user.remove_filter_group(w["user_filter_group"])"#,
            |k, w| {
                k.me()
                    .delete_filter_group(w.id("user_filter_group")?)
                    .await?;
            }
        ),
        case!(
            "user.all_notifications",
            r#"gazu.user.all_notifications()"#,
            |k, w| {
                k.me().notifications().await?;
            }
        ),
        case!(
            "user.get_notification",
            r#"gazu.user.get_notification(w["user_notification"])"#,
            |k, w| {
                k.me().notification(w.id("user_notification")?).await?;
            }
        ),
        case!(
            "user.update_notification",
            r#"gazu.user.update_notification({"id": w["user_notification"], "read": True})"#,
            |k, w| {
                k.me()
                    .set_notification_read(w.id("user_notification")?, true)
                    .await?;
            }
        ),
        case!(
            "user.mark_all_notifications_as_read",
            r#"gazu.user.mark_all_notifications_as_read()"#,
            |k, w| {
                k.me().mark_all_notifications_read().await?;
            }
        ),
        case!(
            "user.subscribe_to_task",
            r#"gazu.user.subscribe_to_task(w["user_task"])"#,
            |k, w| {
                k.me().follow(w.id("user_task")?).await?;
            }
        ),
        case!(
            "user.check_task_subscription",
            r#"gazu.user.check_task_subscription(w["user_task"])"#,
            |k, w| {
                k.me().follows(w.id("user_task")?).await?;
            }
        ),
        case!(
            "user.unsubscribe_from_task",
            r#"gazu.user.unsubscribe_from_task(w["user_task"])"#,
            |k, w| {
                k.me().unfollow(w.id("user_task")?).await?;
            }
        ),
        case!(
            "user.join_chat",
            r#"gazu.user.join_chat(w["shot"])"#,
            |k, w| {
                k.me().join_chat(w.id::<EntityId>("shot")?).await?;
            }
        ),
        case!("user.all_chats", r#"gazu.user.all_chats()"#, |k, w| {
            k.me().chats().await?;
        }),
        case!(
            "user.leave_chat",
            r#"gazu.user.leave_chat(w["shot"])"#,
            |k, w| {
                k.me().leave_chat(w.id::<EntityId>("shot")?).await?;
            }
        ),
        case!(
            "user.clear_avatar",
            r#"gazu.user.clear_avatar()"#,
            |k, w| {
                k.me().clear_avatar().await?;
            }
        ),
    ]
}
